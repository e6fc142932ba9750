//! The guesses `annotate` makes from a text alone: which sentences are headings, bylines and
//! datelines, which carry a reporting cue, which words may name an entity the corpus does not
//! know yet, the date of a dateline. Pure text code; every answer is a guess for a person to
//! confirm, and the draft says so.

use crate::text::Span;

/// Verbs and phrases that report what someone holds (whole words, lowercase; a sentence may
/// start with them capitalised).
#[rustfmt::skip]
pub const REPORTING_CUES: &[&str] = &[
    "according to", "says", "said", "argues", "argued", "describes", "described", "assesses",
    "assessed", "perceives", "perceived", "portrays", "portrayed", "mentions", "mentioned",
    "claims", "claimed", "states", "stated", "notes", "noted", "warns", "warned", "believes",
    "believed", "considers", "considered", "asserts", "asserted", "emphasises", "emphasised",
    "emphasizes", "emphasized", "stresses", "stressed", "suggests", "suggested", "contends",
    "insists", "maintains", "acknowledges", "acknowledged", "reports", "reported", "depicts",
    "depicted", "characterises", "characterizes", "cites", "cited", "highlights", "highlighted",
    "views", "sees", "rejects", "denies", "calls for", "accuses", "criticises", "criticizes",
    "demands", "opposes", "discusses", "depict", "assess", "argue", "describe", "perceive",
    "portray", "say", "see",
];

/// Cues that are also nouns ("small states", "sovereignty claims"): a cue only before "that".
const NOUN_CUES: &[&str] = &[
    "states",
    "notes",
    "claims",
    "views",
    "reports",
    "sees",
    "maintains",
    "see",
    "say",
];

/// Titles before a person's name.
const PERSON_TITLES: &[&str] = &[
    "Dr.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Prof.",
    "Professor",
    "President",
];

/// Words that may join the capitalised words of one name ("Office of the Director").
const CONNECTORS: &[&str] = &["of", "for", "and", "the", "on", "de", "in"];

/// Capitalised words that start a sentence without being part of a name.
#[rustfmt::skip]
const SENTENCE_STARTERS: &[&str] = &[
    "The", "A", "An", "In", "Yet", "But", "And", "According", "By", "His", "Her", "Its", "Their",
    "This", "That", "These", "Those", "Both", "Many", "Most", "Some", "No", "Every", "For", "As",
    "While", "When", "Although", "However", "Moreover", "Meanwhile", "Readers", "It", "He", "She",
    "They", "We", "Two", "Small",
];

/// The last words of a name that the text may use alone, with "the": "the Commission".
#[rustfmt::skip]
pub const HEAD_NOUNS: &[&str] = &[
    "Commission", "Forum", "Council", "Ministry", "Agency", "Force", "Party", "Foundation",
    "Institute", "Committee", "Office", "Administration", "Department", "Government", "Group",
    "Community", "Union", "Organization", "Organisation", "Bureau", "Centre", "Center",
];

/// Pronouns that refer back to the subject of the sentence before.
pub const PRONOUNS: &[&str] = &["He", "She", "It", "They", "Its", "His", "Her", "Their"];

/// The first reporting cue of a sentence: its span (characters within the sentence) and words.
pub fn reporting_cue(sentence: &str) -> Option<(Span, String)> {
    // One lowercase character per character, so that positions are the sentence's.
    let chars: Vec<char> = sentence
        .chars()
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect();
    let mut best: Option<(Span, String)> = None;
    for cue in REPORTING_CUES {
        let cue_chars: Vec<char> = cue.chars().collect();
        let found = (0..chars.len().saturating_sub(cue_chars.len() - 1)).find(|&i| {
            chars[i..].starts_with(&cue_chars)
                && (i == 0 || !chars[i - 1].is_alphanumeric())
                && chars
                    .get(i + cue_chars.len())
                    .is_none_or(|c| !c.is_alphanumeric())
        });
        let before_that = |i: usize| {
            let rest: String = chars[i + cue_chars.len()..].iter().collect();
            rest.trim_start().starts_with("that")
        };
        let found = found.filter(|&i| !NOUN_CUES.contains(cue) || before_that(i));
        if let Some(i) = found {
            if best.as_ref().is_none_or(|(s, _)| i < s.begin) {
                let span = Span::new(i, i + cue_chars.len());
                best = Some((
                    span,
                    sentence.chars().skip(i).take(cue_chars.len()).collect(),
                ));
            }
        }
    }
    best
}

/// A word of a sentence: its characters' span (within the sentence) and text.
#[derive(Debug, Clone)]
pub struct Word {
    pub span: Span,
    pub text: String,
}

/// The words of a sentence: runs of letters, digits and the `-`, `.`, `'`, `’` inside them.
pub fn words(sentence: &str) -> Vec<Word> {
    let chars: Vec<char> = sentence.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len()
            && (chars[i].is_alphanumeric()
                || (matches!(chars[i], '-' | '.' | '\'' | '’')
                    && chars.get(i + 1).is_some_and(|c| c.is_alphanumeric())))
        {
            i += 1;
        }
        // A title's or an initial's full stop belongs to the word ("Dr.", "U.S.").
        if chars.get(i) == Some(&'.')
            && PERSON_TITLES.contains(&&*format!(
                "{}.",
                chars[start..i].iter().collect::<String>()
            ))
        {
            i += 1;
        }
        out.push(Word {
            span: Span::new(start, i),
            text: chars[start..i].iter().collect(),
        });
    }
    out
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A run of capitalised words (joined by connectors) that may name something: its span within
/// the sentence, its words, and whether a title marks it as a person's name.
#[derive(Debug, Clone)]
pub struct NameRun {
    pub span: Span,
    pub label: String,
    pub person: bool,
}

/// The runs of two or more capitalised words of a sentence ("Baltic Cyber Policy Forum",
/// "Tomas Virtanen"), a sentence's first word left out when it is a common starter, a title
/// ("Dr.") left out but noted, possessives ending a run.
pub fn name_runs(sentence: &str) -> Vec<NameRun> {
    let words = words(sentence);
    let mut runs = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = &words[i].text;
        let titled = PERSON_TITLES.contains(&w.as_str());
        let starter = i == 0 && SENTENCE_STARTERS.contains(&w.as_str());
        if titled || starter || !is_capitalised(w) {
            i += 1;
            continue;
        }
        let person = i > 0 && PERSON_TITLES.contains(&words[i - 1].text.as_str());
        let mut end = i;
        let mut j = i + 1;
        while j < words.len() && !possessive(&words[end].text) {
            let next = &words[j].text;
            let gap = sentence_slice(sentence, words[j - 1].span.end, words[j].span.begin);
            if gap != " " {
                break;
            }
            if is_capitalised(next) && !PERSON_TITLES.contains(&next.as_str()) {
                end = j;
            } else if !CONNECTORS.contains(&next.as_str()) {
                break;
            }
            j += 1;
        }
        let capitalised = words[i..=end]
            .iter()
            .filter(|w| is_capitalised(&w.text))
            .count();
        if capitalised >= 2 {
            let span = Span::new(words[i].span.begin, words[end].span.end);
            let label = trim_possessive(&sentence_slice(sentence, span.begin, span.end));
            let span = Span::new(span.begin, span.begin + label.chars().count());
            runs.push(NameRun {
                span,
                label,
                person,
            });
        }
        i = end + 1;
    }
    runs
}

fn possessive(word: &str) -> bool {
    word.ends_with("’s") || word.ends_with("'s")
}

fn trim_possessive(words: &str) -> String {
    words
        .strip_suffix("’s")
        .or_else(|| words.strip_suffix("'s"))
        .unwrap_or(words)
        .to_owned()
}

fn sentence_slice(sentence: &str, begin: usize, end: usize) -> String {
    sentence.chars().skip(begin).take(end - begin).collect()
}

/// Acronyms defined in parentheses: `(BCPF)` after the words it abbreviates. Each as the span of
/// the acronym, the acronym, and the span of the words it stands for (their initials match).
pub fn acronym_definitions(sentence: &str) -> Vec<(Span, String, Span)> {
    let words = words(sentence);
    let chars: Vec<char> = sentence.chars().collect();
    let mut out = Vec::new();
    for (n, w) in words.iter().enumerate() {
        let letters = w.text.chars().count();
        let is_acronym =
            (2..=8).contains(&letters) && w.text.chars().all(|c| c.is_ascii_uppercase());
        let in_parentheses = w.span.begin > 0
            && chars[w.span.begin - 1] == '('
            && chars.get(w.span.end) == Some(&')');
        if !is_acronym || !in_parentheses || n == 0 {
            continue;
        }
        // Walk back over the words before, counting the capitalised ones, until their initials
        // spell the acronym.
        let mut initials = String::new();
        let mut first = None;
        for k in (0..n).rev() {
            let word = &words[k].text;
            if is_capitalised(word) {
                let initial: String = word
                    .split(['-', '.'])
                    .filter_map(|part| part.chars().next())
                    .filter(|c| c.is_uppercase())
                    .collect();
                initials.insert_str(0, &initial);
                first = Some(k);
                if w.text.ends_with(&initials) && initials.len() >= letters {
                    break;
                }
            } else if !CONNECTORS.contains(&word.as_str()) {
                break;
            }
        }
        if let Some(k) = first {
            let name = Span::new(words[k].span.begin, words[n - 1].span.end);
            out.push((w.span, w.text.clone(), name));
        }
    }
    out
}

/// Quoted terms that may be foreign names ("Wangluo Qiangguo"): one to four capitalised words
/// between quotation marks, as spans within the sentence.
pub fn quoted_terms(sentence: &str) -> Vec<Span> {
    let chars: Vec<char> = sentence.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let close = match chars[i] {
            '“' => '”',
            '"' => '"',
            _ => {
                i += 1;
                continue;
            }
        };
        let Some(len) = chars[i + 1..].iter().position(|&c| c == close) else {
            break;
        };
        let inner: String = chars[i + 1..i + 1 + len].iter().collect();
        let terms: Vec<&str> = inner.split(' ').collect();
        if (1..=4).contains(&terms.len())
            && terms
                .iter()
                .all(|t| is_capitalised(t) && t.chars().all(char::is_alphabetic))
        {
            out.push(Span::new(i + 1, i + 1 + len));
        }
        i += len + 2;
    }
    out
}

/// Runs of two or more Han characters (Chinese or Japanese words), as spans within the text.
pub fn han_runs(text: &str) -> Vec<Span> {
    let is_han = |c: char| matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF);
    let mut out = Vec::new();
    let mut start = None;
    let mut n = 0;
    for (i, c) in text.chars().enumerate() {
        match (is_han(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if i - s >= 2 {
                    out.push(Span::new(s, i));
                }
                start = None;
            }
            _ => {}
        }
        n = i + 1;
    }
    if let Some(s) = start.filter(|s| n - s >= 2) {
        out.push(Span::new(s, n));
    }
    out
}

#[rustfmt::skip]
const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
];

/// A date written in words: `14 March 2025`, `March 14, 2025`, `Jun 8, 2024`, `2025-03-14`,
/// as `YYYY-MM-DD`.
///
/// ```
/// use wangluo::authoring::guess::date_in;
/// assert_eq!(date_in("By Mara Lindqvist, 14 March 2025").as_deref(), Some("2025-03-14"));
/// assert_eq!(date_in("Jun 8, 2024").as_deref(), Some("2024-06-08"));
/// assert_eq!(date_in("no date here"), None);
/// ```
pub fn date_in(sentence: &str) -> Option<String> {
    let tokens: Vec<String> = sentence
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .map(|t| t.trim_end_matches('.').to_lowercase())
        .collect();
    let month = |t: &str| {
        MONTHS
            .iter()
            .position(|m| t.len() >= 3 && m.starts_with(t) && (t.len() == 3 || *m == t))
    };
    let number = |t: &str, range: std::ops::RangeInclusive<u32>| {
        t.parse::<u32>().ok().filter(|n| range.contains(n))
    };
    for (i, t) in tokens.iter().enumerate() {
        if t.len() == 10 && crate::annotation::resolve::date_literal(t).is_some() {
            return Some(t.clone());
        }
        let Some(m) = month(t) else { continue };
        let before = i.checked_sub(1).and_then(|b| number(&tokens[b], 1..=31));
        let after = tokens.get(i + 1).and_then(|a| number(a, 1..=31));
        let (day, year_at) = match (before, after) {
            (Some(d), _) => (d, i + 1),
            (None, Some(d)) => (d, i + 2),
            _ => continue,
        };
        let Some(year) = tokens.get(year_at).and_then(|y| number(y, 1000..=2999)) else {
            continue;
        };
        let date = format!("{year:04}-{:02}-{day:02}", m + 1);
        if crate::annotation::resolve::date_literal(&date).is_some() {
            return Some(date);
        }
    }
    None
}

/// Why a sentence carries no claim, when its form says so: the first sentence is the title, a
/// date alone a dateline, a short line near the top without a full stop a byline, a line
/// starting with `#` a tag line, a short paragraph of one line without a full stop a heading.
pub fn no_claim_reason(
    index: usize,
    sentence: &str,
    whole_paragraph: bool,
) -> Option<&'static str> {
    let words = sentence.split_whitespace().count();
    let ends_open = !sentence
        .trim_end_matches(['"', '”', '’', '\'', ')'])
        .ends_with(['.', '?', '!', ':', ';', ',']);
    if index == 0 {
        Some("title")
    } else if words <= 5 && date_in(sentence).is_some() {
        Some("dateline")
    } else if sentence.starts_with('#') {
        Some("tag line")
    } else if index < 6
        && (sentence.starts_with("By ") || (ends_open && words <= 14 && !whole_paragraph))
    {
        Some("byline")
    } else if whole_paragraph && ends_open && words <= 12 {
        Some("heading")
    } else {
        None
    }
}
