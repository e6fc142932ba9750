//! The dataset as a whole: its VoID and DCAT description (`/.well-known/void`, as `wangluo
//! describe` makes it, with the server's endpoint and downloads), the SPARQL Service
//! Description, and downloads of the whole graph with its canonical hash as ETag.

use super::{plain, AppState, State};
use crate::export::{selected_quads, write_quads, ExportFormat};
use axum::body::Bytes;
use axum::extract::Path;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use oxigraph::io::RdfFormat;
use oxigraph::model::{BlankNode, GraphName, NamedNode, Quad, Triple};
use std::sync::OnceLock;

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

/// The whole-graph answers of a [`super::site::Site`], each made once, at its first request
/// (the graph does not change while serving; after an update, the new `Site` starts empty).
/// A request that comes while one is being made waits for it instead of making it again.
#[derive(Default)]
pub(crate) struct Made {
    void: OnceLock<Result<Bytes, String>>,
    hash: OnceLock<Result<String, String>>,
    downloads: [OnceLock<Result<Bytes, String>>; DOWNLOADS.len()],
}

/// Whether an answer was already made (`X-Cache: hit`) or made for this request (`miss`).
fn cache_header(hit: bool) -> (header::HeaderName, &'static str) {
    (
        header::HeaderName::from_static("x-cache"),
        if hit { "hit" } else { "miss" },
    )
}

/// The value in `cell`, made by `make` if it is empty, and whether it was already there.
fn made<T: Clone>(
    cell: &OnceLock<Result<T, String>>,
    make: impl FnOnce() -> crate::Result<T>,
) -> (Result<T, String>, bool) {
    let hit = cell.get().is_some();
    let value = cell.get_or_init(|| make().map_err(|e| crate::error::one_line(&e)));
    (value.clone(), hit)
}

fn turtle(state: &AppState, triples: Vec<Triple>) -> crate::Result<Vec<u8>> {
    let quads: Vec<Quad> = triples
        .into_iter()
        .map(|t| t.in_graph(GraphName::DefaultGraph))
        .collect();
    let mut out = Vec::new();
    crate::export::write_quads_with_prefixes(
        quads,
        &ExportFormat::Rdf(RdfFormat::Turtle),
        &state.site().base,
        crate::dataset::description::PREFIXES,
        &mut out,
    )?;
    Ok(out)
}

fn turtle_response(made: crate::Result<Vec<u8>>) -> Response {
    match made {
        Ok(out) => (
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
    turtle_response(turtle(state, service_triples(state)))
}

/// `GET /.well-known/void`. The description counts the whole graph: it is made once, off the
/// async workers, and has an ETag.
pub async fn void(state: State, headers: HeaderMap) -> Response {
    let state = state.0.clone();
    let made = tokio::task::spawn_blocking(move || {
        let site = state.site();
        let (body, hit) = made(&site.made.void, || {
            Ok(Bytes::from(turtle(&state, void_triples(&state)?)?))
        });
        (site, body, hit)
    })
    .await;
    match made {
        Ok((site, Ok(body), hit)) => {
            let etag = format!("\"{}\"", crate::util::hash::sha256_hex(&body));
            let mut response =
                super::resource::cached(&site, &headers, "text/turtle", (body, etag));
            let (name, value) = cache_header(hit);
            response
                .headers_mut()
                .insert(name, HeaderValue::from_static(value));
            response
        }
        Ok((_, Err(e), _)) => plain(StatusCode::INTERNAL_SERVER_ERROR, e),
        Err(e) => plain(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

/// The downloads: file name and media type.
const DOWNLOADS: [(&str, &str); 3] = [
    ("wangluo.nq.gz", "application/gzip"),
    ("wangluo.ttl", "text/turtle; charset=utf-8"),
    ("wangluo.jsonld", "application/ld+json"),
];

/// The whole graph written as the download `name`.
fn write_download(kg: &crate::store::KnowledgeGraph, name: &str) -> crate::Result<Bytes> {
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
    Ok(Bytes::from(out))
}

/// `GET /download/FILE`: the whole graph, its ETag the canonical (RDFC-1.0) hash; each file
/// and the hash made once.
pub async fn download(state: State, Path(file): Path<String>, headers: HeaderMap) -> Response {
    let Some(index) = DOWNLOADS.iter().position(|(name, _)| *name == file) else {
        return plain(StatusCode::NOT_FOUND, format!("no download `{file}`"));
    };
    let (name, media_type) = DOWNLOADS[index];
    let state = state.0.clone();
    let built = tokio::task::spawn_blocking(move || {
        let site = state.site();
        let kg = &site.kg;
        let (hash, _) = made(&site.made.hash, || crate::export::dataset_hash(kg, None));
        let (body, hit) = made(&site.made.downloads[index], || write_download(kg, name));
        (hash.and_then(|hash| Ok((hash, body?))), hit)
    })
    .await;
    let (hash, body, hit) = match built {
        Ok((Ok((hash, body)), hit)) => (hash, body, hit),
        Ok((Err(e), _)) => return plain(StatusCode::INTERNAL_SERVER_ERROR, e),
        Err(e) => return plain(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    };
    let etag = format!("\"{hash}\"");
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let disposition = format!("attachment; filename=\"{name}\"");
    let (cache, cache_value) = cache_header(hit);
    let response_headers = [
        (header::ETAG, etag),
        (header::CONTENT_TYPE, media_type.to_owned()),
        (header::CONTENT_DISPOSITION, disposition),
        (cache, cache_value.to_owned()),
    ];
    if fresh {
        return (StatusCode::NOT_MODIFIED, response_headers).into_response();
    }
    (StatusCode::OK, response_headers, body).into_response()
}
