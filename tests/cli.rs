//! End-to-end tests of the `wangluo` command line: loads, errors, queries, exports and `--base`.
//!
//! Every test works in its own temporary directory, on a copy of the bundled annotation and text,
//! and loads a persistent store at most once (plus the load under test).

use assert_cmd::Command;
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser};
use oxigraph::model::{NamedNode, NamedOrBlankNode, Quad, Term, Triple};
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const BASE: &str = "https://w3id.org/wangluo/";
const ONTOLOGY_GRAPH: &str = "https://w3id.org/wangluo/graph/ontology";
const DOCUMENT_GRAPH: &str = "https://w3id.org/wangluo/graph/rathor-2024";
const ODNI: &str = "https://w3id.org/wangluo/id/odni";
const ODNI_LABEL: &str = "Office of the Director of National Intelligence";
const COUNT_QUADS: &str = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
const COUNT_TRIPLES: &str =
    "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }";
const ERROR_PREFIX: &str = "wangluo: error: ";

/// Lines of the bundled annotation that the error tests modify (each occurs exactly once).
const ODNI_QUOTE: &str = r#"quotes = ["the Office of the Director of National Intelligence"]"#;
const ODNI_ID: &str = r#"id = "odni""#;
const SSF_ALIASES: &str = r#"aliases = ["SSF"]"#;
const ODNI_TYPE: &str = r#"type = "IntelligenceAgency""#;
const ODNI_LINKS: &str = r#"links = { country = "usa", partOf = "us-intelligence-community" }"#;
const ODNI_CLAIMANT: &str = r#"claimant = "odni""#;
const USIC_ID: &str = r#"id = "us-intelligence-community""#;
const DOCUMENT_DATE: &str = r#"date = "2024-06-08""#;

// ------------------------------------------------------------------------------------------
// Helpers
// ------------------------------------------------------------------------------------------

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bundled_toml() -> String {
    std::fs::read_to_string(repo().join("data/rathor-2024.toml")).expect("read bundled annotation")
}

fn bundled_text() -> String {
    std::fs::read_to_string(repo().join("data/rathor-2024.txt")).expect("read bundled text")
}

fn s(path: &Path) -> &str {
    path.to_str().expect("UTF-8 temporary path")
}

/// What one run of the binary did.
#[derive(Debug)]
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    /// Asserts exit code 0 and returns the run.
    #[track_caller]
    fn ok(self) -> Self {
        assert_eq!(self.code, Some(0), "expected success, got {self:#?}");
        self
    }

    /// Asserts the error contract: exit code 2, nothing on stdout, exactly one line on stderr
    /// starting with `wangluo: error: `. Returns that line.
    #[track_caller]
    fn error_line(&self) -> String {
        assert_eq!(self.code, Some(2), "expected exit code 2, got {self:#?}");
        let lines: Vec<&str> = self.stderr.lines().collect();
        assert_eq!(
            lines.len(),
            1,
            "expected exactly one line on stderr, got {self:#?}"
        );
        assert!(
            lines[0].starts_with(ERROR_PREFIX),
            "stderr does not start with `{ERROR_PREFIX}`: {self:#?}"
        );
        assert!(
            self.stdout.is_empty(),
            "a failed command printed on stdout: {self:#?}"
        );
        lines[0].to_owned()
    }

    /// The data lines of a CSV result (header excluded).
    fn csv_rows(&self) -> Vec<&str> {
        self.stdout.lines().skip(1).collect()
    }
}

/// Runs `wangluo ARGS` in `cwd` (a directory the test owns).
fn run_in(cwd: &Path, args: &[&str]) -> Run {
    let output = Command::cargo_bin("wangluo")
        .expect("the wangluo binary")
        .current_dir(cwd)
        .args(args)
        .output()
        .expect("run wangluo");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    }
}

/// Asserts that `line` starts with `wangluo: error: PREFIX` and contains every fragment.
#[track_caller]
fn assert_error(line: &str, prefix: &str, fragments: &[&str]) {
    let expected = format!("{ERROR_PREFIX}{prefix}");
    assert!(
        line.starts_with(&expected),
        "error line\n  {line}\ndoes not start with\n  {expected}"
    );
    for fragment in fragments {
        assert!(
            line.contains(fragment),
            "error line\n  {line}\ndoes not mention `{fragment}`"
        );
    }
}

/// Replaces the only occurrence of `from` in `text`.
#[track_caller]
fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(
        text.matches(from).count(),
        1,
        "`{from}` must occur exactly once"
    );
    text.replacen(from, to, 1)
}

/// 1-based line number of the only occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text.find(needle).expect("needle in text");
    text[..at].matches('\n').count() + 1
}

/// The single number of a one-cell CSV result (`n\r\n5509\r\n`).
#[track_caller]
fn single_number(run: &Run) -> usize {
    let rows = run.csv_rows();
    assert_eq!(rows.len(), 1, "expected one row: {run:#?}");
    rows[0].trim().parse().expect("a number")
}

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

/// Parses RDF with oxigraph, panicking (with the error) if it does not parse.
#[track_caller]
fn parse(bytes: &[u8], format: RdfFormat) -> Vec<Quad> {
    RdfParser::from_format(format)
        .for_slice(bytes)
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| panic!("output does not parse as {format}: {e}"))
}

fn triples(quads: Vec<Quad>) -> HashSet<Triple> {
    quads.into_iter().map(Triple::from).collect()
}

fn has_blank_node(t: &Triple) -> bool {
    matches!(t.subject, NamedOrBlankNode::BlankNode(_)) || matches!(t.object, Term::BlankNode(_))
}

/// A temporary directory holding copies of the bundled annotation and text, and a store `store/`.
struct Fixture {
    dir: TempDir,
}

impl Fixture {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temporary directory");
        for name in ["rathor-2024.toml", "rathor-2024.txt"] {
            std::fs::copy(repo().join("data").join(name), dir.path().join(name))
                .expect("copy data");
        }
        Self { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn toml(&self) -> PathBuf {
        self.path("rathor-2024.toml")
    }

    fn store(&self) -> PathBuf {
        self.path("store")
    }

    fn write(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, contents).expect("write test file");
        path
    }

    /// `wangluo ARGS` without a store.
    fn run(&self, args: &[&str]) -> Run {
        run_in(self.dir.path(), args)
    }

    /// `wangluo --store STORE ARGS`.
    fn at(&self, args: &[&str]) -> Run {
        let store = self.store();
        let mut all = vec!["--store", s(&store)];
        all.extend_from_slice(args);
        run_in(self.dir.path(), &all)
    }

    fn load(&self, files: &[&Path]) -> Run {
        let mut args = vec!["load"];
        args.extend(files.iter().map(|f| s(f)));
        self.at(&args)
    }

    fn query_csv(&self, sparql: &str) -> Run {
        self.at(&["query", "--sparql", sparql, "--format", "csv"])
            .ok()
    }

    fn quad_count(&self) -> usize {
        single_number(&self.query_csv(COUNT_QUADS))
    }

    /// Everything observable about the store's size: triples per graph, instances per class
    /// and the total number of quads.
    fn snapshot(&self) -> String {
        let stats = self.at(&["stats", "--format", "csv"]).ok().stdout;
        format!("{stats}total {}", self.quad_count())
    }
}

/// Loads the good copy into a fresh store, applies `modify` to the copies, then loads an extra
/// valid Turtle file together with the annotation, which must fail. Checks the error contract and
/// that the store (and the extra file's graph) is unchanged. Returns the fixture and the error line.
fn failed_annotation_load(modify: impl FnOnce(&Fixture)) -> (Fixture, String) {
    let fx = Fixture::new();
    fx.load(&[&fx.toml()]).ok();
    let before = fx.snapshot();
    assert!(
        before.contains(DOCUMENT_GRAPH),
        "the good copy was loaded: {before}"
    );
    modify(&fx);
    let extra = fx.write(
        "extra.ttl",
        "<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n",
    );
    let line = fx.load(&[&extra, &fx.toml()]).error_line();
    assert_eq!(fx.snapshot(), before, "a failed load changed the store");
    (fx, line)
}

/// A modification that replaces the only occurrence of `from` in the annotation copy.
fn edit_toml(from: &'static str, to: &'static str) -> impl FnOnce(&Fixture) {
    move |fx| {
        let text = replace_once(&bundled_toml(), from, to);
        std::fs::write(fx.toml(), text).expect("write modified annotation");
    }
}

// ------------------------------------------------------------------------------------------
// 1. Annotation errors
// ------------------------------------------------------------------------------------------

#[test]
fn annotation_quote_not_in_text() {
    let bad = r#"quotes = ["the Office of the Director of Imaginary Intelligence"]"#;
    let (fx, line) = failed_annotation_load(edit_toml(ODNI_QUOTE, bad));
    assert_error(
        &line,
        &format!("{}: odni: ", fx.toml().display()),
        &[
            "not found",
            "\"the Office of the Director of Imaginary Intelligence\"",
        ],
    );
}

#[test]
fn annotation_unknown_reference() {
    let (fx, line) = failed_annotation_load(edit_toml(ODNI_CLAIMANT, r#"claimant = "nobody""#));
    assert_error(
        &line,
        &format!(
            "{}: odni-sophisticated-cyber-adversary: ",
            fx.toml().display()
        ),
        &["claimant", "unknown reference", "`nobody`"],
    );
}

#[test]
fn annotation_duplicate_id() {
    let (fx, line) = failed_annotation_load(edit_toml(USIC_ID, ODNI_ID));
    assert_error(
        &line,
        &format!("{}: odni: ", fx.toml().display()),
        &["duplicate id `odni`"],
    );
}

#[test]
fn annotation_malformed_date() {
    let (fx, line) = failed_annotation_load(edit_toml(DOCUMENT_DATE, r#"date = "2016-13-45""#));
    assert_error(
        &line,
        &format!("{}: rathor-2024: ", fx.toml().display()),
        &["malformed date", "`2016-13-45`"],
    );
}

#[test]
fn annotation_unknown_type() {
    let (fx, line) = failed_annotation_load(edit_toml(ODNI_TYPE, r#"type = "SpyAgency""#));
    assert_error(
        &line,
        &format!("{}: odni: ", fx.toml().display()),
        &["`SpyAgency`", "not a class of the ontology"],
    );
}

#[test]
fn annotation_unknown_link_property() {
    let bad = r#"links = { homeland = "usa" }"#;
    let (fx, line) = failed_annotation_load(edit_toml(ODNI_LINKS, bad));
    assert_error(
        &line,
        &format!("{}: odni: ", fx.toml().display()),
        &["links", "`homeland`", "not an object property"],
    );
}

#[test]
fn annotation_ambiguous_quote() {
    let occurrences = bundled_text().matches("cyber superpower").count();
    assert!(
        occurrences >= 2,
        "the text must contain the quote several times"
    );
    let (fx, line) =
        failed_annotation_load(edit_toml(ODNI_QUOTE, r#"quotes = ["cyber superpower"]"#));
    assert_error(
        &line,
        &format!("{}: odni: ", fx.toml().display()),
        &[
            &format!("occurs {occurrences} times"),
            "occurrence",
            "\"cyber superpower\"",
        ],
    );
}

#[test]
fn annotation_text_edited_after_annotation() {
    use sha2::{Digest, Sha256};
    let edited = format!("{}\nAn added sentence.\n", bundled_text());
    let actual: String = Sha256::digest(edited.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let recorded = bundled_toml()
        .lines()
        .find_map(|l| l.strip_prefix("sha256 = \""))
        .and_then(|l| l.strip_suffix('"'))
        .expect("sha256 line")
        .to_owned();
    let (fx, line) = failed_annotation_load(|fx| {
        fx.write("rathor-2024.txt", &edited);
    });
    assert_error(
        &line,
        &format!("{}: ", fx.toml().display()),
        &["rathor-2024.txt", &actual, &recorded],
    );
}

#[test]
fn annotation_toml_syntax_error() {
    let line_no = line_of(&bundled_toml(), ODNI_ID);
    let (fx, line) = failed_annotation_load(edit_toml(ODNI_ID, r#"id = "odni"#));
    let prefix = format!("{}:{line_no}:", fx.toml().display());
    assert_error(&line, &prefix, &[]);
    let rest = &line[ERROR_PREFIX.len() + prefix.len()..];
    let (column, message) = rest.split_once(": ").expect("file:line:column: message");
    assert!(
        column.parse::<usize>().is_ok_and(|c| c > 0),
        "no column in {line}"
    );
    assert!(
        message.contains("string"),
        "the reason is not given: {line}"
    );
}

#[test]
fn annotation_unknown_key_in_entity() {
    let line_no = line_of(&bundled_toml(), SSF_ALIASES);
    let (fx, line) = failed_annotation_load(edit_toml(SSF_ALIASES, r#"alias = ["SSF"]"#));
    assert_error(
        &line,
        &format!("{}:{line_no}:1: ", fx.toml().display()),
        &["unknown field `alias`", "`aliases`"],
    );
}

// ------------------------------------------------------------------------------------------
// 2. Reloading and the bundled data
// ------------------------------------------------------------------------------------------

#[test]
fn reloading_an_annotation_does_not_duplicate_it() {
    let fx = Fixture::new();
    let first = fx.load(&[&fx.toml()]).ok();
    assert!(
        first.stdout.contains(&format!("<{DOCUMENT_GRAPH}>")),
        "{first:#?}"
    );
    let once = fx.snapshot();
    let count = fx.quad_count();
    assert!(count > 1000, "the op-ed was loaded: {count} quads");
    fx.load(&[&fx.toml()]).ok();
    assert_eq!(fx.snapshot(), once);
    assert_eq!(fx.quad_count(), count);
}

#[test]
fn load_without_files_loads_the_bundled_data() {
    let fx = Fixture::new();
    fx.load(&[]).ok();
    let copy = Fixture::new();
    copy.load(&[&copy.toml()]).ok();
    assert_eq!(fx.quad_count(), copy.quad_count());
    assert_eq!(fx.snapshot(), copy.snapshot());
    let export = |f: &Fixture| f.at(&["export", "--format", "nquads"]).ok().stdout;
    assert_eq!(
        export(&fx),
        export(&copy),
        "the bundled data differs from the file copy"
    );
}

// ------------------------------------------------------------------------------------------
// 3. RDF files
// ------------------------------------------------------------------------------------------

const SMALL_TTL: &str = "@prefix ex: <https://example.org/ns#> .\nex:alpha ex:knows ex:beta .\nex:beta ex:name \"Beta\"@en .\n";
const BROKEN_TTL: &str = "@prefix ex: <https://example.org/ns#> .\nex:alpha ex:knows ex:beta .\nex:gamma ex:knows \"unterminated .\n";

#[test]
fn turtle_file_loads_into_its_file_graph() {
    let fx = Fixture::new();
    let small = fx.write("small.ttl", SMALL_TTL);
    let graph = format!("{BASE}graph/file/small");
    let report = fx.load(&[&small]).ok();
    assert!(
        report.stdout.contains(&format!("2 triples  <{graph}>")),
        "{report:#?}"
    );
    let rows = fx.query_csv(&format!(
        "SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} ORDER BY ?s"
    ));
    assert_eq!(
        rows.csv_rows(),
        [
            "https://example.org/ns#alpha,https://example.org/ns#knows,https://example.org/ns#beta",
            "https://example.org/ns#beta,https://example.org/ns#name,Beta",
        ]
    );
    let graphs = fx.query_csv(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { <https://example.org/ns#alpha> ?p ?o } }",
    );
    assert_eq!(graphs.csv_rows(), [graph.as_str()]);
}

#[test]
fn turtle_syntax_error_names_file_and_line_and_changes_nothing() {
    let fx = Fixture::new();
    let small = fx.write("small.ttl", SMALL_TTL);
    fx.load(&[&small]).ok();
    let before = fx.snapshot();
    let other = fx.write(
        "other.ttl",
        "<https://example.org/x> <https://example.org/y> \"z\" .\n",
    );
    let broken = fx.write("broken.ttl", BROKEN_TTL);
    let line = fx.load(&[&other, &broken]).error_line();
    assert_error(&line, &format!("{}:3:", broken.display()), &[]);
    assert_eq!(fx.snapshot(), before);
    assert!(!before.contains("graph/file/other"));
}

#[test]
fn unknown_extension_is_refused_naming_the_file() {
    let fx = Fixture::new();
    let small = fx.write("small.ttl", SMALL_TTL);
    fx.load(&[&small]).ok();
    let before = fx.snapshot();
    let notes = fx.write(
        "notes.xyz",
        "<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n",
    );
    let line = fx.load(&[&notes]).error_line();
    assert_error(
        &line,
        &format!("{}: ", notes.display()),
        &["unknown format", ".ttl"],
    );
    assert_eq!(fx.snapshot(), before);
}

/// "Nothing may be changed on failure": a load that fails must not leave a new, empty store
/// behind in a directory that did not exist.
#[test]
fn failed_load_into_a_new_directory_creates_no_store() {
    let fx = Fixture::new();
    let notes = fx.write("notes.xyz", "not rdf\n");
    fx.load(&[&notes]).error_line();
    assert!(
        !fx.store().exists(),
        "a failed load created {}",
        fx.store().display()
    );
}

// ------------------------------------------------------------------------------------------
// 4. Stores
// ------------------------------------------------------------------------------------------

#[test]
fn load_without_store_fails_clearly() {
    let fx = Fixture::new();
    let toml = fx.toml();
    let line = fx.run(&["load", s(&toml)]).error_line();
    assert_error(&line, "", &["--store DIR", "`load`"]);
    let mut names: Vec<_> = std::fs::read_dir(fx.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["rathor-2024.toml", "rathor-2024.txt"],
        "load without --store wrote files"
    );
}

#[test]
fn query_on_a_directory_without_a_store_names_it() {
    let fx = Fixture::new();
    let empty = fx.path("empty");
    std::fs::create_dir(&empty).unwrap();
    let line = fx
        .run(&["--store", s(&empty), "query", "adversary-sources"])
        .error_line();
    assert_error(
        &line,
        &format!("store {}: ", empty.display()),
        &["no store"],
    );
    assert_eq!(
        std::fs::read_dir(&empty).unwrap().count(),
        0,
        "the empty directory was written to"
    );

    let missing = fx.path("missing");
    let line = fx
        .run(&["--store", s(&missing), "query", "adversary-sources"])
        .error_line();
    assert_error(
        &line,
        &format!("store {}: ", missing.display()),
        &["no store"],
    );
    assert!(!missing.exists());
}

// ------------------------------------------------------------------------------------------
// 5. Queries (on the bundled in-memory graph)
// ------------------------------------------------------------------------------------------

fn query(args: &[&str]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let mut all = vec!["query"];
    all.extend_from_slice(args);
    run_in(dir.path(), &all)
}

#[test]
fn invalid_sparql_reports_line_and_column() {
    let line = query(&["--sparql", "SELECT ?x WHERE { ?x ?y }"]).error_line();
    // oxigraph reports `line:column` just past the offending token.
    assert_error(&line, "--sparql: invalid SPARQL: ", &["at 1:26"]);
    let line = query(&["--sparql", "SELECT ?x WHERE {\n  ?x ?y ?z .\n  FILTER( }"]).error_line();
    assert_error(&line, "--sparql: invalid SPARQL: ", &["at 3:12"]);
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
    let yes = query(&["--sparql", "ASK { ?c wl:claimant wld:odni }"]);
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

fn claim_count() -> usize {
    bundled_toml()
        .lines()
        .filter(|l| l.trim() == "[[claim]]")
        .count()
}

#[test]
fn json_results_parse_and_have_bindings() {
    let run = query(&["--sparql", CLAIMS, "--format", "json"]).ok();
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON results");
    assert_eq!(json["head"]["vars"], serde_json::json!(["claim", "label"]));
    let bindings = json["results"]["bindings"]
        .as_array()
        .expect("results.bindings");
    assert_eq!(bindings.len(), claim_count());
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
    assert_eq!(run.csv_rows().len(), claim_count());
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
    let triples = triples(parse(run.stdout.as_bytes(), RdfFormat::Turtle));
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
            let run = fx.at(&["export", "--format", name, "-o", s(out)]).ok();
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
        let parsed = parse(&bytes, format_by_name(name));
        if keeps_graphs {
            let set: HashSet<Quad> = parsed.into_iter().collect();
            assert_eq!(set.len(), quads, "{name}: distinct quads");
            let graphs: BTreeSet<String> = set.iter().map(|q| q.graph_name.to_string()).collect();
            assert_eq!(
                graphs,
                BTreeSet::from([format!("<{DOCUMENT_GRAPH}>"), format!("<{ONTOLOGY_GRAPH}>")]),
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
    let line = fx.run(&["export", "-o", s(&out)]).error_line();
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
            s(&out),
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
    let exported = triples(parse(run.stdout.as_bytes(), RdfFormat::Turtle));
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
    let ontology = triples(parse(construct.stdout.as_bytes(), RdfFormat::NTriples));
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
