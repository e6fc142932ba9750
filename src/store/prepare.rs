//! A load, prepared: every source read, parsed and resolved against the corpus (the load's files
//! and what the store holds), so checked whole, before the store is touched; the annotation files
//! are emitted as quads (which cannot fail) only when written. A load that fails leaves nothing
//! behind, not even a new store directory.

use super::source::HttpFiles;
use super::{LoadSource, StoredDeclarations};
use crate::annotation::{self, Disk, FileSource, ParsedFile, ResolvedFile};
use crate::error::{Error, Result};
use crate::ontology::Ontology;
use crate::rdf::emit::Part;
use crate::rdf::emit::{closure_quads, link_properties, EntityLinks};
use crate::rdf::fetch::{fetch_rdf, parse_http_url, public_url, FetchOptions};
use crate::rdf::{file_base_iri, format_from_path, parse_rdf, FORMAT_NAMES};
use crate::vocab::Base;
use oxigraph::model::{GraphName, NamedNode, Quad};
use oxigraph::store::Store;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

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
    /// How many documents (annotation files and RDF documents) the load wrote.
    pub documents: usize,
    /// How many quads the load gave the graphs it wrote (those the store held already counted).
    pub quads: usize,
    /// With [`LoadOptions::keep_going`], the sources left out: one line each (see
    /// [`crate::error::one_line`]) naming the file, the item and the reason.
    pub failures: Vec<String>,
}

/// What a long load reports as it goes (the command line draws a progress bar with it); the
/// library itself never prints. Called from several threads at once.
pub trait Progress: Sync {
    /// A phase (`reading`, `resolving`, `writing`, `compacting`) starts, with `total` steps.
    fn start(&self, phase: &'static str, total: usize);
    /// `steps` more steps of the current phase are done.
    fn advance(&self, steps: usize);
}

/// No progress report.
impl Progress for () {
    fn start(&self, _: &'static str, _: usize) {}
    fn advance(&self, _: usize) {}
}

/// How a load behaves.
#[derive(Clone, Copy)]
pub struct LoadOptions<'a> {
    /// Leave out each source that fails (reported in [`LoadReport::failures`]) and load the
    /// rest, instead of loading nothing.
    pub keep_going: bool,
    pub progress: &'a dyn Progress,
}

impl Default for LoadOptions<'_> {
    fn default() -> Self {
        Self {
            keep_going: false,
            progress: &(),
        }
    }
}

/// The checked content of a load, ready to be written: graphs to replace and what to put in them.
/// Annotation files are kept resolved, not as quads (which take ten times the memory): each is
/// emitted when it is written ([`crate::store::KnowledgeGraph::apply`]), its quads dropped once
/// they are out, so that a load's memory does not grow with the quads of all its documents.
pub struct PreparedLoad {
    pub(super) replace: BTreeSet<NamedNode>,
    /// Quads of graphs the load does not replace that it removes (outdated mentions).
    pub(super) remove: Vec<Quad>,
    /// The quads held as quads: the ontology's, RDF documents', updated mentions.
    pub(super) quads: Vec<Quad>,
    /// The annotation files, resolved, with the parts each writes (its text graph, its curation
    /// graph) and the index of each part's line in `report.graphs` (its triple count is known
    /// once it is emitted).
    pub(super) files: Vec<(ResolvedFile, Vec<(Part, usize)>)>,
    pub(super) ontology: Ontology,
    pub(super) base: Base,
    /// The corpus's entity links after the load: its documents' closures follow them.
    pub(super) links: EntityLinks,
    pub(super) report: LoadReport,
}

/// One source, read and parsed (not yet resolved).
enum ReadSource {
    Annotations(Vec<ParsedFile>),
    Rdf { name: String, quads: Vec<Quad> },
}

impl PreparedLoad {
    /// Reads and checks every source under `base`, against what `current` (the store the load
    /// will write to, if it exists) already holds.
    pub fn read(sources: &[LoadSource], base: &Base, current: Option<&Store>) -> Result<Self> {
        Self::read_with(sources, base, current, LoadOptions::default())
    }

    /// [`PreparedLoad::read`], with options: sources are read and parsed, then files resolved,
    /// on every core.
    pub fn read_with(
        sources: &[LoadSource],
        base: &Base,
        current: Option<&Store>,
        options: LoadOptions<'_>,
    ) -> Result<Self> {
        let ontology = Ontology::bundled(base)?;
        let mut batch = PreparedLoad {
            replace: BTreeSet::new(),
            remove: Vec::new(),
            quads: Vec::new(),
            files: Vec::new(),
            ontology: ontology.clone(),
            base: base.clone(),
            links: EntityLinks::default(),
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

        options.progress.start("reading", sources.len());
        let read: Vec<Result<ReadSource>> = sources
            .par_iter()
            .map(|source| {
                let read = read_source(source, base);
                options.progress.advance(1);
                read
            })
            .collect();
        let mut annotations = Vec::new();
        // The first failure in the order given, as a sequential read would report it.
        for read in read {
            match read {
                Ok(ReadSource::Annotations(files)) => annotations.extend(files),
                Ok(ReadSource::Rdf { name, quads }) => batch.add_rdf(name, quads),
                Err(error) if options.keep_going => {
                    let line = crate::error::one_line(&error);
                    batch.report.failures.push(line);
                }
                Err(error) => return Err(error),
            }
        }
        batch.add_annotations(annotations, &ontology, base, current, options)?;
        Ok(batch)
    }

    /// Resolves the annotation files against each other and the store, and emits their quads.
    fn add_annotations(
        &mut self,
        mut files: Vec<ParsedFile>,
        ontology: &Ontology,
        base: &Base,
        current: Option<&Store>,
        options: LoadOptions<'_>,
    ) -> Result<()> {
        options.progress.start("resolving", files.len());
        // The store is read once: what the load resolves against (without the graphs it
        // replaces), its forms before the load, and what would be orphaned.
        let declarations = current
            .map(|store| StoredDeclarations::read(store, base))
            .transpose()?;
        let (corpus, replaced) = loop {
            let replaced: BTreeSet<NamedNode> = files
                .iter()
                .filter_map(annotation::file_graph_id)
                .flat_map(|id| [base.document_graph(&id), base.curation_graph(&id)])
                .chain(self.replace.iter().cloned())
                .collect();
            let stored = declarations
                .as_ref()
                .map(|d| d.corpus(&replaced))
                .unwrap_or_default();
            if !options.keep_going {
                let corpus = annotation::resolve_corpus(&files, &stored, ontology, base)?;
                break (corpus, replaced);
            }
            let (corpus, failed) =
                annotation::resolve_corpus_keep_going(&files, &stored, ontology, base);
            if failed.is_empty() {
                break (corpus, replaced);
            }
            // A failed file's graph keeps what the store holds: resolve the others again
            // against that.
            let mut left_out = BTreeSet::new();
            for (n, error) in failed {
                let line = crate::error::one_line(&Error::from(error));
                self.report.failures.push(line);
                left_out.insert(n);
            }
            let mut position = 0;
            files.retain(|_| {
                position += 1;
                !left_out.contains(&(position - 1))
            });
        };
        if let (Some(store), Some(declarations)) = (current, &declarations) {
            self.update_stored_mentions(store, declarations, &replaced, &corpus, base)?;
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
        self.closures(current, ontology, &replaced, &corpus.files)?;
        // The parsed files and the corpus's forms are dropped here; the resolved files are
        // emitted when they are written.
        options.progress.advance(corpus.files.len());
        for file in corpus.files {
            // The triple counts are filled in when the file is emitted. Its curation graph is
            // replaced too, emptied when the file no longer has curation.
            let mut lines = Vec::new();
            for part in crate::rdf::emit::file_parts(&file) {
                let graph = part.graph(&file).clone();
                self.report.graphs.push((graph, 0, file.name.clone()));
                lines.push((part, self.report.graphs.len() - 1));
            }
            self.report.documents += 1;
            self.replace.insert(file.graph.clone());
            self.replace.insert(file.curation_graph.clone());
            self.files.push((file, lines));
        }
        self.report.warnings.extend(corpus.warnings);
        Ok(())
    }

    /// The mentions of the store's texts (outside `replaced`) searched again for the corpus's
    /// forms after the load.
    fn update_stored_mentions(
        &mut self,
        store: &Store,
        declarations: &StoredDeclarations,
        replaced: &BTreeSet<NamedNode>,
        corpus: &annotation::ResolvedCorpus,
        base: &Base,
    ) -> Result<()> {
        let before = declarations.corpus(&BTreeSet::new());
        let updates =
            super::remention::mention_updates(store, base, replaced, &before, &corpus.forms)?;
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
        Ok(())
    }

    /// The corpus's entity links after the load (for the closures of its documents), and the
    /// closures of the store's other documents brought in step with them.
    fn closures(
        &mut self,
        current: Option<&Store>,
        ontology: &Ontology,
        replaced: &BTreeSet<NamedNode>,
        files: &[ResolvedFile],
    ) -> Result<()> {
        let mut links = match current {
            Some(store) => super::closure::stored_links(store, &self.base, replaced)?,
            None => EntityLinks::default(),
        };
        links.add_quads(&self.quads, &link_properties(&self.base));
        links.add_files(files, &self.base);
        if let Some(store) = current {
            let updates = super::closure::closure_updates(
                store, &self.base, ontology, replaced, &links, true,
            )?;
            self.remove.extend(updates.remove);
            self.quads.extend(updates.add);
        }
        self.links = links;
        Ok(())
    }

    /// Adds the quads of an RDF document; every graph it fills is replaced by the load.
    fn add_rdf(&mut self, name: String, quads: Vec<Quad>) {
        // Triples per graph, graphs in the order they first appear.
        let mut graphs: Vec<(NamedNode, usize)> = Vec::new();
        let mut position: HashMap<&NamedNode, usize> = HashMap::new();
        for q in &quads {
            if let GraphName::NamedNode(g) = &q.graph_name {
                let n = *position.entry(g).or_insert_with(|| {
                    graphs.push((g.clone(), 0));
                    graphs.len() - 1
                });
                graphs[n].1 += 1;
            }
        }
        for (g, n) in graphs {
            self.report.graphs.push((g.clone(), n, name.clone()));
            self.replace.insert(g);
        }
        self.report.documents += 1;
        self.quads.extend(quads);
    }

    /// The graphs this load replaces: emptied before its quads are added.
    pub fn replaced_graphs(&self) -> &BTreeSet<NamedNode> {
        &self.replace
    }

    /// The quads this load removes from graphs it does not replace (outdated mentions).
    pub fn removed_quads(&self) -> &[Quad] {
        &self.remove
    }

    /// Every quad of the graphs this load writes (the annotation files emitted one by one as the
    /// iterator goes), whether the store holds it already or not.
    pub fn quads(&self) -> impl Iterator<Item = Quad> + '_ {
        let emitted = self.files.iter().flat_map(move |(file, lines)| {
            let closures = closure_quads(file, &self.ontology, &self.links, &self.base);
            lines
                .iter()
                .flat_map(move |(part, _)| part.quads(file, &self.ontology, &self.base))
                .chain(closures)
        });
        self.quads.iter().cloned().chain(emitted)
    }

    /// The dataset the store would hold after this load: `current`'s quads (none for a store
    /// not made yet) without the graphs the load replaces and the quads it removes, then the
    /// load's quads. For checking a load before it is applied (`load --validate`).
    pub fn dataset_after(&self, current: Option<&Store>) -> Result<Vec<Quad>> {
        let mut quads: Vec<Quad> = match current {
            Some(store) => {
                let removed: std::collections::HashSet<&Quad> = self.remove.iter().collect();
                store
                    .iter()
                    .filter(|q| {
                        q.as_ref().map_or(true, |q| match &q.graph_name {
                            GraphName::NamedNode(g) => {
                                !self.replace.contains(g) && !removed.contains(q)
                            }
                            _ => true,
                        })
                    })
                    .collect::<Result<_, _>>()?
            }
            None => Vec::new(),
        };
        quads.extend(self.quads());
        Ok(quads)
    }

    /// What the load did, once applied.
    pub fn into_report(self) -> LoadReport {
        self.report
    }
}

/// Reads one source: an annotation file (and its text), the bundled corpus, or an RDF document
/// (parsed).
fn read_source(source: &LoadSource, base: &Base) -> Result<ReadSource> {
    let annotation = |path: &Path, files: &dyn FileSource| -> Result<ReadSource> {
        Ok(ReadSource::Annotations(vec![ParsedFile::read(
            path, files,
        )?]))
    };
    match source {
        LoadSource::Bundled => {
            let files = crate::bundled::files();
            let parsed = crate::bundled::annotation_files()
                .map(|name| ParsedFile::read(Path::new(name), &files))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(ReadSource::Annotations(parsed))
        }
        LoadSource::File(path) if is_annotation(path) => annotation(path, &Disk),
        LoadSource::File(path) => read_rdf_file(path, base),
        LoadSource::Url { url, fetch } if is_annotation(Path::new(url_path(url))) => {
            annotation(Path::new(url), &HttpFiles(fetch.clone()))
        }
        LoadSource::Url { url, fetch } => read_rdf_url(url, fetch, base),
    }
}

fn read_rdf_file(path: &Path, base: &Base) -> Result<ReadSource> {
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
    parse_document(document, default_graph)
}

/// Fetches an RDF document; triples without a graph go to a graph named after the URL as
/// given (scheme and extension left out), so loading it again replaces them.
fn read_rdf_url(url: &str, options: &FetchOptions, base: &Base) -> Result<ReadSource> {
    let fetched = fetch_rdf(url, options)?;
    let name = url_graph_name(&parse_http_url(url)?);
    let default_graph = NamedNode::new_unchecked(format!("{}graph/url/{name}", base.as_str()));
    let document = RdfDocument {
        name: public_url(&parse_http_url(url)?),
        bytes: fetched.bytes,
        format: fetched.format,
        base_iri: Some(fetched.url),
    };
    parse_document(document, default_graph)
}

/// Parses an RDF document; triples without a graph go to `default_graph`.
fn parse_document(document: RdfDocument, default_graph: NamedNode) -> Result<ReadSource> {
    let quads = parse_rdf(
        &document.name,
        &document.bytes,
        document.format,
        &GraphName::NamedNode(default_graph),
        document.base_iri.as_deref(),
    )?;
    Ok(ReadSource::Rdf {
        name: document.name,
        quads,
    })
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
