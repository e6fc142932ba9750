//! JSON-LD output: compacted (against `ontology/context.jsonld` or another context), expanded or
//! flattened, byte-identical for the same data.
//!
//! No JSON-LD algorithm is written here: sophia's serializer turns the quads into expanded
//! JSON-LD (the W3C "Serialize RDF as JSON-LD" algorithm, `rdf:type` as `@type`; its result is
//! already flat: one node object per subject and graph), and the `json-ld` crate it re-exports
//! expands and compacts it. What is added is determinism: the processor keeps node objects in
//! hash sets, so every `@graph` array (and the top-level array of expanded output) is sorted,
//! the keys of expanded objects are sorted, and `@context` comes first. Blank nodes carry the
//! canonical labels the export gives them.
//!
//! Remote contexts are fetched only when [`JsonLdOptions::allow_remote_context`] is set; a context
//! file may import other local files (`file:` IRIs or paths relative to it).
//!
//! ```
//! use oxigraph::model::{GraphName, Literal, NamedNode, Quad};
//! use wangluo::export::jsonld::{to_jsonld, JsonLdOptions};
//! use wangluo::vocab::Base;
//! let quad = Quad::new(
//!     NamedNode::new("https://w3id.org/wangluo/id/china").unwrap(),
//!     NamedNode::new("http://www.w3.org/2000/01/rdf-schema#label").unwrap(),
//!     Literal::new_language_tagged_literal("China", "en").unwrap(),
//!     GraphName::DefaultGraph,
//! );
//! let json = to_jsonld(&[quad], &JsonLdOptions::default(), &Base::default()).unwrap();
//! assert!(json.contains(r#""id": "wld:china""#));
//! assert!(json.contains(r#""en": "China""#));
//! ```

use crate::error::{Error, Result};
use crate::vocab::Base;
use futures::FutureExt;
use json_ld::syntax::{context::Value as ContextValue, Parse, Print, Value};
use json_ld::{ExtractContext, JsonLdProcessor, RemoteDocument, RemoteDocumentReference};
use locspan::{Location, Meta, Span};
use oxigraph::model::Quad;
use sophia::api::serializer::QuadSerializer;
use sophia::jsonld::json_ld;
use sophia::jsonld::loader::ClosureLoader;
use sophia::jsonld::vocabulary::{ArcIri, ArcVoc};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The bundled JSON-LD context (`ontology/context.jsonld`), written for the default base.
pub const BUNDLED_CONTEXT: &str = include_str!("../../ontology/context.jsonld");

/// The bundled context for data minted under `base`.
pub fn bundled_context(base: &Base) -> String {
    base.rebase_text(BUNDLED_CONTEXT).into_owned()
}

/// The three document forms of JSON-LD 1.1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum JsonLdForm {
    /// Short terms from a context; named graphs as `@graph` nodes.
    #[default]
    Compacted,
    /// Full IRIs, every value in an array, no context.
    Expanded,
    /// Every node at the top level of its graph, then compacted against the context.
    Flattened,
}

/// Where the context for compacted and flattened output comes from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum ContextSource {
    /// `ontology/context.jsonld`, compiled into the binary.
    #[default]
    Bundled,
    /// A context document (`{"@context": …}`) in a file.
    File(PathBuf),
    /// A context document at an `http(s)` URL; the output refers to it by URL.
    Url(String),
}

impl ContextSource {
    /// A URL when `text` starts with `http://` or `https://`, otherwise a file path.
    pub fn from_argument(text: &str) -> Self {
        if is_remote(text) {
            ContextSource::Url(text.to_owned())
        } else {
            ContextSource::File(PathBuf::from(text))
        }
    }

    /// How messages name this context.
    pub fn name(&self) -> String {
        match self {
            ContextSource::Bundled => "ontology/context.jsonld".to_owned(),
            ContextSource::File(path) => path.display().to_string(),
            ContextSource::Url(url) => url.clone(),
        }
    }
}

/// How to write JSON-LD.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JsonLdOptions {
    /// Compacted (the default), expanded or flattened.
    pub form: JsonLdForm,
    /// The context of compacted and flattened output.
    pub context: ContextSource,
    /// Whether remote (`http`/`https`) contexts may be fetched. Off by default: nothing goes to
    /// the network unless asked.
    pub allow_remote_context: bool,
}

fn is_remote(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

type Loc = Location<ArcIri, Span>;
type ContextRef = RemoteDocumentReference<ArcIri, Loc, ContextValue<Loc>>;

fn arc_iri(text: &str) -> ArcIri {
    ArcIri::new_unchecked(Arc::from(text))
}

/// Where the processor's errors about a context point: the context document, its name in
/// messages, and its text (to turn a byte offset into a line and column).
struct ContextDocument {
    reference: ContextRef,
    url: Option<String>,
    name: String,
    location_iri: String,
    text: Option<String>,
}

impl ContextDocument {
    fn error(&self, location: Option<&Loc>, reason: String) -> Error {
        let context = match (location, &self.text) {
            (Some(loc), Some(text)) if loc.file().as_str() == self.location_iri => {
                let (line, column) = line_column(text, loc.span().start());
                format!("{}:{line}:{column}", self.name)
            }
            _ => self.name.clone(),
        };
        Error::JsonLdContext { context, reason }
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

/// The quads (in the order given: sort them first for stable output) as JSON-LD text, pretty
/// printed, ending with a newline. Named graphs are kept.
pub fn to_jsonld(quads: &[Quad], options: &JsonLdOptions, base: &Base) -> Result<String> {
    let input_iri = arc_iri("x-wangluo:export");
    let input_location = Location::new(input_iri, Span::default());
    let expanded = with_metadata(expanded_from_rdf(quads)?, &input_location);
    let input = RemoteDocument::new(None, None, Meta(expanded, input_location.clone()));

    // Every document a context imports goes through this loader; it records the first refusal
    // or failure, which explains the processor's error better than the processor does.
    let first_load_error: Arc<Mutex<Option<String>>> = Arc::default();
    let load_errors = first_load_error.clone();
    let allow_remote = options.allow_remote_context;
    // Each document is loaded once, however often the processor asks for it.
    let mut loaded: HashMap<String, std::result::Result<String, String>> = HashMap::new();
    let mut loader = ClosureLoader::new(move |iri: sophia::iri::Iri<String>| {
        let result = loaded
            .entry(iri.as_str().to_owned())
            .or_insert_with(|| load_context_document(iri.as_str(), allow_remote))
            .clone();
        if let (Err(message), Ok(mut first)) = (&result, load_errors.lock()) {
            first.get_or_insert_with(|| message.clone());
        }
        async move { result }.boxed()
    });
    let load_error = || first_load_error.lock().ok().and_then(|first| first.clone());

    let mut vocabulary = ArcVoc {};
    let mut processor_options = json_ld::Options {
        ordered: true,
        // Full IRIs, never relative ones.
        compact_to_relative: false,
        ..Default::default()
    };
    let (mut value, graph_key) = match options.form {
        JsonLdForm::Expanded => {
            let expanded = futures::executor::block_on(input.expand_with_using(
                &mut vocabulary,
                &mut loader,
                processor_options,
            ))
            .map_err(|e| Error::JsonLd {
                reason: e.to_string(),
            })?;
            let objects: Vec<_> = expanded.into_value().into_iter().collect();
            let json = json_ld::syntax::IntoJsonWithContextMeta::into_json_meta_with(
                objects,
                input_location.clone(),
                &vocabulary,
            );
            let mut value = with_metadata(json.into_value(), &());
            sort_object_keys(&mut value);
            (value, "@graph".to_owned())
        }
        JsonLdForm::Compacted | JsonLdForm::Flattened => {
            let context = load_context(&options.context, options, base)?;
            // The processor resolves the context's relative imports against the base IRI.
            processor_options.base = context.url.as_deref().map(arc_iri);
            let fail = |location: Option<&Loc>, message: String| match load_error() {
                Some(reason) => context.error(None, reason),
                None => context.error(location, format!("invalid JSON-LD context: {message}")),
            };
            // Flattened output is the compaction of the same input: sophia's expanded output is
            // already in flattened form (one node object per subject and graph, nothing nested).
            // json-ld 0.15's own flattening drops, in named graphs, the nodes that have only
            // a type (`filter_sub_graph` tests `properties().is_empty()`), so it is not used.
            let mut compact = |document: &RemoteDocument<ArcIri, Loc>| {
                futures::executor::block_on(document.compact_with_using(
                    &mut vocabulary,
                    context.reference.clone(),
                    &mut loader,
                    processor_options.clone(),
                ))
                .map(|compacted| with_metadata(compacted.into_value(), &()))
                .map_err(|e| match e {
                    json_ld::CompactError::ContextProcessing(Meta(e, location)) => {
                        fail(Some(&location), e.to_string())
                    }
                    json_ld::CompactError::ContextLoading(e) => fail(None, e.to_string()),
                    e => Error::JsonLd {
                        reason: e.to_string(),
                    },
                })
            };
            let mut value = compact(&input)?;
            // The key that holds graphs is `@graph` or the context's alias of it: what a
            // document of two nodes compacts to, besides `@context`.
            let probe = Value::parse_str(
                r#"[{"@id": "urn:wangluo:probe:1", "urn:wangluo:probe:p": [{"@value": "1"}]},
                    {"@id": "urn:wangluo:probe:2", "urn:wangluo:probe:p": [{"@value": "2"}]}]"#,
                |span| Location::new(arc_iri("x-wangluo:probe"), span),
            )
            .map_err(|e| Error::JsonLd {
                reason: e.to_string(),
            })?;
            let graph_key = match compact(&RemoteDocument::new(None, None, probe))? {
                Value::Object(object) => object
                    .iter()
                    .map(|entry| entry.key.as_str().to_owned())
                    .find(|key| key != "@context"),
                _ => None,
            }
            .unwrap_or_else(|| "@graph".to_owned());
            if let ContextSource::Url(url) = &options.context {
                // Refer to a published context rather than copying it.
                replace_context(&mut value, Value::String(url.as_str().into()));
            }
            if options.form == JsonLdForm::Flattened {
                graph_at_top_level(&mut value, &graph_key);
            }
            context_first(&mut value);
            (value, graph_key)
        }
    };
    sort_graphs(&mut value, &graph_key);
    let mut text = value.pretty_print().to_string();
    text.push('\n');
    Ok(text)
}

/// The same JSON value with `metadata` everywhere (`Value::map_metadata` recurses through
/// ever deeper closure types, which the compiler cannot instantiate).
fn with_metadata<M, N: Clone>(value: Value<M>, metadata: &N) -> Value<N> {
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

/// Sophia's "Serialize RDF as JSON-LD": expanded JSON-LD, nodes and values in the order of the
/// quads.
fn expanded_from_rdf(quads: &[Quad]) -> Result<Value<()>> {
    let dataset = quads
        .iter()
        .map(crate::rdf::canonical::sophia_quad)
        .collect::<Result<Vec<_>>>()?;
    let mut jsonifier = sophia::jsonld::Jsonifier::new_jsonifier();
    jsonifier
        .serialize_dataset(&dataset)
        .map_err(|e| Error::JsonLd {
            reason: e.to_string(),
        })?;
    Ok(jsonifier.to_json())
}

/// Reads a document a context refers to: a local file (`file:` IRI), or, only when allowed, an
/// `http(s)` URL.
fn load_context_document(url: &str, allow_remote: bool) -> std::result::Result<String, String> {
    if let Some(path) = url.strip_prefix("file://") {
        let path = percent_decode(path);
        std::fs::read_to_string(&path).map_err(|e| format!("{path}: cannot read: {e}"))
    } else if is_remote(url) {
        if allow_remote {
            fetch(url)
        } else {
            Err(format!(
                "{url}: remote context not fetched: network access is off \
                 (pass --allow-remote-context to allow it)"
            ))
        }
    } else {
        Err(format!(
            "{url}: cannot load context: only file: and http(s): IRIs are supported"
        ))
    }
}

/// Fetches a remote JSON-LD document over HTTP(S) (rustls), failing on any non-success status.
fn fetch(url: &str) -> std::result::Result<String, String> {
    let client = reqwest::blocking::Client::builder()
        .timeout(std::time::Duration::from_secs(30))
        .user_agent(concat!("wangluo/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| format!("{url}: {}", error_chain(&e)))?;
    client
        .get(url)
        .header(
            reqwest::header::ACCEPT,
            "application/ld+json, application/json;q=0.9",
        )
        .send()
        .and_then(|response| response.error_for_status())
        .and_then(|response| response.text())
        .map_err(|e| format!("{url}: cannot fetch: {}", error_chain(&e)))
}

/// An error and its causes on one line (reqwest's top-level message hides the reason).
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| text.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(b) => {
                out.push(b);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn percent_encode_path(path: &Path) -> String {
    let mut out = String::new();
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Reads and checks the context document; the processor resolves what it imports.
fn load_context(
    source: &ContextSource,
    options: &JsonLdOptions,
    base: &Base,
) -> Result<ContextDocument> {
    let name = source.name();
    let (url, text) = match source {
        ContextSource::Bundled => (None, bundled_context(base)),
        ContextSource::File(path) => {
            let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?;
            let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            let url = format!("file://{}", percent_encode_path(&absolute));
            (Some(url), text)
        }
        ContextSource::Url(url) => {
            // The message names the URL already.
            let text =
                load_context_document(url, options.allow_remote_context).map_err(|reason| {
                    Error::JsonLdContext {
                        context: "--context".to_owned(),
                        reason,
                    }
                })?;
            (Some(url.clone()), text)
        }
    };
    let location_iri = url
        .clone()
        .unwrap_or_else(|| "x-wangluo:context.jsonld".to_owned());
    let mut document = ContextDocument {
        reference: RemoteDocumentReference::Iri(arc_iri(&location_iri)),
        url: url.clone(),
        name,
        location_iri: location_iri.clone(),
        text: Some(text),
    };
    let text = document.text.as_deref().unwrap_or_default();
    let file = arc_iri(&location_iri);
    let json = Value::parse_str(text, |span| Location::new(file.clone(), span))
        .map_err(|Meta(e, location)| document.error(Some(&location), format!("not JSON: {e}")))?;
    let has_context =
        matches!(json.value(), Value::Object(o) if o.get("@context").next().is_some());
    if !has_context {
        return Err(document.error(
            None,
            "not a JSON-LD context document (expected a JSON object with an \"@context\" entry)"
                .to_owned(),
        ));
    }
    let context = Value::extract_context(json).map_err(|Meta(e, location)| {
        document.error(Some(&location), format!("invalid JSON-LD context: {e}"))
    })?;
    document.reference = RemoteDocumentReference::Loaded(RemoteDocument::new(
        url.as_deref().map(arc_iri),
        None,
        context,
    ));
    Ok(document)
}

/// Sorts, deepest first, every array of nodes (the top-level array and the values of the graph
/// keys) by its items' compact JSON text: the processor keeps nodes in hash sets.
fn sort_graphs(value: &mut Value<()>, graph_key: &str) {
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
fn sort_object_keys(value: &mut Value<()>) {
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
fn context_first(value: &mut Value<()>) {
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

fn replace_context(value: &mut Value<()>, context: Value<()>) {
    if let Value::Object(object) = value {
        for existing in object.get_mut("@context") {
            *existing.value_mut() = context.clone();
        }
    }
}

/// The flattened form: whatever the compaction left at the top level besides `@context` goes
/// into a one-node `@graph` array (compaction unwraps an array of one node; flattening keeps it,
/// so that the document always has the same structure).
fn graph_at_top_level(value: &mut Value<()>, graph_key: &str) {
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
