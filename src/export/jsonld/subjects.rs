//! A named graph's item compacted subject by subject (issue 23): memory holds the graph's
//! subjects and a few chunks of nodes, not the graph, and the bytes are those of the graph made
//! whole.
//!
//! Why the bytes are the same: the compacted item of a graph is its name's node with `@graph`, an
//! array of one node per subject (compaction keeps `@graph` an array, and turns no node into
//! another's value), which the export sorts by compact text. Each node is compacted on its own
//! ([`node.rs` of json-ld-compaction] compacts the items of `@graph` one by one with the same
//! active context), and every node's text begins with its compacted `@id`, distinct per subject,
//! so sorting the subjects by `{"id":"<compacted id>"` ([`subject_keys`]) sorts the nodes. The
//! array is printed expanded (two items or more, or one wider than 16 characters, which a node
//! always is), each item at the array's depth + 1 whatever its neighbours; [`Frame`] is the
//! item's text around that array, found by printing the item with two marker strings in it.
//!
//! Chunks of subjects are made inside a graph of a placeholder name, so that they go through the
//! compaction exactly as inside their graph. Lists (`rdf:first`/`rdf:rest`/`rdf:nil`) and
//! `rdf:direction` tie several subjects into one node: a graph that holds them is made whole.

use super::direct;
use super::engine::{Engine, Expanded};
use super::stream::{expanded, first_entry_key, into_items, AtDepth};
use super::tidy::sort_graphs;
use super::{expanded_from_rdf, processing};
use crate::error::Result;
use crate::export::stream::{for_each_solution, statement_key};
use crate::rdf::canonical::relabeled;
use json_ld::syntax::Value;
use locspan::Meta;
use oxigraph::model::{BlankNode, GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use oxigraph::store::Store;
use rayon::prelude::*;
use sophia::jsonld::json_ld;
use std::collections::HashMap;
use std::io::Write;

/// Subjects per chunk made in one compaction.
pub(super) const CHUNK: usize = 64;
const PROBE: &str = "urn:wangluo:probe:p";
const PLACEHOLDER: &str = "urn:wangluo:placeholder:graph";
const MARKERS: [&str; 2] = ["urn:wangluo:marker:1", "urn:wangluo:marker:2"];

/// What one pass over a graph's statements tells: its subjects (as the store names them),
/// whether one statement holds a blank node, and whether one ties subjects into a list.
pub(super) struct Scan {
    pub(super) subjects: Vec<NamedOrBlankNode>,
    pub(super) blank_nodes: bool,
    pub(super) lists: bool,
}

pub(super) fn is_list_statement(predicate: &NamedNode, object: &Term) -> bool {
    const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    let rdf = |name: &str| format!("{RDF}{name}");
    matches!(
        predicate.as_str().strip_prefix(RDF),
        Some("first" | "rest" | "direction")
    ) || matches!(object, Term::NamedNode(n) if n.as_str() == rdf("nil"))
}

/// How many statements `graph` holds, or `limit` + 1 when it is more (counted in the store's
/// encoding).
pub(super) fn statement_count(store: &Store, graph: &GraphName, limit: usize) -> Result<usize> {
    let GraphName::NamedNode(name) = graph else {
        let quads = store.quads_for_pattern(None, None, None, Some(graph.as_ref()));
        return Ok(quads.take(limit.saturating_add(1)).count());
    };
    let sparql = format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {name} {{ ?s ?p ?o }} }}");
    let mut count = usize::MAX;
    for_each_solution(store, &sparql, |row| {
        if let Some(Term::Literal(n)) = &row[0] {
            count = n.value().parse().unwrap_or(usize::MAX);
        }
    })?;
    Ok(count.min(limit.saturating_add(1)))
}

/// Scans `graph` (a named graph; SPARQL decodes only the subjects and two flags per statement).
pub(super) fn scan(store: &Store, graph: &GraphName) -> Result<Scan> {
    let mut result = Scan {
        subjects: Vec::new(),
        blank_nodes: graph.is_blank_node(),
        lists: false,
    };
    let GraphName::NamedNode(name) = graph else {
        // A graph named by a blank node, which SPARQL cannot name, is read quad by quad.
        for quad in store.quads_for_pattern(None, None, None, Some(graph.as_ref())) {
            let quad = quad?;
            result.blank_nodes |= quad.subject.is_blank_node() || quad.object.is_blank_node();
            result.lists |= is_list_statement(&quad.predicate, &quad.object);
            result.subjects.push(quad.subject);
        }
        dedup(&mut result.subjects);
        return Ok(result);
    };
    let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    let sparql = format!(
        "SELECT DISTINCT ?s ?b ?l WHERE {{ GRAPH {name} {{ ?s ?p ?o }} BIND(isBLANK(?o) AS ?b) \
         BIND(?p IN (<{rdf}first>, <{rdf}rest>, <{rdf}direction>) || sameTerm(?o, <{rdf}nil>) AS ?l) }}"
    );
    let truth = |term: &Option<Term>| matches!(term, Some(Term::Literal(l)) if l.value() == "true");
    for_each_solution(store, &sparql, |row| {
        let subject: NamedOrBlankNode = match &row[0] {
            Some(Term::NamedNode(n)) => n.clone().into(),
            Some(Term::BlankNode(b)) => b.clone().into(),
            _ => return,
        };
        result.blank_nodes |= subject.is_blank_node() || truth(&row[1]);
        result.lists |= truth(&row[2]);
        result.subjects.push(subject);
    })?;
    dedup(&mut result.subjects);
    Ok(result)
}

/// Each subject once (in no particular order: they are sorted by their keys later).
fn dedup(subjects: &mut Vec<NamedOrBlankNode>) {
    let distinct: std::collections::HashSet<NamedOrBlankNode> = subjects.drain(..).collect();
    subjects.extend(distinct);
}

/// A subject as exported: a blank node under its canonical label.
fn exported(subject: &NamedOrBlankNode, labels: &HashMap<String, String>) -> NamedOrBlankNode {
    match subject {
        NamedOrBlankNode::BlankNode(b) => match labels.get(b.as_str()) {
            Some(label) => BlankNode::new_unchecked(label.clone()).into(),
            None => subject.clone(),
        },
        other => other.clone(),
    }
}

/// The subjects of a scan in the order of their nodes in the compacted graph.
pub(super) fn subjects_in_order(
    engine: &Engine,
    scan: Scan,
    labels: &HashMap<String, String>,
) -> Result<Vec<NamedOrBlankNode>> {
    let order = node_order(engine, &scan.subjects, labels)?;
    Ok(order
        .into_iter()
        .map(|i| scan.subjects[i].clone())
        .collect())
}

/// The indices of `subjects` in the order of their nodes in the compacted graph (their keys
/// found on every core; distinct, so the order is the same whatever the sort).
pub(super) fn node_order(
    engine: &Engine,
    subjects: &[NamedOrBlankNode],
    labels: &HashMap<String, String>,
) -> Result<Vec<usize>> {
    let keys = subjects
        .par_chunks(CHUNK * 4)
        .map(|chunk| subject_keys(engine, chunk, labels))
        .collect::<Result<Vec<_>>>()?;
    let mut keyed: Vec<(String, usize)> = keys.into_iter().flatten().zip(0..).collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Ok(keyed.into_iter().map(|(_, i)| i).collect())
}

/// `{"id":"<compacted id>"` of each subject, in one compaction of a probe node per subject (the
/// probe's value is the subject's index: compaction keeps nodes in a set).
fn subject_keys(
    engine: &Engine,
    subjects: &[NamedOrBlankNode],
    labels: &HashMap<String, String>,
) -> Result<Vec<String>> {
    let probe = NamedNode::new_unchecked(PROBE);
    let quads: Vec<Quad> = subjects
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let index = Literal::new_simple_literal(i.to_string());
            Quad::new(
                exported(s, labels),
                probe.clone(),
                index,
                GraphName::DefaultGraph,
            )
        })
        .collect();
    let unexpected =
        |what: &str| processing(std::io::Error::other(format!("subject keys: {what}")));
    let expanded = direct::expanded(&quads).ok_or_else(|| unexpected("not made"))?;
    let mut keys = vec![String::new(); subjects.len()];
    for item in into_items(engine.compact(&expanded)?) {
        let Value::Object(object) = &item else {
            return Err(unexpected("not an object"));
        };
        // The first entry is the id.
        let index = object
            .iter()
            .skip(1)
            .find_map(|entry| match entry.value.value() {
                Value::String(s) => s.parse::<usize>().ok(),
                Value::Object(o) => o.get("@value").next().and_then(|v| match v.value() {
                    Value::String(s) => s.parse::<usize>().ok(),
                    _ => None,
                }),
                _ => None,
            })
            .filter(|i| *i < keys.len())
            .ok_or_else(|| unexpected("no index"))?;
        keys[index] = first_entry_key(&item).ok_or_else(|| unexpected("no id"))?;
    }
    Ok(keys)
}

/// The text of a graph's item around its `@graph` array: `head` ends where the first node
/// begins, `separator` goes between nodes, `tail` follows the last one; nodes are printed at
/// `depth`.
pub(super) struct Frame {
    head: String,
    separator: String,
    tail: String,
    depth: usize,
}

/// The frame of the item of graph `name` (as exported) with its name's statements `own`.
pub(super) fn frame(
    engine: &Engine,
    graph_key: &str,
    name: &GraphName,
    own: &[Quad],
) -> Result<Frame> {
    let failed = |what: &str| processing(std::io::Error::other(format!("graph frame: {what}")));
    let mut quads = own.to_vec();
    for marker in MARKERS {
        quads.push(Quad::new(
            NamedNode::new_unchecked(marker),
            NamedNode::new_unchecked(PROBE),
            Literal::new_simple_literal("1"),
            name.clone(),
        ));
    }
    let mut items = into_items(engine.compact(&expanded(engine, &quads)?)?);
    let (Some(mut item), true) = (items.pop(), items.is_empty()) else {
        return Err(failed("not one node"));
    };
    sort_graphs(&mut item, graph_key);
    let Value::Object(object) = &mut item else {
        return Err(failed("not an object"));
    };
    let Some(entry) = object.get_mut(graph_key).next() else {
        return Err(failed("no graph"));
    };
    *entry.value_mut() = Value::Array(
        MARKERS
            .iter()
            .map(|m| Meta(Value::String((*m).into()), ()))
            .collect(),
    );
    let text = AtDepth(&item, 2).to_string();
    let quoted = MARKERS.map(|m| format!("\"{m}\""));
    let (Some(first), Some(second)) = (text.find(&quoted[0]), text.find(&quoted[1])) else {
        return Err(failed("markers not printed"));
    };
    let head = &text[..first];
    let indent = head.len() - head.trim_end_matches(' ').len();
    Ok(Frame {
        head: head.to_owned(),
        separator: text[first + quoted[0].len()..second].to_owned(),
        tail: text[second + quoted[1].len()..].to_owned(),
        depth: indent / 2,
    })
}

/// The name of the graph that chunks of subjects are compacted in.
pub(super) fn placeholder() -> GraphName {
    GraphName::NamedNode(NamedNode::new_unchecked(PLACEHOLDER))
}

/// The statements of a chunk of subjects of `graph`, read from the store: each subject's in
/// export order (relabelled, sorted by key, without duplicates), in the placeholder graph.
fn store_chunk(graph: &GraphToWrite<'_>, chunk: &[NamedOrBlankNode]) -> Result<Vec<Quad>> {
    let placeholder = placeholder();
    let mut quads = Vec::new();
    for subject in chunk {
        let mut statements = Vec::new();
        for quad in graph.store.quads_for_pattern(
            Some(subject.as_ref()),
            None,
            None,
            Some(graph.name.as_ref()),
        ) {
            let mut quad = relabeled(quad?, graph.labels);
            quad.graph_name = placeholder.clone();
            let key = statement_key(&quad.subject, &quad.predicate, &quad.object);
            statements.push((key, quad));
        }
        statements.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        statements.dedup_by(|a, b| a.0 == b.0);
        quads.extend(statements.into_iter().map(|(_, quad)| quad));
    }
    Ok(quads)
}

/// How the nodes of a graph's subjects are made and written: in its item's frame.
pub(super) struct Nodes<'a> {
    pub(super) engine: &'a Engine,
    pub(super) graph_key: &'a str,
    pub(super) frame: &'a Frame,
}

/// The nodes of the statements of a chunk of subjects (in the placeholder graph), in order,
/// printed at the frame's depth.
fn compact_chunk(nodes: &Nodes<'_>, quads: Vec<Quad>) -> Result<Vec<String>> {
    let Nodes {
        engine,
        graph_key,
        frame,
    } = nodes;
    let made: Expanded = match direct::expanded(&quads) {
        Some(expanded) => expanded,
        None => engine.expand(expanded_from_rdf(&quads)?)?,
    };
    drop(quads);
    let mut items = into_items(engine.compact(&made)?);
    let (Some(Value::Object(mut wrapper)), true) = (items.pop(), items.is_empty()) else {
        return Err(processing(std::io::Error::other(
            "a chunk did not compact to one graph",
        )));
    };
    let nodes = wrapper
        .get_mut(*graph_key)
        .next()
        .map(|entry| std::mem::replace(entry.value_mut(), Value::Null))
        .unwrap_or(Value::Null);
    let mut keyed: Vec<(String, String)> = into_items(nodes)
        .into_iter()
        .map(|mut node| {
            sort_graphs(&mut node, graph_key);
            let key = first_entry_key(&node).unwrap_or_default();
            (key, AtDepth(&node, frame.depth).to_string())
        })
        .collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Ok(keyed.into_iter().map(|(_, text)| text).collect())
}

/// A graph to write subject by subject from the store, and what it is written with.
pub(super) struct GraphToWrite<'a> {
    pub(super) store: &'a Store,
    pub(super) engine: &'a Engine,
    pub(super) graph_key: &'a str,
    /// As the store names it.
    pub(super) name: &'a GraphName,
    /// In the order of their nodes.
    pub(super) subjects: &'a [NamedOrBlankNode],
    pub(super) frame: &'a Frame,
    pub(super) labels: &'a HashMap<String, String>,
}

/// Writes the item of a graph in its frame, its subjects read from the store a chunk at a time;
/// returns the number of the graph's statements.
pub(super) fn write_graph(graph: &GraphToWrite<'_>, out: &mut impl Write) -> Result<usize> {
    let nodes = Nodes {
        engine: graph.engine,
        graph_key: graph.graph_key,
        frame: graph.frame,
    };
    let chunks = graph.subjects.chunks(CHUNK).collect();
    write_nodes(&nodes, chunks, |chunk| store_chunk(graph, chunk), out)
}

/// Writes a graph's item in its frame: `chunks` (of [`CHUNK`] subjects, in the order of their
/// nodes) are read (`read` gives a chunk's statements, in the placeholder graph) and compacted
/// on every core, a few chunks ahead of the output, which keeps their order; returns the number
/// of statements.
pub(super) fn write_nodes<C: Send>(
    nodes: &Nodes<'_>,
    chunks: Vec<C>,
    read: impl Fn(C) -> Result<Vec<Quad>> + Sync,
    out: &mut impl Write,
) -> Result<usize> {
    let write_err = super::stream::write_err;
    let frame = nodes.frame;
    out.write_all(frame.head.as_bytes()).map_err(write_err)?;
    let mut count = 0;
    let mut first = true;
    let mut chunks = chunks.into_iter();
    loop {
        let window: Vec<C> = chunks
            .by_ref()
            .take(2 * rayon::current_num_threads())
            .collect();
        if window.is_empty() {
            break;
        }
        let made = window
            .into_par_iter()
            .map(|chunk| {
                let quads = read(chunk)?;
                let statements = quads.len();
                Ok((compact_chunk(nodes, quads)?, statements))
            })
            .collect::<Result<Vec<_>>>()?;
        for (texts, statements) in made {
            count += statements;
            for text in texts {
                if !first {
                    out.write_all(frame.separator.as_bytes())
                        .map_err(write_err)?;
                }
                first = false;
                out.write_all(text.as_bytes()).map_err(write_err)?;
            }
        }
    }
    out.write_all(frame.tail.as_bytes()).map_err(write_err)?;
    Ok(count)
}
