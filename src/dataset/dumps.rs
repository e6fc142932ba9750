//! The dumps of a release, made in memory so that their sizes and checksums are known before
//! anything is written: the same store always gives the same bytes (exports are sorted, blank
//! nodes canonically labelled, the gzip header fixed).

use crate::error::{Error, Result};
use crate::export::{export, ExportFormat};
use crate::store::KnowledgeGraph;
use crate::util::hash::sha256_hex;
use oxigraph::io::RdfFormat;
use std::io::Write;

/// One file of a release, with its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReleaseFile {
    /// Its path in the bundle (`dumps/wangluo.ttl`), `/`-separated.
    pub path: String,
    pub bytes: Vec<u8>,
    /// Its IANA media type (`text/turtle`); of the content for a compressed file.
    pub media_type: &'static str,
    /// Whether the file is gzip-compressed.
    pub gzip: bool,
    /// What it holds, in a few words.
    pub title: String,
}

impl ReleaseFile {
    pub fn new(path: &str, bytes: Vec<u8>, media_type: &'static str, title: &str) -> Self {
        Self {
            path: path.to_owned(),
            bytes,
            media_type,
            gzip: false,
            title: title.to_owned(),
        }
    }

    /// The SHA-256 of the file's bytes (lowercase hex).
    pub fn sha256(&self) -> String {
        sha256_hex(&self.bytes)
    }

    /// Its size in bytes.
    pub fn size(&self) -> u64 {
        self.bytes.len() as u64
    }
}

/// The dumps: canonical N-Quads (gzip), Turtle, TriG and compacted JSON-LD of the whole graph,
/// each what `wangluo export` writes in that format.
pub fn dumps(kg: &KnowledgeGraph) -> Result<Vec<ReleaseFile>> {
    let render = |format: ExportFormat| -> Result<Vec<u8>> {
        let mut bytes = Vec::new();
        export(kg, &format, None, &mut bytes)?;
        Ok(bytes)
    };
    let canonical = render(ExportFormat::CanonicalNQuads)?;
    let mut nquads = ReleaseFile::new(
        "dumps/wangluo.nq.gz",
        gzip(&canonical)?,
        "application/n-quads",
        "The whole graph as RDFC-1.0 canonical N-Quads, gzip-compressed",
    );
    nquads.gzip = true;
    Ok(vec![
        nquads,
        ReleaseFile::new(
            "dumps/wangluo.ttl",
            render(ExportFormat::Rdf(RdfFormat::Turtle))?,
            "text/turtle",
            "The whole graph as Turtle (the named graphs merged)",
        ),
        ReleaseFile::new(
            "dumps/wangluo.trig",
            render(ExportFormat::Rdf(RdfFormat::TriG))?,
            "application/trig",
            "The whole graph as TriG (named graphs kept)",
        ),
        ReleaseFile::new(
            "dumps/wangluo.jsonld",
            render(ExportFormat::from(RdfFormat::JsonLd {
                profile: oxigraph::io::JsonLdProfileSet::empty(),
            }))?,
            "application/ld+json",
            "The whole graph as JSON-LD, compacted against context.jsonld",
        ),
    ])
}

/// gzip with a fixed header (no file name, modification time 0), so the same bytes always
/// compress to the same file.
pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let write_err = |source| Error::Output {
        target: "gzip".to_owned(),
        source,
    };
    let mut encoder = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).map_err(write_err)?;
    encoder.finish().map_err(write_err)
}
