//! Reports on the graph for people and programs: query results as tables (or records: [`expanded`]) or standard formats
//! ([`table`]), coverage of the texts by claims ([`coverage`], written by [`coverage_output`]), statistics ([`stats`]).

pub mod coverage;
pub mod coverage_output;
pub mod expanded;
pub mod stats;
pub mod table;
