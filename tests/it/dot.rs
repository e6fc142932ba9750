//! `export --format dot` draws every claim, grouped by source document, and Graphviz renders it.

use assert_cmd::Command;
use std::collections::BTreeSet;
use wangluo::store::KnowledgeGraph;
use wangluo::vocab::Base;

fn dot_output() -> String {
    let out = Command::cargo_bin("wangluo")
        .expect("binary")
        .args(["export", "--format", "dot"])
        .output()
        .expect("run wangluo");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 DOT")
}

#[test]
fn every_claim_is_drawn_in_its_documents_cluster_and_graphviz_renders_it() {
    let dot = dot_output();
    let kg = KnowledgeGraph::bundled(&Base::default()).expect("bundled graph");
    let claims: BTreeSet<String> = kg
        .store()
        .quads_for_pattern(None, Some(oxigraph::model::vocab::rdf::TYPE), None, None)
        .filter_map(|q| q.ok())
        .filter(|q| q.object.to_string() == "<https://w3id.org/wangluo/ontology#Claim>")
        .map(|q| q.subject.to_string().trim_matches(['<', '>']).to_owned())
        .collect();
    assert!(claims.len() >= 45);
    for claim in &claims {
        assert!(
            dot.contains(&format!("tooltip=\"{claim}\"")),
            "{claim} is drawn"
        );
    }
    for document in [
        "Annual Threat Assessment of the U.S. Intelligence Community",
        "USCC annual report",
        "Jointly Build a Community with a Shared Future in Cyberspace",
    ] {
        assert!(dot.contains(document), "a cluster for {document}");
    }
    assert!(
        dot.contains("#c6dbef") && dot.contains("#fcbba1"),
        "perspective colours"
    );
    assert_eq!(dot, dot_output(), "deterministic");

    // Graphviz itself (installed by .ci/run) must accept it.
    let mut child = std::process::Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("Graphviz `dot` is installed (apt-get install graphviz)");
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(dot.as_bytes())
        .expect("write DOT");
    let rendered = child.wait_with_output().expect("dot runs");
    assert!(
        rendered.status.success(),
        "{}",
        String::from_utf8_lossy(&rendered.stderr)
    );
    let svg = String::from_utf8_lossy(&rendered.stdout);
    assert!(svg.contains("<svg") && svg.contains("Office of the Director"));
}
