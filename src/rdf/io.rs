//! RDF I/O over oxigraph's parsers: format names and extensions, parsing with errors that name
//! file, line and column, base rewriting.

use crate::error::{Error, Result};
use crate::vocab::Base;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use std::path::Path;

/// An RDF document that does not parse: the file, the line and column (1-based, 0 when the
/// parser gives none) and oxigraph's error.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}:{column}")]
pub struct RdfSyntaxError {
    pub file: String,
    pub line: u64,
    pub column: u64,
    #[source]
    pub source: oxigraph::io::RdfSyntaxError,
}

/// The formats wangluo reads and writes, by the names users type.
pub const FORMAT_NAMES: &[(&str, RdfFormat)] = &[
    ("turtle", RdfFormat::Turtle),
    ("trig", RdfFormat::TriG),
    ("ntriples", RdfFormat::NTriples),
    ("nquads", RdfFormat::NQuads),
    ("rdfxml", RdfFormat::RdfXml),
    (
        "jsonld",
        RdfFormat::JsonLd {
            profile: oxigraph::io::JsonLdProfileSet::empty(),
        },
    ),
];

/// The format a file's extension names (`.ttl`, `.trig`, `.nt`, `.nq`, `.rdf`/`.owl`/`.xml`, `.jsonld`/`.json`).
pub fn format_from_path(path: &Path) -> Option<RdfFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "owl" | "xml" => Some(RdfFormat::RdfXml),
        "json" => Some(RdfFormat::JsonLd {
            profile: oxigraph::io::JsonLdProfileSet::empty(),
        }),
        other => RdfFormat::from_extension(other),
    }
}

/// The base IRI of a local file's relative IRIs: its `file:` URL (absolute, percent-encoded), as
/// Jena's riot and RDFLib give it. `None` only when the path cannot be made absolute.
pub fn file_base_iri(path: &Path) -> Option<String> {
    let absolute = std::path::absolute(path).ok()?;
    url::Url::from_file_path(absolute)
        .ok()
        .map(|url| url.to_string())
}

/// Below this size a document is parsed on one thread: splitting it saves less than the
/// threads cost. Above it, N-Triples and N-Quads are split at line ends and parsed on every core
/// (a million quads take over a second on one).
const PARALLEL_PARSE_BYTES: usize = 1 << 20;

/// Parses a whole RDF document; triples go to `default_graph`, relative IRIs are resolved
/// against `base_iri` (where the document came from: a `file:` URL or the URL fetched; without
/// one a relative IRI is a syntax error). Stops at the first error, which names the file, line
/// and column.
pub fn parse_rdf(
    file: &str,
    bytes: &[u8],
    format: RdfFormat,
    default_graph: &GraphName,
    base_iri: Option<&str>,
) -> Result<Vec<Quad>> {
    let parser = rdf_parser(file, format, default_graph, base_iri)?;
    if bytes.len() >= PARALLEL_PARSE_BYTES {
        let chunks = rayon::current_num_threads();
        if let Some(quads) = parse_in_chunks(parser.clone(), bytes, chunks) {
            return Ok(quads);
        }
    }
    parse_whole(file, parser, bytes)
}

/// [`parse_rdf`] on one thread, the document in one piece, whatever its size (the reference
/// the parallel parse is tested against).
pub fn parse_rdf_sequential(
    file: &str,
    bytes: &[u8],
    format: RdfFormat,
    default_graph: &GraphName,
    base_iri: Option<&str>,
) -> Result<Vec<Quad>> {
    parse_whole(
        file,
        rdf_parser(file, format, default_graph, base_iri)?,
        bytes,
    )
}

/// The quads of an N-Triples or N-Quads document split at line ends into (at most) `chunks`
/// pieces parsed on every core, in the document's order; None for other formats and when any
/// piece fails. A statement is one line in these formats, so the pieces give the quads the whole
/// gives, blank node labels included (kept as written, not renamed per piece); a statement a
/// cut would split leaves its piece unfinished, hence an error. On any error the caller parses
/// the whole again, for the line and column of the first error.
pub fn parse_in_chunks(parser: RdfParser, bytes: &[u8], chunks: usize) -> Option<Vec<Quad>> {
    use rayon::prelude::*;
    if !matches!(parser.format(), RdfFormat::NQuads | RdfFormat::NTriples) {
        return None;
    }
    let pieces: Vec<Vec<Quad>> = parser
        .split_slice_for_parallel_parsing(bytes, chunks.max(1))
        .into_par_iter()
        .map(Iterator::collect::<std::result::Result<Vec<Quad>, _>>)
        .collect::<std::result::Result<_, _>>()
        .ok()?;
    let mut quads = Vec::with_capacity(pieces.iter().map(Vec::len).sum());
    for piece in pieces {
        quads.extend(piece);
    }
    Some(quads)
}

/// The parser of a document: its format, default graph and base IRI.
fn rdf_parser(
    file: &str,
    format: RdfFormat,
    default_graph: &GraphName,
    base_iri: Option<&str>,
) -> Result<RdfParser> {
    let mut parser = RdfParser::from_format(format).with_default_graph(default_graph.clone());
    if let Some(base) = base_iri {
        parser = parser
            .with_base_iri(base)
            .map_err(|source| Error::InvalidBaseIri {
                file: file.to_owned(),
                base: base.to_owned(),
                source,
            })?;
    }
    Ok(parser)
}

/// The quads of a document parsed on one thread, or its first error with its line and column.
fn parse_whole(file: &str, parser: RdfParser, bytes: &[u8]) -> Result<Vec<Quad>> {
    parser
        .for_slice(bytes)
        .map(|quad| {
            quad.map_err(|source| {
                let (line, column) = source
                    .location()
                    .map_or((0, 0), |l| (l.start.line + 1, l.start.column + 1));
                RdfSyntaxError {
                    file: file.to_owned(),
                    line,
                    column,
                    source,
                }
                .into()
            })
        })
        .collect()
}

fn rebase_node(node: NamedNode, base: &Base) -> NamedNode {
    match base.rebase(node.as_str()) {
        std::borrow::Cow::Borrowed(_) => node,
        std::borrow::Cow::Owned(iri) => NamedNode::new_unchecked(iri),
    }
}

/// Moves every IRI of a quad (and every plain literal that spells one) from the default base to `base`.
pub fn rebase_quad(quad: Quad, base: &Base) -> Quad {
    if base.is_default() {
        return quad;
    }
    let subject = match quad.subject {
        NamedOrBlankNode::NamedNode(n) => rebase_node(n, base).into(),
        other => other,
    };
    let object = match quad.object {
        Term::NamedNode(n) => rebase_node(n, base).into(),
        // A namespace written as a literal (vann:preferredNamespaceUri) moves with the IRIs.
        Term::Literal(l)
            if l.language().is_none() && l.value().starts_with(crate::vocab::DEFAULT_BASE) =>
        {
            Literal::new_typed_literal(base.rebase(l.value()), l.datatype().into_owned()).into()
        }
        other => other,
    };
    let graph_name = match quad.graph_name {
        GraphName::NamedNode(n) => rebase_node(n, base).into(),
        other => other,
    };
    Quad::new(
        subject,
        rebase_node(quad.predicate, base),
        object,
        graph_name,
    )
}

/// The names of [`FORMAT_NAMES`], comma-separated, for messages.
pub fn format_names() -> String {
    FORMAT_NAMES
        .iter()
        .map(|(n, _)| *n)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The format called `name` (`turtle`, `trig`, `ntriples`, `nquads`, `rdfxml`, `jsonld`).
pub fn format_by_name(name: &str) -> Result<RdfFormat> {
    FORMAT_NAMES
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, f)| *f)
        .ok_or_else(|| Error::UnknownFormat {
            file: format!("format {name}"),
            expected: format_names(),
        })
}

/// Reads an RDF file in the format its extension names, relative IRIs resolved against its
/// `file:` URL; `expected` lists the extensions in the message when it names none.
pub fn read_rdf_file(path: &Path, expected: &str) -> Result<Vec<Quad>> {
    let name = path.display().to_string();
    let format = format_from_path(path).ok_or_else(|| Error::UnknownFormat {
        file: name.clone(),
        expected: expected.to_owned(),
    })?;
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    let base_iri = file_base_iri(path);
    parse_rdf(
        &name,
        &bytes,
        format,
        &GraphName::DefaultGraph,
        base_iri.as_deref(),
    )
}

/// oxigraph's serializer for `format`, with the prefixes of `base` (used by the formats that
/// have prefixes: Turtle, TriG, RDF/XML).
pub fn serializer(format: RdfFormat, base: &Base) -> Result<oxigraph::io::RdfSerializer> {
    let mut serializer = oxigraph::io::RdfSerializer::from_format(format);
    for (prefix, namespace) in base.prefixes() {
        serializer = serializer
            .with_prefix(prefix, namespace)
            .map_err(|e| Error::InvalidBase {
                base: base.as_str().to_owned(),
                reason: "an IRI made from it does not parse".to_owned(),
                source: Some(Box::new(e)),
            })?;
    }
    Ok(serializer)
}
