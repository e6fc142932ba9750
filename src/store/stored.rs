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

/// One declaration, read: its symbol and, for an entity, the forms it may be named by.
struct StoredItem {
    declared: Declared,
    symbol: Symbol,
    forms: Vec<String>,
}

/// Every id the store's graphs declare (the ontology's excepted), read once per load or unload:
/// a load needs it with and without the graphs it replaces, and to find what would be orphaned.
pub struct StoredDeclarations {
    items: Vec<StoredItem>,
}

impl StoredDeclarations {
    /// Reads the declarations, labels and mention forms of the store.
    pub fn read(store: &Store, base: &Base) -> Result<Self> {
        let declared = declarations(store, base)?;
        let mut items = Vec::with_capacity(declared.len());
        for d in declared {
            let kind = if d.class == "Claim" {
                Kind::Claim
            } else if is_context(store, &d.iri, &d.graph) {
                Kind::Document
            } else {
                Kind::Entity
            };
            let label = literals(store, &d.iri, &iri(ns::RDFS, "label"), &d.graph)?
                .into_iter()
                .find(|(_, lang)| kind == Kind::Document || lang == "en")
                .map(|(value, _)| value)
                .unwrap_or_default();
            let mut forms = Vec::new();
            if kind == Kind::Entity {
                for property in [
                    iri(ns::RDFS, "label"),
                    iri(ns::SKOS, "altLabel"),
                    base.term("mentionForm"),
                ] {
                    forms.extend(
                        literals(store, &d.iri, &property, &d.graph)?
                            .into_iter()
                            .map(|(v, _)| v),
                    );
                }
            }
            let symbol = Symbol {
                kind,
                class: d.class.clone(),
                label,
                place: Place::Stored {
                    graph: d.graph.as_str().to_owned(),
                },
            };
            items.push(StoredItem {
                declared: d,
                symbol,
                forms,
            });
        }
        Ok(Self { items })
    }

    /// The ids declared by graphs other than `skip` (the graphs a load replaces or an unload
    /// removes), and the mention forms of their entities.
    pub fn corpus(&self, skip: &BTreeSet<NamedNode>) -> StoredCorpus {
        let mut corpus = StoredCorpus::default();
        let mut entities: BTreeMap<&str, StoredEntity> = BTreeMap::new();
        for item in self
            .items
            .iter()
            .filter(|i| !skip.contains(&i.declared.graph))
        {
            let d = &item.declared;
            corpus.symbols.push((d.id.clone(), item.symbol.clone()));
            if item.symbol.kind == Kind::Entity {
                let entry = entities.entry(&d.id).or_insert_with(|| StoredEntity {
                    id: d.id.clone(),
                    iri: d.iri.clone(),
                    forms: Vec::new(),
                });
                for form in &item.forms {
                    if !entry.forms.contains(form) {
                        entry.forms.push(form.clone());
                    }
                }
            }
        }
        corpus.entities = entities.into_values().collect();
        corpus
    }

    /// The ids declared only in `removed` graphs (in no other graph of the store, nor in
    /// `still_declared`) that a statement of another graph still refers to:
    /// `(id, referring graph)`.
    pub fn orphaned_references(
        &self,
        store: &Store,
        base: &Base,
        removed: &BTreeSet<NamedNode>,
        still_declared: &BTreeSet<String>,
    ) -> Result<Vec<(String, NamedNode)>> {
        let all: Vec<&Declared> = self.items.iter().map(|i| &i.declared).collect();
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
            if let Some(user) = statement_using(store, base, &d.iri, removed)? {
                orphans.push((d.id.clone(), user));
            }
        }
        Ok(orphans)
    }
}

/// A graph outside `removed` (and the ontology) with a statement whose object is `item`.
/// Mentions and closures (`wl:pertainsTo`, `wl:characterizedWithin`) are derived from the corpus
/// and brought in step by the change itself; only statements (claims, links, members …) keep an
/// entity in use.
fn statement_using(
    store: &Store,
    base: &Base,
    item: &NamedNode,
    removed: &BTreeSet<NamedNode>,
) -> Result<Option<NamedNode>> {
    let mention = iri(ns::ITSRDF, "taIdentRef");
    let derived = crate::rdf::emit::closure_properties(base);
    for quad in store.quads_for_pattern(None, None, Some(item.as_ref().into()), None) {
        let quad = quad?;
        if quad.predicate == mention || derived.contains(&quad.predicate) {
            continue;
        }
        if let oxigraph::model::GraphName::NamedNode(g) = quad.graph_name {
            if !removed.contains(&g) && g != base.ontology_graph() {
                return Ok(Some(g));
            }
        }
    }
    Ok(None)
}

/// Every `(id, graph, wl: class)` typed in the store, outside the ontology, sorted.
fn declarations(store: &Store, base: &Base) -> Result<Vec<Declared>> {
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
        if graph == ontology || id.contains('/') || id.contains('#') {
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
