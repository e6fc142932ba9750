//! Curated annotations, from TOML files to checked, resolved documents, in phases:
//!
//! 1. **parse** ([`model`], [`corpus::ParsedFile`]): each file read with serde; unknown keys are
//!    errors;
//! 2. **resolve** ([`resolve_corpus`]): the whole corpus at once — a symbol table of every id
//!    (this load's files and the store's graphs), then every reference, kind, quote, date and tag
//!    checked, IRIs minted, each text's structure and the corpus's mentions in it placed, and
//!    what the curator adds (`[[curation]]`, `curation.rs`) resolved apart from what the text says.
//!
//! What comes out ([`resolved::ResolvedFile`]) is turned into quads by `crate::rdf::emit`, with
//! no check left there. Nothing here touches a store: the caller passes what the store holds.

pub mod corpus;
mod curation;
mod entity;
pub mod error;
pub mod mentions;
pub mod model;
pub mod resolve;
pub mod resolved;
mod structure;

pub use corpus::{Bundled, Disk, FileSource, Kind, ParsedFile, Symbol, SymbolTable};
pub use error::{AnnotationError, Errors, Place};
pub use mentions::{CorpusForms, StoredEntity};
pub use model::{AnnotationFile, QuoteSpec};
pub use resolved::{
    CurationKind, ResolvedClaim, ResolvedCuration, ResolvedCurator, ResolvedDocument,
    ResolvedEntity, ResolvedFile,
};

use crate::ontology::Ontology;
use crate::vocab::Base;
use rayon::prelude::*;
use std::collections::BTreeSet;

/// What the store already holds that a load must agree with: the ids declared by graphs the
/// load does not replace, and the forms of their entities.
#[derive(Debug, Clone, Default)]
pub struct StoredCorpus {
    pub symbols: Vec<(String, Symbol)>,
    pub entities: Vec<StoredEntity>,
}

/// The files of a load, resolved, and the warnings worth a curator's look.
#[derive(Debug, Clone)]
pub struct ResolvedCorpus {
    pub files: Vec<ResolvedFile>,
    /// Every entity form of the corpus after this load (to search the store's texts again).
    pub forms: CorpusForms,
    pub warnings: Vec<String>,
}

/// Resolves the files of a load against each other and against what the store holds; the first
/// file that fails (in the order given) fails the whole corpus.
pub fn resolve_corpus(
    files: &[ParsedFile],
    stored: &StoredCorpus,
    ontology: &Ontology,
    base: &Base,
) -> Result<ResolvedCorpus, AnnotationError> {
    let symbols = symbol_table(files.iter(), stored).map_err(|(_, e)| e)?;
    let resolver = resolve::Resolver {
        ontology,
        symbols: &symbols,
        base,
    };
    // Files resolve independently once the symbol table is built: on every core, the error
    // reported being the first file's, as in a sequential run.
    let resolved = files
        .par_iter()
        .map(|f| resolver.resolve_file(f))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(with_mentions(resolved, stored))
}

/// Resolves what can be resolved: a file that fails is left out (with its error, by index in
/// `files`) and the others are resolved again without it, until none fails (leaving a file out
/// can only make the files that use its ids fail, never one pass).
pub fn resolve_corpus_keep_going(
    files: &[ParsedFile],
    stored: &StoredCorpus,
    ontology: &Ontology,
    base: &Base,
) -> (ResolvedCorpus, Vec<(usize, AnnotationError)>) {
    let mut failed: Vec<(usize, AnnotationError)> = Vec::new();
    loop {
        let live: Vec<usize> = (0..files.len())
            .filter(|n| !failed.iter().any(|(f, _)| f == n))
            .collect();
        let symbols = match symbol_table(live.iter().map(|&n| &files[n]), stored) {
            Ok(symbols) => symbols,
            Err((position, error)) => {
                failed.push((live[position], error));
                continue;
            }
        };
        let resolver = resolve::Resolver {
            ontology,
            symbols: &symbols,
            base,
        };
        let results: Vec<_> = live
            .par_iter()
            .map(|&n| resolver.resolve_file(&files[n]))
            .collect();
        let mut resolved = Vec::new();
        let mut new_failures = false;
        for (&n, result) in live.iter().zip(results) {
            match result {
                Ok(file) => resolved.push(file),
                Err(error) => {
                    failed.push((n, error));
                    new_failures = true;
                }
            }
        }
        if !new_failures {
            failed.sort_by_key(|(n, _)| *n);
            return (with_mentions(resolved, stored), failed);
        }
    }
}

/// The corpus's mentions placed in every resolved text.
fn with_mentions(mut resolved: Vec<ResolvedFile>, stored: &StoredCorpus) -> ResolvedCorpus {
    let forms = CorpusForms::new(&resolved, &stored.entities);
    let warnings = mentions::place_mentions(&mut resolved, &forms);
    ResolvedCorpus {
        files: resolved,
        forms,
        warnings,
    }
}

/// The symbol table of the corpus: the store's ids first, then each file's, in order. Within one
/// file an id is declared once; across files, see [`SymbolTable::declare`].
/// On failure, the position (among `files`) of the file at fault and the error.
fn symbol_table<'a>(
    files: impl Iterator<Item = &'a ParsedFile>,
    stored: &StoredCorpus,
) -> Result<SymbolTable, (usize, AnnotationError)> {
    let (table, mut errors) = symbol_table_all(files, stored);
    match errors.is_empty() {
        true => Ok(table),
        false => Err(errors.remove(0)),
    }
}

/// [`symbol_table`], going on past errors: the table of every declaration that could be made,
/// and every error (with the position of its file), in order.
fn symbol_table_all<'a>(
    files: impl Iterator<Item = &'a ParsedFile>,
    stored: &StoredCorpus,
) -> (SymbolTable, Vec<(usize, AnnotationError)>) {
    let mut table = SymbolTable::default();
    for (id, symbol) in &stored.symbols {
        // The store's own content was checked when it was loaded.
        let _ = table.declare(id, symbol.clone());
    }
    let mut errors = Vec::new();
    let mut graphs = BTreeSet::new();
    for (position, file) in files.enumerate() {
        let graph = file_graph_id(file);
        if let Some(graph) = &graph {
            if !graphs.insert(graph.clone()) {
                errors.push((position, AnnotationError::item(
                    &file.file_place(),
                    graph,
                    "two files of this load fill the same graph (same document id or entity-file name)",
                )));
                continue;
            }
        }
        let mut in_file = BTreeSet::new();
        for (id, symbol) in resolve::declarations(file) {
            let error = if !resolve::is_slug(&id) {
                AnnotationError::item(
                    &symbol.place,
                    &id,
                    "id must be a lowercase slug like `xi-jinping`",
                )
            } else if !in_file.insert(id.clone()) {
                AnnotationError::item(&symbol.place, &id, format!("duplicate id `{id}`"))
            } else {
                match table.declare(&id, symbol) {
                    Ok(()) => continue,
                    Err(error) => error,
                }
            };
            errors.push((position, error));
        }
    }
    (table, errors)
}

/// Every error of a corpus, for `check`: each file resolved against the others (and what the
/// store holds) as a load would, without stopping at the first error, with the position (among
/// `files`) of the file at fault; and the warnings a load would print about the files that
/// resolve.
pub fn check_corpus(
    files: &[ParsedFile],
    stored: &StoredCorpus,
    ontology: &Ontology,
    base: &Base,
) -> (Vec<(usize, AnnotationError)>, Vec<String>) {
    let (symbols, mut errors) = symbol_table_all(files.iter(), stored);
    let resolver = resolve::Resolver {
        ontology,
        symbols: &symbols,
        base,
    };
    let results: Vec<_> = files
        .par_iter()
        .map(|f| resolver.resolve_file_all(f))
        .collect();
    let mut resolved = Vec::new();
    for (n, result) in results.into_iter().enumerate() {
        match result {
            Ok(file) => resolved.push(file),
            Err(file_errors) => errors.extend(file_errors.0.into_iter().map(|e| (n, e))),
        }
    }
    // Stable: the symbol table's errors of a file before its items'.
    errors.sort_by_key(|(n, _)| *n);
    (errors, with_mentions(resolved, stored).warnings)
}

/// The id a file's graph is named after: its document id, or `entities/{stem}`.
pub fn file_graph_id(file: &ParsedFile) -> Option<String> {
    match (&file.annotation.document, &file.entity_file_id) {
        (Some(doc), _) => Some(doc.id.get_ref().clone()),
        (None, Some(stem)) => Some(format!("entities/{stem}")),
        (None, None) => None,
    }
}
