//! Independent implementations read our exports: RDFLib parses our Turtle, TriG, RDF/XML and
//! JSON-LD (three forms) and finds each isomorphic to our N-Quads; pyld expands our JSON-LD to the
//! same RDF and computes the same URDNA2015 (RDFC-1.0) hash as `wangluo hash`.
//!
//! The Python scripts are in tests/interop/; they need rdflib and pyld (`tools.rs`).

use crate::tools::{found, run_python, Need};
use crate::util::{kg, utf8};
use oxigraph::io::RdfFormat;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use wangluo::export::jsonld::{JsonLdForm, JsonLdOptions};
use wangluo::export::{dataset_hash, export_to_file, ExportFormat};

/// The exports of the bundled graph, made once for all tests, and its hash.
fn exports() -> &'static (PathBuf, String) {
    static EXPORTS: OnceLock<(PathBuf, String)> = OnceLock::new();
    EXPORTS.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("interop-formats");
        std::fs::create_dir_all(&dir).unwrap();
        let kg = kg();
        let jsonld = |form| {
            ExportFormat::JsonLd(JsonLdOptions {
                form,
                ..JsonLdOptions::default()
            })
        };
        let files = [
            ("data.nq", ExportFormat::Rdf(RdfFormat::NQuads)),
            ("data.trig", ExportFormat::Rdf(RdfFormat::TriG)),
            ("data.ttl", ExportFormat::Rdf(RdfFormat::Turtle)),
            ("data.rdf", ExportFormat::Rdf(RdfFormat::RdfXml)),
            ("data.compacted.jsonld", jsonld(JsonLdForm::Compacted)),
            ("data.expanded.jsonld", jsonld(JsonLdForm::Expanded)),
            ("data.flattened.jsonld", jsonld(JsonLdForm::Flattened)),
        ];
        for (name, format) in files {
            export_to_file(&kg, &format, None, &dir.join(name)).unwrap();
        }
        (dir, dataset_hash(&kg, None).unwrap())
    })
}

/// Runs a script of tests/interop/ and fails with its output unless it succeeds.
fn run_checked(script: &str, args: &[&str]) -> String {
    let run = run_python(script, args);
    assert_eq!(
        run.code,
        Some(0),
        "{script} failed:\n{}{}",
        run.stdout,
        run.stderr
    );
    run.stdout
}

#[test]
fn rdflib_reads_every_export_as_our_nquads() {
    if !found(&[Need::Python(&["rdflib", "pyld"])]) {
        return;
    }
    let (dir, _) = exports();
    let report = run_checked("rdflib_formats.py", &[utf8(dir)]);
    // Six files compared with data.nq, none failed (the script exits 1 on any failure).
    assert_eq!(
        report.lines().filter(|l| l.starts_with("ok ")).count(),
        6,
        "{report}"
    );
}

#[test]
fn pyld_expands_our_jsonld_to_the_same_rdf_and_hash() {
    if !found(&[Need::Python(&["rdflib", "pyld"])]) {
        return;
    }
    let (dir, hash) = exports();
    let report = run_checked("pyld_jsonld.py", &[utf8(dir), hash]);
    assert!(
        report.contains(&format!("ok URDNA2015 hash {hash}")),
        "{report}"
    );
    assert_eq!(
        report.lines().filter(|l| l.starts_with("ok ")).count(),
        4,
        "{report}"
    );
}
