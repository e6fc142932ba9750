//! An entity: class, labels, names, dates, quantities, external identifiers, set members,
//! links, and where the document's text names it.

use super::{en, rdf_type, Emitter};
use crate::annotation::{ResolvedDocument, ResolvedEntity};
use crate::vocab::{iri, ns};
use oxigraph::model::{BlankNode, Literal, Term};

impl Emitter<'_> {
    /// Writes an entity; `doc` is the document whose text its quotes lie in (none in an entity
    /// file).
    pub(super) fn entity(&mut self, entity: &ResolvedEntity, doc: Option<&ResolvedDocument>) {
        let subject = &entity.iri;
        self.add(subject, rdf_type(), entity.class.clone());
        self.add(subject, iri(ns::RDFS, "label"), en(&entity.label));
        if entity.is_concept {
            self.add(subject, iri(ns::SKOS, "prefLabel"), en(&entity.label));
            self.add(
                subject,
                iri(ns::SKOS, "inScheme"),
                self.concept_scheme.clone(),
            );
        }
        for label in &entity.labels {
            self.add(subject, iri(ns::RDFS, "label"), label.clone());
            if entity.is_concept {
                self.add(subject, iri(ns::SKOS, "prefLabel"), label.clone());
            }
        }
        for alias in &entity.aliases {
            self.add(subject, iri(ns::SKOS, "altLabel"), en(alias));
        }
        for form in entity.extra_mention_forms() {
            self.add(subject, self.wl("mentionForm"), en(form));
        }
        for translation in &entity.translations {
            self.add(subject, self.wl("translation"), en(translation));
        }
        for role in &entity.roles {
            self.add(subject, iri(ns::SCHEMA, "jobTitle"), en(role));
        }
        if let Some(date) = &entity.date {
            self.add(subject, self.wl("date"), date.clone());
        }
        if let Some(value) = entity.value {
            self.add(subject, iri(ns::SCHEMA, "value"), Literal::from(value));
        }
        if let Some(unit) = &entity.unit {
            self.add(subject, iri(ns::SCHEMA, "unitText"), en(unit));
        }
        for same in &entity.same_as {
            self.add(subject, iri(ns::OWL, "sameAs"), same.clone());
        }
        self.members(entity);
        if let Some(doc) = doc {
            self.entity_quotes(entity, doc);
        }
        for (property, object) in &entity.links {
            self.add(subject, property.clone(), object.clone());
        }
    }

    /// An ordered set as a SKOS ordered collection: `skos:memberList`, an RDF list in the text's
    /// order, and `skos:member` for each member (what SKOS entails, written out for consumers
    /// without inference). A concept may be in several sets; its place is in each set's list.
    fn members(&mut self, entity: &ResolvedEntity) {
        let rdf = |local: &str| iri(ns::RDF, local);
        // Blank nodes labelled by file and set, so that exports are the same on every run.
        let prefix = self.blank_prefix.clone();
        let nodes: Vec<BlankNode> = (1..=entity.members.len())
            .map(|n| BlankNode::new_unchecked(format!("{prefix}-{}-list-{n}", entity.id)))
            .collect();
        if let Some(head) = nodes.first() {
            self.add(&entity.iri, iri(ns::SKOS, "memberList"), head.clone());
        }
        for (n, member) in entity.members.iter().enumerate() {
            self.add(&entity.iri, iri(ns::SKOS, "member"), member.clone());
            self.add_blank(&nodes[n], rdf("first"), member.clone());
            let rest: Term = match nodes.get(n + 1) {
                Some(next) => next.clone().into(),
                None => rdf("nil").into(),
            };
            self.add_blank(&nodes[n], rdf("rest"), rest);
        }
    }

    /// Where the text names the entity, and the words that state what it is.
    fn entity_quotes(&mut self, entity: &ResolvedEntity, doc: &ResolvedDocument) {
        let mut n = 0;
        for quote in &entity.quotes {
            n += 1;
            self.quote(doc, &entity.id, &entity.iri, n, quote, "identifying");
        }
        if let Some(content) = &entity.content {
            n += 1;
            self.quote(doc, &entity.id, &entity.iri, n, content, "describing");
            self.add(&entity.iri, self.wl("content"), self.lang(&content.exact));
        }
    }
}
