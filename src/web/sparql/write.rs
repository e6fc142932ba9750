//! The answers of `/sparql` written in the format the request prefers, and a parser's message
//! said for people.

use super::{Answer, AppState};
use crate::export::{write_quads, ExportFormat};
use crate::web::negotiate::best;
use crate::web::plain;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use oxigraph::io::RdfFormat;
use oxigraph::model::GraphName;
use oxigraph::sparql::results::QueryResultsFormat;
use oxigraph::sparql::{QuerySolution, Variable};

pub(super) const RESULT_TYPES: [(&str, QueryResultsFormat); 6] = [
    ("application/sparql-results+json", QueryResultsFormat::Json),
    ("application/sparql-results+xml", QueryResultsFormat::Xml),
    ("text/csv", QueryResultsFormat::Csv),
    ("text/tab-separated-values", QueryResultsFormat::Tsv),
    ("application/json", QueryResultsFormat::Json),
    ("application/xml", QueryResultsFormat::Xml),
];

pub(super) const GRAPH_TYPES: [(&str, Option<RdfFormat>); 5] = [
    ("text/turtle", Some(RdfFormat::Turtle)),
    ("application/n-triples", Some(RdfFormat::NTriples)),
    ("application/rdf+xml", Some(RdfFormat::RdfXml)),
    ("application/ld+json", None),
    ("application/json", None),
];

pub(super) fn write_answer(state: &AppState, answer: Answer, accept: Option<&str>) -> Response {
    match answer {
        Answer::Boolean(value) => {
            let Some((media_type, format)) = pick(&RESULT_TYPES, accept) else {
                return not_acceptable(&RESULT_TYPES);
            };
            let bytes = oxigraph::sparql::results::QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(Vec::new(), value);
            respond(bytes.map_err(answer_error), media_type, false, state)
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
                write_solutions(format, variables, &rows).map_err(answer_error),
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
            let written = write_quads(quads, &format, &state.site().base, &mut out).map(|_| out);
            let media_type = if media_type == "application/json" {
                "application/ld+json"
            } else {
                media_type
            };
            respond(written, media_type, truncated, state)
        }
    }
}

pub(crate) fn write_solutions(
    format: QueryResultsFormat,
    variables: Vec<Variable>,
    rows: &[QuerySolution],
) -> std::io::Result<Vec<u8>> {
    let serializer = oxigraph::sparql::results::QueryResultsSerializer::from_format(format);
    let mut writer = serializer.serialize_solutions_to_writer(Vec::new(), variables)?;
    for row in rows {
        writer.serialize(row)?;
    }
    writer.finish()
}

/// A results serializer's failure, as the error of writing the answer.
fn answer_error(source: std::io::Error) -> crate::Error {
    crate::Error::Output {
        target: "SPARQL answer".to_owned(),
        source,
    }
}

fn pick<T: Copy>(types: &[(&'static str, T)], accept: Option<&str>) -> Option<(&'static str, T)> {
    let offered: Vec<&str> = types.iter().map(|(t, _)| *t).collect();
    best(accept, &offered).map(|i| types[i])
}

fn respond(
    body: crate::Result<Vec<u8>>,
    media_type: &str,
    truncated: bool,
    state: &AppState,
) -> Response {
    let body = match body {
        Ok(body) => body,
        Err(e) => {
            return plain(
                StatusCode::INTERNAL_SERVER_ERROR,
                crate::error::one_line(&e),
            )
        }
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
