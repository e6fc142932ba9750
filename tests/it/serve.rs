//! `wangluo serve`, started for real on a free loopback port: Cool URIs (303 to a description),
//! every RDF format of a description isomorphic to the same statements of `export`, the SPARQL
//! protocol giving the rows `wangluo query` gives, and the refusals (404, 405, 406, 400, 403,
//! 413, 503), HTML escaping, port in use.

use crate::util::{http_client, parse_rdf, repo, utf8, wangluo, ServeProcess};
use oxigraph::io::RdfFormat;
use oxigraph::model::{NamedOrBlankNode, Quad, Term};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, ReaderQueryResultsParserOutput,
};
use reqwest::header::{ACCEPT, CONTENT_TYPE, ETAG, IF_NONE_MATCH, LOCATION, VARY};
use std::collections::HashSet;

const CLAIM: &str = "id/odni-sophisticated-cyber-adversary";

/// The statements of `export` that describe `iri`: its own and its fragments' (`iri#…`), with
/// the blank nodes they reach (the rule the server documents), in the default graph.
fn exported_description(all: &[Quad], iri: &str) -> Vec<Quad> {
    let fragment = format!("{iri}#");
    let mut out: Vec<Quad> = all
        .iter()
        .filter(|q| matches!(&q.subject, NamedOrBlankNode::NamedNode(n) if n.as_str() == iri || n.as_str().starts_with(&fragment)))
        .cloned()
        .collect();
    let mut seen = HashSet::new();
    let mut i = 0;
    while i < out.len() {
        if let Term::BlankNode(b) = &out[i].object {
            if seen.insert(b.clone()) {
                let reached: Vec<Quad> = all
                    .iter()
                    .filter(|q| matches!(&q.subject, NamedOrBlankNode::BlankNode(s) if s == b))
                    .cloned()
                    .collect();
                out.extend(reached);
            }
        }
        i += 1;
    }
    out
}

#[test]
fn things_redirect_to_descriptions_in_every_format_isomorphic_to_export() {
    let server = ServeProcess::bundled(&[]);
    let client = http_client();
    let export = wangluo(&["export", "--format", "ntriples"]).ok();
    let all = parse_rdf(export.stdout.as_bytes(), RdfFormat::NTriples);
    let base = wangluo::vocab::DEFAULT_BASE;
    for path in [
        CLAIM,
        "id/rathor-2024",
        "id/odni",
        "vocab/perspective/western",
        "ontology",
    ] {
        let expected = exported_description(&all, &format!("{base}{path}"));
        assert!(!expected.is_empty(), "{path} has statements");
        for (accept, ext, format) in [
            ("text/turtle", "ttl", RdfFormat::Turtle),
            ("application/n-triples", "nt", RdfFormat::NTriples),
            ("application/rdf+xml", "rdf", RdfFormat::RdfXml),
            (
                "application/ld+json",
                "jsonld",
                RdfFormat::JsonLd {
                    profile: Default::default(),
                },
            ),
        ] {
            let thing = client
                .get(server.url(&format!("/{path}")))
                .header(ACCEPT, accept)
                .send()
                .unwrap();
            assert_eq!(thing.status(), 303, "{path} {accept}");
            assert_eq!(thing.headers()[VARY], "Accept");
            let location = thing.headers()[LOCATION].to_str().unwrap().to_owned();
            assert_eq!(location, server.url(&format!("/data/{path}.{ext}")));
            let data = client.get(&location).send().unwrap();
            assert_eq!(data.status(), 200, "{location}");
            assert!(data.headers()[CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with(accept));
            let body = data.bytes().unwrap();
            let served = parse_rdf(&body, format);
            assert!(
                wangluo::rdf::canonical::isomorphic(&served, &expected).unwrap(),
                "{location}: {} statements served, {} expected",
                served.len(),
                expected.len()
            );
        }
        // A browser gets the page.
        let html = client
            .get(server.url(&format!("/{path}")))
            .header(ACCEPT, "text/html,*/*;q=0.8")
            .send()
            .unwrap();
        assert_eq!(html.status(), 303);
        assert_eq!(
            html.headers()[LOCATION],
            server.url(&format!("/page/{path}")).as_str()
        );
    }
}

#[test]
fn descriptions_have_etags_and_pages_embed_json_ld_and_alternates() {
    let server = ServeProcess::bundled(&[]);
    let client = http_client();
    let first = client
        .get(server.url(&format!("/data/{CLAIM}.ttl")))
        .send()
        .unwrap();
    let etag = first.headers()[ETAG].to_str().unwrap().to_owned();
    assert!(first.headers().contains_key("last-modified"));
    let again = client
        .get(server.url(&format!("/data/{CLAIM}.ttl")))
        .header(IF_NONE_MATCH, &etag)
        .send()
        .unwrap();
    assert_eq!(again.status(), 304);
    let page = client
        .get(server.url(&format!("/page/{CLAIM}")))
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(page.contains(r#"<script type="application/ld+json">"#));
    assert!(page.contains(r#"<link rel="alternate" type="text/turtle""#));
    // The quote is highlighted in its paragraph of the text.
    assert!(page.contains("describes China as a sophisticated cyber adversary, principally in the terrain of cyber espionage."));
    assert!(
        page.contains(r#"class="quote p-western""#),
        "the quote is highlighted"
    );
    let reading = client
        .get(server.url("/read/id/rathor-2024"))
        .send()
        .unwrap();
    assert_eq!(reading.status(), 200);
    let reading = reading.text().unwrap();
    assert!(
        reading.contains(r#"id="char=2943,3202""#),
        "sentences are anchors"
    );
    assert!(
        reading.contains("sentence no-claim"),
        "sentences without a claim are marked"
    );
    assert!(
        reading.contains(&format!(r#"href="{}/page/{CLAIM}""#, server.root)),
        "highlights open the claim"
    );
}

/// A mention's IRI (`DOC/phrase#char=B,E`) and a paragraph's open the reading view at their
/// place: the HTML of `DOC/phrase` is the reading view, where every mention of the document
/// has an element whose id is its IRI's fragment.
#[test]
fn mention_and_paragraph_iris_open_the_reading_view_at_their_place() {
    let server = ServeProcess::bundled(&[]);
    let client = http_client();
    let reading_url = server.url("/read/id/rathor-2024");
    for part in ["phrase", "paragraph"] {
        for path in [
            format!("/id/rathor-2024/{part}"),
            format!("/page/id/rathor-2024/{part}"),
        ] {
            let response = client
                .get(server.url(&path))
                .header(ACCEPT, "text/html")
                .send()
                .unwrap();
            assert_eq!(response.status(), 303, "{path}");
            assert_eq!(response.headers()[LOCATION], reading_url.as_str(), "{path}");
        }
    }
    let reading = client.get(&reading_url).send().unwrap().text().unwrap();
    let phrases = wangluo(&[
        "query",
        "--sparql",
        "SELECT ?p WHERE { ?p a nif:Phrase ; nif:referenceContext wld:rathor-2024 }",
        "--format",
        "csv",
    ])
    .ok();
    let fragments: Vec<&str> = phrases
        .stdout
        .lines()
        .skip(1)
        .map(|iri| iri.split_once('#').expect("a fragment").1)
        .collect();
    assert!(fragments.len() > 100, "{} mentions", fragments.len());
    for fragment in fragments {
        assert!(
            reading.contains(&format!(r#"id="{fragment}""#)),
            "no element for {fragment}"
        );
    }
}

#[test]
fn unknown_things_wrong_methods_and_unacceptable_types_are_refused() {
    let server = ServeProcess::bundled(&[]);
    let client = http_client();
    let missing = client
        .get(server.url("/id/odni-sophistcated-cyber-adversary"))
        .send()
        .unwrap();
    assert_eq!(missing.status(), 404);
    let text = missing.text().unwrap();
    assert!(text.contains("Did you mean"), "{text}");
    assert!(text.contains(CLAIM));
    for path in [
        "/nothing/here",
        "/data/id/odni.exe",
        "/page/id/../../etc/passwd",
        "/read/id/odni",
        "/download/x",
    ] {
        assert_eq!(
            client.get(server.url(path)).send().unwrap().status(),
            404,
            "{path}"
        );
    }
    let not_acceptable = client
        .get(server.url(&format!("/{CLAIM}")))
        .header(ACCEPT, "image/png")
        .send()
        .unwrap();
    assert_eq!(not_acceptable.status(), 406);
    for (method, path) in [
        ("POST", format!("/{CLAIM}")),
        ("DELETE", "/sparql".to_owned()),
        ("PUT", "/".to_owned()),
    ] {
        let response = client
            .request(method.parse().unwrap(), server.url(&path))
            .send()
            .unwrap();
        assert_eq!(response.status(), 405, "{method} {path}");
    }
}

/// SELECT results as sorted rows of `variable=term` text, blank nodes made anonymous.
fn rows(bytes: &[u8]) -> Vec<String> {
    let parser = QueryResultsParser::from_format(QueryResultsFormat::Json);
    let ReaderQueryResultsParserOutput::Solutions(solutions) = parser.for_reader(bytes).unwrap()
    else {
        panic!("not solutions");
    };
    let mut rows: Vec<String> = solutions
        .map(|s| {
            s.unwrap()
                .iter()
                .map(|(v, t)| match t {
                    Term::BlankNode(_) => format!("{v}=_:b"),
                    other => format!("{v}={other}"),
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    rows.sort();
    rows
}

#[test]
fn every_bundled_query_through_sparql_gives_the_local_rows() {
    let server = ServeProcess::bundled(&[]);
    let client = http_client();
    for query in wangluo::query::bundled_queries() {
        let local = wangluo(&["query", query.name, "--format", "json"]).ok();
        let by_post = client
            .post(server.url("/sparql"))
            .header(CONTENT_TYPE, "application/sparql-query")
            .header(ACCEPT, "application/sparql-results+json")
            .body(query.sparql)
            .send()
            .unwrap();
        assert_eq!(by_post.status(), 200, "{}", query.name);
        assert_eq!(
            rows(&by_post.bytes().unwrap()),
            rows(local.stdout.as_bytes()),
            "{}",
            query.name
        );
    }
    // GET ?query= and a POSTed form, and the other result formats.
    let sparql = "SELECT ?c WHERE { ?c a wl:Claim ; wl:alternativeClaimant wld:odni }";
    let by_get = client
        .get(with_params(server.url("/sparql"), &[("query", sparql)]))
        .send()
        .unwrap();
    let by_form = client
        .post(server.url("/sparql"))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(encode(&[("query", sparql)]))
        .send()
        .unwrap();
    let (a, b) = (by_get.bytes().unwrap(), by_form.bytes().unwrap());
    assert_eq!(rows(&a), rows(&b));
    assert!(!rows(&a).is_empty());
    for accept in [
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    ] {
        let response = client
            .get(with_params(server.url("/sparql"), &[("query", sparql)]))
            .header(ACCEPT, accept)
            .send()
            .unwrap();
        let content_type = response.headers()[CONTENT_TYPE]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(content_type.starts_with(accept), "{accept}: {content_type}");
        assert!(response
            .text()
            .unwrap()
            .contains("odni-sophisticated-cyber-adversary"));
    }
    let construct = client
        .get(with_params(
            server.url("/sparql"),
            &[("query", "CONSTRUCT WHERE { wld:odni ?p ?o }")],
        ))
        .header(ACCEPT, "application/ld+json")
        .send()
        .unwrap();
    let graph = parse_rdf(
        &construct.bytes().unwrap(),
        RdfFormat::JsonLd {
            profile: Default::default(),
        },
    );
    assert!(graph.len() > 3);
    // A plain GET is the Service Description.
    let description = client.get(server.url("/sparql")).send().unwrap();
    let quads = parse_rdf(&description.bytes().unwrap(), RdfFormat::Turtle);
    assert!(quads.iter().any(|q| q
        .object
        .to_string()
        .contains("sparql-service-description#Service")));
}

#[test]
fn sparql_refuses_updates_service_huge_bodies_bad_queries_and_slow_ones() {
    let server = ServeProcess::bundled(&["--timeout", "1"]);
    let client = http_client();
    let update = client
        .post(server.url("/sparql"))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(encode(&[("update", "CLEAR ALL")]))
        .send()
        .unwrap();
    assert_eq!(update.status(), 403);
    let update = client
        .post(server.url("/sparql"))
        .header(CONTENT_TYPE, "application/sparql-update")
        .body("CLEAR ALL")
        .send()
        .unwrap();
    assert_eq!(update.status(), 403);
    let service = client
        .get(with_params(
            server.url("/sparql"),
            &[(
                "query",
                "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
            )],
        ))
        .send()
        .unwrap();
    assert_eq!(service.status(), 403);
    assert!(service.text().unwrap().contains("SERVICE"));
    let huge = client
        .post(server.url("/sparql"))
        .header(CONTENT_TYPE, "application/sparql-query")
        .body(format!(
            "SELECT * WHERE {{ ?s ?p ?o }} #{}",
            "x".repeat(2 << 20)
        ))
        .send()
        .unwrap();
    assert_eq!(huge.status(), 413);
    let malformed = client
        .get(with_params(
            server.url("/sparql"),
            &[("query", "SELECT ?x WHERE { ?x ")],
        ))
        .send()
        .unwrap();
    assert_eq!(malformed.status(), 400);
    let message = malformed.text().unwrap();
    assert!(
        message.contains("invalid SPARQL") && message.contains("expected"),
        "{message}"
    );
    let dataset = client
        .get(with_params(
            server.url("/sparql"),
            &[("query", "ASK {}"), ("default-graph-uri", "not an IRI")],
        ))
        .send()
        .unwrap();
    assert_eq!(dataset.status(), 400, "a dataset IRI that is not an IRI");
    assert!(dataset.text().unwrap().contains("default-graph-uri"));
    let started = std::time::Instant::now();
    let slow = client
        .get(with_params(
            server.url("/sparql"),
            &[(
                "query",
                "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
            )],
        ))
        .send()
        .unwrap();
    assert_eq!(slow.status(), 503);
    assert!(started.elapsed().as_secs() < 10);
    // The server still answers, and nothing was written.
    let count = client
        .get(with_params(
            server.url("/sparql"),
            &[("query", "ASK { ?s ?p ?o }")],
        ))
        .send()
        .unwrap();
    assert_eq!(count.status(), 200);
}

#[test]
fn labels_and_quotes_with_markup_are_shown_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = repo().join("tests/fixtures/corpus");
    let hostile = r#"<script>alert("x")</script> & "quoted""#;
    let alpha = std::fs::read_to_string(corpus.join("alpha.toml"))
        .unwrap()
        .replace(
            r#"label = "The ODNI warned in 2021 that China is a cyber adversary.""#,
            &format!("label = {}", toml_string(hostile)),
        );
    assert!(
        alpha.contains("<script>"),
        "the fixture's label was replaced"
    );
    std::fs::write(dir.path().join("alpha.toml"), alpha).unwrap();
    std::fs::copy(corpus.join("alpha.txt"), dir.path().join("alpha.txt")).unwrap();
    let store = dir.path().join("store");
    let actors = corpus.join("entities/actors.toml");
    let alpha = dir.path().join("alpha.toml");
    wangluo(&["--store", utf8(&store), "load", utf8(&actors), utf8(&alpha)]).ok();
    let server = ServeProcess::start(&["--store", utf8(&store)], &[]);
    let client = http_client();
    for path in [
        "/page/id/alpha-china-adversary",
        "/read/id/alpha",
        "/page/id/odni",
        "/",
    ] {
        let page = client.get(server.url(path)).send().unwrap().text().unwrap();
        assert!(
            !page.contains("<script>alert"),
            "{path} lets markup through"
        );
        assert!(
            page.contains("&lt;script&gt;alert"),
            "{path} shows the label as text"
        );
        // Inside the JSON-LD block, `<` is \u003c: the block cannot be closed early.
        if path == "/page/id/alpha-china-adversary" {
            let json = page
                .split(r#"<script type="application/ld+json">"#)
                .nth(1)
                .unwrap();
            let json = json.split("</script>").next().unwrap();
            assert!(json.contains(r"\u003cscript>alert"), "{path}");
            serde_json::from_str::<serde_json::Value>(json).expect("the embedded JSON-LD is JSON");
        }
    }
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

#[test]
fn public_url_is_used_for_redirects_and_a_busy_port_is_one_line() {
    let server = ServeProcess::bundled(&["--public-url", "https://w3id.org/wangluo"]);
    let thing = http_client().get(server.url("/id/odni")).send().unwrap();
    assert_eq!(
        thing.headers()[LOCATION],
        "https://w3id.org/wangluo/page/id/odni"
    );
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = busy.local_addr().unwrap().to_string();
    let run = wangluo(&["serve", "--bind", &addr]);
    let line = run.error_line();
    assert!(
        line.contains(&addr) && line.contains("cannot listen"),
        "{line}"
    );
}

fn encode(params: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params)
        .finish()
}

fn with_params(url: String, params: &[(&str, &str)]) -> String {
    format!("{url}?{}", encode(params))
}
