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

/// The bundled graph (the ontology and `data/**` loaded as `load` loads them, under the default
/// base) as N-Quads, made by `scripts/update-bundled-snapshot`. Its first line records the
/// SHA-256 of the inputs it was made from ([`inputs_sha256`]); `tests/it/snapshot.rs` checks that
/// it equals a fresh build.
const SNAPSHOT: &str = include_str!("../snapshot/bundled.nq");

/// How the snapshot's first line starts; the inputs' SHA-256 follows.
pub const SNAPSHOT_HEADER: &str = "# wangluo bundled graph; inputs sha256 ";

/// The SHA-256 of everything the bundled graph is built from: the ontology and every file under
/// `data/`, by name.
pub fn inputs_sha256() -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update(ONTOLOGY.as_bytes());
    for (name, bytes) in BUNDLED_DATA_FILES {
        hasher.update((name.len() as u64).to_le_bytes());
        hasher.update(name.as_bytes());
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The snapshot of the bundled graph, if it was made from the inputs compiled into this binary
/// (else the graph is built from them: slower, never stale).
pub fn current_snapshot() -> Option<&'static str> {
    let (header, quads) = SNAPSHOT.split_once('\n')?;
    let recorded = header.strip_prefix(SNAPSHOT_HEADER)?;
    (recorded == inputs_sha256()).then_some(quads)
}
