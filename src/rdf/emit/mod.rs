//! The **emit** phase: quads from resolved annotation files. Every value was checked by the
//! resolve phase, so nothing here can fail; the quads of a file are sorted, so loads and exports
//! are reproducible.

mod claim;
mod document;
mod entity;
mod nif;
mod quote;

pub use nif::exclusion_iri;

use crate::annotation::ResolvedFile;
use crate::text::{Segmentation, SourceText, Span};
use crate::vocab::{iri, ns, Base};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};

/// The quads of one resolved file, in its own named graph, sorted and without duplicates.
pub fn file_quads(file: &ResolvedFile, base: &Base) -> Vec<Quad> {
    let mut emitter = Emitter {
        base,
        graph: GraphName::NamedNode(file.graph.clone()),
        language: file
            .document
            .as_ref()
            .map_or_else(|| "en".to_owned(), |d| d.language.to_ascii_lowercase()),
        quads: Vec::new(),
    };
    if let Some(doc) = &file.document {
        emitter.document(doc);
        for entity in &file.entities {
            emitter.entity(entity, Some(doc));
        }
        for claim in &file.claims {
            emitter.claim(claim, doc);
        }
        emitter.text_structure(doc);
        emitter.exclusions(doc, &file.entities);
    } else {
        for entity in &file.entities {
            emitter.entity(entity, None);
        }
    }
    let mut quads = emitter.quads;
    quads.sort_by_cached_key(|q| q.to_string());
    quads.dedup();
    quads
}

/// The mentions (`nif:Phrase`s) of entities in a text already in the store, in its graph: what a
/// load writes when the corpus's forms change and an earlier document's text is searched again.
pub fn mention_quads(
    graph: &NamedNode,
    document: &NamedNode,
    text: &SourceText,
    mentions: &[(Span, NamedNode)],
    base: &Base,
) -> Vec<Quad> {
    let mut emitter = Emitter {
        base,
        graph: GraphName::NamedNode(graph.clone()),
        language: String::new(),
        quads: Vec::new(),
    };
    emitter.mentions(document, text, &Segmentation::of(text), mentions);
    let mut quads = emitter.quads;
    quads.sort_by_cached_key(|q| q.to_string());
    quads.dedup();
    quads
}

/// Writes the quads of one file into its graph.
struct Emitter<'a> {
    base: &'a Base,
    graph: GraphName,
    /// Language of the file's text: quotes and titles are tagged with it.
    language: String,
    quads: Vec<Quad>,
}

impl Emitter<'_> {
    fn add(&mut self, subject: &NamedNode, predicate: NamedNode, object: impl Into<Term>) {
        self.quads.push(Quad::new(
            subject.clone(),
            predicate,
            object,
            self.graph.clone(),
        ));
    }

    /// A term of the ontology.
    fn wl(&self, local: &str) -> NamedNode {
        self.base.term(local)
    }

    /// A literal in the text's language.
    fn lang(&self, text: &str) -> Literal {
        Literal::new_language_tagged_literal_unchecked(text, &self.language)
    }
}

fn en(text: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(text, "en")
}

fn rdf_type() -> NamedNode {
    iri(ns::RDF, "type")
}
