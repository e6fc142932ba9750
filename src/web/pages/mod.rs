//! The HTML pages. Written with maud, which escapes every value it inserts: a label or a quote
//! holding `<script>` or `"` is shown as text. No page needs the internet (one small stylesheet,
//! served from the binary, no script from elsewhere); every page about a resource embeds its
//! description as JSON-LD and links its other formats.

mod claim;
mod entity;
mod facts;
mod home;
mod marks;
mod ontology;
mod query;
mod quote;
mod reading;
mod text;

pub use home::{home, search};
pub use query::query_page;
pub(crate) use query::query_page_for;
pub use reading::script;
pub use text::reading;
pub(crate) use text::{document_of_part, reading_page, reading_view_of_parts};

use super::negotiate::Representation;
use super::site::Site;
use super::AppState;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, PreEscaped, DOCTYPE};
use oxigraph::model::Term;

const STYLE: &str = include_str!("../style.css");

/// `GET /style.css`.
pub async fn style() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        STYLE,
    )
        .into_response()
}

/// A page of the site: the head (title, stylesheet, alternates, JSON-LD), a navigation bar, the
/// body.
pub(crate) struct Page<'a> {
    pub title: &'a str,
    /// The thing the page describes (its path after the root), for alternates and JSON-LD.
    pub thing: Option<&'a str>,
    pub body: Markup,
}

impl Page<'_> {
    pub fn render(self, site: &Site) -> String {
        let json_ld = self.thing.and_then(|path| embedded_json_ld(site, path));
        let markup = html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (self.title) " · wangluo" }
                    link rel="stylesheet" href=(site.url("style.css"));
                    @if let Some(path) = self.thing {
                        @for format in Representation::ALL.iter().filter(|r| **r != Representation::Html) {
                            link rel="alternate" type=(format.media_type())
                                href=(site.url(&format!("data/{path}.{}", format.extension())))
                                title=(format.name());
                        }
                    }
                    @if let Some(json) = &json_ld {
                        script type="application/ld+json" { (PreEscaped(json)) }
                    }
                }
                body {
                    a.skip href="#main" { "Skip to the content" }
                    nav aria-label="Site" {
                        a href=(site.url("")) { "wangluo" }
                        a href=(site.url("page/ontology")) { "Ontology" }
                        a href=(site.url("query")) { "Queries" }
                        a href=(site.url("sparql")) { "SPARQL endpoint" }
                        a href=(site.url(".well-known/void")) { "VoID" }
                    }
                    main #main { (self.body) }
                    @if let Some(path) = self.thing {
                        footer {
                            "This description as "
                            @for format in Representation::ALL.iter().filter(|r| **r != Representation::Html) {
                                a href=(site.url(&format!("data/{path}.{}", format.extension()))) { (format.name()) }
                                " "
                            }
                            "· IRI " code { (site.base.as_str()) (path) }
                        }
                    }
                }
            }
        };
        markup.into_string()
    }
}

/// The resource's description as compacted JSON-LD, made safe inside `<script>`: every `<` is
/// written `\u003c` (the same JSON value), so no `</script>` or `<!--` can end the element.
fn embedded_json_ld(site: &Site, path: &str) -> Option<String> {
    let triples = super::resource::description_triples(site, path);
    let bytes = super::resource::serialize(site, triples, Representation::JsonLd).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    Some(text.replace('<', "\\u003c"))
}

/// The HTML page of the thing at `path` (known to have a description).
pub(crate) fn resource_page(state: &AppState, path: &str) -> crate::Result<String> {
    let site = &*state.site();
    let iri = format!("{}{path}", site.base.as_str());
    if path == "ontology" {
        return ontology::page(site);
    }
    if site.is_a(&iri, &site.base.term("Claim")) {
        return Ok(claim::page(site, path, &iri));
    }
    if let Some(page) = quote::page(site, path, &iri) {
        return Ok(page);
    }
    Ok(entity::page(site, path, &iri))
}

/// `404 Not Found` as a page that says what exists, with the nearest known path.
pub(crate) fn not_found(state: &AppState, path: &str) -> Response {
    let site = &*state.site();
    let wanted = path.trim_start_matches("page/").trim_start_matches("data/");
    let nearest = crate::util::suggest::nearest(wanted, site.paths.iter().map(String::as_str));
    let body = html! {
        h1 { "Not found" }
        p { "Nothing is published at " code { "/" (path) } "." }
        @if let Some(n) = nearest {
            p.suggestion { "Did you mean " a href=(site.url(&format!("page/{n}"))) { (n) } "?" }
        }
        p { "Start from the " a href=(site.url("")) { "home page" } ", or ask the "
            a href=(site.url("query")) { "query page" } "." }
    };
    let html = Page {
        title: "Not found",
        thing: None,
        body,
    }
    .render(site);
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        html,
    )
        .into_response()
}

/// A term on a page: an IRI as a link labelled with its label, a literal as its text (with its
/// language), a blank node as the list or statements it holds.
pub(crate) fn term(site: &Site, value: &Term) -> Markup {
    match value {
        Term::NamedNode(n) => link(site, n.as_str()),
        Term::Literal(l) => html! {
            span.literal { (l.value()) }
            @if let Some(lang) = l.language() { " " small.lang { "@" (lang) } }
        },
        Term::BlankNode(b) => {
            let members = site.list_members(value);
            if members.is_empty() {
                html! { span.blank { "[" (site.about_blank(b).len()) " statements]" } }
            } else {
                html! { ol.members { @for m in &members { li { (term(site, m)) } } } }
            }
        }
        #[allow(unreachable_patterns)]
        other => html! { code { (other.to_string()) } },
    }
}

/// A link to a resource, labelled with its label.
pub(crate) fn link(site: &Site, iri: &str) -> Markup {
    html! { a href=(site.href(iri)) title=(iri) { (site.label(iri)) } }
}

pub(crate) use facts::statements_table;

/// The names of a resource (Chinese, pinyin, translations, Wikidata): see [`facts::names`].
pub(crate) fn labels(site: &Site, iri: &str) -> Markup {
    facts::names(site, iri)
}

/// The local name of an IRI (after the last `/` or `#`), made safe for a CSS class.
pub(crate) fn local_class(iri: &str) -> String {
    let local = iri.rsplit(['/', '#']).next().unwrap_or("");
    local
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}
