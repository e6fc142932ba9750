//! Authoring: adapters at the edges of the corpus that produce or consume the same annotation
//! model, and measures over it.
//!
//! * [`web_annotation`]: W3C Web Annotation in (a draft annotation file from what Hypothes.is or
//!   Recogito export) and out (every quote of the store as an `oa:Annotation`, an
//!   `AnnotationCollection` per document);
//! * [`agreement`]: how far two annotators of one text agree, a pure function of two resolved
//!   documents;
//! * [`document`]: one annotation file resolved against the bundled corpus, without a store.

pub mod agreement;
pub mod document;
pub mod error;
pub mod web_annotation;

pub use error::AuthoringError;
