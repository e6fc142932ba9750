//! Mentions: the places where a text names an entity of the corpus, found by whole-word,
//! case-aware matching of each entity's forms (labels, aliases, mention forms).
//!
//! Pure text code: it knows spans and entity indices, nothing of RDF.

use super::nif::Span;
use super::SourceText;

/// One form under which the text may name an entity, e.g. a label or an alias.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionForm {
    /// Index of the entity (in the caller's list).
    pub entity: usize,
    /// The words to look for.
    pub form: String,
}

/// A stretch of text that must not count as a mention of one entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MentionExclusion {
    /// Index of the entity.
    pub entity: usize,
    /// Where the excluded words lie.
    pub span: Span,
}

/// A place where the text names an entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Where the words lie.
    pub span: Span,
    /// Index of the entity named.
    pub entity: usize,
}

/// Words that are a form of two entities: the mention goes to the one given first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SharedForm {
    /// Where the words lie.
    pub span: Span,
    /// The entity the mention refers to.
    pub kept: usize,
    /// The other entity whose form the words also are.
    pub dropped: usize,
}

/// The mentions found in a text, and how each form and exclusion fared (for warnings).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MentionSearch {
    /// The mentions, in reading order; they never overlap.
    pub mentions: Vec<Mention>,
    /// Each form that occurs as a whole word (its index, in the order given) and how often; the
    /// forms that do not occur are left out, so that what a search keeps does not grow with the
    /// corpus's forms (a 10,000-text corpus has 20,000 of them).
    pub form_matches: Vec<(usize, usize)>,
    /// For each exclusion (same order as given), how many candidate mentions it removed.
    pub excluded: Vec<usize>,
    /// Words that are a form of more than one entity (an exclusion should say which is meant).
    pub shared: Vec<SharedForm>,
}

/// Whether a character belongs to a word for whole-word matching. Han, kana and hangul
/// characters do not: Chinese and Japanese write words without spaces, so a form in those
/// scripts matches wherever it occurs.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        && !matches!(c as u32,
            0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Every whole-word, case-aware occurrence of `form` in the text.
///
/// Case-aware: the form matches as written; a form that starts with a lowercase letter also
/// matches with that letter capitalised (at the start of a sentence). `ODNI` never matches
/// `odni`, `China` never matches `china`. Whole-word: a match that starts (ends) with a letter or
/// digit must not be preceded (followed) by one; punctuation, hyphens and apostrophes separate
/// words.
///
/// ```
/// use wangluo::text::{form_occurrences, Span};
/// use wangluo::text::SourceText;
/// let text = SourceText::new("Cyber espionage, the West and the Western press; 网络强国 and cyber espionage.");
/// assert_eq!(form_occurrences(&text, "cyber espionage").len(), 2);
/// assert_eq!(form_occurrences(&text, "the West"), vec![Span::new(17, 25)]);
/// assert_eq!(form_occurrences(&text, "网络强国"), vec![Span::new(49, 53)]);
/// assert!(form_occurrences(&text, "the west").is_empty()); // only "the west" or "The west"
/// assert!(form_occurrences(&text, "CYBER ESPIONAGE").is_empty());
/// ```
pub fn form_occurrences(text: &SourceText, form: &str) -> Vec<Span> {
    let length = form.chars().count();
    if length == 0 {
        return Vec::new();
    }
    let mut variants = vec![form.to_owned()];
    let mut chars = form.chars();
    if let Some(first) = chars.next().filter(|c| c.is_lowercase()) {
        variants.push(first.to_uppercase().chain(chars).collect());
    }
    let starts_with_word = form.chars().next().is_some_and(is_word_char);
    let ends_with_word = form.chars().next_back().is_some_and(is_word_char);
    let char_at = |i: usize| text.slice(i, i + 1).chars().next();
    let mut spans: Vec<Span> = variants
        .iter()
        .flat_map(|v| text.occurrences(v))
        .map(|begin| Span::new(begin, begin + length))
        .filter(|span| {
            let before = span
                .begin
                .checked_sub(1)
                .and_then(char_at)
                .is_some_and(is_word_char);
            let after = char_at(span.end).is_some_and(is_word_char);
            let glued = (starts_with_word && before) || (ends_with_word && after);
            !glued
        })
        .collect();
    spans.sort();
    spans.dedup();
    spans
}

/// Every form of a corpus, compiled once into one Aho–Corasick automaton: a text is then searched
/// for all forms in one pass, however many entities the corpus has (a loop over the forms made
/// loading a corpus quadratic: entities × texts).
#[derive(Debug, Clone)]
pub struct FormIndex {
    forms: Vec<MentionForm>,
    /// One pattern per distinct spelling (a form, or a lowercase form capitalised).
    automaton: Option<aho_corasick::AhoCorasick>,
    /// For each pattern, the forms (indices into `forms`) it is a spelling of.
    spellings: Vec<Vec<usize>>,
    /// For each form, whether its first (last) character is a word character.
    word_edges: Vec<(bool, bool)>,
}

impl FormIndex {
    /// Compiles `forms` (see [`form_occurrences`] for what each matches).
    pub fn new(forms: &[MentionForm]) -> Self {
        let mut patterns: Vec<String> = Vec::new();
        let mut spellings: Vec<Vec<usize>> = Vec::new();
        let mut by_spelling: std::collections::HashMap<String, usize> = Default::default();
        for (n, form) in forms.iter().enumerate() {
            if form.form.is_empty() {
                continue;
            }
            let mut variants = vec![form.form.clone()];
            let mut chars = form.form.chars();
            if let Some(first) = chars.next().filter(|c| c.is_lowercase()) {
                variants.push(first.to_uppercase().chain(chars).collect());
            }
            for variant in variants {
                let pattern = *by_spelling.entry(variant.clone()).or_insert_with(|| {
                    patterns.push(variant);
                    spellings.push(Vec::new());
                    patterns.len() - 1
                });
                spellings[pattern].push(n);
            }
        }
        let automaton = (!patterns.is_empty())
            .then(|| aho_corasick::AhoCorasick::new(&patterns).ok())
            .flatten();
        let word_edges = forms
            .iter()
            .map(|f| {
                (
                    f.form.chars().next().is_some_and(is_word_char),
                    f.form.chars().next_back().is_some_and(is_word_char),
                )
            })
            .collect();
        Self {
            forms: forms.to_vec(),
            automaton,
            spellings,
            word_edges,
        }
    }

    /// The forms, as given.
    pub fn forms(&self) -> &[MentionForm] {
        &self.forms
    }

    /// The whole-word occurrences in `text` of the forms that occur (what [`form_occurrences`]
    /// gives for each, found in one pass), as `(form index, span)` sorted by form, then span.
    pub fn occurrences(&self, text: &SourceText) -> Vec<(usize, Span)> {
        let mut found = Vec::new();
        let Some(automaton) = &self.automaton else {
            return found;
        };
        let raw = text.as_str();
        let is_word_at = |byte: usize| raw[byte..].chars().next().is_some_and(is_word_char);
        let is_word_before =
            |byte: usize| raw[..byte].chars().next_back().is_some_and(is_word_char);
        for hit in automaton.find_overlapping_iter(raw) {
            let before = is_word_before(hit.start());
            let after = is_word_at(hit.end());
            let begin = text.char_offset(hit.start());
            let end = text.char_offset(hit.end());
            for &n in &self.spellings[hit.pattern().as_usize()] {
                let (starts_with_word, ends_with_word) = self.word_edges[n];
                if !((starts_with_word && before) || (ends_with_word && after)) {
                    found.push((n, Span::new(begin, end)));
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// Finds the mentions of entities: every whole-word, case-aware occurrence of each form (see
/// [`form_occurrences`]), less those inside an exclusion of the same entity; where occurrences
/// overlap, the longest wins (then the earliest). Words that are a form of several entities are a
/// mention of the one whose forms come first, and are listed in [`MentionSearch::shared`].
///
/// ```
/// use wangluo::text::{find_mentions, MentionExclusion, MentionForm, Span};
/// use wangluo::text::SourceText;
/// let text = SourceText::new("the Strategic Support Force (SSF) and the SSF");
/// let forms = [
///     MentionForm { entity: 0, form: "Strategic Support Force".into() },
///     MentionForm { entity: 0, form: "SSF".into() },
///     MentionForm { entity: 1, form: "Support".into() },
///     MentionForm { entity: 1, form: "Navy".into() },
/// ];
/// let exclusions = [MentionExclusion { entity: 0, span: Span::new(42, 45) }];
/// let found = find_mentions(&text, &forms, &exclusions);
/// let spans: Vec<(usize, usize)> = found.mentions.iter().map(|m| (m.span.begin, m.span.end)).collect();
/// assert_eq!(spans, [(4, 27), (29, 32)]); // "Support" loses to the longer form; the last SSF is excluded
/// assert_eq!(found.form_matches, [(0, 1), (1, 2), (2, 1)]); // "Navy" occurs nowhere
/// assert_eq!(found.excluded, [1]);
/// assert!(found.shared.is_empty());
/// ```
pub fn find_mentions(
    text: &SourceText,
    forms: &[MentionForm],
    exclusions: &[MentionExclusion],
) -> MentionSearch {
    find_indexed_mentions(text, &FormIndex::new(forms), exclusions)
}

/// [`find_mentions`] with the forms compiled beforehand (once for a whole corpus).
pub fn find_indexed_mentions(
    text: &SourceText,
    index: &FormIndex,
    exclusions: &[MentionExclusion],
) -> MentionSearch {
    let mut search = MentionSearch {
        excluded: vec![0; exclusions.len()],
        ..MentionSearch::default()
    };
    let mut candidates: Vec<(Span, usize)> = Vec::new();
    for (n, span) in index.occurrences(text) {
        match search.form_matches.last_mut() {
            Some((form, count)) if *form == n => *count += 1,
            _ => search.form_matches.push((n, 1)),
        }
        let entity = index.forms()[n].entity;
        let mut keep = true;
        for (x, exclusion) in exclusions.iter().enumerate() {
            if exclusion.entity == entity && exclusion.span.contains(&span) {
                search.excluded[x] += 1;
                keep = false;
            }
        }
        if keep {
            candidates.push((span, entity));
        }
    }
    // Longest first, then earliest, then the entity given first; an accepted span blocks every
    // other span it overlaps. Accepted spans never overlap, so (by start) only the one starting
    // last before a candidate's end can overlap it.
    candidates.sort_by_key(|(span, entity)| (std::cmp::Reverse(span.len()), span.begin, *entity));
    let mut accepted: std::collections::BTreeMap<usize, Mention> = Default::default();
    for (span, entity) in candidates {
        if let Some(same) = accepted.get(&span.begin).filter(|m| m.span == span) {
            let shared = SharedForm {
                span,
                kept: same.entity,
                dropped: entity,
            };
            if entity != same.entity && !search.shared.contains(&shared) {
                search.shared.push(shared);
            }
            continue;
        }
        let overlaps = accepted
            .range(..span.end)
            .next_back()
            .is_some_and(|(_, m)| m.span.overlaps(&span));
        if !overlaps {
            accepted.insert(span.begin, Mention { span, entity });
        }
    }
    search.mentions = accepted.into_values().collect();
    search
}

#[cfg(test)]
mod tests {
    use super::{find_mentions, form_occurrences, FormIndex, MentionForm, SharedForm};
    use crate::text::{SourceText, Span};

    fn forms(words: &[(usize, &str)]) -> Vec<MentionForm> {
        words
            .iter()
            .map(|&(entity, form)| MentionForm {
                entity,
                form: form.to_owned(),
            })
            .collect()
    }

    /// The automaton finds, form by form, what the one-form search finds.
    #[test]
    fn the_index_finds_what_each_form_finds_alone() {
        let text = SourceText::new(
            "China's cyber power: the PRC and china-watchers. 中国网络强国 and the People's \
             Republic of China; cyber powers, Cyber power. PRC-led, (PRC)",
        );
        let forms = forms(&[
            (0, "China"),
            (0, "PRC"),
            (0, "People's Republic of China"),
            (1, "cyber power"),
            (2, "网络强国"),
            (3, "中国"),
        ]);
        let index = FormIndex::new(&forms);
        let mut found = index.occurrences(&text);
        found.sort();
        let mut expected: Vec<(usize, Span)> = forms
            .iter()
            .enumerate()
            .flat_map(|(n, f)| {
                form_occurrences(&text, &f.form)
                    .into_iter()
                    .map(move |s| (n, s))
            })
            .collect();
        expected.sort();
        assert_eq!(found, expected);
        assert_eq!(
            form_occurrences(&text, "PRC").len(),
            3,
            "hyphen and brackets separate"
        );
        assert_eq!(
            form_occurrences(&text, "cyber power").len(),
            2,
            "not `cyber powers`"
        );
    }

    #[test]
    fn a_form_of_two_entities_goes_to_the_first_and_is_reported() {
        let text = SourceText::new("The Ministry spoke.");
        let found = find_mentions(&text, &forms(&[(0, "Ministry"), (1, "Ministry")]), &[]);
        assert_eq!(found.mentions.len(), 1);
        assert_eq!(found.mentions[0].entity, 0);
        assert_eq!(
            found.shared,
            [SharedForm {
                span: Span::new(4, 12),
                kept: 0,
                dropped: 1
            }]
        );
        assert!(find_mentions(&text, &[], &[]).mentions.is_empty());
    }
}
