//! `wangluo load URL`: RDF fetched over HTTP from a server the test runs on a free loopback port
//! (`util::serve`), loaded like a local file; and every way a download fails — refused
//! connection, timeout, 404, a response that is not RDF or does not parse, an oversized body, a
//! redirect loop, too many redirects, a scheme other than http(s) — each one line naming the URL
//! and the cause, exit 2, the store unchanged (also the local file loaded along with the URL).

use crate::util::{http_response, serve, utf8, Fixture, TEXT, TOML};
use std::io::Write;
use std::net::TcpStream;
use std::time::{Duration, Instant};

const PEOPLE: &str = "@prefix ex: <http://example.org/> .\n\
<> ex:about <alice> .\n<alice> ex:name \"Alice\" ; ex:knows <#bob> .\n";

fn send(stream: &mut TcpStream, response: &[u8]) {
    // The client may hang up first (a refused body): what it saw is what the test checks.
    let _ = stream.write_all(response);
}

/// A store holding one small local file, and a second local file to load with the URL.
fn fixture_with_store() -> (Fixture, std::path::PathBuf) {
    let fixture = Fixture::new();
    let first = fixture.write(
        "first.nt",
        "<http://example.org/x> <http://example.org/y> \"1\" .\n",
    );
    fixture.load(&[&first]).ok();
    let second = fixture.write(
        "second.nt",
        "<http://example.org/x> <http://example.org/y> \"2\" .\n",
    );
    (fixture, second)
}

/// Loads `url` (and a good local file) with `extra` options into a store; the load must fail
/// with one line that starts with the URL and contains `fragments`, and leave the store as it
/// was. Returns the line.
#[track_caller]
fn assert_refused(url: &str, extra: &[&str], fragments: &[&str]) -> String {
    let (fixture, second) = fixture_with_store();
    let before = fixture.snapshot();
    let mut args = vec!["load", utf8(&second), url];
    args.extend_from_slice(extra);
    let run = fixture.at(&args);
    let line = run.error_line();
    assert!(
        line.starts_with(&format!("wangluo: error: {url}")),
        "the line does not start with the URL {url}: {line}"
    );
    for fragment in fragments {
        assert!(line.contains(fragment), "`{fragment}` not in: {line}");
    }
    assert_eq!(fixture.snapshot(), before, "the store changed");
    line
}

#[test]
fn a_url_loads_like_a_file_with_its_url_as_base_and_a_graph_named_after_it() {
    let (root, requests) = serve(|path, stream| match path {
        "/data/people.ttl" => send(
            stream,
            &http_response(
                "200 OK",
                &["Content-Type: text/turtle; charset=utf-8"],
                PEOPLE.as_bytes(),
            ),
        ),
        _ => send(stream, &http_response("404 Not Found", &[], b"")),
    });
    let url = format!("{root}/data/people.ttl");
    let port = root.rsplit(':').next().unwrap();
    let graph = format!("https://w3id.org/wangluo/graph/url/127.0.0.1-{port}-data-people");
    let fixture = Fixture::new();
    let run = fixture.at(&["load", &url]).ok();
    assert!(
        run.stdout
            .contains(&format!("     3 triples  <{graph}>  from {url}")),
        "{run:#?}"
    );
    let accept = requests.lock().unwrap()[0].to_lowercase();
    for media_type in [
        "text/turtle",
        "application/n-triples",
        "application/n-quads",
        "application/trig",
        "application/rdf+xml",
        "application/ld+json",
    ] {
        assert!(
            accept.contains(media_type),
            "Accept lacks {media_type}: {accept}"
        );
    }
    assert!(accept.contains(";q=0."), "no q-values: {accept}");

    let rows = fixture.query_csv(&format!(
        "SELECT ?s ?o WHERE {{ GRAPH <{graph}> {{ ?s <http://example.org/knows> ?o }} }}"
    ));
    assert_eq!(
        rows.csv_rows(),
        [format!("{root}/data/alice,{url}#bob").as_str()],
        "relative IRIs resolve against the URL"
    );
    // Loading it again replaces its graph.
    fixture.at(&["load", &url]).ok();
    assert_eq!(
        fixture
            .query_csv(
                "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s <http://example.org/name> ?o } }"
            )
            .csv_rows(),
        ["1"]
    );
}

#[test]
fn redirects_are_followed_and_the_final_url_is_the_base() {
    let (root, _) = serve(|path, stream| match path {
        "/latest" => send(
            stream,
            &http_response("301 Moved Permanently", &["Location: /v2/people"], b""),
        ),
        // A generic media type: the extension decides (here none), then the type itself: JSON-LD.
        "/v2/people" => send(
            stream,
            &http_response(
                "200 OK",
                &["Content-Type: application/ld+json"],
                br#"{"@id": "", "http://example.org/about": {"@id": "alice"}}"#,
            ),
        ),
        _ => send(stream, &http_response("404 Not Found", &[], b"")),
    });
    let fixture = Fixture::new();
    fixture.at(&["load", &format!("{root}/latest")]).ok();
    let rows =
        fixture.query_csv("SELECT ?s ?o WHERE { GRAPH ?g { ?s <http://example.org/about> ?o } }");
    assert_eq!(
        rows.csv_rows(),
        [format!("{root}/v2/people,{root}/v2/alice").as_str()]
    );
}

#[test]
fn a_generic_content_type_leaves_the_format_to_the_extension() {
    let (root, _) = serve(|_, stream| {
        send(
            stream,
            &http_response("200 OK", &["Content-Type: text/plain"], PEOPLE.as_bytes()),
        )
    });
    let fixture = Fixture::new();
    fixture.at(&["load", &format!("{root}/people.ttl")]).ok();
    let line = assert_refused(
        &format!("{root}/people"),
        &[],
        &["not RDF: Content-Type `text/plain` and no RDF extension in the path"],
    );
    assert!(line.contains("turtle, trig"), "{line}");
}

#[test]
fn a_refused_connection_is_one_line() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    assert_refused(
        &format!("http://127.0.0.1:{port}/data.ttl"),
        &[],
        &["cannot connect", "refused"],
    );
}

#[test]
fn a_server_slower_than_the_timeout_is_one_line() {
    let (root, _) = serve(|_, stream| {
        std::thread::sleep(Duration::from_secs(6));
        send(
            stream,
            &http_response("200 OK", &["Content-Type: text/turtle"], PEOPLE.as_bytes()),
        );
    });
    let start = Instant::now();
    assert_refused(
        &format!("{root}/slow.ttl"),
        &["--timeout", "1"],
        &["no complete answer within 1 s"],
    );
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "the timeout did not stop the download"
    );
}

#[test]
fn a_404_names_the_status_and_the_servers_message() {
    let (root, _) = serve(|_, stream| {
        send(
            stream,
            &http_response(
                "404 Not Found",
                &["Content-Type: text/html"],
                b"<html><head><title>No dataset `people`</title></head>\n<body><h1>No dataset `people`</h1><p>Try /datasets for the list.</p></body></html>",
            ),
        )
    });
    assert_refused(
        &format!("{root}/people.ttl"),
        &[],
        &["HTTP 404 Not Found: No dataset `people`"],
    );
}

#[test]
fn html_is_not_rdf() {
    let (root, _) = serve(|_, stream| {
        send(
            stream,
            &http_response("200 OK", &["Content-Type: text/html"], b"<html></html>"),
        )
    });
    // The Content-Type wins over an extension that promises RDF.
    assert_refused(
        &format!("{root}/data.ttl"),
        &[],
        &["not RDF: Content-Type `text/html` (expected one of"],
    );
}

#[test]
fn a_syntax_error_names_the_url_line_and_column() {
    let (root, _) = serve(|_, stream| {
        send(
            stream,
            &http_response(
                "200 OK",
                &["Content-Type: text/turtle"],
                b"<a> <b> <c> .\n<a> <b> .\n",
            ),
        )
    });
    let url = format!("{root}/broken.ttl");
    assert_refused(&url, &[], &[&format!("{url}:2:")]);
}

#[test]
fn a_body_over_max_bytes_is_refused_while_it_streams() {
    // No Content-Length: the size is known only by reading, and the server would send 1 GiB.
    let (root, _) = serve(|_, stream| {
        let head =
            "HTTP/1.1 200 OK\r\nContent-Type: application/n-triples\r\nConnection: close\r\n\r\n";
        if stream.write_all(head.as_bytes()).is_err() {
            return;
        }
        let line =
            "<http://example.org/s> <http://example.org/p> \"a line of padding\" .\n".repeat(1000);
        for _ in 0..(1 << 30) / line.len() {
            if stream.write_all(line.as_bytes()).is_err() {
                return;
            }
        }
    });
    let start = Instant::now();
    assert_refused(
        &format!("{root}/huge.nt"),
        &["--max-bytes", "100000"],
        &["larger than --max-bytes 100000 bytes"],
    );
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "the whole body was read"
    );
    // A declared length over the limit is refused before the body is read.
    let (root, _) = serve(|_, stream| {
        send(
            stream,
            b"HTTP/1.1 200 OK\r\nContent-Type: text/turtle\r\nContent-Length: 999999999\r\n\r\n",
        );
    });
    assert_refused(
        &format!("{root}/declared.ttl"),
        &["--max-bytes", "1000"],
        &["larger than --max-bytes 1000 bytes"],
    );
}

#[test]
fn a_redirect_loop_and_endless_redirects_are_refused() {
    let (root, _) = serve(|path, stream| {
        let location = match path {
            "/a" => "/b".to_owned(),
            "/b" => "/a".to_owned(),
            hop => format!("{hop}x"),
        };
        send(
            stream,
            &http_response("302 Found", &[&format!("Location: {location}")], b""),
        );
    });
    assert_refused(
        &format!("{root}/a"),
        &[],
        &["redirect loop", &format!("{root}/a")],
    );
    assert_refused(&format!("{root}/hop"), &[], &["more than 5 redirects"]);
}

#[test]
fn other_schemes_are_refused_with_a_pointer_to_paths() {
    let (fixture, _) = fixture_with_store();
    let local = fixture.write("local.ttl", PEOPLE);
    let file_url = format!("file://{}", utf8(&local));
    for url in [file_url.as_str(), "ftp://example.org/data.ttl"] {
        assert_refused(
            url,
            &[],
            &["only http and https URLs are fetched; give a local file as a path"],
        );
    }
}

#[test]
fn an_annotation_url_is_read_with_its_text_relative_to_it() {
    let (root, requests) = serve(|path, stream| match path {
        "/corpus/rathor-2024.toml" => send(
            stream,
            &http_response(
                "200 OK",
                &["Content-Type: application/toml"],
                TOML.as_bytes(),
            ),
        ),
        "/corpus/rathor-2024.txt" => send(
            stream,
            &http_response("200 OK", &["Content-Type: text/plain"], TEXT.as_bytes()),
        ),
        _ => send(
            stream,
            &http_response("404 Not Found", &[], b"no such file"),
        ),
    });
    let remote = Fixture::new();
    let url = format!("{root}/corpus/rathor-2024.toml");
    let fetched = remote.at(&["load", &url]).ok();
    let local = Fixture::new();
    let read = local.load(&[&local.toml()]).ok();
    let graphs = |run: &crate::util::Run| -> Vec<String> {
        run.stdout
            .lines()
            .filter(|l| l.contains("triples  <"))
            .map(|l| l.split("  from ").next().unwrap().to_owned())
            .collect()
    };
    assert_eq!(graphs(&fetched), graphs(&read), "{fetched:#?}");
    assert!(
        fetched.stdout.contains(&format!("from {url}")),
        "{fetched:#?}"
    );
    assert_eq!(remote.snapshot(), local.snapshot());
    let paths: Vec<String> = requests
        .lock()
        .unwrap()
        .iter()
        .map(|r| r.split(' ').nth(1).unwrap().to_owned())
        .collect();
    assert_eq!(
        paths,
        ["/corpus/rathor-2024.toml", "/corpus/rathor-2024.txt"]
    );

    // The text missing: one line naming the text's URL, nothing loaded.
    let missing = TOML.replacen(r#"text = "rathor-2024.txt""#, r#"text = "gone.txt""#, 1);
    let (root, _) = serve(move |path, stream| match path {
        "/doc.toml" => send(stream, &http_response("200 OK", &[], missing.as_bytes())),
        _ => send(
            stream,
            &http_response("404 Not Found", &[], b"no such file"),
        ),
    });
    let (fixture, _) = fixture_with_store();
    let before = fixture.snapshot();
    let line = fixture
        .at(&["load", &format!("{root}/doc.toml")])
        .error_line();
    assert_eq!(
        line,
        format!("wangluo: error: {root}/gone.txt: cannot read: HTTP 404 Not Found: no such file")
    );
    assert_eq!(fixture.snapshot(), before);

    // A remote annotation cannot make wangluo read a local file.
    let local_text = TOML.replacen(
        r#"text = "rathor-2024.txt""#,
        r#"text = "/etc/hostname""#,
        1,
    );
    let (root, _) =
        serve(move |_, stream| send(stream, &http_response("200 OK", &[], local_text.as_bytes())));
    let line = fixture
        .at(&["load", &format!("{root}/doc.toml")])
        .error_line();
    assert!(
        line.starts_with("wangluo: error: /etc/hostname: cannot read: not a URL"),
        "{line}"
    );
    assert_eq!(fixture.snapshot(), before);
}

#[test]
fn credentials_from_a_file_go_with_the_request_and_a_401_is_one_line() {
    let (root, requests) = serve(|path, stream| match path {
        "/private.ttl" => send(
            stream,
            &http_response("200 OK", &["Content-Type: text/turtle"], PEOPLE.as_bytes()),
        ),
        _ => send(
            stream,
            &http_response(
                "401 Unauthorized",
                &[
                    "WWW-Authenticate: Basic realm=\"kg\"",
                    "Content-Type: text/plain",
                ],
                b"who are you?",
            ),
        ),
    });
    let fixture = Fixture::new();
    let credentials = fixture.write(
        "credentials.toml",
        "user = \"ann\"\npassword = \"s3cret\"\n",
    );
    let url = format!("{root}/private.ttl");
    fixture
        .at(&["load", &url, "--credentials", utf8(&credentials)])
        .ok();
    let heads = requests
        .lock()
        .expect("requests")
        .join("\n")
        .to_ascii_lowercase();
    // "ann:s3cret" in Base64.
    assert!(
        heads.contains("authorization: basic yw5uonmzy3jlda=="),
        "{heads}"
    );
    let line = assert_refused(
        &format!("{root}/closed.ttl"),
        &["--credentials", utf8(&credentials)],
        &["HTTP 401 Unauthorized: who are you?"],
    );
    assert!(!line.contains("s3cret"), "{line}");
    let broken = fixture.write("broken.toml", "user = \"ann\"\npassword = s3cret\n");
    let line = fixture
        .at(&["load", &url, "--credentials", utf8(&broken)])
        .error_line();
    assert!(line.ends_with("broken.toml:2:12: not a credentials file (TOML with `user` and `password`, or `token`)"), "{line}");
}
