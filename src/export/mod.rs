//! Exporting the knowledge graph to RDF files, deterministically and atomically.
//!
//! The same store always gives the same bytes: statements are sorted, prefixes are fixed, blank
//! nodes carry their canonical RDFC-1.0 labels (`c14n0` …) whatever labels the store gave them,
//! and JSON-LD is put in a stable order (see [`jsonld`]). Also here: the claims network as
//! Graphviz DOT ([`dot`]) and the conversion of RDF files between formats ([`convert`]).

pub mod convert;
pub mod dot;
pub mod jsonld;
pub mod shards;
pub mod stream;

use crate::error::{Error, Result};
use crate::rdf::canonical;
use crate::store::KnowledgeGraph;
use crate::util::atomic;
use crate::vocab::Base;
use jsonld::JsonLdOptions;
use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphNameRef, NamedNode, Quad, Triple};
use std::io::Write;
use std::path::Path;

/// What an export writes.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportFormat {
    /// Turtle, TriG, N-Triples, N-Quads or RDF/XML, written by oxigraph (JSON-LD goes to
    /// [`ExportFormat::JsonLd`] with default options).
    Rdf(RdfFormat),
    /// JSON-LD, compacted against a context by default.
    JsonLd(JsonLdOptions),
    /// RDFC-1.0 canonical N-Quads: the form [`dataset_hash`] hashes.
    CanonicalNQuads,
}

impl From<RdfFormat> for ExportFormat {
    fn from(format: RdfFormat) -> Self {
        match format {
            RdfFormat::JsonLd { .. } => ExportFormat::JsonLd(JsonLdOptions::default()),
            other => ExportFormat::Rdf(other),
        }
    }
}

/// The statements of the store, or of one named graph, with their graph names, sorted so that
/// the same store always gives the same order.
pub fn selected_quads(kg: &KnowledgeGraph, graph: Option<&NamedNode>) -> Result<Vec<Quad>> {
    let graph_ref: Option<GraphNameRef<'_>> = graph.map(|g| g.as_ref().into());
    let mut quads = kg
        .store()
        .quads_for_pattern(None, None, None, graph_ref)
        .collect::<std::result::Result<Vec<_>, _>>()?;
    sort_quads(&mut quads);
    Ok(quads)
}

/// The quads with canonical blank-node labels, sorted, without duplicates.
fn stable_quads(quads: Vec<Quad>) -> Vec<Quad> {
    let mut quads = canonical::with_canonical_blank_nodes(quads);
    sort_quads(&mut quads);
    quads.dedup();
    quads
}

fn sort_quads(quads: &mut [Quad]) {
    quads.sort_by_cached_key(|q| {
        (
            q.graph_name.to_string(),
            q.subject.to_string(),
            q.predicate.to_string(),
            q.object.to_string(),
        )
    });
}

/// The SHA-256 (lowercase hex) of the RDFC-1.0 canonical N-Quads of the store, or of one named
/// graph: the same data gives the same hash whatever the load order, labels or machine.
pub fn dataset_hash(kg: &KnowledgeGraph, graph: Option<&NamedNode>) -> Result<String> {
    canonical::canonical_hash(&selected_quads(kg, graph)?)
}

/// Writes the whole store (or one graph) in `format`. Triple formats (Turtle, N-Triples,
/// RDF/XML) receive the merge of the selected graphs; quad formats (TriG, N-Quads, JSON-LD,
/// canonical N-Quads) keep the graph names. Returns the number of statements written.
///
/// RDF formats stream from the store ([`stream`]; compacted and flattened JSON-LD:
/// [`jsonld::stream`], a large graph subject by subject): memory grows with the largest graph
/// (JSON-LD: with its subjects), not the dataset. Expanded JSON-LD,
/// JSON-LD of one graph and canonical N-Quads are made in memory first: if they fail, nothing is
/// written.
pub fn export(
    kg: &KnowledgeGraph,
    format: &ExportFormat,
    graph: Option<&NamedNode>,
    out: impl Write,
) -> Result<usize> {
    match format {
        ExportFormat::Rdf(rdf) if stream::streams(*rdf) => {
            stream::write_store(kg.store(), graph, *rdf, kg.base(), out)
        }
        ExportFormat::JsonLd(options) => {
            match jsonld::stream::plan(kg.store(), graph, options, kg.base())? {
                Some(plan) => plan.write(out),
                None => write_quads(selected_quads(kg, graph)?, format, kg.base(), out),
            }
        }
        _ => write_quads(selected_quads(kg, graph)?, format, kg.base(), out),
    }
}

/// Writes quads in `format`, deterministically: the same quads, in any order and under any
/// blank-node labels, give the same bytes. Triple formats receive the merge of the graphs
/// (duplicates removed); quad formats keep the graph names. `base` gives the prefixes and the
/// JSON-LD context. Returns the number of statements written.
pub fn write_quads(
    quads: Vec<Quad>,
    format: &ExportFormat,
    base: &Base,
    out: impl Write,
) -> Result<usize> {
    write_quads_with_prefixes(quads, format, base, &[], out)
}

/// [`write_quads`], with prefixes declared beside those of `base` (Turtle, TriG, RDF/XML): the
/// dataset description uses `void:`, `dcat:` and `spdx:`, which the data does not.
pub fn write_quads_with_prefixes(
    quads: Vec<Quad>,
    format: &ExportFormat,
    base: &Base,
    extra_prefixes: &[(&str, &str)],
    mut out: impl Write,
) -> Result<usize> {
    let write_err = |source| Error::Output {
        target: "export".to_owned(),
        source,
    };
    let quads = stable_quads(quads);
    let count = quads.len();
    let default_jsonld = ExportFormat::JsonLd(JsonLdOptions::default());
    let format = match format {
        ExportFormat::Rdf(RdfFormat::JsonLd { .. }) => &default_jsonld,
        other => other,
    };
    match format {
        ExportFormat::Rdf(format) => return write_rdf(*format, quads, base, extra_prefixes, out),
        ExportFormat::JsonLd(options) => {
            let text = jsonld::to_jsonld(&quads, options, base)?;
            out.write_all(text.as_bytes()).map_err(write_err)?;
        }
        ExportFormat::CanonicalNQuads => {
            let bytes = canonical::canonical_nquads(&quads)?;
            out.write_all(&bytes).map_err(write_err)?;
        }
    }
    out.flush().map_err(write_err)?;
    Ok(count)
}

/// Writes stable quads (see [`stable_quads`]) with oxigraph's serializer for `format`.
fn write_rdf(
    format: RdfFormat,
    quads: Vec<Quad>,
    base: &Base,
    extra_prefixes: &[(&str, &str)],
    out: impl Write,
) -> Result<usize> {
    let mut serializer = crate::rdf::io::serializer(format, base)?;
    for (prefix, namespace) in extra_prefixes {
        serializer =
            serializer
                .with_prefix(*prefix, *namespace)
                .map_err(|e| Error::InvalidBase {
                    base: base.as_str().to_owned(),
                    reason: "an IRI made from it does not parse".to_owned(),
                    source: Some(Box::new(e)),
                })?;
    }
    let write_err = |source| Error::Output {
        target: "export".to_owned(),
        source,
    };
    let mut writer = serializer.for_writer(out);
    let count = if format.supports_datasets() {
        // Quads keep their graph names (a single exported graph keeps its name too).
        for q in &quads {
            writer.serialize_quad(q).map_err(write_err)?;
        }
        quads.len()
    } else {
        let mut triples: Vec<Triple> = quads.into_iter().map(Triple::from).collect();
        triples.sort_by_cached_key(|t| {
            (
                t.subject.to_string(),
                t.predicate.to_string(),
                t.object.to_string(),
            )
        });
        triples.dedup();
        for t in &triples {
            writer.serialize_triple(t).map_err(write_err)?;
        }
        triples.len()
    };
    let mut out = writer.finish().map_err(write_err)?;
    out.flush().map_err(write_err)?;
    Ok(count)
}

/// Exports to a file atomically (see [`atomic::write_file`]): on any error the old file is
/// untouched.
pub fn export_to_file(
    kg: &KnowledgeGraph,
    format: &ExportFormat,
    graph: Option<&NamedNode>,
    path: &Path,
) -> Result<usize> {
    atomic::write_file(path, |out| export(kg, format, graph, out))
}
