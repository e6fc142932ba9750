//! Authoring: from a raw text to an annotation file that loads, adapters at the edges of the
//! corpus that produce or consume the same annotation model, and measures over it.
//!
//! * [`annotate`]: a draft annotation of a raw text (the resolver's segmentation and mention
//!   search reused; [`guess`], [`draft`]); [`check`]: every problem of a set of files at once,
//!   the typographic ones fixed ([`locate`], [`nearest`]); neither needs a store nor knows the
//!   command line;
//! * [`web_annotation`]: W3C Web Annotation in (a draft annotation file from what Hypothes.is or
//!   Recogito export) and out (every quote of the store as an `oa:Annotation`, an
//!   `AnnotationCollection` per document);
//! * [`agreement`]: how far two annotators of one text agree, a pure function of two resolved
//!   documents;
//! * [`edit`]: the edits the browser editor makes (a claim, a mention, a sentence without a
//!   claim), each a pure function of the TOML source, checked with the corpus before writing;
//! * [`document`]: one annotation file resolved against the bundled corpus, without a store.

pub mod agreement;
pub mod annotate;
pub mod check;
pub mod document;
pub mod draft;
pub mod edit;
pub mod error;
pub mod guess;
pub mod locate;
pub mod nearest;
mod propose;
pub mod web_annotation;

pub use error::AuthoringError;
