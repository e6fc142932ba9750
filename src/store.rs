//! The knowledge graph: an embedded Oxigraph store, in memory from the bundled data or on disk
//! (RocksDB), and the one-transaction loader that fills it.

use crate::annotation::AnnotationFile;
use crate::error::{Error, Result};
use crate::loader::{self, AnnotatedDocument};
use crate::ontology::Ontology;
use crate::rdf::{format_from_path, parse_rdf, FORMAT_NAMES};
use crate::vocab::Base;
use oxigraph::model::{GraphName, NamedNode, Quad};
use oxigraph::store::Store;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// An annotated document compiled into the binary.
pub struct BundledDocument {
    /// Path of the annotation file in the repository (names it in messages).
    pub annotation_path: &'static str,
    /// The annotation (TOML).
    pub annotation: &'static str,
    /// The text it annotates.
    pub text: &'static [u8],
}

/// The documents compiled into the binary: the op-ed.
pub const BUNDLED_DOCUMENTS: &[BundledDocument] = &[BundledDocument {
    annotation_path: "data/rathor-2024.toml",
    annotation: include_str!("../data/rathor-2024.toml"),
    text: include_bytes!("../data/rathor-2024.txt"),
}];

/// What `load` reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadSource {
    /// The bundled ontology and documents.
    Bundled,
    /// An annotation file (`.toml`) or an RDF file (format from its extension).
    File(PathBuf),
}

/// What one load changed, per graph.
#[derive(Debug, Clone, Default)]
pub struct LoadReport {
    /// Graph IRI, number of triples now in it, and where they came from.
    pub graphs: Vec<(NamedNode, usize, String)>,
    /// Warnings of the annotations loaded (see [`AnnotatedDocument::warnings`]), one line each.
    pub warnings: Vec<String>,
}

/// The checked content of a load, ready to be written: graphs to replace and the quads to put in
/// them. Preparing touches no store, so a load that fails leaves nothing behind, not even a new
/// store directory.
pub struct PreparedLoad {
    replace: BTreeSet<NamedNode>,
    quads: Vec<Quad>,
    report: LoadReport,
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
    /// An in-memory graph holding the bundled ontology and documents.
    pub fn bundled(base: &Base) -> Result<Self> {
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
        let store = Store::open(dir).map_err(|e| Error::Store {
            path: dir.to_owned(),
            message: e.to_string(),
        })?;
        Ok(Self {
            store,
            base: base.clone(),
            location: Some(dir.to_owned()),
        })
    }

    /// Opens an existing persistent store in `dir` read-only (queries, exports, statistics).
    pub fn open_read_only(dir: &Path, base: &Base) -> Result<Self> {
        if !dir.join("CURRENT").is_file() {
            return Err(Error::Store {
                path: dir.to_owned(),
                message: "no store here; create it with `wangluo --store DIR load`".to_owned(),
            });
        }
        let store = Store::open_read_only(dir).map_err(|e| Error::Store {
            path: dir.to_owned(),
            message: e.to_string(),
        })?;
        Ok(Self {
            store,
            base: base.clone(),
            location: Some(dir.to_owned()),
        })
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
        let batch = PreparedLoad::read(sources, &self.base)?;
        self.apply(batch)
    }

    /// Writes a prepared load in one transaction.
    pub fn apply(&self, batch: PreparedLoad) -> Result<LoadReport> {
        let mut transaction = self.store.start_transaction()?;
        for graph in &batch.replace {
            transaction.clear_graph(graph)?;
        }
        transaction.extend(&batch.quads);
        transaction.commit()?;
        if self.location.is_some() {
            self.store.flush()?;
        }
        Ok(batch.report)
    }
}

impl PreparedLoad {
    /// Reads and checks every source, converting it to quads under `base`.
    pub fn read(sources: &[LoadSource], base: &Base) -> Result<Self> {
        let ontology = Ontology::bundled(base)?;
        let mut batch = PreparedLoad {
            replace: BTreeSet::new(),
            quads: Vec::new(),
            report: LoadReport::default(),
        };
        // Every load refreshes the ontology graph, so annotations are checked against the same
        // ontology that is stored with them.
        let ontology_graph = base.ontology_graph();
        batch.report.graphs.push((
            ontology_graph.clone(),
            ontology.quads.len(),
            "ontology/wangluo.ttl".to_owned(),
        ));
        batch.replace.insert(ontology_graph);
        batch.quads.extend(ontology.quads.iter().cloned());
        for source in sources {
            match source {
                LoadSource::Bundled => {
                    for bundled in BUNDLED_DOCUMENTS {
                        let annotation =
                            AnnotationFile::parse(bundled.annotation_path, bundled.annotation)?;
                        let doc = loader::convert(
                            bundled.annotation_path,
                            &annotation,
                            bundled.text,
                            &ontology,
                            base,
                        )?;
                        batch.add_document(doc, bundled.annotation_path);
                    }
                }
                LoadSource::File(path) if is_annotation(path) => {
                    let doc = loader::read_annotation_file(path, &ontology, base)?;
                    batch.add_document(doc, &path.display().to_string());
                }
                LoadSource::File(path) => batch.read_rdf_file(path, base)?,
            }
        }
        Ok(batch)
    }

    fn read_rdf_file(&mut self, path: &Path, base: &Base) -> Result<()> {
        let file = path.display().to_string();
        let format = format_from_path(path).ok_or_else(|| Error::UnknownFormat {
            file: file.clone(),
            expected: format!(
                ".toml (annotation) or an RDF extension: .ttl .trig .nt .nq .rdf .owl .jsonld ({})",
                FORMAT_NAMES
                    .iter()
                    .map(|(n, _)| *n)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        })?;
        let bytes = std::fs::read(path).map_err(|source| Error::Read {
            path: path.to_owned(),
            source,
        })?;
        // Triples without a graph go to a graph named after the file, so reloading it replaces them.
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("import");
        let slug: String = stem
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        let default_graph = NamedNode::new_unchecked(format!("{}graph/file/{slug}", base.as_str()));
        let quads = parse_rdf(
            &file,
            &bytes,
            format,
            &GraphName::NamedNode(default_graph.clone()),
        )?;
        let mut graphs: Vec<NamedNode> = Vec::new();
        for q in &quads {
            if let GraphName::NamedNode(g) = &q.graph_name {
                if !graphs.contains(g) {
                    graphs.push(g.clone());
                }
            }
        }
        for g in graphs {
            let n = quads
                .iter()
                .filter(|q| q.graph_name == GraphName::NamedNode(g.clone()))
                .count();
            self.report.graphs.push((g.clone(), n, file.clone()));
            self.replace.insert(g);
        }
        self.quads.extend(quads);
        Ok(())
    }
}

fn is_annotation(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
}

impl PreparedLoad {
    /// The graphs this load replaces: emptied before its quads are added.
    pub fn replaced_graphs(&self) -> &BTreeSet<NamedNode> {
        &self.replace
    }

    /// The quads this load adds.
    pub fn quads(&self) -> &[Quad] {
        &self.quads
    }

    fn add_document(&mut self, doc: AnnotatedDocument, source: &str) {
        self.report
            .graphs
            .push((doc.graph.clone(), doc.quads.len(), source.to_owned()));
        self.replace.insert(doc.graph);
        self.quads.extend(doc.quads);
        self.report.warnings.extend(doc.warnings);
    }
}
