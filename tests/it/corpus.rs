//! The corpus: several annotation files that share their actors, loaded at once or one after the
//! other, checked against each other and against the store, and unloaded document by document.
//! Works on the small fixture corpus in tests/fixtures/ (not on the op-ed).

use crate::util::{repo, utf8, wangluo_in, Run, ERROR_PREFIX};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const WLD: &str = "https://w3id.org/wangluo/id/";
const GRAPH: &str = "https://w3id.org/wangluo/graph/";
const PREFIXES: &str = "PREFIX wl: <https://w3id.org/wangluo/ontology#>
PREFIX wld: <https://w3id.org/wangluo/id/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
";

fn fixture(path: &str) -> PathBuf {
    repo().join("tests/fixtures").join(path)
}

fn corpus() -> Vec<PathBuf> {
    [
        "corpus/entities/actors.toml",
        "corpus/alpha.toml",
        "corpus/beta.toml",
    ]
    .map(fixture)
    .to_vec()
}

/// A persistent store of its own, in a temporary directory.
struct Store {
    dir: TempDir,
}

impl Store {
    fn new() -> Self {
        Self {
            dir: TempDir::new().expect("temp dir"),
        }
    }

    /// `wangluo --store STORE ARGS`.
    fn run(&self, args: &[&str]) -> Run {
        let store = self.dir.path().join("store");
        let mut all = vec!["--store", utf8(&store)];
        all.extend_from_slice(args);
        wangluo_in(self.dir.path(), &all)
    }

    fn load(&self, files: &[PathBuf]) -> Run {
        let mut args = vec!["load"];
        args.extend(files.iter().map(|f| utf8(f)));
        self.run(&args)
    }

    fn loaded(self, files: &[PathBuf]) -> Self {
        self.load(files).ok();
        self
    }

    /// The rows of a SELECT, as CSV lines without the header.
    fn select(&self, sparql: &str) -> Vec<String> {
        let query = format!("{PREFIXES}{sparql}");
        let run = self
            .run(&["query", "--sparql", &query, "--format", "csv"])
            .ok();
        run.csv_rows()
            .iter()
            .map(|l| l.trim_end().to_owned())
            .collect()
    }

    /// The whole store as canonical N-Quads.
    fn canonical(&self) -> String {
        self.run(&["export", "--format", "nquads", "--canonical"])
            .ok()
            .stdout
    }
}

/// The one line on stderr of a failed run (exit 2), without the `wangluo: error: ` prefix.
#[track_caller]
fn error_line(run: &Run) -> String {
    run.error_line()
        .strip_prefix(ERROR_PREFIX)
        .expect("error prefix")
        .to_owned()
}

fn line_of(file: &Path, needle: &str) -> usize {
    let text = std::fs::read_to_string(file).expect("read fixture");
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle} not in {}", file.display()))
        + 1
}

#[test]
fn a_shared_entity_is_mentioned_in_every_text_and_claims_use_entities_of_other_files() {
    let store = Store::new().loaded(&corpus());
    // Xi Jinping is declared once, in the entity file, and found in both texts.
    let mentions = store.select(
        "SELECT ?doc (COUNT(?phrase) AS ?n) WHERE {
           ?phrase itsrdf:taIdentRef wld:xi-jinping ; nif:referenceContext ?doc .
         } GROUP BY ?doc ORDER BY ?doc",
    );
    assert_eq!(
        mentions,
        [format!("{WLD}alpha,1"), format!("{WLD}beta,1")],
        "Xi Jinping's mentions per text"
    );
    // ODNI is declared by alpha; beta names it by its alias twice.
    let odni_in_beta = store.select(
        "SELECT ?words WHERE {
           ?phrase itsrdf:taIdentRef wld:odni ; nif:referenceContext wld:beta ; nif:anchorOf ?words .
         } ORDER BY ?words",
    );
    assert_eq!(odni_in_beta, ["ODNI", "ODNI"]);
    // A claim of beta whose claimant alpha declares answers with alpha's label.
    let claimant = store.select(
        "SELECT ?label ?g WHERE {
           wld:beta-odni-stands wl:claimant ?who .
           GRAPH ?g { ?who rdfs:label ?label }
         }",
    );
    assert_eq!(
        claimant,
        [format!(
            "Office of the Director of National Intelligence,{GRAPH}alpha"
        )]
    );
    // The entity file has its own graph, and its entities carry no quote.
    let shared = store.select(
        "SELECT ?entity WHERE { GRAPH <https://w3id.org/wangluo/graph/entities/actors> { ?entity a ?class } } ORDER BY ?entity",
    );
    assert_eq!(shared, [format!("{WLD}china"), format!("{WLD}xi-jinping")]);
}

#[test]
fn loading_in_two_steps_gives_the_same_store_as_one_load() {
    let files = corpus();
    let at_once = Store::new().loaded(&files);
    let in_steps = Store::new().loaded(&files[..2]).loaded(&files[2..]);
    assert_eq!(at_once.canonical(), in_steps.canonical());
    // And reloading a document replaces its graph rather than adding to it.
    let reloaded = in_steps.loaded(&files[1..2]);
    assert_eq!(at_once.canonical(), reloaded.canonical());
}

#[test]
fn a_later_document_that_declares_an_entity_finds_its_mentions_in_earlier_texts() {
    let delta = fixture("corpus/delta.toml");
    let mut all = corpus();
    all.push(delta.clone());
    let at_once = Store::new().loaded(&all);
    let in_steps = Store::new().loaded(&corpus());
    let run = in_steps.load(std::slice::from_ref(&delta));
    let run = run.ok();
    assert!(
        run.stdout
            .contains(&format!("<{GRAPH}beta>  searched again")),
        "{}",
        run.stdout
    );
    let in_beta = in_steps.select(
        "SELECT ?words WHERE {
           ?p itsrdf:taIdentRef wld:cyber-sovereignty ; nif:referenceContext wld:beta ; nif:anchorOf ?words }",
    );
    assert_eq!(in_beta, ["cyber sovereignty"]);
    assert_eq!(at_once.canonical(), in_steps.canonical());
    // Unloading it takes its mentions out of the other texts again.
    in_steps.run(&["unload", "delta"]).ok();
    assert_eq!(
        in_steps.canonical(),
        Store::new().loaded(&corpus()).canonical()
    );
}

#[test]
fn each_document_keeps_its_own_values() {
    let store = Store::new().loaded(&corpus());
    let created = store.select(
        "PREFIX dcterms: <http://purl.org/dc/terms/>
         SELECT ?g ?t WHERE { GRAPH ?g { ?g dcterms:created ?t } } ORDER BY ?g",
    );
    assert_eq!(
        created,
        [
            format!("{GRAPH}alpha,2026-11-30T12:00:00Z"),
            format!("{GRAPH}beta,2026-12-01T08:30:00Z"),
        ]
    );
}

#[test]
fn each_claims_nanopublication_is_created_when_its_document_was_annotated() {
    let store = Store::new().loaded(&corpus());
    let out = store.dir.path().join("nanopubs");
    store.run(&["export", "--nanopubs", "-o", utf8(&out)]).ok();
    for (claim, time) in [
        ("alpha-china-adversary", "2026-11-30T12:00:00Z"),
        ("beta-odni-stands", "2026-12-01T08:30:00Z"),
    ] {
        let trig =
            std::fs::read_to_string(out.join(format!("{claim}.trig"))).expect("nanopub file");
        assert!(trig.contains(&format!("\"{time}\"^^")), "{claim}: {trig}");
    }
}

#[test]
fn unload_removes_one_graph_and_nothing_else() {
    let files = corpus();
    let store = Store::new().loaded(&files);
    let without_beta = Store::new().loaded(&files[..2]);
    let run = store.run(&["unload", "beta"]);
    let run = run.ok();
    assert!(
        run.stdout.contains(&format!("<{GRAPH}beta>  removed")),
        "{}",
        run.stdout
    );
    assert_eq!(store.canonical(), without_beta.canonical());
}

#[test]
fn unload_is_refused_while_another_document_uses_what_it_declares() {
    let store = Store::new().loaded(&corpus());
    let before = store.canonical();
    // beta's claims link to alpha's claim and name alpha's ODNI as claimant.
    let line = error_line(&store.run(&["unload", "alpha"]));
    assert!(
        line.contains("`alpha-china-adversary` is declared only there"),
        "{line}"
    );
    assert!(line.contains(&format!("<{GRAPH}beta>")), "{line}");
    assert_eq!(store.canonical(), before, "store unchanged");
    let line = error_line(&store.run(&["unload", "alhpa"]));
    assert!(line.contains("did you mean `alpha`"), "{line}");
}

/// Loads the corpus, then `bad` (alone, or with the corpus when `together`), and checks that the
/// load fails with one line and leaves the store as it was. Returns the line.
fn refused(bad: &str, together: bool) -> String {
    let store = Store::new().loaded(&corpus());
    let before = store.canonical();
    let mut files = if together { corpus() } else { Vec::new() };
    files.push(fixture(bad));
    let line = error_line(&store.load(&files));
    assert_eq!(store.canonical(), before, "store unchanged after {bad}");
    line
}

#[test]
fn the_same_id_with_different_content_names_both_files_and_lines() {
    let bad = fixture("broken/collision.toml");
    let alpha = fixture("corpus/alpha.toml");
    let here = format!("{}:{}", bad.display(), line_of(&bad, "id = \"odni\""));
    let there = format!("{}:{}", alpha.display(), line_of(&alpha, "id = \"odni\""));
    let line = refused("broken/collision.toml", true);
    assert!(line.starts_with(&format!("{here}: odni: ")), "{line}");
    assert!(
        line.contains("`ThinkTank`") && line.contains(&there),
        "{line}"
    );
    // Against the store: the other place is the graph that declares it.
    let line = refused("broken/collision.toml", false);
    assert!(line.starts_with(&format!("{here}: odni: ")), "{line}");
    assert!(line.contains(&format!("<{GRAPH}alpha>")), "{line}");
}

#[test]
fn a_dangling_reference_is_refused() {
    let bad = fixture("broken/dangling.toml");
    let line = refused("broken/dangling.toml", false);
    let place = format!(
        "{}:{}",
        bad.display(),
        line_of(&bad, "id = \"gamma-adversary\"")
    );
    assert!(
        line.starts_with(&format!(
            "{place}: gamma-adversary: claimant: unknown reference `nobody`"
        )),
        "{line}"
    );
}

#[test]
fn a_reference_of_the_wrong_kind_is_refused() {
    let line = refused("broken/wrong-kind.toml", false);
    assert!(
        line.contains("gamma-adversary: claimant: `alpha-china-adversary` is a claim"),
        "{line}"
    );
    assert!(line.contains("wl:Actor"), "{line}");
}

#[test]
fn a_claim_id_of_another_file_is_refused_in_one_load_and_against_the_store() {
    let alpha = fixture("corpus/alpha.toml");
    let there = format!(
        "{}:{}",
        alpha.display(),
        line_of(&alpha, "id = \"alpha-china-adversary\"")
    );
    let line = refused("broken/duplicate-claim.toml", true);
    assert!(
        line.contains("alpha-china-adversary: duplicate id"),
        "{line}"
    );
    assert!(line.contains(&there), "{line}");
    let line = refused("broken/duplicate-claim.toml", false);
    assert!(
        line.contains("alpha-china-adversary: duplicate id"),
        "{line}"
    );
}

/// What a claim of document A pertains to (`wl:pertainsTo`), with the graph that says it.
fn pertains_to(store: &Store) -> Vec<String> {
    store.select(
        "SELECT ?g ?e WHERE { GRAPH ?g { wld:alpha-xi-strong-nation wl:pertainsTo ?e } } ORDER BY ?e",
    )
}

#[test]
fn closures_follow_links_that_a_later_load_adds_or_an_unload_removes() {
    let links = fixture("closure/china-links.toml");
    let mut all = corpus();
    all.push(links.clone());
    let at_once = Store::new().loaded(&all);
    let in_steps = Store::new().loaded(&corpus());
    let curation = format!("{GRAPH}curation/alpha");
    assert_eq!(
        pertains_to(&in_steps),
        [format!("{curation},{WLD}wangluo-qiangguo")]
    );
    // The entity file links the concept to China: A's claim about it now pertains to China too.
    in_steps.load(std::slice::from_ref(&links)).ok();
    assert_eq!(
        pertains_to(&in_steps),
        [
            format!("{curation},{WLD}china"),
            format!("{curation},{WLD}wangluo-qiangguo")
        ]
    );
    assert_eq!(at_once.canonical(), in_steps.canonical());
    // Unloading the link takes China out again; unloading a document, its curation graph.
    in_steps.run(&["unload", "entities/china-links"]).ok();
    let corpus_only = Store::new().loaded(&corpus());
    assert_eq!(in_steps.canonical(), corpus_only.canonical());
    in_steps.run(&["unload", "beta"]).ok();
    let graphs = in_steps.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s wl:pertainsTo ?o } }");
    assert_eq!(graphs, [curation]);
}

#[test]
fn a_claim_is_characterized_within_every_broader_concept() {
    let store = Store::new().loaded(&corpus());
    let within = store.select(
        "SELECT ?c WHERE { wld:alpha-china-adversary wl:characterizedWithin ?c } ORDER BY ?c",
    );
    assert_eq!(
        within,
        ["https://w3id.org/wangluo/vocab/characterization/adversarial"]
    );
    // The op-ed's espionage claims are within adversarial; its threats within threat too.
    let kg = Store::new().loaded(&[repo().join("data/rathor-2024.toml")]);
    let rows = kg.select(
        "PREFIX wlc: <https://w3id.org/wangluo/vocab/characterization/>
         SELECT ?claim WHERE { ?claim wl:characterizedAs wlc:disinformation .
           FILTER NOT EXISTS { ?claim wl:characterizedWithin wlc:threat }
           FILTER NOT EXISTS { ?claim wl:characterizedWithin wlc:adversarial } }",
    );
    assert!(rows.is_empty(), "{rows:?}");
    let disinformation = kg.select(
        "PREFIX wlc: <https://w3id.org/wangluo/vocab/characterization/>
         SELECT ?claim WHERE { ?claim wl:characterizedAs wlc:disinformation }",
    );
    assert!(!disinformation.is_empty());
}
