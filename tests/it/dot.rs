//! `export --format dot` draws every claim, grouped by source document. Graphviz renders it in
//! the interop tests (`tests/interop/graphviz.rs`).

use crate::util::{kg, wangluo};
use std::collections::BTreeSet;

/// `wangluo export --format dot`.
fn dot_output() -> String {
    wangluo(&["export", "--format", "dot"]).ok().stdout
}

#[test]
fn every_claim_is_drawn_in_its_documents_cluster_deterministically() {
    let dot = dot_output();
    let kg = kg();
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
}
