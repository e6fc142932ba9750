//! Citable claims: every claim of the graph as a [nanopublication](https://nanopub.net) with a
//! trusty URI ([`assemble`], [`trusty`], written by [`write`]), and the verification of
//! nanopublications, ours or other tools' ([`verify`]).
//!
//! A claim's nanopublication has the four graphs of the format:
//!
//! * head — links the nanopublication to its three other graphs;
//! * assertion — the claim's own statements (type, label, claimant, source document, the document
//!   that reports it, subjects, perspective, characterizations, links);
//! * provenance — the assertion was derived from the op-ed and from the quotes of it (Web
//!   Annotation targets with their `TextQuoteSelector` and `TextPositionSelector`), and is
//!   attributed to the claimant;
//! * publication info — creator, creation date (the `annotated` time of the claim's document,
//!   recorded as `dcterms:created` of its graph: not the time of the export, so that exports are
//!   reproducible), licence (CC BY 4.0), the wangluo version that wrote it.
//!
//! Its URI is `{base}np/{claim-id}/RA…`: the artifact code (`RA` and the base64url SHA-256 of the
//! nanopublication's normalized statements, 45 characters) is the one the Trusty URI
//! specification (Kuhn and Dumontier, 2014) defines for RDF; the graphs are `…/RA…#Head`,
//! `#assertion`, `#provenance`, `#pubinfo`. The hash is computed by the `nanopub` crate
//! (nanopub-rs), the same code that checks it in [`verify_quads`]; nanopub-py's independent port
//! of the reference code accepts them too. Where the crate's normalization departs from the
//! reference (several literals on one subject and predicate, see [`literal_order_divergence`]),
//! the export refuses and `verify` adds a note. The nanopublications are not signed: a signature
//! needs the user's private key, and one made with a key that nobody holds would prove nothing.
//!
//! ```
//! use wangluo::{nanopub, store::KnowledgeGraph, vocab::Base};
//! let kg = KnowledgeGraph::bundled(&Base::default()).unwrap();
//! let claims = nanopub::claim_nanopubs(&kg).unwrap();
//! let (checks, stray) = nanopub::verify_quads(claims[0].quads.clone());
//! assert_eq!(stray, 0);
//! assert!(checks[0].verdict.is_ok());
//! assert!(claims[0].artifact_code.starts_with("RA") && claims[0].artifact_code.len() == 45);
//! ```

pub mod assemble;
pub mod trusty;
pub mod verify;
pub mod write;

pub use assemble::claim_nanopubs;
pub use trusty::literal_order_divergence;
pub use verify::{
    nanopub_files, verify_file, verify_quads, FileReport, NanopubCheck, Signature, Verdict,
    NANOPUB_EXTENSIONS,
};
pub use write::{export_nanopubs, write_trig, NanopubTarget};

use oxigraph::model::{NamedNode, Quad};

/// A nanopublication that cannot be made or written, or a path that cannot take them.
#[derive(Debug, thiserror::Error)]
pub enum NanopubError {
    /// The data or a path is unusable for nanopublications: `item: reason`.
    #[error("{item}: {reason}")]
    Unusable { item: String, reason: String },
    /// The `nanopub` crate could not compute or apply the trusty URI.
    #[error("{item}: cannot make the trusty URI")]
    Trusty {
        item: String,
        #[source]
        source: nanopub::error::NpError,
    },
    /// A namespace the TriG writer refused as a prefix.
    #[error("prefix {prefix}:")]
    Prefix {
        prefix: String,
        #[source]
        source: oxigraph::model::IriParseError,
    },
}

impl NanopubError {
    /// `item: reason`, as a crate error.
    pub(crate) fn unusable(item: &str, reason: impl std::fmt::Display) -> crate::Error {
        NanopubError::Unusable {
            item: item.to_owned(),
            reason: reason.to_string(),
        }
        .into()
    }
}

/// The licence of the nanopublications: Creative Commons Attribution 4.0.
pub const LICENSE: &str = "https://creativecommons.org/licenses/by/4.0/";

/// Namespaces of the nanopublication vocabularies.
pub mod vocab {
    /// The nanopublication schema (`np:`).
    pub const NP: &str = "http://www.nanopub.org/nschema#";
    /// Nanopublication extensions (`npx:`).
    pub const NPX: &str = "http://purl.org/nanopub/x/";
    /// Provenance, Authoring and Versioning (`pav:`).
    pub const PAV: &str = "http://purl.org/pav/";
}

/// One claim as a nanopublication with a trusty URI.
#[derive(Debug, Clone)]
pub struct ClaimNanopub {
    /// The claim's id (the local name of its IRI); the file name of its nanopublication.
    pub claim_id: String,
    /// The claim's IRI.
    pub claim: NamedNode,
    /// The nanopublication's trusty URI, `{base}np/{claim-id}/RA…`.
    pub uri: NamedNode,
    /// The artifact code at the end of the URI (`RA…`).
    pub artifact_code: String,
    /// The statements of the four graphs, in the order they are written.
    pub quads: Vec<Quad>,
}

/// The four graph IRIs of a nanopublication whose namespace (its URI and a `#`) is `ns`.
pub(crate) struct Graphs {
    pub(crate) head: NamedNode,
    pub(crate) assertion: NamedNode,
    pub(crate) provenance: NamedNode,
    pub(crate) pubinfo: NamedNode,
}

impl Graphs {
    pub(crate) fn under(ns: &str) -> Self {
        let g = |local: &str| NamedNode::new_unchecked(format!("{ns}{local}"));
        Self {
            head: g("Head"),
            assertion: g("assertion"),
            provenance: g("provenance"),
            pubinfo: g("pubinfo"),
        }
    }
}
