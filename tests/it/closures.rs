//! The closures the loader states as data (src/rdf/emit/closure.rs) on the bundled op-ed: they
//! say what the property paths they replace say, in the document's curation graph; and the
//! bundled queries that read them stay plain patterns, each described in words.

use crate::util::{kg, select_text};
use std::collections::BTreeSet;

/// The `(?claim, ?x)` pairs of a query, as text.
fn pairs(sparql: &str) -> BTreeSet<(String, String)> {
    select_text(&kg(), sparql)
        .into_iter()
        .map(|row| (row["claim"].clone(), row["x"].clone()))
        .collect()
}

#[test]
fn pertains_to_is_the_subjects_closed_over_country_and_part_of() {
    let derived = pairs("SELECT ?claim ?x WHERE { ?claim wl:pertainsTo ?x }");
    let path = pairs(
        "SELECT DISTINCT ?claim ?x WHERE { ?claim a wl:Claim ; wl:subject/(wl:country|wl:partOf)* ?x }",
    );
    assert_eq!(derived, path);
    // Beyond the subjects themselves: the SSF's and the concept's claims pertain to China.
    assert!(derived.len() > pairs("SELECT ?claim ?x WHERE { ?claim wl:subject ?x }").len());
    let graphs = select_text(
        &kg(),
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?c wl:pertainsTo|wl:characterizedWithin ?x } }",
    );
    let graphs: Vec<&str> = graphs.iter().map(|r| r["g"].as_str()).collect();
    assert_eq!(
        graphs,
        ["https://w3id.org/wangluo/graph/curation/rathor-2024"]
    );
}

#[test]
fn characterized_within_is_the_characterizations_closed_over_broader() {
    let derived = pairs("SELECT ?claim ?x WHERE { ?claim wl:characterizedWithin ?x }");
    let path = pairs(
        "SELECT DISTINCT ?claim ?x WHERE { ?claim a wl:Claim ; wl:characterizedAs/skos:broader* ?x }",
    );
    assert_eq!(derived, path);
    assert!(derived.len() > pairs("SELECT ?claim ?x WHERE { ?claim wl:characterizedAs ?x }").len());
}

#[test]
fn bundled_queries_are_plain_patterns_described_in_words() {
    for q in wangluo::query::bundled_queries() {
        let body: String = q
            .sparql
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n");
        // No EXISTS (nested ones, and property paths inside them, are what stores evaluate
        // differently); no transitive path over the links the loader closes.
        assert!(!body.contains("EXISTS"), "{} uses EXISTS", q.name);
        for path in [
            "wl:partOf)+",
            "wl:partOf)*",
            "skos:broader*",
            "skos:broader+",
        ] {
            assert!(!body.contains(path), "{} uses {path}", q.name);
        }
        assert!(
            q.description.split_whitespace().count() >= 12,
            "{} says in words what it answers: {:?}",
            q.name,
            q.description
        );
    }
}
