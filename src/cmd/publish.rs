//! `wangluo publish`: upload graphs to a triple store over the W3C Graph Store Protocol.

use super::Context;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};
use wangluo::remote::publish::{self, PublishOptions, StorePreset};
use wangluo::remote::{parse_http_url, Auth, Progress, RemoteClient};
use wangluo::Error;

/// Upload the graph to a triple store: one Graph Store Protocol request per named graph, as
/// N-Triples, blank nodes skolemized first; then check how many triples the store holds.
#[derive(clap::Args)]
#[command(after_help = "The Graph Store Protocol URL of each store (--endpoint):
  Oxigraph server   http://HOST:7878/store                  (queries: /query, updates: /update)
  Virtuoso          http://HOST:8890/sparql-graph-crud      (Digest auth: /sparql-graph-crud-auth;
                                                             queries and updates: /sparql)
  Apache Jena Fuseki http://HOST:3030/DATASET/data          (queries: /DATASET/sparql, updates: /DATASET/update)
  GraphDB (RDF4J)   http://HOST:7200/repositories/ID/rdf-graphs/service
                                                            (queries: /repositories/ID, updates: …/statements)
  QLever            its SPARQL endpoint URL                 (queries at the same URL)

Each request names its graph (?graph=IRI). PUT replaces the graph; POST (--append) adds to it.
After the upload each graph's triples are counted on the store (a COUNT through --query-endpoint,
or the one --store-preset implies, else a GET of the graph) and must equal what was sent.

A failed PUT: without --update-endpoint a replace is one PUT per graph, and a PUT that fails
midway (the connection lost, the server stopped, a body refused half-way) can leave the target
graph emptied or partly written on stores that clear the graph before they read the body and do
not run the request as one transaction (Virtuoso commits as it loads; Fuseki, GraphDB and QLever
depend on their configuration). Graphs published before the failure stay replaced. With
--update-endpoint each graph goes first into a temporary graph, which one SPARQL Update MOVEs over
the target: the target is either untouched or wholly replaced, and the temporary graph is dropped
when anything fails.

Credentials come from a file (--credentials FILE, or the file WANGLUO_CREDENTIALS names: TOML with
`user` and `password`, or `token`), else from the environment: WANGLUO_USER and WANGLUO_PASSWORD,
or WANGLUO_TOKEN (bearer). A user and password go as HTTP Basic, or as Digest when the store asks
for it (Virtuoso's /sparql-graph-crud-auth). They are never printed, not even by --dry-run.

Compression (--compress auto): gzip for stores known to take `Content-Encoding: gzip` uploads
(Oxigraph server); Virtuoso 7.2 refuses them. A progress bar shows on a terminal for uploads over
1 MiB (never when stderr is piped).

Examples:
  wangluo publish --endpoint http://localhost:7878/store --store-preset oxigraph
  wangluo --store kg publish --endpoint http://localhost:8890/sparql-graph-crud \\
      --graph https://w3id.org/wangluo/graph/rathor-2024 --update-endpoint http://localhost:8890/sparql
  wangluo publish --endpoint http://localhost:7878/store --dry-run")]
pub struct Args {
    /// The store's Graph Store Protocol URL (see below).
    #[arg(long, value_name = "URL")]
    endpoint: String,
    /// Publish only this named graph (repeatable; default: every graph).
    #[arg(long = "graph", value_name = "IRI", conflicts_with = "all_graphs")]
    graphs: Vec<String>,
    /// Publish every graph of the store (the default).
    #[arg(long)]
    all_graphs: bool,
    /// Add to the graphs on the store (POST) instead of replacing them (PUT).
    #[arg(long)]
    append: bool,
    /// Print the requests (method, URL, media type, size) without sending them.
    #[arg(long)]
    dry_run: bool,
    /// A SPARQL Update endpoint: replace each graph by upload to a temporary graph and one MOVE.
    #[arg(long, value_name = "URL")]
    update_endpoint: Option<String>,
    /// A SPARQL query endpoint to count the stored triples with.
    #[arg(long, value_name = "URL")]
    query_endpoint: Option<String>,
    /// Seconds to wait for each answer.
    #[arg(long, value_name = "SECS", default_value_t = 60)]
    timeout: u64,
    /// Retries (with growing pauses) when the store answers 5xx or cannot be reached.
    #[arg(long, value_name = "N", default_value_t = 3)]
    retries: u32,
    /// The kind of store, for the URLs it derives (its query endpoint) and what it accepts.
    #[arg(long, value_name = "STORE")]
    store_preset: Option<Preset>,
    /// A credentials file (TOML: `user` and `password`, or `token`); see below.
    #[arg(long, value_name = "FILE")]
    credentials: Option<std::path::PathBuf>,
    /// Compress the uploads: gzip, none, or auto (gzip when --store-preset takes it).
    #[arg(long, value_name = "HOW", default_value = "auto")]
    compress: Compress,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Compress {
    Auto,
    Gzip,
    None,
}

/// Uploads smaller than this go without a progress bar: they are over before it would show.
const PROGRESS_FROM_BYTES: u64 = 1 << 20;

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum Preset {
    Oxigraph,
    Virtuoso,
    Fuseki,
    Graphdb,
    Qlever,
}

impl From<Preset> for StorePreset {
    fn from(preset: Preset) -> Self {
        match preset {
            Preset::Oxigraph => StorePreset::Oxigraph,
            Preset::Virtuoso => StorePreset::Virtuoso,
            Preset::Fuseki => StorePreset::Fuseki,
            Preset::Graphdb => StorePreset::Graphdb,
            Preset::Qlever => StorePreset::Qlever,
        }
    }
}

pub fn run(args: Args, context: &Context) -> wangluo::Result<ExitCode> {
    let options = options(&args)?;
    let kg = context.open_for_reading()?;
    let selected = args
        .graphs
        .iter()
        .map(|g| super::export::checked_graph(&kg, Some(g)))
        .collect::<wangluo::Result<Vec<_>>>()?;
    let mut quads = wangluo::export::selected_quads(&kg, None)?;
    if !selected.is_empty() {
        quads.retain(|q| {
            selected
                .iter()
                .flatten()
                .any(|g| q.graph_name.as_ref() == g.as_ref().into())
        });
    }
    let gzip = match args.compress {
        Compress::Gzip => true,
        Compress::None => false,
        Compress::Auto => args
            .store_preset
            .is_some_and(|p| StorePreset::from(p).takes_gzip()),
    };
    let uploads: Vec<_> = publish::prepare_uploads(quads, kg.base())
        .into_iter()
        .map(|u| if gzip { u.gzipped() } else { u })
        .collect();
    let mut out = std::io::stdout().lock();
    let write = |out: &mut std::io::StdoutLock<'_>, line: String| {
        writeln!(out, "{line}").map_err(|source| Error::Output {
            target: "stdout".to_owned(),
            source,
        })
    };
    if args.dry_run {
        for upload in &uploads {
            for r in publish::plan(upload, &options) {
                let encoding = r.encoding.map(|e| format!(", {e}")).unwrap_or_default();
                let line = format!(
                    "{} {} ({}{encoding}, {} bytes)",
                    r.method, r.url, r.media_type, r.bytes
                );
                write(&mut out, line)?;
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let client = RemoteClient::new(
        Duration::from_secs(args.timeout.max(1)),
        args.retries,
        Auth::resolve(args.credentials.as_deref())?,
    )?;
    let bar = progress_bar(uploads.iter().map(|u| u.body.len() as u64).sum());
    let options = PublishOptions {
        progress: bar
            .clone()
            .map(|bar| -> Progress { Arc::new(move |n| bar.inc(n)) }),
        ..options
    };
    let started = Instant::now();
    let mut triples = 0;
    for upload in &uploads {
        if let Some(bar) = &bar {
            bar.set_message(upload.name());
        }
        let report = publish::publish_graph(&client, upload, &options)?;
        triples += report.sent;
        let line = format!(
            "{}: sent {}, stored {}, {:.2} s",
            report.graph,
            report.sent,
            report.stored,
            report.elapsed.as_secs_f64()
        );
        match &bar {
            Some(bar) => bar.suspend(|| write(&mut out, line))?,
            None => write(&mut out, line)?,
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let line = format!(
        "published {} graph{}, {triples} triples in {:.2} s",
        uploads.len(),
        if uploads.len() == 1 { "" } else { "s" },
        started.elapsed().as_secs_f64()
    );
    write(&mut out, line)?;
    Ok(ExitCode::SUCCESS)
}

/// A bar over the bytes to send, on a terminal and for large uploads only.
fn progress_bar(total: u64) -> Option<ProgressBar> {
    if total < PROGRESS_FROM_BYTES || !std::io::stderr().is_terminal() {
        return None;
    }
    let style = ProgressStyle::with_template(
        "{spinner} {bytes}/{total_bytes} {bytes_per_sec} {wide_bar} {msg}",
    )
    .ok()?;
    Some(ProgressBar::new(total).with_style(style))
}

fn options(args: &Args) -> wangluo::Result<PublishOptions> {
    let url = |text: &Option<String>| -> wangluo::Result<Option<url::Url>> {
        text.as_deref()
            .map(parse_http_url)
            .transpose()
            .map_err(Error::from)
    };
    let store = parse_http_url(&args.endpoint)?;
    let query_endpoint = url(&args.query_endpoint)?.or_else(|| {
        args.store_preset
            .map(|p| StorePreset::from(p).query_endpoint(&store))
    });
    Ok(PublishOptions {
        update_endpoint: url(&args.update_endpoint)?,
        query_endpoint,
        append: args.append,
        store,
        progress: None,
    })
}
