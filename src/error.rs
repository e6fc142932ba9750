//! Errors as values. Every error renders as one line that names the file, the item and the reason.

use std::path::PathBuf;

/// The result type of the wangluo library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in wangluo.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read.
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A file could not be written (the old file, if any, is untouched).
    #[error("{}: cannot write: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// An annotation file is not valid TOML or does not follow the annotation format.
    #[error("{file}:{line}:{column}: {message}")]
    AnnotationSyntax {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// An annotation is well-formed but wrong: unknown reference, bad quote, malformed date …
    #[error("{file}: {item}: {reason}")]
    Annotation {
        file: String,
        item: String,
        reason: String,
    },
    /// The text file no longer has the SHA-256 recorded in its annotation.
    #[error("{file}: text {text} has SHA-256 {actual} but the annotation records {expected}")]
    TextHashMismatch {
        file: String,
        text: String,
        expected: String,
        actual: String,
    },
    /// An RDF file does not parse.
    #[error("{file}:{line}:{column}: {message}")]
    RdfSyntax {
        file: String,
        line: u64,
        column: u64,
        message: String,
    },
    /// The file extension or `--format` names no known format.
    #[error("{file}: unknown format (expected one of: {expected})")]
    UnknownFormat { file: String, expected: String },
    /// A SPARQL query does not parse.
    #[error("{source_name}: invalid SPARQL: {message}")]
    QuerySyntax {
        source_name: String,
        message: String,
    },
    /// A SPARQL query failed while running.
    #[error("{source_name}: query failed: {message}")]
    QueryEvaluation {
        source_name: String,
        message: String,
    },
    /// No bundled query has that name.
    #[error("unknown query `{name}`{}; `wangluo queries` lists them", suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default())]
    UnknownQuery {
        name: String,
        suggestion: Option<String>,
    },
    /// A query parameter is malformed.
    #[error("--param {param}: {reason}")]
    Parameter { param: String, reason: String },
    /// The `--base` IRI is unusable.
    #[error("--base {base}: {reason}")]
    InvalidBase { base: String, reason: String },
    /// A `--graph` IRI is not an IRI.
    #[error("--graph {graph}: {reason}")]
    InvalidGraph { graph: String, reason: String },
    /// A command-line option is used where it does not apply.
    #[error("{option}: {reason}")]
    InvalidOption { option: String, reason: String },
    /// The store could not be opened, read or written.
    #[error("store {}: {message}", path.display())]
    Store { path: PathBuf, message: String },
    /// Writing output (stdout or a file) failed.
    #[error("{target}: cannot write output: {source}")]
    Output {
        target: String,
        #[source]
        source: std::io::Error,
    },
    /// A nanopublication could not be made, or a path given for them is unusable.
    #[error("{item}: {reason}")]
    Nanopub { item: String, reason: String },
    /// The data could not be canonicalized (RDFC-1.0) or compared.
    #[error("canonical N-Quads: {reason}")]
    Canonical { reason: String },
    /// A JSON-LD context is unusable: unreadable, not JSON, invalid, or remote and not allowed.
    #[error("{context}: {reason}")]
    JsonLdContext { context: String, reason: String },
    /// The JSON-LD processor failed on the data.
    #[error("JSON-LD: {reason}")]
    JsonLd { reason: String },
    /// SHACL shapes that cannot be compiled, or a validation the engine could not run.
    #[error("{item}: {reason}")]
    Shacl { item: String, reason: String },
    /// An annotation corpus is wrong (parse or resolve phase).
    #[error(transparent)]
    Corpus(#[from] crate::annotation::AnnotationError),
    /// A storage-level error of the embedded store.
    #[error("store: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
}

impl Error {
    pub(crate) fn annotation(
        file: &str,
        item: impl Into<String>,
        reason: impl Into<String>,
    ) -> Self {
        Error::Annotation {
            file: file.to_owned(),
            item: item.into(),
            reason: reason.into(),
        }
    }
}
