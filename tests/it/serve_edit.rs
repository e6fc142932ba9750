//! `wangluo serve --edit DIR` over HTTP, on a copy of the fixture corpus: a claim saved from the
//! reading view's form lands in the TOML file (comments kept, the quote's occurrence computed),
//! in the graph and on the pages; a claim the checks refuse leaves the file as it was, with the
//! reason beside the form; a save over a file changed since is refused and loses nothing; one
//! step of undo; edit and delete; saves refused from other origins, and beyond loopback without
//! the token.

use crate::util::{http_client, repo, run_program, utf8, ServeProcess};
use std::path::{Path, PathBuf};

/// A copy of `tests/fixtures/corpus` (with its `entities/`) in a temporary folder.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary directory");
    let from = repo().join("tests/fixtures/corpus");
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.expect("a fixture");
        let to = dir
            .path()
            .join(entry.path().strip_prefix(&from).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).expect("a folder");
        } else {
            std::fs::copy(entry.path(), &to).expect("a copy");
        }
    }
    dir
}

fn edit_server(dir: &Path) -> ServeProcess {
    ServeProcess::start(&[], &["--edit", utf8(dir)])
}

fn get(server: &ServeProcess, path: &str) -> (u16, String) {
    let response = http_client().get(server.url(path)).send().expect("GET");
    (response.status().as_u16(), response.text().expect("a body"))
}

/// The version (SHA-256 of the file) the page's form carries.
fn version(page: &str) -> String {
    let at = page
        .find("name=\"version\" value=\"")
        .expect("a version in the form")
        + 22;
    page[at..at + 64].to_owned()
}

/// `POST /edit/id/DOC` with `fields`: the status, the Location, the body.
fn post(server: &ServeProcess, doc: &str, fields: &[(&str, &str)]) -> (u16, String, String) {
    post_with(server, doc, fields, &[])
}

fn post_with(
    server: &ServeProcess,
    doc: &str,
    fields: &[(&str, &str)],
    headers: &[(&str, &str)],
) -> (u16, String, String) {
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    let mut request = http_client()
        .post(server.url(&format!("/edit/id/{doc}")))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().expect("POST");
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().expect("ASCII").to_owned())
        .unwrap_or_default();
    (
        response.status().as_u16(),
        location,
        response.text().expect("a body"),
    )
}

/// The character offsets of the `n`-th (1-based) occurrence of `words` in `text`.
fn offsets(text: &str, words: &str, n: usize) -> (String, String) {
    let byte = text
        .match_indices(words)
        .nth(n - 1)
        .expect("the words occur")
        .0;
    let start = text[..byte].chars().count();
    let end = start + words.chars().count();
    (start.to_string(), end.to_string())
}

/// The fields of a new claim of alpha quoting the `n`-th `words`.
fn claim<'a>(
    version: &'a str,
    span: &'a (String, String),
    label: &'a str,
    claimant: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("version", version),
        ("action", "claim"),
        ("start", &span.0),
        ("end", &span.1),
        ("label", label),
        ("claimant", claimant),
        ("subjects", "china"),
        ("perspective", "western"),
        ("characterization", "adversarial"),
    ]
}

fn alpha(dir: &Path) -> (PathBuf, String, String) {
    let toml = dir.join("alpha.toml");
    let source = std::fs::read_to_string(&toml).expect("alpha.toml");
    let text = std::fs::read_to_string(dir.join("alpha.txt")).expect("alpha.txt");
    (toml, source, text)
}

#[test]
fn a_claim_saved_from_the_form_is_in_the_file_the_graph_and_the_reading_view() {
    let dir = corpus();
    let (toml, before, text) = alpha(dir.path());
    let server = edit_server(dir.path());
    let (status, page) = get(&server, "/read/id/alpha");
    assert_eq!(status, 200);
    assert!(page.contains("id=\"edit-form\"") && page.contains("edit.js"));
    // "cyber" occurs twice: the second is saved with its occurrence.
    let span = offsets(&text, "cyber", 2);
    let v = version(&page);
    let fields = claim(&v, &span, "A strong cyber nation, said the ODNI.", "odni");
    let (status, location, _) = post(&server, "alpha", &fields);
    assert_eq!(status, 303);
    assert!(
        location.contains("/read/id/alpha?saved=claim&id=alpha-a-strong-cyber-nation-said-the"),
        "{location}"
    );
    let after = std::fs::read_to_string(&toml).unwrap();
    assert!(
        after.starts_with(&before),
        "the file is kept, comments and all"
    );
    let added = &after[before.len()..];
    assert!(added.contains("id = \"alpha-a-strong-cyber-nation-said-the\"\n"));
    assert!(added.contains("quotes = [{ exact = \"cyber\", occurrence = 2 }]"));
    assert!(added.contains("characterizations = [\"adversarial\"]"));
    // The file loads as `check` sees it; the graph and the pages have the claim.
    let check = run_program(
        crate::util::binary(),
        dir.path(),
        &[
            "check",
            "alpha.toml",
            "beta.toml",
            "delta.toml",
            "entities/actors.toml",
        ],
        None,
    );
    assert_eq!(check.code, Some(0), "{check:#?}");
    let id = "alpha-a-strong-cyber-nation-said-the";
    let (status, claim_page) = get(&server, &format!("/page/id/{id}"));
    assert_eq!(status, 200);
    assert!(claim_page.contains("A strong cyber nation, said the ODNI."));
    // Where the save sends the browser: a notice linking the claim.
    let path = location.strip_prefix(&server.root).expect("on this server");
    let (_, page) = get(&server, path.split('#').next().unwrap_or(path));
    let notice = &page[page.find("id=\"edit-saved\"").expect("a notice")..];
    assert!(notice.contains(&format!("href=\"{}/page/id/{id}\"", server.root)));
    // The served graph places its quote at the selection (the browser test sees the highlight).
    let (_, described) = get(&server, &format!("/data/id/alpha/quote/{id}/1.nt"));
    let start = format!("<http://www.w3.org/ns/oa#start> \"{}\"", span.0);
    assert!(described.contains(&start), "{described}");
    let (_, page) = get(&server, "/read/id/alpha");
    assert_ne!(version(&page), v, "the form carries the new version");
}

#[test]
fn a_claim_the_checks_refuse_is_shown_beside_the_form_and_the_file_is_unchanged() {
    let dir = corpus();
    let (toml, before, text) = alpha(dir.path());
    let server = edit_server(dir.path());
    let (_, page) = get(&server, "/read/id/alpha");
    let v = version(&page);
    let span = offsets(&text, "repeated its warning", 1);
    let fields = claim(&v, &span, "Kept in the form", "nobody-known");
    let (status, _, body) = post(&server, "alpha", &fields);
    assert_eq!(status, 422);
    let error = &body[body
        .find("id=\"edit-error\"")
        .expect("the error beside the form")..];
    assert!(error.contains("claimant: unknown reference `nobody-known`"));
    assert!(
        body.contains("value=\"Kept in the form\""),
        "the entry is shown again"
    );
    assert_eq!(std::fs::read_to_string(&toml).unwrap(), before);
    // Nothing selected; a claim other files refer to deleted: refused too.
    let none = [("version", v.as_str()), ("action", "claim"), ("label", "x")];
    let (status, _, body) = post(&server, "alpha", &none);
    assert_eq!(status, 422);
    assert!(body.contains("nothing is selected"));
    let delete = [
        ("version", v.as_str()),
        ("action", "delete"),
        ("claim", "alpha-china-adversary"),
    ];
    let (status, _, body) = post(&server, "alpha", &delete);
    assert_eq!(status, 422);
    assert!(
        body.contains("alpha-china-adversary"),
        "beta contrasts with it"
    );
    assert_eq!(std::fs::read_to_string(&toml).unwrap(), before);
}

#[test]
fn the_second_of_two_editors_is_told_to_reload_and_nothing_is_lost() {
    let dir = corpus();
    let (toml, _, text) = alpha(dir.path());
    let server = edit_server(dir.path());
    let (_, page) = get(&server, "/read/id/alpha");
    let opened = version(&page);
    let first = offsets(&text, "repeated its warning", 1);
    let second = offsets(&text, "a strong cyber nation", 1);
    let one = claim(&opened, &first, "First editor's claim", "odni");
    assert_eq!(post(&server, "alpha", &one).0, 303);
    let two = claim(&opened, &second, "Second editor's claim", "odni");
    let (status, _, body) = post(&server, "alpha", &two);
    assert_eq!(status, 409);
    assert!(body.contains("changed since this page was made"));
    assert!(body.contains("value=\"Second editor's claim\""));
    let saved = std::fs::read_to_string(&toml).unwrap();
    assert!(saved.contains("First editor's claim") && !saved.contains("Second editor's"));
    // The refusal's form carries the file as it is now: saving it again keeps both.
    let current = version(&body);
    let again = claim(&current, &second, "Second editor's claim", "odni");
    assert_eq!(post(&server, "alpha", &again).0, 303);
    let saved = std::fs::read_to_string(&toml).unwrap();
    assert!(saved.contains("First editor's claim") && saved.contains("Second editor's claim"));
}

#[test]
fn undo_takes_back_the_last_save_once_and_claims_are_edited_and_deleted() {
    let dir = corpus();
    let (toml, before, _) = alpha(dir.path());
    let server = edit_server(dir.path());
    let (_, page) = get(&server, "/read/id/alpha?claim=alpha-odni-repeats");
    assert!(page.contains("value=\"The ODNI repeated its warning.\""));
    let v = version(&page);
    let edit = [
        ("version", v.as_str()),
        ("action", "claim"),
        ("claim", "alpha-odni-repeats"),
        ("label", "The ODNI said it again."),
        ("claimant", "odni"),
        ("subjects", "china, odni"),
        ("perspective", "western"),
    ];
    assert_eq!(post(&server, "alpha", &edit).0, 303);
    let edited = std::fs::read_to_string(&toml).unwrap();
    assert!(edited.contains("label = \"The ODNI said it again.\""));
    assert!(edited.contains("subjects = [\"china\", \"odni\"]"));
    assert!(edited.contains("quotes = [\"The ODNI repeated its warning.\"]"));
    assert!(!edited.contains("characterizations = [\"adversarial\"]\nquotes = [\"The ODNI"));
    let (_, claim_page) = get(&server, "/page/id/alpha-odni-repeats");
    assert!(claim_page.contains("The ODNI said it again."));
    let (_, page) = get(&server, "/read/id/alpha");
    assert!(page.contains("id=\"undo-form\""));
    let undo = [("version", ""), ("action", "undo")];
    assert_eq!(post(&server, "alpha", &undo).0, 303);
    assert_eq!(std::fs::read_to_string(&toml).unwrap(), before);
    let (_, claim_page) = get(&server, "/page/id/alpha-odni-repeats");
    assert!(!claim_page.contains("The ODNI said it again."));
    assert_eq!(post(&server, "alpha", &undo).0, 409, "one step only");
    // Deleted: gone from the file and the site.
    let delete = [
        ("version", v.as_str()),
        ("action", "delete"),
        ("claim", "alpha-odni-repeats"),
    ];
    assert_eq!(post(&server, "alpha", &delete).0, 303);
    assert!(!std::fs::read_to_string(&toml)
        .unwrap()
        .contains("alpha-odni-repeats"));
    assert_eq!(get(&server, "/page/id/alpha-odni-repeats").0, 404);
}

#[test]
fn saves_from_another_origin_or_beyond_loopback_without_the_token_are_refused() {
    let dir = corpus();
    let (toml, before, text) = alpha(dir.path());
    let server = edit_server(dir.path());
    let (_, page) = get(&server, "/read/id/alpha");
    let v = version(&page);
    let span = offsets(&text, "repeated its warning", 1);
    let fields = claim(&v, &span, "From elsewhere", "odni");
    let origin = [("Origin", "https://elsewhere.example")];
    assert_eq!(post_with(&server, "alpha", &fields, &origin).0, 403);
    assert_eq!(std::fs::read_to_string(&toml).unwrap(), before);
    // Beyond loopback: refused to start without WANGLUO_TOKEN.
    let refused = std::process::Command::new(crate::util::binary())
        .args(["serve", "--edit", utf8(dir.path()), "--bind", "0.0.0.0:0"])
        .env_remove("WANGLUO_TOKEN")
        .output()
        .expect("run serve");
    assert_eq!(refused.status.code(), Some(2));
    let line = String::from_utf8_lossy(&refused.stderr);
    assert!(
        line.contains("not a loopback address") && line.contains("WANGLUO_TOKEN"),
        "{line}"
    );
    assert_eq!(line.lines().count(), 1);
}

#[test]
fn beyond_loopback_a_save_needs_the_token() {
    let dir = corpus();
    let (toml, before, text) = alpha(dir.path());
    let server = Guard(
        std::process::Command::new(crate::util::binary())
            .args(["serve", "--edit", utf8(dir.path()), "--bind", "0.0.0.0:0"])
            .env("WANGLUO_TOKEN", "s3cret")
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("start serve"),
    );
    let mut child = server;
    let mut line = String::new();
    let stdout = child.0.stdout.take().expect("stdout");
    std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line).expect("a line");
    let port = line
        .split("http://0.0.0.0:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no port in {line:?}"));
    let root = format!("http://127.0.0.1:{port}");
    let page = http_client()
        .get(format!("{root}/read/id/alpha"))
        .send()
        .and_then(|r| r.text())
        .expect("the reading view");
    let v = version(&page);
    let span = offsets(&text, "repeated its warning", 1);
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(claim(&v, &span, "With the token", "odni"))
        .finish();
    let send = |token: Option<&str>| {
        let mut request = http_client()
            .post(format!("{root}/edit/id/alpha"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body.clone());
        if let Some(token) = token {
            request = request.header("Authorization", format!("Bearer {token}"));
        }
        request.send().expect("POST").status().as_u16()
    };
    assert_eq!(send(None), 401);
    assert_eq!(send(Some("wrong")), 401);
    assert_eq!(std::fs::read_to_string(&toml).unwrap(), before);
    assert_eq!(send(Some("s3cret")), 303);
    assert!(std::fs::read_to_string(&toml)
        .unwrap()
        .contains("With the token"));
}

/// A child process killed when dropped.
struct Guard(std::process::Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn a_mention_a_new_entity_and_a_sentence_without_a_claim_are_saved_and_checked() {
    let dir = corpus();
    let (toml, _, text) = alpha(dir.path());
    let server = edit_server(dir.path());
    let page = |server: &ServeProcess| version(&get(server, "/read/id/alpha").1);
    // The selection linked to an entity this file declares: its quotes get it.
    let span = offsets(&text, "Director of National Intelligence", 1);
    let v = page(&server);
    let mention = [
        ("version", v.as_str()),
        ("action", "mention"),
        ("start", &span.0),
        ("end", &span.1),
        ("entity", "odni"),
    ];
    assert_eq!(post(&server, "alpha", &mention).0, 303);
    let saved = std::fs::read_to_string(&toml).unwrap();
    assert!(saved.contains(
        "quotes = [\"The Office of the Director of National Intelligence\", \"Director of National Intelligence\"]"
    ));
    // An entity of another file (entities/actors.toml) is declared again here, to extend it.
    let span = offsets(&text, "China", 1);
    let v = page(&server);
    let china = [
        ("version", v.as_str()),
        ("action", "mention"),
        ("start", &span.0),
        ("end", &span.1),
        ("entity", "china"),
    ];
    assert_eq!(post(&server, "alpha", &china).0, 303);
    let saved = std::fs::read_to_string(&toml).unwrap();
    assert!(
        saved.contains("[[entity]]\nid = \"china\"\ntype = \"State\"\nlabel = \"China\"\nquotes = [\"China\"]\n"),
        "{saved}"
    );
    // An entity the corpus does not know is refused before any check.
    let v = page(&server);
    let unknown = [
        ("version", v.as_str()),
        ("action", "mention"),
        ("start", &span.0),
        ("end", &span.1),
        ("entity", "no-such"),
    ];
    let (status, _, body) = post(&server, "alpha", &unknown);
    assert_eq!(status, 422);
    assert!(body.contains("no entity `no-such` in the corpus"));
    // A new entity named by the selection, with its page.
    let span = offsets(&text, "cyber adversary", 1);
    let entity = [
        ("version", v.as_str()),
        ("action", "entity"),
        ("start", &span.0),
        ("end", &span.1),
        ("entity_id", "cyber-adversary"),
        ("entity_type", "Concept"),
        ("entity_label", "cyber adversary"),
    ];
    assert_eq!(post(&server, "alpha", &entity).0, 303);
    assert!(std::fs::read_to_string(&toml)
        .unwrap()
        .contains("[[entity]]\nid = \"cyber-adversary\"\ntype = \"Concept\"\nlabel = \"cyber adversary\"\nquotes = [\"cyber adversary\"]\n"));
    assert_eq!(get(&server, "/page/id/cyber-adversary").0, 200);
    // A sentence that carries a claim cannot be marked as carrying none; once its claim is
    // deleted, it can.
    let sentence = offsets(&text, "The ODNI repeated its warning.", 1);
    let sentence = format!("{},{}", sentence.0, sentence.1);
    let v = page(&server);
    let mark = |v: &str| {
        vec![
            ("version".to_owned(), v.to_owned()),
            ("action".to_owned(), "no-claim".to_owned()),
            ("sentence".to_owned(), sentence.clone()),
            ("reason".to_owned(), "aside".to_owned()),
        ]
    };
    let fields = mark(&v);
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let (status, _, body) = post(&server, "alpha", &pairs);
    assert_eq!(status, 422);
    assert!(
        body.contains("carries claim `alpha-odni-repeats`"),
        "{body}"
    );
    let delete = [
        ("version", v.as_str()),
        ("action", "delete"),
        ("claim", "alpha-odni-repeats"),
    ];
    assert_eq!(post(&server, "alpha", &delete).0, 303);
    let fields = mark(&page(&server));
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(post(&server, "alpha", &pairs).0, 303);
    let saved = std::fs::read_to_string(&toml).unwrap();
    assert!(saved.contains(
        "no_claims = [{ exact = \"Cyber Power Revisited\", reason = \"title\" }, { exact = \"The ODNI repeated its warning.\", reason = \"aside\" }]"
    ), "{saved}");
    // The served graph says so of the sentence.
    let (_, described) = get(&server, "/data/id/alpha.nt");
    let reason = format!(
        "<https://w3id.org/wangluo/id/alpha#char={sentence}> <https://w3id.org/wangluo/ontology#noClaimReason> \"aside\""
    );
    assert!(described.contains(&reason), "{described}");
}
