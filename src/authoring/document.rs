//! One annotation file resolved against the bundled corpus (`data/**`), without a store: what
//! `agreement` compares, and the ids `import` knows.

use crate::annotation::{self, Disk, ParsedFile, ResolvedFile, StoredCorpus, Symbol};
use crate::error::Result;
use crate::ontology::Ontology;
use crate::vocab::Base;
use std::path::Path;

/// The bundled annotation files, parsed.
fn bundled_files() -> Result<Vec<ParsedFile>> {
    let files = crate::bundled::files();
    crate::bundled::annotation_files()
        .map(|name| ParsedFile::read(Path::new(name), &files).map_err(Into::into))
        .collect()
}

/// Every id the bundled corpus declares, with its kind, class and label.
pub fn bundled_symbols() -> Result<Vec<(String, Symbol)>> {
    Ok(bundled_files()?
        .iter()
        .flat_map(annotation::resolve::declarations)
        .collect())
}

/// Reads the annotation file at `path` (and its text) and resolves it with the bundled corpus,
/// as `load` would into a fresh store: its references checked, its quotes placed, the corpus's
/// mentions found in its text. A bundled file that fills the same graph (the same document id)
/// is left out, so that two annotations of a bundled text can be compared too.
pub fn resolve_file(path: &Path, base: &Base) -> Result<ResolvedFile> {
    let file = ParsedFile::read(path, &Disk)?;
    let graph = annotation::file_graph_id(&file);
    let mut files: Vec<ParsedFile> = bundled_files()?
        .into_iter()
        .filter(|f| annotation::file_graph_id(f) != graph)
        .collect();
    let name = file.name.clone();
    files.push(file);
    let ontology = Ontology::bundled(base)?;
    let corpus = annotation::resolve_corpus(&files, &StoredCorpus::default(), &ontology, base)?;
    Ok(corpus
        .files
        .into_iter()
        .find(|f| f.name == name)
        .expect("every file of a resolved corpus is resolved"))
}
