//! Entity, document and quote pages (issue 21, A): names in Chinese and pinyin and the
//! translations outside the raw table, Wikidata as a link, each fact once (not under
//! `dcterms:`, `schema:` and `wl:` alike), "Linked from" grouped by property, a quote page
//! titled and showing its quote, a document page with a citation and without its text in the
//! table, "claims from this document" on a cited document. Pages parsed with `scraper`.

use crate::html::{html_page as page, selector as sel};
use crate::util::{kg, select_text, ServeProcess};
use scraper::{ElementRef, Html};
use std::collections::BTreeSet;

fn texts(html: &Html, selector: &str) -> Vec<String> {
    html.select(&sel(selector))
        .map(|e| e.text().collect::<String>())
        .collect()
}

#[test]
fn names_translations_and_wikidata_are_shown_as_such() {
    let server = ServeProcess::bundled(&[]);
    let xi = page(&server, "/page/id/xi-jinping");
    assert!(texts(&xi, "dl.names [lang=zh]").contains(&"习近平".to_owned()));
    let wikidata = sel("a[href='https://www.wikidata.org/wiki/Q15031']");
    assert!(
        xi.select(&wikidata).next().is_some(),
        "Wikidata is not a link"
    );
    let concept = page(&server, "/page/id/wangluo-qiangguo");
    assert!(
        texts(&concept, "dl.names [lang=zh-Latn-pinyin]").contains(&"wǎngluò qiángguó".to_owned())
    );
    let names = texts(&concept, "dl.names dd").join(" ");
    for translation in select_text(
        &kg(),
        "SELECT ?t WHERE { wld:wangluo-qiangguo wl:translation ?t }",
    ) {
        assert!(
            names.contains(&translation["t"]),
            "{} not among {names}",
            translation["t"]
        );
    }
}

#[test]
fn a_document_page_cites_it_states_each_fact_once_and_leaves_its_text_out() {
    let server = ServeProcess::bundled(&[]);
    let html = page(&server, "/page/id/rathor-2024");
    let rows: Vec<ElementRef> = html.select(&sel("table.statements tr")).collect();
    let mut seen = BTreeSet::new();
    for row in &rows {
        let values: String = row.select(&sel("td")).flat_map(|td| td.text()).collect();
        assert!(
            values.chars().count() < 1000,
            "a cell of {} characters",
            values.chars().count()
        );
        assert!(seen.insert(values.clone()), "one fact twice: {values}");
    }
    let authorship = rows
        .iter()
        .map(|r| r.text().collect::<String>())
        .find(|r| r.contains("wl:author"))
        .expect("a row of the author");
    assert!(
        authorship.contains("dcterms:creator") && authorship.contains("schema:author"),
        "{authorship}"
    );
    let citation = texts(&html, ".citation").join(" ");
    for part in [
        "Prashant Rathor",
        "2024-06-08",
        "CyberPeace",
        "Global Menace?",
    ] {
        assert!(
            citation.contains(part),
            "{part} not in the citation {citation:?}"
        );
    }
}

#[test]
fn a_cited_document_lists_the_claims_it_is_the_source_of() {
    let server = ServeProcess::bundled(&[]);
    let html = page(&server, "/page/id/ata-2021");
    let claims: BTreeSet<String> = select_text(
        &kg(),
        "SELECT ?c WHERE { ?c wl:sourceDocument wld:ata-2021 }",
    )
    .into_iter()
    .map(|r| r["c"].clone())
    .collect();
    assert!(!claims.is_empty());
    let heading = html
        .select(&sel("h2"))
        .find(|h| {
            h.text()
                .collect::<String>()
                .starts_with("Claims from this document")
        })
        .expect("a heading 'Claims from this document'");
    let list = heading
        .next_siblings()
        .filter_map(ElementRef::wrap)
        .next()
        .expect("a list after the heading");
    let listed: BTreeSet<String> = list
        .select(&sel("a[title]"))
        .filter_map(|a| a.value().attr("title"))
        .map(str::to_owned)
        .collect();
    assert_eq!(listed, claims);
}

#[test]
fn linked_from_is_grouped_by_property() {
    let server = ServeProcess::bundled(&[]);
    let html = page(&server, "/page/id/xi-jinping");
    let groups: Vec<String> = texts(&html, "section.linked-from h3");
    assert!(groups.len() >= 2, "{groups:?}");
    let distinct: BTreeSet<&String> = groups.iter().collect();
    assert_eq!(distinct.len(), groups.len(), "{groups:?}");
    assert!(html
        .select(&sel("section.linked-from table"))
        .next()
        .is_none());
}

#[test]
fn a_quote_page_is_titled_by_and_shows_its_quote() {
    let server = ServeProcess::bundled(&[]);
    let path = "/page/id/rathor-2024/quote/odni-sophisticated-cyber-adversary/1";
    let html = page(&server, path);
    let exact = select_text(
        &kg(),
        "SELECT ?x WHERE { <https://w3id.org/wangluo/id/rathor-2024/quote/odni-sophisticated-cyber-adversary/1> oa:hasSelector ?s . ?s oa:exact ?x }",
    );
    let exact = &exact[0]["x"];
    let title = texts(&html, "title").join("");
    assert!(
        !title.contains("w3id.org") && !title.starts_with('<'),
        "{title}"
    );
    assert!(texts(&html, "h1")
        .join("")
        .contains(&exact.chars().take(40).collect::<String>()));
    assert!(
        texts(&html, "blockquote mark").contains(exact),
        "the quote is not shown"
    );
    for id in ["position", "quote"] {
        assert!(
            html.select(&sel(&format!("[id={id}]"))).next().is_some(),
            "no #{id}"
        );
    }
}
