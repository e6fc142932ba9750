//! The graph as the server sees it: read once at start-up (the server never writes), indexed by
//! the resource each statement describes, so that a page or a description needs no query.
//!
//! A resource's **description** is every statement (of any graph, duplicates merged) whose
//! subject is the resource or a fragment of it (`R#…`: the sentences `B id/DOC#char=…` of a
//! document, the terms `B ontology#Term` of the ontology), with the blank nodes they reach.

use crate::error::Result;
use crate::store::KnowledgeGraph;
use crate::vocab::{ns, Base};
use oxigraph::model::{BlankNode, NamedNode, NamedOrBlankNode, Term, Triple};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The graph, indexed for serving. Built once; shared read-only by every request.
pub struct Site {
    pub kg: std::sync::Arc<KnowledgeGraph>,
    pub base: Base,
    /// Where the base IRI is served, ending with `/` (the `--public-url`, or the bound address).
    pub public_root: String,
    /// Statements by the fragment-less IRI of their subject.
    by_resource: HashMap<String, Vec<Triple>>,
    /// Statements by blank-node subject.
    by_blank: HashMap<BlankNode, Vec<Triple>>,
    /// Statements by IRI object: who points at a resource.
    incoming: HashMap<String, Vec<Triple>>,
    /// Named graphs by IRI, with their statement counts.
    pub graphs: BTreeMap<String, usize>,
    /// Resources under the base (fragment-less IRI, path after the base), for "did you mean".
    pub paths: BTreeSet<String>,
    /// When the site was read: the Last-Modified of every description.
    pub loaded_at: std::time::SystemTime,
    /// The VoID description and the downloads, made once for this graph.
    pub(crate) made: super::dataset::Made,
}

impl Site {
    /// Reads every statement of the store once.
    pub fn new(kg: std::sync::Arc<KnowledgeGraph>, public_root: String) -> Result<Self> {
        let base = kg.base().clone();
        let mut triples = Vec::new();
        let mut graphs = BTreeMap::new();
        for quad in kg.store() {
            let quad = quad?;
            if let oxigraph::model::GraphName::NamedNode(g) = &quad.graph_name {
                *graphs.entry(g.as_str().to_owned()).or_insert(0) += 1;
            }
            triples.push(Triple::from(quad));
        }
        // The same statement in several graphs is one statement here; a stable order.
        triples.sort_by_cached_key(|t| t.to_string());
        triples.dedup();
        let mut site = Self {
            kg,
            base,
            public_root,
            by_resource: HashMap::new(),
            by_blank: HashMap::new(),
            incoming: HashMap::new(),
            graphs,
            paths: BTreeSet::new(),
            loaded_at: std::time::SystemTime::now(),
            made: Default::default(),
        };
        for triple in triples {
            site.index(triple);
        }
        Ok(site)
    }

    fn index(&mut self, triple: Triple) {
        if let Term::NamedNode(object) = &triple.object {
            self.incoming
                .entry(object.as_str().to_owned())
                .or_default()
                .push(triple.clone());
        }
        match &triple.subject {
            NamedOrBlankNode::NamedNode(s) => {
                let resource = without_fragment(s.as_str()).to_owned();
                if let Some(path) = resource.strip_prefix(self.base.as_str()) {
                    self.paths.insert(path.to_owned());
                }
                self.by_resource.entry(resource).or_default().push(triple);
            }
            NamedOrBlankNode::BlankNode(b) => {
                self.by_blank.entry(b.clone()).or_default().push(triple)
            }
            #[allow(unreachable_patterns)]
            _ => {}
        }
    }

    /// The description of a resource (see the module documentation); empty when unknown.
    pub fn description(&self, resource: &str) -> Vec<Triple> {
        let mut out: Vec<Triple> = self.by_resource.get(resource).cloned().unwrap_or_default();
        self.close_blank_nodes(&mut out);
        out
    }

    /// Adds the statements of every blank node the triples reach, transitively.
    fn close_blank_nodes(&self, out: &mut Vec<Triple>) {
        let mut seen = std::collections::HashSet::new();
        let mut next = 0;
        while next < out.len() {
            if let Term::BlankNode(b) = &out[next].object {
                if seen.insert(b.clone()) {
                    out.extend(self.by_blank.get(b).cloned().unwrap_or_default());
                }
            }
            next += 1;
        }
    }

    /// Whether the resource (or one of its fragments) has statements, or is a named graph.
    pub fn has(&self, resource: &str) -> bool {
        self.by_resource.contains_key(resource) || self.graphs.contains_key(resource)
    }

    /// The statements whose subject is exactly `iri`.
    pub fn about(&self, iri: &str) -> impl Iterator<Item = &Triple> {
        let iri = iri.to_owned();
        self.by_resource
            .get(without_fragment(&iri))
            .into_iter()
            .flatten()
            .filter(move |t| subject_is(t, &iri))
    }

    /// The IRIs `resource#…` that are subjects of statements, in order.
    pub fn fragments(&self, resource: &str) -> Vec<&str> {
        let mut found: Vec<&str> = self
            .by_resource
            .get(resource)
            .into_iter()
            .flatten()
            .filter_map(|t| match &t.subject {
                NamedOrBlankNode::NamedNode(s) if s.as_str().len() > resource.len() => {
                    Some(s.as_str())
                }
                _ => None,
            })
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The statements of a blank node.
    pub fn about_blank(&self, node: &BlankNode) -> &[Triple] {
        self.by_blank.get(node).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The objects of `iri predicate ?o`.
    pub fn objects<'a>(&'a self, iri: &str, predicate: &str) -> Vec<&'a Term> {
        let predicate = predicate.to_owned();
        self.about(iri)
            .filter(|t| t.predicate.as_str() == predicate)
            .map(|t| &t.object)
            .collect()
    }

    /// The IRI objects of `iri predicate ?o`.
    pub fn linked(&self, iri: &str, predicate: &str) -> Vec<String> {
        self.objects(iri, predicate)
            .into_iter()
            .filter_map(|o| match o {
                Term::NamedNode(n) => Some(n.as_str().to_owned()),
                _ => None,
            })
            .collect()
    }

    /// The first literal value of `iri predicate ?o` (English first, then untagged, then any).
    pub fn literal(&self, iri: &str, predicate: &str) -> Option<String> {
        self.literal_in(iri, predicate, &["en", ""])
            .or_else(|| self.literal_any(iri, predicate))
    }

    /// The literal of `iri predicate ?o` in the first of `languages` that has one.
    pub fn literal_in(&self, iri: &str, predicate: &str, languages: &[&str]) -> Option<String> {
        let objects = self.objects(iri, predicate);
        languages.iter().find_map(|lang| {
            objects.iter().find_map(|o| match o {
                Term::Literal(l) if l.language().unwrap_or("") == *lang => {
                    Some(l.value().to_owned())
                }
                _ => None,
            })
        })
    }

    fn literal_any(&self, iri: &str, predicate: &str) -> Option<String> {
        self.objects(iri, predicate)
            .into_iter()
            .find_map(|o| match o {
                Term::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            })
    }

    /// An integer literal of `iri predicate ?o`.
    pub fn integer(&self, iri: &str, predicate: &str) -> Option<usize> {
        self.literal_any(iri, predicate)?.parse().ok()
    }

    /// The statements `?s predicate iri`, as subjects.
    pub fn subjects_linking(&self, iri: &str, predicate: &str) -> Vec<String> {
        let mut subjects: Vec<String> = self
            .incoming(iri)
            .iter()
            .filter(|t| t.predicate.as_str() == predicate)
            .filter_map(|t| match &t.subject {
                NamedOrBlankNode::NamedNode(n) => Some(n.as_str().to_owned()),
                _ => None,
            })
            .collect();
        subjects.sort();
        subjects.dedup();
        subjects
    }

    /// Every statement whose object is `iri`.
    pub fn incoming(&self, iri: &str) -> &[Triple] {
        self.incoming.get(iri).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The label a page shows for an IRI: its English `rdfs:label` or `skos:prefLabel`, any
    /// label, else the IRI shortened with the project's prefixes.
    pub fn label(&self, iri: &str) -> String {
        let rdfs_label = format!("{}label", ns::RDFS);
        let pref_label = format!("{}prefLabel", ns::SKOS);
        self.literal(iri, &rdfs_label)
            .or_else(|| self.literal(iri, &pref_label))
            .or_else(|| self.literal(iri, &format!("{}title", ns::DCTERMS)))
            .or_else(|| self.quote_label(iri))
            .unwrap_or_else(|| self.base.compact(iri))
    }

    /// A quote (a Web Annotation `oa:SpecificResource`) is named by its words: `Quote “…”`
    /// (the exact text of its `oa:TextQuoteSelector`, cut at 80 characters).
    fn quote_label(&self, iri: &str) -> Option<String> {
        let exact = self
            .linked(iri, &format!("{}hasSelector", ns::OA))
            .iter()
            .find_map(|s| self.literal(s, &format!("{}exact", ns::OA)))?;
        let short: String = exact.chars().take(80).collect();
        let more = if short.len() < exact.len() { "…" } else { "" };
        Some(format!("Quote “{short}{more}”"))
    }

    /// The classes of a resource.
    pub fn types(&self, iri: &str) -> Vec<String> {
        self.linked(iri, &format!("{}type", ns::RDF))
    }

    /// Whether a resource is an instance of the ontology term `class` (directly).
    pub fn is_a(&self, iri: &str, class: &NamedNode) -> bool {
        self.types(iri).iter().any(|t| t == class.as_str())
    }

    /// The members of an RDF list, in order.
    pub fn list_members(&self, head: &Term) -> Vec<Term> {
        let first = format!("{}first", ns::RDF);
        let rest = format!("{}rest", ns::RDF);
        let mut members = Vec::new();
        let mut node = head.clone();
        for _ in 0..10_000 {
            let triples: Vec<&Triple> = match &node {
                Term::BlankNode(b) => self.about_blank(b).iter().collect(),
                Term::NamedNode(n) => self.about(n.as_str()).collect(),
                _ => break,
            };
            let Some(member) = triples.iter().find(|t| t.predicate.as_str() == first) else {
                break;
            };
            members.push(member.object.clone());
            match triples.iter().find(|t| t.predicate.as_str() == rest) {
                Some(t) => node = t.object.clone(),
                None => break,
            }
        }
        members
    }

    /// The link a page uses for an IRI: its page on this site when it is under the base (a
    /// sentence, a paragraph or a mention of a document goes to its place in the reading view),
    /// else the IRI itself.
    pub fn href(&self, iri: &str) -> String {
        match iri.strip_prefix(self.base.as_str()) {
            Some(path) => match path.split_once('#') {
                Some((doc, fragment))
                    if fragment.starts_with("char=") && doc.starts_with("id/") =>
                {
                    let doc = super::pages::document_of_part(doc).unwrap_or(doc);
                    format!("{}read/{doc}#{fragment}", self.public_root)
                }
                _ => format!("{}page/{path}", self.public_root),
            },
            None => iri.to_owned(),
        }
    }

    /// The public URL of a path of this site (`page/id/x`, `sparql` …).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.public_root)
    }
}

/// The IRI without its `#fragment`.
pub fn without_fragment(iri: &str) -> &str {
    iri.split_once('#').map_or(iri, |(before, _)| before)
}

fn subject_is(triple: &Triple, iri: &str) -> bool {
    matches!(&triple.subject, NamedOrBlankNode::NamedNode(n) if n.as_str() == iri)
}
