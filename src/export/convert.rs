//! Converting RDF files between formats, like Jena's `riot`: formats from the file extensions
//! (or named), the whole input read and checked before anything is written, output written
//! deterministically and atomically.
//!
//! ```
//! use wangluo::export::convert::{convert, Endpoint, Formats};
//! use wangluo::vocab::Base;
//! let dir = tempfile::tempdir().unwrap();
//! let input = dir.path().join("in.nt");
//! std::fs::write(&input, "<http://example.org/s> <http://example.org/p> \"o\" .\n").unwrap();
//! let output = dir.path().join("out.ttl");
//! let report = convert(
//!     &Endpoint::File(input),
//!     &Endpoint::File(output.clone()),
//!     &Formats::default(),
//!     &Base::default(),
//!     std::io::empty(),
//!     std::io::sink(),
//! )
//! .unwrap();
//! assert_eq!(report.statements, 1);
//! assert!(std::fs::read_to_string(&output).unwrap().contains("<http://example.org/p> \"o\""));
//! ```

use crate::error::{Error, Result};
use crate::export::{write_quads, ExportFormat};
use crate::rdf::io::{file_base_iri, format_by_name, format_from_path, format_names, parse_rdf};
use crate::util::atomic;
use crate::vocab::Base;
use oxigraph::io::RdfFormat;
use oxigraph::model::GraphName;
use std::io::{Read, Write};
use std::path::PathBuf;

/// Where RDF is read from or written to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// Standard input or output (`-` on the command line).
    Standard,
    /// A file.
    File(PathBuf),
}

impl Endpoint {
    /// `-` is standard input or output; anything else a file path.
    pub fn from_argument(text: &str) -> Self {
        if text == "-" {
            Endpoint::Standard
        } else {
            Endpoint::File(PathBuf::from(text))
        }
    }

    /// How messages name this endpoint.
    pub fn name(&self, standard: &str) -> String {
        match self {
            Endpoint::Standard => standard.to_owned(),
            Endpoint::File(path) => path.display().to_string(),
        }
    }
}

/// What a conversion did.
#[derive(Clone, Debug, PartialEq)]
pub struct ConversionReport {
    /// Number of distinct statements written.
    pub statements: usize,
    /// The format read.
    pub from: RdfFormat,
    /// The format written.
    pub to: RdfFormat,
}

/// The format a name gives (`turtle`, `trig`, `ntriples`, `nquads`, `rdfxml`, `jsonld`, or an
/// extension such as `ttl` or `nq`), else the one the file extension gives. `what` names the
/// format in messages (`input format`, `output format`).
pub fn format_for(endpoint: &Endpoint, name: Option<&str>, what: &str) -> Result<RdfFormat> {
    let expected = || {
        format!(
            "{} (or the extensions .ttl, .trig, .nt, .nq, .rdf, .owl, .xml, .jsonld, .json)",
            format_names()
        )
    };
    if let Some(name) = name {
        return format_by_name(name)
            .ok()
            .or_else(|| format_from_path(&PathBuf::from(format!("x.{name}"))))
            .ok_or_else(|| Error::UnknownFormat {
                file: format!("{what} {name}"),
                expected: expected(),
            });
    }
    match endpoint {
        Endpoint::File(path) => format_from_path(path).ok_or_else(|| Error::UnknownFormat {
            file: format!("{} (no {what} for its extension)", path.display()),
            expected: expected(),
        }),
        Endpoint::Standard => Err(Error::UnknownFormat {
            file: format!("- (standard input or output) needs its {what} named"),
            expected: expected(),
        }),
    }
}

/// The formats named on the command line (`--from`, `--to`); a missing one comes from the file
/// extension.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Formats {
    pub from: Option<String>,
    pub to: Option<String>,
    /// Write RDFC-1.0 canonical N-Quads (the output format must be N-Quads, or unnamed).
    pub canonical: bool,
}

/// Reads `input` in `formats.from` (default: from its extension) and writes `output` in
/// `formats.to` (default: from its extension). [`Endpoint::Standard`] is `stdin` for the input and
/// `stdout` for the output. Everything is parsed first; a parse error names the file, line and
/// column, and leaves `output` untouched. A file output is replaced atomically. Triple formats
/// receive the merge of the input's graphs; JSON-LD is compacted against the bundled context.
pub fn convert(
    input: &Endpoint,
    output: &Endpoint,
    formats: &Formats,
    base: &Base,
    mut stdin: impl Read,
    stdout: impl Write,
) -> Result<ConversionReport> {
    let from = format_for(input, formats.from.as_deref(), "input format")?;
    let to = if formats.canonical && formats.to.is_none() && *output == Endpoint::Standard {
        RdfFormat::NQuads
    } else {
        format_for(output, formats.to.as_deref(), "output format")?
    };
    if formats.canonical && to != RdfFormat::NQuads {
        return Err(Error::InvalidOption {
            option: "canonical output".to_owned(),
            reason: format!("canonical output is N-Quads, not {}", to.name()),
        });
    }
    let input_name = input.name("<stdin>");
    let bytes = match input {
        Endpoint::Standard => {
            let mut bytes = Vec::new();
            stdin
                .read_to_end(&mut bytes)
                .map_err(|source| Error::Read {
                    path: PathBuf::from("<stdin>"),
                    source,
                })?;
            bytes
        }
        Endpoint::File(path) => std::fs::read(path).map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?,
    };
    // A file's relative IRIs resolve against its file: URL; standard input has no location.
    let base_iri = match input {
        Endpoint::File(path) => file_base_iri(path),
        Endpoint::Standard => None,
    };
    let quads = parse_rdf(
        &input_name,
        &bytes,
        from,
        &GraphName::DefaultGraph,
        base_iri.as_deref(),
    )?;
    let format = if formats.canonical {
        ExportFormat::CanonicalNQuads
    } else {
        ExportFormat::from(to)
    };
    let statements = match output {
        Endpoint::Standard => write_quads(quads, &format, base, stdout)?,
        Endpoint::File(path) => {
            atomic::write_file(path, |out| write_quads(quads, &format, base, out))?
        }
    };
    Ok(ConversionReport {
        statements,
        from,
        to,
    })
}
