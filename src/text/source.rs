//! A source text and the selectors that tie quotes to it.
//!
//! Offsets count Unicode code points (characters), as SPARQL's `STRLEN` and `SUBSTR` do, never
//! UTF-8 bytes: 网络强国 is four characters, twelve bytes.

/// How many characters of context a [`QuoteSelector`] keeps before and after the quote.
pub const CONTEXT_CHARS: usize = 32;

/// A text with an index from characters to bytes.
#[derive(Debug, Clone)]
pub struct SourceText {
    text: String,
    /// Byte offset of every character, plus the text's length at the end; empty for an ASCII
    /// text, whose characters are its bytes (most texts: the index took eight bytes a character,
    /// kept for every text of a load until it is written).
    char_to_byte: Vec<usize>,
}

/// Where a quote lies in its text, with the two Web Annotation selectors' fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteSelector {
    /// `oa:exact`.
    pub exact: String,
    /// `oa:prefix`: up to [`CONTEXT_CHARS`] characters before the quote.
    pub prefix: String,
    /// `oa:suffix`: up to [`CONTEXT_CHARS`] characters after the quote.
    pub suffix: String,
    /// `oa:start`: character offset of the quote's first character.
    pub start: usize,
    /// `oa:end`: character offset just after the quote's last character.
    pub end: usize,
}

/// Why a quote could not be placed in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuoteError {
    Empty,
    NotFound,
    /// Occurs more often than once and no occurrence was given.
    Ambiguous {
        count: usize,
    },
    /// The requested occurrence does not exist.
    NoSuchOccurrence {
        occurrence: usize,
        count: usize,
    },
}

impl std::fmt::Display for QuoteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            QuoteError::Empty => write!(f, "empty quote"),
            QuoteError::NotFound => write!(f, "quote not found in the text"),
            QuoteError::Ambiguous { count } => write!(
                f,
                "quote occurs {count} times in the text; write {{ exact = \"…\", occurrence = N }}"
            ),
            QuoteError::NoSuchOccurrence { occurrence, count } => write!(
                f,
                "occurrence {occurrence} requested but the quote occurs {count} time(s)"
            ),
        }
    }
}

impl SourceText {
    /// Indexes a text.
    pub fn new(text: impl Into<String>) -> Self {
        let text = text.into();
        let char_to_byte = if text.is_ascii() {
            Vec::new()
        } else {
            let mut index: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
            index.push(text.len());
            index
        };
        Self { text, char_to_byte }
    }

    /// The byte offset of character `n` (at most the length in characters).
    fn byte_offset(&self, n: usize) -> usize {
        if self.char_to_byte.is_empty() {
            n
        } else {
            self.char_to_byte[n]
        }
    }

    /// The whole text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Length in characters.
    pub fn char_len(&self) -> usize {
        if self.char_to_byte.is_empty() {
            self.text.len()
        } else {
            self.char_to_byte.len() - 1
        }
    }

    /// The characters `start..end`.
    ///
    /// ```
    /// let text = wangluo::text::SourceText::new("the term 网络强国 (wǎngluò qiángguó)");
    /// assert_eq!(text.slice(9, 13), "网络强国");
    /// assert_eq!(text.slice(15, 22), "wǎngluò");
    /// ```
    pub fn slice(&self, start: usize, end: usize) -> &str {
        let end = end.min(self.char_len());
        let start = start.min(end);
        &self.text[self.byte_offset(start)..self.byte_offset(end)]
    }

    /// The character offset of a byte offset (a character boundary).
    pub fn char_offset(&self, byte: usize) -> usize {
        if self.char_to_byte.is_empty() {
            return byte.min(self.text.len() + 1);
        }
        // Every match starts on a character boundary, so the search is exact.
        self.char_to_byte.partition_point(|&b| b < byte)
    }

    /// Character offsets of every occurrence of `exact` (overlapping ones included).
    pub fn occurrences(&self, exact: &str) -> Vec<usize> {
        if exact.is_empty() {
            return Vec::new();
        }
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(pos) = self.text[from..].find(exact) {
            let byte = from + pos;
            found.push(self.char_offset(byte));
            // Step one character, so that overlapping occurrences are counted too.
            from = byte + self.text[byte..].chars().next().map_or(1, char::len_utf8);
        }
        found
    }

    /// Places a quote: the only occurrence, or the `occurrence`-th (1-based) one.
    ///
    /// ```
    /// use wangluo::text::{SourceText, QuoteError};
    /// let text = SourceText::new("网络强国 means cyber superpower; cyber superpower.");
    /// let q = text.select("cyber superpower", Some(2)).unwrap();
    /// assert_eq!((q.start, q.end), (29, 45)); // characters, not bytes
    /// assert_eq!(text.select("cyber superpower", None), Err(QuoteError::Ambiguous { count: 2 }));
    /// assert_eq!(text.select("網絡強國", None), Err(QuoteError::NotFound));
    /// ```
    pub fn select(
        &self,
        exact: &str,
        occurrence: Option<usize>,
    ) -> Result<QuoteSelector, QuoteError> {
        if exact.is_empty() {
            return Err(QuoteError::Empty);
        }
        let found = self.occurrences(exact);
        let start = match (found.len(), occurrence) {
            (0, _) => return Err(QuoteError::NotFound),
            (1, None) => found[0],
            (count, None) => return Err(QuoteError::Ambiguous { count }),
            (count, Some(n)) => {
                *found
                    .get(n.wrapping_sub(1))
                    .ok_or(QuoteError::NoSuchOccurrence {
                        occurrence: n,
                        count,
                    })?
            }
        };
        let end = start + exact.chars().count();
        Ok(QuoteSelector {
            exact: exact.to_owned(),
            prefix: self
                .slice(start.saturating_sub(CONTEXT_CHARS), start)
                .to_owned(),
            suffix: self.slice(end, end + CONTEXT_CHARS).to_owned(),
            start,
            end,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{QuoteError, SourceText, CONTEXT_CHARS};

    #[test]
    fn overlapping_occurrences_count_each_start() {
        let text = SourceText::new("aaaa 网网网");
        assert_eq!(text.occurrences("aa"), [0, 1, 2]);
        assert_eq!(text.occurrences("网网"), [5, 6]);
        assert!(text.occurrences("").is_empty());
    }

    #[test]
    fn offsets_are_characters_in_ascii_and_other_texts() {
        for (raw, quote, start) in [
            ("plain text here", "here", 11),
            ("网络 text here", "here", 8),
        ] {
            let text = SourceText::new(raw);
            let selector = text.select(quote, None).unwrap();
            assert_eq!((selector.start, selector.end), (start, start + 4), "{raw}");
            assert_eq!(text.slice(selector.start, selector.end), quote);
            assert_eq!(text.char_len(), raw.chars().count());
        }
        let text = SourceText::new("网络 x");
        assert_eq!(text.char_offset("网络 ".len()), 3);
    }

    #[test]
    fn context_stops_at_the_ends_of_the_text() {
        let long = format!("{}quote{}", "p".repeat(40), "s".repeat(40));
        let selector = SourceText::new(long).select("quote", None).unwrap();
        assert_eq!(selector.prefix, "p".repeat(CONTEXT_CHARS));
        assert_eq!(selector.suffix, "s".repeat(CONTEXT_CHARS));
        let selector = SourceText::new("quote").select("quote", None).unwrap();
        assert_eq!(
            (selector.prefix.as_str(), selector.suffix.as_str()),
            ("", "")
        );
    }

    #[test]
    fn an_occurrence_outside_the_text_is_refused() {
        let text = SourceText::new("one two one");
        assert_eq!(text.select("", None), Err(QuoteError::Empty));
        assert_eq!(text.select("one", Some(2)).unwrap().start, 8);
        for occurrence in [0, 3] {
            assert_eq!(
                text.select("one", Some(occurrence)),
                Err(QuoteError::NoSuchOccurrence {
                    occurrence,
                    count: 2
                })
            );
        }
        // A unique quote may still name its occurrence.
        assert_eq!(text.select("two", Some(1)).unwrap().start, 4);
        assert!(QuoteError::Ambiguous { count: 2 }
            .to_string()
            .contains("occurrence = N"));
    }
}
