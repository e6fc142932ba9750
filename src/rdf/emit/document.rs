//! The annotated document: its class, title, language, text, hash, date, authors, publisher.

use super::{rdf_type, Emitter};
use crate::annotation::ResolvedDocument;
use crate::vocab::{iri, ns};
use oxigraph::model::Literal;

impl Emitter<'_> {
    pub(super) fn document(&mut self, doc: &ResolvedDocument) {
        let subject = &doc.iri;
        self.add(subject, rdf_type(), doc.class.clone());
        self.add(subject, rdf_type(), iri(ns::NIF, "Context"));
        self.add(subject, iri(ns::RDFS, "label"), self.lang(&doc.title));
        self.add(subject, iri(ns::DCTERMS, "title"), self.lang(&doc.title));
        self.add(
            subject,
            iri(ns::DCTERMS, "language"),
            Literal::new_simple_literal(&doc.language),
        );
        self.add(
            subject,
            iri(ns::NIF, "isString"),
            Literal::new_simple_literal(doc.text.as_str()),
        );
        self.add(
            subject,
            self.wl("sha256"),
            Literal::new_simple_literal(&doc.sha256),
        );
        if let Some(date) = &doc.date {
            self.add(subject, self.wl("date"), date.clone());
        }
        for author in &doc.authors {
            self.add(subject, self.wl("author"), author.clone());
        }
        if let Some(publisher) = &doc.publisher {
            self.add(subject, self.wl("publisher"), publisher.clone());
        }
        for (n, quote) in doc.quotes.iter().enumerate() {
            self.quote(doc, &doc.id, subject, n + 1, quote, "identifying");
        }
        // The annotation itself (this graph): when it was made, for its nanopublications.
        if let (Some(annotated), oxigraph::model::GraphName::NamedNode(graph)) =
            (&doc.annotated, &self.graph)
        {
            let graph = graph.clone();
            self.add(&graph, iri(ns::DCTERMS, "created"), annotated.clone());
        }
    }
}
