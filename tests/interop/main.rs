//! Interop tests: independent implementations check what wangluo writes — RDFLib and pyld read
//! every export format, RDFLib and nanopub-py the nanopublications, pySHACL gives the same SHACL
//! verdicts as `wangluo validate`, Graphviz renders the DOT export, the OWL API and HermiT check the
//! ontology, roc-validator and cffconvert the release bundle of `package`, a throw-away Virtuoso
//! answers every bundled query as wangluo does; `publish` and `query --endpoint` run against a
//! real Oxigraph server and a real Virtuoso. They run with plain `cargo test`; when a tool is
//! missing they fail with what to install (`tools.rs`), never skip.

mod agree;
mod browser;
mod editor;
mod faults;
mod formats;
mod graphviz;
mod nanopubs;
mod package;
mod remote;
mod schema;
mod servers;
mod shacl;
mod shards;
mod stores;
mod tools;
mod web_annotation;

// Shared with the main integration tests; this binary uses only part of the helpers.
#[allow(dead_code)]
#[path = "../it/util.rs"]
mod util;

#[path = "../it/shacl_cases.rs"]
mod shacl_cases;
