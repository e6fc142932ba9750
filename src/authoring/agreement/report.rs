//! Writing an [`Agreement`]: aligned tables for people, CSV (one value a row) and JSON.

use super::{Agreement, FieldAgreement, SpanScores};
use crate::report::table::new_table;
use std::io::{self, Write};

/// A ratio with three decimals, or `n/a` when undefined.
fn ratio(value: Option<f64>) -> String {
    value.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.3}"))
}

fn spans(agreement: &Agreement) -> [(&'static str, &SpanScores); 4] {
    [
        ("claim spans, exact", &agreement.claims_exact),
        ("claim spans, overlapping", &agreement.claims_overlapping),
        ("entity mentions, exact", &agreement.mentions_exact),
        (
            "entity mentions, overlapping",
            &agreement.mentions_overlapping,
        ),
    ]
}

fn fields(agreement: &Agreement) -> [(&'static str, &FieldAgreement); 3] {
    [
        ("claimant", &agreement.claimant),
        ("perspective", &agreement.perspective),
        ("characterizations", &agreement.characterizations),
    ]
}

/// Three tables: spans, fields over the matched claims, the perspectives' confusion.
pub fn write_table(out: &mut impl Write, agreement: &Agreement, wrap: bool) -> io::Result<()> {
    writeln!(
        out,
        "{}: B = {} against A = {}",
        agreement.document, agreement.b, agreement.a
    )?;
    let mut units = new_table(wrap);
    units.set_header(["units", "A", "B", "matched", "precision", "recall", "F1"]);
    for (name, s) in spans(agreement) {
        units.add_row([
            name.to_owned(),
            s.a.to_string(),
            s.b.to_string(),
            s.matched.to_string(),
            ratio(s.precision),
            ratio(s.recall),
            ratio(s.f1),
        ]);
    }
    writeln!(out, "{units}")?;
    let mut over = new_table(wrap);
    let matched = agreement.claimant.units;
    over.set_header([
        format!("over {matched} matched claims"),
        "agreement".into(),
        "Cohen's κ".into(),
        "Krippendorff's α".into(),
    ]);
    for (name, f) in fields(agreement) {
        over.add_row([
            name.to_owned(),
            ratio(f.observed),
            ratio(f.kappa),
            ratio(f.alpha),
        ]);
    }
    writeln!(out, "{over}")?;
    let confusion = &agreement.perspective_confusion;
    if confusion.labels.is_empty() {
        return Ok(());
    }
    let mut matrix = new_table(wrap);
    let mut header = vec!["perspective: A ↓ B →".to_owned()];
    header.extend(confusion.labels.iter().cloned());
    matrix.set_header(header);
    for (label, row) in confusion.labels.iter().zip(&confusion.counts) {
        let mut cells = vec![label.clone()];
        cells.extend(row.iter().map(usize::to_string));
        matrix.add_row(cells);
    }
    writeln!(out, "{matrix}")
}

/// CSV: `part,item,measure,value`, one value a row (undefined values empty).
pub fn write_csv(out: &mut impl Write, agreement: &Agreement) -> io::Result<()> {
    let value = |v: Option<f64>| v.map_or_else(String::new, |v| v.to_string());
    writeln!(out, "part,item,measure,value")?;
    for (name, s) in spans(agreement) {
        let (part, item) = name.split_once(", ").unwrap_or((name, ""));
        for (measure, v) in [
            ("A", s.a.to_string()),
            ("B", s.b.to_string()),
            ("matched", s.matched.to_string()),
            ("precision", value(s.precision)),
            ("recall", value(s.recall)),
            ("F1", value(s.f1)),
        ] {
            writeln!(out, "{part},{item},{measure},{v}")?;
        }
    }
    for (name, f) in fields(agreement) {
        for (measure, v) in [
            ("units", f.units.to_string()),
            ("agreement", value(f.observed)),
            ("kappa", value(f.kappa)),
            ("alpha", value(f.alpha)),
        ] {
            writeln!(out, "matched claims,{name},{measure},{v}")?;
        }
    }
    let confusion = &agreement.perspective_confusion;
    for (a, row) in confusion.labels.iter().zip(&confusion.counts) {
        for (b, count) in confusion.labels.iter().zip(row) {
            writeln!(out, "perspective confusion,{a},{b},{count}")?;
        }
    }
    Ok(())
}

/// JSON: the [`Agreement`] as it is (undefined values `null`).
pub fn write_json(out: &mut impl Write, agreement: &Agreement) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, agreement)?;
    writeln!(out)
}
