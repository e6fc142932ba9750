//! The knowledge graph: an embedded Oxigraph store, in memory from the bundled data or on disk
//! (RocksDB), filled by loads that are checked whole before one transaction writes them
//! ([`PreparedLoad`]), and emptied document by document ([`KnowledgeGraph::unload`]).

mod closure;
mod lock;
mod prepare;
mod remention;
mod source;
mod stored;
mod write;

pub use prepare::{LoadOptions, LoadReport, PreparedLoad, Progress};
pub use source::{files_under, LoadSource};
pub use stored::StoredDeclarations;

use crate::error::{Error, Result};
use crate::vocab::Base;
use oxigraph::model::NamedNode;
use oxigraph::store::Store;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// An in-memory store of the bundled snapshot, part of every cold start (issue 23). Lenient: the
/// snapshot is this program's own output, checked by a test, so its IRIs need no validating
/// again at every start. One thread parses while this one inserts (the store takes one writer):
/// the parse, about a third of the work, is then off the start's critical path. Batches keep
/// the order of the file, so the store is the same as a parse and insert on one thread.
fn store_of_snapshot(nquads: &'static str) -> Result<Store> {
    const BATCH: usize = 512;
    let store = Store::new()?;
    let (batches, received) = std::sync::mpsc::sync_channel::<Vec<oxigraph::model::Quad>>(8);
    let parser = std::thread::spawn(move || {
        let mut batch = Vec::with_capacity(BATCH);
        for quad in oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::NQuads)
            .lenient()
            .for_slice(nquads)
        {
            batch.push(quad?);
            if batch.len() == BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                if batches.send(full).is_err() {
                    return Ok(());
                }
            }
        }
        // A receiver gone has its own error to report.
        let _ = batches.send(batch);
        Ok::<_, oxigraph::io::RdfParseError>(())
    });
    let inserted = store.extend(received.into_iter().flatten());
    let parsed = parser.join().map_err(|_| Error::Store {
        path: PathBuf::from("snapshot/bundled.nq"),
        source: "the thread parsing the snapshot panicked".into(),
    })?;
    parsed.map_err(|e| Error::Store {
        path: PathBuf::from("snapshot/bundled.nq"),
        source: Box::new(e),
    })?;
    inserted?;
    Ok(store)
}

/// The wangluo knowledge graph over an Oxigraph [`Store`].
///
/// ```
/// use wangluo::store::KnowledgeGraph;
/// use wangluo::vocab::Base;
/// let kg = KnowledgeGraph::bundled(&Base::default()).unwrap();
/// assert!(kg.store().len().unwrap() > 1000);
/// ```
pub struct KnowledgeGraph {
    store: Store,
    base: Base,
    location: Option<PathBuf>,
}

impl KnowledgeGraph {
    /// An in-memory graph holding the bundled ontology and documents: read from the snapshot
    /// compiled into the binary when it was made from the same inputs (milliseconds), else built
    /// from them ([`KnowledgeGraph::bundled_from_sources`]).
    pub fn bundled(base: &Base) -> Result<Self> {
        match crate::bundled::current_snapshot() {
            Some(nquads) if base.is_default() => Ok(Self {
                store: store_of_snapshot(nquads)?,
                base: base.clone(),
                location: None,
            }),
            _ => Self::bundled_from_sources(base),
        }
    }

    /// An in-memory graph holding the bundled ontology and documents, built from the annotation
    /// files as `load` builds it.
    pub fn bundled_from_sources(base: &Base) -> Result<Self> {
        let kg = Self {
            store: Store::new()?,
            base: base.clone(),
            location: None,
        };
        kg.load(&[LoadSource::Bundled])?;
        Ok(kg)
    }

    /// Opens (or creates) a persistent store in `dir` for writing.
    pub fn open(dir: &Path, base: &Base) -> Result<Self> {
        if !Self::exists(dir) {
            create_whole(dir)?;
        }
        let store = Store::open(dir).map_err(|e| {
            let message = e.to_string();
            if lock::is_lock_error(&message) {
                Error::Locked {
                    path: dir.to_owned(),
                    holder: lock::holder(dir),
                }
            } else {
                Error::Store {
                    path: dir.to_owned(),
                    source: Box::new(e),
                }
            }
        })?;
        Ok(Self::on_disk(store, dir, base))
    }

    /// Whether `dir` holds a persistent store (RocksDB's `CURRENT` file is written last when it
    /// is created).
    pub fn exists(dir: &Path) -> bool {
        dir.join("CURRENT").is_file()
    }

    /// The store in `dir` opened read-only when there is one; None when there is none yet.
    pub fn open_existing_read_only(dir: &Path, base: &Base) -> Result<Option<Self>> {
        if Self::exists(dir) {
            Self::open_read_only(dir, base).map(Some)
        } else {
            Ok(None)
        }
    }

    /// Opens an existing persistent store in `dir` read-only (queries, exports, statistics).
    pub fn open_read_only(dir: &Path, base: &Base) -> Result<Self> {
        if !Self::exists(dir) {
            return Err(Error::NoStore {
                path: dir.to_owned(),
            });
        }
        let store = Store::open_read_only(dir).map_err(|e| Error::Store {
            path: dir.to_owned(),
            source: Box::new(e),
        })?;
        Ok(Self::on_disk(store, dir, base))
    }

    /// An in-memory graph over a store already filled (a query worker's copy of a graph).
    pub fn in_memory(store: Store, base: &Base) -> Self {
        Self {
            store,
            base: base.clone(),
            location: None,
        }
    }

    fn on_disk(store: Store, dir: &Path, base: &Base) -> Self {
        Self {
            store,
            base: base.clone(),
            location: Some(dir.to_owned()),
        }
    }

    /// The underlying Oxigraph store.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The base IRI of this graph's data.
    pub fn base(&self) -> &Base {
        &self.base
    }

    /// Where the store lives on disk, if it is persistent.
    pub fn location(&self) -> Option<&Path> {
        self.location.as_deref()
    }

    /// Loads sources in one transaction: every source is read and checked first; if any fails,
    /// the store is left exactly as it was. A source replaces the graphs it writes, so reloading
    /// a document never duplicates it.
    pub fn load(&self, sources: &[LoadSource]) -> Result<LoadReport> {
        let batch = PreparedLoad::read(sources, &self.base, Some(&self.store))?;
        self.apply(batch)
    }

    /// Writes a prepared load, atomically (see [`KnowledgeGraph::apply_with`]).
    pub fn apply(&self, batch: PreparedLoad) -> Result<LoadReport> {
        self.apply_with(batch, &())
    }

    /// Removes annotated documents (or entity files, `entities/NAME`) by id, in one transaction:
    /// their graphs (and their curation graphs), and in the other texts the mentions of entities that only they declared (so
    /// that `load a b` then `unload b` gives what `load a` gives). Refused, with the store
    /// unchanged, when an id is not in the store or when a statement of another graph (a claim's
    /// claimant, a link …) refers to an entity that only a removed graph declares.
    pub fn unload(&self, ids: &[String]) -> Result<Vec<(NamedNode, usize)>> {
        let mut graphs = BTreeSet::new();
        let mut removed = Vec::new();
        for id in ids {
            let graph = self.base.document_graph(id);
            let triples = self
                .store
                .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
                .count();
            if triples == 0 {
                let known = self.annotation_graph_ids()?;
                let hint = crate::util::suggest::did_you_mean(id, known.iter().map(String::as_str));
                return Err(Error::InvalidOption {
                    option: format!("unload {id}"),
                    reason: format!("no document or entity file `{id}` in the store{hint}"),
                });
            }
            graphs.insert(graph.clone());
            removed.push((graph, triples));
            // What the curator added to it goes with it.
            let curation = self.base.curation_graph(id);
            let curated = self
                .store
                .quads_for_pattern(None, None, None, Some(curation.as_ref().into()))
                .count();
            if curated > 0 {
                graphs.insert(curation.clone());
                removed.push((curation, curated));
            }
        }
        let declarations = StoredDeclarations::read(&self.store, &self.base)?;
        let orphans =
            declarations.orphaned_references(&self.store, &self.base, &graphs, &BTreeSet::new())?;
        if let Some((id, user)) = orphans.first() {
            return Err(Error::InvalidOption {
                option: format!("unload {}", ids.join(" ")),
                reason: format!(
                    "`{id}` is declared only there and the graph <{}> refers to it; unload that too, or declare `{id}` in another file first",
                    user.as_str()
                ),
            });
        }
        // The remaining texts lose the mentions of entities that only the removed graphs declared.
        let before = declarations.corpus(&BTreeSet::new());
        let after = declarations.corpus(&graphs);
        let forms = crate::annotation::CorpusForms::new(&[], &after.entities);
        let updates =
            remention::mention_updates(&self.store, &self.base, &graphs, &before, &forms)?;
        // The other documents' closures, when the removed graphs held links they follow.
        let links = closure::stored_links(&self.store, &self.base, &graphs)?;
        let ontology = crate::ontology::Ontology::bundled(&self.base)?;
        let closures =
            closure::closure_updates(&self.store, &self.base, &ontology, &graphs, &links, false)?;
        let mut transaction = self.store.start_transaction()?;
        for graph in &graphs {
            transaction.clear_graph(graph)?;
        }
        for quad in updates.remove.iter().chain(&closures.remove) {
            transaction.remove(quad);
        }
        transaction.extend(updates.add.iter().chain(&closures.add));
        transaction.commit()?;
        if self.location.is_some() {
            self.store.flush()?;
        }
        Ok(removed)
    }

    /// The ids of the annotation graphs in the store (`B graph/{id}`), the ontology's and the
    /// curation graphs (`B graph/curation/{id}`, which go with their file's) excluded.
    pub fn annotation_graph_ids(&self) -> Result<Vec<String>> {
        let prefix = format!("{}graph/", self.base.as_str());
        let mut ids = Vec::new();
        for graph in self.store.named_graphs() {
            if let oxigraph::model::NamedOrBlankNode::NamedNode(g) = graph? {
                if let Some(id) = g.as_str().strip_prefix(&prefix) {
                    if g != self.base.ontology_graph() && !id.starts_with("curation/") {
                        ids.push(id.to_owned());
                    }
                }
            }
        }
        ids.sort();
        Ok(ids)
    }
}

/// Creates an empty store in `dir` whole: made in a hidden folder beside it, closed, and renamed
/// into place, so that a process killed while RocksDB writes its first files leaves no store that
/// readers cannot open (at worst that hidden folder, `.NAME.new-…`). A folder that already holds
/// files gets its store made in place, as `Store::open` makes it.
fn create_whole(dir: &Path) -> Result<()> {
    let store_error = |source: crate::error::Cause| Error::Store {
        path: dir.to_owned(),
        source,
    };
    if std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some()) {
        return Ok(());
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(parent).map_err(|e| store_error(e.into()))?;
    let name = dir
        .file_name()
        .map_or_else(|| "store".to_owned(), |n| n.to_string_lossy().into_owned());
    let building = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(parent)
        .map_err(|e| store_error(e.into()))?;
    drop(Store::open(building.path()).map_err(|e| store_error(e.into()))?);
    match std::fs::rename(building.path(), dir) {
        Ok(()) => Ok(()),
        // Another load made it meanwhile: that one is used (the hidden folder goes on drop).
        Err(_) if KnowledgeGraph::exists(dir) => Ok(()),
        Err(e) => Err(store_error(e.into())),
    }
}
