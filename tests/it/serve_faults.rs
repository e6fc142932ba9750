//! Graph answers as JSON-LD whatever they hold (issue 18, item 6). An answer with part of an RDF
//! list (a list's last cell without the cells before it, a list nothing refers to) made the
//! JSON-LD serializer panic and `/sparql` close the connection without a response; now `/sparql`,
//! `query --format jsonld` and `export --format jsonld` all write such graphs, and each document
//! reads back (Oxigraph's JSON-LD parser) as the statements the N-Triples answer gives.
//!
//! That a panic in any handler gives a 500 and leaves the server serving is tested where the
//! server's layers are set up (`src/web/mod.rs`): no route of the product panics on purpose.

use crate::util::{http_client, parse_rdf, utf8, wangluo, Fixture, ServeProcess};
use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use oxigraph::model::Quad;
use reqwest::header::{ACCEPT, CONTENT_TYPE};
use wangluo::rdf::canonical::isomorphic;

const JSON_LD: RdfFormat = RdfFormat::JsonLd {
    profile: JsonLdProfileSet::empty(),
};

const FIRST_THREE: &str = "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 3";

/// `query` POSTed to `/sparql` with `accept`: the status, the Content-Type and the body.
fn post_query(server: &ServeProcess, query: &str, accept: &str) -> (u16, String, Vec<u8>) {
    let response = http_client()
        .post(server.url("/sparql"))
        .header(CONTENT_TYPE, "application/sparql-query")
        .header(ACCEPT, accept)
        .body(query.to_owned())
        .send()
        .unwrap_or_else(|e| panic!("{query}: no response: {e}"));
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (
        status,
        content_type,
        response.bytes().expect("a body").to_vec(),
    )
}

/// The statements of a graph answer of `/sparql` as JSON-LD, checked against its N-Triples.
fn served_as_json_ld(server: &ServeProcess, query: &str) -> Vec<Quad> {
    let (status, content_type, body) = post_query(server, query, "application/ld+json");
    let text = String::from_utf8_lossy(&body);
    assert_eq!(status, 200, "{query}: {text}");
    assert_eq!(content_type, "application/ld+json", "{query}");
    let served = parse_rdf(&body, JSON_LD);
    let (status, _, triples) = post_query(server, query, "application/n-triples");
    assert_eq!(status, 200, "{query}");
    let expected = parse_rdf(&triples, RdfFormat::NTriples);
    assert!(
        isomorphic(&served, &expected).expect("isomorphism"),
        "{query}: the JSON-LD holds other statements than the N-Triples\n{text}"
    );
    served
}

/// `wangluo [GLOBAL] query --sparql QUERY --format FORMAT`, parsed.
fn queried(global: &[&str], query: &str, format: &str, parse_as: RdfFormat) -> Vec<Quad> {
    let mut args = global.to_vec();
    args.extend(["query", "--sparql", query, "--format", format]);
    let run = wangluo(&args).ok();
    parse_rdf(run.stdout.as_bytes(), parse_as)
}

#[test]
fn construct_limit_3_as_json_ld_is_a_document_of_its_3_triples() {
    let server = ServeProcess::bundled(&[]);
    let served = served_as_json_ld(&server, FIRST_THREE);
    assert_eq!(served.len(), 3, "{served:?}");
    // The command line answers the same three statements, in JSON-LD too.
    let local = queried(&[], FIRST_THREE, "ntriples", RdfFormat::NTriples);
    assert!(isomorphic(&served, &local).expect("isomorphism"));
    let local_json_ld = queried(&[], FIRST_THREE, "jsonld", JSON_LD);
    assert!(isomorphic(&served, &local_json_ld).expect("isomorphism"));
    // The server goes on answering.
    let (status, _, _) = post_query(
        &server,
        "ASK { ?s ?p ?o }",
        "application/sparql-results+json",
    );
    assert_eq!(status, 200);
}

/// A whole list, a list that nothing refers to, a cell with `rdf:first` only, and an empty list.
const LISTS: &str = r#"@prefix ex: <http://example.org/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
ex:whole ex:items ( "a" "b" "c" ) .
( "x" "y" ) ex:unreferenced true .
_:first rdf:first "only a first" .
ex:empty ex:items () .
"#;

/// Queries whose answers hold part of a list (`rdf:rest rdf:nil` on a cell that is never an
/// object; a first cell whose list is not referred to), or all of them.
const PARTIAL_LISTS: [&str; 4] = [
    "CONSTRUCT WHERE { ?cell rdf:first ?item ; rdf:rest rdf:nil }",
    "CONSTRUCT WHERE { ?cell rdf:rest ?next . ?next rdf:rest rdf:nil }",
    "CONSTRUCT WHERE { ?cell rdf:first ?item ; rdf:rest ?rest }",
    "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://w3id.org/wangluo/graph/file/lists> { ?s ?p ?o } }",
];

#[test]
fn partial_lists_are_json_ld_on_sparql_in_query_and_in_export() {
    let fx = Fixture::new();
    let lists = fx.write("lists.ttl", LISTS);
    fx.load(&[&lists]).ok();
    let store = fx.store();
    let global = ["--store", utf8(&store)];
    {
        let server = ServeProcess::start(&global, &[]);
        for query in PARTIAL_LISTS {
            let served = served_as_json_ld(&server, query);
            assert!(!served.is_empty(), "{query}");
        }
    }
    for query in PARTIAL_LISTS {
        let local = queried(&global, query, "ntriples", RdfFormat::NTriples);
        let local_json_ld = queried(&global, query, "jsonld", JSON_LD);
        assert!(
            isomorphic(&local_json_ld, &local).expect("isomorphism"),
            "query {query}"
        );
    }
    // `export`: one graph (made whole in memory) and the store (streamed graph by graph).
    let graph = "https://w3id.org/wangluo/graph/file/lists";
    for selection in [vec!["--graph", graph], vec![]] {
        let export = |format: &str| {
            let mut args = global.to_vec();
            args.extend(["export", "--format", format]);
            args.extend(&selection);
            wangluo(&args).ok().stdout
        };
        let json_ld = export("jsonld");
        let quads = parse_rdf(export("nquads").as_bytes(), RdfFormat::NQuads);
        let read = parse_rdf(json_ld.as_bytes(), JSON_LD);
        assert!(
            isomorphic(&read, &quads).expect("isomorphism"),
            "export {selection:?}"
        );
        // The whole list is still written as a JSON-LD list.
        assert!(json_ld.contains("@list"), "export {selection:?}");
    }
}
