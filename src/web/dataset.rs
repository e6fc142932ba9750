//! The dataset as a whole: its VoID and DCAT description (`/.well-known/void`, as `wangluo
//! describe` makes it, with the server's endpoint and downloads), the SPARQL Service
//! Description, and downloads of the whole graph with its canonical hash as ETag.

use super::{plain, AppState, State};
use crate::export::{selected_quads, write_quads, ExportFormat};
use axum::extract::Path;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use oxigraph::io::RdfFormat;
use oxigraph::model::{BlankNode, GraphName, NamedNode, Quad, Triple};
use std::io::Write;

const VOID: &str = "http://rdfs.org/ns/void#";
const SD: &str = "http://www.w3.org/ns/sparql-service-description#";
const FORMATS: &str = "http://www.w3.org/ns/formats/";

fn node(namespace: &str, local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{namespace}{local}"))
}

fn rdf_type() -> NamedNode {
    node(crate::vocab::ns::RDF, "type")
}

/// The dataset's description as `wangluo describe` gives it (VoID and DCAT, from the graph and
/// `dataset.toml`), plus what only the server knows: its SPARQL endpoint and its downloads.
pub fn void_triples(state: &AppState) -> crate::Result<Vec<Triple>> {
    let site = &*state.site();
    let metadata = crate::dataset::metadata::Metadata::bundled()?;
    let description = crate::dataset::DatasetDescription::compute(&site.kg, metadata)?;
    let dataset = crate::dataset::description::dataset_iri(&site.base);
    let mut triples: Vec<Triple> = description
        .quads(&site.base)
        .into_iter()
        .map(Triple::from)
        .collect();
    triples.push(Triple::new(
        dataset.clone(),
        node(VOID, "sparqlEndpoint"),
        NamedNode::new_unchecked(site.url("sparql")),
    ));
    for file in DOWNLOADS.map(|(name, _)| name) {
        triples.push(Triple::new(
            dataset.clone(),
            node(VOID, "dataDump"),
            NamedNode::new_unchecked(site.url(&format!("download/{file}"))),
        ));
    }
    Ok(triples)
}

/// The SPARQL 1.1 Service Description of `/sparql`.
fn service_triples(state: &AppState) -> Vec<Triple> {
    let endpoint = NamedNode::new_unchecked(state.site().url("sparql"));
    let dataset = BlankNode::default();
    let graph = BlankNode::default();
    let mut triples = vec![
        Triple::new(endpoint.clone(), rdf_type(), node(SD, "Service")),
        Triple::new(endpoint.clone(), node(SD, "endpoint"), endpoint.clone()),
        Triple::new(
            endpoint.clone(),
            node(SD, "supportedLanguage"),
            node(SD, "SPARQL11Query"),
        ),
        Triple::new(
            endpoint.clone(),
            node(SD, "feature"),
            node(SD, "UnionDefaultGraph"),
        ),
        Triple::new(
            endpoint.clone(),
            node(SD, "defaultDataset"),
            dataset.clone(),
        ),
        Triple::new(dataset.clone(), rdf_type(), node(SD, "Dataset")),
        Triple::new(dataset, node(SD, "defaultGraph"), graph.clone()),
        Triple::new(graph, rdf_type(), node(SD, "Graph")),
    ];
    for format in [
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "RDF_XML",
        "JSON-LD",
    ] {
        triples.push(Triple::new(
            endpoint.clone(),
            node(SD, "resultFormat"),
            node(FORMATS, format),
        ));
    }
    triples
}

fn turtle(state: &AppState, triples: Vec<Triple>) -> Response {
    let quads: Vec<Quad> = triples
        .into_iter()
        .map(|t| t.in_graph(GraphName::DefaultGraph))
        .collect();
    let mut out = Vec::new();
    match crate::export::write_quads_with_prefixes(
        quads,
        &ExportFormat::Rdf(RdfFormat::Turtle),
        &state.site().base,
        crate::dataset::description::PREFIXES,
        &mut out,
    ) {
        Ok(_) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "text/turtle; charset=utf-8")],
            out,
        )
            .into_response(),
        Err(e) => plain(
            StatusCode::INTERNAL_SERVER_ERROR,
            crate::error::one_line(&e),
        ),
    }
}

/// `GET /sparql` without a query.
pub(crate) fn service_description(state: &AppState) -> Response {
    turtle(state, service_triples(state))
}

/// `GET /.well-known/void`. The description counts the whole graph: it is made off the
/// async workers.
pub async fn void(state: State) -> Response {
    let state = state.0.clone();
    let made = tokio::task::spawn_blocking(move || {
        void_triples(&state).map(|triples| turtle(&state, triples))
    })
    .await;
    match made {
        Ok(Ok(response)) => response,
        Ok(Err(e)) => plain(
            StatusCode::INTERNAL_SERVER_ERROR,
            crate::error::one_line(&e),
        ),
        Err(e) => plain(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

/// The downloads: file name and media type.
const DOWNLOADS: [(&str, &str); 3] = [
    ("wangluo.nq.gz", "application/gzip"),
    ("wangluo.ttl", "text/turtle; charset=utf-8"),
    ("wangluo.jsonld", "application/ld+json"),
];

/// `GET /download/FILE`: the whole graph, its ETag the canonical (RDFC-1.0) hash.
pub async fn download(state: State, Path(file): Path<String>, headers: HeaderMap) -> Response {
    let Some((name, media_type)) = DOWNLOADS.iter().find(|(name, _)| *name == file) else {
        return plain(StatusCode::NOT_FOUND, format!("no download `{file}`"));
    };
    let state = state.0.clone();
    let name = *name;
    let built = tokio::task::spawn_blocking(move || -> crate::Result<(String, Vec<u8>)> {
        let kg = &state.site().kg;
        let hash = crate::export::dataset_hash(kg, None)?;
        let quads = selected_quads(kg, None)?;
        let mut out = Vec::new();
        match name {
            "wangluo.ttl" => write_quads(
                quads,
                &ExportFormat::Rdf(RdfFormat::Turtle),
                kg.base(),
                &mut out,
            )?,
            "wangluo.jsonld" => write_quads(
                quads,
                &ExportFormat::JsonLd(Default::default()),
                kg.base(),
                &mut out,
            )?,
            _ => {
                let mut gzip =
                    flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
                write_quads(
                    quads,
                    &ExportFormat::Rdf(RdfFormat::NQuads),
                    kg.base(),
                    &mut gzip,
                )?;
                out = gzip.finish().map_err(|source| crate::Error::Output {
                    target: name.to_owned(),
                    source,
                })?;
                0
            }
        };
        out.flush().ok();
        Ok((hash, out))
    })
    .await;
    let (hash, body) = match built {
        Ok(Ok(built)) => built,
        Ok(Err(e)) => {
            return plain(
                StatusCode::INTERNAL_SERVER_ERROR,
                crate::error::one_line(&e),
            )
        }
        Err(e) => return plain(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    };
    let etag = format!("\"{hash}\"");
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let disposition = format!("attachment; filename=\"{name}\"");
    let response_headers = [
        (header::ETAG, etag),
        (header::CONTENT_TYPE, (*media_type).to_owned()),
        (header::CONTENT_DISPOSITION, disposition),
    ];
    if fresh {
        return (StatusCode::NOT_MODIFIED, response_headers).into_response();
    }
    (StatusCode::OK, response_headers, body).into_response()
}
