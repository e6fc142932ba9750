//! The text as NIF 2.0: the document as `nif:Context`, its paragraphs and sentences, the
//! sentences each claim lies in, the sentences marked as carrying no claim, and the mentions of
//! the corpus's entities (`nif:Phrase` with `itsrdf:taIdentRef`).

use super::{rdf_type, Emitter};
use crate::annotation::{ResolvedDocument, ResolvedEntity};
use crate::text::{paragraph_iri, phrase_iri, sentence_iri, Segmentation, SourceText, Span};
use crate::vocab::{iri, ns};
use oxigraph::model::{Literal, NamedNode};

fn nif(local: &str) -> NamedNode {
    iri(ns::NIF, local)
}

fn index(n: usize) -> Literal {
    Literal::new_typed_literal(n.to_string(), iri(ns::XSD, "integer"))
}

impl Emitter<'_> {
    /// The triples every NIF substring has: its class, context, offsets and words.
    fn nif_string(&mut self, node: &NamedNode, class: &str, span: &Span, doc: &ResolvedDocument) {
        self.nif_span(node, class, span, &doc.iri, &doc.text);
    }

    fn nif_span(
        &mut self,
        node: &NamedNode,
        class: &str,
        span: &Span,
        document: &NamedNode,
        text: &SourceText,
    ) {
        self.add(node, rdf_type(), nif(class));
        self.add(node, rdf_type(), nif("RFC5147String"));
        self.add(node, nif("referenceContext"), document.clone());
        self.add(node, nif("beginIndex"), index(span.begin));
        self.add(node, nif("endIndex"), index(span.end));
        let words = Literal::new_simple_literal(text.slice(span.begin, span.end));
        self.add(node, nif("anchorOf"), words);
    }

    pub(super) fn text_structure(&mut self, doc: &ResolvedDocument) {
        let document = &doc.iri;
        self.add(document, nif("beginIndex"), index(0));
        self.add(document, nif("endIndex"), index(doc.text.char_len()));
        if let Some(url) = &doc.source_url {
            self.add(document, nif("sourceUrl"), url.clone());
        }
        let segmentation = &doc.segmentation;
        let sentences: Vec<NamedNode> = segmentation
            .sentences
            .iter()
            .map(|span| NamedNode::new_unchecked(sentence_iri(document.as_str(), span)))
            .collect();
        for paragraph in &segmentation.paragraphs {
            let node = NamedNode::new_unchecked(paragraph_iri(document.as_str(), &paragraph.span));
            self.nif_string(&node, "Paragraph", &paragraph.span, doc);
            self.add(&node, nif("superString"), document.clone());
            for i in paragraph.sentences.clone() {
                let sentence = &sentences[i];
                self.nif_string(sentence, "Sentence", &segmentation.sentences[i], doc);
                self.add(sentence, nif("superString"), node.clone());
                self.add(&node, nif("sentence"), sentence.clone());
                if let Some(previous) = i.checked_sub(1).map(|p| &sentences[p]) {
                    self.add(sentence, nif("previousSentence"), previous.clone());
                }
                if let Some(next) = sentences.get(i + 1) {
                    self.add(sentence, nif("nextSentence"), next.clone());
                }
            }
        }
        for (claim, i) in &doc.claim_sentences {
            self.add(claim, self.wl("inSentence"), sentences[*i].clone());
        }
        for (i, reason) in &doc.no_claims {
            let reason = Literal::new_simple_literal(reason);
            self.add(&sentences[*i], self.wl("noClaimReason"), reason);
        }
        self.mentions(&doc.iri, &doc.text, segmentation, &doc.mentions);
    }

    /// The mentions of entities in a text (`nif:Phrase`s), with the sentences they lie in.
    pub(super) fn mentions(
        &mut self,
        document: &NamedNode,
        text: &SourceText,
        segmentation: &Segmentation,
        mentions: &[(Span, NamedNode)],
    ) {
        for (span, entity) in mentions {
            let node = NamedNode::new_unchecked(phrase_iri(document.as_str(), span));
            self.nif_span(&node, "Phrase", span, document, text);
            for i in segmentation.sentences_overlapping(span) {
                let sentence = NamedNode::new_unchecked(sentence_iri(
                    document.as_str(),
                    &segmentation.sentences[i],
                ));
                self.add(&node, nif("sentence"), sentence.clone());
                self.add(&node, nif("superString"), sentence);
            }
            self.add(&node, iri(ns::ITSRDF, "taIdentRef"), entity.clone());
        }
    }

    /// The places where the curator said a form does not name an entity, so that a later load
    /// that searches this text again for the corpus's entities still leaves them out.
    pub(super) fn exclusions(&mut self, doc: &ResolvedDocument, entities: &[ResolvedEntity]) {
        for entity in entities {
            for x in &entity.exclusions {
                let span = Span::new(x.start, x.end);
                let node = NamedNode::new_unchecked(exclusion_iri(doc.iri.as_str(), &span));
                self.add(&node, nif("referenceContext"), doc.iri.clone());
                self.add(&node, nif("beginIndex"), index(span.begin));
                self.add(&node, nif("endIndex"), index(span.end));
                self.add(
                    &node,
                    nif("anchorOf"),
                    Literal::new_simple_literal(&x.exact),
                );
                self.add(&node, self.wl("notMentionOf"), entity.iri.clone());
            }
        }
    }
}

/// IRI of an exclusion, `{document}/exclusion#char=b,e`.
pub fn exclusion_iri(document: &str, span: &Span) -> String {
    format!(
        "{document}/exclusion#{}",
        crate::text::nif::char_fragment(span)
    )
}
