//! "Did you mean …?": the known name closest to a mistyped one.

/// The candidate closest to `name` by edit distance, if it is close enough to be a likely typo.
///
/// ```
/// use wangluo::util::suggest::nearest;
/// let names = ["adversary-sources", "timeline"];
/// assert_eq!(nearest("adversary-source", names.into_iter()), Some("adversary-sources"));
/// assert_eq!(nearest("something else", names.into_iter()), None);
/// ```
pub fn nearest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::levenshtein(name, c), c))
        .filter(|(d, c)| *d <= 3.max(c.len() / 3))
        .min()
        .map(|(_, c)| c)
}

/// ` (did you mean `NAME`?)` for the nearest candidate, or nothing: the tail of an error message.
///
/// ```
/// use wangluo::util::suggest::did_you_mean;
/// assert_eq!(did_you_mean("clam", ["claim"].into_iter()), " (did you mean `claim`?)");
/// assert_eq!(did_you_mean("xyz", ["claim"].into_iter()), "");
/// ```
pub fn did_you_mean<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> String {
    suggestion_text(nearest(name, candidates))
}

/// ` (did you mean `NAME`?)`, or nothing when there is no suggestion.
pub fn suggestion_text(suggestion: Option<&str>) -> String {
    suggestion
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default()
}
