//! `wangluo stats`: triples per graph and instances per class.

use super::{Context, TableFormat};
use std::process::ExitCode;
use wangluo::query;
use wangluo::report::stats::{INSTANCES_PER_CLASS, TRIPLES_PER_GRAPH};
use wangluo::report::table::write_results;

/// Count triples per named graph and instances per class.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  wangluo stats
  wangluo --store kg stats --format csv")]
pub struct Args {
    /// table (default), csv, tsv, json or xml.
    #[arg(long, value_enum)]
    format: Option<TableFormat>,
}

pub fn run(args: Args, context: &Context) -> wangluo::Result<ExitCode> {
    let kg = context.open_for_reading()?;
    let format = super::solutions_format(args.format);
    for (name, sparql) in [
        ("triples per graph", TRIPLES_PER_GRAPH),
        ("instances per class", INSTANCES_PER_CLASS),
    ] {
        let results = query::run(&kg, name, sparql, &[])?;
        write_results(
            results,
            format,
            oxigraph::io::RdfFormat::Turtle,
            kg.base(),
            super::layout(super::ExpandedWhen::Auto),
            std::io::stdout().lock(),
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
