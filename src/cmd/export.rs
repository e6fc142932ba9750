//! `wangluo export`: write the graph as RDF.

use super::Context;
use oxigraph::model::NamedNode;
use std::path::PathBuf;
use std::process::ExitCode;
use wangluo::export::{export, export_to_file, format_by_name, ExportFormat};
use wangluo::export::jsonld::{ContextSource, JsonLdForm, JsonLdOptions};
use wangluo::store::KnowledgeGraph;
use wangluo::Error;

/// Write the whole graph, or one named graph, as RDF. Output is sorted, so the same data always
/// gives the same file; -o writes atomically (a failed export leaves the old file untouched).
#[derive(clap::Args)]
#[command(after_help = "Examples:
  wangluo export > wangluo.ttl
  wangluo export --format trig -o wangluo.trig
  wangluo export --format jsonld -o wangluo.jsonld
  wangluo export --format jsonld --jsonld-form flattened --context my-context.jsonld
  wangluo export --format nquads --canonical | sha256sum      # the same as `wangluo hash`
  wangluo export --format nquads --graph https://w3id.org/wangluo/graph/rathor-2024
  wangluo --store kg export --format ntriples -o kg.nt
  wangluo export --format dot | dot -Tsvg > claims.svg

Turtle, N-Triples and RDF/XML receive the merge of all graphs (or the one --graph);
TriG, N-Quads and JSON-LD keep the named graphs.
JSON-LD is compacted against the bundled context (ontology/context.jsonld) unless
--context names another; a remote context is fetched only with --allow-remote-context.")]
pub struct Args {
    /// turtle, trig, ntriples, nquads, rdfxml, jsonld, or dot (a Graphviz picture of the claims).
    #[arg(long, default_value = "turtle")]
    format: String,
    /// Export only this named graph (an IRI; see `wangluo stats`).
    #[arg(long, value_name = "IRI")]
    graph: Option<String>,
    /// Write to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// With --format nquads: RDFC-1.0 canonical N-Quads (canonical blank-node labels, sorted
    /// lines), whose SHA-256 `wangluo hash` prints.
    #[arg(long)]
    canonical: bool,
    /// With --format jsonld: the JSON-LD document form.
    #[arg(long, value_enum, value_name = "FORM", default_value = "compacted")]
    jsonld_form: JsonLdFormArg,
    /// With --format jsonld: compact against this context document (a file, or an http(s) URL
    /// that the output then refers to) instead of the bundled ontology/context.jsonld.
    #[arg(long, value_name = "FILE|URL")]
    context: Option<String>,
    /// Let the JSON-LD processor fetch remote contexts (--context URL, or a remote @context
    /// inside a context file). Without it nothing goes to the network.
    #[arg(long)]
    allow_remote_context: bool,
    /// Write every claim as a nanopublication with a trusty URI, in TriG: -o DIR writes one
    /// CLAIM-ID.trig per claim, -o FILE.trig all in one file (check them with `wangluo verify`).
    #[arg(long, conflicts_with_all = ["format", "graph"])]
    nanopubs: bool,
}

/// The JSON-LD document forms, as `--jsonld-form` names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum JsonLdFormArg {
    Compacted,
    Expanded,
    Flattened,
}

/// What to write, from --format and the options that refine it.
fn export_format(args: &Args) -> wangluo::Result<ExportFormat> {
    let format = format_by_name(&args.format).map_err(|e| match e {
        Error::UnknownFormat { file, expected } => Error::UnknownFormat {
            file,
            expected: format!("{expected}, dot"),
        },
        other => other,
    })?;
    let is_jsonld = matches!(format, oxigraph::io::RdfFormat::JsonLd { .. });
    let misplaced = |option: &str, reason: &str| Error::InvalidOption {
        option: option.to_owned(),
        reason: reason.to_owned(),
    };
    if args.canonical && format != oxigraph::io::RdfFormat::NQuads {
        return Err(misplaced("--canonical", "only with --format nquads"));
    }
    if !is_jsonld {
        if args.jsonld_form != JsonLdFormArg::Compacted {
            return Err(misplaced("--jsonld-form", "only with --format jsonld"));
        }
        if args.context.is_some() {
            return Err(misplaced("--context", "only with --format jsonld"));
        }
        if args.allow_remote_context {
            return Err(misplaced(
                "--allow-remote-context",
                "only with --format jsonld",
            ));
        }
        return Ok(if args.canonical {
            ExportFormat::CanonicalNQuads
        } else {
            ExportFormat::Rdf(format)
        });
    }
    let form = match args.jsonld_form {
        JsonLdFormArg::Compacted => JsonLdForm::Compacted,
        JsonLdFormArg::Expanded => JsonLdForm::Expanded,
        JsonLdFormArg::Flattened => JsonLdForm::Flattened,
    };
    if form == JsonLdForm::Expanded && args.context.is_some() {
        return Err(misplaced(
            "--context",
            "expanded JSON-LD has no context (use --jsonld-form compacted or flattened)",
        ));
    }
    Ok(ExportFormat::JsonLd(JsonLdOptions {
        form,
        context: args
            .context
            .as_deref()
            .map_or(ContextSource::Bundled, ContextSource::from_argument),
        allow_remote_context: args.allow_remote_context,
    }))
}

/// The named graph a `--graph IRI` argument names, checked to exist in the store.
pub fn checked_graph(
    kg: &KnowledgeGraph,
    graph: Option<&str>,
) -> wangluo::Result<Option<NamedNode>> {
    let Some(g) = graph else {
        return Ok(None);
    };
    let node = NamedNode::new(g.trim_start_matches('<').trim_end_matches('>')).map_err(|e| {
        Error::InvalidGraph {
            graph: g.to_owned(),
            reason: e.to_string(),
        }
    })?;
    if !kg.store().contains_named_graph(&node)? {
        return Err(Error::InvalidGraph {
            graph: node.as_str().to_owned(),
            reason: "no such graph in the store (`wangluo stats` lists them)".to_owned(),
        });
    }
    Ok(Some(node))
}

pub fn run(args: Args, context: &Context) -> wangluo::Result<ExitCode> {
    if args.nanopubs {
        return super::verify::export_nanopubs(args.output.as_deref(), context);
    }
    if args.format.eq_ignore_ascii_case("dot") {
        return export_dot(&args, context);
    }
    let format = export_format(&args)?;
    if let Some(g) = args.graph.as_deref() {
        // A malformed IRI is reported before the store is opened.
        NamedNode::new(g.trim_start_matches('<').trim_end_matches('>')).map_err(|e| {
            Error::InvalidGraph {
                graph: g.to_owned(),
                reason: e.to_string(),
            }
        })?;
    }
    let kg = context.open_for_reading()?;
    let graph = checked_graph(&kg, args.graph.as_deref())?;
    let count = match &args.output {
        Some(path) => export_to_file(&kg, &format, graph.as_ref(), path)?,
        None => export(&kg, &format, graph.as_ref(), std::io::stdout().lock())?,
    };
    if let Some(path) = &args.output {
        eprintln!("wrote {count} statements to {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// `--format dot`: the claims network as a Graphviz graph.
fn export_dot(args: &Args, context: &Context) -> wangluo::Result<ExitCode> {
    let kg = context.open_for_reading()?;
    match &args.output {
        Some(path) => {
            let claims = wangluo::util::atomic::write_file(path, |out| {
                wangluo::export::dot::write_claims_network(&kg, out)
            })?;
            eprintln!("wrote the network of {claims} claims to {}", path.display());
        }
        None => {
            wangluo::export::dot::write_claims_network(&kg, std::io::stdout().lock())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
