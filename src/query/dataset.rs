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

    /// The graphs that hold what the texts say, and the vocabulary they say it in: every graph
    /// of the store but the curation graphs (`graph/curation/…`: what the curator infers or
    /// brings from outside, the closures included), as the default graph and as the named
    /// graphs. The ontology stays: its labels and concept hierarchy are the terms the text
    /// graphs are written in, not statements about the world.
    pub fn text_only(kg: &KnowledgeGraph) -> crate::Result<Self> {
        let curation = format!("{}graph/curation/", kg.base().as_str());
        let mut graphs = Vec::new();
        for graph in kg.store().named_graphs() {
            let graph = graph?;
            let is_curation = matches!(&graph, NamedOrBlankNode::NamedNode(n)
                if n.as_str().starts_with(&curation));
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

    /// The IRIs of `query` that the store states as predicates only outside this dataset's
    /// default graph (e.g. `wl:pertainsTo`, which only the curation graphs hold under
    /// [`Self::text_only`]): the patterns that use them find nothing here, which a user should be
    /// told. The IRIs are read from the query's algebra written out (spargebra writes every IRI
    /// in full between `<` and `>`); a text between those that is no IRI is skipped.
    pub fn predicates_outside(
        &self,
        kg: &KnowledgeGraph,
        query: &spargebra::Query,
    ) -> crate::Result<Vec<NamedNode>> {
        let text = query.to_string();
        let candidates: std::collections::BTreeSet<NamedNode> = text
            .split('<')
            .skip(1)
            .filter_map(|rest| rest.split_once('>'))
            .filter_map(|(iri, _)| NamedNode::new(iri).ok())
            .collect();
        let inside: std::collections::HashSet<&GraphName> = self.default_graphs.iter().collect();
        let mut outside = Vec::new();
        for predicate in candidates {
            let mut stated = false;
            let mut stated_inside = false;
            for quad in kg
                .store()
                .quads_for_pattern(None, Some(predicate.as_ref()), None, None)
            {
                stated = true;
                if inside.contains(&quad?.graph_name) {
                    stated_inside = true;
                    break;
                }
            }
            if stated && !stated_inside {
                outside.push(predicate);
            }
        }
        Ok(outside)
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
