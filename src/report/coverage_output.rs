//! The coverage report ([`super::coverage`]) written for people (tables) and programs (CSV,
//! JSON): what `wangluo coverage` prints.

use super::coverage::{DocumentCoverage, SentenceCoverage, SentenceStatus};
use super::table::new_table;
use std::io::Write;

fn percent(value: f64) -> String {
    format!("{value:.1}%")
}

fn status(sentence: &SentenceCoverage) -> String {
    match (&sentence.status, &sentence.reason) {
        (SentenceStatus::Marked, Some(reason)) => format!("marked: {reason}"),
        (SentenceStatus::Marked, None) => "marked".to_owned(),
        (SentenceStatus::Claim, _) => "claim".to_owned(),
        (SentenceStatus::Missed, _) => "MISSED".to_owned(),
    }
}

/// The summary table (a row per document), then the sentences without a claim; `wrap` fits the
/// second to the terminal's width.
pub fn write_coverage_tables(
    out: &mut impl Write,
    documents: &[DocumentCoverage],
    name: &dyn Fn(&DocumentCoverage) -> String,
    wrap: bool,
) -> std::io::Result<()> {
    // The summary is narrow: never wrapped, so the numbers stay on one line.
    let mut summary = new_table(false);
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
    let mut without = new_table(wrap);
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

/// CSV: a row per document, then a header and a row per sentence without a claim.
pub fn write_coverage_csv(
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

/// JSON: every document with its counts and every sentence with its status; `below_min` when
/// `min` is given.
pub fn coverage_json(documents: &[DocumentCoverage], min: Option<f64>) -> serde_json::Value {
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
