//! The page of a quote (`DOC/quote/ITEM/N`, a Web Annotation `oa:SpecificResource`): titled by
//! its words, what quotes it (the claim or entity), the quote in its paragraph, and its
//! selectors under their fragments (`#position`, `#quote`), which other pages link to.

use super::text::{position, Marking, Span, TextView};
use super::{link, statements_table, Page};
use crate::vocab::ns;
use crate::web::site::Site;
use maud::html;

/// The quote's page, or `None` when `iri` is not a quote of a text.
pub(crate) fn page(site: &Site, path: &str, iri: &str) -> Option<String> {
    let document = site
        .linked(iri, &format!("{}hasSource", ns::OA))
        .into_iter()
        .next()?;
    let (start, end) = position(site, iri)?;
    let view = TextView::new(site, &document)?;
    let title = site.label(iri);
    let quoting = site.subjects_linking(iri, site.base.term("hasQuote").as_str());
    let perspective = quoting.iter().find_map(|q| {
        site.linked(q, site.base.term("perspective").as_str())
            .into_iter()
            .next()
    });
    let mine = [Span {
        start,
        end,
        iri: iri.to_owned(),
        perspective,
    }];
    let paragraph = view
        .paragraphs
        .iter()
        .find(|p| p.start <= start && start < p.end);
    let sentence = view
        .sentences
        .iter()
        .find(|s| s.start <= start && start < s.end);
    let body = html! {
        p.kind { "Quote" }
        h1 { (title) }
        figure.quote-in-text {
            blockquote { "“" mark.quote { (view.plain(start, end)) } "”" }
            @if let Some(paragraph) = paragraph {
                (view.paragraph(site, paragraph, &mine, &Marking::EXCERPT))
            }
            figcaption {
                (link(site, &document)) ", characters " (start) "–" (end)
                @if let Some(s) = sentence { " · " a href=(site.href(&s.iri)) { "open in the reading view" } }
            }
        }
        @if !quoting.is_empty() {
            h2 { "Quoted for" }
            ul { @for q in &quoting { li { (link(site, q)) } } }
        }
        h2 { "Statements" }
        (statements_table(site, iri))
        @for selector in site.linked(iri, &format!("{}hasSelector", ns::OA)) {
            @if let Some((_, fragment)) = selector.split_once('#') {
                section.fragment id=(fragment) {
                    h3 { (site.types(&selector).first().map(|t| site.base.compact(t)).unwrap_or_default()) " " code { "#" (fragment) } }
                    (statements_table(site, &selector))
                }
            }
        }
    };
    Some(
        Page {
            title: &title,
            thing: Some(path),
            body,
        }
        .render(site),
    )
}
