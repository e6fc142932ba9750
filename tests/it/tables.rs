//! Results tables on a terminal: a result too wide for it is written one record per block
//! (`-[ RECORD n ]`, then `name | value` lines), by default and with `-x`/`--expanded`; one that
//! fits stays a table; `--expanded never` keeps the table.

use crate::util::wangluo;
use std::process::Command;

/// `wangluo ARGS` as on a terminal `columns` wide (tables wrap to `$COLUMNS`).
fn at_width(columns: &str, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_wangluo"))
        .args(args)
        .env("COLUMNS", columns)
        .output()
        .expect("run wangluo");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The number of rows of a bundled query, from its CSV.
fn rows(query: &str) -> usize {
    wangluo(&["query", query, "--format", "csv"])
        .ok()
        .csv_rows()
        .len()
}

#[test]
fn a_wide_result_becomes_records_and_a_narrow_one_stays_a_table() {
    let wide = at_width("100", &["query", "adversary-sources"]);
    let records = wide.lines().filter(|l| l.starts_with("-[ RECORD ")).count();
    assert_eq!(records, rows("adversary-sources"), "{wide}");
    assert!(wide.lines().all(|l| l.chars().count() <= 100), "{wide}");
    // Each variable once per record, its values wrapped under it.
    let claims = wide.lines().filter(|l| l.starts_with("claim ")).count();
    assert_eq!(claims, records);
    assert!(wide.contains("quote             | "), "{wide}");
    let never = at_width(
        "100",
        &["query", "adversary-sources", "--expanded", "never"],
    );
    assert!(
        never.starts_with('┌') && !never.contains("RECORD"),
        "{never}"
    );
    // At 400 columns the same result fits as a table.
    let roomy = at_width("400", &["query", "adversary-sources"]);
    assert!(roomy.starts_with('┌'), "{roomy}");
    let narrow = at_width("100", &["query", "timeline"]);
    assert!(narrow.starts_with('┌'), "{narrow}");
    let forced = at_width("100", &["query", "timeline", "-x"]);
    let blocks = forced
        .lines()
        .filter(|l| l.starts_with("-[ RECORD "))
        .count();
    assert_eq!(blocks, rows("timeline"));
}
