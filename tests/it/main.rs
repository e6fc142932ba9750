//! The integration tests of wangluo, as one test binary (one link of RocksDB instead of one per
//! file). Each module covers one area; `util` holds what they share. Tests that compare wangluo
//! with independent tools (RDFLib, pyld, nanopub-py, pySHACL, Graphviz) are a second binary,
//! `tests/interop/`.

mod agreement;
mod authoring;
mod base_iri;
mod cli;
mod closures;
mod corpus;
mod crash;
mod curation;
mod datatypes;
mod differential;
mod dot;
mod export_cli;
mod exports;
mod fetch;
mod jsonld_stream;
mod knowledge_graph;
mod load;
mod load_dir;
mod nanopub_suite;
mod nanopubs;
mod nif;
mod package;
mod pages;
mod protocol;
mod rdf_canon;
mod readme;
mod remote_faults;
mod scale;
mod schema;
mod serve;
mod serve_cache;
mod serve_dataset;
mod serve_faults;
mod serve_home;
mod serve_links;
mod serve_query_page;
mod serve_runaway;
mod shacl_cases;
mod snapshot;
mod text_walk;
mod util;
mod validate;
mod web_annotation;
