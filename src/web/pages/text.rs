//! A text and what the graph says about its spans: paragraphs and sentences (NIF), entity
//! mentions (`nif:Phrase` with `itsrdf:taIdentRef`), and claims' quotes (Web Annotation
//! `oa:TextPositionSelector`). Offsets count Unicode characters, as they are stored.
//!
//! The reading view (`/read/id/DOC`) shows the whole text: every quote highlighted in the colour
//! of its claim's perspective and linked to the claim, every mention linked to its entity,
//! sentences without a claim marked; each sentence's element has the id `char=B,E`, so the IRI
//! of a sentence (`DOC#char=B,E`) opens at its place; a paragraph's element has the same id as
//! its IRI's fragment (`DOC/paragraph#char=B,E`), and that IRI's page is this view, so a
//! paragraph's IRI opens at its paragraph too (a browser keeps the fragment across redirects);
//! so does a mention's (`DOC/phrase#char=B,E`), the first element of the mention having its
//! fragment as id, and a span excluded from an entity's mentions (`DOC/exclusion#char=B,E`), an
//! empty element with its fragment as id standing where it starts.

pub(crate) use super::marks::Marking;
use super::marks::{nest, runs, Item, Kind, Node};
use super::reading::Claims;
use super::{link, local_class, Page};
use crate::vocab::ns;
use crate::web::site::Site;
use crate::web::State;
use axum::extract::{Path, RawQuery};
use axum::http::HeaderMap;
use axum::response::Response;
use maud::{html, Markup};
use std::collections::BTreeSet;

/// A span of the text.
#[derive(Clone, Debug)]
pub(crate) struct Span {
    pub start: usize,
    pub end: usize,
    /// The resource the span stands for: a sentence, an entity or a claim.
    pub iri: String,
    /// A claim's perspective (quotes only).
    pub perspective: Option<String>,
}

/// A document's text and its spans.
pub(crate) struct TextView {
    pub document: String,
    text: String,
    /// The byte offset of each character, and the length at the end.
    bytes: Vec<usize>,
    pub paragraphs: Vec<Span>,
    pub sentences: Vec<Span>,
    pub mentions: Vec<Span>,
    pub quotes: Vec<Span>,
    /// The other parts of the text that have an IRI of their own (a span excluded from the
    /// mentions of an entity, `DOC/exclusion#char=B,E`): an empty element with their fragment as
    /// id marks where each starts.
    pub others: Vec<Span>,
    /// Why a sentence (its start and end) carries no claim (`wl:noClaimReason`).
    reasons: Vec<((usize, usize), String)>,
}

fn nif(local: &str) -> String {
    format!("{}{local}", ns::NIF)
}

fn oa(local: &str) -> String {
    format!("{}{local}", ns::OA)
}

impl TextView {
    /// The text of `document` (its `nif:isString`) and its spans, or `None` if it has no text.
    pub fn new(site: &Site, document: &str) -> Option<Self> {
        let text = site.literal(document, &nif("isString"))?;
        let mut bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        bytes.push(text.len());
        let mut view = TextView {
            document: document.to_owned(),
            text,
            bytes,
            paragraphs: Vec::new(),
            sentences: Vec::new(),
            mentions: Vec::new(),
            quotes: Vec::new(),
            others: Vec::new(),
            reasons: Vec::new(),
        };
        view.read_structure(site);
        view.read_quotes(site);
        Some(view)
    }

    fn read_structure(&mut self, site: &Site) {
        let paragraph = nif("Paragraph");
        let sentence = nif("Sentence");
        let phrase = nif("Phrase");
        let entity = format!("{}taIdentRef", ns::ITSRDF);
        for part in site.subjects_linking(&self.document, &nif("referenceContext")) {
            let (Some(start), Some(end)) = (
                site.integer(&part, &nif("beginIndex")),
                site.integer(&part, &nif("endIndex")),
            ) else {
                continue;
            };
            let types = site.types(&part);
            let span = |iri: String| Span {
                start,
                end,
                iri,
                perspective: None,
            };
            if types.contains(&paragraph) {
                self.paragraphs.push(span(part.clone()));
            }
            if types.contains(&sentence) {
                if let Some(reason) = site.literal(&part, site.base.term("noClaimReason").as_str())
                {
                    self.reasons.push(((start, end), reason));
                }
                self.sentences.push(span(part.clone()));
            }
            if types.contains(&phrase) {
                for target in site.linked(&part, &entity) {
                    self.mentions.push(span(target));
                }
            } else if !types.contains(&paragraph) && !types.contains(&sentence) {
                self.others.push(span(part.clone()));
            }
        }
        // A part with the span of a sentence or paragraph shares its element's id.
        let own = |o: &Span| {
            !self
                .sentences
                .iter()
                .chain(&self.paragraphs)
                .any(|s| (s.start, s.end) == (o.start, o.end))
        };
        let others = std::mem::take(&mut self.others);
        self.others = others.into_iter().filter(own).collect();
        for spans in [
            &mut self.paragraphs,
            &mut self.sentences,
            &mut self.mentions,
            &mut self.others,
        ] {
            spans.sort_by_key(|s| (s.start, s.end));
        }
    }

    fn read_quotes(&mut self, site: &Site) {
        let claim_class = site.base.term("Claim");
        let has_quote = site.base.term("hasQuote");
        let perspective = site.base.term("perspective");
        for quote in site.subjects_linking(&self.document, &oa("hasSource")) {
            let Some((start, end)) = position(site, &quote) else {
                continue;
            };
            for claim in site.subjects_linking(&quote, has_quote.as_str()) {
                if site.is_a(&claim, &claim_class) {
                    self.quotes.push(Span {
                        start,
                        end,
                        perspective: site.linked(&claim, perspective.as_str()).into_iter().next(),
                        iri: claim,
                    });
                }
            }
        }
        self.quotes.sort_by_key(|s| (s.start, s.end));
    }

    /// A document without text (never shown: the reading view checks for the text first).
    fn empty(document: &str) -> Self {
        TextView {
            document: document.to_owned(),
            text: String::new(),
            bytes: vec![0],
            paragraphs: Vec::new(),
            sentences: Vec::new(),
            mentions: Vec::new(),
            quotes: Vec::new(),
            others: Vec::new(),
            reasons: Vec::new(),
        }
    }

    /// The characters `start..end` (clamped to the text).
    pub fn slice(&self, start: usize, end: usize) -> &str {
        let last = self.bytes.len() - 1;
        let (start, end) = (start.min(last), end.min(last));
        &self.text[self.bytes[start]..self.bytes[end.max(start)]]
    }

    /// Whether a claim's quote overlaps the span.
    fn has_claim(&self, span: &Span) -> bool {
        self.quotes
            .iter()
            .any(|q| q.start < span.end && span.start < q.end)
    }

    /// The characters `start..end` with `quotes` and the mentions inside them marked (see
    /// [`super::marks`]): one `<mark>` per quote, a mention as a link to its entity, every run
    /// of text in a `span[data-char]`. With `marking.anchors`, a mention's first element has the
    /// mention's fragment (`char=B,E`) as id, so that its IRI (`DOC/phrase#char=B,E`) opens at
    /// it, and an empty element marks where each of `others` starts; with `marking.claims`,
    /// each quote carries its claim's number, perspective letter and flags.
    pub fn marked(
        &self,
        site: &Site,
        (start, end): (usize, usize),
        quotes: &[Span],
        marking: &Marking,
    ) -> Markup {
        let quotes: Vec<&Span> = quotes
            .iter()
            .filter(|q| q.start < end && start < q.end)
            .collect();
        let mentions: Vec<&Span> = self
            .mentions
            .iter()
            .filter(|m| m.start < end && start < m.end)
            .collect();
        let spans: Vec<&Span> = quotes.iter().chain(&mentions).copied().collect();
        let items: Vec<Item> = spans
            .iter()
            .enumerate()
            .map(|(i, s)| Item {
                start: s.start,
                end: s.end,
                layer: u8::from(i >= quotes.len()),
            })
            .collect();
        let pool: Vec<usize> = (0..items.len()).collect();
        let nodes = nest(&items, (start, end), &pool);
        let whole = (start, end);
        html! { @for node in &nodes { (self.node(site, node, &spans, &items, whole, marking)) } }
    }

    fn node(
        &self,
        site: &Site,
        node: &Node,
        spans: &[&Span],
        items: &[Item],
        whole: (usize, usize),
        marking: &Marking,
    ) -> Markup {
        let (item, continued, children) = match node {
            Node::Text(a, b) => return self.runs(*a, *b, marking.anchors),
            Node::Element {
                item,
                continued,
                children,
                ..
            } => (*item, *continued, children),
        };
        let span = spans[item];
        let inner =
            html! { @for c in children { (self.node(site, c, spans, items, whole, marking)) } };
        if items[item].layer == 1 {
            // A mention that is the whole sentence shares the sentence's id.
            let id = (marking.anchors && !continued && (span.start, span.end) != whole)
                .then(|| format!("char={},{}", span.start, span.end));
            return html! { a.mention id=[id] href=(site.href(&span.iri)) { (inner) } };
        }
        let perspective = span
            .perspective
            .as_deref()
            .map(local_class)
            .unwrap_or_default();
        match marking.claims {
            Some(claims) => claims.mark(site, span, continued, &perspective, inner),
            None => html! { mark class=(format!("quote p-{perspective}")) { (inner) } },
        }
    }

    /// The characters `start..end` as runs with their `lang` (a quote shown on its own).
    pub fn plain(&self, start: usize, end: usize) -> Markup {
        self.runs(start, end.max(start), false)
    }

    /// The text `a..b` as runs (`span[data-char]`, with `lang` for Han and pinyin), with an
    /// empty element (`id` the fragment) where a part of `others` starts, when `anchors`.
    fn runs(&self, a: usize, b: usize, anchors: bool) -> Markup {
        let mut cuts: BTreeSet<usize> = [a, b].into();
        if anchors {
            cuts.extend(
                self.others
                    .iter()
                    .filter(|o| a <= o.start && o.start < b)
                    .map(|o| o.start),
            );
        }
        let cuts: Vec<usize> = cuts.into_iter().collect();
        html! {
            @for pair in cuts.windows(2) {
                @if anchors {
                    @for o in self.others.iter().filter(|o| o.start == pair[0]) {
                        @if let Some((_, fragment)) = o.iri.split_once('#') { span.anchor id=(fragment) {} }
                    }
                }
                @for (at, text, lang) in runs(self.slice(pair[0], pair[1]), pair[0]) {
                    span data-char=(at) lang=[lang] { (text) }
                }
            }
        }
    }

    /// A paragraph with its sentences as elements (`id="char=B,E"` with `marking.anchors`), the
    /// ones without a claim marked, and `quotes` highlighted. With `marking.claims` (the reading
    /// view), a paragraph of headings is a heading (the title `h1`, others `h2`), a byline's
    /// repeated line is hidden (its text kept, for the offsets), and the paragraph says what it is
    /// (`byline`, `dateline`, `tagline`).
    pub fn paragraph(
        &self,
        site: &Site,
        paragraph: &Span,
        quotes: &[Span],
        marking: &Marking,
    ) -> Markup {
        let sentences: Vec<&Span> = self
            .sentences
            .iter()
            .filter(|s| paragraph.start <= s.start && s.end <= paragraph.end)
            .collect();
        let mut gaps = Vec::new();
        let mut at = paragraph.start;
        for s in &sentences {
            gaps.push((at, s.start.max(at)));
            at = s.end.max(at);
        }
        // The paragraph's IRI (`DOC/paragraph#char=B,E`) opens here: its fragment is the
        // paragraph's id, unless a sentence spans the whole paragraph (a heading), whose id it
        // then shares.
        let fragment = paragraph.iri.split_once('#').map_or("", |(_, f)| f);
        let own_id = marking.anchors
            && !fragment.is_empty()
            && !sentences
                .iter()
                .any(|s| (s.start, s.end) == (paragraph.start, paragraph.end));
        let id = own_id.then_some(fragment);
        let reasons: Vec<&str> = sentences
            .iter()
            .map(|s| self.reason(s).unwrap_or(""))
            .collect();
        let kind = if marking.claims.is_some() {
            Kind::of(&reasons)
        } else {
            Kind::Plain
        };
        let inner = html! {
            @for (i, s) in sentences.iter().enumerate() {
                @let repeated = kind == Kind::Byline && i > 0
                    && self.slice(s.start, s.end) == self.slice(sentences[i - 1].start, sentences[i - 1].end);
                @let class = if self.has_claim(s) { "sentence" } else { "sentence no-claim" };
                @let fragment = s.iri.split_once('#').map(|(_, f)| f).filter(|_| marking.anchors);
                @let sentence = html! {
                    (self.runs(gaps[i].0, gaps[i].1, marking.anchors))
                    span class=(class) id=[fragment] { (self.marked(site, (s.start, s.end), quotes, marking)) }
                };
                @if repeated {
                    // The same line twice in the byline: shown once, kept for the offsets.
                    span.repeat hidden { (sentence) }
                } @else {
                    (sentence)
                }
            }
            (self.runs(at, paragraph.end.max(at), marking.anchors))
        };
        match kind {
            Kind::Title => html! { h1.paragraph id=[id] { (inner) } },
            Kind::Heading => html! { h2.paragraph id=[id] { (inner) } },
            Kind::Plain => html! { p.paragraph id=[id] { (inner) } },
            other => html! { p class=(format!("paragraph {}", other.class())) id=[id] { (inner) } },
        }
    }

    /// The number of characters of the text.
    pub fn len(&self) -> usize {
        self.bytes.len() - 1
    }

    /// The text between two paragraphs (`a..b`), as runs; hidden when it is only white space
    /// (blank lines), which would otherwise draw an empty line between two blocks.
    fn between(&self, a: usize, b: usize) -> Markup {
        let runs = self.runs(a, b.max(a), true);
        if self.slice(a, b).trim().is_empty() {
            html! { span.gap hidden { (runs) } }
        } else {
            runs
        }
    }

    /// Why a sentence carries no claim (`wl:noClaimReason`: "title", "heading", "byline" …).
    pub(crate) fn reason(&self, sentence: &Span) -> Option<&str> {
        self.reasons
            .iter()
            .find(|(s, _)| *s == (sentence.start, sentence.end))
            .map(|(_, r)| r.as_str())
    }
}

/// The `oa:start` and `oa:end` of a quote's position selector.
pub(crate) fn position(site: &Site, quote: &str) -> Option<(usize, usize)> {
    site.linked(quote, &oa("hasSelector"))
        .into_iter()
        .find_map(|selector| {
            Some((
                site.integer(&selector, &oa("start"))?,
                site.integer(&selector, &oa("end"))?,
            ))
        })
}

/// The reading view that is the HTML page of `path`, when `path` is the paragraphs or the
/// mentions of a document with a text (`id/DOC/paragraph` or `id/DOC/phrase`, whose IRIs are
/// `…#char=B,E`): the view `read/id/DOC`, where each paragraph's element and the first element
/// of each mention has its IRI's fragment as id.
pub(crate) fn reading_view_of_parts(site: &Site, path: &str) -> Option<String> {
    let document = document_of_part(path)?;
    let iri = format!("{}{document}", site.base.as_str());
    let has_text = document.starts_with("id/") && site.literal(&iri, &nif("isString")).is_some();
    has_text.then(|| site.url(&format!("read/{document}")))
}

/// `id/DOC` for the path of a document's paragraphs, mentions or spans excluded from mentions
/// (`id/DOC/paragraph`, `id/DOC/phrase`, `id/DOC/exclusion`).
pub(crate) fn document_of_part(path: &str) -> Option<&str> {
    ["/paragraph", "/phrase", "/exclusion"]
        .iter()
        .find_map(|part| path.strip_suffix(part))
}

/// `GET /read/id/DOC`: the reading view of a document (with the editor's panel when the
/// server edits).
pub async fn reading(
    state: State,
    Path(path): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let site = &*state.site();
    let iri = format!("{}{path}", site.base.as_str());
    let has_text = path.starts_with("id/") && site.literal(&iri, &nif("isString")).is_some();
    if !has_text {
        return super::not_found(&state, &format!("read/{path}"));
    }
    if state.editor.is_some() {
        return crate::web::edit::reading(&state, &path, query);
    }
    let made = state.rendered.get_or(&format!("read/{path}"), || {
        let view = TextView::new(site, &iri).unwrap_or_else(|| TextView::empty(&iri));
        Ok(reading_view(site, &path, &iri, &view, None).into_bytes())
    });
    match made {
        Ok(made) => crate::web::resource::cached(site, &headers, "text/html", made),
        Err(e) => crate::web::plain(
            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            crate::error::one_line(&e),
        ),
    }
}

/// The reading view of the document at `path` (`id/DOC`), with the editor's `panel`.
pub(crate) fn reading_page(site: &Site, path: &str, panel: Option<Markup>) -> String {
    let iri = format!("{}{path}", site.base.as_str());
    let view = TextView::new(site, &iri).unwrap_or_else(|| TextView::empty(&iri));
    reading_view(site, path, &iri, &view, panel)
}

/// The reading view of a document: its text (`#text`, each run of it a `span[data-char]`), its
/// claims' quotes marked and numbered, the panel of its claims beside it.
fn reading_view(
    site: &Site,
    path: &str,
    iri: &str,
    view: &TextView,
    panel: Option<Markup>,
) -> String {
    let label = site.label(iri);
    let claims = Claims::of(site, view);
    let marking = Marking {
        anchors: true,
        claims: Some(&claims),
    };
    let titled = view
        .paragraphs
        .first()
        .and_then(|p| view.sentences.iter().find(|s| s.start == p.start))
        .and_then(|s| view.reason(s))
        == Some("title");
    // The text before each paragraph (from the end of the one before), and after the last.
    let mut at = 0;
    let mut blocks = Vec::new();
    for paragraph in &view.paragraphs {
        blocks.push((at, paragraph));
        at = paragraph.end.max(at);
    }
    let body = html! {
        p.kind { "Reading view" }
        @if !titled { h1 { (label) } }
        p.meta { "The text of " (link(site, iri)) ", its " (claims.list.len()) " claims' "
            (view.quotes.len()) " quotes marked and " (view.mentions.len()) " mentions linked. "
            "Each mark opens with its claim's number and the letter of its perspective, a link to the claim; "
            "the claims are listed in reading order beside the text." }
        div.reading-layout {
            article #text .reading {
                @for (from, paragraph) in &blocks {
                    (view.between(*from, paragraph.start))
                    (view.paragraph(site, paragraph, &view.quotes, &marking))
                }
                (view.between(at, view.len()))
            }
            (claims.panel(site))
        }
        script src=(site.url("reading.js")) defer {}
        @if let Some(panel) = panel { (panel) }
    };
    Page {
        title: &format!("Reading view: {label}"),
        thing: Some(path),
        body,
    }
    .render(site)
}
