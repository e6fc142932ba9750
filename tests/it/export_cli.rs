//! Exports on the command line: bad, remote and unreachable JSON-LD contexts fail cleanly (and
//! nothing is fetched without permission); options valid for one format only; `hash` and the
//! canonical export agree; `convert` translates formats and refuses bad input cleanly.

use crate::exports::{merged, BUNDLED_HASH};
use crate::util::{parse_rdf, utf8, wangluo, wangluo_with_stdin};
use oxigraph::io::RdfFormat;
use std::io::{Read, Write};
use std::net::TcpListener;
use wangluo::rdf::canonical::isomorphic;
use wangluo::util::hash::sha256_hex;

/// A local port that refuses connections, and a listener that records whether anyone
/// connected to it.
fn silent_listener() -> (TcpListener, String) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let url = format!("http://{}/context.jsonld", listener.local_addr().unwrap());
    (listener, url)
}

fn nobody_connected(listener: &TcpListener) -> bool {
    matches!(listener.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock)
}

#[test]
fn remote_contexts_are_not_fetched_without_permission() {
    let dir = tempfile::tempdir().unwrap();
    let (listener, url) = silent_listener();
    let out = dir.path().join("out.jsonld");
    // --context URL
    let line = wangluo(&[
        "export",
        "--format",
        "jsonld",
        "--context",
        &url,
        "-o",
        utf8(&out),
    ])
    .error_line();
    assert!(
        line.contains(&url) && line.contains("--allow-remote-context"),
        "{line}"
    );
    // A remote @context inside a local context file.
    let file = dir.path().join("context.jsonld");
    std::fs::write(
        &file,
        format!(r#"{{"@context": ["{url}", {{"ex": "http://example.org/"}}]}}"#),
    )
    .unwrap();
    let line = wangluo(&[
        "export",
        "--format",
        "jsonld",
        "--context",
        utf8(&file),
        "-o",
        utf8(&out),
    ])
    .error_line();
    assert!(
        line.starts_with(&format!("wangluo: error: {}", file.display())),
        "{line}"
    );
    assert!(
        line.contains(&url) && line.contains("--allow-remote-context"),
        "{line}"
    );
    assert!(!out.exists(), "an output file was written");
    assert!(nobody_connected(&listener), "the context was fetched");
}

/// Serves `body` once as application/ld+json on a local port; returns its URL.
fn serve_once(body: &'static str) -> (String, std::thread::JoinHandle<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/ctx.jsonld", listener.local_addr().unwrap());
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut request = Vec::new();
        let mut buffer = [0u8; 1024];
        while !request.ends_with(b"\r\n\r\n") {
            let n = stream.read(&mut buffer).unwrap();
            if n == 0 {
                break;
            }
            request.extend_from_slice(&buffer[..n]);
        }
        write!(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Type: application/ld+json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        String::from_utf8_lossy(&request).into_owned()
    });
    (url, server)
}

#[test]
fn a_remote_context_is_fetched_when_allowed_and_referred_to_by_url() {
    let (url, server) = serve_once(
        r#"{"@context": {"wl": "https://w3id.org/wangluo/ontology#", "Claim": "wl:Claim", "type": "@type"}}"#,
    );
    let run = wangluo(&[
        "export",
        "--format",
        "jsonld",
        "--graph",
        "https://w3id.org/wangluo/graph/rathor-2024",
        "--allow-remote-context",
        "--context",
        &url,
    ])
    .ok();
    let request = server.join().unwrap();
    assert!(request.starts_with("GET /ctx.jsonld"), "{request}");
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["@context"], serde_json::Value::String(url));
    assert!(run.stdout.contains(r#""type": "Claim""#));
}

#[test]
fn an_unreachable_context_fails_and_leaves_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jsonld");
    std::fs::write(&out, "old").unwrap();
    let url = {
        let (listener, url) = silent_listener();
        drop(listener);
        url
    };
    let line = wangluo(&[
        "export",
        "--format",
        "jsonld",
        "--allow-remote-context",
        "--context",
        &url,
        "-o",
        utf8(&out),
    ])
    .error_line();
    assert!(
        line.contains(&url) && line.contains("cannot fetch"),
        "{line}"
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
}

#[test]
fn bad_context_files_are_named_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "not-json.jsonld",
            "{\"@context\": {\n  \"a\": \"http://x/a\",\n}\n",
            ":3:1: not JSON",
        ),
        (
            "no-context.jsonld",
            "{\"a\": 1}\n",
            "not a JSON-LD context document",
        ),
        (
            "invalid.jsonld",
            "{\"@context\": {\n  \"a\": {\"@id\": \"http://x/a\", \"@type\": 5}\n}}\n",
            ":2:",
        ),
    ];
    for (name, text, expected) in cases {
        let file = dir.path().join(name);
        std::fs::write(&file, text).unwrap();
        let line =
            wangluo(&["export", "--format", "jsonld", "--context", utf8(&file)]).error_line();
        assert!(line.contains(&file.display().to_string()), "{line}");
        assert!(line.contains(expected), "{name}: {line}");
    }
    let line = wangluo(&[
        "export",
        "--format",
        "jsonld",
        "--context",
        "/nonexistent/context.jsonld",
    ])
    .error_line();
    assert!(line.contains("/nonexistent/context.jsonld: cannot read"));
}

#[test]
fn export_options_apply_only_where_they_mean_something() {
    for (args, expected) in [
        (
            vec!["--format", "turtle", "--canonical"],
            "--canonical: only with --format nquads",
        ),
        (
            vec!["--format", "trig", "--context", "c.jsonld"],
            "--context: only with --format jsonld",
        ),
        (
            vec![
                "--format",
                "jsonld",
                "--jsonld-form",
                "expanded",
                "--context",
                "c.jsonld",
            ],
            "--context: expanded JSON-LD has no context",
        ),
    ] {
        let mut all = vec!["export"];
        all.extend_from_slice(&args);
        assert!(wangluo(&all).error_line().contains(expected), "{args:?}");
    }
}

#[test]
fn hash_and_canonical_export_agree_on_the_command_line() {
    let hash = wangluo(&["hash"]).ok();
    assert_eq!(hash.stdout, format!("{BUNDLED_HASH}\n"));
    let canonical = wangluo(&["export", "--format", "nquads", "--canonical"]).ok();
    assert_eq!(sha256_hex(canonical.stdout.as_bytes()), BUNDLED_HASH);
    let graph = "https://w3id.org/wangluo/graph/rathor-2024";
    let one = wangluo(&["hash", "--graph", graph]).ok();
    assert_ne!(one.stdout.trim(), BUNDLED_HASH);
    let missing = wangluo(&["hash", "--graph", "https://example.org/none"]);
    assert!(missing.error_line().contains("no such graph"));
}

#[test]
fn convert_translates_formats_and_refuses_bad_input_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);
    let (kg_jsonld, kg_nq) = (path("kg.jsonld"), path("kg.nq"));
    // Export as compacted JSON-LD, convert to N-Quads: the same statements as the N-Quads export.
    wangluo(&["export", "--format", "jsonld", "-o", utf8(&kg_jsonld)]).ok();
    wangluo(&["convert", utf8(&kg_jsonld), utf8(&kg_nq)]).ok();
    let direct = wangluo(&["export", "--format", "nquads"]).ok();
    assert_eq!(std::fs::read_to_string(&kg_nq).unwrap(), direct.stdout);
    // To stdout with --to; from stdin with --from.
    let turtle = wangluo(&["convert", utf8(&kg_nq), "-", "--to", "ttl"]).ok();
    let back = wangluo_with_stdin(
        dir.path(),
        &["convert", "-", "-", "--from", "turtle", "--to", "nt"],
        turtle.stdout.as_bytes(),
    )
    .ok();
    assert!(isomorphic(
        &parse_rdf(back.stdout.as_bytes(), RdfFormat::NTriples),
        &merged(&parse_rdf(direct.stdout.as_bytes(), RdfFormat::NQuads))
    )
    .unwrap());
    // A parse error names file, line and column, and leaves the old output.
    let (broken, out) = (path("broken.ttl"), path("out.nt"));
    std::fs::write(
        &broken,
        "@prefix ex: <http://e/> .\nex:a ex:b \"unterminated .\n",
    )
    .unwrap();
    std::fs::write(&out, "old").unwrap();
    let line = wangluo(&["convert", utf8(&broken), utf8(&out)]).error_line();
    assert!(line.contains(&format!("{}:2:", broken.display())), "{line}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
    // Unknown formats list the valid ones.
    let line = wangluo(&["convert", utf8(&kg_nq), utf8(&path("out.xyz"))]).error_line();
    assert!(
        line.contains("unknown format") && line.contains("turtle, trig, ntriples"),
        "{line}"
    );
    let line = wangluo(&["convert", utf8(&kg_nq), "-", "--to", "bogus"]).error_line();
    assert!(line.contains("--to bogus: unknown format"));
}
