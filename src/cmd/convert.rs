//! `wangluo convert`: translate an RDF file from one format to another.

use super::Context;
use std::process::ExitCode;
use wangluo::export::convert::{convert, Endpoint, Formats};

/// Convert an RDF file to another format (like Jena's riot). The formats come from the file
/// extensions unless --from/--to name them; the whole input is read and checked before anything
/// is written, and OUT is replaced atomically (a parse error leaves it untouched).
#[derive(clap::Args)]
#[command(after_help = "Examples:
  wangluo convert wangluo.ttl wangluo.jsonld
  wangluo convert data.nq - --to turtle
  curl -s https://example.org/data.rdf | wangluo convert - data.trig --from rdfxml
  wangluo convert data.jsonld - --canonical       # RDFC-1.0 canonical N-Quads

Formats: turtle (.ttl), trig (.trig), ntriples (.nt), nquads (.nq), rdfxml (.rdf, .owl, .xml),
jsonld (.jsonld, .json). Turtle, N-Triples and RDF/XML receive the merge of the input's graphs;
JSON-LD is compacted against the bundled context (ontology/context.jsonld). Output is
deterministic: statements sorted, blank nodes relabelled canonically.")]
pub struct Args {
    /// The input file (`-` for standard input, with --from).
    #[arg(value_name = "IN")]
    input: String,
    /// The output file (`-` for standard output, with --to).
    #[arg(value_name = "OUT")]
    output: String,
    /// The input format (default: from IN's extension).
    #[arg(long, value_name = "FORMAT")]
    from: Option<String>,
    /// The output format (default: from OUT's extension).
    #[arg(long, value_name = "FORMAT")]
    to: Option<String>,
    /// Write RDFC-1.0 canonical N-Quads (canonical blank-node labels, sorted lines), whose
    /// SHA-256 `wangluo hash FILE` prints. OUT must be N-Quads (`.nq`, or `-`).
    #[arg(long)]
    canonical: bool,
}

pub fn run(args: Args, context: &Context) -> wangluo::Result<ExitCode> {
    let input = Endpoint::from_argument(&args.input);
    let output = Endpoint::from_argument(&args.output);
    let formats = Formats {
        from: args.from,
        to: args.to,
        canonical: args.canonical,
    };
    let report = convert(
        &input,
        &output,
        &formats,
        &context.base,
        std::io::stdin().lock(),
        std::io::stdout().lock(),
    )?;
    if let Endpoint::File(path) = &output {
        eprintln!(
            "wrote {} statements to {}",
            report.statements,
            path.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
