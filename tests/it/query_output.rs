//! SELECT results written one solution at a time through the paced buffer of
//! `report::table::write_results` (issue 23) are the bytes the SPARQL results serializer writes
//! on its own, for every bundled query, with and without parameters, in CSV, TSV and JSON.

use crate::util::kg;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::QueryResults;
use wangluo::query::{bundled_queries, run, QueryParameter};
use wangluo::report::table::{write_results, Expanded, Layout, Outcome, SolutionsFormat};

/// The serializer alone, as `wangluo query` wrote before the output was paced.
fn serializer_bytes(results: QueryResults<'_>, format: QueryResultsFormat) -> (Vec<u8>, usize) {
    let QueryResults::Solutions(solutions) = results else {
        panic!("a SELECT query");
    };
    let mut out = Vec::new();
    let mut serializer = QueryResultsSerializer::from_format(format)
        .serialize_solutions_to_writer(&mut out, solutions.variables().to_vec())
        .expect("header");
    let mut rows = 0;
    for solution in solutions {
        serializer
            .serialize(&solution.expect("solution"))
            .expect("row");
        rows += 1;
    }
    serializer.finish().expect("end");
    (out, rows)
}

#[test]
fn paced_results_are_the_serializers_bytes() {
    let kg = kg();
    let param = QueryParameter::parse("document=wld:rathor-2024", &kg).expect("parameter");
    let mut with_rows = 0;
    for query in bundled_queries() {
        for params in [vec![], vec![param.clone()]] {
            if !params.is_empty() && !query.sparql.contains("?document") {
                continue;
            }
            for format in [
                QueryResultsFormat::Csv,
                QueryResultsFormat::Tsv,
                QueryResultsFormat::Json,
            ] {
                let results = || run(&kg, query.name, query.sparql, &params).expect("query runs");
                let (expected, rows) = serializer_bytes(results(), format);
                let mut written = Vec::new();
                let outcome = write_results(
                    results(),
                    SolutionsFormat::Standard(format),
                    oxigraph::io::RdfFormat::Turtle,
                    kg.base(),
                    Layout {
                        wrap: false,
                        expanded: Expanded::Never,
                    },
                    &mut written,
                )
                .expect("written");
                assert_eq!(
                    outcome,
                    Outcome::Solutions(rows),
                    "{} {format:?}",
                    query.name
                );
                assert!(
                    written == expected,
                    "{} {format:?}: paced output differs:\n{}",
                    query.name,
                    String::from_utf8_lossy(&written)
                );
                with_rows += usize::from(rows > 1);
            }
        }
    }
    assert!(with_rows > 10, "only {with_rows} answers of several rows");
}
