//! `wangluo load DIR`: every annotation and RDF file under a folder, in path order; one bad
//! document loads nothing, unless --keep-going (each failure one line, the rest loaded, exit 3);
//! the closing summary; a store locked by a writer (one line naming the process, exit 2) while
//! readers work beside it.

use crate::scale::generate;
use crate::util::wangluo_in;
use std::path::Path;

const DOC_GRAPH: &str = "https://w3id.org/wangluo/graph/doc-";

/// A temporary directory with a generated corpus (`wangluo gen-corpus`) of `documents` in
/// `corpus/`: `entities/actors.toml`, `docs/doc-00001.toml` … Independent: any subset of the
/// documents, with the entity file, loads on its own.
fn corpus(documents: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary directory");
    generate(documents, &dir.path().join("corpus"), &["--independent"]);
    dir
}

/// Makes the first claim of document `n` quote words that are not in its text.
fn misquote(root: &Path, n: usize) {
    let doc = root.join(format!("corpus/docs/doc-{n:05}.toml"));
    let text = std::fs::read_to_string(&doc).expect("read");
    let finding = format!("(finding {n}.1)\"]");
    assert!(text.contains(&finding), "{text}");
    std::fs::write(
        &doc,
        text.replace(&finding, &format!("(finding {n}.99)\"]")),
    )
    .expect("write");
}

fn load(dir: &Path, store: &str, args: &[&str]) -> crate::util::Run {
    let mut all = vec!["--store", store, "load"];
    all.extend_from_slice(args);
    wangluo_in(dir, &all)
}

fn hash(dir: &Path, store: &str) -> String {
    wangluo_in(dir, &["--store", store, "hash"]).ok().stdout
}

#[test]
fn a_folder_loads_every_annotation_and_rdf_file_under_it_in_path_order() {
    let dir = corpus(3);
    let root = dir.path();
    // An RDF file in a subfolder, a hidden folder and a stray file, neither of which loads.
    std::fs::create_dir_all(root.join("corpus/extra/.hidden")).expect("folders");
    std::fs::write(
        root.join("corpus/extra/links.ttl"),
        "<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n",
    )
    .expect("write");
    std::fs::write(root.join("corpus/extra/.hidden/bad.ttl"), "not turtle").expect("write");
    std::fs::write(root.join("corpus/notes.md"), "# notes").expect("write");

    let run = load(root, "kg", &["corpus"]).ok();
    let sources: Vec<&str> = run
        .stdout
        .lines()
        .filter_map(|l| l.split("  from ").nth(1))
        .collect();
    assert_eq!(
        sources,
        [
            "ontology/wangluo.ttl",
            "corpus/extra/links.ttl",
            "corpus/docs/doc-00001.toml",
            "corpus/docs/doc-00002.toml",
            "corpus/docs/doc-00003.toml",
            "corpus/entities/actors.toml",
        ],
        "{run:?}"
    );
    // The closing summary (stderr is not a terminal: no progress bar).
    let summary = run.stderr.trim();
    assert!(
        summary.starts_with("loaded 5 documents: ") && summary.contains(" triples, 0 warnings in "),
        "{run:?}"
    );

    // The same files named one by one, in another order, give the same store.
    let files = [
        "corpus/extra/links.ttl",
        "corpus/docs/doc-00003.toml",
        "corpus/entities/actors.toml",
        "corpus/docs/doc-00001.toml",
        "corpus/docs/doc-00002.toml",
    ];
    load(root, "kg2", &files).ok();
    assert_eq!(hash(root, "kg"), hash(root, "kg2"));
    // --quiet: no summary.
    let quiet = load(root, "kg", &["--quiet", "corpus"]).ok();
    assert_eq!(quiet.stderr, "", "{quiet:?}");
}

#[test]
fn one_bad_document_in_a_folder_loads_nothing() {
    let dir = corpus(4);
    let root = dir.path();
    misquote(root, 2);
    let run = load(root, "kg", &["corpus"]);
    let line = run.error_line();
    assert!(
        line.contains("corpus/docs/doc-00002.toml") && line.contains("(finding 2.99)"),
        "{line}"
    );
    assert!(!root.join("kg").exists(), "a failed load created a store");
}

#[test]
fn keep_going_loads_the_documents_that_pass_and_reports_each_other_one() {
    let dir = corpus(5);
    let root = dir.path();
    // doc-2: a quote that is not in its text; doc-3: a claim stating doc-2's quantity, which is
    // then declared by no file that loads.
    misquote(root, 2);
    let doc3 = root.join("corpus/docs/doc-00003.toml");
    let text = std::fs::read_to_string(&doc3).expect("read");
    let own = r#"statesQuantity = "gen-quantity-00003""#;
    assert!(text.contains(own), "{text}");
    let other = r#"statesQuantity = "gen-quantity-00002""#;
    std::fs::write(&doc3, text.replace(own, other)).expect("write");

    let run = load(root, "kg", &["--keep-going", "corpus"]);
    assert_eq!(run.code, Some(3), "{run:?}");
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("wangluo: error: "))
        .collect();
    assert_eq!(errors.len(), 2, "{run:?}");
    assert!(
        errors[0].contains("corpus/docs/doc-00002.toml") && errors[0].contains("(finding 2.99)"),
        "{run:?}"
    );
    assert!(
        errors[1].contains("corpus/docs/doc-00003.toml")
            && errors[1].contains("gen-quantity-00002"),
        "{run:?}"
    );
    assert!(
        run.stderr.contains("loaded 4 documents, 2 left out: "),
        "{run:?}"
    );
    for n in [1, 4, 5] {
        assert!(
            run.stdout.contains(&format!("<{DOC_GRAPH}{n:05}>")),
            "{run:?}"
        );
    }
    for n in [2, 3] {
        assert!(
            !run.stdout.contains(&format!("<{DOC_GRAPH}{n:05}>")),
            "{run:?}"
        );
    }
    // What loaded is what a load of the good files alone gives.
    let good = [
        "corpus/entities/actors.toml",
        "corpus/docs/doc-00001.toml",
        "corpus/docs/doc-00004.toml",
        "corpus/docs/doc-00005.toml",
    ];
    load(root, "kg2", &good).ok();
    assert_eq!(hash(root, "kg"), hash(root, "kg2"));
}

#[test]
fn a_folder_without_loadable_files_is_refused() {
    let dir = tempfile::tempdir().expect("temporary directory");
    std::fs::create_dir_all(dir.path().join("empty")).expect("folder");
    std::fs::write(dir.path().join("empty/readme.txt"), "nothing").expect("write");
    let line = load(dir.path(), "kg", &["empty"]).error_line();
    assert!(
        line.contains("empty: no annotation (.toml) or RDF file"),
        "{line}"
    );
}

#[test]
fn a_store_open_for_writing_is_refused_naming_the_process_and_readers_still_read() {
    let dir = corpus(2);
    let root = dir.path();
    load(root, "kg", &["corpus"]).ok();
    // This test process holds the store open for writing, as a running load would.
    let writer = oxigraph::store::Store::open(root.join("kg")).expect("open for writing");
    let line = load(root, "kg", &["corpus"]).error_line();
    let expected = format!(
        "wangluo: error: store kg is locked by process {} (",
        std::process::id()
    );
    assert!(line.starts_with(&expected), "{line}\nexpected {expected}…");
    // Readers open it read-only, two at once.
    let sparql = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
    let args = [
        "--store", "kg", "query", "--sparql", sparql, "--format", "csv",
    ];
    let readers: Vec<_> = (0..2)
        .map(|_| {
            let root = root.to_owned();
            std::thread::spawn(move || wangluo_in(&root, &args))
        })
        .collect();
    let counts: Vec<String> = readers
        .into_iter()
        .map(|r| r.join().expect("reader").ok().stdout)
        .collect();
    assert_eq!(counts[0], counts[1]);
    let n: usize = counts[0]
        .lines()
        .nth(1)
        .expect("a count")
        .trim()
        .parse()
        .expect("n");
    assert_eq!(n, writer.len().expect("len"));
    let export = wangluo_in(root, &["--store", "kg", "export", "--format", "nquads"]).ok();
    assert_eq!(export.stdout.lines().count(), n);
    drop(writer);
}
