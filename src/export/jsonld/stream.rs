//! Compacted and flattened JSON-LD written from the store item by item of the top-level array,
//! and a named graph's item subject by subject ([`super::subjects`]): memory holds the subjects
//! of the graphs being written and a few chunks of nodes, not a graph, and chunks are compacted
//! on every core.
//!
//! The bytes are those of [`super::to_jsonld`] on the whole dataset. That document is
//! `{"@context": …, "@graph": [items]}` with one item per named graph (`{"id": G, "@graph":
//! […]}`, with G's own statements of the default graph when it has some) and one per subject
//! of the rest of the default graph, the items sorted by their compact JSON text. Every item
//! begins with its compacted `@id` (the processor writes it first), ids are distinct, and an
//! id's JSON string is never a prefix of another's followed by its closing quote; so sorting by
//! `{"id":"<compacted id>"` (the first entry of a probe node of that id, compacted) orders the
//! items as their whole texts do, before any is made. Each item is then made, and printed
//! at the depth it has in the whole document, from the quads of its graph alone.
//!
//! A document of one item or none has another shape (the item is merged into the top object):
//! [`plan`] then returns `None` (deciding it before any context is read) and the caller makes it
//! whole: it is one graph at most. A graph with lists, of one subject or of at most [`SMALL`]
//! statements is made whole too.
//! Lists (`rdf:first`/`rdf:rest`) whose nodes are referred to from another graph may be written
//! as `@list`s here where the whole-dataset serializer writes plain nodes (or the reverse): the
//! same statements, only another shape. The default graph's subjects are made together.

use super::context::{load_context, ContextLoader};
use super::direct;
use super::engine::{probe_node, Engine, Expanded};
use super::loaded::{self, Loaded, LOADED};
use super::subjects::{self, Frame, GraphToWrite};
use super::tidy::sort_graphs;
use super::{expanded_from_rdf, graph_key, processing, ContextSource, JsonLdForm, JsonLdOptions};
use crate::error::{Error, Result};
use crate::export::stream::{blank_labels, graph_quads_and_blanks, graphs_in_order};
use crate::vocab::Base;
use json_ld::syntax::{Print, Value};
use json_syntax::print::Options as PrintOptions;
use oxigraph::model::{BlankNode, GraphName, NamedNode, NamedOrBlankNode, Quad};
use oxigraph::store::Store;
use rayon::prelude::*;
use read::Ready;
use sophia::jsonld::json_ld;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::sync::Arc;

/// How many items are made at once (on every core) before they are written.
const BATCH: usize = 64;
/// The most statements of a graph made whole; a larger one is written subject by subject.
const SMALL: usize = 1024;

/// One item of the top-level `@graph` array.
enum Item {
    /// Made already (a subject of the default graph), printed.
    Text(String),
    /// A named graph, with its name's statements of the default graph.
    Graph { name: GraphName, own: Vec<Quad> },
}

/// A compacted document ready to be written graph by graph.
pub(crate) struct Plan<'s> {
    store: &'s Store,
    graph: Option<NamedNode>,
    /// The canonical labels of the blank nodes, once a reading has met one (see [`plan`]).
    labels: Option<HashMap<String, String>>,
    engine: Engine,
    graph_key: String,
    head_context: Value<()>,
    /// Sorted by their key.
    items: Vec<(String, Item)>,
    /// Statements of the default graph, already in `items`.
    default_count: usize,
    /// The most statements of a graph read whole ([`LOADED`]; tests change it).
    loaded_max: usize,
}

/// The id under which the export writes a graph (blank nodes with their canonical labels).
fn exported_id(graph: &GraphName, labels: &HashMap<String, String>) -> Option<String> {
    match graph {
        GraphName::DefaultGraph => None,
        GraphName::NamedNode(n) => Some(n.as_str().to_owned()),
        GraphName::BlankNode(b) => Some(format!(
            "_:{}",
            labels.get(b.as_str()).map_or(b.as_str(), String::as_str)
        )),
    }
}

fn subject_id(subject: &NamedOrBlankNode) -> String {
    match subject {
        NamedOrBlankNode::NamedNode(n) => n.as_str().to_owned(),
        NamedOrBlankNode::BlankNode(b) => format!("_:{}", b.as_str()),
    }
}

/// The items of a compacted value: its objects.
pub(super) fn into_items(value: Value<()>) -> Vec<Value<()>> {
    match value {
        Value::Array(items) => items.into_iter().map(|item| item.into_value()).collect(),
        Value::Null => Vec::new(),
        other => vec![other],
    }
}

/// A value printed as the whole document prints it at `depth`.
pub(super) struct AtDepth<'v>(pub(super) &'v Value<()>, pub(super) usize);

impl std::fmt::Display for AtDepth<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt_with(f, &PrintOptions::pretty(), self.1)
    }
}

/// Whether the selection has the default graph, and its named graphs that hold statements, with
/// the ids they are exported under.
fn selected_graphs(
    store: &Store,
    graph: Option<&NamedNode>,
    labels: &HashMap<String, String>,
) -> Result<(bool, Vec<(String, GraphName)>)> {
    let mut named = Vec::new();
    let mut default_graph = false;
    for name in graphs_in_order(store, graph, labels)? {
        match exported_id(&name, labels) {
            None => default_graph = true,
            Some(id) => {
                let mut quads = store.quads_for_pattern(None, None, None, Some(name.as_ref()));
                if quads.next().transpose()?.is_some() {
                    named.push((id, name));
                }
            }
        }
    }
    Ok((default_graph, named))
}

/// The default graph's statements about the name of a selected graph (one node with the graph),
/// by that name, and the others.
fn split_default(
    quads: Vec<Quad>,
    named: &[(String, GraphName)],
) -> (HashMap<String, Vec<Quad>>, Vec<Quad>) {
    let graph_ids: HashSet<&str> = named.iter().map(|(id, _)| id.as_str()).collect();
    let mut own: HashMap<String, Vec<Quad>> = HashMap::new();
    let mut rest = Vec::new();
    for quad in quads {
        let id = subject_id(&quad.subject);
        if graph_ids.contains(id.as_str()) {
            own.entry(id).or_default().push(quad);
        } else {
            rest.push(quad);
        }
    }
    (own, rest)
}

/// The items of the default graph's other subjects, made and printed, each with its key (its
/// compact text).
fn default_items(engine: &Engine, graph_key: &str, rest: &[Quad]) -> Result<Vec<(String, Item)>> {
    let mut items = Vec::new();
    if !rest.is_empty() {
        let compacted = engine.compact(&expanded(engine, rest)?)?;
        for mut item in into_items(compacted) {
            sort_graphs(&mut item, graph_key);
            let key = item.compact_print().to_string();
            items.push((key, Item::Text(AtDepth(&item, 2).to_string())));
        }
    }
    Ok(items)
}

/// The named graphs of the selection (with their exported ids) and the quads of its default
/// graph, and the canonical labels of its blank nodes when these need them.
///
/// The labels depend on every blank node of the selection, and finding them means reading every
/// statement that holds one (as long as reading the whole store when it has none). They are
/// found here only when a graph is named by a blank node or the default graph holds one;
/// otherwise every item's key is an IRI, the same under any labels, and the labels are found
/// only if the named graph of an item turns out to hold a blank node (see [`Plan::write`]).
#[allow(clippy::type_complexity)]
fn read_plan_graphs(
    store: &Store,
    graph: Option<&NamedNode>,
) -> Result<(
    Option<HashMap<String, String>>,
    Vec<(String, GraphName)>,
    Vec<Quad>,
)> {
    let no_labels = HashMap::new();
    let (mut default_graph, mut named) = selected_graphs(store, graph, &no_labels)?;
    let mut labels = None;
    if named.iter().any(|(_, name)| name.is_blank_node()) {
        let found = blank_labels(store, graph)?;
        (default_graph, named) = selected_graphs(store, graph, &found)?;
        labels = Some(found);
    }
    if !default_graph {
        return Ok((labels, named, Vec::new()));
    }
    let default = GraphName::DefaultGraph;
    let (mut quads, blank_nodes) =
        graph_quads_and_blanks(store, &default, labels.as_ref().unwrap_or(&no_labels))?;
    if blank_nodes && labels.is_none() {
        let found = blank_labels(store, graph)?;
        quads = graph_quads_and_blanks(store, &default, &found)?.0;
        labels = Some(found);
    }
    Ok((labels, named, quads))
}

/// Plans the compacted (or flattened) document of the store or of one of its graphs; `None` when
/// it is expanded JSON-LD or has fewer than two items (see the module's documentation).
pub(crate) fn plan<'s>(
    store: &'s Store,
    graph: Option<&NamedNode>,
    options: &JsonLdOptions,
    base: &Base,
) -> Result<Option<Plan<'s>>> {
    if options.form == JsonLdForm::Expanded {
        return Ok(None);
    }
    let (labels, named, default_quads) = read_plan_graphs(store, graph)?;
    let default_count = default_quads.len();
    let (mut own, rest) = split_default(default_quads, &named);
    // Fewer than two items (at most one per subject): the caller makes the document whole,
    // before any context is read (a remote one is fetched once).
    let subjects: HashSet<&NamedOrBlankNode> = rest.iter().map(|quad| &quad.subject).collect();
    if named.len() + subjects.len() < 2 {
        return Ok(None);
    }
    // The context is read and checked as the whole-dataset path does (same errors, with lines).
    let context = load_context(&options.context, options, base)?;
    let mut loader = ContextLoader::new(options.allow_remote_context);
    let graph_key = graph_key(&context, &mut loader)?;
    let engine = Engine::new(&context, loader.documents.clone())?;
    let head_context = match &options.context {
        ContextSource::Url(url) => Value::String(url.as_str().into()),
        _ => engine.embedded_context.clone(),
    };
    let mut items = default_items(&engine, &graph_key, &rest)?;
    drop(rest);
    let keys = named
        .par_iter()
        .map(|(id, _)| id_key(&engine, id))
        .collect::<Result<Vec<_>>>()?;
    for ((id, name), key) in named.into_iter().zip(keys) {
        let own = own.remove(&id).unwrap_or_default();
        items.push((key, Item::Graph { name, own }));
    }
    if items.len() < 2 {
        return Ok(None);
    }
    items.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Some(Plan {
        store,
        graph: graph.cloned(),
        labels,
        engine,
        graph_key,
        head_context,
        items,
        default_count,
        loaded_max: LOADED,
    }))
}

/// `{"id":"<compacted id>"`: how the compacted item of `id` begins (its first entry, as the
/// compact printer writes it).
fn id_key(engine: &Engine, id: &str) -> Result<String> {
    let probe = Value::Array(vec![locspan::Meta(probe_node(id), ())]);
    let compacted = engine.compact(&engine.expand(probe)?)?;
    first_entry_key(&compacted)
        .ok_or_else(|| processing(std::io::Error::other(format!("{id}: no compacted id"))))
}

/// The first entry of a compacted object as the compact printer writes it, without the rest:
/// `{"id":"<compacted id>"` for a node.
pub(super) fn first_entry_key(value: &Value<()>) -> Option<String> {
    let Value::Object(object) = value else {
        return None;
    };
    let entry = object.iter().next()?;
    let key = Value::<()>::String(entry.key.value().clone());
    Some(format!(
        "{{{}:{}",
        key.compact_print(),
        entry.value.value().compact_print()
    ))
}

/// The expanded document of `quads`: made directly when they allow it, else through sophia's
/// serializer and the processor's expansion.
pub(super) fn expanded(engine: &Engine, quads: &[Quad]) -> Result<Expanded> {
    match direct::expanded(quads) {
        Some(expanded) => Ok(expanded),
        None => engine.expand(expanded_from_rdf(quads)?),
    }
}

pub(super) fn write_err(source: std::io::Error) -> Error {
    Error::Output {
        target: "export".to_owned(),
        source,
    }
}

impl Plan<'_> {
    /// Writes one item, read; returns the number of statements written.
    fn write_item(&self, item: &Item, ready: Ready, out: &mut impl Write) -> Result<usize> {
        let text = |out: &mut dyn Write, text: &str| out.write_all(text.as_bytes());
        match (item, ready) {
            (Item::Text(printed), _) => text(out, printed).map_err(write_err).map(|()| 0),
            (_, Ready::Whole(made)) => text(out, &made.text)
                .map_err(write_err)
                .map(|()| made.statements),
            (
                Item::Graph { name, .. },
                Ready::Subjects {
                    subjects,
                    frame,
                    labels,
                },
            ) => {
                let graph = GraphToWrite {
                    store: self.store,
                    engine: &self.engine,
                    graph_key: &self.graph_key,
                    name,
                    subjects: &subjects,
                    frame: &frame,
                    labels: &labels,
                };
                subjects::write_graph(&graph, out)
            }
            (_, Ready::Loaded { loaded, frame }) => {
                loaded::write(&self.engine, &self.graph_key, &frame, loaded, out)
            }
            (Item::Graph { own, .. }, Ready::LoadedWhole(quads)) => {
                let statements = quads.len();
                let made = self.made_whole(own, quads)?;
                text(out, &made).map_err(write_err).map(|()| statements)
            }
            (Item::Graph { .. }, Ready::Text | Ready::ToLoad) => Ok(0),
        }
    }

    /// Writes the document; returns the number of statements written. The items are read on
    /// another thread (and on every core), one ahead of the writer.
    pub(crate) fn write(mut self, out: impl Write) -> Result<usize> {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
        let key = Value::<()>::String(self.graph_key.as_str().into());
        write!(
            out,
            "{{\n  \"@context\": {},\n  {}: [\n",
            AtDepth(&self.head_context, 1),
            key.compact_print()
        )
        .map_err(write_err)?;
        let labels = self.labels.take().map(Arc::new);
        let plan = &self;
        let count = std::thread::scope(|scope| {
            let (sender, receiver) = std::sync::mpsc::sync_channel(0);
            scope.spawn(move || plan.read_items(labels, sender));
            let mut count = plan.default_count;
            let mut received = receiver.iter();
            for (index, (_, item)) in plan.items.iter().enumerate() {
                let Some(ready) = received.next() else {
                    let missing = std::io::Error::other("an item was not read");
                    return Err(processing(missing));
                };
                let separator = if index == 0 { "    " } else { ",\n    " };
                out.write_all(separator.as_bytes()).map_err(write_err)?;
                count += plan.write_item(item, ready?, &mut out)?;
            }
            Ok(count)
        })?;
        out.write_all(b"\n  ]\n}\n").map_err(write_err)?;
        out.flush().map_err(write_err)?;
        Ok(count)
    }
}

mod read;
#[cfg(test)]
mod tests;
