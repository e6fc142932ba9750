//! The W3C RDF Dataset Canonicalization test suite (RDFC-1.0,
//! <https://w3c.github.io/rdf-canon/tests/>) against wangluo's canonical form
//! (`wangluo::rdf::canonical`: oxigraph's N-Quads parser, our mapping to sophia's terms, sophia's
//! RDFC-1.0). The suite is in `tests/fixtures/rdf-canon/` with its licence; its manifest is read as
//! RDF (Turtle), so every test it lists is run:
//!
//! * evaluation tests: the canonical N-Quads of `testNNN-in.nq` are exactly `testNNN-rdfc10.nq`;
//! * map tests: the blank-node labels the canonicalization issues are those of
//!   `testNNN-rdfc10map.json`;
//! * negative ("poison") tests: the canonicalization refuses the input, within a bounded time,
//!   thanks to sophia's safeguards (a recursion depth and a limit on permutations).

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Quad, Term};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use wangluo::rdf::canonical::{canonical_nquads, sophia_dataset};

const MF: &str = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
const RDFC: &str = "https://w3c.github.io/rdf-canon/tests/vocab#";

/// How long a refusal may take. Sophia gives up after a fixed number of permutations, so a
/// poison graph is refused in well under a second in release builds; the bound leaves room for
/// unoptimized builds on a slow machine, and is far below what the unbounded algorithm takes.
const REFUSAL_BOUND: Duration = Duration::from_secs(60);

fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rdf-canon")
}

/// One entry of the manifest.
#[derive(Debug)]
struct CanonTest {
    id: String,
    kind: String,
    action: PathBuf,
    result: Option<PathBuf>,
    hash_algorithm: Option<String>,
}

/// The local file an IRI of the manifest names (the manifest's IRIs are relative to it).
fn file_of(iri: &NamedNode, base: &str) -> PathBuf {
    suite_dir().join(iri.as_str().strip_prefix(base).unwrap_or(iri.as_str()))
}

fn manifest() -> Vec<CanonTest> {
    let dir = suite_dir();
    let base = format!("file://{}/", dir.display());
    let text = std::fs::read(dir.join("manifest.ttl")).expect("manifest.ttl");
    let quads: Vec<Quad> = RdfParser::from_format(RdfFormat::Turtle)
        .with_base_iri(format!("{base}manifest.ttl"))
        .expect("base IRI")
        .for_slice(&text)
        .collect::<Result<_, _>>()
        .expect("the manifest parses");
    let object = |subject: &NamedOrBlankNode, predicate: &str| {
        quads
            .iter()
            .find(|q| &q.subject == subject && q.predicate.as_str() == predicate)
            .map(|q| q.object.clone())
    };
    let rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    let mut tests: Vec<CanonTest> = quads
        .iter()
        .filter(|q| q.predicate.as_str() == rdf_type)
        .filter_map(|q| {
            let Term::NamedNode(kind) = &q.object else {
                return None;
            };
            let kind = kind.as_str().strip_prefix(RDFC)?.to_owned();
            let NamedOrBlankNode::NamedNode(id) = &q.subject else {
                return None;
            };
            let file = |predicate: &str| match object(&q.subject, predicate) {
                Some(Term::NamedNode(n)) => Some(file_of(&n, &base)),
                _ => None,
            };
            let hash_algorithm = match object(&q.subject, &format!("{RDFC}hashAlgorithm")) {
                Some(Term::Literal(l)) => Some(l.value().to_owned()),
                _ => None,
            };
            Some(CanonTest {
                id: id
                    .as_str()
                    .rsplit('#')
                    .next()
                    .unwrap_or_default()
                    .to_owned(),
                kind,
                action: file(&format!("{MF}action"))?,
                result: file(&format!("{MF}result")),
                hash_algorithm,
            })
        })
        .collect();
    tests.sort_by(|a, b| a.id.cmp(&b.id));
    tests
}

fn read_quads(path: &Path) -> Vec<Quad> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    RdfParser::from_format(RdfFormat::NQuads)
        .with_default_graph(GraphName::DefaultGraph)
        .for_slice(&bytes)
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// wangluo's canonical N-Quads, with the test's hash function (SHA-256 unless it names another).
fn canonicalize(test: &CanonTest) -> Result<Vec<u8>, String> {
    let quads = read_quads(&test.action);
    match test.hash_algorithm.as_deref() {
        None | Some("SHA256") => canonical_nquads(&quads).map_err(|e| e.to_string()),
        Some("SHA384") => {
            let dataset = sophia_dataset(&quads).map_err(|e| e.to_string())?;
            let mut out = Vec::new();
            sophia::c14n::rdfc10::normalize_sha384(&dataset, &mut out)
                .map_err(|e| e.to_string())?;
            Ok(out)
        }
        Some(other) => Err(format!("unsupported hash algorithm {other}")),
    }
}

/// The labels issued to the input's blank nodes (input label → canonical label).
fn issued_labels(test: &CanonTest) -> Result<BTreeMap<String, String>, String> {
    let quads = read_quads(&test.action);
    let dataset = sophia_dataset(&quads).map_err(|e| e.to_string())?;
    let map = match test.hash_algorithm.as_deref() {
        Some("SHA384") => sophia::c14n::rdfc10::relabel_sha384(&dataset).map(|(_, m)| m),
        _ => sophia::c14n::rdfc10::relabel(&dataset).map(|(_, m)| m),
    }
    .map_err(|e| e.to_string())?;
    Ok(map
        .iter()
        .map(|(old, new)| (old.to_string(), new.as_str().to_owned()))
        .collect())
}

fn expected_labels(path: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(path).expect("map file");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_manifest_lists_every_kind_of_test() {
    let tests = manifest();
    let count = |kind: &str| tests.iter().filter(|t| t.kind == kind).count();
    assert_eq!(count("RDFC10EvalTest"), 64, "{tests:#?}");
    assert_eq!(count("RDFC10MapTest"), 21);
    assert_eq!(count("RDFC10NegativeEvalTest"), 1);
}

#[test]
fn evaluation_tests_give_the_expected_canonical_nquads() {
    let mut failures = Vec::new();
    let tests = manifest();
    for test in tests.iter().filter(|t| t.kind == "RDFC10EvalTest") {
        let expected = std::fs::read(test.result.as_ref().expect("a result file")).unwrap();
        match canonicalize(test) {
            Ok(actual) if actual == expected => {}
            Ok(actual) => failures.push(format!(
                "{}: got\n{}expected\n{}",
                test.id,
                String::from_utf8_lossy(&actual),
                String::from_utf8_lossy(&expected)
            )),
            Err(e) => failures.push(format!("{}: refused: {e}", test.id)),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn map_tests_issue_the_expected_blank_node_labels() {
    let mut failures = Vec::new();
    for test in manifest().iter().filter(|t| t.kind == "RDFC10MapTest") {
        let expected = expected_labels(test.result.as_ref().expect("a map file"));
        match issued_labels(test) {
            Ok(actual) if actual == expected => {}
            Ok(actual) => failures.push(format!("{}: {actual:?} != {expected:?}", test.id)),
            Err(e) => failures.push(format!("{}: refused: {e}", test.id)),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn poison_graphs_are_refused_within_bounded_work() {
    for test in manifest()
        .iter()
        .filter(|t| t.kind == "RDFC10NegativeEvalTest")
    {
        let start = Instant::now();
        let outcome = canonicalize(test);
        let took = start.elapsed();
        assert!(
            outcome.is_err(),
            "{}: a poison graph was canonicalized",
            test.id
        );
        assert!(
            took < REFUSAL_BOUND,
            "{}: refused only after {took:?}",
            test.id
        );
    }
}

/// `wangluo hash FILE…` on the suite's inputs prints, for each SHA-256 evaluation test, the
/// SHA-256 of the expected canonical N-Quads; a poison input is refused with one line naming it.
#[test]
fn wangluo_hash_of_any_file_is_the_hash_of_the_expected_canonical_form() {
    let tests: Vec<CanonTest> = manifest()
        .into_iter()
        .filter(|t| t.kind == "RDFC10EvalTest" && t.hash_algorithm.is_none())
        .collect();
    assert!(tests.len() >= 60, "{} evaluation tests", tests.len());
    let inputs: Vec<&str> = tests.iter().map(|t| crate::util::utf8(&t.action)).collect();
    let mut args = vec!["hash"];
    args.extend(&inputs);
    let run = crate::util::wangluo(&args).ok();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), tests.len(), "{}", run.stdout);
    for (test, line) in tests.iter().zip(lines) {
        let expected = std::fs::read(test.result.as_ref().expect("expected output")).expect("read");
        let hash = wangluo::util::hash::sha256_hex(&expected);
        assert_eq!(
            line,
            format!("{hash}  {}", test.action.display()),
            "{}",
            test.id
        );
    }
    for test in manifest()
        .iter()
        .filter(|t| t.kind == "RDFC10NegativeEvalTest")
    {
        let path = crate::util::utf8(&test.action);
        let line = crate::util::wangluo(&["hash", path]).error_line();
        assert!(
            line.contains(path) && line.contains("Too many permutations"),
            "{line}"
        );
    }
}
