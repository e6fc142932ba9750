//! `wangluo validate`: check the graph or RDF files against SHACL shapes.

use super::Context;
use oxigraph::model::{Quad, Term};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use wangluo::shacl::{validate_graph, validate_quads, ResultPath, Shapes, ValidationReport};
use wangluo::vocab::Base;
use wangluo::Error;

/// Validate the knowledge graph (the bundled one, the --store, or RDF files) against SHACL shapes
/// (by default the bundled ontology/shapes.ttl) with a Rust SHACL engine. Prints one line per
/// result (focus node, path, message) and a summary. All graphs are validated together.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  wangluo validate                                  # the bundled graph
  wangluo --store kg validate                       # a persistent store
  wangluo validate export.nt extra.ttl              # RDF files (all merged), not the store
  wangluo validate --shapes my-shapes.ttl --report report.ttl

Exit codes: 0 the data conforms; 1 it does not (the results are printed); 2 the shapes or the data
cannot be read (an invalid shapes file is reported as FILE:LINE:COLUMN: message).")]
pub struct Args {
    /// RDF files to validate instead of the store (format from the extension).
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// SHACL shapes file (Turtle, or the format its extension names) instead of the bundled shapes.
    #[arg(long, value_name = "FILE")]
    shapes: Option<PathBuf>,
    /// Also write the standard sh:ValidationReport, as Turtle, to FILE.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
}

pub fn run(args: Args, context: &Context) -> wangluo::Result<ExitCode> {
    let shapes = match &args.shapes {
        Some(path) => Shapes::from_file(path)?,
        None => Shapes::bundled(&context.base)?,
    };
    let report = if args.files.is_empty() {
        validate_graph(&context.open_for_reading()?, &shapes)?
    } else {
        let quads = read_files(&args.files)?;
        let source = args
            .files
            .iter()
            .map(|f| f.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        validate_quads(&source, quads.iter().map(|q| q.as_ref()), &shapes)?
    };
    if let Some(path) = &args.report {
        report.write_file(path)?;
    }
    print_report(&report, &context.base)?;
    Ok(if report.conforms {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The quads of RDF files, each in the format its extension names.
pub fn read_files(files: &[PathBuf]) -> wangluo::Result<Vec<Quad>> {
    let mut quads = Vec::new();
    for file in files {
        quads.extend(read_file(file)?);
    }
    Ok(quads)
}

fn read_file(path: &Path) -> wangluo::Result<Vec<Quad>> {
    wangluo::rdf::io::read_rdf_file(path, ".ttl .trig .nt .nq .rdf .jsonld")
}

fn show_term(term: &Term, base: &Base) -> String {
    match term {
        Term::NamedNode(n) => base.compact(n.as_str()),
        other => other.to_string(),
    }
}

/// Prints one line per result (`focus  path  message`, with the value when there is one) and a
/// summary line.
pub fn print_report(report: &ValidationReport, base: &Base) -> wangluo::Result<()> {
    let mut stdout = std::io::stdout().lock();
    let out_err = |source| Error::Output {
        target: "stdout".to_owned(),
        source,
    };
    for result in &report.results {
        let path = match &result.path {
            Some(ResultPath::Predicate(p)) => base.compact(p.as_str()),
            Some(ResultPath::Complex(p)) => p.clone(),
            None => "-".to_owned(),
        };
        let severity = result
            .severity
            .as_str()
            .rsplit('#')
            .next()
            .unwrap_or_default()
            .to_owned();
        let value = result
            .value
            .as_ref()
            .map(|v| format!(" (value {})", show_term(v, base)))
            .unwrap_or_default();
        writeln!(
            stdout,
            "{severity}: {}  {path}  {}{value}",
            show_term(&result.focus_node, base),
            result.message
        )
        .map_err(out_err)?;
    }
    if report.conforms {
        writeln!(stdout, "conforms: no SHACL result").map_err(out_err)?;
    } else {
        let mut focus_nodes: Vec<String> = report
            .results
            .iter()
            .map(|r| r.focus_node.to_string())
            .collect();
        focus_nodes.sort();
        focus_nodes.dedup();
        writeln!(
            stdout,
            "does not conform: {} result(s) on {} focus node(s)",
            report.results.len(),
            focus_nodes.len()
        )
        .map_err(out_err)?;
    }
    Ok(())
}
