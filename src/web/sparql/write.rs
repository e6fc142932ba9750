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

/// A parser's message for people: the character classes of its list of what was expected
/// (`['A' ..= 'Z' | '\u{00C0}'..='\u{00D6}' | …]`) said in words.
pub(crate) fn readable(message: &str) -> String {
    let Some((before, expected)) = message.split_once("expected one of ") else {
        return message.to_owned();
    };
    let mut items = Vec::new();
    let (mut depth, mut quoted, mut item) = (0usize, false, String::new());
    let mut chars = expected.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' if quoted => {
                item.push(c);
                item.extend(chars.next());
                continue;
            }
            '"' if depth == 0 => quoted = !quoted,
            '[' if !quoted => depth += 1,
            ']' if !quoted => depth = depth.saturating_sub(1),
            ',' if depth == 0 && !quoted => {
                items.push(std::mem::take(&mut item).trim().to_owned());
                continue;
            }
            _ => {}
        }
        item.push(c);
    }
    items.push(item.trim().to_owned());
    let mut words: Vec<String> = Vec::new();
    for item in items.into_iter().filter(|i| !i.is_empty()) {
        let said = match item.as_str() {
            "[_]" => "any character".to_owned(),
            i if i.starts_with('[') && i.contains("'A'") => "a name".to_owned(),
            i if i.starts_with('[') && i.contains("'0'") => "a number".to_owned(),
            i if i.starts_with('[') => "another character".to_owned(),
            i => i.to_owned(),
        };
        if !words.contains(&said) {
            words.push(said);
        }
    }
    format!("{before}expected one of {}", words.join(", "))
}
