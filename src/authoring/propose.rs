//! The proposals of a draft that read more than one sentence: candidate new entities, the
//! acronyms a text defines for known ones, who each name refers to, and the claim skeletons of
//! the sentences with a reporting cue, their claimant guessed from the cue's subject.

use super::annotate::{
    id_slug, Candidate, CandidateKind, ClaimSkeleton, ClaimantGuess, DraftSentence, NamedEntity,
    Proposal, Quote,
};
use super::guess::{self, NameRun};
use crate::text::{form_occurrences, SourceText, Span};
use std::collections::BTreeSet;

/// Candidate new entities: capitalised names, acronyms defined in parentheses, quoted terms
/// and Han words that no known entity's mention covers (titles and headings left out).
pub(crate) fn candidates(
    text: &SourceText,
    sentences: &[DraftSentence],
    entities: &[NamedEntity],
    known_ids: &BTreeSet<&str>,
) -> Vec<Candidate> {
    let covered: Vec<Span> = entities
        .iter()
        .flat_map(|e| e.spans.iter().copied())
        .collect();
    let free = |span: &Span| !covered.iter().any(|c| c.overlaps(span));
    let mut found: Vec<Candidate> = Vec::new();
    let mut add = |label: String, kind, alias: Option<String>, class, span: Span| {
        if !free(&span) || label.trim().is_empty() {
            return;
        }
        if let Some(same) = found.iter_mut().find(|c| c.label == label) {
            same.alias = same.alias.take().or(alias);
            return;
        }
        let mut id = match kind {
            CandidateKind::Han => format!("term-{}", found.len() + 1),
            _ => id_slug(&label),
        };
        while known_ids.contains(id.as_str()) || found.iter().any(|c| c.id == id) {
            id.push_str("-new");
        }
        found.push(Candidate {
            id,
            label,
            kind,
            alias,
            class,
            span,
            quote: Quote::of(text, span),
        });
    };
    for sentence in sentences {
        if matches!(
            sentence.proposal,
            Proposal::NoClaim {
                reason: "title" | "heading" | "tag line",
                ..
            }
        ) {
            continue;
        }
        let at = |s: Span| Span::new(sentence.span.begin + s.begin, sentence.span.begin + s.end);
        for (acronym_span, acronym, name) in guess::acronym_definitions(&sentence.text) {
            let label = text.slice(at(name).begin, at(name).end).to_owned();
            let whole = Span::new(at(name).begin, at(acronym_span).end + 1);
            add(label, CandidateKind::Acronym, Some(acronym), None, whole);
        }
        for (n, run) in guess::name_runs(&sentence.text).into_iter().enumerate() {
            let NameRun {
                span,
                label,
                person,
            } = run;
            // A byline's first name is its author's.
            let byline = n == 0 && sentence.text.starts_with("By ");
            let class = (person || byline).then_some("Person");
            add(label, CandidateKind::Name, None, class, at(span));
        }
        for span in guess::quoted_terms(&sentence.text) {
            let label = text.slice(at(span).begin, at(span).end).to_owned();
            add(
                label,
                CandidateKind::QuotedTerm,
                None,
                Some("Concept"),
                at(span),
            );
        }
        for span in guess::han_runs(&sentence.text) {
            let label = text.slice(at(span).begin, at(span).end).to_owned();
            add(label, CandidateKind::Han, None, Some("Concept"), at(span));
        }
    }
    found
}

/// Acronyms the text defines right after a known entity's name ("… Commission (USCC)").
pub(crate) fn suggest_aliases(
    text: &SourceText,
    sentences: &[DraftSentence],
    entities: &mut [NamedEntity],
) {
    for sentence in sentences {
        for (acronym_span, acronym, _) in guess::acronym_definitions(&sentence.text) {
            let begin = sentence.span.begin + acronym_span.begin;
            // "(" right after a mention: the mention ends two characters before the acronym.
            let before = text.slice(begin.saturating_sub(2), begin);
            if before != " (" {
                continue;
            }
            let ends = begin - 2;
            if let Some(e) = entities
                .iter_mut()
                .find(|e| e.spans.iter().any(|s| s.end == ends))
            {
                let known =
                    e.known.aliases.contains(&acronym) || e.known.mentions.contains(&acronym);
                if !known && !e.suggested_aliases.contains(&acronym) {
                    e.suggested_aliases.push(acronym);
                }
            }
        }
    }
}

/// A place where the text names a known entity or a candidate: the mentions, and the words
/// that probably refer to them too (a defined acronym, "the Commission", a person's surname).
#[derive(Debug, Clone)]
pub(crate) struct Referent {
    span: Span,
    id: String,
    known: bool,
}

pub(crate) fn referents(
    text: &SourceText,
    entities: &[NamedEntity],
    candidates: &[Candidate],
) -> Vec<Referent> {
    let mut out = Vec::new();
    let mut add_forms = |id: &str, known: bool, label: &str, extra: &[String], person: bool| {
        let mut forms: Vec<String> = extra.to_vec();
        forms.push(label.to_owned());
        let last = label.rsplit(' ').next().unwrap_or_default();
        if label.contains(' ') && guess::HEAD_NOUNS.contains(&last) {
            forms.push(format!("the {last}"));
        }
        if person && label.contains(' ') {
            forms.push(last.to_owned());
        }
        for form in forms {
            for span in form_occurrences(text, &form) {
                out.push(Referent {
                    span,
                    id: id.to_owned(),
                    known,
                });
            }
        }
    };
    for e in entities {
        let person = e.known.class == "Person";
        add_forms(
            &e.known.id,
            true,
            &e.known.label,
            &e.suggested_aliases,
            person,
        );
    }
    for c in candidates {
        let alias: Vec<String> = c.alias.iter().cloned().collect();
        add_forms(&c.id, false, &c.label, &alias, c.class == Some("Person"));
    }
    for e in entities {
        for span in &e.spans {
            out.push(Referent {
                span: *span,
                id: e.known.id.clone(),
                known: true,
            });
        }
    }
    out.sort_by_key(|r| (r.span.begin, std::cmp::Reverse(r.span.end)));
    out
}

/// Claim skeletons for the sentences with a reporting cue (that are not proposed as carrying no
/// claim), each with its claimant guessed from the cue's subject.
pub(crate) fn claims(
    text: &SourceText,
    sentences: &mut [DraftSentence],
    referents: &[Referent],
    entities: &[NamedEntity],
) {
    let mut previous: Option<ClaimantGuess> = None;
    let mut ids: BTreeSet<String> = BTreeSet::new();
    for sentence in sentences.iter_mut() {
        if !matches!(sentence.proposal, Proposal::Todo) {
            continue;
        }
        let inside: Vec<&Referent> = referents
            .iter()
            .filter(|r| sentence.span.contains(&r.span))
            .collect();
        let Some((cue_span, cue)) = guess::reporting_cue(&sentence.text) else {
            // The subject of a sentence without a cue may be who "he" is in the next.
            if let Some(first) = inside.first() {
                previous = Some(ClaimantGuess {
                    id: first.id.clone(),
                    known: first.known,
                    why: String::new(),
                });
            }
            continue;
        };
        let cue_at = Span::new(
            sentence.span.begin + cue_span.begin,
            sentence.span.begin + cue_span.end,
        );
        let claimant = claimant(
            &sentence.text,
            sentence.span.begin,
            &cue,
            cue_at,
            &inside,
            previous.as_ref(),
        )
        .map(|guess| author_of_document(guess, entities));
        previous = claimant.clone().or(previous);
        let claimant_id = claimant.as_ref().map(|c| c.id.clone());
        let mut subjects: Vec<String> = Vec::new();
        for r in &inside {
            let is_known = entities.iter().any(|e| e.known.id == r.id);
            if is_known && Some(&r.id) != claimant_id.as_ref() && !subjects.contains(&r.id) {
                subjects.push(r.id.clone());
            }
        }
        let after: String = sentence.text.chars().skip(cue_span.end).collect();
        let gist: Vec<&str> = after
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 2 && *w != "that" && *w != "the")
            .take(4)
            .collect();
        let head = claimant_id.as_deref().unwrap_or("claim");
        let mut id = id_slug(&format!("{head} {} {}", cue.to_lowercase(), gist.join(" ")));
        while !ids.insert(id.clone()) {
            id.push_str("-2");
        }
        let subject_words = claimant.is_none().then(|| {
            let before: String = sentence.text.chars().take(cue_span.begin).collect();
            let capitalised: Vec<&str> = before
                .split_whitespace()
                .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                .collect();
            capitalised.join(" ")
        });
        sentence.proposal = Proposal::Claim(ClaimSkeleton {
            id,
            cue,
            claimant,
            subject_words: subject_words.filter(|w| !w.is_empty()),
            subjects,
            quote: Quote::of(text, sentence.span),
        });
    }
}

/// The cue's subject: after "according to", the first name that follows; else the first name in
/// the clause before the cue (after its last comma), else the sentence's first name before the
/// cue; a sentence opening with a pronoun refers to the previous claimant.
fn claimant(
    sentence: &str,
    offset: usize,
    cue: &str,
    cue_at: Span,
    inside: &[&Referent],
    previous: Option<&ClaimantGuess>,
) -> Option<ClaimantGuess> {
    let guess = |r: &Referent, why: String| ClaimantGuess {
        id: r.id.clone(),
        known: r.known,
        why,
    };
    if cue.eq_ignore_ascii_case("according to") {
        return inside
            .iter()
            .find(|r| r.span.begin >= cue_at.end)
            .map(|r| guess(r, format!("named after \"{cue}\"")));
    }
    let before: Vec<&&Referent> = inside
        .iter()
        .filter(|r| r.span.end <= cue_at.begin)
        .collect();
    let clause_start = sentence
        .chars()
        .take(cue_at.begin - offset)
        .collect::<String>()
        .rfind(',')
        .map(|b| offset + sentence[..b].chars().count());
    let in_clause = before
        .iter()
        .find(|r| clause_start.is_none_or(|c| r.span.begin > c));
    if let Some(r) = in_clause.or(before.first()) {
        return Some(guess(r, format!("the subject of \"{cue}\"")));
    }
    let first_word = sentence.split_whitespace().next().unwrap_or_default();
    if guess::PRONOUNS.contains(&first_word) {
        return previous.map(|p| ClaimantGuess {
            why: format!("\"{first_word}\": the subject of the sentence before"),
            ..p.clone()
        });
    }
    None
}

/// A document's view is its author's ("this report discusses": the report's author holds it),
/// when the corpus names the author.
fn author_of_document(guess: ClaimantGuess, entities: &[NamedEntity]) -> ClaimantGuess {
    let document = entities.iter().find(|e| e.known.id == guess.id);
    match document.and_then(|d| d.known.authors.first()) {
        Some(author) => ClaimantGuess {
            id: author.clone(),
            known: true,
            why: format!("the author of `{}`, {}", guess.id, guess.why),
        },
        None => guess,
    }
}
