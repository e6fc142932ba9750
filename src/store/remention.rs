//! Searching the store's texts again when a load changes the corpus's entity forms.
//!
//! A document's mentions depend on the whole corpus: when a load declares a new entity, or
//! changes an entity's aliases, texts loaded earlier may name it. So that `load a` then `load b`
//! gives what `load a b` gives, the load rewrites the mentions of every stored text in which a
//! changed form occurs (and only those: the others cannot change).

use crate::annotation::{CorpusForms, StoredCorpus};
use crate::error::Result;
use crate::text::{SourceText, Span};
use crate::vocab::{iri, ns, Base};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, Quad, Term};
use oxigraph::store::Store;
use std::collections::BTreeSet;

/// What searching the store's texts again changes.
#[derive(Debug, Default)]
pub struct MentionUpdates {
    /// Outdated mention quads.
    pub remove: Vec<Quad>,
    /// The mention quads that replace them.
    pub add: Vec<Quad>,
    /// Words of a changed text that are now a form of two entities.
    pub warnings: Vec<String>,
}

/// The mention quads to remove from and add to the store's documents (outside `replaced`) so
/// that their mentions are those of the corpus after the load.
pub fn mention_updates(
    store: &Store,
    base: &Base,
    replaced: &BTreeSet<NamedNode>,
    before: &StoredCorpus,
    after: &CorpusForms,
) -> Result<MentionUpdates> {
    let old_pairs = CorpusForms::new(&[], &before.entities).pairs();
    let changed: BTreeSet<String> = old_pairs
        .symmetric_difference(&after.pairs())
        .map(|(_, form)| form.to_lowercase())
        .collect();
    let mut updates = MentionUpdates::default();
    if changed.is_empty() {
        return Ok(updates);
    }
    // One automaton for every changed form: each stored text is scanned once, not once per form.
    let changed: Vec<&String> = changed.iter().filter(|f| !f.is_empty()).collect();
    // (An automaton too large to build lets every text through: slower, never wrong.)
    let changed = aho_corasick::AhoCorasick::new(changed).ok();
    for (document, graph, text) in stored_texts(store, replaced)? {
        if changed
            .as_ref()
            .is_some_and(|forms| !forms.is_match(&text.to_lowercase()))
        {
            continue;
        }
        let text = SourceText::new(text);
        let exclusions = stored_exclusions(store, base, &graph)?;
        let exclusions: Vec<(Span, &str)> =
            exclusions.iter().map(|(s, id)| (*s, id.as_str())).collect();
        let (mentions, search, _) = after.search(&text, &exclusions);
        let new = crate::rdf::emit::mention_quads(&graph, &document, &text, &mentions, base);
        let old = phrase_quads(store, &document, &graph)?;
        if old != new {
            let place = format!("the store's graph <{}>", graph.as_str());
            updates
                .warnings
                .extend(after.shared_warnings(&place, &text, &search));
            updates.remove.extend(old);
            updates.add.extend(new);
        }
    }
    Ok(updates)
}

/// `(document, graph, text)` of every annotated text in the store outside `skip`.
fn stored_texts(
    store: &Store,
    skip: &BTreeSet<NamedNode>,
) -> Result<Vec<(NamedNode, NamedNode, String)>> {
    let is_string = iri(ns::NIF, "isString");
    let mut out = Vec::new();
    for quad in store.quads_for_pattern(None, Some(is_string.as_ref()), None, None) {
        let quad = quad?;
        if let (NamedOrBlankNode::NamedNode(doc), Term::Literal(text), GraphName::NamedNode(g)) =
            (quad.subject, quad.object, quad.graph_name)
        {
            if !skip.contains(&g) {
                out.push((doc, g, text.value().to_owned()));
            }
        }
    }
    Ok(out)
}

/// The exclusions (span, entity id) stored in a document's graph.
fn stored_exclusions(store: &Store, base: &Base, graph: &NamedNode) -> Result<Vec<(Span, String)>> {
    let in_graph = Some(GraphNameRef::NamedNode(graph.as_ref()));
    let not_mention_of = base.term("notMentionOf");
    let index = |node: &NamedOrBlankNode, local: &str| -> Result<Option<usize>> {
        let p = iri(ns::NIF, local);
        for q in store.quads_for_pattern(Some(node.as_ref()), Some(p.as_ref()), None, in_graph) {
            if let Term::Literal(l) = q?.object {
                return Ok(l.value().parse().ok());
            }
        }
        Ok(None)
    };
    let items = base.item_namespace();
    let mut out = Vec::new();
    for quad in store.quads_for_pattern(None, Some(not_mention_of.as_ref()), None, in_graph) {
        let quad = quad?;
        let Term::NamedNode(entity) = &quad.object else {
            continue;
        };
        let Some(id) = entity.as_str().strip_prefix(&items) else {
            continue;
        };
        if let (Some(begin), Some(end)) = (
            index(&quad.subject, "beginIndex")?,
            index(&quad.subject, "endIndex")?,
        ) {
            out.push((Span::new(begin, end), id.to_owned()));
        }
    }
    Ok(out)
}

/// The quads of a document's mentions (`{document}/phrase#…` subjects) in its graph, sorted as
/// the emitter sorts them.
fn phrase_quads(store: &Store, document: &NamedNode, graph: &NamedNode) -> Result<Vec<Quad>> {
    let prefix = format!("{}/phrase#", document.as_str());
    let mut quads = Vec::new();
    for quad in store.quads_for_pattern(None, None, None, Some(graph.as_ref().into())) {
        let quad = quad?;
        if matches!(&quad.subject, NamedOrBlankNode::NamedNode(s) if s.as_str().starts_with(&prefix))
        {
            quads.push(quad);
        }
    }
    quads.sort_by_cached_key(|q| q.to_string());
    Ok(quads)
}
