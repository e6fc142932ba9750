//! `wangluo package`: a release bundle of the dataset, byte-identical across runs.

use super::Context;
use std::path::PathBuf;
use std::process::ExitCode;
use wangluo::dataset::DatasetDescription;
use wangluo::package::archive::write_zip;
use wangluo::package::{bundle_files, write_bundle};

/// Write a release bundle for Zenodo or a university repository into DIR: the dumps (N-Quads
/// gzip, Turtle, TriG, JSON-LD), the ontology with its shapes, context and HTML documentation,
/// the queries, the nanopublications, the description (VoID, DCAT, schema.org), a README,
/// CITATION.cff, .zenodo.json, SHA256SUMS and ro-crate-metadata.json (RO-Crate 1.2).
#[derive(clap::Args)]
#[command(after_help = "Examples:
  wangluo package -o release
  wangluo package -o release --version 0.2.0 --doi 10.5281/zenodo.123456 --force
  wangluo package --zip release.zip
  wangluo --store kg package -o kg-release --metadata my-dataset.toml

The same graph and metadata always give the same bytes (no clock is read: dates come from the
metadata and the data). The bundle is written into a temporary directory beside DIR and renamed
at the end: a failure leaves nothing half-written. An existing DIR that is not empty is refused
unless --force, which replaces it. --zip FILE writes the same files as one .zip (with or
without -o), unzipping to the bytes of DIR; written atomically, an existing FILE only replaced
with --force.")]
pub struct Args {
    /// The directory to write the bundle to.
    #[arg(short, long, value_name = "DIR", required_unless_present = "zip")]
    output: Option<PathBuf>,
    /// Also (or instead) write the bundle as one .zip: the same files, entries sorted, fixed
    /// timestamps (1980-01-01), byte-identical across runs.
    #[arg(long, value_name = "FILE")]
    zip: Option<PathBuf>,
    /// Replace DIR if it exists and is not empty (and FILE if it exists).
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    release: super::describe::ReleaseArgs,
}

pub fn run(args: Args, context: &Context) -> wangluo::Result<ExitCode> {
    let metadata = args.release.metadata()?;
    let kg = context.open_for_reading()?;
    let description = DatasetDescription::compute(&kg, metadata)?;
    let files = bundle_files(&kg, &description)?;
    let bytes: u64 = files.iter().map(|f| f.size()).sum();
    if let Some(dir) = &args.output {
        write_bundle(dir, &files, args.force)?;
        eprintln!(
            "wrote {} files ({bytes} bytes) to {}",
            files.len(),
            dir.display()
        );
    }
    if let Some(zip) = &args.zip {
        write_zip(zip, &files, args.force)?;
        let size = std::fs::metadata(zip).map_or(0, |m| m.len());
        eprintln!(
            "wrote {} files ({bytes} bytes) to {} ({size} bytes)",
            files.len(),
            zip.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
