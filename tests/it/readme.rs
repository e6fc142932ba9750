//! Every example in the README and in the guides of `docs/` prints what they say it prints.
//!
//! The ```console blocks of [`PAGES`] hold commands (`$ …`) each followed by its output. They run
//! here in order, page after page, in one scratch directory holding a copy of `data/` (and of the
//! test fixtures as `fixtures/`), with this build's `wangluo` first on PATH and COLUMNS=100 —
//! exactly as `scripts/update-readme.py` runs them (it keeps the same list).

/// The pages whose examples run, in this order (a store one makes, the next may use).
const PAGES: [&str; 7] = [
    "README.md",
    "docs/commands.md",
    "docs/scale.md",
    "docs/publishing.md",
    "docs/release.md",
    "docs/serving.md",
    "docs/corpus.md",
];

use crate::util::repo;
use std::path::Path;
use std::process::Command;

struct Example {
    page: &'static str,
    command: String,
    expected: String,
}

fn examples(page: &'static str, readme: &str) -> Vec<Example> {
    let mut examples: Vec<Example> = Vec::new();
    let mut in_console = false;
    for line in readme.lines() {
        if !in_console {
            in_console = line.trim() == "```console";
            continue;
        }
        if line.trim() == "```" {
            in_console = false;
        } else if let Some(command) = line.strip_prefix("$ ") {
            examples.push(Example {
                page,
                command: command.to_owned(),
                expected: String::new(),
            });
        } else if let Some(example) = examples.last_mut() {
            example.expected.push_str(line);
            example.expected.push('\n');
        }
    }
    examples
}

/// Copies a directory tree (`data/` may hold subdirectories, such as shared entity files).
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create scratch data dir");
    for entry in std::fs::read_dir(from).expect("read data dir") {
        let path = entry.expect("dir entry").path();
        let target = to.join(path.file_name().expect("file name"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, target).expect("copy");
        }
    }
}

/// The text with the time and speed of `load`'s closing summary (`… in 0.05 s (170140 triples/s)`)
/// left out: they differ from run to run.
fn without_timing(text: &str) -> String {
    text.lines()
        .map(|line| match line.rfind(" in ") {
            Some(at) if line.starts_with("loaded ") && line.ends_with(" triples/s)") => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn readme_examples_print_what_the_readme_shows() {
    let root = repo();
    let mut examples = Vec::new();
    for page in PAGES {
        let text = std::fs::read_to_string(root.join(page)).expect(page);
        let found = self::examples(page, &text);
        assert!(!found.is_empty(), "{page}: no example");
        examples.extend(found);
    }
    assert!(examples.len() >= 60, "{} examples", examples.len());
    let scratch = tempfile::tempdir().expect("scratch dir");
    copy_dir(&root.join("data"), &scratch.path().join("data"));
    // The corpus examples load the fixture corpus.
    copy_dir(
        &root.join("tests/fixtures/corpus"),
        &scratch.path().join("fixtures/corpus"),
    );
    copy_dir(
        &root.join("tests/fixtures/broken"),
        &scratch.path().join("fixtures/broken"),
    );
    // "Adding a document" drafts and checks the invented op-ed.
    copy_dir(
        &root.join("tests/fixtures/authoring"),
        &scratch.path().join("fixtures/authoring"),
    );
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_wangluo"))
        .parent()
        .expect("binary directory")
        .to_owned();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    // The Web Annotation examples import a Hypothes.is-style export of that op-ed.
    copy_dir(
        &root.join("tests/fixtures/web-annotation"),
        &scratch.path().join("fixtures/web-annotation"),
    );
    let mut failures = Vec::new();
    for example in &examples {
        let output = Command::new("sh")
            .arg("-c")
            .arg(format!("exec 2>&1; {}", example.command))
            .current_dir(scratch.path())
            .env("PATH", &path)
            .env("COLUMNS", "100")
            .output()
            .expect("run sh");
        // SPARQL CSV ends lines with CRLF; the README shows them as plain lines.
        let actual = String::from_utf8_lossy(&output.stdout).replace("\r\n", "\n");
        if without_timing(actual.trim_end()) != without_timing(example.expected.trim_end()) {
            failures.push(format!(
                "{}: $ {}\n--- the page shows:\n{}\n--- it prints:\n{}",
                example.page, example.command, example.expected, actual
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "examples out of date (run `python3 scripts/update-readme.py`):\n{}",
        failures.join("\n")
    );
}
