//! `wangluo check`: every problem of annotation files at once, without a store.

use super::Context;
use std::path::PathBuf;
use std::process::ExitCode;
use wangluo::authoring::check::{apply_fixes, check_files, CheckReport};
use wangluo::store::KnowledgeGraph;

/// Check annotation files as `load` would, without loading them, and report every error of
/// every file (not only the first), each as FILE:LINE:COL: ITEM: REASON, with what would fix it.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  wangluo check draft.toml                       # every error, each at its line and column
  wangluo check --fix draft.toml                 # rewrite quotes that differ only typographically
  wangluo check --format json a.toml b.toml      # the same findings for editors and scripts
  wangluo --store kg check op-ed-2.toml          # against what the store already holds

A quote not found in its text is shown beside the nearest passage, the characters that differ
marked ⟦…⟧ and named (’ for ', “ for \", a no-break space, an en dash for a hyphen, a line
break). --fix rewrites a quote whose only differences are typographic and which then occurs once
(or at its occurrence), keeping comments and order, the file written atomically. An unknown id
names the nearest known one; an ambiguous quote lists where it occurs.

Exit codes as for `load`: 0 when no file has an error, 2 otherwise (or when a file cannot be
read).")]
pub struct Args {
    /// Annotation files (.toml); their texts are read beside them.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
    /// Rewrite the quotes whose only differences from the text are typographic, then check again.
    #[arg(long)]
    fix: bool,
    /// Output: text (one finding a line, notes indented below) or JSON.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

pub fn run(args: Args, context: &Context) -> wangluo::Result<ExitCode> {
    let store = match &context.store {
        Some(dir) => KnowledgeGraph::open_existing_read_only(dir, &context.base)?,
        None => None,
    };
    let check = || {
        check_files(
            &args.files,
            store.as_ref().map(|kg| kg.store()),
            &context.base,
        )
    };
    let mut report = check()?;
    if args.fix {
        let fixed = apply_fixes(&report)?;
        for (file, count) in &fixed {
            let plural = if *count == 1 { "" } else { "s" };
            eprintln!(
                "wangluo: {}: {count} quote{plural} rewritten",
                file.display()
            );
        }
        if !fixed.is_empty() {
            report = check()?;
        }
    }
    print(&report, args.format)?;
    Ok(if report.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

fn print(report: &CheckReport, format: Format) -> wangluo::Result<()> {
    use std::io::Write;
    let out_err = |source| wangluo::Error::Output {
        target: "stdout".to_owned(),
        source,
    };
    let mut out = std::io::stdout().lock();
    if format == Format::Json {
        serde_json::to_writer_pretty(&mut out, report)
            .map_err(std::io::Error::from)
            .map_err(out_err)?;
        return writeln!(out).map_err(out_err);
    }
    for finding in &report.errors {
        writeln!(out, "{finding}").map_err(out_err)?;
    }
    for warning in &report.warnings {
        eprintln!("wangluo: warning: {warning}");
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    eprintln!(
        "checked {}: {}, {}",
        plural(report.files, "file"),
        plural(report.errors.len(), "error"),
        plural(report.warnings.len(), "warning")
    );
    Ok(())
}
