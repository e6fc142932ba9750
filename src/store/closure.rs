//! The closures of documents loaded earlier kept in step with the corpus.
//!
//! A claim's `wl:pertainsTo` follows the entity links (`wl:country`, `wl:partOf`) of the whole
//! corpus, and those may be declared in another file (a shared entity file, another document):
//! a load or unload that changes them changes what the store's other claims pertain to. So that
//! `load a` then `load b` gives what `load a b` gives, the load compares the corpus's links (and
//! the ontology, whose `skos:broader` gives `wl:characterizedWithin`) before and after; when they
//! differ, the closure of every stored document is computed again and only the difference is
//! written (`crate::rdf::emit::closure_quads` emits those of the load's own documents).

use crate::error::Result;
use crate::ontology::Ontology;
use crate::rdf::emit::{
    claim_closure, closure_properties, link_properties, ClaimFacts, EntityLinks,
};
use crate::vocab::{iri, ns, Base};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, Quad, Term};
use oxigraph::store::Store;
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// The closure statements to remove from and add to the store's documents outside a load.
#[derive(Debug, Default)]
pub struct ClosureUpdates {
    pub remove: Vec<Quad>,
    pub add: Vec<Quad>,
}

/// The entity links that the store's graphs outside `skip` state.
pub fn stored_links(store: &Store, base: &Base, skip: &BTreeSet<NamedNode>) -> Result<EntityLinks> {
    let mut links = EntityLinks::default();
    for property in link_properties(base) {
        let mut quads = Vec::new();
        for quad in store.quads_for_pattern(None, Some(property.as_ref()), None, None) {
            let quad = quad?;
            if !matches!(&quad.graph_name, GraphName::NamedNode(g) if skip.contains(g)) {
                quads.push(quad);
            }
        }
        links.add_quads(&quads, std::slice::from_ref(&property));
    }
    Ok(links)
}

/// What the closures of the store's documents outside `skip` become with the corpus's `links`
/// and `ontology` after a load or unload: nothing when neither the links nor (with
/// `ontology_refreshed`: a load writes the ontology graph again) the stored ontology change.
pub fn closure_updates(
    store: &Store,
    base: &Base,
    ontology: &Ontology,
    skip: &BTreeSet<NamedNode>,
    links: &EntityLinks,
    ontology_refreshed: bool,
) -> Result<ClosureUpdates> {
    let links_changed = stored_links(store, base, &BTreeSet::new())? != *links;
    let ontology_changed = ontology_refreshed && stored_ontology_differs(store, base, ontology)?;
    if !links_changed && !ontology_changed {
        return Ok(ClosureUpdates::default());
    }
    let broader = EntityLinks::broader_of(ontology);
    let mut wanted = HashSet::new();
    let mut curation_graphs = BTreeSet::new();
    for (graph, claims) in stored_claims(store, base, skip)? {
        let Some(name) = graph
            .as_str()
            .strip_prefix(&format!("{}graph/", base.as_str()))
        else {
            continue;
        };
        let curation = base.curation_graph(name);
        for (claim, stored) in &claims {
            let facts = ClaimFacts {
                claim,
                subjects: &stored.subjects,
                characterizations: &stored.characterizations,
                attribution_open: stored.attribution_open,
            };
            wanted.extend(claim_closure(&facts, links, &broader, &curation, base));
        }
        curation_graphs.insert(curation);
    }
    let mut updates = ClosureUpdates::default();
    for quad in stored_closures(store, base, &curation_graphs)? {
        if !wanted.remove(&quad) {
            updates.remove.push(quad);
        }
    }
    updates.add = wanted.into_iter().collect();
    updates.add.sort_by_cached_key(|q| q.to_string());
    Ok(updates)
}

/// The closure statements and their provenance records that the store holds in `graphs`.
fn stored_closures(store: &Store, base: &Base, graphs: &BTreeSet<NamedNode>) -> Result<Vec<Quad>> {
    let ours =
        |quad: &Quad| matches!(&quad.graph_name, GraphName::NamedNode(g) if graphs.contains(g));
    let mut quads = Vec::new();
    let rdf_predicate = iri(ns::RDF, "predicate");
    for property in closure_properties(base) {
        for quad in store.quads_for_pattern(None, Some(property.as_ref()), None, None) {
            let quad = quad?;
            if ours(&quad) {
                quads.push(quad);
            }
        }
        // The records: every statement about a node that reifies a closure statement.
        let object = Term::from(property);
        for record in store.quads_for_pattern(
            None,
            Some(rdf_predicate.as_ref()),
            Some(object.as_ref()),
            None,
        ) {
            let record = record?;
            if !ours(&record) {
                continue;
            }
            for quad in store.quads_for_pattern(
                Some(record.subject.as_ref()),
                None,
                None,
                Some(record.graph_name.as_ref()),
            ) {
                quads.push(quad?);
            }
        }
    }
    Ok(quads)
}

/// What the closure of a stored claim is made from.
#[derive(Debug, Default)]
struct StoredClaim {
    subjects: Vec<NamedNode>,
    characterizations: Vec<NamedNode>,
    attribution_open: bool,
}

/// The stored claims of a graph, by claim.
type Claims = BTreeMap<NamedNode, StoredClaim>;

/// The claims of the store's annotation graphs outside `skip`, by graph.
fn stored_claims(
    store: &Store,
    base: &Base,
    skip: &BTreeSet<NamedNode>,
) -> Result<BTreeMap<NamedNode, Claims>> {
    let claim_class = base.term("Claim");
    let mut graphs: BTreeMap<NamedNode, Claims> = BTreeMap::new();
    let rdf_type = iri(ns::RDF, "type");
    for quad in store.quads_for_pattern(
        None,
        Some(rdf_type.as_ref()),
        Some(claim_class.as_ref().into()),
        None,
    ) {
        let quad = quad?;
        if let (NamedOrBlankNode::NamedNode(claim), GraphName::NamedNode(graph)) =
            (quad.subject, quad.graph_name)
        {
            if !skip.contains(&graph) {
                graphs.entry(graph).or_default().entry(claim).or_default();
            }
        }
    }
    let subject = base.term("subject");
    let characterized = base.term("characterizedAs");
    let alternative = base.term("alternativeClaimant");
    for (graph, claims) in &mut graphs {
        let in_graph = Some(GraphNameRef::NamedNode(graph.as_ref()));
        for (claim, stored) in claims.iter_mut() {
            let objects = |property: &NamedNode| -> Result<Vec<NamedNode>> {
                let mut out = Vec::new();
                for quad in store.quads_for_pattern(
                    Some(claim.as_ref().into()),
                    Some(property.as_ref()),
                    None,
                    in_graph,
                ) {
                    if let Term::NamedNode(o) = quad?.object {
                        out.push(o);
                    }
                }
                Ok(out)
            };
            stored.subjects = objects(&subject)?;
            stored.characterizations = objects(&characterized)?;
            stored.attribution_open = !objects(&alternative)?.is_empty();
        }
    }
    Ok(graphs)
}

/// Whether the closures the store's ontology graph implies differ from those of `ontology`: other
/// `skos:broader` links, or a store written before the loader stated closures (its ontology
/// lacks `wl:pertainsTo`).
fn stored_ontology_differs(store: &Store, base: &Base, ontology: &Ontology) -> Result<bool> {
    let graph = base.ontology_graph();
    let in_graph = Some(GraphNameRef::NamedNode(graph.as_ref()));
    let broader = iri(ns::SKOS, "broader");
    let mut quads = Vec::new();
    for quad in store.quads_for_pattern(None, Some(broader.as_ref()), None, in_graph) {
        quads.push(quad?);
    }
    let mut stored = EntityLinks::default();
    stored.add_quads(&quads, std::slice::from_ref(&broader));
    let [pertains, _] = closure_properties(base);
    let declared = store.contains(oxigraph::model::QuadRef::new(
        pertains.as_ref(),
        iri(ns::RDF, "type").as_ref(),
        iri(ns::OWL, "ObjectProperty").as_ref(),
        graph.as_ref(),
    ))?;
    Ok(!declared || stored != EntityLinks::broader_of(ontology))
}
