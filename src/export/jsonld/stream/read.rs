//! Reading the items of a [`Plan`], in order, on a thread of their own: a batch at a time on
//! every core, and a graph read whole (`loaded.rs`) while the writer writes the one
//! before.

use super::*;
use std::sync::mpsc::SyncSender;

/// One item, made and printed.
pub(super) struct Made {
    pub(super) text: String,
    /// The statements it holds.
    pub(super) statements: usize,
    /// Whether they hold a blank node.
    blank_nodes: bool,
}

/// Blank node labels: the store's to the canonical ones.
pub(super) type Labels = HashMap<String, String>;

/// One item of the top-level array, read and ready to write.
pub(super) enum Ready {
    /// Printed already ([`Item::Text`]).
    Text,
    /// A graph made whole (its lists tie subjects together), printed.
    Whole(Made),
    /// A graph to write subject by subject, read from the store ([`subjects`]).
    Subjects {
        subjects: Vec<NamedOrBlankNode>,
        frame: Frame,
        labels: Arc<Labels>,
    },
    /// A graph to read whole when its turn comes ([`loaded`]): a batch of them read together
    /// would hold them all.
    ToLoad,
    /// A graph read whole, to write subject by subject in its frame.
    Loaded { loaded: Loaded, frame: Frame },
    /// The statements of a graph read whole, to make whole (one subject, or lists).
    LoadedWhole(Vec<Quad>),
}

/// The graph's name as exported: a blank node under its canonical label.
fn exported_name(name: &GraphName, labels: &Labels) -> GraphName {
    match name {
        GraphName::BlankNode(b) => labels.get(b.as_str()).map_or_else(
            || name.clone(),
            |label| BlankNode::new_unchecked(label.clone()).into(),
        ),
        other => other.clone(),
    }
}

impl Plan<'_> {
    /// The printed item of a graph made whole of its name's statements `own` and its own.
    pub(super) fn made_whole(&self, own: &[Quad], graph_quads: Vec<Quad>) -> Result<String> {
        let mut quads = own.to_vec();
        quads.extend(graph_quads);
        let compacted = self.engine.compact(&expanded(&self.engine, &quads)?)?;
        drop(quads);
        let mut items = into_items(compacted);
        let (Some(mut item), true) = (items.pop(), items.is_empty()) else {
            return Err(processing(std::io::Error::other(
                "a named graph did not compact to one node",
            )));
        };
        sort_graphs(&mut item, &self.graph_key);
        Ok(AtDepth(&item, 2).to_string())
    }

    /// One item, printed, made under `labels`.
    fn make(&self, item: &Item, labels: &Labels) -> Result<Made> {
        let Item::Graph { name, own } = item else {
            return Ok(Made {
                text: String::new(),
                statements: 0,
                blank_nodes: false,
            });
        };
        let (graph_quads, blank_nodes) = graph_quads_and_blanks(self.store, name, labels)?;
        let statements = graph_quads.len();
        Ok(Made {
            text: self.made_whole(own, graph_quads)?,
            statements,
            blank_nodes,
        })
    }

    /// An item read and ready to write under `labels`; `None` when its graph holds a blank node
    /// and the labels are not known yet.
    fn prepare(&self, item: &Item, labels: Option<&Arc<Labels>>) -> Result<Option<Ready>> {
        let Item::Graph { name, own } = item else {
            return Ok(Some(Ready::Text));
        };
        let no_labels = Labels::new();
        // A small graph is made whole, as fast as its statements are read (several compactions
        // and a read per subject cost more than they save there). A graph named by an IRI is
        // read at once, up to one statement more than that: no count first.
        if let GraphName::NamedNode(iri) = name {
            let under = labels.map_or(&no_labels, |l| l);
            if let Some((graph_quads, blank_nodes)) =
                loaded::read_small(self.store, iri, under, SMALL)?
            {
                if labels.is_none() && blank_nodes {
                    return Ok(None);
                }
                let statements = graph_quads.len();
                let text = self.made_whole(own, graph_quads)?;
                return Ok(Some(Ready::Whole(Made {
                    text,
                    statements,
                    blank_nodes,
                })));
            }
        }
        let count = subjects::statement_count(self.store, name, self.loaded_max.max(SMALL))?;
        if count <= SMALL {
            let made = self.make(item, labels.map_or(&no_labels, |l| l))?;
            if labels.is_none() && made.blank_nodes {
                return Ok(None);
            }
            return Ok(Some(Ready::Whole(made)));
        }
        if count <= self.loaded_max {
            return Ok(Some(Ready::ToLoad));
        }
        let scan = subjects::scan(self.store, name)?;
        let labels = match labels {
            Some(labels) => labels.clone(),
            None if scan.blank_nodes => return Ok(None),
            None => Arc::default(),
        };
        // A graph of one subject is small; whether compaction keeps its `@graph` an array of one
        // is then the processor's business alone.
        if scan.lists || scan.subjects.len() < 2 {
            return self
                .make(item, &labels)
                .map(|made| Some(Ready::Whole(made)));
        }
        let exported = exported_name(name, &labels);
        let frame = subjects::frame(&self.engine, &self.graph_key, &exported, own)?;
        let subjects = subjects::subjects_in_order(&self.engine, scan, &labels)?;
        Ok(Some(Ready::Subjects {
            subjects,
            frame,
            labels,
        }))
    }

    /// Reads a batch of items on every core. From the first graph that holds a blank node while
    /// the labels are not known, they are found and the rest of the batch is read under them.
    fn prepare_batch(
        &self,
        batch: &[(String, Item)],
        labels: &mut Option<Arc<Labels>>,
    ) -> Result<Vec<Ready>> {
        let mut ready = batch
            .par_iter()
            .map(|(_, item)| self.prepare(item, labels.as_ref()))
            .collect::<Result<Vec<_>>>()?;
        if let Some(first) = ready.iter().position(Option::is_none) {
            let found = Arc::new(blank_labels(self.store, self.graph.as_ref())?);
            let rest = batch[first..]
                .par_iter()
                .map(|(_, item)| self.prepare(item, Some(&found)))
                .collect::<Result<Vec<_>>>()?;
            ready.truncate(first);
            ready.extend(rest);
            *labels = Some(found);
        }
        Ok(ready.into_iter().flatten().collect())
    }

    /// Reads a graph whole ([`Ready::ToLoad`]), finding the labels first if it holds a blank
    /// node and they are not known.
    fn load(&self, item: &Item, labels: &mut Option<Arc<Labels>>) -> Result<Ready> {
        let Item::Graph { name, own } = item else {
            return Ok(Ready::Text);
        };
        let mut current = labels.clone().unwrap_or_default();
        let mut loaded = Loaded::read(self.store, name, &current)?;
        if loaded.blank_nodes && labels.is_none() {
            current = Arc::new(blank_labels(self.store, self.graph.as_ref())?);
            loaded = Loaded::read(self.store, name, &current)?;
            *labels = Some(current.clone());
        }
        let exported = exported_name(name, &current);
        if loaded.lists || loaded.subject_count() < 2 {
            return Ok(Ready::LoadedWhole(loaded.into_quads(&exported)));
        }
        let frame = subjects::frame(&self.engine, &self.graph_key, &exported, own)?;
        Ok(Ready::Loaded { loaded, frame })
    }

    /// Reads the items in order, a batch at a time, and hands each to the writer; a graph read
    /// whole is read while the writer writes the one before.
    pub(super) fn read_items(
        &self,
        mut labels: Option<Arc<Labels>>,
        sender: SyncSender<Result<Ready>>,
    ) {
        for batch in self.items.chunks(BATCH) {
            let ready = match self.prepare_batch(batch, &mut labels) {
                Ok(ready) => ready,
                Err(e) => {
                    // The writer stops at the error; nothing else is read.
                    let _ = sender.send(Err(e));
                    return;
                }
            };
            for ((_, item), ready) in batch.iter().zip(ready) {
                let ready = match ready {
                    Ready::ToLoad => self.load(item, &mut labels),
                    ready => Ok(ready),
                };
                let failed = ready.is_err();
                // A closed channel: the writer stopped.
                if sender.send(ready).is_err() || failed {
                    return;
                }
            }
        }
    }
}
