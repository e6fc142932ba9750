//! N-Quads and N-Triples parsed in pieces on every core (`load` of a large file) give exactly the
//! quads of a parse in one piece: blank nodes, many graphs, comments, default-graph lines, a
//! statement cut by a piece's end, and an error on a late line (named as the whole parse names
//! it).

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedNode, Quad};
use wangluo::rdf::io::{parse_in_chunks, parse_rdf, parse_rdf_sequential};

const FILE: &str = "generated.nq";

fn default_graph() -> GraphName {
    NamedNode::new_unchecked("https://example.org/graph/file/generated").into()
}

fn parser(format: RdfFormat) -> RdfParser {
    RdfParser::from_format(format).with_default_graph(default_graph())
}

/// About `bytes` bytes of N-Quads: blank nodes (the same labels all through the file, as
/// subjects and objects), 37 graphs and the default graph, comments (whole lines and after a
/// statement), blank lines, literals with escapes, language tags and datatypes.
fn generated(bytes: usize) -> String {
    let mut text = String::from("# generated for the parallel parse tests\n");
    let mut n = 0;
    while text.len() < bytes {
        let graph = match n % 41 {
            0..=3 => String::new(),
            g => format!(" <https://example.org/g/{}>", g % 37),
        };
        let subject = if n % 3 == 0 {
            format!("_:b{}", n % 53)
        } else {
            format!("<https://example.org/s/{n}>")
        };
        let object = match n % 5 {
            0 => format!("_:b{}", (n * 7) % 53),
            1 => format!("\"line {n}\\nwith \\\"escapes\\\" \\u00E9\"@fr"),
            2 => format!("\"{n}\"^^<http://www.w3.org/2001/XMLSchema#integer>"),
            3 => format!("<https://example.org/o/{}>", n % 101),
            _ => format!("\"plain {n} # not a comment\""),
        };
        text.push_str(&format!(
            "{subject} <https://example.org/p/{}> {object}{graph} .",
            n % 13
        ));
        text.push_str(match n % 17 {
            0 => " # a comment after a statement\n",
            1 => "\n\n",
            2 => "\n# a comment line\n",
            _ => "\n",
        });
        n += 1;
    }
    text
}

#[test]
fn pieces_give_the_quads_of_the_whole() {
    let text = generated(300_000);
    let whole = parse_rdf_sequential(
        FILE,
        text.as_bytes(),
        RdfFormat::NQuads,
        &default_graph(),
        None,
    )
    .expect("the generated file parses");
    assert!(whole.len() > 2000, "{} quads", whole.len());
    assert!(whole.iter().any(|q| q.graph_name == default_graph()));
    for chunks in [1, 2, 3, 4, 7, 16] {
        let pieces = parse_in_chunks(parser(RdfFormat::NQuads), text.as_bytes(), chunks)
            .expect("every piece parses");
        assert_eq!(pieces, whole, "{chunks} pieces");
    }
}

#[test]
fn large_documents_parse_in_pieces_as_in_one() {
    // Over the size from which `parse_rdf` splits the document.
    let text = generated(1_500_000);
    let whole = parse_rdf_sequential(
        FILE,
        text.as_bytes(),
        RdfFormat::NQuads,
        &default_graph(),
        None,
    )
    .expect("the generated file parses");
    let parsed = parse_rdf(
        FILE,
        text.as_bytes(),
        RdfFormat::NQuads,
        &default_graph(),
        None,
    )
    .expect("the generated file parses");
    assert_eq!(parsed, whole);
}

#[test]
fn n_triples_pieces_go_to_the_default_graph() {
    let text: String = (0..5000)
        .map(|n| format!("_:b{} <https://example.org/p> \"{n}\" .\n", n % 11))
        .collect();
    let whole = parse_rdf_sequential(
        FILE,
        text.as_bytes(),
        RdfFormat::NTriples,
        &default_graph(),
        None,
    )
    .expect("parses");
    let pieces = parse_in_chunks(parser(RdfFormat::NTriples), text.as_bytes(), 4).expect("parses");
    assert_eq!(pieces, whole);
    assert!(pieces
        .iter()
        .all(|q: &Quad| q.graph_name == default_graph()));
}

#[test]
fn a_statement_cut_by_a_piece_end_makes_the_whole_parse_decide() {
    // The middle of the file falls on the second line of a statement written over two lines:
    // the first piece ends inside it, so the pieces fail and the whole is parsed instead.
    let half = generated(100_000);
    let first = format!("<https://example.org/s/{}>", "x".repeat(200));
    let split = format!("{first} <https://example.org/p>\n<https://example.org/o> .\n");
    let text = format!("{half}{split}{half}");
    assert!(parse_in_chunks(parser(RdfFormat::NQuads), text.as_bytes(), 2).is_none());
    let big = format!("{}{split}{}", generated(800_000), generated(800_000));
    let parsed = parse_rdf(
        FILE,
        big.as_bytes(),
        RdfFormat::NQuads,
        &default_graph(),
        None,
    );
    let whole = parse_rdf_sequential(
        FILE,
        big.as_bytes(),
        RdfFormat::NQuads,
        &default_graph(),
        None,
    );
    match (parsed, whole) {
        (Ok(parsed), Ok(whole)) => assert_eq!(parsed, whole),
        (Err(parsed), Err(whole)) => assert_eq!(parsed.to_string(), whole.to_string()),
        (parsed, whole) => panic!("parsed {:?}, whole {:?}", parsed.is_ok(), whole.is_ok()),
    }
}

#[test]
fn an_error_on_a_late_line_names_that_line() {
    let mut text = generated(1_500_000);
    let line = text.lines().count() + 1;
    text.push_str("<https://example.org/s> <https://example.org/p> \"unterminated .\n");
    text.push_str(&generated(1000));
    assert!(parse_in_chunks(parser(RdfFormat::NQuads), text.as_bytes(), 4).is_none());
    let error = parse_rdf(
        FILE,
        text.as_bytes(),
        RdfFormat::NQuads,
        &default_graph(),
        None,
    )
    .expect_err("the bad line is refused");
    let whole = parse_rdf_sequential(
        FILE,
        text.as_bytes(),
        RdfFormat::NQuads,
        &default_graph(),
        None,
    )
    .expect_err("the bad line is refused");
    assert_eq!(error.to_string(), whole.to_string());
    let message = wangluo::error::one_line(&error);
    assert!(
        message.contains(&format!("{FILE}:{line}:")),
        "{message} names line {line}"
    );
}
