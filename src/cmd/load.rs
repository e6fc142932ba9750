//! `wangluo load`: load annotation or RDF files into a persistent store.

use super::Context;
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};
use wangluo::rdf::fetch::FetchOptions;
use wangluo::shacl::{validate_quads, Shapes};
use wangluo::store::{KnowledgeGraph, LoadOptions, LoadReport, LoadSource, PreparedLoad, Progress};
use wangluo::Error;

/// Load annotation files (.toml), RDF files (.ttl .trig .nt .nq .rdf .jsonld), folders of them or
/// RDF documents at http(s) URLs into the store given by --store. With no FILE, loads the bundled
/// ontology and op-ed. Everything is read, fetched and checked first (on every core) and written
/// in one transaction: on any error the store is left as it was (with --keep-going, only the
/// documents that fail are left out). Reloading a document replaces its graph.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  wangluo --store kg load                          # the bundled ontology and op-ed
  wangluo --store kg load data/rathor-2024.toml    # an annotation file and its text
  wangluo --store kg load extra.ttl other.trig     # RDF files
  wangluo --store kg load --validate edited.nq     # refused (exit 1) unless it passes SHACL
  wangluo --store kg load data/entities/actors.toml op-ed-2.toml   # shared entities + a document
  wangluo --store kg load corpus/                  # every .toml and RDF file under corpus/
  wangluo --store kg load --keep-going corpus/     # load what passes, report the rest (exit 3)
  wangluo --store kg load https://example.org/data.ttl --max-bytes 10000000 --timeout 20

Every id is global: a document may use the entities and claims that other files of the load, or
documents already in the store, declare; the same id declared twice with different content is
refused.

Triples of a triple format (or of a TriG default graph) go to the graph
<BASE graph/file/NAME>, NAME being the file name without extension; from a URL, to
<BASE graph/url/NAME>, NAME being the URL's host, port, path (without extension) and query, with
every character but letters, digits, `-`, `_` and `.` turned into `-`
(http://example.org/data/people.ttl: <BASE graph/url/example.org-data-people>).

Relative IRIs (<>, <a>, <#x>) resolve against where the document came from: a file's file: URL
(absolute path, percent-encoded, as riot and RDFLib give it), or the URL fetched (after
redirects).

A URL is fetched over http or https only (file: and ftp: are refused: give local files as paths)
with content negotiation (Accept: Turtle, TriG, N-Quads, N-Triples, JSON-LD, RDF/XML); the format
is the Content-Type's, else the URL's extension. At most 5 redirects are followed; a redirect
loop, an HTTP error, a timeout, a body over --max-bytes or a response that is not RDF stops the
load with one line naming the URL and the cause. A URL whose path ends in .toml is an annotation:
its text is fetched relative to it, never read from the local disk.")]
pub struct Args {
    /// Annotation (.toml) or RDF files, folders (every .toml and RDF file under them, in path
    /// order, hidden ones left out), or http(s) URLs of RDF documents.
    #[arg(value_name = "FILE|DIR|URL")]
    files: Vec<String>,
    /// Leave out each document that fails (one line each on stderr) and load the others; exit 3
    /// when any was left out.
    #[arg(long)]
    keep_going: bool,
    /// No progress bar and no closing summary on stderr (warnings and errors are still printed).
    #[arg(long, short)]
    quiet: bool,
    /// The largest document fetched from a URL, in bytes (the download stops there).
    #[arg(long, value_name = "BYTES", default_value_t = FetchOptions::default().max_bytes)]
    max_bytes: u64,
    /// How long fetching one URL may take (connection, answer and body), in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = FetchOptions::default().timeout.as_secs())]
    timeout: u64,
    /// For URLs: a credentials file (TOML: `user` and `password` for HTTP Basic, or `token`);
    /// else WANGLUO_CREDENTIALS, WANGLUO_USER/WANGLUO_PASSWORD or WANGLUO_TOKEN are used.
    #[arg(long, value_name = "FILE")]
    credentials: Option<std::path::PathBuf>,
    /// Validate the store as it would be after the load against the bundled SHACL shapes; if it
    /// does not conform, print the results, exit 1 and leave the store unchanged.
    #[arg(long)]
    validate: bool,
}

pub fn run(args: Args, context: &Context) -> wangluo::Result<ExitCode> {
    let started = Instant::now();
    let Some(dir) = &context.store else {
        return Err(Error::InvalidOption {
            option: "load".to_owned(),
            reason: "`load` writes to a persistent store: pass --store DIR".to_owned(),
        });
    };
    let sources: Vec<LoadSource> = if args.files.is_empty() {
        vec![LoadSource::Bundled]
    } else {
        let fetch = FetchOptions {
            max_bytes: args.max_bytes,
            timeout: Duration::from_secs(args.timeout),
            auth: wangluo::http::Auth::resolve(args.credentials.as_deref())?,
            ..FetchOptions::default()
        };
        LoadSource::from_arguments(&args.files, &fetch)?
    };
    let bar = ProgressBar::new(args.quiet);
    let options = LoadOptions {
        keep_going: args.keep_going,
        progress: &bar,
    };
    // Everything is read and checked before the store is opened for writing (or created): against
    // what the store already holds, when it exists, so that `load a` then `load b` checks b as
    // `load a b` would.
    let current = KnowledgeGraph::open_existing_read_only(dir, &context.base)?;
    let current = current.as_ref().map(KnowledgeGraph::store);
    let prepared = PreparedLoad::read_with(&sources, &context.base, current, options)?;
    if args.validate && !conforms_after(&prepared, current, dir, context)? {
        bar.clear();
        eprintln!("wangluo: the data does not conform to the SHACL shapes: store left unchanged");
        return Ok(ExitCode::from(1));
    }
    let kg = KnowledgeGraph::open(dir, &context.base)?;
    let report = kg.apply_with(prepared, &bar)?;
    bar.clear();
    for failure in &report.failures {
        eprintln!("wangluo: error: {failure}");
    }
    for warning in &report.warnings {
        eprintln!("wangluo: warning: {warning}");
    }
    for (graph, triples, source) in &report.graphs {
        println!("{triples:>6} triples  <{}>  from {source}", graph.as_str());
    }
    for graph in &report.mentions_updated {
        println!(
            "        mentions  <{}>  searched again for the corpus's entities",
            graph.as_str()
        );
    }
    println!(
        "store {} now holds {} triples",
        dir.display(),
        kg.store().len()?
    );
    if !args.quiet {
        eprintln!("{}", summary(&report, started.elapsed()));
    }
    Ok(if report.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(3)
    })
}

/// The closing line: documents loaded (and left out), their triples, warnings, time.
fn summary(report: &LoadReport, elapsed: Duration) -> String {
    let written = report.quads;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let failed = match report.failures.len() {
        0 => String::new(),
        n => format!(", {n} left out"),
    };
    let seconds = elapsed.as_secs_f64();
    format!(
        "loaded {}{failed}: {}, {} in {seconds:.2} s ({:.0} triples/s)",
        plural(report.documents, "document"),
        plural(written, "triple"),
        plural(report.warnings.len(), "warning"),
        written as f64 / seconds.max(1e-9),
    )
}

/// A progress bar on stderr when it is a terminal (and not --quiet); nothing otherwise.
struct ProgressBar(indicatif::ProgressBar);

impl ProgressBar {
    fn new(quiet: bool) -> Self {
        if quiet || !std::io::stderr().is_terminal() {
            return Self(indicatif::ProgressBar::hidden());
        }
        let bar = indicatif::ProgressBar::new(0);
        let style = indicatif::ProgressStyle::with_template(
            "{prefix:>9} [{bar:40}] {human_pos}/{human_len} {elapsed}",
        )
        .map(|s| s.progress_chars("=> "));
        if let Ok(style) = style {
            bar.set_style(style);
        }
        Self(bar)
    }

    fn clear(&self) {
        self.0.finish_and_clear();
    }
}

impl Progress for ProgressBar {
    fn start(&self, phase: &'static str, total: usize) {
        self.0.set_prefix(phase);
        self.0.set_length(total as u64);
        self.0.set_position(0);
    }

    fn advance(&self, steps: usize) {
        self.0.inc(steps as u64);
    }
}

/// Whether the store as it would be after the load conforms to the bundled shapes; prints the
/// results when it does not.
fn conforms_after(
    prepared: &PreparedLoad,
    current: Option<&oxigraph::store::Store>,
    dir: &Path,
    context: &Context,
) -> wangluo::Result<bool> {
    let shapes = Shapes::bundled(&context.base)?;
    let quads = prepared.dataset_after(current)?;
    let report = validate_quads(
        &dir.display().to_string(),
        quads.iter().map(|q| q.as_ref()),
        &shapes,
    )?;
    if !report.conforms {
        super::validate::print_report(&report, &context.base)?;
    }
    Ok(report.conforms)
}
