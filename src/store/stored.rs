//! What a store already holds that a load must agree with: the ids its graphs declare (kind,
//! class, label, graph) and the forms its entities may be named by.

use crate::annotation::{Kind, Place, StoredCorpus, StoredEntity, Symbol};
use crate::error::Result;
use crate::vocab::{iri, ns, Base};
use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNode, Quad, Term};
use oxigraph::store::Store;
use std::collections::{BTreeMap, BTreeSet};

/// One id declared in one graph of the store.
struct Declared {
    id: String,
    iri: NamedNode,
    graph: NamedNode,
    class: String,
}

/// The ids declared by the store's graphs other than `skip` (the graphs a load replaces) and the
/// ontology's, and the mention forms of their entities.
pub fn stored_corpus(
    store: &Store,
    base: &Base,
    skip: &BTreeSet<NamedNode>,
) -> Result<StoredCorpus> {
    let declared = declarations(store, base, skip)?;
    let documents: BTreeSet<(String, NamedNode)> = declared
        .iter()
        .filter(|d| is_context(store, &d.iri, &d.graph))
        .map(|d| (d.id.clone(), d.graph.clone()))
        .collect();
    let mut corpus = StoredCorpus::default();
    let mut forms: BTreeMap<String, StoredEntity> = BTreeMap::new();
    for d in &declared {
        let kind = if d.class == "Claim" {
            Kind::Claim
        } else if documents.contains(&(d.id.clone(), d.graph.clone())) {
            Kind::Document
        } else {
            Kind::Entity
        };
        let label = literals(store, &d.iri, &iri(ns::RDFS, "label"), &d.graph)?
            .into_iter()
            .find(|(_, lang)| kind == Kind::Document || lang == "en")
            .map(|(value, _)| value)
            .unwrap_or_default();
        let place = Place::Stored {
            graph: d.graph.as_str().to_owned(),
        };
        corpus.symbols.push((
            d.id.clone(),
            Symbol {
                kind,
                class: d.class.clone(),
                label,
                place,
            },
        ));
        if kind == Kind::Entity {
            let entry = forms.entry(d.id.clone()).or_insert_with(|| StoredEntity {
                id: d.id.clone(),
                iri: d.iri.clone(),
                forms: Vec::new(),
            });
            for property in [
                iri(ns::RDFS, "label"),
                iri(ns::SKOS, "altLabel"),
                base.term("mentionForm"),
            ] {
                for (value, _) in literals(store, &d.iri, &property, &d.graph)? {
                    if !entry.forms.contains(&value) {
                        entry.forms.push(value);
                    }
                }
            }
        }
    }
    corpus.entities = forms.into_values().collect();
    Ok(corpus)
}

/// Every `(id, graph, wl: class)` typed in the store, outside the ontology and `skip`, sorted.
fn declarations(store: &Store, base: &Base, skip: &BTreeSet<NamedNode>) -> Result<Vec<Declared>> {
    let items = base.item_namespace();
    let wl = base.ontology_namespace();
    let ontology = base.ontology_graph();
    let rdf_type = iri(ns::RDF, "type");
    let mut out = Vec::new();
    for quad in store.quads_for_pattern(None, Some(rdf_type.as_ref()), None, None) {
        let Quad {
            subject,
            object,
            graph_name,
            ..
        } = quad?;
        let (
            NamedOrBlankNode::NamedNode(subject),
            Term::NamedNode(class),
            oxigraph::model::GraphName::NamedNode(graph),
        ) = (subject, object, graph_name)
        else {
            continue;
        };
        let (Some(id), Some(class)) = (
            subject.as_str().strip_prefix(&items),
            class.as_str().strip_prefix(&wl),
        ) else {
            continue;
        };
        // Quotes and annotations (`{doc}/quote/…`) are parts of a document, not ids.
        if graph == ontology || skip.contains(&graph) || id.contains('/') || id.contains('#') {
            continue;
        }
        out.push(Declared {
            id: id.to_owned(),
            class: class.to_owned(),
            iri: subject.clone(),
            graph,
        });
    }
    out.sort_by(|a, b| (&a.id, a.graph.as_str()).cmp(&(&b.id, b.graph.as_str())));
    Ok(out)
}

/// Whether `item` is an annotated text (`nif:Context`) in `graph`.
fn is_context(store: &Store, item: &NamedNode, graph: &NamedNode) -> bool {
    let context = iri(ns::NIF, "Context");
    store
        .contains(oxigraph::model::QuadRef::new(
            item.as_ref(),
            iri(ns::RDF, "type").as_ref(),
            context.as_ref(),
            GraphNameRef::NamedNode(graph.as_ref()),
        ))
        .unwrap_or(false)
}

/// The literal values (and language tags) of `subject property ?` in `graph`.
fn literals(
    store: &Store,
    subject: &NamedNode,
    property: &NamedNode,
    graph: &NamedNode,
) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for quad in store.quads_for_pattern(
        Some(subject.as_ref().into()),
        Some(property.as_ref()),
        None,
        Some(GraphNameRef::NamedNode(graph.as_ref())),
    ) {
        if let Term::Literal(l) = quad?.object {
            out.push((l.value().to_owned(), l.language().unwrap_or("").to_owned()));
        }
    }
    out.sort();
    Ok(out)
}

/// The ids declared only in `removed` graphs (in no other graph of the store, nor in
/// `still_declared`) that a statement of another graph still refers to: `(id, referring graph)`.
pub fn orphaned_references(
    store: &Store,
    base: &Base,
    removed: &BTreeSet<NamedNode>,
    still_declared: &BTreeSet<String>,
) -> Result<Vec<(String, NamedNode)>> {
    let all = declarations(store, base, &BTreeSet::new())?;
    let mut remaining: BTreeSet<&str> = still_declared.iter().map(String::as_str).collect();
    remaining.extend(
        all.iter()
            .filter(|d| !removed.contains(&d.graph))
            .map(|d| d.id.as_str()),
    );
    let mut orphans = Vec::new();
    let mut seen = BTreeSet::new();
    for d in all.iter().filter(|d| removed.contains(&d.graph)) {
        if remaining.contains(d.id.as_str()) || !seen.insert(d.id.clone()) {
            continue;
        }
        // Mentions are derived from the corpus's forms and searched again by the change itself;
        // only statements (claims, links, members …) keep an entity in use.
        let mention = iri(ns::ITSRDF, "taIdentRef");
        let uses = store.quads_for_pattern(None, None, Some(d.iri.as_ref().into()), None);
        for quad in uses {
            let quad = quad?;
            if quad.predicate == mention {
                continue;
            }
            if let oxigraph::model::GraphName::NamedNode(g) = quad.graph_name {
                if !removed.contains(&g) && g != base.ontology_graph() {
                    orphans.push((d.id.clone(), g));
                    break;
                }
            }
        }
    }
    Ok(orphans)
}
