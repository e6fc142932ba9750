//! `wangluo coverage`: how much of each text its claims (and mentions) cover.

use super::Context;
use std::io::Write;
use std::process::ExitCode;
use wangluo::report::coverage::{coverage, DocumentCoverage, SentenceStatus};
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
        CoverageFormat::Table => write_tables(&mut out, &documents, &name).map_err(output)?,
        CoverageFormat::Csv => write_csv(&mut out, &documents, &name).map_err(output)?,
        CoverageFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &json(&documents, args.min))
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

fn percent(value: f64) -> String {
    format!("{value:.1}%")
}

fn status(sentence: &wangluo::report::coverage::SentenceCoverage) -> String {
    match (&sentence.status, &sentence.reason) {
        (SentenceStatus::Marked, Some(reason)) => format!("marked: {reason}"),
        (SentenceStatus::Marked, None) => "marked".to_owned(),
        (SentenceStatus::Claim, _) => "claim".to_owned(),
        (SentenceStatus::Missed, _) => "MISSED".to_owned(),
    }
}

fn table(wrap: bool) -> comfy_table::Table {
    let mut table = comfy_table::Table::new();
    table.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
    if wrap && super::stdout_is_terminal() {
        table.set_content_arrangement(comfy_table::ContentArrangement::Dynamic);
        if let Some(width) = wangluo::report::table::columns() {
            table.set_width(width);
        }
    }
    table
}

fn write_tables(
    out: &mut impl Write,
    documents: &[DocumentCoverage],
    name: &dyn Fn(&DocumentCoverage) -> String,
) -> std::io::Result<()> {
    // The summary is narrow: never wrapped, so the numbers stay on one line.
    let mut summary = table(false);
    summary.set_header([
        "document",
        "sentences",
        "claimed",
        "marked",
        "missed",
        "coverage",
        "mentioning",
        "mentions",
    ]);
    for d in documents {
        summary.add_row([
            name(d),
            d.sentences.len().to_string(),
            d.with_claims().to_string(),
            d.marked().to_string(),
            d.missed().to_string(),
            percent(d.percent()),
            format!("{} ({})", d.with_mentions(), percent(d.mention_percent())),
            d.mentions().to_string(),
        ]);
    }
    writeln!(out, "{summary}")?;
    let mut without = table(true);
    without.set_header(["document", "char", "status", "sentence without a claim"]);
    for d in documents {
        for s in d
            .sentences
            .iter()
            .filter(|s| s.status != SentenceStatus::Claim)
        {
            without.add_row([
                name(d),
                format!("{},{}", s.begin, s.end),
                status(s),
                s.text.clone(),
            ]);
        }
    }
    if without.row_count() > 0 {
        writeln!(out, "{without}")?;
    }
    Ok(())
}

/// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

fn csv_row(out: &mut impl Write, fields: &[String]) -> std::io::Result<()> {
    let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    write!(out, "{}\r\n", row.join(","))
}

fn write_csv(
    out: &mut impl Write,
    documents: &[DocumentCoverage],
    name: &dyn Fn(&DocumentCoverage) -> String,
) -> std::io::Result<()> {
    let header = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    csv_row(
        out,
        &header(&[
            "document",
            "sentences",
            "with_claims",
            "marked",
            "missed",
            "coverage_percent",
            "with_mentions",
            "mentions",
        ]),
    )?;
    for d in documents {
        csv_row(
            out,
            &[
                name(d),
                d.sentences.len().to_string(),
                d.with_claims().to_string(),
                d.marked().to_string(),
                d.missed().to_string(),
                format!("{:.1}", d.percent()),
                d.with_mentions().to_string(),
                d.mentions().to_string(),
            ],
        )?;
    }
    csv_row(
        out,
        &header(&["document", "begin", "end", "status", "reason", "sentence"]),
    )?;
    for d in documents {
        for s in d
            .sentences
            .iter()
            .filter(|s| s.status != SentenceStatus::Claim)
        {
            let status = if s.status == SentenceStatus::Marked {
                "marked"
            } else {
                "missed"
            };
            csv_row(
                out,
                &[
                    name(d),
                    s.begin.to_string(),
                    s.end.to_string(),
                    status.to_owned(),
                    s.reason.clone().unwrap_or_default(),
                    s.text.clone(),
                ],
            )?;
        }
    }
    Ok(())
}

fn json(documents: &[DocumentCoverage], min: Option<f64>) -> serde_json::Value {
    serde_json::json!({
        "min_percent": min,
        "documents": documents.iter().map(|d| serde_json::json!({
            "document": d.document,
            "title": d.title,
            "sentence_count": d.sentences.len(),
            "with_claims": d.with_claims(),
            "marked": d.marked(),
            "missed": d.missed(),
            "coverage_percent": d.percent(),
            "with_mentions": d.with_mentions(),
            "mentions": d.mentions(),
            "below_min": min.is_some_and(|m| d.percent() < m),
            "sentences": d.sentences,
        })).collect::<Vec<_>>(),
    })
}
