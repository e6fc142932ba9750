//! Parser messages for people: what the web page and the command line show of a SPARQL syntax
//! error.

/// A parser's message for people: the character classes of its list of what was expected
/// (`['A' ..= 'Z' | '\u{00C0}'..='\u{00D6}' | …]`) said in words.
pub fn readable(message: &str) -> String {
    let Some((before, expected)) = message.split_once("expected one of ") else {
        return message.to_owned();
    };
    let mut items = Vec::new();
    let (mut depth, mut quoted, mut item) = (0usize, false, String::new());
    let mut chars = expected.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' if quoted => {
                item.push(c);
                item.extend(chars.next());
                continue;
            }
            '"' if depth == 0 => quoted = !quoted,
            '[' if !quoted => depth += 1,
            ']' if !quoted => depth = depth.saturating_sub(1),
            ',' if depth == 0 && !quoted => {
                items.push(std::mem::take(&mut item).trim().to_owned());
                continue;
            }
            _ => {}
        }
        item.push(c);
    }
    items.push(item.trim().to_owned());
    let mut words: Vec<String> = Vec::new();
    for item in items.into_iter().filter(|i| !i.is_empty()) {
        let said = match item.as_str() {
            "[_]" => "any character".to_owned(),
            i if i.starts_with('[') && i.contains("'A'") => "a name".to_owned(),
            i if i.starts_with('[') && i.contains("'0'") => "a number".to_owned(),
            i if i.starts_with('[') => "another character".to_owned(),
            i => i.to_owned(),
        };
        if !words.contains(&said) {
            words.push(said);
        }
    }
    format!("{before}expected one of {}", words.join(", "))
}
