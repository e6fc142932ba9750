//! The things under the base IRI and their descriptions: `303 See Other` from the thing to its
//! description (Cool URIs), the RDF descriptions under `/data/`, the HTML ones under `/page/`.

use super::negotiate::{representation, Representation};
use super::{pages, plain, State};
use crate::export::{write_quads, ExportFormat};
use axum::extract::Path;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphName, NamedNode, Quad, Triple};

/// The top-level folders of things under the base.
const THING_ROOTS: [&str; 4] = ["id/", "vocab/", "graph/", "ontology"];

/// Whether a path (after the root) names a thing, rather than a page of the site.
fn is_thing_path(path: &str) -> bool {
    THING_ROOTS
        .iter()
        .any(|root| path == root.trim_end_matches('/') || path.starts_with(root))
        && !path.contains("..")
}

/// `GET /id/X` (and the other things): `303 See Other` to the description the client prefers.
pub async fn thing(state: State, Path(path): Path<String>, headers: HeaderMap) -> Response {
    if !is_thing_path(&path) {
        return pages::not_found(&state, &path);
    }
    let site = &*state.site();
    if !site.has(&format!("{}{path}", site.base.as_str())) {
        return pages::not_found(&state, &path);
    }
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
    let Some(chosen) = representation(accept) else {
        return not_acceptable();
    };
    let target = match chosen {
        Representation::Html => pages::reading_view_of_parts(site, &path)
            .unwrap_or_else(|| site.url(&format!("page/{path}"))),
        other => site.url(&format!("data/{path}.{}", other.extension())),
    };
    let mut response = see_other(target);
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("Accept"));
    response
}

/// `303 See Other` to `target`, with a line saying so.
fn see_other(target: String) -> Response {
    let body = format!("See {target}\n");
    (StatusCode::SEE_OTHER, [(header::LOCATION, target)], body).into_response()
}

/// `GET /data/PATH.EXT`: the description of the thing at `/PATH` in one RDF format.
pub async fn data(state: State, Path(path): Path<String>, headers: HeaderMap) -> Response {
    let Some((thing, extension)) = path.rsplit_once('.') else {
        return pages::not_found(&state, &path);
    };
    let Some(format) = Representation::from_extension(extension) else {
        return pages::not_found(&state, &path);
    };
    if !is_thing_path(thing) {
        return pages::not_found(&state, &path);
    }
    let site = &*state.site();
    let triples = description_triples(site, thing);
    if triples.is_empty() {
        return pages::not_found(&state, thing);
    }
    let key = format!("data/{path}");
    match state
        .rendered
        .get_or(&key, || serialize(site, triples, format))
    {
        Ok(made) => cached(site, &headers, format.media_type(), made),
        Err(e) => plain(
            StatusCode::INTERNAL_SERVER_ERROR,
            crate::error::one_line(&e),
        ),
    }
}

/// `GET /page/PATH`: the HTML description of the thing at `/PATH`.
pub async fn page(state: State, Path(path): Path<String>, headers: HeaderMap) -> Response {
    let site = state.site();
    if !is_thing_path(&path) || !site.has(&format!("{}{path}", site.base.as_str())) {
        return pages::not_found(&state, &path);
    }
    if let Some(reading) = pages::reading_view_of_parts(&site, &path) {
        return see_other(reading);
    }
    let key = format!("page/{path}");
    let made = state.rendered.get_or(&key, || {
        pages::resource_page(&state, &path).map(String::into_bytes)
    });
    match made {
        Ok(made) => cached(&site, &headers, "text/html", made),
        Err(e) => plain(
            StatusCode::INTERNAL_SERVER_ERROR,
            crate::error::one_line(&e),
        ),
    }
}

/// The statements a thing's description holds: a named graph's content for `graph/X`, else the
/// statements about the resource and its fragments (see [`super::site`]).
pub(crate) fn description_triples(site: &super::site::Site, path: &str) -> Vec<Triple> {
    let iri = format!("{}{path}", site.base.as_str());
    if path.starts_with("graph/") && site.graphs.contains_key(&iri) {
        let Ok(graph) = NamedNode::new(iri) else {
            return Vec::new();
        };
        return site
            .kg
            .store()
            .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
            .filter_map(Result::ok)
            .map(Triple::from)
            .collect();
    }
    site.description(&iri)
}

/// The triples as one RDF format (JSON-LD compacted with the project's context).
pub(crate) fn serialize(
    site: &super::site::Site,
    triples: Vec<Triple>,
    format: Representation,
) -> crate::Result<Vec<u8>> {
    let quads: Vec<Quad> = triples
        .into_iter()
        .map(|t| t.in_graph(GraphName::DefaultGraph))
        .collect();
    let format = match format {
        Representation::Turtle | Representation::Html => ExportFormat::Rdf(RdfFormat::Turtle),
        Representation::NTriples => ExportFormat::Rdf(RdfFormat::NTriples),
        Representation::RdfXml => ExportFormat::Rdf(RdfFormat::RdfXml),
        Representation::JsonLd => ExportFormat::JsonLd(Default::default()),
    };
    let mut out = Vec::new();
    write_quads(quads, &format, &site.base, &mut out)?;
    Ok(out)
}

/// A `200` with an ETag (the SHA-256 of the body, made by [`super::Rendered`]) and Last-Modified (when the graph was read),
/// or `304 Not Modified` when the client already has it.
pub(crate) fn cached(
    site: &super::site::Site,
    request: &HeaderMap,
    media_type: &str,
    (body, etag): (axum::body::Bytes, String),
) -> Response {
    let last_modified = httpdate::fmt_http_date(site.loaded_at);
    let fresh = request
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .any(|tag| tag.trim() == etag || tag.trim() == "*")
        });
    let content_type = if media_type.starts_with("text/") {
        format!("{media_type}; charset=utf-8")
    } else {
        media_type.to_owned()
    };
    let headers = [
        (header::ETAG, etag),
        (header::LAST_MODIFIED, last_modified),
        (header::CONTENT_TYPE, content_type),
        (header::VARY, "Accept".to_owned()),
    ];
    if fresh {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    (StatusCode::OK, headers, body).into_response()
}

fn not_acceptable() -> Response {
    let offered: Vec<&str> = Representation::ALL.iter().map(|r| r.media_type()).collect();
    let mut response = plain(
        StatusCode::NOT_ACCEPTABLE,
        format!(
            "no representation fits the Accept header; available: {}",
            offered.join(", ")
        ),
    );
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("Accept"));
    response
}
