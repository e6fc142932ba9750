//! `wangluo unload`: remove documents (their graphs, nothing else) from a persistent store.

use super::Context;
use std::process::ExitCode;
use wangluo::store::KnowledgeGraph;
use wangluo::Error;

/// Remove annotated documents (or entity files, as `entities/NAME`) from the store given by
/// --store: each one's named graph, and nothing else, in one transaction. Refused, with the store
/// unchanged, when a document is not in the store or when another document still uses an entity
/// that only a removed one declares.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  wangluo --store kg unload rathor-2024
  wangluo --store kg unload entities/actors doc-a doc-b")]
pub struct Args {
    /// Document ids (the graph <BASE graph/ID>).
    #[arg(value_name = "DOC-ID", required = true)]
    ids: Vec<String>,
}

pub fn run(args: Args, context: &Context) -> wangluo::Result<ExitCode> {
    let Some(dir) = &context.store else {
        return Err(Error::InvalidOption {
            option: "unload".to_owned(),
            reason: "`unload` changes a persistent store: pass --store DIR".to_owned(),
        });
    };
    // Open read-only first so that a missing store is reported, not created.
    drop(KnowledgeGraph::open_read_only(dir, &context.base)?);
    let kg = KnowledgeGraph::open(dir, &context.base)?;
    for (graph, triples) in kg.unload(&args.ids)? {
        println!("{triples:>6} triples  <{}>  removed", graph.as_str());
    }
    println!(
        "store {} now holds {} triples",
        dir.display(),
        kg.store().len()?
    );
    Ok(ExitCode::SUCCESS)
}
