//! Independent tools check `export --format web-annotation` and `agreement`: pyld expands the
//! export against the W3C Web Annotation context (tests/fixtures/web-annotation/anno.jsonld,
//! offline) and the result is held to the Web Annotation model's rules and to the text; the κ
//! of `agreement` is scikit-learn's `cohen_kappa_score`, its α NLTK's `AnnotationTask.alpha`.

use crate::tools::{found, run_python, Need};
use crate::util::{repo, utf8, wangluo_in};
use wangluo::authoring::agreement::metrics::cohen_kappa;

#[track_caller]
fn assert_ok(run: &crate::util::Run, script: &str) {
    assert_eq!(
        run.code,
        Some(0),
        "{script} failed:\n{}{}",
        run.stdout,
        run.stderr
    );
}

#[test]
fn pyld_expands_the_web_annotation_export_and_it_keeps_the_models_rules() {
    if !found(&[Need::Python(&["pyld"])]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("rathor-2024.jsonld");
    wangluo_in(
        dir.path(),
        &["export", "--format", "web-annotation", "-o", utf8(&export)],
    )
    .ok();
    let context = repo().join("tests/fixtures/web-annotation/anno.jsonld");
    let text = repo().join("data/rathor-2024.txt");
    let run = run_python(
        "web_annotation_check.py",
        &[utf8(&export), utf8(&context), utf8(&text)],
    );
    assert_ok(&run, "web_annotation_check.py");
    let exported: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&export).unwrap()).unwrap();
    let total = exported["total"]
        .as_u64()
        .expect("one collection with its total");
    assert!(total > 200, "{total}");
    assert_eq!(
        run.stdout,
        format!("1 collections, {total} annotations, 0 failures\n")
    );
}

/// Label lists from a small deterministic generator (a linear congruential one), with
/// wangluo's κ of each: agreement by chance, strong agreement, one label throughout.
fn cases() -> serde_json::Value {
    let mut state: u64 = 20;
    let mut next = |n: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % n
    };
    let mut cases = Vec::new();
    for (units, labels, agree_percent) in [(30, 3, 0), (50, 4, 80), (12, 2, 50), (8, 1, 100)] {
        let a: Vec<String> = (0..units).map(|_| format!("l{}", next(labels))).collect();
        let b: Vec<String> = a
            .iter()
            .map(|x| {
                if next(100) < agree_percent {
                    x.clone()
                } else {
                    format!("l{}", next(labels))
                }
            })
            .collect();
        let pairs: Vec<(&String, &String)> = a.iter().zip(&b).collect();
        cases.push(serde_json::json!({"a": a, "b": b, "kappa": cohen_kappa(&pairs)}));
    }
    serde_json::Value::Array(cases)
}

#[test]
fn kappa_is_scikit_learns_and_alpha_nltks() {
    if !found(&[Need::Python(&["sklearn", "nltk"])]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let run = wangluo_in(
        &repo(),
        &[
            "agreement",
            "tests/fixtures/authoring/oped-a.toml",
            "tests/fixtures/authoring/oped-b.toml",
            "--format",
            "json",
        ],
    )
    .ok();
    let report = dir.path().join("agreement.json");
    std::fs::write(&report, &run.stdout).unwrap();
    let cases_file = dir.path().join("cases.json");
    std::fs::write(&cases_file, cases().to_string()).unwrap();
    let run = run_python("agreement_check.py", &[utf8(&report), utf8(&cases_file)]);
    assert_ok(&run, "agreement_check.py");
    assert_eq!(
        run.stdout.lines().filter(|l| l.starts_with("ok ")).count(),
        10,
        "{}",
        run.stdout
    );
}
