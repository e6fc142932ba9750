//! pySHACL, an independent SHACL engine, finds the bundled graph conforming to
//! `ontology/shapes.ttl` and every copy broken one way per shape (`shacl_cases.rs`) not, naming
//! the right focus node and path (or value, for the SHACL-SPARQL constraints) — the verdicts
//! `wangluo validate` gives in `tests/it/validate.rs`. The verdicts come from
//! `tests/interop/pyshacl_verdicts.py`, run once on all files.

use crate::shacl_cases::{broken_cases, bundled_lines, write_broken_copies};
use crate::tools::{found, run_python, Need};
use crate::util::{repo, utf8};
use serde_json::Value;
use std::path::PathBuf;
use tempfile::TempDir;

/// pySHACL's verdicts on `files`, in order: (conforms, results).
fn pyshacl_verdicts(files: &[PathBuf]) -> Vec<(bool, Vec<Value>)> {
    let shapes = repo().join("ontology/shapes.ttl");
    let mut args = vec![utf8(&shapes)];
    args.extend(files.iter().map(|f| utf8(f)));
    let run = run_python("pyshacl_verdicts.py", &args);
    assert_eq!(run.code, Some(0), "pySHACL failed: {}", run.stderr);
    let verdicts: Vec<(bool, Vec<Value>)> = run
        .stdout
        .lines()
        .map(|line| {
            let v: Value = serde_json::from_str(line).unwrap();
            (
                v["conforms"].as_bool().unwrap(),
                v["results"].as_array().unwrap().clone(),
            )
        })
        .collect();
    assert_eq!(verdicts.len(), files.len(), "one verdict per file");
    verdicts
}

fn describe(results: &[Value]) -> String {
    results
        .iter()
        .take(10)
        .map(|r| {
            format!(
                "{} {} {} — {}",
                r["focus"], r["path"], r["value"], r["message"]
            )
        })
        .collect::<Vec<_>>()
        .join("\n  ")
}

#[test]
fn pyshacl_finds_the_bundled_graph_conforming_and_every_broken_copy_not() {
    if !found(&[Need::Python(&["pyshacl"])]) {
        return;
    }
    let dir = TempDir::new().unwrap();
    let lines = bundled_lines(dir.path());
    let cases = broken_cases(&lines);
    let mut files = vec![dir.path().join("bundled.nt")];
    files.extend(write_broken_copies(dir.path(), &cases));
    let verdicts = pyshacl_verdicts(&files);

    let (conforms, results) = &verdicts[0];
    assert!(
        *conforms && results.is_empty(),
        "the bundled graph does not conform:\n  {}",
        describe(results)
    );
    for (case, (conforms, results)) in cases.iter().zip(&verdicts[1..]) {
        assert!(!conforms, "{}: pySHACL found it conforming", case.name);
        let e = &case.expected;
        let found = results.iter().any(|r| {
            r["focus"].as_str() == Some(e.focus.as_str())
                && e.path
                    .as_deref()
                    .is_none_or(|p| r["path"].as_str() == Some(p))
                && e.value
                    .as_deref()
                    .is_none_or(|v| r["value"].as_str().is_some_and(|rv| rv.contains(v)))
        });
        assert!(
            found,
            "{}: no result with focus {} path {:?} value {:?}; results:\n  {}",
            case.name,
            e.focus,
            e.path,
            e.value,
            describe(results)
        );
        assert!(
            results.iter().all(|r| r["message"].as_str().is_some()),
            "{}: a result without message",
            case.name
        );
    }
}
