//! Reading Web Annotations as Hypothes.is and Recogito export them, leniently: one annotation, an
//! array of them, an `AnnotationCollection` with embedded pages, an `AnnotationPage`, or a search
//! result (`{"rows": […]}`); `target`, `body` and `selector` as one value or an array; tags as
//! `TextualBody`s with the purpose `tagging` or as a `tags` array (Hypothes.is). Read as JSON: the
//! context is fixed (`http://www.w3.org/ns/anno.jsonld`), so the compacted names are its terms.

use serde_json::Value;

/// One annotation, as far as an import needs it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    /// Its `id`, else `#N` (its place among the annotations read, from 1).
    pub id: String,
    pub motivations: Vec<String>,
    /// The `source` of its target.
    pub source: Option<String>,
    /// `TextQuoteSelector`: exact, prefix, suffix.
    pub quote: Option<(String, String, String)>,
    /// `TextPositionSelector`: start, end.
    pub position: Option<(usize, usize)>,
    /// IRIs its bodies link (a body given as an IRI, a `SpecificResource`'s `source`, a body's
    /// `id` that is not a `TextualBody`).
    pub links: Vec<String>,
    pub tags: Vec<String>,
    /// Comments (`TextualBody` without a tagging purpose, Hypothes.is's `text`).
    pub comments: Vec<String>,
}

/// Every annotation in a Web Annotation document, in document order.
pub fn annotations(document: &Value) -> Vec<Imported> {
    let mut found = Vec::new();
    collect(document, &mut found);
    found
        .into_iter()
        .enumerate()
        .map(|(n, value)| annotation(value, n + 1))
        .collect()
}

/// The values of a property given as one value or an array.
fn many(value: Option<&Value>) -> Vec<&Value> {
    match value {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.iter().collect(),
        Some(one) => vec![one],
    }
}

/// Whether `value`'s `type` is (or includes) `name`, with or without the `oa:` prefix.
fn has_type(value: &Value, name: &str) -> bool {
    many(value.get("type").or_else(|| value.get("@type")))
        .iter()
        .filter_map(|t| t.as_str())
        .any(|t| t == name || t.strip_prefix("oa:") == Some(name))
}

/// Walks containers down to annotations (objects with a `target`).
fn collect<'a>(value: &'a Value, found: &mut Vec<&'a Value>) {
    match value {
        Value::Array(items) => items.iter().for_each(|v| collect(v, found)),
        Value::Object(map) => {
            if map.contains_key("target") {
                found.push(value);
                return;
            }
            for key in ["first", "items", "rows", "next", "@graph"] {
                if let Some(inner) = map.get(key).filter(|v| v.is_object() || v.is_array()) {
                    collect(inner, found);
                }
            }
        }
        _ => {}
    }
}

fn string(value: Option<&Value>) -> Option<String> {
    value.and_then(Value::as_str).map(str::to_owned)
}

fn offset(value: Option<&Value>) -> Option<usize> {
    let value = value?;
    value
        .as_u64()
        .and_then(|n| usize::try_from(n).ok())
        .or_else(|| value.as_str().and_then(|s| s.trim().parse().ok()))
}

/// One annotation object.
fn annotation(value: &Value, n: usize) -> Imported {
    let mut imported = Imported {
        id: string(value.get("id").or_else(|| value.get("@id"))).unwrap_or(format!("#{n}")),
        motivations: many(value.get("motivation"))
            .iter()
            .filter_map(|m| m.as_str())
            .map(|m| m.trim_start_matches("oa:").to_owned())
            .collect(),
        ..Imported::default()
    };
    for target in many(value.get("target")) {
        if let Some(iri) = target.as_str() {
            imported.source.get_or_insert_with(|| iri.to_owned());
            continue;
        }
        if imported.source.is_none() {
            imported.source = string(target.get("source"));
        }
        for selector in many(target.get("selector")) {
            selector_into(selector, &mut imported);
        }
    }
    for body in many(value.get("body")) {
        body_into(body, &mut imported);
    }
    for tag in many(value.get("tags")) {
        if let Some(tag) = tag.as_str() {
            imported.tags.push(tag.trim().to_owned());
        }
    }
    if let Some(text) = string(value.get("text")).filter(|t| !t.trim().is_empty()) {
        imported.comments.push(text);
    }
    imported
}

fn selector_into(selector: &Value, imported: &mut Imported) {
    if has_type(selector, "TextQuoteSelector") && imported.quote.is_none() {
        if let Some(exact) = string(selector.get("exact")) {
            let prefix = string(selector.get("prefix")).unwrap_or_default();
            let suffix = string(selector.get("suffix")).unwrap_or_default();
            imported.quote = Some((exact, prefix, suffix));
        }
    } else if has_type(selector, "TextPositionSelector") && imported.position.is_none() {
        if let (Some(start), Some(end)) =
            (offset(selector.get("start")), offset(selector.get("end")))
        {
            imported.position = Some((start, end));
        }
    }
    // A selector refined by another (`refinedBy`) is read too: Recogito nests none, others may.
    if let Some(refined) = selector.get("refinedBy") {
        selector_into(refined, imported);
    }
}

fn body_into(body: &Value, imported: &mut Imported) {
    if let Some(iri) = body.as_str() {
        imported.links.push(iri.to_owned());
        return;
    }
    if has_type(body, "TextualBody") || body.get("value").is_some() {
        let Some(value) = string(body.get("value")).filter(|v| !v.trim().is_empty()) else {
            return;
        };
        let tagging = many(body.get("purpose"))
            .iter()
            .any(|p| p.as_str().map(|p| p.trim_start_matches("oa:")) == Some("tagging"));
        if tagging {
            imported.tags.push(value.trim().to_owned());
        } else {
            imported.comments.push(value);
        }
        return;
    }
    let link = match body.get("source") {
        Some(Value::String(iri)) => Some(iri.clone()),
        Some(source) => string(source.get("id").or_else(|| source.get("@id"))),
        None => string(body.get("id").or_else(|| body.get("@id"))),
    };
    imported.links.extend(link);
}
