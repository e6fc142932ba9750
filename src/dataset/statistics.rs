//! What the graph says about itself, counted with SPARQL: the numbers of VoID, the documents it
//! is based on, the vocabularies it uses. Every statement is counted in its named graph
//! (`GRAPH ?g`), so a triple stated in two graphs counts twice, as in the N-Quads dump.

use crate::error::Result;
use crate::query::{select_text, TextRow};
use crate::store::KnowledgeGraph;
use crate::vocab::ns;
use std::collections::BTreeSet;

/// An annotated document of the store (a `nif:Context`): what the dataset is based on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceDocument {
    pub iri: String,
    pub title: String,
    /// Its publication date, `YYYY-MM-DD`, when annotated.
    pub date: Option<String>,
    /// When its annotation was last revised (`dcterms:created` of the document).
    pub annotated: Option<String>,
    /// The names of its authors, sorted.
    pub authors: Vec<String>,
    /// The name of its publisher.
    pub publisher: Option<String>,
}

/// The counts and lists VoID states, all computed by SPARQL over the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statistics {
    /// Statements, each in its graph.
    pub triples: u64,
    /// Distinct IRIs under the base that are subjects.
    pub entities: u64,
    pub distinct_subjects: u64,
    pub distinct_objects: u64,
    /// `(class, distinct instances)`, sorted by class.
    pub classes: Vec<(String, u64)>,
    /// `(property, statements)`, sorted by property.
    pub properties: Vec<(String, u64)>,
    /// `(named graph, statements)`, sorted by graph.
    pub graphs: Vec<(String, u64)>,
    /// `owl:sameAs` statements whose object is a Wikidata entity.
    pub wikidata_links: u64,
    /// The documents, sorted by IRI.
    pub documents: Vec<SourceDocument>,
}

/// One count of a query whose only row binds `?n`.
fn count(kg: &KnowledgeGraph, name: &str, sparql: &str) -> Result<u64> {
    let rows = select_text(kg, name, sparql)?;
    Ok(rows
        .first()
        .and_then(|row| row.get("n"))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0))
}

/// `(key, ?n)` of every row.
fn counts(kg: &KnowledgeGraph, name: &str, sparql: &str, key: &str) -> Result<Vec<(String, u64)>> {
    Ok(select_text(kg, name, sparql)?
        .into_iter()
        .filter_map(|row| {
            let n = row.get("n")?.parse().ok()?;
            Some((row.get(key)?.clone(), n))
        })
        .collect())
}

/// The SPARQL of each count, so that tests can run the same definitions.
pub mod sparql {
    pub const TRIPLES: &str = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
    pub const DISTINCT_SUBJECTS: &str =
        "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
    pub const DISTINCT_OBJECTS: &str =
        "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
    pub const CLASSES: &str = "SELECT ?class (COUNT(DISTINCT ?s) AS ?n) \
        WHERE { GRAPH ?g { ?s a ?class } } GROUP BY ?class ORDER BY STR(?class)";
    pub const PROPERTIES: &str = "SELECT ?property (COUNT(*) AS ?n) \
        WHERE { GRAPH ?g { ?s ?property ?o } } GROUP BY ?property ORDER BY STR(?property)";
    pub const GRAPHS: &str = "SELECT ?graph (COUNT(*) AS ?n) \
        WHERE { GRAPH ?graph { ?s ?p ?o } } GROUP BY ?graph ORDER BY STR(?graph)";
    pub const WIKIDATA_LINKS: &str = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s owl:sameAs ?o \
        FILTER(isIRI(?o) && STRSTARTS(STR(?o), \"http://www.wikidata.org/entity/\")) } }";

    /// Distinct IRI subjects under `base`.
    pub fn entities(base: &str) -> String {
        format!(
            "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} \
             FILTER(isIRI(?s) && STRSTARTS(STR(?s), \"{base}\")) }}"
        )
    }
}

const DOCUMENTS: &str = "SELECT ?doc ?title ?date ?created ?publisher WHERE {
  ?doc a nif:Context ; dcterms:title ?title .
  OPTIONAL { ?doc dcterms:date ?date }
  OPTIONAL { ?doc dcterms:created ?created }
  OPTIONAL { ?doc dcterms:publisher/rdfs:label ?publisher }
} ORDER BY STR(?doc)";

const AUTHORS: &str = "SELECT DISTINCT ?doc ?name WHERE {
  ?doc a nif:Context ; dcterms:creator/rdfs:label ?name .
} ORDER BY STR(?doc) STR(?name)";

/// Counts everything VoID states.
pub fn statistics(kg: &KnowledgeGraph) -> Result<Statistics> {
    let base = kg.base().as_str();
    Ok(Statistics {
        triples: count(kg, "void:triples", sparql::TRIPLES)?,
        entities: count(kg, "void:entities", &sparql::entities(base))?,
        distinct_subjects: count(kg, "void:distinctSubjects", sparql::DISTINCT_SUBJECTS)?,
        distinct_objects: count(kg, "void:distinctObjects", sparql::DISTINCT_OBJECTS)?,
        classes: counts(kg, "void:classPartition", sparql::CLASSES, "class")?,
        properties: counts(kg, "void:propertyPartition", sparql::PROPERTIES, "property")?,
        graphs: counts(kg, "void:subset", sparql::GRAPHS, "graph")?,
        wikidata_links: count(kg, "void:Linkset", sparql::WIKIDATA_LINKS)?,
        documents: documents(kg)?,
    })
}

fn documents(kg: &KnowledgeGraph) -> Result<Vec<SourceDocument>> {
    let authors = select_text(kg, "document authors", AUTHORS)?;
    let mut documents: Vec<SourceDocument> = Vec::new();
    for row in select_text(kg, "documents", DOCUMENTS)? {
        let (Some(iri), Some(title)) = (row.get("doc"), row.get("title")) else {
            continue;
        };
        // A document with two titles or dates (merged graphs) is listed once.
        if documents.iter().any(|d| &d.iri == iri) {
            continue;
        }
        documents.push(SourceDocument {
            iri: iri.clone(),
            title: title.clone(),
            date: row.get("date").cloned(),
            annotated: row.get("created").cloned(),
            authors: names_of(&authors, iri),
            publisher: row.get("publisher").cloned(),
        });
    }
    Ok(documents)
}

fn names_of(rows: &[TextRow], doc: &str) -> Vec<String> {
    rows.iter()
        .filter(|row| row.get("doc").is_some_and(|d| d == doc))
        .filter_map(|row| row.get("name").cloned())
        .collect()
}

impl Statistics {
    /// The namespaces of every class and property used (the text up to the last `#` or `/`).
    pub fn vocabularies(&self) -> BTreeSet<String> {
        self.classes
            .iter()
            .chain(&self.properties)
            .filter_map(|(iri, _)| {
                let cut = iri.rfind(['#', '/'])?;
                Some(iri[..=cut].to_owned())
            })
            .collect()
    }

    /// The latest annotation time of the documents (`YYYY-MM-DD…`), if any.
    pub fn last_annotated(&self) -> Option<&str> {
        self.documents
            .iter()
            .filter_map(|d| d.annotated.as_deref())
            .max()
    }
}

/// The Wikidata namespace a linkset points into.
pub const WIKIDATA: &str = ns::WIKIDATA;
