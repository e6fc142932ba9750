//! Exporting the knowledge graph to RDF files, deterministically and atomically.

use crate::error::{Error, Result};
use crate::rdf::FORMAT_NAMES;
use crate::store::KnowledgeGraph;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, Quad, Triple};
use std::io::Write;
use std::path::Path;

/// The format called `name` (`turtle`, `trig`, `ntriples`, `nquads`, `rdfxml`, `jsonld`).
pub fn format_by_name(name: &str) -> Result<RdfFormat> {
    FORMAT_NAMES
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, f)| *f)
        .ok_or_else(|| Error::UnknownFormat {
            file: format!("--format {name}"),
            expected: FORMAT_NAMES
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// The quads to export, sorted so that the same store always gives the same bytes.
fn sorted_quads(kg: &KnowledgeGraph, graph: Option<&NamedNode>) -> Result<Vec<Quad>> {
    let graph_ref: Option<GraphNameRef<'_>> = graph.map(|g| g.as_ref().into());
    let mut quads = kg
        .store()
        .quads_for_pattern(None, None, None, graph_ref)
        .collect::<std::result::Result<Vec<_>, _>>()?;
    quads.sort_by_cached_key(|q| {
        (
            q.graph_name.to_string(),
            q.subject.to_string(),
            q.predicate.to_string(),
            q.object.to_string(),
        )
    });
    Ok(quads)
}

/// Writes the whole store (or one graph) in `format`. Triple formats (Turtle, N-Triples,
/// RDF/XML) receive the merge of the selected graphs; quad formats keep the graph names.
/// Returns the number of statements written.
pub fn export(
    kg: &KnowledgeGraph,
    format: RdfFormat,
    graph: Option<&NamedNode>,
    out: impl Write,
) -> Result<usize> {
    let quads = sorted_quads(kg, graph)?;
    let mut serializer = RdfSerializer::from_format(format);
    for (prefix, namespace) in kg.base().prefixes() {
        serializer = serializer
            .with_prefix(prefix, namespace)
            .map_err(|e| Error::InvalidBase {
                base: kg.base().as_str().to_owned(),
                reason: e.to_string(),
            })?;
    }
    let write_err = |source| Error::Output {
        target: "export".to_owned(),
        source,
    };
    let mut writer = serializer.for_writer(out);
    let count = if format.supports_datasets() && graph.is_none() {
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
            if format.supports_datasets() {
                // A single graph exported as TriG / N-Quads keeps its name.
                let g = graph.map_or(GraphName::DefaultGraph, |g| g.clone().into());
                writer
                    .serialize_quad(&Quad::new(
                        t.subject.clone(),
                        t.predicate.clone(),
                        t.object.clone(),
                        g,
                    ))
                    .map_err(write_err)?;
            } else {
                writer.serialize_triple(t).map_err(write_err)?;
            }
        }
        triples.len()
    };
    let mut out = writer.finish().map_err(write_err)?;
    out.flush().map_err(write_err)?;
    Ok(count)
}

/// Exports to a file atomically (see [`crate::atomic::write_file`]): on any error the old file is
/// untouched.
pub fn export_to_file(
    kg: &KnowledgeGraph,
    format: RdfFormat,
    graph: Option<&NamedNode>,
    path: &Path,
) -> Result<usize> {
    crate::atomic::write_file(path, |out| export(kg, format, graph, out))
}
