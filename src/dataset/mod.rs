//! The dataset describing itself: its metadata file ([`metadata`]), the counts of the graph
//! ([`statistics`], SPARQL), the dumps of a release ([`dumps`]), and from these the description
//! as VoID and DCAT ([`description`]) and as schema.org JSON-LD ([`schema_org`]). Nothing is
//! stored: `wangluo describe` prints the description, `wangluo package` writes it in the bundle.

pub mod description;
pub mod dumps;
pub mod metadata;
pub mod schema_org;
pub mod statistics;

use crate::error::Result;
use crate::store::KnowledgeGraph;
use dumps::ReleaseFile;
use metadata::Metadata;
use oxigraph::model::Quad;
use statistics::Statistics;

/// A metadata file that is missing, malformed or names an unknown licence.
#[derive(Debug, thiserror::Error)]
pub enum DatasetError {
    #[error("{file}: cannot read the dataset metadata")]
    ReadMetadata {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}: {reason}")]
    Metadata { file: String, reason: String },
}

/// Everything said about the dataset, computed from the store and the metadata.
pub struct DatasetDescription {
    pub metadata: Metadata,
    pub statistics: Statistics,
    /// The dumps, with their bytes.
    pub dumps: Vec<ReleaseFile>,
    /// The SHA-256 of the RDFC-1.0 canonical N-Quads of the whole store.
    pub canonical_hash: String,
}

impl DatasetDescription {
    /// Counts the store and renders its dumps (their sizes and checksums are stated).
    pub fn compute(kg: &KnowledgeGraph, metadata: Metadata) -> Result<Self> {
        let statistics = statistics::statistics(kg)?;
        let dumps = dumps::dumps(kg)?;
        let canonical_hash = crate::export::dataset_hash(kg, None)?;
        Ok(Self {
            metadata,
            statistics,
            dumps,
            canonical_hash,
        })
    }

    /// VoID and DCAT, in the named graph `{base}graph/void`.
    pub fn quads(&self, base: &crate::vocab::Base) -> Vec<Quad> {
        description::description_quads(
            &description::DescriptionInput {
                metadata: &self.metadata,
                statistics: &self.statistics,
                dumps: &self.dumps,
                canonical_hash: &self.canonical_hash,
            },
            base,
        )
    }

    /// Writes the description (VoID and DCAT, in its graph) in `format`, with the `void:`,
    /// `dcat:` and `spdx:` prefixes.
    pub fn write(
        &self,
        format: &crate::export::ExportFormat,
        base: &crate::vocab::Base,
        out: impl std::io::Write,
    ) -> Result<usize> {
        crate::export::write_quads_with_prefixes(
            self.quads(base),
            format,
            base,
            description::PREFIXES,
            out,
        )
    }

    /// The schema.org `Dataset` (JSON-LD text, ending with a line break).
    pub fn schema_org(&self, base: &crate::vocab::Base) -> String {
        let value = schema_org::schema_org_dataset(
            &self.metadata,
            &self.statistics,
            &self.dumps,
            description::dataset_iri(base).as_str(),
        );
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
        text.push('\n');
        text
    }
}
