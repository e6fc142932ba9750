//! Errors of the authoring adapters: one line each, naming the file, the item and the reason.

use std::path::PathBuf;

/// What can go wrong importing Web Annotations, reading a mapping or comparing two annotators.
#[derive(Debug, thiserror::Error)]
pub enum AuthoringError {
    /// A Web Annotation file is not JSON.
    #[error("{}: not JSON", path.display())]
    Json {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    /// A Web Annotation file holds no annotation the importer can read.
    #[error("{}: {reason}", path.display())]
    WebAnnotation { path: PathBuf, reason: String },
    /// A mapping file does not parse or says something impossible.
    #[error("{}: {reason}", path.display())]
    Mapping { path: PathBuf, reason: String },
    /// The text an import or agreement needs is not UTF-8.
    #[error("{}: not UTF-8 text", path.display())]
    NotText {
        path: PathBuf,
        #[source]
        source: std::string::FromUtf8Error,
    },
    /// Two annotation files that agreement compares do not annotate the same text.
    #[error("{a} and {b}: {reason}")]
    NotComparable {
        a: String,
        b: String,
        reason: String,
    },
    /// A quote the store holds cannot be written as a Web Annotation.
    #[error("{annotation}: {reason}")]
    StoredQuote { annotation: String, reason: String },
    /// An annotation file given to agreement has no `[document]`.
    #[error("{file}: no [document]: agreement compares two annotations of one text")]
    NoDocument { file: String },
}
