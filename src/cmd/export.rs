//! `wangluo export`: write the graph as RDF.

use super::Context;
use oxigraph::model::NamedNode;
use std::path::PathBuf;
use std::process::ExitCode;
use wangluo::export::{export, export_to_file, format_by_name};
use wangluo::Error;

/// Write the whole graph, or one named graph, as RDF. Output is sorted, so the same data always
/// gives the same file; -o writes atomically (a failed export leaves the old file untouched).
#[derive(clap::Args)]
#[command(after_help = "Examples:
  wangluo export > wangluo.ttl
  wangluo export --format trig -o wangluo.trig
  wangluo export --format jsonld -o wangluo.jsonld
  wangluo export --format nquads --graph https://w3id.org/wangluo/graph/rathor-2024
  wangluo --store kg export --format ntriples -o kg.nt

Turtle, N-Triples and RDF/XML receive the merge of all graphs (or the one --graph);
TriG and N-Quads keep the named graphs.")]
pub struct Args {
    /// turtle, trig, ntriples, nquads, rdfxml or jsonld.
    #[arg(long, default_value = "turtle")]
    format: String,
    /// Export only this named graph (an IRI; see `wangluo stats`).
    #[arg(long, value_name = "IRI")]
    graph: Option<String>,
    /// Write to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(args: Args, context: &Context) -> wangluo::Result<ExitCode> {
    let format = format_by_name(&args.format)?;
    let graph = args
        .graph
        .as_deref()
        .map(|g| {
            NamedNode::new(g.trim_start_matches('<').trim_end_matches('>')).map_err(|e| {
                Error::InvalidGraph {
                    graph: g.to_owned(),
                    reason: e.to_string(),
                }
            })
        })
        .transpose()?;
    let kg = context.open_for_reading()?;
    if let Some(g) = &graph {
        if !kg.store().contains_named_graph(g)? {
            return Err(Error::InvalidGraph {
                graph: g.as_str().to_owned(),
                reason: "no such graph in the store (`wangluo stats` lists them)".to_owned(),
            });
        }
    }
    let count = match &args.output {
        Some(path) => export_to_file(&kg, format, graph.as_ref(), path)?,
        None => export(&kg, format, graph.as_ref(), std::io::stdout().lock())?,
    };
    if let Some(path) = &args.output {
        eprintln!("wrote {count} statements to {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
