//! Exports: the JSON-LD context covers the ontology; every export format parses back to a
//! dataset isomorphic to the store (sophia's isomorphism check); output and hash do not depend on
//! load order or blank-node labels; the canonical form matches a known answer; bad, remote and
//! unreachable contexts fail cleanly; `convert` and `hash` on the command line.

use assert_cmd::Command;
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser};
use oxigraph::model::{BlankNode, GraphName, Literal, NamedNode, Quad, Term};
use sophia::api::parser::QuadParser;
use sophia::api::quad::Spog;
use sophia::api::source::QuadSource;
use sophia::api::term::SimpleTerm;
use std::collections::{BTreeMap, HashSet};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use wangluo::canonical::{
    canonical_hash, canonical_nquads, isomorphic, sha256_hex, sophia_dataset,
};
use wangluo::export::{dataset_hash, export, selected_quads, write_quads, ExportFormat};
use wangluo::jsonld::{JsonLdForm, JsonLdOptions};
use wangluo::store::KnowledgeGraph;
use wangluo::vocab::Base;

/// SHA-256 of the RDFC-1.0 canonical N-Quads of the bundled dataset (ontology + op-ed). It
/// changes whenever the ontology, the annotation or the loader changes what the graph holds.
const BUNDLED_HASH: &str = "f87b2fa68f155504ed2d34194bcfd90e905d212868ca3c61c5b192f80885dceb";

const WL: &str = "https://w3id.org/wangluo/ontology#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

fn kg() -> KnowledgeGraph {
    KnowledgeGraph::bundled(&Base::default()).unwrap()
}

fn repo_file(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

fn jsonld(form: JsonLdForm) -> ExportFormat {
    ExportFormat::JsonLd(JsonLdOptions {
        form,
        ..JsonLdOptions::default()
    })
}

fn parse(bytes: &[u8], format: RdfFormat) -> Vec<Quad> {
    RdfParser::from_format(format)
        .for_slice(bytes)
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| panic!("{format:?} does not parse back: {e}"))
}

fn merged(quads: &[Quad]) -> Vec<Quad> {
    let mut seen = HashSet::new();
    quads
        .iter()
        .map(|q| {
            Quad::new(
                q.subject.clone(),
                q.predicate.clone(),
                q.object.clone(),
                GraphName::DefaultGraph,
            )
        })
        .filter(|q| seen.insert(q.clone()))
        .collect()
}

/// The context's term definitions, each expanded to the IRI it stands for.
fn context_terms() -> BTreeMap<String, String> {
    let document: serde_json::Value = serde_json::from_str(&repo_file("ontology/context.jsonld"))
        .expect("ontology/context.jsonld is JSON");
    let context = document["@context"]
        .as_object()
        .expect("an @context object");
    let iri_of = |definition: &serde_json::Value| -> Option<String> {
        let text = match definition {
            serde_json::Value::String(s) => s.as_str(),
            serde_json::Value::Object(o) => o.get("@id")?.as_str()?,
            _ => return None,
        };
        if let Some((prefix, local)) = text.split_once(':') {
            if let Some(namespace) = context.get(prefix).and_then(|n| n.as_str()) {
                return Some(format!("{namespace}{local}"));
            }
        }
        Some(text.to_owned())
    };
    context
        .iter()
        .filter(|(term, _)| !term.starts_with('@'))
        .filter_map(|(term, definition)| Some((term.clone(), iri_of(definition)?)))
        .collect()
}

/// The wl: classes and properties the ontology declares, with the kind of each.
fn ontology_terms() -> BTreeMap<String, String> {
    let quads = parse(
        repo_file("ontology/wangluo.ttl").as_bytes(),
        RdfFormat::Turtle,
    );
    let kinds = [
        "http://www.w3.org/2002/07/owl#Class",
        "http://www.w3.org/2002/07/owl#ObjectProperty",
        "http://www.w3.org/2002/07/owl#DatatypeProperty",
        "http://www.w3.org/2002/07/owl#AnnotationProperty",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property",
    ];
    quads
        .iter()
        .filter(|q| q.predicate.as_str() == RDF_TYPE)
        .filter_map(|q| match (&q.subject, &q.object) {
            (oxigraph::model::NamedOrBlankNode::NamedNode(s), Term::NamedNode(kind))
                if s.as_str().starts_with(WL) && kinds.contains(&kind.as_str()) =>
            {
                Some((s.as_str().to_owned(), kind.as_str().to_owned()))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn the_context_has_a_term_for_every_class_and_property_of_the_ontology() {
    let terms = context_terms();
    let covered: HashSet<&String> = terms.values().collect();
    let declared = ontology_terms();
    assert!(
        declared.len() > 70,
        "only {} wl: terms found",
        declared.len()
    );
    let missing: Vec<&String> = declared
        .keys()
        .filter(|iri| !covered.contains(iri))
        .collect();
    assert!(
        missing.is_empty(),
        "ontology/context.jsonld has no term for: {missing:?}"
    );
}

#[test]
fn context_terms_do_not_collide_and_object_properties_are_iris() {
    use sophia::jsonld::json_ld::syntax::Parse;
    let text = repo_file("ontology/context.jsonld");
    // Duplicate keys are legal JSON that most parsers resolve silently: count them raw.
    let document = sophia::jsonld::json_ld::syntax::Value::parse_str(&text, |_| ())
        .expect("ontology/context.jsonld is JSON")
        .into_value();
    let sophia::jsonld::json_ld::syntax::Value::Object(top) = document else {
        panic!("not an object")
    };
    let context = top
        .get("@context")
        .next()
        .expect("@context")
        .value()
        .clone();
    let sophia::jsonld::json_ld::syntax::Value::Object(context) = context else {
        panic!("@context is not an object")
    };
    let mut seen = HashSet::new();
    for entry in context.iter() {
        assert!(
            seen.insert(entry.key.as_str().to_owned()),
            "term {} defined twice",
            entry.key.as_str()
        );
    }
    // Every term stands for one IRI no other term stands for (namespaces aside).
    let mut by_iri: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (term, iri) in context_terms() {
        if !(iri.ends_with('/') || iri.ends_with('#')) {
            by_iri.entry(iri).or_default().push(term);
        }
    }
    let shared: Vec<_> = by_iri.iter().filter(|(_, terms)| terms.len() > 1).collect();
    assert!(shared.is_empty(), "terms sharing an IRI: {shared:?}");
    // Object properties are coerced to IRIs; wl:date keeps each value's own datatype.
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let definitions = json["@context"].as_object().unwrap();
    let term_for = |iri: &str| {
        context_terms()
            .into_iter()
            .find(|(_, i)| i == iri)
            .map(|(t, _)| t)
            .unwrap()
    };
    for (iri, kind) in ontology_terms() {
        let definition = &definitions[&term_for(&iri)];
        if kind.ends_with("#ObjectProperty") {
            assert_eq!(definition["@type"], "@id", "{iri} is not coerced to @id");
        }
    }
    assert!(definitions[&term_for(&format!("{WL}date"))]
        .get("@type")
        .is_none());
    assert_eq!(definitions["label"]["@container"], "@language");
}

/// Exports the bundled graph in `format`, parses the bytes back with oxigraph as `parse_as`, and
/// checks with sophia that the result is isomorphic to the store (to the merge of its graphs
/// for triple formats).
fn round_trip(format: ExportFormat, parse_as: RdfFormat, keeps_graphs: bool) {
    let kg = kg();
    let store = selected_quads(&kg, None).unwrap();
    let store_merged = merged(&store);
    let mut bytes = Vec::new();
    let count = export(&kg, &format, None, &mut bytes).unwrap();
    assert_eq!(count, store.len(), "{format:?}: statements written");
    let parsed = parse(&bytes, parse_as);
    assert_eq!(
        merged(&parsed).len(),
        store_merged.len(),
        "{format:?}: distinct triples"
    );
    let expected = if keeps_graphs { &store } else { &store_merged };
    assert!(
        isomorphic(&parsed, expected).unwrap(),
        "{format:?}: parsed back, not isomorphic to the store"
    );
}

const JSONLD: RdfFormat = RdfFormat::JsonLd {
    profile: JsonLdProfileSet::empty(),
};

#[test]
fn turtle_parses_back_isomorphic_to_the_merged_store() {
    round_trip(
        ExportFormat::Rdf(RdfFormat::Turtle),
        RdfFormat::Turtle,
        false,
    );
}

#[test]
fn trig_parses_back_isomorphic_to_the_store() {
    round_trip(ExportFormat::Rdf(RdfFormat::TriG), RdfFormat::TriG, true);
}

#[test]
fn ntriples_parses_back_isomorphic_to_the_merged_store() {
    round_trip(
        ExportFormat::Rdf(RdfFormat::NTriples),
        RdfFormat::NTriples,
        false,
    );
}

#[test]
fn nquads_parses_back_isomorphic_to_the_store() {
    round_trip(
        ExportFormat::Rdf(RdfFormat::NQuads),
        RdfFormat::NQuads,
        true,
    );
}

#[test]
fn canonical_nquads_parse_back_isomorphic_to_the_store() {
    round_trip(ExportFormat::CanonicalNQuads, RdfFormat::NQuads, true);
}

#[test]
fn rdfxml_parses_back_isomorphic_to_the_merged_store() {
    round_trip(
        ExportFormat::Rdf(RdfFormat::RdfXml),
        RdfFormat::RdfXml,
        false,
    );
}

#[test]
fn compacted_jsonld_parses_back_isomorphic_to_the_store() {
    round_trip(jsonld(JsonLdForm::Compacted), JSONLD, true);
}

#[test]
fn expanded_jsonld_parses_back_isomorphic_to_the_store() {
    round_trip(jsonld(JsonLdForm::Expanded), JSONLD, true);
}

#[test]
fn flattened_jsonld_parses_back_isomorphic_to_the_store() {
    round_trip(jsonld(JsonLdForm::Flattened), JSONLD, true);
}

#[test]
fn compacted_jsonld_reads_the_same_with_the_json_ld_crate() {
    // A second JSON-LD reader (the json-ld crate's toRdf, through sophia), besides oxigraph's.
    let kg = kg();
    let store = selected_quads(&kg, None).unwrap();
    let mut bytes = Vec::new();
    export(&kg, &jsonld(JsonLdForm::Compacted), None, &mut bytes).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let parsed: Vec<Spog<SimpleTerm<'static>>> = sophia::jsonld::JsonLdParser::new()
        .parse_str(&text)
        .collect_quads()
        .unwrap();
    assert_eq!(parsed.len(), store.len());
    assert!(
        sophia::isomorphism::isomorphic_datasets(&sophia_dataset(&store).unwrap(), &parsed)
            .unwrap()
    );
}

#[test]
fn compacted_jsonld_uses_the_short_terms() {
    let kg = kg();
    let mut bytes = Vec::new();
    export(&kg, &jsonld(JsonLdForm::Compacted), None, &mut bytes).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let context: serde_json::Value =
        serde_json::from_str(&repo_file("ontology/context.jsonld")).unwrap();
    assert_eq!(
        json["@context"], context["@context"],
        "the bundled context is embedded"
    );
    let graphs = json["@graph"].as_array().expect("named graphs in @graph");
    let document = graphs
        .iter()
        .find(|g| g["id"] == "wlg:rathor-2024")
        .expect("the op-ed graph");
    let nodes = document["@graph"].as_array().unwrap();
    let claim = nodes
        .iter()
        .find(|n| n["type"] == "Claim" && n.get("claimant").is_some())
        .expect("a claim with short terms");
    assert!(claim["claimant"].as_str().unwrap().starts_with("wld:"));
    assert!(claim["perspective"].as_str().unwrap().starts_with("wlp:"));
    let china = nodes.iter().find(|n| n["id"] == "wld:china").unwrap();
    assert_eq!(china["label"]["en"], "China");
    let dated = nodes.iter().find(|n| n.get("date").is_some()).unwrap();
    assert!(dated["date"]["type"].as_str().unwrap().starts_with("xsd:"));
    let ids: Vec<&str> = nodes.iter().filter_map(|n| n["id"].as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "nodes sorted by id");
}

fn sample_quads(labels: [&str; 2], reversed: bool) -> Vec<Quad> {
    let ex = |l: &str| NamedNode::new(format!("http://example.org/{l}")).unwrap();
    let (x, y) = (
        BlankNode::new(labels[0]).unwrap(),
        BlankNode::new(labels[1]).unwrap(),
    );
    let g = GraphName::NamedNode(ex("g"));
    let mut quads = vec![
        Quad::new(
            x.clone(),
            ex("p"),
            Literal::from("a"),
            GraphName::DefaultGraph,
        ),
        Quad::new(x.clone(), ex("q"), y.clone(), GraphName::DefaultGraph),
        Quad::new(
            y.clone(),
            ex("p"),
            Literal::new_language_tagged_literal("b", "en").unwrap(),
            GraphName::DefaultGraph,
        ),
        Quad::new(y.clone(), ex("q"), x.clone(), g.clone()),
        Quad::new(ex("s"), ex("r"), x.clone(), g),
        Quad::new(
            ex("s"),
            ex("n"),
            Literal::new_typed_literal(
                "7",
                NamedNode::new("http://www.w3.org/2001/XMLSchema#integer").unwrap(),
            ),
            GraphName::DefaultGraph,
        ),
    ];
    if reversed {
        quads.reverse();
    }
    quads
}

#[test]
fn canonical_nquads_match_the_rdfc10_known_answer() {
    // Computed independently with pyld 3.3 (URDNA2015, which RDFC-1.0 standardizes).
    let expected = "\
<http://example.org/s> <http://example.org/n> \"7\"^^<http://www.w3.org/2001/XMLSchema#integer> .
<http://example.org/s> <http://example.org/r> _:c14n1 <http://example.org/g> .
_:c14n0 <http://example.org/p> \"b\"@en .
_:c14n0 <http://example.org/q> _:c14n1 <http://example.org/g> .
_:c14n1 <http://example.org/p> \"a\" .
_:c14n1 <http://example.org/q> _:c14n0 .
";
    let bytes = canonical_nquads(&sample_quads(["x", "y"], false)).unwrap();
    assert_eq!(String::from_utf8(bytes).unwrap(), expected);
    assert_eq!(
        canonical_hash(&sample_quads(["x", "y"], false)).unwrap(),
        "37b831d7b2b932f37f690be966db6e7fea4e36e2b048ce22ceeead292e120de5"
    );
}

#[test]
fn output_does_not_depend_on_statement_order_or_blank_node_labels() {
    let base = Base::default();
    let formats = [
        ExportFormat::Rdf(RdfFormat::Turtle),
        ExportFormat::Rdf(RdfFormat::TriG),
        ExportFormat::Rdf(RdfFormat::NTriples),
        ExportFormat::Rdf(RdfFormat::NQuads),
        ExportFormat::Rdf(RdfFormat::RdfXml),
        ExportFormat::CanonicalNQuads,
        jsonld(JsonLdForm::Compacted),
        jsonld(JsonLdForm::Expanded),
        jsonld(JsonLdForm::Flattened),
    ];
    let one = sample_quads(["x", "y"], false);
    let other = sample_quads(["zz9", "a1"], true);
    for format in &formats {
        let write = |quads: &[Quad]| {
            let mut out = Vec::new();
            write_quads(quads.to_vec(), format, &base, &mut out).unwrap();
            String::from_utf8(out).unwrap()
        };
        let (a, b) = (write(&one), write(&other));
        assert_eq!(a, b, "{format:?}: different bytes for the same data");
        assert!(
            !a.contains("zz9") && !a.contains("_:x"),
            "{format:?}: store labels leak"
        );
    }
    assert_eq!(
        canonical_hash(&one).unwrap(),
        canonical_hash(&other).unwrap()
    );
}

#[test]
fn the_bundled_dataset_has_its_known_hash() {
    let kg = kg();
    let hash = dataset_hash(&kg, None).unwrap();
    let mut canonical = Vec::new();
    export(&kg, &ExportFormat::CanonicalNQuads, None, &mut canonical).unwrap();
    assert_eq!(
        hash,
        sha256_hex(&canonical),
        "hash = SHA-256 of the canonical export"
    );
    assert_eq!(
        hash, BUNDLED_HASH,
        "the bundled data changed: update BUNDLED_HASH and the README"
    );
    // Per graph: each graph hashes differently, and the same as its own canonical export.
    let ontology = NamedNode::new("https://w3id.org/wangluo/graph/ontology").unwrap();
    let ontology_hash = dataset_hash(&kg, Some(&ontology)).unwrap();
    assert_ne!(ontology_hash, hash);
    let mut bytes = Vec::new();
    export(
        &kg,
        &ExportFormat::CanonicalNQuads,
        Some(&ontology),
        &mut bytes,
    )
    .unwrap();
    assert_eq!(ontology_hash, sha256_hex(&bytes));
    assert!(String::from_utf8(bytes)
        .unwrap()
        .lines()
        .all(|l| l.ends_with("<https://w3id.org/wangluo/graph/ontology> .")));
}

// ---------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------

fn wangluo() -> Command {
    Command::cargo_bin("wangluo").unwrap()
}

fn error_line(output: &std::process::Output) -> String {
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(output.stdout.is_empty(), "output on stdout: {output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(stderr.lines().count(), 1, "not one line: {stderr}");
    stderr
}

/// A local port that refuses connections, and a listener that records whether anyone
/// connected to it.
fn silent_listener() -> (TcpListener, String) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let url = format!("http://{}/context.jsonld", listener.local_addr().unwrap());
    (listener, url)
}

fn nobody_connected(listener: &TcpListener) -> bool {
    matches!(listener.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock)
}

#[test]
fn remote_contexts_are_not_fetched_without_permission() {
    let dir = tempfile::tempdir().unwrap();
    let (listener, url) = silent_listener();
    let out = dir.path().join("out.jsonld");
    // --context URL
    let run = wangluo()
        .args(["export", "--format", "jsonld", "--context", &url, "-o"])
        .arg(&out)
        .output()
        .unwrap();
    let line = error_line(&run);
    assert!(
        line.contains(&url) && line.contains("--allow-remote-context"),
        "{line}"
    );
    // A remote @context inside a local context file.
    let file = dir.path().join("context.jsonld");
    std::fs::write(
        &file,
        format!(r#"{{"@context": ["{url}", {{"ex": "http://example.org/"}}]}}"#),
    )
    .unwrap();
    let run = wangluo()
        .args(["export", "--format", "jsonld", "--context"])
        .arg(&file)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    let line = error_line(&run);
    assert!(
        line.starts_with(&format!("wangluo: error: {}", file.display())),
        "{line}"
    );
    assert!(
        line.contains(&url) && line.contains("--allow-remote-context"),
        "{line}"
    );
    assert!(!out.exists(), "an output file was written");
    assert!(nobody_connected(&listener), "the context was fetched");
}

/// Serves `body` once as application/ld+json on a local port; returns its URL.
fn serve_once(body: &'static str) -> (String, std::thread::JoinHandle<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/ctx.jsonld", listener.local_addr().unwrap());
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut request = Vec::new();
        let mut buffer = [0u8; 1024];
        while !request.ends_with(b"\r\n\r\n") {
            let n = stream.read(&mut buffer).unwrap();
            if n == 0 {
                break;
            }
            request.extend_from_slice(&buffer[..n]);
        }
        write!(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Type: application/ld+json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        String::from_utf8_lossy(&request).into_owned()
    });
    (url, server)
}

#[test]
fn a_remote_context_is_fetched_when_allowed_and_referred_to_by_url() {
    let (url, server) = serve_once(
        r#"{"@context": {"wl": "https://w3id.org/wangluo/ontology#", "Claim": "wl:Claim", "type": "@type"}}"#,
    );
    let run = wangluo()
        .args([
            "export",
            "--format",
            "jsonld",
            "--graph",
            "https://w3id.org/wangluo/graph/rathor-2024",
            "--allow-remote-context",
            "--context",
            &url,
        ])
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    let request = server.join().unwrap();
    assert!(request.starts_with("GET /ctx.jsonld"), "{request}");
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(json["@context"], serde_json::Value::String(url));
    assert!(String::from_utf8_lossy(&run.stdout).contains(r#""type": "Claim""#));
}

#[test]
fn an_unreachable_context_fails_and_leaves_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jsonld");
    std::fs::write(&out, "old").unwrap();
    let url = {
        let (listener, url) = silent_listener();
        drop(listener);
        url
    };
    let run = wangluo()
        .args([
            "export",
            "--format",
            "jsonld",
            "--allow-remote-context",
            "--context",
            &url,
            "-o",
        ])
        .arg(&out)
        .output()
        .unwrap();
    let line = error_line(&run);
    assert!(
        line.contains(&url) && line.contains("cannot fetch"),
        "{line}"
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
}

#[test]
fn bad_context_files_are_named_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "not-json.jsonld",
            "{\"@context\": {\n  \"a\": \"http://x/a\",\n}\n",
            ":3:1: not JSON",
        ),
        (
            "no-context.jsonld",
            "{\"a\": 1}\n",
            "not a JSON-LD context document",
        ),
        (
            "invalid.jsonld",
            "{\"@context\": {\n  \"a\": {\"@id\": \"http://x/a\", \"@type\": 5}\n}}\n",
            ":2:",
        ),
    ];
    for (name, text, expected) in cases {
        let file = dir.path().join(name);
        std::fs::write(&file, text).unwrap();
        let run = wangluo()
            .args(["export", "--format", "jsonld", "--context"])
            .arg(&file)
            .output()
            .unwrap();
        let line = error_line(&run);
        assert!(line.contains(&file.display().to_string()), "{line}");
        assert!(line.contains(expected), "{name}: {line}");
    }
    let run = wangluo()
        .args([
            "export",
            "--format",
            "jsonld",
            "--context",
            "/nonexistent/context.jsonld",
        ])
        .output()
        .unwrap();
    assert!(error_line(&run).contains("/nonexistent/context.jsonld: cannot read"));
}

#[test]
fn export_options_apply_only_where_they_mean_something() {
    for (args, expected) in [
        (
            vec!["--format", "turtle", "--canonical"],
            "--canonical: only with --format nquads",
        ),
        (
            vec!["--format", "trig", "--context", "c.jsonld"],
            "--context: only with --format jsonld",
        ),
        (
            vec![
                "--format",
                "jsonld",
                "--jsonld-form",
                "expanded",
                "--context",
                "c.jsonld",
            ],
            "--context: expanded JSON-LD has no context",
        ),
    ] {
        let run = wangluo().arg("export").args(&args).output().unwrap();
        assert!(error_line(&run).contains(expected), "{args:?}");
    }
}

#[test]
fn hash_and_canonical_export_agree_on_the_command_line() {
    let hash = wangluo().arg("hash").output().unwrap();
    assert!(hash.status.success());
    assert_eq!(
        String::from_utf8(hash.stdout).unwrap(),
        format!("{BUNDLED_HASH}\n")
    );
    let canonical = wangluo()
        .args(["export", "--format", "nquads", "--canonical"])
        .output()
        .unwrap();
    assert!(canonical.status.success());
    assert_eq!(sha256_hex(&canonical.stdout), BUNDLED_HASH);
    let graph = "https://w3id.org/wangluo/graph/rathor-2024";
    let one = wangluo().args(["hash", "--graph", graph]).output().unwrap();
    assert!(one.status.success());
    assert_ne!(String::from_utf8(one.stdout).unwrap().trim(), BUNDLED_HASH);
    let missing = wangluo()
        .args(["hash", "--graph", "https://example.org/none"])
        .output()
        .unwrap();
    assert!(error_line(&missing).contains("no such graph"));
}

#[test]
fn convert_translates_formats_and_refuses_bad_input_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);
    // Export as compacted JSON-LD, convert to N-Quads: the same statements as the N-Quads export.
    let exported = wangluo()
        .args(["export", "--format", "jsonld", "-o"])
        .arg(path("kg.jsonld"))
        .output()
        .unwrap();
    assert!(exported.status.success());
    let run = wangluo()
        .arg("convert")
        .arg(path("kg.jsonld"))
        .arg(path("kg.nq"))
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    let direct = wangluo()
        .args(["export", "--format", "nquads"])
        .output()
        .unwrap();
    assert_eq!(std::fs::read(path("kg.nq")).unwrap(), direct.stdout);
    // To stdout with --to; from stdin with --from.
    let turtle = wangluo()
        .arg("convert")
        .arg(path("kg.nq"))
        .args(["-", "--to", "ttl"])
        .output()
        .unwrap();
    assert!(turtle.status.success());
    let back = wangluo()
        .args(["convert", "-", "-", "--from", "turtle", "--to", "nt"])
        .write_stdin(turtle.stdout)
        .output()
        .unwrap();
    assert!(back.status.success(), "{back:?}");
    assert!(isomorphic(
        &parse(&back.stdout, RdfFormat::NTriples),
        &merged(&parse(&direct.stdout, RdfFormat::NQuads))
    )
    .unwrap());
    // A parse error names file, line and column, and leaves the old output.
    std::fs::write(
        path("broken.ttl"),
        "@prefix ex: <http://e/> .\nex:a ex:b \"unterminated .\n",
    )
    .unwrap();
    std::fs::write(path("out.nt"), "old").unwrap();
    let run = wangluo()
        .arg("convert")
        .arg(path("broken.ttl"))
        .arg(path("out.nt"))
        .output()
        .unwrap();
    let line = error_line(&run);
    assert!(
        line.contains(&format!("{}:2:", path("broken.ttl").display())),
        "{line}"
    );
    assert_eq!(std::fs::read_to_string(path("out.nt")).unwrap(), "old");
    // Unknown formats list the valid ones.
    let run = wangluo()
        .arg("convert")
        .arg(path("kg.nq"))
        .arg(path("out.xyz"))
        .output()
        .unwrap();
    let line = error_line(&run);
    assert!(
        line.contains("unknown format") && line.contains("turtle, trig, ntriples"),
        "{line}"
    );
    let run = wangluo()
        .arg("convert")
        .arg(path("kg.nq"))
        .args(["-", "--to", "bogus"])
        .output()
        .unwrap();
    assert!(error_line(&run).contains("--to bogus: unknown format"));
}
