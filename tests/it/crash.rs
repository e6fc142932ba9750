//! A load killed with SIGKILL half-way leaves a store that opens and in which every document's
//! graph is either as it was before the load or as the load makes it, never half-written: both
//! for a load into a new store (Oxigraph's bulk loader, which adds its files at its commit) and
//! for a load that replaces documents (one transaction). Meanwhile, readers query the store. A
//! large load compacts the new store after its commit: killed then, the store holds the load.

use crate::scale::generate;
use crate::util::wangluo_in;
use oxigraph::model::{GraphName, Quad};
use oxigraph::store::Store;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const DOCUMENTS: usize = 40;

/// The quads of every named graph of the store in `dir`, by graph IRI.
fn graphs(dir: &Path) -> BTreeMap<String, HashSet<Quad>> {
    let store = Store::open_read_only(dir).expect("the store opens");
    let mut graphs: BTreeMap<String, HashSet<Quad>> = BTreeMap::new();
    for quad in &store {
        let quad = quad.expect("a readable quad");
        if let GraphName::NamedNode(g) = &quad.graph_name {
            graphs
                .entry(g.as_str().to_owned())
                .or_default()
                .insert(quad);
        }
    }
    graphs
}

/// Starts `wangluo --store STORE load FOLDER` in `dir`, lets it run for `after`, checks that a
/// query works meanwhile, and kills it (SIGKILL), unless it finished first.
fn load_and_kill(dir: &Path, store: &str, folder: &str, after: Duration) {
    let mut load = Command::new(env!("CARGO_BIN_EXE_wangluo"))
        .current_dir(dir)
        .args(["--store", store, "load", folder])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the load");
    let started = Instant::now();
    if dir.join(store).join("CURRENT").is_file() {
        // A reader beside the writer: it sees the store as it was.
        let sparql = "ASK { ?s ?p ?o }";
        let args = ["--store", store, "query", "--sparql", sparql];
        wangluo_in(dir, &args).ok();
    }
    if let Some(rest) = after.checked_sub(started.elapsed()) {
        std::thread::sleep(rest);
    }
    // Child::kill sends SIGKILL on Unix: no destructor, no flush, no cleanup runs.
    let _ = load.kill();
    let _ = load.wait();
}

/// Checks that every graph of the store in `dir` is the one of `before` or of `after` (absent
/// counting as a version when `before` lacks it). Returns how many graphs are new.
fn assert_old_or_new(
    dir: &Path,
    before: &BTreeMap<String, HashSet<Quad>>,
    after: &BTreeMap<String, HashSet<Quad>>,
) -> usize {
    let now = graphs(dir);
    let mut new = 0;
    for (graph, quads) in after {
        let current = now.get(graph);
        if current == Some(quads) && before.get(graph) != Some(quads) {
            new += 1;
        } else {
            assert_eq!(
                current,
                before.get(graph),
                "graph <{graph}> is neither as before the load nor as the load makes it"
            );
        }
    }
    for graph in now.keys() {
        assert!(after.contains_key(graph), "unexpected graph <{graph}>");
    }
    new
}

/// A generated corpus (`wangluo gen-corpus`) in `dir/NAME`: the same ids whatever the seed,
/// other labels, texts and claims with another one.
fn corpus(dir: &Path, name: &str, seed: &str) -> PathBuf {
    let folder = dir.join(name);
    generate(DOCUMENTS, &folder, &["--seed", seed]);
    folder
}

#[test]
fn a_load_killed_half_way_leaves_each_document_old_or_new() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let root = dir.path();
    corpus(root, "old", "12");
    corpus(root, "new", "13");
    // What a load that completes gives, and how long it takes.
    wangluo_in(root, &["--store", "old-ref", "load", "old"]).ok();
    let started = Instant::now();
    wangluo_in(root, &["--store", "new-ref", "load", "new"]).ok();
    let full = started.elapsed();
    let old = graphs(&root.join("old-ref"));
    let new = graphs(&root.join("new-ref"));
    assert_eq!(
        new.len(),
        2 * DOCUMENTS + 2,
        "documents, their curation graphs (closures), actors, ontology"
    );
    // Every graph but the ontology's changes: the documents, their claims' closures and the
    // actors' labels.
    let changed = new.iter().filter(|(g, q)| old.get(*g) != Some(q)).count();
    assert_eq!(changed, 2 * DOCUMENTS + 1);

    // A new store, killed half-way: no store, an empty one, or some documents, each whole.
    load_and_kill(root, "fresh", "new", full / 2);
    if root.join("fresh/CURRENT").is_file() {
        assert_old_or_new(&root.join("fresh"), &BTreeMap::new(), &new);
    }

    // Every document replaced, killed half-way.
    wangluo_in(root, &["--store", "kg", "load", "old"]).ok();
    assert_eq!(graphs(&root.join("kg")), old);
    load_and_kill(root, "kg", "new", full / 2);
    assert_old_or_new(&root.join("kg"), &old, &new);
    // The store still takes writes, and a load that completes gives what it gives in a new store.
    wangluo_in(root, &["--store", "kg", "load", "new"]).ok();
    assert_eq!(assert_old_or_new(&root.join("kg"), &old, &new), changed);
}

/// Documents enough for a load of more than 100,000 quads, which compacts the store after its
/// commit (`COMPACT_AFTER_QUADS` in src/store/write.rs).
const COMPACTED_DOCUMENTS: usize = 240;

#[test]
fn a_load_killed_while_the_store_is_compacted_keeps_the_whole_load() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let root = dir.path();
    let folder = root.join("corpus");
    generate(COMPACTED_DOCUMENTS, &folder, &[]);
    let done = wangluo_in(root, &["--store", "ref", "load", "corpus"]).ok();
    let loaded = graphs(&root.join("ref"));
    let quads: usize = loaded.values().map(HashSet::len).sum();
    assert!(
        quads > 100_000,
        "{quads} quads: too few to be compacted; {}",
        done.stderr
    );

    let mut load = Command::new(env!("CARGO_BIN_EXE_wangluo"))
        .current_dir(root)
        .args(["--store", "fresh", "load", "corpus"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the load");
    // The graphs appear all at once, at the bulk loader's commit; the compaction follows.
    let store = root.join("fresh");
    let committed = |store: &Path| {
        store.join("CURRENT").is_file()
            && Store::open_read_only(store).is_ok_and(|s| s.named_graphs().count() == loaded.len())
    };
    let started = Instant::now();
    while !committed(&store) {
        assert!(
            load.try_wait().expect("the load's status").is_none(),
            "the load ended before a reader saw its graphs"
        );
        assert!(started.elapsed() < Duration::from_secs(600), "no commit");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        load.try_wait().expect("the load's status").is_none(),
        "the load ended (compaction and all) before it could be killed"
    );
    let _ = load.kill();
    let _ = load.wait();
    assert!(
        graphs(&store) == loaded,
        "the killed load's store differs from the whole load"
    );
    // The store still takes writes.
    wangluo_in(
        root,
        &["--store", "fresh", "load", "corpus/docs/doc-00001.toml"],
    )
    .ok();
}
