//! A load, prepared: every source read, parsed, resolved against the corpus (the load's files
//! and what the store holds) and emitted as quads, before the store is touched. A load that
//! fails leaves nothing behind, not even a new store directory.

use super::StoredDeclarations;
use crate::annotation::{self, Disk, FileSource, ParsedFile};
use crate::error::{Error, Result};
use crate::ontology::Ontology;
use crate::rdf::fetch::{fetch_rdf, parse_http_url, public_url, FetchOptions, HttpFiles};
use crate::rdf::{file_base_iri, format_from_path, parse_rdf, FORMAT_NAMES};
use crate::vocab::Base;
use oxigraph::model::{GraphName, NamedNode, Quad};
use oxigraph::store::Store;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What `load` reads.
#[derive(Debug, Clone)]
pub enum LoadSource {
    /// The bundled ontology and corpus (`data/**/*.toml`).
    Bundled,
    /// An annotation file (`.toml`) or an RDF file (format from its extension).
    File(PathBuf),
    /// An http(s) URL: an annotation when its path ends in `.toml` (its text read relative to
    /// it), else an RDF document (format from the Content-Type, else the extension).
    Url { url: String, fetch: FetchOptions },
}

impl LoadSource {
    /// What a command-line argument names: a URL when it starts with a scheme (`http:`, but
    /// also `file:` or `ftp:`, which the fetch refuses with a message), unless a file of that
    /// name exists; else a file path.
    pub fn from_argument(text: &str, fetch: &FetchOptions) -> Self {
        let has_scheme = url::Url::parse(text).is_ok_and(|u| u.scheme().len() > 1);
        if has_scheme && !Path::new(text).exists() {
            LoadSource::Url {
                url: text.to_owned(),
                fetch: fetch.clone(),
            }
        } else {
            LoadSource::File(PathBuf::from(text))
        }
    }
}

/// An RDF document read (from a file or a URL), not yet parsed.
struct RdfDocument {
    /// How messages name it: the path or the URL.
    name: String,
    bytes: Vec<u8>,
    format: oxigraph::io::RdfFormat,
    /// What its relative IRIs resolve against: its `file:` URL, or the URL it was fetched from.
    base_iri: Option<String>,
}

/// What one load changed, per graph.
#[derive(Debug, Clone, Default)]
pub struct LoadReport {
    /// Graph IRI, number of triples now in it, and where they came from.
    pub graphs: Vec<(NamedNode, usize, String)>,
    /// Things worth a curator's look that do not stop the load, one line each naming the file,
    /// the item and the reason.
    pub warnings: Vec<String>,
    /// Graphs of documents loaded earlier whose mentions this load changed (their texts name an
    /// entity whose forms the load added or changed).
    pub mentions_updated: Vec<NamedNode>,
}

/// The checked content of a load, ready to be written: graphs to replace and the quads to put in
/// them.
pub struct PreparedLoad {
    replace: BTreeSet<NamedNode>,
    /// Quads of graphs the load does not replace that it removes (outdated mentions).
    remove: Vec<Quad>,
    quads: Vec<Quad>,
    report: LoadReport,
}

impl PreparedLoad {
    /// Reads and checks every source under `base`, against what `current` (the store the load
    /// will write to, if it exists) already holds.
    pub fn read(sources: &[LoadSource], base: &Base, current: Option<&Store>) -> Result<Self> {
        let ontology = Ontology::bundled(base)?;
        let mut batch = PreparedLoad {
            replace: BTreeSet::new(),
            remove: Vec::new(),
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

        let mut annotations = Vec::new();
        for source in sources {
            match source {
                LoadSource::Bundled => {
                    let files = crate::bundled::files();
                    for name in crate::bundled::annotation_files() {
                        annotations.push(ParsedFile::read(Path::new(name), &files)?);
                    }
                }
                LoadSource::File(path) if is_annotation(path) => {
                    annotations.push(ParsedFile::read(path, &Disk as &dyn FileSource)?);
                }
                LoadSource::File(path) => batch.read_rdf_file(path, base)?,
                LoadSource::Url { url, fetch } if is_annotation(Path::new(url_path(url))) => {
                    let files = HttpFiles(fetch.clone());
                    annotations.push(ParsedFile::read(Path::new(url), &files)?);
                }
                LoadSource::Url { url, fetch } => batch.read_rdf_url(url, fetch, base)?,
            }
        }
        batch.add_annotations(&annotations, &ontology, base, current)?;
        Ok(batch)
    }

    /// Resolves the annotation files against each other and the store, and emits their quads.
    fn add_annotations(
        &mut self,
        files: &[ParsedFile],
        ontology: &Ontology,
        base: &Base,
        current: Option<&Store>,
    ) -> Result<()> {
        let graphs: BTreeSet<NamedNode> = files
            .iter()
            .filter_map(annotation::file_graph_id)
            .map(|id| base.document_graph(&id))
            .collect();
        let replaced: BTreeSet<NamedNode> = self.replace.union(&graphs).cloned().collect();
        // The store is read once: what the load resolves against (without the graphs it
        // replaces), its forms before the load, and what would be orphaned.
        let declarations = current
            .map(|store| StoredDeclarations::read(store, base))
            .transpose()?;
        let stored = declarations
            .as_ref()
            .map(|d| d.corpus(&replaced))
            .unwrap_or_default();
        let corpus = annotation::resolve_corpus(files, &stored, ontology, base)?;
        if let (Some(store), Some(declarations)) = (current, &declarations) {
            let before = declarations.corpus(&BTreeSet::new());
            let updates =
                super::remention::mention_updates(store, base, &replaced, &before, &corpus.forms)?;
            let updated: BTreeSet<NamedNode> = updates
                .remove
                .iter()
                .chain(&updates.add)
                .filter_map(|q| match &q.graph_name {
                    GraphName::NamedNode(g) => Some(g.clone()),
                    _ => None,
                })
                .collect();
            self.report.mentions_updated.extend(updated);
            self.report.warnings.extend(updates.warnings);
            self.remove.extend(updates.remove);
            self.quads.extend(updates.add);
            let declared: BTreeSet<String> = files
                .iter()
                .flat_map(annotation::resolve::declarations)
                .map(|(id, _)| id)
                .collect();
            let orphans = declarations.orphaned_references(store, base, &replaced, &declared)?;
            if let Some((id, user)) = orphans.first() {
                return Err(Error::InvalidOption {
                    option: "load".to_owned(),
                    reason: format!(
                        "`{id}` would no longer be declared by any file, but the store's graph <{}> refers to it",
                        user.as_str()
                    ),
                });
            }
        }
        for file in &corpus.files {
            let quads = crate::rdf::emit::file_quads(file, ontology, base);
            self.report
                .graphs
                .push((file.graph.clone(), quads.len(), file.name.clone()));
            self.replace.insert(file.graph.clone());
            self.quads.extend(quads);
        }
        self.report.warnings.extend(corpus.warnings);
        Ok(())
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
        let slug = crate::util::slug::slug(stem, &['.'], "import");
        let default_graph = NamedNode::new_unchecked(format!("{}graph/file/{slug}", base.as_str()));
        let document = RdfDocument {
            name: file,
            bytes,
            format,
            base_iri: file_base_iri(path),
        };
        self.add_rdf(document, default_graph)
    }

    /// Fetches an RDF document; triples without a graph go to a graph named after the URL as
    /// given (scheme and extension left out), so loading it again replaces them.
    fn read_rdf_url(&mut self, url: &str, options: &FetchOptions, base: &Base) -> Result<()> {
        let fetched = fetch_rdf(url, options)?;
        let name = url_graph_name(&parse_http_url(url)?);
        let default_graph = NamedNode::new_unchecked(format!("{}graph/url/{name}", base.as_str()));
        let document = RdfDocument {
            name: public_url(&parse_http_url(url)?),
            bytes: fetched.bytes,
            format: fetched.format,
            base_iri: Some(fetched.url),
        };
        self.add_rdf(document, default_graph)
    }

    /// Parses an RDF document and adds its quads; triples without a graph go to
    /// `default_graph`. Every graph the document fills is replaced by the load.
    fn add_rdf(&mut self, document: RdfDocument, default_graph: NamedNode) -> Result<()> {
        let quads = parse_rdf(
            &document.name,
            &document.bytes,
            document.format,
            &GraphName::NamedNode(default_graph),
            document.base_iri.as_deref(),
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
            self.report
                .graphs
                .push((g.clone(), n, document.name.clone()));
            self.replace.insert(g);
        }
        self.quads.extend(quads);
        Ok(())
    }

    /// The graphs this load replaces: emptied before its quads are added.
    pub fn replaced_graphs(&self) -> &BTreeSet<NamedNode> {
        &self.replace
    }

    /// The quads this load removes from graphs it does not replace (outdated mentions).
    pub fn removed_quads(&self) -> &[Quad] {
        &self.remove
    }

    /// The quads this load adds.
    pub fn quads(&self) -> &[Quad] {
        &self.quads
    }

    /// What the load did, once applied.
    pub fn into_report(self) -> LoadReport {
        self.report
    }
}

/// The NAME of `<BASE graph/url/NAME>`: host, port, path (without the last segment's extension)
/// and query, each character but ASCII letters, digits, `-`, `_` and `.` turned into `-`.
fn url_graph_name(url: &url::Url) -> String {
    let mut text = url.host_str().unwrap_or_default().to_owned();
    if let Some(port) = url.port() {
        text.push_str(&format!("-{port}"));
    }
    let path = url.path();
    let cut = match (path.rfind('/'), path.rfind('.')) {
        (Some(slash), Some(dot)) if dot > slash + 1 => dot,
        _ => path.len(),
    };
    text.push_str(path[..cut].trim_end_matches('/'));
    if let Some(query) = url.query() {
        text.push('-');
        text.push_str(query);
    }
    crate::util::slug::slug(&text, &['.'], "import")
}

/// The path of a URL (`/dir/doc.toml`), or the whole text when it is not one.
fn url_path(text: &str) -> &str {
    let rest = text.split_once("://").map_or(text, |(_, rest)| rest);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    rest.find('/').map_or("", |slash| &rest[slash..])
}

fn is_annotation(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
}
