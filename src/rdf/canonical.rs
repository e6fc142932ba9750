//! RDF Dataset Canonicalization (RDFC-1.0, <https://www.w3.org/TR/rdf-canon/>) with sophia:
//! canonical N-Quads and their SHA-256, canonical blank-node labels for stable exports, and the
//! isomorphism check the round-trip tests use.
//!
//! Oxigraph's terms are mapped to sophia's [`SimpleTerm`]s directly, borrowing their strings
//! (no round trip through N-Quads text).
//!
//! ```
//! use oxigraph::model::{BlankNode, GraphName, Literal, NamedNode, Quad};
//! use wangluo::rdf::canonical::canonical_nquads;
//! use wangluo::util::hash::sha256_hex;
//! let p = NamedNode::new("http://example.org/p").unwrap();
//! let quad = |b: &str| Quad::new(BlankNode::new(b).unwrap(), p.clone(), Literal::from("x"), GraphName::DefaultGraph);
//! // The same data under other blank-node labels has the same canonical form and hash.
//! let one = canonical_nquads(&[quad("a")]).unwrap();
//! let other = canonical_nquads(&[quad("zz")]).unwrap();
//! assert_eq!(one, other);
//! assert_eq!(String::from_utf8(one.clone()).unwrap(), "_:c14n0 <http://example.org/p> \"x\" .\n");
//! assert_eq!(sha256_hex(&one).len(), 64);
//! ```

use crate::error::Result;
use crate::util::hash::sha256_hex;
use oxigraph::model::{BlankNode, GraphName, NamedOrBlankNode, Quad, Term};
use sophia::api::quad::Spog;
use sophia::api::term::{BnodeId, IriRef, LanguageTag, SimpleTerm};
use sophia::api::MownStr;
use std::collections::{BTreeSet, HashMap};

/// Data that cannot be canonicalized or compared.
#[derive(Debug, thiserror::Error)]
pub enum CanonicalError {
    /// sophia's canonicalization takes RDF 1.1 terms only.
    #[error("canonical N-Quads: unsupported RDF 1.2 term {term}")]
    UnsupportedTerm { term: String },
    /// The canonicalization (or the isomorphism check) gave up, e.g. on a graph too complex for
    /// its safeguards.
    #[error("canonical N-Quads")]
    Failed(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// A quad in sophia's terms, borrowing the strings of an oxigraph [`Quad`].
pub type SophiaQuad<'a> = Spog<SimpleTerm<'a>>;

/// A set of quads in sophia's terms: what sophia's canonicalization and isomorphism take.
pub type SophiaDataset<'a> = BTreeSet<SophiaQuad<'a>>;

fn iri(iri: &str) -> SimpleTerm<'_> {
    SimpleTerm::Iri(IriRef::new_unchecked(MownStr::from(iri)))
}

fn blank(id: &str) -> SimpleTerm<'_> {
    SimpleTerm::BlankNode(BnodeId::new_unchecked(MownStr::from(id)))
}

fn subject(node: &NamedOrBlankNode) -> SimpleTerm<'_> {
    match node {
        NamedOrBlankNode::NamedNode(n) => iri(n.as_str()),
        NamedOrBlankNode::BlankNode(b) => blank(b.as_str()),
    }
}

/// The sophia term for an oxigraph term. RDF 1.2 triple terms are not supported.
pub fn sophia_term(term: &Term) -> Result<SimpleTerm<'_>> {
    #[allow(unreachable_patterns)] // Term has one more variant when oxrdf's `rdf-12` is enabled
    Ok(match term {
        Term::NamedNode(n) => iri(n.as_str()),
        Term::BlankNode(b) => blank(b.as_str()),
        Term::Literal(l) => match l.language() {
            Some(language) => SimpleTerm::LiteralLanguage(
                MownStr::from(l.value()),
                LanguageTag::new_unchecked(MownStr::from(language)),
                None,
            ),
            None => SimpleTerm::LiteralDatatype(
                MownStr::from(l.value()),
                IriRef::new_unchecked(MownStr::from(l.datatype().as_str())),
            ),
        },
        other => {
            return Err(CanonicalError::UnsupportedTerm {
                term: other.to_string(),
            }
            .into())
        }
    })
}

/// The sophia quad for an oxigraph quad (the default graph is `None`).
pub fn sophia_quad(quad: &Quad) -> Result<SophiaQuad<'_>> {
    let graph = match &quad.graph_name {
        GraphName::DefaultGraph => None,
        GraphName::NamedNode(n) => Some(iri(n.as_str())),
        GraphName::BlankNode(b) => Some(blank(b.as_str())),
    };
    Ok((
        [
            subject(&quad.subject),
            iri(quad.predicate.as_str()),
            sophia_term(&quad.object)?,
        ],
        graph,
    ))
}

/// The quads as a sophia dataset (a set: duplicates collapse).
pub fn sophia_dataset(quads: &[Quad]) -> Result<SophiaDataset<'_>> {
    quads.iter().map(sophia_quad).collect()
}

fn failed(e: impl std::error::Error + Send + Sync + 'static) -> crate::Error {
    CanonicalError::Failed(Box::new(e)).into()
}

/// The RDFC-1.0 canonical N-Quads of `quads` (blank nodes relabelled `_:c14nN`, lines sorted,
/// SHA-256 as the hash function): the same data gives the same bytes whatever its order or
/// blank-node labels.
pub fn canonical_nquads(quads: &[Quad]) -> Result<Vec<u8>> {
    let dataset = sophia_dataset(quads)?;
    let mut out = Vec::new();
    sophia::c14n::rdfc10::normalize(&dataset, &mut out).map_err(failed)?;
    Ok(out)
}

/// The SHA-256 of the canonical N-Quads of `quads`, in lowercase hexadecimal.
pub fn canonical_hash(quads: &[Quad]) -> Result<String> {
    Ok(sha256_hex(&canonical_nquads(quads)?))
}

/// Whether a quad holds a blank node (as subject, object or graph name).
pub fn has_blank_node(quad: &Quad) -> bool {
    quad.subject.is_blank_node()
        || quad.object.is_blank_node()
        || matches!(quad.graph_name, GraphName::BlankNode(_))
}

/// The canonical RDFC-1.0 label (`c14n0` …) of each blank node of `quads`, by its current label;
/// `None` for a dataset too complex for the canonicalization's safeguards. The labels depend
/// only on the quads that hold blank nodes, so those alone may be given.
pub fn canonical_blank_labels(quads: &[Quad]) -> Option<HashMap<String, String>> {
    let dataset = sophia_dataset(quads).ok()?;
    let (_, map) = sophia::c14n::rdfc10::relabel(&dataset).ok()?;
    Some(
        map.iter()
            .map(|(old, new)| (old.to_string(), new.as_str().to_owned()))
            .collect(),
    )
}

/// The quad with its blank nodes renamed by `labels` (a blank node not in it keeps its label).
pub fn relabeled(quad: Quad, labels: &HashMap<String, String>) -> Quad {
    let rename = |b: BlankNode| match labels.get(b.as_str()) {
        Some(new) => BlankNode::new_unchecked(new.clone()),
        None => b,
    };
    let subject = match quad.subject {
        NamedOrBlankNode::BlankNode(b) => rename(b).into(),
        other => other,
    };
    let object = match quad.object {
        Term::BlankNode(b) => rename(b).into(),
        other => other,
    };
    let graph_name = match quad.graph_name {
        GraphName::BlankNode(b) => rename(b).into(),
        other => other,
    };
    Quad::new(subject, quad.predicate, object, graph_name)
}

/// The quads with their blank nodes renamed to their canonical RDFC-1.0 labels (`c14n0`,
/// `c14n1` …), so that exports of the same data name blank nodes the same way whatever the
/// labels the store gave them. Quads without blank nodes are returned as they are; so are the
/// quads of a graph too complex for the canonicalization's safeguards.
pub fn with_canonical_blank_nodes(quads: Vec<Quad>) -> Vec<Quad> {
    if !quads.iter().any(has_blank_node) {
        return quads;
    }
    let Some(labels) = canonical_blank_labels(&quads) else {
        return quads;
    };
    quads.into_iter().map(|q| relabeled(q, &labels)).collect()
}

/// Whether two sets of quads are the same RDF dataset up to blank-node labels (sophia's
/// isomorphism check).
pub fn isomorphic(a: &[Quad], b: &[Quad]) -> Result<bool> {
    let (a, b) = (sophia_dataset(a)?, sophia_dataset(b)?);
    sophia::isomorphism::isomorphic_datasets(&a, &b).map_err(failed)
}
