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
        }
    }

    /// The characters `start..end` (clamped to the text).
    pub fn slice(&self, start: usize, end: usize) -> &str {
        let last = self.bytes.len() - 1;
        let (start, end) = (start.min(last), end.min(last));
        &self.text[self.bytes[start]..self.bytes[end.max(start)]]
    }

    /// The characters `start..end` as a run of the text (`data-char`: its first character's
    /// offset, which the editor's script reads), nothing when empty.
    fn run(&self, start: usize, end: usize) -> Markup {
        html! { @if start < end { span data-char=(start) { (self.slice(start, end)) } } }
    }

    /// Whether a claim's quote overlaps the span.
    fn has_claim(&self, span: &Span) -> bool {
        self.quotes
            .iter()
            .any(|q| q.start < span.end && span.start < q.end)
    }

    /// The characters `start..end` with the quotes and mentions inside them marked: each piece
    /// between two span boundaries is one element, a link when a mention (to the entity) or a
    /// quote (to the claim) covers it, with the classes of every span that covers it. With
    /// `anchors`, the piece a mention starts with has the mention's fragment (`char=B,E`) as id,
    /// so that the mention's IRI (`DOC/phrase#char=B,E`) opens at it.
    pub fn marked(
        &self,
        site: &Site,
        (start, end): (usize, usize),
        quotes: &[Span],
        anchors: bool,
    ) -> Markup {
        let mentions: Vec<&Span> = self
            .mentions
            .iter()
            .filter(|m| m.start < end && start < m.end)
            .collect();
        let quotes: Vec<&Span> = quotes
            .iter()
            .filter(|q| q.start < end && start < q.end)
            .collect();
        let others: Vec<&Span> = self
            .others
            .iter()
            .filter(|o| anchors && start <= o.start && o.start < end)
            .collect();
        let mut cuts: BTreeSet<usize> = [start, end].into();
        for span in mentions.iter().chain(&quotes) {
            cuts.extend([span.start.clamp(start, end), span.end.clamp(start, end)]);
        }
        cuts.extend(others.iter().map(|o| o.start));
        let cuts: Vec<usize> = cuts.into_iter().collect();
        let mut pieces = Vec::new();
        for pair in cuts.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let covering: Vec<&&Span> = quotes
                .iter()
                .filter(|q| q.start <= a && b <= q.end)
                .collect();
            let mention = mentions.iter().find(|m| m.start <= a && b <= m.end);
            let mut classes = Vec::new();
            if let Some(q) = covering.first() {
                let perspective = q
                    .perspective
                    .as_deref()
                    .map(local_class)
                    .unwrap_or_default();
                classes.push(format!("quote p-{perspective}"));
            }
            if mention.is_some() {
                classes.push("mention".to_owned());
            }
            let title: Vec<String> = covering
                .iter()
                .map(|q| site.label(&q.iri))
                .chain(mention.map(|m| site.label(&m.iri)))
                .collect();
            // A mention links to its entity, else a quote to its claim.
            let target = mention.map(|m| &m.iri).or(covering.first().map(|q| &q.iri));
            let id = mention
                // A mention that is the whole sentence shares the sentence's id.
                .filter(|m| anchors && m.start == a && (m.start, m.end) != (start, end))
                .map(|m| format!("char={},{}", m.start, m.end));
            let marks: Vec<&str> = others
                .iter()
                .filter(|o| o.start == a)
                .filter_map(|o| o.iri.split_once('#').map(|(_, f)| f))
                .collect();
            pieces.push((
                a,
                self.slice(a, b),
                target.map(|t| site.href(t)),
                classes.join(" "),
                title.join(" · "),
                id,
                marks,
            ));
        }
        html! {
            @for (start, piece, href, class, title, id, marks) in &pieces {
                @for mark in marks { span.anchor id=(mark) {} }
                @if let Some(href) = href {
                    a class=(class) id=[id] href=(href) title=(title) data-char=(start) { (piece) }
                } @else {
                    span data-char=(start) { (piece) }
                }
            }
        }
    }

    /// A paragraph with its sentences as elements (`id="char=B,E"`), the ones without a claim
    /// marked, and `quotes` highlighted.
    pub fn paragraph(
        &self,
        site: &Site,
        paragraph: &Span,
        quotes: &[Span],
        anchors: bool,
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
        let own_id = anchors
            && !fragment.is_empty()
            && !sentences
                .iter()
                .any(|s| (s.start, s.end) == (paragraph.start, paragraph.end));
        html! {
            p.paragraph id=[own_id.then_some(fragment)] {
                @for (i, s) in sentences.iter().enumerate() {
                    (self.run(gaps[i].0, gaps[i].1))
                    @let class = if self.has_claim(s) { "sentence" } else { "sentence no-claim" };
                    @let fragment = s.iri.split_once('#').map(|(_, f)| f).unwrap_or("");
                    @if anchors {
                        span class=(class) id=(fragment) { (self.marked(site, (s.start, s.end), quotes, true)) }
                    } @else {
                        span class=(class) { (self.marked(site, (s.start, s.end), quotes, false)) }
                    }
                }
                (self.run(at, paragraph.end.max(at)))
            }
        }
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

/// The perspectives of the claims, with their labels, for a legend.
pub(crate) fn legend(site: &Site, quotes: &[Span]) -> Markup {
    let perspectives: BTreeSet<&str> = quotes
        .iter()
        .filter_map(|q| q.perspective.as_deref())
        .collect();
    html! {
        ul.legend {
            @for p in perspectives {
                li { span class=(format!("swatch p-{}", local_class(p))) {} (link(site, p)) }
            }
            li { span.swatch.no-claim-swatch {} "sentence without a claim" }
        }
    }
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

fn reading_view(
    site: &Site,
    path: &str,
    iri: &str,
    view: &TextView,
    panel: Option<Markup>,
) -> String {
    let title = site.label(iri);
    let body = html! {
        h1 { (title) }
        p.meta { "Reading view of " (link(site, iri)) ": " (view.quotes.len()) " quotes of claims highlighted, "
            (view.mentions.len()) " mentions linked. Click a highlight to open its claim." }
        (legend(site, &view.quotes))
        article.reading #text {
            @for paragraph in &view.paragraphs {
                (view.paragraph(site, paragraph, &view.quotes, true))
            }
        }
        @if let Some(panel) = panel { (panel) }
    };
    Page {
        title: &title,
        thing: Some(path),
        body,
    }
    .render(site)
}
