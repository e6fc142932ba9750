//! The RDF dataset a query is evaluated against (SPARQL 1.1 §13.2, Protocol §2.1.4).
//!
//! The rule: the dataset the request names (`default-graph-uri` / `named-graph-uri` on
//! `/sparql`, `--text-only` on the command line), else the one the query names (`FROM` /
//! `FROM NAMED`), else the default graph is the union of all graphs and every graph is named.

use crate::store::KnowledgeGraph;
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode};
use oxigraph::sparql::QueryDataset;

/// A dataset named by the request, which overrides the query's `FROM` / `FROM NAMED`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DatasetSpec {
    /// The graphs merged into the default graph (none: an empty default graph).
    pub default_graphs: Vec<GraphName>,
    /// The graphs `GRAPH` can reach (none: no named graph).
    pub named_graphs: Vec<NamedOrBlankNode>,
}

impl DatasetSpec {
    /// The protocol's dataset (`default-graph-uri`, `named-graph-uri`): `None` when the request
    /// names no graph at all, so that the query's own `FROM` applies.
    pub fn from_protocol(default: Vec<NamedNode>, named: Vec<NamedNode>) -> Option<Self> {
        if default.is_empty() && named.is_empty() {
            return None;
        }
        Some(Self {
            default_graphs: default.into_iter().map(GraphName::from).collect(),
            named_graphs: named.into_iter().map(NamedOrBlankNode::from).collect(),
        })
    }

    /// The graphs that hold what the texts say: every graph of the store but the ontology and
    /// the curation graphs (`graph/curation/…`: what the curator infers or brings from
    /// outside), as the default graph and as the named graphs.
    pub fn text_only(kg: &KnowledgeGraph) -> crate::Result<Self> {
        let ontology = kg.base().ontology_graph();
        let curation = format!("{}graph/curation/", kg.base().as_str());
        let mut graphs = Vec::new();
        for graph in kg.store().named_graphs() {
            let graph = graph?;
            let is_curation = matches!(&graph, NamedOrBlankNode::NamedNode(n)
                if *n == ontology || n.as_str().starts_with(&curation));
            if !is_curation {
                graphs.push(graph);
            }
        }
        graphs.sort_by_key(|g| g.to_string());
        Ok(Self {
            default_graphs: graphs.iter().cloned().map(GraphName::from).collect(),
            named_graphs: graphs,
        })
    }

    /// Sets `dataset` to this one.
    fn apply(&self, dataset: &mut QueryDataset) {
        dataset.set_default_graph(self.default_graphs.clone());
        dataset.set_available_named_graphs(self.named_graphs.clone());
    }
}

/// Sets the dataset of a prepared query by the rule of this module. `query_names_one`: whether
/// the query has a `FROM` or `FROM NAMED` (which Oxigraph has already put in `dataset`).
pub(crate) fn choose(
    dataset: &mut QueryDataset,
    request: Option<&DatasetSpec>,
    query_names_one: bool,
) {
    match request {
        Some(spec) => spec.apply(dataset),
        None if query_names_one => {}
        None => dataset.set_default_graph_as_union(),
    }
}
