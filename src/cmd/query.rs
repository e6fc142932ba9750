//! `wangluo query`: run a bundled query, a .rq file or SPARQL text.

use super::{Context, TableFormat};
use oxigraph::model::NamedNode;
use oxigraph::sparql::QueryResults;
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
  wangluo query adversary-sources -x          # one record per block, however wide the terminal
  wangluo query quote-provenance --format csv > quotes.csv
  wangluo query my-question.rq --format json
  wangluo query --sparql 'SELECT ?claim ?label WHERE { ?claim a wl:Claim ; rdfs:label ?label } LIMIT 3'
  wangluo query --sparql 'ASK { ?c wl:claimant wld:odni }'
  wangluo query --sparql 'SELECT ?p ?o WHERE { ?s ?p ?o }' --param s=wld:odni
  wangluo --store kg query timeline
  wangluo query adversary-sources --endpoint http://localhost:7878/query
  wangluo query timeline --endpoint http://localhost:8890/sparql --default-graph https://w3id.org/wangluo/graph/rathor-2024

The prefixes wl: wld: wlp: wlc: rdf: rdfs: owl: xsd: skos: schema: dcterms: foaf: prov: oa: nif: are
predeclared for --sparql and .rq files. The dataset is the query's own (FROM, FROM NAMED); a query
that names none sees the union of all graphs as its default graph. --text-only answers from the
graphs of the texts and the ontology they are written in, not from the curator's graphs
(graph/curation/…: links, Wikidata, Chinese names and the closures wl:pertainsTo and
wl:characterizedWithin); a note on stderr names the query's predicates only those graphs state.

--param NAME=VALUE means VALUES ?NAME { VALUE } joined with the query's whole WHERE clause, below
its GROUP BY and solution modifiers: the answers are the query's own answers whose ?NAME is VALUE.

With --endpoint the query (parameters bound, prefixes expanded) goes to a SPARQL 1.1 Protocol
endpoint (Oxigraph server /query, Virtuoso /sparql, Fuseki /DATASET/sparql, GraphDB
/repositories/ID) instead of the local graph; the results are printed in the same formats. That
store decides what its default graph is: name the graphs with --default-graph (Oxigraph server:
or start it with --union-default-graph). Credentials come from WANGLUO_USER/WANGLUO_PASSWORD or
WANGLUO_TOKEN.

SERVICE <url> in a local query is refused unless --allow-service is given: a query file from
someone else cannot make wangluo call other hosts.")]
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
    /// Tables: one record per block, a `name | value` line per variable (like psql's expanded
    /// mode): auto (default: when the terminal is too narrow for the columns), always (`-x`), or
    /// never.
    #[arg(
        short = 'x',
        long,
        value_enum,
        value_name = "WHEN",
        default_value = "auto",
        num_args = 0..=1,
        default_missing_value = "always"
    )]
    expanded: super::ExpandedWhen,
    /// Bind a variable before evaluation: NAME=<iri>, NAME=prefix:local or NAME=text (a string).
    #[arg(long = "param", value_name = "NAME=VALUE")]
    params: Vec<String>,
    /// Send the query to this SPARQL endpoint instead of running it on the local graph.
    #[arg(long, value_name = "URL")]
    endpoint: Option<String>,
    /// With --endpoint: a graph of the remote default graph (repeatable; default: the store's).
    #[arg(long = "default-graph", value_name = "IRI", requires = "endpoint")]
    default_graphs: Vec<String>,
    /// With --endpoint: seconds to wait for the answer.
    #[arg(long, value_name = "SECS", default_value_t = 60, requires = "endpoint")]
    timeout: u64,
    /// With --endpoint: a credentials file (TOML: `user` and `password`, or `token`); else
    /// WANGLUO_CREDENTIALS, WANGLUO_USER/WANGLUO_PASSWORD or WANGLUO_TOKEN are used.
    #[arg(long, value_name = "FILE", requires = "endpoint")]
    credentials: Option<std::path::PathBuf>,
    /// Let SERVICE <url> in a local query call that URL.
    #[arg(long, conflicts_with = "endpoint")]
    allow_service: bool,
    /// Answer from the texts' graphs and the ontology alone: the curator's graphs
    /// (graph/curation/…) are left out of the default graph and of GRAPH (overrides FROM).
    #[arg(long, conflicts_with = "endpoint")]
    text_only: bool,
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
    if let Some(endpoint) = &args.endpoint {
        let results = remote_results(&args, endpoint, &name, &sparql, context)?;
        return print(
            results,
            &args,
            solutions_format,
            graph_format,
            &context.base,
        );
    }
    let kg = context.open_for_reading()?;
    let params = args
        .params
        .iter()
        .map(|p| QueryParameter::parse(p, &kg))
        .collect::<wangluo::Result<Vec<_>>>()?;
    let options = query::RunOptions {
        dataset: match args.text_only {
            true => Some(query::DatasetSpec::text_only(&kg)?),
            false => None,
        },
        allow_service: args.allow_service,
        ..Default::default()
    };
    if let Some(dataset) = &options.dataset {
        warn_outside(&kg, dataset, &name, &sparql, &params)?;
    }
    let results = query::run_with(&kg, &name, &sparql, &params, &options)?;
    print(results, &args, solutions_format, graph_format, kg.base())
}

/// With --text-only: one line on stderr naming the query's predicates that only the curator's
/// graphs state, so that an empty answer is not taken for what the text says.
fn warn_outside(
    kg: &wangluo::store::KnowledgeGraph,
    dataset: &query::DatasetSpec,
    name: &str,
    sparql: &str,
    params: &[QueryParameter],
) -> wangluo::Result<()> {
    let parsed = query::prepare(kg.base(), name, sparql, params)?;
    let outside = dataset.predicates_outside(kg, &parsed)?;
    if !outside.is_empty() {
        let names: Vec<String> = outside
            .iter()
            .map(|p| kg.base().compact(p.as_str()))
            .collect();
        eprintln!(
            "note: --text-only leaves out the curator's graphs (graph/curation/…), the only ones \
             stating {}: patterns that need it find nothing",
            names.join(", ")
        );
    }
    Ok(())
}

/// The query, with its parameters bound, sent to `endpoint`.
fn remote_results(
    args: &Args,
    endpoint: &str,
    name: &str,
    sparql: &str,
    context: &Context,
) -> wangluo::Result<QueryResults<'static>> {
    use wangluo::remote::{parse_http_url, sparql::QueryForm, Auth, RemoteClient};
    let params = args
        .params
        .iter()
        .map(|p| QueryParameter::parse_with_base(p, &context.base))
        .collect::<wangluo::Result<Vec<_>>>()?;
    let (prepared, text) = query::remote_text(&context.base, name, sparql, &params)?;
    let default_graphs = args
        .default_graphs
        .iter()
        .map(|g| {
            NamedNode::new(g.trim_start_matches('<').trim_end_matches('>')).map_err(|e| {
                Error::InvalidOption {
                    option: format!("--default-graph {g}"),
                    reason: e.to_string(),
                }
            })
        })
        .collect::<wangluo::Result<Vec<_>>>()?;
    let url = parse_http_url(endpoint)?;
    let client = RemoteClient::new(
        std::time::Duration::from_secs(args.timeout.max(1)),
        2,
        Auth::resolve(args.credentials.as_deref())?,
    )?;
    Ok(wangluo::remote::sparql::query(
        &client,
        &url,
        &text,
        QueryForm::of(&prepared),
        &default_graphs,
    )?)
}

fn print(
    results: QueryResults<'_>,
    args: &Args,
    solutions_format: SolutionsFormat,
    graph_format: Option<oxigraph::io::RdfFormat>,
    base: &wangluo::vocab::Base,
) -> wangluo::Result<ExitCode> {
    let is_graph = matches!(results, QueryResults::Graph(_));
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
        base,
        super::layout(args.expanded),
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
