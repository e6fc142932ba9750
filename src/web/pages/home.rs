//! The home page: the texts (with their reading views), the claims by perspective, the actors
//! and concepts, and where to go next.

use super::{link, local_class, Page};
use crate::vocab::ns;
use crate::web::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::html;

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
        h1 { "wangluo: a knowledge graph of an op-ed on “Wangluo Qiangguo” (网络强国)" }
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
        h2 { "Actors" }
        p.cloud { @for a in instances("Actor").iter().chain(instances("Person").iter()).chain(instances("Organization").iter()).chain(instances("GovernmentBody").iter()).chain(instances("IntelligenceAgency").iter()) { (link(site, a)) " · " } }
        h2 { "Concepts and principles" }
        p.cloud { @for c in instances("Concept").iter().chain(instances("PrincipleSet").iter()).chain(instances("OrderedSet").iter()) { (link(site, c)) " · " } }
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
