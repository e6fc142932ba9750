//! A quote as a Web Annotation: a `oa:SpecificResource` of the document with a
//! `oa:TextQuoteSelector` (exact words and context) and a `oa:TextPositionSelector` (character
//! offsets), and the `oa:Annotation` that ties it to what it quotes.

use super::{rdf_type, Emitter};
use crate::annotation::ResolvedDocument;
use crate::text::QuoteSelector;
use crate::vocab::{iri, ns};
use oxigraph::model::{Literal, NamedNode};

impl Emitter<'_> {
    /// The `n`-th quote of `owner` (id `owner_id`) in `doc`, with its motivation
    /// (`identifying` where the text names a thing, `describing` where it states something).
    pub(super) fn quote(
        &mut self,
        doc: &ResolvedDocument,
        owner_id: &str,
        owner: &NamedNode,
        n: usize,
        selector: &QuoteSelector,
        motivation: &str,
    ) {
        let target = self.base.item(&format!("{}/quote/{owner_id}/{n}", doc.id));
        let annotation = self
            .base
            .item(&format!("{}/annotation/{owner_id}/{n}", doc.id));
        let quote_selector = NamedNode::new_unchecked(format!("{}#quote", target.as_str()));
        let position_selector = NamedNode::new_unchecked(format!("{}#position", target.as_str()));
        let oa = |local: &str| iri(ns::OA, local);
        // xsd:integer: what Oxigraph and other stores keep a derived integer type as anyway.
        let integer = iri(ns::XSD, "integer");

        self.add(owner, self.wl("hasQuote"), target.clone());
        self.add(&target, rdf_type(), oa("SpecificResource"));
        self.add(&target, oa("hasSource"), doc.iri.clone());
        self.add(&target, oa("hasSelector"), quote_selector.clone());
        self.add(&target, oa("hasSelector"), position_selector.clone());
        self.add(&quote_selector, rdf_type(), oa("TextQuoteSelector"));
        self.add(&quote_selector, oa("exact"), self.lang(&selector.exact));
        self.add(&quote_selector, oa("prefix"), self.lang(&selector.prefix));
        self.add(&quote_selector, oa("suffix"), self.lang(&selector.suffix));
        self.add(&position_selector, rdf_type(), oa("TextPositionSelector"));
        let start = Literal::new_typed_literal(selector.start.to_string(), integer.clone());
        let end = Literal::new_typed_literal(selector.end.to_string(), integer);
        self.add(&position_selector, oa("start"), start);
        self.add(&position_selector, oa("end"), end);
        self.add(&annotation, rdf_type(), oa("Annotation"));
        self.add(&annotation, oa("hasBody"), owner.clone());
        self.add(&annotation, oa("hasTarget"), target);
        self.add(&annotation, oa("motivatedBy"), oa(motivation));
    }
}
