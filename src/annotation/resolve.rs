//! The **resolve** phase: every reference checked against the corpus's symbol table and the
//! ontology, every quote placed in its text, every date and tag checked, every IRI minted. What
//! comes out ([`ResolvedFile`]) holds checked values only; emitting triples from it cannot fail.

use super::corpus::{Kind, ParsedFile, SymbolTable};
use super::error::{AnnotationError, Errors, Place};
use super::model::{ClaimAnnotation, OneOrMany, QuoteSpec};
use super::resolved::{ResolvedClaim, ResolvedFile};
use crate::ontology::Ontology;
use crate::text::{QuoteSelector, SourceText};
use crate::util::suggest::did_you_mean;
use crate::vocab::{iri, ns, Base};
use oxigraph::model::{Literal, NamedNode};
use std::collections::{BTreeMap, BTreeSet};

/// Whether `id` is a lowercase slug like `xi-jinping`.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` into the matching XSD literal, checking it is a real date.
pub fn date_literal(value: &str) -> Option<Literal> {
    use std::str::FromStr;
    let (ok, datatype) = match value.len() {
        4 => (oxsdatatypes::GYear::from_str(value).is_ok(), "gYear"),
        7 => (
            oxsdatatypes::GYearMonth::from_str(value).is_ok(),
            "gYearMonth",
        ),
        10 => (oxsdatatypes::Date::from_str(value).is_ok(), "date"),
        _ => (false, ""),
    };
    (ok && value.starts_with(|c: char| c.is_ascii_digit()))
        .then(|| Literal::new_typed_literal(value, iri(ns::XSD, datatype)))
}

/// What the resolve phase checks against: the ontology, the corpus's ids, the base.
pub struct Resolver<'a> {
    pub ontology: &'a Ontology,
    pub symbols: &'a SymbolTable,
    pub base: &'a Base,
}

/// One item being resolved: where it is, for messages.
pub(crate) struct ItemContext<'a> {
    pub place: Place,
    pub id: &'a str,
}

impl ItemContext<'_> {
    pub fn err(&self, reason: impl Into<String>) -> AnnotationError {
        AnnotationError::item(&self.place, self.id, reason)
    }
}

impl Resolver<'_> {
    /// Resolves one parsed file; the first error, as `load` reports it.
    pub fn resolve_file(&self, file: &ParsedFile) -> Result<ResolvedFile, AnnotationError> {
        self.resolve_file_all(file).map_err(Errors::first)
    }

    /// Resolves one parsed file, collecting every error (item by item; every quote of an item)
    /// in the order [`Resolver::resolve_file`] would meet them.
    pub fn resolve_file_all(&self, file: &ParsedFile) -> Result<ResolvedFile, Errors> {
        let text = self.source_text(file)?;
        let mut errors = Errors::default();
        let document = match (&file.annotation.document, &text) {
            (Some(doc), Some(text)) => errors.take(self.document(file, doc, text)),
            _ => None,
        };
        let mut entities = Vec::new();
        for entity in &file.annotation.entities {
            entities.extend(errors.take(self.entity(file, entity, text.as_ref())));
        }
        let mut claims = Vec::new();
        for claim in &file.annotation.claims {
            let Some(text) = &text else {
                errors.0.push(AnnotationError::item(
                    &file.place(&claim.id),
                    claim.id.get_ref(),
                    "a claim needs a text to quote: claims belong in a document file, with [document]",
                ));
                continue;
            };
            claims.extend(errors.take(self.claim(file, claim, text)));
        }
        let (graph_id, graph) = match (&document, &file.entity_file_id) {
            (Some(doc), _) => (doc.id.clone(), self.base.document_graph(&doc.id)),
            (None, Some(stem)) => {
                let id = format!("entities/{stem}");
                let graph = self.base.document_graph(&id);
                (id, graph)
            }
            // A document file whose [document] failed: its errors say why.
            (None, None) => return Err(errors),
        };
        let (curator, curation) = self.curation(file)?;
        let mut resolved = ResolvedFile {
            name: file.name.clone(),
            curation_graph: self.base.curation_graph(&graph_id),
            graph_id,
            graph,
            document,
            entities,
            claims,
            curator,
            curation,
        };
        if let Some(doc) = &file.annotation.document {
            let placed =
                super::structure::place_structure(&mut resolved, doc, &file.place(&doc.id));
            errors.take(placed);
        }
        errors.into_result(resolved)
    }

    /// The document's text, checked against its recorded SHA-256 and decoded.
    fn source_text(&self, file: &ParsedFile) -> Result<Option<SourceText>, AnnotationError> {
        let (Some(doc), Some(bytes)) = (&file.annotation.document, &file.text) else {
            return Ok(None);
        };
        let actual = crate::util::hash::sha256_hex(bytes);
        if !actual.eq_ignore_ascii_case(doc.sha256.trim()) {
            return Err(AnnotationError::TextHash {
                file: file.name.clone(),
                text: doc.text.clone(),
                expected: doc.sha256.clone(),
                actual,
            });
        }
        let text = std::str::from_utf8(bytes).map_err(|e| {
            AnnotationError::item(
                &file.place(&doc.id),
                &doc.text,
                format!("text is not UTF-8: {e}"),
            )
        })?;
        Ok(Some(SourceText::new(text)))
    }

    /// Resolves a reference: an id of the corpus (optionally written `wld:id`), or `<iri>`.
    /// When `property` (a `wl:` local name) has a `wl:` range, the target must be of that class.
    pub(crate) fn reference(
        &self,
        item: &ItemContext<'_>,
        field: &str,
        property: Option<&str>,
        reference: &str,
    ) -> Result<NamedNode, AnnotationError> {
        if let Some(iri) = reference
            .strip_prefix('<')
            .and_then(|r| r.strip_suffix('>'))
        {
            return NamedNode::new(iri)
                .map_err(|e| item.err(format!("{field}: invalid IRI <{iri}>: {e}")));
        }
        let id = reference.strip_prefix("wld:").unwrap_or(reference);
        let Some(symbol) = self.symbols.get(id) else {
            return Err(item.err(format!(
                "{field}: unknown reference `{reference}`{}",
                did_you_mean(id, self.symbols.ids())
            )));
        };
        if let Some(range) = property.and_then(|p| self.ontology.range(p)) {
            if !self.ontology.is_subclass_of(&symbol.class, range) {
                return Err(item.err(format!(
                    "{field}: `{id}` is a {} (wl:{}, declared at {}), not a wl:{range} as wl:{} requires",
                    symbol.kind.name(),
                    symbol.class,
                    symbol.place,
                    property.unwrap_or_default()
                )));
            }
        }
        Ok(self.base.item(id))
    }

    /// A `wl:` class of the ontology.
    pub(crate) fn class(
        &self,
        item: &ItemContext<'_>,
        class: &str,
    ) -> Result<NamedNode, AnnotationError> {
        if self.ontology.classes.contains(class) {
            Ok(self.base.term(class))
        } else {
            Err(item.err(format!(
                "type: `{class}` is not a class of the ontology{}",
                did_you_mean(class, self.ontology.classes.iter().map(String::as_str))
            )))
        }
    }

    pub(crate) fn date(
        &self,
        item: &ItemContext<'_>,
        date: Option<&String>,
    ) -> Result<Option<Literal>, AnnotationError> {
        date.map(|value| {
            date_literal(value).ok_or_else(|| {
                item.err(format!(
                    "malformed date `{value}` (expected YYYY, YYYY-MM or YYYY-MM-DD)"
                ))
            })
        })
        .transpose()
    }

    /// `links`: `wl:` object properties to the ids they point at.
    pub(crate) fn links(
        &self,
        item: &ItemContext<'_>,
        links: &BTreeMap<String, OneOrMany>,
    ) -> Result<Vec<(NamedNode, NamedNode)>, AnnotationError> {
        let mut out = Vec::new();
        for (property, targets) in links {
            if !self.ontology.object_properties.contains(property) {
                let known = self.ontology.object_properties.iter().map(String::as_str);
                return Err(item.err(format!(
                    "links: `{property}` is not an object property of the ontology{}",
                    did_you_mean(property, known)
                )));
            }
            for target in targets.ids() {
                let field = format!("links.{property}");
                let object = self.reference(item, &field, Some(property), target)?;
                out.push((self.base.term(property), object));
            }
        }
        Ok(out)
    }

    fn claim(
        &self,
        file: &ParsedFile,
        claim: &ClaimAnnotation,
        text: &SourceText,
    ) -> Result<ResolvedClaim, Errors> {
        let item = ItemContext {
            place: file.place(&claim.id),
            id: claim.id.get_ref(),
        };
        let mut errors = Errors::default();
        let claimant =
            errors.keep(self.reference(&item, "claimant", Some("claimant"), &claim.claimant));
        let source = claim
            .source
            .as_ref()
            .map(|s| self.reference(&item, "source", Some("sourceDocument"), s));
        let source = errors.keep(source.transpose()).flatten();
        if claim.subjects.is_empty() {
            errors
                .0
                .push(item.err("subjects: a claim is about at least one thing"));
        }
        let mut subjects = Vec::new();
        for s in &claim.subjects {
            subjects.extend(errors.keep(self.reference(&item, "subjects", Some("subject"), s)));
        }
        let perspective = errors.keep(self.perspective(&item, &claim.perspective));
        let characterizations =
            errors.keep(self.characterizations(&item, &claim.characterizations));
        if claim.quotes.is_empty() {
            errors
                .0
                .push(item.err("quotes: a claim needs at least one quote of the text"));
        }
        let quotes = errors.take(place_quotes(&item, text, &claim.quotes, ""));
        let attribution = match (&claim.attribution, &claimant) {
            (Some(a), Some(claimant)) => errors.keep(self.attribution(&item, claimant, a)),
            _ => Some((Vec::new(), None)),
        };
        let links = errors.keep(self.links(&item, &claim.links));
        let (
            Some(claimant),
            Some(perspective),
            Some(characterizations),
            Some(quotes),
            Some((alternative_claimants, attribution_note)),
            Some(links),
        ) = (
            claimant,
            perspective,
            characterizations,
            quotes,
            attribution,
            links,
        )
        else {
            return Err(errors);
        };
        errors.into_result(ResolvedClaim {
            alternative_claimants,
            attribution_note,
            id: item.id.to_owned(),
            iri: self.base.item(item.id),
            label: claim.label.clone(),
            claimant,
            source,
            subjects,
            perspective,
            characterizations,
            quotes,
            links,
        })
    }

    /// An ambiguous attribution: at least one alternative, none the claimant itself, and a note.
    fn attribution(
        &self,
        item: &ItemContext<'_>,
        claimant: &NamedNode,
        attribution: &super::model::Attribution,
    ) -> Result<(Vec<NamedNode>, Option<String>), AnnotationError> {
        if attribution.alternatives.is_empty() {
            return Err(item.err("attribution: name at least one alternative claimant"));
        }
        if attribution.note.trim().is_empty() {
            return Err(item.err("attribution: a note must say what leaves it open"));
        }
        let mut others = Vec::new();
        for alternative in &attribution.alternatives {
            let field = "attribution.alternatives";
            let other = self.reference(item, field, Some("claimant"), alternative)?;
            if &other == claimant {
                return Err(item.err(format!(
                    "attribution: `{alternative}` is the claimant, not an alternative"
                )));
            }
            others.push(other);
        }
        Ok((others, Some(attribution.note.trim().to_owned())))
    }

    fn perspective(
        &self,
        item: &ItemContext<'_>,
        perspective: &str,
    ) -> Result<NamedNode, AnnotationError> {
        if !self.ontology.perspectives.contains(perspective) {
            return Err(item.err(format!(
                "perspective: unknown perspective `{perspective}` (expected one of: {})",
                self.ontology
                    .perspectives
                    .iter()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        Ok(NamedNode::new_unchecked(format!(
            "{}{perspective}",
            self.base.perspective_namespace()
        )))
    }

    fn characterizations(
        &self,
        item: &ItemContext<'_>,
        ids: &[String],
    ) -> Result<Vec<NamedNode>, AnnotationError> {
        let known = &self.ontology.characterizations;
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for c in ids {
            if !known.contains(c) {
                return Err(item.err(format!(
                    "characterizations: unknown characterization `{c}`{}",
                    did_you_mean(c, known.iter().map(String::as_str))
                )));
            }
            if seen.insert(c) {
                out.push(NamedNode::new_unchecked(format!(
                    "{}{c}",
                    self.base.characterization_namespace()
                )));
            }
        }
        Ok(out)
    }
}

/// Places a quote in the text; `field` prefixes the message ("" for plain quotes).
pub(crate) fn place_quote(
    item: &ItemContext<'_>,
    text: &SourceText,
    spec: &QuoteSpec,
    field: &str,
) -> Result<QuoteSelector, AnnotationError> {
    place_words(item, text, spec.exact(), spec.occurrence(), field)
}

/// Places the words `exact` (the `occurrence`-th, if given) in the text.
pub(crate) fn place_words(
    item: &ItemContext<'_>,
    text: &SourceText,
    exact: &str,
    occurrence: Option<usize>,
    field: &str,
) -> Result<QuoteSelector, AnnotationError> {
    text.select(exact, occurrence).map_err(|error| {
        AnnotationError::Quote(Box::new(super::error::QuoteFailure {
            place: item.place.clone(),
            item: item.id.to_owned(),
            field: field.to_owned(),
            exact: exact.to_owned(),
            occurrence,
            error,
        }))
    })
}

/// Places every quote of a list, collecting the errors of all that fail.
pub(crate) fn place_quotes(
    item: &ItemContext<'_>,
    text: &SourceText,
    specs: &[QuoteSpec],
    field: &str,
) -> Result<Vec<QuoteSelector>, Errors> {
    let mut errors = Errors::default();
    let placed: Vec<QuoteSelector> = specs
        .iter()
        .filter_map(|q| errors.keep(place_quote(item, text, q, field)))
        .collect();
    errors.into_result(placed)
}

/// Every id a file declares, with its kind, class and label, for the symbol table.
pub fn declarations(file: &ParsedFile) -> Vec<(String, super::corpus::Symbol)> {
    use super::corpus::Symbol;
    let a = &file.annotation;
    let document = a.document.iter().map(|d| {
        let symbol = Symbol {
            kind: Kind::Document,
            class: d.class.clone(),
            label: d.title.clone(),
            place: file.place(&d.id),
        };
        (d.id.get_ref().clone(), symbol)
    });
    let entities = a.entities.iter().map(|e| {
        let symbol = Symbol {
            kind: Kind::Entity,
            class: e.class.clone(),
            label: e.label.clone(),
            place: file.place(&e.id),
        };
        (e.id.get_ref().clone(), symbol)
    });
    let claims = a.claims.iter().map(|c| {
        let symbol = Symbol {
            kind: Kind::Claim,
            class: "Claim".to_owned(),
            label: c.label.clone(),
            place: file.place(&c.id),
        };
        (c.id.get_ref().clone(), symbol)
    });
    document.chain(entities).chain(claims).collect()
}
