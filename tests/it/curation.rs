//! What the text says, apart from what the curator adds (issue 19): the text's graphs hold only
//! what a reader finds in the op-ed, every statement walked back to a quote, the document or the
//! ontology; what the curator infers or brings from outside is in `graph/curation/NAME`, each
//! statement with its provenance; attributions the text leaves open are marked.
//!
//! The walk of the text graphs back to the text is `text_walk.rs`.

use crate::util::{http_client, kg, select, select_text, wangluo, ServeProcess, TEXT};
use std::collections::BTreeSet;
use wangluo::store::KnowledgeGraph;
use wangluo::vocab::{ns, Base};

const B: &str = "https://w3id.org/wangluo/";
const WL: &str = "https://w3id.org/wangluo/ontology#";

fn item(id: &str) -> String {
    format!("{B}id/{id}")
}

fn text_graph() -> String {
    format!("{B}graph/rathor-2024")
}

fn curation_graph() -> String {
    Base::default()
        .curation_graph("rathor-2024")
        .as_str()
        .to_owned()
}

/// Whether `GRAPH <graph> { pattern }` has a solution.
fn holds(kg: &KnowledgeGraph, graph: &str, pattern: &str) -> bool {
    !select(
        kg,
        &format!("SELECT * WHERE {{ GRAPH <{graph}> {{ {pattern} }} }} LIMIT 1"),
    )
    .is_empty()
}

// ------------------------------------------------------------------------------------------
// Curation: in its own graph, with its provenance
// ------------------------------------------------------------------------------------------

/// The provenance of the curator statement `subject predicate object`: its class, the curator,
/// what it comes from, its note.
fn provenance(kg: &KnowledgeGraph, subject: &str, predicate: &str, object: &str) -> TextProvenance {
    let rows = select_text(
        kg,
        &format!(
            "SELECT ?kind ?who ?name ?from ?note WHERE {{ GRAPH <{}> {{
               {subject} {predicate} {object} .
               ?st a rdf:Statement, prov:Entity, ?kind ; rdf:subject {subject} ;
                   rdf:predicate {predicate} ; rdf:object {object} ;
                   prov:wasAttributedTo ?who ; prov:wasDerivedFrom ?from ; rdfs:comment ?note .
               ?who a prov:Agent ; foaf:name ?name }}
               GRAPH wlg:ontology {{ ?kind rdfs:subClassOf wl:CuratorStatement }} }}",
            curation_graph()
        ),
    );
    TextProvenance {
        kinds: rows.iter().map(|r| r["kind"].clone()).collect(),
        curators: rows
            .iter()
            .map(|r| (r["who"].clone(), r["name"].clone()))
            .collect(),
        from: rows.iter().map(|r| r["from"].clone()).collect(),
        notes: rows.iter().map(|r| r["note"].clone()).collect(),
    }
}

#[derive(Debug)]
struct TextProvenance {
    kinds: BTreeSet<String>,
    curators: BTreeSet<(String, String)>,
    from: BTreeSet<String>,
    notes: BTreeSet<String>,
}

impl TextProvenance {
    #[track_caller]
    fn assert(&self, kind: &str, from: &[&str]) {
        assert_eq!(
            self.kinds,
            BTreeSet::from([format!("{WL}{kind}")]),
            "{self:?}"
        );
        for f in from {
            assert!(self.from.contains(*f), "{f} not in {self:?}");
        }
        assert_eq!(self.notes.len(), 1, "{self:?}");
        let curator = wangluo::dataset::metadata::Metadata::bundled()
            .unwrap()
            .curator
            .expect("dataset.toml names the curator");
        assert_eq!(
            self.curators,
            BTreeSet::from([(item(&curator.id), curator.name)]),
            "attributed to the curator dataset.toml names"
        );
    }
}

#[test]
fn wikidata_links_and_outside_hierarchies_are_curation_with_their_source() {
    let kg = kg();
    assert!(
        !holds(&kg, &text_graph(), "?x owl:sameAs ?y"),
        "no Wikidata identity in the text's graph"
    );
    assert!(!holds(
        &kg,
        &text_graph(),
        "wld:odni wl:partOf|wl:country ?x"
    ));
    for (id, q) in [
        ("xi-jinping", "Q15031"),
        ("china", "Q148"),
        ("communist-party", "Q17427"),
        ("ningxia", "Q57448"),
    ] {
        let wd = format!("{}{q}", ns::WIKIDATA);
        provenance(&kg, &format!("wld:{id}"), "owl:sameAs", &format!("<{wd}>"))
            .assert("OutsideKnowledge", &[&wd]);
    }
    let odni = provenance(
        &kg,
        "wld:odni",
        "wl:partOf",
        "wld:us-intelligence-community",
    );
    odni.assert(
        "OutsideKnowledge",
        &["https://www.law.cornell.edu/uscode/text/50/3003"],
    );
    assert!(odni.notes.iter().any(|n| n.contains("50 U.S.C. 3003")));
    // The standard property goes with it, in the same graph.
    assert!(holds(
        &kg,
        &curation_graph(),
        "wld:odni dcterms:isPartOf wld:us-intelligence-community"
    ));
}

#[test]
fn links_between_claims_and_derived_facts_are_curator_inferences() {
    let kg = kg();
    for pattern in [
        "?a wl:contrastsWith ?b",
        "?c wl:featuredIn ?d",
        "?s wl:describedBy ?a",
        "?s wl:describedIn ?d",
    ] {
        assert!(
            !holds(&kg, &text_graph(), pattern),
            "{pattern} in the text's graph"
        );
    }
    // The contrast the text never draws is the curator's, derived from both claims.
    provenance(
        &kg,
        "wld:west-wq-cyber-hegemony",
        "wl:contrastsWith",
        "wld:wp-avoid-cyber-hegemony",
    )
    .assert(
        "CuratorInference",
        &[
            &item("west-wq-cyber-hegemony"),
            &item("wp-avoid-cyber-hegemony"),
        ],
    );
    // Derived facts carry the uncertainty of the claims they come from: derived from them,
    // and those claims' other readings are one step away.
    for (subject, predicate, object, claim) in [
        (
            "wangluo-qiangguo",
            "featuredIn",
            "fyp-14",
            "phrase-in-14th-fyp",
        ),
        (
            "cyber-superpower-domains",
            "describedBy",
            "uscc",
            "uscc-unifying-concept-domains",
        ),
    ] {
        let p = provenance(
            &kg,
            &format!("wld:{subject}"),
            &format!("wl:{predicate}"),
            &format!("wld:{object}"),
        );
        p.assert("CuratorInference", &[&item(claim)]);
        assert!(holds(
            &kg,
            &text_graph(),
            &format!("wld:{claim} wl:alternativeClaimant ?other ; wl:attributionNote ?n")
        ));
    }
}

#[test]
fn chinese_names_are_only_the_certain_ones_as_curation_with_their_source() {
    let kg = kg();
    let names = select_text(
        &kg,
        "SELECT ?x ?name WHERE { GRAPH ?g { ?x a ?class ; rdfs:label ?name } ?class rdfs:subClassOf* wl:Actor
           FILTER(LANGMATCHES(LANG(?name), \"zh\")) } ORDER BY ?x",
    );
    let names: Vec<(String, String)> = names
        .iter()
        .map(|r| (r["x"].clone(), r["name"].clone()))
        .collect();
    assert_eq!(
        names,
        [],
        "actors' types are read from the text, their Chinese names are not"
    );
    for (id, name, q) in [
        ("communist-party", "中国共产党", "Q17427"),
        ("xi-jinping", "习近平", "Q15031"),
    ] {
        let wd = format!("{}{q}", ns::WIKIDATA);
        provenance(
            &kg,
            &format!("wld:{id}"),
            "rdfs:label",
            &format!("\"{name}\"@zh"),
        )
        .assert("OutsideKnowledge", &[&wd]);
        assert!(!TEXT.contains(name));
    }
    let all = select_text(
        &kg,
        &format!(
            "SELECT ?x WHERE {{ GRAPH <{}> {{ ?x rdfs:label ?name FILTER(LANGMATCHES(LANG(?name), \"zh\")) }} }}",
            curation_graph()
        ),
    );
    assert_eq!(all.len(), 2, "only the names that are certain: {all:?}");
}

// ------------------------------------------------------------------------------------------
// Attributions the text leaves open
// ------------------------------------------------------------------------------------------

#[test]
fn attributions_the_text_leaves_open_are_marked() {
    let kg = kg();
    for (claim, claimant, others) in [
        (
            "west-wq-cyber-hegemony",
            "the-west",
            &["prashant-rathor"][..],
        ),
        (
            "west-wq-offensive-capabilities",
            "the-west",
            &["prashant-rathor"],
        ),
        (
            "xi-slogan-parity-with-major-powers",
            "uscc",
            &["xi-jinping", "prashant-rathor"],
        ),
        (
            "intel-domestic-internet-control",
            "intelligence-professionals",
            &["prashant-rathor"],
        ),
        (
            "china-internet-applications-sectors",
            "china",
            &["prashant-rathor"],
        ),
        (
            "china-community-digital-economy",
            "china",
            &["prashant-rathor"],
        ),
        ("uscc-ssf-false-information", "uscc", &["prashant-rathor"]),
        (
            "uscc-threatens-american-society",
            "uscc",
            &["prashant-rathor"],
        ),
        // A statistic about server racks is the author's first: the West is the other reading.
        (
            "data-localisation-measures",
            "prashant-rathor",
            &["the-west"],
        ),
        (
            "ningxia-data-centre-expansion",
            "prashant-rathor",
            &["the-west"],
        ),
        // The assessment's author holds the view; its publisher is the other reading.
        (
            "odni-sophisticated-cyber-adversary",
            "us-intelligence-community",
            &["odni"],
        ),
    ] {
        let rows = select_text(
            &kg,
            &format!(
                "SELECT ?claimant ?other ?note WHERE {{ GRAPH <{}> {{ wld:{claim} wl:claimant ?claimant ;
                   wl:alternativeClaimant ?other ; wl:attributionNote ?note }} }}",
                text_graph()
            ),
        );
        assert!(!rows.is_empty(), "{claim}: no alternative claimant");
        assert!(
            rows.iter().all(|r| r["claimant"] == item(claimant)),
            "{claim}: {rows:?}"
        );
        let found: BTreeSet<&str> = rows.iter().map(|r| r["other"].as_str()).collect();
        for other in others {
            assert!(
                found.contains(item(other).as_str()),
                "{claim}: {other} not among {found:?}"
            );
        }
    }
}

#[test]
fn ata_2021_names_its_author_and_its_publisher_and_the_claim_says_both() {
    let kg = kg();
    assert!(holds(
        &kg,
        &text_graph(),
        "wld:ata-2021 wl:author wld:us-intelligence-community ; wl:publisher wld:odni"
    ));
    let note = select_text(
        &kg,
        "SELECT ?n WHERE { wld:odni-sophisticated-cyber-adversary wl:attributionNote ?n }",
    );
    assert!(
        note[0]["n"].contains("author") && note[0]["n"].contains("publisher"),
        "{note:?}"
    );
}

#[test]
fn the_author_s_own_point_that_the_west_often_portrays_it_negatively_is_a_claim() {
    let kg = kg();
    let rows = select_text(
        &kg,
        &format!(
            "SELECT ?c WHERE {{ GRAPH <{}> {{ ?c wl:claimant wld:prashant-rathor ; wl:perspective wlp:author ;
               wl:subject wld:the-west ; wl:hasQuote/oa:hasSelector/oa:exact ?q
               FILTER(CONTAINS(?q, \"often negatively portrays\")) }} }}",
            text_graph()
        ),
    );
    assert_eq!(rows.len(), 1, "{rows:?}");
}

// ------------------------------------------------------------------------------------------
// The words of the ontology and of the pages
// ------------------------------------------------------------------------------------------

#[test]
fn the_term_became_eminent_at_the_2014_meeting_it_did_not_emerge_there() {
    let kg = kg();
    assert!(!holds(
        &kg,
        &format!("{B}graph/ontology"),
        "?p rdfs:label \"emerged at\"@en"
    ));
    assert!(select(&kg, "SELECT * WHERE { ?s wl:emergedAt ?o }").is_empty());
    assert!(holds(
        &kg,
        &text_graph(),
        "wld:wangluo-qiangguo wl:becameEminentAt wld:clgci-first-meeting-2014"
    ));
    assert!(holds(
        &kg,
        &format!("{B}graph/ontology"),
        "wl:becameEminentAt rdfs:label \"became eminent at\"@en"
    ));
}

#[test]
fn the_four_principles_of_2015_are_kept_apart_from_the_white_paper_s() {
    let kg = kg();
    let comments = select_text(
        &kg,
        "SELECT ?c WHERE { VALUES ?t { wl:Principle wl:PrincipleSet } ?t rdfs:comment ?c }",
    );
    assert_eq!(comments.len(), 2);
    for c in &comments {
        assert!(
            !c["c"].contains("四项原则") && c["c"].contains("white paper"),
            "{c:?}"
        );
    }
    assert!(select(
        &kg,
        "SELECT * WHERE { wld:four-principles-2015 skos:member ?m }"
    )
    .is_empty());
    // Its page lists the sentence that names it ("Four Principles (sìxiàng yuánzé)") once.
    let server = ServeProcess::bundled(&[]);
    let page = http_client()
        .get(server.url("/page/id/four-principles-2015"))
        .send()
        .unwrap()
        .text()
        .unwrap();
    let start = page
        .find("Where the text mentions it")
        .expect("mentions listed");
    let list = &page[start..];
    let list = &list[..list.find("</ul>").unwrap()];
    assert_eq!(list.matches("<li>").count(), 1, "{list}");
    assert!(list.contains("(1 sentence)"));
}

// ------------------------------------------------------------------------------------------
// The format and the store
// ------------------------------------------------------------------------------------------

#[test]
fn curation_needs_a_curator_a_kind_a_source_and_a_note() {
    let toml = crate::util::TOML;
    assert!(toml.contains("[curator]"), "the bundled file has a curator");
    for (edit, expected) in [
        (toml.replacen("[curator]", "[unused]", 1), "unknown field"),
        (
            toml.replacen(
                "[curator]\nid = \"wangluo-maintainers\"\nname = \"wangluo maintainers\"\n",
                "",
                1,
            ),
            "names no [curator]",
        ),
        (
            toml.replacen("kind = \"outside\"", "kind = \"known\"", 1),
            "neither `inferred`",
        ),
        (
            toml.replacen("from = [\"wd:Q15031\"]", "from = []", 1),
            "from: say what",
        ),
        (
            toml.replacen("id = \"wangluo-maintainers\"", "id = \"china\"", 1),
            "already the id of",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("rathor-2024.toml"), edit).unwrap();
        std::fs::write(dir.path().join("rathor-2024.txt"), TEXT).unwrap();
        let store = dir.path().join("store");
        let run = wangluo(&[
            "--store",
            crate::util::utf8(&store),
            "load",
            crate::util::utf8(&dir.path().join("rathor-2024.toml")),
        ]);
        let line = run.error_line();
        assert!(
            line.contains("rathor-2024.toml") && line.contains(expected),
            "{expected}: {line}"
        );
    }
}

#[test]
fn a_file_s_curation_graph_is_loaded_replaced_and_unloaded_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let store = crate::util::utf8(&store);
    let file = crate::util::repo().join("data/rathor-2024.toml");
    let load = wangluo(&["--store", store, "load", crate::util::utf8(&file)]).ok();
    assert!(
        load.stdout.contains("graph/curation/rathor-2024"),
        "{}",
        load.stdout
    );
    let count = |graph: &str| {
        let run = wangluo(&[
            "--store",
            store,
            "query",
            "--format",
            "csv",
            "--sparql",
            &format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"),
        ]);
        crate::util::single_number(&run)
    };
    let curated = count(&curation_graph());
    assert!(curated > 100);
    // Reloading replaces it (the same triples, not twice as many).
    wangluo(&["--store", store, "load", crate::util::utf8(&file)]).ok();
    assert_eq!(count(&curation_graph()), curated);
    wangluo(&["--store", store, "unload", "rathor-2024"]).ok();
    assert_eq!(count(&curation_graph()), 0);
    assert_eq!(count(&text_graph()), 0);
}

#[test]
fn a_query_over_the_text_s_graphs_alone_finds_no_curator_statement() {
    let ask = |sparql: &str, text_only: bool| {
        let mut args = vec!["query", "--sparql", sparql];
        if text_only {
            args.push("--text-only");
        }
        wangluo(&args).stdout.trim().to_owned()
    };
    for sparql in [
        "ASK { ?x owl:sameAs ?item }",
        "ASK { ?a wl:contrastsWith ?b }",
        "ASK { wld:wangluo-qiangguo wl:featuredIn ?d }",
        "ASK { wld:odni wl:partOf ?whole }",
        "ASK { wld:xi-jinping rdfs:label \"习近平\"@zh }",
        "ASK { ?statement prov:wasAttributedTo wld:wangluo-maintainers }",
    ] {
        assert_eq!(ask(sparql, false), "true", "{sparql}: in the whole graph");
        assert_eq!(ask(sparql, true), "false", "{sparql}: in the text's graphs");
    }
    // What the text says is all there.
    assert_eq!(
        ask(
            "ASK { wld:west-often-negative-portrayal wl:claimant wld:prashant-rathor }",
            true
        ),
        "true"
    );
}
