//! `wangluo load` end to end: annotation errors (one line naming file, item and reason, exit 2,
//! store unchanged), reloading, RDF files, and stores that do not exist.
//!
//! Every test works in its own temporary directory: the annotation errors on a copy of the
//! fixture corpus (tests/fixtures/corpus/), the rest on a copy of the bundled annotation and text;
//! each loads a persistent store at most once (plus the load under test).

use crate::util::{assert_error, utf8, Fixture, ERROR_PREFIX};
use std::path::{Path, PathBuf};

const BASE: &str = "https://w3id.org/wangluo/";
const DOCUMENT_GRAPH: &str = "https://w3id.org/wangluo/graph/rathor-2024";
const ALPHA_GRAPH: &str = "https://w3id.org/wangluo/graph/alpha";

/// The fixture corpus (tests/fixtures/corpus/): the annotation the error tests modify, its
/// text, and the lines they change (each occurs exactly once in it).
const ALPHA_TOML: &str = include_str!("../fixtures/corpus/alpha.toml");
const ALPHA_TEXT: &str = include_str!("../fixtures/corpus/alpha.txt");
const ODNI_QUOTE: &str = r#"quotes = ["The Office of the Director of National Intelligence"]"#;
const ODNI_ID: &str = r#"id = "odni""#;
const ODNI_ALIASES: &str = r#"aliases = ["ODNI"]"#;
const ODNI_TYPE: &str = r#"type = "IntelligenceAgency""#;
const XI_CLAIMANT: &str = r#"claimant = "xi-jinping""#;
const CONCEPT_ID: &str = r#"id = "wangluo-qiangguo""#;
const ALPHA_DATE: &str = r#"date = "2025-03""#;

// ------------------------------------------------------------------------------------------
// Helpers
// ------------------------------------------------------------------------------------------

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

/// A copy of the fixture corpus in its own directory (`alpha.toml` is the one to modify).
fn corpus_fixture() -> (Fixture, Vec<PathBuf>) {
    let fx = Fixture::new();
    let src = crate::util::repo().join("tests/fixtures/corpus");
    std::fs::create_dir_all(fx.path("entities")).expect("entities dir");
    let mut files = Vec::new();
    for name in [
        "entities/actors.toml",
        "alpha.toml",
        "alpha.txt",
        "beta.toml",
        "beta.txt",
    ] {
        std::fs::copy(src.join(name), fx.path(name)).expect("copy fixture");
        if name.ends_with(".toml") {
            files.push(fx.path(name));
        }
    }
    (fx, files)
}

/// Loads the fixture corpus into a fresh store, applies `modify` to the copies, then loads an
/// extra valid Turtle file together with alpha's annotation, which must fail. Checks the error
/// contract and that the store (and the extra file's graph) is unchanged. Returns the annotation
/// loaded and the error line.
fn failed_annotation_load(modify: impl FnOnce(&Fixture)) -> (PathBuf, String) {
    let (fx, files) = corpus_fixture();
    let files: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    fx.load(&files).ok();
    let before = fx.snapshot();
    assert!(
        before.contains(ALPHA_GRAPH),
        "the good copy was loaded: {before}"
    );
    modify(&fx);
    let extra = fx.write(
        "extra.ttl",
        "<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n",
    );
    let alpha = fx.path("alpha.toml");
    let line = fx.load(&[&extra, &alpha]).error_line();
    assert_eq!(fx.snapshot(), before, "a failed load changed the store");
    (alpha, line)
}

/// A modification that replaces the only occurrence of `from` in alpha's annotation copy.
fn edit_toml(from: &'static str, to: &'static str) -> impl FnOnce(&Fixture) {
    move |fx| {
        let text = replace_once(ALPHA_TOML, from, to);
        std::fs::write(fx.path("alpha.toml"), text).expect("write modified annotation");
    }
}

/// `FILE:LINE: ITEM: `, the start of an error about the item whose line holds `needle`.
fn at(file: &Path, needle: &str, item: &str) -> String {
    format!(
        "{}:{}: {item}: ",
        file.display(),
        line_of(ALPHA_TOML, needle)
    )
}

// ------------------------------------------------------------------------------------------
// 1. Annotation errors
// ------------------------------------------------------------------------------------------

#[test]
fn annotation_quote_not_in_text() {
    let bad = r#"quotes = ["the Office of the Director of Imaginary Intelligence"]"#;
    let (toml, line) = failed_annotation_load(edit_toml(ODNI_QUOTE, bad));
    assert_error(
        &line,
        &at(&toml, ODNI_ID, "odni"),
        &[
            "not found",
            "\"the Office of the Director of Imaginary Intelligence\"",
        ],
    );
}

#[test]
fn annotation_unknown_reference() {
    let (toml, line) = failed_annotation_load(edit_toml(XI_CLAIMANT, r#"claimant = "nobody""#));
    assert_error(
        &line,
        &at(
            &toml,
            r#"id = "alpha-xi-strong-nation""#,
            "alpha-xi-strong-nation",
        ),
        &["claimant", "unknown reference", "`nobody`"],
    );
}

#[test]
fn annotation_duplicate_id() {
    let (toml, line) = failed_annotation_load(edit_toml(CONCEPT_ID, ODNI_ID));
    // The second declaration is the one refused (the concept's line, now `id = "odni"`).
    assert_error(
        &line,
        &at(&toml, CONCEPT_ID, "odni"),
        &["duplicate id `odni`"],
    );
}

#[test]
fn annotation_malformed_date() {
    let (toml, line) = failed_annotation_load(edit_toml(ALPHA_DATE, r#"date = "2016-13-45""#));
    assert_error(
        &line,
        &at(&toml, r#"id = "alpha""#, "alpha"),
        &["malformed date", "`2016-13-45`"],
    );
}

#[test]
fn annotation_unknown_type() {
    let (toml, line) = failed_annotation_load(edit_toml(ODNI_TYPE, r#"type = "SpyAgency""#));
    assert_error(
        &line,
        &at(&toml, ODNI_ID, "odni"),
        &["`SpyAgency`", "not a class of the ontology"],
    );
}

#[test]
fn annotation_unknown_link_property() {
    let bad = "aliases = [\"ODNI\"]\nlinks = { bolsters = \"china\" }";
    let (toml, line) = failed_annotation_load(edit_toml(ODNI_ALIASES, bad));
    assert_error(
        &line,
        &at(&toml, ODNI_ID, "odni"),
        &["links", "`bolsters`", "not an object property"],
    );
}

#[test]
fn annotation_ambiguous_quote() {
    let occurrences = ALPHA_TEXT.matches("that").count();
    assert!(
        occurrences >= 2,
        "the text must contain the quote several times"
    );
    let (toml, line) = failed_annotation_load(edit_toml(ODNI_QUOTE, r#"quotes = ["that"]"#));
    assert_error(
        &line,
        &at(&toml, ODNI_ID, "odni"),
        &[
            &format!("occurs {occurrences} times"),
            "occurrence",
            "\"that\"",
        ],
    );
}

#[test]
fn annotation_text_edited_after_annotation() {
    use sha2::{Digest, Sha256};
    let edited = format!("{ALPHA_TEXT}\nAn added sentence.\n");
    let actual: String = Sha256::digest(edited.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let recorded = ALPHA_TOML
        .lines()
        .find_map(|l| l.strip_prefix("sha256 = \""))
        .and_then(|l| l.strip_suffix('"'))
        .expect("sha256 line")
        .to_owned();
    let (toml, line) = failed_annotation_load(|fx| {
        fx.write("alpha.txt", &edited);
    });
    assert_error(
        &line,
        &format!("{}: ", toml.display()),
        &["alpha.txt", &actual, &recorded],
    );
}

#[test]
fn annotation_toml_syntax_error() {
    let line_no = line_of(ALPHA_TOML, ODNI_ID);
    let (toml, line) = failed_annotation_load(edit_toml(ODNI_ID, r#"id = "odni"#));
    let prefix = format!("{}:{line_no}:", toml.display());
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
    let line_no = line_of(ALPHA_TOML, ODNI_ALIASES);
    let (toml, line) = failed_annotation_load(edit_toml(ODNI_ALIASES, r#"alias = ["ODNI"]"#));
    assert_error(
        &line,
        &format!("{}:{line_no}:1: ", toml.display()),
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
    let line = fx.run(&["load", utf8(&toml)]).error_line();
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
        .run(&["--store", utf8(&empty), "query", "adversary-sources"])
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
        .run(&["--store", utf8(&missing), "query", "adversary-sources"])
        .error_line();
    assert_error(
        &line,
        &format!("store {}: ", missing.display()),
        &["no store"],
    );
    assert!(!missing.exists());
}
