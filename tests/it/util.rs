//! Helpers shared by the integration tests: the repository and its bundled data, running the
//! `wangluo` binary, the one-line error contract, SELECT results as rows, parsing RDF, and the
//! exported nanopublications. The interop tests (`tests/interop/`) compile this file too.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Quad, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use tempfile::TempDir;
use wangluo::store::KnowledgeGraph;
use wangluo::vocab::Base;

/// The op-ed's text and its annotation, as bundled.
pub const TEXT: &str = include_str!("../../data/rathor-2024.txt");
pub const TOML: &str = include_str!("../../data/rathor-2024.toml");

/// How every error line of the command line starts.
pub const ERROR_PREFIX: &str = "wangluo: error: ";

// ------------------------------------------------------------------------------------------
// The repository and the bundled graph
// ------------------------------------------------------------------------------------------

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file of the repository, as text.
pub fn repo_file(path: &str) -> String {
    std::fs::read_to_string(repo().join(path)).unwrap_or_else(|e| panic!("read {path}: {e}"))
}

/// The bundled graph (ontology and op-ed) in memory, under the default base.
pub fn kg() -> KnowledgeGraph {
    KnowledgeGraph::bundled(&Base::default()).expect("bundled graph builds")
}

/// A path as a command-line argument (temporary directories have UTF-8 paths).
pub fn utf8(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

// ------------------------------------------------------------------------------------------
// Running the binary
// ------------------------------------------------------------------------------------------

/// What one run of the binary (or of a Python script) did.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn of(output: std::process::Output) -> Self {
        Run {
            code: output.status.code(),
            stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
            stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
        }
    }

    /// Asserts exit code 0 and returns the run.
    #[track_caller]
    pub fn ok(self) -> Self {
        assert_eq!(self.code, Some(0), "expected success, got {self:#?}");
        self
    }

    /// Asserts the error contract: exit code 2, nothing on stdout, exactly one line on stderr
    /// starting with `wangluo: error: `. Returns that line.
    #[track_caller]
    pub fn error_line(&self) -> String {
        assert_eq!(self.code, Some(2), "expected exit code 2, got {self:#?}");
        let lines: Vec<&str> = self.stderr.lines().collect();
        assert_eq!(
            lines.len(),
            1,
            "expected exactly one line on stderr, got {self:#?}"
        );
        assert!(
            lines[0].starts_with(ERROR_PREFIX),
            "stderr does not start with `{ERROR_PREFIX}`: {self:#?}"
        );
        assert!(
            self.stdout.is_empty(),
            "a failed command printed on stdout: {self:#?}"
        );
        lines[0].to_owned()
    }

    /// The data lines of a CSV result (header excluded).
    pub fn csv_rows(&self) -> Vec<&str> {
        self.stdout.lines().skip(1).collect()
    }
}

/// Runs `program ARGS` in `cwd`, writing `stdin` to it (or giving it none).
pub fn run_program(program: &Path, cwd: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut child = Command::new(program)
        .current_dir(cwd)
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()));
    if let Some(bytes) = stdin {
        // A program may exit before reading all its input; what it prints says why.
        let _ = child.stdin.take().expect("stdin").write_all(bytes);
    }
    Run::of(child.wait_with_output().expect("wait for the program"))
}

pub fn binary() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_wangluo"))
}

/// Runs `wangluo ARGS` in `cwd` (a directory the test owns).
pub fn wangluo_in(cwd: &Path, args: &[&str]) -> Run {
    run_program(binary(), cwd, args, None)
}

/// Runs `wangluo ARGS` in `cwd` with `stdin` as its standard input.
pub fn wangluo_with_stdin(cwd: &Path, args: &[&str], stdin: &[u8]) -> Run {
    run_program(binary(), cwd, args, Some(stdin))
}

/// Runs `wangluo ARGS` in a new empty directory, so that nothing it writes lands in the clone.
pub fn wangluo(args: &[&str]) -> Run {
    let dir = tempfile::tempdir().expect("temporary directory");
    wangluo_in(dir.path(), args)
}

/// Asserts that `line` starts with `wangluo: error: PREFIX` and contains every fragment.
#[track_caller]
pub fn assert_error(line: &str, prefix: &str, fragments: &[&str]) {
    let expected = format!("{ERROR_PREFIX}{prefix}");
    assert!(
        line.starts_with(&expected),
        "error line\n  {line}\ndoes not start with\n  {expected}"
    );
    for fragment in fragments {
        assert!(
            line.contains(fragment),
            "error line\n  {line}\ndoes not mention `{fragment}`"
        );
    }
}

/// A temporary directory holding an annotation of the bundled text (`rathor-2024.toml`), the text
/// beside it (`rathor-2024.txt`), and room for a store (`store/`).
pub struct Fixture {
    pub dir: TempDir,
}

impl Fixture {
    /// With copies of the bundled annotation and text.
    pub fn new() -> Self {
        Self::with_annotation(TOML)
    }

    /// With `toml` as the annotation of the bundled text.
    pub fn with_annotation(toml: &str) -> Self {
        let dir = tempfile::tempdir().expect("temporary directory");
        std::fs::write(dir.path().join("rathor-2024.toml"), toml).expect("write annotation");
        std::fs::write(dir.path().join("rathor-2024.txt"), TEXT).expect("write text");
        Self { dir }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn toml(&self) -> PathBuf {
        self.path("rathor-2024.toml")
    }

    pub fn store(&self) -> PathBuf {
        self.path("store")
    }

    pub fn write(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, contents).expect("write test file");
        path
    }

    /// `wangluo ARGS` without a store.
    pub fn run(&self, args: &[&str]) -> Run {
        wangluo_in(self.dir.path(), args)
    }

    /// `wangluo --store STORE ARGS`.
    pub fn at(&self, args: &[&str]) -> Run {
        let store = self.store();
        let mut all = vec!["--store", utf8(&store)];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// `wangluo --store STORE load FILES`.
    pub fn load(&self, files: &[&Path]) -> Run {
        let mut args = vec!["load"];
        args.extend(files.iter().map(|f| utf8(f)));
        self.at(&args)
    }

    /// A SPARQL query on the store, as CSV; it must succeed.
    pub fn query_csv(&self, sparql: &str) -> Run {
        self.at(&["query", "--sparql", sparql, "--format", "csv"])
            .ok()
    }

    pub fn quad_count(&self) -> usize {
        single_number(&self.query_csv("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
    }

    /// Everything observable about the store's size: triples per graph, instances per class
    /// and the total number of quads.
    pub fn snapshot(&self) -> String {
        let stats = self.at(&["stats", "--format", "csv"]).ok().stdout;
        format!("{stats}total {}", self.quad_count())
    }
}

/// The single number of a one-cell CSV result (`n\r\n5509\r\n`).
#[track_caller]
pub fn single_number(run: &Run) -> usize {
    let rows = run.csv_rows();
    assert_eq!(rows.len(), 1, "expected one row: {run:#?}");
    rows[0].trim().parse().expect("a number")
}

// ------------------------------------------------------------------------------------------
// SELECT results as rows, RDF parsed
// ------------------------------------------------------------------------------------------

/// One solution of a SELECT query: variable name → term.
pub type TermRow = BTreeMap<String, Term>;
/// One solution of a SELECT query: variable name → the text of the term (`term_text`).
pub type TextRow = BTreeMap<String, String>;

/// The text of a term: a literal's value, an IRI without brackets, anything else as N-Triples.
pub fn term_text(term: &Term) -> String {
    match term {
        Term::Literal(l) => l.value().to_owned(),
        Term::NamedNode(n) => n.as_str().to_owned(),
        other => other.to_string(),
    }
}

/// The solutions of a SELECT query.
pub fn solutions(results: QueryResults<'_>) -> Vec<TermRow> {
    let QueryResults::Solutions(solutions) = results else {
        panic!("not a SELECT query")
    };
    solutions
        .map(|s| {
            s.expect("solution")
                .iter()
                .map(|(v, t)| (v.as_str().to_owned(), t.clone()))
                .collect()
        })
        .collect()
}

/// Runs a SELECT query on the knowledge graph, as `wangluo query` does (with its prefixes).
pub fn select(kg: &KnowledgeGraph, sparql: &str) -> Vec<TermRow> {
    solutions(wangluo::query::run(kg, "test", sparql, &[]).expect("query runs"))
}

/// `select`, with each term as its text.
pub fn select_text(kg: &KnowledgeGraph, sparql: &str) -> Vec<TextRow> {
    select(kg, sparql).iter().map(row_text).collect()
}

pub fn row_text(row: &TermRow) -> TextRow {
    row.iter().map(|(v, t)| (v.clone(), term_text(t))).collect()
}

/// The number `?n` of a `SELECT (COUNT(…) AS ?n)` query.
#[track_caller]
pub fn count(kg: &KnowledgeGraph, sparql: &str) -> usize {
    let rows = select_text(kg, sparql);
    rows[0]["n"].parse().expect("a count")
}

/// Runs a SELECT query (with its own prefixes) on a plain Oxigraph store.
pub fn select_in(store: &Store, sparql: &str) -> Vec<TermRow> {
    solutions(
        SparqlEvaluator::new()
            .parse_query(sparql)
            .expect("query parses")
            .on_store(store)
            .execute()
            .expect("query runs"),
    )
}

/// Parses RDF with oxigraph, panicking (with the error) if it does not parse.
#[track_caller]
pub fn parse_rdf(bytes: &[u8], format: RdfFormat) -> Vec<Quad> {
    RdfParser::from_format(format)
        .for_slice(bytes)
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| panic!("output does not parse as {format}: {e}"))
}

// ------------------------------------------------------------------------------------------
// Nanopublications
// ------------------------------------------------------------------------------------------

/// The claim whose nanopublication the tampering tests change, and a line of its assertion.
pub const TAMPERED_CLAIM: &str = "challenge-for-foreign-firms";
pub const TAMPERED_FROM: &str = "wl:perspective wlp:western";
pub const TAMPERED_TO: &str = "wl:perspective wlp:chinese";

/// The number of distinct claims in the bundled graph, counted with SPARQL.
pub fn claims_in_graph() -> usize {
    count(
        &kg(),
        "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { GRAPH ?g { ?c a <https://w3id.org/wangluo/ontology#Claim> } }",
    )
}

/// Exports the nanopublications to `dir/nanopubs/` and returns their files, sorted.
pub fn export_nanopubs(dir: &Path) -> Vec<PathBuf> {
    wangluo_in(dir, &["export", "--nanopubs", "-o", "nanopubs"]).ok();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("nanopubs"))
        .expect("output directory")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
}

/// Exports the nanopublications to `dir/nanopubs/`, changes the assertion of
/// `TAMPERED_CLAIM`'s, and returns its file.
pub fn tampered_nanopub(dir: &Path) -> PathBuf {
    export_nanopubs(dir);
    let file = dir.join(format!("nanopubs/{TAMPERED_CLAIM}.trig"));
    let original = std::fs::read_to_string(&file).expect("read");
    assert_eq!(original.matches(TAMPERED_FROM).count(), 1, "{original}");
    std::fs::write(&file, original.replace(TAMPERED_FROM, TAMPERED_TO)).expect("tamper");
    file
}

/// The artifact code that `wangluo verify` computed, from its FAIL line.
pub fn computed_artifact_code(fail_line: &str) -> &str {
    fail_line
        .split("computed ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .expect("the computed hash")
}

// ------------------------------------------------------------------------------------------
// A tiny HTTP server on a free loopback port
// ------------------------------------------------------------------------------------------

/// Serves HTTP on 127.0.0.1 (a free port) from a thread, one connection at a time, for the
/// rest of the test process: `respond(path, stream)` writes the whole answer to the request
/// for `path` (`/doc.ttl`). Returns the server's root URL (`http://127.0.0.1:PORT`) and the
/// requests received so far (their heads, oldest first).
pub fn serve(
    respond: impl Fn(&str, &mut std::net::TcpStream) + Send + 'static,
) -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use std::io::Read;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    let root = format!("http://{}", listener.local_addr().expect("local address"));
    let requests = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = requests.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut head = Vec::new();
            let mut buffer = [0u8; 1024];
            while !head.ends_with(b"\r\n\r\n") {
                match stream.read(&mut buffer) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => head.extend_from_slice(&buffer[..n]),
                }
            }
            let head = String::from_utf8_lossy(&head).into_owned();
            let path = head.split(' ').nth(1).unwrap_or("/").to_owned();
            seen.lock().expect("requests").push(head);
            respond(&path, &mut stream);
        }
    });
    (root, requests)
}

/// A complete HTTP/1.1 answer: status line (`200 OK`), extra header lines, body.
pub fn http_response(status: &str, headers: &[&str], body: &[u8]) -> Vec<u8> {
    let mut response = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for header in headers {
        response.push_str(header);
        response.push_str("\r\n");
    }
    response.push_str("\r\n");
    let mut bytes = response.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

// ------------------------------------------------------------------------------------------
// `wangluo serve` on a free loopback port
// ------------------------------------------------------------------------------------------

/// A running `wangluo [GLOBAL] serve --bind 127.0.0.1:0 [ARGS]`, stopped (SIGKILL) when dropped.
/// The port comes from the line the server prints when it listens.
pub struct ServeProcess {
    child: std::process::Child,
    /// `http://127.0.0.1:PORT`, without a final slash.
    pub root: String,
}

impl ServeProcess {
    pub fn start(global: &[&str], args: &[&str]) -> Self {
        Self::start_with_env(global, args, &[])
    }

    /// With environment variables set for the server.
    pub fn start_with_env(global: &[&str], args: &[&str], env: &[(&str, &str)]) -> Self {
        use std::io::BufRead;
        let mut all: Vec<&str> = global.to_vec();
        all.extend(["serve", "--bind", "127.0.0.1:0"]);
        all.extend_from_slice(args);
        let mut child = Command::new(binary())
            .args(&all)
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start wangluo serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        std::io::BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read the listening line");
        let root = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .map(|addr| format!("http://{addr}"))
            .unwrap_or_else(|| panic!("no address in the first line of serve: {line:?}"));
        ServeProcess { child, root }
    }

    /// The bundled graph.
    pub fn bundled(args: &[&str]) -> Self {
        Self::start(&[], args)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.root)
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Whether the server has exited, looking every 20 ms for at most `limit`.
    pub fn exited_within(&mut self, limit: std::time::Duration) -> bool {
        let started = std::time::Instant::now();
        while started.elapsed() < limit {
            if let Ok(Some(_)) = self.child.try_wait() {
                return true;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        false
    }
}

impl Drop for ServeProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP client that does not follow redirects (the tests look at the 303s).
pub fn http_client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        // A fresh connection per request: a refused upload (413) closes its connection.
        .pool_max_idle_per_host(0)
        .timeout(std::time::Duration::from_secs(60))
        .build()
        .expect("HTTP client")
}
