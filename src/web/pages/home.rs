//! The home page: the texts (with their reading views), a search box, the documents the claims
//! cite, every entity by type, the claims by perspective, and where to go next; and the search
//! (`/search?q=`), made by the server from the labels: no script, no other host.

use super::{link, local_class, Page};
use crate::vocab::ns;
use crate::web::site::Site;
use crate::web::State;
use axum::extract::RawQuery;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use std::collections::BTreeMap;

/// `GET /`.
pub async fn home(state: State) -> Response {
    let site = &*state.site();
    let rdf_type = format!("{}type", ns::RDF);
    let instances = |class: &str| {
        let mut items = site.subjects_linking(site.base.term(class).as_str(), &rdf_type);
        items.sort_by_cached_key(|i| site.label(i));
        items
    };
    let texts: Vec<String> = site
        .subjects_linking(&format!("{}Context", ns::NIF), &rdf_type)
        .into_iter()
        .collect();
    let claims = instances("Claim");
    let perspective = site.base.term("perspective");
    let mut perspectives: Vec<String> = claims
        .iter()
        .filter_map(|c| site.linked(c, perspective.as_str()).into_iter().next())
        .collect();
    perspectives.sort();
    perspectives.dedup();
    let body = html! {
        h1 { "wangluo: a knowledge graph of an op-ed on “Wangluo Qiangguo” (" span lang="zh" { "网络强国" } ")" }
        p { (site.kg.store().len().unwrap_or(0)) " statements · " (claims.len()) " claims · "
            (site.graphs.len()) " named graphs. Every IRI under " code { (site.base.as_str()) } " can be looked up here." }
        h2 { "Texts" }
        ul {
            @for t in &texts {
                li { (link(site, t)) " — " a href=(site.href(t).replace("/page/", "/read/")) { "reading view" } }
            }
        }
        h2 { "Claims by perspective" }
        @for p in &perspectives {
            h3 class=(format!("p-{}", local_class(p))) { (link(site, p)) }
            ul.claims {
                @for c in claims.iter().filter(|c| site.linked(c, perspective.as_str()).contains(p)) {
                    li class=(format!("p-{}", local_class(p))) { (link(site, c)) }
                }
            }
        }
        (search_form(site, ""))
        (documents(site, &texts))
        (entities_by_type(site))
        h2 { "More" }
        ul {
            li { a href=(site.url("page/ontology")) { "The ontology" } " (classes, properties, concept schemes; English and Chinese labels)" }
            li { a href=(site.url("query")) { "The bundled queries" } ", runnable and editable" }
            li { a href=(site.url("sparql")) { "SPARQL endpoint" } " (SPARQL 1.1 Protocol, read-only)" }
            li { "Downloads: "
                a href=(site.url("download/wangluo.nq.gz")) { "N-Quads (gzip)" } " · "
                a href=(site.url("download/wangluo.ttl")) { "Turtle" } " · "
                a href=(site.url("download/wangluo.jsonld")) { "JSON-LD" } " · "
                a href=(site.url(".well-known/void")) { "VoID" } }
        }
    };
    let html = Page {
        title: "Home",
        thing: None,
        body,
    }
    .render(site);
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
}

/// The entities of the corpus (`id/X`, claims aside), under each of their classes of the ontology,
/// with counts.
fn entities_by_type(site: &Site) -> Markup {
    let ontology = site.base.ontology_namespace();
    let claim = site.base.term("Claim");
    let mut by_type: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    let mut all = 0;
    for iri in entities(site) {
        let types = site.types(&iri);
        if types.iter().any(|t| *t == claim.as_str()) {
            continue;
        }
        let mut counted = false;
        for t in types.iter().filter(|t| t.starts_with(&ontology)) {
            let entry = by_type
                .entry(site.label(t))
                .or_insert_with(|| (t.clone(), Vec::new()));
            entry.1.push(iri.clone());
            counted = true;
        }
        all += usize::from(counted);
    }
    for (_, members) in by_type.values_mut() {
        members.sort_by_cached_key(|m| site.label(m));
    }
    html! {
        h2 id="entities" { "Entities by type (" (all) ")" }
        @for (label, (class, members)) in &by_type {
            h3 { a href=(site.href(class)) { (label) } " (" (members.len()) ")" }
            p.cloud { @for (i, m) in members.iter().enumerate() { @if i > 0 { " · " } (link(site, m)) } }
        }
    }
}

/// The resources `id/X` of the corpus (one path segment: not quotes, annotations or spans).
fn entities(site: &Site) -> Vec<String> {
    site.paths
        .iter()
        .filter_map(|p| p.strip_prefix("id/"))
        .filter(|rest| !rest.is_empty() && !rest.contains('/'))
        .map(|rest| format!("{}id/{rest}", site.base.as_str()))
        .collect()
}

/// The texts and every document a claim cites (`wl:sourceDocument`), with their claim counts.
fn documents(site: &Site, texts: &[String]) -> Markup {
    let source = site.base.term("sourceDocument");
    let reported = site.base.term("reportedIn");
    let mut documents: BTreeMap<String, (String, usize, usize)> = BTreeMap::new();
    for iri in entities(site).iter().chain(texts) {
        let cited = site.subjects_linking(iri, source.as_str()).len();
        let reporting = site.subjects_linking(iri, reported.as_str()).len();
        if cited + reporting > 0 || texts.contains(iri) {
            documents.insert(site.label(iri), (iri.clone(), cited, reporting));
        }
    }
    html! {
        h2 id="documents" { "Documents (" (documents.len()) ")" }
        ul.documents {
            @for (iri, cited, reporting) in documents.values() {
                li { (link(site, iri))
                    @if *reporting > 0 { " — reports " (reporting) " claims" }
                    @if *cited > 0 { " — cited by " (cited) " claims" }
                    @if texts.contains(iri) { " — " a href=(site.href(iri).replace("/page/", "/read/")) { "reading view" } }
                }
            }
        }
    }
}

/// The search box: a plain form, answered by the server.
fn search_form(site: &Site, query: &str) -> Markup {
    html! {
        form.search role="search" method="get" action=(site.url("search")) {
            label for="search-q" { "Search the graph by name: " }
            input #search-q type="search" name="q" value=(query) required;
            " " button type="submit" { "Search" }
        }
    }
}

/// `GET /search?q=…`: the entities and claims whose label (in any language) or IRI contains the
/// words, case aside; at most 200.
pub async fn search(state: State, RawQuery(raw): RawQuery) -> Response {
    let site = &*state.site();
    let query = url::form_urlencoded::parse(raw.as_deref().unwrap_or("").as_bytes())
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_default();
    let words: Vec<String> = query
        .to_lowercase()
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let label = format!("{}label", ns::RDFS);
    let mut found: Vec<(String, String)> = entities(site)
        .into_iter()
        .filter(|_| !words.is_empty())
        .filter_map(|iri| {
            let mut names: Vec<String> = site
                .about(&iri)
                .filter(|t| t.predicate.as_str() == label)
                .filter_map(|t| match &t.object {
                    oxigraph::model::Term::Literal(l) => Some(l.value().to_lowercase()),
                    _ => None,
                })
                .collect();
            names.push(iri.to_lowercase());
            let hit = words
                .iter()
                .all(|w| names.iter().any(|n| n.contains(w.as_str())));
            hit.then(|| (site.label(&iri), iri))
        })
        .collect();
    found.sort();
    found.truncate(200);
    let body = html! {
        h1 { "Search" }
        (search_form(site, &query))
        @if !words.is_empty() {
            p { (found.len()) " found for “" (query) "”" }
            ul.found {
                @for (_, iri) in &found {
                    li { (link(site, iri)) " " span.kind { @for t in site.types(iri) { (site.base.compact(&t)) " " } } }
                }
            }
        }
    };
    let title = if query.is_empty() {
        "Search".to_owned()
    } else {
        format!("Search: {query}")
    };
    let html = Page {
        title: &title,
        thing: None,
        body,
    }
    .render(site);
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
}
