//! The snapshot of the bundled graph (`snapshot/bundled.nq`, read at start-up instead of building
//! the graph from `data/` each time) is exactly what building it gives, and it is used.
//! `scripts/update-bundled-snapshot` rewrites it (this test, with WANGLUO_UPDATE_SNAPSHOT=1).

use crate::util::repo;
use oxigraph::io::{RdfFormat, RdfSerializer};
use wangluo::bundled::{current_snapshot, inputs_sha256, SNAPSHOT_HEADER};
use wangluo::store::KnowledgeGraph;
use wangluo::vocab::Base;

/// The snapshot a fresh build gives: its header, then its N-Quads sorted.
fn fresh_snapshot() -> String {
    let kg = KnowledgeGraph::bundled_from_sources(&Base::default()).expect("bundled graph");
    let mut serializer = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(Vec::new());
    for quad in kg.store() {
        serializer
            .serialize_quad(&quad.expect("quad"))
            .expect("serialize");
    }
    let nquads = String::from_utf8(serializer.finish().expect("finish")).expect("UTF-8");
    let mut lines: Vec<&str> = nquads.lines().collect();
    lines.sort_unstable();
    format!(
        "{SNAPSHOT_HEADER}{}\n{}\n",
        inputs_sha256(),
        lines.join("\n")
    )
}

#[test]
fn the_bundled_snapshot_is_what_a_fresh_build_gives_and_is_used() {
    let path = repo().join("snapshot/bundled.nq");
    let fresh = fresh_snapshot();
    if std::env::var_os("WANGLUO_UPDATE_SNAPSHOT").is_some() {
        std::fs::write(&path, &fresh).expect("write snapshot/bundled.nq");
        return;
    }
    let stored = std::fs::read_to_string(&path).expect("snapshot/bundled.nq");
    assert!(
        stored == fresh,
        "snapshot/bundled.nq is not what building the bundled graph gives: run scripts/update-bundled-snapshot"
    );
    assert!(
        current_snapshot().is_some(),
        "this build's snapshot was made from other inputs: run scripts/update-bundled-snapshot"
    );
    // The graph read from it is the graph built.
    let read = KnowledgeGraph::bundled(&Base::default()).expect("bundled graph");
    let built = KnowledgeGraph::bundled_from_sources(&Base::default()).expect("bundled graph");
    let quads = |kg: &KnowledgeGraph| {
        kg.store()
            .iter()
            .collect::<Result<std::collections::HashSet<_>, _>>()
            .expect("quads")
    };
    assert_eq!(quads(&read), quads(&built));
}
