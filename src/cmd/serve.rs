//! `wangluo serve`: the graph as a linked-data site and a read-only SPARQL endpoint.

use super::Context;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;
use wangluo::web::worker::WorkerCommand;
use wangluo::web::{serve, ServeOptions};

/// Serve the graph over HTTP: every IRI under the base dereferenceable (HTML for browsers, RDF
/// for programs), a reading view of each text, the bundled queries, and a SPARQL endpoint.
#[derive(clap::Args)]
#[command(
    after_help = "The base IRI is the site's root: `B id/X` is served at /id/X (303 See Other
to /page/id/X for browsers, /data/id/X.ttl|.jsonld|.nt|.rdf for programs). Read-only: SPARQL
updates are refused, unless --writable. Stop with Ctrl-C.

Examples:
  wangluo serve
  wangluo serve --bind 127.0.0.1:0
  wangluo --store kg serve --public-url https://w3id.org/wangluo/ --cors"
)]
pub struct Args {
    /// The address and port to listen on (port 0: any free port; the line printed says which).
    #[arg(long, default_value = "127.0.0.1:7878", value_name = "ADDR:PORT")]
    bind: SocketAddr,
    /// The external URL of the site's root (the base IRI) behind w3id or a proxy, for links
    /// and redirects.
    #[arg(long, value_name = "URL")]
    public_url: Option<String>,
    /// Answer cross-origin SPARQL requests (CORS headers on /sparql).
    #[arg(long)]
    cors: bool,
    /// The longest a query may run, in seconds.
    #[arg(long, default_value_t = 10.0, value_name = "S")]
    timeout: f64,
    /// The most rows (or triples) of one SPARQL result.
    #[arg(long, default_value_t = 10_000, value_name = "N")]
    result_cap: usize,
    /// How many queries run at once, each in a worker process that is killed at the timeout
    /// (default: the number of cores, 2 to 8).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    query_workers: Option<u16>,
    /// Accept SPARQL Update on /sparql (POST) from requests that bring the token of the
    /// environment variable WANGLUO_TOKEN (`Authorization: Bearer TOKEN`); needs --store.
    #[arg(long)]
    writable: bool,
}

pub fn run(args: Args, context: &Context) -> wangluo::Result<ExitCode> {
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        return Err(wangluo::Error::InvalidOption {
            option: format!("--timeout {}", args.timeout),
            reason: "expected a positive number of seconds".to_owned(),
        });
    }
    let update_token = if args.writable {
        Some(writable_token(context)?)
    } else {
        None
    };
    let kg = match (&update_token, &context.store) {
        (Some(_), Some(dir)) => wangluo::store::KnowledgeGraph::open(dir, &context.base)?,
        _ => context.open_for_reading()?,
    };
    let options = ServeOptions {
        bind: args.bind,
        public_url: args.public_url,
        cors: args.cors,
        timeout: Duration::from_secs_f64(args.timeout),
        result_cap: args.result_cap,
        body_limit: 1 << 20,
        update_token,
        workers: Some(WorkerCommand {
            program: std::env::current_exe().map_err(|source| wangluo::Error::Read {
                path: "the running program".into(),
                source,
            })?,
            workers: args.query_workers.map_or_else(
                || std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 8)),
                usize::from,
            ),
        }),
    };
    serve(kg, options, |addr, root| {
        use std::io::Write;
        // One line, flushed: scripts and tests read the port from it.
        println!("wangluo: serving on http://{addr}/ (public root {root}); Ctrl-C stops");
        let _ = std::io::stdout().flush();
    })?;
    Ok(ExitCode::SUCCESS)
}

/// The token of `--writable`: WANGLUO_TOKEN, which must be set; and a store to write to.
fn writable_token(context: &Context) -> wangluo::Result<String> {
    let refuse = |reason: &str| wangluo::Error::InvalidOption {
        option: "--writable".to_owned(),
        reason: reason.to_owned(),
    };
    if context.store.is_none() {
        return Err(refuse(
            "needs --store DIR: the bundled graph lives only in memory",
        ));
    }
    match std::env::var("WANGLUO_TOKEN") {
        Ok(token) if !token.trim().is_empty() => Ok(token),
        _ => Err(refuse(
            "set WANGLUO_TOKEN to the token that update requests must bring",
        )),
    }
}

/// `wangluo sparql-worker`, hidden: a query worker of `serve` (see `wangluo::web::worker`). It
/// answers the queries its server writes on its standard input, on its standard output.
#[derive(clap::Args)]
pub struct WorkerArgs {
    /// Read the graph from this N-Quads file (the server's copy of an in-memory or writable
    /// graph) instead of --store or the bundled data.
    #[arg(long, value_name = "FILE")]
    nquads: Option<std::path::PathBuf>,
}

pub fn run_worker(args: WorkerArgs, context: &Context) -> wangluo::Result<ExitCode> {
    let kg = match &args.nquads {
        Some(path) => wangluo::web::worker::graph_from_nquads(path, &context.base)?,
        None => context.open_for_reading()?,
    };
    wangluo::web::worker::run_worker(&kg, std::io::stdin().lock(), std::io::stdout().lock())
        .map_err(wangluo::web::ServeError::from)?;
    Ok(ExitCode::SUCCESS)
}
