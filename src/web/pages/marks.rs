//! A stretch of a text with its quotes and mentions as nested elements: one `<mark>` per quote
//! (split only where it would cross an element it cannot hold), a mention's link inside it, and
//! every run of the text in a `<span data-char="N">`, `N` its first character's offset in the
//! text (Unicode scalar values, as in `#char=` IRIs). Only those spans hold the text's
//! characters, so their contents in document order are the text itself: the browser editor maps
//! a selection to offsets through them. Claim numbers and flags sit in elements without
//! `data-char`. Han characters and pinyin get their `lang`. Also here: what a paragraph of the
//! reading view is (`Kind`, from why its sentences carry no claim) and how a text is marked
//! (`Marking`).

use std::cmp::Reverse;

/// A span to nest: quotes (layer 0) hold mentions (layer 1), never the other way round.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Item {
    pub start: usize,
    pub end: usize,
    pub layer: u8,
}

/// A piece of the nesting: a run of text, or an item's element over `start..end`.
#[derive(Debug, PartialEq)]
pub(crate) enum Node {
    Text(usize, usize),
    Element {
        item: usize,
        start: usize,
        end: usize,
        /// The item began before this element (it was split): no number or id again.
        continued: bool,
        children: Vec<Node>,
    },
}

/// The items of `pool` (indices into `items`) over `start..end`, nested: at each place the item
/// that starts first (the lower layer, then the longer, first) opens an element; one that
/// outlasts its parent goes on after it as a continued element; an element ends where an item
/// of a lower layer starts inside it, so a link never holds a mark.
pub(crate) fn nest(items: &[Item], (start, end): (usize, usize), pool: &[usize]) -> Vec<Node> {
    let mut nodes = Vec::new();
    let mut at = start;
    while at < end {
        let next = pool
            .iter()
            .copied()
            .filter(|&i| items[i].end.min(end) > at && items[i].start < end)
            .min_by_key(|&i| {
                (
                    items[i].start.max(at),
                    items[i].layer,
                    Reverse(items[i].end),
                )
            });
        let Some(i) = next else { break };
        let item = items[i];
        let from = item.start.max(at);
        if from > at {
            nodes.push(Node::Text(at, from));
        }
        let mut to = item.end.min(end);
        for &j in pool {
            if items[j].layer < item.layer && from < items[j].start && items[j].start < to {
                to = items[j].start;
            }
        }
        let inner: Vec<usize> = pool
            .iter()
            .copied()
            .filter(|&j| j != i && items[j].start < to && from < items[j].end)
            .collect();
        nodes.push(Node::Element {
            item: i,
            start: from,
            end: to,
            continued: item.start < from,
            children: nest(items, (from, to), &inner),
        });
        at = to;
    }
    if at < end {
        nodes.push(Node::Text(at, end));
    }
    nodes
}

/// What a run of text is written in, for its `lang`.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Script {
    Han,
    Pinyin,
    Other,
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{3000}'..='\u{303f}')
}

/// Tone marks that only pinyin uses among the Latin texts here (macron, caron) and those it
/// shares with French or Spanish (acute, grave).
fn tone(c: char) -> Option<bool> {
    if "āēīōūǖǎěǐǒǔǚĀĒĪŌŪǍĚǏǑǓ".contains(c) {
        Some(true)
    } else if "áéíóúǘàèìòùǜ".contains(c) {
        Some(false)
    } else {
        None
    }
}

/// The runs of `text` by script, as (first character's offset in `text`, length in characters,
/// script): Han characters; pinyin, a sequence of toned words (one with a macron or caron at
/// least) joined by spaces; the rest.
fn scripts(text: &str) -> Vec<(usize, usize, Script)> {
    let chars: Vec<char> = text.chars().collect();
    let mut marks = vec![Script::Other; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        if is_han(chars[i]) {
            marks[i] = Script::Han;
            i += 1;
            continue;
        }
        // A sequence of toned words from i.
        let (mut j, mut strong, mut last_word_end) = (i, false, None);
        loop {
            let word_start = j;
            while j < chars.len() && chars[j].is_alphabetic() && !is_han(chars[j]) {
                j += 1;
            }
            let tones: Vec<bool> = chars[word_start..j]
                .iter()
                .filter_map(|c| tone(*c))
                .collect();
            if j == word_start || tones.is_empty() {
                break;
            }
            strong |= tones.contains(&true);
            last_word_end = Some(j);
            if j < chars.len() && chars[j] == ' ' {
                j += 1;
            } else {
                break;
            }
        }
        match last_word_end {
            Some(e) if strong => {
                marks[i..e].fill(Script::Pinyin);
                i = e;
            }
            _ => {
                // Skip to the end of this word.
                let mut k = i + 1;
                while k < chars.len() && chars[k].is_alphabetic() && !is_han(chars[k]) {
                    k += 1;
                }
                i = if chars[i].is_alphabetic() { k } else { i + 1 };
            }
        }
    }
    let mut runs: Vec<(usize, usize, Script)> = Vec::new();
    for (n, script) in marks.into_iter().enumerate() {
        match runs.last_mut() {
            Some((_, len, s)) if *s == script => *len += 1,
            _ => runs.push((n, 1, script)),
        }
    }
    runs
}

/// The runs of `text` (which starts at character `offset` of the document) as
/// `(offset, text, lang)`, split where the script changes.
pub(crate) fn runs(text: &str, offset: usize) -> Vec<(usize, &str, Option<&'static str>)> {
    let starts: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain([text.len()])
        .collect();
    scripts(text)
        .into_iter()
        .map(|(at, len, script)| {
            let lang = match script {
                Script::Han => Some("zh"),
                Script::Pinyin => Some("zh-Latn-pinyin"),
                Script::Other => None,
            };
            (offset + at, &text[starts[at]..starts[at + len]], lang)
        })
        .collect()
}

/// What a paragraph of the reading view is, from why its sentences carry no claim.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Kind {
    Title,
    Heading,
    Byline,
    Dateline,
    Tagline,
    Plain,
}

impl Kind {
    pub(crate) fn of(reasons: &[&str]) -> Kind {
        let all =
            |wanted: &[&str]| !reasons.is_empty() && reasons.iter().all(|r| wanted.contains(r));
        if all(&["title"]) {
            Kind::Title
        } else if all(&["heading", "link list heading"]) {
            Kind::Heading
        } else if reasons.contains(&"byline") {
            Kind::Byline
        } else if all(&["dateline"]) {
            Kind::Dateline
        } else if all(&["tag line"]) {
            Kind::Tagline
        } else {
            Kind::Plain
        }
    }

    pub(crate) fn class(self) -> &'static str {
        match self {
            Kind::Byline => "byline",
            Kind::Dateline => "dateline",
            Kind::Tagline => "tagline",
            _ => "",
        }
    }
}

/// How [`TextView::marked`] marks a text: ids for the parts that have an IRI (`anchors`, the
/// reading view), and the claims' numbers on their quotes (`claims`, the reading view).
pub(crate) struct Marking<'a> {
    pub anchors: bool,
    pub claims: Option<&'a super::reading::Claims>,
}

impl Marking<'_> {
    /// Quotes highlighted, nothing else: an excerpt on a claim's or an entity's page.
    pub const EXCERPT: Marking<'static> = Marking {
        anchors: false,
        claims: None,
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_and_pinyin_runs_get_their_language_and_keep_every_character() {
        let text = "the term 网络强国 (wǎngluò qiángguó) became café";
        let got = runs(text, 10);
        let joined: String = got.iter().map(|(_, t, _)| *t).collect();
        assert_eq!(joined, text);
        let tagged: Vec<(&str, &str)> = got
            .iter()
            .filter_map(|(_, t, l)| l.map(|l| (*t, l)))
            .collect();
        assert_eq!(
            tagged,
            [("网络强国", "zh"), ("wǎngluò qiángguó", "zh-Latn-pinyin")]
        );
        assert_eq!(got[1].0, 10 + 9);
    }

    #[test]
    fn overlapping_items_nest_and_a_link_never_holds_a_mark() {
        // A quote 2..8, a mention 0..4 that starts before it, a mention 6..10 that outlasts it.
        let items = [
            Item {
                start: 2,
                end: 8,
                layer: 0,
            },
            Item {
                start: 0,
                end: 4,
                layer: 1,
            },
            Item {
                start: 6,
                end: 10,
                layer: 1,
            },
        ];
        let nodes = nest(&items, (0, 12), &[0, 1, 2]);
        let shape: Vec<(usize, usize, usize, bool)> = nodes
            .iter()
            .filter_map(|n| match n {
                Node::Element {
                    item,
                    start,
                    end,
                    continued,
                    ..
                } => Some((*item, *start, *end, *continued)),
                Node::Text(..) => None,
            })
            .collect();
        assert_eq!(
            shape,
            [(1, 0, 2, false), (0, 2, 8, false), (2, 8, 10, true)]
        );
    }
}
