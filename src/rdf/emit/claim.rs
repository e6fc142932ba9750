//! A claim: paraphrase, claimant, source document, the document that reports it, subjects,
//! perspective, characterizations, quotes and links to other claims.

use super::{en, rdf_type, Emitter};
use crate::annotation::{ResolvedClaim, ResolvedDocument};
use crate::vocab::{iri, ns};

impl Emitter<'_> {
    pub(super) fn claim(&mut self, claim: &ResolvedClaim, doc: &ResolvedDocument) {
        let subject = &claim.iri;
        self.add(subject, rdf_type(), self.wl("Claim"));
        self.add(subject, iri(ns::RDFS, "label"), en(&claim.label));
        self.add(subject, self.wl("claimant"), claim.claimant.clone());
        if let Some(source) = &claim.source {
            self.add(subject, self.wl("sourceDocument"), source.clone());
        }
        self.add(subject, self.wl("reportedIn"), doc.iri.clone());
        for s in &claim.subjects {
            self.add(subject, self.wl("subject"), s.clone());
        }
        self.add(subject, self.wl("perspective"), claim.perspective.clone());
        for c in &claim.characterizations {
            self.add(subject, self.wl("characterizedAs"), c.clone());
        }
        for (n, quote) in claim.quotes.iter().enumerate() {
            self.quote(doc, &claim.id, subject, n + 1, quote, "describing");
        }
        for (property, object) in &claim.links {
            self.add(subject, property.clone(), object.clone());
        }
        // An open attribution is shown, not hidden: the other readings and the curator's note.
        for other in &claim.alternative_claimants {
            self.add(subject, self.wl("alternativeClaimant"), other.clone());
        }
        if let Some(note) = &claim.attribution_note {
            self.add(subject, self.wl("attributionNote"), en(note));
        }
    }
}
