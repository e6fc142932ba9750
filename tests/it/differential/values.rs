//! The reference meaning of `--param`: the query text with its outer WHERE group `{ W }`
//! rewritten as `{ VALUES (?a …) { (v …) } { W } }`, the VALUES row joined with the whole WHERE
//! pattern (its BINDs, FILTERs and OPTIONALs evaluated as written), below the grouping and the
//! solution modifiers. The group is found in the text by a small lexer that skips comments,
//! strings and IRIs, so that no part of wangluo (its algebra walk in `src/query/`) is used.

use wangluo::query::QueryParameter;

/// `sparql` with its outer WHERE group `{ W }` as `{ VALUES … { W } }`; `CONSTRUCT WHERE { T }`
/// becomes `CONSTRUCT { T } WHERE { VALUES … { T } }`.
pub fn with_values(sparql: &str, parameters: &[QueryParameter]) -> Result<String, String> {
    if parameters.is_empty() {
        return Ok(sparql.to_owned());
    }
    let block = values_block(parameters);
    let tokens = tokens(sparql);
    let form = tokens
        .iter()
        .position(|t| t.depth == 0 && is_form(&t.text))
        .ok_or("no query form keyword")?;
    let mut at = form + 1;
    let mut template: Option<(usize, usize)> = None;
    if tokens[form].text.eq_ignore_ascii_case("CONSTRUCT") {
        match tokens.get(at) {
            Some(t) if t.text == "{" => at = closing(&tokens, at)? + 1,
            Some(t) if t.text.eq_ignore_ascii_case("WHERE") => {
                let open = at + 1;
                let close = closing(&tokens, open)?;
                template = Some((tokens[open].start + 1, tokens[close].start));
            }
            _ => return Err("CONSTRUCT without a template".into()),
        }
    }
    let open = (at..tokens.len())
        .find(|&i| tokens[i].text == "{" && tokens[i].depth == 0)
        .ok_or("no WHERE group")?;
    let close = closing(&tokens, open)?;
    let (open_at, close_at) = (tokens[open].start + 1, tokens[close].start);
    let inner = format!(" {block} {{{}}} ", &sparql[open_at..close_at]);
    let head = match template {
        Some((start, end)) => {
            let where_at = tokens[form + 1].start;
            format!(
                "{} {{{}}} {}",
                &sparql[..where_at],
                &sparql[start..end],
                &sparql[where_at..open_at]
            )
        }
        None => sparql[..open_at].to_owned(),
    };
    Ok(format!("{head}{inner}{}", &sparql[close_at..]))
}

/// `VALUES (?a ?b) { (v w) }`, each value written as N-Triples (valid SPARQL terms).
fn values_block(parameters: &[QueryParameter]) -> String {
    let variables: Vec<String> = parameters.iter().map(|p| p.variable.to_string()).collect();
    let values: Vec<String> = parameters.iter().map(|p| p.value.to_string()).collect();
    format!(
        "VALUES ({}) {{ ({}) }}",
        variables.join(" "),
        values.join(" ")
    )
}

fn is_form(word: &str) -> bool {
    ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]
        .iter()
        .any(|k| word.eq_ignore_ascii_case(k))
}

/// The index of the `}` closing the `{` at `open`.
fn closing(tokens: &[Token], open: usize) -> Result<usize, String> {
    let depth = tokens[open].depth;
    (open + 1..tokens.len())
        .find(|&i| tokens[i].text == "}" && tokens[i].depth == depth)
        .ok_or_else(|| "unbalanced braces".to_owned())
}

/// A word, or one punctuation character, outside comments, strings and IRIs; `depth` counts
/// the brackets `(`/`{` open before it (a closing bracket has the depth of its opening one).
#[derive(Debug)]
struct Token {
    text: String,
    start: usize,
    depth: usize,
}

fn tokens(sparql: &str) -> Vec<Token> {
    let bytes = sparql.as_bytes();
    let mut tokens = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'#' => i = find_from(bytes, i, b"\n"),
            b'"' | b'\'' => i = string_end(bytes, i),
            b'<' if iri_end(bytes, i).is_some() => i = iri_end(bytes, i).unwrap_or(i + 1),
            b'{' | b'(' => {
                tokens.push(Token::punct(c, i, depth));
                depth += 1;
                i += 1;
            }
            b'}' | b')' => {
                depth = depth.saturating_sub(1);
                tokens.push(Token::punct(c, i, depth));
                i += 1;
            }
            _ if is_word(c) => {
                let end = (i..bytes.len())
                    .find(|&j| !is_word(bytes[j]))
                    .unwrap_or(bytes.len());
                tokens.push(Token {
                    text: sparql[i..end].to_owned(),
                    start: i,
                    depth,
                });
                i = end;
            }
            _ => i += 1,
        }
    }
    tokens
}

impl Token {
    fn punct(c: u8, start: usize, depth: usize) -> Self {
        Token {
            text: (c as char).to_string(),
            start,
            depth,
        }
    }
}

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'?' | b'$' | b':' | b'-') || c >= 0x80
}

/// The index after the first `needle` at or after `from` (the end when there is none).
fn find_from(bytes: &[u8], from: usize, needle: &[u8]) -> usize {
    (from..bytes.len())
        .find(|&j| bytes[j..].starts_with(needle))
        .map_or(bytes.len(), |j| j + needle.len())
}

/// The index after the string literal starting at `start` (short or long, either quote).
fn string_end(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let long = bytes[start..].starts_with(&[quote; 3]);
    let mut j = start + if long { 3 } else { 1 };
    while j < bytes.len() {
        if bytes[j] == b'\\' {
            j += 2;
        } else if long && bytes[j..].starts_with(&[quote; 3]) {
            return j + 3;
        } else if !long && bytes[j] == quote {
            return j + 1;
        } else {
            j += 1;
        }
    }
    bytes.len()
}

/// The index after the IRIREF starting at `start`, if the text there is one (else `<` is an
/// operator).
fn iri_end(bytes: &[u8], start: usize) -> Option<usize> {
    for (j, &c) in bytes.iter().enumerate().skip(start + 1) {
        match c {
            b'>' => return Some(j + 1),
            b'<' | b'"' | b'{' | b'}' | b'|' | b'^' | b'`' | b'\\' => return None,
            _ if c <= 0x20 => return None,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::with_values;
    use oxigraph::model::{NamedNode, Variable};
    use wangluo::query::QueryParameter;

    fn red() -> Vec<QueryParameter> {
        vec![QueryParameter {
            variable: Variable::new("t").unwrap(),
            value: NamedNode::new("http://ex.org/red").unwrap().into(),
        }]
    }

    #[test]
    fn values_join_the_whole_outer_where_group() {
        let cases = [
            (
                "# {\nSELECT (EXISTS { ?a ?b ?c } AS ?e) WHERE { ?p <http://ex.org/team> ?t FILTER(?s < 3) } ORDER BY ?p",
                "# {\nSELECT (EXISTS { ?a ?b ?c } AS ?e) WHERE { VALUES (?t) { (<http://ex.org/red>) } { ?p <http://ex.org/team> ?t FILTER(?s < 3) } } ORDER BY ?p",
            ),
            (
                "SELECT * { SELECT ?t { ?p ?q ?t } LIMIT 1 }",
                "SELECT * { VALUES (?t) { (<http://ex.org/red>) } { SELECT ?t { ?p ?q ?t } LIMIT 1 } }",
            ),
            (
                "CONSTRUCT { ?p ?q \"}\" } WHERE { ?p ?q ?t }",
                "CONSTRUCT { ?p ?q \"}\" } WHERE { VALUES (?t) { (<http://ex.org/red>) } { ?p ?q ?t } }",
            ),
            (
                "CONSTRUCT WHERE { ?p ?q ?t }",
                "CONSTRUCT  { ?p ?q ?t } WHERE { VALUES (?t) { (<http://ex.org/red>) } { ?p ?q ?t } }",
            ),
        ];
        for (query, expected) in cases {
            assert_eq!(with_values(query, &red()).unwrap(), expected);
        }
    }
}
