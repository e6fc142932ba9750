//! Web Annotation out: the store's quotes as `oa:Annotation`s, an `AnnotationCollection` per
//! document, deterministic (documents by IRI, annotations by position then IRI).
//!
//! What the store holds for every quote (`src/rdf/emit/quote.rs`) is read back with SPARQL: the
//! annotation, its target and both selectors, its motivation and body. The body's label becomes a
//! comment, and a claim's claimant, perspective, characterizations and subjects become tags
//! (`claimant:ID` …, see [`super::tag`]), so that Hypothes.is and Recogito show them and an import
//! gets them back.

use super::{tag, Agent, Annotation, Body, Collection, Page, Selector, Target, CONTEXT};
use crate::authoring::AuthoringError;
use crate::error::{Error, Result};
use crate::query::select_text;
use crate::store::KnowledgeGraph;
use crate::vocab::ns;
use oxigraph::model::NamedNode;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

const QUOTES: &str = r"
SELECT DISTINCT ?doc ?title ?annotation ?target ?body ?motivation ?exact ?prefix ?suffix ?start ?end
WHERE {
  ?annotation a oa:Annotation ; oa:hasBody ?body ; oa:hasTarget ?target ; oa:motivatedBy ?motivation .
  ?target oa:hasSource ?doc ; oa:hasSelector ?quote, ?position .
  ?quote a oa:TextQuoteSelector ; oa:exact ?exact ; oa:prefix ?prefix ; oa:suffix ?suffix .
  ?position a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
  OPTIONAL { ?doc dcterms:title ?title }
}";

const DETAILS: &str = r#"
SELECT DISTINCT ?thing ?key ?value WHERE {
  [] a oa:Annotation ; oa:hasBody ?thing .
  { ?thing rdfs:label ?value FILTER(LANGMATCHES(LANG(?value), "en")) BIND("label" AS ?key) }
  UNION { ?thing dcterms:title ?value BIND("label" AS ?key) }
  UNION { ?thing a ?value BIND("type" AS ?key) }
  UNION { ?thing wl:claimant ?value BIND("claimant" AS ?key) }
  UNION { ?thing wl:perspective ?value BIND("perspective" AS ?key) }
  UNION { ?thing wl:characterizedAs ?value BIND("characterization" AS ?key) }
  UNION { ?thing wl:subject ?value BIND("subject" AS ?key) }
}"#;

/// What the store says of a body: key → values, sorted.
type Details = BTreeMap<String, BTreeMap<&'static str, BTreeSet<String>>>;

/// Each document's title and its annotations with their offsets, by document IRI.
type ByDocument = BTreeMap<String, (String, Vec<(usize, usize, Annotation)>)>;

/// Who the annotations are by, and with what.
#[derive(Debug, Clone)]
pub struct Provenance {
    /// The annotators (the dataset's creators).
    pub creators: Vec<Agent>,
    /// The software.
    pub generator: Agent,
}

impl Provenance {
    /// The bundled dataset's creators, and wangluo as the generator.
    pub fn bundled() -> Result<Self> {
        let metadata = crate::dataset::metadata::Metadata::bundled()?;
        let creators = metadata
            .creators
            .iter()
            .map(|c| Agent {
                id: c.url.clone(),
                kind: if c.is_person() {
                    "Person"
                } else {
                    "Organization"
                },
                name: c.name.clone(),
            })
            .collect();
        Ok(Self {
            creators,
            generator: Agent {
                id: Some("https://crates.io/crates/wangluo-kg".to_owned()),
                kind: "Software",
                name: "wangluo".to_owned(),
            },
        })
    }
}

/// The annotations of every document of the store (or of the document whose graph is `graph`),
/// one collection per document, sorted by document IRI.
pub fn collections(
    kg: &KnowledgeGraph,
    graph: Option<&NamedNode>,
    provenance: &Provenance,
) -> Result<Vec<Collection>> {
    let base = kg.base();
    let rows = select_text(kg, "web-annotation export", QUOTES)?;
    let details = details(kg)?;
    let items = base.item_namespace();
    let mut documents = ByDocument::new();
    for row in &rows {
        let doc = &row["doc"];
        let id = doc.strip_prefix(items.as_str()).unwrap_or(doc);
        if graph.is_some_and(|g| *g != base.document_graph(id)) {
            continue;
        }
        let (start, end) = (number(row, "start")?, number(row, "end")?);
        let title = row.get("title").cloned().unwrap_or_else(|| id.to_owned());
        let entry = documents
            .entry(doc.clone())
            .or_insert_with(|| (title, Vec::new()));
        entry.1.push((
            start,
            end,
            annotation(row, (start, end), &details, base, provenance),
        ));
    }
    Ok(documents
        .into_iter()
        .map(|(doc, (title, mut annotations))| {
            annotations.sort_by(|a, b| (a.0, a.1, &a.2.id).cmp(&(b.0, b.1, &b.2.id)));
            let items: Vec<Annotation> = annotations.into_iter().map(|(_, _, a)| a).collect();
            let id = format!("{doc}/annotations");
            Collection {
                context: CONTEXT,
                id: id.clone(),
                kind: "AnnotationCollection",
                label: format!("Quotes of {title}"),
                total: items.len(),
                first: Page {
                    id: format!("{id}/page/1"),
                    kind: "AnnotationPage",
                    start_index: 0,
                    items,
                },
            }
        })
        .collect())
}

/// An integer column of a row.
fn number(row: &BTreeMap<String, String>, key: &str) -> Result<usize> {
    let value = row.get(key).map(String::as_str).unwrap_or_default();
    value.parse().map_err(|_| {
        AuthoringError::StoredQuote {
            annotation: row.get("annotation").cloned().unwrap_or_default(),
            reason: format!("oa:{key} `{value}` is not a character offset"),
        }
        .into()
    })
}

/// Labels, classes and claim values of every body.
fn details(kg: &KnowledgeGraph) -> Result<Details> {
    let mut details = Details::new();
    for row in select_text(kg, "web-annotation export", DETAILS)? {
        let key = match row["key"].as_str() {
            "label" => "label",
            "type" => "type",
            "claimant" => "claimant",
            "perspective" => "perspective",
            "characterization" => "characterization",
            _ => "subject",
        };
        details
            .entry(row["thing"].clone())
            .or_default()
            .entry(key)
            .or_default()
            .insert(row["value"].clone());
    }
    Ok(details)
}

/// One quote's annotation.
fn annotation(
    row: &BTreeMap<String, String>,
    (start, end): (usize, usize),
    details: &Details,
    base: &crate::vocab::Base,
    provenance: &Provenance,
) -> Annotation {
    let body_iri = &row["body"];
    let motivation = row["motivation"]
        .strip_prefix(ns::OA)
        .unwrap_or(&row["motivation"])
        .to_owned();
    let mut body = vec![Body::link(body_iri.clone())];
    let empty = BTreeMap::new();
    let of = details.get(body_iri).unwrap_or(&empty);
    if let Some(label) = of.get("label").and_then(|l| l.iter().next()) {
        body.push(Body::comment(label.clone(), "en"));
    }
    body.extend(tags(of, base).into_iter().map(Body::tag));
    Annotation {
        id: row["annotation"].clone(),
        kind: "Annotation",
        motivation,
        creator: provenance.creators.first().cloned().unwrap_or(Agent {
            id: None,
            kind: "Organization",
            name: "wangluo".to_owned(),
        }),
        generator: provenance.generator.clone(),
        body,
        target: Target {
            id: row["target"].clone(),
            kind: "SpecificResource",
            source: row["doc"].clone(),
            selector: vec![
                Selector::TextQuoteSelector {
                    exact: row["exact"].clone(),
                    prefix: row["prefix"].clone(),
                    suffix: row["suffix"].clone(),
                },
                Selector::TextPositionSelector { start, end },
            ],
        },
    }
}

/// The tags of a body: `claim` and the claim's values, or the entity's `type:`.
fn tags(of: &BTreeMap<&'static str, BTreeSet<String>>, base: &crate::vocab::Base) -> Vec<String> {
    let ontology = base.ontology_namespace();
    let classes: Vec<&str> = of
        .get("type")
        .into_iter()
        .flatten()
        .filter_map(|c| c.strip_prefix(ontology.as_str()))
        .collect();
    let mut tags = Vec::new();
    if !classes.contains(&"Claim") {
        tags.extend(classes.iter().map(|c| format!("{}{c}", tag::TYPE)));
        return tags;
    }
    tags.push(tag::CLAIM.to_owned());
    let namespaces = [
        ("claimant", tag::CLAIMANT, base.item_namespace()),
        (
            "perspective",
            tag::PERSPECTIVE,
            base.perspective_namespace(),
        ),
        (
            "characterization",
            tag::CHARACTERIZATION,
            base.characterization_namespace(),
        ),
        ("subject", tag::SUBJECT, base.item_namespace()),
    ];
    for (key, prefix, namespace) in namespaces {
        for value in of.get(key).into_iter().flatten() {
            let local = value.strip_prefix(namespace.as_str()).unwrap_or(value);
            tags.push(format!("{prefix}{local}"));
        }
    }
    tags
}

/// Writes the collections as JSON-LD: the one collection, or an array of them when the store
/// holds several documents. Returns the number of annotations written.
pub fn write_collections(collections: &[Collection], mut out: impl Write) -> Result<usize> {
    let write_err = |source| Error::Output {
        target: "web-annotation export".to_owned(),
        source,
    };
    let json = match collections {
        [one] => serde_json::to_string_pretty(one),
        many => serde_json::to_string_pretty(many),
    }
    .map_err(|e| write_err(std::io::Error::other(e)))?;
    out.write_all(json.as_bytes()).map_err(write_err)?;
    out.write_all(b"\n").map_err(write_err)?;
    out.flush().map_err(write_err)?;
    Ok(collections.iter().map(|c| c.total).sum())
}
