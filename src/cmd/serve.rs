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

With --edit DIR the site is the corpus of annotation files under DIR (loaded in memory, not the
bundled graph), and the reading view of each of its documents (/read/id/DOC) has an editor: select
words (or pick a sentence) and save a claim, a mention, a new entity or sentences without a claim;
edit or delete a claim; undo the last save. A save is checked as `load` checks the corpus, then
written into the document's TOML file (comments and order kept, atomically) and shown at once.

Examples:
  wangluo serve
  wangluo serve --bind 127.0.0.1:0
  wangluo serve --edit data/
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
    /// Annotate in the browser: serve the annotation files under DIR (a corpus folder such as
    /// data/) and save edits from the reading view into them. A --bind address other than
    /// loopback needs WANGLUO_TOKEN, which every save must then bring (`Authorization: Bearer
    /// TOKEN`). Not with --store.
    #[arg(long, value_name = "DIR", conflicts_with = "writable")]
    edit: Option<std::path::PathBuf>,
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
    let edit = match &args.edit {
        Some(dir) => Some(edit_options(dir, args.bind, context)?),
        None => None,
    };
    let kg = match (&update_token, &context.store, &edit) {
        (_, _, Some(edit)) => wangluo::web::edit::graph(&edit.dir, &context.base)?,
        (Some(_), Some(dir), _) => wangluo::store::KnowledgeGraph::open(dir, &context.base)?,
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
        edit,
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

/// What `--edit DIR` needs: no store (the files are the corpus), and beyond loopback the token
/// of WANGLUO_TOKEN, which every save must bring.
fn edit_options(
    dir: &std::path::Path,
    bind: SocketAddr,
    context: &Context,
) -> wangluo::Result<wangluo::web::edit::EditOptions> {
    let refuse = |reason: String| wangluo::Error::InvalidOption {
        option: format!("--edit {}", dir.display()),
        reason,
    };
    if context.store.is_some() {
        return Err(refuse(
            "serves the annotation files of DIR in memory: not with --store".to_owned(),
        ));
    }
    if !dir.is_dir() {
        return Err(refuse("not a folder of annotation files".to_owned()));
    }
    let token = if bind.ip().is_loopback() {
        None
    } else {
        match std::env::var("WANGLUO_TOKEN") {
            Ok(token) if !token.trim().is_empty() => Some(token),
            _ => {
                return Err(refuse(format!(
                    "--bind {bind} is not a loopback address: set WANGLUO_TOKEN to the token \
                     that saves must bring (Authorization: Bearer TOKEN), or bind 127.0.0.1"
                )))
            }
        }
    };
    Ok(wangluo::web::edit::EditOptions {
        dir: dir.to_owned(),
        token,
    })
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
