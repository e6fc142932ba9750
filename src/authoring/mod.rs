//! Authoring: from a raw text to an annotation file that loads. `annotate` drafts one
//! ([`annotate`]), `check` finds every problem of a set of files at once and fixes the
//! typographic ones ([`check`]). Both reuse the resolver, its segmentation and its mention
//! search; neither needs a store nor knows the command line.

pub mod annotate;
pub mod check;
pub mod draft;
pub mod guess;
pub mod locate;
pub mod nearest;
mod propose;
