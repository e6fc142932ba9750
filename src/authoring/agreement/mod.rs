//! Agreement of two annotators of one text: a pure function of their two resolved documents.
//!
//! * **Claims** are matched by their quotes: *exactly* when the two claims quote the same spans,
//!   *overlapping* when a quote of one shares a character with a quote of the other (each claim
//!   matched once, the pairs sharing most characters first). B's claims are scored against A's:
//!   precision = matched / B's claims, recall = matched / A's claims, F1 = 2·matched / (A + B).
//! * **Entity mentions**: every place the resolved text names an entity (the entities' quotes
//!   and the corpus's mentions found in the text), a unit being (span, entity); matched exactly
//!   or by overlap with the same entity, scored as the claims.
//! * Over the claims matched by overlap: agreement on **claimant**, **perspective** (nominal:
//!   observed agreement, Cohen's κ, Krippendorff's α) and **characterizations** (sets: the
//!   share of identical sets, κ over each label as a yes/no decision, α with the Jaccard
//!   distance); a confusion table of perspectives (rows A, columns B). See [`metrics`].

pub mod metrics;
pub mod report;

use crate::annotation::ResolvedFile;
use crate::authoring::AuthoringError;
use metrics::{cohen_kappa, jaccard, krippendorff_alpha, nominal, observed, prf, set_decisions};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Units found by A and B and how many match, with the scores of B against A.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpanScores {
    pub a: usize,
    pub b: usize,
    pub matched: usize,
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub f1: Option<f64>,
}

impl SpanScores {
    fn new(a: usize, b: usize, matched: usize) -> Self {
        let (precision, recall, f1) = prf(matched, a, b);
        Self {
            a,
            b,
            matched,
            precision,
            recall,
            f1,
        }
    }
}

/// Agreement on one field over the matched claims.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldAgreement {
    /// Matched claims compared.
    pub units: usize,
    /// The share of them on which A and B give the same value (the same set).
    pub observed: Option<f64>,
    pub kappa: Option<f64>,
    pub alpha: Option<f64>,
}

/// A confusion table: `counts[i][j]` claims A gave `labels[i]` and B `labels[j]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Confusion {
    pub labels: Vec<String>,
    pub counts: Vec<Vec<usize>>,
}

/// Two claims matched by overlap, and their values (what κ and α are computed from).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatchedClaim {
    pub a: String,
    pub b: String,
    pub claimant: (String, String),
    pub perspective: (String, String),
    pub characterizations: (BTreeSet<String>, BTreeSet<String>),
}

/// What `wangluo agreement` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    pub document: String,
    pub a: String,
    pub b: String,
    pub claims_exact: SpanScores,
    pub claims_overlapping: SpanScores,
    pub mentions_exact: SpanScores,
    pub mentions_overlapping: SpanScores,
    pub claimant: FieldAgreement,
    pub perspective: FieldAgreement,
    pub characterizations: FieldAgreement,
    pub perspective_confusion: Confusion,
    /// The claims matched by overlap, in A's order.
    pub matched: Vec<MatchedClaim>,
}

/// A claim as agreement sees it: its quotes' spans (sorted) and its values (local names).
#[derive(Debug, Clone)]
struct Claim {
    id: String,
    spans: Vec<(usize, usize)>,
    claimant: String,
    perspective: String,
    characterizations: BTreeSet<String>,
}

/// The last segment of an IRI: the id, perspective or characterization it names.
fn local(iri: &str) -> String {
    iri.rsplit('/').next().unwrap_or(iri).to_owned()
}

fn claims(file: &ResolvedFile) -> Vec<Claim> {
    file.claims
        .iter()
        .map(|c| {
            let mut spans: Vec<(usize, usize)> =
                c.quotes.iter().map(|q| (q.start, q.end)).collect();
            spans.sort_unstable();
            Claim {
                id: c.id.clone(),
                spans,
                claimant: local(c.claimant.as_str()),
                perspective: local(c.perspective.as_str()),
                characterizations: c
                    .characterizations
                    .iter()
                    .map(|i| local(i.as_str()))
                    .collect(),
            }
        })
        .collect()
}

/// Every (span, entity) the resolved text names, sorted.
fn mentions(file: &ResolvedFile) -> Vec<((usize, usize), String)> {
    let mut found: BTreeSet<((usize, usize), String)> = BTreeSet::new();
    for entity in &file.entities {
        for q in &entity.quotes {
            found.insert(((q.start, q.end), entity.id.clone()));
        }
    }
    if let Some(doc) = &file.document {
        for (span, entity) in &doc.mentions {
            found.insert(((span.begin, span.end), local(entity.as_str())));
        }
    }
    found.into_iter().collect()
}

/// Characters two sets of spans share.
fn shared(a: &[(usize, usize)], b: &[(usize, usize)]) -> usize {
    a.iter()
        .flat_map(|x| b.iter().map(move |y| (x, y)))
        .map(|(x, y)| x.1.min(y.1).saturating_sub(x.0.max(y.0)))
        .sum()
}

/// Pairs (index in A, index in B), each index used once: among the pairs `score` gives more
/// than zero, the highest first (then A's order, then B's).
fn one_to_one(a: usize, b: usize, score: impl Fn(usize, usize) -> usize) -> Vec<(usize, usize)> {
    let mut candidates: Vec<(usize, usize, usize)> = (0..a)
        .flat_map(|i| (0..b).map(move |j| (i, j)))
        .filter_map(|(i, j)| Some((score(i, j), i, j)).filter(|(s, _, _)| *s > 0))
        .collect();
    candidates.sort_by(|x, y| y.0.cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let (mut used_a, mut used_b) = (BTreeSet::new(), BTreeSet::new());
    let mut pairs = Vec::new();
    for (_, i, j) in candidates {
        if !used_a.contains(&i) && !used_b.contains(&j) {
            used_a.insert(i);
            used_b.insert(j);
            pairs.push((i, j));
        }
    }
    pairs.sort_unstable();
    pairs
}

/// How far the annotation `b` agrees with `a`, both of one text.
pub fn agreement(a: &ResolvedFile, b: &ResolvedFile) -> Result<Agreement, AuthoringError> {
    let (Some(doc_a), Some(doc_b)) = (&a.document, &b.document) else {
        let file = if a.document.is_none() {
            &a.name
        } else {
            &b.name
        };
        return Err(AuthoringError::NoDocument { file: file.clone() });
    };
    if doc_a.sha256 != doc_b.sha256 {
        return Err(AuthoringError::NotComparable {
            a: a.name.clone(),
            b: b.name.clone(),
            reason: "they annotate different texts (their sha256 differ)".to_owned(),
        });
    }
    let (ca, cb) = (claims(a), claims(b));
    let exact = one_to_one(ca.len(), cb.len(), |i, j| {
        usize::from(ca[i].spans == cb[j].spans)
    });
    let overlapping = one_to_one(ca.len(), cb.len(), |i, j| {
        shared(&ca[i].spans, &cb[j].spans)
    });
    let (ma, mb) = (mentions(a), mentions(b));
    let mentions_exact = one_to_one(ma.len(), mb.len(), |i, j| usize::from(ma[i] == mb[j]));
    let mentions_overlapping = one_to_one(ma.len(), mb.len(), |i, j| {
        if ma[i].1 == mb[j].1 {
            shared(&[ma[i].0], &[mb[j].0])
        } else {
            0
        }
    });
    let matched: Vec<(&Claim, &Claim)> =
        overlapping.iter().map(|&(i, j)| (&ca[i], &cb[j])).collect();
    let nominal_field = |value: fn(&Claim) -> &String| {
        let pairs: Vec<(&String, &String)> =
            matched.iter().map(|(x, y)| (value(x), value(y))).collect();
        FieldAgreement {
            units: pairs.len(),
            observed: observed(&pairs),
            kappa: cohen_kappa(&pairs),
            alpha: krippendorff_alpha(&pairs, nominal),
        }
    };
    let sets: Vec<(BTreeSet<String>, BTreeSet<String>)> = matched
        .iter()
        .map(|(x, y)| (x.characterizations.clone(), y.characterizations.clone()))
        .collect();
    Ok(Agreement {
        document: doc_a.id.clone(),
        a: a.name.clone(),
        b: b.name.clone(),
        claims_exact: SpanScores::new(ca.len(), cb.len(), exact.len()),
        claims_overlapping: SpanScores::new(ca.len(), cb.len(), overlapping.len()),
        mentions_exact: SpanScores::new(ma.len(), mb.len(), mentions_exact.len()),
        mentions_overlapping: SpanScores::new(ma.len(), mb.len(), mentions_overlapping.len()),
        claimant: nominal_field(|c| &c.claimant),
        perspective: nominal_field(|c| &c.perspective),
        characterizations: FieldAgreement {
            units: sets.len(),
            observed: observed(&sets),
            kappa: cohen_kappa(&set_decisions(&sets)),
            alpha: krippendorff_alpha(&sets, jaccard),
        },
        perspective_confusion: confusion(&matched),
        matched: matched
            .iter()
            .map(|(x, y)| MatchedClaim {
                a: x.id.clone(),
                b: y.id.clone(),
                claimant: (x.claimant.clone(), y.claimant.clone()),
                perspective: (x.perspective.clone(), y.perspective.clone()),
                characterizations: (x.characterizations.clone(), y.characterizations.clone()),
            })
            .collect(),
    })
}

/// The perspectives of the matched claims, A's in rows and B's in columns.
fn confusion(matched: &[(&Claim, &Claim)]) -> Confusion {
    let labels: Vec<String> = matched
        .iter()
        .flat_map(|(x, y)| [x.perspective.clone(), y.perspective.clone()])
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let index: BTreeMap<&String, usize> = labels.iter().enumerate().map(|(n, l)| (l, n)).collect();
    let mut counts = vec![vec![0; labels.len()]; labels.len()];
    for (x, y) in matched {
        counts[index[&x.perspective]][index[&y.perspective]] += 1;
    }
    Confusion { labels, counts }
}
