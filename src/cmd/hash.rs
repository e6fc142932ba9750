//! `wangluo hash`: the SHA-256 of canonical N-Quads — of the graph, or of any RDF files.

use super::Context;
use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;
use wangluo::rdf::canonical::canonical_hash;
use wangluo::rdf::io::{file_base_iri, format_by_name, format_from_path, format_names, parse_rdf};
use wangluo::Error;

/// Print the SHA-256 of the RDFC-1.0 canonical N-Quads of the graph (or of one named graph), or
/// of each RDF file given: the same data gives the same hash whatever the order of statements,
/// blank-node labels, format or machine.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  wangluo hash
  wangluo hash --graph https://w3id.org/wangluo/graph/rathor-2024
  wangluo export --format nquads --canonical | sha256sum      # the same hash
  wangluo hash my-data.ttl other.jsonld                       # one line per file, as sha256sum
  curl -s https://example.org/data.rdf | wangluo hash - --from rdfxml

The canonical form is RDFC-1.0 (https://www.w3.org/TR/rdf-canon/) with SHA-256, as written by
`wangluo export --format nquads --canonical`. A dataset too complex to canonicalize within a
bounded amount of work (a \"poison\" graph of the W3C test suite) is refused with one line.")]
pub struct Args {
    /// Hash only this named graph (an IRI; see `wangluo stats`).
    #[arg(long, value_name = "IRI", conflicts_with = "files")]
    graph: Option<String>,
    /// RDF files to hash instead of the graph (`-` for standard input, with --from); formats
    /// from their extensions.
    #[arg(value_name = "FILE")]
    files: Vec<String>,
    /// The format of the files (needed for standard input).
    #[arg(long, value_name = "FORMAT", requires = "files")]
    from: Option<String>,
}

pub fn run(args: Args, context: &Context) -> wangluo::Result<ExitCode> {
    let mut stdout = std::io::stdout().lock();
    let out_err = |source| Error::Output {
        target: "hash".to_owned(),
        source,
    };
    if args.files.is_empty() {
        let kg = context.open_for_reading()?;
        let graph = super::export::checked_graph(&kg, args.graph.as_deref())?;
        let hash = wangluo::export::dataset_hash(&kg, graph.as_ref())?;
        writeln!(stdout, "{hash}").map_err(out_err)?;
        return Ok(ExitCode::SUCCESS);
    }
    for file in &args.files {
        let hash = file_hash(file, args.from.as_deref())?;
        writeln!(stdout, "{hash}  {file}").map_err(out_err)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The canonical hash of one RDF file (`-`: standard input), its graphs kept.
fn file_hash(file: &str, from: Option<&str>) -> wangluo::Result<String> {
    let format = match from {
        Some(name) => format_by_name(name)?,
        None => format_from_path(Path::new(file)).ok_or_else(|| Error::UnknownFormat {
            file: file.to_owned(),
            expected: format!("an RDF extension, or --from ({})", format_names()),
        })?,
    };
    let bytes = if file == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|source| Error::Read {
                path: "(standard input)".into(),
                source,
            })?;
        bytes
    } else {
        std::fs::read(file).map_err(|source| Error::Read {
            path: file.into(),
            source,
        })?
    };
    let name = if file == "-" {
        "(standard input)"
    } else {
        file
    };
    // Relative IRIs resolve against the file's `file:` URL, as for every local RDF input.
    let base = (file != "-")
        .then(|| file_base_iri(Path::new(file)))
        .flatten();
    let quads = parse_rdf(
        name,
        &bytes,
        format,
        &oxigraph::model::GraphName::DefaultGraph,
        base.as_deref(),
    )?;
    canonical_hash(&quads).map_err(|e| e.within(name))
}
