//! Where a quote that is not in its text was probably meant: the nearest passage, and the
//! characters in which the two differ.
//!
//! Quotes are typed by hand and texts are typeset: a quote with `'` where the text has `’`, a
//! space where it has a no-break space or a line break, a hyphen for an en dash. The passage is
//! first looked for with those typographic differences folded away; when the quote still does
//! not occur, the passage with the fewest edits (semi-global alignment: the quote against any
//! stretch of the text) is taken, if it is close enough to be a typo.

use crate::text::SourceText;
use similar::{ChangeTag, TextDiff};

/// The passage of a text nearest a quote that is not in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nearest {
    /// Character offsets of the passage (end excluded).
    pub start: usize,
    pub end: usize,
    /// The passage's words, as the text has them.
    pub passage: String,
    /// Where quote and passage differ, in the quote's order.
    pub differences: Vec<Difference>,
    /// Whether every difference is typographic (quotes, apostrophes, spaces, line breaks,
    /// dashes): replacing the quote by the passage then changes no word.
    pub typographic: bool,
    /// How many passages of the text match the quote with typography folded away (0 when the
    /// passage was found by edit distance).
    pub matches: usize,
}

/// A run of characters in which quote and passage differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// What the quote has there (may be empty).
    pub quote: String,
    /// What the text has there (may be empty).
    pub text: String,
}

impl Difference {
    /// `’ (U+2019 right single quotation mark) where the quote has ' (U+0027 apostrophe)`.
    pub fn describe(&self) -> String {
        match (self.text.is_empty(), self.quote.is_empty()) {
            (true, _) => format!(
                "the text has nothing where the quote has {}",
                name(&self.quote)
            ),
            (_, true) => format!("the text has {} that the quote lacks", name(&self.text)),
            _ => format!(
                "the text has {} where the quote has {}",
                name(&self.text),
                name(&self.quote)
            ),
        }
    }
}

/// Finds the passage of `text` nearest `quote`: with typography folded, the `occurrence`-th
/// match (the first when none is given); else the passage fewest edits away, when it is within
/// a third of the quote's length.
///
/// ```
/// use wangluo::authoring::nearest::nearest_passage;
/// use wangluo::text::SourceText;
/// let text = SourceText::new("Xi Jinping’s “Wangluo Qiangguo” concept");
/// let near = nearest_passage(&text, "Xi Jinping's \"Wangluo Qiangguo\" concept", None).unwrap();
/// assert_eq!(near.passage, "Xi Jinping’s “Wangluo Qiangguo” concept");
/// assert!(near.typographic);
/// assert_eq!(near.differences.len(), 3);
/// let typo = nearest_passage(&text, "Xi Jinpin’s", None).unwrap();
/// assert_eq!(typo.passage, "Xi Jinping’s");
/// assert!(!typo.typographic);
/// ```
pub fn nearest_passage(
    text: &SourceText,
    quote: &str,
    occurrence: Option<usize>,
) -> Option<Nearest> {
    let folded_text = Folded::new(text.as_str());
    let folded_quote = Folded::new(quote);
    if folded_quote.chars.is_empty() {
        return None;
    }
    let starts = folded_text.find_all(&folded_quote.chars);
    let (start, end, matches) = match starts.get(occurrence.unwrap_or(1).saturating_sub(1)) {
        Some(&at) => {
            let last = at + folded_quote.chars.len() - 1;
            (
                folded_text.origin[at].0,
                folded_text.origin[last].1,
                starts.len(),
            )
        }
        None => {
            let (start, end) = closest(&folded_text, &folded_quote)?;
            (
                folded_text.origin[start].0,
                folded_text.origin[end - 1].1,
                0,
            )
        }
    };
    let passage = text.slice(start, end).to_owned();
    let differences = differences(quote, &passage);
    let typographic = differences
        .iter()
        .all(|d| fold_str(&d.quote) == fold_str(&d.text));
    Some(Nearest {
        start,
        end,
        passage,
        differences,
        typographic,
        matches,
    })
}

/// The passage with each differing run marked `⟦…⟧`, line breaks and unusual spaces shown by name.
pub fn marked(quote: &str, passage: &str) -> String {
    let diff = TextDiff::from_chars(quote, passage);
    let mut out = String::new();
    let mut open = false;
    for change in diff.iter_all_changes() {
        match change.tag() {
            ChangeTag::Delete => {
                if !open {
                    out.push('⟦');
                    open = true;
                }
            }
            ChangeTag::Insert => {
                if !open {
                    out.push('⟦');
                    open = true;
                }
                out.push_str(&visible(change.value()));
            }
            ChangeTag::Equal => {
                if open {
                    out.push('⟧');
                    open = false;
                }
                out.push_str(change.value());
            }
        }
    }
    if open {
        out.push('⟧');
    }
    out
}

/// The runs in which `quote` and `passage` differ.
fn differences(quote: &str, passage: &str) -> Vec<Difference> {
    let diff = TextDiff::from_chars(quote, passage);
    let mut out: Vec<Difference> = Vec::new();
    let mut current: Option<Difference> = None;
    for change in diff.iter_all_changes() {
        let run = current.get_or_insert_with(|| Difference {
            quote: String::new(),
            text: String::new(),
        });
        match change.tag() {
            ChangeTag::Delete => run.quote.push_str(change.value()),
            ChangeTag::Insert => run.text.push_str(change.value()),
            ChangeTag::Equal => {
                if let Some(run) = current.take().filter(|r| r.quote != r.text) {
                    out.push(run);
                }
            }
        }
    }
    out.extend(current.filter(|r| r.quote != r.text));
    out
}

/// A character as a reader can see it: line breaks and invisible spaces by their escape.
fn visible(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' => "\\n".to_owned(),
            '\t' => "\\t".to_owned(),
            '\u{a0}' | '\u{2009}' | '\u{202f}' | '\u{200b}' => format!("\\u{{{:04X}}}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

/// `’ (U+2019 right single quotation mark)`; a run of several characters by their codes.
fn name(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => match char_name(c) {
            Some(n) => format!("{} (U+{:04X} {n})", visible(s), c as u32),
            None => format!("{} (U+{:04X})", visible(s), c as u32),
        },
        _ => format!("\"{}\"", visible(s)),
    }
}

fn char_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\'' => "apostrophe",
        '"' => "quotation mark",
        '‘' => "left single quotation mark",
        '’' => "right single quotation mark",
        '“' => "left double quotation mark",
        '”' => "right double quotation mark",
        ' ' => "space",
        '\u{a0}' => "no-break space",
        '\n' => "line break",
        '-' => "hyphen-minus",
        '–' => "en dash",
        '—' => "em dash",
        _ => return None,
    })
}

/// One character with typography folded: curly quotes to straight ones, every space and line
/// break to a space, dashes to a hyphen.
fn fold(c: char) -> char {
    match c {
        '‘' | '’' | '‛' | '′' | 'ʼ' => '\'',
        '“' | '”' | '„' | '″' => '"',
        '‐' | '‑' | '‒' | '–' | '—' | '−' => '-',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

/// A string with typography folded and runs of white space made one space.
fn fold_str(s: &str) -> String {
    Folded::new(s).chars.into_iter().collect()
}

/// A text with typography folded, each folded character keeping the span of characters it
/// stands for in the original (a run of white space becomes one space).
struct Folded {
    chars: Vec<char>,
    origin: Vec<(usize, usize)>,
}

impl Folded {
    fn new(text: &str) -> Self {
        let mut chars = Vec::new();
        let mut origin: Vec<(usize, usize)> = Vec::new();
        for (n, c) in text.chars().enumerate() {
            let c = fold(c);
            if c == ' ' && chars.last() == Some(&' ') {
                if let Some(last) = origin.last_mut() {
                    last.1 = n + 1;
                }
                continue;
            }
            chars.push(c);
            origin.push((n, n + 1));
        }
        Self { chars, origin }
    }

    /// Every start (in folded characters) of `needle`.
    fn find_all(&self, needle: &[char]) -> Vec<usize> {
        if needle.len() > self.chars.len() {
            return Vec::new();
        }
        (0..=self.chars.len() - needle.len())
            .filter(|&i| self.chars[i..i + needle.len()] == *needle)
            .collect()
    }
}

/// The stretch of `text` (folded characters, end excluded) with the fewest edits from `quote`,
/// when within a third of the quote's length (at least 2): semi-global alignment, the quote
/// aligned whole against any stretch of the text (Sellers, 1980), O(text × quote).
fn closest(text: &Folded, quote: &Folded) -> Option<(usize, usize)> {
    let (q, t) = (&quote.chars, &text.chars);
    // A quote of a whole page is not a typo to look for.
    if q.len() > 2_000 || t.is_empty() {
        return None;
    }
    // cost[i], start[i]: edits aligning quote[..row] ending at text[..i], and where it starts.
    let mut cost: Vec<usize> = vec![0; t.len() + 1];
    let mut start: Vec<usize> = (0..=t.len()).collect();
    for (row, &qc) in q.iter().enumerate() {
        let (mut diagonal, mut diagonal_start) = (cost[0], start[0]);
        cost[0] = row + 1;
        for i in 1..=t.len() {
            let (above, above_start) = (cost[i], start[i]);
            let substitute = diagonal + usize::from(t[i - 1] != qc);
            let candidates = [
                (substitute, diagonal_start),
                (above + 1, above_start),
                (cost[i - 1] + 1, start[i - 1]),
            ];
            let best = candidates
                .into_iter()
                .min_by_key(|(c, _)| *c)
                .unwrap_or((0, 0));
            (diagonal, diagonal_start) = (above, above_start);
            (cost[i], start[i]) = best;
        }
    }
    let (end, &edits) = cost.iter().enumerate().skip(1).min_by_key(|(_, c)| **c)?;
    let limit = (q.len() / 3).max(2);
    (edits <= limit && start[end] < end).then_some((start[end], end))
}
