//! The JSON-LD processor set up once for a whole export: the context is processed a single time
//! and every graph is compacted against the resulting active context, on any thread.
//!
//! Why not the path of [`super::to_jsonld`] (the processor's `compact_with_using`, sophia's
//! `ArcVoc` vocabulary, values located in their source): that processes the context again for
//! every call, `ArcVoc` parses an IRI again each time the processor looks one up (a third of
//! the time of an export), and source locations are copied into every value. Here IRIs are
//! [`super::iris::Iri`] (parsed once, when made, hashed as text) with its vocabulary
//! [`Iris`], and metadata is `()`. The
//! context is first read and checked by [`super::context`], whose errors name the line and
//! column; only a context that passed is processed here, so what fails here is the data.

use super::context::{ContextDocument, ContextDocuments};
use super::iris::{Iri, Iris};
use super::{processor_options, JsonLdError};
use crate::error::Result;
use futures::executor::block_on;
use futures::FutureExt;
use json_ld::compaction::{Compact, CompactFragmentMeta};
use json_ld::context_processing::{Process, ProcessedOwned};
use json_ld::syntax::{context::Value as ContextValue, Parse, Value};
use json_ld::{ExpandedDocument, ExtractContext, JsonLdProcessor, Loader, RemoteDocument};
use locspan::Meta;
use rdf_types::{BlankIdBuf, IriVocabularyMut};
use sophia::jsonld::json_ld;

type Active = ProcessedOwned<Iri, BlankIdBuf, ContextValue<()>, ()>;
/// Expanded JSON-LD, ready to compact.
pub(super) type Expanded = ExpandedDocument<Iri, BlankIdBuf, ()>;

/// Why a document a context imports could not be loaded (the message names it).
#[derive(Debug)]
pub(super) struct LoadError(String);

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The processor's loader here: the same documents as the checking pass loaded (shared cache).
#[derive(Clone)]
pub(super) struct PlainLoader(ContextDocuments);

impl Loader<Iri, ()> for PlainLoader {
    type Output = Value<()>;
    type Error = LoadError;

    fn load_with<'a>(
        &'a mut self,
        _vocabulary: &'a mut (impl Sync + Send + IriVocabularyMut<Iri = Iri>),
        url: Iri,
    ) -> futures::future::BoxFuture<'a, json_ld::LoadingResult<Iri, (), Value<()>, LoadError>>
    where
        Iri: 'a,
    {
        let result = self
            .0
            .load(url.as_str())
            .and_then(|text| {
                Value::parse_str(&text, |_| ())
                    .map_err(|Meta(e, _)| format!("{}: not JSON: {e}", url.as_str()))
            })
            .map(|json| RemoteDocument::new(Some(url), None, json))
            .map_err(LoadError);
        async move { result }.boxed()
    }
}

/// The active context and what every graph is compacted with.
pub(super) struct Engine {
    active: Active,
    loader: PlainLoader,
    /// The context as compacted output embeds it.
    pub(super) embedded_context: Value<()>,
}

fn options() -> json_ld::Options<Iri, ()> {
    let defaults = processor_options();
    json_ld::Options {
        ordered: defaults.ordered,
        compact_to_relative: defaults.compact_to_relative,
        ..Default::default()
    }
}

fn failed(what: &str, e: impl std::fmt::Display) -> crate::error::Error {
    JsonLdError::Processing(format!("{what}: {e}").into()).into()
}

impl Engine {
    /// Processes the context (already checked by [`super::context::load_context`]).
    pub(super) fn new(context: &ContextDocument, documents: ContextDocuments) -> Result<Self> {
        let mut loader = PlainLoader(documents);
        let json =
            Value::parse_str(&context.text, |_| ()).map_err(|Meta(e, _)| failed("context", e))?;
        let value = Value::extract_context(json).map_err(|Meta(e, _)| failed("context", e))?;
        let base = match &context.url {
            Some(url) => Some(Iri::new(
                iref::IriBuf::new(url).map_err(|e| failed(url, e))?,
            )),
            None => None,
        };
        let options = options();
        let mut processed = block_on(value.process_full(
            &mut Iris,
            &json_ld::Context::new(None),
            &mut loader,
            base.clone(),
            options.context_processing_options(),
            (),
        ))
        .map_err(|Meta(e, _)| failed("context", e))?;
        // As the processor's `compact` does when given a base IRI.
        processed.set_base_iri(base);
        let active = processed.into_owned();
        let mut engine = Self {
            active,
            loader,
            embedded_context: Value::Null,
        };
        engine.embedded_context = engine.context_as_embedded()?;
        Ok(engine)
    }

    /// The context as the processor embeds it in a compacted document (of two nodes).
    fn context_as_embedded(&mut self) -> Result<Value<()>> {
        let probe = self.expand(Value::Array(vec![
            Meta(probe_node("urn:wangluo:probe:1"), ()),
            Meta(probe_node("urn:wangluo:probe:2"), ()),
        ]))?;
        let compacted = block_on(Meta(probe, ()).compact_full(
            &mut Iris,
            self.active.as_ref(),
            &mut self.loader,
            options().compaction_options(),
        ))
        .map_err(|Meta(e, _)| failed("compaction", e))?;
        match compacted.into_value() {
            Value::Object(mut object) => object
                .remove("@context")
                .next()
                .map(|entry| entry.value.into_value())
                .ok_or_else(|| failed("context", "not embedded")),
            _ => Err(failed("context", "not embedded")),
        }
    }

    /// Expands `json` (expanded JSON-LD already: this makes the processor's structure of it).
    pub(super) fn expand(&self, json: Value<()>) -> Result<Expanded> {
        let document = RemoteDocument::new(None, None, Meta(json, ()));
        let mut loader = self.loader.clone();
        let mut options = options();
        options.ordered = false;
        block_on(document.expand_with_using(&mut Iris, &mut loader, options))
            .map(|expanded| expanded.into_value())
            .map_err(|e| failed("expansion", e))
    }

    /// The compacted form of the objects of `expanded`: an object when there is one, an array
    /// otherwise. Safe to call from several threads at once.
    pub(super) fn compact(&self, expanded: &Expanded) -> Result<Value<()>> {
        let active = self.active.processed();
        let mut loader = self.loader.clone();
        block_on(expanded.objects().compact_fragment_full_meta(
            &(),
            &mut Iris,
            active,
            active,
            None,
            &mut loader,
            options().compaction_options(),
        ))
        .map(|compacted| compacted.into_value())
        .map_err(|Meta(e, _)| failed("compaction", e))
    }
}

/// `{"@id": id, "urn:wangluo:probe:p": [{"@value": "1"}]}` (expansion drops a top-level node
/// that has nothing but an id).
pub(super) fn probe_node(id: &str) -> Value<()> {
    let mut literal = json_ld::syntax::Object::new();
    literal.push(
        Meta("@value".into(), ()),
        Meta(Value::String("1".into()), ()),
    );
    let mut object = json_ld::syntax::Object::new();
    object.push(Meta("@id".into(), ()), Meta(Value::String(id.into()), ()));
    object.push(
        Meta("urn:wangluo:probe:p".into(), ()),
        Meta(Value::Array(vec![Meta(Value::Object(literal), ())]), ()),
    );
    Value::Object(object)
}
