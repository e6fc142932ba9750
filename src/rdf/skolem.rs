//! Skolemization (RDF 1.1 §3.5): blank nodes replaced by IRIs `{base}.well-known/genid/{label}`,
//! so that a node shared by two graphs stays one node when the graphs travel apart (`publish`'s
//! uploads, `export --shard-size`'s shards). With canonical RDFC-1.0 labels ([`skolemize`]) the
//! same data always gives the same IRIs.

use super::canonical::with_canonical_blank_nodes;
use crate::vocab::Base;
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Quad, Term};

/// Replaces every blank node with a skolem IRI `{base}.well-known/genid/{canonical label}`.
pub fn skolemize(quads: Vec<Quad>, base: &Base) -> Vec<Quad> {
    with_canonical_blank_nodes(quads)
        .into_iter()
        .map(|q| skolemized(q, base))
        .collect()
}

/// The quad with each blank node replaced by the skolem IRI `{base}.well-known/genid/{label}`
/// (give it canonical labels: see [`skolemize`]).
pub fn skolemized(quad: Quad, base: &Base) -> Quad {
    let skolem = |label: &str| {
        NamedNode::new_unchecked(format!("{}.well-known/genid/{label}", base.as_str()))
    };
    let subject = match quad.subject {
        NamedOrBlankNode::BlankNode(b) => skolem(b.as_str()).into(),
        other => other,
    };
    let object = match quad.object {
        Term::BlankNode(b) => skolem(b.as_str()).into(),
        other => other,
    };
    let graph_name = match quad.graph_name {
        GraphName::BlankNode(b) => skolem(b.as_str()).into(),
        other => other,
    };
    Quad::new(subject, quad.predicate, object, graph_name)
}
