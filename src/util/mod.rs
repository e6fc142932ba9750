//! Small helpers every layer uses, each written once: atomic file writes, hashing, slugs,
//! "did you mean".

pub mod atomic;
pub mod hash;
pub mod slug;
pub mod suggest;
