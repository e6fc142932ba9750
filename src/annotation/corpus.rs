//! The corpus: every annotation file of a load, parsed, and the symbol table that the resolve
//! phase checks references against.
//!
//! Ids are global: `B id/{id}` names the same thing in every file. The symbol table maps each id
//! to its kind, class, label and the place that declares it, across all files of the load and
//! the graphs already in the store, so that a duplicate claim id in two files, a reference to
//! nothing, or an entity declared twice with different classes is caught before anything is
//! written.

use super::error::{AnnotationError, Place};
use super::model::{line_column, AnnotationFile, Spanned};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// An annotated text (`[document]`).
    Document,
    /// An `[[entity]]`: actor, document mentioned, event, concept …
    Entity,
    /// A `[[claim]]`.
    Claim,
}

impl Kind {
    /// The word used in messages.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Document => "annotated document",
            Kind::Entity => "entity",
            Kind::Claim => "claim",
        }
    }
}

/// One declaration of an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    pub kind: Kind,
    /// Local name of its `wl:` class (`Claim` for claims).
    pub class: String,
    /// Its English label (an annotated document's title).
    pub label: String,
    /// Where it is declared.
    pub place: Place,
}

/// Every id of the corpus: the files of this load and what the store already holds.
#[derive(Debug, Clone, Default)]
pub struct SymbolTable {
    symbols: BTreeMap<String, Symbol>,
}

impl SymbolTable {
    /// Declares `id`. The same entity may be declared again (a second file extends it) if kind,
    /// class and label agree; anything else declared twice is a conflict naming both places.
    pub fn declare(&mut self, id: &str, symbol: Symbol) -> Result<(), AnnotationError> {
        let Some(existing) = self.symbols.get(id) else {
            self.symbols.insert(id.to_owned(), symbol);
            return Ok(());
        };
        let reason = if existing.kind != symbol.kind {
            format!(
                "declared as {} here but as {} elsewhere",
                symbol.kind.name(),
                existing.kind.name()
            )
        } else if symbol.kind != Kind::Entity {
            format!(
                "duplicate id `{id}` (a {} is declared once)",
                symbol.kind.name()
            )
        } else if existing.class != symbol.class {
            format!(
                "type `{}` here but `{}` elsewhere",
                symbol.class, existing.class
            )
        } else if existing.label != symbol.label {
            format!(
                "label \"{}\" here but \"{}\" elsewhere",
                symbol.label, existing.label
            )
        } else {
            return Ok(());
        };
        Err(AnnotationError::Conflict {
            place: Box::new(symbol.place),
            id: id.to_owned(),
            reason,
            other: Box::new(existing.place.clone()),
        })
    }

    /// The declaration of `id`, if any.
    pub fn get(&self, id: &str) -> Option<&Symbol> {
        self.symbols.get(id)
    }

    /// Every declared id, sorted.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.symbols.keys().map(String::as_str)
    }
}

/// A parsed annotation file, with what the resolve phase needs to name lines and read its text.
#[derive(Debug, Clone)]
pub struct ParsedFile {
    /// Names the file in messages (the path as given, or `data/…` for bundled files).
    pub name: String,
    /// The TOML source, to turn byte spans into line numbers.
    pub source: String,
    pub annotation: AnnotationFile,
    /// The bytes of the document's text (document files only).
    pub text: Option<Vec<u8>>,
    /// The graph-naming id of an entity file (its file stem); `None` for a document file.
    pub entity_file_id: Option<String>,
}

/// Where annotation files and their texts are read from: the disk, or the files compiled into
/// the binary.
pub trait FileSource {
    /// The bytes of the file at `path`.
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>>;
}

/// Files on disk.
pub struct Disk;

impl FileSource for Disk {
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        std::fs::read(path)
    }
}

/// Files compiled into the binary, by repository path (`data/rathor-2024.txt`).
pub struct Bundled(pub &'static [(&'static str, &'static [u8])]);

impl FileSource for Bundled {
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        let wanted = normalize(path);
        self.0
            .iter()
            .find(|(name, _)| Path::new(name) == wanted)
            .map(|(_, bytes)| bytes.to_vec())
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))
    }
}

/// `a/./b/../c` → `a/c`, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

impl ParsedFile {
    /// Reads and parses an annotation file, and the text it names (relative to the file).
    pub fn read(path: &Path, files: &dyn FileSource) -> Result<Self, AnnotationError> {
        let name = path.display().to_string();
        let read = |p: &Path| {
            files.read(p).map_err(|source| AnnotationError::Read {
                path: p.to_owned(),
                source,
            })
        };
        let bytes = read(path)?;
        let source = String::from_utf8(bytes).map_err(|e| AnnotationError::Syntax {
            file: name.clone(),
            line: 1,
            column: 1,
            message: format!("not UTF-8: {e}"),
        })?;
        let annotation = AnnotationFile::parse(&name, &source)?;
        let text = match &annotation.document {
            Some(doc) => {
                let dir = path.parent().unwrap_or_else(|| Path::new(""));
                Some(read(&dir.join(&doc.text))?)
            }
            None => None,
        };
        let entity_file_id = match &annotation.document {
            Some(_) => None,
            None => Some(entity_file_id(&name, path)?),
        };
        Ok(Self {
            name,
            source,
            annotation,
            text,
            entity_file_id,
        })
    }

    /// Where an id of this file is declared: the file and the line of the id.
    pub fn place(&self, id: &Spanned<String>) -> Place {
        Place::File {
            file: self.name.clone(),
            line: Some(line_column(&self.source, id.span().start).0),
        }
    }

    /// The whole file.
    pub fn file_place(&self) -> Place {
        Place::file(&self.name)
    }
}

/// The id of an entity file: its file stem, which must be a slug (it names the file's graph).
fn entity_file_id(name: &str, path: &Path) -> Result<String, AnnotationError> {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if super::resolve::is_slug(stem) {
        Ok(stem.to_owned())
    } else {
        Err(AnnotationError::item(
            &Place::file(name),
            stem,
            "an entity file (one without [document]) is named by a lowercase slug like `actors.toml`",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::{Bundled, FileSource, Kind, Place, Symbol, SymbolTable};
    use std::path::Path;

    fn symbol(kind: Kind, class: &str, label: &str, line: usize) -> Symbol {
        Symbol {
            kind,
            class: class.to_owned(),
            label: label.to_owned(),
            place: Place::File {
                file: "a.toml".to_owned(),
                line: Some(line),
            },
        }
    }

    #[test]
    fn an_entity_may_be_declared_again_alike_and_nothing_else() {
        let mut table = SymbolTable::default();
        table
            .declare(
                "odni",
                symbol(Kind::Entity, "IntelligenceAgency", "ODNI", 1),
            )
            .unwrap();
        table
            .declare(
                "odni",
                symbol(Kind::Entity, "IntelligenceAgency", "ODNI", 9),
            )
            .unwrap();
        for (again, reason) in [
            (
                symbol(Kind::Entity, "State", "ODNI", 2),
                "type `State` here",
            ),
            (
                symbol(Kind::Entity, "IntelligenceAgency", "Other", 3),
                "label \"Other\" here",
            ),
            (symbol(Kind::Claim, "Claim", "ODNI", 4), "elsewhere"),
        ] {
            let error = table.declare("odni", again).unwrap_err().to_string();
            assert!(
                error.contains(reason) && error.contains("a.toml"),
                "{error}"
            );
        }
        table
            .declare("c", symbol(Kind::Claim, "Claim", "c", 5))
            .unwrap();
        let error = table
            .declare("c", symbol(Kind::Claim, "Claim", "c", 6))
            .unwrap_err()
            .to_string();
        assert!(error.contains("duplicate id `c`"), "{error}");
        assert_eq!(table.ids().collect::<Vec<_>>(), ["c", "odni"]);
        assert_eq!(
            table.get("odni").map(|s| &s.place),
            Some(&symbol(Kind::Entity, "", "", 1).place)
        );
    }

    #[test]
    fn bundled_files_are_found_by_normalized_path() {
        static FILES: &[(&str, &[u8])] = &[("data/a.txt", b"text")];
        let files = Bundled(FILES);
        assert_eq!(files.read(Path::new("data/./x/../a.txt")).unwrap(), b"text");
        assert_eq!(
            files.read(Path::new("data/b.txt")).unwrap_err().kind(),
            std::io::ErrorKind::NotFound
        );
    }
}
