//! Publishing graphs to a store over the W3C Graph Store Protocol: one request per graph
//! (`?graph=IRI`, or `?default`), the graph as N-Triples, `PUT` to replace or `POST` to append;
//! then the count of triples the store holds, checked against what was sent.
//!
//! Blank nodes are skolemized (`{base}.well-known/genid/{label}`, RDF 1.1 §3.5) over the whole
//! dataset before it is split: a node shared by two graphs is then one IRI in both requests,
//! where two uploads of `_:b` would make two different nodes. The labels are the canonical
//! RDFC-1.0 ones, so the same data always gives the same IRIs and a replace is idempotent.
//!
//! With an update endpoint, a replace first uploads into a temporary graph and then `MOVE`s it
//! over the target in one SPARQL Update: the target is never half-written. A failed upload or
//! move drops the temporary graph.

use super::sparql::{count_triples, read_triples, update};
use super::{display_url, Progress, RemoteClient, RemoteError, Request};
use crate::rdf::skolem::skolemize;
use crate::vocab::Base;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, NamedNode, Quad, Triple};
use reqwest::Method;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// The media type every graph is sent as: N-Triples, which every store's Graph Store Protocol takes.
pub const MEDIA_TYPE: &str = "application/n-triples";

/// Stores whose URLs and conventions differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorePreset {
    Oxigraph,
    Virtuoso,
    Fuseki,
    Graphdb,
    Qlever,
}

impl StorePreset {
    /// Whether the store takes `Content-Encoding: gzip` uploads. Oxigraph server does (tried);
    /// Virtuoso 7.2 refuses them ("unsupported type"); the others are not tried here.
    pub fn takes_gzip(self) -> bool {
        matches!(self, StorePreset::Oxigraph)
    }

    /// The store's SPARQL query endpoint, derived from its Graph Store Protocol URL: Oxigraph
    /// `/store` → `/query`, Virtuoso `/sparql-graph-crud[-auth]` → `/sparql`, Fuseki
    /// `/DATASET/data` → `/DATASET/sparql`, GraphDB `/repositories/ID/rdf-graphs/service` →
    /// `/repositories/ID`, QLever: the same URL.
    pub fn query_endpoint(self, store: &url::Url) -> url::Url {
        let mut url = store.clone();
        url.set_query(None);
        let path = url.path().trim_end_matches('/').to_owned();
        let parent = |p: &str| {
            p.rsplit_once('/')
                .map_or(String::new(), |(a, _)| a.to_owned())
        };
        let new_path = match self {
            StorePreset::Oxigraph => format!("{}/query", parent(&path)),
            StorePreset::Virtuoso => format!("{}/sparql", parent(&path)),
            StorePreset::Fuseki => format!("{}/sparql", parent(&path)),
            StorePreset::Graphdb => path
                .strip_suffix("/rdf-graphs/service")
                .map_or(path.clone(), str::to_owned),
            StorePreset::Qlever => path,
        };
        url.set_path(&new_path);
        url
    }
}

/// One graph, ready to send.
#[derive(Debug, Clone)]
pub struct GraphUpload {
    /// The target graph (a named graph, or the default graph).
    pub graph: GraphName,
    /// The graph's triples as N-Triples (gzip-compressed when `encoding` says so).
    pub body: Vec<u8>,
    /// `Some("gzip")` once [`GraphUpload::gzipped`].
    pub encoding: Option<&'static str>,
    /// How many triples `body` holds.
    pub triples: usize,
}

impl GraphUpload {
    /// The same upload, its body gzip-compressed (`Content-Encoding: gzip`), for stores that
    /// take it.
    pub fn gzipped(self) -> Self {
        match self.encoding {
            Some(_) => self,
            None => GraphUpload {
                body: gzip(&self.body),
                encoding: Some("gzip"),
                ..self
            },
        }
    }

    /// The graph as the reports name it: its IRI, or `default`.
    pub fn name(&self) -> String {
        match &self.graph {
            GraphName::NamedNode(n) => n.as_str().to_owned(),
            _ => "default".to_owned(),
        }
    }
}

/// How to publish.
#[derive(Clone)]
pub struct PublishOptions {
    /// The Graph Store Protocol URL.
    pub store: url::Url,
    /// POST (add to the graph) instead of PUT (replace it).
    pub append: bool,
    /// Replace through a temporary graph and one SPARQL `MOVE`.
    pub update_endpoint: Option<url::Url>,
    /// Count what the store holds with a SPARQL `COUNT` here (else GET the graph).
    pub query_endpoint: Option<url::Url>,
    /// Told of every byte of the uploads as it goes out.
    pub progress: Option<Progress>,
}

/// `body` compressed for `Content-Encoding: gzip`: the fast level, since the time saved on the
/// wire is what counts.
fn gzip(body: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(body.len() / 4),
        flate2::Compression::fast(),
    );
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(body);
    encoder.finish().unwrap_or_default()
}

/// A request as `--dry-run` shows it (never with credentials).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedRequest {
    pub method: &'static str,
    pub url: String,
    pub media_type: &'static str,
    /// `gzip` when the body goes compressed.
    pub encoding: Option<&'static str>,
    pub bytes: usize,
}

/// What publishing one graph did.
#[derive(Debug, Clone)]
pub struct GraphReport {
    pub graph: String,
    pub sent: usize,
    pub stored: usize,
    pub elapsed: Duration,
}

/// Skolemizes the quads, then splits them into one N-Triples upload per graph (in graph order).
pub fn prepare_uploads(quads: Vec<Quad>, base: &Base) -> Vec<GraphUpload> {
    let mut graphs: BTreeMap<String, (GraphName, Vec<Triple>)> = BTreeMap::new();
    for quad in skolemize(quads, base) {
        let key = quad.graph_name.to_string();
        let graph = quad.graph_name.clone();
        graphs
            .entry(key)
            .or_insert_with(|| (graph, Vec::new()))
            .1
            .push(Triple::from(quad));
    }
    graphs
        .into_values()
        .map(|(graph, mut triples)| {
            triples.sort_by_cached_key(|t| t.to_string());
            triples.dedup();
            let mut writer = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
            for triple in &triples {
                // Writing to a Vec cannot fail.
                let _ = writer.serialize_triple(triple);
            }
            GraphUpload {
                graph,
                body: writer.finish().unwrap_or_default(),
                encoding: None,
                triples: triples.len(),
            }
        })
        .collect()
}

/// The Graph Store Protocol URL of one graph: `?graph=IRI`, or `?default`.
pub fn graph_url(store: &url::Url, graph: &GraphName) -> url::Url {
    let mut url = store.clone();
    match graph {
        GraphName::NamedNode(n) => {
            url.query_pairs_mut().append_pair("graph", n.as_str());
        }
        _ => url.set_query(Some(&match store.query() {
            Some(q) if !q.is_empty() => format!("{q}&default"),
            _ => "default".to_owned(),
        })),
    }
    url
}

/// The requests publishing `upload` will send, for `--dry-run`.
pub fn plan(upload: &GraphUpload, options: &PublishOptions) -> Vec<PlannedRequest> {
    let method = if options.append { "POST" } else { "PUT" };
    let upload_request = |graph: &GraphName| PlannedRequest {
        method,
        url: display_url(&graph_url(&options.store, graph)),
        media_type: MEDIA_TYPE,
        encoding: upload.encoding,
        bytes: upload.body.len(),
    };
    match (&options.update_endpoint, options.append) {
        (Some(endpoint), false) => {
            let temporary = temporary_graph(0);
            let update = move_update(&temporary, &upload.graph);
            vec![
                upload_request(&temporary.into()),
                PlannedRequest {
                    method: "POST",
                    url: display_url(endpoint),
                    media_type: "application/x-www-form-urlencoded (SPARQL Update: MOVE)",
                    encoding: None,
                    bytes: update.len(),
                },
            ]
        }
        _ => vec![upload_request(&upload.graph)],
    }
}

/// A graph name no one else uses, for the upload before the `MOVE`.
fn temporary_graph(index: usize) -> NamedNode {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    NamedNode::new_unchecked(format!(
        "urn:wangluo:publish:{}-{nanos}-{index}",
        std::process::id()
    ))
}

fn move_update(temporary: &NamedNode, target: &GraphName) -> String {
    match target {
        GraphName::NamedNode(n) => format!("MOVE GRAPH {temporary} TO GRAPH {n}"),
        _ => format!("MOVE GRAPH {temporary} TO DEFAULT"),
    }
}

/// Publishes one graph and checks what the store then holds. A replace must leave exactly the
/// triples sent; an append at least as many.
pub fn publish_graph(
    client: &RemoteClient,
    upload: &GraphUpload,
    options: &PublishOptions,
) -> Result<GraphReport, RemoteError> {
    let started = Instant::now();
    match (&options.update_endpoint, options.append) {
        (Some(endpoint), false) => replace_by_move(client, upload, options, endpoint)?,
        _ => send_graph(client, upload, &upload.graph, options)?,
    }
    let stored = stored_triples(client, &upload.graph, options)?;
    let consistent = if options.append {
        stored >= upload.triples
    } else {
        stored == upload.triples
    };
    if !consistent {
        return Err(RemoteError::Check {
            url: display_url(&graph_url(&options.store, &upload.graph)),
            reason: format!(
                "sent {} triples but the store holds {stored}",
                upload.triples
            ),
        });
    }
    Ok(GraphReport {
        graph: upload.name(),
        sent: upload.triples,
        stored,
        elapsed: started.elapsed(),
    })
}

fn send_graph(
    client: &RemoteClient,
    upload: &GraphUpload,
    graph: &GraphName,
    options: &PublishOptions,
) -> Result<(), RemoteError> {
    let url = graph_url(&options.store, graph);
    let method = if options.append {
        Method::POST
    } else {
        Method::PUT
    };
    client.send(&Request {
        content_type: Some(MEDIA_TYPE),
        content_encoding: upload.encoding,
        body: Some(&upload.body),
        progress: options.progress.as_ref(),
        ..Request::new(method, &url)
    })?;
    Ok(())
}

/// Upload into a temporary graph, then `MOVE` it over the target; drop it if either fails.
fn replace_by_move(
    client: &RemoteClient,
    upload: &GraphUpload,
    options: &PublishOptions,
    endpoint: &url::Url,
) -> Result<(), RemoteError> {
    let temporary = temporary_graph(0);
    let result = send_graph(client, upload, &temporary.clone().into(), options)
        .and_then(|()| update(client, endpoint, &move_update(&temporary, &upload.graph)));
    if result.is_err() {
        // Best effort: the store may be gone; the error that matters is the first one.
        let _ = update(client, endpoint, &format!("DROP SILENT GRAPH {temporary}"));
    }
    result
}

/// The number of triples the store holds in `graph`: a `COUNT` through the query endpoint if
/// there is one, else a GET of the graph.
pub fn stored_triples(
    client: &RemoteClient,
    graph: &GraphName,
    options: &PublishOptions,
) -> Result<usize, RemoteError> {
    if let (Some(endpoint), GraphName::NamedNode(named)) = (&options.query_endpoint, graph) {
        return count_triples(client, endpoint, named);
    }
    let url = graph_url(&options.store, graph);
    let response = client.send(&Request {
        accept: Some("application/n-triples, text/turtle;q=0.9"),
        ..Request::new(Method::GET, &url)
    })?;
    let media_type = super::sparql::media_type(&response);
    let mut triples =
        read_triples(response, &media_type).map_err(|source| RemoteError::BadResponse {
            url: display_url(&url),
            expected: "RDF".to_owned(),
            source,
        })?;
    triples.sort_by_cached_key(|t| t.to_string());
    triples.dedup();
    Ok(triples.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{BlankNode, Term};

    #[test]
    fn a_blank_node_shared_by_two_graphs_is_one_iri_in_both_uploads() {
        let b = BlankNode::new_unchecked("x");
        let p = NamedNode::new_unchecked("http://example.org/p");
        let g1 = NamedNode::new_unchecked("http://example.org/g1");
        let g2 = NamedNode::new_unchecked("http://example.org/g2");
        let quads = vec![
            Quad::new(b.clone(), p.clone(), Term::from(p.clone()), g1),
            Quad::new(p.clone(), p.clone(), Term::from(b), g2),
        ];
        let uploads = prepare_uploads(quads, &Base::default());
        assert_eq!(uploads.len(), 2);
        let text = |u: &GraphUpload| String::from_utf8(u.body.clone()).unwrap();
        let iri = "<https://w3id.org/wangluo/.well-known/genid/c14n0>";
        assert!(text(&uploads[0]).starts_with(iri), "{}", text(&uploads[0]));
        assert!(text(&uploads[1]).contains(&format!("> {iri} .")));
    }

    #[test]
    fn a_gzipped_upload_decompresses_to_the_same_n_triples() {
        use std::io::Read;
        let p = NamedNode::new_unchecked("http://example.org/p");
        let quads = (0..50)
            .map(|i| {
                let s = NamedNode::new_unchecked(format!("http://example.org/s{i}"));
                Quad::new(s, p.clone(), Term::from(p.clone()), GraphName::DefaultGraph)
            })
            .collect();
        let plain = prepare_uploads(quads, &Base::default()).remove(0);
        let gzipped = plain.clone().gzipped();
        assert_eq!(gzipped.encoding, Some("gzip"));
        assert!(gzipped.body.len() < plain.body.len());
        let mut text = Vec::new();
        flate2::read::GzDecoder::new(&gzipped.body[..])
            .read_to_end(&mut text)
            .unwrap();
        assert_eq!(text, plain.body);
        assert_eq!(gzipped.clone().gzipped().body, gzipped.body);
    }

    #[test]
    fn query_endpoints_follow_from_the_store_url() {
        let url = |s| url::Url::parse(s).unwrap();
        let q = |preset: StorePreset, s| preset.query_endpoint(&url(s)).to_string();
        assert_eq!(
            q(StorePreset::Oxigraph, "http://h:7878/store"),
            "http://h:7878/query"
        );
        assert_eq!(
            q(
                StorePreset::Virtuoso,
                "http://h:8890/sparql-graph-crud-auth"
            ),
            "http://h:8890/sparql"
        );
        assert_eq!(
            q(StorePreset::Fuseki, "http://h:3030/ds/data"),
            "http://h:3030/ds/sparql"
        );
        assert_eq!(
            q(
                StorePreset::Graphdb,
                "http://h/repositories/kg/rdf-graphs/service"
            ),
            "http://h/repositories/kg"
        );
    }

    #[test]
    fn every_request_names_its_graph() {
        let store = url::Url::parse("http://h/store").unwrap();
        let g = NamedNode::new_unchecked("https://w3id.org/wangluo/graph/x");
        assert_eq!(
            graph_url(&store, &g.into()).as_str(),
            "http://h/store?graph=https%3A%2F%2Fw3id.org%2Fwangluo%2Fgraph%2Fx"
        );
        assert_eq!(
            graph_url(&store, &GraphName::DefaultGraph).as_str(),
            "http://h/store?default"
        );
    }
}
