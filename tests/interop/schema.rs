//! The JSON Schema of the annotation format checked by an independent validator (Python
//! `jsonschema` on the TOML parsed by Python's `tomllib`): every annotation file of `data/`, the
//! fixture corpus and the authoring fixtures is valid; the broken fixtures of
//! `tests/fixtures/broken-schema/` are not; and on every one of them the schema and the Rust
//! model (serde, the loader's parse phase) give the same verdict.

use crate::tools::{found, run_python, Need};
use crate::util::repo;
use std::path::PathBuf;

fn toml_files(folder: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(repo().join(folder))
        .into_iter()
        .map(|e| e.expect("walk").into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

/// Whether the loader's serde model reads the file.
fn model_accepts(path: &PathBuf) -> bool {
    let text = std::fs::read_to_string(path).expect("read");
    toml::from_str::<wangluo::annotation::AnnotationFile>(&text).is_ok()
}

#[test]
fn jsonschema_accepts_every_annotation_file_and_refuses_the_broken_ones_as_the_model_does() {
    if !found(&[Need::Python(&["jsonschema"])]) {
        return;
    }
    let mut files = toml_files("data");
    files.extend(toml_files("tests/fixtures/corpus"));
    files.extend(toml_files("tests/fixtures/authoring"));
    let broken = toml_files("tests/fixtures/broken-schema");
    assert_eq!(broken.len(), 3);
    files.extend(broken.iter().cloned());
    let schema = repo().join("docs/annotation.schema.json");
    let mut args = vec![schema.to_str().expect("UTF-8 path").to_owned()];
    args.extend(
        files
            .iter()
            .map(|p| p.to_str().expect("UTF-8 path").to_owned()),
    );
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = run_python("schema_check.py", &args).ok();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), files.len(), "{}", run.stdout);
    for (path, line) in files.iter().zip(&lines) {
        let schema_valid = line.starts_with("valid ");
        let is_broken = broken.contains(path);
        assert_eq!(schema_valid, !is_broken, "jsonschema: {line}");
        assert_eq!(
            model_accepts(path),
            schema_valid,
            "the schema and the model disagree on {}: {line}",
            path.display()
        );
    }
}
