//! `wangluo serve`: the knowledge graph as a linked-data site and a SPARQL endpoint, read-only
//! unless an update token is given (`--writable`: SPARQL Update with that bearer token).
//!
//! # URLs
//! The base IRI is the root of the site (`B id/X` is `/id/X`); `--public-url` says which external
//! URL that root has behind w3id or a proxy, and every link and redirect uses it.
//!
//! | path | what |
//! |---|---|
//! | `/id/…`, `/vocab/…`, `/graph/…`, `/ontology` | the things: `303 See Other` to a description, chosen by `Accept` |
//! | `/page/PATH` | the HTML description of the thing at `/PATH` (fragments `#…` are anchors on it) |
//! | `/data/PATH.ttl` `.jsonld` `.nt` `.rdf` | its RDF description (Turtle, compacted JSON-LD, N-Triples, RDF/XML) |
//! | `/read/id/DOC` | the reading view of a document; `#char=B,E` is a sentence |
//! | `/edit/id/DOC` | with `--edit`, `POST`: a save from the reading view's editor ([`edit`]) |
//! | `/sparql` | the SPARQL 1.1 Protocol endpoint (a Service Description on a plain GET) |
//! | `/search?q=` | the entities and claims whose label holds the words (the home page's search box) |
//! | `/query` | the query page: the bundled queries, an editable form, results as a table |
//! | `/.well-known/void` | a VoID description of the dataset |
//! | `/download/wangluo.nq.gz` `.ttl` `.jsonld` | the whole graph; the ETag is its canonical hash |
//!
//! The library never prints: [`serve`] tells its caller the bound address through a callback.

mod auth;
mod dataset;
pub mod edit;
pub mod negotiate;
mod pages;
mod resource;
pub mod site;
mod sparql;
pub mod worker;

use crate::store::KnowledgeGraph;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use site::Site;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// What `wangluo serve` was asked for.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// The address to listen on (port 0: any free port).
    pub bind: SocketAddr,
    /// The external URL of the site's root (the base IRI), ending with `/`.
    pub public_url: Option<String>,
    /// Whether `/sparql` answers cross-origin requests (CORS).
    pub cors: bool,
    /// How long one query may run.
    pub timeout: Duration,
    /// At most this many rows (or triples) in one SPARQL result.
    pub result_cap: usize,
    /// The largest request body accepted, in bytes.
    pub body_limit: usize,
    /// The bearer token that allows SPARQL Update (`--writable`); none: the server is read-only.
    pub update_token: Option<String>,
    /// How to start the processes that evaluate queries (killed at the timeout); none: queries
    /// run in threads of the server, where a runaway join cannot be stopped.
    pub workers: Option<worker::WorkerCommand>,
    /// Annotating in the browser (`--edit DIR`); none: the site is read-only.
    pub edit: Option<edit::EditOptions>,
}

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address is in use or cannot be bound.
    #[error("cannot listen on {addr}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    /// The public URL is not an absolute http(s) URL.
    #[error("public URL {url}: {reason}")]
    PublicUrl { url: String, reason: String },
    /// The runtime or the connection loop failed.
    #[error("server")]
    Io(#[source] std::io::Error),
    /// The query workers could not be started.
    #[error(transparent)]
    Worker(#[from] worker::WorkerError),
}

/// The shared state of every request.
pub(crate) struct AppState {
    /// The graph as read at start-up, or after the last update (`--writable`).
    site: std::sync::RwLock<Arc<Site>>,
    /// The query workers over that graph (started again after an update).
    pool: std::sync::RwLock<Option<Arc<worker::Pool>>>,
    pub options: ServeOptions,
    pub rendered: Rendered,
    /// The editor (`--edit`).
    pub(crate) editor: Option<edit::Editor>,
}

impl AppState {
    /// The graph to answer from (a request keeps the one it started with).
    pub fn site(&self) -> Arc<Site> {
        self.site.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The query workers, if the server has them.
    pub fn pool(&self) -> Option<Arc<worker::Pool>> {
        self.pool.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Reads the store again after an update: new pages, new descriptions, new workers (the old
    /// ones end with the last query they answer).
    pub fn reload(&self) -> crate::Result<()> {
        let current = self.site();
        let fresh = Site::new(current.kg.clone(), current.public_root.clone())?;
        let pool = start_pool(&self.options, &fresh.kg)?;
        *self.site.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(fresh);
        *self.pool.write().unwrap_or_else(|e| e.into_inner()) = pool;
        self.rendered.clear();
        Ok(())
    }
}

/// Pages and descriptions already made, with their ETags: the graph does not change while the
/// server runs, so each is made once (up to [`Rendered::MAX`] of them; then they are made anew).
#[derive(Default)]
pub(crate) struct Rendered {
    entries: std::sync::Mutex<std::collections::HashMap<String, (axum::body::Bytes, String)>>,
}

impl Rendered {
    const MAX: usize = 4096;

    /// The body and ETag stored under `key`, or made by `make` (outside the lock) and stored.
    pub fn get_or(
        &self,
        key: &str,
        make: impl FnOnce() -> crate::Result<Vec<u8>>,
    ) -> crate::Result<(axum::body::Bytes, String)> {
        if let Some(found) = self.lock().get(key) {
            return Ok(found.clone());
        }
        let body = make()?;
        let etag = format!("\"{}\"", crate::util::hash::sha256_hex(&body));
        let made = (axum::body::Bytes::from(body), etag);
        let mut entries = self.lock();
        if entries.len() < Self::MAX {
            entries.insert(key.to_owned(), made.clone());
        }
        Ok(made)
    }

    fn clear(&self) {
        self.lock().clear();
    }

    fn lock(
        &self,
    ) -> std::sync::MutexGuard<'_, std::collections::HashMap<String, (axum::body::Bytes, String)>>
    {
        // A panic while holding the lock leaves a map that is still whole: keep using it.
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}

pub(crate) type State = axum::extract::State<Arc<AppState>>;

/// The query workers `options` asks for, over `kg`.
fn start_pool(
    options: &ServeOptions,
    kg: &KnowledgeGraph,
) -> crate::Result<Option<Arc<worker::Pool>>> {
    let Some(command) = &options.workers else {
        return Ok(None);
    };
    let pool = worker::Pool::start(command, kg, options.update_token.is_some())
        .map_err(ServeError::from)?;
    Ok(Some(Arc::new(pool)))
}

/// How long the requests in flight may go on after Ctrl-C or SIGTERM before the server stops
/// anyway (their workers killed, their threads abandoned).
const SHUTDOWN_GRACE: Duration = Duration::from_secs(1);

/// Serves `kg` until Ctrl-C (or SIGTERM), then finishes the requests in flight for at most
/// [`SHUTDOWN_GRACE`]. `listening` is called once with the bound address (the real port when
/// port 0 was asked for).
pub fn serve(
    kg: KnowledgeGraph,
    options: ServeOptions,
    listening: impl FnOnce(SocketAddr, &str),
) -> crate::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(ServeError::Io)?;
    let served = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(options.bind)
            .await
            .map_err(|source| ServeError::Bind {
                addr: options.bind,
                source,
            })?;
        let addr = listener.local_addr().map_err(ServeError::Io)?;
        let public_root = public_root(options.public_url.as_deref(), addr)?;
        let site = Site::new(Arc::new(kg), public_root.clone())?;
        let pool = start_pool(&options, &site.kg)?;
        let editor = options.edit.clone().map(edit::Editor::new).transpose()?;
        let state = Arc::new(AppState {
            site: std::sync::RwLock::new(Arc::new(site)),
            pool: std::sync::RwLock::new(pool),
            options,
            rendered: Rendered::default(),
            editor,
        });
        listening(addr, &public_root);
        let listener = SlowClientsClosed(listener);
        let (stopping, mut stop) = tokio::sync::watch::channel(false);
        let server = axum::serve(listener, router(state)).with_graceful_shutdown(async move {
            shutdown_signal().await;
            let _ = stopping.send(true);
        });
        let grace = async move {
            let _ = stop.wait_for(|stopping| *stopping).await;
            tokio::time::sleep(SHUTDOWN_GRACE).await;
        };
        tokio::select! {
            served = server => served.map_err(ServeError::Io)?,
            () = grace => {}
        }
        Ok::<(), crate::Error>(())
    });
    // Requests still running (and so their workers, killed when dropped) and blocking threads
    // still busy are not waited for.
    runtime.shutdown_timeout(Duration::from_millis(100));
    served
}

/// The external URL of the root: `--public-url` (checked, with a final `/`), else the address.
fn public_root(public_url: Option<&str>, addr: SocketAddr) -> crate::Result<String> {
    let Some(url) = public_url else {
        return Ok(format!("http://{addr}/"));
    };
    let parsed = url::Url::parse(url).map_err(|e| ServeError::PublicUrl {
        url: url.to_owned(),
        reason: e.to_string(),
    })?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.query().is_some() {
        return Err(ServeError::PublicUrl {
            url: url.to_owned(),
            reason: "expected an http(s) URL without a query".to_owned(),
        }
        .into());
    }
    let mut root = parsed.to_string();
    if !root.ends_with('/') {
        root.push('/');
    }
    Ok(root)
}

/// How long a connection may send nothing (request head or body) before it is closed, and how
/// long a whole request may take beyond the query timeout: slow clients cannot hold the server.
const IDLE_READ: Duration = Duration::from_secs(20);
const REQUEST_GRACE: Duration = Duration::from_secs(30);

/// The TCP listener, with every connection's reads bounded by [`IDLE_READ`].
struct SlowClientsClosed(tokio::net::TcpListener);

impl axum::serve::Listener for SlowClientsClosed {
    type Io = std::pin::Pin<Box<tokio_io_timeout::TimeoutStream<tokio::net::TcpStream>>>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        let (stream, addr) = axum::serve::Listener::accept(&mut self.0).await;
        let mut stream = tokio_io_timeout::TimeoutStream::new(stream);
        stream.set_read_timeout(Some(IDLE_READ));
        (Box::pin(stream), addr)
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        self.0.local_addr()
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}

fn router(state: Arc<AppState>) -> Router {
    let mut sparql_routes = Router::new().route(
        "/sparql",
        get(sparql::get)
            .post(sparql::post)
            .fallback(method_not_allowed),
    );
    if state.options.cors {
        let cors = tower_http::cors::CorsLayer::new()
            .allow_origin(tower_http::cors::Any)
            .allow_methods([Method::GET, Method::POST])
            .allow_headers([header::CONTENT_TYPE, header::ACCEPT]);
        sparql_routes = sparql_routes.layer(cors);
    }
    let routes = Router::new()
        .route("/", get(pages::home).fallback(method_not_allowed))
        .route("/style.css", get(pages::style).fallback(method_not_allowed))
        .route(
            "/reading.js",
            get(pages::script).fallback(method_not_allowed),
        )
        .route("/search", get(pages::search).fallback(method_not_allowed))
        .route("/edit.js", get(edit::script).fallback(method_not_allowed))
        .route("/edit.css", get(edit::style).fallback(method_not_allowed))
        .route(
            "/edit/{*path}",
            axum::routing::post(edit::save).fallback(method_not_allowed),
        )
        .route(
            "/query",
            get(pages::query_page).fallback(method_not_allowed),
        )
        .route(
            "/.well-known/void",
            get(dataset::void).fallback(method_not_allowed),
        )
        .route(
            "/download/{file}",
            get(dataset::download).fallback(method_not_allowed),
        )
        .route(
            "/page/{*path}",
            get(resource::page).fallback(method_not_allowed),
        )
        .route(
            "/data/{*path}",
            get(resource::data).fallback(method_not_allowed),
        )
        .route(
            "/read/{*path}",
            get(pages::reading).fallback(method_not_allowed),
        )
        .route(
            "/{*path}",
            get(resource::thing).fallback(method_not_allowed),
        )
        .merge(sparql_routes)
        .fallback(not_found_anywhere);
    guarded(routes, &state.options).with_state(state)
}

/// The layers around every route: body limits, a timeout for a whole request and, outermost,
/// panics turned into answers ([`panicked`]).
fn guarded<S: Clone + Send + Sync + 'static>(
    routes: Router<S>,
    options: &ServeOptions,
) -> Router<S> {
    routes
        .layer(axum::extract::DefaultBodyLimit::max(options.body_limit))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            options.timeout + REQUEST_GRACE,
        ))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            options.body_limit,
        ))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(panicked))
}

/// The answer to a request whose handler panicked: a 500 with one line, where the connection
/// would otherwise close with no response; the server goes on serving. The panic's message and
/// place go to the server's standard error (Rust's panic hook), not to the client.
fn panicked(_panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    plain(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal error: the server failed on this request (a bug; its log says where)",
    )
}

async fn method_not_allowed() -> Response {
    let mut response = plain(
        StatusCode::METHOD_NOT_ALLOWED,
        "method not allowed: this resource answers GET (and /sparql POST)",
    );
    response
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
    response
}

async fn not_found_anywhere() -> Response {
    plain(StatusCode::NOT_FOUND, "not found")
}

/// A plain-text response (errors for programs: SPARQL clients read the body).
pub(crate) fn plain(status: StatusCode, text: impl Into<String>) -> Response {
    let mut body = text.into();
    body.push('\n');
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    fn options() -> ServeOptions {
        ServeOptions {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            public_url: None,
            cors: false,
            timeout: Duration::from_secs(5),
            result_cap: 10,
            body_limit: 1024,
            update_token: None,
            workers: None,
            edit: None,
        }
    }

    /// `GET path` on a fresh connection: the status and body, or `None` when the connection
    /// closes without a response.
    fn request(addr: SocketAddr, path: &str) -> Option<(u16, String)> {
        let mut stream = std::net::TcpStream::connect(addr).ok()?;
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n"
        )
        .ok()?;
        let mut text = String::new();
        stream.read_to_string(&mut text).ok()?;
        let status = text.split(' ').nth(1)?.parse().ok()?;
        let (_, body) = text.split_once("\r\n\r\n")?;
        Some((status, body.to_owned()))
    }

    /// The layers `serve` puts around its routes, around a handler that panics: no route of the
    /// product panics on purpose, so the setup is tested here on routes of its own.
    #[test]
    fn a_panicking_handler_gets_a_500_of_one_line_and_the_server_goes_on() {
        async fn fails() -> &'static str {
            panic!("a handler failed")
        }
        async fn answers() -> &'static str {
            "answered"
        }
        let routes = Router::new()
            .route("/fails", get(fails))
            .route("/answers", get(answers));
        let app = guarded(routes, &options());
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .expect("a free port");
        let addr = listener.local_addr().expect("its address");
        runtime.spawn(async move { axum::serve(listener, app).await });
        for _ in 0..2 {
            let (status, body) =
                request(addr, "/fails").expect("a response, not a closed connection");
            assert_eq!(status, 500);
            assert_eq!(body.lines().count(), 1, "{body:?}");
            assert!(body.starts_with("internal error: "), "{body:?}");
            assert_eq!(
                request(addr, "/answers"),
                Some((200, "answered".to_owned()))
            );
        }
    }
}
