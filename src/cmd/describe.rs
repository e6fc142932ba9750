//! `wangluo describe`: the dataset's description (VoID, DCAT, schema.org), computed from the graph.

use super::Context;
use oxigraph::io::RdfFormat;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use wangluo::dataset::metadata::Metadata;
use wangluo::dataset::DatasetDescription;
use wangluo::export::ExportFormat;
use wangluo::util::atomic;
use wangluo::Error;

/// Print the dataset's description, computed with SPARQL over the graph: VoID (counts, class and
/// property partitions, vocabularies, a subset per named graph, the Wikidata linkset), DCAT 3
/// (title, creators, licence, rights, a distribution per dump with its size and SHA-256, the
/// canonical RDFC-1.0 hash), in the named graph `graph/void`; or schema.org JSON-LD.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  wangluo describe
  wangluo describe --format schemaorg -o dataset.jsonld
  wangluo describe --version 0.2.0 --doi 10.5281/zenodo.123456 --format turtle
  wangluo --store kg describe --metadata my-dataset.toml

Title, version, creators, licence (an SPDX expression, checked), rights and keywords come from
dataset.toml (compiled in; --metadata reads another). Sizes and checksums are those of the dumps
`wangluo package` writes: they are made in memory, as deterministic as the files.")]
pub struct Args {
    /// The output format: an RDF format, or schemaorg (schema.org JSON-LD for Google Dataset
    /// Search).
    #[arg(long, value_enum, ignore_case = true, default_value = "trig")]
    format: Format,
    /// Write to FILE (atomically) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    release: ReleaseArgs,
}

/// The dataset metadata and the release it describes (`describe` and `package`).
#[derive(clap::Args)]
pub struct ReleaseArgs {
    /// Read the dataset metadata from FILE instead of the bundled dataset.toml.
    #[arg(long, value_name = "FILE")]
    metadata: Option<PathBuf>,
    /// The release's version (default: the metadata's), in every metadata file.
    #[arg(long, value_name = "V")]
    version: Option<String>,
    /// The release's DOI (`10.…`): stated as dcterms:identifier and in every metadata file.
    #[arg(long, value_name = "DOI")]
    doi: Option<String>,
}

impl ReleaseArgs {
    /// The metadata file: `--metadata FILE`, else the bundled one; with --version and --doi
    /// applied.
    pub fn metadata(&self) -> wangluo::Result<Metadata> {
        let metadata = match &self.metadata {
            Some(path) => Metadata::read(path)?,
            None => Metadata::bundled()?,
        };
        Ok(metadata.with_release(self.version.as_deref(), self.doi.as_deref()))
    }
}

/// What `--format` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Trig,
    Turtle,
    Nquads,
    Ntriples,
    Rdfxml,
    Jsonld,
    /// schema.org JSON-LD (a `Dataset` as Google Dataset Search reads it).
    Schemaorg,
}

pub fn run(args: Args, context: &Context) -> wangluo::Result<ExitCode> {
    let metadata = args.release.metadata()?;
    let kg = context.open_for_reading()?;
    let description = DatasetDescription::compute(&kg, metadata)?;
    let base = kg.base();
    let write = |out: &mut dyn Write| -> wangluo::Result<()> {
        let rdf = match args.format {
            Format::Schemaorg => {
                return out
                    .write_all(description.schema_org(base).as_bytes())
                    .map_err(|source| Error::Output {
                        target: "describe".to_owned(),
                        source,
                    })
            }
            Format::Trig => RdfFormat::TriG,
            Format::Turtle => RdfFormat::Turtle,
            Format::Nquads => RdfFormat::NQuads,
            Format::Ntriples => RdfFormat::NTriples,
            Format::Rdfxml => RdfFormat::RdfXml,
            Format::Jsonld => RdfFormat::JsonLd {
                profile: oxigraph::io::JsonLdProfileSet::empty(),
            },
        };
        description.write(&ExportFormat::from(rdf), base, out)?;
        Ok(())
    };
    match &args.output {
        Some(path) => {
            atomic::write_file(path, |out| write(out))?;
            eprintln!("wrote the description of the dataset to {}", path.display());
        }
        None => write(&mut std::io::stdout().lock())?,
    }
    Ok(ExitCode::SUCCESS)
}
