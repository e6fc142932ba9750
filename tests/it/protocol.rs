//! `/sparql` against the W3C SPARQL 1.1 Protocol manifest
//! (`tests/fixtures/w3c-sparql/sparql/sparql11/protocol/manifest.ttl`, W3C test suite licence):
//! every case that applies to a read-only service, driven from the manifest itself (method,
//! path, headers, body, expected status class, boolean and result format). The cases that
//! expect an update to succeed do not apply (updates are refused without `--writable`); every
//! other case runs, and the test fails if fewer run than the manifest holds of them.

use crate::util::{http_client, repo, ServeProcess};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Graph, NamedNodeRef, NamedOrBlankNode, Term, TermRef};
use std::path::{Path, PathBuf};

const MF: &str = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
const HT: &str = "http://www.w3.org/2011/http#";
const CNT: &str = "http://www.w3.org/2011/content#";
const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const UT: &str = "http://www.w3.org/2009/sparql/tests/test-update#";

fn folder() -> PathBuf {
    repo().join("tests/fixtures/w3c-sparql/sparql/sparql11/protocol")
}

fn manifest() -> Graph {
    let path = folder().join("manifest.ttl");
    let base = url::Url::from_file_path(&path)
        .expect("file URL")
        .to_string();
    let text = std::fs::read(&path).expect("read the manifest");
    RdfParser::from_format(RdfFormat::Turtle)
        .with_base_iri(base)
        .expect("base IRI")
        .for_slice(&text)
        .map(|q| q.expect("manifest parses"))
        .map(|q| oxigraph::model::Triple::new(q.subject, q.predicate, q.object))
        .collect()
}

fn iri(ns: &str, local: &str) -> oxigraph::model::NamedNode {
    oxigraph::model::NamedNode::new_unchecked(format!("{ns}{local}"))
}

fn object<'a>(g: &'a Graph, s: &NamedOrBlankNode, ns: &str, local: &str) -> Option<TermRef<'a>> {
    let p = iri(ns, local);
    g.object_for_subject_predicate(s, NamedNodeRef::from(&p))
}

fn objects(g: &Graph, s: &NamedOrBlankNode, ns: &str, local: &str) -> Vec<Term> {
    let p = iri(ns, local);
    g.objects_for_subject_predicate(s, NamedNodeRef::from(&p))
        .map(TermRef::into_owned)
        .collect()
}

fn text(term: Option<TermRef<'_>>) -> Option<String> {
    match term? {
        TermRef::Literal(l) => Some(l.value().to_owned()),
        TermRef::NamedNode(n) => Some(n.as_str().to_owned()),
        _ => None,
    }
}

fn node(term: TermRef<'_>) -> NamedOrBlankNode {
    match term {
        TermRef::NamedNode(n) => n.into_owned().into(),
        TermRef::BlankNode(b) => b.into_owned().into(),
        other => panic!("not a node: {other}"),
    }
}

/// The members of an RDF list.
fn list(g: &Graph, head: TermRef<'_>) -> Vec<NamedOrBlankNode> {
    let mut out = Vec::new();
    let mut current = node(head);
    while current.to_string() != format!("<{RDF}nil>") {
        out.push(node(object(g, &current, RDF, "first").expect("rdf:first")));
        current = node(object(g, &current, RDF, "rest").expect("rdf:rest"));
    }
    out
}

/// One HTTP request of a case and what its answer must be.
struct Exchange {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: Option<Vec<u8>>,
    statuses: Vec<String>,
    boolean: Option<bool>,
    format: Option<String>,
}

fn exchange(g: &Graph, request: &NamedOrBlankNode) -> Exchange {
    let field = |s: &NamedOrBlankNode, local| text(object(g, s, HT, local)).unwrap_or_default();
    let headers = match object(g, request, HT, "headers") {
        Some(head) => list(g, head)
            .iter()
            .map(|h| (field(h, "fieldName"), field(h, "fieldValue")))
            .collect(),
        None => Vec::new(),
    };
    let body = object(g, request, HT, "body").map(node).map(|b| {
        let chars = text(object(g, &b, CNT, "chars")).unwrap_or_default();
        match text(object(g, &b, CNT, "characterEncoding")).as_deref() {
            // UTF-16 as the manifest asks (big-endian with a byte-order mark).
            Some("UTF-16") => std::iter::once(0xFEFFu16)
                .chain(chars.encode_utf16())
                .flat_map(u16::to_be_bytes)
                .collect(),
            _ => chars.into_bytes(),
        }
    });
    let response = node(object(g, request, HT, "resp").expect("ht:resp"));
    Exchange {
        method: field(request, "methodName"),
        path: field(request, "absolutePath").replacen("/sparql/", "/sparql", 1),
        headers,
        body,
        statuses: objects(g, &response, MF, "expectedStatus")
            .iter()
            .map(|t| t.to_string())
            .collect(),
        boolean: text(object(g, &response, MF, "expectedBoolean")).map(|b| b == "true"),
        format: text(object(g, &response, MF, "expectedFormat")),
    }
}

/// The manifest's data graphs (`ut:graphData`, named by their `rdfs:label`) as one N-Quads file.
fn write_graph_data(g: &Graph, dir: &Path) -> PathBuf {
    let label = iri("http://www.w3.org/2000/01/rdf-schema#", "label");
    let graph = iri(UT, "graph");
    let mut seen = std::collections::BTreeMap::new();
    for t in g.triples_for_predicate(NamedNodeRef::from(&graph)) {
        let name = text(g.object_for_subject_predicate(t.subject, NamedNodeRef::from(&label)));
        let file = text(Some(t.object)).expect("ut:graph file");
        seen.insert(name.expect("rdfs:label"), file);
    }
    assert_eq!(seen.len(), 3, "the manifest names three data graphs");
    let mut nquads = String::new();
    for (name, file) in &seen {
        let path = url::Url::parse(file)
            .expect("URL")
            .to_file_path()
            .expect("path");
        for line in std::fs::read_to_string(path).expect("read data").lines() {
            if let Some(triple) = line.trim().strip_suffix('.') {
                nquads.push_str(&format!("{triple} <{name}> .\n"));
            }
        }
    }
    let out = dir.join("protocol-data.nq");
    std::fs::write(&out, nquads).expect("write data");
    out
}

/// Whether `status` is in one of the manifest's classes (`hts:StatusCode2xx` …).
fn status_matches(status: u16, classes: &[String]) -> bool {
    classes
        .iter()
        .any(|c| c.contains(&format!("StatusCode{}xx", status / 100)))
}

/// The format family of a response's Content-Type.
fn format_of(content_type: &str) -> &'static str {
    let essence = content_type.split(';').next().unwrap_or("").trim();
    match essence {
        "application/sparql-results+json" | "application/sparql-results+xml" => "results",
        "text/csv" | "text/tab-separated-values" => "tabular",
        "text/turtle"
        | "application/n-triples"
        | "application/rdf+xml"
        | "application/ld+json"
        | "application/n-quads"
        | "application/trig" => "RDF",
        _ => "other",
    }
}

fn boolean_of(body: &str) -> Option<bool> {
    if body.contains("<boolean>true</boolean>") || body.contains("\"boolean\":true") {
        Some(true)
    } else if body.contains("<boolean>false</boolean>") || body.contains("\"boolean\":false") {
        Some(false)
    } else {
        None
    }
}

fn check(server: &ServeProcess, name: &str, ex: &Exchange) {
    let client = http_client();
    let method = reqwest::Method::from_bytes(ex.method.as_bytes()).expect("method");
    let mut request = client.request(method, format!("{}{}", server.root, ex.path));
    for (field, value) in &ex.headers {
        request = request.header(field.as_str(), value.as_str());
    }
    if let Some(body) = &ex.body {
        request = request.body(body.clone());
    }
    let response = request.send().expect("request");
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let body = response.text().expect("body");
    assert!(
        status_matches(status, &ex.statuses),
        "{name}: status {status}, expected {:?}: {body}",
        ex.statuses
    );
    if let Some(expected) = ex.boolean {
        assert_eq!(boolean_of(&body), Some(expected), "{name}: {body}");
    }
    match ex.format.as_deref() {
        Some("boolean") => assert_eq!(format_of(&content_type), "results", "{name}"),
        Some("tabular") => assert!(
            matches!(format_of(&content_type), "results" | "tabular"),
            "{name}: {content_type}"
        ),
        Some("RDF") => assert_eq!(format_of(&content_type), "RDF", "{name}: {content_type}"),
        _ => {}
    }
}

#[test]
fn sparql_endpoint_passes_the_w3c_protocol_cases_of_a_read_only_service() {
    let g = manifest();
    let dir = tempfile::tempdir().expect("temporary directory");
    let store = dir.path().join("store");
    let store_arg = store.to_str().expect("UTF-8 path");
    let data = write_graph_data(&g, dir.path());
    crate::util::wangluo(&["--store", store_arg, "load", data.to_str().expect("path")]).ok();
    let server = ServeProcess::start(&["--store", store_arg], &[]);

    let test_type = iri(RDF, "type");
    let protocol_test = iri(MF, "ProtocolTest");
    let (mut ran, mut not_applicable) = (0, Vec::new());
    for case in g.subjects_for_predicate_object(
        NamedNodeRef::from(&test_type),
        NamedNodeRef::from(&protocol_test),
    ) {
        let case = case.into_owned();
        let name = case.to_string();
        let name = name
            .rsplit('#')
            .next()
            .unwrap_or(&name)
            .trim_end_matches('>');
        // A successful update needs a writable store: not this service's case.
        if name.starts_with("update_") {
            not_applicable.push(name.to_owned());
            continue;
        }
        let action = node(object(&g, &case, MF, "action").expect("mf:action"));
        for request in list(
            &g,
            object(&g, &action, HT, "requests").expect("ht:requests"),
        ) {
            check(&server, name, &exchange(&g, &request));
        }
        ran += 1;
    }
    println!(
        "SPARQL Protocol: {ran} cases ran, {} not applicable to a read-only service ({})",
        not_applicable.len(),
        not_applicable.join(" ")
    );
    assert_eq!(
        ran, 27,
        "every query case and every refused update of the manifest"
    );
    assert_eq!(not_applicable.len(), 7);
}

/// The protocol's dataset overrides the query's FROM, and FROM works without one (issue 18,
/// items 1 and 7, on the bundled graph).
#[test]
fn sparql_endpoint_takes_the_dataset_of_the_request_else_of_the_query() {
    let server = ServeProcess::start(&[], &[]);
    let count = |query: &str, extra: &str| -> String {
        let url = format!(
            "{}/sparql?query={}{extra}",
            server.root,
            url::form_urlencoded::byte_serialize(query.as_bytes()).collect::<String>()
        );
        let response = http_client()
            .get(url)
            .header("accept", "text/csv")
            .send()
            .expect("request");
        assert!(response.status().is_success(), "{query} {extra}");
        let body = response.text().expect("body");
        body.lines().nth(1).unwrap_or_default().to_owned()
    };
    let all = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";
    let none = "SELECT (COUNT(*) AS ?n) FROM <urn:none> WHERE { ?s ?p ?o }";
    let total: usize = count(all, "").parse().expect("a number");
    assert!(total > 1000, "the union of every graph: {total}");
    assert_eq!(
        count(none, ""),
        "0",
        "FROM <urn:none> is an empty default graph"
    );
    let ontology = "&default-graph-uri=https%3A%2F%2Fw3id.org%2Fwangluo%2Fgraph%2Fontology";
    let in_ontology: usize = count(none, ontology).parse().expect("a number");
    assert!(
        in_ontology > 0 && in_ontology < total,
        "{in_ontology} of {total}"
    );
    let named_only = "&named-graph-uri=https%3A%2F%2Fw3id.org%2Fwangluo%2Fgraph%2Fontology";
    assert_eq!(
        count(all, named_only),
        "0",
        "named graphs only: empty default graph"
    );
}
