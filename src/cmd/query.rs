//! `wangluo query`: run a bundled query, a .rq file or SPARQL text.

use super::{Context, TableFormat};
use std::path::Path;
use std::process::ExitCode;
use wangluo::query::{self, QueryParameter};
use wangluo::report::table::{write_results, Outcome, SolutionsFormat};
use wangluo::Error;

/// Run a SPARQL query. SELECT prints a table (or a SPARQL results format), ASK prints true/false
/// and exits 0/1, CONSTRUCT/DESCRIBE print RDF.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  wangluo query adversary-sources
  wangluo query quote-provenance --format csv > quotes.csv
  wangluo query my-question.rq --format json
  wangluo query --sparql 'SELECT ?claim ?label WHERE { ?claim a wl:Claim ; rdfs:label ?label } LIMIT 3'
  wangluo query --sparql 'ASK { ?c wl:claimant wld:odni }'
  wangluo query --sparql 'SELECT ?p ?o WHERE { ?s ?p ?o }' --param s=wld:odni
  wangluo --store kg query timeline

The prefixes wl: wld: wlp: wlc: rdf: rdfs: owl: xsd: skos: schema: dcterms: foaf: prov: oa: nif: are
predeclared for --sparql and .rq files. The default graph is the union of all named graphs.")]
pub struct Args {
    /// A bundled query name (see `wangluo queries`) or a path to a .rq file.
    #[arg(
        value_name = "NAME|FILE.rq",
        required_unless_present = "sparql",
        conflicts_with = "sparql"
    )]
    query: Option<String>,
    /// SPARQL text to run.
    #[arg(long, value_name = "TEXT")]
    sparql: Option<String>,
    /// SELECT/ASK: table (default), csv, tsv, json, xml. CONSTRUCT/DESCRIBE: turtle (default),
    /// ntriples, nquads, trig, rdfxml, jsonld.
    #[arg(long, value_name = "FORMAT")]
    format: Option<String>,
    /// Bind a variable before evaluation: NAME=<iri>, NAME=prefix:local or NAME=text (a string).
    #[arg(long = "param", value_name = "NAME=VALUE")]
    params: Vec<String>,
}

pub fn run(args: Args, context: &Context) -> wangluo::Result<ExitCode> {
    let (name, sparql) = match (&args.query, &args.sparql) {
        (_, Some(text)) => ("--sparql".to_owned(), text.clone()),
        (Some(q), None) if q.ends_with(".rq") || Path::new(q).is_file() => {
            let text = std::fs::read_to_string(q).map_err(|source| Error::Read {
                path: q.into(),
                source,
            })?;
            (q.clone(), text)
        }
        (Some(q), None) => {
            let bundled = query::bundled_query(q)?;
            (bundled.name.to_owned(), bundled.sparql.to_owned())
        }
        (None, None) => unreachable!("clap requires a query or --sparql"),
    };
    let (solutions_format, graph_format) = parse_format(args.format.as_deref())?;
    let kg = context.open_for_reading()?;
    let params = args
        .params
        .iter()
        .map(|p| QueryParameter::parse(p, &kg))
        .collect::<wangluo::Result<Vec<_>>>()?;
    let results = query::run(&kg, &name, &sparql, &params)?;
    let is_graph = matches!(results, oxigraph::sparql::QueryResults::Graph(_));
    if is_graph && solutions_format != SolutionsFormat::Table {
        return Err(bad_format(
            args.format.as_deref().unwrap_or_default(),
            "CONSTRUCT/DESCRIBE",
        ));
    }
    if !is_graph && graph_format.is_some() {
        return Err(bad_format(
            args.format.as_deref().unwrap_or_default(),
            "SELECT/ASK",
        ));
    }
    let outcome = write_results(
        results,
        solutions_format,
        graph_format.unwrap_or(oxigraph::io::RdfFormat::Turtle),
        kg.base(),
        super::stdout_is_terminal(),
        std::io::stdout().lock(),
    )?;
    Ok(match outcome {
        Outcome::Boolean(false) => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    })
}

fn bad_format(format: &str, kind: &str) -> Error {
    Error::UnknownFormat {
        file: format!("--format {format}"),
        expected: if kind == "SELECT/ASK" {
            "table, csv, tsv, json, xml for a SELECT/ASK query".to_owned()
        } else {
            "turtle, ntriples, nquads, trig, rdfxml, jsonld for a CONSTRUCT/DESCRIBE query"
                .to_owned()
        },
    }
}

fn parse_format(
    format: Option<&str>,
) -> wangluo::Result<(SolutionsFormat, Option<oxigraph::io::RdfFormat>)> {
    use clap::ValueEnum;
    let Some(name) = format else {
        return Ok((SolutionsFormat::Table, None));
    };
    if let Ok(table) = TableFormat::from_str(name, true) {
        return Ok((super::solutions_format(Some(table)), None));
    }
    match wangluo::rdf::io::format_by_name(name) {
        Ok(rdf) => Ok((SolutionsFormat::Table, Some(rdf))),
        Err(_) => Err(Error::UnknownFormat {
            file: format!("--format {name}"),
            expected: "table, csv, tsv, json, xml (SELECT/ASK); turtle, ntriples, nquads, trig, rdfxml, jsonld (CONSTRUCT/DESCRIBE)".to_owned(),
        }),
    }
}
