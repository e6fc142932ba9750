//! What a page says about a resource, each fact once: its names (Chinese, pinyin, translations,
//! other names, Wikidata), its statements (a fact stated under several vocabularies —
//! `wl:author`, `dcterms:creator`, `schema:author` — is one row), a document's citation, and the
//! resources that link to it, grouped by property.

use super::{link, term};
use crate::vocab::ns;
use crate::web::site::Site;
use maud::{html, Markup};
use oxigraph::model::{NamedOrBlankNode, Term};

/// The literals of `iri predicate ?o` whose language is `lang` (any, when `None`).
fn literals(site: &Site, iri: &str, predicate: &str, lang: Option<&str>) -> Vec<String> {
    let mut found: Vec<String> = site
        .objects(iri, predicate)
        .into_iter()
        .filter_map(|o| match o {
            // Language tags compare without case (Oxigraph writes them in lower case).
            Term::Literal(l)
                if lang.is_none_or(|want| {
                    l.language()
                        .is_some_and(|have| have.eq_ignore_ascii_case(want))
                }) =>
            {
                Some(l.value().to_owned())
            }
            _ => None,
        })
        .collect();
    found.dedup();
    found
}

/// The Wikidata page of a `wd:Q…` IRI.
fn wikidata_page(iri: &str) -> Option<String> {
    let id = iri
        .strip_prefix("http://www.wikidata.org/entity/")
        .or_else(|| iri.strip_prefix("https://www.wikidata.org/entity/"))?;
    Some(format!("https://www.wikidata.org/wiki/{id}"))
}

/// A resource's names: Chinese (`lang="zh"`), pinyin (`lang="zh-Latn-pinyin"`), the translations
/// the text gives (`wl:translation`), other names (`skos:altLabel`), and Wikidata as a link.
pub(crate) fn names(site: &Site, iri: &str) -> Markup {
    let label = format!("{}label", ns::RDFS);
    let pref = format!("{}prefLabel", ns::SKOS);
    let in_lang = |lang: &str| {
        let mut found = literals(site, iri, &label, Some(lang));
        found.extend(literals(site, iri, &pref, Some(lang)));
        found.dedup();
        found
    };
    let chinese = in_lang("zh");
    let pinyin = in_lang("zh-Latn-pinyin");
    let translations = literals(site, iri, site.base.term("translation").as_str(), None);
    let mut other = literals(site, iri, &format!("{}altLabel", ns::SKOS), None);
    other.retain(|o| !translations.contains(o) && *o != site.label(iri));
    let wikidata: Vec<(String, String)> = site
        .linked(iri, &format!("{}sameAs", ns::OWL))
        .into_iter()
        .chain(site.linked(iri, "https://schema.org/sameAs"))
        .filter_map(|w| Some((wikidata_page(&w)?, site.base.compact(&w))))
        .collect();
    let any = !(chinese.is_empty()
        && pinyin.is_empty()
        && translations.is_empty()
        && other.is_empty()
        && wikidata.is_empty());
    html! {
        @if any {
            dl.names {
                @if !chinese.is_empty() {
                    dt { "Chinese" }
                    dd { @for (i, zh) in chinese.iter().enumerate() { @if i > 0 { ", " } span.zh lang="zh" { (zh) } } }
                }
                @if !pinyin.is_empty() {
                    dt { "Pinyin" }
                    dd { @for (i, p) in pinyin.iter().enumerate() { @if i > 0 { ", " } span lang="zh-Latn-pinyin" { (p) } } }
                }
                @if !translations.is_empty() {
                    dt { "Translated as" }
                    dd { @for (i, t) in translations.iter().enumerate() { @if i > 0 { "; " } "“" (t) "”" } }
                }
                @if !other.is_empty() {
                    dt { "Also called" }
                    dd { @for (i, o) in other.iter().enumerate() { @if i > 0 { "; " } (o) } }
                }
                @if !wikidata.is_empty() {
                    dt { "Wikidata" }
                    dd { @for (page, name) in &wikidata { a.wikidata href=(page) { (name) } " " } }
                }
            }
        }
    }
}

/// The vocabularies a predicate's row is named by first: the project's own, then RDFS and SKOS.
fn rank(site: &Site, predicate: &str) -> usize {
    let own = site.base.ontology_namespace();
    [own.as_str(), ns::RDFS, ns::SKOS, ns::DCTERMS]
        .iter()
        .position(|n| predicate.starts_with(n))
        .unwrap_or(9)
}

/// Every outgoing statement as a table of predicate and values, a fact stated under several
/// predicates (the same values) once, named by the project's predicate with the others beside
/// it; a document's text (`nif:isString`) is left out (the reading view shows it).
pub(crate) fn statements_table(site: &Site, iri: &str) -> Markup {
    let text = format!("{}isString", ns::NIF);
    let mut rows: Vec<(String, Vec<&Term>)> = Vec::new();
    for t in site.about(iri).filter(|t| t.predicate.as_str() != text) {
        let p = t.predicate.as_str().to_owned();
        match rows.iter_mut().find(|(q, _)| *q == p) {
            Some((_, values)) => values.push(&t.object),
            None => rows.push((p, vec![&t.object])),
        }
    }
    for (_, values) in &mut rows {
        values.sort_by_key(|v| v.to_string());
    }
    rows.sort_by(|a, b| (rank(site, &a.0), &a.0).cmp(&(rank(site, &b.0), &b.0)));
    // Rows with the same values merge into the first (the best-ranked predicate).
    let mut merged: Vec<(Vec<String>, Vec<&Term>)> = Vec::new();
    for (p, values) in rows {
        match merged.iter_mut().find(|(_, v)| *v == values) {
            Some((names, _)) => names.push(p),
            None => merged.push((vec![p], values)),
        }
    }
    merged.sort_by(|a, b| a.0[0].cmp(&b.0[0]));
    html! {
        table.statements {
            @for (predicates, values) in &merged {
                tr {
                    th {
                        a href=(site.href(&predicates[0])) { (site.base.compact(&predicates[0])) }
                        @if predicates.len() > 1 {
                            span.also { " (also "
                                @for (i, p) in predicates[1..].iter().enumerate() {
                                    @if i > 0 { ", " }
                                    a href=(site.href(p)) { (site.base.compact(p)) }
                                }
                            ")" }
                        }
                    }
                    td { @for v in values { div { (term(site, v)) } } }
                }
            }
        }
    }
}

/// A document's citation: its authors, date, title and publisher, when it has any of them.
pub(crate) fn citation(site: &Site, iri: &str) -> Markup {
    let one_of = |locals: &[String]| {
        locals
            .iter()
            .map(|p| site.linked(iri, p))
            .find(|found| !found.is_empty())
            .unwrap_or_default()
    };
    let authors = one_of(&[
        site.base.term("author").as_str().to_owned(),
        format!("{}creator", ns::DCTERMS),
    ]);
    let publishers = one_of(&[
        site.base.term("publisher").as_str().to_owned(),
        format!("{}publisher", ns::DCTERMS),
    ]);
    let date = site
        .literal(iri, site.base.term("date").as_str())
        .or_else(|| site.literal(iri, &format!("{}date", ns::DCTERMS)));
    if authors.is_empty() && publishers.is_empty() && date.is_none() {
        return html! {};
    }
    let title = site
        .literal(iri, &format!("{}title", ns::DCTERMS))
        .unwrap_or_else(|| site.label(iri));
    html! {
        section.citation aria-labelledby="cite-title" {
            h2 #cite-title { "Cite" }
            p.citation {
                @for (i, a) in authors.iter().enumerate() { @if i > 0 { ", " } span.author { (link(site, a)) } }
                @if !authors.is_empty() { ". " }
                @if let Some(date) = &date { "(" span.date { (date) } "). " }
                cite { (title) } ". "
                @for (i, p) in publishers.iter().enumerate() { @if i > 0 { ", " } span.publisher { (link(site, p)) } }
                @if !publishers.is_empty() { ". " }
                code { (iri) }
            }
        }
    }
}

/// Other resources that point at this one, grouped by the property that links them (claims
/// through `wl:claimant`, `wl:subject`, `wl:reportedIn`, `wl:sourceDocument` are listed above).
pub(crate) fn incoming(site: &Site, iri: &str) -> Markup {
    let shown = [
        site.base.term("claimant"),
        site.base.term("subject"),
        site.base.term("reportedIn"),
        site.base.term("sourceDocument"),
    ];
    let mut rows: Vec<(String, String)> = site
        .incoming(iri)
        .iter()
        .filter(|t| !shown.contains(&t.predicate))
        .filter_map(|t| match &t.subject {
            NamedOrBlankNode::NamedNode(n) => {
                Some((t.predicate.as_str().to_owned(), n.as_str().to_owned()))
            }
            _ => None,
        })
        .filter(|(_, s)| {
            !s.contains("/quote/") && !s.contains("/annotation/") && !s.contains("/phrase#")
        })
        .collect();
    rows.sort();
    rows.dedup();
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for (p, s) in rows {
        match groups.last_mut() {
            Some((q, subjects)) if *q == p => subjects.push(s),
            _ => groups.push((p, vec![s])),
        }
    }
    html! {
        @if !groups.is_empty() {
            section.linked-from aria-labelledby="linked-from" {
                h2 #linked-from { "Linked from" }
                @for (p, subjects) in &groups {
                    h3 { (site.label(p)) " " small { "(" (site.base.compact(p)) ", " (subjects.len()) ")" } }
                    ul.linked {
                        @for s in subjects.iter().take(200) { li { (link(site, s)) } }
                    }
                }
            }
        }
    }
}
