//! Exports that stream from the store: N-Quads, TriG, N-Triples, Turtle and RDF/XML are written
//! one graph (quad formats) or one subject (triple formats) at a time, so memory grows with the
//! largest graphs or subjects, not with the dataset. Graphs and subjects are read and sorted on
//! every core, a few at a time, and written in order.
//!
//! The bytes are those of [`super::write_quads`] on the whole dataset: blank nodes carry their
//! canonical RDFC-1.0 labels, which depend only on the quads that hold blank nodes, and
//! statements come in the same order — graphs by name, then statements by subject, predicate and
//! object, as N-Triples text. That text is formatted once per statement: it is the sort key, and
//! the N-Quads and N-Triples lines are written from it. The quads with blank nodes are gathered
//! (a second pass over the store) only when the export meets a blank node.

use crate::error::{Error, Result};
use crate::query::QueryError;
use crate::rdf::canonical::{canonical_blank_labels, has_blank_node, relabeled};
use crate::vocab::Base;
use oxigraph::io::{RdfFormat, WriterQuadSerializer};
use oxigraph::model::{BlankNode, GraphName, NamedNode, NamedOrBlankNode, Quad, Term, Triple};
use oxigraph::sparql::{QueryEvaluationError, QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::collections::HashMap;
use std::io::Write;

mod keys;
mod subjects;
use keys::sorted_keys;
use subjects::write_subjects;

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
/// `"x"` / `"x"@en`). It is also the start of the statement's N-Triples and N-Quads line (what
/// oxrdf's `Display` writes), so those lines are written from it without formatting again.
pub(crate) fn statement_key(
    subject: &NamedOrBlankNode,
    predicate: &NamedNode,
    object: &Term,
) -> String {
    use std::fmt::Write as _;
    let mut key = String::with_capacity(160);
    // Writing to a String cannot fail.
    let _ = write!(key, "{subject} {predicate} {object}");
    key
}

/// Whether a statement holds a blank node as subject or object.
fn holds_blank_node(subject: &NamedOrBlankNode, object: &Term) -> bool {
    subject.is_blank_node() || object.is_blank_node()
}

/// Runs a SELECT on the store and calls `each` with every solution's terms, in the order of the
/// projection (`None` when unbound). SPARQL filters and DISTINCT work on the store's encoded
/// terms, and only the projected variables are decoded.
pub(crate) fn for_each_solution(
    store: &Store,
    sparql: &str,
    mut each: impl FnMut(&[Option<Term>]),
) -> Result<()> {
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
        return Ok(());
    };
    for solution in solutions {
        each(solution.map_err(evaluation)?.values());
    }
    Ok(())
}

/// Runs a SELECT on the store, giving each solution's terms in the order of the projection.
fn select(store: &Store, sparql: &str) -> Result<Vec<Vec<Option<Term>>>> {
    let mut rows = Vec::new();
    for_each_solution(store, sparql, |row| rows.push(row.to_vec()))?;
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
    for row in select(store, &sparql)? {
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

/// The statements of one graph (or one subject), sorted by [`statement_key`] without duplicates,
/// each with its quad or triple when the format needs more than the key (`T` is `()` otherwise).
pub(crate) struct Sorted<T> {
    pub statements: Vec<(String, T)>,
    /// Whether a statement holds a blank node: its key is right only under the final labels.
    pub blank_nodes: bool,
}

/// What is read of one graph or subject before it is written.
pub(crate) trait ReadGraph {
    /// Whether a statement holds a blank node: its text is right only under the final labels.
    fn blank_nodes(&self) -> bool;
}

impl<T> ReadGraph for Sorted<T> {
    fn blank_nodes(&self) -> bool {
        self.blank_nodes
    }
}

impl<T> Sorted<T> {
    fn new(mut statements: Vec<(String, T)>, blank_nodes: bool) -> Self {
        statements.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        statements.dedup_by(|a, b| a.0 == b.0);
        Self {
            statements,
            blank_nodes,
        }
    }
}

/// Calls `each` with the subject, predicate and object of every statement of `graph`. A named
/// graph is read with SPARQL, which decodes only the three projected terms (the quads of
/// `quads_for_pattern` decode the graph name of every quad too); a graph named by a blank node,
/// which SPARQL cannot name, is read quad by quad.
fn for_each_statement(
    store: &Store,
    graph: &GraphName,
    mut each: impl FnMut(NamedOrBlankNode, NamedNode, Term),
) -> Result<()> {
    let pattern = match graph {
        GraphName::NamedNode(g) => format!("GRAPH {g} {{ ?s ?p ?o }}"),
        GraphName::DefaultGraph => "?s ?p ?o".to_owned(),
        GraphName::BlankNode(_) => {
            for quad in store.quads_for_pattern(None, None, None, Some(graph.as_ref())) {
                let quad = quad?;
                each(quad.subject, quad.predicate, quad.object);
            }
            return Ok(());
        }
    };
    let sparql = format!("SELECT ?s ?p ?o WHERE {{ {pattern} }}");
    for_each_solution(store, &sparql, |row| {
        let [Some(s), Some(Term::NamedNode(p)), Some(o)] = row else {
            return;
        };
        let subject: NamedOrBlankNode = match s {
            Term::NamedNode(n) => n.clone().into(),
            Term::BlankNode(b) => b.clone().into(),
            _ => return,
        };
        each(subject, p.clone(), o.clone());
    })
}

/// The statements of one graph, relabelled, sorted; with their quads when `with_quads`.
pub(crate) fn sorted_graph(
    store: &Store,
    graph: &GraphName,
    labels: &HashMap<String, String>,
    with_quads: bool,
) -> Result<Sorted<Option<Quad>>> {
    let mut statements = Vec::new();
    let mut blank_nodes = graph.is_blank_node();
    let graph_name = relabeled_graph(graph, labels);
    for_each_statement(store, graph, |subject, predicate, object| {
        if holds_blank_node(&subject, &object) {
            blank_nodes = true;
            let quad = relabeled(Quad::new(subject, predicate, object, graph.clone()), labels);
            let key = statement_key(&quad.subject, &quad.predicate, &quad.object);
            statements.push((key, with_quads.then_some(quad)));
        } else {
            let key = statement_key(&subject, &predicate, &object);
            let quad =
                with_quads.then(|| Quad::new(subject, predicate, object, graph_name.clone()));
            statements.push((key, quad));
        }
    })?;
    Ok(Sorted::new(statements, blank_nodes))
}

/// The graph's name as exported: a blank node carries its canonical label.
fn relabeled_graph(graph: &GraphName, labels: &HashMap<String, String>) -> GraphName {
    match graph {
        GraphName::BlankNode(b) => labels
            .get(b.as_str())
            .map_or_else(|| graph.clone(), |l| BlankNode::new_unchecked(l).into()),
        other => other.clone(),
    }
}

/// The quads of one graph, relabelled, in export order.
pub(crate) fn graph_quads(
    store: &Store,
    graph: &GraphName,
    labels: &HashMap<String, String>,
) -> Result<Vec<Quad>> {
    Ok(graph_quads_and_blanks(store, graph, labels)?.0)
}

/// The quads of one graph, relabelled, in export order, and whether one holds a blank node (then
/// they are right only under the final labels).
pub(crate) fn graph_quads_and_blanks(
    store: &Store,
    graph: &GraphName,
    labels: &HashMap<String, String>,
) -> Result<(Vec<Quad>, bool)> {
    let sorted = sorted_graph(store, graph, labels, true)?;
    let quads = sorted.statements.into_iter().filter_map(|(_, quad)| quad);
    Ok((quads.collect(), sorted.blank_nodes))
}
/// Where statements go: N-Quads and N-Triples lines written from their keys (oxrdf's `Display`,
/// which oxigraph's serializers of these formats write too), or oxigraph's serializer for the
/// formats with prefixes and abbreviations (TriG, Turtle, RDF/XML).
enum Sink<W: Write> {
    Lines(W),
    Serializer(Box<WriterQuadSerializer<W>>),
}

impl<W: Write> Sink<W> {
    /// Whether the statements must carry their quads or triples (the serializer takes those).
    fn needs_statements(&self) -> bool {
        matches!(self, Sink::Serializer(_))
    }

    /// Writes one graph's statements through the serializer (the lines go from [`keys::Keys`]).
    fn graph(&mut self, sorted: &Sorted<Option<Quad>>) -> std::io::Result<usize> {
        if let Sink::Serializer(writer) = self {
            for quad in sorted.statements.iter().filter_map(|(_, q)| q.as_ref()) {
                writer.serialize_quad(quad)?;
            }
        }
        Ok(sorted.statements.len())
    }

    /// Writes one subject's triples.
    fn subject(&mut self, sorted: &Sorted<Option<Triple>>) -> std::io::Result<usize> {
        match self {
            Sink::Lines(out) => {
                for (key, _) in &sorted.statements {
                    out.write_all(key.as_bytes())?;
                    out.write_all(b" .\n")?;
                }
            }
            Sink::Serializer(writer) => {
                for triple in sorted.statements.iter().filter_map(|(_, t)| t.as_ref()) {
                    writer.serialize_triple(triple)?;
                }
            }
        }
        Ok(sorted.statements.len())
    }

    fn finish(self) -> std::io::Result<W> {
        match self {
            Sink::Lines(out) => Ok(out),
            Sink::Serializer(writer) => writer.finish(),
        }
    }
}

fn write_err(source: std::io::Error) -> Error {
    Error::Output {
        target: "export".to_owned(),
        source,
    }
}

/// Reads `units` on every core, `window` at a time (the next window is read while this one is
/// written), and hands each reading to `write` in the order of `units` until `write` returns
/// `false`. Returns how many readings `write` took. Memory holds two windows at most: the one
/// being written and the next (the channel holds none: what is read waits for the writer).
fn read_in_order<U: Sync, R: Send>(
    units: &[U],
    window: usize,
    read: impl Fn(&U) -> Result<R> + Sync,
    mut write: impl FnMut(&U, R) -> Result<bool>,
) -> Result<usize> {
    use rayon::prelude::*;
    let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<Result<R>>>(0);
    std::thread::scope(|scope| {
        let read = &read;
        scope.spawn(move || {
            for chunk in units.chunks(window.max(1)) {
                let readings: Vec<Result<R>> = chunk.par_iter().map(read).collect();
                if sender.send(readings).is_err() {
                    break; // the writer stopped
                }
            }
        });
        let mut taken = 0;
        // Leaving this loop drops the receiver, which stops the reader.
        for readings in receiver {
            for reading in readings {
                if !write(&units[taken], reading?)? {
                    return Ok(taken);
                }
                taken += 1;
            }
        }
        Ok(taken)
    })
}

/// The end of an N-Quads line in `graph`: its exported name, if not the default graph, and ` .`.
fn line_suffix(graph: &GraphName, labels: &HashMap<String, String>) -> String {
    match relabeled_graph(graph, labels) {
        GraphName::DefaultGraph => " .\n".to_owned(),
        name => format!(" {name} .\n"),
    }
}

/// Writes the store (or one named graph of it) in `format` (one of those [`streams`] accepts),
/// graph by graph or subject by subject, read on every core. Returns the number of statements
/// written: quads for quad formats, distinct triples for triple formats.
///
/// Blank nodes take their canonical labels, which depend on every blank node of the selection:
/// the export reads without them until it meets the first blank node, then finds the labels and
/// goes on under them. A store without blank nodes is read once.
pub fn write_store(
    store: &Store,
    graph: Option<&NamedNode>,
    format: RdfFormat,
    base: &Base,
    out: impl Write,
) -> Result<usize> {
    let out = std::io::BufWriter::with_capacity(1 << 20, out);
    let mut sink = match format {
        RdfFormat::NQuads | RdfFormat::NTriples => Sink::Lines(out),
        _ => Sink::Serializer(Box::new(
            crate::rdf::io::serializer(format, base)?.for_writer(out),
        )),
    };
    let count = if format.supports_datasets() {
        write_graphs(store, graph, &mut sink)?
    } else {
        write_subjects(store, graph, &mut sink)?
    };
    let mut out = sink.finish().map_err(write_err)?;
    out.flush().map_err(write_err)?;
    Ok(count)
}

/// Writes the selection graph by graph (quad formats). The graphs written before the first blank
/// node hold none, so their bytes do not depend on labels, and they come first in the order under
/// labels too (a graph named by a blank node sorts after every IRI and the default graph).
///
/// N-Quads lines are written from the graphs' keys alone ([`keys`]), one graph per core read
/// ahead: the graphs in memory are the export's peak (issue 23: at most 1.5× `oxigraph dump`'s).
fn write_graphs<W: Write>(
    store: &Store,
    graph: Option<&NamedNode>,
    sink: &mut Sink<W>,
) -> Result<usize> {
    let order = |labels: &HashMap<String, String>| graphs_in_order(store, graph, labels);
    if let Sink::Lines(out) = sink {
        return write_under_labels(
            store,
            graph,
            rayon::current_num_threads(),
            order,
            |name, labels| sorted_keys(store, name, labels),
            |name, labels, keys| keys.write_lines(out, &line_suffix(name, labels)),
        );
    }
    write_under_labels(
        store,
        graph,
        2 * rayon::current_num_threads(),
        order,
        |name, labels| sorted_graph(store, name, labels, true),
        |_, _, sorted| sink.graph(sorted),
    )
}

/// Reads `units` (graphs or subjects) in the order `order` gives under some labels, and writes
/// each with `write`: first without labels, until a reading holds a blank node; then, only if
/// one did, the canonical labels are found and the rest is read and written under them. What
/// was written before holds no blank node, so its bytes are those under the labels, and it comes
/// first in their order too (blank names sort after every IRI). Returns the statements written.
fn write_under_labels<U: Sync, R: ReadGraph + Send>(
    store: &Store,
    graph: Option<&NamedNode>,
    window: usize,
    order: impl Fn(&HashMap<String, String>) -> Result<Vec<U>>,
    read: impl Fn(&U, &HashMap<String, String>) -> Result<R> + Sync,
    mut write: impl FnMut(&U, &HashMap<String, String>, &R) -> std::io::Result<usize>,
) -> Result<usize> {
    let mut count = 0;
    let no_labels = HashMap::new();
    let units = order(&no_labels)?;
    let written = read_in_order(
        &units,
        window,
        |unit| read(unit, &no_labels),
        |unit, sorted| {
            if sorted.blank_nodes() {
                return Ok(false);
            }
            count += write(unit, &no_labels, &sorted).map_err(write_err)?;
            Ok(true)
        },
    )?;
    if written < units.len() {
        let labels = blank_labels(store, graph)?;
        let units = order(&labels)?;
        read_in_order(
            &units[written..],
            window,
            |unit| read(unit, &labels),
            |unit, sorted| {
                count += write(unit, &labels, &sorted).map_err(write_err)?;
                Ok(true)
            },
        )?;
    }
    Ok(count)
}
