//! The processor's expanded structure made directly from quads, as sophia's serializer and the
//! processor's expansion of its output make it, without the JSON in between (writing that JSON
//! and expanding it again was a large share of an export's time).
//!
//! Only the mapping of RDF terms into the processor's types is here (a subject is a node
//! object with `@id`; `rdf:type` to an IRI is `@type`; a literal is a value object with its
//! datatype, unless `xsd:string`, or its language; an IRI or blank node object is a node
//! reference; a named graph is the node of its name with the graph's nodes in `@graph`). What
//! the "Serialize RDF as JSON-LD" algorithm does beyond that (lists from `rdf:first`/`rdf:rest`,
//! `rdf:nil` as `@list`, `rdf:JSON` literals, directions, triple terms) is left to sophia's
//! serializer: [`expanded`] returns `None` for quads that hold any of these.

use super::engine::Expanded;
use super::iris::Iri;
use json_ld::object::node::Node;
use json_ld::object::value::{Literal, LiteralString, Value};
use json_ld::syntax::Entry;
use json_ld::{Id, Indexed, LangString, LenientLanguageTagBuf, Object};
use locspan::{Meta, Stripped};
use oxigraph::model::{GraphName, NamedOrBlankNode, Quad, Term};
use rdf_types::BlankIdBuf;
use sophia::jsonld::json_ld;
use std::collections::HashMap;

const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const XSD_STRING: &str = "http://www.w3.org/2001/XMLSchema#string";

/// The local name of an `rdf:` IRI.
fn rdf_name(iri: &str) -> Option<&str> {
    iri.strip_prefix(RDF)
}

/// Whether the quad needs more of the algorithm than the mapping here.
fn needs_serializer(quad: &Quad) -> bool {
    if matches!(
        rdf_name(quad.predicate.as_str()),
        Some("first" | "rest" | "direction")
    ) {
        return true;
    }
    match &quad.object {
        Term::NamedNode(n) => rdf_name(n.as_str()) == Some("nil"),
        Term::BlankNode(_) => false,
        Term::Literal(l) => matches!(
            rdf_name(l.datatype().as_str()),
            Some("JSON" | "dirLangString")
        ),
        #[allow(unreachable_patterns)] // triple terms, with oxigraph's `rdf-12`
        _ => true,
    }
}

type Node_ = Node<Iri, BlankIdBuf, ()>;

/// IRIs parsed once each.
#[derive(Default)]
struct IriCache(HashMap<String, Iri>);

impl IriCache {
    fn get(&mut self, iri: &str) -> Option<Iri> {
        if let Some(parsed) = self.0.get(iri) {
            return Some(parsed.clone());
        }
        let parsed = Iri::parse(iri)?;
        self.0.insert(iri.to_owned(), parsed.clone());
        Some(parsed)
    }

    fn id(&mut self, term: &str, blank: bool) -> Option<Id<Iri, BlankIdBuf>> {
        if blank {
            BlankIdBuf::new(format!("_:{term}")).ok().map(Id::blank)
        } else {
            self.get(term).map(Id::iri)
        }
    }
}

fn object_of(node: Node_) -> Meta<Indexed<Object<Iri, BlankIdBuf, ()>, ()>, ()> {
    Meta(Indexed::new(Object::Node(Box::new(node)), None), ())
}

fn node_with_id(id: Id<Iri, BlankIdBuf>) -> Node_ {
    Node::with_id(Entry::new((), Meta(id, ())))
}

fn value_of(term: &Term, iris: &mut IriCache) -> Option<Object<Iri, BlankIdBuf, ()>> {
    Some(match term {
        Term::NamedNode(n) => Object::Node(Box::new(node_with_id(iris.id(n.as_str(), false)?))),
        Term::BlankNode(b) => Object::Node(Box::new(node_with_id(iris.id(b.as_str(), true)?))),
        Term::Literal(l) => {
            let text = LiteralString::Expanded(l.value().into());
            Object::Value(match l.language() {
                Some(language) => {
                    let (tag, _) = LenientLanguageTagBuf::new(language.to_owned());
                    Value::LangString(LangString::new(text, Some(tag), None).ok()?)
                }
                None if l.datatype().as_str() == XSD_STRING => {
                    Value::Literal(Literal::String(text), None)
                }
                None => Value::Literal(
                    Literal::String(text),
                    Some(iris.get(l.datatype().as_str())?),
                ),
            })
        }
        #[allow(unreachable_patterns)]
        _ => return None,
    })
}

fn subject_id(subject: &NamedOrBlankNode, iris: &mut IriCache) -> Option<(String, Node_)> {
    let (key, id) = match subject {
        NamedOrBlankNode::NamedNode(n) => (n.as_str().to_owned(), iris.id(n.as_str(), false)?),
        NamedOrBlankNode::BlankNode(b) => (format!("_:{}", b.as_str()), iris.id(b.as_str(), true)?),
    };
    Some((key, node_with_id(id)))
}

/// The nodes of one graph, by subject in order of appearance, and the node of its name.
#[derive(Default)]
struct GraphNodes {
    /// `None`: the default graph.
    name: Option<(String, Node_)>,
    nodes: Vec<Node_>,
    index: HashMap<String, usize>,
}

/// The index of the graph `name` in `graphs`, added if new.
fn graph_at(
    graphs: &mut Vec<GraphNodes>,
    graph_index: &mut HashMap<Option<String>, usize>,
    name: &GraphName,
    iris: &mut IriCache,
) -> Option<usize> {
    let name = match name {
        GraphName::DefaultGraph => None,
        GraphName::NamedNode(n) => Some((n.as_str().to_owned(), false)),
        GraphName::BlankNode(b) => Some((b.as_str().to_owned(), true)),
    };
    let key = name.as_ref().map(|(text, blank)| {
        if *blank {
            format!("_:{text}")
        } else {
            text.clone()
        }
    });
    if let Some(g) = graph_index.get(&key) {
        return Some(*g);
    }
    let name = match (name, &key) {
        (Some((text, blank)), Some(key)) => {
            Some((key.clone(), node_with_id(iris.id(&text, blank)?)))
        }
        _ => None,
    };
    graphs.push(GraphNodes {
        name,
        ..GraphNodes::default()
    });
    graph_index.insert(key, graphs.len() - 1);
    Some(graphs.len() - 1)
}

/// The index of the node of `subject` in `graph`, added if new.
fn node_at(
    graph: &mut GraphNodes,
    subject: &NamedOrBlankNode,
    iris: &mut IriCache,
) -> Option<usize> {
    let (subject, fresh) = subject_id(subject, iris)?;
    Some(*graph.index.entry(subject).or_insert_with(|| {
        graph.nodes.push(fresh);
        graph.nodes.len() - 1
    }))
}

/// The nodes of every graph of `quads`, in order of appearance.
fn nodes_by_graph(quads: &[Quad], iris: &mut IriCache) -> Option<Vec<GraphNodes>> {
    let rdf_type = format!("{RDF}type");
    let mut graphs: Vec<GraphNodes> = Vec::new();
    let mut graph_index: HashMap<Option<String>, usize> = HashMap::new();
    // The graph and node of the quad before: quads come by graph and subject, and looking
    // these up again (and making their keys) was a large share of the mapping.
    let mut last: Option<(&Quad, usize, usize)> = None;
    for quad in quads {
        let (g, at) = match last {
            Some((before, g, at))
                if before.graph_name == quad.graph_name && before.subject == quad.subject =>
            {
                (g, at)
            }
            Some((before, g, _)) if before.graph_name == quad.graph_name => {
                (g, node_at(&mut graphs[g], &quad.subject, iris)?)
            }
            _ => {
                let g = graph_at(&mut graphs, &mut graph_index, &quad.graph_name, iris)?;
                (g, node_at(&mut graphs[g], &quad.subject, iris)?)
            }
        };
        last = Some((quad, g, at));
        let graph = &mut graphs[g];
        let node = &mut graph.nodes[at];
        match &quad.object {
            Term::NamedNode(class) if quad.predicate.as_str() == rdf_type => {
                let id = iris.id(class.as_str(), false)?;
                node.type_entry_or_default((), ())
                    .value
                    .0
                    .push(Meta(id, ()));
            }
            object => {
                let property = iris.id(quad.predicate.as_str(), false)?;
                let value = value_of(object, iris)?;
                node.insert(Meta(property, ()), Meta(Indexed::new(value, None), ()));
            }
        }
    }
    Some(graphs)
}

/// The expanded document of `quads` (distinct, each graph's in export order), or `None` when
/// they need sophia's serializer (see the module's documentation).
pub(super) fn expanded(quads: &[Quad]) -> Option<Expanded> {
    if quads.iter().any(needs_serializer) {
        return None;
    }
    let mut iris = IriCache::default();
    let mut graphs = nodes_by_graph(quads, &mut iris)?;
    // The default graph's nodes are the top level; a named graph is the node of its name (the
    // default graph's node of that name when there is one) holding the graph's nodes.
    let mut top: Vec<Node_> = Vec::new();
    let mut top_index: HashMap<String, usize> = HashMap::new();
    if let Some(default) = graphs.iter_mut().find(|graph| graph.name.is_none()) {
        let GraphNodes { nodes, index, .. } = std::mem::take(default);
        let mut by_position: Vec<(usize, String)> =
            index.into_iter().map(|(key, at)| (at, key)).collect();
        by_position.sort();
        for ((_, key), node) in by_position.into_iter().zip(nodes) {
            top_index.insert(key, top.len());
            top.push(node);
        }
    }
    for graph in graphs {
        let Some((key, name_node)) = graph.name else {
            continue;
        };
        let nodes = graph
            .nodes
            .into_iter()
            .map(|node| Stripped(object_of(node)))
            .collect();
        let at = *top_index.entry(key).or_insert_with(|| {
            top.push(name_node);
            top.len() - 1
        });
        top[at].set_graph(Some(Entry::new((), Meta(nodes, ()))));
    }
    Some(top.into_iter().map(object_of).collect())
}
