//! `wangluo serve`: the dataset as a whole (VoID, downloads whose ETag is the canonical hash) and
//! `--writable` (SPARQL Update with the token only, the site read again after it).

use crate::util::{http_client, parse_rdf, repo, utf8, wangluo, ServeProcess};
use oxigraph::io::RdfFormat;
use oxigraph::model::Term;
use reqwest::header::{CONTENT_TYPE, ETAG, IF_NONE_MATCH};

#[test]
fn void_and_downloads_of_the_whole_graph_with_the_canonical_hash_as_etag() {
    use std::io::Read;
    let server = ServeProcess::bundled(&[]);
    let client = http_client();
    let hash = wangluo(&["hash"]).ok().stdout;
    let hash = hash.split_whitespace().next().unwrap();
    let download = client
        .get(server.url("/download/wangluo.nq.gz"))
        .send()
        .unwrap();
    assert_eq!(download.status(), 200);
    assert_eq!(
        download.headers()[ETAG].to_str().unwrap(),
        format!("\"{hash}\"")
    );
    let mut nquads = Vec::new();
    flate2::read::GzDecoder::new(&download.bytes().unwrap()[..])
        .read_to_end(&mut nquads)
        .unwrap();
    let served = parse_rdf(&nquads, RdfFormat::NQuads);
    let exported = wangluo(&["export", "--format", "nquads"]).ok().stdout;
    let exported = parse_rdf(exported.as_bytes(), RdfFormat::NQuads);
    assert!(wangluo::rdf::canonical::isomorphic(&served, &exported).unwrap());
    let again = client
        .get(server.url("/download/wangluo.ttl"))
        .header(IF_NONE_MATCH, format!("\"{hash}\""))
        .send()
        .unwrap();
    assert_eq!(again.status(), 304);
    let void = client
        .get(server.url("/.well-known/void"))
        .send()
        .unwrap()
        .bytes()
        .unwrap();
    let void = parse_rdf(&void, RdfFormat::Turtle);
    let endpoint = server.url("/sparql");
    assert!(void.iter().any(
        |q| q.predicate.as_str() == "http://rdfs.org/ns/void#sparqlEndpoint"
            && matches!(&q.object, Term::NamedNode(n) if n.as_str() == endpoint)
    ));
    // The whole description `describe` gives, not a summary of it, and what the server adds.
    let described = wangluo(&["describe", "--format", "nquads"]).ok().stdout;
    let described: Vec<_> = parse_rdf(described.as_bytes(), RdfFormat::NQuads)
        .into_iter()
        .map(|q| {
            oxigraph::model::Triple::from(q).in_graph(oxigraph::model::GraphName::DefaultGraph)
        })
        .collect();
    let root = server.url("/");
    let (added, rest): (Vec<_>, Vec<_>) = void.into_iter().partition(|q| {
        q.predicate.as_str().starts_with("http://rdfs.org/ns/void#")
            && matches!(&q.object, Term::NamedNode(n) if n.as_str().starts_with(&root))
    });
    assert_eq!(added.len(), 4, "{added:?}");
    assert!(wangluo::rdf::canonical::isomorphic(&rest, &described).unwrap());
}

#[test]
fn writable_takes_updates_only_with_the_token_and_shows_them() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let corpus = repo().join("tests/fixtures/corpus");
    let actors = corpus.join("entities/actors.toml");
    wangluo(&["--store", utf8(&store), "load", utf8(&actors)]).ok();
    let line = wangluo(&["serve", "--writable"]).error_line();
    assert!(
        line.contains("--writable") && line.contains("--store"),
        "{line}"
    );
    let server = ServeProcess::start_with_env(
        &["--store", utf8(&store)],
        &["--writable"],
        &[("WANGLUO_TOKEN", "s3cret")],
    );
    let client = http_client();
    let update = r#"INSERT DATA { GRAPH wlg:notes { wld:new-thing rdfs:label "A new thing"@en } }"#;
    let post = |token: Option<&str>| {
        let mut request = client
            .post(server.url("/sparql"))
            .header(CONTENT_TYPE, "application/sparql-update")
            .body(update);
        if let Some(token) = token {
            request = request.header("Authorization", format!("Bearer {token}"));
        }
        request.send().unwrap()
    };
    assert_eq!(post(None).status(), 401);
    assert_eq!(post(Some("wrong")).status(), 401);
    assert_eq!(
        client
            .get(server.url("/id/new-thing"))
            .send()
            .unwrap()
            .status(),
        404
    );
    assert_eq!(post(Some("s3cret")).status(), 200);
    let thing = client.get(server.url("/id/new-thing")).send().unwrap();
    assert_eq!(
        thing.status(),
        303,
        "the site was read again after the update"
    );
    let page = client
        .get(server.url("/page/id/new-thing"))
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(page.contains("A new thing"));
}
