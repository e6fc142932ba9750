//! Placing an imported quote in the text again, as the Web Annotation model intends: the
//! position first, then the quote, with prefix and suffix to choose among several occurrences.
//!
//! Texts and tools disagree on typography: a tool that shows the text as HTML may give straight
//! quotes where the text has curly ones, a space for a no-break space, a hyphen for an en dash.
//! So the quote is looked for with such characters folded to one form (character for character,
//! so offsets do not move), and what is kept is the text's own words. Positions are read as
//! Unicode code points (as the model says) and, failing that, as UTF-16 code units (what
//! JavaScript tools count).

use crate::text::SourceText;

/// Where a quote was placed, or why it was not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    /// Characters `start..end` of the text (code points, end excluded).
    Found {
        start: usize,
        end: usize,
        /// The text's words differ from the annotation's in typography only.
        folded: bool,
    },
    /// The words are not in the text, even with typography folded.
    NotFound,
    /// The words occur `count` times and neither position nor prefix and suffix choose one.
    Ambiguous { count: usize },
}

/// One typographic form for characters that texts and tools write differently.
pub fn fold(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '«' | '»' => '"',
        '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2009}' | '\u{200A}' | '\t' | '\n' | '\r' => ' ',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
        other => other,
    }
}

fn folded(text: &str) -> String {
    text.chars().map(fold).collect()
}

/// The character offset of UTF-16 offset `units` in `text`, if it falls on a character.
fn from_utf16(text: &str, units: usize) -> Option<usize> {
    let mut counted = 0;
    for (n, c) in text.chars().enumerate() {
        if counted == units {
            return Some(n);
        }
        counted += c.len_utf16();
    }
    (counted == units).then(|| text.chars().count())
}

/// How many characters of `prefix` end right before `start`, and of `suffix` start at `end`, in
/// the folded text.
fn context_score(
    text: &[char],
    start: usize,
    end: usize,
    prefix: &[char],
    suffix: &[char],
) -> usize {
    let before = prefix
        .iter()
        .rev()
        .zip(text[..start].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let after = suffix
        .iter()
        .zip(text[end..].iter())
        .take_while(|(a, b)| a == b)
        .count();
    before + after
}

/// Places `exact` (with its `prefix` and `suffix`, and the `position` the annotation gives) in
/// `text`.
pub fn anchor(
    text: &SourceText,
    (exact, prefix, suffix): (&str, &str, &str),
    position: Option<(usize, usize)>,
) -> Anchor {
    let length = exact.chars().count();
    if length == 0 {
        return Anchor::NotFound;
    }
    // The position alone, when the text there is the quote as written.
    if let Some((start, end)) = position {
        if end == start + length && end <= text.char_len() && text.slice(start, end) == exact {
            return Anchor::Found {
                start,
                end,
                folded: false,
            };
        }
    }
    let haystack = SourceText::new(folded(text.as_str()));
    let needle = folded(exact);
    let candidates = haystack.occurrences(&needle);
    let found = |start: usize| {
        let end = start + length;
        Anchor::Found {
            start,
            end,
            folded: text.slice(start, end) != exact,
        }
    };
    match candidates.as_slice() {
        [] => return Anchor::NotFound,
        [one] => return found(*one),
        _ => {}
    }
    // Several: the one the position names (code points, or UTF-16 units) …
    if let Some((start, _)) = position {
        let named = [Some(start), from_utf16(text.as_str(), start)];
        if let Some(hit) = candidates.iter().find(|c| named.contains(&Some(**c))) {
            return found(*hit);
        }
    }
    // … else the one whose surroundings best match prefix and suffix, if one is best.
    let chars: Vec<char> = haystack.as_str().chars().collect();
    let (prefix, suffix): (Vec<char>, Vec<char>) = (
        folded(prefix).chars().collect(),
        folded(suffix).chars().collect(),
    );
    let scores: Vec<usize> = candidates
        .iter()
        .map(|&s| context_score(&chars, s, s + length, &prefix, &suffix))
        .collect();
    let best = scores.iter().copied().max().unwrap_or(0);
    let mut best_ones = candidates.iter().zip(&scores).filter(|(_, s)| **s == best);
    match (best > 0, best_ones.next(), best_ones.next()) {
        (true, Some((start, _)), None) => found(*start),
        _ => Anchor::Ambiguous {
            count: candidates.len(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curly_quotes_and_prefix_choose_the_occurrence() {
        let text = SourceText::new("He said “yes”. Then she said “yes” too.");
        let second = anchor(&text, ("\"yes\"", "she said ", " too"), None);
        assert_eq!(
            second,
            Anchor::Found {
                start: 29,
                end: 34,
                folded: true
            }
        );
        assert_eq!(text.slice(29, 34), "“yes”");
        assert_eq!(
            anchor(&text, ("\"yes\"", "", ""), None),
            Anchor::Ambiguous { count: 2 }
        );
        assert_eq!(anchor(&text, ("no", "", ""), None), Anchor::NotFound);
    }

    #[test]
    fn a_position_in_utf16_units_names_the_occurrence() {
        // 😀 is one code point, two UTF-16 units.
        let text = SourceText::new("😀 ab ab");
        assert_eq!(
            anchor(&text, ("ab", "", ""), Some((6, 8))),
            Anchor::Found {
                start: 5,
                end: 7,
                folded: false
            }
        );
        assert_eq!(
            anchor(&text, ("ab", "", ""), Some((5, 7))),
            Anchor::Found {
                start: 5,
                end: 7,
                folded: false
            }
        );
    }
}
