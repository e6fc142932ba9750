//! `wangluo export`: write the graph as RDF.

use super::Context;
use oxigraph::io::RdfFormat;
use oxigraph::model::NamedNode;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use wangluo::export::jsonld::{ContextSource, JsonLdForm, JsonLdOptions};
use wangluo::export::{export, export_to_file, ExportFormat};
use wangluo::nanopub::{export_nanopubs, NanopubTarget};
use wangluo::store::KnowledgeGraph;
use wangluo::util::atomic;
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
  wangluo export --format web-annotation -o rathor-2024.jsonld   # Hypothes.is, Recogito
  wangluo --store kg export --shard-size 1000000 -o shards/   # then sh shards/load-virtuoso.sh

Turtle, N-Triples and RDF/XML receive the merge of all graphs (or the one --graph);
TriG, N-Quads and JSON-LD keep the named graphs.
JSON-LD is compacted against the bundled context (ontology/context.jsonld) unless
--context names another; a remote context is fetched only with --allow-remote-context.")]
pub struct Args {
    /// The RDF format, dot (a Graphviz picture of the claims) or web-annotation (every quote as a
    /// W3C Web Annotation, a collection per document).
    #[arg(long, value_enum, ignore_case = true, default_value = "turtle")]
    format: Format,
    /// Export only this named graph (an IRI; see `wangluo stats`).
    #[arg(long, value_name = "IRI")]
    graph: Option<String>,
    /// Write to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// With --format nquads: RDFC-1.0 canonical N-Quads (canonical blank-node labels, sorted
    /// lines), whose SHA-256 `wangluo hash` prints.
    #[arg(long, help_heading = "N-Quads options")]
    canonical: bool,
    /// With --format jsonld: the JSON-LD document form.
    #[arg(
        long,
        value_enum,
        value_name = "FORM",
        default_value = "compacted",
        help_heading = "JSON-LD options"
    )]
    jsonld_form: JsonLdFormArg,
    /// With --format jsonld: compact against this context document (a file, or an http(s) URL
    /// that the output then refers to) instead of the bundled ontology/context.jsonld.
    #[arg(long, value_name = "FILE|URL", help_heading = "JSON-LD options")]
    context: Option<String>,
    /// Let the JSON-LD processor fetch remote contexts (--context URL, or a remote @context
    /// inside a context file). Without it nothing goes to the network.
    #[arg(long, help_heading = "JSON-LD options")]
    allow_remote_context: bool,
    /// Write every claim as a nanopublication with a trusty URI, in TriG: -o DIR writes one
    /// CLAIM-ID.trig per claim, -o FILE.trig all in one file (check them with `wangluo verify`).
    #[arg(
        long,
        conflicts_with_all = ["format", "graph", "canonical", "jsonld_form", "context", "allow_remote_context"]
    )]
    nanopubs: bool,
    /// Write -o DIR: gzip N-Quads shards of about N quads each (a graph is split only when it
    /// is larger), blank nodes skolemized, with manifest.json, SHA256SUMS and load recipes for
    /// Oxigraph, Virtuoso, Jena TDB2 and QLever.
    #[arg(
        long,
        value_name = "N",
        requires = "output",
        value_parser = clap::value_parser!(u64).range(1..),
        conflicts_with_all = ["format", "canonical", "jsonld_form", "context", "allow_remote_context", "nanopubs"]
    )]
    shard_size: Option<u64>,
}

/// What `--format` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Turtle,
    Trig,
    Ntriples,
    Nquads,
    Rdfxml,
    Jsonld,
    /// A Graphviz picture of the claims network.
    Dot,
    /// W3C Web Annotation JSON-LD: every quote as an oa:Annotation, a collection per document.
    WebAnnotation,
}

impl Format {
    /// The RDF format, or `None` for DOT.
    fn rdf(self) -> Option<RdfFormat> {
        Some(match self {
            Format::Turtle => RdfFormat::Turtle,
            Format::Trig => RdfFormat::TriG,
            Format::Ntriples => RdfFormat::NTriples,
            Format::Nquads => RdfFormat::NQuads,
            Format::Rdfxml => RdfFormat::RdfXml,
            Format::Jsonld => RdfFormat::JsonLd {
                profile: oxigraph::io::JsonLdProfileSet::empty(),
            },
            Format::Dot | Format::WebAnnotation => return None,
        })
    }
}

/// The JSON-LD document forms, as `--jsonld-form` names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum JsonLdFormArg {
    Compacted,
    Expanded,
    Flattened,
}

/// The options that apply to one format only, and whether each was given. clap declares options
/// that exclude each other (`--nanopubs`), but not an option allowed only when another has a given
/// value (`--canonical` only with `--format nquads`), so that one condition is checked here.
fn format_only_options(args: &Args) -> [(&'static str, Format, bool); 4] {
    [
        ("--canonical", Format::Nquads, args.canonical),
        (
            "--jsonld-form",
            Format::Jsonld,
            args.jsonld_form != JsonLdFormArg::Compacted,
        ),
        ("--context", Format::Jsonld, args.context.is_some()),
        (
            "--allow-remote-context",
            Format::Jsonld,
            args.allow_remote_context,
        ),
    ]
}

/// Refuses an option of one format given with another (`--canonical --format turtle`).
fn check_format_only_options(args: &Args) -> wangluo::Result<()> {
    for (option, only, given) in format_only_options(args) {
        if given && args.format != only {
            let name = clap::ValueEnum::to_possible_value(&only)
                .map(|v| v.get_name().to_owned())
                .unwrap_or_default();
            return Err(Error::InvalidOption {
                option: option.to_owned(),
                reason: format!("only with --format {name}"),
            });
        }
    }
    Ok(())
}

/// What to write, from --format and the options that refine it.
fn export_format(args: &Args, format: RdfFormat) -> wangluo::Result<ExportFormat> {
    match args.format {
        Format::Nquads if args.canonical => Ok(ExportFormat::CanonicalNQuads),
        Format::Jsonld => jsonld_options(args).map(ExportFormat::JsonLd),
        _ => Ok(ExportFormat::Rdf(format)),
    }
}

fn jsonld_options(args: &Args) -> wangluo::Result<JsonLdOptions> {
    let form = match args.jsonld_form {
        JsonLdFormArg::Compacted => JsonLdForm::Compacted,
        JsonLdFormArg::Expanded => JsonLdForm::Expanded,
        JsonLdFormArg::Flattened => JsonLdForm::Flattened,
    };
    if form == JsonLdForm::Expanded && args.context.is_some() {
        return Err(Error::InvalidOption {
            option: "--context".to_owned(),
            reason: "expanded JSON-LD has no context (use --jsonld-form compacted or flattened)"
                .to_owned(),
        });
    }
    Ok(JsonLdOptions {
        form,
        context: args
            .context
            .as_deref()
            .map_or(ContextSource::Bundled, ContextSource::from_argument),
        allow_remote_context: args.allow_remote_context,
    })
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
    cap_malloc_arenas();
    if args.nanopubs {
        return nanopubs(args.output.as_deref(), context);
    }
    if let (Some(size), Some(dir)) = (args.shard_size, &args.output) {
        return shards(size, dir, args.graph.as_deref(), context);
    }
    check_format_only_options(&args)?;
    let Some(format) = args.format.rdf() else {
        return match args.format {
            Format::WebAnnotation => export_web_annotation(&args, context),
            _ => export_dot(&args, context),
        };
    };
    let format = export_format(&args, format)?;
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
        None => export(
            &kg,
            &format,
            graph.as_ref(),
            std::io::BufWriter::new(std::io::stdout().lock()),
        )?,
    };
    if let Some(path) = &args.output {
        eprintln!("wrote {count} statements to {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// `--shard-size N -o DIR`: gzip N-Quads shards, a manifest and load recipes.
fn shards(
    size: u64,
    dir: &Path,
    graph: Option<&str>,
    context: &Context,
) -> wangluo::Result<ExitCode> {
    let kg = context.open_for_reading()?;
    let graph = checked_graph(&kg, graph)?;
    let size = usize::try_from(size).unwrap_or(usize::MAX);
    let manifest = wangluo::export::shards::export_shards(&kg, graph.as_ref(), size, dir)?;
    eprintln!(
        "wrote {} quads of {} graphs in {} shards to {} (manifest.json, SHA256SUMS, load-*.sh, Qleverfile)",
        manifest.quads,
        manifest.graphs,
        manifest.shards.len(),
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `--format dot`: the claims network as a Graphviz graph.
fn export_dot(args: &Args, context: &Context) -> wangluo::Result<ExitCode> {
    let kg = context.open_for_reading()?;
    match &args.output {
        Some(path) => {
            let claims = atomic::write_file(path, |out| {
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

/// `--format web-annotation`: every quote as a W3C Web Annotation, a collection per document
/// (or the document whose graph `--graph` names).
fn export_web_annotation(args: &Args, context: &Context) -> wangluo::Result<ExitCode> {
    use wangluo::authoring::web_annotation::export::{collections, write_collections, Provenance};
    let kg = context.open_for_reading()?;
    let graph = checked_graph(&kg, args.graph.as_deref())?;
    let collections = collections(&kg, graph.as_ref(), &Provenance::bundled()?)?;
    match &args.output {
        Some(path) => {
            let count = atomic::write_file(path, |out| write_collections(&collections, out))?;
            let documents = match collections.len() {
                1 => "1 document".to_owned(),
                n => format!("{n} documents"),
            };
            eprintln!(
                "wrote {count} annotations of {documents} to {}",
                path.display()
            );
        }
        None => {
            write_collections(&collections, std::io::stdout().lock())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `--nanopubs [-o DIR|FILE.trig]`: every claim as a nanopublication.
fn nanopubs(output: Option<&Path>, context: &Context) -> wangluo::Result<ExitCode> {
    let target = NanopubTarget::from_output(output)?;
    let kg = context.open_for_reading()?;
    let nanopubs = export_nanopubs(&kg, &target, std::io::stdout().lock())?;
    match &target {
        NanopubTarget::Stream => {}
        NanopubTarget::File(path) => eprintln!(
            "wrote {} nanopublications to {}",
            nanopubs.len(),
            path.display()
        ),
        NanopubTarget::Directory(dir) => eprintln!(
            "wrote {} nanopublications to {} (one CLAIM-ID.trig each)",
            nanopubs.len(),
            dir.display()
        ),
    }
    Ok(ExitCode::SUCCESS)
}

/// At most two glibc malloc arenas for an export. The exports read and serialize on every core,
/// and glibc gives each thread its own arena by default (up to eight per core), each keeping
/// the memory it freed: at 10,000 documents that made compacted JSON-LD peak at ~300 MB, ~230 MB
/// with two arenas, in the same time and with the same bytes (benches/RESULTS.md). It changes how
/// memory is pooled, never what is written.
fn cap_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a tunable of the allocator; it is called before the export
    // starts its threads, and an unknown or refused value leaves the defaults in place.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}
