//! Small helpers every layer uses, each written once: atomic file writes, hashing, slugs,
//! "did you mean", parser messages in words.

pub mod atomic;
pub mod hash;
pub mod parser_message;
pub mod slug;
pub mod suggest;
