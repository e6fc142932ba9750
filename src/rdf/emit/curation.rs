//! What the curator adds to a text, in the file's curation graph (`B graph/curation/{name}`):
//! each statement itself, and the statement reified (`rdf:Statement`) as a `prov:Entity` of
//! class `wl:CuratorInference` (inferred from the text) or `wl:OutsideKnowledge` (brought from
//! outside it), attributed to the curator (`prov:wasAttributedTo`, a `prov:Agent`), derived from
//! what it comes from (`prov:wasDerivedFrom`: a claim, a Wikidata item) and saying why
//! (`rdfs:comment`).

use super::{en, rdf_type, Emitter};
use crate::annotation::{ResolvedCurator, ResolvedFile};
use crate::vocab::{iri, ns};
use oxigraph::model::{Literal, NamedNode};
use std::collections::HashMap;

impl Emitter<'_> {
    pub(super) fn curation(&mut self, file: &ResolvedFile) {
        let Some(curator) = &file.curator else {
            return;
        };
        if file.curation.is_empty() {
            return;
        }
        self.curator(curator);
        let annotated = file.document.as_ref().and_then(|d| d.annotated.clone());
        // Statement IRIs numbered per item, in the file's order: `B id/{graph-id}/curation/{id}/{n}`.
        let mut numbers: HashMap<&str, usize> = HashMap::new();
        for entry in &file.curation {
            for (predicate, object) in &entry.statements {
                self.add(&entry.about, predicate.clone(), object.clone());
                let n = numbers.entry(entry.about_id.as_str()).or_insert(0);
                *n += 1;
                let statement = self.base.item(&format!(
                    "{}/curation/{}/{n}",
                    file.graph_id, entry.about_id
                ));
                self.add(&statement, rdf_type(), iri(ns::RDF, "Statement"));
                self.add(&statement, rdf_type(), iri(ns::PROV, "Entity"));
                self.add(&statement, rdf_type(), self.wl(entry.kind.class()));
                self.add(&statement, iri(ns::RDF, "subject"), entry.about.clone());
                self.add(&statement, iri(ns::RDF, "predicate"), predicate.clone());
                self.add(&statement, iri(ns::RDF, "object"), object.clone());
                self.add(
                    &statement,
                    iri(ns::PROV, "wasAttributedTo"),
                    curator.iri.clone(),
                );
                for source in &entry.from {
                    self.add(&statement, iri(ns::PROV, "wasDerivedFrom"), source.clone());
                }
                self.add(&statement, iri(ns::RDFS, "comment"), en(&entry.note));
                if let Some(time) = &annotated {
                    self.add(&statement, iri(ns::PROV, "generatedAtTime"), time.clone());
                }
            }
        }
    }

    /// The curator, described where its statements are.
    fn curator(&mut self, curator: &ResolvedCurator) {
        let agent = &curator.iri;
        self.add(agent, rdf_type(), iri(ns::PROV, "Agent"));
        self.add(agent, rdf_type(), iri(ns::FOAF, "Agent"));
        self.add(agent, iri(ns::RDFS, "label"), en(&curator.name));
        self.add(
            agent,
            iri(ns::FOAF, "name"),
            Literal::new_simple_literal(&curator.name),
        );
        if let Some(url) = &curator.url {
            self.add(agent, iri(ns::FOAF, "homepage"), NamedNode::clone(url));
        }
    }
}
