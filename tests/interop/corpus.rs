//! The corpus generator in Rust (`wangluo gen-corpus`, `src/synthetic/`) writes the bytes of
//! the Python one it replaced in the tests (`benches/gen-corpus.py`, kept as the reference) and
//! prints the same summary, for the same arguments: small and large corpora (8,000 documents use
//! up the two- and three-syllable names, so words grow longer), other seeds, `--independent`.

use crate::tools::{found, python, Need};
use crate::util::{repo, run_program, utf8, wangluo_in};
use std::path::{Path, PathBuf};

/// Every file under `dir`, by relative path, with its bytes.
fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut all = Vec::new();
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("read");
                all.push((path.strip_prefix(dir).expect("under").to_owned(), bytes));
            }
        }
    }
    all.sort();
    all
}

#[test]
fn the_rust_generator_writes_the_bytes_of_the_python_one() {
    if !found(&[Need::Python(&[])]) {
        return;
    }
    let script = repo().join("benches/gen-corpus.py");
    for args in [
        &["5"][..],
        &["40", "--seed", "7"],
        &["30", "--independent"],
        &["8000", "--seed", "5"],
    ] {
        let tmp = tempfile::tempdir().expect("temp dir");
        let (python_out, rust_out) = (tmp.path().join("python"), tmp.path().join("rust"));
        let mut python_args = vec![utf8(&script), args[0], utf8(&python_out)];
        python_args.extend_from_slice(&args[1..]);
        let from_python = run_program(&python(), tmp.path(), &python_args, None).ok();
        let mut rust_args = vec!["gen-corpus", args[0], utf8(&rust_out)];
        rust_args.extend_from_slice(&args[1..]);
        let from_rust = wangluo_in(tmp.path(), &rust_args).ok();
        assert_eq!(from_rust.stdout, from_python.stdout, "{args:?}: summaries");
        let (expected, written) = (files(&python_out), files(&rust_out));
        let documents: usize = args[0].parse().expect("a count");
        assert_eq!(expected.len(), 2 * documents + 1, "{args:?}: files");
        assert_eq!(
            written.iter().map(|(p, _)| p).collect::<Vec<_>>(),
            expected.iter().map(|(p, _)| p).collect::<Vec<_>>(),
            "{args:?}: file names"
        );
        for ((path, rust), (_, python)) in written.iter().zip(&expected) {
            assert!(
                rust == python,
                "{args:?}: {} differs:\n{}\n---\n{}",
                path.display(),
                String::from_utf8_lossy(rust),
                String::from_utf8_lossy(python)
            );
        }
    }
}
