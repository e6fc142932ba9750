//! The resolved form of an annotation file: checked IRIs, placed quotes, dates as literals, the
//! text's structure and the corpus's mentions in it. Built by the resolve phase; the emit phase
//! (`crate::rdf::emit`) turns it into quads without any check left.

use crate::text::{QuoteSelector, Segmentation, SourceText, Span};
use oxigraph::model::{Literal, NamedNode, Term};

/// One annotation file, resolved.
#[derive(Debug, Clone)]
pub struct ResolvedFile {
    /// Names the file in reports.
    pub name: String,
    /// What the file's graph is named after: the document id, or `entities/{stem}`.
    pub graph_id: String,
    /// The named graph its statements go to.
    pub graph: NamedNode,
    /// The annotated text, for a document file.
    pub document: Option<ResolvedDocument>,
    pub entities: Vec<ResolvedEntity>,
    pub claims: Vec<ResolvedClaim>,
    /// The named graph of what the curator adds (`B graph/curation/{graph_id}`).
    pub curation_graph: NamedNode,
    /// Who curates the file, when it has curation.
    pub curator: Option<ResolvedCurator>,
    /// What the curator adds, entry by entry.
    pub curation: Vec<ResolvedCuration>,
}

/// The curator of a file: a `prov:Agent`.
#[derive(Debug, Clone)]
pub struct ResolvedCurator {
    pub iri: NamedNode,
    pub name: String,
    pub url: Option<NamedNode>,
}

/// Where a curator statement comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CurationKind {
    /// Inferred by the curator from the text (a link between claims, a derived property).
    Inferred,
    /// Brought from outside the text (Wikidata, a known hierarchy, a name in another language).
    Outside,
}

impl CurationKind {
    /// The `wl:` class of its statements.
    pub fn class(self) -> &'static str {
        match self {
            CurationKind::Inferred => "CuratorInference",
            CurationKind::Outside => "OutsideKnowledge",
        }
    }
}

/// A `[[curation]]` entry, resolved: statements about one item, with their provenance.
#[derive(Debug, Clone)]
pub struct ResolvedCuration {
    /// The id of the entity or claim the statements are about.
    pub about_id: String,
    pub about: NamedNode,
    pub kind: CurationKind,
    /// Predicate and object of each statement (the subject is `about`), in the file's order.
    pub statements: Vec<(NamedNode, Term)>,
    /// What they come from (`prov:wasDerivedFrom`).
    pub from: Vec<NamedNode>,
    /// Why (`rdfs:comment @en`).
    pub note: String,
}

/// The `[document]` of a document file, with its text's structure.
#[derive(Debug, Clone)]
pub struct ResolvedDocument {
    pub id: String,
    pub iri: NamedNode,
    pub class: NamedNode,
    pub title: String,
    /// BCP 47 tag, checked.
    pub language: String,
    pub text: SourceText,
    /// Lowercase hex.
    pub sha256: String,
    pub date: Option<Literal>,
    /// `xsd:dateTime` of the annotation (see `DocumentAnnotation::annotated`).
    pub annotated: Option<Literal>,
    pub authors: Vec<NamedNode>,
    pub publisher: Option<NamedNode>,
    pub source_url: Option<NamedNode>,
    /// Where the text names itself (its title).
    pub quotes: Vec<QuoteSelector>,
    /// Paragraphs and sentences.
    pub segmentation: Segmentation,
    /// Each claim and the index of a sentence one of its quotes lies in.
    pub claim_sentences: Vec<(NamedNode, usize)>,
    /// Sentences marked as carrying no claim, with the reason.
    pub no_claims: Vec<(usize, String)>,
    /// The mentions of the corpus's entities in this text, in reading order.
    pub mentions: Vec<(Span, NamedNode)>,
}

/// An `[[entity]]`, resolved.
#[derive(Debug, Clone)]
pub struct ResolvedEntity {
    pub id: String,
    pub iri: NamedNode,
    pub class: NamedNode,
    /// Whether its class is a `wl:Concept` (it then also gets `skos:prefLabel`s).
    pub is_concept: bool,
    pub label: String,
    /// Labels in other languages.
    pub labels: Vec<Literal>,
    pub aliases: Vec<String>,
    pub translations: Vec<String>,
    pub roles: Vec<String>,
    pub date: Option<Literal>,
    pub value: Option<i64>,
    pub unit: Option<String>,
    pub same_as: Vec<NamedNode>,
    /// Ordered members of a set.
    pub members: Vec<NamedNode>,
    /// Where the file's text names it (none in an entity file).
    pub quotes: Vec<QuoteSelector>,
    /// The words that state what it is.
    pub content: Option<QuoteSelector>,
    /// `wl:` property → object.
    pub links: Vec<(NamedNode, NamedNode)>,
    /// Every form texts may name it by (label, other labels, aliases, mention forms).
    pub mention_forms: Vec<String>,
    /// Places in the file's text where a form does not name it.
    pub exclusions: Vec<QuoteSelector>,
}

impl ResolvedEntity {
    /// The mention forms that are not names (`mentions` in the file): neither a label nor an alias.
    pub fn extra_mention_forms(&self) -> impl Iterator<Item = &String> {
        self.mention_forms.iter().filter(|f| {
            **f != self.label
                && !self.aliases.contains(f)
                && !self.labels.iter().any(|l| l.value() == f.as_str())
        })
    }
}

/// A `[[claim]]`, resolved.
#[derive(Debug, Clone)]
pub struct ResolvedClaim {
    pub id: String,
    pub iri: NamedNode,
    pub label: String,
    pub claimant: NamedNode,
    pub source: Option<NamedNode>,
    pub subjects: Vec<NamedNode>,
    pub perspective: NamedNode,
    pub characterizations: Vec<NamedNode>,
    pub quotes: Vec<QuoteSelector>,
    pub links: Vec<(NamedNode, NamedNode)>,
    /// Other possible claimants, when the text leaves the attribution open.
    pub alternative_claimants: Vec<NamedNode>,
    /// Why the attribution is open and the claimant was chosen.
    pub attribution_note: Option<String>,
}
