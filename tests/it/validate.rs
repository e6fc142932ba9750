//! SHACL validation of the knowledge graph against `ontology/shapes.ttl` with `wangluo validate`
//! and `load --validate` (rudof's engine).
//!
//! The bundled graph (exported as N-Triples: the union of its graphs) must conform; copies of it
//! broken in one way per shape (`shacl_cases.rs`) must not, and the violation must name the right
//! focus node and path (or value, for the SHACL-SPARQL constraints). pySHACL gives the same
//! verdicts on the same copies in the interop tests (`tests/interop/shacl.rs`).

use crate::shacl_cases::{broken_cases, bundled_lines, iri, write_broken_copies, ID, NIF, OA, WL};
use crate::util::{repo, select_in, term_text, utf8, wangluo, Run};
use oxigraph::io::RdfFormat;
use oxigraph::store::Store;
use std::path::Path;
use tempfile::TempDir;

fn shapes_store() -> Store {
    let store = Store::new().unwrap();
    let shapes = std::fs::read(repo().join("ontology/shapes.ttl")).unwrap();
    store
        .load_from_slice(RdfFormat::Turtle, shapes.as_slice())
        .expect("ontology/shapes.ttl is valid Turtle");
    store
}

/// The first column of a SELECT query's solutions, as N-Triples terms.
fn select_column(store: &Store, sparql: &str) -> Vec<String> {
    select_in(store, sparql)
        .into_iter()
        .map(|row| {
            row.into_values()
                .next()
                .expect("a bound column")
                .to_string()
        })
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

/// The results of a report written by `--report`: (focus, path, value) as text (IRIs without
/// brackets, literals' values), and whether it says it conforms.
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
    let rows = select_in(
        &store,
        &format!(
            "SELECT ?f ?p ?v WHERE {{ ?rep <{SH}result> ?r . ?r a <{SH}ValidationResult> ;
                <{SH}focusNode> ?f ; <{SH}resultMessage> ?m ; <{SH}resultSeverity> ?s .
                OPTIONAL {{ ?r <{SH}resultPath> ?p }} OPTIONAL {{ ?r <{SH}value> ?v }} }}"
        ),
    );
    let text =
        |row: &crate::util::TermRow, var: &str| row.get(var).map(term_text).unwrap_or_default();
    let results = rows
        .iter()
        .map(|row| (text(row, "f"), text(row, "p"), text(row, "v")))
        .collect();
    (conforms[0].contains("true"), results)
}

/// Runs `wangluo validate FILE --report REPORT`.
fn wangluo_validate(file: &Path, report: &Path) -> Run {
    wangluo(&["validate", utf8(file), "--report", utf8(report)])
}

#[test]
fn wangluo_validate_finds_the_bundled_graph_conforming_and_every_broken_copy_not() {
    let dir = TempDir::new().unwrap();
    let lines = bundled_lines(dir.path());
    let run = wangluo_validate(&dir.path().join("bundled.nt"), &dir.path().join("ok.ttl"));
    assert_eq!(
        run.code,
        Some(0),
        "the bundled graph does not conform:\n{}",
        run.stdout
    );
    let (conforms, results) = report_results(&dir.path().join("ok.ttl"));
    assert!(conforms && results.is_empty(), "{results:?}");

    let cases = broken_cases(&lines);
    let files = write_broken_copies(dir.path(), &cases);
    let runs: Vec<_> = cases
        .iter()
        .zip(files)
        .enumerate()
        .map(|(i, (case, file))| (case, file, dir.path().join(format!("report-{i:02}.ttl"))))
        .collect();
    // Two at a time: each run is a process that compiles the shapes and loads the graph.
    let outcomes: Vec<Run> = std::thread::scope(|scope| {
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
    for ((case, _, report), run) in runs.iter().zip(outcomes) {
        let stdout = &run.stdout;
        assert_eq!(
            run.code,
            Some(1),
            "{}: exit {:?}, output:\n{stdout}",
            case.name,
            run.code
        );
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
                && e.path.as_deref().is_none_or(|ep| p == ep)
                && e.value.as_deref().is_none_or(|ev| v.contains(ev))
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
    let run = wangluo(&["validate"]).ok();
    assert!(run.stdout.contains("conforms"), "{run:?}");
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
    let line = wangluo(&[
        "validate",
        "--shapes",
        utf8(&shapes),
        "--report",
        utf8(&report),
    ])
    .error_line();
    assert!(
        line.starts_with(&format!("wangluo: error: {}:3:", shapes.display())),
        "{line}"
    );
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
    let run = wangluo(&["validate", "--shapes", utf8(&shapes)]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(run.stderr.contains("invalid SHACL shapes"), "{run:?}");
}

/// `wangluo --store STORE ARGS`.
fn at_store(store: &Path, args: &[&str]) -> Run {
    let mut all = vec!["--store", utf8(store)];
    all.extend_from_slice(args);
    wangluo(&all)
}

fn store_nquads(store: &Path, out: &Path) -> String {
    at_store(store, &["export", "--format", "nquads", "-o", utf8(out)]).ok();
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn load_validate_refuses_a_broken_copy_and_leaves_the_store_unchanged() {
    let dir = TempDir::new().unwrap();
    let store = dir.path().join("kg");
    at_store(&store, &["load"]).ok();
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

    let run = at_store(&store, &["load", "--validate", utf8(&broken_file)]);
    let stdout = &run.stdout;
    assert_eq!(run.code, Some(1), "{stdout}");
    assert!(
        stdout.contains("wld:odni-sophisticated-cyber-adversary  wl:claimant"),
        "{stdout}"
    );
    let after = store_nquads(&store, &dir.path().join("after.nq"));
    assert_eq!(before, after, "the store changed");

    // The unbroken copy passes the same check and loads.
    let before_file = dir.path().join("before.nq");
    at_store(&store, &["load", "--validate", utf8(&before_file)]).ok();

    // A store that does not exist yet is not created by a refused load.
    let new_store = dir.path().join("new");
    let refused = at_store(&new_store, &["load", "--validate", utf8(&broken_file)]);
    assert_eq!(refused.code, Some(1), "{refused:?}");
    assert!(!new_store.exists());
}
