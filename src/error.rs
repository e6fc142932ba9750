//! Errors as values. Each layer has its own error type that keeps its cause (`#[source]`):
//! [`crate::rdf::io::RdfSyntaxError`], [`crate::rdf::fetch::FetchError`], [`crate::rdf::canonical::CanonicalError`],
//! [`crate::query::QueryError`], [`crate::export::jsonld::JsonLdError`],
//! [`crate::nanopub::NanopubError`], [`crate::shacl::ShaclError`]. The top-level [`Error`] gathers
//! them; [`one_line`] renders an error and its causes as the one line the command line prints,
//! which names the file, the item and the reason. So a `Display` says what failed, never its
//! cause again: the chain adds that.

use std::path::PathBuf;

/// A cause from another crate, kept whole (its own causes too) where its type varies.
pub type Cause = Box<dyn std::error::Error + Send + Sync>;

/// The result type of the wangluo library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in wangluo.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read.
    #[error("{}: cannot read", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A file could not be written (the old file, if any, is untouched).
    #[error("{}: cannot write", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Writing output (stdout or a file) failed.
    #[error("{target}: cannot write output")]
    Output {
        target: String,
        #[source]
        source: std::io::Error,
    },
    /// The file extension or a format option names no known format.
    #[error("{file}: unknown format (expected one of: {expected})")]
    UnknownFormat { file: String, expected: String },
    /// The base IRI is unusable (the command line names its option, `--base`): it does not end
    /// with '/', or an IRI made from it does not parse (the cause).
    #[error("base IRI {base}: {reason}")]
    InvalidBase {
        base: String,
        reason: String,
        #[source]
        source: Option<Cause>,
    },
    /// The base IRI of a document (its `file:` URL or the URL it was fetched from) is not an IRI.
    #[error("{file}: unusable base IRI <{base}>")]
    InvalidBaseIri {
        file: String,
        base: String,
        #[source]
        source: oxigraph::model::IriParseError,
    },
    /// A graph's IRI is not an IRI, or names no graph of the store.
    #[error("graph {graph}: {reason}")]
    InvalidGraph { graph: String, reason: String },
    /// A setting (a command-line option, named by `cmd/`) is used where it does not apply.
    #[error("{option}: {reason}")]
    InvalidOption { option: String, reason: String },
    /// The store could not be opened or created (RocksDB's error, a file-system error, a
    /// snapshot that does not parse).
    #[error("store {}", path.display())]
    Store {
        path: PathBuf,
        #[source]
        source: Cause,
    },
    /// No store exists in the folder yet (a load creates one).
    #[error("store {}: no store here", path.display())]
    NoStore { path: PathBuf },
    /// Another process has the store open for writing (RocksDB lets one at a time).
    #[error("store {} is locked by {holder}; try again when it has finished", path.display())]
    Locked { path: PathBuf, holder: String },
    /// Something went wrong with one item (a file, a graph): the item, then the cause.
    #[error("{item}")]
    Within {
        item: String,
        #[source]
        source: Box<Error>,
    },
    /// An ontology file declares no class in the `wl:` namespace (another file, or another base).
    #[error("{file}: ontology: declares no owl:Class in {namespace}")]
    Ontology { file: String, namespace: String },
    /// An annotation corpus is wrong (parse or resolve phase).
    #[error(transparent)]
    Corpus(#[from] crate::annotation::AnnotationError),
    /// A Web Annotation import, a tag mapping or an agreement between annotators failed.
    #[error(transparent)]
    Authoring(#[from] crate::authoring::AuthoringError),
    /// A storage-level error of the embedded store.
    #[error("store")]
    Storage(#[from] oxigraph::store::StorageError),
    /// A URL could not be fetched, or what it gave is not RDF.
    #[error(transparent)]
    Fetch(#[from] crate::rdf::fetch::FetchError),
    /// An RDF document does not parse.
    #[error(transparent)]
    RdfSyntax(#[from] crate::rdf::io::RdfSyntaxError),
    /// The data could not be canonicalized (RDFC-1.0) or compared.
    #[error(transparent)]
    Canonical(#[from] crate::rdf::canonical::CanonicalError),
    /// A query is unknown, does not parse, has bad parameters or failed.
    #[error(transparent)]
    Query(#[from] crate::query::QueryError),
    /// A JSON-LD context is unusable, or the JSON-LD processor failed.
    #[error(transparent)]
    JsonLd(#[from] crate::export::jsonld::JsonLdError),
    /// A nanopublication could not be made, or a path given for them is unusable.
    #[error(transparent)]
    Nanopub(#[from] crate::nanopub::NanopubError),
    /// SHACL shapes that cannot be compiled, or a validation the engine could not run.
    #[error(transparent)]
    Shacl(#[from] crate::shacl::ShaclError),
    /// A request to a remote store failed (the URL and the cause, never a credential).
    #[error(transparent)]
    Remote(#[from] crate::remote::RemoteError),
    /// A credentials file that cannot be used (never with its content).
    #[error(transparent)]
    Credentials(#[from] crate::remote::CredentialsError),
    /// The dataset metadata file is missing or wrong.
    #[error(transparent)]
    Dataset(#[from] crate::dataset::DatasetError),
    /// The coverage report has nothing to work on.
    #[error(transparent)]
    Coverage(#[from] crate::report::coverage::CoverageError),
    /// `wangluo serve` could not start.
    #[error(transparent)]
    Serve(#[from] crate::web::ServeError),
}

impl Error {
    /// This error, named after the item it concerns (`FILE: cause`).
    pub fn within(self, item: impl Into<String>) -> Self {
        Error::Within {
            item: item.into(),
            source: Box::new(self),
        }
    }

    /// Whether this is a write to a reader that has gone (`wangluo … | head`): not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

/// An error and its causes on one line, `what failed: why: why that`, line breaks turned into
/// spaces. A cause whose text is already in the line (third-party errors often repeat their
/// cause in their own message) is not repeated.
///
/// ```
/// use wangluo::error::{one_line, Error};
/// let e = Error::Read {
///     path: "notes.toml".into(),
///     source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
/// };
/// assert_eq!(one_line(&e), "notes.toml: cannot read: no such file");
/// ```
pub fn one_line(error: &dyn std::error::Error) -> String {
    let mut line = error.to_string();
    let mut cause = error.source();
    while let Some(e) = cause {
        let text = e.to_string();
        if !text.is_empty() && !line.contains(&text) {
            line.push_str(": ");
            line.push_str(&text);
        }
        cause = e.source();
    }
    line.replace(['\r', '\n'], " ")
}
