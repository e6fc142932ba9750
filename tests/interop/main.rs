//! Interop tests: independent implementations check what wangluo writes — RDFLib and pyld read
//! every export format, RDFLib and nanopub-py the nanopublications, pySHACL gives the same SHACL
//! verdicts as `wangluo validate`, Graphviz renders the DOT export, the OWL API and HermiT check the
//! ontology, roc-validator and cffconvert the release bundle of `package`, a throw-away Virtuoso
//! answers every bundled query as wangluo does; `publish` and `query --endpoint` run against a
//! real Oxigraph server and a real Virtuoso. Each test asks `tools::found` for its tools: with
//! `WANGLUO_INTEROP=1` (`scripts/test`, CI) a missing tool fails the test with what to install;
//! without, plain `cargo test` prints one line naming the missing tool and does not run the test,
//! and `tests/it` needs nothing but Rust. CI counts the interop tests that ran (`.ci/run`).

mod agree;
mod browser;
mod corpus;
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
