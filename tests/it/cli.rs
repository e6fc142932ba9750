//! End-to-end tests of the `wangluo` command line: queries, exports and `--base`.
//!
//! Every test works in its own temporary directory, on a copy of the bundled annotation and text.

use crate::util::{
    assert_error, parse_rdf, repo, single_number, utf8, wangluo, Fixture, Run, TOML,
};
use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use oxigraph::model::{NamedNode, NamedOrBlankNode, Quad, Term, Triple};
use std::collections::{BTreeSet, HashSet};

const BASE: &str = "https://w3id.org/wangluo/";
const ONTOLOGY_GRAPH: &str = "https://w3id.org/wangluo/graph/ontology";
const DOCUMENT_GRAPH: &str = "https://w3id.org/wangluo/graph/rathor-2024";
const CURATION_GRAPH: &str = "https://w3id.org/wangluo/graph/curation/rathor-2024";
const ODNI: &str = "https://w3id.org/wangluo/id/odni";
const ODNI_LABEL: &str = "Office of the Director of National Intelligence";
const COUNT_TRIPLES: &str =
    "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }";

// ------------------------------------------------------------------------------------------
// Helpers
// ------------------------------------------------------------------------------------------

fn format_by_name(name: &str) -> RdfFormat {
    match name {
        "turtle" => RdfFormat::Turtle,
        "trig" => RdfFormat::TriG,
        "ntriples" => RdfFormat::NTriples,
        "nquads" => RdfFormat::NQuads,
        "rdfxml" => RdfFormat::RdfXml,
        "jsonld" => RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        },
        other => panic!("no such format {other}"),
    }
}

fn triples(quads: Vec<Quad>) -> HashSet<Triple> {
    quads.into_iter().map(Triple::from).collect()
}

fn has_blank_node(t: &Triple) -> bool {
    matches!(t.subject, NamedOrBlankNode::BlankNode(_)) || matches!(t.object, Term::BlankNode(_))
}

// ------------------------------------------------------------------------------------------
// 5. Queries (on the bundled in-memory graph)
// ------------------------------------------------------------------------------------------

fn query(args: &[&str]) -> Run {
    let mut all = vec!["query"];
    all.extend_from_slice(args);
    wangluo(&all)
}

#[test]
fn invalid_sparql_reports_line_and_column() {
    let line = query(&["--sparql", "SELECT ?x WHERE { ?x ?y }"]).error_line();
    // oxigraph reports `line:column` just past the offending token.
    assert_error(&line, "--sparql: invalid SPARQL: ", &["at 1:26"]);
    let line = query(&["--sparql", "SELECT ?x WHERE {\n  ?x ?y ?z .\n  FILTER( }"]).error_line();
    assert_error(&line, "--sparql: invalid SPARQL: ", &["at 3:12"]);
    // What was expected is said in words, not as the parser's Unicode ranges.
    let line = query(&["--sparql", "SELECT ?x WHERE { ?s ?p"]).error_line();
    assert_error(
        &line,
        "--sparql: invalid SPARQL: ",
        &["expected one of", "a name"],
    );
    assert!(!line.contains("\\u{"), "{line}");
}

#[test]
fn unknown_query_name_suggests_the_nearest() {
    let line = query(&["adversary-source"]).error_line();
    assert_error(
        &line,
        "unknown query `adversary-source`",
        &["did you mean `adversary-sources`?"],
    );
}

#[test]
fn missing_rq_file_is_named() {
    let line = query(&["no-such-question.rq"]).error_line();
    assert_error(&line, "no-such-question.rq: ", &["cannot read"]);
}

#[test]
fn ask_exits_0_when_true_and_1_when_false() {
    let yes = query(&["--sparql", "ASK { ?c wl:claimant wld:uscc }"]);
    assert_eq!(
        (yes.code, yes.stdout.as_str(), yes.stderr.as_str()),
        (Some(0), "true\n", "")
    );
    let no = query(&["--sparql", "ASK { ?c wl:claimant wld:nobody }"]);
    assert_eq!(
        (no.code, no.stdout.as_str(), no.stderr.as_str()),
        (Some(1), "false\n", "")
    );
}

const CLAIMS: &str =
    "SELECT ?claim ?label WHERE { ?claim a wl:Claim ; rdfs:label ?label } ORDER BY ?claim";

/// The claims of the bundled annotation, counted in its TOML (independently of the loader).
fn claims_in_annotation() -> usize {
    TOML.lines().filter(|l| l.trim() == "[[claim]]").count()
}

#[test]
fn json_results_parse_and_have_bindings() {
    let run = query(&["--sparql", CLAIMS, "--format", "json"]).ok();
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON results");
    assert_eq!(json["head"]["vars"], serde_json::json!(["claim", "label"]));
    let bindings = json["results"]["bindings"]
        .as_array()
        .expect("results.bindings");
    assert_eq!(bindings.len(), claims_in_annotation());
    for b in bindings {
        assert_eq!(b["claim"]["type"], "uri");
        assert!(b["claim"]["value"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{BASE}id/")));
        assert_eq!(b["label"]["xml:lang"], "en");
    }
}

#[test]
fn csv_results_start_with_the_header() {
    let run = query(&["--sparql", CLAIMS, "--format", "csv"]).ok();
    assert_eq!(run.stdout.lines().next(), Some("claim,label"));
    assert_eq!(run.csv_rows().len(), claims_in_annotation());
    assert!(run
        .csv_rows()
        .iter()
        .all(|r| r.starts_with(&format!("{BASE}id/"))));
}

#[test]
fn construct_prints_turtle() {
    let run = query(&[
        "--sparql",
        "CONSTRUCT { wld:odni ?p ?o } WHERE { wld:odni ?p ?o }",
    ])
    .ok();
    let triples = triples(parse_rdf(run.stdout.as_bytes(), RdfFormat::Turtle));
    let count = query(&[
        "--sparql",
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?p ?o WHERE { wld:odni ?p ?o } }",
        "--format",
        "csv",
    ])
    .ok();
    assert_eq!(triples.len(), single_number(&count));
    let odni = NamedNode::new(ODNI).unwrap();
    assert!(triples.iter().all(|t| t.subject == odni.clone().into()));
    let typed = Triple::new(
        odni,
        NamedNode::new("http://www.w3.org/1999/02/22-rdf-syntax-ns#type").unwrap(),
        NamedNode::new(format!("{BASE}ontology#IntelligenceAgency")).unwrap(),
    );
    assert!(triples.contains(&typed), "{}", run.stdout);
}

/// `--param` binds a variable that the query does not project, as the command's own help
/// example (`SELECT ?p ?o WHERE { ?s ?p ?o }' --param s=wld:odni`) does.
#[test]
fn param_binds_a_variable() {
    let run = query(&[
        "--sparql",
        r#"SELECT ?label WHERE { ?x rdfs:label ?label FILTER(LANG(?label)="en") }"#,
        "--param",
        "x=wld:odni",
        "--format",
        "csv",
    ])
    .ok();
    assert_eq!(
        run.stdout.lines().collect::<Vec<_>>(),
        ["label", ODNI_LABEL]
    );
}

/// A parameter for a variable the query does not have would change nothing: it is refused, and
/// the message names the variables the query does have.
#[test]
fn param_for_a_variable_the_query_lacks_is_refused_naming_its_variables() {
    let line = query(&["claims-about", "--param", "subjekt=wld:usa"]).error_line();
    assert_error(
        &line,
        "--param ?subjekt: ",
        &["no variable ?subjekt", "?subject"],
    );
    // The same query with its real parameter answers.
    let ok = query(&[
        "claims-about",
        "--param",
        "subject=wld:usa",
        "--format",
        "csv",
    ])
    .ok();
    assert!(ok.csv_rows().len() > 1, "{}", ok.stdout);
}

#[test]
fn param_value_is_bound_as_a_literal_not_injected() {
    let sparql = r#"SELECT ?x ?label WHERE { ?x rdfs:label ?label FILTER(LANG(?label)="en") }"#;
    // Control: an IRI value binds ?x to the ODNI.
    let bound = query(&[
        "--sparql",
        sparql,
        "--param",
        "x=wld:odni",
        "--format",
        "csv",
    ])
    .ok();
    assert_eq!(bound.csv_rows(), [format!("{ODNI},{ODNI_LABEL}")]);
    // SPARQL syntax in a value is a plain string: no resource is that literal, so no rows.
    let injected = query(&[
        "--sparql",
        sparql,
        "--param",
        "x=x } UNION { ?a ?b ?c",
        "--format",
        "csv",
    ])
    .ok();
    assert_eq!(injected.stdout.lines().collect::<Vec<_>>(), ["x,label"]);
    let quoted = query(&[
        "--sparql",
        sparql,
        "--param",
        r#"x="x } UNION { ?a ?b ?c""#,
        "--format",
        "csv",
    ])
    .ok();
    assert_eq!(quoted.stdout.lines().collect::<Vec<_>>(), ["x,label"]);
    // The same when the bound variable is not projected.
    let unprojected = query(&[
        "--sparql",
        "SELECT ?label WHERE { ?x rdfs:label ?label }",
        "--param",
        "x=x } UNION { ?a ?b ?c",
        "--format",
        "csv",
    ])
    .ok();
    assert_eq!(unprojected.stdout.lines().collect::<Vec<_>>(), ["label"]);
}

// ------------------------------------------------------------------------------------------
// 6. Export
// ------------------------------------------------------------------------------------------

const FORMATS: [(&str, bool); 6] = [
    ("turtle", false),
    ("trig", true),
    ("ntriples", false),
    ("nquads", true),
    ("rdfxml", false),
    ("jsonld", false),
];

#[test]
fn every_export_format_parses_back_with_the_store_counts_and_is_deterministic() {
    let fx = Fixture::new();
    fx.load(&[]).ok();
    let quads = fx.quad_count();
    let distinct_triples = single_number(&fx.query_csv(COUNT_TRIPLES));
    assert!(quads > 1000 && distinct_triples > 1000);
    for (name, keeps_graphs) in FORMATS {
        let first = fx.path(&format!("first.{name}"));
        let second = fx.path(&format!("second.{name}"));
        for out in [&first, &second] {
            let run = fx.at(&["export", "--format", name, "-o", utf8(out)]).ok();
            assert!(
                run.stdout.is_empty(),
                "export -o printed on stdout: {run:#?}"
            );
        }
        let bytes = std::fs::read(&first).unwrap();
        assert!(
            bytes == std::fs::read(&second).unwrap(),
            "two {name} exports differ"
        );
        let parsed = parse_rdf(&bytes, format_by_name(name));
        if keeps_graphs {
            let set: HashSet<Quad> = parsed.into_iter().collect();
            assert_eq!(set.len(), quads, "{name}: distinct quads");
            let graphs: BTreeSet<String> = set.iter().map(|q| q.graph_name.to_string()).collect();
            assert_eq!(
                graphs,
                BTreeSet::from([
                    format!("<{DOCUMENT_GRAPH}>"),
                    format!("<{CURATION_GRAPH}>"),
                    format!("<{ONTOLOGY_GRAPH}>")
                ]),
                "{name}: graph names"
            );
        } else {
            assert_eq!(
                triples(parsed).len(),
                distinct_triples,
                "{name}: distinct triples"
            );
        }
    }
}

#[test]
fn unknown_export_format_lists_the_valid_ones() {
    let fx = Fixture::new();
    let line = fx.run(&["export", "--format", "bogus"]).error_line();
    assert_error(
        &line,
        "--format bogus: ",
        &["turtle", "trig", "ntriples", "nquads", "rdfxml", "jsonld"],
    );
}

#[test]
fn export_into_a_missing_directory_names_the_path() {
    let fx = Fixture::new();
    let out = fx.path("no-such-dir").join("out.ttl");
    let line = fx.run(&["export", "-o", utf8(&out)]).error_line();
    assert_error(&line, &format!("{}: ", out.display()), &["cannot write"]);
    assert!(!fx.path("no-such-dir").exists());
}

#[test]
fn failed_export_leaves_the_old_file_untouched() {
    let fx = Fixture::new();
    let out = fx.write("out.ttl", "# an earlier export, kept as it is\n");
    let before = std::fs::read(&out).unwrap();
    let line = fx
        .run(&[
            "export",
            "--graph",
            "https://example.org/none",
            "-o",
            utf8(&out),
        ])
        .error_line();
    assert_error(
        &line,
        "--graph https://example.org/none: ",
        &["no such graph"],
    );
    assert!(
        std::fs::read(&out).unwrap() == before,
        "the old file was changed"
    );
    let mut names: Vec<_> = std::fs::read_dir(fx.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["out.ttl", "rathor-2024.toml", "rathor-2024.txt"],
        "temporary files left behind"
    );
}

#[test]
fn export_of_the_ontology_graph_holds_only_ontology_triples() {
    let fx = Fixture::new();
    let run = fx
        .run(&["export", "--graph", ONTOLOGY_GRAPH, "--format", "turtle"])
        .ok();
    let exported = triples(parse_rdf(run.stdout.as_bytes(), RdfFormat::Turtle));
    let construct = fx
        .run(&[
            "query",
            "--sparql",
            &format!(
                "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }}"
            ),
            "--format",
            "ntriples",
        ])
        .ok();
    let ontology = triples(parse_rdf(construct.stdout.as_bytes(), RdfFormat::NTriples));
    assert!(ontology.len() > 100);
    assert_eq!(exported.len(), ontology.len());
    let named = |set: &HashSet<Triple>| -> HashSet<Triple> {
        set.iter().filter(|t| !has_blank_node(t)).cloned().collect()
    };
    assert_eq!(named(&exported), named(&ontology));
    let items = format!("{BASE}id/");
    assert!(
        exported
            .iter()
            .all(|t| !t.subject.to_string().contains(&items)),
        "data items in the ontology graph"
    );
    let ontology_iri = NamedNode::new(format!("{BASE}ontology")).unwrap();
    assert!(exported
        .iter()
        .any(|t| t.subject == ontology_iri.clone().into()));
}

// ------------------------------------------------------------------------------------------
// 7. Bundled queries and --base
// ------------------------------------------------------------------------------------------

#[test]
fn queries_lists_every_rq_file() {
    let mut files: Vec<String> = std::fs::read_dir(repo().join("queries"))
        .unwrap()
        .filter_map(|e| {
            let path = e.unwrap().path();
            (path.extension()? == "rq")
                .then(|| path.file_stem().unwrap().to_str().unwrap().to_owned())
        })
        .collect();
    files.sort();
    assert!(files.contains(&"adversary-sources".to_owned()));
    let fx = Fixture::new();
    let csv = fx.run(&["queries", "--format", "csv"]).ok();
    assert_eq!(csv.stdout.lines().next(), Some("name,title,description"));
    let listed: Vec<String> = csv
        .csv_rows()
        .iter()
        .map(|r| r.split(',').next().unwrap().to_owned())
        .collect();
    assert_eq!(listed, files);
    let table = fx.run(&["queries"]).ok();
    for name in &files {
        assert!(
            table.stdout.contains(name.as_str()),
            "`wangluo queries` omits {name}"
        );
    }
}

const OTHER_BASE: &str = "https://example.org/kg/";

#[test]
fn another_base_moves_queries_and_exports() {
    let fx = Fixture::new();
    let default = fx
        .run(&["query", "adversary-sources", "--format", "csv"])
        .ok();
    let rebased = fx
        .run(&[
            "--base",
            OTHER_BASE,
            "query",
            "adversary-sources",
            "--format",
            "csv",
        ])
        .ok();
    assert!(rebased.csv_rows().len() > 1, "{rebased:#?}");
    assert!(rebased.stdout.contains(&format!("{OTHER_BASE}id/")));
    assert_eq!(rebased.stdout, default.stdout.replace(BASE, OTHER_BASE));

    let export = fx
        .run(&["--base", OTHER_BASE, "export", "--format", "ntriples"])
        .ok();
    assert!(export.stdout.contains(&format!("{OTHER_BASE}id/")));
    assert!(
        !export.stdout.contains(&format!("{BASE}id/")),
        "the default base leaks into the export"
    );
    let default_export = fx.run(&["export", "--format", "ntriples"]).ok();
    assert_eq!(
        export.stdout.lines().count(),
        default_export.stdout.lines().count()
    );
}

#[test]
fn a_base_that_is_not_an_iri_is_refused() {
    let fx = Fixture::new();
    for base in ["notaniri", "notaniri/"] {
        let line = fx.run(&["--base", base, "queries"]).error_line();
        assert_error(&line, &format!("--base {base}: "), &[]);
    }
}
