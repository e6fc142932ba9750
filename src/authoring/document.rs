//! One annotation file resolved with a corpus, as `load` would resolve it but without writing
//! anything: what `agreement` compares, and the ids `import` knows. The corpus is the bundled one
//! (`data/**`), or what a store holds (`--store`).

use crate::annotation::{self, Disk, ParsedFile, ResolvedFile, StoredCorpus, Symbol};
use crate::error::Result;
use crate::ontology::Ontology;
use crate::store::{KnowledgeGraph, StoredDeclarations};
use crate::vocab::Base;
use oxigraph::model::NamedNode;
use std::collections::BTreeSet;
use std::path::Path;

/// The corpus a file is resolved with.
#[derive(Clone, Copy)]
pub enum Corpus<'a> {
    /// The annotation files compiled into the binary.
    Bundled,
    /// What a store holds.
    Store(&'a KnowledgeGraph),
}

/// The bundled annotation files, parsed.
fn bundled_files() -> Result<Vec<ParsedFile>> {
    let files = crate::bundled::files();
    crate::bundled::annotation_files()
        .map(|name| ParsedFile::read(Path::new(name), &files).map_err(Into::into))
        .collect()
}

/// Every id the corpus declares, with its kind, class and label.
pub fn symbols(corpus: Corpus<'_>) -> Result<Vec<(String, Symbol)>> {
    match corpus {
        Corpus::Bundled => Ok(bundled_files()?
            .iter()
            .flat_map(annotation::resolve::declarations)
            .collect()),
        Corpus::Store(kg) => Ok(StoredDeclarations::read(kg.store(), kg.base())?
            .corpus(&BTreeSet::new())
            .symbols),
    }
}

/// Reads the annotation file at `path` (and its text) and resolves it with `corpus`, as `load`
/// would: its references checked, its quotes placed, the corpus's mentions found in its text.
/// What fills the same graph (the same document id) is left out of the corpus, so that two
/// annotations of a text the corpus holds can be compared too.
pub fn resolve_file(path: &Path, corpus: Corpus<'_>, base: &Base) -> Result<ResolvedFile> {
    let file = ParsedFile::read(path, &Disk)?;
    let graph = annotation::file_graph_id(&file);
    let name = file.name.clone();
    let ontology = Ontology::bundled(base)?;
    let resolved = match corpus {
        Corpus::Bundled => {
            let mut files: Vec<ParsedFile> = bundled_files()?
                .into_iter()
                .filter(|f| annotation::file_graph_id(f) != graph)
                .collect();
            files.push(file);
            annotation::resolve_corpus(&files, &StoredCorpus::default(), &ontology, base)?
        }
        Corpus::Store(kg) => {
            let skip: BTreeSet<NamedNode> = graph
                .iter()
                .map(|id| NamedNode::new_unchecked(format!("{}graph/{id}", base.as_str())))
                .collect();
            let stored = StoredDeclarations::read(kg.store(), base)?.corpus(&skip);
            annotation::resolve_corpus(&[file], &stored, &ontology, base)?
        }
    };
    Ok(resolved
        .files
        .into_iter()
        .find(|f| f.name == name)
        .expect("every file of a resolved corpus is resolved"))
}
