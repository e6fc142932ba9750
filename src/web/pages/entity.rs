//! The page of an actor, document, concept, principle set or any other resource: what it
//! claims, what is claimed about it, where the text mentions it, its members in order, and every
//! statement about it.

use super::facts::{citation, incoming};
use super::text::{Marking, Span, TextView};
use super::{labels, link, local_class, statements_table, term, Page};
use crate::vocab::ns;
use crate::web::site::Site;
use maud::{html, Markup};
use oxigraph::model::Term;

pub(crate) fn page(site: &Site, path: &str, iri: &str) -> String {
    let title = site.label(iri);
    let types = site.types(iri);
    let is_text = site.literal(iri, &format!("{}isString", ns::NIF)).is_some();
    let claimant = site.base.term("claimant");
    let subject = site.base.term("subject");
    let reported = site.base.term("reportedIn");
    let body = html! {
        p.kind { @for t in &types { (link(site, t)) " " } }
        h1 { (title) }
        (labels(site, iri))
        @if let Some(comment) = site.literal(iri, &format!("{}comment", ns::RDFS)) { p.comment { (comment) } }
        @if let Some(definition) = site.literal(iri, &format!("{}definition", ns::SKOS)) { p.comment { (definition) } }
        (citation(site, iri))
        @if is_text {
            p.read { a.button href=(site.url(&format!("read/{path}"))) { "Read the text with its claims highlighted" } }
        }
        (members(site, iri))
        (claim_list(site, "Claims it reports", &site.subjects_linking(iri, reported.as_str())))
        (claim_list(site, "What it claims", &site.subjects_linking(iri, claimant.as_str())))
        (claim_list(site, "What is claimed about it", &site.subjects_linking(iri, subject.as_str())))
        (claim_list(site, "Claims from this document", &site.subjects_linking(iri, site.base.term("sourceDocument").as_str())))
        (mentions(site, iri))
        h2 { "Statements" }
        (statements_table(site, iri))
        (fragments(site, iri))
        (incoming(site, iri))
    };
    Page {
        title: &title,
        thing: Some(path),
        body,
    }
    .render(site)
}

fn claim_list(site: &Site, heading: &str, claims: &[String]) -> Markup {
    let perspective = site.base.term("perspective");
    let mut claims = claims.to_vec();
    claims.sort_by_cached_key(|c| site.label(c));
    html! {
        @if !claims.is_empty() {
            h2 { (heading) " (" (claims.len()) ")" }
            ul.claims {
                @for c in &claims {
                    @let p = site.linked(c, perspective.as_str()).first().map(|p| local_class(p)).unwrap_or_default();
                    li class=(format!("p-{p}")) { (link(site, c))
                        @if let Some(pv) = site.linked(c, perspective.as_str()).first() {
                            " " small.perspective { "(" (site.label(pv)) ")" }
                        }
                    }
                }
            }
        }
    }
}

/// The members of a set: `skos:memberList` in order, else `skos:member`; and the concepts of a
/// scheme (`skos:inScheme`).
fn members(site: &Site, iri: &str) -> Markup {
    let ordered: Vec<Term> = site
        .objects(iri, &format!("{}memberList", ns::SKOS))
        .first()
        .map(|head| site.list_members(head))
        .unwrap_or_default();
    let mut unordered = site.linked(iri, &format!("{}member", ns::SKOS));
    unordered.extend(site.subjects_linking(iri, &format!("{}inScheme", ns::SKOS)));
    unordered.sort_by_cached_key(|m| site.label(m));
    unordered.dedup();
    let zh = |m: &str| {
        site.literal_in(m, &format!("{}label", ns::RDFS), &["zh"])
            .or_else(|| site.literal_in(m, &format!("{}prefLabel", ns::SKOS), &["zh"]))
    };
    html! {
        @if !ordered.is_empty() {
            h2 { "Members, in order" }
            ol.members {
                @for m in &ordered {
                    li {
                        (term(site, m))
                        @if let Term::NamedNode(n) = m {
                            @if let Some(zh) = zh(n.as_str()) { " " span.zh lang="zh" { (zh) } }
                            @if let Some(content) = site.literal(n.as_str(), site.base.term("content").as_str()) {
                                p.content { (content) }
                            }
                        }
                    }
                }
            }
        } @else if !unordered.is_empty() {
            h2 { "Members" }
            ul.members {
                @for m in &unordered {
                    li { (link(site, m)) @if let Some(zh) = zh(m) { " " span.zh lang="zh" { (zh) } } }
                }
            }
        }
    }
}

/// Where the texts mention the resource: each sentence, this mention highlighted.
fn mentions(site: &Site, iri: &str) -> Markup {
    let phrases = site.subjects_linking(iri, &format!("{}taIdentRef", ns::ITSRDF));
    let context = format!("{}referenceContext", ns::NIF);
    let mut places: Vec<(String, usize, usize)> = phrases
        .iter()
        .filter_map(|p| {
            Some((
                site.linked(p, &context).into_iter().next()?,
                site.integer(p, &format!("{}beginIndex", ns::NIF))?,
                site.integer(p, &format!("{}endIndex", ns::NIF))?,
            ))
        })
        .collect();
    places.sort();
    let mut views: Vec<TextView> = Vec::new();
    for (document, _, _) in &places {
        if !views.iter().any(|v| v.document == *document) {
            views.extend(TextView::new(site, document));
        }
    }
    // One item per sentence, every mention in it highlighted: a sentence that names the resource
    // twice ("Four Principles (sìxiàng yuánzé)") is listed once.
    let mut sentences: Vec<(&TextView, usize, Vec<Span>)> = Vec::new();
    for (document, start, end) in &places {
        let Some(view) = views.iter().find(|v| v.document == *document) else {
            continue;
        };
        let Some(n) = view
            .sentences
            .iter()
            .position(|s| s.start <= *start && *start < s.end)
        else {
            continue;
        };
        let span = Span {
            start: *start,
            end: *end,
            iri: iri.to_owned(),
            perspective: None,
        };
        match sentences
            .iter_mut()
            .find(|(v, m, _)| v.document == view.document && *m == n)
        {
            Some((_, _, spans)) => spans.push(span),
            None => sentences.push((view, n, vec![span])),
        }
    }
    html! {
        @if !sentences.is_empty() {
            h2 { "Where the text mentions it (" (sentences.len()) (if sentences.len() == 1 { " sentence)" } else { " sentences)" }) }
            ul.mentions {
                @for (view, n, spans) in &sentences {
                    @let s = &view.sentences[*n];
                    li { (view.marked(site, (s.start, s.end), spans, &Marking::EXCERPT)) " "
                        a.place href=(site.href(&s.iri)) { "→ in the text" } }
                }
            }
        }
    }
}

/// The resources `IRI#…` whose links lead to this page (a quote's selectors, `#position` and
/// `#quote`), each with its statements under its fragment as id. The ones shown elsewhere (the
/// sentences of a text, in its reading view) are left out.
fn fragments(site: &Site, iri: &str) -> Markup {
    let page = site.href(iri);
    let here: Vec<(&str, &str)> = site
        .fragments(iri)
        .into_iter()
        .filter_map(|f| Some((f, f.split_once('#')?.1)))
        .filter(|(f, fragment)| site.href(f) == format!("{page}#{fragment}"))
        .collect();
    html! {
        @for (f, fragment) in &here {
            section.fragment id=(fragment) {
                @let kind = site.types(f).first().map(|t| site.base.compact(t));
                h3 { (kind.unwrap_or_else(|| site.label(f))) " " code { "#" (fragment) } }
                (statements_table(site, f))
            }
        }
    }
}
