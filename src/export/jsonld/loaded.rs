//! A large named graph (more statements than [`super::stream`] makes whole, at most
//! [`LOADED`]) read from the store once, then compacted subject by subject from memory.
//!
//! Why: reading a graph subject by subject ([`super::subjects::write_graph`]) seeks the store
//! once per subject and decodes every term of every quad, the graph's name included, after a
//! pass that finds the subjects; that was half the time of the export of 1M quads in 20 graphs
//! (issue 23). One pass of SPARQL decodes three terms per statement, and gives the subjects and
//! whether lists tie them together. Memory then holds the graph's statements, as the N-Quads
//! export holds a graph's lines: [`LOADED`] bounds it (two such graphs at most: the one written
//! and the next, read meanwhile); a larger graph is read subject by subject.
//!
//! The bytes are those of the store path: the statements of a subject are the same, in the same
//! order (sorted by their key, relabelled, without duplicates: the graph's keys sort by
//! subject first, so each subject's statements are consecutive), and the chunks are compacted
//! and written by the same code ([`super::subjects::write_nodes`]).
//!
//! [`read_small`] reads a small graph the same way in one query, without counting it first.

use super::engine::Engine;
use super::subjects::{self, Nodes};
use crate::error::Result;
use crate::export::stream::{for_each_solution, graph_quads_and_blanks, statement_key};
use crate::rdf::canonical::relabeled;
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Quad, Term};
use oxigraph::store::Store;
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::Write;

/// The most statements of a graph read at once (about 40 MB of quads).
pub(super) const LOADED: usize = 1 << 17;

/// A graph's statements in export order (relabelled, sorted by key), grouped by subject.
pub(super) struct Loaded {
    quads: Vec<Quad>,
    /// Where each subject's statements begin in `quads` (they end where the next subject's do).
    starts: Vec<usize>,
    /// Whether a statement holds a blank node (then they are right only under the final labels).
    pub(super) blank_nodes: bool,
    /// Whether a statement ties subjects into a list (then the graph is made whole).
    pub(super) lists: bool,
}

impl Loaded {
    /// Reads `graph` under `labels`.
    pub(super) fn read(
        store: &Store,
        graph: &GraphName,
        labels: &HashMap<String, String>,
    ) -> Result<Self> {
        let (quads, blank_nodes) = match graph {
            GraphName::NamedNode(name) => read_by_predicate(store, name, labels)?,
            // SPARQL cannot name a blank node.
            _ => {
                let (mut quads, blank_nodes) = graph_quads_and_blanks(store, graph, labels)?;
                let placeholder = subjects::placeholder();
                for quad in &mut quads {
                    quad.graph_name = placeholder.clone();
                }
                (quads, blank_nodes)
            }
        };
        let mut starts = Vec::new();
        let mut lists = false;
        for (i, quad) in quads.iter().enumerate() {
            if i == 0 || quads[i - 1].subject != quad.subject {
                starts.push(i);
            }
            lists |= subjects::is_list_statement(&quad.predicate, &quad.object);
        }
        Ok(Self {
            quads,
            starts,
            blank_nodes,
            lists,
        })
    }

    /// How many subjects the graph has.
    pub(super) fn subject_count(&self) -> usize {
        self.starts.len()
    }

    /// The statements, in export order, in graph `name` (what a graph made whole is made of).
    pub(super) fn into_quads(self, name: &GraphName) -> Vec<Quad> {
        let mut quads = self.quads;
        for quad in &mut quads {
            quad.graph_name = name.clone();
        }
        quads
    }

    /// The subjects, as exported (relabelled already).
    fn subjects(&self) -> Vec<NamedOrBlankNode> {
        let subjects = self.starts.iter().map(|&i| self.quads[i].subject.clone());
        subjects.collect()
    }

    /// The statements of each subject, apart.
    fn into_subjects(self) -> Vec<Vec<Quad>> {
        let mut quads = self.quads;
        let mut groups: Vec<Vec<Quad>> = self
            .starts
            .iter()
            .rev()
            .map(|&start| quads.split_off(start))
            .collect();
        groups.reverse();
        groups
    }
}

/// The statements of the graph `name`, relabelled, sorted by key, without duplicates (as
/// [`graph_quads_and_blanks`] gives them), and whether one holds a blank node.
///
/// They are read one predicate at a time, on every core: the predicates are found in one pass
/// that decodes only them, and each predicate's statements are read from the store's index by
/// graph and predicate, decoding two terms per statement rather than three (decoding terms, a
/// store lookup each, is most of the time of reading).
fn read_by_predicate(
    store: &Store,
    name: &NamedNode,
    labels: &HashMap<String, String>,
) -> Result<(Vec<Quad>, bool)> {
    let mut predicates = Vec::new();
    let sparql = format!("SELECT DISTINCT ?p WHERE {{ GRAPH {name} {{ ?s ?p ?o }} }}");
    for_each_solution(store, &sparql, |row| {
        if let Some(Term::NamedNode(p)) = &row[0] {
            predicates.push(p.clone());
        }
    })?;
    let graph = subjects::placeholder();
    let read = |predicate: &NamedNode| -> Result<(Vec<(String, Quad)>, bool)> {
        let sparql = format!("SELECT ?s ?o WHERE {{ GRAPH {name} {{ ?s {predicate} ?o }} }}");
        let mut statements = Vec::new();
        let mut blank_nodes = false;
        for_each_solution(store, &sparql, |row| {
            if let [Some(s), Some(o)] = row {
                statements.extend(keyed(s, predicate, o, &graph, labels, &mut blank_nodes));
            }
        })?;
        Ok((statements, blank_nodes))
    };
    let parts = predicates
        .par_iter()
        .map(read)
        .collect::<Result<Vec<_>>>()?;
    let blank_nodes = parts.iter().any(|(_, blank)| *blank);
    let statements = parts.into_iter().flat_map(|(s, _)| s).collect();
    Ok((sorted_unique(statements), blank_nodes))
}

/// The statements of the graph `name` as [`graph_quads_and_blanks`] gives them (relabelled,
/// sorted by key, in graph `name`), and whether one holds a blank node; `None` when it has more
/// than `limit` (then no more than `limit` + 1 are read).
pub(super) fn read_small(
    store: &Store,
    name: &NamedNode,
    labels: &HashMap<String, String>,
    limit: usize,
) -> Result<Option<(Vec<Quad>, bool)>> {
    let sparql = format!(
        "SELECT ?s ?p ?o WHERE {{ GRAPH {name} {{ ?s ?p ?o }} }} LIMIT {}",
        limit.saturating_add(1)
    );
    let graph = GraphName::NamedNode(name.clone());
    let mut statements = Vec::new();
    let mut blank_nodes = false;
    for_each_solution(store, &sparql, |row| {
        if let [Some(s), Some(Term::NamedNode(p)), Some(o)] = row {
            statements.extend(keyed(s, p, o, &graph, labels, &mut blank_nodes));
        }
    })?;
    if statements.len() > limit {
        return Ok(None);
    }
    Ok(Some((sorted_unique(statements), blank_nodes)))
}

/// One statement of a solution, with its sort key: blank nodes relabelled (and
/// `blank_nodes` set), `None` when the subject is no IRI or blank node.
fn keyed(
    subject: &Term,
    predicate: &NamedNode,
    object: &Term,
    graph: &GraphName,
    labels: &HashMap<String, String>,
    blank_nodes: &mut bool,
) -> Option<(String, Quad)> {
    let subject: NamedOrBlankNode = match subject {
        Term::NamedNode(n) => n.clone().into(),
        Term::BlankNode(b) => b.clone().into(),
        _ => return None,
    };
    let quad = Quad::new(subject, predicate.clone(), object.clone(), graph.clone());
    let quad = if quad.subject.is_blank_node() || quad.object.is_blank_node() {
        *blank_nodes = true;
        relabeled(quad, labels)
    } else {
        quad
    };
    let key = statement_key(&quad.subject, &quad.predicate, &quad.object);
    Some((key, quad))
}

/// The statements in the order of their keys, each once (the order the store path gives).
fn sorted_unique(mut statements: Vec<(String, Quad)>) -> Vec<Quad> {
    statements.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    statements.dedup_by(|a, b| a.0 == b.0);
    statements.into_iter().map(|(_, q)| q).collect()
}

/// Writes the item of a loaded graph of two subjects or more and no list, in its `frame`;
/// returns the number of its statements. The statements are moved into the chunks, not copied.
pub(super) fn write(
    engine: &Engine,
    graph_key: &str,
    frame: &subjects::Frame,
    loaded: Loaded,
    out: &mut impl Write,
) -> Result<usize> {
    let order = subjects::node_order(engine, &loaded.subjects(), &HashMap::new())?;
    let mut groups = loaded.into_subjects();
    let chunks: Vec<Vec<Quad>> = order
        .chunks(subjects::CHUNK)
        .map(|indices| {
            let mut chunk = Vec::new();
            for &index in indices {
                chunk.append(&mut groups[index]);
            }
            chunk
        })
        .collect();
    drop(groups);
    let nodes = Nodes {
        engine,
        graph_key,
        frame,
    };
    subjects::write_nodes(&nodes, chunks, Ok, out)
}
