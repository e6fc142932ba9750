//! The wangluo ontology: parsed from Turtle, moved to the chosen base, and indexed so the loader
//! can check that every class, property and concept an annotation uses is declared.

use crate::error::Result;
use crate::rdf::{parse_rdf, rebase_quad};
use crate::vocab::{ns, Base};
use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphName, NamedNode, Quad, Term};
use std::collections::{BTreeMap, BTreeSet};

/// The ontology compiled into the binary (`ontology/wangluo.ttl`).
pub const BUNDLED_ONTOLOGY: &str = crate::bundled::ONTOLOGY;

/// The parsed ontology and the names it declares.
#[derive(Debug, Clone)]
pub struct Ontology {
    /// The ontology's triples, in the ontology named graph.
    pub quads: Vec<Quad>,
    /// Local names of the `wl:` classes.
    pub classes: BTreeSet<String>,
    /// Local names of the `wl:` object properties.
    pub object_properties: BTreeSet<String>,
    /// Ids of the perspective concepts.
    pub perspectives: BTreeSet<String>,
    /// Ids of the characterization concepts.
    pub characterizations: BTreeSet<String>,
    /// Superclasses (direct) of each `wl:` class, by local name.
    subclass_of: Vec<(String, String)>,
    /// The standard properties (outside `wl:`) that each `wl:` property is declared a direct
    /// sub-property of, by local name: `author` -> `dcterms:creator`, `schema:author`.
    pub standard_super_properties: BTreeMap<String, Vec<NamedNode>>,
    /// The `wl:` class each `wl:` property's values must belong to (`rdfs:range`), by local name.
    ranges: BTreeMap<String, String>,
}

impl Ontology {
    /// The bundled ontology under `base`.
    pub fn bundled(base: &Base) -> Result<Self> {
        Self::parse("ontology/wangluo.ttl", BUNDLED_ONTOLOGY, base)
    }

    /// Parses an ontology written against the default base and moves it to `base`.
    pub fn parse(file: &str, turtle: &str, base: &Base) -> Result<Self> {
        let graph = GraphName::NamedNode(base.ontology_graph());
        let quads: Vec<Quad> = parse_rdf(file, turtle.as_bytes(), RdfFormat::Turtle, &graph, None)?
            .into_iter()
            .map(|q| rebase_quad(q, base))
            .collect();
        let wl = base.ontology_namespace();
        let local = |t: &Term, namespace: &str| match t {
            Term::NamedNode(n) => n.as_str().strip_prefix(namespace).map(str::to_owned),
            _ => None,
        };
        let subject_local = |q: &Quad, namespace: &str| local(&q.subject.clone().into(), namespace);
        let rdf_type = NamedNode::new_unchecked(format!("{}type", ns::RDF));
        let owl_class = Term::from(NamedNode::new_unchecked(format!("{}Class", ns::OWL)));
        let owl_object_property = Term::from(NamedNode::new_unchecked(format!(
            "{}ObjectProperty",
            ns::OWL
        )));
        let skos_in_scheme = NamedNode::new_unchecked(format!("{}inScheme", ns::SKOS));
        let subclass = NamedNode::new_unchecked(format!("{}subClassOf", ns::RDFS));
        let range = NamedNode::new_unchecked(format!("{}range", ns::RDFS));
        let subproperty = NamedNode::new_unchecked(format!("{}subPropertyOf", ns::RDFS));
        let mut ontology = Self {
            quads: Vec::new(),
            classes: BTreeSet::new(),
            object_properties: BTreeSet::new(),
            perspectives: BTreeSet::new(),
            characterizations: BTreeSet::new(),
            subclass_of: Vec::new(),
            ranges: BTreeMap::new(),
            standard_super_properties: BTreeMap::new(),
        };
        for q in &quads {
            if q.predicate == rdf_type && q.object == owl_class {
                ontology.classes.extend(subject_local(q, &wl));
            } else if q.predicate == rdf_type && q.object == owl_object_property {
                ontology.object_properties.extend(subject_local(q, &wl));
            } else if q.predicate == skos_in_scheme {
                ontology
                    .perspectives
                    .extend(subject_local(q, &base.perspective_namespace()));
                ontology
                    .characterizations
                    .extend(subject_local(q, &base.characterization_namespace()));
            } else if q.predicate == subproperty {
                if let (Some(p), Term::NamedNode(sup)) = (subject_local(q, &wl), &q.object) {
                    if !sup.as_str().starts_with(wl.as_str()) {
                        let supers = ontology.standard_super_properties.entry(p).or_default();
                        supers.push(sup.clone());
                    }
                }
            } else if q.predicate == range {
                if let (Some(p), Some(class)) = (subject_local(q, &wl), local(&q.object, &wl)) {
                    ontology.ranges.insert(p, class);
                }
            } else if q.predicate == subclass {
                if let (Some(c), Some(sup)) = (subject_local(q, &wl), local(&q.object, &wl)) {
                    ontology.subclass_of.push((c, sup));
                }
            }
        }
        if ontology.classes.is_empty() {
            return Err(crate::Error::Ontology {
                file: file.to_owned(),
                namespace: wl.as_str().to_owned(),
            });
        }
        ontology.quads = quads;
        Ok(ontology)
    }

    /// The `wl:` class that values of the `wl:` property `property` belong to, if the ontology
    /// says (`rdfs:range` in the `wl:` namespace).
    pub fn range(&self, property: &str) -> Option<&str> {
        self.ranges.get(property).map(String::as_str)
    }

    /// Whether `class` is `ancestor` or one of its (transitive) subclasses.
    pub fn is_subclass_of(&self, class: &str, ancestor: &str) -> bool {
        let mut todo = vec![class];
        let mut seen = BTreeSet::new();
        while let Some(c) = todo.pop() {
            if c == ancestor {
                return true;
            }
            if seen.insert(c) {
                todo.extend(
                    self.subclass_of
                        .iter()
                        .filter(|(sub, _)| sub == c)
                        .map(|(_, sup)| sup.as_str()),
                );
            }
        }
        false
    }
}
