//! The curated annotation format (TOML, read with serde): the **parse** phase.
//!
//! Two kinds of file: a *document file* annotates one source text (`[document]`, its entities
//! and claims); an *entity file* (`data/entities/*.toml`) declares entities that every document
//! of the corpus can use, and has no `[document]`. The format is documented in
//! `docs/annotation-format.md`. Unknown keys are errors, so a typo never silently drops a
//! statement. Ids keep their place in the file ([`Spanned`]) so that errors name the line.

use super::error::AnnotationError;
use serde::Deserialize;
use std::collections::BTreeMap;
pub use toml::Spanned;

/// One annotation file: the document it annotates (if any), the entities it declares, the claims
/// it makes.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnnotationFile {
    /// The annotated text and its metadata; absent in an entity file.
    pub document: Option<DocumentAnnotation>,
    /// Actors, documents, events, concepts, places, principles, sets and quantities.
    #[serde(default, rename = "entity")]
    pub entities: Vec<EntityAnnotation>,
    /// Statements the document makes or reports.
    #[serde(default, rename = "claim")]
    pub claims: Vec<ClaimAnnotation>,
    /// Who curates this file: the agent its `[[curation]]` statements are attributed to.
    pub curator: Option<CuratorAnnotation>,
    /// What the curator adds to the text: inferred from it, or brought from outside. Written to
    /// the file's curation graph, each statement with its provenance.
    #[serde(default, rename = "curation")]
    pub curation: Vec<CurationAnnotation>,
}

/// The `[curator]` table: the agent (person or group) who curates the file, as `dataset.toml`
/// names it.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CuratorAnnotation {
    /// A slug: the agent is `B id/{id}`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub name: String,
    /// A home page or identifier (ORCID …).
    pub url: Option<String>,
}

/// A `[[curation]]` entry: statements about one entity or claim that the text does not make,
/// with where they come from and why.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CurationAnnotation {
    /// The entity or claim the statements are about (an id of the corpus).
    #[schemars(with = "String")]
    pub about: Spanned<String>,
    /// `inferred` (the curator infers it from the text) or `outside` (brought from outside the
    /// text: Wikidata, a known hierarchy, a name in another language).
    pub kind: String,
    /// `wl:` object properties (local names) to ids, as in `[[entity]]` and `[[claim]]`.
    #[serde(default)]
    pub links: BTreeMap<String, OneOrMany>,
    /// `owl:sameAs` identifiers (`wd:Q…`).
    #[serde(default)]
    pub same_as: Vec<String>,
    /// Names in other languages, by language tag (`rdfs:label`).
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// What the statements come from (`prov:wasDerivedFrom`, at least one): ids of claims or
    /// entities of the corpus, `wd:Q…`, or `<IRI>`.
    pub from: Vec<String>,
    /// Why (`rdfs:comment @en`): what in the text or outside it supports the statements.
    pub note: String,
}

/// The `[document]` table: the annotated text itself.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentAnnotation {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// Local name of a `wl:` class under `wl:Document`, e.g. `OpEd`.
    #[serde(rename = "type")]
    pub class: String,
    pub title: String,
    /// Path of the UTF-8 text, relative to the annotation file.
    pub text: String,
    /// SHA-256 (hex) of the text file's bytes.
    pub sha256: String,
    /// BCP 47 language tag of the text.
    pub language: String,
    pub date: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    /// Where the text was published (an absolute IRI), written as `nif:sourceUrl`; only when the
    /// annotation records it.
    pub source_url: Option<String>,
    #[serde(default)]
    pub quotes: Vec<QuoteSpec>,
    /// Sentences that consciously carry no claim (title, byline, headings …), with the reason.
    #[serde(default)]
    pub no_claims: Vec<NoClaimSentences>,
    /// When this annotation was made or last revised (`xsd:dateTime`): the creation time of the
    /// nanopublications of its claims, so that exports are reproducible.
    pub annotated: Option<String>,
}

/// Whole sentences of the text that state nothing to claim: a title, a byline, a dateline, a
/// heading, a tag line. Coverage reports them as marked instead of missed.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoClaimSentences {
    /// The exact words of one or more whole sentences.
    pub exact: String,
    /// Which occurrence, when the words occur more than once (1-based).
    pub occurrence: Option<usize>,
    /// Why they carry no claim, e.g. `title`, `byline`, `heading`.
    pub reason: String,
}

/// An `[[entity]]`: anything the text mentions.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EntityAnnotation {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// Local name of a `wl:` class, e.g. `Person`, `ThreatAssessment`, `Principle`.
    #[serde(rename = "type")]
    pub class: String,
    /// English name (`rdfs:label @en`).
    pub label: String,
    /// Names in other languages, by language tag.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// Other names (`skos:altLabel @en`), as the text uses them; also looked for as mentions.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Further forms under which the text mentions the entity (not names: "Xi", "this report").
    #[serde(default)]
    pub mentions: Vec<String>,
    /// Occurrences of a form that do not mention this entity (quotes: exact words, with an
    /// occurrence when they occur more than once).
    #[serde(default)]
    pub exclusions: Vec<QuoteSpec>,
    #[serde(default)]
    pub translations: Vec<String>,
    #[serde(default)]
    pub roles: Vec<String>,
    pub date: Option<String>,
    pub value: Option<i64>,
    pub unit: Option<String>,
    #[serde(default)]
    pub same_as: Vec<String>,
    /// Ordered members of a set.
    #[serde(default)]
    pub members: Vec<String>,
    /// The words of the text that state what a principle, proposition or domain is.
    pub content: Option<QuoteSpec>,
    /// Where the text names the entity.
    #[serde(default)]
    pub quotes: Vec<QuoteSpec>,
    /// `wl:` object properties (local names) to ids.
    #[serde(default)]
    pub links: BTreeMap<String, OneOrMany>,
}

/// A `[[claim]]`: a statement the text makes or reports.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimAnnotation {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// A short, faithful English paraphrase.
    pub label: String,
    /// Who states it.
    pub claimant: String,
    /// The document it comes from, when it is not the annotated text itself.
    pub source: Option<String>,
    #[serde(default)]
    pub subjects: Vec<String>,
    /// Id of a perspective (`western`, `chinese`, `author`).
    pub perspective: String,
    /// Ids of characterization concepts.
    #[serde(default)]
    pub characterizations: Vec<String>,
    pub quotes: Vec<QuoteSpec>,
    #[serde(default)]
    pub links: BTreeMap<String, OneOrMany>,
    /// When the text leaves open whose view the words are: the other possible claimants and why
    /// the claimant given was chosen. Absent when the text names the claimant plainly.
    pub attribution: Option<Attribution>,
}

/// An ambiguous attribution: `claimant` is the reading chosen, these are the others the text allows.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attribution {
    /// Ids of the other actors whose view the words may be (at least one, not the claimant).
    pub alternatives: Vec<String>,
    /// What in the text leaves the attribution open, and why the claimant was chosen.
    pub note: String,
}

/// A quote: the exact words of the text, and which occurrence when they occur more than once.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum QuoteSpec {
    /// Words that occur exactly once in the text.
    Exact(String),
    /// Words that occur several times: the `occurrence`-th (1-based, in reading order).
    Located(LocatedQuote),
}

/// The table form of a [`QuoteSpec`].
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LocatedQuote {
    pub exact: String,
    pub occurrence: usize,
}

impl QuoteSpec {
    /// The quoted words.
    pub fn exact(&self) -> &str {
        match self {
            QuoteSpec::Exact(s) => s,
            QuoteSpec::Located(l) => &l.exact,
        }
    }

    /// The requested occurrence, if any.
    pub fn occurrence(&self) -> Option<usize> {
        match self {
            QuoteSpec::Exact(_) => None,
            QuoteSpec::Located(l) => Some(l.occurrence),
        }
    }
}

/// One id or a list of ids.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    /// The ids, in order.
    pub fn ids(&self) -> &[String] {
        match self {
            OneOrMany::One(id) => std::slice::from_ref(id),
            OneOrMany::Many(ids) => ids,
        }
    }
}

impl AnnotationFile {
    /// Parses an annotation file; `file` names it in errors (which carry line and column).
    ///
    /// ```
    /// let toml = r#"
    /// [document]
    /// id = "doc"
    /// type = "OpEd"
    /// title = "T"
    /// text = "doc.txt"
    /// sha256 = "00"
    /// language = "en"
    /// "#;
    /// let file = wangluo::annotation::AnnotationFile::parse("doc.toml", toml).unwrap();
    /// assert_eq!(file.document.unwrap().id.as_ref(), "doc");
    /// assert!(wangluo::annotation::AnnotationFile::parse("doc.toml", "[document]\nid = 1").is_err());
    /// ```
    pub fn parse(file: &str, toml_text: &str) -> Result<Self, AnnotationError> {
        toml::from_str(toml_text).map_err(|e| {
            let (line, column) = e
                .span()
                .map(|span| line_column(toml_text, span.start))
                .unwrap_or((1, 1));
            AnnotationError::Syntax {
                file: file.to_owned(),
                line,
                column,
                message: e.message().replace('\n', " ").trim().to_owned(),
            }
        })
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, byte_offset: usize) -> (usize, usize) {
    let before = &text[..byte_offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The JSON Schema of an annotation file, generated from this model (the same serde types the
/// loader reads), as pretty JSON: `docs/annotation.schema.json`, which editors use through the
/// `#:schema` line at the top of each annotation file (taplo, the VS Code TOML extension).
/// Draft 7, the newest draft that taplo and most editors read.
pub fn json_schema() -> String {
    let schema = schemars::generate::SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<AnnotationFile>();
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::{line_column, AnnotationFile};

    #[test]
    fn columns_count_characters_and_lines_start_at_one() {
        let text = "a = 1\n网络 = 2\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        assert_eq!(line_column(text, 6 + "网络".len()), (2, 3));
        assert_eq!(line_column(text, 999), (3, 1), "past the end: the end");
    }

    #[test]
    fn a_syntax_error_names_its_file_line_and_column() {
        let toml = "[document]\nid = \"doc\"\ntype = \"OpEd\"\ntitle = 7\n";
        let error = AnnotationFile::parse("doc.toml", toml)
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("doc.toml:4:"), "{error}");
        let error = AnnotationFile::parse("doc.toml", "[[claim]]\nid = \"c\"\nnonsense = 1\n")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("doc.toml:") && error.contains("nonsense"),
            "{error}"
        );
    }
}
