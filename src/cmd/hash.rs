//! `wangluo hash`: the SHA-256 of the graph's canonical N-Quads.

use super::Context;
use std::io::Write;
use std::process::ExitCode;
use wangluo::Error;

/// Print the SHA-256 of the RDFC-1.0 canonical N-Quads of the graph (or of one named graph):
/// the same data gives the same hash whatever the load order, blank-node labels or machine.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  wangluo hash
  wangluo hash --graph https://w3id.org/wangluo/graph/rathor-2024
  wangluo export --format nquads --canonical | sha256sum      # the same hash

The canonical form is RDFC-1.0 (https://www.w3.org/TR/rdf-canon/) with SHA-256, as written by
`wangluo export --format nquads --canonical`.")]
pub struct Args {
    /// Hash only this named graph (an IRI; see `wangluo stats`).
    #[arg(long, value_name = "IRI")]
    graph: Option<String>,
}

pub fn run(args: Args, context: &Context) -> wangluo::Result<ExitCode> {
    let kg = context.open_for_reading()?;
    let graph = super::export::checked_graph(&kg, args.graph.as_deref())?;
    let hash = wangluo::export::dataset_hash(&kg, graph.as_ref())?;
    writeln!(std::io::stdout().lock(), "{hash}").map_err(|source| Error::Output {
        target: "hash".to_owned(),
        source,
    })?;
    Ok(ExitCode::SUCCESS)
}
