//! `publish` and `query --endpoint` against a store that misbehaves, played by a server the test
//! runs on a free loopback port: every fault is one line naming the URL and the cause, exit 2,
//! and nothing secret in it. (The real stores are in tests/interop/remote.rs.)

use crate::util::{http_response, wangluo, Run};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// A server that reads each whole request (head and body) and answers what `respond` gives for
/// its request line; returns its root URL and the number of requests it has seen.
fn store(respond: impl Fn(&str) -> Vec<u8> + Send + 'static) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    let root = format!("http://{}", listener.local_addr().expect("address"));
    let seen = Arc::new(AtomicUsize::new(0));
    let count = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let mut reader = BufReader::new(stream);
            let mut request_line = String::new();
            let _ = reader.read_line(&mut request_line);
            let mut length = 0;
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                    break;
                }
                if let Some((name, value)) = header.split_once(':') {
                    if name.eq_ignore_ascii_case("content-length") {
                        length = value.trim().parse().unwrap_or(0);
                    }
                }
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            count.fetch_add(1, Ordering::SeqCst);
            let answer = respond(request_line.trim_end());
            let _ = reader.get_mut().write_all(&answer);
        }
    });
    (root, seen)
}

fn answer(status: &str, body: &str) -> Vec<u8> {
    http_response(status, &["Content-Type: text/html"], body.as_bytes())
}

fn publish(root: &str, extra: &[&str]) -> Run {
    let endpoint = format!("{root}/store");
    let mut args = vec!["publish", "--endpoint", &endpoint];
    args.extend_from_slice(extra);
    wangluo(&args)
}

/// The graph published first (graphs go in IRI order: the op-ed's curation graph, then the
/// ontology's).
const FIRST_GRAPH: &str =
    "/store?graph=https%3A%2F%2Fw3id.org%2Fwangluo%2Fgraph%2Fcuration%2Frathor-2024";

#[test]
fn a_5xx_is_retried_then_reported_with_the_servers_message() {
    let (root, seen) = store(|_| {
        answer(
            "503 Service Unavailable",
            "<h1>Busy</h1><p>loading a dump</p>",
        )
    });
    let line = publish(&root, &["--retries", "2"]).error_line();
    assert_eq!(
        line,
        format!(
            "wangluo: error: {root}{FIRST_GRAPH}: server error 503 after 3 attempts: Busy loading a dump"
        )
    );
    assert_eq!(seen.load(Ordering::SeqCst), 3);
}

#[test]
fn refusals_name_the_status_and_what_to_do() {
    let (root, seen) = store(|line| {
        match line.split(' ').nth(1).unwrap_or("") {
        "/forbidden/store"
        | "/forbidden/store?graph=https%3A%2F%2Fw3id.org%2Fwangluo%2Fgraph%2Fcuration%2Frathor-2024" => {
            answer("403 Forbidden", "no")
        }
        path if path.starts_with("/typed/") => answer(
            "415 Unsupported Media Type",
            "<html><body>Only Turtle here</body></html>",
        ),
        _ => answer("404 Not Found", "<title>No repository `kg`</title>"),
    }
    });
    let forbidden = publish(&format!("{root}/forbidden"), &[]).error_line();
    assert!(
        forbidden.ends_with("403: not authorized (give credentials: --credentials FILE, or WANGLUO_USER and WANGLUO_PASSWORD, or WANGLUO_TOKEN)"),
        "{forbidden}"
    );
    let typed = publish(&format!("{root}/typed"), &[]).error_line();
    assert!(
        typed.ends_with(
            "415 the server refuses the media type application/n-triples: Only Turtle here"
        ),
        "{typed}"
    );
    let missing = publish(&root, &[]).error_line();
    assert!(
        missing.ends_with("404 not found: No repository `kg`"),
        "{missing}"
    );
    // A 4xx is not retried.
    assert_eq!(seen.load(Ordering::SeqCst), 3);
}

#[test]
fn an_answer_that_is_not_sparql_results_is_one_line() {
    let (root, _) = store(|_| answer("200 OK", "<html>a login page</html>"));
    let endpoint = format!("{root}/sparql");
    let line = wangluo(&["query", "timeline", "--endpoint", &endpoint]).error_line();
    assert!(
        line.starts_with(&format!("wangluo: error: {endpoint}")),
        "{line}"
    );
    assert!(
        line.contains("the response is not SPARQL results"),
        "{line}"
    );
    assert!(line.contains("text/html"), "{line}");
}

#[test]
fn a_store_that_never_answers_times_out() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let root = format!("http://{}", listener.local_addr().expect("address"));
    // Connections are accepted (by the backlog) and never answered.
    let line = publish(&root, &["--timeout", "1", "--retries", "0"]).error_line();
    assert!(line.ends_with("no answer within 1 s (--timeout)"), "{line}");
    drop(listener);
}
