//! Resolving an `[[entity]]`: class, labels, dates, identifiers, members, links, quotes, the
//! forms texts may name it by, and the places where a form does not name it.

use super::corpus::ParsedFile;
use super::error::{AnnotationError, Errors};
use super::model::EntityAnnotation;
use super::resolve::{place_quote, place_quotes, ItemContext, Resolver};
use super::resolved::ResolvedEntity;
use crate::text::{QuoteSelector, SourceText};
use oxigraph::model::Literal;

impl Resolver<'_> {
    pub(crate) fn entity(
        &self,
        file: &ParsedFile,
        entity: &EntityAnnotation,
        text: Option<&SourceText>,
    ) -> Result<ResolvedEntity, Errors> {
        let item = ItemContext {
            place: file.place(&entity.id),
            id: entity.id.get_ref(),
        };
        let class = self.class(&item, &entity.class)?;
        let mut labels = Vec::new();
        for (tag, label) in &entity.labels {
            labels.push(
                Literal::new_language_tagged_literal(label, tag)
                    .map_err(|e| item.err(format!("labels: invalid language tag `{tag}`: {e}")))?,
            );
        }
        let mut same_as = Vec::new();
        for same in &entity.same_as {
            same_as.push(self.external(&item, "same_as", same)?);
        }
        let mut members = Vec::new();
        for member in &entity.members {
            members.push(self.reference(&item, "members", None, member)?);
        }
        // Every failing quote (of a list) is reported; other checks stop the entity at the first.
        let (quotes, content) = entity_quotes(&item, entity, text)?;
        let date = self.date(&item, entity.date.as_ref())?;
        let links = self.links(&item, &entity.links)?;
        let mention_forms = mention_forms(&item, entity)?;
        let exclusions = exclusions(&item, entity, text)?;
        Ok(ResolvedEntity {
            exclusions,
            id: item.id.to_owned(),
            iri: self.base.item(item.id),
            class,
            is_concept: self.ontology.is_subclass_of(&entity.class, "Concept"),
            label: entity.label.clone(),
            labels,
            aliases: entity.aliases.clone(),
            translations: entity.translations.clone(),
            roles: entity.roles.clone(),
            date,
            value: entity.value,
            unit: entity.unit.clone(),
            same_as,
            members,
            quotes,
            content,
            links,
            mention_forms,
        })
    }
}

/// An entity's quotes (where the text names it) and content quote. A document file's entity
/// needs at least one quote; an entity file has no text, so its entities have none.
fn entity_quotes(
    item: &ItemContext<'_>,
    entity: &EntityAnnotation,
    text: Option<&SourceText>,
) -> Result<(Vec<QuoteSelector>, Option<QuoteSelector>), Errors> {
    let Some(text) = text else {
        if !entity.quotes.is_empty() || entity.content.is_some() {
            return Err(item
                .err("quotes and content need a text: an entity file declares, a document file quotes")
                .into());
        }
        return Ok((Vec::new(), None));
    };
    if entity.quotes.is_empty() {
        return Err(item
            .err("needs at least one quote where the text names it")
            .into());
    }
    let mut errors = Errors::default();
    let quotes = errors.take(place_quotes(item, text, &entity.quotes, ""));
    let content = entity
        .content
        .as_ref()
        .and_then(|c| errors.keep(place_quote(item, text, c, "")));
    errors.into_result((quotes.unwrap_or_default(), content))
}

/// The forms under which texts may name the entity: its label, its labels in other languages,
/// its aliases and its mention forms, each once, in that order.
fn mention_forms(
    item: &ItemContext<'_>,
    entity: &EntityAnnotation,
) -> Result<Vec<String>, AnnotationError> {
    let mut forms: Vec<String> = Vec::new();
    let candidates = std::iter::once((&entity.label, None))
        .chain(entity.labels.values().map(|l| (l, None)))
        .chain(entity.aliases.iter().map(|a| (a, Some("alias"))))
        .chain(entity.mentions.iter().map(|m| (m, Some("mention form"))));
    for (form, kind) in candidates {
        if let (Some(kind), true) = (kind, form.trim().is_empty()) {
            return Err(item.err(format!("empty {kind}")));
        }
        if !forms.contains(form) {
            forms.push(form.clone());
        }
    }
    Ok(forms)
}

/// The spans of the document's text where a form does not name this entity.
fn exclusions(
    item: &ItemContext<'_>,
    entity: &EntityAnnotation,
    text: Option<&SourceText>,
) -> Result<Vec<QuoteSelector>, Errors> {
    match text {
        None if !entity.exclusions.is_empty() => Err(item
            .err("exclusions are places in a text: they belong in a document file, not an entity file")
            .into()),
        None => Ok(Vec::new()),
        Some(text) => place_quotes(item, text, &entity.exclusions, "exclusions: "),
    }
}
