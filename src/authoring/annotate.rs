//! `annotate`: a first draft of a text's annotation, for a person to finish.
//!
//! The text is segmented as the loader segments it ([`Segmentation`]) and searched for every
//! entity the corpus knows with the loader's own mention search ([`CorpusForms`]). What the
//! text alone suggests ([`super::guess`]) is kept apart as guesses: candidate new entities,
//! sentences proposed as carrying no claim, claim skeletons for the sentences with a reporting
//! cue and the claimant the cue's subject suggests. [`super::draft`] writes the draft so that no
//! guess reads as a fact.

use super::{guess, propose};
use crate::annotation::{AnnotationError, AnnotationFile, CorpusForms, StoredEntity};
use crate::text::{Segmentation, SourceText, Span};
use crate::vocab::Base;
use std::collections::{BTreeMap, BTreeSet};

/// An entity the corpus declares, with the forms it may be named by.
#[derive(Debug, Clone)]
pub struct KnownEntity {
    pub id: String,
    pub class: String,
    pub label: String,
    pub labels: BTreeMap<String, String>,
    pub aliases: Vec<String>,
    pub mentions: Vec<String>,
    /// For a document: the ids of its authors (`links.author`).
    pub authors: Vec<String>,
}

/// Every entity declared by annotation files, `(name, TOML source)`: the first declaration of
/// an id gives its type and label, later ones add forms.
pub fn known_entities(files: &[(String, String)]) -> Result<Vec<KnownEntity>, AnnotationError> {
    let mut known: BTreeMap<String, KnownEntity> = BTreeMap::new();
    for (name, source) in files {
        for e in AnnotationFile::parse(name, source)?.entities {
            let entry = known
                .entry(e.id.get_ref().clone())
                .or_insert_with(|| KnownEntity {
                    id: e.id.get_ref().clone(),
                    class: e.class.clone(),
                    label: e.label.clone(),
                    labels: BTreeMap::new(),
                    aliases: Vec::new(),
                    mentions: Vec::new(),
                    authors: Vec::new(),
                });
            if let Some(authors) = e.links.get("author") {
                extend_new(&mut entry.authors, authors.ids().to_vec());
            }
            for (tag, label) in e.labels {
                entry.labels.entry(tag).or_insert(label);
            }
            extend_new(&mut entry.aliases, e.aliases);
            extend_new(&mut entry.mentions, e.mentions);
        }
    }
    Ok(known.into_values().collect())
}

/// The entities the corpus knows: those of the bundled annotation files (`data/**`, unless
/// `bundled` is false) and of the files given.
pub fn corpus_entities(
    files: &[std::path::PathBuf],
    bundled: bool,
) -> crate::Result<Vec<KnownEntity>> {
    let mut sources: Vec<(String, String)> = Vec::new();
    if bundled {
        for (name, bytes) in crate::bundled::files().0 {
            if name.ends_with(".toml") {
                sources.push((
                    name.to_string(),
                    String::from_utf8_lossy(bytes).into_owned(),
                ));
            }
        }
    }
    for path in files {
        let source = std::fs::read_to_string(path).map_err(|source| crate::Error::Read {
            path: path.clone(),
            source,
        })?;
        sources.push((path.display().to_string(), source));
    }
    Ok(known_entities(&sources)?)
}

fn extend_new(list: &mut Vec<String>, more: Vec<String>) {
    for m in more {
        if !list.contains(&m) {
            list.push(m);
        }
    }
}

/// Words of the text, as a quote of the annotation format: `occurrence` when they occur more
/// than once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub exact: String,
    pub occurrence: Option<usize>,
}

impl Quote {
    /// The quote of the characters `span` of `text`.
    pub fn of(text: &SourceText, span: Span) -> Self {
        let exact = text.slice(span.begin, span.end).to_owned();
        let starts = text.occurrences(&exact);
        let occurrence = (starts.len() > 1)
            .then(|| starts.iter().position(|&s| s == span.begin).map(|n| n + 1))
            .flatten();
        Self { exact, occurrence }
    }
}

/// A known entity the text names: the forms that occur, where.
#[derive(Debug, Clone)]
pub struct NamedEntity {
    pub known: KnownEntity,
    /// The entity's forms of each kind that name it in this text.
    pub labels: BTreeMap<String, String>,
    pub aliases: Vec<String>,
    pub mentions: Vec<String>,
    /// Each mention, in reading order.
    pub spans: Vec<Span>,
    pub quotes: Vec<Quote>,
    /// Acronyms the text defines for it in parentheses: aliases to consider.
    pub suggested_aliases: Vec<String>,
}

/// Why a candidate is suggested.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CandidateKind {
    Name,
    Acronym,
    QuotedTerm,
    Han,
}

/// Words that may name an entity the corpus does not know.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub id: String,
    pub label: String,
    pub kind: CandidateKind,
    /// A defined acronym.
    pub alias: Option<String>,
    /// A guessed class, when the words say (a title: `Person`).
    pub class: Option<&'static str>,
    /// Where it is first named.
    pub span: Span,
    pub quote: Quote,
}

/// A sentence's proposal.
#[derive(Debug, Clone)]
pub enum Proposal {
    /// A title, byline, dateline, heading or tag line: proposed for `no_claims`.
    NoClaim { reason: &'static str, quote: Quote },
    /// A reporting cue: a claim skeleton.
    Claim(ClaimSkeleton),
    /// Anything else: for the annotator to decide.
    Todo,
}

/// A claim to confirm: the sentence as its quote, the cue, the guessed claimant and subjects.
#[derive(Debug, Clone)]
pub struct ClaimSkeleton {
    pub id: String,
    pub cue: String,
    pub claimant: Option<ClaimantGuess>,
    /// When no entity is the cue's subject: the capitalised words before the cue, if any.
    pub subject_words: Option<String>,
    /// Known entities the sentence names (besides the claimant).
    pub subjects: Vec<String>,
    pub quote: Quote,
}

/// Who probably holds a claim, and why the draft thinks so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimantGuess {
    /// A known entity's id or a candidate's suggested id.
    pub id: String,
    /// Whether the corpus knows it (else it is a candidate to declare first).
    pub known: bool,
    pub why: String,
}

/// One sentence, in reading order, and what the draft proposes for it.
#[derive(Debug, Clone)]
pub struct DraftSentence {
    pub span: Span,
    pub text: String,
    pub proposal: Proposal,
}

/// A draft annotation of one text.
#[derive(Debug, Clone)]
pub struct Draft {
    pub id: String,
    /// The text's path as `text =` gives it (relative to the annotation file).
    pub text_file: String,
    pub sha256: String,
    /// Guesses: the first line, the language, the type, a dateline's date.
    pub title: String,
    pub language: &'static str,
    pub class: &'static str,
    pub date: Option<String>,
    pub entities: Vec<NamedEntity>,
    pub candidates: Vec<Candidate>,
    pub sentences: Vec<DraftSentence>,
}

/// Drafts the annotation of `text` (bytes of the file `text_file`), as document `id`, with the
/// entities the corpus knows.
pub fn annotate(text: &str, text_file: &str, id: &str, known: &[KnownEntity]) -> Draft {
    let source = SourceText::new(text);
    let segmentation = Segmentation::of(&source);
    let entities = named_entities(&source, known);
    let mut sentences: Vec<DraftSentence> = Vec::new();
    for (index, span) in segmentation.sentences.iter().enumerate() {
        let whole_paragraph = segmentation.paragraphs.iter().any(|p| p.span == *span);
        let words = source.slice(span.begin, span.end);
        let proposal = match guess::no_claim_reason(index, words, whole_paragraph) {
            Some(reason) => Proposal::NoClaim {
                reason,
                quote: Quote::of(&source, *span),
            },
            None => Proposal::Todo,
        };
        sentences.push(DraftSentence {
            span: *span,
            text: words.to_owned(),
            proposal,
        });
    }
    let known_ids: BTreeSet<&str> = known.iter().map(|k| k.id.as_str()).collect();
    let candidates = propose::candidates(&source, &sentences, &entities, &known_ids);
    let mut entities = entities;
    propose::suggest_aliases(&source, &sentences, &mut entities);
    let referents = propose::referents(&source, &entities, &candidates);
    propose::claims(&source, &mut sentences, &referents, &entities);
    let title = sentences
        .first()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    let date = sentences
        .iter()
        .take(6)
        .filter(|s| matches!(s.proposal, Proposal::NoClaim { .. }))
        .find_map(|s| guess::date_in(&s.text));
    Draft {
        id: id.to_owned(),
        text_file: text_file.to_owned(),
        sha256: crate::util::hash::sha256_hex(text.as_bytes()),
        title: title.replace('\n', " "),
        language: language_of(text),
        class: "OpEd",
        date,
        entities,
        candidates,
        sentences,
    }
}

/// `zh` when the text has more Han characters than Latin letters, else `en`.
fn language_of(text: &str) -> &'static str {
    let han = text
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count();
    let latin = text.chars().filter(char::is_ascii_alphabetic).count();
    if han > latin {
        "zh"
    } else {
        "en"
    }
}

/// The known entities the text names, through the loader's mention search, in reading order of
/// their first mention.
fn named_entities(text: &SourceText, known: &[KnownEntity]) -> Vec<NamedEntity> {
    // The IRIs only tell the entities apart here: any base will do.
    let base = Base::default();
    let stored: Vec<StoredEntity> = known
        .iter()
        .map(|k| StoredEntity {
            id: k.id.clone(),
            iri: base.item(&k.id),
            forms: std::iter::once(&k.label)
                .chain(k.labels.values())
                .chain(&k.aliases)
                .chain(&k.mentions)
                .cloned()
                .collect(),
        })
        .collect();
    let forms = CorpusForms::new(&[], &stored);
    let (mentions, _, _) = forms.search(text, &[]);
    let by_iri: BTreeMap<String, &KnownEntity> = known
        .iter()
        .map(|k| (base.item(&k.id).as_str().to_owned(), k))
        .collect();
    let mut named: Vec<NamedEntity> = Vec::new();
    for (span, iri) in mentions {
        let Some(entity) = by_iri.get(iri.as_str()) else {
            continue;
        };
        let position = match named.iter().position(|n| n.known.id == entity.id) {
            Some(p) => p,
            None => {
                named.push(NamedEntity {
                    known: (*entity).clone(),
                    labels: BTreeMap::new(),
                    aliases: Vec::new(),
                    mentions: Vec::new(),
                    spans: Vec::new(),
                    quotes: Vec::new(),
                    suggested_aliases: Vec::new(),
                });
                named.len() - 1
            }
        };
        let n = &mut named[position];
        record_form(n, text.slice(span.begin, span.end));
        n.spans.push(span);
        n.quotes.push(Quote::of(text, span));
    }
    named
}

/// Which of the entity's forms the words are (a lowercase form may match capitalised).
fn record_form(n: &mut NamedEntity, words: &str) {
    let same = |form: &str| form == words || capitalise(form) == words;
    if let Some((tag, label)) = n.known.labels.iter().find(|(_, l)| same(l)) {
        n.labels.insert(tag.clone(), label.clone());
    } else if let Some(alias) = n.known.aliases.iter().find(|a| same(a)) {
        extend_new(&mut n.aliases, vec![alias.clone()]);
    } else if let Some(mention) = n.known.mentions.iter().find(|m| same(m)) {
        extend_new(&mut n.mentions, vec![mention.clone()]);
    }
}

fn capitalise(form: &str) -> String {
    let mut chars = form.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A lowercase slug from words: `Baltic Cyber Policy Forum` → `baltic-cyber-policy-forum`.
pub fn id_slug(words: &str) -> String {
    let mut out = String::new();
    for c in words.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}
