//! `/sparql`: the SPARQL 1.1 Protocol, read-only. Queries by `GET ?query=`, `POST` of a form or
//! of `application/sparql-query`, with the dataset of `default-graph-uri` / `named-graph-uri`
//! when given (it overrides the query's FROM: Protocol §2.1.4); updates refused (403) unless the server is `--writable` and the
//! request brings its token (`Authorization: Bearer …`, else 401); `SERVICE` refused (403, before any
//! connection: see [`crate::query::RunOptions::allow_service`]); a timeout (503) and a cap on the rows
//! or triples of a result (the answer is cut there and says so in `X-SPARQL-MaxRows`, as
//! Virtuoso does). A plain `GET` gives the Service Description.

use super::negotiate::best;
use super::{plain, AppState, State};
use crate::export::{write_quads, ExportFormat};
use crate::query::{DatasetSpec, QueryError, RunOptions, ServiceRefused};
use axum::body::Bytes;
use axum::extract::RawQuery;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphName, NamedNode, Triple};
use oxigraph::sparql::results::QueryResultsFormat;
use oxigraph::sparql::{CancellationToken, QueryResults, QuerySolution, Variable};
use std::sync::Arc;

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
            let dataset = match dataset_in_url(raw.as_deref().unwrap_or("").as_bytes()) {
                Ok(dataset) => dataset,
                Err(refusal) => return refusal.into_response(),
            };
            match body_text(&headers, &body) {
                Ok(text) => answer(state.0, QueryRequest { text, dataset }, &headers).await,
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
                if query.dataset.is_none() {
                    match dataset_in_url(raw.as_deref().unwrap_or("").as_bytes()) {
                        Ok(dataset) => query.dataset = dataset,
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

/// A query and the dataset the request names for it.
pub(crate) struct QueryRequest {
    pub text: String,
    pub dataset: Option<DatasetSpec>,
}

/// The protocol's parameters from a query string or form: `query` (once) or `update`, and the
/// dataset (`default-graph-uri`, `named-graph-uri`, each repeatable). The dataset of an update
/// (`using-graph-uri`, `using-named-graph-uri`) is refused.
fn parameters(encoded: &[u8]) -> Result<Request, Refusal> {
    let mut query = None;
    let mut update = None;
    for (key, value) in form_urlencoded::parse(encoded) {
        match key.as_ref() {
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
        (Some(text), None) => Request::Query(QueryRequest {
            text,
            dataset: dataset_in_url(encoded)?,
        }),
        (None, None) => Request::Nothing,
    })
}

/// The dataset a request names (`default-graph-uri`, `named-graph-uri`), or `None`.
fn dataset_in_url(encoded: &[u8]) -> Result<Option<DatasetSpec>, Refusal> {
    let mut default = Vec::new();
    let mut named = Vec::new();
    for (key, value) in form_urlencoded::parse(encoded) {
        let list = match key.as_ref() {
            "default-graph-uri" => &mut default,
            "named-graph-uri" => &mut named,
            _ => continue,
        };
        let iri = NamedNode::new(value.as_ref())
            .map_err(|e| bad(&format!("`{key}` <{value}> is not an IRI: {e}")))?;
        list.push(iri);
    }
    Ok(DatasetSpec::from_protocol(default, named))
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
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if presented != Some(token.as_str()) {
        let mut response = plain(
            StatusCode::UNAUTHORIZED,
            "SPARQL Update needs the server's token (Authorization: Bearer …)",
        );
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        return response;
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
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    match evaluate(state.clone(), query).await {
        Ok(answer) => write_answer(&state, answer, accept.as_deref()),
        Err(refusal) => refusal.into_response(),
    }
}

/// Evaluates a query within the server's timeout and result cap.
pub(crate) async fn evaluate(state: Arc<AppState>, query: QueryRequest) -> Result<Answer, Refusal> {
    let token = CancellationToken::new();
    let timeout = state.options.timeout;
    let cap = state.options.result_cap;
    let worker_token = token.clone();
    let worker = tokio::task::spawn_blocking(move || {
        let kg = &state.site().kg;
        let options = RunOptions {
            dataset: query.dataset,
            cancellation: Some(worker_token),
            ..Default::default()
        };
        let results = crate::query::run_with(kg, "query", &query.text, &[], &options)?;
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
            Err(Refusal {
                status: StatusCode::SERVICE_UNAVAILABLE,
                message: format!(
                    "the query ran longer than {} s (--timeout)",
                    timeout.as_secs_f64()
                ),
            })
        }
    }
}

fn read_answer(results: QueryResults<'_>, cap: usize) -> crate::Result<Answer> {
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
fn classify(error: &crate::Error) -> Refusal {
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
    Refusal { status, message }
}

const RESULT_TYPES: [(&str, QueryResultsFormat); 6] = [
    ("application/sparql-results+json", QueryResultsFormat::Json),
    ("application/sparql-results+xml", QueryResultsFormat::Xml),
    ("text/csv", QueryResultsFormat::Csv),
    ("text/tab-separated-values", QueryResultsFormat::Tsv),
    ("application/json", QueryResultsFormat::Json),
    ("application/xml", QueryResultsFormat::Xml),
];

const GRAPH_TYPES: [(&str, Option<RdfFormat>); 5] = [
    ("text/turtle", Some(RdfFormat::Turtle)),
    ("application/n-triples", Some(RdfFormat::NTriples)),
    ("application/rdf+xml", Some(RdfFormat::RdfXml)),
    ("application/ld+json", None),
    ("application/json", None),
];

fn write_answer(state: &AppState, answer: Answer, accept: Option<&str>) -> Response {
    match answer {
        Answer::Boolean(value) => {
            let Some((media_type, format)) = pick(&RESULT_TYPES, accept) else {
                return not_acceptable(&RESULT_TYPES);
            };
            let bytes = oxigraph::sparql::results::QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(Vec::new(), value);
            respond(bytes.map_err(|e| e.to_string()), media_type, false, state)
        }
        Answer::Solutions {
            variables,
            rows,
            truncated,
        } => {
            let Some((media_type, format)) = pick(&RESULT_TYPES, accept) else {
                return not_acceptable(&RESULT_TYPES);
            };
            respond(
                write_solutions(format, variables, &rows),
                media_type,
                truncated,
                state,
            )
        }
        Answer::Graph { triples, truncated } => {
            let Some((media_type, format)) = pick(&GRAPH_TYPES, accept) else {
                return not_acceptable(&GRAPH_TYPES);
            };
            let quads = triples
                .into_iter()
                .map(|t| t.in_graph(GraphName::DefaultGraph))
                .collect();
            let format = match format {
                Some(rdf) => ExportFormat::Rdf(rdf),
                None => ExportFormat::JsonLd(Default::default()),
            };
            let mut out = Vec::new();
            let written = write_quads(quads, &format, &state.site().base, &mut out)
                .map(|_| out)
                .map_err(|e| crate::error::one_line(&e));
            let media_type = if media_type == "application/json" {
                "application/ld+json"
            } else {
                media_type
            };
            respond(written, media_type, truncated, state)
        }
    }
}

fn write_solutions(
    format: QueryResultsFormat,
    variables: Vec<Variable>,
    rows: &[QuerySolution],
) -> Result<Vec<u8>, String> {
    let serializer = oxigraph::sparql::results::QueryResultsSerializer::from_format(format);
    let mut writer = serializer
        .serialize_solutions_to_writer(Vec::new(), variables)
        .map_err(|e| e.to_string())?;
    for row in rows {
        writer.serialize(row).map_err(|e| e.to_string())?;
    }
    writer.finish().map_err(|e| e.to_string())
}

fn pick<T: Copy>(types: &[(&'static str, T)], accept: Option<&str>) -> Option<(&'static str, T)> {
    let offered: Vec<&str> = types.iter().map(|(t, _)| *t).collect();
    best(accept, &offered).map(|i| types[i])
}

fn respond(
    body: Result<Vec<u8>, String>,
    media_type: &str,
    truncated: bool,
    state: &AppState,
) -> Response {
    let body = match body {
        Ok(body) => body,
        Err(e) => return plain(StatusCode::INTERNAL_SERVER_ERROR, e),
    };
    let content_type = match media_type {
        "text/csv" | "text/tab-separated-values" | "text/turtle" => {
            format!("{media_type}; charset=utf-8")
        }
        other => other.to_owned(),
    };
    let mut response = (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, content_type),
            (header::VARY, "Accept".to_owned()),
        ],
        body,
    )
        .into_response();
    if truncated {
        if let Ok(cap) = HeaderValue::from_str(&state.options.result_cap.to_string()) {
            response.headers_mut().insert("X-SPARQL-MaxRows", cap);
        }
    }
    response
}

fn not_acceptable<T>(types: &[(&str, T)]) -> Response {
    let names: Vec<&str> = types.iter().map(|(t, _)| *t).collect();
    plain(
        StatusCode::NOT_ACCEPTABLE,
        format!(
            "no results format fits the Accept header; available: {}",
            names.join(", ")
        ),
    )
}

/// The Service Description, as Turtle (the one place that writes it: [`super::dataset`]).
fn service_description(state: &AppState) -> Response {
    super::dataset::service_description(state)
}
