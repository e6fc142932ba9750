//! How completely each annotated text is covered by claims and mentions.
//!
//! A sentence is *covered* when it carries a claim (a claim's quote lies in it: `wl:inSentence`)
//! or when the curator marked it as carrying none (`wl:noClaimReason`: a title, a byline, a
//! heading). Coverage is the share of a document's sentences that are covered; the sentences that
//! are neither are the ones the annotation missed. Everything is read from the graph, so the
//! report works on any store that holds NIF sentences.

use crate::error::{Error, Result};
use crate::query::{self, QueryError};
use crate::store::KnowledgeGraph;
use serde::Serialize;

/// One row per sentence: its document, offsets, words, no-claim reason, claims and mentions.
pub const SENTENCES: &str = "SELECT ?document (SAMPLE(?a_title) AS ?title) ?sentence ?begin ?end ?words
       (SAMPLE(?a_reason) AS ?reason) (COUNT(DISTINCT ?claim) AS ?claims) (COUNT(DISTINCT ?phrase) AS ?mentions) WHERE {
  ?sentence a nif:Sentence ; nif:referenceContext ?document ;
            nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?words .
  OPTIONAL { ?document dcterms:title ?a_title }
  OPTIONAL { ?sentence wl:noClaimReason ?a_reason }
  OPTIONAL { ?claim wl:inSentence ?sentence }
  OPTIONAL { ?phrase a nif:Phrase ; nif:sentence ?sentence }
} GROUP BY ?document ?sentence ?begin ?end ?words
  ORDER BY ?document ?begin";

/// A graph the coverage report cannot work on.
#[derive(Debug, thiserror::Error)]
pub enum CoverageError {
    /// No document of the graph is split into sentences: nothing to report on.
    #[error("store {store}: no document is split into sentences; load its annotation file (TOML) into the store")]
    NoSentences {
        /// The store's directory, or `(bundled data)`.
        store: String,
    },
}

/// What a sentence carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SentenceStatus {
    /// At least one claim's quote lies in it.
    Claim,
    /// The curator marked it as carrying no claim.
    Marked,
    /// Neither: the annotation missed it.
    Missed,
}

/// A sentence of a document, as the coverage report sees it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SentenceCoverage {
    /// The sentence's IRI (`{document}#char=b,e`).
    pub iri: String,
    /// Character offset of its first character.
    pub begin: usize,
    /// Character offset just after its last character.
    pub end: usize,
    /// Its words.
    pub text: String,
    /// Whether it carries a claim, is marked, or was missed.
    pub status: SentenceStatus,
    /// Why it carries no claim, when it is marked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Number of claims whose quotes lie in it.
    pub claims: usize,
    /// Number of entity mentions in it.
    pub mentions: usize,
}

/// The coverage of one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentCoverage {
    /// The document's IRI (its `nif:Context`).
    pub document: String,
    /// Its title, if the graph gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Its sentences in reading order.
    pub sentences: Vec<SentenceCoverage>,
}

impl DocumentCoverage {
    fn count(&self, status: SentenceStatus) -> usize {
        self.sentences.iter().filter(|s| s.status == status).count()
    }

    /// Sentences that carry at least one claim.
    pub fn with_claims(&self) -> usize {
        self.count(SentenceStatus::Claim)
    }

    /// Sentences marked as carrying no claim.
    pub fn marked(&self) -> usize {
        self.count(SentenceStatus::Marked)
    }

    /// Sentences neither claimed nor marked: the ones the annotation missed.
    pub fn missed(&self) -> usize {
        self.count(SentenceStatus::Missed)
    }

    /// Sentences with at least one mention of an entity.
    pub fn with_mentions(&self) -> usize {
        self.sentences.iter().filter(|s| s.mentions > 0).count()
    }

    /// Mentions of entities in the whole text.
    pub fn mentions(&self) -> usize {
        self.sentences.iter().map(|s| s.mentions).sum()
    }

    /// Percentage of sentences that carry a claim or are marked (100 for a text without sentences).
    pub fn percent(&self) -> f64 {
        percent(self.sentences.len() - self.missed(), self.sentences.len())
    }

    /// Percentage of sentences that carry a claim.
    pub fn claim_percent(&self) -> f64 {
        percent(self.with_claims(), self.sentences.len())
    }

    /// Percentage of sentences that mention an entity.
    pub fn mention_percent(&self) -> f64 {
        percent(self.with_mentions(), self.sentences.len())
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// The coverage of every document of the graph that is split into sentences, by document IRI;
/// an error when there is none.
///
/// ```
/// use wangluo::{report::coverage, store::KnowledgeGraph, vocab::Base};
/// let kg = KnowledgeGraph::bundled(&Base::default()).unwrap();
/// let documents = coverage::coverage(&kg).unwrap();
/// assert_eq!(documents.len(), 1);
/// assert_eq!(documents[0].percent(), 100.0);
/// ```
pub fn coverage(kg: &KnowledgeGraph) -> Result<Vec<DocumentCoverage>> {
    let failed = |reason: &str| -> Error {
        QueryError::Results {
            source_name: "coverage".to_owned(),
            reason: reason.to_owned(),
        }
        .into()
    };
    let mut documents: Vec<DocumentCoverage> = Vec::new();
    for row in query::select_text(kg, "coverage", SENTENCES)? {
        let text = |name: &str| row.get(name).cloned();
        let number = |name: &str| -> Result<usize> {
            text(name).and_then(|v| v.parse().ok()).ok_or_else(|| {
                failed(&format!(
                    "{name} of a sentence is not a non-negative integer"
                ))
            })
        };
        let document = text("document").unwrap_or_default();
        let claims = number("claims")?;
        let reason = text("reason");
        let status = match (claims, &reason) {
            (0, None) => SentenceStatus::Missed,
            (0, Some(_)) => SentenceStatus::Marked,
            _ => SentenceStatus::Claim,
        };
        let sentence = SentenceCoverage {
            iri: text("sentence").unwrap_or_default(),
            begin: number("begin")?,
            end: number("end")?,
            text: text("words").unwrap_or_default(),
            status,
            reason,
            claims,
            mentions: number("mentions")?,
        };
        match documents.last_mut() {
            Some(last) if last.document == document => last.sentences.push(sentence),
            _ => documents.push(DocumentCoverage {
                document,
                title: text("title"),
                sentences: vec![sentence],
            }),
        }
    }
    if documents.is_empty() {
        let store = kg
            .location()
            .map_or_else(|| "(bundled data)".to_owned(), |p| p.display().to_string());
        return Err(CoverageError::NoSentences { store }.into());
    }
    Ok(documents)
}
