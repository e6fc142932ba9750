//! Slugs: the safe file and IRI segment names made from arbitrary text.

/// `text` with every character that is not an ASCII letter, digit, `-`, `_` or one of `also` turned
/// into `-`; `fallback` when that leaves nothing.
///
/// ```
/// use wangluo::util::slug::slug;
/// assert_eq!(slug("claim 1/ü", &[], "claim"), "claim-1--");
/// assert_eq!(slug("notes.v2", &['.'], "file"), "notes.v2");
/// assert_eq!(slug("", &[], "claim"), "claim");
/// ```
pub fn slug(text: &str, also: &[char], fallback: &str) -> String {
    let slug: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' || also.contains(&c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    if slug.is_empty() {
        fallback.to_owned()
    } else {
        slug
    }
}
