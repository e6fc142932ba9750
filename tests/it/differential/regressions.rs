//! The wrong answers of issue 18 (items 1–4), each with its answer worked out by hand, on a
//! small dataset: graph g1 with eight people (team, score, name, some flags, one without a
//! team), graph g2 with `:zed :team :red ; :score 99`. The reference (`reference.rs`) must
//! give the hand-made answer too, which checks the reference itself.

use super::outcome::{collect, Outcome};
use super::{empty_kg, reference};
use oxigraph::io::RdfFormat;
use oxigraph::model::{NamedNode, Term, Variable};
use wangluo::query::{DatasetSpec, QueryParameter, RunOptions};
use wangluo::store::KnowledgeGraph;

const DATA: &str = r#"
@prefix : <http://ex.org/> .
:g1 {
  :ann :team :red ; :score 10 ; :name "Ann" ; :flag true .
  :bob :team :red ; :score 7 ; :name "Bob" ; :flag false .
  :cat :team :red ; :score 4 ; :name "Cat" ; :flag true .
  :dan :team :blue ; :score 13 ; :name "Dan" .
  :eve :team :blue ; :score 9 ; :name "Eve" ; :flag true .
  :hal :team :blue ; :score 2 ; :name "Hal" .
  :fay :team :green ; :score 5 ; :name "Fay" .
  :ivy :score 3 .
}
:g2 { :zed :team :red ; :score 99 . }
"#;

const PREFIX: &str = "PREFIX : <http://ex.org/>\n";

fn kg() -> KnowledgeGraph {
    let kg = empty_kg();
    kg.store()
        .load_from_slice(RdfFormat::TriG, DATA.as_bytes())
        .expect("the data loads");
    kg
}

fn ex(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("http://ex.org/{local}"))
}

fn red() -> Vec<QueryParameter> {
    vec![QueryParameter {
        variable: Variable::new_unchecked("t"),
        value: ex("red").into(),
    }]
}

/// The answer as text, rows in the order given: each row its values (`-` unbound) in the
/// order of the variables; ASK as `true`/`false`.
fn text(outcome: Outcome) -> Vec<String> {
    match outcome {
        Outcome::Rows { variables, rows } => rows
            .iter()
            .map(|row| {
                variables
                    .iter()
                    .map(|v| match row.get(v) {
                        Some(Term::NamedNode(n)) => {
                            n.as_str().trim_start_matches("http://ex.org/").to_owned()
                        }
                        Some(Term::Literal(l)) => l.value().to_owned(),
                        Some(other) => other.to_string(),
                        None => "-".to_owned(),
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect(),
        Outcome::Boolean(b) => vec![b.to_string()],
        Outcome::Graph(triples) => triples.iter().map(|t| t.to_string()).collect(),
    }
}

/// Asserts wangluo's answer and the reference's are `expected` (as a multiset, or in that
/// order when `ordered`).
#[track_caller]
fn check(
    sparql: &str,
    parameters: &[QueryParameter],
    dataset: Option<DatasetSpec>,
    ordered: bool,
    expected: &[&str],
) {
    let kg = kg();
    let sparql = format!("{PREFIX}{sparql}");
    let sorted = |mut rows: Vec<String>| {
        if !ordered {
            rows.sort();
        }
        rows
    };
    let mut expected: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
    expected = sorted(expected);
    let (_, _, answer) = reference::answer(&kg, &sparql, parameters, dataset.as_ref())
        .expect("the reference answers");
    assert_eq!(
        sorted(text(answer.outcome)),
        expected,
        "reference, {sparql}"
    );
    let options = RunOptions {
        dataset,
        ..RunOptions::default()
    };
    let ours = wangluo::query::run_with(&kg, "regression", &sparql, parameters, &options)
        .map_err(|e| e.to_string())
        .and_then(|results| collect(results));
    match ours {
        Ok(ours) => assert_eq!(sorted(text(ours)), expected, "wangluo, {sparql}"),
        Err(e) => panic!("wangluo fails on {sparql}: {e}"),
    }
}

#[test]
fn from_a_graph_that_does_not_exist_counts_nothing() {
    check(
        "SELECT (COUNT(*) AS ?n) FROM <urn:none> WHERE { ?s ?p ?o }",
        &[],
        None,
        false,
        &["0"],
    );
}

#[test]
fn ask_from_g1_does_not_see_g2() {
    check(
        "ASK FROM :g1 { :zed :score 99 }",
        &[],
        None,
        false,
        &["false"],
    );
}

#[test]
fn from_named_alone_leaves_the_default_graph_empty() {
    check(
        "SELECT (COUNT(*) AS ?n) FROM NAMED :g2 WHERE { ?s ?p ?o }",
        &[],
        None,
        false,
        &["0"],
    );
    check(
        "SELECT ?g ?s FROM NAMED :g2 WHERE { GRAPH ?g { ?s :score ?o } }",
        &[],
        None,
        false,
        &["g2 zed"],
    );
}

#[test]
fn a_request_dataset_overrides_from() {
    let g2 = DatasetSpec {
        default_graphs: vec![ex("g2").into()],
        named_graphs: vec![],
    };
    check(
        "SELECT (COUNT(*) AS ?n) FROM :g1 WHERE { ?s ?p ?o }",
        &[],
        Some(g2),
        false,
        &["2"],
    );
}

#[test]
fn exists_in_order_by_reads_the_store() {
    let flagged_first = "ORDER BY DESC(EXISTS { ?p :flag true }) ?p LIMIT 2";
    check(
        &format!("SELECT ?p WHERE {{ ?p :team ?t }} {flagged_first}"),
        &[],
        None,
        true,
        &["ann", "cat"],
    );
    check(
        &format!("SELECT ?p WHERE {{ {{ SELECT ?p WHERE {{ ?p :team ?t }} {flagged_first} }} }}"),
        &[],
        None,
        false,
        &["ann", "cat"],
    );
}

#[test]
fn lateral_top_two_per_team() {
    check(
        "SELECT ?t ?p ?s WHERE { { SELECT DISTINCT ?t { ?x :team ?t } } \
         LATERAL { SELECT ?t ?p ?s { ?p :team ?t ; :score ?s } ORDER BY DESC(?s) LIMIT 2 } }",
        &[],
        None,
        false,
        &[
            "red zed 99",
            "red ann 10",
            "blue dan 13",
            "blue eve 9",
            "green fay 5",
        ],
    );
}

#[test]
fn a_parameter_is_not_pushed_below_a_limit() {
    // The top three scores are zed (red), dan (blue), ann (red): two of them red.
    check(
        "SELECT ?p ?t WHERE { { SELECT ?p ?t WHERE { ?p :team ?t ; :score ?s } \
         ORDER BY DESC(?s) LIMIT 3 } }",
        &red(),
        None,
        false,
        &["zed red", "ann red"],
    );
}

#[test]
fn a_parameter_joins_a_group_whose_key_is_bound_only_in_an_optional() {
    // Groups: red 10+7+4+99 = 120, blue, green, and no team (ivy, 3): the red group and the
    // group without a team both join ?t = red.
    check(
        "SELECT ?t ?total WHERE { { SELECT ?t (SUM(?s) AS ?total) WHERE { ?p :score ?s \
         OPTIONAL { ?p :team ?t } } GROUP BY ?t } }",
        &red(),
        None,
        false,
        &["red 120", "red 3"],
    );
}

#[test]
fn a_parameter_joins_both_union_branches_of_a_distinct_sub_select() {
    // Red team members (ann, bob, cat, zed) from the first branch; every named person (ann,
    // bob, cat, dan, eve, hal, fay) from the second, with ?t unbound there: eleven rows.
    check(
        "SELECT ?p ?t WHERE { { SELECT DISTINCT ?p ?t WHERE { { ?p :team ?t } UNION \
         { ?p :name ?n } } } }",
        &red(),
        None,
        false,
        &[
            "ann red", "bob red", "cat red", "zed red", "ann red", "bob red", "cat red", "dan red",
            "eve red", "hal red", "fay red",
        ],
    );
}

#[test]
fn a_parameter_on_a_variable_not_projected_is_taken() {
    check(
        "SELECT DISTINCT ?p WHERE { ?p :team ?t }",
        &red(),
        None,
        false,
        &["ann", "bob", "cat", "zed"],
    );
    check(
        "SELECT ?p WHERE { ?p :team ?t } ORDER BY ?p LIMIT 2",
        &red(),
        None,
        true,
        &["ann", "bob"],
    );
}
