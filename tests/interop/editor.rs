//! `wangluo serve --edit` in a real browser: headless Chromium driven by Selenium annotates a copy
//! of the fixture corpus (`editor_check.py`): a phrase selected and a claim saved (the file, the
//! highlight, the claim page), a claim typed with the keyboard only, a bad claim refused with its
//! reason and the file unchanged, two editors on one file (the second told to reload, nothing
//! lost), and axe-core (npm `axe-core`, read from disk) on the editor: no WCAG 2.2 A/AA violation.

use crate::tools::{run_python, INSTALL};
use crate::util::{repo, utf8, ServeProcess};
use std::path::Path;

/// A copy of the fixture corpus in which alpha's last sentence carries no claim (its claim
/// removed), so that a claim saved there gets a highlight of its own.
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
    let toml = dir.path().join("alpha.toml");
    let source = std::fs::read_to_string(&toml).expect("alpha.toml");
    let claim = source
        .find("\n[[claim]]\nid = \"alpha-odni-repeats\"")
        .expect("the fixture's last claim");
    std::fs::write(&toml, &source[..claim]).expect("alpha.toml without it");
    dir
}

#[test]
fn an_annotator_adds_claims_in_chromium_and_the_editor_passes_axe() {
    let Some(axe) = crate::tools::axe_script() else {
        return;
    };
    if !crate::tools::found(&crate::browser::BROWSER) {
        return;
    }
    let dir = corpus();
    let toml = dir.path().join("alpha.toml");
    let server = ServeProcess::start(&[], &["--edit", utf8(dir.path())]);
    let run = run_python("editor_check.py", &[&server.root, utf8(&toml), utf8(&axe)]);
    assert_ne!(run.code, Some(3), "{}: {INSTALL}", run.stdout.trim());
    assert_eq!(run.code, Some(0), "{run:#?}");
    let value = |key: &str| {
        run.stdout
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key}=")))
            .unwrap_or_else(|| panic!("no {key} in {}", run.stdout))
            .to_owned()
    };
    let saved = std::fs::read_to_string(&toml).expect("alpha.toml");
    let claim = value("claim_id");
    assert!(saved.contains(&format!("id = \"{claim}\"")));
    assert!(saved.contains("label = \"Typed with the keyboard.\""));
    assert!(value("refused").contains("unknown reference `nobody-known`"));
    assert!(value("stale").contains("changed since this page was made"));
    assert!(!saved.contains("The second editor's claim."));
    // The panel and the whole editing page around it, with a saved notice and with an error:
    // no WCAG 2.2 A/AA violation.
    for page in ["axe_editor", "axe_editor_error"] {
        for key in [page.to_owned(), format!("{page}_page")] {
            assert!(
                value(&key).starts_with("violations=0 "),
                "{key}: {}",
                run.stdout
            );
        }
        eprintln!(
            "{page}: panel {}, whole page {}",
            value(page),
            value(&format!("{page}_page"))
        );
    }
    // The measures the note reports.
    let seconds: f64 = value("claim_seconds").parse().expect("seconds");
    assert!(seconds > 0.0);
    eprintln!(
        "one claim in Chromium: {} clicks, {seconds:.2} s (save and reload: {} s)",
        value("claim_clicks"),
        value("save_seconds")
    );
    assert!(Path::new(&toml).exists());
}
