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

/// Each closure statement is a curator inference with its provenance, like `[[curation]]`'s:
/// reified in the same graph, derived from its claim, attributed to the rule's agent, the rule in
/// words; a statement from a claim whose attribution is open says it is as uncertain.
#[test]
fn every_closure_statement_has_its_provenance_and_carries_its_claim_s_uncertainty() {
    let kg = kg();
    let statements = select_text(
        &kg,
        "SELECT ?claim ?p ?x WHERE { GRAPH ?g { ?claim ?p ?x FILTER(?p IN (wl:pertainsTo, wl:characterizedWithin)) } }",
    );
    let records = select_text(
        &kg,
        "SELECT ?claim ?p ?x ?note ?open WHERE { GRAPH ?g {
           ?claim ?p ?x FILTER(?p IN (wl:pertainsTo, wl:characterizedWithin))
           ?st a rdf:Statement, prov:Entity, wl:CuratorInference ; rdf:subject ?claim ;
               rdf:predicate ?p ; rdf:object ?x ; prov:wasDerivedFrom ?claim ;
               prov:wasAttributedTo wl:closureRule ; rdfs:comment ?note }
           wl:closureRule a prov:Agent .
           OPTIONAL { SELECT DISTINCT ?claim (true AS ?open) WHERE { ?claim wl:alternativeClaimant ?a } } }",
    );
    assert!(
        statements.len() > 200,
        "{} closure statements",
        statements.len()
    );
    assert_eq!(
        records.len(),
        statements.len(),
        "one record per closure statement"
    );
    let key = |r: &crate::util::TextRow| (r["claim"].clone(), r["p"].clone(), r["x"].clone());
    let recorded: BTreeSet<_> = records.iter().map(key).collect();
    assert_eq!(recorded, statements.iter().map(key).collect());
    let open = records.iter().filter(|r| r.contains_key("open")).count();
    assert!(open > 0, "claims with open attributions have closures");
    for record in &records {
        let says_uncertain = record["note"].contains("as uncertain as that claim");
        assert_eq!(says_uncertain, record.contains_key("open"), "{record:?}");
    }
}

/// `--text-only` answers from the text graphs and the ontology; a query whose predicates only the
/// curator's graphs state gets a note saying so, and one that needs none gets no note.
#[test]
fn text_only_keeps_the_ontology_and_names_what_only_curation_states() {
    let run = crate::util::wangluo(&[
        "query",
        "adversary-sources",
        "--text-only",
        "--format",
        "csv",
    ]);
    assert_eq!(run.stdout.lines().count(), 1, "header only: {}", run.stdout);
    let note: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(note.len(), 1, "{}", run.stderr);
    assert!(note[0].starts_with("note: --text-only") && note[0].contains("wl:pertainsTo"));
    let run = crate::util::wangluo(&[
        "query",
        "--text-only",
        "--sparql",
        "ASK { wlc:espionage skos:broader ?b . ?c wl:claimant wld:us-intelligence-community }",
    ]);
    assert_eq!(
        run.stdout.trim(),
        "true",
        "the ontology is in the text-only dataset"
    );
    assert_eq!(run.stderr, "", "no curation-only predicate, no note");
}
