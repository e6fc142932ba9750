//! The home page lists every entity by type and every cited document, and has a search box
//! answered by the server (issue 21, A: it listed 5 of 23 actors, no cited document, no search).

use crate::util::{http_client, wangluo, ServeProcess};
use scraper::{Html, Selector};
use std::collections::BTreeSet;

/// The first column of a query's CSV rows.
fn column(sparql: &str) -> BTreeSet<String> {
    let run = wangluo(&["query", "--sparql", sparql, "--format", "csv"]).ok();
    run.stdout.lines().skip(1).map(str::to_owned).collect()
}

/// The IRIs (`title`) of the links of `html` under `selector`.
fn linked(html: &Html, selector: &str) -> BTreeSet<String> {
    let selector = Selector::parse(selector).expect("a selector");
    html.select(&selector)
        .filter_map(|a| a.value().attr("title"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_home_page_lists_every_entity_and_document_and_searches() {
    let server = ServeProcess::bundled(&[]);
    let client = http_client();
    let home = client.get(server.url("/")).send().expect("the home page");
    let home = Html::parse_document(&home.text().expect("a body"));
    let on_home = linked(&home, "a[title]");
    let entities = column(
        r#"SELECT DISTINCT ?e WHERE { ?e a ?t .
            FILTER(STRSTARTS(STR(?t), STR(wl:)) && REGEX(STR(?e), "^https://w3id.org/wangluo/id/[^/#]+$"))
            FILTER NOT EXISTS { ?e a wl:Claim } }"#,
    );
    assert!(entities.len() > 50, "{} entities", entities.len());
    let missing: Vec<&String> = entities.difference(&on_home).collect();
    assert!(
        missing.is_empty(),
        "entities not on the home page: {missing:?}"
    );
    let cited = column("SELECT DISTINCT ?d WHERE { ?c wl:sourceDocument ?d }");
    assert!(cited.len() >= 5, "{cited:?}");
    let documents = linked(&home, "ul.documents a[title]");
    let missing: Vec<&String> = cited.difference(&documents).collect();
    assert!(
        missing.is_empty(),
        "cited documents not listed: {missing:?}"
    );
    // The search box: a labelled field of a form the server answers.
    let field = Selector::parse("form[role=search] input[name=q]").expect("a selector");
    let input = home.select(&field).next().expect("a search field");
    let id = input.value().attr("id").expect("the field's id");
    let label = Selector::parse(&format!("label[for={id}]")).expect("a selector");
    assert!(
        home.select(&label).next().is_some(),
        "the search field has no label"
    );
    let found = client
        .get(server.url("/search?q=uscc"))
        .send()
        .expect("a search");
    assert_eq!(found.status(), 200);
    let found = Html::parse_document(&found.text().expect("a body"));
    let hits = linked(&found, "ul.found a[title]");
    assert!(
        hits.contains("https://w3id.org/wangluo/id/uscc"),
        "{hits:?}"
    );
}
