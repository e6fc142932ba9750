//! A store that dies in the middle of an upload: a proxy between `wangluo publish` and a real
//! Oxigraph server kills the server (SIGKILL) once part of a graph's body has gone through. The
//! server is then started again on its store, and the target graph is read: with
//! `--update-endpoint` it must hold what it held before; the error is one line.

use crate::remote::OPED;
use crate::servers::{free_port, oxigraph_server_in, Server};
use crate::util::wangluo;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

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

fn put_graph(base: &str, body: &str) {
    reqwest::blocking::Client::new()
        .put(format!("{base}/store?graph={OPED}"))
        .header("Content-Type", "application/n-triples")
        .body(body.to_owned())
        .send()
        .and_then(|r| r.error_for_status())
        .expect("PUT the graph as it was");
}

fn graph_objects(base: &str) -> Vec<String> {
    let query = format!("SELECT ?o WHERE {{ GRAPH <{OPED}> {{ ?s ?p ?o }} }} ORDER BY ?o");
    let csv = reqwest::blocking::Client::new()
        .post(format!("{base}/query"))
        .header("Accept", "text/csv")
        .header("Content-Type", "application/sparql-query")
        .body(query)
        .send()
        .and_then(|r| r.error_for_status())
        .and_then(|r| r.text())
        .expect("query the graph");
    csv.lines().skip(1).map(str::to_owned).collect()
}

/// Starts a server, gives the op-ed's graph its `BEFORE` triples, publishes the op-ed's graph
/// through a proxy that kills the server 300 kB into the upload, restarts the server on the
/// same store and returns the publish's error line and what the graph then holds.
fn publish_and_kill(extra: &[&str]) -> (String, Vec<String>) {
    let port = free_port();
    let server = oxigraph_server_in(tempfile::tempdir().expect("temp dir"), port);
    put_graph(&server.base, BEFORE);
    let pid = server.pid();
    let proxy = killing_proxy(port, 300_000, move || {
        let _ = std::process::Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status();
    });
    let through = format!("http://127.0.0.1:{proxy}");
    let mut args = vec![
        "publish",
        "--graph",
        OPED,
        "--retries",
        "0",
        "--compress",
        "none",
    ];
    let endpoint = format!("{through}/store");
    let extra: Vec<String> = extra.iter().map(|a| a.replace("PROXY", &through)).collect();
    args.extend(["--endpoint", &endpoint]);
    args.extend(extra.iter().map(String::as_str));
    let line = wangluo(&args).error_line();
    let restarted: Server = oxigraph_server_in(server.into_store(), port);
    let held = graph_objects(&restarted.base);
    (line, held)
}

#[test]
fn a_store_killed_mid_upload_keeps_the_graph_when_replaced_through_move() {
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
    // Without --update-endpoint the PUT goes to the graph itself. Oxigraph server reads the
    // whole body before it touches the graph, so a cut PUT leaves it as it was; stores that
    // write as they read (Virtuoso) may not (`publish --help` says so).
    let (line, held) = publish_and_kill(&[]);
    assert!(line.contains("/store?graph=https%3A%2F%2Fw3id.org%2Fwangluo%2Fgraph%2Frathor-2024: the connection was lost"), "{line}");
    assert_eq!(held, ["before", "still here"], "after: {line}");
}
