//! Documentation rendered from the graph (HTML pages a release bundle or a server can serve).

pub mod ontology_html;
