//! # wangluo
//!
//! Turns the op-ed "Unveiling 'Wangluo Qiangguo': People-Centered Approach or Global Menace?"
//! (Prashant Rathor, CyberPeace, 8 June 2024) into a linked-data knowledge graph: an OWL ontology,
//! curated annotations whose every claim is tied to the exact words of the text, an embedded
//! Oxigraph store, bundled SPARQL queries and RDF exports.
//!
//! The flow, from the bottom: [`util`] (atomic writes, hashing, "did you mean"), [`vocab`] (IRIs),
//! [`http`] (URLs shown without secrets, credentials) and [`text`] (pure text code) → [`annotation`] (parse the corpus's TOML files, resolve them
//! against each other, the ontology and the store) → [`rdf::emit`] (quads from the resolved form,
//! no checks left) and [`rdf`] (formats, parsing, canonical form) → [`store`] (Oxigraph, one
//! transaction per load) → [`query`], then what reads the store: [`report`] (tables, coverage,
//! statistics), [`export`] (RDF, JSON-LD, DOT, conversion), [`nanopub`] (citable claims),
//! [`shacl`] (validation); [`remote`] publishes to and queries real triple stores over HTTP. The library knows nothing of the CLI and never prints: output goes to
//! a writer its caller gives.
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
pub mod authoring;
pub mod bundled;
pub mod dataset;
pub mod docs;
pub mod error;
pub mod export;
pub mod http;
pub mod nanopub;
pub mod ontology;
pub mod package;
pub mod query;
pub mod rdf;
pub mod remote;
pub mod report;
pub mod shacl;
pub mod store;
pub mod synthetic;
pub mod text;
pub mod util;
pub mod vocab;
pub mod web;

pub use error::{Error, Result};
