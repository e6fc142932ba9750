//! RDF as data: reading and naming formats ([`io`]) and the canonical form ([`canonical`]).
//! The emission of triples from annotations lives with the loader.

pub mod canonical;
pub mod io;

pub use io::{format_from_path, parse_rdf, rebase_quad, FORMAT_NAMES};
