//! The load recipes of `wangluo export --shard-size`, run for real at a small size: the shards
//! go into Oxigraph (`load-oxigraph.sh`: `oxigraph load`, PyPI `oxigraph` in .venv) and into a
//! throw-away Virtuoso (`load-virtuoso.sh`: `ld_dir` + `rdf_loader_run()` through `isql-vt`), and
//! the same quads come back out.

use crate::tools::{found, python, run_python, Need, VIRTUOSO};
use crate::util::{run_program, utf8, wangluo_in, Run};
use std::io::Read;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// Blank nodes, one shared by two graphs: the shards hold them as skolem IRIs.
const BLANK_NODES: &str = r#"@prefix ex: <http://example.org/> .
ex:g1 { _:a ex:knows _:b . _:b ex:name "b" . }
ex:g2 { _:b ex:knows _:a . ex:s ex:p "x"@en , "x" , 7 . }
"#;

/// A store with three generated documents (and the ontology) and blank nodes, exported as
/// shards of at most 300 quads (the graphs of the ontology and of each document are split) into
/// `DIR/shards`.
fn shard_export(dir: &Path) -> PathBuf {
    let corpus = dir.join("corpus");
    wangluo_in(dir, &["gen-corpus", "3", utf8(&corpus)]).ok();
    std::fs::write(dir.join("blank.trig"), BLANK_NODES).unwrap();
    let store = dir.join("store");
    let at = |args: &[&str]| -> Run {
        let mut all = vec!["--store", utf8(&store)];
        all.extend_from_slice(args);
        wangluo_in(dir, &all)
    };
    let mut files = vec![dir.join("blank.trig"), corpus.join("entities/actors.toml")];
    files.extend((1..=3).map(|n| corpus.join(format!("docs/doc-{n:05}.toml"))));
    let mut args = vec!["load"];
    args.extend(files.iter().map(|f| utf8(f)));
    at(&args).ok();
    at(&["export", "--shard-size", "300", "-o", "shards"]).ok();
    dir.join("shards")
}

/// Every line of every shard, sorted.
fn shard_lines(shards: &Path) -> Vec<String> {
    let mut lines = Vec::new();
    for entry in std::fs::read_dir(shards).unwrap() {
        let path = entry.unwrap().path();
        if path.to_string_lossy().ends_with(".nq.gz") {
            let mut text = String::new();
            flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap())
                .read_to_string(&mut text)
                .unwrap();
            lines.extend(text.lines().map(str::to_owned));
        }
    }
    lines.sort();
    lines
}

#[test]
fn the_oxigraph_recipe_loads_every_shard() {
    if !found(&[Need::Venv("oxigraph")]) {
        return;
    }
    let dir = TempDir::new().unwrap();
    let shards = shard_export(dir.path());
    let bin = python().parent().unwrap().to_owned();
    let oxigraph = bin.join("oxigraph");
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let recipe = std::process::Command::new("sh")
        .arg(shards.join("load-oxigraph.sh"))
        .arg(dir.path().join("oxigraph-store"))
        .env("PATH", path)
        .output()
        .expect("run sh");
    assert!(
        recipe.status.success(),
        "load-oxigraph.sh: {}",
        String::from_utf8_lossy(&recipe.stderr)
    );
    let store = dir.path().join("oxigraph-store");
    let dump = run_program(
        &oxigraph,
        dir.path(),
        &["dump", "--location", utf8(&store), "--format", "nq"],
        None,
    )
    .ok();
    let mut dumped: Vec<String> = dump.stdout.lines().map(str::to_owned).collect();
    dumped.sort();
    let expected = shard_lines(&shards);
    assert!(expected.len() > 1500, "{} quads", expected.len());
    assert_eq!(
        dumped, expected,
        "Oxigraph holds other quads than the shards"
    );
}

#[test]
fn the_virtuoso_bulk_loader_recipe_loads_every_shard() {
    if !found(&[VIRTUOSO[0], VIRTUOSO[1], Need::Python(&["rdflib"])]) {
        return;
    }
    let dir = TempDir::new().unwrap();
    let shards = shard_export(dir.path());
    let expected = shard_lines(&shards).len();
    let run = run_python("virtuoso_bulk_load.py", &[utf8(&shards)]);
    assert_eq!(run.code, Some(0), "{run:#?}");
    assert!(
        run.stdout
            .starts_with(&format!("{expected} quads back out of {expected} in ")),
        "{run:#?}"
    );
}
