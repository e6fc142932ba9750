//! Writing the draft's TOML by hand: the order, the comments that mark guesses and the quotes as
//! the format writes them (a string, or `{ exact, occurrence }`) are the draft's point.

use crate::text::SourceText;

/// A TOML basic string: `"…"` with `\` `"` and control characters escaped; other characters
/// (curly quotes, no-break spaces, Han) as they are, since quotes must be the text's own.
pub fn string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A list of strings on one line.
pub fn strings(values: &[String]) -> String {
    let items: Vec<String> = values.iter().map(|v| string(v)).collect();
    format!("[{}]", items.join(", "))
}

/// The quote of characters `start..end` as the format writes it: the words when they occur once
/// in the text, else with their occurrence.
pub fn quote(text: &SourceText, (start, end): (usize, usize)) -> String {
    let words = text.slice(start, end);
    let occurrences = text.occurrences(words);
    match occurrences.iter().position(|&s| s == start) {
        Some(n) if occurrences.len() > 1 => {
            format!("{{ exact = {}, occurrence = {} }}", string(words), n + 1)
        }
        _ => string(words),
    }
}

/// A list of quotes, one a line when there are several.
pub fn quotes(text: &SourceText, spans: &[(usize, usize)]) -> String {
    match spans {
        [one] => format!("[{}]", quote(text, *one)),
        many => {
            let lines: Vec<String> = many
                .iter()
                .map(|s| format!("  {},\n", quote(text, *s)))
                .collect();
            format!("[\n{}]", lines.concat())
        }
    }
}

/// A comment line: `# ` and the text with its line breaks shown as spaces.
pub fn comment(text: &str) -> String {
    format!("# {}\n", text.replace(['\n', '\r'], " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_and_quotes_read_back_as_written() {
        let text = SourceText::new("a “b”\nc a “b”");
        assert_eq!(quote(&text, (2, 5)), "{ exact = \"“b”\", occurrence = 1 }");
        assert_eq!(quote(&text, (0, 7)), "\"a “b”\\nc\"");
        let parsed: toml::Value = toml::from_str(&format!("x = {}", string("q\"\\\u{1}"))).unwrap();
        assert_eq!(parsed["x"].as_str(), Some("q\"\\\u{1}"));
    }
}
