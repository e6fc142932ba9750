//! `wangluo coverage`: how much of each text its claims (and mentions) cover.

use super::Context;
use std::io::Write;
use std::process::ExitCode;
use wangluo::report::coverage::{coverage, DocumentCoverage};
use wangluo::report::coverage_output::{coverage_json, write_coverage_csv, write_coverage_tables};
use wangluo::Error;

/// Report, per document, the share of sentences that carry a claim or are marked as carrying
/// none (title, byline, heading …), the sentences that mention an entity, and every sentence
/// without a claim: marked ones with their reason, missed ones so a curator can annotate them.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  wangluo coverage
  wangluo coverage --min 100            # exit 1 if a sentence was missed
  wangluo --store kg coverage --format json

Exit codes: 0 every document reaches --min (or no --min), 1 a document is below --min,
2 an error.")]
pub struct Args {
    /// Exit with status 1 when a document's coverage is below PERCENT (0 to 100).
    #[arg(long, value_name = "PERCENT", value_parser = parse_percent)]
    min: Option<f64>,
    /// table (default), csv (a row per document, then a row per sentence without a claim) or
    /// json (every sentence with its status).
    #[arg(long, value_enum, default_value = "table")]
    format: CoverageFormat,
}

/// Output formats of the coverage report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CoverageFormat {
    Table,
    Csv,
    Json,
}

fn parse_percent(value: &str) -> Result<f64, String> {
    match value.trim().trim_end_matches('%').parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => Ok(p),
        _ => Err(format!("`{value}` is not a percentage from 0 to 100")),
    }
}

pub fn run(args: Args, context: &Context) -> wangluo::Result<ExitCode> {
    let kg = context.open_for_reading()?;
    let documents = coverage(&kg)?;
    let output = |source| Error::Output {
        target: "stdout".to_owned(),
        source,
    };
    let mut out = std::io::stdout().lock();
    let name = |d: &DocumentCoverage| kg.base().compact(&d.document);
    match args.format {
        CoverageFormat::Table => {
            let wrap = super::stdout_is_terminal();
            write_coverage_tables(&mut out, &documents, &name, wrap).map_err(output)?;
        }
        CoverageFormat::Csv => write_coverage_csv(&mut out, &documents, &name).map_err(output)?,
        CoverageFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &coverage_json(&documents, args.min))
                .map_err(|e| output(e.into()))?;
            writeln!(out).map_err(output)?;
        }
    }
    out.flush().map_err(output)?;
    let mut below = false;
    if let Some(min) = args.min {
        for d in documents.iter().filter(|d| d.percent() < min) {
            below = true;
            eprintln!(
                "wangluo: coverage of {} is {:.1}%, below --min {min}",
                name(d),
                d.percent()
            );
        }
    }
    Ok(if below {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
