//! The **emit** phase: quads from resolved annotation files. Every value was checked by the
//! resolve phase, so nothing here can fail; the quads of a file are sorted, so loads and exports
//! are reproducible.

mod claim;
mod closure;
mod curation;
mod document;
mod entity;
mod nif;
mod quote;

pub use closure::{
    claim_closure, closure_properties, closure_quads, link_properties, ClaimFacts, EntityLinks,
};
pub use nif::exclusion_iri;

use crate::annotation::ResolvedFile;
use crate::ontology::Ontology;
use crate::text::{Segmentation, SourceText, Span};
use crate::vocab::{iri, ns, Base};
use oxigraph::model::{BlankNode, GraphName, Literal, NamedNode, Quad, Term};

/// What a file writes: what the text says (its own graph) and what the curator adds (its
/// curation graph).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    /// The file's graph ([`file_quads`]).
    Text,
    /// The file's curation graph ([`curation_quads`]).
    Curation,
}

impl Part {
    /// The quads of this part of a file.
    pub fn quads(self, file: &ResolvedFile, ontology: &Ontology, base: &Base) -> Vec<Quad> {
        match self {
            Part::Text => file_quads(file, ontology, base),
            Part::Curation => curation_quads(file, ontology, base),
        }
    }

    /// The graph this part of a file goes to.
    pub fn graph(self, file: &ResolvedFile) -> &NamedNode {
        match self {
            Part::Text => &file.graph,
            Part::Curation => &file.curation_graph,
        }
    }
}

/// The parts a file writes: its text graph, and its curation graph when it has curation.
pub fn file_parts(file: &ResolvedFile) -> impl Iterator<Item = Part> {
    let curated = file.curator.is_some() && !file.curation.is_empty();
    std::iter::once(Part::Text).chain(curated.then_some(Part::Curation))
}

/// The quads of one resolved file, in its own named graph, sorted and without duplicates: what
/// the text says (what the curator adds goes to [`curation_quads`]). Beside every statement with
/// a `wl:` property goes the same statement with each standard property (`dcterms:`, `schema:`,
/// `prov:` …) the ontology makes it a sub-property of, so that consumers without inference find
/// `dcterms:creator` as well as `wl:author`.
pub fn file_quads(file: &ResolvedFile, ontology: &Ontology, base: &Base) -> Vec<Quad> {
    let mut emitter = Emitter::new(file, &file.graph, base);
    emitter.concept_scheme_of(file);
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
    emitter.finish(ontology)
}

/// The quads of what the curator adds to a file, in its curation graph (`B graph/curation/
/// {name}`), sorted and without duplicates: each statement, its standard properties, and its
/// provenance. None when the file has no curation.
pub fn curation_quads(file: &ResolvedFile, ontology: &Ontology, base: &Base) -> Vec<Quad> {
    let mut emitter = Emitter::new(file, &file.curation_graph, base);
    emitter.curation(file);
    emitter.finish(ontology)
}

fn with_standard_properties(quads: Vec<Quad>, ontology: &Ontology, base: &Base) -> Vec<Quad> {
    let wl = base.ontology_namespace();
    let mut all = Vec::with_capacity(quads.len() * 2);
    for quad in quads {
        let supers = quad
            .predicate
            .as_str()
            .strip_prefix(wl.as_str())
            .and_then(|local| ontology.standard_super_properties.get(local));
        for standard in supers.into_iter().flatten() {
            all.push(Quad::new(
                quad.subject.clone(),
                standard.clone(),
                quad.object.clone(),
                quad.graph_name.clone(),
            ));
        }
        all.push(quad);
    }
    all
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
        concept_scheme: base.item("unused"),
        blank_prefix: String::new(),
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
    /// The SKOS concept scheme of the file's concepts (`B id/{graph-id}/concepts`).
    concept_scheme: NamedNode,
    /// What the labels of the file's blank nodes start with (its graph id).
    blank_prefix: String,
}

impl<'a> Emitter<'a> {
    fn new(file: &ResolvedFile, graph: &NamedNode, base: &'a Base) -> Self {
        Emitter {
            base,
            graph: GraphName::NamedNode(graph.clone()),
            language: file
                .document
                .as_ref()
                .map_or_else(|| "en".to_owned(), |d| d.language.to_ascii_lowercase()),
            quads: Vec::new(),
            concept_scheme: base.item(&format!("{}/concepts", file.graph_id)),
            blank_prefix: file.graph_id.replace('/', "-"),
        }
    }

    /// The quads written, with their standard properties, sorted and without duplicates.
    fn finish(self, ontology: &Ontology) -> Vec<Quad> {
        let mut quads = with_standard_properties(self.quads, ontology, self.base);
        quads.sort_by_cached_key(|q| q.to_string());
        quads.dedup();
        quads
    }
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

    fn add_blank(&mut self, subject: &BlankNode, predicate: NamedNode, object: impl Into<Term>) {
        self.quads.push(Quad::new(
            subject.clone(),
            predicate,
            object,
            self.graph.clone(),
        ));
    }

    /// The file's concepts form a SKOS concept scheme, so SKOS tools find every concept a text
    /// discusses in one scheme: a document's always, an entity file's when it declares concepts.
    fn concept_scheme_of(&mut self, file: &ResolvedFile) {
        let label = match &file.document {
            Some(doc) => format!("Concepts of \"{}\"", doc.title),
            None if file.entities.iter().any(|e| e.is_concept) => {
                format!("Concepts of the entity file {}", file.name)
            }
            None => return,
        };
        let scheme = self.concept_scheme.clone();
        self.add(&scheme, rdf_type(), iri(ns::SKOS, "ConceptScheme"));
        self.add(&scheme, iri(ns::RDFS, "label"), en(&label));
        self.add(&scheme, iri(ns::SKOS, "prefLabel"), en(&label));
        if let Some(doc) = &file.document {
            self.add(&scheme, iri(ns::DCTERMS, "source"), doc.iri.clone());
        }
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

#[cfg(test)]
mod tests {
    use super::file_quads;
    use crate::annotation::{resolve_corpus, Bundled, ParsedFile, StoredCorpus};
    use crate::ontology::Ontology;
    use crate::vocab::{ns, Base};
    use oxigraph::model::{GraphName, Quad, Term};
    use std::path::Path;

    static FILES: &[(&str, &[u8])] = &[
        (
            "entities/actors.toml",
            include_bytes!("../../../tests/fixtures/corpus/entities/actors.toml"),
        ),
        (
            "alpha.toml",
            include_bytes!("../../../tests/fixtures/corpus/alpha.toml"),
        ),
        (
            "alpha.txt",
            include_bytes!("../../../tests/fixtures/corpus/alpha.txt"),
        ),
    ];

    /// The quads of document A of the fixture corpus, and its text.
    fn alpha() -> (Vec<Quad>, GraphName, String, Ontology) {
        let base = Base::default();
        let ontology = Ontology::bundled(&base).unwrap();
        let files: Vec<ParsedFile> = ["entities/actors.toml", "alpha.toml"]
            .iter()
            .map(|name| ParsedFile::read(Path::new(name), &Bundled(FILES)).unwrap())
            .collect();
        let corpus = resolve_corpus(&files, &StoredCorpus::default(), &ontology, &base).unwrap();
        let file = &corpus.files[1];
        let text = String::from_utf8(FILES[2].1.to_vec()).unwrap();
        let graph = GraphName::NamedNode(file.graph.clone());
        (file_quads(file, &ontology, &base), graph, text, ontology)
    }

    fn literal(term: &Term) -> &str {
        match term {
            Term::Literal(l) => l.value(),
            other => panic!("not a literal: {other}"),
        }
    }

    #[test]
    fn a_files_quads_are_sorted_unique_and_in_its_graph() {
        let (quads, graph, _, _) = alpha();
        assert!(quads.len() > 100, "{} quads", quads.len());
        assert!(quads
            .windows(2)
            .all(|w| w[0].to_string() < w[1].to_string()));
        assert!(quads.iter().all(|q| q.graph_name == graph));
    }

    /// Each quote's position selector points at the words of its quote selector.
    #[test]
    fn every_position_selects_the_exact_words() {
        let (quads, _, text, _) = alpha();
        let chars: Vec<char> = text.chars().collect();
        let oa = |local: &str| format!("{}{local}", ns::OA);
        let value = |subject: &str, property: &str| -> Option<String> {
            quads
                .iter()
                .find(|q| q.subject.to_string() == subject && q.predicate.as_str() == property)
                .map(|q| literal(&q.object).to_owned())
        };
        let mut checked = 0;
        for quad in quads.iter().filter(|q| q.predicate.as_str() == oa("start")) {
            let position = quad.subject.to_string();
            let start: usize = literal(&quad.object).parse().unwrap();
            let end: usize = value(&position, &oa("end")).unwrap().parse().unwrap();
            let exact = value(&position.replace("#position", "#quote"), &oa("exact")).unwrap();
            assert_eq!(chars[start..end].iter().collect::<String>(), exact);
            checked += 1;
        }
        assert!(checked >= 6, "{checked} quotes");
    }

    /// Beside a `wl:` statement goes the same statement with each standard super-property.
    #[test]
    fn standard_super_properties_are_stated_too() {
        let (quads, _, _, ontology) = alpha();
        let wl = Base::default().ontology_namespace();
        let mut stated = 0;
        for quad in &quads {
            let local = quad.predicate.as_str().strip_prefix(wl.as_str());
            for standard in local
                .and_then(|l| ontology.standard_super_properties.get(l))
                .into_iter()
                .flatten()
            {
                let with = Quad::new(
                    quad.subject.clone(),
                    standard.clone(),
                    quad.object.clone(),
                    quad.graph_name.clone(),
                );
                assert!(quads.contains(&with), "{with}");
                stated += 1;
            }
        }
        assert!(stated > 0);
    }
}
