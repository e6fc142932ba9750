//! What can be wrong with an annotation corpus. Every error names the file (and the line, where
//! the item has one), the item and the reason, in one line.

use std::fmt;
use std::path::PathBuf;

/// Where an item is declared: a line of an annotation file, or a graph already in the store.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    /// An annotation file and the 1-based line of the item's `id` (when known).
    File { file: String, line: Option<usize> },
    /// A named graph of the store, loaded earlier.
    Stored { graph: String },
}

impl Place {
    /// A whole file, without a line.
    pub fn file(file: &str) -> Self {
        Place::File {
            file: file.to_owned(),
            line: None,
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::File { file, line: None } => write!(f, "{file}"),
            Place::File {
                file,
                line: Some(line),
            } => write!(f, "{file}:{line}"),
            Place::Stored { graph } => write!(f, "the store's graph <{graph}>"),
        }
    }
}

/// An error of the parse or resolve phase.
#[derive(Debug, thiserror::Error)]
pub enum AnnotationError {
    /// An annotation or text file could not be read.
    #[error("{}: cannot read", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Not valid TOML, or not the annotation format (unknown key, wrong type …).
    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// An item is wrong: unknown reference, bad quote, malformed date, unknown class …
    #[error("{place}: {item}: {reason}")]
    Item {
        place: Place,
        item: String,
        reason: String,
    },
    /// A quote that cannot be placed in the text: not found, ambiguous, no such occurrence.
    #[error("{0}")]
    Quote(Box<QuoteFailure>),
    /// The same id declared twice with different content.
    #[error("{place}: {id}: {reason}; it is also declared at {other}")]
    Conflict {
        place: Box<Place>,
        id: String,
        reason: String,
        other: Box<Place>,
    },
    /// The text file no longer has the SHA-256 recorded in its annotation.
    #[error("{file}: text {text} has SHA-256 {actual} but the annotation records {expected}")]
    TextHash {
        file: String,
        text: String,
        expected: String,
        actual: String,
    },
}

/// A quote of an item that cannot be placed, and why.
#[derive(Debug, Clone)]
pub struct QuoteFailure {
    pub place: Place,
    pub item: String,
    /// What the quote is, as a prefix of the reason: `""` for `quotes`, `"exclusions: "` …
    pub field: String,
    pub exact: String,
    pub occurrence: Option<usize>,
    pub error: crate::text::QuoteError,
}

impl fmt::Display for QuoteFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self {
            place,
            item,
            field,
            exact,
            error,
            ..
        } = self;
        write!(f, "{place}: {item}: {field}{error}: \"{exact}\"")
    }
}

/// Every error found in a file or a corpus, in the order a resolve that stopped at the first
/// would meet them (never empty when returned as an error). `load` reports the first;
/// `check` reports them all.
#[derive(Debug, Default)]
pub struct Errors(pub Vec<AnnotationError>);

impl From<AnnotationError> for Errors {
    fn from(error: AnnotationError) -> Self {
        Errors(vec![error])
    }
}

impl Errors {
    /// The first error (the one a resolve that stops at the first would report).
    pub fn first(mut self) -> AnnotationError {
        debug_assert!(!self.0.is_empty(), "an empty list of errors");
        self.0.remove(0)
    }

    /// Adds the errors of `result`, keeping its value.
    pub fn take<T>(&mut self, result: Result<T, Errors>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(mut errors) => {
                self.0.append(&mut errors.0);
                None
            }
        }
    }

    /// Adds the error of `result`, keeping its value.
    pub fn keep<T>(&mut self, result: Result<T, AnnotationError>) -> Option<T> {
        result.map_err(|e| self.0.push(e)).ok()
    }

    /// `Ok(value)` when no error was collected.
    pub fn into_result<T>(self, value: T) -> Result<T, Errors> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl AnnotationError {
    /// An error about one item.
    pub fn item(place: &Place, item: &str, reason: impl Into<String>) -> Self {
        AnnotationError::Item {
            place: place.clone(),
            item: item.to_owned(),
            reason: reason.into(),
        }
    }
}
