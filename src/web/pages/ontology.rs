//! The ontology's documentation page (`/page/ontology`): its classes and properties with their
//! labels in English and Chinese, comments, domains, ranges and parents, and its concept
//! schemes. Each term has the anchor of its local name, so `B ontology#Claim` opens at it.

use super::{link, Page};
use crate::vocab::ns;
use crate::web::site::Site;
use maud::{html, Markup};

const SECTIONS: [(&str, &str, &str); 4] = [
    (ns::OWL, "Class", "Classes"),
    (ns::OWL, "ObjectProperty", "Object properties"),
    (ns::OWL, "DatatypeProperty", "Datatype properties"),
    (ns::OWL, "AnnotationProperty", "Annotation properties"),
];

pub(crate) fn page(site: &Site) -> String {
    let ontology = site.base.ontology();
    let namespace = site.base.ontology_namespace();
    let title = site.label(ontology.as_str());
    let description = site.literal(ontology.as_str(), &format!("{}description", ns::DCTERMS));
    let body = html! {
        p.kind { "Ontology" }
        h1 { (title) }
        p { "Namespace " code { (namespace) } " · prefix " code { "wl:" } }
        @if let Some(d) = description { p.comment { (d) } }
        nav.toc {
            @for (_, _, heading) in SECTIONS { a href=(format!("#{}", anchor(heading))) { (heading) } " " }
            a href="#schemes" { "Concept schemes" }
        }
        @for (namespace_of_class, class, heading) in SECTIONS {
            @let terms = terms_of(site, &format!("{namespace_of_class}{class}"), &namespace);
            h2 id=(anchor(heading)) { (heading) " (" (terms.len()) ")" }
            @for t in &terms { (term_entry(site, t, &namespace)) }
        }
        h2 id="schemes" { "Concept schemes" }
        (schemes(site))
    };
    Page {
        title: &title,
        thing: Some("ontology"),
        body,
    }
    .render(site)
}

fn anchor(heading: &str) -> String {
    heading.to_lowercase().replace(' ', "-")
}

/// The terms of the ontology's namespace that are instances of `class`, by local name.
fn terms_of(site: &Site, class: &str, namespace: &str) -> Vec<String> {
    let mut terms: Vec<String> = site
        .subjects_linking(class, &format!("{}type", ns::RDF))
        .into_iter()
        .filter(|t| t.starts_with(namespace))
        .collect();
    terms.sort();
    terms
}

fn term_entry(site: &Site, iri: &str, namespace: &str) -> Markup {
    let local = iri.strip_prefix(namespace).unwrap_or(iri);
    let label = |lang: &str| site.literal_in(iri, &format!("{}label", ns::RDFS), &[lang]);
    let relations = [
        ("subClassOf", ns::RDFS, "Subclass of"),
        ("subPropertyOf", ns::RDFS, "Subproperty of"),
        ("domain", ns::RDFS, "Domain"),
        ("range", ns::RDFS, "Range"),
        ("equivalentClass", ns::OWL, "Equivalent to"),
        ("inverseOf", ns::OWL, "Inverse of"),
    ];
    html! {
        section.term id=(local) {
            h3 { code { "wl:" (local) } " " @if let Some(en) = label("en") { (en) } " "
                @if let Some(zh) = label("zh") { span.zh lang="zh" { (zh) } } }
            @if let Some(comment) = site.literal(iri, &format!("{}comment", ns::RDFS)) { p.comment { (comment) } }
            dl {
                @for (local, namespace, heading) in relations {
                    @let values = site.linked(iri, &format!("{namespace}{local}"));
                    @if !values.is_empty() {
                        dt { (heading) }
                        dd { @for v in &values { (link(site, v)) " " } }
                    }
                }
            }
        }
    }
}

/// Every SKOS concept scheme, with its concepts and their labels.
fn schemes(site: &Site) -> Markup {
    let schemes = site.subjects_linking(
        &format!("{}ConceptScheme", ns::SKOS),
        &format!("{}type", ns::RDF),
    );
    let in_scheme = format!("{}inScheme", ns::SKOS);
    let pref = format!("{}prefLabel", ns::SKOS);
    html! {
        @for scheme in &schemes {
            section.scheme {
                h3 { (link(site, scheme)) }
                ul {
                    @for concept in site.subjects_linking(scheme, &in_scheme) {
                        li { (link(site, &concept))
                            @if let Some(zh) = site.literal_in(&concept, &pref, &["zh"]) { " " span.zh lang="zh" { (zh) } }
                            @if let Some(d) = site.literal(&concept, &format!("{}definition", ns::SKOS)) { " — " span.comment { (d) } }
                        }
                    }
                }
            }
        }
    }
}
