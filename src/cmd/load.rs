//! `wangluo load`: load annotation or RDF files into a persistent store.

use super::Context;
use std::path::PathBuf;
use std::process::ExitCode;
use wangluo::store::{KnowledgeGraph, LoadSource, PreparedLoad};
use wangluo::Error;

/// Load annotation files (.toml) or RDF files (.ttl .trig .nt .nq .rdf .jsonld) into the store
/// given by --store. With no FILE, loads the bundled ontology and op-ed. Everything is checked
/// first and written in one transaction: on any error the store is left as it was. Reloading a
/// document replaces its graph.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  wangluo --store kg load                          # the bundled ontology and op-ed
  wangluo --store kg load data/rathor-2024.toml    # an annotation file and its text
  wangluo --store kg load extra.ttl other.trig     # RDF files

Triples of a triple format (or of a TriG default graph) go to the graph
<BASE graph/file/NAME>, NAME being the file name without extension.")]
pub struct Args {
    /// Annotation (.toml) or RDF files.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
}

pub fn run(args: Args, context: &Context) -> wangluo::Result<ExitCode> {
    let Some(dir) = &context.store else {
        return Err(Error::Store {
            path: "(none)".into(),
            message: "`load` writes to a persistent store: pass --store DIR".to_owned(),
        });
    };
    let sources: Vec<LoadSource> = if args.files.is_empty() {
        vec![LoadSource::Bundled]
    } else {
        args.files.iter().cloned().map(LoadSource::File).collect()
    };
    // Everything is read and checked before the store is opened (or created).
    let prepared = PreparedLoad::read(&sources, &context.base)?;
    let kg = KnowledgeGraph::open(dir, &context.base)?;
    let report = kg.apply(prepared)?;
    for warning in &report.warnings {
        eprintln!("wangluo: warning: {warning}");
    }
    for (graph, triples, source) in &report.graphs {
        println!("{triples:>6} triples  <{}>  from {source}", graph.as_str());
    }
    println!(
        "store {} now holds {} triples",
        dir.display(),
        kg.store().len()?
    );
    Ok(ExitCode::SUCCESS)
}
