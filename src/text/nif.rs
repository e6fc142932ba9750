//! The structure of a text for NIF 2.0: its paragraphs and sentences, and the places where it
//! names an annotated entity (mentions).
//!
//! Everything here works on the text alone and returns character spans; the loader turns them into
//! `nif:Paragraph`, `nif:Sentence` and `nif:Phrase` resources. Offsets count Unicode characters
//! (as SPARQL's `STRLEN` and `SUBSTR` do), the end excluded.
//!
//! # Segmentation
//!
//! 1. A **paragraph** is a block of non-blank lines; blocks are separated by lines that hold
//!    nothing but white space. Its span is trimmed of surrounding white space.
//! 2. Each paragraph is split into **sentences** at the sentence boundaries of Unicode Standard
//!    Annex #29 (the `unicode-segmentation` crate): after `.`, `?` or `!` (and any closing quotes or
//!    brackets) followed by space and a word that is not lowercase, and at every line break.
//! 3. Three documented exceptions join what UAX #29 splits:
//!    - a boundary right after one of [`NON_TERMINAL_ABBREVIATIONS`] (`U.S.`, `Dr.` …): "the U.S.
//!      Intelligence Community" stays one sentence;
//!    - a boundary before a lowercase letter: `"Is it?" he asked.` stays one sentence (UAX #29
//!      already does so after a full stop, but not after `?` or `!`), and so does a sentence whose
//!      next line starts in lowercase;
//!    - a boundary at a line break when the line ends with `,`, `;` or `:`: a sentence that a line
//!      break cuts in two stays one sentence.
//! 4. Each sentence is trimmed of surrounding white space (including no-break spaces).
//!
//! Headings, bylines and datelines have no full stop: they are their own paragraph or line, so
//! they come out as sentences of their own.

use super::SourceText;
use unicode_segmentation::UnicodeSegmentation;

/// Abbreviations after which UAX #29 would see a sentence end before a capitalised word, but
/// which do not end a sentence in the texts wangluo annotates ("the U.S. Intelligence
/// Community", "Dr. Li"). A sentence that really ends with one of them is joined to the next.
pub const NON_TERMINAL_ABBREVIATIONS: &[&str] = &[
    "U.S.", "U.K.", "U.N.", "E.U.", "Dr.", "Mr.", "Mrs.", "Ms.", "Prof.", "St.", "vs.", "cf.",
    "e.g.", "i.e.",
];

/// A span of characters, `begin` included, `end` excluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// Offset of the first character.
    pub begin: usize,
    /// Offset just after the last character.
    pub end: usize,
}

impl Span {
    /// A span from `begin` to `end`.
    pub fn new(begin: usize, end: usize) -> Self {
        Self { begin, end }
    }

    /// Number of characters.
    pub fn len(&self) -> usize {
        self.end - self.begin
    }

    /// Whether the span holds no character.
    pub fn is_empty(&self) -> bool {
        self.end <= self.begin
    }

    /// Whether the two spans share at least one character.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.begin < other.end && other.begin < self.end
    }

    /// Whether `other` lies within this span.
    pub fn contains(&self, other: &Span) -> bool {
        self.begin <= other.begin && other.end <= self.end
    }
}

/// A paragraph and the sentences it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Where the paragraph lies in the text.
    pub span: Span,
    /// Indices of its sentences in [`Segmentation::sentences`].
    pub sentences: std::ops::Range<usize>,
}

/// A text split into paragraphs and sentences, in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Segmentation {
    /// The paragraphs.
    pub paragraphs: Vec<Paragraph>,
    /// The sentences of all paragraphs.
    pub sentences: Vec<Span>,
}

impl Segmentation {
    /// Splits a text into paragraphs and sentences (see the module documentation).
    ///
    /// ```
    /// use wangluo::text::Segmentation;
    /// use wangluo::text::SourceText;
    /// let text = SourceText::new("A Heading\n\nDr. Li met the U.S. team. It went well,\n and ended.\nBye");
    /// let s = Segmentation::of(&text);
    /// let sentences: Vec<&str> = s.sentences.iter().map(|x| text.slice(x.begin, x.end)).collect();
    /// assert_eq!(sentences, ["A Heading", "Dr. Li met the U.S. team.", "It went well,\n and ended.", "Bye"]);
    /// assert_eq!(s.paragraphs.len(), 2);
    /// ```
    pub fn of(text: &SourceText) -> Self {
        let positions = CharPositions::new(text.as_str());
        let mut segmentation = Segmentation::default();
        for (begin, end) in paragraph_bytes(text.as_str()) {
            let first = segmentation.sentences.len();
            for (b, e) in sentence_bytes(text.as_str(), begin, end) {
                segmentation
                    .sentences
                    .push(Span::new(positions.char_at(b), positions.char_at(e)));
            }
            segmentation.paragraphs.push(Paragraph {
                span: Span::new(positions.char_at(begin), positions.char_at(end)),
                sentences: first..segmentation.sentences.len(),
            });
        }
        segmentation
    }

    /// Indices of the sentences that share a character with `span`, in reading order.
    pub fn sentences_overlapping(&self, span: &Span) -> Vec<usize> {
        // Sentences are sorted and disjoint: find the first that ends after the span begins.
        let first = self.sentences.partition_point(|s| s.end <= span.begin);
        (first..self.sentences.len())
            .take_while(|&i| self.sentences[i].begin < span.end)
            .collect()
    }
}

/// Byte offset → character offset.
struct CharPositions {
    byte_of_char: Vec<usize>,
}

impl CharPositions {
    fn new(text: &str) -> Self {
        Self {
            byte_of_char: text.char_indices().map(|(b, _)| b).collect(),
        }
    }

    fn char_at(&self, byte: usize) -> usize {
        self.byte_of_char.partition_point(|&b| b < byte)
    }
}

/// Byte ranges of the paragraphs: blocks of non-blank lines, trimmed.
fn paragraph_bytes(text: &str) -> Vec<(usize, usize)> {
    let mut blocks = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if line.trim().is_empty() {
            blocks.extend(current.take());
        } else {
            current = Some((current.map_or(start, |(s, _)| s), offset));
        }
    }
    blocks.extend(current);
    blocks
        .into_iter()
        .filter_map(|(b, e)| trimmed(text, b, e))
        .collect()
}

/// Byte ranges of the sentences of the paragraph `text[begin..end]`.
fn sentence_bytes(text: &str, begin: usize, end: usize) -> Vec<(usize, usize)> {
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    for (offset, piece) in text[begin..end].split_sentence_bound_indices() {
        let (b, e) = (begin + offset, begin + offset + piece.len());
        match pieces.last_mut() {
            Some(last)
                if piece.trim().is_empty() || continues(&text[last.0..last.1], &text[b..e]) =>
            {
                last.1 = e;
            }
            _ => pieces.push((b, e)),
        }
    }
    pieces
        .into_iter()
        .filter_map(|(b, e)| trimmed(text, b, e))
        .collect()
}

/// Whether the piece `next` continues the sentence `previous` across a UAX #29 boundary.
fn continues(previous: &str, next: &str) -> bool {
    let content = previous.trim_end();
    let last_word = content
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default()
        .trim_start_matches(['(', '[', '"', '\'', '“', '‘']);
    let next_is_lowercase = next
        .trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase);
    let broken_line = previous[content.len()..].contains('\n');
    NON_TERMINAL_ABBREVIATIONS.contains(&last_word)
        || next_is_lowercase
        || (broken_line && content.ends_with([',', ';', ':']))
}

/// `text[begin..end]` without surrounding white space, if anything is left.
fn trimmed(text: &str, begin: usize, end: usize) -> Option<(usize, usize)> {
    let slice = &text[begin..end];
    let start = begin + (slice.len() - slice.trim_start().len());
    let stop = begin + slice.trim_end().len();
    (start < stop).then_some((start, stop))
}

/// The RFC 5147 fragment of a span: `char=begin,end`.
pub fn char_fragment(span: &Span) -> String {
    format!("char={},{}", span.begin, span.end)
}

/// IRI of a sentence: the document's IRI with the RFC 5147 fragment, `{document}#char=b,e`.
///
/// ```
/// use wangluo::text::{paragraph_iri, phrase_iri, sentence_iri, Span};
/// let doc = "https://w3id.org/wangluo/id/rathor-2024";
/// let span = Span::new(0, 72);
/// assert_eq!(sentence_iri(doc, &span), "https://w3id.org/wangluo/id/rathor-2024#char=0,72");
/// assert_eq!(paragraph_iri(doc, &span), "https://w3id.org/wangluo/id/rathor-2024/paragraph#char=0,72");
/// assert_eq!(phrase_iri(doc, &span), "https://w3id.org/wangluo/id/rathor-2024/phrase#char=0,72");
/// ```
pub fn sentence_iri(document: &str, span: &Span) -> String {
    format!("{document}#{}", char_fragment(span))
}

/// IRI of a paragraph, `{document}/paragraph#char=b,e`: distinct from the sentence that has the
/// same span (a heading is both).
pub fn paragraph_iri(document: &str, span: &Span) -> String {
    format!("{document}/paragraph#{}", char_fragment(span))
}

/// IRI of a mention (`nif:Phrase`), `{document}/phrase#char=b,e`.
pub fn phrase_iri(document: &str, span: &Span) -> String {
    format!("{document}/phrase#{}", char_fragment(span))
}

#[cfg(test)]
mod tests {
    use super::{Segmentation, Span};
    use crate::text::SourceText;

    fn sentences(raw: &str) -> Vec<String> {
        let text = SourceText::new(raw);
        Segmentation::of(&text)
            .sentences
            .iter()
            .map(|s| text.slice(s.begin, s.end).to_owned())
            .collect()
    }

    #[test]
    fn lines_of_white_space_separate_paragraphs() {
        let text = SourceText::new("First block\nstill first\n \t \nSecond\n\n\n  Third  \n");
        let segmentation = Segmentation::of(&text);
        let paragraphs: Vec<&str> = segmentation
            .paragraphs
            .iter()
            .map(|p| text.slice(p.span.begin, p.span.end))
            .collect();
        assert_eq!(paragraphs, ["First block\nstill first", "Second", "Third"]);
        // Every sentence lies in its paragraph.
        for paragraph in &segmentation.paragraphs {
            for s in &segmentation.sentences[paragraph.sentences.clone()] {
                assert!(paragraph.span.contains(s));
            }
        }
    }

    #[test]
    fn questions_followed_by_lowercase_and_broken_lines_stay_one_sentence() {
        assert_eq!(
            sentences("\"Is it?\" he asked. Yes!\nThe list: one;\nand two.\nNew line"),
            [
                "\"Is it?\" he asked.",
                "Yes!",
                "The list: one;\nand two.",
                "New line"
            ]
        );
        assert_eq!(
            sentences("He met Mr. Wang. Then e.g. More."),
            ["He met Mr. Wang.", "Then e.g. More."]
        );
    }

    #[test]
    fn sentences_are_trimmed_of_no_break_spaces_and_counted_in_characters() {
        let text = SourceText::new("\u{a0}网络强国。 It is. \u{a0}");
        let segmentation = Segmentation::of(&text);
        let first = segmentation.sentences[0];
        assert_eq!(first.begin, 1, "the no-break space is left out");
        assert_eq!(
            text.slice(first.begin, segmentation.sentences.last().unwrap().end),
            "网络强国。 It is."
        );
    }

    #[test]
    fn spans_that_touch_do_not_overlap() {
        let (a, b) = (Span::new(0, 5), Span::new(5, 9));
        assert!(!a.overlaps(&b) && !b.overlaps(&a));
        assert!(Span::new(4, 6).overlaps(&a) && Span::new(4, 6).overlaps(&b));
        assert!(a.contains(&Span::new(1, 5)) && !a.contains(&Span::new(1, 6)));
        assert!(Span::new(3, 3).is_empty());
        let segmentation = Segmentation::of(&SourceText::new("One. Two. Three."));
        assert_eq!(segmentation.sentences_overlapping(&Span::new(3, 6)), [0, 1]);
        assert_eq!(
            segmentation.sentences_overlapping(&Span::new(4, 5)),
            [] as [usize; 0]
        );
        assert_eq!(
            segmentation.sentences_overlapping(&Span::new(0, 99)),
            [0, 1, 2]
        );
    }
}
