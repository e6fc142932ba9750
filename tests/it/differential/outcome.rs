//! What a query answered, in a form two answers can be compared in: solutions as a multiset
//! (blank nodes matched by isomorphism), a boolean, or a graph up to blank-node renaming.

use oxigraph::model::{
    dataset::CanonicalizationAlgorithm, BlankNode, Graph, Literal, NamedNode, Term, Triple,
};
use oxigraph::sparql::QueryResults;
use std::collections::BTreeMap;

/// One solution: variable name → value (unbound variables absent).
pub type Row = BTreeMap<String, Term>;

/// An answer.
#[derive(Debug, Clone)]
pub enum Outcome {
    Rows {
        variables: Vec<String>,
        rows: Vec<Row>,
    },
    Boolean(bool),
    Graph(Vec<Triple>),
}

/// How solutions are counted: exactly, or as a set (`REDUCED`: any number of duplicates).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cardinality {
    Exact,
    Lax,
}

/// Reads all of an answer (an error while iterating is the query's error).
pub fn collect(results: QueryResults<'_>) -> Result<Outcome, String> {
    match results {
        QueryResults::Solutions(solutions) => {
            let variables = solutions
                .variables()
                .iter()
                .map(|v| v.as_str().to_owned())
                .collect();
            let rows = solutions
                .map(|s| {
                    s.map(|s| {
                        s.iter()
                            .map(|(v, t)| (v.as_str().to_owned(), t.clone()))
                            .collect()
                    })
                    .map_err(|e| e.to_string())
                })
                .collect::<Result<_, _>>()?;
            Ok(Outcome::Rows { variables, rows })
        }
        QueryResults::Boolean(b) => Ok(Outcome::Boolean(b)),
        QueryResults::Graph(triples) => Ok(Outcome::Graph(
            triples
                .collect::<Result<_, _>>()
                .map_err(|e| e.to_string())?,
        )),
    }
}

impl Outcome {
    /// A short description for failure messages.
    pub fn summary(&self) -> String {
        match self {
            Outcome::Rows { variables, rows } => {
                let mut shown: Vec<String> = rows.iter().map(row_text).collect();
                shown.sort();
                shown.truncate(40);
                format!(
                    "{} rows over {variables:?}:\n    {}",
                    rows.len(),
                    shown.join("\n    ")
                )
            }
            Outcome::Boolean(b) => format!("boolean {b}"),
            Outcome::Graph(triples) => format!("graph of {} triples", triples.len()),
        }
    }
}

pub fn row_text(row: &Row) -> String {
    row.iter()
        .map(|(v, t)| format!("?{v}={t}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `Ok` when the two answers are the same, else what differs.
pub fn same(left: &Outcome, right: &Outcome, cardinality: Cardinality) -> Result<(), String> {
    match (left, right) {
        (Outcome::Boolean(a), Outcome::Boolean(b)) if a == b => Ok(()),
        (
            Outcome::Rows {
                variables: va,
                rows: a,
            },
            Outcome::Rows {
                variables: vb,
                rows: b,
            },
        ) => {
            let (mut va, mut vb) = (va.clone(), vb.clone());
            va.sort();
            vb.sort();
            if va != vb {
                return Err(format!("variables {va:?} vs {vb:?}"));
            }
            if same_rows(a, b, cardinality) {
                Ok(())
            } else {
                Err("different solutions".into())
            }
        }
        (Outcome::Graph(a), Outcome::Graph(b)) => {
            if canonical(a.iter().cloned()) == canonical(b.iter().cloned()) {
                Ok(())
            } else {
                Err("graphs are not isomorphic".into())
            }
        }
        _ => Err("different answers".into()),
    }
}

fn same_rows(a: &[Row], b: &[Row], cardinality: Cardinality) -> bool {
    let (a, b) = match cardinality {
        Cardinality::Exact => (a.to_vec(), b.to_vec()),
        Cardinality::Lax => (distinct(a), distinct(b)),
    };
    if a.len() != b.len() {
        return false;
    }
    let has_blank = |rows: &[Row]| {
        rows.iter()
            .flat_map(|r| r.values())
            .any(|t| matches!(t, Term::BlankNode(_)))
    };
    if !has_blank(&a) && !has_blank(&b) {
        let sorted = |rows: &[Row]| {
            let mut texts: Vec<String> = rows.iter().map(row_text).collect();
            texts.sort();
            texts
        };
        return sorted(&a) == sorted(&b);
    }
    canonical(rows_as_triples(&a)) == canonical(rows_as_triples(&b))
}

/// The rows with their duplicates removed (keeping blank-node rows as they are).
fn distinct(rows: &[Row]) -> Vec<Row> {
    let mut seen = std::collections::BTreeSet::new();
    rows.iter()
        .filter(|r| seen.insert(row_text(r)))
        .cloned()
        .collect()
}

/// Each row as a fresh blank node with one triple per binding (and one saying it is a row):
/// two multisets of rows are equal, blank nodes matched, when these graphs are isomorphic.
fn rows_as_triples(rows: &[Row]) -> Vec<Triple> {
    let is_row = NamedNode::new_unchecked("urn:differential:row");
    let mut triples = Vec::new();
    for row in rows {
        let node = BlankNode::default();
        triples.push(Triple::new(
            node.clone(),
            is_row.clone(),
            Literal::from(true),
        ));
        for (variable, value) in row {
            let predicate = NamedNode::new_unchecked(format!("urn:differential:var:{variable}"));
            triples.push(Triple::new(node.clone(), predicate, value.clone()));
        }
    }
    triples
}

/// The graph of the triples, with canonical blank nodes.
fn canonical(triples: impl IntoIterator<Item = Triple>) -> Graph {
    let mut graph: Graph = triples.into_iter().collect();
    graph.canonicalize(CanonicalizationAlgorithm::Unstable);
    graph
}

/// An ORDER BY key as text: blank nodes all alike (their order is the store's choice).
pub fn key_text(term: Option<&Term>) -> String {
    match term {
        None => "UNDEF".to_owned(),
        Some(Term::BlankNode(_)) => "_:b".to_owned(),
        Some(t) => t.to_string(),
    }
}
