//! The IRIs of the streamed export's JSON-LD processor: parsed once (`iref::IriBuf`, as the
//! processor reads their parts), shared (`Arc`: a copy costs a counter), hashed and compared as
//! their text.
//!
//! Why not `IriBuf` itself with the unit vocabulary: `IriBuf` hashes and compares its IRI
//! character by character, percent-decoded, and the processor hashes IRIs all the time (node
//! objects and their properties are kept in hash sets, the inverse context is a hash map by
//! IRI): that took a fifth of an export. RDF compares IRIs as strings (jsonld.js too), so
//! comparing the text is also what the whole-dataset path (sophia's `ArcIri`) does.
//!
//! [`Iris`] is the vocabulary of these IRIs: like the unit vocabulary, it stores nothing (each
//! thread makes its own), and blank node ids, literals and language tags are as in the unit
//! vocabulary.

use iref::IriBuf;
use langtag::{LanguageTag, LanguageTagBuf};
use rdf_types::vocabulary::{
    BlankIdVocabulary, BlankIdVocabularyMut, IriVocabulary, IriVocabularyMut,
    LanguageTagVocabulary, LanguageTagVocabularyMut, LiteralVocabulary, LiteralVocabularyMut,
};
use rdf_types::{literal, BlankId, BlankIdBuf, Literal};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// An IRI, parsed once, shared, hashed and compared as its text.
#[derive(Clone)]
pub(super) struct Iri(Arc<IriBuf>);

impl Iri {
    pub(super) fn new(iri: IriBuf) -> Self {
        Self(Arc::new(iri))
    }

    /// Parses `text` (`None` when it is not an IRI).
    pub(super) fn parse(text: &str) -> Option<Self> {
        IriBuf::new(text).ok().map(Self::new)
    }

    pub(super) fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl Hash for Iri {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl PartialEq for Iri {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.as_str() == other.as_str()
    }
}

impl Eq for Iri {}

impl std::fmt::Debug for Iri {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<{}>", self.as_str())
    }
}

impl std::fmt::Display for Iri {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The vocabulary of [`Iri`]s (stores nothing).
#[derive(Clone, Copy, Default)]
pub(super) struct Iris;

impl IriVocabulary for Iris {
    type Iri = Iri;

    fn iri<'i>(&'i self, id: &'i Iri) -> Option<iref::Iri<'i>> {
        Some(id.0.as_iri())
    }

    fn get(&self, iri: iref::Iri) -> Option<Iri> {
        Some(Iri::new(iri.to_owned()))
    }
}

impl IriVocabularyMut for Iris {
    fn insert(&mut self, iri: iref::Iri) -> Iri {
        Iri::new(iri.to_owned())
    }

    fn insert_owned(&mut self, iri: IriBuf) -> Iri {
        Iri::new(iri)
    }
}

impl BlankIdVocabulary for Iris {
    type BlankId = BlankIdBuf;

    fn blank_id<'b>(&'b self, id: &'b BlankIdBuf) -> Option<&'b BlankId> {
        Some(id.as_blank_id_ref())
    }

    fn get_blank_id(&self, id: &BlankId) -> Option<BlankIdBuf> {
        Some(id.to_owned())
    }
}

impl BlankIdVocabularyMut for Iris {
    fn insert_blank_id(&mut self, id: &BlankId) -> BlankIdBuf {
        id.to_owned()
    }
}

type UnitLiteral = Literal<literal::Type<IriBuf, LanguageTagBuf>, String>;

impl LiteralVocabulary for Iris {
    type Literal = UnitLiteral;
    type Type = literal::Type<IriBuf, LanguageTagBuf>;
    type Value = String;

    fn literal<'l>(&'l self, id: &'l UnitLiteral) -> Option<&'l UnitLiteral> {
        Some(id)
    }

    fn get_literal(&self, id: &UnitLiteral) -> Option<UnitLiteral> {
        Some(id.to_owned())
    }
}

impl LiteralVocabularyMut for Iris {
    fn insert_literal(&mut self, value: &UnitLiteral) -> UnitLiteral {
        value.to_owned()
    }
}

impl LanguageTagVocabulary for Iris {
    type LanguageTag = LanguageTagBuf;

    fn language_tag<'l>(&'l self, id: &'l LanguageTagBuf) -> Option<LanguageTag<'l>> {
        Some(id.as_ref())
    }

    fn get_language_tag(&self, id: LanguageTag) -> Option<LanguageTagBuf> {
        Some(id.cloned())
    }
}

impl LanguageTagVocabularyMut for Iris {
    fn insert_language_tag(&mut self, value: LanguageTag) -> LanguageTagBuf {
        value.cloned()
    }
}
