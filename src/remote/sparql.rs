//! The SPARQL 1.1 Protocol: queries and updates sent to a remote endpoint, results read with
//! oxigraph's own parsers (SPARQL JSON/XML/CSV/TSV results, N-Triples, Turtle …).

use super::{display_url, RemoteClient, RemoteError, Request};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedNode, Term, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsParser};
use oxigraph::sparql::{QueryResults, QueryTripleIter};
use reqwest::Method;

/// What a query asks for: SELECT/ASK answer with SPARQL results, CONSTRUCT/DESCRIBE with RDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryForm {
    Solutions,
    Graph,
}

impl QueryForm {
    pub fn of(query: &spargebra::Query) -> Self {
        match query {
            spargebra::Query::Select { .. } | spargebra::Query::Ask { .. } => QueryForm::Solutions,
            _ => QueryForm::Graph,
        }
    }

    fn accept(self) -> &'static str {
        match self {
            QueryForm::Solutions => {
                "application/sparql-results+json, application/sparql-results+xml;q=0.8"
            }
            QueryForm::Graph => {
                "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
            }
        }
    }
}

/// The media type of a response, without its parameters (`; charset=…`).
pub(crate) fn media_type(response: &reqwest::blocking::Response) -> String {
    crate::http::media_type_essence(
        response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or(""),
    )
}

/// Sends `query` with `default_graphs` as the protocol's `default-graph-uri` parameters, and
/// reads the answer as query results.
///
/// The query goes as a form-encoded POST (`query=`), which every store takes: Virtuoso 7.2 never
/// answers a POST of `application/sparql-query` (tried: no answer until the timeout), and turns
/// some non-ASCII characters of a form into `?`, so those are sent as `\u` escapes — the same
/// query (SPARQL 1.1 §19.2).
pub fn query(
    client: &RemoteClient,
    endpoint: &url::Url,
    query: &str,
    form: QueryForm,
    default_graphs: &[NamedNode],
) -> Result<QueryResults<'static>, RemoteError> {
    let mut url = endpoint.clone();
    if !default_graphs.is_empty() {
        let mut pairs = url.query_pairs_mut();
        for graph in default_graphs {
            pairs.append_pair("default-graph-uri", graph.as_str());
        }
    }
    let body = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("query", &ascii_escaped(query))
        .finish();
    let response = client.send(&Request {
        content_type: Some("application/x-www-form-urlencoded"),
        accept: Some(form.accept()),
        body: Some(body.as_bytes()),
        ..Request::new(Method::POST, &url)
    })?;
    let shown = display_url(endpoint);
    let media_type = media_type(&response);
    let not_results = |expected: &str, source: Box<dyn std::error::Error + Send + Sync>| {
        RemoteError::BadResponse {
            url: shown.clone(),
            expected: expected.to_owned(),
            source,
        }
    };
    match form {
        QueryForm::Solutions => {
            let format = QueryResultsFormat::from_media_type(&media_type).ok_or_else(|| {
                not_results(
                    "SPARQL results",
                    format!("its media type is `{media_type}`").into(),
                )
            })?;
            let parsed = QueryResultsParser::from_format(format)
                .for_reader(response)
                .map_err(|e| not_results("SPARQL results", e.into()))?;
            Ok(parsed.into())
        }
        QueryForm::Graph => {
            let triples = read_triples(response, &media_type)
                .map_err(|e| not_results("RDF (for a CONSTRUCT or DESCRIBE query)", e))?;
            Ok(QueryResults::Graph(QueryTripleIter::new(
                triples.into_iter().map(Ok),
            )))
        }
    }
}

/// The query with every non-ASCII character as a SPARQL `\uXXXX` / `\UXXXXXXXX` escape.
pub fn ascii_escaped(query: &str) -> String {
    let mut out = String::with_capacity(query.len());
    for c in query.chars() {
        match u32::from(c) {
            code @ 0x80..=0xFFFF => out.push_str(&format!("\\u{code:04X}")),
            code @ 0x10000.. => out.push_str(&format!("\\U{code:08X}")),
            _ => out.push(c),
        }
    }
    out
}

/// Parses an RDF response by its media type (`text/plain`, which some stores send for
/// N-Triples, counts as N-Triples).
pub fn read_triples(
    response: reqwest::blocking::Response,
    media_type: &str,
) -> Result<Vec<Triple>, Box<dyn std::error::Error + Send + Sync>> {
    let format = match media_type {
        "text/plain" | "text/ntriples" | "text/n-triples" => RdfFormat::NTriples,
        other => RdfFormat::from_media_type(other)
            .ok_or_else(|| format!("its media type is `{other}`"))?,
    };
    RdfParser::from_format(format)
        .for_reader(response)
        .map(|quad| quad.map(Triple::from).map_err(Into::into))
        .collect()
}

/// The number of triples in `graph` on the server, by a `COUNT` through the query endpoint.
pub fn count_triples(
    client: &RemoteClient,
    endpoint: &url::Url,
    graph: &NamedNode,
) -> Result<usize, RemoteError> {
    let text = format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}");
    let results = query(client, endpoint, &text, QueryForm::Solutions, &[])?;
    let bad = |reason: String| RemoteError::BadResponse {
        url: display_url(endpoint),
        expected: "a count".to_owned(),
        source: reason.into(),
    };
    let QueryResults::Solutions(mut rows) = results else {
        return Err(bad("no solutions".to_owned()));
    };
    let row = rows
        .next()
        .ok_or_else(|| bad("no row".to_owned()))?
        .map_err(|e| bad(e.to_string()))?;
    match row.get("n") {
        Some(Term::Literal(n)) => n
            .value()
            .parse()
            .map_err(|_| bad(format!("`{}` is not a number", n.value()))),
        other => Err(bad(format!("?n is {other:?}"))),
    }
}

/// Runs a SPARQL Update (POST, form-encoded `update=`: the encoding every store takes).
pub fn update(client: &RemoteClient, endpoint: &url::Url, update: &str) -> Result<(), RemoteError> {
    let body = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("update", &ascii_escaped(update))
        .finish();
    client.send(&Request {
        content_type: Some("application/x-www-form-urlencoded"),
        body: Some(body.as_bytes()),
        ..Request::new(Method::POST, endpoint)
    })?;
    Ok(())
}
