//! The triple formats (N-Triples, Turtle, RDF/XML): the merge of the selected graphs, written
//! subject by subject in the order of their exported N-Triples text.

use super::{for_each_solution, holds_blank_node, statement_key, write_under_labels, Sink, Sorted};
use crate::error::Result;
use crate::rdf::canonical::relabeled;
use oxigraph::model::{
    BlankNode, GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, Term, Triple,
};
use oxigraph::store::Store;
use std::collections::HashMap;
use std::io::Write;

/// Writes the merge of the selected graphs subject by subject; labels as in
/// [`super::write_graphs`] (a blank subject sorts after every IRI).
pub(super) fn write_subjects<W: Write>(
    store: &Store,
    graph: Option<&NamedNode>,
    sink: &mut Sink<W>,
) -> Result<usize> {
    let graph_ref = graph.map(|g| GraphNameRef::from(g.as_ref()));
    let with_triples = sink.needs_statements();
    write_under_labels(
        store,
        graph,
        512 * rayon::current_num_threads(),
        |labels| subjects_in_order(store, graph, labels),
        |subject, labels| sorted_subject(store, &subject.node(), graph_ref, labels, with_triples),
        |_, _, sorted| sink.subject(sorted),
    )
}

/// A subject of the selection, as little as it takes to sort and read it: its exported
/// N-Triples text (`<iri>`, the IRI read from it again), and a blank node's node in the store.
/// Memory holds every subject at once, so each is kept once, in its text.
pub(super) enum Subject {
    Iri(Box<str>),
    Blank(Box<(Box<str>, BlankNode)>),
}

impl Subject {
    fn exported(&self) -> &str {
        match self {
            Subject::Iri(text) => text,
            Subject::Blank(blank) => &blank.0,
        }
    }

    fn node(&self) -> NamedOrBlankNode {
        match self {
            Subject::Iri(text) => {
                let iri = text.get(1..text.len() - 1).unwrap_or_default();
                NamedNode::new_unchecked(iri).into()
            }
            Subject::Blank(blank) => blank.1.clone().into(),
        }
    }
}

/// Every subject of the selection, by its exported N-Triples text (sorted).
fn subjects_in_order(
    store: &Store,
    graph: Option<&NamedNode>,
    labels: &HashMap<String, String>,
) -> Result<Vec<Subject>> {
    let sparql = match graph {
        Some(g) => format!("SELECT DISTINCT ?s WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }}"),
        None => {
            "SELECT DISTINCT ?s WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }".to_owned()
        }
    };
    let mut subjects = Vec::new();
    for_each_solution(store, &sparql, |row| {
        subjects.push(match &row[0] {
            Some(Term::NamedNode(n)) => Subject::Iri(n.to_string().into_boxed_str()),
            Some(Term::BlankNode(b)) => {
                let exported = labels
                    .get(b.as_str())
                    .map_or_else(|| b.to_string(), |label| format!("_:{label}"));
                Subject::Blank(Box::new((exported.into_boxed_str(), b.clone())))
            }
            _ => return,
        });
    })?;
    subjects.sort_unstable_by(|a, b| a.exported().cmp(b.exported()));
    subjects.dedup_by(|a, b| a.exported() == b.exported());
    Ok(subjects)
}

/// The distinct triples of one subject across the selected graphs, relabelled, sorted; with the
/// triples when `with_triples`.
fn sorted_subject(
    store: &Store,
    subject: &NamedOrBlankNode,
    graph: Option<GraphNameRef<'_>>,
    labels: &HashMap<String, String>,
    with_triples: bool,
) -> Result<Sorted<Option<Triple>>> {
    let mut statements = Vec::new();
    let mut blank_nodes = false;
    for quad in store.quads_for_pattern(Some(subject.as_ref()), None, None, graph) {
        let quad = quad?;
        let triple = if holds_blank_node(&quad.subject, &quad.object) {
            blank_nodes = true;
            let mut quad = relabeled(quad, labels);
            quad.graph_name = GraphName::DefaultGraph;
            Triple::from(quad)
        } else {
            Triple::from(quad)
        };
        let key = statement_key(&triple.subject, &triple.predicate, &triple.object);
        statements.push((key, with_triples.then_some(triple)));
    }
    Ok(Sorted::new(statements, blank_nodes))
}
