//! Generated queries (`grammar.rs`) over generated data: people in three graphs with `:team`,
//! `:score`, `:name` and `:flag`, some missing; FROM / FROM NAMED or a request dataset; random
//! `--param` bindings (on variables bound only in an OPTIONAL or a UNION branch, not projected,
//! or nowhere). Each case is wangluo's path against the reference; a failure shrinks to a
//! minimal query, printed with its data. `WANGLUO_PROPTEST_CASES` raises the number of cases.

use super::grammar::{self, Pattern, Select, GRAPHS, PEOPLE, PROPERTIES, TEAMS};
use super::outcome::Cardinality;
use super::{compare, empty_kg, reference, Agreement, Case, Tally};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term, Variable};
use proptest::prelude::*;
use proptest::test_runner::{RngAlgorithm, TestCaseError, TestRng, TestRunner};
use std::cell::RefCell;
use wangluo::query::{DatasetSpec, QueryParameter};
use wangluo::store::KnowledgeGraph;

/// Cases per run (debug build: well under a minute).
const DEFAULT_CASES: u32 = 2500;

const EX: &str = "http://ex.org/";

/// One fact of the data: person, property, value (index), graph.
type Fact = (usize, usize, usize, usize);

#[derive(Clone, Debug)]
enum Form {
    Select(Select),
    Ask(Pattern),
    Construct(Pattern),
}

#[derive(Clone)]
struct Generated {
    data: Vec<Fact>,
    form: Form,
    from: Vec<usize>,
    from_named: Vec<usize>,
    request: Option<(Vec<usize>, Vec<usize>)>,
    parameters: Vec<(&'static str, usize)>,
}

/// A parameter names, most often, a variable in scope of the query's outer WHERE (bound there,
/// perhaps only in an OPTIONAL or a UNION branch, projected or not); one time in eight any
/// variable the text mentions (perhaps only in a sub-SELECT, an EXISTS or a MINUS), one time in
/// eight `?x`, which no query has. Never an aggregate's or a BIND's: a parameter on a variable
/// the query assigns itself is a syntax error by the reference's rule, or a query SPARQL does
/// not allow.
fn parameter_variable(sparql: &str, choice: usize) -> &'static str {
    let in_scope = reference::parse(sparql)
        .map(|q| reference::outer_where_variables(&q))
        .unwrap_or_default();
    let mentioned: Vec<&'static str> = grammar::VARIABLES
        .iter()
        .copied()
        .filter(|v| {
            sparql.match_indices(&format!("?{v}")).any(|(at, _)| {
                sparql[at + v.len() + 1..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
            })
        })
        .collect();
    let scoped: Vec<&'static str> = mentioned
        .iter()
        .copied()
        .filter(|v| in_scope.contains(*v))
        .collect();
    match choice {
        7 => "x",
        6 if !mentioned.is_empty() => mentioned[choice % mentioned.len()],
        _ if !scoped.is_empty() => scoped[choice % scoped.len()],
        _ if !mentioned.is_empty() => mentioned[choice % mentioned.len()],
        _ => "x",
    }
}

fn ex(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{EX}{local}"))
}

impl Generated {
    fn sparql(&self) -> String {
        let mut dataset = String::new();
        for g in &self.from {
            dataset.push_str(&format!(" FROM :{}", GRAPHS[*g]));
        }
        for g in &self.from_named {
            dataset.push_str(&format!(" FROM NAMED :{}", GRAPHS[*g]));
        }
        let query = match &self.form {
            Form::Select(s) => format!("{}{dataset} {}", s.head(), s.body()),
            Form::Ask(p) => format!("ASK{dataset} WHERE {{ {p} }}"),
            Form::Construct(p) => format!(
                "CONSTRUCT {{ ?p :team ?t . ?p :score ?s . ?q :name ?n }}{dataset} WHERE {{ {p} }}"
            ),
        };
        format!("PREFIX : <{EX}>\n{query}")
    }

    fn parameters(&self) -> Vec<QueryParameter> {
        self.parameters
            .iter()
            .map(|(name, i)| QueryParameter {
                variable: Variable::new_unchecked(*name),
                value: parameter_value(name, *i),
            })
            .collect()
    }

    /// The request's dataset: one or more graphs (a request that names none has no dataset of
    /// its own).
    fn request(&self) -> Option<DatasetSpec> {
        let request = self
            .request
            .as_ref()
            .filter(|(default, named)| !default.is_empty() || !named.is_empty());
        request.map(|(default, named)| DatasetSpec {
            default_graphs: default
                .iter()
                .map(|g| GraphName::from(ex(GRAPHS[*g])))
                .collect(),
            named_graphs: named
                .iter()
                .map(|g| NamedOrBlankNode::from(ex(GRAPHS[*g])))
                .collect(),
        })
    }

    fn quads(&self) -> Vec<Quad> {
        self.data
            .iter()
            .map(|&(person, property, value, graph)| {
                let object: Term = match property {
                    0 => ex(TEAMS[value % TEAMS.len()]).into(),
                    1 => Literal::from(value as i64 + 1).into(),
                    2 => Literal::new_simple_literal(["A", "B", "C"][value % 3]).into(),
                    _ => Literal::from(value.is_multiple_of(2)).into(),
                };
                Quad::new(
                    ex(PEOPLE[person]),
                    ex(PROPERTIES[property].0),
                    object,
                    ex(GRAPHS[graph]),
                )
            })
            .collect()
    }
}

/// The value `i` of a parameter on `name`, of the kind the variable holds in the data.
fn parameter_value(name: &str, i: usize) -> Term {
    match name {
        "p" | "q" => ex(PEOPLE[i % PEOPLE.len()]).into(),
        "s" => Literal::from(i as i64 + 1).into(),
        "n" => Literal::new_simple_literal(["A", "B", "C"][i % 3]).into(),
        "f" => Literal::from(i.is_multiple_of(2)).into(),
        "g" => ex(GRAPHS[i % GRAPHS.len()]).into(),
        _ => ex(TEAMS[i % TEAMS.len()]).into(),
    }
}

impl std::fmt::Debug for Generated {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "\n--- query\n{}", self.sparql())?;
        for p in self.parameters() {
            writeln!(f, "--- --param {}={}", p.variable.as_str(), p.value)?;
        }
        if let Some((default, named)) = self.request.as_ref().filter(|_| self.request().is_some()) {
            writeln!(
                f,
                "--- request dataset: default {default:?}, named {named:?} (of {GRAPHS:?})"
            )?;
        }
        writeln!(f, "--- data")?;
        for quad in self.quads() {
            writeln!(f, "{quad} .")?;
        }
        Ok(())
    }
}

fn graphs() -> impl Strategy<Value = Vec<usize>> {
    proptest::sample::subsequence((0..GRAPHS.len()).collect::<Vec<_>>(), 0..3)
}

fn generated() -> impl Strategy<Value = Generated> {
    let fact = (
        0..PEOPLE.len(),
        0..PROPERTIES.len(),
        0..4usize,
        0..GRAPHS.len(),
    );
    let pattern = grammar::pattern();
    let form = prop_oneof![
        8 => grammar::select(pattern.clone()).prop_map(Form::Select),
        1 => pattern.clone().prop_map(Form::Ask),
        1 => pattern.prop_map(Form::Construct),
    ];
    let dataset = prop_oneof![
        6 => Just((Vec::new(), Vec::new())),
        1 => (graphs(), Just(Vec::new())),
        1 => (Just(Vec::new()), graphs()),
        1 => (graphs(), graphs()),
    ];
    let request = proptest::option::weighted(0.15, (graphs(), graphs()));
    let parameter = (0..8usize, 0..4usize);
    (
        proptest::collection::vec(fact, 0..16),
        form,
        dataset,
        request,
        prop_oneof![
            2 => Just(Vec::new()),
            3 => proptest::collection::vec(parameter.clone(), 1..2),
            1 => proptest::collection::vec(parameter, 2..3),
        ],
    )
        .prop_map(|(data, form, (from, from_named), request, choices)| {
            let mut case = Generated {
                data,
                form,
                from,
                from_named,
                request,
                parameters: Vec::new(),
            };
            let sparql = case.sparql();
            case.parameters = choices
                .into_iter()
                .map(|(choice, value)| (parameter_variable(&sparql, choice), value))
                .collect();
            case.parameters.sort_by_key(|(name, _)| *name);
            case.parameters.dedup_by_key(|(name, _)| *name);
            case
        })
}

fn cases() -> u32 {
    std::env::var("WANGLUO_PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(DEFAULT_CASES)
}

/// Puts one generated case to both sides, on a store holding only its data.
fn check(kg: &KnowledgeGraph, case: &Generated) -> Result<Agreement, String> {
    kg.store().clear().map_err(|e| e.to_string())?;
    kg.store().extend(case.quads()).map_err(|e| e.to_string())?;
    let sparql = case.sparql();
    let parameters = case.parameters();
    compare(
        kg,
        &Case {
            name: "generated",
            sparql: &sparql,
            parameters: &parameters,
            dataset: case.request(),
            cardinality: Cardinality::Exact,
        },
    )
}

#[test]
fn generated_queries_agree_with_the_reference() {
    let config = ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        max_shrink_iters: 4000,
        ..ProptestConfig::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let kg = empty_kg();
    let tally = RefCell::new(Tally::default());
    let with_parameters = RefCell::new(0usize);
    let result = runner.run(&generated(), |case| {
        let agreement = check(&kg, &case).map_err(TestCaseError::fail)?;
        if !case.parameters.is_empty() && matches!(agreement, Agreement::Same { .. }) {
            *with_parameters.borrow_mut() += 1;
        }
        tally.borrow_mut().add(&agreement);
        Ok(())
    });
    let tally = tally.into_inner();
    println!(
        "generated queries: {tally}; {} same answers with parameters",
        with_parameters.borrow()
    );
    if let Err(error) = result {
        panic!("{error}");
    }
    assert!(
        tally.same * 2 >= tally.run,
        "too few generated queries are valid SPARQL: {tally}"
    );
}
