//! A store that dies in the middle of an upload: a proxy between `wangluo publish` and a real
//! Oxigraph server or Virtuoso kills the server (SIGKILL) once part of a graph's body has gone
//! through. The server is then started again on its store, and the target graph is read: with
//! `--update-endpoint` it must hold what it held before; the error is one line.

use crate::remote::OPED;
use crate::servers::{free_port, oxigraph_server_in, Server};
use crate::tools::{found, python, Need, VIRTUOSO};
use crate::util::{repo, wangluo};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::process::{ChildStdin, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::sync::Mutex;

/// What the graph holds before the interrupted replace: two triples of its own.
const BEFORE: &str = "<https://example.org/s> <https://example.org/p> \"before\" .\n\
<https://example.org/s> <https://example.org/p> \"still here\" .\n";

/// Forwards every connection on a free port to `target`; once `after_bytes` bytes of requests
/// have passed (over all connections), calls `kill` once and cuts every connection.
fn killing_proxy(target: u16, after_bytes: usize, kill: impl Fn() + Send + 'static) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("listen");
    let port = listener.local_addr().expect("address").port();
    let killed = Arc::new(AtomicBool::new(false));
    std::thread::spawn(move || {
        let mut forwarded = 0;
        for client in listener.incoming().flatten() {
            let Ok(server) = TcpStream::connect(("127.0.0.1", target)) else {
                continue;
            };
            let (mut from_client, mut to_server) = (client.try_clone().expect("clone"), server);
            let (mut from_server, mut to_client) = (to_server.try_clone().expect("clone"), client);
            std::thread::spawn(move || {
                let _ = std::io::copy(&mut from_server, &mut to_client);
                let _ = to_client.shutdown(Shutdown::Both);
            });
            let mut buffer = [0; 16 * 1024];
            while let Ok(n @ 1..) = from_client.read(&mut buffer) {
                forwarded += n;
                if forwarded >= after_bytes && !killed.swap(true, Ordering::SeqCst) {
                    kill();
                    let _ = from_client.shutdown(Shutdown::Both);
                    break;
                }
                if to_server.write_all(&buffer[..n]).is_err() {
                    break;
                }
            }
        }
    });
    port
}

fn put_graph(store: &str, body: &str) {
    reqwest::blocking::Client::new()
        .put(format!("{store}?graph={OPED}"))
        .header("Content-Type", "application/n-triples")
        .body(body.to_owned())
        .send()
        .and_then(|r| r.error_for_status())
        .expect("PUT the graph as it was");
}

/// The objects of the op-ed's graph on the store (a SPARQL GET to `endpoint`), sorted.
fn graph_objects(endpoint: &str) -> Vec<String> {
    let query = format!("SELECT ?o WHERE {{ GRAPH <{OPED}> {{ ?s ?p ?o }} }} ORDER BY ?o");
    let url = url::Url::parse_with_params(endpoint, [("query", query)]).expect("URL");
    let csv = reqwest::blocking::Client::new()
        .get(url)
        .header("Accept", "text/csv")
        .send()
        .and_then(|r| r.error_for_status())
        .and_then(|r| r.text())
        .expect("query the graph");
    // Virtuoso quotes every CSV value, Oxigraph only where needed.
    csv.lines()
        .skip(1)
        .map(|v| v.trim_matches('"').to_owned())
        .collect()
}

/// `publish` of the op-ed's graph to `through` (the proxy's root URL) with `extra` options
/// (`PROXY` in them stands for that root); returns its error line.
fn publish_through(through: &str, store_path: &str, extra: &[&str]) -> String {
    let endpoint = format!("{through}{store_path}");
    let extra: Vec<String> = extra.iter().map(|a| a.replace("PROXY", through)).collect();
    let mut args = vec![
        "publish",
        "--graph",
        OPED,
        "--retries",
        "0",
        "--compress",
        "none",
        "--endpoint",
        &endpoint,
    ];
    args.extend(extra.iter().map(String::as_str));
    wangluo(&args).error_line()
}

/// Starts an Oxigraph server, gives the op-ed's graph its `BEFORE` triples, publishes the
/// op-ed's graph through a proxy that kills the server 300 kB into the upload, restarts the
/// server on the same store and returns the publish's error line and what the graph then holds.
fn publish_and_kill(extra: &[&str]) -> (String, Vec<String>) {
    let port = free_port();
    let server = oxigraph_server_in(tempfile::tempdir().expect("temp dir"), port);
    put_graph(&format!("{}/store", server.base), BEFORE);
    let pid = server.pid();
    let proxy = killing_proxy(port, 300_000, move || {
        let _ = std::process::Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status();
    });
    let line = publish_through(&format!("http://127.0.0.1:{proxy}"), "/store", extra);
    let restarted: Server = oxigraph_server_in(server.into_store(), port);
    let held = graph_objects(&format!("{}/query", restarted.base));
    (line, held)
}

/// A throw-away Virtuoso (virtuoso_server.py) that the test can kill and start again.
struct Virtuoso {
    /// Its standard input; closing it stops Virtuoso and removes its directory.
    commands: Arc<Mutex<Option<ChildStdin>>>,
    answers: Arc<Mutex<BufReader<ChildStdout>>>,
    child: std::process::Child,
}

impl Virtuoso {
    fn start() -> (Self, String) {
        let mut child = Command::new(python())
            .arg(repo().join("tests/interop/virtuoso_server.py"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start virtuoso_server.py");
        let virtuoso = Virtuoso {
            commands: Arc::new(Mutex::new(child.stdin.take())),
            answers: Arc::new(Mutex::new(BufReader::new(
                child.stdout.take().expect("stdout"),
            ))),
            child,
        };
        let base = virtuoso.answer();
        assert!(
            base.starts_with("http://"),
            "Virtuoso did not start: {base:?}"
        );
        (virtuoso, base)
    }

    fn answer(&self) -> String {
        let mut line = String::new();
        let _ = self.answers.lock().expect("answers").read_line(&mut line);
        line.trim().to_owned()
    }

    /// Sends `command` and waits for its answer; usable from the proxy's thread.
    fn command_fn(&self, command: &'static str) -> impl Fn() -> String + Send + 'static {
        let (commands, answers) = (self.commands.clone(), self.answers.clone());
        move || {
            if let Some(stdin) = commands.lock().expect("commands").as_mut() {
                let _ = writeln!(stdin, "{command}");
            }
            let mut line = String::new();
            let _ = answers.lock().expect("answers").read_line(&mut line);
            line.trim().to_owned()
        }
    }
}

impl Drop for Virtuoso {
    fn drop(&mut self) {
        if let Ok(mut commands) = self.commands.lock() {
            commands.take();
        }
        let _ = self.child.wait();
    }
}

#[test]
fn a_store_killed_mid_upload_keeps_the_graph_when_replaced_through_move() {
    if !found(&[Need::Venv("oxigraph")]) {
        return;
    }
    let (line, held) = publish_and_kill(&["--update-endpoint", "PROXY/update"]);
    assert!(
        line.contains("/store?graph=urn%3Awangluo%3Apublish%3A"),
        "{line}"
    );
    assert!(
        line.ends_with("the connection was lost before the store answered (did it stop?)"),
        "{line}"
    );
    assert_eq!(held, ["before", "still here"], "after: {line}");
}

#[test]
fn a_store_killed_mid_put_is_reported_in_one_line() {
    if !found(&[Need::Venv("oxigraph")]) {
        return;
    }
    // Without --update-endpoint the PUT goes to the graph itself. Oxigraph server reads the
    // whole body before it touches the graph, so a cut PUT leaves it as it was; stores that
    // write as they read (Virtuoso) may not (`publish --help` says so).
    let (line, held) = publish_and_kill(&[]);
    assert!(line.contains("/store?graph=https%3A%2F%2Fw3id.org%2Fwangluo%2Fgraph%2Frathor-2024: the connection was lost"), "{line}");
    assert_eq!(held, ["before", "still here"], "after: {line}");
}

#[test]
fn virtuoso_killed_mid_upload_keeps_the_graph_when_replaced_through_move() {
    if !found(&VIRTUOSO) {
        return;
    }
    let (virtuoso, base) = Virtuoso::start();
    put_graph(&format!("{base}/sparql-graph-crud"), BEFORE);
    let port = url::Url::parse(&base)
        .ok()
        .and_then(|u| u.port())
        .expect("a port");
    let kill = virtuoso.command_fn("kill");
    let proxy = killing_proxy(port, 300_000, move || {
        assert_eq!(kill(), "killed");
    });
    let line = publish_through(
        &format!("http://127.0.0.1:{proxy}"),
        "/sparql-graph-crud",
        &["--update-endpoint", "PROXY/sparql"],
    );
    assert!(
        line.contains("/sparql-graph-crud?graph=urn%3Awangluo%3Apublish%3A"),
        "{line}"
    );
    assert!(line.contains("the connection was lost"), "{line}");
    assert_eq!(virtuoso.command_fn("start")(), base);
    assert_eq!(
        graph_objects(&format!("{base}/sparql")),
        ["before", "still here"],
        "after: {line}"
    );
}
