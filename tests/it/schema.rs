//! The JSON Schema of the annotation format (`docs/annotation.schema.json`, issue 20 item 3):
//! generated from the serde model, kept in the repository, named by every annotation file's
//! `#:schema` line. `WANGLUO_UPDATE_SCHEMA=1 cargo test --test it schema::` rewrites it. The
//! independent validation (Python `jsonschema` on the parsed TOML) is `tests/interop/schema.rs`.

use crate::util::repo;

const SCHEMA: &str = "docs/annotation.schema.json";

#[test]
fn the_schema_in_the_repository_is_the_one_the_model_generates() {
    let generated = wangluo::annotation::model::json_schema();
    let path = repo().join(SCHEMA);
    if std::env::var_os("WANGLUO_UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).expect("write the schema");
    }
    let kept = std::fs::read_to_string(&path).expect("read docs/annotation.schema.json");
    assert_eq!(
        kept, generated,
        "{SCHEMA} is not what the model generates: WANGLUO_UPDATE_SCHEMA=1 cargo test --test it schema::"
    );
    let schema: serde_json::Value = serde_json::from_str(&kept).expect("the schema is JSON");
    let properties = &schema["properties"];
    for key in ["document", "entity", "claim", "curator", "curation"] {
        assert!(properties.get(key).is_some(), "no `{key}` in the schema");
    }
    assert_eq!(
        schema["additionalProperties"], false,
        "unknown keys are errors"
    );
}

#[test]
fn every_bundled_annotation_file_names_the_schema_on_its_first_line() {
    let data = repo().join("data");
    let mut seen = 0;
    for entry in walkdir::WalkDir::new(&data) {
        let entry = entry.expect("walk data/");
        if entry.path().extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("read");
        let first = text.lines().next().unwrap_or_default();
        let target = first
            .strip_prefix("#:schema ")
            .unwrap_or_else(|| panic!("{}: no #:schema line first", entry.path().display()));
        let dir = entry.path().parent().expect("a folder");
        let resolved = dir
            .join(target.trim())
            .canonicalize()
            .expect("the schema exists");
        assert_eq!(
            resolved,
            repo().join(SCHEMA).canonicalize().expect("schema")
        );
        seen += 1;
    }
    assert!(seen >= 1, "no annotation file under data/");
}
