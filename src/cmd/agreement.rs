//! `wangluo agreement`: how far two annotators of one text agree.

use super::Context;
use std::path::PathBuf;
use std::process::ExitCode;
use wangluo::authoring::agreement::{agreement, report};
use wangluo::authoring::document::{resolve_file, Corpus};
use wangluo::Error;

/// Compare two annotation files of one text (each resolved with the bundled corpus, or with what
/// --store holds; nothing is written):
/// claims matched by their quotes (exactly, or by overlap), precision, recall and F1 of B against
/// A for claim spans and entity mentions; over the matched claims, agreement on claimant,
/// perspective and characterizations (observed, Cohen's κ, Krippendorff's α) and the confusion
/// table of perspectives.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  wangluo agreement annotator-a.toml annotator-b.toml
  wangluo agreement a.toml b.toml --format csv > agreement.csv
  wangluo agreement a.toml b.toml --format json | jq .perspective.kappa

Undefined values (κ when both annotators give one same label throughout, a ratio of zero units)
are n/a in the table, empty in CSV and null in JSON.")]
pub struct Args {
    /// The first annotation file (the reference: recall is of its units).
    a: PathBuf,
    /// The second annotation file, of the same text.
    b: PathBuf,
    /// table (default), csv (part,item,measure,value: one value a row) or json.
    #[arg(long, value_enum, default_value = "table")]
    format: AgreementFormat,
}

/// Output formats of the agreement report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum AgreementFormat {
    Table,
    Csv,
    Json,
}

pub fn run(args: Args, context: &Context) -> wangluo::Result<ExitCode> {
    let kg = match &context.store {
        Some(_) => Some(context.open_for_reading()?),
        None => None,
    };
    let corpus = kg.as_ref().map_or(Corpus::Bundled, Corpus::Store);
    let a = resolve_file(&args.a, corpus, &context.base)?;
    let b = resolve_file(&args.b, corpus, &context.base)?;
    let result = agreement(&a, &b)?;
    let mut out = std::io::stdout().lock();
    match args.format {
        AgreementFormat::Table => {
            report::write_table(&mut out, &result, super::stdout_is_terminal())
        }
        AgreementFormat::Csv => report::write_csv(&mut out, &result),
        AgreementFormat::Json => report::write_json(&mut out, &result),
    }
    .map_err(|source| Error::Output {
        target: "stdout".to_owned(),
        source,
    })?;
    Ok(ExitCode::SUCCESS)
}
