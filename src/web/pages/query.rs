//! The query page (`/query`): the bundled queries by title, each run with one click
//! (`?name=NAME`), an editable form (`?query=…`, works without JavaScript), and the results as a
//! table whose IRIs link to their pages. Queries run as on `/sparql` (timeout, result cap).

use super::Page;
use crate::web::sparql::{evaluate, Answer, QueryRequest};
use crate::web::State;
use axum::extract::RawQuery;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use oxigraph::model::Term;

/// `GET /query`, `GET /query?name=NAME`, `GET /query?query=SPARQL`.
pub async fn query_page(state: State, RawQuery(raw): RawQuery) -> Response {
    let mut name = None;
    let mut text = None;
    for (key, value) in form_urlencoded::parse(raw.as_deref().unwrap_or("").as_bytes()) {
        match key.as_ref() {
            "name" => name = Some(value.into_owned()),
            "query" => text = Some(value.into_owned()),
            _ => {}
        }
    }
    let queries = crate::query::bundled_queries();
    let mut status = StatusCode::OK;
    if let (Some(n), None) = (&name, &text) {
        match queries.iter().find(|q| q.name == n) {
            Some(q) => text = Some(q.sparql.to_owned()),
            None => status = StatusCode::NOT_FOUND,
        }
    }
    let outcome = match &text {
        Some(t) => {
            let request = QueryRequest {
                text: t.clone(),
                dataset: None,
            };
            Some(evaluate(state.0.clone(), request).await)
        }
        None => None,
    };
    if let Some(Err(refusal)) = &outcome {
        status = refusal.status;
    }
    let site = &*state.site();
    let body = html! {
        h1 { "Queries" }
        div.queries {
            ul.query-list {
                @for q in &queries {
                    li { a href=(site.url(&format!("query?name={}", q.name))) title=(q.description) { (q.title) }
                        " " code { (q.name) } }
                }
            }
            form method="get" action=(site.url("query")) {
                textarea name="query" rows="16" cols="90" spellcheck="false" { (text.as_deref().unwrap_or("SELECT ?claim ?label WHERE { ?claim a wl:Claim ; rdfs:label ?label } LIMIT 10")) }
                br;
                button type="submit" { "Run" }
                " Prefixes wl:, wld:, rdfs:, skos: … are predeclared."
            }
            @if status == StatusCode::NOT_FOUND && outcome.is_none() {
                p.error { "No bundled query is called " code { (name.as_deref().unwrap_or("")) } "." }
            }
            @match &outcome {
                Some(Ok(answer)) => (results(site, answer)),
                Some(Err(refusal)) => p.error { (refusal.message) },
                None => {}
            }
        }
    };
    let html = Page {
        title: "Queries",
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
        Term::NamedNode(n) => {
            html! { a href=(site.href(n.as_str())) title=(n.as_str()) { (site.base.compact(n.as_str())) } }
        }
        Term::Literal(l) => html! { (l.value()) },
        other => html! { code { (other.to_string()) } },
    }
}
