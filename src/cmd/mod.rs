//! One module per subcommand, each small, over the library core.

pub mod agreement;
pub mod annotate;
pub mod check;
pub mod convert;
pub mod coverage;
pub mod describe;
pub mod export;
mod flags;
pub mod gen_corpus;
pub mod hash;
pub mod import;
pub mod load;
pub mod package;
pub mod publish;
pub mod queries;
pub mod query;
pub mod serve;
pub mod stats;
pub mod unload;
pub mod validate;
pub mod verify;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use wangluo::report::table::SolutionsFormat;
use wangluo::store::KnowledgeGraph;
use wangluo::vocab::Base;
use wangluo::Error;

/// Options shared by every subcommand.
pub struct Context {
    pub store: Option<PathBuf>,
    pub base: Base,
}

impl Context {
    /// The graph to read: the persistent store if `--store` was given, else the bundled data.
    pub fn open_for_reading(&self) -> wangluo::Result<KnowledgeGraph> {
        match &self.store {
            Some(dir) => KnowledgeGraph::open_read_only(dir, &self.base),
            None => KnowledgeGraph::bundled(&self.base),
        }
    }
}

/// Prints one line on stderr (the error and its causes) and returns the error exit code. A
/// closed pipe (`| head`) is not an error: the reader has all it wanted.
pub fn fail(error: &Error) -> ExitCode {
    if error.is_broken_pipe() {
        return ExitCode::SUCCESS;
    }
    eprintln!(
        "wangluo: error: {}",
        wangluo::util::parser_message::readable(&flags::one_line(error))
    );
    ExitCode::from(2)
}

/// A command-line usage error from clap, as one line like every other error (help and version
/// are printed as clap prints them). A value outside a list names the option, the value and the
/// valid ones: `--format rdf: unknown format (expected one of: turtle, …)`.
pub fn usage_error(error: clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        error.exit();
    }
    let rendered = error.render().to_string();
    let first = rendered.lines().next().unwrap_or_default();
    let mut line = first.trim_start_matches("error: ").to_owned();
    if let (
        Some(ContextValue::String(option)),
        Some(ContextValue::String(value)),
        Some(ContextValue::Strings(valid)),
    ) = (
        error.get(ContextKind::InvalidArg),
        error.get(ContextKind::InvalidValue),
        error.get(ContextKind::ValidValue),
    ) {
        // `--format <FORMAT>`: the option, and what its value is ("unknown format").
        let (name, what) = option.split_once(' ').unwrap_or((option, "value"));
        let what = what.trim_matches(['<', '>']).to_lowercase();
        line = format!(
            "{name} {value}: unknown {what} (expected one of: {})",
            valid.join(", ")
        );
    }
    eprintln!("wangluo: error: {line}");
    ExitCode::from(2)
}

/// Output formats of SELECT-like results.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TableFormat {
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
}

/// The results format to use: the one asked for, else an aligned table.
pub fn solutions_format(requested: Option<TableFormat>) -> SolutionsFormat {
    use oxigraph::sparql::results::QueryResultsFormat as F;
    match requested {
        Some(TableFormat::Table) => SolutionsFormat::Table,
        Some(TableFormat::Csv) => SolutionsFormat::Standard(F::Csv),
        Some(TableFormat::Tsv) => SolutionsFormat::Standard(F::Tsv),
        Some(TableFormat::Json) => SolutionsFormat::Standard(F::Json),
        Some(TableFormat::Xml) => SolutionsFormat::Standard(F::Xml),
        None => SolutionsFormat::Table,
    }
}

/// When a table is written one record per block (`query --expanded`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExpandedWhen {
    Auto,
    Always,
    Never,
}

/// How tables are laid out: wrapped on a terminal (or to `$COLUMNS`), records as `when` says.
pub fn layout(when: ExpandedWhen) -> wangluo::report::table::Layout {
    use wangluo::report::table::Expanded;
    wangluo::report::table::Layout {
        wrap: stdout_is_terminal(),
        expanded: match when {
            ExpandedWhen::Auto => Expanded::Auto,
            ExpandedWhen::Always => Expanded::Always,
            ExpandedWhen::Never => Expanded::Never,
        },
    }
}

/// Whether tables should be wrapped: on a terminal, or when `$COLUMNS` gives a width.
pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal() || wangluo::report::table::columns().is_some()
}
