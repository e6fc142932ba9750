//! Edits of an annotation file, as the browser editor (`wangluo serve --edit`) makes them: a
//! claim added, changed or deleted, a selection linked to an entity (or a new one), a run of
//! sentences marked as carrying no claim. Each edit is a pure function from the TOML source to
//! the new source, made with toml_edit, so every comment and the order of everything else stay
//! as they were; the item an edit changes is found by [`super::locate`]'s paths.
//!
//! A selection is given as character offsets (Unicode scalar values, as NIF `#char=`), and its
//! quote is made here from the text ([`quote_at`]): the words and, when they occur more than once,
//! their `occurrence` — never the words a client sends. [`check_edit`] checks the new source with
//! the rest of the corpus as `load` would, before anything is written.

use super::check::{check_files_in, Finding};
use super::locate::{Located, Step};
use crate::annotation::{Disk, FileSource};
use crate::error::Result;
use crate::text::SourceText;
use crate::vocab::Base;
use std::path::{Path, PathBuf};
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

#[cfg(test)]
mod tests;

/// Why an edit could not be made (the file is left as it was).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("the selection {start}..{end} is not a run of words of the text ({len} characters)")]
    BadSelection {
        start: usize,
        end: usize,
        len: usize,
    },
    #[error("the annotation file is not TOML: {0}")]
    NotToml(String),
    #[error("no claim `{0}` in this file")]
    NoSuchClaim(String),
    #[error("{0}")]
    Missing(String),
}

/// A quote of the text: its exact words, and its occurrence when they occur more than once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub exact: String,
    pub occurrence: Option<usize>,
    /// Where it lies (characters, end excluded), white space around the selection left out.
    pub start: usize,
    pub end: usize,
}

/// The quote of the characters `start..end` of `text`: trimmed of white space, with its
/// occurrence (1-based, overlapping occurrences counted, as the loader counts them) when the
/// words occur more than once.
pub fn quote_at(text: &SourceText, start: usize, end: usize) -> Result<Quote, EditError> {
    let len = text.char_len();
    let bad = || EditError::BadSelection { start, end, len };
    if start >= end || end > len {
        return Err(bad());
    }
    let chars: Vec<char> = text.slice(start, end).chars().collect();
    let lead = chars.iter().take_while(|c| c.is_whitespace()).count();
    let trail = chars.iter().rev().take_while(|c| c.is_whitespace()).count();
    if lead == chars.len() {
        return Err(bad());
    }
    let (start, end) = (start + lead, end - trail);
    let exact = text.slice(start, end).to_owned();
    let places = text.occurrences(&exact);
    let occurrence = if places.len() > 1 {
        places.iter().position(|&p| p == start).map(|n| n + 1)
    } else {
        None
    };
    Ok(Quote {
        exact,
        occurrence,
        start,
        end,
    })
}

/// What a claim form says. Empty strings and lists are fields left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimFields {
    pub label: String,
    pub claimant: String,
    pub source: String,
    pub subjects: Vec<String>,
    pub perspective: String,
    pub characterizations: Vec<String>,
}

/// One edit of an annotation file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// A new `[[claim]]` at the end of the claims, quoting `quote`.
    AddClaim {
        id: String,
        fields: ClaimFields,
        quote: Quote,
    },
    /// The fields of the claim `id` set anew; its quotes replaced by `quote` when given.
    UpdateClaim {
        id: String,
        fields: ClaimFields,
        quote: Option<Quote>,
    },
    /// The claim `id` removed.
    DeleteClaim { id: String },
    /// `quote` added to the quotes of the entity `id`: declared in this file, its quotes get it;
    /// else the entity is declared again here with its `class` and `label` (as the format allows,
    /// to extend an entity of another file).
    LinkEntity {
        id: String,
        class: String,
        label: String,
        quote: Quote,
    },
    /// A new `[[entity]]` whose quote is `quote`.
    AddEntity {
        id: String,
        class: String,
        label: String,
        quote: Quote,
    },
    /// The sentences of `quote` marked as carrying no claim, with `reason`
    /// (`no_claims` of `[document]`).
    NoClaim { quote: Quote, reason: String },
}

/// `source` with `edit` made.
pub fn apply(source: &str, edit: &Edit) -> Result<String, EditError> {
    let mut doc: DocumentMut = source
        .parse()
        .map_err(|e: toml_edit::TomlError| EditError::NotToml(e.message().to_owned()))?;
    let located = Located::parse(source).ok_or_else(|| EditError::NotToml(String::new()))?;
    match edit {
        Edit::AddClaim { id, fields, quote } => {
            let mut table = Table::new();
            table.insert("id", toml_edit::value(id.as_str()));
            set_claim_fields(&mut table, fields);
            table.insert("quotes", Item::Value(quotes_value(quote)));
            push_table(&mut doc, "claim", table);
        }
        Edit::UpdateClaim { id, fields, quote } => {
            let table = claim_table(&mut doc, &located, id)?;
            set_claim_fields(table, fields);
            if let Some(quote) = quote {
                set_value(table, "quotes", Some(quotes_value(quote)));
            }
        }
        Edit::DeleteClaim { id } => {
            let n = claim_index(&located, id)?;
            if let Some(claims) = doc.get_mut("claim").and_then(Item::as_array_of_tables_mut) {
                claims.remove(n);
                if claims.is_empty() {
                    doc.remove("claim");
                }
            }
        }
        Edit::LinkEntity {
            id,
            class,
            label,
            quote,
        } => match located.item(id, None) {
            Some(path) if path.first() == Some(&Step::Key("entity".to_owned())) => {
                let n = match path.get(1) {
                    Some(Step::Index(n)) => *n,
                    _ => return Err(EditError::Missing(format!("no entity `{id}` here"))),
                };
                let table = doc
                    .get_mut("entity")
                    .and_then(Item::as_array_of_tables_mut)
                    .and_then(|a| a.get_mut(n))
                    .ok_or_else(|| EditError::Missing(format!("no entity `{id}` here")))?;
                push_quote(table, "quotes", quote);
            }
            _ => push_table(&mut doc, "entity", entity_table(id, class, label, quote)),
        },
        Edit::AddEntity {
            id,
            class,
            label,
            quote,
        } => push_table(&mut doc, "entity", entity_table(id, class, label, quote)),
        Edit::NoClaim { quote, reason } => {
            let document = doc
                .get_mut("document")
                .and_then(Item::as_table_mut)
                .ok_or_else(|| EditError::Missing("this file has no [document]".to_owned()))?;
            let mut entry = InlineTable::new();
            entry.insert("exact", quote.exact.as_str().into());
            if let Some(n) = quote.occurrence {
                entry.insert("occurrence", Value::from(n as i64));
            }
            entry.insert("reason", reason.as_str().into());
            push_value(document, "no_claims", Value::InlineTable(entry));
        }
    }
    Ok(doc.to_string())
}

/// The claim `id`'s position among the file's `[[claim]]` tables.
fn claim_index(located: &Located, id: &str) -> Result<usize, EditError> {
    match located.item(id, None).as_deref() {
        Some([Step::Key(kind), Step::Index(n)]) if kind == "claim" => Ok(*n),
        _ => Err(EditError::NoSuchClaim(id.to_owned())),
    }
}

fn claim_table<'a>(
    doc: &'a mut DocumentMut,
    located: &Located,
    id: &str,
) -> Result<&'a mut Table, EditError> {
    let n = claim_index(located, id)?;
    doc.get_mut("claim")
        .and_then(Item::as_array_of_tables_mut)
        .and_then(|a| a.get_mut(n))
        .ok_or_else(|| EditError::NoSuchClaim(id.to_owned()))
}

/// The claim's fields in the order of the format's documentation (new keys go after the
/// others; a key already there keeps its place and its comments).
fn set_claim_fields(table: &mut Table, fields: &ClaimFields) {
    let text = |s: &str| (!s.trim().is_empty()).then(|| Value::from(s.trim()));
    set_value(table, "label", text(&fields.label));
    set_value(table, "claimant", text(&fields.claimant));
    set_value(table, "source", text(&fields.source));
    set_value(table, "subjects", Some(strings(&fields.subjects)));
    set_value(table, "perspective", text(&fields.perspective));
    let characterizations =
        (!fields.characterizations.is_empty()).then(|| strings(&fields.characterizations));
    set_value(table, "characterizations", characterizations);
}

fn strings(values: &[String]) -> Value {
    Value::Array(values.iter().map(String::as_str).collect::<Array>())
}

/// Sets (or, with `None`, removes) `key`, keeping the comments and spaces around a value that
/// was there.
fn set_value(table: &mut Table, key: &str, value: Option<Value>) {
    let Some(mut value) = value else {
        table.remove(key);
        return;
    };
    match table.get_mut(key) {
        Some(Item::Value(old)) => {
            *value.decor_mut() = old.decor().clone();
            *old = value;
        }
        _ => {
            table.insert(key, Item::Value(value));
        }
    }
}

/// A quote as the format writes it: the words, or `{ exact, occurrence }`.
fn quote_value(quote: &Quote) -> Value {
    match quote.occurrence {
        None => Value::from(quote.exact.as_str()),
        Some(n) => {
            let mut table = InlineTable::new();
            table.insert("exact", quote.exact.as_str().into());
            table.insert("occurrence", Value::from(n as i64));
            Value::InlineTable(table)
        }
    }
}

fn quotes_value(quote: &Quote) -> Value {
    let mut array = Array::new();
    array.push(quote_value(quote));
    Value::Array(array)
}

fn push_quote(table: &mut Table, key: &str, quote: &Quote) {
    push_value(table, key, quote_value(quote));
}

/// Appends `value` to the array at `key` (made when missing), laid out like the elements
/// already there: a list written one element a line stays so.
fn push_value(table: &mut Table, key: &str, mut value: Value) {
    match table.get_mut(key).and_then(Item::as_array_mut) {
        Some(array) => {
            if let Some(last) = array.iter().last() {
                let prefix = last
                    .decor()
                    .prefix()
                    .and_then(|p| p.as_str())
                    .filter(|p| !p.is_empty())
                    .unwrap_or(" ")
                    .to_owned();
                value.decor_mut().set_prefix(prefix);
            }
            array.push_formatted(value);
        }
        None => {
            let mut array = Array::new();
            array.push(value);
            table.insert(key, Item::Value(Value::Array(array)));
        }
    }
}

fn entity_table(id: &str, class: &str, label: &str, quote: &Quote) -> Table {
    let mut table = Table::new();
    table.insert("id", toml_edit::value(id));
    table.insert("type", toml_edit::value(class));
    table.insert("label", toml_edit::value(label));
    table.insert("quotes", Item::Value(quotes_value(quote)));
    table
}

/// Appends `table` to the `[[kind]]` tables (after the last one), a blank line before it.
fn push_table(doc: &mut DocumentMut, kind: &str, mut table: Table) {
    table.decor_mut().set_prefix("\n");
    match doc.get_mut(kind).and_then(Item::as_array_of_tables_mut) {
        Some(tables) => tables.push(table),
        None => {
            let mut tables = ArrayOfTables::new();
            tables.push(table);
            doc.insert(kind, Item::ArrayOfTables(tables));
        }
    }
}

/// A new claim's id: `DOC-` and the first words of its label as a slug, made unique among
/// `taken` with `-2`, `-3` ….
pub fn claim_id(document: &str, label: &str, taken: &dyn Fn(&str) -> bool) -> String {
    let words: Vec<String> = label
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(6)
        .map(str::to_ascii_lowercase)
        .collect();
    let stem = if words.is_empty() {
        format!("{document}-claim")
    } else {
        format!("{document}-{}", words.join("-"))
    };
    let mut id = stem.clone();
    let mut n = 2;
    while taken(&id) {
        id = format!("{stem}-{n}");
        n += 1;
    }
    id
}

/// The files of a corpus with one of them read from memory: the edited file, not yet written.
struct Overlay<'a> {
    path: &'a Path,
    source: &'a str,
}

impl FileSource for Overlay<'_> {
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        if path == self.path {
            Ok(self.source.as_bytes().to_vec())
        } else {
            Disk.read(path)
        }
    }
}

/// Every error the corpus `paths` would have, as `load` sees it, if `edited` held `source`:
/// the files resolved together by the resolver `check` uses; none means the edit may be written.
pub fn check_edit(
    paths: &[PathBuf],
    edited: &Path,
    source: &str,
    base: &Base,
) -> Result<Vec<Finding>> {
    let overlay = Overlay {
        path: edited,
        source,
    };
    Ok(check_files_in(paths, &overlay, None, base)?.errors)
}
