//! Finds the files compiled into the binary, so that nothing is listed by hand: every
//! `queries/*.rq` (bundled queries) and every file under `data/` (the bundled corpus: annotation
//! files `*.toml` and the texts they name).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest_dir);
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));

    let mut queries = String::from(
        "/// `(name, text)` of every bundled query, sorted by name.\npub static BUNDLED_QUERY_FILES: &[(&str, &str)] = &[\n",
    );
    for path in files_under(&root.join("queries"), false) {
        if path.extension().is_some_and(|e| e == "rq") {
            let name = path
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("UTF-8 query file name");
            writeln!(
                queries,
                "    ({name:?}, include_str!({:?})),",
                path.display().to_string()
            )
            .expect("write to string");
        }
    }
    queries.push_str("];\n");
    std::fs::write(out_dir.join("bundled_queries.rs"), queries).expect("write bundled_queries.rs");

    let mut data = String::from(
        "/// `(repository path, bytes)` of every file under `data/`, sorted by path.\npub static BUNDLED_DATA_FILES: &[(&str, &[u8])] = &[\n",
    );
    for path in files_under(&root.join("data"), true) {
        let relative = path.strip_prefix(root).expect("under the repository");
        let name = relative
            .components()
            .map(|c| c.as_os_str().to_str().expect("UTF-8 data file name"))
            .collect::<Vec<_>>()
            .join("/");
        writeln!(
            data,
            "    ({name:?}, include_bytes!({:?})),",
            path.display().to_string()
        )
        .expect("write to string");
    }
    data.push_str("];\n");
    std::fs::write(out_dir.join("bundled_data.rs"), data).expect("write bundled_data.rs");
}

/// The files under `dir` (and its subfolders when `recursive`), sorted; every folder is watched
/// so that adding a file rebuilds.
fn files_under(dir: &Path, recursive: bool) -> Vec<PathBuf> {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            if recursive {
                files.extend(files_under(&path, true));
            }
        } else {
            println!("cargo:rerun-if-changed={}", path.display());
            files.push(path);
        }
    }
    files
}
