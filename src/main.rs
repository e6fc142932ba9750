//! The `wangluo` command line: parses arguments and dispatches to `cmd::*`.

mod cmd;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use wangluo::vocab::DEFAULT_BASE;

const EXIT_CODES: &str = "\
Exit codes:
  0  success (and ASK queries whose answer is true)
  1  an ASK query answered false, `verify` found a nanopublication that fails, or `validate`
     (or `load --validate`) found data that does not conform to the SHACL shapes
  2  an error: bad arguments, unreadable or invalid input, a failed query, load or export
     (one line on stderr names the file, the item and the reason; nothing was changed)
  3  `load --keep-going` left out documents that fail (one line each on stderr) and loaded the
     others";

/// Turns the op-ed \"Unveiling 'Wangluo Qiangguo'\" (Rathor, CyberPeace, 2024) into a linked-data
/// knowledge graph and answers research questions about it with SPARQL.
///
/// Without --store, every command runs on an in-memory graph built from the ontology and the
/// annotated op-ed compiled into the binary: it works from any directory, with no set-up.
#[derive(Parser)]
#[command(name = "wangluo", version, after_help = EXIT_CODES)]
struct Cli {
    /// Use the persistent (RocksDB) store in DIR instead of the bundled in-memory graph.
    #[arg(long, global = true, value_name = "DIR")]
    store: Option<PathBuf>,
    /// Base IRI of the ontology, data and graphs (must end with '/').
    #[arg(long, global = true, value_name = "IRI", default_value = DEFAULT_BASE)]
    base: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List the bundled SPARQL queries (name and title).
    Queries(cmd::queries::Args),
    /// Run a bundled query, a .rq file or SPARQL text.
    Query(cmd::query::Args),
    /// Write the graph (or one named graph) as Turtle, TriG, N-Triples, N-Quads, RDF/XML or JSON-LD
    /// (compacted by default), or as canonical N-Quads; its quotes as W3C Web Annotations.
    Export(cmd::export::Args),
    /// Print the SHA-256 of the graph's canonical (RDFC-1.0) N-Quads.
    Hash(cmd::hash::Args),
    /// Convert an RDF file to another format (formats from the extensions or --from/--to).
    Convert(cmd::convert::Args),
    /// Draft the annotation of a raw text: mentions of the corpus's entities, candidate new
    /// entities, claim skeletons, sentences without claims; every guess marked.
    Annotate(cmd::annotate::Args),
    /// Check annotation files as `load` would, without a store: every error of every file at
    /// once, each at its line and column, with the nearest passage of a quote not in the text.
    Check(cmd::check::Args),
    /// Load annotation files (.toml) or RDF files into a persistent store, in one transaction.
    Load(cmd::load::Args),
    /// Remove documents (their named graphs, nothing else) from a persistent store.
    Unload(cmd::unload::Args),
    /// Count triples per graph and instances per class.
    Stats(cmd::stats::Args),
    /// Check the well-formedness and trusty URIs of nanopublications (TriG files or a directory).
    Verify(cmd::verify::Args),
    /// Report how much of each text its claims and mentions cover; list the sentences without a claim.
    Coverage(cmd::coverage::Args),
    /// Upload the graph to a triple store over the Graph Store Protocol (Oxigraph server,
    /// Virtuoso, Fuseki, GraphDB, QLever) and check what it holds.
    Publish(cmd::publish::Args),
    /// Validate the graph or RDF files against SHACL shapes; write a sh:ValidationReport.
    Validate(cmd::validate::Args),
    /// Describe the dataset (VoID, DCAT, schema.org), computed from the graph.
    Describe(cmd::describe::Args),
    /// Write a release bundle: dumps, ontology, queries, nanopublications, description, RO-Crate,
    /// CITATION.cff, .zenodo.json, SHA256SUMS.
    Package(cmd::package::Args),
    /// Turn W3C Web Annotations (Hypothes.is, Recogito) into a draft annotation file of a text.
    Import(cmd::import::Args),
    /// Compare two annotators' annotation files of one text: claim spans, entity mentions,
    /// claimant, perspective and characterizations (F1, Cohen's κ, Krippendorff's α).
    Agreement(cmd::agreement::Args),
    /// Serve the graph as linked data (HTML and RDF by content negotiation, a reading view of
    /// each text) and a read-only SPARQL endpoint.
    Serve(cmd::serve::Args),
    /// A query worker of `serve` (started by the server; not for people).
    #[command(hide = true)]
    SparqlWorker(cmd::serve::WorkerArgs),
    /// Write a synthetic corpus for benchmarks and tests (not for people).
    #[command(hide = true)]
    GenCorpus(cmd::gen_corpus::Args),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return cmd::usage_error(e),
    };
    let context = match wangluo::vocab::Base::new(&cli.base) {
        Ok(base) => cmd::Context {
            store: cli.store,
            base,
        },
        Err(e) => return cmd::fail(&e),
    };
    let result = match cli.command {
        Command::Queries(args) => cmd::queries::run(args, &context),
        Command::Query(args) => cmd::query::run(args, &context),
        Command::Export(args) => cmd::export::run(args, &context),
        Command::Hash(args) => cmd::hash::run(args, &context),
        Command::Convert(args) => cmd::convert::run(args, &context),
        Command::Annotate(args) => cmd::annotate::run(args, &context),
        Command::Check(args) => cmd::check::run(args, &context),
        Command::Load(args) => cmd::load::run(args, &context),
        Command::Unload(args) => cmd::unload::run(args, &context),
        Command::Stats(args) => cmd::stats::run(args, &context),
        Command::Verify(args) => cmd::verify::run(args, &context),
        Command::Coverage(args) => cmd::coverage::run(args, &context),
        Command::Validate(args) => cmd::validate::run(args, &context),
        Command::Publish(args) => cmd::publish::run(args, &context),
        Command::Describe(args) => cmd::describe::run(args, &context),
        Command::Package(args) => cmd::package::run(args, &context),
        Command::Serve(args) => cmd::serve::run(args, &context),
        Command::SparqlWorker(args) => cmd::serve::run_worker(args, &context),
        Command::GenCorpus(args) => cmd::gen_corpus::run(&args),
        Command::Import(args) => cmd::import::run(args, &context),
        Command::Agreement(args) => cmd::agreement::run(args, &context),
    };
    result.unwrap_or_else(|e| cmd::fail(&e))
}
