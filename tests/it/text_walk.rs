//! The walk of issue 19: every statement of a text graph (the bundled graph's annotation graphs,
//! not the ontology's, not `graph/curation/…`) walks back to a quote, the document or the
//! ontology, so the text graphs hold no curator statement.
//!
//! A statement of a text graph is about the document or its text (quotes, sentences, mentions),
//! is part of a claim's reading (claimant, source, subjects, perspective, quotes …: never a link
//! to another claim), or is about an entity the text names: its type, its names (words the text
//! has, in any language but the English label), its members, and links to other entities — each
//! needing a sentence of the text that names both. That last condition is necessary, not
//! sufficient (the ODNI and the Intelligence Community share a sentence): `curation.rs` checks by
//! name what the issue moved to curation.

use crate::util::{kg, select_text, term_text};
use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNode, Quad, Term};
use std::collections::{BTreeMap, BTreeSet};
use wangluo::store::KnowledgeGraph;
use wangluo::vocab::{ns, Base};

const B: &str = "https://w3id.org/wangluo/";
const WL: &str = "https://w3id.org/wangluo/ontology#";

/// What a text graph says, indexed for the walk.
struct TextGraph {
    graph: NamedNode,
    document: String,
    text: String,
    quads: Vec<Quad>,
    claims: BTreeSet<String>,
    /// Where the text names each item (quotes and mentions), as character spans.
    namings: BTreeMap<String, Vec<(i64, i64)>>,
    sentences: Vec<(i64, i64)>,
}

impl TextGraph {
    fn read(kg: &KnowledgeGraph, graph: NamedNode) -> Self {
        let g = graph.as_str();
        let rows = select_text(
            kg,
            &format!(
                "SELECT ?d ?t WHERE {{ GRAPH <{g}> {{ ?d a nif:Context ; nif:isString ?t }} }}"
            ),
        );
        let (document, text) = (rows[0]["d"].clone(), rows[0]["t"].clone());
        let quads = kg
            .store()
            .quads_for_pattern(
                None,
                None,
                None,
                Some(GraphNameRef::NamedNode(graph.as_ref())),
            )
            .collect::<Result<Vec<_>, _>>()
            .expect("graph reads");
        let pairs = |sparql: &str| -> Vec<(String, String)> {
            select_text(kg, &sparql.replace("GRAPH_", &format!("GRAPH <{g}>")))
                .into_iter()
                .map(|r| (r["a"].clone(), r["b"].clone()))
                .collect()
        };
        let claims = pairs("SELECT ?a ?b WHERE { GRAPH_ { ?a a wl:Claim ; wl:hasQuote ?b } }")
            .into_iter()
            .map(|(a, _)| a)
            .collect();
        let mut namings: BTreeMap<String, Vec<(i64, i64)>> = BTreeMap::new();
        for row in select_text(
            kg,
            &format!(
                "SELECT ?x ?s ?e WHERE {{ GRAPH <{g}> {{
                   {{ ?x wl:hasQuote/oa:hasSelector ?sel . ?sel oa:start ?s ; oa:end ?e }}
                   UNION {{ ?p itsrdf:taIdentRef ?x ; nif:beginIndex ?s ; nif:endIndex ?e }} }} }}"
            ),
        ) {
            let span = (row["s"].parse().unwrap(), row["e"].parse().unwrap());
            namings.entry(row["x"].clone()).or_default().push(span);
        }
        let sentences = select_text(
            kg,
            &format!("SELECT ?s ?e WHERE {{ GRAPH <{g}> {{ ?x a nif:Sentence ; nif:beginIndex ?s ; nif:endIndex ?e }} }}"),
        )
        .iter()
        .map(|r| (r["s"].parse().unwrap(), r["e"].parse().unwrap()))
        .collect();
        Self {
            graph,
            document,
            text,
            quads,
            claims,
            namings,
            sentences,
        }
    }

    /// Whether one sentence of the text names both items.
    fn named_together(&self, a: &str, b: &str) -> bool {
        let (Some(a), Some(b)) = (self.namings.get(a), self.namings.get(b)) else {
            return false;
        };
        let within = |(s, e): (i64, i64), span: &(i64, i64)| span.0 < e && s < span.1;
        self.sentences.iter().any(|&sentence| {
            a.iter().any(|x| within(sentence, x)) && b.iter().any(|x| within(sentence, x))
        })
    }

    /// Whether the same subject and object are linked by a `wl:` property in this graph: a
    /// standard property (`dcterms:isPartOf`, `skos:altLabel` …) written beside it.
    fn standard_twin(&self, quad: &Quad) -> bool {
        !quad.predicate.as_str().starts_with(WL)
            && self.quads.iter().any(|q| {
                q.subject == quad.subject
                    && q.object == quad.object
                    && q.predicate.as_str().starts_with(WL)
            })
    }

    /// Why a triple of this graph does not walk back to the text (None when it does).
    fn unread(&self, quad: &Quad) -> Option<String> {
        let NamedOrBlankNode::NamedNode(subject) = &quad.subject else {
            // The nodes of a set's skos:memberList, the order the text lists the members in.
            let list = [format!("{}first", ns::RDF), format!("{}rest", ns::RDF)];
            return (!list.contains(&quad.predicate.as_str().to_owned()))
                .then(|| "a blank node that is not a member list".to_owned());
        };
        let s = subject.as_str();
        let doc = &self.document;
        // The document, its graph, its concept scheme; its quotes, sentences, mentions.
        if s == doc || s == self.graph.as_str() || s.starts_with(&format!("{doc}/")) {
            return None;
        }
        if s.starts_with(&format!("{doc}#")) {
            return None;
        }
        if self.standard_twin(quad) {
            return None;
        }
        let p = quad.predicate.as_str();
        let local = p.strip_prefix(WL);
        if self.claims.contains(s) {
            return self.unread_claim(s, local, &quad.object);
        }
        if !self.namings.contains_key(s) {
            return Some("an item the text never names".to_owned());
        }
        self.unread_entity(s, p, &quad.object)
    }

    fn unread_claim(&self, claim: &str, local: Option<&str>, object: &Term) -> Option<String> {
        const READ: [&str; 10] = [
            "claimant",
            "alternativeClaimant",
            "attributionNote",
            "sourceDocument",
            "reportedIn",
            "subject",
            "perspective",
            "characterizedAs",
            "hasQuote",
            "inSentence",
        ];
        match local {
            Some(l) if READ.contains(&l) => None,
            Some("statesQuantity") => {
                let quantity = term_text(object);
                (!self.named_together(claim, &quantity))
                    .then(|| "a quantity its quote does not state".to_owned())
            }
            Some(l) => Some(format!(
                "wl:{l} is not part of a claim's reading (a curator's link)"
            )),
            None => None, // rdf:type wl:Claim, rdfs:label (its paraphrase)
        }
    }

    fn unread_entity(&self, entity: &str, predicate: &str, object: &Term) -> Option<String> {
        let rdf_type = format!("{}type", ns::RDF);
        let structural = [
            rdf_type,
            format!("{WL}hasQuote"),
            format!("{}inScheme", ns::SKOS),
            format!("{}member", ns::SKOS),
            format!("{}memberList", ns::SKOS),
        ];
        if structural.iter().any(|p| p == predicate) {
            return None;
        }
        if predicate == format!("{}sameAs", ns::OWL) {
            return Some("an identity brought from outside".to_owned());
        }
        match object {
            Term::Literal(literal) => {
                let named = [
                    format!("{}label", ns::RDFS),
                    format!("{}prefLabel", ns::SKOS),
                ];
                let english = literal.language() == Some("en");
                let free = english && named.contains(&predicate.to_owned());
                let kept_as_is = literal.language().is_none() && !predicate.ends_with("content");
                if free || kept_as_is || self.text.contains(literal.value()) {
                    None
                } else {
                    Some(format!("words the text does not have: {literal}"))
                }
            }
            Term::NamedNode(other) => {
                let other = other.as_str();
                (!self.named_together(entity, other)).then(|| {
                    "a link between two things no sentence of the text names together".to_owned()
                })
            }
            _ => Some("an unexpected object".to_owned()),
        }
    }
}

/// The annotation graphs of the bundled graph: not the ontology's, not the curation graphs.
fn text_graphs(kg: &KnowledgeGraph) -> Vec<NamedNode> {
    let base = Base::default();
    kg.store()
        .named_graphs()
        .filter_map(|g| match g.expect("graph") {
            NamedOrBlankNode::NamedNode(g) => Some(g),
            _ => None,
        })
        .filter(|g| {
            *g != base.ontology_graph() && !g.as_str().starts_with(&format!("{B}graph/curation/"))
        })
        .collect()
}

#[test]
fn every_statement_of_a_text_graph_walks_back_to_the_text() {
    let kg = kg();
    let graphs = text_graphs(&kg);
    assert!(graphs
        .iter()
        .any(|g| g.as_str() == format!("{B}graph/rathor-2024")));
    let mut unread = Vec::new();
    for graph in graphs {
        let text = TextGraph::read(&kg, graph);
        assert!(text.quads.len() > 5000 && text.claims.len() >= 55);
        for quad in &text.quads {
            if let Some(why) = text.unread(quad) {
                unread.push(format!(
                    "{} {} {}: {why}",
                    quad.subject, quad.predicate, quad.object
                ));
            }
        }
    }
    assert!(
        unread.is_empty(),
        "{} curator statements in a text graph:\n{}",
        unread.len(),
        unread.join("\n")
    );
}
