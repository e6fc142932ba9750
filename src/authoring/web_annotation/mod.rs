//! W3C Web Annotation (<https://www.w3.org/TR/annotation-model/>) in and out: the JSON-LD that
//! Hypothes.is and Recogito read and write, under the fixed context
//! `http://www.w3.org/ns/anno.jsonld`, so read and written as plain JSON with serde.
//!
//! * out ([`export`]): every quote of the store (a claim's, an entity's, a document's title) as an
//!   `Annotation` with a `TextQuoteSelector` (exact, prefix, suffix) and a
//!   `TextPositionSelector` (Unicode code points, end excluded, as the model says), a body that
//!   links the claim or entity IRI, the label as a comment and the claim's values as tags; one
//!   `AnnotationCollection` per document;
//! * in ([`read`], [`anchor`], [`mapping`], [`import`]): annotations as those tools export them,
//!   placed in the text again (position, then quote with prefix and suffix, typographic quotes
//!   and spaces folded) and turned into a draft annotation file.

pub mod anchor;
pub mod export;
pub mod import;
pub mod mapping;
pub mod read;
mod toml_out;

use serde::Serialize;

/// The Web Annotation JSON-LD context.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// Tags of the form `KEY:VALUE` that every import understands, whatever the mapping says; the
/// export writes the claims' values with them.
pub mod tag {
    /// Marks an annotation as a claim.
    pub const CLAIM: &str = "claim";
    pub const TYPE: &str = "type:";
    pub const CLAIMANT: &str = "claimant:";
    pub const PERSPECTIVE: &str = "perspective:";
    pub const CHARACTERIZATION: &str = "characterization:";
    pub const SUBJECT: &str = "subject:";
}

/// An `AnnotationCollection`: the annotations of one document, in one embedded page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Collection {
    #[serde(rename = "@context")]
    pub context: &'static str,
    pub id: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub label: String,
    pub total: usize,
    pub first: Page,
}

/// An `AnnotationPage`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[serde(rename = "startIndex")]
    pub start_index: usize,
    pub items: Vec<Annotation>,
}

/// One `Annotation` (within a collection, so without its own `@context`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Annotation {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// `identifying` (the words name an entity) or `describing` (they state a claim).
    pub motivation: String,
    pub creator: Agent,
    pub generator: Agent,
    pub body: Vec<Body>,
    pub target: Target,
}

/// Who made an annotation, or with what software.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Agent {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub name: String,
}

/// A body: a link to a resource, or text (a comment, a tag).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Body {
    /// `{"type": "SpecificResource", "source": IRI}`: the claim or entity the words are of.
    Link {
        #[serde(rename = "type")]
        kind: &'static str,
        source: String,
    },
    /// `{"type": "TextualBody", "purpose": …, "value": …}`.
    Text {
        #[serde(rename = "type")]
        kind: &'static str,
        purpose: &'static str,
        value: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        language: Option<String>,
    },
}

impl Body {
    /// A link to `iri`.
    pub fn link(iri: impl Into<String>) -> Self {
        Body::Link {
            kind: "SpecificResource",
            source: iri.into(),
        }
    }

    /// A comment in `language`.
    pub fn comment(value: impl Into<String>, language: &str) -> Self {
        Body::Text {
            kind: "TextualBody",
            purpose: "commenting",
            value: value.into(),
            language: Some(language.to_owned()),
        }
    }

    /// A tag.
    pub fn tag(value: impl Into<String>) -> Self {
        Body::Text {
            kind: "TextualBody",
            purpose: "tagging",
            value: value.into(),
            language: None,
        }
    }
}

/// The target: part of a document, chosen by two selectors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Target {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub source: String,
    pub selector: Vec<Selector>,
}

/// A selector of a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type")]
pub enum Selector {
    TextQuoteSelector {
        exact: String,
        prefix: String,
        suffix: String,
    },
    /// Unicode code points, `end` excluded.
    TextPositionSelector { start: usize, end: usize },
}
