//! The reading view as a scholarly edition (issue 21, B and the reading view's accessibility
//! items of A): one `<mark>` per quote, opening with its claim's number, perspective letter and
//! open-attribution flag as a link named by the claim's text; the claims beside the text in
//! reading order with a filter; the op-ed's sections as headings and its byline once; Han and
//! pinyin with their `lang`; and the contract with the browser editor: the text inside
//! `#text`, every run of it in an element with `data-char="N"` (its offset in characters),
//! those runs together exactly the text. Pages are parsed with `scraper` (an HTML5 parser).

use crate::html::{html_page as page, selector as sel};
use crate::util::{http_client, kg, select_text, ServeProcess};
use scraper::{ElementRef, Html};
use std::collections::BTreeMap;

fn text_of(e: ElementRef) -> String {
    e.text().collect()
}

/// The op-ed's text, as the graph holds it.
fn op_ed() -> String {
    let rows = select_text(&kg(), "SELECT ?t WHERE { wld:rathor-2024 nif:isString ?t }");
    rows[0]["t"].clone()
}

/// The op-ed's quotes of claims: (start, end, claim, perspective label, open attribution).
fn quotes() -> Vec<(usize, usize, String, String, bool)> {
    let rows = select_text(
        &kg(),
        r#"SELECT ?s ?e ?c ?pl (EXISTS { ?c wl:alternativeClaimant ?x } AS ?open) WHERE {
            ?c a wl:Claim ; wl:hasQuote ?q ; wl:perspective ?p . ?p skos:prefLabel ?pl .
            FILTER(LANG(?pl) = "en")
            ?q oa:hasSource wld:rathor-2024 ; oa:hasSelector ?sel . ?sel oa:start ?s ; oa:end ?e }
           ORDER BY ?s"#,
    );
    rows.iter()
        .map(|r| {
            (
                r["s"].parse().expect("start"),
                r["e"].parse().expect("end"),
                r["c"].clone(),
                r["pl"].clone(),
                r["open"] == "true",
            )
        })
        .collect()
}

/// The characters `start..end` of `text`.
fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn the_reading_view_keeps_the_text_in_runs_that_give_their_offsets() {
    let server = ServeProcess::bundled(&[]);
    let html = page(&server, "/read/id/rathor-2024");
    let text = op_ed();
    let root = html.select(&sel("#text")).next().expect("an element #text");
    let mut joined = String::new();
    for run in root.select(&sel("[data-char]")) {
        let at: usize = run
            .value()
            .attr("data-char")
            .expect("data-char")
            .parse()
            .expect("a number");
        let nested = run
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| a.value().attr("data-char").is_some());
        assert!(!nested, "a run inside a run at {at}");
        assert!(
            run.children().all(|c| c.value().is_text()),
            "the run at {at} holds elements"
        );
        let own = text_of(run);
        assert_eq!(
            at,
            joined.chars().count(),
            "the run at {at} is not where the runs before end"
        );
        assert_eq!(
            own,
            chars(&text, at, at + own.chars().count()),
            "the run at {at}"
        );
        joined.push_str(&own);
    }
    assert_eq!(joined, text, "the runs together are not the text");
    // Every character of #text outside the runs is a number, letter or flag of a claim.
    let outside: String = root
        .descendants()
        .filter_map(|n| n.value().as_text().map(|t| (n, t)))
        .filter(|(n, _)| {
            !n.ancestors()
                .filter_map(ElementRef::wrap)
                .any(|a| a.value().attr("data-char").is_some())
        })
        .map(|(_, t)| t.to_string())
        .collect();
    let in_badges: String = root.select(&sel("a.claim-no")).map(text_of).collect();
    assert_eq!(outside, in_badges);
}

#[test]
fn each_quote_is_one_mark_whose_claim_a_keyboard_and_a_screen_reader_reach() {
    let server = ServeProcess::bundled(&[]);
    let html = page(&server, "/read/id/rathor-2024");
    let text = op_ed();
    let quotes = quotes();
    assert!(quotes.len() > 50, "{} quotes", quotes.len());
    let marks: Vec<ElementRef> = html.select(&sel("#text mark.quote")).collect();
    assert_eq!(marks.len(), quotes.len(), "one mark per quote");
    let no_title = html.select(&sel("#text [title]")).count();
    assert_eq!(
        no_title, 0,
        "nothing in the text is said only in a title tooltip"
    );
    let kg = kg();
    let mut numbers: BTreeMap<String, String> = BTreeMap::new();
    for (mark, (start, end, claim, perspective, open)) in marks.iter().zip(&quotes) {
        let runs: String = mark.select(&sel("[data-char]")).map(text_of).collect();
        assert_eq!(runs, chars(&text, *start, *end), "the mark of {claim}");
        let badge = mark
            .children()
            .filter_map(ElementRef::wrap)
            .next()
            .filter(|b| b.value().name() == "a" && b.value().classes().any(|c| c == "claim-no"))
            .unwrap_or_else(|| panic!("the mark of {claim} does not open with its claim's link"));
        let href = badge.value().attr("href").expect("href");
        assert!(
            href.ends_with(&claim.replace("https://w3id.org/wangluo/", "/page/")),
            "{href}"
        );
        // The name a screen reader reads: the number, the perspective's letter, the flag and
        // the claim's own words.
        let name = text_of(badge);
        let visible: String = name.split(':').next().unwrap_or("").to_owned();
        let letter = perspective.chars().next().expect("a label").to_string();
        assert!(visible.contains(&letter), "{visible} lacks {letter}");
        assert_eq!(
            visible.ends_with('?'),
            *open,
            "the flag of {claim}: {visible}"
        );
        let label = select_text(
            &kg,
            &format!("SELECT ?l WHERE {{ <{claim}> rdfs:label ?l }}"),
        );
        assert!(name.contains(&label[0]["l"]), "{name}");
        let number = visible.trim_end_matches(['?', letter.chars().next().unwrap_or(' ')]);
        match numbers.get(claim) {
            Some(n) => assert_eq!(n, number, "one number per claim"),
            None => {
                let next = (numbers.len() + 1).to_string();
                assert_eq!(number, next, "claims numbered in reading order");
                numbers.insert(claim.clone(), number.to_owned());
            }
        }
    }
    // Adjacent claims of one perspective stay apart: each has its number, and they alternate.
    for pair in marks.windows(2) {
        let attr = |m: &ElementRef, a: &str| m.value().attr(a).unwrap_or("").to_owned();
        let alt = |m: &ElementRef| m.value().classes().any(|c| c == "alt");
        if attr(&pair[0], "data-perspective") == attr(&pair[1], "data-perspective")
            && attr(&pair[0], "data-claim") != attr(&pair[1], "data-claim")
        {
            assert_ne!(
                alt(&pair[0]),
                alt(&pair[1]),
                "{} and {}",
                attr(&pair[0], "id"),
                attr(&pair[1], "id")
            );
        }
    }
}

#[test]
fn the_claims_are_listed_beside_the_text_in_reading_order_with_a_filter() {
    let server = ServeProcess::bundled(&[]);
    let html = page(&server, "/read/id/rathor-2024");
    let quotes = quotes();
    let mut claims: Vec<&str> = Vec::new();
    for (_, _, c, _, _) in &quotes {
        if !claims.contains(&c.as_str()) {
            claims.push(c);
        }
    }
    let items: Vec<ElementRef> = html.select(&sel("aside ol.claim-list > li")).collect();
    assert_eq!(items.len(), claims.len());
    for (i, item) in items.iter().enumerate() {
        let link = item
            .select(&sel("a[href^='#']"))
            .next()
            .expect("a link to its place");
        let id = &link.value().attr("href").expect("href")[1..];
        let target = html
            .select(&sel(&format!("mark[id='{id}']")))
            .next()
            .unwrap_or_else(|| panic!("no mark #{id}"));
        let badge = target.select(&sel("a.claim-no")).next().expect("a badge");
        assert!(
            claims[i].ends_with(
                badge
                    .value()
                    .attr("href")
                    .expect("href")
                    .rsplit('/')
                    .next()
                    .expect("a name")
            ),
            "item {i} is not the {i}th claim in reading order"
        );
    }
    // The filter: a labelled choice of perspective, claimant and characterization, run by a
    // script the server gives.
    for name in ["perspective", "claimant", "characterization"] {
        let select = html
            .select(&sel(&format!("form.filter select[name={name}]")))
            .next()
            .unwrap_or_else(|| panic!("no filter by {name}"));
        let id = select.value().attr("id").expect("an id");
        assert!(
            html.select(&sel(&format!("label[for={id}]")))
                .next()
                .is_some(),
            "{name} has no label"
        );
        assert!(
            select.select(&sel("option")).count() > 1,
            "{name} has no choices"
        );
    }
    let script = html.select(&sel("script[src]")).next().expect("a script");
    let src = script.value().attr("src").expect("src");
    assert!(
        src.starts_with(&server.root),
        "the script comes from the site: {src}"
    );
    let js = http_client().get(src).send().expect("the script");
    assert_eq!(js.status(), 200);
    assert!(js.text().expect("a body").contains("data-"));
}

#[test]
fn the_op_ed_has_headings_its_byline_once_and_its_chinese_tagged() {
    let server = ServeProcess::bundled(&[]);
    let html = page(&server, "/read/id/rathor-2024");
    let headings = select_text(
        &kg(),
        r#"SELECT ?t WHERE { ?s nif:referenceContext wld:rathor-2024 ; wl:noClaimReason ?r ;
            nif:anchorOf ?t ; nif:beginIndex ?b FILTER(CONTAINS(?r, "heading")) } ORDER BY ?b"#,
    );
    assert!(headings.len() >= 3, "{headings:?}");
    let h2: Vec<String> = html
        .select(&sel("#text h2"))
        .map(|h| text_of(h).trim().to_owned())
        .collect();
    let wanted: Vec<String> = headings.iter().map(|r| r["t"].trim().to_owned()).collect();
    assert_eq!(h2, wanted);
    let h1: Vec<ElementRef> = html.select(&sel("h1")).collect();
    assert_eq!(h1.len(), 1);
    assert!(text_of(h1[0]).contains("People-Centered Approach or Global Menace?"));
    // The byline's name, said twice in the text, is shown once.
    let shown: String = html
        .select(&sel("#text [data-char]"))
        .filter(|r| {
            !r.ancestors()
                .filter_map(ElementRef::wrap)
                .any(|a| a.value().attr("hidden").is_some())
        })
        .map(text_of)
        .collect();
    assert_eq!(
        shown.matches("Prashant Rathor, PhD Scholar (JNU)").count(),
        1
    );
    let zh: String = html.select(&sel("#text [lang=zh]")).map(text_of).collect();
    assert_eq!(zh, "网络强国");
    let pinyin: Vec<String> = html
        .select(&sel("#text [lang=zh-Latn-pinyin]"))
        .map(text_of)
        .collect();
    assert!(
        pinyin.contains(&"wǎngluò qiángguó".to_owned()),
        "{pinyin:?}"
    );
    // The reading view and the document's page have titles of their own.
    let title = |h: &Html| {
        h.select(&sel("title"))
            .next()
            .map(text_of)
            .unwrap_or_default()
    };
    let document = page(&server, "/page/id/rathor-2024");
    assert_ne!(title(&html), title(&document));
}
