//! One graph's statements as their sort keys alone, all in one buffer: what the N-Quads export
//! holds in memory. A key per `String` (with its capacity and, before this, a slot for a quad
//! the lines never use) took about three times the bytes of the text itself; the graphs read
//! ahead of the writer are what the export's peak memory is made of.

use super::{for_each_statement, holds_blank_node, ReadGraph};
use crate::error::Result;
use crate::rdf::canonical::relabeled;
use oxigraph::model::{GraphName, Quad};
use oxigraph::store::Store;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write;

/// The statement keys of one graph ([`super::statement_key`]), sorted, without duplicates.
pub(crate) struct Keys {
    text: String,
    /// Where each key is in `text`: start and end.
    spans: Vec<(usize, usize)>,
    blank_nodes: bool,
}

impl ReadGraph for Keys {
    fn blank_nodes(&self) -> bool {
        self.blank_nodes
    }
}

impl Keys {
    fn key(&self, (start, end): (usize, usize)) -> &str {
        &self.text[start..end]
    }

    /// Writes each key followed by `suffix` (an N-Quads or N-Triples line's end); returns how
    /// many.
    pub(crate) fn write_lines(&self, out: &mut impl Write, suffix: &str) -> std::io::Result<usize> {
        for span in &self.spans {
            out.write_all(self.key(*span).as_bytes())?;
            out.write_all(suffix.as_bytes())?;
        }
        Ok(self.spans.len())
    }
}

/// The keys of the statements of `graph`, relabelled, sorted, without duplicates.
pub(crate) fn sorted_keys(
    store: &Store,
    graph: &GraphName,
    labels: &HashMap<String, String>,
) -> Result<Keys> {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut blank_nodes = graph.is_blank_node();
    for_each_statement(store, graph, |subject, predicate, object| {
        let start = text.len();
        // Writing to a String cannot fail.
        if holds_blank_node(&subject, &object) {
            blank_nodes = true;
            let quad = relabeled(Quad::new(subject, predicate, object, graph.clone()), labels);
            let _ = write!(text, "{} {} {}", quad.subject, quad.predicate, quad.object);
        } else {
            let _ = write!(text, "{subject} {predicate} {object}");
        }
        spans.push((start, text.len()));
    })?;
    text.shrink_to_fit();
    let mut keys = Keys {
        text,
        spans: Vec::new(),
        blank_nodes,
    };
    spans.sort_unstable_by(|a, b| keys.key(*a).cmp(keys.key(*b)));
    spans.dedup_by(|a, b| keys.key(*a) == keys.key(*b));
    spans.shrink_to_fit();
    keys.spans = spans;
    Ok(keys)
}
