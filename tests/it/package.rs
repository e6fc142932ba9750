//! `wangluo describe` and `wangluo package`: every number of the description equals a direct count
//! (SPARQL over the store, or the store's quads counted in Rust); the bundle is byte-identical
//! across runs, its checksums and sizes hold, its dumps are the graph, and bad input is refused
//! with one line and no bundle left behind. Also `convert --canonical`.

use crate::util::{kg, select_text, utf8, wangluo, wangluo_in};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedOrBlankNode, Term};
use oxigraph::store::Store;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;
use wangluo::util::hash::sha256_hex;

const VOID: &str = "http://rdfs.org/ns/void#";

/// The description `wangluo describe --doi …` prints, read back into a store: made once for
/// every test (each run renders the dumps to state their sizes).
fn described() -> &'static Store {
    static DESCRIBED: OnceLock<Store> = OnceLock::new();
    DESCRIBED.get_or_init(|| {
        let run = wangluo(&[
            "describe",
            "--format",
            "nquads",
            "--doi",
            "10.5281/zenodo.42",
        ])
        .ok();
        let store = Store::new().unwrap();
        store
            .load_from_slice(
                RdfParser::from_format(RdfFormat::NQuads),
                run.stdout.as_bytes(),
            )
            .unwrap();
        store
    })
}

/// Two bundles written from the same graph and metadata (`one/`, `two/`, each also as a .zip),
/// made once.
fn bundles() -> &'static Path {
    static BUNDLES: OnceLock<tempfile::TempDir> = OnceLock::new();
    BUNDLES
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            for name in ["one", "two"] {
                let zip = format!("{name}.zip");
                let args = [
                    "package",
                    "-o",
                    name,
                    "--zip",
                    &zip,
                    "--version",
                    "2.0",
                    "--doi",
                    "10.5281/zenodo.7",
                ];
                wangluo_in(dir.path(), &args).ok();
            }
            dir
        })
        .path()
}

fn one_number(store: &Store, sparql: &str) -> u64 {
    let oxigraph::sparql::QueryResults::Solutions(mut rows) =
        oxigraph::sparql::SparqlEvaluator::new()
            .parse_query(sparql)
            .unwrap()
            .on_store(store)
            .execute()
            .unwrap()
    else {
        panic!("not a SELECT")
    };
    let row = rows.next().expect("one row").unwrap();
    match row.get("n") {
        Some(Term::Literal(l)) => l.value().parse().unwrap(),
        other => panic!("?n is {other:?}"),
    }
}

/// `(key, n)` pairs a query over the description gives.
fn pairs(store: &Store, sparql: &str) -> BTreeMap<String, u64> {
    let oxigraph::sparql::QueryResults::Solutions(rows) = oxigraph::sparql::SparqlEvaluator::new()
        .parse_query(sparql)
        .unwrap()
        .on_store(store)
        .execute()
        .unwrap()
    else {
        panic!("not a SELECT")
    };
    rows.map(|row| {
        let row = row.unwrap();
        let key = match row.get("key") {
            Some(Term::NamedNode(n)) => n.as_str().to_owned(),
            other => panic!("?key is {other:?}"),
        };
        let Some(Term::Literal(n)) = row.get("n") else {
            panic!("no ?n")
        };
        (key, n.value().parse().unwrap())
    })
    .collect()
}

fn dataset_number(description: &Store, property: &str) -> u64 {
    one_number(
        description,
        &format!("SELECT ?n WHERE {{ GRAPH ?g {{ <https://w3id.org/wangluo/dataset> <{VOID}{property}> ?n }} }}"),
    )
}

#[test]
fn every_number_of_the_description_equals_a_direct_count() {
    let description = described();
    let kg = kg();
    let quads: Vec<_> = kg.store().iter().collect::<Result<Vec<_>, _>>().unwrap();
    // Totals: the store's quads, counted in Rust.
    assert_eq!(dataset_number(description, "triples"), quads.len() as u64);
    let subjects: BTreeSet<String> = quads.iter().map(|q| q.subject.to_string()).collect();
    assert_eq!(
        dataset_number(description, "distinctSubjects"),
        subjects.len() as u64
    );
    let objects: BTreeSet<String> = quads.iter().map(|q| q.object.to_string()).collect();
    assert_eq!(
        dataset_number(description, "distinctObjects"),
        objects.len() as u64
    );
    let entities = quads
        .iter()
        .filter_map(|q| match &q.subject {
            NamedOrBlankNode::NamedNode(n)
                if n.as_str().starts_with("https://w3id.org/wangluo/") =>
            {
                Some(n.as_str())
            }
            _ => None,
        })
        .collect::<BTreeSet<_>>();
    assert_eq!(
        dataset_number(description, "entities"),
        entities.len() as u64
    );

    // Partitions: direct SPARQL counts over the store, written here.
    let direct = |sparql: &str| -> BTreeMap<String, u64> {
        select_text(&kg, sparql)
            .into_iter()
            .map(|row| (row["key"].clone(), row["n"].parse().unwrap()))
            .collect()
    };
    let classes = pairs(
        description,
        &format!("SELECT ?key ?n WHERE {{ GRAPH ?g {{ ?d <{VOID}classPartition> [ <{VOID}class> ?key ; <{VOID}entities> ?n ] }} }}"),
    );
    let expected_classes = direct(
        "SELECT ?key (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s rdf:type ?key } } GROUP BY ?key",
    );
    assert!(expected_classes.len() > 50, "{expected_classes:?}");
    assert_eq!(classes, expected_classes);
    let properties = pairs(
        description,
        &format!("SELECT ?key ?n WHERE {{ GRAPH ?g {{ ?d <{VOID}propertyPartition> [ <{VOID}property> ?key ; <{VOID}triples> ?n ] }} }}"),
    );
    let expected_properties =
        direct("SELECT ?key (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?key ?o } } GROUP BY ?key");
    assert_eq!(properties, expected_properties);
    assert_eq!(properties.values().sum::<u64>(), quads.len() as u64);
    let subsets = pairs(
        description,
        &format!("SELECT ?key ?n WHERE {{ GRAPH ?g {{ <https://w3id.org/wangluo/dataset> <{VOID}subset> ?key . ?key a <{VOID}Dataset> ; <{VOID}triples> ?n }} }}"),
    );
    let mut per_graph: BTreeMap<String, u64> = BTreeMap::new();
    for q in &quads {
        if let oxigraph::model::GraphName::NamedNode(g) = &q.graph_name {
            *per_graph.entry(g.as_str().to_owned()).or_default() += 1;
        }
    }
    assert_eq!(subsets, per_graph);
    let same_as = quads
        .iter()
        .filter(|q| q.predicate.as_str() == "http://www.w3.org/2002/07/owl#sameAs")
        .filter(|q| matches!(&q.object, Term::NamedNode(n) if n.as_str().starts_with("http://www.wikidata.org/entity/")))
        .count();
    assert!(same_as > 0);
    let linkset = one_number(
        description,
        &format!("SELECT ?n WHERE {{ GRAPH ?g {{ ?l a <{VOID}Linkset> ; <{VOID}linkPredicate> <http://www.w3.org/2002/07/owl#sameAs> ; <{VOID}triples> ?n }} }}"),
    );
    assert_eq!(linkset, same_as as u64);
}

#[test]
fn the_description_is_in_its_graph_with_licence_rights_and_the_canonical_hash() {
    let description = described();
    let ask = |pattern: &str| {
        let sparql = format!(
            "PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX dcat: <http://www.w3.org/ns/dcat#> \
             PREFIX spdx: <http://spdx.org/rdf/terms#> \
             ASK {{ GRAPH <https://w3id.org/wangluo/graph/void> {{ {pattern} }} }}"
        );
        matches!(
            oxigraph::sparql::SparqlEvaluator::new()
                .parse_query(&sparql)
                .unwrap()
                .on_store(description)
                .execute()
                .unwrap(),
            oxigraph::sparql::QueryResults::Boolean(true)
        )
    };
    let d = "<https://w3id.org/wangluo/dataset>";
    assert!(ask(&format!(
        "{d} dcterms:license <https://spdx.org/licenses/CC-BY-4.0>"
    )));
    assert!(ask(&format!(
        "{d} dcterms:identifier \"https://doi.org/10.5281/zenodo.42\""
    )));
    assert!(ask(&format!("{d} dcterms:rights ?r FILTER(CONTAINS(?r, \"CyberPeace\") && CONTAINS(?r, \"not relicensed\"))")));
    let hash = wangluo(&["hash"]).ok().stdout.trim().to_owned();
    assert!(ask(&format!(
        "{d} spdx:checksum [ spdx:checksumValue ?h ] FILTER(STR(?h) = \"{hash}\")"
    )));
    // Four distributions, each with a size and a checksum.
    let n = one_number(
        description,
        "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { GRAPH ?g { ?d <http://www.w3.org/ns/dcat#distribution> ?x . \
         ?x <http://www.w3.org/ns/dcat#byteSize> ?s ; <http://spdx.org/rdf/terms#checksum> ?c ; \
         <http://www.w3.org/ns/dcat#downloadURL> ?u ; <http://www.w3.org/ns/dcat#mediaType> ?m } }",
    );
    assert_eq!(n, 4);
    let schema = wangluo(&["describe", "--format", "schemaorg"]).ok();
    let json: serde_json::Value = serde_json::from_str(&schema.stdout).unwrap();
    assert_eq!(json["@type"], "Dataset");
    assert!(json["description"].as_str().unwrap().len() >= 50);
    assert_eq!(json["distribution"][0]["@type"], "DataDownload");
    assert_eq!(
        json["isBasedOn"][0]["@id"],
        "https://w3id.org/wangluo/id/rathor-2024"
    );
}

/// Every file under `dir`, by relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            for (name, bytes) in files(&path) {
                let folder = path.file_name().unwrap().to_str().unwrap();
                found.insert(format!("{folder}/{name}"), bytes);
            }
        } else {
            found.insert(
                path.file_name().unwrap().to_str().unwrap().to_owned(),
                std::fs::read(&path).unwrap(),
            );
        }
    }
    found
}

#[test]
fn package_writes_the_same_bytes_twice_with_checksums_that_hold() {
    let dir = bundles();
    let one = files(&dir.join("one"));
    assert_eq!(one, files(&dir.join("two")), "two runs differ");
    let zip = std::fs::read(dir.join("one.zip")).unwrap();
    assert!(
        zip == std::fs::read(dir.join("two.zip")).unwrap(),
        "two zips differ"
    );
    for name in [
        "dumps/wangluo.nq.gz",
        "dumps/wangluo.ttl",
        "dumps/wangluo.trig",
        "dumps/wangluo.jsonld",
        "ontology/wangluo.ttl",
        "ontology/shapes.ttl",
        "ontology/context.jsonld",
        "ontology/ontology.html",
        "queries/adversary-sources.rq",
        "description.trig",
        "schema-org.jsonld",
        "README.md",
        "CITATION.cff",
        ".zenodo.json",
        "SHA256SUMS",
        "ro-crate-metadata.json",
        "nanopubs/odni-sophisticated-cyber-adversary.trig",
    ] {
        assert!(one.contains_key(name), "{name} missing: {:?}", one.keys());
    }
    // SHA256SUMS covers every file but itself and the RO-Crate metadata.
    let sums = String::from_utf8(one["SHA256SUMS"].clone()).unwrap();
    assert_eq!(sums.lines().count(), one.len() - 2);
    for line in sums.lines() {
        let (hash, name) = line.split_once("  ").unwrap();
        assert_eq!(sha256_hex(&one[name]), hash, "{name}");
    }
    // The RO-Crate states each file's size.
    let crate_metadata: serde_json::Value =
        serde_json::from_slice(&one["ro-crate-metadata.json"]).unwrap();
    for entity in crate_metadata["@graph"].as_array().unwrap() {
        if entity["@type"] == "File" {
            let name = entity["@id"].as_str().unwrap();
            assert_eq!(entity["contentSize"], one[name].len().to_string(), "{name}");
        }
    }
    // --version and --doi reach every metadata file.
    for name in [
        "CITATION.cff",
        ".zenodo.json",
        "ro-crate-metadata.json",
        "schema-org.jsonld",
        "description.trig",
        "README.md",
    ] {
        let text = String::from_utf8(one[name].clone()).unwrap();
        assert!(text.contains("10.5281/zenodo.7"), "{name} lacks the DOI");
        if name != "description.trig" {
            assert!(text.contains("2.0"), "{name} lacks the version");
        }
    }
    // The HTML page: both languages, escaped text, nothing fetched.
    let html = String::from_utf8(one["ontology/ontology.html"].clone()).unwrap();
    assert!(html.contains("行为体") && html.contains("Actor"));
    // Text from the graph is escaped (the ontology's comment says `>= 0`).
    assert!(html.contains("(&gt;= 0)") && !html.contains("(>= 0)"));
    assert!(!html.contains("<script") && !html.contains("http-equiv"));
}

#[test]
fn each_dump_is_the_graph() {
    let rel = bundles().join("one");
    let hash = wangluo(&["hash"]).ok().stdout;
    let mut canonical = Vec::new();
    let gz = std::fs::read(rel.join("dumps/wangluo.nq.gz")).unwrap();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut canonical).unwrap();
    assert_eq!(format!("{}\n", sha256_hex(&canonical)), hash);
    for dump in ["wangluo.trig", "wangluo.jsonld"] {
        let path = rel.join("dumps").join(dump);
        let run = wangluo(&["hash", utf8(&path)]).ok();
        assert_eq!(
            run.stdout.split_whitespace().next(),
            hash.split_whitespace().next(),
            "{dump}"
        );
    }
    // Turtle merges the graphs: the same hash as the merge of the export.
    let ttl = rel.join("dumps/wangluo.ttl");
    let scratch = tempfile::tempdir().unwrap();
    let export = scratch.path().join("export.ttl");
    wangluo(&["export", "-o", utf8(&export)]).ok();
    assert_eq!(
        std::fs::read(&ttl).unwrap(),
        std::fs::read(&export).unwrap()
    );
}

#[test]
fn package_refuses_bad_input_with_one_line_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("full")).unwrap();
    std::fs::write(dir.path().join("full/keep.txt"), "mine").unwrap();
    let line = wangluo_in(dir.path(), &["package", "-o", "full"]).error_line();
    assert!(line.contains("full") && line.contains("--force"), "{line}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("full/keep.txt")).unwrap(),
        "mine"
    );

    let bundled = wangluo::bundled::DATASET_METADATA;
    let unknown = bundled.replace(
        "license = \"CC-BY-4.0\"",
        "license = \"CC-BY-4.0 OR Made-Up-1.0\"",
    );
    std::fs::write(dir.path().join("bad-licence.toml"), unknown).unwrap();
    let line = wangluo_in(
        dir.path(),
        &["package", "-o", "out", "--metadata", "bad-licence.toml"],
    )
    .error_line();
    assert!(
        line.contains("bad-licence.toml")
            && line.contains("license")
            && line.contains("Made-Up-1.0"),
        "{line}"
    );
    std::fs::write(dir.path().join("broken.toml"), "title = \n").unwrap();
    let line = wangluo_in(
        dir.path(),
        &["package", "-o", "out", "--metadata", "broken.toml"],
    )
    .error_line();
    assert!(line.contains("broken.toml"), "{line}");
    let line = wangluo_in(dir.path(), &["describe", "--metadata", "missing.toml"]).error_line();
    assert!(line.contains("missing.toml"), "{line}");
    // A directory that cannot be created.
    let line = wangluo_in(dir.path(), &["package", "-o", "full/keep.txt/x"]).error_line();
    assert!(line.contains("keep.txt"), "{line}");
    // Nothing half-written: only what the test made.
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    left.sort();
    assert_eq!(left, ["bad-licence.toml", "broken.toml", "full"]);

    // An existing .zip is kept unless --force.
    std::fs::write(dir.path().join("out.zip"), "mine").unwrap();
    let line = wangluo_in(dir.path(), &["package", "--zip", "out.zip"]).error_line();
    assert!(
        line.contains("out.zip") && line.contains("--force"),
        "{line}"
    );
    assert_eq!(std::fs::read(dir.path().join("out.zip")).unwrap(), b"mine");
    wangluo_in(dir.path(), &["package", "--zip", "out.zip", "--force"]).ok();
    assert!(std::fs::read(dir.path().join("out.zip"))
        .unwrap()
        .starts_with(b"PK\x03\x04"));

    // --force replaces the directory as a whole.
    wangluo_in(dir.path(), &["package", "-o", "full", "--force"]).ok();
    assert!(!dir.path().join("full/keep.txt").exists());
    assert!(dir.path().join("full/SHA256SUMS").exists());
}

#[test]
fn convert_canonical_writes_the_canonical_n_quads() {
    let dir = tempfile::tempdir().unwrap();
    wangluo_in(
        dir.path(),
        &["export", "--format", "trig", "-o", "data.trig"],
    )
    .ok();
    let converted = wangluo_in(dir.path(), &["convert", "data.trig", "-", "--canonical"]).ok();
    let exported = wangluo(&["export", "--format", "nquads", "--canonical"]).ok();
    assert_eq!(converted.stdout, exported.stdout);
    let line = wangluo_in(
        dir.path(),
        &["convert", "data.trig", "out.ttl", "--canonical"],
    )
    .error_line();
    assert!(
        line.contains("--canonical") && line.contains("N-Quads"),
        "{line}"
    );
}

#[test]
fn describe_counts_a_persistent_store_and_names_each_document() {
    let fixture = crate::util::Fixture::new();
    let corpus = crate::util::repo().join("tests/fixtures/corpus");
    fixture
        .load(&[
            &corpus.join("alpha.toml"),
            &corpus.join("beta.toml"),
            &corpus.join("entities/actors.toml"),
        ])
        .ok();
    let run = fixture.at(&["describe", "--format", "nquads"]).ok();
    let description = Store::new().unwrap();
    description
        .load_from_slice(
            RdfParser::from_format(RdfFormat::NQuads),
            run.stdout.as_bytes(),
        )
        .unwrap();
    assert_eq!(
        dataset_number(&description, "triples"),
        fixture.quad_count() as u64
    );
    let documents = one_number(
        &description,
        "SELECT (COUNT(?d) AS ?n) WHERE { GRAPH ?g { <https://w3id.org/wangluo/dataset> <http://rdfs.org/ns/void#exampleResource> ?d } }",
    );
    assert_eq!(documents, 2);
    let subsets = one_number(
        &description,
        "SELECT (COUNT(?s) AS ?n) WHERE { GRAPH ?g { <https://w3id.org/wangluo/dataset> <http://rdfs.org/ns/void#subset> ?s } }",
    );
    // The ontology, alpha, beta and the shared entities' graph(s), at least; one subset each.
    let graphs = crate::util::single_number(
        &fixture.query_csv("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"),
    );
    let links = usize::from(run.stdout.contains("void#Linkset"));
    assert_eq!(subsets as usize, graphs + links);
}
