//! Independent implementations read our exports: RDFLib parses our Turtle, TriG, RDF/XML and
//! JSON-LD (three forms) and finds each isomorphic to our N-Quads; pyld expands our JSON-LD to the
//! same RDF and computes the same URDNA2015 (RDFC-1.0) hash as `wangluo hash`.
//!
//! The Python scripts are in tests/interop/. They need python3 with rdflib and pyld, which
//! .ci/run installs; when they are missing these tests FAIL, they never skip.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use wangluo::export::jsonld::{JsonLdForm, JsonLdOptions};
use wangluo::export::{dataset_hash, export_to_file, ExportFormat};
use wangluo::store::KnowledgeGraph;
use wangluo::vocab::Base;

/// The exports of the bundled graph, made once for all tests, and its hash.
fn exports() -> &'static (PathBuf, String) {
    static EXPORTS: OnceLock<(PathBuf, String)> = OnceLock::new();
    EXPORTS.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("interop-formats");
        std::fs::create_dir_all(&dir).unwrap();
        let kg = KnowledgeGraph::bundled(&Base::default()).unwrap();
        let jsonld = |form| {
            ExportFormat::JsonLd(JsonLdOptions {
                form,
                ..JsonLdOptions::default()
            })
        };
        use oxigraph::io::RdfFormat;
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
fn run_python(script: &str, args: &[&str]) -> String {
    let scripts = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop");
    let check = Command::new("python3")
        .args(["-c", "import rdflib, pyld"])
        .output()
        .unwrap_or_else(|e| {
            panic!("python3 is needed for the interop tests (.ci/run installs it): {e}")
        });
    assert!(
        check.status.success(),
        "the interop tests need the Python modules rdflib and pyld \
         (`python3 -m pip install rdflib pyld`, as .ci/run does): {}",
        String::from_utf8_lossy(&check.stderr)
    );
    let run = Command::new("python3")
        .arg(scripts.join(script))
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout).into_owned();
    assert!(
        run.status.success(),
        "{script} failed:\n{stdout}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    stdout
}

#[test]
fn rdflib_reads_every_export_as_our_nquads() {
    let (dir, _) = exports();
    let report = run_python("rdflib_formats.py", &[dir.to_str().unwrap()]);
    // Six files compared with data.nq, none failed (the script exits 1 on any failure).
    assert_eq!(
        report.lines().filter(|l| l.starts_with("ok ")).count(),
        6,
        "{report}"
    );
}

#[test]
fn pyld_expands_our_jsonld_to_the_same_rdf_and_hash() {
    let (dir, hash) = exports();
    let report = run_python("pyld_jsonld.py", &[dir.to_str().unwrap(), hash]);
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
