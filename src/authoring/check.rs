//! `check`: every problem of a set of annotation files at once, each placed at its line and
//! column, with what would fix it.
//!
//! The files are parsed and resolved as a load would (against each other and, when given, what
//! a store holds), with the resolver collecting every error instead of stopping at the first
//! ([`crate::annotation::check_corpus`]). Each error becomes a [`Finding`]: the value it is
//! about is found in the TOML (with toml_edit's spans), a quote not in the text gets the nearest
//! passage with the characters that differ marked ([`super::nearest`]), an ambiguous quote the
//! places it occurs. [`apply_fixes`] rewrites the quotes whose only differences are typographic.

use super::locate::{self, Located, Path as TomlPath};
use super::nearest::{marked, nearest_passage};
use crate::annotation::file_graph_id;
use crate::annotation::{
    check_corpus, error::QuoteFailure, model::line_column, AnnotationError, Disk, FileSource,
    ParsedFile, Place, StoredCorpus,
};
use crate::error::{Error, Result};
use crate::ontology::Ontology;
use crate::store::StoredDeclarations;
use crate::text::{QuoteError, SourceText};
use crate::vocab::Base;
use oxigraph::model::NamedNode;
use oxigraph::store::Store;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One problem: where it is, what it is about, why, and what helps.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub file: String,
    /// 1-based line and column (in characters) of the value at fault in the file.
    pub line: usize,
    pub column: usize,
    /// The id of the item (or the field, or the text) the problem is about.
    pub item: String,
    pub reason: String,
    /// Further lines: the nearest passage and how it differs, the places of an ambiguous quote.
    pub notes: Vec<String>,
    /// The words that `--fix` puts in place of the quote (typographic differences only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
    #[serde(skip)]
    fix_at: Option<(PathBuf, TomlPath)>,
}

impl std::fmt::Display for Finding {
    /// `file:line:col: item: reason`, then each note on its own indented line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.file, self.line, self.column, self.item, self.reason
        )?;
        for note in &self.notes {
            write!(f, "\n    {note}")?;
        }
        Ok(())
    }
}

/// What `check` found in a set of files.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    /// How many files were checked.
    pub files: usize,
    pub errors: Vec<Finding>,
    /// What a load would warn about (forms that match nothing, exclusions that remove nothing …).
    pub warnings: Vec<String>,
}

/// Checks annotation files on disk as `load` would: against each other and, when `store` is
/// given, against what it holds (but the graphs these files would replace); every error.
pub fn check_files(paths: &[PathBuf], store: Option<&Store>, base: &Base) -> Result<CheckReport> {
    check_files_in(paths, &Disk, store, base)
}

/// [`check_files`] with the files read from `files` (the editor checks an edit before writing it).
pub fn check_files_in(
    paths: &[PathBuf],
    files: &dyn FileSource,
    store: Option<&Store>,
    base: &Base,
) -> Result<CheckReport> {
    let ontology = Ontology::bundled(base)?;
    let mut errors = Vec::new();
    let mut parsed = Vec::new();
    let mut sources = Vec::new();
    for path in paths {
        match ParsedFile::read(path, files) {
            Ok(file) => {
                sources.push(path.clone());
                parsed.push(file);
            }
            Err(error) => errors.push(plain(&error, path.display().to_string())),
        }
    }
    let stored = match store {
        Some(store) => {
            let replaced: BTreeSet<NamedNode> = parsed
                .iter()
                .filter_map(file_graph_id)
                .map(|id| base.document_graph(&id))
                .collect();
            StoredDeclarations::read(store, base)?.corpus(&replaced)
        }
        None => StoredCorpus::default(),
    };
    let (corpus_errors, warnings) = check_corpus(&parsed, &stored, &ontology, base);
    let contexts: Vec<FileContext> = parsed
        .iter()
        .zip(&sources)
        .map(|(file, path)| FileContext::new(file, path))
        .collect();
    for (n, error) in corpus_errors {
        errors.push(contexts[n].finding(&error));
    }
    Ok(CheckReport {
        files: paths.len(),
        errors,
        warnings,
    })
}

/// Rewrites, in each file, the quotes whose findings carry a fix (atomically, keeping comments
/// and order); returns how many quotes each file had rewritten.
pub fn apply_fixes(report: &CheckReport) -> Result<Vec<(PathBuf, usize)>> {
    let mut by_file: BTreeMap<&Path, Vec<(&TomlPath, &str)>> = BTreeMap::new();
    for finding in &report.errors {
        if let (Some((file, at)), Some(words)) = (&finding.fix_at, &finding.fix) {
            by_file.entry(file).or_default().push((at, words));
        }
    }
    let mut fixed = Vec::new();
    for (file, fixes) in by_file {
        let source = std::fs::read_to_string(file).map_err(|source| Error::Read {
            path: file.to_owned(),
            source,
        })?;
        let mut doc: toml_edit::DocumentMut =
            source
                .parse()
                .map_err(|e: toml_edit::TomlError| Error::InvalidOption {
                    option: file.display().to_string(),
                    reason: e.message().to_owned(),
                })?;
        let count = fixes
            .iter()
            .filter(|(at, words)| locate::replace_string(&mut doc, at, words))
            .count();
        let text = doc.to_string();
        crate::util::atomic::write_file(file, |w| {
            w.write_all(text.as_bytes()).map_err(|source| Error::Write {
                path: file.to_owned(),
                source,
            })
        })?;
        fixed.push((file.to_owned(), count));
    }
    Ok(fixed)
}

/// A finding for an error that has no item in a parsed file (unreadable, not TOML).
fn plain(error: &AnnotationError, file: String) -> Finding {
    let (line, column, item, reason) = match error {
        AnnotationError::Syntax {
            line,
            column,
            message,
            ..
        } => (*line, *column, "TOML".to_owned(), message.clone()),
        AnnotationError::Read { path, source } => (
            1,
            1,
            path.display().to_string(),
            format!("cannot read: {source}"),
        ),
        other => (1, 1, String::new(), other.to_string()),
    };
    Finding {
        file,
        line,
        column,
        item,
        reason,
        notes: Vec::new(),
        fix: None,
        fix_at: None,
    }
}

/// One parsed file, with what places its errors: its TOML with spans, its text.
struct FileContext<'a> {
    file: &'a ParsedFile,
    path: &'a Path,
    toml: Option<Located>,
    text: Option<SourceText>,
}

impl<'a> FileContext<'a> {
    fn new(file: &'a ParsedFile, path: &'a Path) -> Self {
        let text = file
            .text
            .as_ref()
            .and_then(|bytes| std::str::from_utf8(bytes).ok())
            .map(SourceText::new);
        Self {
            file,
            path,
            toml: Located::parse(&file.source),
            text,
        }
    }

    fn finding(&self, error: &AnnotationError) -> Finding {
        let mut finding = plain(error, self.file.name.clone());
        match error {
            AnnotationError::Item {
                place,
                item,
                reason,
            } => {
                finding.item = item.clone();
                finding.reason = reason.clone();
                self.place_item(&mut finding, place, item, reason);
            }
            AnnotationError::Conflict {
                place,
                id,
                reason,
                other,
            } => {
                finding.item = id.clone();
                finding.reason = format!("{reason}; it is also declared at {other}");
                self.place_item(&mut finding, place, id, "");
            }
            AnnotationError::TextHash {
                text,
                expected,
                actual,
                ..
            } => {
                finding.item = text.clone();
                finding.reason =
                    format!("the text has SHA-256 {actual} but the annotation records {expected}");
                finding
                    .notes
                    .push(format!("if the text is right, set sha256 = \"{actual}\""));
                let doc = vec![locate::Step::Key("document".to_owned())];
                self.place_path(&mut finding, self.field_path(&doc, "sha256"));
            }
            AnnotationError::Quote(_) => self.quote(&mut finding, error),
            _ => {}
        }
        finding
    }

    fn field_path(&self, item: &TomlPath, field: &str) -> Option<TomlPath> {
        self.toml.as_ref()?.field(item, field)
    }

    /// Sets the finding's line and column to where `path` lies; true if it does.
    fn place_path(&self, finding: &mut Finding, path: Option<TomlPath>) -> bool {
        let span = path.and_then(|p| self.toml.as_ref()?.span(&p));
        match span {
            Some(span) => {
                (finding.line, finding.column) = line_column(&self.file.source, span.start);
                true
            }
            None => false,
        }
    }

    /// An item's error: at the value the reason names (`claimant: unknown reference `x``), else
    /// its field, else its id, else the item's line.
    fn place_item(&self, finding: &mut Finding, place: &Place, id: &str, reason: &str) {
        let line = match place {
            Place::File { line, .. } => *line,
            Place::Stored { .. } => None,
        };
        finding.line = line.unwrap_or(1);
        let Some(toml) = &self.toml else { return };
        let Some(item) = toml.item(id, line) else {
            return;
        };
        let field = reason.split_once(": ").map(|(f, _)| f).filter(|f| {
            f.chars()
                .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.')
        });
        if let Some(field_path) = field.and_then(|f| toml.field(&item, f)) {
            let named = named_values(reason)
                .into_iter()
                .find_map(|v| toml.string_in(&field_path, &v, &["exact"]));
            if self.place_path(finding, named.or(Some(field_path))) {
                return;
            }
        }
        self.place_path(finding, toml.field(&item, "id"));
    }

    /// A quote's error: at the quote, with the nearest passage or the places it occurs.
    fn quote(&self, finding: &mut Finding, error: &AnnotationError) {
        let AnnotationError::Quote(failure) = error else {
            return;
        };
        let QuoteFailure {
            place,
            item,
            field,
            exact,
            occurrence,
            error: quote_error,
        } = failure.as_ref();
        finding.item = item.clone();
        finding.reason = format!("{field}{quote_error}: \"{exact}\"");
        let line = match place {
            Place::File { line, .. } => *line,
            Place::Stored { .. } => None,
        };
        finding.line = line.unwrap_or(1);
        let at = self.quote_path(item, line, field, exact);
        self.place_path(finding, at.clone());
        let Some(text) = &self.text else { return };
        match quote_error {
            QuoteError::NotFound => {
                let Some(near) = nearest_passage(text, exact, *occurrence) else {
                    finding
                        .notes
                        .push("no passage of the text is close to it".to_owned());
                    return;
                };
                let (l, c) = text_position(text, near.start);
                finding.notes.push(format!(
                    "nearest passage (text {l}:{c}): \"{}\"",
                    marked(exact, &near.passage)
                ));
                for difference in &near.differences {
                    finding.notes.push(difference.describe());
                }
                let unambiguous = near.matches == 1 || (occurrence.is_some() && near.matches > 0);
                if near.typographic && unambiguous {
                    finding
                        .notes
                        .push("typographic only: `wangluo check --fix` rewrites it".to_owned());
                    finding.fix = Some(near.passage.clone());
                    finding.fix_at = at.map(|at| (self.path.to_owned(), at));
                } else if near.typographic {
                    finding.notes.push(format!(
                        "typographic only, but it matches {} passages: give its occurrence",
                        near.matches
                    ));
                }
            }
            QuoteError::Ambiguous { .. } | QuoteError::NoSuchOccurrence { .. } => {
                for (n, start) in text.occurrences(exact).into_iter().enumerate() {
                    finding
                        .notes
                        .push(occurrence_note(text, n + 1, start, exact));
                }
            }
            QuoteError::Empty => {}
        }
    }

    /// Where a quote lies in the TOML: the item's quotes, content, exclusions or no_claims.
    fn quote_path(
        &self,
        id: &str,
        line: Option<usize>,
        field: &str,
        exact: &str,
    ) -> Option<TomlPath> {
        let toml = self.toml.as_ref()?;
        let item = toml.item(id, line)?;
        let fields: &[&str] = match field.trim_end_matches([':', ' ']) {
            "exclusions" => &["exclusions"],
            "no_claims" => &["no_claims"],
            _ => &["quotes", "content"],
        };
        fields.iter().find_map(|f| {
            let path = toml.field(&item, f)?;
            toml.string_in(&path, exact, &["exact"])
        })
    }
}

/// The values a reason names: each `backticked` word, then the words between its quotes.
fn named_values(reason: &str) -> Vec<String> {
    let mut values: Vec<String> = reason
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect();
    if let (Some(a), Some(b)) = (reason.find('"'), reason.rfind('"')) {
        if a < b {
            values.push(reason[a + 1..b].to_owned());
        }
    }
    values
}

/// `occurrence = 2: text 14:5 "…before ⟦words⟧ after…"`.
fn occurrence_note(text: &SourceText, n: usize, start: usize, exact: &str) -> String {
    let end = start + exact.chars().count();
    let (l, c) = text_position(text, start);
    let before = text
        .slice(start.saturating_sub(20), start)
        .replace('\n', " ");
    let after = text.slice(end, end + 20).replace('\n', " ");
    format!(
        "occurrence = {n}: text {l}:{c} \"…{before}⟦{}⟧{after}…\"",
        text.slice(start, end)
    )
}

/// 1-based line and column of a character offset of a text.
fn text_position(text: &SourceText, offset: usize) -> (usize, usize) {
    let before = text.slice(0, offset);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}
