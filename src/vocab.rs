//! IRIs of the wangluo ontology, of its data, and of the vocabularies it reuses.
//!
//! Everything wangluo mints lives under one base IRI ([`DEFAULT_BASE`] unless the user passes
//! `--base`). The bundled ontology and queries are written against the default base; [`Base::rebase`]
//! moves an IRI from the default base to the chosen one.

use crate::error::{Error, Result};
use oxigraph::model::NamedNode;

/// The stable base under which the ontology, the data and the named graphs live by default.
pub const DEFAULT_BASE: &str = "https://w3id.org/wangluo/";

/// Namespaces of the reused vocabularies.
pub mod ns {
    pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
    pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
    pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
    pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
    pub const SCHEMA: &str = "https://schema.org/";
    pub const DCTERMS: &str = "http://purl.org/dc/terms/";
    pub const FOAF: &str = "http://xmlns.com/foaf/0.1/";
    pub const PROV: &str = "http://www.w3.org/ns/prov#";
    pub const OA: &str = "http://www.w3.org/ns/oa#";
    pub const NIF: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
    pub const ITSRDF: &str = "http://www.w3.org/2005/11/its/rdf#";
    pub const VANN: &str = "http://purl.org/vocab/vann/";
    pub const WIKIDATA: &str = "http://www.wikidata.org/entity/";
}

/// Builds a [`NamedNode`] from a namespace and a local name known to form a valid IRI.
pub(crate) fn iri(namespace: &str, local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{namespace}{local}"))
}

/// The base IRI under which wangluo mints the IRIs of its ontology, data and graphs.
///
/// ```
/// use wangluo::vocab::Base;
/// let base = Base::default();
/// assert_eq!(base.item("xi-jinping").as_str(), "https://w3id.org/wangluo/id/xi-jinping");
/// assert_eq!(base.term("Claim").as_str(), "https://w3id.org/wangluo/ontology#Claim");
/// let other = Base::new("https://example.org/kg/").unwrap();
/// assert_eq!(other.rebase("https://w3id.org/wangluo/id/china"), "https://example.org/kg/id/china");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Base {
    base: String,
}

impl Default for Base {
    fn default() -> Self {
        Self {
            base: DEFAULT_BASE.to_owned(),
        }
    }
}

impl Base {
    /// Checks that `base` is an absolute IRI ending with `/` (every IRI is the base plus a path).
    pub fn new(base: &str) -> Result<Self> {
        if !base.ends_with('/') {
            return Err(Error::InvalidBase {
                base: base.to_owned(),
                reason: "it must end with '/'".to_owned(),
                source: None,
            });
        }
        NamedNode::new(base).map_err(|e| Error::InvalidBase {
            base: base.to_owned(),
            reason: "an IRI made from it does not parse".to_owned(),
            source: Some(Box::new(e)),
        })?;
        Ok(Self {
            base: base.to_owned(),
        })
    }

    /// The base IRI itself.
    pub fn as_str(&self) -> &str {
        &self.base
    }

    /// Whether this is [`DEFAULT_BASE`].
    pub fn is_default(&self) -> bool {
        self.base == DEFAULT_BASE
    }

    /// The namespace of the ontology's terms (`{base}ontology#`).
    pub fn ontology_namespace(&self) -> String {
        format!("{}ontology#", self.base)
    }

    /// The IRI of the ontology itself.
    pub fn ontology(&self) -> NamedNode {
        iri(&self.base, "ontology")
    }

    /// A class or property of the ontology.
    pub fn term(&self, local: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}ontology#{local}", self.base))
    }

    /// The namespace of data items (`{base}id/`).
    pub fn item_namespace(&self) -> String {
        format!("{}id/", self.base)
    }

    /// A data item (actor, document, claim …) by its annotation id.
    pub fn item(&self, id: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}id/{id}", self.base))
    }

    /// The namespace of the perspective concept scheme.
    pub fn perspective_namespace(&self) -> String {
        format!("{}vocab/perspective/", self.base)
    }

    /// The namespace of the characterization concept scheme.
    pub fn characterization_namespace(&self) -> String {
        format!("{}vocab/characterization/", self.base)
    }

    /// The named graph that holds the ontology.
    pub fn ontology_graph(&self) -> NamedNode {
        NamedNode::new_unchecked(format!("{}graph/ontology", self.base))
    }

    /// The named graph that holds one document's statements.
    pub fn document_graph(&self, document_id: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}graph/{document_id}", self.base))
    }

    /// The named graph that holds what the curator adds to a document or entity file `name`
    /// (its graph id: `rathor-2024`, `entities/actors`): statements inferred from the text or
    /// brought from outside it, with their provenance.
    ///
    /// ```
    /// let base = wangluo::vocab::Base::default();
    /// assert_eq!(
    ///     base.curation_graph("rathor-2024").as_str(),
    ///     "https://w3id.org/wangluo/graph/curation/rathor-2024"
    /// );
    /// ```
    pub fn curation_graph(&self, name: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}graph/curation/{name}", self.base))
    }

    /// Moves an IRI written under [`DEFAULT_BASE`] to this base; other IRIs are returned unchanged.
    pub fn rebase<'a>(&self, iri: &'a str) -> std::borrow::Cow<'a, str> {
        match iri.strip_prefix(DEFAULT_BASE) {
            Some(rest) if !self.is_default() => format!("{}{rest}", self.base).into(),
            _ => iri.into(),
        }
    }

    /// Rewrites every occurrence of the default base in a text written against it (a bundled
    /// SPARQL query) so that it runs against data minted under this base.
    pub fn rebase_text<'a>(&self, text: &'a str) -> std::borrow::Cow<'a, str> {
        if self.is_default() {
            text.into()
        } else {
            text.replace(DEFAULT_BASE, &self.base).into()
        }
    }

    /// The prefixes used when writing Turtle/TriG and when shortening IRIs in tables,
    /// most specific first.
    pub fn prefixes(&self) -> Vec<(&'static str, String)> {
        let mut prefixes = vec![
            ("wl", self.ontology_namespace()),
            ("wld", self.item_namespace()),
            ("wlp", self.perspective_namespace()),
            ("wlc", self.characterization_namespace()),
            ("wlg", format!("{}graph/", self.base)),
        ];
        prefixes.extend(
            [
                ("rdf", ns::RDF),
                ("rdfs", ns::RDFS),
                ("owl", ns::OWL),
                ("xsd", ns::XSD),
                ("skos", ns::SKOS),
                ("schema", ns::SCHEMA),
                ("dcterms", ns::DCTERMS),
                ("foaf", ns::FOAF),
                ("prov", ns::PROV),
                ("oa", ns::OA),
                ("nif", ns::NIF),
                ("itsrdf", ns::ITSRDF),
                ("vann", ns::VANN),
                ("wd", ns::WIKIDATA),
            ]
            .map(|(p, n)| (p, n.to_owned())),
        );
        prefixes
    }

    /// Shortens an IRI to `prefix:local` when a known prefix covers it and the local part is
    /// a plain name; otherwise returns `<iri>`.
    pub fn compact(&self, iri: &str) -> String {
        for (prefix, namespace) in self.prefixes() {
            if let Some(local) = iri.strip_prefix(namespace.as_str()) {
                if !local.is_empty()
                    && local
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
                {
                    return format!("{prefix}:{local}");
                }
            }
        }
        format!("<{iri}>")
    }
}
