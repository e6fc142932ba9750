//! The ontology as one self-contained HTML page: its classes and properties (English and Chinese
//! labels, comments, super-terms, domains and ranges) and its SKOS concept schemes, read with
//! SPARQL from the ontology's named graph. No script, no stylesheet from elsewhere: the page
//! works offline, and every text from the graph is escaped.
//!
//! `wangluo package` writes it as `ontology.html`; a server can answer with it as it is.

use crate::error::Result;
use crate::query::{select_text, TextRow};
use crate::store::KnowledgeGraph;
use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// A class or property of the ontology.
#[derive(Default)]
struct TermDoc {
    kind: String,
    english: String,
    chinese: Option<String>,
    comment: Option<String>,
    /// `(relation, IRI)`: rdfs:subClassOf, rdfs:subPropertyOf, rdfs:domain, rdfs:range.
    links: BTreeSet<(String, String)>,
}

const STYLE: &str = "body{font-family:sans-serif;max-width:60em;margin:auto;padding:1em;\
line-height:1.4}section{border-top:1px solid #ccc;padding:.5em 0}code{background:#f4f4f4}\
.zh{color:#555}dt{font-weight:bold}";

/// The HTML page of the ontology in the store's ontology graph.
pub fn ontology_html(kg: &KnowledgeGraph) -> Result<String> {
    let graph = kg.base().ontology_graph();
    let g = graph.as_str();
    let terms = terms(kg, g)?;
    let mut page =
        String::from("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    let header = select_text(
        kg,
        "ontology header",
        &format!(
            "SELECT ?o ?title ?label ?version ?comment ?modified WHERE {{ GRAPH <{g}> {{ ?o a owl:Ontology \
             OPTIONAL {{ ?o dcterms:title ?title FILTER(langMatches(lang(?title), \"en\")) }} \
             OPTIONAL {{ ?o rdfs:label ?label FILTER(langMatches(lang(?label), \"en\")) }} \
             OPTIONAL {{ ?o owl:versionInfo ?version }} \
             OPTIONAL {{ ?o rdfs:comment ?comment FILTER(langMatches(lang(?comment), \"en\")) }} \
             OPTIONAL {{ ?o dcterms:modified ?modified }} }} }} LIMIT 1"
        ),
    )?;
    let header = header.first().cloned().unwrap_or_default();
    let title = header
        .get("title")
        .or_else(|| header.get("label"))
        .map_or("Ontology", String::as_str);
    let _ = writeln!(
        page,
        "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        text(title)
    );
    let _ = writeln!(page, "<h1>{}</h1>", text(title));
    if let Some(iri) = header.get("o") {
        let _ = writeln!(page, "<p>IRI: <code>{}</code></p>", text(iri));
    }
    for (name, key) in [("Version", "version"), ("Modified", "modified")] {
        if let Some(value) = header.get(key) {
            let _ = writeln!(page, "<p>{name}: {}</p>", text(value));
        }
    }
    if let Some(comment) = header.get("comment") {
        for paragraph in comment.split("\n\n") {
            let _ = writeln!(page, "<p>{}</p>", text(paragraph));
        }
    }
    for (heading, kinds) in [
        ("Classes", &["Class"][..]),
        (
            "Properties",
            &["ObjectProperty", "DatatypeProperty", "AnnotationProperty"][..],
        ),
    ] {
        let _ = writeln!(page, "<h2>{heading}</h2>");
        for (iri, term) in terms
            .iter()
            .filter(|(_, t)| kinds.contains(&t.kind.as_str()))
        {
            write_term(&mut page, kg, iri, term, &terms);
        }
    }
    write_schemes(&mut page, kg, g)?;
    page.push_str("</body>\n</html>\n");
    Ok(page)
}

/// The terms with an English label, by IRI.
fn terms(kg: &KnowledgeGraph, g: &str) -> Result<BTreeMap<String, TermDoc>> {
    let rows = select_text(
        kg,
        "ontology terms",
        &format!(
            "SELECT ?term ?kind ?en ?zh ?comment WHERE {{ GRAPH <{g}> {{
               VALUES ?kind {{ owl:Class owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty }}
               ?term a ?kind ; rdfs:label ?en FILTER(isIRI(?term) && langMatches(lang(?en), \"en\"))
               OPTIONAL {{ ?term rdfs:label ?zh FILTER(langMatches(lang(?zh), \"zh\")) }}
               OPTIONAL {{ ?term rdfs:comment ?comment FILTER(langMatches(lang(?comment), \"en\")) }}
             }} }} ORDER BY STR(?term) ?zh ?comment"
        ),
    )?;
    let mut terms: BTreeMap<String, TermDoc> = BTreeMap::new();
    for row in rows {
        let (Some(iri), Some(kind), Some(en)) = (row.get("term"), row.get("kind"), row.get("en"))
        else {
            continue;
        };
        let term = terms.entry(iri.clone()).or_default();
        term.kind = local_name(kind).to_owned();
        term.english.clone_from(en);
        term.chinese = term.chinese.take().or_else(|| row.get("zh").cloned());
        term.comment = term.comment.take().or_else(|| row.get("comment").cloned());
    }
    let links = select_text(
        kg,
        "ontology links",
        &format!(
            "SELECT ?term ?relation ?value WHERE {{ GRAPH <{g}> {{
               VALUES ?relation {{ rdfs:subClassOf rdfs:subPropertyOf rdfs:domain rdfs:range }}
               ?term ?relation ?value FILTER(isIRI(?value)) }} }}"
        ),
    )?;
    for row in links {
        if let (Some(term), Some(relation), Some(value)) =
            (row.get("term"), row.get("relation"), row.get("value"))
        {
            if let Some(doc) = terms.get_mut(term) {
                doc.links
                    .insert((local_name(relation).to_owned(), value.clone()));
            }
        }
    }
    Ok(terms)
}

fn local_name(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or(iri)
}

/// An anchor id for a term: its compact name.
fn anchor(kg: &KnowledgeGraph, iri: &str) -> String {
    kg.base()
        .compact(iri)
        .trim_matches(['<', '>'])
        .replace(':', "-")
}

/// A link to a term: to its section when the page documents it, else to the IRI itself.
fn link(kg: &KnowledgeGraph, iri: &str, terms: &BTreeMap<String, TermDoc>) -> String {
    let name = kg.base().compact(iri);
    if terms.contains_key(iri) {
        format!(
            "<a href=\"#{}\"><code>{}</code></a>",
            attr(&anchor(kg, iri)),
            text(&name)
        )
    } else {
        format!("<a href=\"{}\"><code>{}</code></a>", attr(iri), text(&name))
    }
}

fn write_term(
    page: &mut String,
    kg: &KnowledgeGraph,
    iri: &str,
    term: &TermDoc,
    terms: &BTreeMap<String, TermDoc>,
) {
    let _ = writeln!(
        page,
        "<section id=\"{}\">\n<h3>{} <span class=\"zh\" lang=\"zh\">{}</span></h3>",
        attr(&anchor(kg, iri)),
        text(&term.english),
        text(term.chinese.as_deref().unwrap_or_default())
    );
    let _ = writeln!(
        page,
        "<p><code>{}</code> ({})</p>",
        text(&kg.base().compact(iri)),
        text(&term.kind)
    );
    if let Some(comment) = &term.comment {
        let _ = writeln!(page, "<p>{}</p>", text(comment));
    }
    if !term.links.is_empty() {
        page.push_str("<dl>\n");
        for (relation, value) in &term.links {
            let _ = writeln!(
                page,
                "<dt>{}</dt><dd>{}</dd>",
                text(relation),
                link(kg, value, terms)
            );
        }
        page.push_str("</dl>\n");
    }
    page.push_str("</section>\n");
}

fn write_schemes(page: &mut String, kg: &KnowledgeGraph, g: &str) -> Result<()> {
    let rows = select_text(
        kg,
        "concept schemes",
        &format!(
            "SELECT ?scheme ?schemeLabel ?concept ?en ?zh WHERE {{ GRAPH <{g}> {{
               ?scheme a skos:ConceptScheme ; skos:prefLabel ?schemeLabel
               FILTER(langMatches(lang(?schemeLabel), \"en\"))
               {{ ?concept skos:inScheme ?scheme }} UNION {{ ?scheme skos:hasTopConcept ?concept }}
               ?concept skos:prefLabel ?en FILTER(langMatches(lang(?en), \"en\"))
               OPTIONAL {{ ?concept skos:prefLabel ?zh FILTER(langMatches(lang(?zh), \"zh\")) }}
             }} }} ORDER BY STR(?scheme) STR(?concept)"
        ),
    )?;
    let mut schemes: BTreeMap<(String, String), BTreeMap<String, &TextRow>> = BTreeMap::new();
    for row in &rows {
        if let (Some(scheme), Some(label), Some(concept)) = (
            row.get("scheme"),
            row.get("schemeLabel"),
            row.get("concept"),
        ) {
            schemes
                .entry((scheme.clone(), label.clone()))
                .or_default()
                .entry(concept.clone())
                .or_insert(row);
        }
    }
    page.push_str("<h2>Concept schemes</h2>\n");
    for ((scheme, label), concepts) in &schemes {
        let _ = writeln!(
            page,
            "<section id=\"{}\">\n<h3>{}</h3>\n<p><code>{}</code></p>\n<ul>",
            attr(&anchor(kg, scheme)),
            text(label),
            text(&kg.base().compact(scheme))
        );
        for (concept, row) in concepts {
            let _ = writeln!(
                page,
                "<li><code>{}</code> {} <span class=\"zh\" lang=\"zh\">{}</span></li>",
                text(&kg.base().compact(concept)),
                text(row.get("en").map_or("", String::as_str)),
                text(row.get("zh").map_or("", String::as_str))
            );
        }
        page.push_str("</ul>\n</section>\n");
    }
    Ok(())
}
