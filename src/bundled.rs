//! Everything compiled into the binary, in one place: the ontology, its SHACL shapes and JSON-LD
//! context, the bundled queries and the corpus under `data/` (the last two found by `build.rs`,
//! nothing listed by hand).

/// The ontology (`ontology/wangluo.ttl`).
pub const ONTOLOGY: &str = include_str!("../ontology/wangluo.ttl");

/// The SHACL shapes (`ontology/shapes.ttl`).
pub const SHAPES: &str = include_str!("../ontology/shapes.ttl");

/// The JSON-LD context (`ontology/context.jsonld`).
pub const CONTEXT: &str = include_str!("../ontology/context.jsonld");

/// The dataset's metadata (`dataset.toml`): title, version, creators, licence of the release.
pub const DATASET_METADATA: &str = include_str!("../dataset.toml");

include!(concat!(env!("OUT_DIR"), "/bundled_queries.rs"));

include!(concat!(env!("OUT_DIR"), "/bundled_data.rs"));

/// The bundled annotation files (`data/**/*.toml`), by repository path, sorted.
pub fn annotation_files() -> impl Iterator<Item = &'static str> {
    BUNDLED_DATA_FILES
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| name.ends_with(".toml"))
}

/// The bundled files, as a source the annotation loader can read from.
pub fn files() -> crate::annotation::Bundled {
    crate::annotation::Bundled(BUNDLED_DATA_FILES)
}
