//! `wangluo load DIR`: every annotation and RDF file under a folder, in path order; one bad
//! document loads nothing, unless --keep-going (each failure one line, the rest loaded, exit 3);
//! the closing summary; a store locked by a writer (one line naming the process, exit 2) while
//! readers work beside it.

use crate::util::{synthetic_corpus, wangluo_in};
use std::path::Path;

const DOC_GRAPH: &str = "https://w3id.org/wangluo/graph/doc-";

/// A temporary directory with a synthetic corpus of `documents` in `corpus/`.
fn corpus(documents: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary directory");
    synthetic_corpus(&dir.path().join("corpus"), documents);
    dir
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
            "corpus/doc-0.toml",
            "corpus/doc-1.toml",
            "corpus/doc-2.toml",
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
        "corpus/entities/actors.toml",
        "corpus/doc-2.toml",
        "corpus/extra/links.ttl",
        "corpus/doc-0.toml",
        "corpus/doc-1.toml",
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
    let doc = root.join("corpus/doc-2.toml");
    let text = std::fs::read_to_string(&doc).expect("read");
    std::fs::write(&doc, text.replace("is rising quickly.", "is falling.")).expect("write");
    let run = load(root, "kg", &["corpus"]);
    let line = run.error_line();
    assert!(
        line.contains("corpus/doc-2.toml") && line.contains("is falling."),
        "{line}"
    );
    assert!(!root.join("kg").exists(), "a failed load created a store");
}

#[test]
fn keep_going_loads_the_documents_that_pass_and_reports_each_other_one() {
    let dir = corpus(5);
    let root = dir.path();
    // doc-2: a quote that is not in its text; doc-3: a claim about doc-2's office, which is
    // then declared by no file that loads.
    let doc2 = root.join("corpus/doc-2.toml");
    let text = std::fs::read_to_string(&doc2).expect("read");
    std::fs::write(&doc2, text.replace("is rising quickly.", "is falling.")).expect("write");
    let doc3 = root.join("corpus/doc-3.toml");
    let text = std::fs::read_to_string(&doc3).expect("read");
    std::fs::write(
        &doc3,
        text.replace(r#"subjects = ["office-3"]"#, r#"subjects = ["office-2"]"#),
    )
    .expect("write");

    let run = load(root, "kg", &["--keep-going", "corpus"]);
    assert_eq!(run.code, Some(3), "{run:?}");
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("wangluo: error: "))
        .collect();
    assert_eq!(errors.len(), 2, "{run:?}");
    assert!(errors[0].contains("corpus/doc-2.toml"), "{run:?}");
    assert!(
        errors[1].contains("corpus/doc-3.toml") && errors[1].contains("office-2"),
        "{run:?}"
    );
    assert!(
        run.stderr.contains("loaded 4 documents, 2 left out: "),
        "{run:?}"
    );
    for n in [0, 1, 4] {
        assert!(run.stdout.contains(&format!("<{DOC_GRAPH}{n}>")), "{run:?}");
    }
    for n in [2, 3] {
        assert!(
            !run.stdout.contains(&format!("<{DOC_GRAPH}{n}>")),
            "{run:?}"
        );
    }
    // What loaded is what a load of the good files alone gives.
    let good = [
        "corpus/entities/actors.toml",
        "corpus/doc-0.toml",
        "corpus/doc-1.toml",
        "corpus/doc-4.toml",
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
