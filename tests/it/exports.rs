//! Exports: the JSON-LD context covers the ontology; every export format parses back to a
//! dataset isomorphic to the store (sophia's isomorphism check); output and hash do not depend on
//! load order or blank-node labels; the canonical form matches a known answer.

use crate::util::{kg, parse_rdf, repo_file};
use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use oxigraph::model::{BlankNode, GraphName, Literal, NamedNode, Quad, Term};
use sophia::api::parser::QuadParser;
use sophia::api::quad::Spog;
use sophia::api::source::QuadSource;
use sophia::api::term::SimpleTerm;
use std::collections::{BTreeMap, HashSet};
use wangluo::export::jsonld::{JsonLdForm, JsonLdOptions};
use wangluo::export::{dataset_hash, export, selected_quads, write_quads, ExportFormat};
use wangluo::rdf::canonical::{canonical_hash, canonical_nquads, isomorphic, sophia_dataset};
use wangluo::util::hash::sha256_hex;
use wangluo::vocab::Base;

/// SHA-256 of the RDFC-1.0 canonical N-Quads of the bundled dataset (ontology + op-ed). It
/// changes whenever the ontology, the annotation or the loader changes what the graph holds.
pub const BUNDLED_HASH: &str = "74087f23f92ad3b5f27b76c3969bd9d90b09c5b2e2ac38bebe983f6aba0a234e";

const WL: &str = "https://w3id.org/wangluo/ontology#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

fn jsonld(form: JsonLdForm) -> ExportFormat {
    ExportFormat::JsonLd(JsonLdOptions {
        form,
        ..JsonLdOptions::default()
    })
}

pub fn merged(quads: &[Quad]) -> Vec<Quad> {
    let mut seen = HashSet::new();
    quads
        .iter()
        .map(|q| {
            Quad::new(
                q.subject.clone(),
                q.predicate.clone(),
                q.object.clone(),
                GraphName::DefaultGraph,
            )
        })
        .filter(|q| seen.insert(q.clone()))
        .collect()
}

/// The context's term definitions, each expanded to the IRI it stands for.
fn context_terms() -> BTreeMap<String, String> {
    let document: serde_json::Value = serde_json::from_str(&repo_file("ontology/context.jsonld"))
        .expect("ontology/context.jsonld is JSON");
    let context = document["@context"]
        .as_object()
        .expect("an @context object");
    let iri_of = |definition: &serde_json::Value| -> Option<String> {
        let text = match definition {
            serde_json::Value::String(s) => s.as_str(),
            serde_json::Value::Object(o) => o.get("@id")?.as_str()?,
            _ => return None,
        };
        if let Some((prefix, local)) = text.split_once(':') {
            if let Some(namespace) = context.get(prefix).and_then(|n| n.as_str()) {
                return Some(format!("{namespace}{local}"));
            }
        }
        Some(text.to_owned())
    };
    context
        .iter()
        .filter(|(term, _)| !term.starts_with('@'))
        .filter_map(|(term, definition)| Some((term.clone(), iri_of(definition)?)))
        .collect()
}

/// The wl: classes and properties the ontology declares, with the kind of each.
fn ontology_terms() -> BTreeMap<String, String> {
    let quads = parse_rdf(
        repo_file("ontology/wangluo.ttl").as_bytes(),
        RdfFormat::Turtle,
    );
    let kinds = [
        "http://www.w3.org/2002/07/owl#Class",
        "http://www.w3.org/2002/07/owl#ObjectProperty",
        "http://www.w3.org/2002/07/owl#DatatypeProperty",
        "http://www.w3.org/2002/07/owl#AnnotationProperty",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property",
    ];
    quads
        .iter()
        .filter(|q| q.predicate.as_str() == RDF_TYPE)
        .filter_map(|q| match (&q.subject, &q.object) {
            (oxigraph::model::NamedOrBlankNode::NamedNode(s), Term::NamedNode(kind))
                if s.as_str().starts_with(WL) && kinds.contains(&kind.as_str()) =>
            {
                Some((s.as_str().to_owned(), kind.as_str().to_owned()))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn the_context_has_a_term_for_every_class_and_property_of_the_ontology() {
    let terms = context_terms();
    let covered: HashSet<&String> = terms.values().collect();
    let declared = ontology_terms();
    assert!(
        declared.len() > 70,
        "only {} wl: terms found",
        declared.len()
    );
    let missing: Vec<&String> = declared
        .keys()
        .filter(|iri| !covered.contains(iri))
        .collect();
    assert!(
        missing.is_empty(),
        "ontology/context.jsonld has no term for: {missing:?}"
    );
}

#[test]
fn context_terms_do_not_collide_and_object_properties_are_iris() {
    use sophia::jsonld::json_ld::syntax::Parse;
    let text = repo_file("ontology/context.jsonld");
    // Duplicate keys are legal JSON that most parsers resolve silently: count them raw.
    let document = sophia::jsonld::json_ld::syntax::Value::parse_str(&text, |_| ())
        .expect("ontology/context.jsonld is JSON")
        .into_value();
    let sophia::jsonld::json_ld::syntax::Value::Object(top) = document else {
        panic!("not an object")
    };
    let context = top
        .get("@context")
        .next()
        .expect("@context")
        .value()
        .clone();
    let sophia::jsonld::json_ld::syntax::Value::Object(context) = context else {
        panic!("@context is not an object")
    };
    let mut seen = HashSet::new();
    for entry in &context {
        assert!(
            seen.insert(entry.key.as_str().to_owned()),
            "term {} defined twice",
            entry.key.as_str()
        );
    }
    // Every term stands for one IRI no other term stands for (namespaces aside).
    let mut by_iri: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (term, iri) in context_terms() {
        if !(iri.ends_with('/') || iri.ends_with('#')) {
            by_iri.entry(iri).or_default().push(term);
        }
    }
    let shared: Vec<_> = by_iri.iter().filter(|(_, terms)| terms.len() > 1).collect();
    assert!(shared.is_empty(), "terms sharing an IRI: {shared:?}");
    // Object properties are coerced to IRIs; wl:date keeps each value's own datatype.
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let definitions = json["@context"].as_object().unwrap();
    let term_for = |iri: &str| {
        context_terms()
            .into_iter()
            .find(|(_, i)| i == iri)
            .map(|(t, _)| t)
            .unwrap()
    };
    for (iri, kind) in ontology_terms() {
        let definition = &definitions[&term_for(&iri)];
        if kind.ends_with("#ObjectProperty") {
            assert_eq!(definition["@type"], "@id", "{iri} is not coerced to @id");
        }
    }
    assert!(definitions[&term_for(&format!("{WL}date"))]
        .get("@type")
        .is_none());
    assert_eq!(definitions["label"]["@container"], "@language");
}

/// Exports the bundled graph in `format`, parses the bytes back with oxigraph as `parse_as`, and
/// checks with sophia that the result is isomorphic to the store (to the merge of its graphs
/// for triple formats).
fn round_trip(format: ExportFormat, parse_as: RdfFormat, keeps_graphs: bool) {
    let kg = kg();
    let store = selected_quads(&kg, None).unwrap();
    let store_merged = merged(&store);
    let mut bytes = Vec::new();
    let count = export(&kg, &format, None, &mut bytes).unwrap();
    assert_eq!(count, store.len(), "{format:?}: statements written");
    let parsed = parse_rdf(&bytes, parse_as);
    assert_eq!(
        merged(&parsed).len(),
        store_merged.len(),
        "{format:?}: distinct triples"
    );
    let expected = if keeps_graphs { &store } else { &store_merged };
    assert!(
        isomorphic(&parsed, expected).unwrap(),
        "{format:?}: parsed back, not isomorphic to the store"
    );
}

const JSONLD: RdfFormat = RdfFormat::JsonLd {
    profile: JsonLdProfileSet::empty(),
};

#[test]
fn turtle_parses_back_isomorphic_to_the_merged_store() {
    round_trip(
        ExportFormat::Rdf(RdfFormat::Turtle),
        RdfFormat::Turtle,
        false,
    );
}

#[test]
fn trig_parses_back_isomorphic_to_the_store() {
    round_trip(ExportFormat::Rdf(RdfFormat::TriG), RdfFormat::TriG, true);
}

#[test]
fn ntriples_parses_back_isomorphic_to_the_merged_store() {
    round_trip(
        ExportFormat::Rdf(RdfFormat::NTriples),
        RdfFormat::NTriples,
        false,
    );
}

#[test]
fn nquads_parses_back_isomorphic_to_the_store() {
    round_trip(
        ExportFormat::Rdf(RdfFormat::NQuads),
        RdfFormat::NQuads,
        true,
    );
}

#[test]
fn canonical_nquads_parse_back_isomorphic_to_the_store() {
    round_trip(ExportFormat::CanonicalNQuads, RdfFormat::NQuads, true);
}

#[test]
fn rdfxml_parses_back_isomorphic_to_the_merged_store() {
    round_trip(
        ExportFormat::Rdf(RdfFormat::RdfXml),
        RdfFormat::RdfXml,
        false,
    );
}

#[test]
fn compacted_jsonld_parses_back_isomorphic_to_the_store() {
    round_trip(jsonld(JsonLdForm::Compacted), JSONLD, true);
}

#[test]
fn expanded_jsonld_parses_back_isomorphic_to_the_store() {
    round_trip(jsonld(JsonLdForm::Expanded), JSONLD, true);
}

#[test]
fn flattened_jsonld_parses_back_isomorphic_to_the_store() {
    round_trip(jsonld(JsonLdForm::Flattened), JSONLD, true);
}

#[test]
fn compacted_jsonld_reads_the_same_with_the_json_ld_crate() {
    // A second JSON-LD reader (the json-ld crate's toRdf, through sophia), besides oxigraph's.
    let kg = kg();
    let store = selected_quads(&kg, None).unwrap();
    let mut bytes = Vec::new();
    export(&kg, &jsonld(JsonLdForm::Compacted), None, &mut bytes).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let parsed: Vec<Spog<SimpleTerm<'static>>> = sophia::jsonld::JsonLdParser::new()
        .parse_str(&text)
        .collect_quads()
        .unwrap();
    assert_eq!(parsed.len(), store.len());
    assert!(
        sophia::isomorphism::isomorphic_datasets(&sophia_dataset(&store).unwrap(), &parsed)
            .unwrap()
    );
}

#[test]
fn compacted_jsonld_uses_the_short_terms() {
    let kg = kg();
    let mut bytes = Vec::new();
    export(&kg, &jsonld(JsonLdForm::Compacted), None, &mut bytes).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let context: serde_json::Value =
        serde_json::from_str(&repo_file("ontology/context.jsonld")).unwrap();
    assert_eq!(
        json["@context"], context["@context"],
        "the bundled context is embedded"
    );
    let graphs = json["@graph"].as_array().expect("named graphs in @graph");
    let document = graphs
        .iter()
        .find(|g| g["id"] == "wlg:rathor-2024")
        .expect("the op-ed graph");
    let nodes = document["@graph"].as_array().unwrap();
    let claim = nodes
        .iter()
        .find(|n| n["type"] == "Claim" && n.get("claimant").is_some())
        .expect("a claim with short terms");
    assert!(claim["claimant"].as_str().unwrap().starts_with("wld:"));
    assert!(claim["perspective"].as_str().unwrap().starts_with("wlp:"));
    let china = nodes.iter().find(|n| n["id"] == "wld:china").unwrap();
    assert_eq!(china["label"]["en"], "China");
    let dated = nodes.iter().find(|n| n.get("date").is_some()).unwrap();
    assert!(dated["date"]["type"].as_str().unwrap().starts_with("xsd:"));
    let ids: Vec<&str> = nodes.iter().filter_map(|n| n["id"].as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted, "nodes sorted by id");
}

fn sample_quads(labels: [&str; 2], reversed: bool) -> Vec<Quad> {
    let ex = |l: &str| NamedNode::new(format!("http://example.org/{l}")).unwrap();
    let (x, y) = (
        BlankNode::new(labels[0]).unwrap(),
        BlankNode::new(labels[1]).unwrap(),
    );
    let g = GraphName::NamedNode(ex("g"));
    let mut quads = vec![
        Quad::new(
            x.clone(),
            ex("p"),
            Literal::from("a"),
            GraphName::DefaultGraph,
        ),
        Quad::new(x.clone(), ex("q"), y.clone(), GraphName::DefaultGraph),
        Quad::new(
            y.clone(),
            ex("p"),
            Literal::new_language_tagged_literal("b", "en").unwrap(),
            GraphName::DefaultGraph,
        ),
        Quad::new(y.clone(), ex("q"), x.clone(), g.clone()),
        Quad::new(ex("s"), ex("r"), x.clone(), g),
        Quad::new(
            ex("s"),
            ex("n"),
            Literal::new_typed_literal(
                "7",
                NamedNode::new("http://www.w3.org/2001/XMLSchema#integer").unwrap(),
            ),
            GraphName::DefaultGraph,
        ),
    ];
    if reversed {
        quads.reverse();
    }
    quads
}

#[test]
fn canonical_nquads_match_the_rdfc10_known_answer() {
    // Computed independently with pyld 3.3 (URDNA2015, which RDFC-1.0 standardizes).
    let expected = "\
<http://example.org/s> <http://example.org/n> \"7\"^^<http://www.w3.org/2001/XMLSchema#integer> .
<http://example.org/s> <http://example.org/r> _:c14n1 <http://example.org/g> .
_:c14n0 <http://example.org/p> \"b\"@en .
_:c14n0 <http://example.org/q> _:c14n1 <http://example.org/g> .
_:c14n1 <http://example.org/p> \"a\" .
_:c14n1 <http://example.org/q> _:c14n0 .
";
    let bytes = canonical_nquads(&sample_quads(["x", "y"], false)).unwrap();
    assert_eq!(String::from_utf8(bytes).unwrap(), expected);
    assert_eq!(
        canonical_hash(&sample_quads(["x", "y"], false)).unwrap(),
        "37b831d7b2b932f37f690be966db6e7fea4e36e2b048ce22ceeead292e120de5"
    );
}

#[test]
fn output_does_not_depend_on_statement_order_or_blank_node_labels() {
    let base = Base::default();
    let formats = [
        ExportFormat::Rdf(RdfFormat::Turtle),
        ExportFormat::Rdf(RdfFormat::TriG),
        ExportFormat::Rdf(RdfFormat::NTriples),
        ExportFormat::Rdf(RdfFormat::NQuads),
        ExportFormat::Rdf(RdfFormat::RdfXml),
        ExportFormat::CanonicalNQuads,
        jsonld(JsonLdForm::Compacted),
        jsonld(JsonLdForm::Expanded),
        jsonld(JsonLdForm::Flattened),
    ];
    let one = sample_quads(["x", "y"], false);
    let other = sample_quads(["zz9", "a1"], true);
    for format in &formats {
        let write = |quads: &[Quad]| {
            let mut out = Vec::new();
            write_quads(quads.to_vec(), format, &base, &mut out).unwrap();
            String::from_utf8(out).unwrap()
        };
        let (a, b) = (write(&one), write(&other));
        assert_eq!(a, b, "{format:?}: different bytes for the same data");
        assert!(
            !a.contains("zz9") && !a.contains("_:x"),
            "{format:?}: store labels leak"
        );
    }
    assert_eq!(
        canonical_hash(&one).unwrap(),
        canonical_hash(&other).unwrap()
    );
}

#[test]
fn the_bundled_dataset_has_its_known_hash() {
    let kg = kg();
    let hash = dataset_hash(&kg, None).unwrap();
    let mut canonical = Vec::new();
    export(&kg, &ExportFormat::CanonicalNQuads, None, &mut canonical).unwrap();
    assert_eq!(
        hash,
        sha256_hex(&canonical),
        "hash = SHA-256 of the canonical export"
    );
    assert_eq!(
        hash, BUNDLED_HASH,
        "the bundled data changed: update BUNDLED_HASH and the README"
    );
    // Per graph: each graph hashes differently, and the same as its own canonical export.
    let ontology = NamedNode::new("https://w3id.org/wangluo/graph/ontology").unwrap();
    let ontology_hash = dataset_hash(&kg, Some(&ontology)).unwrap();
    assert_ne!(ontology_hash, hash);
    let mut bytes = Vec::new();
    export(
        &kg,
        &ExportFormat::CanonicalNQuads,
        Some(&ontology),
        &mut bytes,
    )
    .unwrap();
    assert_eq!(ontology_hash, sha256_hex(&bytes));
    assert!(String::from_utf8(bytes)
        .unwrap()
        .lines()
        .all(|l| l.ends_with("<https://w3id.org/wangluo/graph/ontology> .")));
}
