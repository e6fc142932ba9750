//! The one renderer of the ontology's page (maud, which escapes every value it inserts: a
//! comment saying `>= 0` is shown as text). [`body`] is the page's content, the same for the
//! server and the bundle; only where a link to something the page does not document goes
//! differs, and the caller says it. [`standalone`] wraps it as a whole page that works offline
//! (its own small stylesheet, no script).
//!
//! Every term, scheme and concept has an anchor: a term of the ontology's namespace its local
//! name, so `B ontology#Claim` opens at it; anything else its prefixed name (`wlp-western`).

use super::{ClassExpression, OntologyDoc, TermDoc, TermKind, KINDS, RELATIONS};
use maud::{html, Markup, DOCTYPE};
use std::collections::BTreeSet;

const STYLE: &str = "body{font-family:sans-serif;max-width:60em;margin:auto;padding:1em;\
line-height:1.4}section{border-top:1px solid #ccc;padding:.5em 0}code{background:#f4f4f4}\
.zh{color:#555}.kind{text-transform:uppercase;color:#667;margin:0}dt{font-weight:bold}";

/// Links from the page: to an anchor of the page for what it documents, else where
/// `outside` says.
struct Links<'a> {
    doc: &'a OntologyDoc,
    on_page: BTreeSet<&'a str>,
    outside: &'a dyn Fn(&str) -> String,
}

impl Links<'_> {
    fn anchor(&self, iri: &str) -> String {
        anchor(self.doc, iri)
    }

    fn href(&self, iri: &str) -> String {
        if self.on_page.contains(iri) {
            format!("#{}", self.anchor(iri))
        } else {
            (self.outside)(iri)
        }
    }

    /// A link labelled with the IRI's prefixed name.
    fn link(&self, iri: &str) -> Markup {
        html! { a href=(self.href(iri)) title=(iri) { code { (self.doc.base.compact(iri)) } } }
    }

    /// A class expression: a link, or its members joined by "or" (union) / "and" (intersection).
    fn expression(&self, expression: &ClassExpression) -> Markup {
        let (class, word, members) = match expression {
            ClassExpression::Named(iri) => return self.link(iri),
            ClassExpression::Union(members) => ("union", " or ", members),
            ClassExpression::Intersection(members) => ("intersection", " and ", members),
        };
        html! {
            span class=(class) {
                "("
                @for (i, member) in members.iter().enumerate() {
                    @if i > 0 { (word) }
                    (self.expression(member))
                }
                ")"
            }
        }
    }
}

/// The anchor of an IRI on the page (see the module documentation).
pub fn anchor(doc: &OntologyDoc, iri: &str) -> String {
    match iri.strip_prefix(&doc.base.ontology_namespace()) {
        Some(local) if !local.is_empty() => local.to_owned(),
        _ => doc
            .base
            .compact(iri)
            .trim_matches(['<', '>'])
            .replace(':', "-"),
    }
}

fn section_anchor(kind: TermKind) -> String {
    kind.heading().to_lowercase().replace(' ', "-")
}

/// The page's content. `outside` gives the link of an IRI the page does not document: the IRI
/// itself in the bundle, the site's page for it on the server.
pub fn body(doc: &OntologyDoc, outside: &dyn Fn(&str) -> String) -> Markup {
    let mut on_page: BTreeSet<&str> = doc.terms.keys().map(String::as_str).collect();
    for scheme in &doc.schemes {
        on_page.insert(&scheme.iri);
        on_page.extend(scheme.concepts.iter().map(|c| c.iri.as_str()));
    }
    let links = Links {
        doc,
        on_page,
        outside,
    };
    html! {
        p.kind { "Ontology" }
        h1 { (doc.title) }
        p { "IRI " code { (doc.iri) } " · namespace " code { (doc.base.ontology_namespace()) }
            " · prefix " code { "wl:" } }
        @if let Some(version) = &doc.version { p { "Version: " (version) } }
        @if let Some(modified) = &doc.modified { p { "Modified: " (modified) } }
        @if let Some(description) = &doc.description { p.comment { (description) } }
        @if let Some(comment) = &doc.comment {
            @for paragraph in comment.split("\n\n") { p.comment { (paragraph) } }
        }
        nav.toc aria-label="Contents" {
            @for kind in KINDS { a href=(format!("#{}", section_anchor(kind))) { (kind.heading()) } " " }
            a href="#schemes" { "Concept schemes" }
        }
        @for kind in KINDS {
            @let terms: Vec<_> = doc.terms_of(kind).collect();
            h2 id=(section_anchor(kind)) { (kind.heading()) " (" (terms.len()) ")" }
            @for (iri, term) in terms { (term_entry(&links, iri, term)) }
        }
        h2 id="schemes" { "Concept schemes (" (doc.schemes.len()) ")" }
        @for scheme in &doc.schemes {
            section.scheme id=(links.anchor(&scheme.iri)) {
                h3 { (scheme.english.as_deref().unwrap_or_default()) " "
                    @if let Some(zh) = &scheme.chinese { span.zh lang="zh" { (zh) } } }
                p { code { (doc.base.compact(&scheme.iri)) } }
                ul {
                    @for concept in &scheme.concepts {
                        li id=(links.anchor(&concept.iri)) {
                            a href=((links.outside)(&concept.iri)) title=(concept.iri) {
                                code { (doc.base.compact(&concept.iri)) } }
                            @if let Some(en) = &concept.english { " " (en) }
                            @if let Some(zh) = &concept.chinese { " " span.zh lang="zh" { (zh) } }
                            @if let Some(d) = &concept.definition { " — " span.comment { (d) } }
                        }
                    }
                }
            }
        }
    }
}

fn term_entry(links: &Links, iri: &str, term: &TermDoc) -> Markup {
    html! {
        section.term id=(links.anchor(iri)) {
            h3 { code { (links.doc.base.compact(iri)) } " "
                @if let Some(en) = &term.english { (en) } " "
                @if let Some(zh) = &term.chinese { span.zh lang="zh" { (zh) } } }
            @if let Some(comment) = &term.comment { p.comment { (comment) } }
            @if !term.relations.is_empty() {
                dl {
                    @for (i, values) in &term.relations {
                        dt { (RELATIONS[*i].2) }
                        dd { @for value in values { (links.expression(value)) " " } }
                    }
                }
            }
        }
    }
}

/// The page as a whole HTML document that works offline: links to what it documents are
/// anchors, to anything else the IRI itself.
pub fn standalone(doc: &OntologyDoc) -> String {
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (doc.title) }
                style { (STYLE) }
            }
            body { main { (body(doc, &|iri: &str| iri.to_owned())) } }
        }
    };
    markup.into_string()
}
