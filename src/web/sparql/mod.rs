//! `/sparql`: the SPARQL 1.1 Protocol, read-only. Queries by `GET ?query=`, `POST` of a form or
//! of `application/sparql-query`, with the dataset of `default-graph-uri` / `named-graph-uri`
//! when given (it overrides the query's FROM: Protocol §2.1.4); updates refused (403) unless the server is `--writable` and the
//! request brings its token (`Authorization: Bearer …`, else 401); `SERVICE` refused (403, before any
//! connection: see [`crate::query::RunOptions::allow_service`]); a timeout (503) and a cap on the rows
//! or triples of a result (the answer is cut there and says so in `X-SPARQL-MaxRows`, as
//! Virtuoso does). A plain `GET` gives the Service Description.

mod write;

pub(crate) use crate::util::parser_message::readable;
pub(crate) use write::write_solutions;

use super::negotiate::best;
use super::{plain, AppState, State};
use crate::query::{DatasetSpec, QueryError, RunOptions, ServiceRefused};
use axum::body::Bytes;
use axum::extract::RawQuery;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use oxigraph::model::{NamedNode, Triple};
use oxigraph::sparql::{CancellationToken, QueryResults, QuerySolution, Variable};
use std::sync::Arc;
use write::{write_answer, GRAPH_TYPES, RESULT_TYPES};

/// What a query gave, read whole (at most the cap).
pub(crate) enum Answer {
    Solutions {
        variables: Vec<Variable>,
        rows: Vec<QuerySolution>,
        truncated: bool,
    },
    Boolean(bool),
    Graph {
        triples: Vec<Triple>,
        truncated: bool,
    },
}

/// Why a query got no answer, as an HTTP status and one line.
pub(crate) struct Refusal {
    pub status: StatusCode,
    pub message: String,
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        plain(self.status, self.message)
    }
}

/// `GET /sparql`: a query, an update (refused) or, with neither, the Service Description.
pub async fn get(state: State, RawQuery(raw): RawQuery, headers: HeaderMap) -> Response {
    let params = match parameters(raw.as_deref().unwrap_or("").as_bytes()) {
        Ok(params) => params,
        Err(refusal) => return refusal.into_response(),
    };
    match params {
        Request::Query(query) => answer(state.0, query, &headers).await,
        Request::Update(_) => update_refused(),
        Request::Nothing => service_description(&state),
    }
}

/// `POST /sparql`: a form (`query=` or `update=`), or a query or update as the body (its
/// dataset, if any, in the URL's `default-graph-uri` / `named-graph-uri`).
pub async fn post(
    state: State,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let content_type = crate::http::media_type_essence(
        headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or(""),
    );
    match content_type.as_str() {
        "application/sparql-query" => {
            let (default_graphs, named_graphs) =
                match dataset_in_url(raw.as_deref().unwrap_or("").as_bytes()) {
                    Ok(dataset) => dataset,
                    Err(refusal) => return refusal.into_response(),
                };
            match body_text(&headers, &body) {
                Ok(text) => {
                    let query = QueryRequest {
                        text,
                        default_graphs,
                        named_graphs,
                        format: None,
                        parameters: Vec::new(),
                    };
                    answer(state.0, query, &headers).await
                }
                Err(refusal) => refusal.into_response(),
            }
        }
        "application/sparql-update" => match String::from_utf8(body.to_vec()) {
            Ok(text) => update(state.0, text, &headers).await,
            Err(_) => plain(StatusCode::BAD_REQUEST, "the update is not UTF-8"),
        },
        "application/x-www-form-urlencoded" => match parameters(&body) {
            Ok(Request::Query(mut query)) => {
                // The dataset may come in the form or in the URL (the protocol's tests do both).
                if query.default_graphs.is_empty() && query.named_graphs.is_empty() {
                    match dataset_in_url(raw.as_deref().unwrap_or("").as_bytes()) {
                        Ok((default, named)) => {
                            query.default_graphs = default;
                            query.named_graphs = named;
                        }
                        Err(refusal) => return refusal.into_response(),
                    }
                }
                answer(state.0, query, &headers).await
            }
            Ok(Request::Update(text)) => update(state.0, text, &headers).await,
            Ok(Request::Nothing) => plain(StatusCode::BAD_REQUEST, "the form has no `query`"),
            Err(refusal) => refusal.into_response(),
        },
        other => plain(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("Content-Type `{other}`: expected application/sparql-query or application/x-www-form-urlencoded"),
        ),
    }
}

enum Request {
    Query(QueryRequest),
    Update(String),
    Nothing,
}

/// A query and the dataset the request names for it (`default-graph-uri`, `named-graph-uri`;
/// none: the query's own FROM, else the union of all graphs).
#[derive(Default)]
pub(crate) struct QueryRequest {
    pub text: String,
    pub default_graphs: Vec<NamedNode>,
    pub named_graphs: Vec<NamedNode>,
    /// The `format` parameter, if any (see [`FORMAT_PARAMETER`]).
    pub format: Option<String>,
    /// Values of the query's parameters, `name=value` as `--param` takes them (the query page's
    /// fields).
    pub parameters: Vec<String>,
}

/// The protocol's parameters from a query string or form: `query` (once) or `update`, and the
/// dataset (`default-graph-uri`, `named-graph-uri`, each repeatable). The dataset of an update
/// (`using-graph-uri`, `using-named-graph-uri`) is refused.
fn parameters(encoded: &[u8]) -> Result<Request, Refusal> {
    let mut query = None;
    let mut update = None;
    let mut format = None;
    let mut given = Vec::new();
    for (key, value) in url::form_urlencoded::parse(encoded) {
        if let Some(name) = key.strip_prefix("param.") {
            given.push(format!("{name}={value}"));
            continue;
        }
        match key.as_ref() {
            "format" => format = Some(value.into_owned()),
            "query" if query.is_some() => return Err(bad("more than one `query` parameter")),
            "query" => query = Some(value.into_owned()),
            "update" if update.is_some() => return Err(bad("more than one `update` parameter")),
            "update" => update = Some(value.into_owned()),
            "using-graph-uri" | "using-named-graph-uri" => {
                return Err(bad(&format!(
                    "`{key}` is not supported: name the graphs in the update (WITH, USING)"
                )))
            }
            _ => {}
        }
    }
    Ok(match (query, update) {
        (Some(_), Some(_)) => return Err(bad("both `query` and `update` given: send one")),
        (None, Some(u)) => Request::Update(u),
        (Some(text), None) => {
            let (default_graphs, named_graphs) = dataset_in_url(encoded)?;
            Request::Query(QueryRequest {
                text,
                default_graphs,
                named_graphs,
                format,
                parameters: given,
            })
        }
        (None, None) => Request::Nothing,
    })
}

/// The dataset a request names: its `default-graph-uri`s and `named-graph-uri`s.
type Graphs = (Vec<NamedNode>, Vec<NamedNode>);

fn dataset_in_url(encoded: &[u8]) -> Result<Graphs, Refusal> {
    let mut default = Vec::new();
    let mut named = Vec::new();
    for (key, value) in url::form_urlencoded::parse(encoded) {
        let list = match key.as_ref() {
            "default-graph-uri" => &mut default,
            "named-graph-uri" => &mut named,
            _ => continue,
        };
        let iri = NamedNode::new(value.as_ref())
            .map_err(|e| bad(&format!("`{key}` <{value}> is not an IRI: {e}")))?;
        list.push(iri);
    }
    Ok((default, named))
}

/// The text of a query sent as the body: UTF-8, the only encoding the protocol allows there
/// (a body in another charset, UTF-16 say, is refused with 415).
fn body_text(headers: &HeaderMap, body: &[u8]) -> Result<String, Refusal> {
    let charset = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<mime::Mime>().ok())
        .and_then(|m| {
            m.get_param(mime::CHARSET)
                .map(|c| c.as_str().to_ascii_lowercase())
        });
    match charset.as_deref() {
        None | Some("utf-8") => String::from_utf8(body.to_vec())
            .map_err(|_| bad("the query is not UTF-8 (the protocol's only encoding)")),
        Some(other) => Err(Refusal {
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            message: format!("charset `{other}`: a query sent as the body must be UTF-8"),
        }),
    }
}

fn bad(message: &str) -> Refusal {
    Refusal {
        status: StatusCode::BAD_REQUEST,
        message: message.to_owned(),
    }
}

fn update_refused() -> Response {
    plain(
        StatusCode::FORBIDDEN,
        "SPARQL Update refused: this endpoint is read-only",
    )
}

/// Applies a SPARQL Update when the server is writable and the request brings its token, then
/// reads the graph again so that pages and descriptions show the change.
async fn update(state: Arc<AppState>, text: String, headers: &HeaderMap) -> Response {
    let Some(token) = state.options.update_token.clone() else {
        return update_refused();
    };
    if let Some(refusal) = super::auth::bearer_refusal(&token, headers, "SPARQL Update") {
        return refusal;
    }
    let worker = tokio::task::spawn_blocking(move || -> crate::Result<()> {
        crate::query::run_update(&state.site().kg, "update", &text)?;
        state.reload()
    });
    match worker.await {
        Ok(Ok(())) => plain(StatusCode::OK, "update applied"),
        Ok(Err(error)) => classify(&error).into_response(),
        Err(join) => plain(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the update stopped: {join}"),
        ),
    }
}

/// Runs a query (in a blocking thread, under the timeout) and writes the answer in the format
/// the `Accept` header prefers.
async fn answer(state: Arc<AppState>, query: QueryRequest, headers: &HeaderMap) -> Response {
    let accept = match query.format.as_deref() {
        None => headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
        Some(format) => match FORMAT_PARAMETER.iter().find(|(name, _)| *name == format) {
            Some((_, media_type)) => Some((*media_type).to_owned()),
            None => {
                let names: Vec<&str> = FORMAT_PARAMETER.iter().map(|(n, _)| *n).collect();
                return bad(&format!(
                    "format={format}: unknown (expected one of: {})",
                    names.join(", ")
                ))
                .into_response();
            }
        },
    };
    if query.format.is_none() && wants_html(accept.as_deref()) {
        return super::pages::query_page_for(state, query).await;
    }
    match evaluate(state.clone(), query).await {
        Ok(answer) => write_answer(&state, answer, accept.as_deref()),
        Err(refusal) => refusal.into_response(),
    }
}

/// The `format` parameter (as Virtuoso and Fuseki take it): the results format, whatever the
/// `Accept` header says (a link cannot set a header: the query page's downloads use it).
const FORMAT_PARAMETER: [(&str, &str); 4] = [
    ("csv", "text/csv"),
    ("tsv", "text/tab-separated-values"),
    ("json", "application/sparql-results+json"),
    ("xml", "application/sparql-results+xml"),
];

/// Whether `Accept` prefers HTML to every results format: a browser opening `/sparql?query=…`
/// gets the query page with the results as a table (a `*/*` gets the results formats first).
fn wants_html(accept: Option<&str>) -> bool {
    let mut offered: Vec<&str> = RESULT_TYPES.iter().map(|(t, _)| *t).collect();
    offered.extend(GRAPH_TYPES.iter().map(|(t, _)| *t));
    offered.push("text/html");
    best(accept, &offered) == Some(offered.len() - 1)
}

/// Evaluates a query within the server's timeout and result cap: in a worker process, killed at
/// the timeout, when the server has them ([`super::worker`]); else in a blocking thread of this
/// process, cancelled at the timeout (which Oxigraph notices only when it reads the store).
pub(crate) async fn evaluate(state: Arc<AppState>, query: QueryRequest) -> Result<Answer, Refusal> {
    match state.pool() {
        Some(pool) => super::worker::evaluate(&state, &pool, query).await,
        None => evaluate_here(state, query).await,
    }
}

pub(crate) fn timed_out(timeout: std::time::Duration) -> Refusal {
    Refusal {
        status: StatusCode::SERVICE_UNAVAILABLE,
        message: format!(
            "the query ran longer than the server's timeout of {} s",
            timeout.as_secs_f64()
        ),
    }
}

async fn evaluate_here(state: Arc<AppState>, query: QueryRequest) -> Result<Answer, Refusal> {
    let token = CancellationToken::new();
    let timeout = state.options.timeout;
    let cap = state.options.result_cap;
    let worker_token = token.clone();
    let worker = tokio::task::spawn_blocking(move || {
        let kg = &state.site().kg;
        let options = RunOptions {
            dataset: DatasetSpec::from_protocol(query.default_graphs, query.named_graphs),
            cancellation: Some(worker_token),
            ..Default::default()
        };
        let parameters = query
            .parameters
            .iter()
            .map(|p| crate::query::QueryParameter::parse(p, kg))
            .collect::<crate::Result<Vec<_>>>()?;
        let results = crate::query::run_with(kg, "query", &query.text, &parameters, &options)?;
        read_answer(results, cap)
    });
    match tokio::time::timeout(timeout, worker).await {
        Ok(Ok(Ok(answer))) => Ok(answer),
        Ok(Ok(Err(error))) => Err(classify(&error)),
        Ok(Err(join)) => Err(Refusal {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: format!("the query stopped: {join}"),
        }),
        Err(_) => {
            token.cancel();
            Err(timed_out(timeout))
        }
    }
}

pub(crate) fn read_answer(results: QueryResults<'_>, cap: usize) -> crate::Result<Answer> {
    let failed = |e| QueryError::evaluation("query", e);
    Ok(match results {
        QueryResults::Boolean(value) => Answer::Boolean(value),
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let mut rows = Vec::new();
            let mut truncated = false;
            for solution in solutions {
                if rows.len() == cap {
                    truncated = true;
                    break;
                }
                rows.push(solution.map_err(failed)?);
            }
            Answer::Solutions {
                variables,
                rows,
                truncated,
            }
        }
        QueryResults::Graph(graph) => {
            let mut triples = Vec::new();
            let mut truncated = false;
            for triple in graph {
                if triples.len() == cap {
                    truncated = true;
                    break;
                }
                triples.push(triple.map_err(failed)?);
            }
            Answer::Graph { triples, truncated }
        }
    })
}

/// The status of a failed query: 403 for a refused `SERVICE`, 503 when cancelled (timeout),
/// 400 for a query that does not parse or fails, 500 for the store.
pub(crate) fn classify(error: &crate::Error) -> Refusal {
    let message = crate::error::one_line(error);
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = cause {
        if e.downcast_ref::<ServiceRefused>().is_some() {
            return Refusal {
                status: StatusCode::FORBIDDEN,
                message,
            };
        }
        if let Some(oxigraph::sparql::QueryEvaluationError::Cancelled) = e.downcast_ref() {
            return Refusal {
                status: StatusCode::SERVICE_UNAVAILABLE,
                message,
            };
        }
        cause = e.source();
    }
    let status = match error {
        crate::Error::Query(_) => StatusCode::BAD_REQUEST,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    Refusal {
        status,
        message: readable(&message),
    }
}

/// The Service Description, as Turtle (the one place that writes it: [`super::dataset`]).
fn service_description(state: &AppState) -> Response {
    super::dataset::service_description(state)
}
