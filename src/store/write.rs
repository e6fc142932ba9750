//! Writing a prepared load graph by graph: each annotation file is emitted when its graph is
//! written and its quads are dropped once they are out, so that what a load holds while it
//! writes does not grow with its documents' quads.
//!
//! Atomic either way. Graphs the store already holds are compared with it first (only the
//! difference is kept). When nothing is removed, every quad goes through Oxigraph's bulk loader,
//! which turns each batch into sorted files on disk and adds them all to the store in one step
//! at its commit (a process killed before leaves the store as it was); otherwise every change
//! goes into one transaction.

use super::{KnowledgeGraph, PreparedLoad, Progress};
use crate::error::Result;
use crate::rdf::emit::Part;
use oxigraph::model::{GraphName, Quad};
use oxigraph::store::Store;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// How many graphs are emitted at once, on every core: a few tens of thousands of quads.
const GRAPHS_AT_ONCE: usize = 64;

/// How many quads each thread of the bulk loader turns into sorted files at once (it runs one
/// thread per core). Small batches cost less: their hash sets and sorts stay in the caches, and
/// the compaction that follows a large load merges their files at about the cost of merging a
/// few. At 25,000 (against 100,000, the former 200 MB budget on two cores) a load of a million
/// quads took 15% less CPU, one of 1,000 documents 15% less CPU and half the memory, one of
/// 10,000 documents 6% less CPU and 25% less memory; at 5,000 the thousands of files cost more
/// than they saved. Each batch becomes sorted files on
/// disk, all added to the store at the commit, whatever their number.
const BULK_BATCH_QUADS: usize = 25_000;

/// A bulk load of at least this many quads is followed by a compaction: each batch of the loader
/// adds one file per index, and until RocksDB merges them every read looks into each (queries
/// on a 1,000-document store loaded in four batches took twice as long as on Oxigraph's). The
/// store is not kept open long enough for RocksDB to merge them in the background. Smaller
/// loads (a document added to a corpus) do not pay for compacting the whole store.
const COMPACT_AFTER_QUADS: usize = 100_000;

/// One graph the load writes.
struct GraphWrite {
    graph: GraphName,
    /// The quads the load holds as quads (ontology, RDF documents, updated mentions).
    held: Vec<Quad>,
    /// The annotation files whose quads go here (indices into `PreparedLoad::files`), which
    /// part of each (what the text says, what the curator adds), and their triple counts once
    /// emitted.
    files: Vec<(usize, Part, usize)>,
    /// The document files whose claims' closures go here (their curation graph).
    closures: Vec<usize>,
    /// The load replaces it and the store holds quads in it: only the difference is written.
    stored: bool,
    /// How many quads the load gives it (held and emitted).
    quads: usize,
}

impl GraphWrite {
    /// Every quad of this graph: the held ones (moved out), then each file's, emitted now.
    fn emit(&mut self, batch: &PreparedLoad) -> Vec<Quad> {
        let mut quads = std::mem::take(&mut self.held);
        for (n, part, count) in &mut self.files {
            let file = &batch.files[*n].0;
            let emitted = part.quads(file, &batch.ontology, &batch.base);
            *count = emitted.len();
            if quads.is_empty() {
                quads = emitted;
            } else {
                quads.extend(emitted);
            }
        }
        for n in &self.closures {
            let file = &batch.files[*n].0;
            let closures =
                crate::rdf::emit::closure_quads(file, &batch.ontology, &batch.links, &batch.base);
            // Counted with the file's curation, when it has some.
            for (m, part, count) in &mut self.files {
                if m == n && *part == Part::Curation {
                    *count += closures.len();
                }
            }
            quads.extend(closures);
        }
        self.quads = quads.len();
        quads
    }
}

impl KnowledgeGraph {
    /// Writes a prepared load, atomically, reporting the graphs written as it goes: a process
    /// killed before the commit leaves the store as it was, after it as the load made it. Only
    /// what changes is written: each graph the load replaces is compared with what the store
    /// holds (reloading an unchanged document writes nothing). When nothing is removed (a new
    /// store, new documents) the quads go through Oxigraph's bulk loader, which writes sorted
    /// files and adds them all at once at its commit; otherwise through one transaction.
    pub fn apply_with(
        &self,
        mut batch: PreparedLoad,
        progress: &dyn Progress,
    ) -> Result<super::LoadReport> {
        let writes = plan(&mut batch, &self.store)?;
        progress.start("writing", writes.len());
        let (mut stored, mut fresh): (Vec<GraphWrite>, Vec<GraphWrite>) =
            writes.into_iter().partition(|w| w.stored);
        // The graphs the store holds: only their difference with it is kept.
        let mut remove = std::mem::take(&mut batch.remove);
        let mut add = Vec::new();
        for chunk in stored.chunks_mut(GRAPHS_AT_ONCE) {
            let differences = chunk
                .par_iter_mut()
                .map(|write| {
                    let quads = write.emit(&batch);
                    progress.advance(1);
                    difference(&self.store, &write.graph, quads)
                })
                .collect::<Result<Vec<_>>>()?;
            for (removed, added) in differences {
                remove.extend(removed);
                add.extend(added);
            }
        }
        let bulk = remove.is_empty() && self.location.is_some();
        if bulk {
            let new_graphs = fresh
                .chunks_mut(GRAPHS_AT_ONCE)
                .flat_map(|chunk| emit_chunk(chunk, &batch, progress).into_iter().flatten());
            // Oxigraph sizes its batches as megabytes * 1000 / threads quads.
            let threads = rayon::current_num_threads();
            let mut loader = self
                .store
                .bulk_loader()
                .with_num_threads(threads)
                .with_max_memory_size_in_megabytes((BULK_BATCH_QUADS * threads).div_ceil(1000));
            loader.load_quads(add.into_iter().chain(new_graphs))?;
            loader.commit()?;
        } else {
            let mut transaction = self.store.start_transaction()?;
            for quad in &remove {
                transaction.remove(quad);
            }
            transaction.extend(&add);
            drop((remove, add));
            for chunk in fresh.chunks_mut(GRAPHS_AT_ONCE) {
                for quad in emit_chunk(chunk, &batch, progress).iter().flatten() {
                    transaction.insert(quad);
                }
            }
            transaction.commit()?;
        }
        if self.location.is_some() {
            self.store.flush()?;
        }
        for write in stored.iter().chain(&fresh) {
            for &(n, part, count) in &write.files {
                let lines = &batch.files[n].1;
                if let Some(&(_, line)) = lines.iter().find(|(p, _)| *p == part) {
                    batch.report.graphs[line].1 = count;
                }
            }
            batch.report.quads += write.quads;
        }
        if bulk && batch.report.quads >= COMPACT_AFTER_QUADS {
            progress.start("compacting", 1);
            self.store.optimize()?;
            progress.advance(1);
        }
        Ok(batch.into_report())
    }
}

/// The quads of a few graphs, emitted on every core.
fn emit_chunk(
    chunk: &mut [GraphWrite],
    batch: &PreparedLoad,
    progress: &dyn Progress,
) -> Vec<Vec<Quad>> {
    chunk
        .par_iter_mut()
        .map(|write| {
            let quads = write.emit(batch);
            progress.advance(1);
            quads
        })
        .collect()
}

/// The graphs a load writes, in the order their quads come: the held quads' graphs, the
/// annotation files' graphs, then the replaced graphs the load leaves empty.
fn plan(batch: &mut PreparedLoad, store: &Store) -> Result<Vec<GraphWrite>> {
    let mut writes: Vec<GraphWrite> = Vec::new();
    let mut position: HashMap<GraphName, usize> = HashMap::new();
    let mut slot = |graph: &GraphName, writes: &mut Vec<GraphWrite>| -> usize {
        if let Some(&n) = position.get(graph) {
            return n;
        }
        position.insert(graph.clone(), writes.len());
        writes.push(GraphWrite {
            graph: graph.clone(),
            held: Vec::new(),
            files: Vec::new(),
            closures: Vec::new(),
            stored: false,
            quads: 0,
        });
        writes.len() - 1
    };
    for quad in std::mem::take(&mut batch.quads) {
        let n = slot(&quad.graph_name, &mut writes);
        writes[n].held.push(quad);
    }
    for (n, (file, lines)) in batch.files.iter().enumerate() {
        for &(part, _) in lines {
            let w = slot(&GraphName::NamedNode(part.graph(file).clone()), &mut writes);
            writes[w].files.push((n, part, 0));
        }
        if file.document.is_some() {
            let curation = GraphName::NamedNode(file.curation_graph.clone());
            let c = slot(&curation, &mut writes);
            writes[c].closures.push(n);
        }
    }
    for graph in &batch.replace {
        slot(&GraphName::NamedNode(graph.clone()), &mut writes);
    }
    for write in &mut writes {
        if let GraphName::NamedNode(graph) = &write.graph {
            write.stored = batch.replace.contains(graph)
                && store
                    .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
                    .next()
                    .transpose()?
                    .is_some();
        }
    }
    Ok(writes)
}

/// What the store holds in `graph` that `quads` lacks (to remove), and the quads it lacks (to
/// add).
fn difference(
    store: &Store,
    graph: &GraphName,
    quads: Vec<Quad>,
) -> Result<(Vec<Quad>, Vec<Quad>)> {
    let mut missing: HashSet<Quad> = quads.into_iter().collect();
    let mut remove = Vec::new();
    for quad in store.quads_for_pattern(None, None, None, Some(graph.as_ref())) {
        let quad = quad?;
        if !missing.remove(&quad) {
            remove.push(quad);
        }
    }
    Ok((remove, missing.into_iter().collect()))
}
