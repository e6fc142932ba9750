//! The bundled knowledge graph answers what the op-ed says, and every statement is traceable to
//! its exact words.

use crate::util::{kg, select, term_text, TermRow as Row, TEXT};
use oxigraph::model::{Literal, Term};
use std::collections::{BTreeMap, BTreeSet};
use wangluo::query::{bundled_queries, bundled_query};
use wangluo::store::KnowledgeGraph;
use wangluo::text::SourceText;
use wangluo::util::hash::sha256_hex;
use wangluo::vocab::Base;

fn bundled(kg: &KnowledgeGraph, name: &str) -> Vec<Row> {
    let q = bundled_query(name).expect("bundled query exists");
    select(kg, q.sparql)
}

/// The text of `var` in `row` (empty when unbound).
fn value(row: &Row, var: &str) -> String {
    row.get(var).map(term_text).unwrap_or_default()
}

fn literal(row: &Row, var: &str) -> Literal {
    match row.get(var) {
        Some(Term::Literal(l)) => l.clone(),
        other => panic!("{var} is not a literal: {other:?}"),
    }
}

#[test]
fn every_bundled_query_runs_and_answers() {
    let kg = kg();
    let queries = bundled_queries();
    assert!(queries.len() >= 12);
    for q in queries {
        assert!(!q.title.is_empty(), "{} has a title header", q.name);
        assert!(
            !q.description.is_empty(),
            "{} has a description header",
            q.name
        );
        let rows = select(&kg, q.sparql);
        assert!(!rows.is_empty(), "{} returns rows", q.name);
    }
}

#[test]
fn adversary_sources_names_the_odni_assessment_and_the_uscc_report() {
    let kg = kg();
    // The documents as the graph describes them, found independently of the bundled query.
    let label_of = |class: &str, issuer: &str| {
        let rows = select(
            &kg,
            &format!(
                "SELECT ?label WHERE {{ ?d a wl:{class} ; wl:publisher|wl:author wld:{issuer} ; rdfs:label ?label }}"
            ),
        );
        assert_eq!(rows.len(), 1, "one {class} by {issuer}");
        value(&rows[0], "label")
    };
    let odni_report = label_of("ThreatAssessment", "odni");
    let uscc_report = label_of("AnnualReport", "uscc");
    assert!(odni_report.contains("2021") && odni_report.contains("Threat Assessment"));

    let rows = bundled(&kg, "adversary-sources");
    let sources: BTreeSet<String> = rows.iter().map(|r| value(r, "source")).collect();
    assert!(sources.contains(&odni_report), "{sources:?}");
    assert!(sources.contains(&uscc_report), "{sources:?}");

    let odni = rows
        .iter()
        .find(|r| value(r, "quote").contains("sophisticated cyber adversary"))
        .expect("the ODNI's adversary claim");
    assert_eq!(value(odni, "source"), odni_report);
    // The assessment's author holds the view (its publisher, the ODNI, is the other reading).
    assert!(value(odni, "claimant").contains("U.S. Intelligence Community"));
    assert!(value(odni, "characterizations").contains("adversarial"));
    // Its two quotes in reading order: the document first, then what it describes.
    assert!(value(odni, "quote").starts_with("Additionally, the unclassified 2021"));
    // The ODNI and the intelligence professionals of the same assessment are one body.
    let assessment: BTreeSet<String> = rows
        .iter()
        .filter(|r| value(r, "source") == odni_report)
        .map(|r| value(r, "body"))
        .collect();
    assert_eq!(assessment.len(), 1, "{assessment:?}");
    // The West's plainest threat statement: its subject is China's concept, not China.
    assert!(
        rows.iter().any(|r| value(r, "quote")
            == "While the West perceives this concept as threatening the USA and Europe"),
        "the threat statement about China's concept is found"
    );
    // Neither the reporter, nor New America, nor China's white paper describes China as an adversary.
    for row in &rows {
        for who in ["Prashant Rathor", "New America"] {
            assert!(!value(row, "claimant").contains(who), "{row:?}");
        }
        assert!(!value(row, "source").contains("Shared Future"), "{row:?}");
    }
    let uscc = rows
        .iter()
        .find(|r| {
            value(r, "source") == uscc_report
                && value(r, "quote").contains("threatens American society")
        })
        .expect("the USCC's threat claim");
    assert!(value(uscc, "characterizations").contains("threat"));
    for row in &rows {
        for quote in value(row, "quote").split(" [...] ") {
            assert!(TEXT.contains(quote), "quote is verbatim: {quote}");
        }
    }
    // No Chinese-perspective claim is counted as describing China as an adversary.
    let chinese = select(
        &kg,
        "SELECT ?c WHERE { ?c wl:perspective wlp:chinese ; wl:characterizedAs/skos:broader* wlc:adversarial }",
    );
    assert!(chinese.is_empty(), "{chinese:?}");
}

#[test]
fn every_quote_is_verbatim_at_its_character_offsets() {
    let kg = kg();
    let text = SourceText::new(TEXT);
    let rows = select(
        &kg,
        "SELECT ?target ?exact ?prefix ?suffix ?start ?end ?doc WHERE {
           ?target oa:hasSource ?doc ; oa:hasSelector ?q, ?p .
           ?q a oa:TextQuoteSelector ; oa:exact ?exact ; oa:prefix ?prefix ; oa:suffix ?suffix .
           ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
         }",
    );
    assert!(rows.len() > 200, "{} quotes", rows.len());
    for row in &rows {
        let start: usize = value(row, "start").parse().expect("integer start");
        let end: usize = value(row, "end").parse().expect("integer end");
        assert_eq!(text.slice(start, end), value(row, "exact"), "{row:?}");
        let prefix = value(row, "prefix");
        let suffix = value(row, "suffix");
        assert_eq!(text.slice(start - prefix.chars().count(), start), prefix);
        assert_eq!(text.slice(end, end + suffix.chars().count()), suffix);
        assert!(value(row, "doc").ends_with("/id/rathor-2024"));
    }
    // The same check in SPARQL, as a user would run it: SUBSTR counts characters.
    let mismatches = select(
        &kg,
        "SELECT ?target WHERE {
           ?target oa:hasSource ?doc ; oa:hasSelector ?q, ?p .
           ?doc nif:isString ?text .
           ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end .
           FILTER(SUBSTR(?text, ?start + 1, ?end - ?start) != STR(?exact))
         }",
    );
    assert!(mismatches.is_empty(), "{mismatches:?}");
}

#[test]
fn offsets_count_characters_not_bytes() {
    let kg = kg();
    let rows = select(
        &kg,
        "SELECT ?exact ?start WHERE { ?t oa:hasSelector ?q, ?p . ?q oa:exact ?exact . ?p oa:start ?start .
           FILTER(CONTAINS(?exact, \"网络强国\")) }",
    );
    assert!(!rows.is_empty());
    for row in rows {
        let exact = value(&row, "exact");
        let start: usize = value(&row, "start").parse().expect("integer");
        let byte = TEXT.find(&exact).expect("quote in text");
        assert_eq!(start, TEXT[..byte].chars().count());
        assert!(byte > start, "the text before has multi-byte characters");
    }
}

#[test]
fn every_claim_is_sourced_and_every_entity_is_quoted() {
    let kg = kg();
    let claims = select(&kg, "SELECT ?c WHERE { ?c a wl:Claim }");
    assert!(claims.len() >= 45, "{} claims", claims.len());
    let incomplete = select(
        &kg,
        "SELECT ?c WHERE { ?c a wl:Claim .
           FILTER NOT EXISTS { ?c wl:claimant ?a ; wl:perspective ?p ; wl:reportedIn ?r ; wl:subject ?s ; wl:hasQuote ?q ; rdfs:label ?l } }",
    );
    assert!(incomplete.is_empty(), "{incomplete:?}");
    let unquoted = select(
        &kg,
        "SELECT ?e WHERE { GRAPH wlg:rathor-2024 { ?e a ?class } FILTER(STRSTARTS(STR(?e), STR(wld:)))
           FILTER(!CONTAINS(STR(?e), \"/quote/\") && !CONTAINS(STR(?e), \"/annotation/\") && !CONTAINS(STR(?e), \"#char=\"))
           FILTER NOT EXISTS { ?e a skos:ConceptScheme }
           FILTER NOT EXISTS { ?e wl:hasQuote ?q } }",
    );
    assert!(unquoted.is_empty(), "{unquoted:?}");
}

#[test]
fn every_wangluo_term_used_in_the_data_is_declared_with_label_and_comment() {
    let kg = kg();
    let used = select(
        &kg,
        "SELECT DISTINCT ?term WHERE { GRAPH wlg:rathor-2024 { { ?s ?term ?o } UNION { ?s a ?term } UNION { ?s ?p ?term } }
           FILTER(isIRI(?term) && (STRSTARTS(STR(?term), STR(wl:)) || STRSTARTS(STR(?term), STR(wlc:)) || STRSTARTS(STR(?term), STR(wlp:)))) }",
    );
    assert!(used.len() > 30, "{} terms", used.len());
    for row in used {
        let term = value(&row, "term");
        let declared = select(
            &kg,
            &format!(
                "SELECT ?label ?comment ?definedBy WHERE {{ GRAPH wlg:ontology {{
                   <{term}> rdfs:label|skos:prefLabel ?label ; rdfs:comment|skos:definition ?comment ; rdfs:isDefinedBy ?definedBy .
                   FILTER(LANG(?label) = \"en\") }} }}"
            ),
        );
        assert!(
            !declared.is_empty(),
            "{term} is declared with label, comment and rdfs:isDefinedBy"
        );
    }
    // Every wl: property has a domain and a range.
    let undeclared = select(
        &kg,
        "SELECT ?p WHERE { GRAPH wlg:ontology { ?p a ?kind FILTER(?kind IN (owl:ObjectProperty, owl:DatatypeProperty))
           FILTER(STRSTARTS(STR(?p), STR(wl:))) FILTER NOT EXISTS { ?p rdfs:domain ?d ; rdfs:range ?r } } }",
    );
    assert!(undeclared.is_empty(), "{undeclared:?}");
}

#[test]
fn the_text_and_its_hash_are_in_the_graph() {
    let kg = kg();
    let rows = select(
        &kg,
        "SELECT ?text ?sha ?date ?title WHERE { wld:rathor-2024 nif:isString ?text ; wl:sha256 ?sha ; wl:date ?date ; dcterms:title ?title }",
    );
    assert_eq!(rows.len(), 1);
    assert_eq!(value(&rows[0], "text"), TEXT);
    assert_eq!(value(&rows[0], "sha"), sha256_hex(TEXT.as_bytes()));
    let date = literal(&rows[0], "date");
    assert_eq!(
        (date.value(), date.datatype().as_str()),
        ("2024-06-08", "http://www.w3.org/2001/XMLSchema#date")
    );
    assert_eq!(literal(&rows[0], "title").language(), Some("en"));
    assert!(TEXT.starts_with(&value(&rows[0], "title")));
}

#[test]
fn ordered_sets_answer_in_the_op_eds_order() {
    let kg = kg();
    let members = |name: &str| -> Vec<(String, String)> {
        bundled(&kg, name)
            .iter()
            .map(|r| (value(r, "member"), value(r, "content")))
            .collect()
    };
    let principles = members("white-paper-principles");
    let names: Vec<&str> = principles.iter().map(|(m, _)| m.as_str()).collect();
    assert_eq!(
        names,
        [
            "Respect cyber sovereignty",
            "Safeguarding peace and security",
            "Fostering openness and cooperation",
            "Building a good order"
        ]
    );
    let domains = members("four-domains");
    assert_eq!(domains.len(), 4);
    assert!(domains[0].1.contains("positive energy"));
    assert!(domains[3].1.contains("Internet worldwide"));
    let propositions = members("five-propositions");
    assert_eq!(propositions.len(), 5);
    assert!(propositions[0].1.contains("global network infrastructure"));
    assert!(propositions[4].1.contains("fairness and justice"));
    for (_, content) in domains.iter().chain(&propositions).chain(&principles) {
        assert!(
            TEXT.contains(content.as_str()),
            "content is verbatim: {content}"
        );
    }
}

#[test]
fn translations_dates_and_quantities_are_typed() {
    let kg = kg();
    let forms: BTreeSet<(String, String)> = bundled(&kg, "translations")
        .iter()
        .map(|r| (value(r, "form"), value(r, "language")))
        .collect();
    for expected in [
        ("网络强国", "zh"),
        ("wǎngluò qiángguó", "zh-latn-pinyin"),
        ("cyber superpower", "en"),
        ("developing China into a national force in cyberspace", "en"),
    ] {
        assert!(
            forms.contains(&(expected.0.to_owned(), expected.1.to_owned())),
            "{expected:?} in {forms:?}"
        );
    }
    let quantities = bundled(&kg, "quantities");
    let facts: BTreeSet<(String, String, String)> = quantities
        .iter()
        .map(|r| {
            let v = literal(r, "value");
            assert_eq!(
                v.datatype().as_str(),
                "http://www.w3.org/2001/XMLSchema#integer"
            );
            assert_eq!(
                literal(r, "date").datatype().as_str(),
                "http://www.w3.org/2001/XMLSchema#gYear"
            );
            (v.value().to_owned(), value(r, "date"), value(r, "place"))
        })
        .collect();
    assert!(
        facts.contains(&("30000".into(), "2020".into(), "Ningxia".into())),
        "{facts:?}"
    );
    assert!(
        facts.contains(&("720000".into(), "2025".into(), "Ningxia".into())),
        "{facts:?}"
    );

    let timeline = bundled(&kg, "timeline");
    let dates: Vec<Literal> = timeline.iter().map(|r| literal(r, "date")).collect();
    let keys: Vec<&str> = dates.iter().map(|d| d.value()).collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    assert_eq!(keys, sorted, "chronological");
    let types: BTreeMap<&str, &str> = dates
        .iter()
        .map(|d| (d.value(), d.datatype().as_str()))
        .collect();
    assert_eq!(types["2014"], "http://www.w3.org/2001/XMLSchema#gYear");
    assert_eq!(
        types["2015-12"],
        "http://www.w3.org/2001/XMLSchema#gYearMonth"
    );
    assert_eq!(types["2016-04-19"], "http://www.w3.org/2001/XMLSchema#date");
}

#[test]
fn perspectives_separate_western_and_chinese_sources() {
    let kg = kg();
    let rows = bundled(&kg, "claims-by-perspective");
    let by: BTreeMap<String, usize> = rows
        .iter()
        .map(|r| {
            (
                value(r, "perspective"),
                value(r, "claims").parse().expect("count"),
            )
        })
        .collect();
    assert_eq!(by.len(), 3, "{by:?}");
    assert!(by.values().all(|n| *n > 0));
    let chinese_claimants = select(
        &kg,
        "SELECT DISTINCT ?who WHERE { ?c wl:perspective wlp:chinese ; wl:claimant ?who }",
    );
    let who: BTreeSet<String> = chinese_claimants.iter().map(|r| value(r, "who")).collect();
    assert!(
        who.iter()
            .all(|w| w.ends_with("/china") || w.ends_with("/xi-jinping")),
        "{who:?}"
    );
    let contrast = select(
        &kg,
        "SELECT ?w ?c WHERE { ?w wl:perspective wlp:western ; wl:contrastsWith ?c . ?c wl:perspective wlp:chinese }",
    );
    assert!(
        !contrast.is_empty(),
        "the op-ed's contrast of the two views is in the graph"
    );
}

#[test]
fn loading_is_deterministic_and_rebasing_moves_every_iri() {
    let dump = |kg: &KnowledgeGraph| -> Vec<String> {
        let mut quads: Vec<String> = kg
            .store()
            .iter()
            .map(|q| q.expect("quad").to_string())
            .collect();
        quads.sort();
        quads
    };
    let a = dump(&kg());
    assert_eq!(a, dump(&kg()));

    let base = Base::new("https://example.org/kg/").expect("valid base");
    let moved = KnowledgeGraph::bundled(&base).expect("bundled graph under another base");
    let b = dump(&moved);
    assert_eq!(a.len(), b.len());
    assert!(
        b.iter().all(|q| !q.contains("https://w3id.org/wangluo/")),
        "no IRI keeps the default base"
    );
    let q = bundled_query("adversary-sources").expect("query");
    assert_eq!(
        select(&moved, q.sparql).len(),
        select(&kg(), q.sparql).len()
    );
    assert!(Base::new("not an iri/").is_err());
    assert!(Base::new("https://example.org/no-slash").is_err());
}

/// The op-ed reports every claim; a claim held by someone else never has the reporting document's
/// author as claimant, and an author's-perspective claim always does.
#[test]
fn the_author_reports_views_without_holding_them() {
    let kg = kg();
    let mismatched = select(
        &kg,
        "SELECT ?claim ?perspective WHERE { ?claim wl:perspective ?perspective ; wl:claimant ?who ; wl:reportedIn ?doc .
           { ?doc dcterms:creator ?who FILTER(?perspective != wlp:author) }
           UNION { FILTER(?perspective = wlp:author) FILTER NOT EXISTS { ?doc dcterms:creator ?who } } }",
    );
    assert!(mismatched.is_empty(), "{mismatched:?}");
    // The unattributed views of the Western section are the West's, with the doubt recorded.
    let west = select(
        &kg,
        "SELECT ?c WHERE { ?c wl:claimant wld:the-west ; wl:alternativeClaimant wld:prashant-rathor ; wl:attributionNote ?n }",
    );
    assert_eq!(west.len(), 5, "{west:?}");
}

/// Sets of principles or propositions are proposed by whoever the claims reporting them name.
#[test]
fn proposers_and_claimants_agree_and_analysts_only_describe() {
    let kg = kg();
    let disagreeing = select(
        &kg,
        "SELECT ?set ?proposer ?claimant WHERE { ?set wl:proposedBy ?proposer ; wl:proposedIn ?doc .
           ?claim wl:sourceDocument ?doc ; wl:claimant ?claimant .
           { ?claim wl:subject ?set } UNION { ?set skos:member ?m . ?claim wl:subject ?m }
           FILTER(?claimant != ?proposer) }",
    );
    assert!(disagreeing.is_empty(), "{disagreeing:?}");
    let described = select(
        &kg,
        "SELECT ?set WHERE { ?set wl:describedBy wld:uscc ; wl:describedIn wld:uscc-annual-report
           FILTER NOT EXISTS { ?set wl:proposedBy ?anyone } }",
    );
    assert_eq!(described.len(), 1, "{described:?}");
}

/// Characterizations as the text's words have them (see the scope notes in the ontology).
#[test]
fn characterizations_follow_the_words() {
    let kg = kg();
    let has = |claim: &str, concept: &str| {
        !select(
            &kg,
            &format!(
                "SELECT ?x WHERE {{ wld:{claim} wl:characterizedAs wlc:{concept} BIND(1 AS ?x) }}"
            ),
        )
        .is_empty()
    };
    assert!(has("west-wq-offensive-capabilities", "surveillance"));
    assert!(has("wp-rights-of-netizens", "rights-and-freedoms"));
    let control_is_adversarial = select(
        &kg,
        "SELECT ?x WHERE { wlc:authoritarian-control skos:broader+ wlc:adversarial BIND(1 AS ?x) }",
    );
    assert!(control_is_adversarial.is_empty());
    for concept in [
        "authoritarian-control",
        "surveillance",
        "rights-and-freedoms",
    ] {
        let notes = select(
            &kg,
            &format!("SELECT ?n WHERE {{ wlc:{concept} skos:scopeNote ?n }}"),
        );
        assert_eq!(
            notes.len(),
            1,
            "{concept} documents its decision in a scope note"
        );
    }
}

/// Every class, property and SKOS concept of the ontology is labelled in English and Chinese.
#[test]
fn every_term_of_the_ontology_has_english_and_chinese_labels() {
    let kg = kg();
    let unlabelled = select(
        &kg,
        "SELECT ?term ?lang WHERE { GRAPH wlg:ontology {
           { ?term a owl:Class } UNION { ?term a owl:ObjectProperty } UNION { ?term a owl:DatatypeProperty }
           UNION { ?term a owl:AnnotationProperty } UNION { ?term a skos:Concept } UNION { ?term a skos:ConceptScheme }
           FILTER(STRSTARTS(STR(?term), STR(wl:)) || STRSTARTS(STR(?term), STR(wlc:)) || STRSTARTS(STR(?term), STR(wlp:)))
           VALUES ?lang { \"en\" \"zh\" }
           FILTER NOT EXISTS { ?term rdfs:label|skos:prefLabel ?label FILTER(LANG(?label) = ?lang) } } }",
    );
    assert!(unlabelled.is_empty(), "{unlabelled:?}");
    // The data's concepts are in a concept scheme.
    let outside = select(
        &kg,
        "SELECT ?c WHERE { ?c a/rdfs:subClassOf* wl:Concept FILTER NOT EXISTS { ?c skos:inScheme/a skos:ConceptScheme } }",
    );
    assert!(outside.is_empty(), "{outside:?}");
}

/// Standard properties beside the wl: wrappers, for consumers without inference.
#[test]
fn standard_properties_are_written_beside_the_wrappers() {
    let kg = kg();
    let rows = select(
        &kg,
        "SELECT ?date ?creator ?author ?publisher WHERE { wld:rathor-2024 dcterms:date ?date ;
           dcterms:creator ?creator ; schema:author ?author ; dcterms:publisher ?publisher }",
    );
    assert_eq!(rows.len(), 1, "{rows:?}");
    let part_of = select(&kg, "SELECT ?x WHERE { wld:odni dcterms:isPartOf ?x }");
    assert_eq!(part_of.len(), 1);
    // Ordered sets are SKOS ordered collections; no home-made position on the members.
    let lists = select(
        &kg,
        "SELECT ?s WHERE { ?s a/rdfs:subClassOf* skos:OrderedCollection ; skos:memberList ?l }",
    );
    assert_eq!(lists.len(), 5, "{lists:?}");
    let old_terms = select(
        &kg,
        "SELECT ?p WHERE { VALUES ?p { wl:position wl:memberOf wl:supports wl:contests wl:respondsTo } { ?s ?p ?o } UNION { ?p a ?kind } }",
    );
    assert!(old_terms.is_empty(), "{old_terms:?}");
}

/// One integer datatype: what the loader writes, the shapes check, the docs and the JSON-LD
/// context say is xsd:integer.
#[test]
fn integers_are_xsd_integer_everywhere() {
    let kg = kg();
    let types = select(
        &kg,
        "SELECT DISTINCT ?type WHERE { ?s oa:start|oa:end|nif:beginIndex|nif:endIndex|schema:value ?n BIND(DATATYPE(?n) AS ?type) }",
    );
    let types: Vec<String> = types.iter().map(|r| value(r, "type")).collect();
    assert_eq!(types, ["http://www.w3.org/2001/XMLSchema#integer"]);
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let emitters = std::fs::read_dir(repo.join("src/rdf/emit"))
        .expect("src/rdf/emit")
        .map(|e| e.expect("entry").path());
    let files = [
        "ontology/shapes.ttl",
        "ontology/context.jsonld",
        "docs/annotation-format.md",
    ]
    .map(|f| repo.join(f));
    for path in files.into_iter().chain(emitters) {
        let file = path.display();
        let text = std::fs::read_to_string(&path).expect("readable");
        for other in ["nonNegativeInteger", "positiveInteger"] {
            assert!(!text.contains(other), "{file} mentions xsd:{other}");
        }
    }
}

/// The queries answer each symmetric pair once, sort mixed dates chronologically and list
/// every kind of concept.
#[test]
fn queries_order_dates_pairs_and_kinds() {
    let kg = kg();
    let pairs = bundled(&kg, "claim-relations");
    let mut seen = BTreeSet::new();
    for row in &pairs {
        let mut pair = [value(row, "claim"), value(row, "otherClaim")];
        pair.sort();
        assert!(seen.insert(pair.clone()), "pair twice: {pair:?}");
    }
    let dates: Vec<String> = bundled(&kg, "documents")
        .iter()
        .map(|r| value(r, "date"))
        .filter(|d| !d.is_empty())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    assert!(dates.len() >= 4, "{dates:?}");
    let types: BTreeSet<String> = bundled(&kg, "concepts")
        .iter()
        .map(|r| value(r, "type"))
        .collect();
    for kind in [
        "Principle",
        "Proposition",
        "Policy domain",
        "Concept",
        "Technology",
    ] {
        assert!(types.contains(kind), "{kind} in {types:?}");
    }
    let counts: BTreeMap<String, String> = bundled(&kg, "western-vs-chinese")
        .iter()
        .map(|r| (value(r, "characterization"), value(r, "chinese")))
        .collect();
    // The white paper's principles on how all countries should act are not about China.
    assert_eq!(counts.get("sovereign equality").map(String::as_str), None);
}

/// adversary-sources joins a claim's quotes as "first […] last" by offset (portable, unlike
/// GROUP_CONCAT's order): that is every quote only while no claim has more than two.
#[test]
fn no_claim_has_more_than_two_quotes() {
    let kg = kg();
    let rows = select(
        &kg,
        "SELECT ?c (COUNT(?q) AS ?n) WHERE { ?c a wl:Claim ; wl:hasQuote ?q } GROUP BY ?c HAVING(COUNT(?q) > 2)",
    );
    assert!(
        rows.is_empty(),
        "extend adversary-sources' quote column: {rows:?}"
    );
}

/// A parameter restricts a query to the rows that have its value, whether it is bound at the
/// top or pushed into the sub-SELECTs that project it (src/query/params.rs): for every bundled
/// query, for the IRI-valued variables of its result, the parameterized rows are exactly the
/// unparameterized rows with that value, in the same order.
#[test]
fn a_parameter_gives_the_rows_that_have_its_value() {
    use oxigraph::sparql::QueryResults;
    use wangluo::query::{run, QueryParameter};
    let kg = kg();
    let rows_of = |results: QueryResults<'_>| -> Vec<Vec<Option<Term>>> {
        let QueryResults::Solutions(solutions) = results else {
            panic!("a SELECT")
        };
        solutions
            .map(|s| s.expect("solution").values().to_vec())
            .collect()
    };
    let mut checked = 0;
    for query in bundled_queries() {
        let QueryResults::Solutions(solutions) =
            run(&kg, query.name, query.sparql, &[]).expect("runs")
        else {
            continue;
        };
        let variables: Vec<String> = solutions
            .variables()
            .iter()
            .map(|v| v.as_str().to_owned())
            .collect();
        let all = rows_of(QueryResults::Solutions(solutions));
        for (column, variable) in variables.iter().enumerate() {
            // The most frequent IRI of the column: a value with several rows and others without.
            let mut counts = BTreeMap::new();
            for row in &all {
                if let Some(Term::NamedNode(n)) = &row[column] {
                    *counts.entry(n.as_str().to_owned()).or_insert(0) += 1;
                }
            }
            let Some((iri, _)) = counts.iter().max_by_key(|(_, n)| **n) else {
                continue;
            };
            let param = QueryParameter::parse(&format!("{variable}=<{iri}>"), &kg).expect("param");
            let expected: Vec<_> = all
                .iter()
                .filter(|row| matches!(&row[column], Some(Term::NamedNode(n)) if n.as_str() == iri))
                .cloned()
                .collect();
            let got = rows_of(run(&kg, query.name, query.sparql, &[param]).expect("runs"));
            assert_eq!(got, expected, "{} --param {variable}=<{iri}>", query.name);
            checked += 1;
        }
    }
    // mentions (entity, document), sentences-about (entity), …: the queries with sub-SELECTs.
    assert!(checked >= 4, "only {checked} parameterized columns checked");
}
