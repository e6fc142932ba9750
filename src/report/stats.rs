//! Statistics of the knowledge graph: triples per graph and instances per class.

/// Triples per named graph (and in the default graph, if any), largest first.
pub const TRIPLES_PER_GRAPH: &str = "SELECT ?graph (COUNT(*) AS ?triples) WHERE {
  { GRAPH ?graph { ?s ?p ?o } } UNION { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?any { ?s ?p ?o } } BIND(\"(default graph)\" AS ?graph) }
} GROUP BY ?graph ORDER BY DESC(?triples) ?graph";

/// Instances per class over all graphs, most frequent first.
pub const INSTANCES_PER_CLASS: &str =
    "SELECT ?class (COUNT(DISTINCT ?instance) AS ?instances) WHERE {
  ?instance a ?class
} GROUP BY ?class ORDER BY DESC(?instances) ?class";
