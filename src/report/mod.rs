//! Reports on the graph for people and programs: query results as tables or standard formats
//! ([`table`]), coverage of the texts by claims ([`coverage`]), statistics ([`stats`]).

pub mod coverage;
pub mod stats;
pub mod table;
