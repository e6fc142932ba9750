//! Differential query tests (issue 18): wangluo's query path (`wangluo::query::run_with`, with
//! its optimisation rewrites) against a reference that shares none of its code, Oxigraph's own
//! evaluation of the query as written (`reference.rs`). Answers must be the same multisets of
//! rows (graphs isomorphic, booleans equal), with the top-level ORDER BY keys in the same order;
//! errors must agree. Cases: the W3C SPARQL 1.0 and 1.1 query evaluation tests (`w3c.rs`),
//! generated queries over generated data (`generated.rs`), every bundled query (`bundled.rs`),
//! and the wrong answers of issue 18 by hand (`regressions.rs`).

mod bundled;
mod generated;
mod grammar;
mod manifest;
mod outcome;
mod reference;
mod regressions;
mod values;
mod w3c;

use outcome::{collect, Cardinality, Outcome};
use wangluo::query::{DatasetSpec, QueryParameter, RunOptions};
use wangluo::store::KnowledgeGraph;

/// One query to put to both sides.
pub struct Case<'a> {
    pub name: &'a str,
    pub sparql: &'a str,
    pub parameters: &'a [QueryParameter],
    pub dataset: Option<DatasetSpec>,
    pub cardinality: Cardinality,
}

impl<'a> Case<'a> {
    pub fn new(name: &'a str, sparql: &'a str) -> Self {
        Case {
            name,
            sparql,
            parameters: &[],
            dataset: None,
            cardinality: Cardinality::Exact,
        }
    }
}

/// How a case agreed (a disagreement is an `Err`).
#[derive(Debug, PartialEq, Eq)]
pub enum Agreement {
    /// The same answer; `ordered` when ORDER BY keys were compared too.
    Same { ordered: bool },
    /// Both refused the query (syntax, evaluation error).
    BothFailed,
    /// wangluo refused a parameter on a variable not in scope of the outer WHERE (allowed).
    ParameterRefused,
}

/// Runs the case on wangluo's path and on the reference, and says how they agree.
pub fn compare(kg: &KnowledgeGraph, case: &Case) -> Result<Agreement, String> {
    compare_keeping(kg, case).map(|(agreement, _)| agreement)
}

/// [`compare`], with wangluo's answer when it gave one.
pub fn compare_keeping(
    kg: &KnowledgeGraph,
    case: &Case,
) -> Result<(Agreement, Option<Outcome>), String> {
    let reference = reference::answer(kg, case.sparql, case.parameters, case.dataset.as_ref());
    let options = RunOptions {
        dataset: case.dataset.clone(),
        ..RunOptions::default()
    };
    let ours = wangluo::query::run_with(kg, case.name, case.sparql, case.parameters, &options)
        .map_err(|e| (is_parameter_refusal(&e), error_text(&e)))
        .and_then(|results| collect(results).map_err(|e| (false, e)));
    let ((query, dataset, reference), ours) = match (reference, ours) {
        (Err(_), Err(_)) => return Ok((Agreement::BothFailed, None)),
        (Err(e), Ok(ours)) => {
            return Err(format!(
                "the reference fails ({e}) but wangluo answers {}",
                ours.summary()
            ))
        }
        (Ok(_), Err((true, e))) => return parameter_refusal(case, e).map(|a| (a, None)),
        (Ok(_), Err((false, e))) => return Err(format!("wangluo fails: {e}")),
        (Ok(reference), Ok(ours)) => (reference, ours),
    };
    outcome::same(&reference.outcome, &ours, case.cardinality).map_err(|why| {
        format!(
            "{why}\n  reference: {}\n  wangluo:   {}",
            reference.outcome.summary(),
            ours.summary()
        )
    })?;
    let ordered = match (
        &reference.keys,
        reference::order_keys(kg, &query, &dataset, &ours),
    ) {
        (Some(expected), Some(keys)) if keys != *expected => {
            return Err(format!(
                "ORDER BY keys in another order:\n  reference: {expected:?}\n  wangluo:   {keys:?}"
            ))
        }
        (Some(_), Some(_)) => true,
        _ => false,
    };
    Ok((Agreement::Same { ordered }, Some(ours)))
}

/// A refused parameter is right only for a variable nowhere in scope of the outer WHERE: a
/// refusal of the parameters is right when one of them is such a variable.
fn parameter_refusal(case: &Case, error: String) -> Result<Agreement, String> {
    let query = reference::parse(case.sparql)?;
    let in_scope = reference::outer_where_variables(&query);
    if case
        .parameters
        .iter()
        .any(|p| !in_scope.contains(p.variable.as_str()))
    {
        Ok(Agreement::ParameterRefused)
    } else {
        Err(format!(
            "wangluo refuses parameters on variables in scope of the outer WHERE \
             ({in_scope:?}): {error}"
        ))
    }
}

fn is_parameter_refusal(error: &wangluo::error::Error) -> bool {
    matches!(
        error,
        wangluo::error::Error::Query(wangluo::query::QueryError::Parameter { .. })
    )
}

/// An error with its causes, on one line.
fn error_text(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// A knowledge graph whose store holds nothing (the bundled graph, emptied).
pub fn empty_kg() -> KnowledgeGraph {
    let kg = crate::util::kg();
    kg.store().clear().expect("clear the store");
    kg
}

/// Counts of a run of cases, printed by each test.
#[derive(Default, Debug)]
pub struct Tally {
    pub run: usize,
    pub same: usize,
    pub ordered: usize,
    pub both_failed: usize,
    pub refused: usize,
}

impl Tally {
    pub fn add(&mut self, agreement: &Agreement) {
        self.run += 1;
        match agreement {
            Agreement::Same { ordered } => {
                self.same += 1;
                self.ordered += usize::from(*ordered);
            }
            Agreement::BothFailed => self.both_failed += 1,
            Agreement::ParameterRefused => self.refused += 1,
        }
    }
}

impl std::fmt::Display for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} cases: {} same answer ({} with ORDER BY keys compared), {} refused by both, {} parameters refused",
            self.run, self.same, self.ordered, self.both_failed, self.refused
        )
    }
}

/// The answer of a case on the reference alone (for the W3C expected results).
pub fn reference_outcome(kg: &KnowledgeGraph, case: &Case) -> Result<Outcome, String> {
    reference::answer(kg, case.sparql, case.parameters, case.dataset.as_ref())
        .map(|(_, _, answer)| answer.outcome)
}
