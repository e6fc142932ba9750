//! JSON-LD output: compacted (against `ontology/context.jsonld` or another context), expanded or
//! flattened, byte-identical for the same data.
//!
//! The quads become expanded JSON-LD (the W3C "Serialize RDF as JSON-LD" algorithm, `rdf:type`
//! as `@type`; the result is already flat: one node object per subject and graph) in two ways:
//! `direct.rs` maps plain quads straight into the processor's expanded structure (only the
//! mapping of terms is written here), and whatever holds lists, `rdf:JSON` literals or triple
//! terms goes to sophia's serializer (vendored, `vendor/sophia_jsonld`, so that a graph holding
//! part of a list does not make it panic). The `json-ld` crate sophia re-exports compacts and
//! flattens; no compaction algorithm is written here. What is added is determinism: the processor keeps node objects in
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

mod context;
mod direct;
mod engine;
mod iris;
mod loaded;
pub(crate) mod stream;
mod subjects;
mod tidy;

use crate::error::{Error, Result};
use crate::vocab::Base;
use context::{arc_iri, is_remote, load_context, ContextDocument, ContextLoader, Loc};
use json_ld::syntax::{Parse, Print, Value};
use json_ld::{JsonLdProcessor, RemoteDocument};
use locspan::{Location, Meta, Span};
use oxigraph::model::Quad;
use sophia::api::serializer::QuadSerializer;
use sophia::jsonld::json_ld;
use sophia::jsonld::vocabulary::{ArcIri, ArcVoc};
use std::path::PathBuf;
use tidy::{
    context_first, graph_at_top_level, replace_context, sort_graphs, sort_object_keys,
    with_metadata,
};

/// A JSON-LD context that is unusable, or a failure of the JSON-LD processor.
#[derive(Debug, thiserror::Error)]
pub enum JsonLdError {
    /// The context is unreadable, not JSON, invalid, or remote and not allowed: `context` names
    /// it (with line and column when known).
    #[error("{context}: {reason}")]
    Context { context: String, reason: String },
    /// The JSON-LD processor failed on the data.
    #[error("JSON-LD")]
    Processing(#[source] Box<dyn std::error::Error + Send + Sync>),
}

fn processing(e: impl std::error::Error + Send + Sync + 'static) -> Error {
    JsonLdError::Processing(Box::new(e)).into()
}

/// The bundled JSON-LD context (`ontology/context.jsonld`), written for the default base.
pub const BUNDLED_CONTEXT: &str = crate::bundled::CONTEXT;

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

/// The document the processor works on, and where its values come from.
type Document = RemoteDocument<ArcIri, Loc>;

/// The quads (in the order given: sort them first for stable output) as JSON-LD text, pretty
/// printed, ending with a newline. Named graphs are kept.
pub fn to_jsonld(quads: &[Quad], options: &JsonLdOptions, base: &Base) -> Result<String> {
    let input_location = Location::new(arc_iri("x-wangluo:export"), Span::default());
    let expanded = with_metadata(expanded_from_rdf(quads)?, &input_location);
    let input = RemoteDocument::new(None, None, Meta(expanded, input_location.clone()));
    // Every document a context imports goes through this loader.
    let mut loader = ContextLoader::new(options.allow_remote_context);
    let (mut value, graph_key) = match options.form {
        JsonLdForm::Expanded => (
            expand(&input, input_location, &mut loader)?,
            "@graph".into(),
        ),
        JsonLdForm::Compacted | JsonLdForm::Flattened => {
            compact_document(&input, options, base, &mut loader)?
        }
    };
    sort_graphs(&mut value, &graph_key);
    let mut text = value.pretty_print().to_string();
    text.push('\n');
    Ok(text)
}

fn processor_options() -> json_ld::Options<ArcIri, Loc> {
    json_ld::Options {
        ordered: true,
        // Full IRIs, never relative ones.
        compact_to_relative: false,
        ..Default::default()
    }
}

/// Expanded JSON-LD: full IRIs, keys sorted.
fn expand(input: &Document, location: Loc, loader: &mut ContextLoader) -> Result<Value<()>> {
    let mut vocabulary = ArcVoc {};
    let expanded = futures::executor::block_on(input.expand_with_using(
        &mut vocabulary,
        &mut loader.loader,
        processor_options(),
    ))
    .map_err(processing)?;
    let objects: Vec<_> = expanded.into_value().into_iter().collect();
    let json = json_ld::syntax::IntoJsonWithContextMeta::into_json_meta_with(
        objects,
        location,
        &vocabulary,
    );
    let mut value = with_metadata(json.into_value(), &());
    sort_object_keys(&mut value);
    Ok(value)
}

/// Compacts `document` against the context.
fn compact(
    document: &Document,
    context: &ContextDocument,
    loader: &mut ContextLoader,
) -> Result<Value<()>> {
    let mut options = processor_options();
    // The processor resolves the context's relative imports against the base IRI.
    options.base = context.url.as_deref().map(arc_iri);
    let result = futures::executor::block_on(document.compact_with_using(
        &mut ArcVoc {},
        context.reference.clone(),
        &mut loader.loader,
        options,
    ));
    // A refused or failed import explains the processor's error better than the processor does.
    let fail = |location: Option<&Loc>, message: String| match loader.first_error() {
        Some(reason) => context.error(None, reason),
        None => context.error(location, format!("invalid JSON-LD context: {message}")),
    };
    result
        .map(|compacted| with_metadata(compacted.into_value(), &()))
        .map_err(|e| match e {
            json_ld::CompactError::ContextProcessing(Meta(e, location)) => {
                fail(Some(&location), e.to_string())
            }
            json_ld::CompactError::ContextLoading(e) => fail(None, e.to_string()),
            e => processing(e),
        })
}

/// Compacted or flattened JSON-LD, and the key that holds its graphs.
///
/// Flattened output is the compaction of the same input: sophia's expanded output is already in
/// flattened form (one node object per subject and graph, nothing nested). json-ld 0.15's own
/// flattening drops, in named graphs, the nodes that have only a type (`filter_sub_graph` tests
/// `properties().is_empty()`), so it is not used.
fn compact_document(
    input: &Document,
    options: &JsonLdOptions,
    base: &Base,
    loader: &mut ContextLoader,
) -> Result<(Value<()>, String)> {
    let context = load_context(&options.context, options, base)?;
    let mut value = compact(input, &context, loader)?;
    let graph_key = graph_key(&context, loader)?;
    if let ContextSource::Url(url) = &options.context {
        // Refer to a published context rather than copying it.
        replace_context(&mut value, Value::String(url.as_str().into()));
    }
    if options.form == JsonLdForm::Flattened {
        graph_at_top_level(&mut value, &graph_key);
    }
    context_first(&mut value);
    Ok((value, graph_key))
}

/// The key that holds graphs: `@graph` or the context's alias of it, found as what a document of
/// two nodes compacts to, besides `@context`.
fn graph_key(context: &ContextDocument, loader: &mut ContextLoader) -> Result<String> {
    let probe = Value::parse_str(
        r#"[{"@id": "urn:wangluo:probe:1", "urn:wangluo:probe:p": [{"@value": "1"}]},
            {"@id": "urn:wangluo:probe:2", "urn:wangluo:probe:p": [{"@value": "2"}]}]"#,
        |span| Location::new(arc_iri("x-wangluo:probe"), span),
    )
    .map_err(|Meta(e, _)| processing(e))?;
    let key = match compact(&RemoteDocument::new(None, None, probe), context, loader)? {
        Value::Object(object) => object
            .iter()
            .map(|entry| entry.key.as_str().to_owned())
            .find(|key| key != "@context"),
        _ => None,
    };
    Ok(key.unwrap_or_else(|| "@graph".to_owned()))
}

/// Sophia's "Serialize RDF as JSON-LD": expanded JSON-LD, nodes and values in the order of the
/// quads.
fn expanded_from_rdf(quads: &[Quad]) -> Result<Value<()>> {
    let dataset = quads
        .iter()
        .map(crate::rdf::canonical::sophia_quad)
        .collect::<Result<Vec<_>>>()?;
    let mut jsonifier = sophia::jsonld::Jsonifier::new_jsonifier();
    jsonifier.serialize_dataset(&dataset).map_err(processing)?;
    Ok(jsonifier.to_json())
}
