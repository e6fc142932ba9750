//! Determinism and shape of the JSON-LD the processor returns: node arrays sorted, keys of
//! expanded objects sorted, `@context` first, and the flattened form's top-level `@graph`.

use json_ld::syntax::{Print, Value};
use locspan::Meta;
use sophia::jsonld::json_ld;

/// The same JSON value with `metadata` everywhere (`Value::map_metadata` recurses through
/// ever deeper closure types, which the compiler cannot instantiate).
pub(super) fn with_metadata<M, N: Clone>(value: Value<M>, metadata: &N) -> Value<N> {
    let meta = |v: Value<M>| Meta(with_metadata(v, metadata), metadata.clone());
    match value {
        Value::Null => Value::Null,
        Value::Boolean(b) => Value::Boolean(b),
        Value::Number(n) => Value::Number(n),
        Value::String(s) => Value::String(s),
        Value::Array(items) => {
            Value::Array(items.into_iter().map(|i| meta(i.into_value())).collect())
        }
        Value::Object(object) => Value::Object(json_ld::syntax::Object::from_vec(
            object
                .into_iter()
                .map(|entry| {
                    let Meta(key, _) = entry.key;
                    json_ld::syntax::object::Entry::new(
                        Meta(key, metadata.clone()),
                        meta(entry.value.into_value()),
                    )
                })
                .collect(),
        )),
    }
}

/// Sorts, deepest first, every array of nodes (the top-level array and the values of the graph
/// keys) by its items' compact JSON text: the processor keeps nodes in hash sets.
pub(super) fn sort_graphs(value: &mut Value<()>, graph_key: &str) {
    fn sort_items(items: &mut [Meta<Value<()>, ()>]) {
        items.sort_by_cached_key(|item| item.value().compact_print().to_string());
    }
    fn visit(value: &mut Value<()>, graph_key: &str) {
        match value {
            Value::Object(object) => {
                for (key, value) in object.iter_mut() {
                    let is_graph = key.as_str() == graph_key;
                    let value = value.value_mut();
                    visit_children(value, graph_key);
                    if let (true, Value::Array(items)) = (is_graph, value) {
                        sort_items(items);
                    }
                }
            }
            Value::Array(items) => {
                for item in items.iter_mut() {
                    visit(item.value_mut(), graph_key);
                }
            }
            _ => {}
        }
    }
    fn visit_children(value: &mut Value<()>, graph_key: &str) {
        match value {
            Value::Array(items) => {
                for item in items.iter_mut() {
                    visit(item.value_mut(), graph_key);
                }
            }
            other => visit(other, graph_key),
        }
    }
    visit(value, graph_key);
    if let Value::Array(items) = value {
        sort_items(items);
    }
}

/// Sorts the keys of every object (expanded JSON-LD has only keywords and IRIs as keys).
pub(super) fn sort_object_keys(value: &mut Value<()>) {
    match value {
        Value::Object(object) => {
            for (_, value) in object.iter_mut() {
                sort_object_keys(value.value_mut());
            }
            object.sort();
        }
        Value::Array(items) => {
            for item in items.iter_mut() {
                sort_object_keys(item.value_mut());
            }
        }
        _ => {}
    }
}

/// Puts the `@context` entry of the top-level object first (the processor appends it).
pub(super) fn context_first(value: &mut Value<()>) {
    if let Value::Object(object) = value {
        if let Some(index) = object.index_of("@context") {
            if let Some(entry) = object.remove_at(index) {
                let rest: Vec<_> = std::mem::take(object).into_iter().collect();
                object.push_entry(entry);
                for other in rest {
                    object.push_entry(other);
                }
            }
        }
    }
}

pub(super) fn replace_context(value: &mut Value<()>, context: Value<()>) {
    if let Value::Object(object) = value {
        for existing in object.get_mut("@context") {
            *existing.value_mut() = context.clone();
        }
    }
}

/// The flattened form: whatever the compaction left at the top level besides `@context` goes
/// into a one-node `@graph` array (compaction unwraps an array of one node; flattening keeps it,
/// so that the document always has the same structure).
pub(super) fn graph_at_top_level(value: &mut Value<()>, graph_key: &str) {
    let Value::Object(object) = value else {
        return;
    };
    let is_flat = object
        .iter()
        .all(|entry| entry.key.as_str() == "@context" || entry.key.as_str() == graph_key);
    if is_flat || object.is_empty() {
        return;
    }
    let mut top = json_ld::syntax::Object::new();
    let mut node = json_ld::syntax::Object::new();
    for entry in std::mem::take(object) {
        if entry.key.as_str() == "@context" {
            top.push_entry(entry);
        } else {
            node.push_entry(entry);
        }
    }
    top.push(
        Meta(graph_key.into(), ()),
        Meta(Value::Array(vec![Meta(Value::Object(node), ())]), ()),
    );
    *object = top;
}
