//! Web Annotation in: annotations placed in the text again and turned into a draft annotation
//! file. Pure: the caller reads the files and prints what the outcome reports.
//!
//! An annotation becomes:
//! * a quote of the `[document]` when its body links the document;
//! * a claim when its motivation is `describing`, its body links a claim of the corpus, or a tag
//!   means a claim, claimant, perspective, characterization or subject (see [`Mapping`]);
//! * an entity when its body links an id (`B id/ID`) or a tag means an entity type;
//! * else a comment at the end of the draft, reported.
//!
//! Annotations that link the same id are one item with several quotes. Every guess and every
//! value no tag gave (`"TODO"`) is marked, so the draft never states a wrong claim as fact:
//! `wangluo load` refuses it until a curator fills them in.

use super::anchor::{anchor, Anchor};
use super::mapping::{Mapping, Meaning};
use super::read::Imported;
use super::toml_out::{comment, quotes, string, strings};
use crate::annotation::{Kind, Symbol};
use crate::text::SourceText;
use std::collections::BTreeMap;
use std::fmt::Write;

/// What an import reads besides the annotations.
pub struct ImportInput<'a> {
    pub text: &'a SourceText,
    /// The text's path as the draft names it (relative to the draft).
    pub text_path: String,
    /// SHA-256 of the text's bytes.
    pub sha256: String,
    /// The document id to give, else one from the annotations' source or `fallback_id`.
    pub document_id: Option<String>,
    pub fallback_id: String,
    pub mapping: &'a Mapping,
    /// The ids the corpus already declares.
    pub known: &'a BTreeMap<String, Symbol>,
    /// The namespace of ids (`B id/`).
    pub items: String,
}

/// The draft and what the import has to report.
#[derive(Debug, Clone, Default)]
pub struct ImportOutcome {
    pub toml: String,
    /// One line for each annotation not placed or not understood, and each tag no mapping knows.
    pub problems: Vec<String>,
    /// Annotations whose quote is not in the text.
    pub stale: usize,
    /// Annotations whose quote occurs several times, none chosen.
    pub ambiguous: usize,
    /// Annotations placed where the text's typography differs from theirs.
    pub folded: usize,
    pub placed: usize,
    pub entities: usize,
    pub claims: usize,
    /// Annotations placed but neither claim nor entity.
    pub unmapped: usize,
}

/// An entity or a claim of the draft, gathered from its annotations.
#[derive(Debug, Default)]
struct Item {
    spans: Vec<(usize, usize)>,
    /// An entity's words that state what it is (an entity's `describing` annotation).
    content: Option<(usize, usize)>,
    class: Option<String>,
    comments: Vec<String>,
    claimants: Vec<String>,
    perspectives: Vec<String>,
    characterizations: Vec<String>,
    subjects: Vec<String>,
}

impl Item {
    fn add(&mut self, span: (usize, usize), meanings: &[Meaning], comments: &[String]) {
        if !self.spans.contains(&span) {
            self.spans.push(span);
        }
        self.add_values(meanings, comments);
    }

    /// Where it first appears in the text.
    fn first(&self) -> Option<(usize, usize)> {
        self.spans.iter().chain(&self.content).min().copied()
    }

    fn add_values(&mut self, meanings: &[Meaning], comments: &[String]) {
        let push = |list: &mut Vec<String>, v: &String| {
            if !list.contains(v) {
                list.push(v.clone());
            }
        };
        for meaning in meanings {
            match meaning {
                Meaning::Claim => {}
                Meaning::EntityType(c) => {
                    self.class.get_or_insert_with(|| c.clone());
                }
                Meaning::Claimant(v) => push(&mut self.claimants, v),
                Meaning::Perspective(v) => push(&mut self.perspectives, v),
                Meaning::Characterization(v) => push(&mut self.characterizations, v),
                Meaning::Subject(v) => push(&mut self.subjects, v),
            }
        }
        for c in comments {
            push(&mut self.comments, c);
        }
    }
}

/// The draft being built.
#[derive(Default)]
struct Draft {
    document_spans: Vec<(usize, usize)>,
    entities: BTreeMap<String, Item>,
    claims: BTreeMap<String, Item>,
    unmapped: Vec<String>,
}

/// Imports `annotations` into a draft annotation file of `input.text`.
pub fn import(annotations: &[Imported], input: &ImportInput<'_>) -> ImportOutcome {
    let mut outcome = ImportOutcome::default();
    let document_id = document_id(annotations, input);
    let mut draft = Draft::default();
    for annotation in annotations {
        let Some(span) = place(annotation, input.text, &mut outcome) else {
            continue;
        };
        outcome.placed += 1;
        classify(
            annotation,
            span,
            &document_id,
            input,
            &mut draft,
            &mut outcome,
        );
    }
    outcome.entities = draft.entities.len();
    outcome.claims = draft.claims.len();
    outcome.toml = render(&draft, &document_id, annotations.len(), input);
    outcome
}

/// The draft's document id: the one given, the annotations' source (when it is an id), or the
/// fallback.
fn document_id(annotations: &[Imported], input: &ImportInput<'_>) -> String {
    if let Some(id) = &input.document_id {
        return id.clone();
    }
    annotations
        .iter()
        .filter_map(|a| a.source.as_deref()?.strip_prefix(input.items.as_str()))
        .find(|id| crate::annotation::resolve::is_slug(id))
        .map_or_else(|| input.fallback_id.clone(), str::to_owned)
}

/// Places an annotation's quote, or reports why not.
fn place(
    annotation: &Imported,
    text: &SourceText,
    outcome: &mut ImportOutcome,
) -> Option<(usize, usize)> {
    let Some((exact, prefix, suffix)) = &annotation.quote else {
        outcome.stale += 1;
        outcome.problems.push(format!(
            "annotation {}: no TextQuoteSelector, so nothing to place in the text",
            annotation.id
        ));
        return None;
    };
    match anchor(text, (exact, prefix, suffix), annotation.position) {
        Anchor::Found { start, end, folded } => {
            outcome.folded += usize::from(folded);
            Some((start, end))
        }
        Anchor::NotFound => {
            outcome.stale += 1;
            outcome.problems.push(format!(
                "annotation {}: quote {} is not in the text (changed since it was annotated?)",
                annotation.id,
                string(exact)
            ));
            None
        }
        Anchor::Ambiguous { count } => {
            outcome.ambiguous += 1;
            outcome.problems.push(format!(
                "annotation {}: quote {} occurs {count} times and neither its position nor its \
                 prefix and suffix say which",
                annotation.id,
                string(exact)
            ));
            None
        }
    }
}

/// Files a placed annotation under the document, an entity, a claim or the unmapped.
fn classify(
    annotation: &Imported,
    span: (usize, usize),
    document_id: &str,
    input: &ImportInput<'_>,
    draft: &mut Draft,
    outcome: &mut ImportOutcome,
) {
    let mut meanings = Vec::new();
    for tag in &annotation.tags {
        match input.mapping.meaning(tag) {
            Some(meaning) => meanings.push(meaning),
            None => outcome.problems.push(format!(
                "annotation {}: tag `{tag}` is in no mapping",
                annotation.id
            )),
        }
    }
    let linked = annotation.links.iter().find_map(|l| {
        l.strip_prefix(input.items.as_str())
            .filter(|id| crate::annotation::resolve::is_slug(id))
    });
    let known = linked.and_then(|id| input.known.get(id)).map(|s| s.kind);
    let words = input.text.slice(span.0, span.1);
    if linked == Some(document_id) || known == Some(Kind::Document) {
        draft.document_spans.push(span);
        return;
    }
    let claim_like = meanings
        .iter()
        .any(|m| !matches!(m, Meaning::EntityType(_)));
    let is_claim = known == Some(Kind::Claim)
        || (known.is_none()
            && (claim_like || annotation.motivations.iter().any(|m| m == "describing")));
    let is_entity = !is_claim
        && (linked.is_some() || meanings.iter().any(|m| matches!(m, Meaning::EntityType(_))));
    let comments: Vec<String> = annotation.comments.clone();
    if is_claim {
        let id = linked.map_or_else(|| new_id(words, "claim", &draft.claims), str::to_owned);
        draft
            .claims
            .entry(id)
            .or_default()
            .add(span, &meanings, &comments);
    } else if is_entity {
        let id = linked.map_or_else(|| slug(words, "entity"), str::to_owned);
        let item = draft.entities.entry(id).or_default();
        if item.content.is_none() && annotation.motivations.iter().any(|m| m == "describing") {
            item.content = Some(span);
            item.add_values(&meanings, &comments);
        } else {
            item.add(span, &meanings, &comments);
        }
    } else {
        outcome.unmapped += 1;
        let mut tags = annotation.tags.join(", ");
        if tags.is_empty() {
            tags = "none".to_owned();
        }
        let mut line = format!(
            "{} (annotation {}; tags: {tags})",
            super::toml_out::quote(input.text, span),
            annotation.id
        );
        if !annotation.comments.is_empty() {
            line = format!("{line}: {}", annotation.comments.join(" / "));
        }
        draft.unmapped.push(line);
        outcome.problems.push(format!(
            "annotation {}: neither claim nor entity (no link, no tag the mapping knows); kept as a comment",
            annotation.id
        ));
    }
}

/// A slug of `words`: lowercase ASCII letters and digits, single hyphens.
fn slug(words: &str, fallback: &str) -> String {
    let raw = crate::util::slug::slug(&words.to_lowercase(), &[], "");
    let joined = raw
        .split(['-', '_'])
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if joined.is_empty() {
        fallback.to_owned()
    } else {
        joined
    }
}

/// A new claim id from the first words of its quote, unique among `taken`.
fn new_id(words: &str, fallback: &str, taken: &BTreeMap<String, Item>) -> String {
    let first: Vec<&str> = words.split_whitespace().take(6).collect();
    let stem = slug(&first.join(" "), fallback);
    let mut id = stem.clone();
    let mut n = 2;
    while taken.contains_key(&id) {
        id = format!("{stem}-{n}");
        n += 1;
    }
    id
}

/// The draft as TOML: the document, the entities and the claims each in reading order, then the
/// annotations not understood as comments.
fn render(draft: &Draft, document_id: &str, read: usize, input: &ImportInput<'_>) -> String {
    let mut out = String::new();
    out.push_str(&comment(&format!(
        "Draft made by `wangluo import` from {read} Web Annotations. Every guess is marked: check \
         them and replace each \"TODO\", then `wangluo load`. Format: docs/annotation-format.md."
    )));
    out.push_str("\n[document]\n");
    let title = input
        .text
        .as_str()
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or(document_id);
    let _ = writeln!(out, "id = {}", string(document_id));
    let _ = writeln!(out, "type = \"OpEd\"  # guess");
    let _ = writeln!(out, "title = {}  # guess: the first line", string(title));
    let _ = writeln!(out, "text = {}", string(&input.text_path));
    let _ = writeln!(out, "sha256 = {}", string(&input.sha256));
    let _ = writeln!(out, "language = \"en\"  # guess");
    if !draft.document_spans.is_empty() {
        let _ = writeln!(
            out,
            "quotes = {}",
            quotes(input.text, &sorted(&draft.document_spans))
        );
    }
    for (id, item) in in_reading_order(&draft.entities) {
        render_entity(&mut out, id, item, input);
    }
    for (id, item) in in_reading_order(&draft.claims) {
        render_claim(&mut out, id, item, input);
    }
    if !draft.unmapped.is_empty() {
        out.push_str("\n# Annotations that are neither claim nor entity (no link, no tag the mapping knows):\n");
        for line in &draft.unmapped {
            out.push_str(&comment(line));
        }
    }
    out
}

fn sorted(spans: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut spans = spans.to_vec();
    spans.sort_unstable();
    spans
}

fn in_reading_order(items: &BTreeMap<String, Item>) -> Vec<(&String, &Item)> {
    let mut items: Vec<_> = items.iter().collect();
    items.sort_by_key(|(id, item)| (item.first(), (*id).clone()));
    items
}

fn render_entity(out: &mut String, id: &str, item: &Item, input: &ImportInput<'_>) {
    let known = input.known.get(id).filter(|s| s.kind == Kind::Entity);
    let spans = sorted(&item.spans);
    let (class, class_note) = match (&item.class, known) {
        (Some(c), _) => (c.clone(), ""),
        (None, Some(s)) => (s.class.clone(), "  # from the corpus"),
        (None, None) => ("TODO".to_owned(), "  # TODO: a wl: class (no tag gave one)"),
    };
    let (label, label_note) = match known {
        Some(s) => (s.label.clone(), "  # from the corpus"),
        None => {
            let (start, end) = item.first().unwrap_or_default();
            (
                input.text.slice(start, end).to_owned(),
                "  # guess: the first quote",
            )
        }
    };
    let _ = write!(
        out,
        "\n[[entity]]\nid = {}\ntype = {}{class_note}\n",
        string(id),
        string(&class)
    );
    let _ = writeln!(out, "label = {}{label_note}", string(&label));
    if let Some(content) = item.content {
        let _ = writeln!(
            out,
            "content = {}",
            super::toml_out::quote(input.text, content)
        );
    }
    if !spans.is_empty() {
        let _ = writeln!(out, "quotes = {}", quotes(input.text, &spans));
    }
}

fn render_claim(out: &mut String, id: &str, item: &Item, input: &ImportInput<'_>) {
    let spans = sorted(&item.spans);
    let one = |values: &[String], what: &str| match values {
        [one] => string(one),
        [] => format!("\"TODO\"  # TODO: {what} (no tag gave one)"),
        many => format!(
            "{}  # TODO: the tags gave several: {}",
            string(&many[0]),
            many.join(", ")
        ),
    };
    let _ = write!(out, "\n[[claim]]\nid = {}\n", string(id));
    match item.comments.first() {
        Some(label) => {
            let _ = writeln!(out, "label = {}", string(label));
        }
        None => {
            let (start, end) = item.first().unwrap_or_default();
            let words = input.text.slice(start, end);
            let _ = writeln!(
                out,
                "label = {}  # TODO: a short paraphrase (this is the quote)",
                string(words)
            );
        }
    }
    let _ = writeln!(
        out,
        "claimant = {}",
        one(&item.claimants, "who holds the view")
    );
    if item.subjects.is_empty() {
        let _ = writeln!(out, "subjects = []  # TODO: what the claim is about");
    } else {
        let _ = writeln!(out, "subjects = {}", strings(&item.subjects));
    }
    let _ = writeln!(
        out,
        "perspective = {}",
        one(&item.perspectives, "western, chinese or author")
    );
    let _ = writeln!(
        out,
        "characterizations = {}",
        strings(&item.characterizations)
    );
    let _ = writeln!(out, "quotes = {}", quotes(input.text, &spans));
}
