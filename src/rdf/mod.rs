//! RDF as data: the quads of resolved annotations ([`emit`]), reading and naming formats
//! ([`io`]), fetching documents over HTTP ([`fetch`]), the canonical form ([`canonical`]),
//! skolem IRIs for blank nodes ([`skolem`]) and whether a literal is ill-typed ([`datatypes`]).

pub mod canonical;
pub mod datatypes;
pub mod emit;
pub mod fetch;
pub mod io;
pub mod skolem;

pub use io::{file_base_iri, format_from_path, parse_rdf, rebase_quad, FORMAT_NAMES};
