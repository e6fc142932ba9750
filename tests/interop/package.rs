//! Independent tools check the release bundle of `wangluo package`: roc-validator validates the
//! RO-Crate (offline, its cache primed with the RO-Crate context in tests/fixtures/ro-crate/),
//! cffconvert the CITATION.cff, RDFLib parses every RDF file, finds each dump isomorphic to
//! `wangluo export` and every VoID number equal to its own count; `sha256sum -c` holds; Python's
//! zipfile unzips `--zip`'s archive to the directory's bytes.

use crate::tools::{found, run_python, Need};
use crate::util::{repo, utf8, wangluo_in};

#[test]
fn independent_tools_accept_the_bundle() {
    if !found(&[Need::Python(&[
        "rdflib",
        "requests_cache",
        "rocrate_validator",
        "cffconvert",
    ])]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    wangluo_in(
        dir.path(),
        &[
            "package",
            "-o",
            "bundle",
            "--zip",
            "bundle.zip",
            "--doi",
            "10.5281/zenodo.1",
        ],
    )
    .ok();
    wangluo_in(
        dir.path(),
        &["export", "--format", "nquads", "-o", "export.nq"],
    )
    .ok();
    let contexts = repo().join("tests/fixtures/ro-crate");
    let cache = dir.path().join("roc-cache");
    let run = run_python(
        "package_check.py",
        &[
            utf8(&dir.path().join("bundle")),
            utf8(&dir.path().join("export.nq")),
            utf8(&contexts),
            utf8(&cache),
            utf8(&dir.path().join("bundle.zip")),
        ],
    );
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    for check in [
        "rocrate-validator: ok",
        "cffconvert: ok",
        "void counts: ok",
        "sha256sum -c: ok",
        "zipfile (96 entries): ok", // 61 claims: 61 nanopublications
    ] {
        assert!(run.stdout.contains(check), "{}", run.stdout);
    }
}
