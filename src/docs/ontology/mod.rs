//! The ontology's documentation, read once from the store into [`OntologyDoc`] and drawn by one
//! renderer ([`html`]) for both places that show it: `wangluo package` writes it as the
//! standalone `ontology/ontology.html`, and `wangluo serve` shows it at `/page/ontology` inside
//! the site's layout. A change to how a class or property is shown is made once, in `html.rs`.
//!
//! What is read: the ontology's header (title, version, dates, description, comment), its
//! classes and properties (English and Chinese labels, comment, parents, domains and ranges —
//! a class expression `owl:unionOf` / `owl:intersectionOf` shown with its members), and the SKOS
//! concept schemes with their concepts.

pub mod html;

use crate::error::Result;
use crate::vocab::{ns, Base};
use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Term};
use oxigraph::store::Store;
use std::collections::{BTreeMap, BTreeSet};

/// The kinds of term, in the order of the page's sections.
pub const KINDS: [TermKind; 5] = [
    TermKind::Class,
    TermKind::ObjectProperty,
    TermKind::DatatypeProperty,
    TermKind::AnnotationProperty,
    TermKind::NamedIndividual,
];

/// What an ontology term is (its `owl:` class).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TermKind {
    Class,
    ObjectProperty,
    DatatypeProperty,
    AnnotationProperty,
    /// An individual of the ontology's own namespace (`wl:closureRule`, the agent its closures
    /// are attributed to); the concepts of the schemes have their own sections.
    NamedIndividual,
}

impl TermKind {
    /// The `owl:` class's local name.
    pub fn local(self) -> &'static str {
        match self {
            Self::Class => "Class",
            Self::ObjectProperty => "ObjectProperty",
            Self::DatatypeProperty => "DatatypeProperty",
            Self::AnnotationProperty => "AnnotationProperty",
            Self::NamedIndividual => "NamedIndividual",
        }
    }

    /// The heading of the page's section.
    pub fn heading(self) -> &'static str {
        match self {
            Self::Class => "Classes",
            Self::ObjectProperty => "Object properties",
            Self::DatatypeProperty => "Datatype properties",
            Self::AnnotationProperty => "Annotation properties",
            Self::NamedIndividual => "Individuals",
        }
    }
}

/// The relations a term's entry lists, in order: (namespace, local name, what the page says).
pub const RELATIONS: [(&str, &str, &str); 6] = [
    (ns::RDFS, "subClassOf", "Subclass of"),
    (ns::RDFS, "subPropertyOf", "Subproperty of"),
    (ns::RDFS, "domain", "Domain"),
    (ns::RDFS, "range", "Range"),
    (ns::OWL, "equivalentClass", "Equivalent to"),
    (ns::OWL, "inverseOf", "Inverse of"),
];

/// A value of a relation: a named class or property, or a class built from others.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ClassExpression {
    Named(String),
    /// `owl:unionOf`: any of the members.
    Union(Vec<ClassExpression>),
    /// `owl:intersectionOf`: all of the members.
    Intersection(Vec<ClassExpression>),
}

/// A class or property of the ontology.
#[derive(Debug, Default)]
pub struct TermDoc {
    pub kinds: BTreeSet<TermKind>,
    pub english: Option<String>,
    pub chinese: Option<String>,
    pub comment: Option<String>,
    /// The values of each of [`RELATIONS`] (by index), sorted.
    pub relations: BTreeMap<usize, BTreeSet<ClassExpression>>,
}

/// A concept of a scheme.
#[derive(Debug)]
pub struct ConceptDoc {
    pub iri: String,
    pub english: Option<String>,
    pub chinese: Option<String>,
    pub definition: Option<String>,
}

/// A SKOS concept scheme and its concepts (`skos:inScheme` it, or its `skos:hasTopConcept`).
#[derive(Debug)]
pub struct SchemeDoc {
    pub iri: String,
    pub english: Option<String>,
    pub chinese: Option<String>,
    pub concepts: Vec<ConceptDoc>,
}

/// The ontology as its page shows it.
#[derive(Debug)]
pub struct OntologyDoc {
    pub base: Base,
    pub iri: String,
    pub title: String,
    pub version: Option<String>,
    pub modified: Option<String>,
    pub description: Option<String>,
    pub comment: Option<String>,
    /// The terms of the ontology's namespace, by IRI.
    pub terms: BTreeMap<String, TermDoc>,
    /// The concept schemes, by IRI.
    pub schemes: Vec<SchemeDoc>,
}

/// Reads statements from one named graph or from every graph (duplicates merged).
struct Source<'a> {
    store: &'a Store,
    graph: Option<NamedNode>,
}

impl Source<'_> {
    fn graph(&self) -> Option<GraphNameRef<'_>> {
        self.graph
            .as_ref()
            .map(|g| GraphNameRef::NamedNode(g.as_ref()))
    }

    fn objects(&self, subject: &NamedOrBlankNode, predicate: &str) -> Result<Vec<Term>> {
        let predicate = NamedNode::new_unchecked(predicate);
        let mut out = Vec::new();
        for quad in self.store.quads_for_pattern(
            Some(subject.as_ref()),
            Some(predicate.as_ref()),
            None,
            self.graph(),
        ) {
            out.push(quad?.object);
        }
        // The same statement in several graphs once; a stable order, whatever the store's.
        out.sort_by_cached_key(Term::to_string);
        out.dedup();
        Ok(out)
    }

    fn subjects(&self, predicate: &str, object: &str) -> Result<BTreeSet<String>> {
        let predicate = NamedNode::new_unchecked(predicate);
        let object = NamedNode::new_unchecked(object);
        let mut out = BTreeSet::new();
        for quad in self.store.quads_for_pattern(
            None,
            Some(predicate.as_ref()),
            Some(NamedNodeRef::from(&object).into()),
            self.graph(),
        ) {
            if let NamedOrBlankNode::NamedNode(s) = quad?.subject {
                out.insert(s.into_string());
            }
        }
        Ok(out)
    }

    /// The literal of `subject predicate ?o` in `language` (`""`: untagged), the first in order.
    fn literal(&self, subject: &str, predicate: &str, language: &str) -> Result<Option<String>> {
        let subject = NamedOrBlankNode::NamedNode(NamedNode::new_unchecked(subject));
        Ok(self
            .objects(&subject, predicate)?
            .into_iter()
            .find_map(|o| match o {
                Term::Literal(l) if l.language().unwrap_or("") == language => {
                    Some(l.value().to_owned())
                }
                _ => None,
            }))
    }

    /// The English literal, else an untagged one.
    fn english(&self, subject: &str, predicate: &str) -> Result<Option<String>> {
        Ok(match self.literal(subject, predicate, "en")? {
            Some(v) => Some(v),
            None => self.literal(subject, predicate, "")?,
        })
    }
}

impl OntologyDoc {
    /// Reads the ontology of `base` from `store`: from the named graph `graph` only, or from
    /// every graph when `None` (the server shows the union: the concept schemes of the texts too).
    pub fn read(store: &Store, base: &Base, graph: Option<NamedNode>) -> Result<Self> {
        let source = Source { store, graph };
        let iri = base.ontology().into_string();
        let title = match source.english(&iri, &format!("{}title", ns::DCTERMS))? {
            Some(t) => Some(t),
            None => source.english(&iri, &format!("{}label", ns::RDFS))?,
        };
        Ok(OntologyDoc {
            title: title.unwrap_or_else(|| "Ontology".to_owned()),
            version: source.literal(&iri, &format!("{}versionInfo", ns::OWL), "")?,
            modified: source.literal(&iri, &format!("{}modified", ns::DCTERMS), "")?,
            description: source.english(&iri, &format!("{}description", ns::DCTERMS))?,
            comment: source.english(&iri, &format!("{}comment", ns::RDFS))?,
            terms: terms(&source, &base.ontology_namespace())?,
            schemes: schemes(&source)?,
            base: base.clone(),
            iri,
        })
    }

    /// The terms of one kind, by IRI.
    pub fn terms_of(&self, kind: TermKind) -> impl Iterator<Item = (&String, &TermDoc)> {
        self.terms
            .iter()
            .filter(move |(_, t)| t.kinds.contains(&kind))
    }
}

fn terms(source: &Source, namespace: &str) -> Result<BTreeMap<String, TermDoc>> {
    let rdf_type = format!("{}type", ns::RDF);
    let label = format!("{}label", ns::RDFS);
    let mut terms: BTreeMap<String, TermDoc> = BTreeMap::new();
    for kind in KINDS {
        for iri in source.subjects(&rdf_type, &format!("{}{}", ns::OWL, kind.local()))? {
            if iri.starts_with(namespace) {
                terms.entry(iri).or_default().kinds.insert(kind);
            }
        }
    }
    for (iri, term) in &mut terms {
        term.english = source.english(iri, &label)?;
        term.chinese = source.literal(iri, &label, "zh")?;
        term.comment = source.english(iri, &format!("{}comment", ns::RDFS))?;
        let subject = NamedOrBlankNode::NamedNode(NamedNode::new_unchecked(iri.as_str()));
        for (i, (namespace, local, _)) in RELATIONS.iter().enumerate() {
            let mut values = BTreeSet::new();
            for value in source.objects(&subject, &format!("{namespace}{local}"))? {
                if let Some(expression) = class_expression(source, &value, 0)? {
                    values.insert(expression);
                }
            }
            if !values.is_empty() {
                term.relations.insert(i, values);
            }
        }
    }
    Ok(terms)
}

/// A relation's value as a class expression: an IRI, or a blank node with `owl:unionOf` or
/// `owl:intersectionOf` (members read from the RDF list, nested up to a few levels). Other
/// blank nodes (restrictions) are not shown.
fn class_expression(
    source: &Source,
    value: &Term,
    depth: usize,
) -> Result<Option<ClassExpression>> {
    let node = match value {
        Term::NamedNode(n) => return Ok(Some(ClassExpression::Named(n.as_str().to_owned()))),
        Term::BlankNode(b) if depth < 8 => NamedOrBlankNode::BlankNode(b.clone()),
        _ => return Ok(None),
    };
    for (local, make) in [
        ("unionOf", ClassExpression::Union as fn(_) -> _),
        ("intersectionOf", ClassExpression::Intersection),
    ] {
        if let Some(head) = source
            .objects(&node, &format!("{}{local}", ns::OWL))?
            .first()
        {
            let mut members = Vec::new();
            for member in list_members(source, head)? {
                if let Some(expression) = class_expression(source, &member, depth + 1)? {
                    members.push(expression);
                }
            }
            return Ok(Some(make(members)));
        }
    }
    Ok(None)
}

/// The members of an RDF list, in order (at most 10,000: a cycle ends the walk).
fn list_members(source: &Source, head: &Term) -> Result<Vec<Term>> {
    let first = format!("{}first", ns::RDF);
    let rest = format!("{}rest", ns::RDF);
    let mut members = Vec::new();
    let mut node = head.clone();
    for _ in 0..10_000 {
        let subject = match &node {
            Term::BlankNode(b) => NamedOrBlankNode::BlankNode(b.clone()),
            _ => break,
        };
        let Some(member) = source.objects(&subject, &first)?.into_iter().next() else {
            break;
        };
        members.push(member);
        match source.objects(&subject, &rest)?.into_iter().next() {
            Some(next) => node = next,
            None => break,
        }
    }
    Ok(members)
}

fn schemes(source: &Source) -> Result<Vec<SchemeDoc>> {
    let scheme_class = format!("{}ConceptScheme", ns::SKOS);
    let pref = format!("{}prefLabel", ns::SKOS);
    let mut out = Vec::new();
    for iri in source.subjects(&format!("{}type", ns::RDF), &scheme_class)? {
        let mut members = source.subjects(&format!("{}inScheme", ns::SKOS), &iri)?;
        let subject = NamedOrBlankNode::NamedNode(NamedNode::new_unchecked(iri.as_str()));
        for top in source.objects(&subject, &format!("{}hasTopConcept", ns::SKOS))? {
            if let Term::NamedNode(n) = top {
                members.insert(n.into_string());
            }
        }
        let mut concepts = Vec::new();
        for concept in members {
            concepts.push(ConceptDoc {
                english: source.english(&concept, &pref)?,
                chinese: source.literal(&concept, &pref, "zh")?,
                definition: source.english(&concept, &format!("{}definition", ns::SKOS))?,
                iri: concept,
            });
        }
        out.push(SchemeDoc {
            english: source.english(&iri, &pref)?,
            chinese: source.literal(&iri, &pref, "zh")?,
            iri,
            concepts,
        });
    }
    Ok(out)
}
