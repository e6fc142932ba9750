//! The query page and `/sparql` for people (issue 21, A): a labelled form that takes a bundled
//! query's parameters, results with linked labels, a permalink, CSV and JSON downloads, a title
//! per query; a browser opening `/sparql?query=…` gets that page, not a 406 or raw XML; a query
//! that does not parse is told in words, not with the parser's Unicode ranges.

use crate::util::{http_client, ServeProcess};
use reqwest::header::{ACCEPT, CONTENT_TYPE};
use scraper::{Html, Selector};

const BROWSER: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

fn page(server: &ServeProcess, path: &str) -> (u16, Html) {
    let response = http_client()
        .get(server.url(path))
        .header(ACCEPT, BROWSER)
        .send()
        .expect("a response");
    let status = response.status().as_u16();
    (
        status,
        Html::parse_document(&response.text().expect("a body")),
    )
}

fn select<'a>(html: &'a Html, selector: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(selector).expect("a selector"))
        .collect()
}

fn text(element: &scraper::ElementRef) -> String {
    element.text().collect::<String>()
}

/// The number of rows the page says it shows.
fn rows(html: &Html) -> usize {
    let said = select(html, "p.result")
        .first()
        .map(text)
        .unwrap_or_default();
    said.split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no row count in {said:?}"))
}

#[test]
fn the_query_page_takes_parameters_links_labels_and_offers_downloads() {
    let server = ServeProcess::bundled(&[]);
    let (status, all) = page(&server, "/query?name=claims-about");
    assert_eq!(status, 200);
    let (status, usa) = page(&server, "/query?name=claims-about&param.subject=wld%3Ausa");
    assert_eq!(status, 200);
    assert!(
        0 < rows(&usa) && rows(&usa) < rows(&all),
        "the parameter is used"
    );
    let title = select(&usa, "title").first().map(text).unwrap_or_default();
    assert!(
        title.starts_with("Query: What does the op-ed say"),
        "{title}"
    );
    for field in ["textarea", "input[type=text]"] {
        for element in select(&usa, field) {
            let id = element.value().attr("id").expect("a field with an id");
            let labels = select(&usa, &format!("label[for={id}]"));
            assert_eq!(labels.len(), 1, "the field #{id} has a label");
        }
    }
    assert_eq!(select(&usa, "input[name='param.subject']").len(), 1);
    // Results whose IRIs are under the base are links with labels, not codes.
    let (_, claims) = page(
        &server,
        "/query?query=SELECT%20%3Fc%20WHERE%20%7B%20%3Fc%20a%20wl%3AClaim%20%7D%20LIMIT%203",
    );
    let cells = select(&claims, "table.results td a");
    assert_eq!(cells.len(), 3);
    assert!(cells.iter().all(|a| !text(a).starts_with("wld:")));
    // The permalink gives the same page; the downloads are CSV and SPARQL JSON of those rows.
    let href = |label: &str| -> String {
        select(&usa, "p.links a")
            .into_iter()
            .find(|a| text(a) == label)
            .and_then(|a| a.value().attr("href").map(str::to_owned))
            .unwrap_or_else(|| panic!("no {label} link"))
    };
    let permalink = href("Permalink").replace(&server.root, "");
    assert_eq!(rows(&page(&server, &permalink).1), rows(&usa));
    for (label, media_type) in [
        ("CSV", "text/csv"),
        ("JSON", "application/sparql-results+json"),
    ] {
        let response = http_client()
            .get(href(label))
            .header(ACCEPT, BROWSER)
            .send()
            .expect("a download");
        assert_eq!(response.status(), 200, "{label}");
        let content_type = response.headers()[CONTENT_TYPE]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            content_type.starts_with(media_type),
            "{label}: {content_type}"
        );
        let body = response.text().expect("a body");
        if label == "CSV" {
            assert_eq!(body.lines().count(), rows(&usa) + 1, "{body}");
        }
    }
}

#[test]
fn a_browser_gets_html_from_sparql_and_errors_in_words() {
    let server = ServeProcess::bundled(&[]);
    let (status, html) = page(
        &server,
        "/sparql?query=SELECT%20%3Fc%20WHERE%20%7B%20%3Fc%20a%20wl%3AClaim%20%7D%20LIMIT%202",
    );
    assert_eq!(status, 200);
    assert_eq!(select(&html, "table.results tbody tr").len(), 2);
    // A program that accepts anything still gets a results format.
    let response = http_client()
        .get(server.url("/sparql?query=ASK%7B%7D"))
        .header(ACCEPT, "*/*")
        .send()
        .expect("a response");
    let content_type = response.headers()[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(content_type, "application/sparql-results+json");
    // A query that does not parse: where and what was expected, in words.
    let (status, html) = page(
        &server,
        "/query?query=SELECT%20%3Fx%20WHERE%20%7B%20%3Fx%20",
    );
    assert_eq!(status, 400);
    let error = select(&html, "p.error")
        .first()
        .map(text)
        .unwrap_or_default();
    assert!(
        error.contains("expected one of") && error.contains("a name"),
        "{error}"
    );
    assert!(!error.contains("\\u{"), "{error}");
}
