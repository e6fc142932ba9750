//! Pure text code: a source text and its quotes ([`source`]), its paragraphs and sentences
//! ([`nif`]), and the places where it names entities ([`mentions`]). Nothing here knows RDF or
//! the store; everything works on characters and returns character spans.

pub mod mentions;
pub mod nif;
pub mod source;

pub use mentions::{
    find_indexed_mentions, find_mentions, form_occurrences, FormIndex, Mention, MentionExclusion,
    MentionForm, MentionSearch, SharedForm,
};
pub use nif::{paragraph_iri, phrase_iri, sentence_iri, Paragraph, Segmentation, Span};
pub use source::{QuoteError, QuoteSelector, SourceText, CONTEXT_CHARS};
