//! Exports that stream from the store: N-Quads, TriG, N-Triples, Turtle and RDF/XML are written
//! one graph (quad formats) or one subject (triple formats) at a time, so memory grows with the
//! largest graph or subject, not with the dataset.
//!
//! The bytes are those of [`super::write_quads`] on the whole dataset: blank nodes carry their
//! canonical RDFC-1.0 labels, which depend only on the quads that hold blank nodes (gathered by a
//! first pass over the store), and statements come in the same order — graphs by name, then
//! statements by subject, predicate and object, as N-Triples text.

use crate::error::{Error, Result};
use crate::query::QueryError;
use crate::rdf::canonical::{canonical_blank_labels, has_blank_node, relabeled};
use crate::vocab::Base;
use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, Quad, Term, Triple};
use oxigraph::sparql::{QueryEvaluationError, QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;

/// The formats written here; the others (JSON-LD, canonical N-Quads) need the whole dataset.
pub fn streams(format: RdfFormat) -> bool {
    matches!(
        format,
        RdfFormat::NQuads
            | RdfFormat::TriG
            | RdfFormat::NTriples
            | RdfFormat::Turtle
            | RdfFormat::RdfXml
    )
}

/// The sort key of a statement: its subject, predicate and object as N-Triples text, separated
/// by spaces. Comparing keys compares the three terms in turn, as a space sorts before every
/// character that can follow a term that is a prefix of another (`_:b1` / `_:b10`,
/// `"x"` / `"x"@en`).
fn statement_key(quad: &Quad) -> String {
    format!("{} {} {}", quad.subject, quad.predicate, quad.object)
}

/// Runs a SELECT on the store, giving each solution's terms for `variables` (`None` when
/// unbound). SPARQL filters and DISTINCT work on the store's encoded terms, so only the solutions
/// are decoded: much less than reading every quad.
fn select(store: &Store, sparql: &str, variables: &[&str]) -> Result<Vec<Vec<Option<Term>>>> {
    let evaluation = |e: QueryEvaluationError| -> Error {
        QueryError::Evaluation {
            source_name: "export".to_owned(),
            source: e,
        }
        .into()
    };
    let query = SparqlEvaluator::new()
        .parse_query(sparql)
        .map_err(|source| QueryError::Syntax {
            source_name: "export".to_owned(),
            source,
        })?;
    let QueryResults::Solutions(solutions) = query.on_store(store).execute().map_err(evaluation)?
    else {
        return Ok(Vec::new());
    };
    let mut rows = Vec::new();
    for solution in solutions {
        let solution = solution.map_err(evaluation)?;
        rows.push(
            variables
                .iter()
                .map(|v| solution.get(*v).cloned())
                .collect(),
        );
    }
    Ok(rows)
}

/// The quads of the selection that hold a blank node (found without decoding the others).
fn quads_with_blank_nodes(store: &Store, graph: Option<&NamedNode>) -> Result<Vec<Quad>> {
    let sparql = match graph {
        Some(g) => format!(
            "SELECT ?s ?p ?o ?g WHERE {{ GRAPH {g} {{ ?s ?p ?o }} FILTER(isBLANK(?s) || isBLANK(?o)) BIND({g} AS ?g) }}"
        ),
        None => "SELECT ?s ?p ?o ?g WHERE { { ?s ?p ?o FILTER(isBLANK(?s) || isBLANK(?o)) } UNION \
                 { GRAPH ?g { ?s ?p ?o } FILTER(isBLANK(?s) || isBLANK(?o) || isBLANK(?g)) } }"
            .to_owned(),
    };
    let mut quads = Vec::new();
    for row in select(store, &sparql, &["s", "p", "o", "g"])? {
        let (Some(s), Some(Term::NamedNode(p)), Some(o)) = (&row[0], &row[1], &row[2]) else {
            continue;
        };
        let subject: NamedOrBlankNode = match s {
            Term::NamedNode(n) => n.clone().into(),
            Term::BlankNode(b) => b.clone().into(),
            _ => continue,
        };
        let graph_name = match &row[3] {
            Some(Term::NamedNode(n)) => n.clone().into(),
            Some(Term::BlankNode(b)) => b.clone().into(),
            _ => GraphName::DefaultGraph,
        };
        quads.push(Quad::new(subject, p.clone(), o.clone(), graph_name));
    }
    Ok(quads)
}

/// Canonical labels for the blank nodes of the selection (empty when it has none).
pub(crate) fn blank_labels(
    store: &Store,
    graph: Option<&NamedNode>,
) -> Result<HashMap<String, String>> {
    let with_blanks = quads_with_blank_nodes(store, graph)?;
    debug_assert!(with_blanks.iter().all(has_blank_node));
    if with_blanks.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(canonical_blank_labels(&with_blanks).unwrap_or_default())
}

/// The graphs of the selection, each with the name it is exported under, in export order.
pub(crate) fn graphs_in_order(
    store: &Store,
    graph: Option<&NamedNode>,
    labels: &HashMap<String, String>,
) -> Result<Vec<GraphName>> {
    let candidates: Vec<GraphName> = match graph {
        Some(graph) => vec![GraphName::NamedNode(graph.clone())],
        None => {
            let mut graphs = vec![GraphName::DefaultGraph];
            for graph in store.named_graphs() {
                graphs.push(match graph? {
                    NamedOrBlankNode::NamedNode(n) => n.into(),
                    NamedOrBlankNode::BlankNode(b) => b.into(),
                });
            }
            graphs
        }
    };
    let mut keyed: Vec<(String, GraphName)> = candidates
        .into_iter()
        .map(|graph| {
            let exported = match &graph {
                GraphName::BlankNode(b) => labels
                    .get(b.as_str())
                    .map_or_else(|| b.to_string(), |label| format!("_:{label}")),
                other => other.to_string(),
            };
            (exported, graph)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(keyed.into_iter().map(|(_, graph)| graph).collect())
}

/// The quads of one graph, relabelled, in export order.
pub(crate) fn graph_quads(
    store: &Store,
    graph: &GraphName,
    labels: &HashMap<String, String>,
) -> Result<Vec<Quad>> {
    let mut keyed = Vec::new();
    for quad in store.quads_for_pattern(None, None, None, Some(graph.as_ref())) {
        let quad = relabeled(quad?, labels);
        keyed.push((statement_key(&quad), quad));
    }
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    keyed.dedup_by(|a, b| a.0 == b.0);
    Ok(keyed.into_iter().map(|(_, quad)| quad).collect())
}

fn write_err(source: std::io::Error) -> Error {
    Error::Output {
        target: "export".to_owned(),
        source,
    }
}

/// Writes the store (or one named graph of it) in `format` (one of those [`streams`] accepts), graph by graph or
/// subject by subject. Returns the number of statements written: quads for quad formats, distinct
/// triples for triple formats.
pub fn write_store(
    store: &Store,
    graph: Option<&NamedNode>,
    format: RdfFormat,
    base: &Base,
    out: impl Write,
) -> Result<usize> {
    let graph_ref = graph.map(|g| GraphNameRef::from(g.as_ref()));
    let labels = blank_labels(store, graph)?;
    let mut writer = crate::rdf::io::serializer(format, base)?.for_writer(out);
    let mut count = 0;
    if format.supports_datasets() {
        for graph in graphs_in_order(store, graph, &labels)? {
            for quad in graph_quads(store, &graph, &labels)? {
                writer.serialize_quad(&quad).map_err(write_err)?;
                count += 1;
            }
        }
    } else {
        for (_, subject) in subjects_in_order(store, graph, &labels)? {
            for triple in subject_triples(store, &subject, graph_ref, &labels)? {
                writer.serialize_triple(&triple).map_err(write_err)?;
                count += 1;
            }
        }
    }
    let mut out = writer.finish().map_err(write_err)?;
    out.flush().map_err(write_err)?;
    Ok(count)
}

/// Every subject of the selection, by its exported N-Triples text (sorted).
fn subjects_in_order(
    store: &Store,
    graph: Option<&NamedNode>,
    labels: &HashMap<String, String>,
) -> Result<BTreeMap<String, NamedOrBlankNode>> {
    let sparql = match graph {
        Some(g) => format!("SELECT DISTINCT ?s WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }}"),
        None => {
            "SELECT DISTINCT ?s WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }".to_owned()
        }
    };
    let mut subjects = BTreeMap::new();
    for row in select(store, &sparql, &["s"])? {
        let subject: NamedOrBlankNode = match &row[0] {
            Some(Term::NamedNode(n)) => n.clone().into(),
            Some(Term::BlankNode(b)) => b.clone().into(),
            _ => continue,
        };
        let exported = match &subject {
            NamedOrBlankNode::BlankNode(b) => labels
                .get(b.as_str())
                .map_or_else(|| subject.to_string(), |label| format!("_:{label}")),
            named => named.to_string(),
        };
        subjects.insert(exported, subject);
    }
    Ok(subjects)
}

/// The distinct triples of one subject across the selected graphs, relabelled, in export order.
fn subject_triples(
    store: &Store,
    subject: &NamedOrBlankNode,
    graph: Option<GraphNameRef<'_>>,
    labels: &HashMap<String, String>,
) -> Result<Vec<Triple>> {
    let mut keyed = Vec::new();
    for quad in store.quads_for_pattern(Some(subject.as_ref()), None, None, graph) {
        let mut quad = relabeled(quad?, labels);
        quad.graph_name = GraphName::DefaultGraph;
        keyed.push((statement_key(&quad), Triple::from(quad)));
    }
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    keyed.dedup_by(|a, b| a.0 == b.0);
    Ok(keyed.into_iter().map(|(_, triple)| triple).collect())
}
