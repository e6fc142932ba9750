//! Independent implementations read our nanopublications: RDFLib loads them (four graphs each),
//! nanopub-py (its own port of the Trusty URI code) accepts our trusty URIs and, on a tampered
//! one, computes the same artifact code as `wangluo verify`.

use crate::tools::{found, run_python, Need};
use crate::util::{
    claims_in_graph as claim_count, computed_artifact_code, export_nanopubs as export_dir,
    tampered_nanopub, utf8, wangluo_in, Run,
};
use std::path::PathBuf;
use tempfile::TempDir;

fn python(script: &str, files: &[PathBuf]) -> Run {
    let args: Vec<&str> = files.iter().map(|f| utf8(f)).collect();
    run_python(script, &args)
}

#[test]
fn rdflib_loads_the_nanopublications() {
    if !found(&[Need::Python(&["rdflib", "nanopub"])]) {
        return;
    }
    let tmp = TempDir::new().expect("temp dir");
    let files = export_dir(tmp.path());
    let claims = claim_count();
    let run = python("nanopub_rdflib.py", &files);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(
        run.stdout.contains(&format!(
            "{claims} nanopublications in {claims} files, 4 graphs each"
        )),
        "{run:?}"
    );

    wangluo_in(tmp.path(), &["export", "--nanopubs", "-o", "claims.trig"]).ok();
    let run = python("nanopub_rdflib.py", &[tmp.path().join("claims.trig")]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(
        run.stdout.contains(&format!(
            "{claims} nanopublications in 1 files, 4 graphs each"
        )),
        "{run:?}"
    );
}

#[test]
fn nanopub_py_accepts_our_trusty_uris() {
    if !found(&[Need::Python(&["rdflib", "nanopub"])]) {
        return;
    }
    let tmp = TempDir::new().expect("temp dir");
    let files = export_dir(tmp.path());
    let claims = claim_count();
    let run = python("nanopub_trusty.py", &files);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(
        run.stdout.contains(&format!("{claims} OK, 0 failed")),
        "{run:?}"
    );
}

#[test]
fn nanopub_py_refuses_a_tampered_nanopublication_and_computes_our_hash() {
    if !found(&[Need::Python(&["rdflib", "nanopub"])]) {
        return;
    }
    let tmp = TempDir::new().expect("temp dir");
    let file = tampered_nanopub(tmp.path());
    let run = wangluo_in(tmp.path(), &["verify", "nanopubs"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    let fails: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("FAIL"))
        .collect();
    assert_eq!(fails.len(), 1, "{}", run.stdout);
    let computed = computed_artifact_code(fails[0]);
    assert!(
        computed.starts_with("RA") && computed.len() == 45,
        "{}",
        fails[0]
    );

    let py = python("nanopub_trusty.py", &[file]);
    assert_eq!(py.code, Some(1), "{py:?}");
    assert!(
        py.stdout.contains(&format!("It should be {computed}")),
        "{py:?}"
    );
}
