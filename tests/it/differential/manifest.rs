//! The W3C SPARQL test manifests (`tests/fixtures/w3c-sparql/`), read with Oxigraph's parsers:
//! each `mf:QueryEvaluationTest` with its query, data, named graphs and expected result (SPARQL
//! XML/JSON results, or RDF: a DAWG result set or a CONSTRUCT graph).

use super::outcome::{Outcome, Row};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{Graph, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, TermRef, Triple};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput,
};
use std::path::PathBuf;

/// The IRI the suite's files have here (as in Oxigraph's own test runner).
pub const BASE: &str = "https://w3c.github.io/rdf-tests/sparql/";

const MF: &str = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
const QT: &str = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#";
const RS: &str = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#";

/// One query evaluation test.
#[derive(Debug)]
pub struct Test {
    pub id: String,
    pub query: String,
    pub data: Vec<String>,
    pub graph_data: Vec<String>,
    pub result: Option<String>,
    pub lax: bool,
}

/// The local file of a suite IRI.
pub fn local(iri: &str) -> PathBuf {
    let relative = iri
        .strip_prefix(BASE)
        .unwrap_or_else(|| panic!("{iri} not in the suite"));
    crate::util::repo()
        .join("tests/fixtures/w3c-sparql/sparql")
        .join(relative)
}

pub fn read(iri: &str) -> Vec<u8> {
    let path = local(iri);
    std::fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// The RDF format of a file, by its extension.
pub fn rdf_format(iri: &str) -> RdfFormat {
    let extension = iri.rsplit('.').next().unwrap_or_default();
    RdfFormat::from_extension(extension).unwrap_or_else(|| panic!("no RDF format for {iri}"))
}

/// Parses an RDF file of the suite (relative IRIs resolved against its own IRI).
pub fn parse_rdf(iri: &str) -> Vec<Triple> {
    RdfParser::from_format(rdf_format(iri))
        .with_base_iri(iri)
        .expect("base IRI")
        .for_slice(&read(iri))
        .map(|q| q.map(Triple::from))
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{iri}: {e}"))
}

/// The query evaluation tests of the manifest `manifest` (an IRI under [`BASE`]).
pub fn tests(manifest: &str) -> Vec<Test> {
    let graph: Graph = parse_rdf(manifest).into_iter().collect();
    let node = NamedNode::new_unchecked(manifest);
    let entries = object(&graph, node.as_ref().into(), &format!("{MF}entries"));
    let evaluation = NamedNode::new_unchecked(format!("{MF}QueryEvaluationTest"));
    list(&graph, entries)
        .into_iter()
        .filter_map(|entry| {
            let TermRef::NamedNode(entry) = entry else {
                return None;
            };
            let subject: NamedOrBlankNodeRef<'_> = entry.into();
            let is_evaluation = graph
                .object_for_subject_predicate(subject, rdf::TYPE)
                .is_some_and(|t| t == evaluation.as_ref().into());
            is_evaluation.then(|| test(&graph, entry))
        })
        .collect()
}

fn test(graph: &Graph, entry: NamedNodeRef<'_>) -> Test {
    let action = object(graph, entry.into(), &format!("{MF}action"));
    let action = match action {
        Some(TermRef::NamedNode(n)) => NamedOrBlankNodeRef::from(n),
        Some(TermRef::BlankNode(b)) => NamedOrBlankNodeRef::from(b),
        other => panic!("{entry}: action {other:?}"),
    };
    let iris = |predicate: &str| -> Vec<String> {
        let predicate = NamedNode::new_unchecked(predicate);
        let mut iris: Vec<String> = graph
            .objects_for_subject_predicate(action, &predicate)
            .filter_map(|t| match t {
                TermRef::NamedNode(n) => Some(n.as_str().to_owned()),
                _ => None,
            })
            .collect();
        iris.sort();
        iris
    };
    let result = match object(graph, entry.into(), &format!("{MF}result")) {
        Some(TermRef::NamedNode(n)) => Some(n.as_str().to_owned()),
        _ => None,
    };
    let lax = object(graph, entry.into(), &format!("{MF}resultCardinality"))
        .is_some_and(|t| t == NamedNodeRef::new_unchecked(&format!("{MF}LaxCardinality")).into());
    Test {
        id: entry.as_str().to_owned(),
        query: iris(&format!("{QT}query"))
            .pop()
            .unwrap_or_else(|| panic!("{entry}: no query")),
        data: iris(&format!("{QT}data")),
        graph_data: iris(&format!("{QT}graphData")),
        result,
        lax,
    }
}

fn object<'a>(
    graph: &'a Graph,
    subject: NamedOrBlankNodeRef<'_>,
    predicate: &str,
) -> Option<TermRef<'a>> {
    graph.object_for_subject_predicate(subject, NamedNodeRef::new_unchecked(predicate))
}

/// The members of an RDF list.
fn list<'a>(graph: &'a Graph, mut node: Option<TermRef<'a>>) -> Vec<TermRef<'a>> {
    let mut items = Vec::new();
    while let Some(TermRef::BlankNode(b)) = node {
        if let Some(first) = graph.object_for_subject_predicate(b, rdf::FIRST) {
            items.push(first);
        }
        node = graph.object_for_subject_predicate(b, rdf::REST);
    }
    items
}

/// The expected result of a test.
pub fn expected(iri: &str) -> Outcome {
    let format = match iri.rsplit('.').next() {
        Some("srx") => Some(QueryResultsFormat::Xml),
        Some("srj") => Some(QueryResultsFormat::Json),
        Some("tsv") => Some(QueryResultsFormat::Tsv),
        _ => None,
    };
    let Some(format) = format else {
        return rdf_result(iri, parse_rdf(iri));
    };
    let bytes = read(iri);
    match QueryResultsParser::from_format(format)
        .for_slice(&bytes)
        .unwrap_or_else(|e| panic!("{iri}: {e}"))
    {
        SliceQueryResultsParserOutput::Boolean(b) => Outcome::Boolean(b),
        SliceQueryResultsParserOutput::Solutions(solutions) => {
            let variables = solutions
                .variables()
                .iter()
                .map(|v| v.as_str().to_owned())
                .collect();
            let rows = solutions
                .map(|s| {
                    let s = s.unwrap_or_else(|e| panic!("{iri}: {e}"));
                    s.iter()
                        .map(|(v, t)| (v.as_str().to_owned(), t.clone()))
                        .collect()
                })
                .collect();
            Outcome::Rows { variables, rows }
        }
    }
}

/// An RDF result: a DAWG result set (`rs:ResultSet`) or the graph a CONSTRUCT gives.
fn rdf_result(iri: &str, triples: Vec<Triple>) -> Outcome {
    let graph: Graph = triples.iter().collect();
    let result_set = NamedNode::new_unchecked(format!("{RS}ResultSet"));
    let Some(set) = graph
        .subjects_for_predicate_object(rdf::TYPE, &result_set)
        .next()
    else {
        return Outcome::Graph(triples);
    };
    let rs = |local: &str| NamedNode::new_unchecked(format!("{RS}{local}"));
    if let Some(TermRef::Literal(b)) = graph.object_for_subject_predicate(set, &rs("boolean")) {
        return Outcome::Boolean(b.value() == "true");
    }
    let text = |t: TermRef<'_>| match t {
        TermRef::Literal(l) => l.value().to_owned(),
        other => panic!("{iri}: variable name {other}"),
    };
    let variables = graph
        .objects_for_subject_predicate(set, &rs("resultVariable"))
        .map(text)
        .collect();
    let mut rows = Vec::new();
    for solution in graph.objects_for_subject_predicate(set, &rs("solution")) {
        let TermRef::BlankNode(solution) = solution else {
            panic!("{iri}: solution {solution}")
        };
        let mut row = Row::new();
        for binding in graph.objects_for_subject_predicate(solution, &rs("binding")) {
            let TermRef::BlankNode(binding) = binding else {
                panic!("{iri}: binding {binding}")
            };
            let variable = graph
                .object_for_subject_predicate(binding, &rs("variable"))
                .map(text)
                .unwrap_or_else(|| panic!("{iri}: binding without variable"));
            let value = graph
                .object_for_subject_predicate(binding, &rs("value"))
                .map(TermRef::into_owned)
                .unwrap_or_else(|| panic!("{iri}: binding without value"));
            row.insert(variable, value);
        }
        rows.push(row);
    }
    Outcome::Rows { variables, rows }
}
