//! Curator inference stated as data, so that queries stay plain patterns: for every claim of a
//! document, in the document's curation graph (`B graph/curation/{NAME}`),
//!
//! - `wl:pertainsTo` each entity the claim is about (`wl:subject`) and each entity such a subject
//!   belongs to through `wl:country` and `wl:partOf`, as far as they go (a claim about the
//!   Strategic Support Force, part of the PLA, the PLA's country China, pertains to all three);
//! - `wl:characterizedWithin` each characterization it is `wl:characterizedAs` and every concept
//!   that one is narrower than (`skos:broader`, as far as it goes).
//!
//! The links between entities are the whole corpus's (the store's graphs and the load's files:
//! [`EntityLinks`]), so the loader computes them per load and updates the closures of documents
//! loaded earlier when they change (`crate::store`).
//!
//! Each closure statement is a curator inference like those of `[[curation]]`, and is given the
//! same provenance: reified (`rdf:Statement`, `prov:Entity`, `wl:CuratorInference`) at
//! `{claim}/derived/{property}/{object}`, derived from its claim (`prov:wasDerivedFrom`),
//! attributed to the loader that applies the rule (`wl:closureRule`, a `prov:SoftwareAgent` of the
//! ontology), with the rule in words (`rdfs:comment`). A statement derived from a claim whose
//! attribution the text leaves open says so: it is as uncertain as that claim.

use super::rdf_type;
use crate::annotation::ResolvedFile;
use crate::ontology::Ontology;
use crate::vocab::{iri, ns, Base};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use std::collections::{BTreeMap, BTreeSet};

/// The properties the claim-to-entity closure follows from a subject: `wl:country`, `wl:partOf`.
pub fn link_properties(base: &Base) -> [NamedNode; 2] {
    [base.term("country"), base.term("partOf")]
}

/// The properties this module derives: `wl:pertainsTo`, `wl:characterizedWithin`.
pub fn closure_properties(base: &Base) -> [NamedNode; 2] {
    [base.term("pertainsTo"), base.term("characterizedWithin")]
}

/// Directed links from a node to the nodes it belongs to or is narrower than, as found in a set
/// of statements (cycles are harmless: each node is visited once).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntityLinks {
    up: BTreeMap<NamedNode, BTreeSet<NamedNode>>,
}

impl EntityLinks {
    /// Adds a link from `from` to `to`.
    pub fn add(&mut self, from: NamedNode, to: NamedNode) {
        self.up.entry(from).or_default().insert(to);
    }

    /// Adds every statement of `quads` whose predicate is one of `properties` between IRIs.
    pub fn add_quads<'a>(
        &mut self,
        quads: impl IntoIterator<Item = &'a Quad>,
        properties: &[NamedNode],
    ) {
        for quad in quads {
            if let (NamedOrBlankNode::NamedNode(s), Term::NamedNode(o)) =
                (&quad.subject, &quad.object)
            {
                if properties.contains(&quad.predicate) {
                    self.add(s.clone(), o.clone());
                }
            }
        }
    }

    /// The entities' links (`wl:country`, `wl:partOf`) that the annotation files declare, as
    /// the text states them or as the curator adds them.
    pub fn add_files<'a>(
        &mut self,
        files: impl IntoIterator<Item = &'a ResolvedFile>,
        base: &Base,
    ) {
        let properties = link_properties(base);
        for file in files {
            for entity in &file.entities {
                for (property, object) in &entity.links {
                    if properties.contains(property) {
                        self.add(entity.iri.clone(), object.clone());
                    }
                }
            }
            for entry in &file.curation {
                for (property, object) in &entry.statements {
                    if let (true, Term::NamedNode(object)) = (properties.contains(property), object)
                    {
                        self.add(entry.about.clone(), object.clone());
                    }
                }
            }
        }
    }

    /// The `skos:broader` links of the ontology's concepts (the characterization scheme).
    pub fn broader_of(ontology: &Ontology) -> Self {
        let mut links = Self::default();
        links.add_quads(&ontology.quads, &[iri(ns::SKOS, "broader")]);
        links
    }

    /// `start` and every node reachable from it.
    pub fn closure(&self, start: &NamedNode) -> BTreeSet<NamedNode> {
        let mut seen = BTreeSet::from([start.clone()]);
        let mut todo = vec![start];
        while let Some(node) = todo.pop() {
            for next in self.up.get(node).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    todo.push(next);
                }
            }
        }
        seen
    }
}

/// What the closure of one claim is made from.
pub struct ClaimFacts<'a> {
    pub claim: &'a NamedNode,
    pub subjects: &'a [NamedNode],
    pub characterizations: &'a [NamedNode],
    /// Whether the text leaves the claim's attribution open (`wl:alternativeClaimant`).
    pub attribution_open: bool,
}

/// Why a closure statement holds, in words, for its provenance record.
fn rule_comment(property: &str, attribution_open: bool) -> String {
    let rule = match property {
        "pertainsTo" => {
            "Derived by rule from the claim: an entity it is about (wl:subject), or one that \
             such a subject belongs to through wl:country and wl:partOf across the corpus."
        }
        _ => {
            "Derived by rule from the claim: a characterization it is given \
             (wl:characterizedAs), or a concept that one is narrower than (skos:broader)."
        }
    };
    match attribution_open {
        true => format!(
            "{rule} The text leaves the claim's attribution open (wl:alternativeClaimant): \
             this statement is as uncertain as that claim."
        ),
        false => rule.to_owned(),
    }
}

/// The IRI of the provenance record of `claim property object`: under the claim, readable
/// when the object is under the base (its path), else the object's SHA-256.
fn record_iri(claim: &NamedNode, property: &str, object: &NamedNode, base: &Base) -> NamedNode {
    let path = match object.as_str().strip_prefix(base.as_str()) {
        Some(path) if !path.is_empty() && !path.contains(['#', '?']) => path.to_owned(),
        _ => crate::util::hash::sha256_hex(object.as_str().as_bytes()),
    };
    NamedNode::new_unchecked(format!("{}/derived/{property}/{path}", claim.as_str()))
}

/// The statement `claim property object` and its provenance record, in `graph`.
fn derived_statement(
    facts: &ClaimFacts<'_>,
    property: &NamedNode,
    object: NamedNode,
    graph: &GraphName,
    base: &Base,
) -> Vec<Quad> {
    let local = property
        .as_str()
        .rsplit('#')
        .next()
        .unwrap_or(property.as_str());
    let record = record_iri(facts.claim, local, &object, base);
    let quad = |s: &NamedNode, p: NamedNode, o: Term| Quad::new(s.clone(), p, o, graph.clone());
    let comment = Literal::new_language_tagged_literal_unchecked(
        rule_comment(local, facts.attribution_open),
        "en",
    );
    vec![
        quad(facts.claim, property.clone(), object.clone().into()),
        quad(&record, rdf_type(), iri(ns::RDF, "Statement").into()),
        quad(&record, rdf_type(), iri(ns::PROV, "Entity").into()),
        quad(&record, rdf_type(), base.term("CuratorInference").into()),
        quad(&record, iri(ns::RDF, "subject"), facts.claim.clone().into()),
        quad(&record, iri(ns::RDF, "predicate"), property.clone().into()),
        quad(&record, iri(ns::RDF, "object"), object.into()),
        quad(
            &record,
            iri(ns::PROV, "wasDerivedFrom"),
            facts.claim.clone().into(),
        ),
        quad(
            &record,
            iri(ns::PROV, "wasAttributedTo"),
            base.term("closureRule").into(),
        ),
        quad(&record, iri(ns::RDFS, "comment"), comment.into()),
    ]
}

/// The closure statements of one claim and their provenance records, in `graph`.
pub fn claim_closure(
    facts: &ClaimFacts<'_>,
    entities: &EntityLinks,
    broader: &EntityLinks,
    graph: &NamedNode,
    base: &Base,
) -> Vec<Quad> {
    let [pertains, within] = closure_properties(base);
    let graph = GraphName::NamedNode(graph.clone());
    let mut quads = Vec::new();
    let mut add = |property: &NamedNode, objects: BTreeSet<NamedNode>| {
        for object in objects {
            quads.extend(derived_statement(facts, property, object, &graph, base));
        }
    };
    let about: BTreeSet<NamedNode> = facts
        .subjects
        .iter()
        .flat_map(|s| entities.closure(s))
        .collect();
    add(&pertains, about);
    let within_all: BTreeSet<NamedNode> = facts
        .characterizations
        .iter()
        .flat_map(|c| broader.closure(c))
        .collect();
    add(&within, within_all);
    quads
}

/// The closure statements of a document file's claims, in its curation graph, sorted: what the
/// loader writes beside the file's own graph (none for an entity file).
pub fn closure_quads(
    file: &ResolvedFile,
    ontology: &Ontology,
    entities: &EntityLinks,
    base: &Base,
) -> Vec<Quad> {
    if file.document.is_none() {
        return Vec::new();
    }
    let broader = EntityLinks::broader_of(ontology);
    let graph = base.curation_graph(&file.graph_id);
    let mut quads: Vec<Quad> = file
        .claims
        .iter()
        .flat_map(|claim| {
            let facts = ClaimFacts {
                claim: &claim.iri,
                subjects: &claim.subjects,
                characterizations: &claim.characterizations,
                attribution_open: !claim.alternative_claimants.is_empty(),
            };
            claim_closure(&facts, entities, &broader, &graph, base)
        })
        .collect();
    quads.sort_by_cached_key(|q| q.to_string());
    quads.dedup();
    quads
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("https://example.org/{id}"))
    }

    #[test]
    fn a_closure_follows_links_as_far_as_they_go_and_survives_cycles() {
        let mut links = EntityLinks::default();
        links.add(node("ssf"), node("pla"));
        links.add(node("pla"), node("china"));
        links.add(node("china"), node("ssf"));
        links.add(node("usa"), node("west"));
        let expected: BTreeSet<NamedNode> = ["ssf", "pla", "china"].map(node).into();
        assert_eq!(links.closure(&node("ssf")), expected);
        assert_eq!(links.closure(&node("west")), BTreeSet::from([node("west")]));
    }

    #[test]
    fn the_ontology_states_skos_broader_transitive_as_the_closure_of_skos_broader() {
        let ontology = Ontology::bundled(&Base::default()).expect("ontology");
        let broader = EntityLinks::broader_of(&ontology);
        let mut stated = EntityLinks::default();
        stated.add_quads(&ontology.quads, &[iri(ns::SKOS, "broaderTransitive")]);
        assert!(!broader.up.is_empty());
        let concepts: BTreeSet<&NamedNode> = broader.up.keys().chain(stated.up.keys()).collect();
        for concept in concepts {
            let mut closure = broader.closure(concept);
            closure.remove(concept);
            let mut declared = stated.closure(concept);
            declared.remove(concept);
            assert_eq!(declared, closure, "skos:broaderTransitive of {concept}");
            assert_eq!(
                stated.up.get(concept).cloned().unwrap_or_default(),
                closure,
                "{concept} states each broader concept directly"
            );
        }
    }

    #[test]
    fn a_claim_pertains_to_its_subjects_and_what_they_belong_to() {
        let base = Base::default();
        let mut entities = EntityLinks::default();
        entities.add(node("ssf"), node("china"));
        let mut broader = EntityLinks::default();
        broader.add(node("espionage"), node("threat"));
        broader.add(node("threat"), node("adversarial"));
        let facts = ClaimFacts {
            claim: &node("claim"),
            subjects: &[node("ssf"), node("usa")],
            characterizations: &[node("espionage")],
            attribution_open: false,
        };
        let graph = base.curation_graph("doc");
        let quads = claim_closure(&facts, &entities, &broader, &graph, &base);
        let objects = |local: &str| -> Vec<String> {
            quads
                .iter()
                .filter(|q| q.predicate == base.term(local))
                .map(|q| q.object.to_string())
                .collect()
        };
        assert_eq!(
            objects("pertainsTo"),
            ["china", "ssf", "usa"].map(|id| node(id).to_string())
        );
        assert_eq!(
            objects("characterizedWithin"),
            ["adversarial", "espionage", "threat"].map(|id| node(id).to_string())
        );
        assert!(quads
            .iter()
            .all(|q| q.graph_name == GraphName::NamedNode(graph.clone())));
    }
}
