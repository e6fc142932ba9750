//! `wangluo load`: load annotation or RDF files into a persistent store.

use super::Context;
use oxigraph::model::{GraphName, Quad};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use wangluo::shacl::{validate_quads, Shapes};
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
  wangluo --store kg load --validate edited.nq     # refused (exit 1) unless it passes SHACL
  wangluo --store kg load data/entities/actors.toml op-ed-2.toml   # shared entities + a document

Every id is global: a document may use the entities and claims that other files of the load, or
documents already in the store, declare; the same id declared twice with different content is
refused.

Triples of a triple format (or of a TriG default graph) go to the graph
<BASE graph/file/NAME>, NAME being the file name without extension.")]
pub struct Args {
    /// Annotation (.toml) or RDF files.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Validate the store as it would be after the load against the bundled SHACL shapes; if it
    /// does not conform, print the results, exit 1 and leave the store unchanged.
    #[arg(long)]
    validate: bool,
}

pub fn run(args: Args, context: &Context) -> wangluo::Result<ExitCode> {
    let Some(dir) = &context.store else {
        return Err(Error::InvalidOption {
            option: "load".to_owned(),
            reason: "`load` writes to a persistent store: pass --store DIR".to_owned(),
        });
    };
    let sources: Vec<LoadSource> = if args.files.is_empty() {
        vec![LoadSource::Bundled]
    } else {
        args.files.iter().cloned().map(LoadSource::File).collect()
    };
    // Everything is read and checked before the store is opened for writing (or created): against
    // what the store already holds, when it exists, so that `load a` then `load b` checks b as
    // `load a b` would.
    let prepared = if dir.join("CURRENT").is_file() {
        let current = KnowledgeGraph::open_read_only(dir, &context.base)?;
        PreparedLoad::read(&sources, &context.base, Some(current.store()))?
    } else {
        PreparedLoad::read(&sources, &context.base, None)?
    };
    if args.validate && !conforms_after(&prepared, dir, context)? {
        eprintln!("wangluo: the data does not conform to the SHACL shapes: store left unchanged");
        return Ok(ExitCode::from(1));
    }
    let kg = KnowledgeGraph::open(dir, &context.base)?;
    let report = kg.apply(prepared)?;
    for warning in &report.warnings {
        eprintln!("wangluo: warning: {warning}");
    }
    for (graph, triples, source) in &report.graphs {
        println!("{triples:>6} triples  <{}>  from {source}", graph.as_str());
    }
    for graph in &report.mentions_updated {
        println!(
            "        mentions  <{}>  searched again for the corpus's entities",
            graph.as_str()
        );
    }
    println!(
        "store {} now holds {} triples",
        dir.display(),
        kg.store().len()?
    );
    Ok(ExitCode::SUCCESS)
}

/// Whether the store's current content, with the graphs the load replaces removed and its quads
/// added, conforms to the bundled shapes; prints the results when it does not. A store that does
/// not exist yet is not created.
fn conforms_after(prepared: &PreparedLoad, dir: &Path, context: &Context) -> wangluo::Result<bool> {
    let shapes = Shapes::bundled(&context.base)?;
    let mut quads: Vec<Quad> = if dir.exists() {
        let current = KnowledgeGraph::open_read_only(dir, &context.base)?;
        let replaced = prepared.replaced_graphs();
        let removed: std::collections::HashSet<&Quad> = prepared.removed_quads().iter().collect();
        current
            .store()
            .iter()
            .filter(|q| {
                q.as_ref().map_or(true, |q| match &q.graph_name {
                    GraphName::NamedNode(g) => !replaced.contains(g) && !removed.contains(q),
                    _ => true,
                })
            })
            .collect::<Result<_, _>>()?
    } else {
        Vec::new()
    };
    quads.extend_from_slice(prepared.quads());
    let report = validate_quads(
        &dir.display().to_string(),
        quads.iter().map(|q| q.as_ref()),
        &shapes,
    )?;
    if !report.conforms {
        super::validate::print_report(&report, &context.base)?;
    }
    Ok(report.conforms)
}
