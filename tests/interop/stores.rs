//! The ontology and the queries checked where users take them: the OWL API (the parser of
//! Protégé and ROBOT) finds the ontology in the OWL 2 DL profile and HermiT finds it consistent;
//! a real Virtuoso (the store DBpedia runs on, stricter about SPARQL 1.1 than Oxigraph) gives every
//! bundled query the same rows, in the same order, as wangluo.

use crate::tools::{found, run_python, Need, VIRTUOSO};
use crate::util::{repo, utf8};

/// Java, which the OWL API and HermiT run on.
const JAVA: Need = Need::Program("java", "Debian package default-jre-headless");

#[test]
fn the_ontology_is_owl_2_dl_and_consistent() {
    if !found(&[JAVA, Need::Python(&["jpype", "owlready2"])]) {
        return;
    }
    let run = run_python("owl_dl_check.py", &[]);
    assert_eq!(run.code, Some(0), "OWL 2 DL check: {run:#?}");
}

#[test]
fn the_owl_2_dl_check_finds_a_datatype_property_under_an_annotation_property() {
    if !found(&[JAVA, Need::Python(&["jpype", "owlready2"])]) {
        return;
    }
    // What the ontology once had: wl:translation a datatype property, sub-property of the
    // annotation property skos:altLabel — outside OWL 2 DL. The check must say so.
    let ontology = std::fs::read_to_string(repo().join("ontology/wangluo.ttl")).expect("ontology");
    let broken = format!(
        "{ontology}\nwl:brokenTranslation a owl:DatatypeProperty ; rdfs:subPropertyOf skos:altLabel .\n"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("broken.ttl");
    std::fs::write(&path, broken).expect("write broken ontology");
    let run = run_python("owl_dl_check.py", &[utf8(&path)]);
    assert_eq!(run.code, Some(1), "the broken ontology passed: {run:#?}");
}

#[test]
fn every_bundled_query_gives_the_same_rows_on_virtuoso() {
    if !found(&VIRTUOSO) {
        return;
    }
    let binary = env!("CARGO_BIN_EXE_wangluo");
    let run = run_python("virtuoso_queries.py", &[binary]);
    assert_eq!(run.code, Some(0), "Virtuoso and wangluo differ: {run:#?}");
    let queries = std::fs::read_dir(repo().join("queries"))
        .expect("queries/")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "rq"))
        })
        .count();
    assert!(queries >= 19, "{queries} bundled queries");
    assert_eq!(
        run.stdout
            .lines()
            .filter(|l| l.ends_with(": same rows"))
            .count(),
        queries,
        "one agreeing line per query: {}",
        run.stdout
    );
}
