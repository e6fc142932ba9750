//! Assembling a claim's nanopublication from the graph: its head, its assertion (the claim's own
//! statements), its provenance (the op-ed and the quotes the claim is read from) and its
//! publication info; then its trusty URI ([`super::trusty`]).

use super::{trusty, vocab, ClaimNanopub, Graphs, NanopubError, LICENSE};
use crate::error::Result;
use crate::store::KnowledgeGraph;
use crate::util::slug::slug;
use crate::vocab::{iri, ns, Base};
use nanopub::vocab::np;
use oxigraph::model::{GraphNameRef, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use std::collections::{BTreeMap, BTreeSet};

/// Every claim (`wl:Claim`) of the graph as a nanopublication, sorted by claim id.
pub fn claim_nanopubs(kg: &KnowledgeGraph) -> Result<Vec<ClaimNanopub>> {
    let claim_class = kg.base().term("Claim");
    let claims: BTreeSet<NamedNode> = kg
        .store()
        .quads_for_pattern(
            None,
            Some(iri(ns::RDF, "type").as_ref()),
            Some(claim_class.as_ref().into()),
            None,
        )
        .filter_map(|q| match q {
            Ok(Quad {
                subject: NamedOrBlankNode::NamedNode(n),
                ..
            }) => Some(Ok(n)),
            Ok(_) => None,
            Err(e) => Some(Err(e)),
        })
        .collect::<std::result::Result<_, _>>()?;
    let mut nanopubs = Vec::with_capacity(claims.len());
    let mut ids = BTreeSet::new();
    for claim in claims {
        let np = claim_nanopub(kg, &claim)?;
        if !ids.insert(np.claim_id.clone()) {
            return Err(NanopubError::unusable(
                claim.as_str(),
                format!(
                    "two claims have the id `{}`; their nanopublications would share a file name",
                    np.claim_id
                ),
            ));
        }
        nanopubs.push(np);
    }
    nanopubs.sort_by(|a, b| a.claim_id.cmp(&b.claim_id));
    Ok(nanopubs)
}

/// The claim's id: its local name under the data namespace, else the last segment of its IRI.
fn claim_id(base: &Base, claim: &NamedNode) -> String {
    let local = claim
        .as_str()
        .strip_prefix(base.item_namespace().as_str())
        .unwrap_or_else(|| {
            claim
                .as_str()
                .trim_end_matches(['/', '#'])
                .rsplit(['/', '#'])
                .next()
                .unwrap_or("claim")
        });
    slug(local, &[], "claim")
}

/// The statements (of any graph but the curation graphs: a nanopublication asserts what the text
/// states, not what the curator derives from it) whose subject is `subject`, without duplicates,
/// sorted.
fn statements_about(kg: &KnowledgeGraph, subject: &NamedNode) -> Result<Vec<(NamedNode, Term)>> {
    let curation = format!("{}graph/curation/", kg.base().as_str());
    let mut statements = BTreeMap::new();
    for q in kg
        .store()
        .quads_for_pattern(Some(subject.as_ref().into()), None, None, None)
    {
        let q = q?;
        if matches!(&q.graph_name, oxigraph::model::GraphName::NamedNode(g) if g.as_str().starts_with(&curation))
        {
            continue;
        }
        statements.insert(
            (q.predicate.to_string(), q.object.to_string()),
            (q.predicate, q.object),
        );
    }
    Ok(statements.into_values().collect())
}

fn objects(statements: &[(NamedNode, Term)], predicate: &NamedNode) -> Vec<Term> {
    statements
        .iter()
        .filter(|(p, _)| p == predicate)
        .map(|(_, o)| o.clone())
        .collect()
}

fn named_objects(statements: &[(NamedNode, Term)], predicate: &NamedNode) -> Vec<NamedNode> {
    objects(statements, predicate)
        .into_iter()
        .filter_map(|o| match o {
            Term::NamedNode(n) => Some(n),
            _ => None,
        })
        .collect()
}

/// A nanopublication being assembled under its temporary URI (before the hash is known, the
/// nanopublication is `{base}np/{claim-id}/#` and its graphs `…/#Head` etc.).
struct Draft<'a> {
    kg: &'a KnowledgeGraph,
    claim: &'a NamedNode,
    uri: NamedNode,
    graphs: Graphs,
    quads: Vec<Quad>,
}

impl Draft<'_> {
    fn add(
        &mut self,
        s: &NamedNode,
        p: NamedNode,
        o: impl Into<Term>,
        graph: fn(&Graphs) -> &NamedNode,
    ) {
        let g = graph(&self.graphs).clone();
        self.quads.push(Quad::new(s.clone(), p, o, g));
    }

    /// Head: the nanopublication and its three other graphs.
    fn head(&mut self) {
        let uri = self.uri.clone();
        let links = [
            (np::HAS_ASSERTION, self.graphs.assertion.clone()),
            (np::HAS_PROVENANCE, self.graphs.provenance.clone()),
            (np::HAS_PUBLICATION_INFO, self.graphs.pubinfo.clone()),
        ];
        let nanopublication = np::NANOPUBLICATION.into_owned();
        self.add(&uri, iri(ns::RDF, "type"), nanopublication, |g| &g.head);
        for (link, graph) in links {
            self.add(&uri, link.into_owned(), graph, |g| &g.head);
        }
    }

    /// Assertion: the claim's statements, its quotes and the sentences carrying them aside (they
    /// are provenance: where the claim is read in the text, not what it says). Returns the claim's
    /// statements.
    fn assertion(&mut self) -> Result<Vec<(NamedNode, Term)>> {
        let base = self.kg.base();
        let (has_quote, in_sentence) = (base.term("hasQuote"), base.term("inSentence"));
        let statements = statements_about(self.kg, self.claim)?;
        let claim = self.claim;
        for (p, o) in &statements {
            if *p != has_quote && *p != in_sentence {
                self.add(claim, p.clone(), o.clone(), |g| &g.assertion);
            }
        }
        Ok(statements)
    }

    /// Provenance: derived from the reporting document and from the quotes of it, attributed to
    /// the claimant.
    fn provenance(&mut self, claim_statements: &[(NamedNode, Term)]) -> Result<()> {
        let base = self.kg.base().clone();
        let prov = |local: &str| iri(ns::PROV, local);
        let assertion = self.graphs.assertion.clone();
        for document in named_objects(claim_statements, &base.term("reportedIn")) {
            self.add(&assertion, prov("wasDerivedFrom"), document.clone(), |g| {
                &g.provenance
            });
            let document_statements = statements_about(self.kg, &document)?;
            for p in [iri(ns::DCTERMS, "title"), base.term("sha256")] {
                for o in objects(&document_statements, &p) {
                    self.add(&document, p.clone(), o, |g| &g.provenance);
                }
            }
        }
        for claimant in named_objects(claim_statements, &base.term("claimant")) {
            self.add(&assertion, prov("wasAttributedTo"), claimant, |g| {
                &g.provenance
            });
        }
        for target in named_objects(claim_statements, &base.term("hasQuote")) {
            self.add(&assertion, prov("wasDerivedFrom"), target.clone(), |g| {
                &g.provenance
            });
            self.quote(&target)?;
        }
        Ok(())
    }

    /// A quote of the text (a Web Annotation target), its selectors, and the annotation that ties
    /// the claim (its body) to the quote (its target).
    fn quote(&mut self, target: &NamedNode) -> Result<()> {
        let oa = |local: &str| iri(ns::OA, local);
        let target_statements = statements_about(self.kg, target)?;
        for (p, o) in &target_statements {
            self.add(target, p.clone(), o.clone(), |g| &g.provenance);
        }
        for selector in named_objects(&target_statements, &oa("hasSelector")) {
            for (p, o) in statements_about(self.kg, &selector)? {
                self.add(&selector, p, o, |g| &g.provenance);
            }
        }
        let kg = self.kg;
        for q in kg.store().quads_for_pattern(
            None,
            Some(oa("hasTarget").as_ref()),
            Some(target.as_ref().into()),
            None,
        ) {
            if let NamedOrBlankNode::NamedNode(annotation) = q?.subject {
                for (p, o) in statements_about(self.kg, &annotation)? {
                    self.add(&annotation, p, o, |g| &g.provenance);
                }
            }
        }
        Ok(())
    }

    /// Publication info: creation date, creator, licence, the claim introduced, its labels, and
    /// the wangluo version that wrote it.
    fn pubinfo(&mut self, claim_statements: &[(NamedNode, Term)], created: Literal) {
        let base = self.kg.base().clone();
        let uri = self.uri.clone();
        let dcterms = |local: &str| iri(ns::DCTERMS, local);
        let version = env!("CARGO_PKG_VERSION");
        let software =
            NamedNode::new_unchecked(format!("{}software/wangluo/{version}", base.as_str()));
        self.add(&uri, dcterms("created"), created, |g| &g.pubinfo);
        let creator = NamedNode::new_unchecked(base.as_str());
        self.add(&uri, dcterms("creator"), creator, |g| &g.pubinfo);
        let license = NamedNode::new_unchecked(LICENSE);
        self.add(&uri, dcterms("license"), license, |g| &g.pubinfo);
        let created_with = iri(vocab::PAV, "createdWith");
        self.add(&uri, created_with, software.clone(), |g| &g.pubinfo);
        let introduces = iri(vocab::NPX, "introduces");
        self.add(&uri, introduces, self.claim.clone(), |g| &g.pubinfo);
        for label in objects(claim_statements, &iri(ns::RDFS, "label")) {
            self.add(&uri, iri(ns::RDFS, "label"), label, |g| &g.pubinfo);
        }
        let application = iri(ns::SCHEMA, "SoftwareApplication");
        self.add(&software, iri(ns::RDF, "type"), application, |g| &g.pubinfo);
        let name = Literal::new_simple_literal("wangluo");
        self.add(&software, iri(ns::SCHEMA, "name"), name, |g| &g.pubinfo);
        let version = Literal::new_simple_literal(version);
        self.add(
            &software,
            iri(ns::SCHEMA, "softwareVersion"),
            version,
            |g| &g.pubinfo,
        );
    }
}

/// Builds one claim's nanopublication: first under a temporary namespace, then under its trusty
/// URI, whose artifact code the `nanopub` crate computes from the temporary form.
fn claim_nanopub(kg: &KnowledgeGraph, claim: &NamedNode) -> Result<ClaimNanopub> {
    let claim_id = claim_id(kg.base(), claim);
    // Normalization turns both the temporary and the final form into `{base}np/{claim-id}/ #Head`.
    let normalized_ns = format!("{}np/{claim_id}/", kg.base().as_str());
    let temp_ns = format!("{normalized_ns}#");
    let uri = NamedNode::new(temp_ns.as_str()).map_err(|e| NanopubError::unusable(&claim_id, e))?;
    let mut draft = Draft {
        kg,
        claim,
        uri,
        graphs: Graphs::under(&temp_ns),
        quads: Vec::new(),
    };
    draft.head();
    let claim_statements = draft.assertion()?;
    draft.provenance(&claim_statements)?;
    draft.pubinfo(&claim_statements, annotation_time(kg, claim, &claim_id)?);
    let quads = draft.quads;
    check_publishable(claim, &quads)?;
    let trusty = trusty::make_trusty_uri(&claim_id, &quads, &temp_ns, &normalized_ns)?;
    let mut quads = trusty.quads;
    sort_for_writing(
        &mut quads,
        &Graphs::under(&format!("{}#", trusty.uri.as_str())),
    );
    Ok(ClaimNanopub {
        claim_id,
        claim: claim.clone(),
        uri: trusty.uri,
        artifact_code: trusty.artifact_code,
        quads,
    })
}

/// When the annotation of the claim's document was made (`dcterms:created` of the graph that
/// declares the claim, from `annotated` in its `[document]`): the nanopublication's creation
/// time. Fixed by the data, not the time of the export, so that the same data always gives the
/// same nanopublications, and so the same trusty URIs.
fn annotation_time(kg: &KnowledgeGraph, claim: &NamedNode, claim_id: &str) -> Result<Literal> {
    let rdf_type = iri(ns::RDF, "type");
    let claim_class = kg.base().term("Claim");
    let created = iri(ns::DCTERMS, "created");
    let store = kg.store();
    let typed = store.quads_for_pattern(
        Some(claim.as_ref().into()),
        Some(rdf_type.as_ref()),
        Some(claim_class.as_ref().into()),
        None,
    );
    for quad in typed {
        let oxigraph::model::GraphName::NamedNode(graph) = quad?.graph_name else {
            continue;
        };
        let in_graph = Some(GraphNameRef::NamedNode(graph.as_ref()));
        for q in store.quads_for_pattern(
            Some(graph.as_ref().into()),
            Some(created.as_ref()),
            None,
            in_graph,
        ) {
            if let Term::Literal(time) = q?.object {
                return Ok(time);
            }
        }
    }
    Err(NanopubError::unusable(
        claim_id,
        "its document's annotation records no `annotated` time (add `annotated = \"2026-01-01T00:00:00Z\"` to its [document]); a nanopublication needs it as its creation time",
    ))
}

/// Refuses what the trusty URI of a nanopublication cannot cover faithfully: blank nodes, and
/// literals that the `nanopub` crate orders differently from the reference implementations.
fn check_publishable(claim: &NamedNode, quads: &[Quad]) -> Result<()> {
    if let Some(q) = quads.iter().find(|q| {
        q.subject.is_blank_node() || !matches!(q.object, Term::NamedNode(_) | Term::Literal(_))
    }) {
        return Err(NanopubError::unusable(
            claim.as_str(),
            format!("a nanopublication needs IRIs, not blank nodes: {q}"),
        ));
    }
    if let Some(statement) = trusty::literal_order_divergence(quads) {
        return Err(NanopubError::unusable(
            claim.as_str(),
            format!(
                "{statement} has several literals that the nanopub crate orders differently from \
                 the Trusty URI reference implementations, so they would compute another hash"
            ),
        ));
    }
    Ok(())
}

/// Head, assertion, provenance, publication info; then subjects, `rdf:type` first, objects.
fn sort_for_writing(quads: &mut [Quad], graphs: &Graphs) {
    let rdf_type = iri(ns::RDF, "type");
    quads.sort_by_cached_key(|q| {
        let rank = [
            &graphs.head,
            &graphs.assertion,
            &graphs.provenance,
            &graphs.pubinfo,
        ]
        .iter()
        .position(|g| GraphNameRef::from(g.as_ref()) == q.graph_name.as_ref())
        .unwrap_or(4);
        (
            rank,
            q.subject.to_string(),
            q.predicate != rdf_type,
            q.predicate.to_string(),
            q.object.to_string(),
        )
    });
}
