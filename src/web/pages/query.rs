//! The query page (`/query`): the bundled queries by title and description, each run with one
//! click (`?name=NAME`), an editable form (`?query=…`, labelled fields, works without
//! JavaScript) with a field per parameter of a bundled query (`param.NAME=`, as `--param`), and
//! the results as a table whose IRIs link to their pages by label, with a permalink and CSV and
//! JSON downloads (`/sparql?…&format=`). Queries run as on `/sparql` (timeout, result cap); a
//! browser opening `/sparql?query=…` gets this page.

use super::Page;
use crate::web::sparql::{evaluate, Answer, QueryRequest};
use crate::web::{AppState, State};
use axum::extract::RawQuery;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use oxigraph::model::Term;
use std::sync::Arc;

/// `GET /query`, `GET /query?name=NAME`, `GET /query?query=SPARQL`.
pub async fn query_page(state: State, RawQuery(raw): RawQuery) -> Response {
    let mut name = None;
    let mut text = None;
    let mut parameters = Vec::new();
    for (key, value) in url::form_urlencoded::parse(raw.as_deref().unwrap_or("").as_bytes()) {
        match key.as_ref() {
            "name" => name = Some(value.into_owned()),
            "query" => text = Some(value.into_owned()),
            key => {
                if let Some(param) = key.strip_prefix("param.") {
                    if !value.trim().is_empty() {
                        parameters.push(format!("{param}={}", value.trim()));
                    }
                }
            }
        }
    }
    let mut unknown = None;
    if let (Some(n), None) = (&name, &text) {
        match crate::query::bundled_queries().iter().find(|q| q.name == n) {
            Some(q) => text = Some(q.sparql.to_owned()),
            None => unknown = Some(n.clone()),
        }
    }
    let request = text.map(|text| QueryRequest {
        text,
        parameters,
        ..Default::default()
    });
    page(state.0, name, request, unknown).await
}

/// The query page showing `request` run (a browser's `GET /sparql?query=…` gets this page too).
pub(crate) async fn query_page_for(state: Arc<AppState>, request: QueryRequest) -> Response {
    page(state, None, Some(request), None).await
}

async fn page(
    state: Arc<AppState>,
    name: Option<String>,
    request: Option<QueryRequest>,
    unknown: Option<String>,
) -> Response {
    let text = request.as_ref().map(|r| r.text.clone());
    let given = request
        .as_ref()
        .map(|r| r.parameters.clone())
        .unwrap_or_default();
    let outcome = match request {
        Some(request) => Some(evaluate(state.clone(), request).await),
        None => None,
    };
    let status = match (&outcome, &unknown) {
        (Some(Err(refusal)), _) => refusal.status,
        (_, Some(_)) => StatusCode::NOT_FOUND,
        _ => StatusCode::OK,
    };
    let site = &*state.site();
    let queries = crate::query::bundled_queries();
    let named = name
        .as_deref()
        .and_then(|n| queries.iter().find(|q| q.name == n));
    let title = match (named, &text) {
        (Some(q), _) => format!("Query: {}", q.title),
        (None, Some(_)) => "Query results".to_owned(),
        (None, None) => "Queries".to_owned(),
    };
    // The query and its parameters as a URL's query string: the permalink and the downloads.
    let here = text.as_ref().map(|t| {
        let mut pairs = vec![("query".to_owned(), t.clone())];
        pairs.extend(
            given
                .iter()
                .filter_map(|g| g.split_once('='))
                .map(|(n, v)| (format!("param.{n}"), v.to_owned())),
        );
        encode(&pairs)
    });
    let body = html! {
        h1 { (title) }
        @if let Some(q) = named { p.comment { (q.description) } }
        div.queries {
            ul.query-list {
                @for q in &queries {
                    li { a href=(site.url(&format!("query?name={}", q.name))) { (q.title) }
                        " " code { (q.name) } br; span.description { (q.description) } }
                }
            }
            form method="get" action=(site.url("query")) {
                @if let Some(q) = named { input type="hidden" name="name" value=(q.name); }
                @for p in named.map(|q| parameter_names(&q.description)).unwrap_or_default() {
                    @let id = format!("param-{p}");
                    @let value = given.iter().find_map(|g| g.strip_prefix(&format!("{p}="))).unwrap_or("");
                    label for=(id) { "Parameter " code { (p) } " (an IRI such as wld:usa, or text; empty: every value)" }
                    " " input id=(id) type="text" name=(format!("param.{p}")) value=(value);
                    br;
                }
                label for="query-text" { "SPARQL query (the prefixes wl:, wld:, rdfs:, skos: … are predeclared)" }
                br;
                textarea #query-text name="query" rows="16" cols="90" spellcheck="false" { (text.as_deref().unwrap_or("SELECT ?claim ?label WHERE { ?claim a wl:Claim ; rdfs:label ?label } LIMIT 10")) }
                br;
                button type="submit" { "Run" }
            }
            @if let Some(n) = &unknown {
                p.error { "No bundled query is called " code { (n) } "." }
            }
            @if let Some(here) = &here {
                p.links {
                    a href=(site.url(&format!("query?{here}{}", named.map(|q| format!("&name={}", q.name)).unwrap_or_default()))) { "Permalink" } " · download the results: "
                    a href=(site.url(&format!("sparql?{here}&format=csv"))) { "CSV" } " · "
                    a href=(site.url(&format!("sparql?{here}&format=json"))) { "JSON" }
                }
            }
            @match &outcome {
                Some(Ok(answer)) => (results(site, answer)),
                Some(Err(refusal)) => p.error { (refusal.message) },
                None => {}
            }
        }
    };
    let html = Page {
        title: &title,
        thing: None,
        body,
    }
    .render(site);
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        html,
    )
        .into_response()
}

/// The parameters a bundled query's description offers (`--param NAME=…`).
fn parameter_names(description: &str) -> Vec<String> {
    let mut names: Vec<String> = description
        .split("--param ")
        .skip(1)
        .filter_map(|rest| rest.split_once('='))
        .map(|(name, _)| name.trim().to_owned())
        .filter(|name| !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_'))
        .collect();
    names.dedup();
    names
}

fn encode(pairs: &[(String, String)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

fn results(site: &crate::web::site::Site, answer: &Answer) -> Markup {
    match answer {
        Answer::Boolean(value) => html! { p.result { "Answer: " strong { (value) } } },
        Answer::Solutions {
            variables,
            rows,
            truncated,
        } => html! {
            p.result { (rows.len()) " rows" @if *truncated { " (cut at the result cap)" } }
            table.results {
                thead { tr { @for v in variables { th { (v.as_str()) } } } }
                tbody {
                    @for row in rows {
                        tr { @for v in variables { td { @if let Some(t) = row.get(v) { (cell(site, t)) } } } }
                    }
                }
            }
        },
        Answer::Graph { triples, truncated } => html! {
            p.result { (triples.len()) " triples" @if *truncated { " (cut at the result cap)" } }
            table.results {
                thead { tr { th { "subject" } th { "predicate" } th { "object" } } }
                tbody {
                    @for t in triples {
                        tr { td { (cell(site, &t.subject.clone().into())) } td { (cell(site, &t.predicate.clone().into())) } td { (cell(site, &t.object)) } }
                    }
                }
            }
        },
    }
}

fn cell(site: &crate::web::site::Site, value: &Term) -> Markup {
    match value {
        Term::NamedNode(n) => super::link(site, n.as_str()),
        Term::Literal(l) => html! { (l.value()) },
        other => html! { code { (other.to_string()) } },
    }
}
