//! Authoring (issue 20): `annotate` drafts an annotation that checks, loads and reads; `check`
//! reports every error at once, each at its line and column, shows the nearest passage of a
//! quote not in the text, and `--fix` rewrites the typographic ones keeping comments.

use crate::util::{http_client, repo, utf8, wangluo_in, ServeProcess};
use std::path::{Path, PathBuf};
use wangluo::text::{Segmentation, SourceText};

/// A temporary folder holding the invented op-ed (and, if asked, its broken annotation).
fn workspace(with_broken: bool) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let fixtures = repo().join("tests/fixtures/authoring");
    std::fs::copy(fixtures.join("oped.txt"), dir.path().join("oped.txt")).expect("copy the text");
    if with_broken {
        std::fs::copy(fixtures.join("broken.toml"), dir.path().join("broken.toml"))
            .expect("copy the annotation");
    }
    let path = dir.path().to_owned();
    (dir, path)
}

fn draft(dir: &Path) -> String {
    wangluo_in(dir, &["annotate", "oped.txt", "-o", "oped.toml"]).ok();
    std::fs::read_to_string(dir.join("oped.toml")).expect("the draft")
}

#[test]
fn annotate_drafts_a_file_that_checks_loads_and_reads() {
    let (_tmp, dir) = workspace(false);
    let toml = draft(&dir);
    // The corpus's known actors are declared (with the quotes of their mentions); the new ones
    // are commented suggestions, the acronym defined in parentheses with them.
    assert!(
        toml.contains("\n[[entity]]\nid = \"uscc\"\ntype = \"Commission\""),
        "{toml}"
    );
    assert!(toml.contains("\n[[entity]]\nid = \"xi-jinping\""), "{toml}");
    assert!(toml.contains("# label = \"Baltic Cyber Policy Forum\"\n# aliases = [\"BCPF\"]"));
    assert!(toml.contains("# id = \"tomas-virtanen\"\n# type = \"Person\"   # GUESS"));
    assert!(
        toml.contains("# aliases = [\"USCC\"]"),
        "the acronym of a known entity is suggested"
    );
    // Guesses are marked; no claim is written as a fact.
    assert!(toml.contains("# GUESS: the first line of the text\ntitle = \"Cyber Sovereignty"));
    assert!(toml.contains("# GUESS: the byline's names (candidates below: declare them first)\n# authors = [\"mara-lindqvist\"]"));
    assert!(toml.contains("# date = \"2025-03-14\""));
    assert!(
        !toml.lines().any(|l| l.starts_with("[[claim]]")),
        "claims stay comments"
    );
    assert!(toml.contains("# claimant = \"uscc\"   # GUESS: the subject of \"argues\""));
    assert!(toml.contains(
        "# claimant = \"tomas-virtanen\"   # GUESS: \"He\": the subject of the sentence before"
    ));
    assert!(toml.contains("{ exact = \"A Third Voice from the North\", reason = \"heading\" }"));
    // Every sentence once, in reading order.
    let text = SourceText::new(std::fs::read_to_string(dir.join("oped.txt")).unwrap());
    let sentences = Segmentation::of(&text).sentences;
    let mut at = 0;
    for (n, span) in sentences.iter().enumerate() {
        let line = format!("\n# {}. \"", n + 1);
        let found = toml[at..]
            .find(&line)
            .unwrap_or_else(|| panic!("sentence {} missing", n + 1));
        at += found + line.len();
        let start: String = text.slice(span.begin, span.end).chars().take(8).collect();
        assert!(
            toml[at..].starts_with(&start),
            "sentence {} out of order",
            n + 1
        );
    }
    assert_eq!(toml.matches("\n# [[claim]]").count(), 21, "{toml}");
    assert!(toml.contains("# claimant = \"TODO\"   # who holds the view: an entity id (the cue's subject reads \"Beijing\")"));

    let check = wangluo_in(&dir, &["check", "oped.toml"]).ok();
    assert!(
        check.stdout.is_empty() && check.stderr.contains("0 errors"),
        "{check:#?}"
    );
    let store = dir.join("kg");
    wangluo_in(&dir, &["--store", utf8(&store), "load"]).ok();
    let load = wangluo_in(&dir, &["--store", utf8(&store), "load", "oped.toml"]).ok();
    assert!(load
        .stdout
        .contains("<https://w3id.org/wangluo/graph/oped>  from oped.toml"));
    let server = ServeProcess::start(&["--store", utf8(&store)], &[]);
    let page = http_client()
        .get(server.url("/read/id/oped"))
        .send()
        .unwrap();
    assert_eq!(page.status(), 200);
    let page = page.text().unwrap();
    assert!(page.contains("The Baltic Cyber Policy Forum (BCPF) entered the debate"));
    assert!(
        page.contains(r#"class="mention""#),
        "the known actors are marked in the text"
    );
}

#[test]
fn check_reports_every_error_at_once_with_line_and_column() {
    let (_tmp, dir) = workspace(true);
    let run = wangluo_in(&dir, &["check", "broken.toml"]);
    assert_eq!(run.code, Some(2), "{run:#?}");
    let findings: Vec<&str> = run.stdout.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(
        findings,
        [
            "broken.toml:24:11: xi-jinping: quote occurs 4 times in the text; write { exact = \"…\", occurrence = N }: \"Xi Jinping\"",
            "broken.toml:29:12: xi-common-space: claimant: unknown reference `xi-jinpin` (did you mean `xi-jinping`?)",
            "broken.toml:30:13: xi-common-space: subjects: unknown reference `cyberspace`",
            "broken.toml:33:11: xi-common-space: quote not found in the text: \"says that cyberspace is “a common space of activities for mankind.”\"",
        ],
        "{}",
        run.stdout
    );
    // The places of the ambiguous quote, and the nearest passage with what differs marked.
    assert!(run.stdout.contains(
        "    occurrence = 1: text 10:1 \"…ment of that shift. ⟦Xi Jinping⟧, by contrast, says …\""
    ));
    assert!(run
        .stdout
        .contains("    occurrence = 4: text 46:1 \"…er the next decade. ⟦Xi Jinping⟧ says"));
    assert!(run.stdout.contains(
        "    nearest passage (text 10:26): \"says that cyberspace is ⟦\"⟧a common space of activities for mankind.⟦\"⟧\""
    ), "{}", run.stdout);
    assert!(run.stdout.contains(
        "    the text has \" (U+0022 quotation mark) where the quote has “ (U+201C left double quotation mark)"
    ));
    assert!(run
        .stdout
        .contains("    typographic only: `wangluo check --fix` rewrites it"));
    assert!(run.stderr.contains("checked 1 file: 4 errors, 0 warnings"));

    // `load` is unchanged: it refuses the file with one line, its first error.
    let store = dir.join("kg");
    let load = wangluo_in(&dir, &["--store", utf8(&store), "load", "broken.toml"]);
    let line = load.error_line();
    assert!(
        line.contains("broken.toml:20: xi-jinping: quote occurs 4 times"),
        "{line}"
    );
}

#[test]
fn check_fix_rewrites_typographic_quotes_and_keeps_comments() {
    let (_tmp, dir) = workspace(true);
    let before = std::fs::read_to_string(dir.join("broken.toml")).unwrap();
    let run = wangluo_in(&dir, &["check", "--fix", "broken.toml"]);
    assert_eq!(run.code, Some(2), "three errors are left: {run:#?}");
    assert!(
        run.stderr.contains("broken.toml: 1 quote rewritten"),
        "{run:#?}"
    );
    assert!(run.stderr.contains("3 errors"));
    assert!(!run.stdout.contains("quote not found"));
    let after = std::fs::read_to_string(dir.join("broken.toml")).unwrap();
    let expected = before.replace(
        "[\"says that cyberspace is “a common space of activities for mankind.”\"]",
        "['says that cyberspace is \"a common space of activities for mankind.\"']",
    );
    assert_eq!(
        after, expected,
        "only the quote changes; comments and order are kept"
    );
    // Nothing typographic is left to fix.
    let again = wangluo_in(&dir, &["check", "--fix", "broken.toml"]);
    assert!(!again.stderr.contains("rewritten"), "{again:#?}");
    assert_eq!(
        std::fs::read_to_string(dir.join("broken.toml")).unwrap(),
        expected
    );
}

#[test]
fn check_gives_the_same_findings_as_json() {
    let (_tmp, dir) = workspace(true);
    let text = wangluo_in(&dir, &["check", "broken.toml"]);
    let json = wangluo_in(&dir, &["check", "--format", "json", "broken.toml"]);
    assert_eq!(json.code, Some(2));
    let report: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let errors = report["errors"].as_array().expect("errors");
    let lines: Vec<String> = errors
        .iter()
        .map(|e| {
            format!(
                "{}:{}:{}: {}: {}",
                e["file"].as_str().unwrap(),
                e["line"],
                e["column"],
                e["item"].as_str().unwrap(),
                e["reason"].as_str().unwrap()
            )
        })
        .collect();
    let text_lines: Vec<&str> = text
        .stdout
        .lines()
        .filter(|l| !l.starts_with(' '))
        .collect();
    assert_eq!(lines, text_lines);
    assert_eq!(report["files"], 1);
    let quote = &errors[3];
    assert_eq!(
        quote["fix"],
        "says that cyberspace is \"a common space of activities for mankind.\""
    );
    assert!(quote["notes"][0]
        .as_str()
        .unwrap()
        .starts_with("nearest passage (text 10:26)"));
    assert_eq!(
        errors[0]["notes"].as_array().unwrap().len(),
        4,
        "the four occurrences"
    );
}

#[test]
fn check_reports_errors_of_several_files_and_unreadable_ones() {
    let (_tmp, dir) = workspace(true);
    std::fs::write(dir.join("syntax.toml"), "[document]\nid = \"x\"\ntype = \n").unwrap();
    let run = wangluo_in(
        &dir,
        &["check", "broken.toml", "syntax.toml", "missing.toml"],
    );
    assert_eq!(run.code, Some(2));
    assert!(
        run.stdout.contains("syntax.toml:3:8: TOML: "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("missing.toml:1:1: missing.toml: cannot read: "),
        "{}",
        run.stdout
    );
    assert_eq!(
        run.stdout
            .lines()
            .filter(|l| l.starts_with("broken.toml:"))
            .count(),
        4
    );
    assert!(run.stderr.contains("checked 3 files: 6 errors"));
    // A clean file exits 0, as `load` would.
    let curated = repo().join("data/rathor-2024.toml");
    wangluo_in(&dir, &["check", utf8(&curated)]).ok();
}

#[test]
fn nearest_passage_folds_typography_and_fix_writes_what_the_text_has() {
    use wangluo::authoring::nearest::nearest_passage;
    let words = "the so\u{a0}called “cyber superpower” – a\nslogan’s reach";
    let text = SourceText::new(format!("Intro.\n\nSome call it {words}. End."));
    let typed = "the so called \"cyber superpower\" - a slogan's reach";
    let near = nearest_passage(&text, typed, None).expect("a passage");
    assert_eq!(near.passage, words);
    assert!(near.typographic);
    let named: Vec<String> = near.differences.iter().map(|d| d.describe()).collect();
    assert!(
        named.contains(
            &"the text has \\u{00A0} (U+00A0 no-break space) where the quote has   (U+0020 space)"
                .to_owned()
        ),
        "{named:#?}"
    );
    assert!(
        named.contains(
            &"the text has – (U+2013 en dash) where the quote has - (U+002D hyphen-minus)"
                .to_owned()
        ),
        "{named:#?}"
    );
    assert!(
        named.contains(
            &"the text has \\n (U+000A line break) where the quote has   (U+0020 space)".to_owned()
        ),
        "{named:#?}"
    );
    // A real typo is found too, but is not typographic.
    let typo = nearest_passage(&text, "the so called \"cyber superpowers\"", None).unwrap();
    assert!(!typo.typographic);

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("t.txt"), text.as_str()).unwrap();
    let sha = wangluo::util::hash::sha256_hex(text.as_str().as_bytes());
    let toml = format!(
        "# a comment\n[document]\nid = \"t\"\ntype = \"OpEd\"\ntitle = \"T\"\ntext = \"t.txt\"\nsha256 = \"{sha}\"\nlanguage = \"en\"\nquotes = [{}]  # kept\n",
        serde_json::to_string(typed).unwrap()
    );
    std::fs::write(dir.path().join("t.toml"), &toml).unwrap();
    let run = wangluo_in(dir.path(), &["check", "--fix", "t.toml"]);
    assert_eq!(run.code, Some(0), "{run:#?}");
    let fixed = std::fs::read_to_string(dir.path().join("t.toml")).unwrap();
    assert!(
        fixed.starts_with("# a comment\n[document]\n") && fixed.ends_with("]  # kept\n"),
        "{fixed}"
    );
    wangluo_in(dir.path(), &["--store", "kg", "load", "t.toml"]).ok();
}

#[test]
fn check_reports_every_unknown_author_and_publisher() {
    let (_tmp, dir) = workspace(false);
    let sha = wangluo::util::hash::sha256_hex(&std::fs::read(dir.join("oped.txt")).unwrap());
    let toml = format!(
        "[document]\nid = \"oped\"\ntype = \"OpEd\"\ntitle = \"T\"\ntext = \"oped.txt\"\n\
         sha256 = \"{sha}\"\nlanguage = \"en\"\nauthors = [\"mara\", \"xi-jinping\"]\npublisher = \"nordic\"\n"
    );
    std::fs::write(dir.join("doc.toml"), toml).unwrap();
    let run = wangluo_in(&dir, &["check", "doc.toml"]);
    assert_eq!(run.code, Some(2));
    assert_eq!(
        run.stdout.lines().collect::<Vec<_>>(),
        [
            "doc.toml:8:12: oped: authors: unknown reference `mara`",
            "doc.toml:8:20: oped: authors: unknown reference `xi-jinping`",
            "doc.toml:9:13: oped: publisher: unknown reference `nordic`",
        ]
    );
}

#[test]
fn annotate_knows_the_entities_of_the_files_given() {
    let (_tmp, dir) = workspace(false);
    std::fs::write(
        dir.join("forum.toml"),
        "[[entity]]\nid = \"bcpf\"\ntype = \"ThinkTank\"\nlabel = \"Baltic Cyber Policy Forum\"\naliases = [\"BCPF\"]\n",
    )
    .unwrap();
    let args = [
        "annotate",
        "oped.txt",
        "--no-bundled",
        "--entities",
        "forum.toml",
        "-o",
        "oped.toml",
    ];
    wangluo_in(&dir, &args).ok();
    let toml = std::fs::read_to_string(dir.join("oped.toml")).unwrap();
    // Only the file given is known: the forum is declared with its mentions, the bundled actors
    // are not, and its acronym names it as a claimant.
    assert!(toml.contains("[[entity]]\nid = \"bcpf\"\ntype = \"ThinkTank\"\nlabel = \"Baltic Cyber Policy Forum\"\naliases = [\"BCPF\"]\n"), "{toml}");
    assert!(!toml.contains("id = \"uscc\""));
    assert!(
        !toml.contains("# label = \"Baltic Cyber Policy Forum\""),
        "no longer a candidate"
    );
    assert!(toml.contains("# claimant = \"bcpf\"   # GUESS: the subject of \"argues\"\n"));
    let store = dir.join("kg");
    wangluo_in(&dir, &["check", "oped.toml", "forum.toml"]).ok();
    wangluo_in(
        &dir,
        &["--store", utf8(&store), "load", "forum.toml", "oped.toml"],
    )
    .ok();
}
