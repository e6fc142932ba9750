//! SHACL validation of the knowledge graph against `ontology/shapes.ttl`.
//!
//! The bundled graph (exported as N-Triples: the union of its graphs) must conform; copies of it
//! broken in one way per shape must not, and the violation must name the right focus node and
//! path (or value, for the SHACL-SPARQL constraints). The verdicts come from pySHACL
//! (`tests/shacl/pyshacl_verdicts.py`), run once on all files; `.ci/run` installs it. A machine
//! without python3 or pySHACL fails these tests: it does not skip them.

use assert_cmd::Command;
use oxigraph::io::RdfFormat;
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const ID: &str = "https://w3id.org/wangluo/id/";
const WL: &str = "https://w3id.org/wangluo/ontology#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const OA: &str = "http://www.w3.org/ns/oa#";
const NIF: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
const TA_IDENT_REF: &str = "http://www.w3.org/2005/11/its/rdf#taIdentRef";
const SKOS_PREF_LABEL: &str = "http://www.w3.org/2004/02/skos/core#prefLabel";
const DCTERMS_TITLE: &str = "http://purl.org/dc/terms/title";
const SCHEMA_VALUE: &str = "https://schema.org/value";
const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
const WESTERN: &str = "https://w3id.org/wangluo/vocab/perspective/western";
const CHINESE: &str = "https://w3id.org/wangluo/vocab/perspective/chinese";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shapes_path() -> PathBuf {
    repo().join("ontology/shapes.ttl")
}

/// The bundled graph as N-Triples lines, exported by `wangluo export` (sorted, so stable).
fn bundled_lines(dir: &Path) -> Vec<String> {
    let path = dir.join("bundled.nt");
    Command::cargo_bin("wangluo")
        .unwrap()
        .args(["export", "--format", "ntriples", "-o"])
        .arg(&path)
        .assert()
        .success();
    std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

fn iri(value: &str) -> String {
    format!("<{value}>")
}

/// The subject of a line, with its angle brackets.
fn subject(line: &str) -> &str {
    line.split(' ').next().unwrap_or_default()
}

/// Subjects (with brackets) of the lines `? predicate object`.
fn subjects_with(lines: &[String], predicate: &str, object: &str) -> Vec<String> {
    let needle = format!(" {} {object} .", iri(predicate));
    let mut found: Vec<String> = lines
        .iter()
        .filter(|l| l.ends_with(&needle))
        .map(|l| subject(l).to_owned())
        .collect();
    found.dedup();
    found
}

fn first_instance(lines: &[String], class: &str) -> String {
    subjects_with(lines, RDF_TYPE, &iri(class))
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("the bundled graph has no instance of {class}"))
}

/// Lines starting with `subject predicate`.
fn is_statement(line: &str, subject: &str, predicate: &str) -> bool {
    line.starts_with(&format!("{subject} {} ", iri(predicate)))
}

/// A copy without the lines that match; at least one must match, so no case is a silent no-op.
fn without(lines: &[String], matches: impl Fn(&str) -> bool) -> Vec<String> {
    let kept: Vec<String> = lines.iter().filter(|l| !matches(l)).cloned().collect();
    assert!(kept.len() < lines.len(), "the edit removed no line");
    kept
}

/// A copy where `from` is replaced by `to` in the lines that match (at least one).
fn replaced(lines: &[String], matches: impl Fn(&str) -> bool, from: &str, to: &str) -> Vec<String> {
    let mut changed = 0;
    let copy = lines
        .iter()
        .map(|l| {
            if matches(l) && l.contains(from) {
                changed += 1;
                l.replacen(from, to, 1)
            } else {
                l.clone()
            }
        })
        .collect();
    assert!(changed > 0, "the edit changed no line ({from} -> {to})");
    copy
}

fn with_line(lines: &[String], line: String) -> Vec<String> {
    let mut copy = lines.to_vec();
    copy.push(line);
    copy
}

/// What a broken copy must be reported for: a result with this focus node and, when given,
/// this path and a value containing `value`.
struct Expected {
    focus: String,
    path: Option<String>,
    value: Option<String>,
}

struct BrokenCase {
    name: &'static str,
    lines: Vec<String>,
    expected: Expected,
}

fn expect(focus: &str, path: Option<&str>, value: Option<&str>) -> Expected {
    Expected {
        focus: focus.trim_matches(['<', '>']).to_owned(),
        path: path.map(str::to_owned),
        value: value.map(|v| v.trim_matches(['<', '>']).to_owned()),
    }
}

/// One copy of the bundled graph per shape, each broken in one way.
fn broken_cases(lines: &[String]) -> Vec<BrokenCase> {
    let claim = iri(&format!("{ID}odni-sophisticated-cyber-adversary"));
    let quote = iri(&format!("{ID}rathor-2024/quote/odni/1"));
    let position = iri(&format!("{ID}rathor-2024/quote/odni/1#position"));
    let quote_selector = iri(&format!("{ID}rathor-2024/quote/odni/1#quote"));
    let annotation = iri(&format!("{ID}rathor-2024/annotation/odni/1"));
    let document = iri(&format!("{ID}rathor-2024"));
    let threat_assessment = iri(&format!("{ID}ata-2021"));
    let conference = iri(&format!("{ID}work-conference-2016"));
    let member = iri(&format!("{ID}wp-good-order"));
    let western_claim = iri(&format!("{ID}state-affiliated-hackers"));
    let author_claim = iri(&format!("{ID}oped-chinese-viewpoint"));
    let propositions = iri(&format!("{ID}five-propositions"));
    let concept = iri(&format!("{ID}cyber-sovereignty"));
    let threat = iri("https://w3id.org/wangluo/vocab/characterization/threat");
    let principles = iri(&format!("{ID}white-paper-principles"));
    let quantity = iri(&format!("{ID}ningxia-racks-2020"));
    let ssf = iri(&format!("{ID}ssf"));
    let western = iri(WESTERN);
    let mention = first_instance(lines, &format!("{NIF}Phrase"));
    let sentence = first_instance(lines, &format!("{NIF}Sentence"));
    let next_sentence = subjects_with(lines, RDF_TYPE, &iri(&format!("{NIF}Sentence")))
        .into_iter()
        .nth(1)
        .expect("two sentences");

    let wl = |local: &str| format!("{WL}{local}");
    let oa = |local: &str| format!("{OA}{local}");
    let nif = |local: &str| format!("{NIF}{local}");
    vec![
        BrokenCase {
            name: "claim without claimant",
            lines: without(lines, |l| is_statement(l, &claim, &wl("claimant"))),
            expected: expect(&claim, Some(&wl("claimant")), None),
        },
        BrokenCase {
            name: "claim with two perspectives",
            lines: with_line(
                lines,
                format!("{claim} {} {} .", iri(&wl("perspective")), iri(CHINESE)),
            ),
            expected: expect(&claim, Some(&wl("perspective")), None),
        },
        BrokenCase {
            name: "claim without subject",
            lines: without(lines, |l| is_statement(l, &claim, &wl("subject"))),
            expected: expect(&claim, Some(&wl("subject")), None),
        },
        BrokenCase {
            name: "claim without quote",
            lines: without(lines, |l| is_statement(l, &claim, &wl("hasQuote"))),
            expected: expect(&claim, Some(&wl("hasQuote")), None),
        },
        BrokenCase {
            name: "claim label not in English",
            lines: replaced(
                lines,
                |l| is_statement(l, &claim, RDFS_LABEL),
                "\"@en .",
                "\"@fr .",
            ),
            expected: expect(&claim, Some(RDFS_LABEL), None),
        },
        BrokenCase {
            name: "quote without source",
            lines: without(lines, |l| is_statement(l, &quote, &oa("hasSource"))),
            expected: expect(&quote, Some(&oa("hasSource")), None),
        },
        BrokenCase {
            name: "quote without position selector",
            lines: without(lines, |l| {
                is_statement(l, &quote, &oa("hasSelector")) && l.contains("#position>")
            }),
            expected: expect(&quote, Some(&oa("hasSelector")), None),
        },
        BrokenCase {
            name: "position selector without end",
            lines: without(lines, |l| is_statement(l, &position, &oa("end"))),
            expected: expect(&position, Some(&oa("end")), None),
        },
        BrokenCase {
            name: "quote selector without exact words",
            lines: without(lines, |l| is_statement(l, &quote_selector, &oa("exact"))),
            expected: expect(&quote_selector, Some(&oa("exact")), None),
        },
        BrokenCase {
            name: "quote offsets past the end of the text",
            lines: replaced(
                lines,
                |l| is_statement(l, &position, &oa("end")),
                "\"3103\"",
                "\"99999\"",
            ),
            expected: expect(&document, None, Some(&quote)),
        },
        BrokenCase {
            name: "quote offsets that no longer match the exact words",
            lines: replaced(
                lines,
                |l| is_statement(l, &position, &oa("start")),
                "\"3052\"",
                "\"3051\"",
            ),
            expected: expect(&document, None, Some(&quote)),
        },
        BrokenCase {
            name: "annotation with an unknown motivation",
            lines: replaced(
                lines,
                |l| is_statement(l, &annotation, &oa("motivatedBy")),
                "#identifying>",
                "#tagging>",
            ),
            expected: expect(&annotation, Some(&oa("motivatedBy")), None),
        },
        BrokenCase {
            name: "document without title",
            lines: without(lines, |l| is_statement(l, &threat_assessment, RDFS_LABEL)),
            expected: expect(&threat_assessment, Some(RDFS_LABEL), None),
        },
        BrokenCase {
            name: "annotated text without dcterms:title",
            lines: without(lines, |l| is_statement(l, &document, DCTERMS_TITLE)),
            expected: expect(&document, Some(DCTERMS_TITLE), None),
        },
        BrokenCase {
            name: "annotated text without document type",
            lines: without(lines, |l| {
                is_statement(l, &document, RDF_TYPE) && l.contains(&iri(&wl("OpEd")))
            }),
            expected: expect(&document, Some(RDF_TYPE), None),
        },
        BrokenCase {
            name: "date that is a plain string",
            lines: replaced(
                lines,
                |l| is_statement(l, &conference, &wl("date")),
                &format!("^^<{XSD}date>"),
                "",
            ),
            expected: expect(&conference, Some(&wl("date")), None),
        },
        BrokenCase {
            name: "member missing from its set's skos:memberList",
            lines: with_line(lines, format!("{principles} <{SKOS}member> <{ID}china> .")),
            expected: expect(
                &principles,
                Some(&format!("{SKOS}member")),
                Some(&format!("{ID}china")),
            ),
        },
        BrokenCase {
            name: "list element that is not a skos:member of the set",
            lines: without(lines, |l| {
                is_statement(l, &principles, &format!("{SKOS}member")) && l.contains(&member)
            }),
            expected: expect(
                &principles,
                Some(&format!("{SKOS}memberList")),
                Some(&member),
            ),
        },
        BrokenCase {
            name: "Western-perspective claim held by the op-ed's author",
            lines: replaced(
                lines,
                |l| is_statement(l, &western_claim, &wl("claimant")),
                &format!("{ID}the-west"),
                &format!("{ID}prashant-rathor"),
            ),
            expected: expect(&western_claim, Some(&wl("claimant")), Some(WESTERN)),
        },
        BrokenCase {
            name: "author's-perspective claim held by someone else",
            lines: replaced(
                lines,
                |l| is_statement(l, &author_claim, &wl("claimant")),
                &format!("{ID}prashant-rathor"),
                &format!("{ID}the-west"),
            ),
            expected: expect(
                &author_claim,
                Some(&wl("claimant")),
                Some(&format!("{ID}the-west")),
            ),
        },
        BrokenCase {
            name: "set proposed by another actor than its claims' claimant",
            lines: replaced(
                lines,
                |l| is_statement(l, &propositions, &wl("proposedBy")),
                &format!("{ID}china"),
                &format!("{ID}xi-jinping"),
            ),
            expected: expect(
                &propositions,
                Some(&wl("proposedBy")),
                Some(&format!("{ID}china")),
            ),
        },
        BrokenCase {
            name: "alternative claimants without a note",
            lines: without(lines, |l| {
                is_statement(l, &western_claim, &wl("attributionNote"))
            }),
            expected: expect(&western_claim, Some(&wl("attributionNote")), None),
        },
        BrokenCase {
            name: "concept outside any concept scheme",
            lines: without(lines, |l| {
                is_statement(l, &concept, &format!("{SKOS}inScheme"))
            }),
            expected: expect(&concept, Some(&format!("{SKOS}inScheme")), None),
        },
        BrokenCase {
            name: "characterization without a Chinese label",
            lines: without(lines, |l| {
                is_statement(l, &threat, SKOS_PREF_LABEL) && l.ends_with("@zh .")
            }),
            expected: expect(&threat, Some(SKOS_PREF_LABEL), None),
        },
        BrokenCase {
            name: "quantity whose value is not an integer",
            lines: replaced(
                lines,
                |l| is_statement(l, &quantity, SCHEMA_VALUE),
                &format!("\"30000\"^^<{XSD}integer>"),
                &format!("\"30000.5\"^^<{XSD}decimal>"),
            ),
            expected: expect(&quantity, Some(SCHEMA_VALUE), None),
        },
        BrokenCase {
            name: "entity without type",
            lines: without(lines, |l| is_statement(l, &ssf, RDF_TYPE)),
            expected: expect(&ssf, Some(RDF_TYPE), None),
        },
        BrokenCase {
            name: "perspective without label",
            lines: without(lines, |l| is_statement(l, &western, SKOS_PREF_LABEL)),
            expected: expect(&western, Some(SKOS_PREF_LABEL), None),
        },
        BrokenCase {
            name: "mention of an entity that does not exist",
            lines: {
                let target = lines
                    .iter()
                    .find(|l| is_statement(l, &mention, TA_IDENT_REF))
                    .map(|l| l.split(' ').nth(2).unwrap_or_default().to_owned())
                    .expect("the mention's entity");
                replaced(
                    lines,
                    |l| is_statement(l, &mention, TA_IDENT_REF),
                    &target,
                    &iri(&format!("{ID}nobody")),
                )
            },
            expected: expect(&mention, Some(TA_IDENT_REF), None),
        },
        BrokenCase {
            name: "sentence without anchor",
            lines: without(lines, |l| is_statement(l, &sentence, &nif("anchorOf"))),
            expected: expect(&sentence, Some(&nif("anchorOf")), None),
        },
        BrokenCase {
            name: "mention whose anchor is not the text at its offsets",
            // The anchor is a plain string at the end of its line: append a character to it.
            lines: replaced(
                lines,
                |l| is_statement(l, &mention, &nif("anchorOf")) && l.ends_with("\" ."),
                "\" .",
                "X\" .",
            ),
            expected: expect(&document, None, Some(&mention)),
        },
        BrokenCase {
            name: "sentence with two next sentences",
            lines: with_line(
                lines,
                format!("{sentence} {} {next_sentence} .", iri(&nif("nextSentence"))),
            ),
            expected: expect(&sentence, Some(&nif("nextSentence")), None),
        },
    ]
}

/// pySHACL's verdicts on `files`, in order: (conforms, results).
fn pyshacl_verdicts(files: &[PathBuf]) -> Vec<(bool, Vec<Value>)> {
    let script = repo().join("tests/shacl/pyshacl_verdicts.py");
    let output = std::process::Command::new("python3")
        .arg(&script)
        .arg(shapes_path())
        .args(files)
        .output()
        .unwrap_or_else(|e| panic!("cannot run python3 (needed for pySHACL): {e}"));
    assert!(
        output.status.success(),
        "pySHACL failed (is it installed? `python3 -m pip install pyshacl`): {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    let verdicts: Vec<(bool, Vec<Value>)> = stdout
        .lines()
        .map(|line| {
            let v: Value = serde_json::from_str(line).unwrap();
            (
                v["conforms"].as_bool().unwrap(),
                v["results"].as_array().unwrap().clone(),
            )
        })
        .collect();
    assert_eq!(verdicts.len(), files.len(), "one verdict per file");
    verdicts
}

fn describe(results: &[Value]) -> String {
    results
        .iter()
        .take(10)
        .map(|r| {
            format!(
                "{} {} {} — {}",
                r["focus"], r["path"], r["value"], r["message"]
            )
        })
        .collect::<Vec<_>>()
        .join("\n  ")
}

#[test]
fn pyshacl_finds_the_bundled_graph_conforming_and_every_broken_copy_not() {
    let dir = TempDir::new().unwrap();
    let lines = bundled_lines(dir.path());
    let cases = broken_cases(&lines);
    let mut files = vec![dir.path().join("bundled.nt")];
    for (i, case) in cases.iter().enumerate() {
        let path = dir.path().join(format!("broken-{i:02}.nt"));
        std::fs::write(&path, case.lines.join("\n") + "\n").unwrap();
        files.push(path);
    }
    let verdicts = pyshacl_verdicts(&files);

    let (conforms, results) = &verdicts[0];
    assert!(
        *conforms && results.is_empty(),
        "the bundled graph does not conform:\n  {}",
        describe(results)
    );
    for (case, (conforms, results)) in cases.iter().zip(&verdicts[1..]) {
        assert!(!conforms, "{}: pySHACL found it conforming", case.name);
        let e = &case.expected;
        let found = results.iter().any(|r| {
            r["focus"].as_str() == Some(e.focus.as_str())
                && e.path
                    .as_deref()
                    .map_or(true, |p| r["path"].as_str() == Some(p))
                && e.value.as_deref().map_or(true, |v| {
                    r["value"].as_str().is_some_and(|rv| rv.contains(v))
                })
        });
        assert!(
            found,
            "{}: no result with focus {} path {:?} value {:?}; results:\n  {}",
            case.name,
            e.focus,
            e.path,
            e.value,
            describe(results)
        );
        assert!(
            results.iter().all(|r| r["message"].as_str().is_some()),
            "{}: a result without message",
            case.name
        );
    }
}

fn shapes_store() -> Store {
    let store = Store::new().unwrap();
    let shapes = std::fs::read(shapes_path()).unwrap();
    store
        .load_from_slice(RdfFormat::Turtle, shapes.as_slice())
        .expect("ontology/shapes.ttl is valid Turtle");
    store
}

fn select_column(store: &Store, sparql: &str) -> Vec<String> {
    let QueryResults::Solutions(rows) = SparqlEvaluator::new()
        .parse_query(sparql)
        .unwrap()
        .on_store(store)
        .execute()
        .unwrap()
    else {
        panic!("not a SELECT")
    };
    rows.map(|row| row.unwrap().values()[0].as_ref().unwrap().to_string())
        .collect()
}

#[test]
fn every_constraint_of_the_shapes_carries_a_message() {
    let store = shapes_store();
    let without_message = select_column(
        &store,
        "PREFIX sh: <http://www.w3.org/ns/shacl#>
         SELECT ?c WHERE {
            { ?shape sh:property ?c } UNION { ?shape sh:sparql ?c }
            FILTER NOT EXISTS { ?c sh:message ?m }
         }",
    );
    assert!(
        without_message.is_empty(),
        "constraints without sh:message: {without_message:?}"
    );
    let shapes = select_column(
        &store,
        "PREFIX sh: <http://www.w3.org/ns/shacl#>
         SELECT ?s WHERE { ?s a sh:NodeShape FILTER isIRI(?s) }",
    );
    assert!(shapes.len() >= 15, "named shapes: {shapes:?}");
}

#[test]
fn shapes_cover_every_class_of_the_claims_quotes_documents_sets_and_text() {
    let store = shapes_store();
    let targets = select_column(
        &store,
        "PREFIX sh: <http://www.w3.org/ns/shacl#>
         SELECT ?t WHERE { ?s sh:targetClass ?t }",
    );
    for class in [
        format!("{WL}Claim"),
        format!("{WL}Document"),
        format!("{WL}OrderedSet"),
        format!("{WL}Quantity"),
        format!("{WL}Perspective"),
        format!("{WL}Characterization"),
        format!("{OA}SpecificResource"),
        format!("{OA}TextPositionSelector"),
        format!("{OA}TextQuoteSelector"),
        format!("{OA}Annotation"),
        format!("{NIF}Context"),
        format!("{NIF}Paragraph"),
        format!("{NIF}Sentence"),
        format!("{NIF}Phrase"),
    ] {
        assert!(
            targets.contains(&iri(&class)),
            "no shape targets {class}: {targets:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// `wangluo validate` and `load --validate`: the Rust engine gives the same verdicts as pySHACL.

const SH: &str = "http://www.w3.org/ns/shacl#";

/// The results of a report written by `--report`: (focus, path, value) as N-Triples terms without
/// brackets, and whether it says it conforms.
fn report_results(report: &Path) -> (bool, Vec<(String, String, String)>) {
    let store = Store::new().unwrap();
    let text = std::fs::read(report).expect("--report wrote the report");
    store
        .load_from_slice(RdfFormat::Turtle, text.as_slice())
        .expect("the report is valid Turtle");
    let conforms = select_column(
        &store,
        &format!("SELECT ?c WHERE {{ ?r a <{SH}ValidationReport> ; <{SH}conforms> ?c }}"),
    );
    assert_eq!(conforms.len(), 1, "one sh:conforms: {conforms:?}");
    let QueryResults::Solutions(rows) = SparqlEvaluator::new()
        .parse_query(&format!(
            "SELECT ?f ?p ?v WHERE {{ ?rep <{SH}result> ?r . ?r a <{SH}ValidationResult> ;
                <{SH}focusNode> ?f ; <{SH}resultMessage> ?m ; <{SH}resultSeverity> ?s .
                OPTIONAL {{ ?r <{SH}resultPath> ?p }} OPTIONAL {{ ?r <{SH}value> ?v }} }}"
        ))
        .unwrap()
        .on_store(&store)
        .execute()
        .unwrap()
    else {
        panic!("not a SELECT")
    };
    let text = |t: Option<&oxigraph::model::Term>| match t {
        Some(oxigraph::model::Term::NamedNode(n)) => n.as_str().to_owned(),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let results = rows
        .map(|row| {
            let row = row.unwrap();
            (text(row.get("f")), text(row.get("p")), text(row.get("v")))
        })
        .collect();
    (conforms[0].contains("true"), results)
}

/// Runs `wangluo validate FILE --report REPORT`: exit code, stdout.
fn wangluo_validate(file: &Path, report: &Path) -> (i32, String) {
    let output = Command::cargo_bin("wangluo")
        .unwrap()
        .arg("validate")
        .arg(file)
        .arg("--report")
        .arg(report)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn wangluo_validate_finds_the_bundled_graph_conforming_and_every_broken_copy_not() {
    let dir = TempDir::new().unwrap();
    let lines = bundled_lines(dir.path());
    let (code, stdout) =
        wangluo_validate(&dir.path().join("bundled.nt"), &dir.path().join("ok.ttl"));
    assert_eq!(code, 0, "the bundled graph does not conform:\n{stdout}");
    let (conforms, results) = report_results(&dir.path().join("ok.ttl"));
    assert!(conforms && results.is_empty(), "{results:?}");

    let cases = broken_cases(&lines);
    let mut runs = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let path = dir.path().join(format!("broken-{i:02}.nt"));
        std::fs::write(&path, case.lines.join("\n") + "\n").unwrap();
        runs.push((case, path, dir.path().join(format!("report-{i:02}.ttl"))));
    }
    // Two at a time: each run is a process that compiles the shapes and loads the graph.
    let outcomes: Vec<(i32, String)> = std::thread::scope(|scope| {
        let handles: Vec<_> = runs
            .chunks(runs.len().div_ceil(2))
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|(_, file, report)| wangluo_validate(file, report))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    let base = wangluo::vocab::Base::default();
    for ((case, _, report), (code, stdout)) in runs.iter().zip(outcomes) {
        assert_eq!(code, 1, "{}: exit {code}, output:\n{stdout}", case.name);
        let e = &case.expected;
        let focus = base.compact(&e.focus);
        assert!(
            stdout.lines().any(|l| l.contains(&format!(" {focus} "))),
            "{}: the output does not name {focus}:\n{stdout}",
            case.name
        );
        assert!(
            stdout.contains("does not conform"),
            "{}: {stdout}",
            case.name
        );
        let (conforms, results) = report_results(report);
        assert!(!conforms, "{}: the report says it conforms", case.name);
        let found = results.iter().any(|(f, p, v)| {
            *f == e.focus
                && e.path.as_deref().map_or(true, |ep| p == ep)
                && e.value.as_deref().map_or(true, |ev| v.contains(ev))
        });
        assert!(
            found,
            "{}: no result with focus {} path {:?} value {:?}: {results:?}",
            case.name, e.focus, e.path, e.value
        );
    }
}

#[test]
fn validate_without_files_checks_the_bundled_graph() {
    Command::cargo_bin("wangluo")
        .unwrap()
        .arg("validate")
        .assert()
        .code(0)
        .stdout(predicates::str::contains("conforms"));
}

#[test]
fn invalid_shapes_file_exits_2_naming_file_and_line() {
    let dir = TempDir::new().unwrap();
    let shapes = dir.path().join("shapes.ttl");
    std::fs::write(
        &shapes,
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n\
         <http://example.org/S> a sh:NodeShape ;\n  sh:property [ sh:path <http://example.org/p> sh:minCount 1 ] .\n",
    )
    .unwrap();
    let report = dir.path().join("report.ttl");
    let output = Command::cargo_bin("wangluo")
        .unwrap()
        .args(["validate", "--shapes"])
        .arg(&shapes)
        .arg("--report")
        .arg(&report)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with(&format!("wangluo: error: {}:3:", shapes.display())),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        !report.exists(),
        "a report was written for unreadable shapes"
    );
}

#[test]
fn shapes_that_are_not_shacl_exit_2() {
    let dir = TempDir::new().unwrap();
    let shapes = dir.path().join("shapes.ttl");
    std::fs::write(
        &shapes,
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n\
         <http://example.org/S> a sh:NodeShape ; sh:targetClass <http://example.org/C> ;\n\
           sh:property [ sh:path \"not a path\" ; sh:minCount 1 ] .\n",
    )
    .unwrap();
    Command::cargo_bin("wangluo")
        .unwrap()
        .args(["validate", "--shapes"])
        .arg(&shapes)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("invalid SHACL shapes"));
}

fn wangluo_in(store: &Path) -> Command {
    let mut cmd = Command::cargo_bin("wangluo").unwrap();
    cmd.arg("--store").arg(store);
    cmd
}

fn store_nquads(store: &Path, out: &Path) -> String {
    wangluo_in(store)
        .args(["export", "--format", "nquads", "-o"])
        .arg(out)
        .assert()
        .success();
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn load_validate_refuses_a_broken_copy_and_leaves_the_store_unchanged() {
    let dir = TempDir::new().unwrap();
    let store = dir.path().join("kg");
    wangluo_in(&store).arg("load").assert().success();
    let before = store_nquads(&store, &dir.path().join("before.nq"));
    // The annotation's graphs as N-Quads, the claim's claimant removed: loading the file replaces
    // the document's graph.
    let claimant = format!("<{ID}odni-sophisticated-cyber-adversary> <{WL}claimant> ");
    let broken: Vec<&str> = before
        .lines()
        .filter(|l| !l.starts_with(&claimant))
        .collect();
    assert_eq!(
        broken.len() + 1,
        before.lines().count(),
        "one claimant removed"
    );
    let broken_file = dir.path().join("broken.nq");
    std::fs::write(&broken_file, broken.join("\n") + "\n").unwrap();

    let output = wangluo_in(&store)
        .args(["load", "--validate"])
        .arg(&broken_file)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("wld:odni-sophisticated-cyber-adversary  wl:claimant"),
        "{stdout}"
    );
    let after = store_nquads(&store, &dir.path().join("after.nq"));
    assert_eq!(before, after, "the store changed");

    // The unbroken copy passes the same check and loads.
    wangluo_in(&store)
        .args(["load", "--validate"])
        .arg(dir.path().join("before.nq"))
        .assert()
        .success();

    // A store that does not exist yet is not created by a refused load.
    let new_store = dir.path().join("new");
    wangluo_in(&new_store)
        .args(["load", "--validate"])
        .arg(&broken_file)
        .assert()
        .code(1);
    assert!(!new_store.exists());
}
