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

/// How much text one block of keys holds: the text grows block by block, so that no buffer
/// doubles past what it needs (a single `String` would hold up to twice the graph's text).
const BLOCK: usize = 1 << 20;

/// The statement keys of one graph ([`super::statement_key`]), sorted, without duplicates.
pub(crate) struct Keys {
    blocks: Vec<String>,
    /// Where each key is: its block, start and end there.
    spans: Vec<(u32, u32, u32)>,
    blank_nodes: bool,
}

impl ReadGraph for Keys {
    fn blank_nodes(&self) -> bool {
        self.blank_nodes
    }
}

impl Keys {
    fn key(&self, (block, start, end): (u32, u32, u32)) -> &str {
        &self.blocks[block as usize][start as usize..end as usize]
    }

    /// Appends `key` (a block longer than [`BLOCK`] holds one key alone).
    fn push(&mut self, key: &str) {
        let full = self
            .blocks
            .last()
            .is_none_or(|block| block.len() + key.len() > block.capacity());
        if full {
            self.blocks
                .push(String::with_capacity(BLOCK.max(key.len())));
        }
        let index = self.blocks.len() - 1;
        let block = &mut self.blocks[index];
        let start = block.len();
        block.push_str(key);
        // Blocks and spans stay far below 4 GiB: a block is 1 MiB or one key.
        self.spans
            .push((index as u32, start as u32, block.len() as u32));
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
    let mut keys = Keys {
        blocks: Vec::new(),
        spans: Vec::new(),
        blank_nodes: graph.is_blank_node(),
    };
    let mut key = String::new();
    for_each_statement(store, graph, |subject, predicate, object| {
        key.clear();
        // Writing to a String cannot fail.
        if holds_blank_node(&subject, &object) {
            keys.blank_nodes = true;
            let quad = relabeled(Quad::new(subject, predicate, object, graph.clone()), labels);
            let _ = write!(key, "{} {} {}", quad.subject, quad.predicate, quad.object);
        } else {
            let _ = write!(key, "{subject} {predicate} {object}");
        }
        keys.push(&key);
    })?;
    let mut spans = std::mem::take(&mut keys.spans);
    spans.sort_unstable_by(|a, b| keys.key(*a).cmp(keys.key(*b)));
    spans.dedup_by(|a, b| keys.key(*a) == keys.key(*b));
    spans.shrink_to_fit();
    keys.spans = spans;
    Ok(keys)
}
