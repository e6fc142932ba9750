//! Resolving a `[document]`: its metadata, and its text's structure (paragraphs, sentences, the
//! sentences each claim lies in, the sentences marked as carrying no claim).

use super::corpus::ParsedFile;
use super::error::{AnnotationError, Errors, Place};
use super::model::{DocumentAnnotation, NoClaimSentences};
use super::resolve::{place_quotes, place_words, ItemContext, Resolver};
use super::resolved::{ResolvedDocument, ResolvedFile};
use crate::text::{Segmentation, SourceText, Span};
use crate::vocab::{iri, ns};
use oxigraph::model::{Literal, NamedNode};

impl Resolver<'_> {
    /// Resolves the `[document]` table of a document file (its structure comes later, in
    /// [`place_structure`], once its claims are resolved).
    pub(crate) fn document(
        &self,
        file: &ParsedFile,
        doc: &DocumentAnnotation,
        text: &SourceText,
    ) -> Result<ResolvedDocument, Errors> {
        let item = ItemContext {
            place: file.place(&doc.id),
            id: doc.id.get_ref(),
        };
        let class = self.class(&item, &doc.class)?;
        if !self.ontology.is_subclass_of(&doc.class, "Document") {
            return Err(item
                .err(format!(
                    "type: `{}` is not a kind of wl:Document",
                    doc.class
                ))
                .into());
        }
        Literal::new_language_tagged_literal("x", &doc.language)
            .map_err(|e| item.err(format!("invalid language tag `{}`: {e}", doc.language)))?;
        // Every unknown author and publisher is reported, then the document stops at the first.
        let mut errors = Errors::default();
        let mut authors = Vec::new();
        for author in &doc.authors {
            let reference = self.reference(&item, "authors", Some("author"), author);
            authors.extend(errors.keep(reference));
        }
        let publisher = doc
            .publisher
            .as_ref()
            .map(|p| self.reference(&item, "publisher", Some("publisher"), p));
        let publisher = errors.keep(publisher.transpose()).flatten();
        errors.into_result(())?;
        let source_url = doc
            .source_url
            .as_ref()
            .map(|url| {
                NamedNode::new(url)
                    .map_err(|e| item.err(format!("source_url: invalid IRI <{url}>: {e}")))
            })
            .transpose()?;
        let quotes = place_quotes(&item, text, &doc.quotes, "")?;
        Ok(ResolvedDocument {
            id: item.id.to_owned(),
            iri: self.base.item(item.id),
            class,
            title: doc.title.clone(),
            language: doc.language.clone(),
            text: text.clone(),
            sha256: doc.sha256.trim().to_ascii_lowercase(),
            date: self.date(&item, doc.date.as_ref())?,
            annotated: annotated(&item, doc.annotated.as_deref())?,
            authors,
            publisher,
            source_url,
            quotes,
            segmentation: Segmentation::of(text),
            claim_sentences: Vec::new(),
            no_claims: Vec::new(),
            mentions: Vec::new(),
        })
    }
}

/// `annotated`: an `xsd:dateTime` with a time zone.
fn annotated(
    item: &ItemContext<'_>,
    value: Option<&str>,
) -> Result<Option<Literal>, AnnotationError> {
    use std::str::FromStr;
    let Some(value) = value else { return Ok(None) };
    match oxsdatatypes::DateTime::from_str(value) {
        Ok(t) if t.timezone().is_some() => Ok(Some(Literal::new_typed_literal(
            value,
            iri(ns::XSD, "dateTime"),
        ))),
        _ => Err(item.err(format!(
            "annotated: `{value}` is not a date and time with a time zone (e.g. 2026-11-26T00:00:00Z)"
        ))),
    }
}

/// Ties each claim to the sentences its quotes lie in, and checks the sentences marked as
/// carrying no claim: whole sentences, with a reason, and really without a claim (every
/// `no_claims` entry that fails is reported).
pub(crate) fn place_structure(
    file: &mut ResolvedFile,
    annotation: &DocumentAnnotation,
    place: &Place,
) -> Result<(), Errors> {
    let Some(doc) = file.document.as_mut() else {
        return Ok(());
    };
    let item = ItemContext {
        place: place.clone(),
        id: &doc.id.clone(),
    };
    let mut claims_in: Vec<(usize, &str)> = Vec::new();
    for claim in &file.claims {
        for quote in &claim.quotes {
            let span = Span::new(quote.start, quote.end);
            for i in doc.segmentation.sentences_overlapping(&span) {
                doc.claim_sentences.push((claim.iri.clone(), i));
                claims_in.push((i, &claim.id));
            }
        }
    }
    let mut errors = Errors::default();
    for marked in &annotation.no_claims {
        let marked_sentences = no_claim_sentences(doc, &item, marked, &claims_in);
        if let Some(sentences) = errors.keep(marked_sentences) {
            let reason = marked.reason.trim();
            doc.no_claims
                .extend(sentences.into_iter().map(|i| (i, reason.to_owned())));
        }
    }
    errors.into_result(())
}

/// The sentences one `no_claims` entry marks: whole sentences, with a reason, without a claim.
fn no_claim_sentences(
    doc: &ResolvedDocument,
    item: &ItemContext<'_>,
    marked: &NoClaimSentences,
    claims_in: &[(usize, &str)],
) -> Result<Vec<usize>, AnnotationError> {
    let words = &marked.exact;
    if marked.reason.trim().is_empty() {
        return Err(item.err(format!(
            "no_claims: give a reason (e.g. \"heading\") for \"{words}\""
        )));
    }
    let selector = place_words(item, &doc.text, words, marked.occurrence, "no_claims: ")?;
    let span = Span::new(selector.start, selector.end);
    let covered = whole_sentences(&doc.segmentation, &doc.text, &span).map_err(|sentence| {
        item.err(format!(
            "no_claims: \"{words}\" is not a run of whole sentences (the sentence is \"{sentence}\")"
        ))
    })?;
    for &i in &covered {
        if let Some((_, claim)) = claims_in.iter().find(|(s, _)| *s == i) {
            return Err(item.err(format!(
                "no_claims: \"{words}\" is marked as carrying no claim but carries claim `{claim}`"
            )));
        }
    }
    Ok(covered)
}

/// The indices of the sentences that `span` covers exactly, or the first sentence's words when
/// it does not begin and end at sentence boundaries.
fn whole_sentences(
    segmentation: &Segmentation,
    text: &SourceText,
    span: &Span,
) -> Result<Vec<usize>, String> {
    let covered = segmentation.sentences_overlapping(span);
    let whole = match (covered.first(), covered.last()) {
        (Some(&first), Some(&last)) => {
            segmentation.sentences[first].begin == span.begin
                && segmentation.sentences[last].end == span.end
        }
        _ => false,
    };
    if whole {
        Ok(covered)
    } else {
        Err(covered
            .first()
            .map(|&i| {
                let s = segmentation.sentences[i];
                text.slice(s.begin, s.end).to_owned()
            })
            .unwrap_or_default())
    }
}
