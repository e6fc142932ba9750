//! The context of compacted JSON-LD: reading and checking the context document, and the loader
//! through which the processor reads what it imports (local `file:` documents always, `http(s)`
//! ones only when allowed).
//!
//! Why a closure loader and not sophia_jsonld's `FileUrlLoader` and `HttpLoader` (features
//! `file_url`, `http_client` of sophia_jsonld 0.10): the `HttpLoader` is json-ld 0.15's
//! `ReqwestLoader`, on reqwest 0.11 with its default TLS (OpenSSL, a system library this build
//! does not otherwise need) and async, so it needs a tokio runtime where this code blocks on a
//! future without one; it has no timeout and cannot be told to refuse remote documents. Both
//! loaders report a bare I/O or HTTP error without the file or URL. So one closure decides per
//! IRI: `file:` IRIs are read (the `url` crate turns them into paths), remote ones are fetched
//! with the blocking reqwest client (rustls, 30 s timeout) only when allowed; every error names
//! the document, and the first one is kept to explain the processor's vaguer error.

use super::{bundled_context, ContextSource, JsonLdError, JsonLdOptions};
use crate::error::{one_line, Error, Result};
use crate::vocab::Base;
use futures::FutureExt;
use json_ld::syntax::{context::Value as ContextValue, Parse, Value};
use json_ld::{ExtractContext, RemoteDocument, RemoteDocumentReference};
use locspan::{Location, Meta, Span};
use sophia::jsonld::json_ld;
use sophia::jsonld::loader::{BoxFuture, ClosureLoader};
use sophia::jsonld::vocabulary::ArcIri;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Where in a JSON document a value was read.
pub(super) type Loc = Location<ArcIri, Span>;
type ContextRef = RemoteDocumentReference<ArcIri, Loc, ContextValue<Loc>>;

pub(super) fn arc_iri(text: &str) -> ArcIri {
    ArcIri::new_unchecked(Arc::from(text))
}

/// Whether `text` is an `http:` or `https:` URL.
pub(super) fn is_remote(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The context document, checked, with what its errors need: its name in messages and its text
/// (to turn the processor's byte offsets into lines and columns).
pub(super) struct ContextDocument {
    pub(super) reference: ContextRef,
    /// The URL relative imports are resolved against (none for the bundled context).
    pub(super) url: Option<String>,
    name: String,
    location_iri: String,
    pub(super) text: String,
}

impl ContextDocument {
    /// An error about this context, at `location` when it lies in this document.
    pub(super) fn error(&self, location: Option<&Loc>, reason: String) -> Error {
        let context = match location {
            Some(loc) if loc.file().as_str() == self.location_iri => {
                let (line, column) = line_column(&self.text, loc.span().start());
                format!("{}:{line}:{column}", self.name)
            }
            _ => self.name.clone(),
        };
        JsonLdError::Context { context, reason }.into()
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

type LoadFn =
    Box<dyn FnMut(sophia::iri::Iri<String>) -> BoxFuture<'static, LoadResult> + Send + Sync>;
pub(super) type LoadResult = std::result::Result<String, String>;

/// The documents a context imports, each loaded once however often (and by however many
/// processors) it is asked for; the first refusal or failure is kept.
#[derive(Clone)]
pub(super) struct ContextDocuments {
    loaded: Arc<Mutex<HashMap<String, LoadResult>>>,
    first_error: Arc<Mutex<Option<String>>>,
    allow_remote: bool,
}

impl ContextDocuments {
    pub(super) fn new(allow_remote: bool) -> Self {
        Self {
            loaded: Arc::default(),
            first_error: Arc::default(),
            allow_remote,
        }
    }

    /// The text of the document at `url`, or why it cannot be had.
    pub(super) fn load(&self, url: &str) -> LoadResult {
        let cached = self
            .loaded
            .lock()
            .ok()
            .and_then(|loaded| loaded.get(url).cloned());
        let result = cached.unwrap_or_else(|| {
            let result = load_context_document(url, self.allow_remote);
            if let Ok(mut loaded) = self.loaded.lock() {
                loaded.insert(url.to_owned(), result.clone());
            }
            result
        });
        if let (Err(message), Ok(mut first)) = (&result, self.first_error.lock()) {
            first.get_or_insert_with(|| message.clone());
        }
        result
    }
}

/// The processor's document loader (through [`ContextDocuments`]).
pub(super) struct ContextLoader {
    pub(super) loader: ClosureLoader<LoadFn>,
    pub(super) documents: ContextDocuments,
}

impl ContextLoader {
    pub(super) fn new(allow_remote: bool) -> Self {
        let documents = ContextDocuments::new(allow_remote);
        let shared = documents.clone();
        let load: LoadFn = Box::new(move |iri: sophia::iri::Iri<String>| {
            let result = shared.load(iri.as_str());
            async move { result }.boxed()
        });
        Self {
            loader: ClosureLoader::new(load),
            documents,
        }
    }

    /// The first document that could not be loaded, and why.
    pub(super) fn first_error(&self) -> Option<String> {
        self.documents
            .first_error
            .lock()
            .ok()
            .and_then(|first| first.clone())
    }
}

/// Reads a document a context refers to: a local file (`file:` IRI), or, only when allowed, an
/// `http(s)` URL.
fn load_context_document(url: &str, allow_remote: bool) -> LoadResult {
    if url.starts_with("file:") {
        let path = url::Url::parse(url)
            .ok()
            .and_then(|u| u.to_file_path().ok())
            .ok_or_else(|| format!("{url}: cannot load context: not a local file path"))?;
        std::fs::read_to_string(&path).map_err(|e| format!("{}: cannot read: {e}", path.display()))
    } else if is_remote(url) {
        if allow_remote {
            fetch(url)
        } else {
            Err(format!(
                "{url}: remote context not fetched: network access is off \
                 (remote contexts are not allowed)"
            ))
        }
    } else {
        Err(format!(
            "{url}: cannot load context: only file: and http(s): IRIs are supported"
        ))
    }
}

/// Fetches a remote JSON-LD document over HTTP(S) (rustls), failing on any non-success status.
fn fetch(url: &str) -> LoadResult {
    let redirects = reqwest::redirect::Policy::limited(5);
    let client = crate::http::client(std::time::Duration::from_secs(30), redirects)
        .map_err(|e| format!("{url}: {}", one_line(&e)))?;
    client
        .get(url)
        .header(
            reqwest::header::ACCEPT,
            "application/ld+json, application/json;q=0.9",
        )
        .send()
        .and_then(|response| response.error_for_status())
        .and_then(|response| response.text())
        .map_err(|e| format!("{url}: cannot fetch: {}", one_line(&e)))
}

/// The `file:` URL of a local file, against which the processor resolves its relative imports.
fn file_url(path: &std::path::Path) -> Option<String> {
    let absolute = std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .ok()?;
    url::Url::from_file_path(absolute).ok().map(String::from)
}

/// Reads and checks the context document; the processor resolves what it imports.
pub(super) fn load_context(
    source: &ContextSource,
    options: &JsonLdOptions,
    base: &Base,
) -> Result<ContextDocument> {
    let (url, text) = match source {
        ContextSource::Bundled => (None, bundled_context(base)),
        ContextSource::File(path) => {
            let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?;
            (file_url(path), text)
        }
        ContextSource::Url(url) => {
            // The message names the URL already.
            let text =
                load_context_document(url, options.allow_remote_context).map_err(|reason| {
                    JsonLdError::Context {
                        context: "JSON-LD context".to_owned(),
                        reason,
                    }
                })?;
            (Some(url.clone()), text)
        }
    };
    let location_iri = url
        .clone()
        .unwrap_or_else(|| "x-wangluo:context.jsonld".to_owned());
    let mut document = ContextDocument {
        reference: RemoteDocumentReference::Iri(arc_iri(&location_iri)),
        url,
        name: source.name(),
        location_iri,
        text,
    };
    document.reference = RemoteDocumentReference::Loaded(parse_context(&document)?);
    Ok(document)
}

/// The context document's JSON, checked to be a context document (`{"@context": …}`).
fn parse_context(
    document: &ContextDocument,
) -> Result<RemoteDocument<ArcIri, Loc, ContextValue<Loc>>> {
    let file = arc_iri(&document.location_iri);
    let json = Value::parse_str(&document.text, |span| Location::new(file.clone(), span))
        .map_err(|Meta(e, location)| document.error(Some(&location), format!("not JSON: {e}")))?;
    let has_context =
        matches!(json.value(), Value::Object(o) if o.get("@context").next().is_some());
    if !has_context {
        return Err(document.error(
            None,
            "not a JSON-LD context document (expected a JSON object with an \"@context\" entry)"
                .to_owned(),
        ));
    }
    let context = Value::extract_context(json).map_err(|Meta(e, location)| {
        document.error(Some(&location), format!("invalid JSON-LD context: {e}"))
    })?;
    Ok(RemoteDocument::new(
        document.url.as_deref().map(arc_iri),
        None,
        context,
    ))
}
