//! `wangluo publish` and `wangluo query --endpoint` against two real stores started on free
//! loopback ports: an Oxigraph server (PyPI `oxigraph`, in .venv) and a throw-away Virtuoso
//! (`virtuoso_server.py`). What the stores hold is compared with the local graph, quad by quad
//! and query by query. Also: SERVICE in a local query opens no connection.

use crate::agree::assert_every_query_agrees;
use crate::servers::{free_port, oxigraph_server, virtuoso_server, Server};
use crate::tools::{found, Need, VIRTUOSO};
use crate::util::{wangluo, wangluo_in, Run};
use std::net::TcpListener;
use std::process::Command;

pub(crate) const ONTOLOGY: &str = "https://w3id.org/wangluo/graph/ontology";
pub(crate) const OPED: &str = "https://w3id.org/wangluo/graph/rathor-2024";
/// What the loader derives from the op-ed's claims (closures), apart from what the text states.
pub(crate) const OPED_CURATION: &str = "https://w3id.org/wangluo/graph/curation/rathor-2024";

/// The local graph as N-Quads lines with blank nodes as the skolem IRIs `publish` sends.
fn local_skolemized_quads(graph: Option<&str>) -> Vec<String> {
    let export = wangluo(&["export", "--format", "nquads"]).ok();
    let mut lines: Vec<String> = export
        .stdout
        .lines()
        .filter(|l| graph.is_none_or(|g| l.ends_with(&format!("<{g}> ."))))
        .map(skolem_text)
        .collect();
    lines.sort();
    lines
}

fn skolem_text(line: &str) -> String {
    // `_:c14nN` (canonical labels) outside literals: the export's blank nodes.
    let mut out = String::new();
    for (i, part) in line.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        match part.strip_prefix("_:") {
            Some(label) if label.starts_with("c14n") && !line.starts_with('"') => out.push_str(
                &format!("<https://w3id.org/wangluo/.well-known/genid/{label}>"),
            ),
            _ => out.push_str(part),
        }
    }
    out
}

/// Every quad an Oxigraph server holds, as sorted N-Quads lines.
fn oxigraph_quads(server: &Server) -> Vec<String> {
    let body = reqwest::blocking::Client::new()
        .get(format!("{}/store", server.base))
        .header("Accept", "application/n-quads")
        .send()
        .and_then(|r| r.error_for_status())
        .and_then(|r| r.text())
        .expect("GET /store");
    let mut lines: Vec<String> = body.lines().map(str::to_owned).collect();
    lines.sort();
    lines
}

fn publish(args: &[&str]) -> Run {
    let mut all = vec!["publish"];
    all.extend_from_slice(args);
    wangluo(&all)
}

#[test]
fn publish_to_an_oxigraph_server_and_query_it() {
    if !found(&[Need::Venv("oxigraph")]) {
        return;
    }
    let server = oxigraph_server();
    let store = format!("{}/store", server.base);
    // One graph: the store then holds that graph only.
    let one = publish(&["--endpoint", &store, "--graph", ONTOLOGY]).ok();
    assert!(
        one.stdout.contains(&format!(
            "published 1 graph, {} triples",
            local_skolemized_quads(Some(ONTOLOGY)).len()
        )),
        "{one:#?}"
    );
    assert_eq!(
        oxigraph_quads(&server),
        local_skolemized_quads(Some(ONTOLOGY))
    );
    // Every graph, counted through the query endpoint the preset implies.
    let all = publish(&["--endpoint", &store, "--store-preset", "oxigraph"]).ok();
    assert!(
        all.stdout.contains(&format!(
            "{OPED}: sent {n}, stored {n}",
            n = local_skolemized_quads(Some(OPED)).len()
        )),
        "{all:#?}"
    );
    assert!(
        all.stdout.contains(&format!(
            "published 3 graphs, {} triples",
            local_skolemized_quads(None).len()
        )),
        "{all:#?}"
    );
    let expected = local_skolemized_quads(None);
    assert_eq!(oxigraph_quads(&server), expected);
    // Replace again, through a temporary graph and MOVE, then append: never a duplicate.
    let update = format!("{}/update", server.base);
    publish(&["--endpoint", &store, "--update-endpoint", &update]).ok();
    assert_eq!(oxigraph_quads(&server), expected);
    publish(&["--endpoint", &store, "--append", "--graph", OPED]).ok();
    assert_eq!(oxigraph_quads(&server), expected);
    let compared = assert_every_query_agrees(
        &format!("{}/query", server.base),
        &[ONTOLOGY, OPED, OPED_CURATION],
    );
    println!("{compared} bundled queries agree on the Oxigraph server");
}

#[test]
fn blank_nodes_split_across_graphs_stay_one_node() {
    if !found(&[Need::Venv("oxigraph")]) {
        return;
    }
    let server = oxigraph_server();
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("shared.nq"),
        "_:b <http://example.org/p> \"x\" <http://example.org/g1> .\n\
         <http://example.org/s> <http://example.org/q> _:b <http://example.org/g2> .\n",
    )
    .expect("write");
    wangluo_in(dir.path(), &["--store", "kg", "load", "shared.nq"]).ok();
    let store = format!("{}/store", server.base);
    wangluo_in(
        dir.path(),
        &[
            "--store",
            "kg",
            "publish",
            "--endpoint",
            &store,
            "--graph",
            "http://example.org/g1",
            "--graph",
            "http://example.org/g2",
        ],
    )
    .ok();
    let joined = wangluo(&[
        "query",
        "--format",
        "csv",
        "--endpoint",
        &format!("{}/query", server.base),
        "--sparql",
        "SELECT ?b WHERE { GRAPH <http://example.org/g1> { ?b ?p \"x\" } \
         GRAPH <http://example.org/g2> { ?s ?q ?b } }",
    ])
    .ok();
    assert_eq!(
        joined.csv_rows(),
        ["https://w3id.org/wangluo/.well-known/genid/c14n0"],
        "{joined:#?}"
    );
}

#[test]
fn publish_to_virtuoso_and_query_it() {
    if !found(&VIRTUOSO) {
        return;
    }
    let server = virtuoso_server();
    let crud = format!("{}/sparql-graph-crud", server.base);
    let sparql = format!("{}/sparql", server.base);
    let all = publish(&["--endpoint", &crud, "--store-preset", "virtuoso"]).ok();
    assert!(
        all.stdout.contains(&format!(
            "published 3 graphs, {} triples",
            local_skolemized_quads(None).len()
        )),
        "{all:#?}"
    );
    // Replace (through MOVE) and append: the counts stay those of the local graph.
    let again = publish(&[
        "--endpoint",
        &crud,
        "--update-endpoint",
        &sparql,
        "--query-endpoint",
        &sparql,
    ])
    .ok();
    assert!(
        again.stdout.contains(&format!(
            "{OPED}: sent {n}, stored {n}",
            n = local_skolemized_quads(Some(OPED)).len()
        )),
        "{again:#?}"
    );
    publish(&[
        "--endpoint",
        &crud,
        "--append",
        "--graph",
        ONTOLOGY,
        "--store-preset",
        "virtuoso",
    ])
    .ok();
    let compared = assert_every_query_agrees(&sparql, &[ONTOLOGY, OPED, OPED_CURATION]);
    println!("{compared} bundled queries agree on Virtuoso");
    // The Digest-authenticated endpoint with a wrong password: one line, no password in it.
    let wrong = Command::new(env!("CARGO_BIN_EXE_wangluo"))
        .args([
            "publish",
            "--endpoint",
            &format!("{}/sparql-graph-crud-auth", server.base),
        ])
        .env("WANGLUO_USER", "dba")
        .env("WANGLUO_PASSWORD", "not-the-password")
        .output()
        .expect("run wangluo");
    let stderr = String::from_utf8_lossy(&wrong.stderr);
    assert_eq!(wrong.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("sparql-graph-crud-auth") && stderr.contains("401"),
        "{stderr}"
    );
    assert!(!stderr.contains("not-the-password"), "{stderr}");
    // The right password, from a credentials file: answered as Digest, for the upload and for
    // the MOVE through the authenticated SPARQL endpoint.
    let dir = tempfile::tempdir().expect("temp dir");
    let credentials = dir.path().join("virtuoso.toml");
    std::fs::write(&credentials, "user = \"dba\"\npassword = \"dba\"\n").expect("write");
    let right = Command::new(env!("CARGO_BIN_EXE_wangluo"))
        .args(["publish", "--graph", OPED, "--endpoint"])
        .arg(format!("{}/sparql-graph-crud-auth", server.base))
        .arg("--update-endpoint")
        .arg(format!("{}/sparql-auth", server.base))
        .arg("--query-endpoint")
        .arg(&sparql)
        .env("WANGLUO_CREDENTIALS", &credentials)
        .output()
        .expect("run wangluo");
    let stdout = String::from_utf8_lossy(&right.stdout);
    assert!(right.status.success(), "{right:?}");
    assert!(
        stdout.contains(&format!(
            "{OPED}: sent {n}, stored {n}",
            n = local_skolemized_quads(Some(OPED)).len()
        )),
        "{stdout}"
    );
}

#[test]
fn an_unreachable_store_is_one_line_and_exit_2() {
    if !found(&[]) {
        return;
    }
    let port = free_port();
    let run = publish(&[
        "--endpoint",
        &format!("http://127.0.0.1:{port}/store"),
        "--retries",
        "1",
    ]);
    let line = run.error_line();
    assert!(
        line.contains(&format!("127.0.0.1:{port}")) && line.contains("connection refused"),
        "{line}"
    );
    let run = wangluo(&["query", "timeline", "--endpoint", "file:///etc/passwd"]);
    assert!(run.error_line().contains("not an http:// or https:// URL"));
}

#[test]
fn service_in_a_local_query_reaches_no_network() {
    if !found(&[]) {
        return;
    }
    let listener = TcpListener::bind("127.0.0.1:0").expect("listen");
    listener.set_nonblocking(true).expect("non-blocking");
    let port = listener.local_addr().expect("address").port();
    let sparql =
        format!("SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}");
    let run = wangluo(&["query", "--sparql", &sparql]);
    let line = run.error_line();
    assert!(line.contains("--allow-service"), "{line}");
    assert!(
        matches!(listener.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
        "a connection reached port {port}"
    );
}
