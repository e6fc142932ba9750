//! # wangluo
//!
//! Turns the op-ed "Unveiling 'Wangluo Qiangguo': People-Centered Approach or Global Menace?"
//! (Prashant Rathor, CyberPeace, 8 June 2024) into a linked-data knowledge graph: an OWL ontology,
//! curated annotations whose every claim is tied to the exact words of the text, an embedded
//! Oxigraph store, bundled SPARQL queries and RDF exports.
//!
//! The flow, from the bottom: [`vocab`] (IRIs) and [`text`] (pure text code) → [`annotation`]
//! (parse the corpus's TOML files, resolve them against each other, the ontology and the store)
//! → [`rdf::emit`] (quads from the resolved form, no checks left) → [`store`] (Oxigraph, one
//! transaction per load) → [`query`], [`output`], [`export`]. The library knows nothing of the CLI.
//!
//! ```
//! use wangluo::{query, store::KnowledgeGraph, vocab::Base};
//! use oxigraph::sparql::QueryResults;
//! let kg = KnowledgeGraph::bundled(&Base::default()).unwrap();
//! let q = query::bundled_query("adversary-sources").unwrap();
//! let QueryResults::Solutions(rows) = query::run(&kg, q.name, q.sparql, &[]).unwrap() else { panic!() };
//! assert!(rows.count() > 0);
//! ```

pub mod annotation;
pub mod atomic;
pub mod bundled;
pub mod canonical;
pub mod convert;
pub mod coverage;
pub mod dot;
pub mod error;
pub mod export;
pub mod jsonld;
pub mod nanopubs;
pub mod ontology;
pub mod output;
pub mod query;
pub mod rdf;
pub mod stats;
pub mod store;
pub mod text;
pub mod validate;
pub mod vocab;

pub use error::{Error, Result};
