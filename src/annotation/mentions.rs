//! The corpus's mentions: every entity of the corpus (declared by any file of the load, or
//! already in the store) is looked for in every text.
//!
//! Entities are taken in the order of their ids, so the outcome does not depend on how files
//! are grouped into loads or ordered on the command line.

use super::resolved::ResolvedFile;
use crate::text::{
    find_indexed_mentions, FormIndex, MentionExclusion, MentionForm, MentionSearch, SourceText,
    Span,
};
use oxigraph::model::NamedNode;
use std::collections::{BTreeMap, BTreeSet};

/// An entity already in the store, with the forms it may be named by.
#[derive(Debug, Clone)]
pub struct StoredEntity {
    pub id: String,
    pub iri: NamedNode,
    pub forms: Vec<String>,
}

/// One entity of the corpus, with its forms and, for warnings, what each form is and the file
/// that declared it.
#[derive(Debug, Clone)]
struct CorpusEntity {
    id: String,
    iri: NamedNode,
    forms: Vec<(String, Option<&'static str>)>,
    /// The first file of this load that declares it (`None`: only in the store).
    declared_in: Option<String>,
}

/// Every form of every entity of the corpus, ready to search texts with.
#[derive(Debug, Clone)]
pub struct CorpusForms {
    entities: Vec<CorpusEntity>,
    forms: Vec<MentionForm>,
    /// The forms compiled for searching (built once per corpus, used for every text).
    compiled: FormIndex,
    index: BTreeMap<String, usize>,
}

impl CorpusForms {
    /// The entities of the load's files and of the store, sorted by id; an entity declared by
    /// several files has the union of their forms.
    pub fn new(files: &[ResolvedFile], stored: &[StoredEntity]) -> Self {
        let mut entities: BTreeMap<String, CorpusEntity> = BTreeMap::new();
        for file in files {
            for e in &file.entities {
                let entry = entities
                    .entry(e.id.clone())
                    .or_insert_with(|| CorpusEntity {
                        id: e.id.clone(),
                        iri: e.iri.clone(),
                        forms: Vec::new(),
                        declared_in: Some(file.name.clone()),
                    });
                for form in &e.mention_forms {
                    let kind = if *form == e.label || e.labels.iter().any(|l| l.value() == form) {
                        None
                    } else if e.aliases.contains(form) {
                        Some("alias")
                    } else {
                        Some("mention form")
                    };
                    add_form(&mut entry.forms, form, kind);
                }
            }
        }
        for s in stored {
            let entry = entities
                .entry(s.id.clone())
                .or_insert_with(|| CorpusEntity {
                    id: s.id.clone(),
                    iri: s.iri.clone(),
                    forms: Vec::new(),
                    declared_in: None,
                });
            for form in &s.forms {
                add_form(&mut entry.forms, form, None);
            }
        }
        let entities: Vec<CorpusEntity> = entities.into_values().collect();
        let forms: Vec<MentionForm> = entities
            .iter()
            .enumerate()
            .flat_map(|(n, e)| {
                e.forms.iter().map(move |(form, _)| MentionForm {
                    entity: n,
                    form: form.clone(),
                })
            })
            .collect();
        let compiled = FormIndex::new(&forms);
        let index = entities
            .iter()
            .enumerate()
            .map(|(n, e)| (e.id.clone(), n))
            .collect();
        Self {
            entities,
            forms,
            compiled,
            index,
        }
    }

    /// Warnings for the words of `text` that are a form of two entities (see [`MentionSearch::shared`]),
    /// each starting with `place`.
    pub fn shared_warnings(
        &self,
        place: &str,
        text: &SourceText,
        search: &MentionSearch,
    ) -> Vec<String> {
        search
            .shared
            .iter()
            .map(|shared| {
                format!(
                    "{place}: {}: \"{}\" at {},{} is also a form of `{}`, which it is taken to mention; add an exclusion to the one not meant",
                    self.entities[shared.dropped].id,
                    text.slice(shared.span.begin, shared.span.end),
                    shared.span.begin,
                    shared.span.end,
                    self.entities[shared.kept].id,
                )
            })
            .collect()
    }

    /// Every `(entity id, form)` of the corpus.
    pub fn pairs(&self) -> BTreeSet<(String, String)> {
        self.entities
            .iter()
            .flat_map(|e| e.forms.iter().map(|(f, _)| (e.id.clone(), f.clone())))
            .collect()
    }

    /// The mentions in `text`, less the `exclusions` (span, entity id; ids not in the corpus are
    /// ignored), as `(span, entity IRI)` in reading order, and the search's details.
    pub fn search(
        &self,
        text: &SourceText,
        exclusions: &[(Span, &str)],
    ) -> (Vec<(Span, NamedNode)>, MentionSearch, Vec<MentionExclusion>) {
        let exclusions: Vec<MentionExclusion> = exclusions
            .iter()
            .filter_map(|(span, id)| {
                self.index.get(*id).map(|&entity| MentionExclusion {
                    entity,
                    span: *span,
                })
            })
            .collect();
        let search = find_indexed_mentions(text, &self.compiled, &exclusions);
        let mentions = search
            .mentions
            .iter()
            .map(|m| (m.span, self.entities[m.entity].iri.clone()))
            .collect();
        (mentions, search, exclusions)
    }
}

fn add_form(
    forms: &mut Vec<(String, Option<&'static str>)>,
    form: &str,
    kind: Option<&'static str>,
) {
    if !forms.iter().any(|(f, _)| f == form) {
        forms.push((form.to_owned(), kind));
    }
}

/// How often each form of the corpus found in a text matched there: `(form index, count)`, the
/// forms not found left out (see [`MentionSearch::form_matches`]).
type FormMatches = Vec<(usize, usize)>;

/// Places the corpus's mentions in one file's text; returns the file's warnings and how often
/// each form that occurs there matched (see [`MentionSearch::form_matches`]).
fn place_file_mentions(
    file: &mut ResolvedFile,
    corpus: &CorpusForms,
) -> (Vec<String>, FormMatches) {
    let exclusions: Vec<(Span, String)> = file
        .entities
        .iter()
        .flat_map(|e| {
            e.exclusions
                .iter()
                .map(|x| (Span::new(x.start, x.end), e.id.clone()))
        })
        .collect();
    let exclusions: Vec<(Span, &str)> =
        exclusions.iter().map(|(s, id)| (*s, id.as_str())).collect();
    let name = file.name.clone();
    let Some(doc) = file.document.as_mut() else {
        return (Vec::new(), Vec::new());
    };
    let (mentions, search, placed) = corpus.search(&doc.text, &exclusions);
    let mut warnings = Vec::new();
    for (exclusion, removed) in placed.iter().zip(&search.excluded) {
        if *removed == 0 {
            warnings.push(format!(
                "{name}: {}: exclusion \"{}\" removes no mention",
                corpus.entities[exclusion.entity].id,
                doc.text.slice(exclusion.span.begin, exclusion.span.end)
            ));
        }
    }
    warnings.extend(corpus.shared_warnings(&name, &doc.text, &search));
    doc.mentions = mentions;
    (warnings, search.form_matches)
}

/// Finds the mentions of every entity of the corpus in every text of the load, and returns the
/// warnings worth a curator's look (forms that match nothing, exclusions that exclude nothing,
/// words that are a form of two entities).
pub fn place_mentions(files: &mut [ResolvedFile], corpus: &CorpusForms) -> Vec<String> {
    use rayon::prelude::*;
    // Each text is searched on its own (on every core); the warnings keep the files' order.
    let searched: Vec<(Vec<String>, FormMatches)> = files
        .par_iter_mut()
        .map(|file| place_file_mentions(file, corpus))
        .collect();
    let mut matches = vec![0usize; corpus.forms.len()];
    let mut warnings = Vec::new();
    for (file_warnings, form_matches) in searched {
        for (form, found) in form_matches {
            matches[form] += found;
        }
        warnings.extend(file_warnings);
    }
    let mut unmatched = Vec::new();
    for (form, total) in corpus.forms.iter().zip(matches) {
        let entity = &corpus.entities[form.entity];
        let kind = entity.forms.iter().find(|(f, _)| *f == form.form);
        if let (Some((_, Some(kind))), Some(file), 0) = (kind, &entity.declared_in, total) {
            unmatched.push(format!(
                "{file}: {}: {kind} `{}` matches nothing in the text",
                entity.id, form.form
            ));
        }
    }
    unmatched.extend(warnings);
    unmatched
}
