//! Base IRIs of local RDF files: a file's relative IRIs (`<>`, `<a>`, `<#x>`) resolve against its
//! `file:` URL (absolute path, percent-encoded), as Jena's riot and RDFLib resolve them, in
//! `load`, `convert` and `validate` (data and shapes). Standard input has no location: a relative
//! IRI read from it stays an error.

use crate::util::{parse_rdf, utf8, wangluo, wangluo_with_stdin, Fixture};
use oxigraph::io::RdfFormat;
use oxigraph::model::{NamedNode, Term};
use std::path::Path;

/// A Turtle document about itself (`<>`) and a sibling (`<a>`), with a fragment (`<#part>`).
const RELATIVE: &str =
    "<> <http://example.org/about> <a> .\n<a> <http://example.org/part> <#part> .\n";

/// The `file:` URL of `path`, spelled out by hand: the temporary directories are ASCII without
/// characters to escape; the file names the tests use are escaped here.
fn file_url(path: &Path) -> String {
    let text = utf8(path)
        .replace(' ', "%20")
        .replace("数据", "%E6%95%B0%E6%8D%AE");
    format!("file://{text}")
}

/// The triples of `RELATIVE` once read from `file`, resolved against `url` (the file's URL).
fn expected_triples(url: &str) -> Vec<(String, String, String)> {
    let dir = &url[..=url.rfind('/').expect("a slash")];
    vec![
        (
            url.to_owned(),
            "http://example.org/about".to_owned(),
            format!("{dir}a"),
        ),
        (
            format!("{dir}a"),
            "http://example.org/part".to_owned(),
            format!("{url}#part"),
        ),
    ]
}

fn iri_text(term: Term) -> String {
    match term {
        Term::NamedNode(n) => n.into_string(),
        other => panic!("not an IRI: {other}"),
    }
}

#[test]
fn load_resolves_relative_iris_against_the_files_url() {
    let fixture = Fixture::new();
    std::fs::create_dir(fixture.path("my data")).unwrap();
    let file = fixture.write("my data/数据.ttl", RELATIVE);
    let url = file_url(&file);
    fixture.load(&[&file]).ok();
    let run = fixture.query_csv(
        "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), 'https://w3id.org/wangluo/graph/file/')) } ORDER BY ?p",
    );
    let rows: Vec<(String, String, String)> = run
        .csv_rows()
        .iter()
        .map(|row| {
            let cells: Vec<&str> = row.trim_end().split(',').collect();
            (cells[0].into(), cells[1].into(), cells[2].into())
        })
        .collect();
    assert_eq!(rows, expected_triples(&url), "{run:#?}");
}

#[test]
fn convert_resolves_relative_iris_against_the_files_url() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("doc.ttl");
    std::fs::write(&input, RELATIVE).unwrap();
    let output = dir.path().join("doc.nt");
    wangluo(&["convert", utf8(&input), utf8(&output)]).ok();
    let mut triples: Vec<(String, String, String)> =
        parse_rdf(&std::fs::read(&output).unwrap(), RdfFormat::NTriples)
            .into_iter()
            .map(|q| {
                (
                    iri_text(q.subject.into()),
                    q.predicate.into_string(),
                    iri_text(q.object),
                )
            })
            .collect();
    triples.sort_by(|a, b| a.1.cmp(&b.1));
    assert_eq!(triples, expected_triples(&file_url(&input)));
}

#[test]
fn convert_from_standard_input_has_no_base_and_refuses_a_relative_iri() {
    let dir = tempfile::tempdir().unwrap();
    let run = wangluo_with_stdin(
        dir.path(),
        &["convert", "-", "-", "--from", "turtle", "--to", "ntriples"],
        RELATIVE.as_bytes(),
    );
    let line = run.error_line();
    assert!(line.contains("<stdin>:1:"), "{line}");
}

/// Shapes and data side by side, both written with relative IRIs: `<a>` is the same node in
/// both only if each file's IRIs resolve against its own `file:` URL.
#[test]
fn validate_resolves_relative_iris_of_the_data_and_the_shapes() {
    let dir = tempfile::tempdir().unwrap();
    let shapes = dir.path().join("shapes.ttl");
    std::fs::write(
        &shapes,
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n\
         <#shape> a sh:NodeShape ; sh:targetNode <a> ;\n\
           sh:property [ sh:path <p> ; sh:minCount 1 ] .\n",
    )
    .unwrap();
    let good = dir.path().join("good.ttl");
    std::fs::write(&good, "<a> <p> <> .\n").unwrap();
    let bad = dir.path().join("bad.ttl");
    std::fs::write(&bad, "<a> <q> <> .\n").unwrap();

    wangluo(&["validate", "--shapes", utf8(&shapes), utf8(&good)]).ok();
    let run = wangluo(&["validate", "--shapes", utf8(&shapes), utf8(&bad)]);
    assert_eq!(run.code, Some(1), "{run:#?}");
    let focus = NamedNode::new(format!("{}/a", file_url(dir.path()))).unwrap();
    assert!(
        run.stdout.contains(focus.as_str()),
        "the violation does not name {focus}: {run:#?}"
    );
}
