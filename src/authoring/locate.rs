//! Places in an annotation file's TOML: the item an error is about, the field and the value in
//! it, as a path through the document (read with spans) that an edit can follow again (the same
//! document, editable, keeps every comment and the order of everything).

use toml_edit::{Document, Item, Table, Value};

/// One step from a table or an array into what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// A path from the document's root to a value.
pub type Path = Vec<Step>;

/// An annotation file's TOML, parsed with the byte spans of everything in it.
pub struct Located {
    doc: Document<String>,
}

impl Located {
    /// Parses `source`; `None` when it is not TOML (the parse error is reported elsewhere).
    pub fn parse(source: &str) -> Option<Self> {
        Document::parse(source.to_owned())
            .ok()
            .map(|doc| Self { doc })
    }

    /// The path of the item (`[document]`, an `[[entity]]` or a `[[claim]]`) whose `id` is `id`;
    /// when several are, the one whose `id` lies on `line` (1-based).
    pub fn item(&self, id: &str, line: Option<usize>) -> Option<Path> {
        let mut found = Vec::new();
        if let Some(table) = self.doc.get("document").and_then(Item::as_table) {
            if table.get("id").and_then(Item::as_str) == Some(id) {
                found.push((vec![Step::Key("document".to_owned())], table));
            }
        }
        for kind in ["entity", "claim"] {
            let Some(tables) = self.doc.get(kind).and_then(Item::as_array_of_tables) else {
                continue;
            };
            for (n, table) in tables.iter().enumerate() {
                if table.get("id").and_then(Item::as_str) == Some(id) {
                    found.push((vec![Step::Key(kind.to_owned()), Step::Index(n)], table));
                }
            }
        }
        let on_line = |t: &&Table| {
            let span = t.get("id").and_then(Item::span);
            span.map(|s| self.line_of(s.start)) == line
        };
        let chosen = found.iter().find(|(_, t)| on_line(t)).or(found.first());
        chosen.map(|(path, _)| path.clone())
    }

    /// The path of `field` (a key, or `links.country`) in the item at `item`.
    pub fn field(&self, item: &Path, field: &str) -> Option<Path> {
        let mut path = item.clone();
        for key in field.split('.') {
            path.push(Step::Key(key.to_owned()));
        }
        self.span(&path).map(|_| path)
    }

    /// The path of the first string equal to `value` under `path` (the value itself, or in its
    /// arrays and inline tables; `keys` limits which keys of an inline table are looked into).
    pub fn string_in(&self, path: &Path, value: &str, keys: &[&str]) -> Option<Path> {
        match self.get(path)? {
            Got::Item(Item::Value(v)) | Got::Value(v) => {
                find_string(v, value, keys).map(|tail| path.iter().cloned().chain(tail).collect())
            }
            _ => None,
        }
    }

    /// The byte span of what `path` leads to.
    pub fn span(&self, path: &Path) -> Option<std::ops::Range<usize>> {
        match self.get(path)? {
            Got::Item(item) => item.span(),
            Got::Value(value) => value.span(),
            Got::Table(table) => table.span(),
        }
    }

    /// The 1-based line of a byte offset.
    pub fn line_of(&self, byte: usize) -> usize {
        crate::annotation::model::line_column(self.doc.raw(), byte).0
    }

    fn get(&self, path: &Path) -> Option<Got<'_>> {
        let mut at = Got::Table(self.doc.as_table());
        for step in path {
            at = match (at, step) {
                (Got::Table(t), Step::Key(k)) => Got::Item(t.get(k)?),
                (Got::Item(Item::Table(t)), Step::Key(k)) => Got::Item(t.get(k)?),
                (Got::Item(Item::ArrayOfTables(a)), Step::Index(n)) => Got::Table(a.get(*n)?),
                (Got::Item(Item::Value(v)) | Got::Value(v), step) => {
                    Got::Value(step_value(v, step)?)
                }
                _ => return None,
            };
        }
        Some(at)
    }
}

/// What a path leads to.
enum Got<'a> {
    Table(&'a Table),
    Item(&'a Item),
    Value(&'a Value),
}

fn step_value<'a>(value: &'a Value, step: &Step) -> Option<&'a Value> {
    match (value, step) {
        (Value::Array(a), Step::Index(n)) => a.get(*n),
        (Value::InlineTable(t), Step::Key(k)) => t.get(k),
        _ => None,
    }
}

/// The steps from `value` to the first string equal to `wanted`.
fn find_string(value: &Value, wanted: &str, keys: &[&str]) -> Option<Vec<Step>> {
    match value {
        Value::String(s) if s.value() == wanted => Some(Vec::new()),
        Value::Array(a) => a.iter().enumerate().find_map(|(n, v)| {
            let tail = find_string(v, wanted, keys)?;
            Some(std::iter::once(Step::Index(n)).chain(tail).collect())
        }),
        Value::InlineTable(t) => t
            .iter()
            .filter(|(k, _)| keys.is_empty() || keys.contains(k))
            .find_map(|(k, v)| {
                let tail = find_string(v, wanted, keys)?;
                Some(
                    std::iter::once(Step::Key(k.to_owned()))
                        .chain(tail)
                        .collect(),
                )
            }),
        _ => None,
    }
}

/// Replaces the string at `path` in an editable document by `new`, keeping the comments and
/// spaces around it; false when the path leads to no string.
pub fn replace_string(doc: &mut toml_edit::DocumentMut, path: &Path, new: &str) -> bool {
    let Some((Step::Key(first), rest)) = path.split_first() else {
        return false;
    };
    let Some(mut item) = doc.get_mut(first) else {
        return false;
    };
    let mut steps = rest.iter().peekable();
    let value: &mut Value = loop {
        item = match item {
            Item::Value(v) => break v,
            Item::Table(t) => match steps.next() {
                Some(Step::Key(k)) => match t.get_mut(k) {
                    Some(i) => i,
                    None => return false,
                },
                _ => return false,
            },
            Item::ArrayOfTables(a) => {
                let (Some(Step::Index(n)), Some(Step::Key(k))) = (steps.next(), steps.next())
                else {
                    return false;
                };
                match a.get_mut(*n).and_then(|t| t.get_mut(k)) {
                    Some(i) => i,
                    None => return false,
                }
            }
            Item::None => return false,
        };
    };
    let mut value = value;
    for step in steps {
        value = match (value, step) {
            (Value::Array(a), Step::Index(n)) => match a.get_mut(*n) {
                Some(v) => v,
                None => return false,
            },
            (Value::InlineTable(t), Step::Key(k)) => match t.get_mut(k) {
                Some(v) => v,
                None => return false,
            },
            _ => return false,
        };
    }
    if !value.is_str() {
        return false;
    }
    let decor = value.decor().clone();
    *value = Value::from(new);
    *value.decor_mut() = decor;
    true
}
