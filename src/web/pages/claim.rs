//! The page of a claim: its paraphrase, who holds it and where it comes from, its perspective and
//! characterizations, related claims, and each quote highlighted in its paragraph of the text.

use super::text::{position, Marking, Span, TextView};
use super::{labels, link, local_class, statements_table, Page};
use crate::web::site::Site;
use maud::{html, Markup};

/// The claim's properties shown first, with their headings.
const FACETS: [(&str, &str); 8] = [
    ("claimant", "Claimant"),
    ("alternativeClaimant", "Or perhaps"),
    ("sourceDocument", "Source document"),
    ("reportedIn", "Reported in"),
    ("perspective", "Perspective"),
    ("characterizedAs", "Characterized as"),
    ("subject", "About"),
    ("contrastsWith", "Contrasts with"),
];

pub(crate) fn page(site: &Site, path: &str, iri: &str) -> String {
    let title = site.label(iri);
    let perspective = site
        .linked(iri, site.base.term("perspective").as_str())
        .into_iter()
        .next();
    let class = format!(
        "claim p-{}",
        perspective.as_deref().map(local_class).unwrap_or_default()
    );
    let note = site.literal(iri, site.base.term("attributionNote").as_str());
    let body = html! {
        article class=(class) {
            p.kind { "Claim" }
            h1 { (title) }
            (labels(site, iri))
            dl.facets {
                @for (local, heading) in FACETS {
                    @let values = site.linked(iri, site.base.term(local).as_str());
                    @if !values.is_empty() {
                        dt { (heading) }
                        dd { @for v in &values { span.value { (link(site, v)) } " " } }
                    }
                }
                @if let Some(note) = &note { dt { "Attribution" } dd { (note) } }
            }
            h2 { "In the text" }
            (quotes(site, iri))
            (related(site, iri))
            details {
                summary { "Every statement" }
                (statements_table(site, iri))
            }
        }
    };
    Page {
        title: &title,
        thing: Some(path),
        body,
    }
    .render(site)
}

/// Each quote of the claim in its paragraph, the quote highlighted and its sentence marked.
fn quotes(site: &Site, claim: &str) -> Markup {
    let source = format!("{}hasSource", crate::vocab::ns::OA);
    let mut shown = Vec::new();
    for quote in site.linked(claim, site.base.term("hasQuote").as_str()) {
        let (Some((start, end)), Some(document)) = (
            position(site, &quote),
            site.linked(&quote, &source).into_iter().next(),
        ) else {
            continue;
        };
        shown.push((document, start, end));
    }
    shown.sort();
    html! {
        @for (document, start, end) in &shown {
            @if let Some(view) = TextView::new(site, document) {
                @let mine = [Span { start: *start, end: *end, iri: claim.to_owned(),
                    perspective: site.linked(claim, site.base.term("perspective").as_str()).into_iter().next() }];
                @let paragraph = view.paragraphs.iter().find(|p| p.start <= *start && *start < p.end);
                figure.quote-in-text {
                    blockquote { "“" mark.quote { (view.plain(*start, *end)) } "”" }
                    @if let Some(paragraph) = paragraph {
                        (view.paragraph(site, paragraph, &mine, &Marking::EXCERPT))
                    }
                    figcaption {
                        (link(site, document)) ", characters " (start) "–" (end) " · "
                        @if let Some(s) = view.sentences.iter().find(|s| s.start <= *start && *start < s.end) {
                            a href=(site.href(&s.iri)) { "open in the reading view" }
                        }
                    }
                }
            }
        }
    }
}

/// Claims that contrast with this one, and claims about the same subjects.
fn related(site: &Site, claim: &str) -> Markup {
    let subject = site.base.term("subject");
    let mut others: Vec<String> = Vec::new();
    for about in site.linked(claim, subject.as_str()) {
        for other in site.subjects_linking(&about, subject.as_str()) {
            if other != claim && !others.contains(&other) {
                others.push(other);
            }
        }
    }
    others.sort_by_cached_key(|c| site.label(c));
    html! {
        @if !others.is_empty() {
            h2 { "Other claims about the same subjects" }
            ul.claims {
                @for other in others.iter().take(40) {
                    li class=(format!("p-{}", site.linked(other, site.base.term("perspective").as_str()).first().map(|p| local_class(p)).unwrap_or_default())) {
                        (link(site, other))
                    }
                }
            }
        }
    }
}
