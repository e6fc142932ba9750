//! `wangluo serve --edit DIR`: annotating in the browser. The reading view of each document of
//! the corpus under `DIR` gets a panel ([`panel`]) and a small script (`/edit.js`, served from the
//! binary): select words of the text (or pick a sentence), then save a claim, link a mention,
//! create an entity or mark sentences as without a claim; edit or delete a claim; undo the last
//! save.
//!
//! A save (`POST /edit/id/DOC`, a plain form) is made by [`crate::authoring::edit`]: the quote
//! and its occurrence computed from the character offsets on the server's own text, the TOML
//! edited with toml_edit, the whole corpus checked as `load` checks it — any error is shown
//! beside the form and nothing is written —, then the file written atomically and the document
//! loaded again into the served graph, whose pages and query workers are made anew. Each form
//! carries the SHA-256 of the file it was made from: a save over a file changed since (another
//! editor saved) is refused (409) with the entry shown again, nothing lost.
//!
//! Saves come only from this origin (`Origin`, when the browser sends it, must be the server's
//! host; without a token the `Host` must name this machine, against DNS rebinding), and, when the server listens beyond loopback, only with the token of `WANGLUO_TOKEN`
//! (`Authorization: Bearer …`).

mod panel;
mod save;

pub(crate) use panel::{panel, Notice};

use super::{plain, AppState, State};
use crate::annotation::{Disk, ParsedFile, Symbol};
use crate::error::Result;
use crate::store::{files_under, KnowledgeGraph, LoadSource};
use crate::vocab::Base;
use axum::extract::Path as UrlPath;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

const SCRIPT: &str = include_str!("edit.js");
const STYLE: &str = include_str!("edit.css");

/// What `serve --edit` was asked for.
#[derive(Clone, Debug)]
pub struct EditOptions {
    /// The folder of the corpus's annotation files.
    pub dir: PathBuf,
    /// The token a save must bring (`Authorization: Bearer …`); set when the server listens on
    /// an address other than loopback.
    pub token: Option<String>,
}

/// The editor of a running server: which file annotates which document, the lock that makes
/// saves one at a time, and the last save (one step of undo).
pub(crate) struct Editor {
    pub options: EditOptions,
    /// The corpus's files (annotation and RDF), in load order.
    files: Vec<PathBuf>,
    /// `id/DOC` → its annotation file.
    documents: BTreeMap<String, PathBuf>,
    saving: Mutex<()>,
    undo: Mutex<Option<Undo>>,
}

/// What the last save replaced.
struct Undo {
    /// `id/DOC`.
    document: String,
    path: PathBuf,
    /// The file before the save, and the SHA-256 of what the save wrote.
    before: String,
    after: String,
    /// What the save did, in words.
    what: String,
}

impl Editor {
    /// The editor of the annotation files under `options.dir`.
    pub fn new(options: EditOptions) -> Result<Self> {
        let files = files_under(&options.dir)?;
        let mut documents = BTreeMap::new();
        for path in files.iter().filter(|p| is_toml(p)) {
            let parsed = ParsedFile::read(path, &Disk)?;
            if let Some(document) = &parsed.annotation.document {
                documents.insert(format!("id/{}", document.id.get_ref()), path.clone());
            }
        }
        Ok(Self {
            options,
            files,
            documents,
            saving: Mutex::new(()),
            undo: Mutex::new(None),
        })
    }

    /// The annotation file of the document at `path` (`id/DOC`), if it is one of the corpus.
    pub fn file_of(&self, path: &str) -> Option<&Path> {
        self.documents.get(path).map(PathBuf::as_path)
    }

    /// The annotation files of the corpus (what the checks read).
    fn annotations(&self) -> Vec<PathBuf> {
        self.files.iter().filter(|p| is_toml(p)).cloned().collect()
    }

    /// Every id the corpus's files declare, with its kind, class and label, read from the files
    /// as they are now (a file that does not parse is left out: the checks name it).
    pub fn symbols(&self) -> BTreeMap<String, Symbol> {
        self.annotations()
            .iter()
            .filter_map(|p| ParsedFile::read(p, &Disk).ok())
            .flat_map(|f| crate::annotation::resolve::declarations(&f))
            .collect()
    }

    /// What the last save did, if it was a save of `document` that undo can take back.
    pub fn undoable(&self, document: &str) -> Option<String> {
        let undo = self.undo.lock().unwrap_or_else(|e| e.into_inner());
        undo.as_ref()
            .filter(|u| u.document == document)
            .map(|u| u.what.clone())
    }
}

fn is_toml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
}

/// The graph `serve --edit DIR` serves: the ontology and every file under `dir`, loaded into
/// memory as `load DIR` would load them.
pub fn graph(dir: &Path, base: &Base) -> Result<KnowledgeGraph> {
    let kg = KnowledgeGraph::in_memory(oxigraph::store::Store::new()?, base);
    let sources: Vec<LoadSource> = files_under(dir)?
        .into_iter()
        .map(LoadSource::File)
        .collect();
    kg.load(&sources)?;
    Ok(kg)
}

/// `GET /read/id/DOC` when the server edits: the reading view with the panel, made for each
/// request (it carries the file's current version). `?claim=ID` opens a claim in the form;
/// `?saved=…` says what the last save did.
pub(crate) fn reading(state: &AppState, path: &str, query: Option<String>) -> Response {
    let query: Vec<(String, String)> = query
        .map(|q| {
            url::form_urlencoded::parse(q.as_bytes())
                .into_owned()
                .collect()
        })
        .unwrap_or_default();
    let get = |key: &str| query.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    let notice = Notice {
        saved: get("saved").map(|kind| (kind, get("id").unwrap_or_default())),
        editing: get("claim"),
        ..Notice::default()
    };
    page(state, path, StatusCode::OK, &notice)
}

/// The reading view of `path` with the panel showing `notice`.
fn page(state: &AppState, path: &str, status: StatusCode, notice: &Notice) -> Response {
    let site = state.site();
    let panel = panel(state, &site, path, notice);
    let html = super::pages::reading_page(&site, path, panel);
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        html,
    )
        .into_response()
}

/// `POST /edit/id/DOC`: one save (or undo) from the panel's form.
pub(crate) async fn save(
    state: State,
    UrlPath(path): UrlPath<String>,
    headers: HeaderMap,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> Response {
    let axum::extract::State(state) = state;
    let Some(editor) = &state.editor else {
        return plain(StatusCode::NOT_FOUND, "not found: the server does not edit");
    };
    if let Some(refusal) = refused(editor, &headers) {
        return refusal;
    }
    if editor.file_of(&path).is_none() {
        return plain(
            StatusCode::NOT_FOUND,
            format!("not found: /{path} is not a document of the corpus being edited"),
        );
    }
    let form = save::Form(pairs);
    let worker = Arc::clone(&state);
    let document = path.clone();
    let outcome = tokio::task::spawn_blocking(move || save::save(&worker, &document, form)).await;
    match outcome {
        Ok(save::Outcome::Saved { query, fragment }) => {
            let to = state.site().url(&format!("read/{path}?{query}#{fragment}"));
            let mut response = StatusCode::SEE_OTHER.into_response();
            if let Ok(location) = HeaderValue::from_str(&to) {
                response.headers_mut().insert(header::LOCATION, location);
            }
            response
        }
        Ok(save::Outcome::Refused { status, notice }) => page(&state, &path, status, &notice),
        Err(join) => plain(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the save stopped: {join}"),
        ),
    }
}

/// Why a save request is refused before it is read: no token where one is needed (401), or a
/// form posted from another site (403: a page elsewhere cannot make the browser save here).
fn refused(editor: &Editor, headers: &HeaderMap) -> Option<Response> {
    if let Some(token) = &editor.options.token {
        if let Some(refusal) = super::auth::bearer_refusal(token, headers, "saving") {
            return Some(refusal);
        }
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    // Without a token the server is for this machine only: a page elsewhere whose name resolves
    // to 127.0.0.1 (DNS rebinding) brings its own name as Host, and is refused.
    if editor.options.token.is_none() && !host.is_some_and(is_loopback_host) {
        return Some(plain(
            StatusCode::FORBIDDEN,
            "a save must be addressed to this machine (Host: 127.0.0.1, localhost or [::1])",
        ));
    }
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let same_origin = match (origin, host) {
        (None, _) => true,
        (Some(origin), Some(host)) => origin
            .split_once("://")
            .is_some_and(|(_, rest)| rest == host),
        (Some(_), None) => false,
    };
    (!same_origin).then(|| {
        plain(
            StatusCode::FORBIDDEN,
            "a save must come from this site's own pages (Origin differs from Host)",
        )
    })
}

/// Whether a `Host` header names this machine (with any port).
fn is_loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.split(':').next().unwrap_or(""),
    };
    name == "localhost"
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// `GET /edit.js`: the panel's script (selection to character offsets).
pub(crate) async fn script() -> Response {
    asset("text/javascript; charset=utf-8", SCRIPT)
}

/// `GET /edit.css`: the panel's styles.
pub(crate) async fn style() -> Response {
    asset("text/css; charset=utf-8", STYLE)
}

fn asset(media_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, media_type),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(name.clone(), HeaderValue::from_str(value).unwrap());
        }
        map
    }

    fn editor(token: Option<&str>) -> Editor {
        Editor {
            options: EditOptions {
                dir: PathBuf::new(),
                token: token.map(str::to_owned),
            },
            files: Vec::new(),
            documents: BTreeMap::new(),
            saving: Mutex::new(()),
            undo: Mutex::new(None),
        }
    }

    #[test]
    fn a_save_from_another_site_or_without_the_token_is_refused() {
        let open = editor(None);
        let same = headers(&[
            (header::HOST, "127.0.0.1:7878"),
            (header::ORIGIN, "http://127.0.0.1:7878"),
        ]);
        assert!(refused(&open, &same).is_none());
        assert!(refused(&open, &headers(&[(header::HOST, "127.0.0.1:7878")])).is_none());
        assert!(refused(&open, &headers(&[(header::HOST, "localhost:7878")])).is_none());
        assert!(refused(&open, &headers(&[(header::HOST, "[::1]:7878")])).is_none());
        let rebound = headers(&[
            (header::HOST, "attacker.example:7878"),
            (header::ORIGIN, "http://attacker.example:7878"),
        ]);
        assert_eq!(refused(&open, &rebound).unwrap().status(), 403);
        let other = headers(&[
            (header::HOST, "127.0.0.1:7878"),
            (header::ORIGIN, "https://elsewhere.example"),
        ]);
        assert_eq!(refused(&open, &other).unwrap().status(), 403);
        let guarded = editor(Some("secret"));
        assert_eq!(refused(&guarded, &same).unwrap().status(), 401);
        let mut named = rebound.clone();
        named.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer secret"),
        );
        assert!(
            refused(&guarded, &named).is_none(),
            "with the token, any name"
        );
        let mut with = same.clone();
        with.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer secret"),
        );
        assert!(refused(&guarded, &with).is_none());
    }
}
