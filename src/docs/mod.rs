//! Documentation rendered from the graph (HTML pages a release bundle or a server can serve).

pub mod ontology;

use crate::error::Result;
use crate::store::KnowledgeGraph;

/// The ontology's page as the bundle writes it (`ontology/ontology.html`): read from the
/// store's ontology graph, standalone.
pub fn ontology_html(kg: &KnowledgeGraph) -> Result<String> {
    let base = kg.base();
    let doc = ontology::OntologyDoc::read(kg.store(), base, Some(base.ontology_graph()))?;
    Ok(ontology::html::standalone(&doc))
}
