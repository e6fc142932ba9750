//! Every example in the README prints what the README says it prints.
//!
//! The ```console blocks of README.md hold commands (`$ …`) each followed by its output. They run
//! here in order, in a scratch directory holding a copy of `data/` (and of the fixture corpus as
//! `fixtures/`), with this build's `wangluo`
//! first on PATH and COLUMNS=100 — exactly as `scripts/update-readme.py` runs them.

use crate::util::repo;
use std::path::Path;
use std::process::Command;

struct Example {
    command: String,
    expected: String,
}

fn examples(readme: &str) -> Vec<Example> {
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
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let examples = examples(&readme);
    assert!(examples.len() >= 15, "{} examples", examples.len());
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
                "$ {}\n--- README shows:\n{}\n--- it prints:\n{}",
                example.command, example.expected, actual
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "README examples out of date (run `python3 scripts/update-readme.py`):\n{}",
        failures.join("\n")
    );
}
