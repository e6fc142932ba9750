//! `wangluo verify`: check nanopublications (`wangluo export --nanopubs` writes them).

use super::Context;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use wangluo::nanopub::{nanopub_files, verify_file, FileReport};
use wangluo::vocab::Base;
use wangluo::Error;

/// Check nanopublications: that each is well-formed (four graphs under its URI, the head linking
/// the other three) and that its content still hashes to the artifact code of its trusty URI (and,
/// when signed with RSA or DSA, that the signature verifies). Works on any nanopublications, not
/// only wangluo's. A plain nanopublication (well-formed, no trusty URI) passes unless
/// --require-trusty. Prints one line per nanopublication: OK, or FAIL with the reason.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  wangluo export --nanopubs -o nanopubs/ && wangluo verify nanopubs/
  wangluo verify claims.trig

Exit codes: 0 every nanopublication passed; 1 one or more failed (tampered, malformed, a signature
that does not verify or cannot be checked, no trusty URI with --require-trusty, or statements
outside any nanopublication); 2 a file cannot be read or parsed.")]
pub struct Args {
    /// A TriG (or .nq, .jsonld) file of one or more nanopublications, or a directory of them.
    #[arg(value_name = "FILE|DIR", required = true)]
    paths: Vec<PathBuf>,
    /// Fail plain nanopublications too: every one must have a trusty URI.
    #[arg(long)]
    require_trusty: bool,
}

/// Counts of what `verify` found.
#[derive(Default)]
struct Tally {
    passed: usize,
    failed: usize,
    other_problems: usize,
}

pub fn run(args: Args, context: &Context) -> wangluo::Result<ExitCode> {
    let mut files = Vec::new();
    for path in &args.paths {
        files.extend(nanopub_files(path)?);
    }
    let mut stdout = std::io::stdout().lock();
    let mut tally = Tally::default();
    for file in &files {
        let report = verify_file(file)?;
        print_file_report(
            &report,
            &context.base,
            args.require_trusty,
            &mut tally,
            &mut stdout,
        )
        .map_err(out_err)?;
    }
    let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let Tally {
        passed,
        failed,
        other_problems,
    } = tally;
    writeln!(
        stdout,
        "{} in {}: {passed} OK, {failed} failed{}",
        plural(passed + failed, "nanopublication"),
        plural(files.len(), "file"),
        if other_problems > 0 {
            format!(", {}", plural(other_problems, "other problem"))
        } else {
            String::new()
        }
    )
    .map_err(out_err)?;
    stdout.flush().map_err(out_err)?;
    Ok(if failed == 0 && other_problems == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn out_err(source: std::io::Error) -> Error {
    Error::Output {
        target: "stdout".to_owned(),
        source,
    }
}

/// One line per nanopublication of a file (OK, or FAIL with the reason), and a FAIL line for a
/// file without nanopublications or with stray statements.
fn print_file_report(
    report: &FileReport,
    base: &Base,
    require_trusty: bool,
    tally: &mut Tally,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let name = report.file.display();
    for check in &report.checks {
        let introduces = check
            .introduces
            .as_deref()
            .map(|i| {
                let iri = i.trim_start_matches('<').trim_end_matches('>');
                let name = base.compact(iri);
                if name.starts_with("wld:") {
                    format!(" (claim {name})")
                } else {
                    format!(" (introduces {name})")
                }
            })
            .unwrap_or_default();
        let status = if check.verdict.passes(require_trusty) {
            tally.passed += 1;
            "OK  "
        } else {
            tally.failed += 1;
            "FAIL"
        };
        let note = check
            .note
            .as_deref()
            .map(|n| format!(" (note: {n})"))
            .unwrap_or_default();
        writeln!(
            out,
            "{status} {name}: {}{introduces}: {}{note}",
            check.uri, check.verdict
        )?;
    }
    if report.checks.is_empty() {
        tally.other_problems += 1;
        writeln!(
            out,
            "FAIL {name}: no nanopublication (no np:Nanopublication in a head graph)"
        )?;
    }
    if report.stray_statements > 0 {
        tally.other_problems += 1;
        writeln!(
            out,
            "FAIL {name}: {} statements belong to no nanopublication",
            report.stray_statements
        )?;
    }
    Ok(())
}
