//! The reference: Oxigraph's own evaluation (`SparqlEvaluator`) of the query as written, with
//! the parameters as a `VALUES` row joined with its whole outer WHERE (`values.rs`) and the dataset set
//! explicitly: the request's, else the query's FROM / FROM NAMED, else the union of all graphs.
//! Nothing of `wangluo::query` but the parameter type and the dataset type is used here.

use super::outcome::{collect, key_text, Outcome, Row};
use super::values::with_values;
use oxigraph::model::{Literal, Term, Variable};
use oxigraph::sparql::{QueryDataset, SparqlEvaluator};
use spargebra::algebra::{Expression, GraphPattern, OrderExpression};
use spargebra::term::GroundTerm;
use spargebra::Query;
use std::collections::BTreeSet;
use wangluo::query::{DatasetSpec, QueryParameter};
use wangluo::store::KnowledgeGraph;
use wangluo::vocab::Base;

/// The reference's answer, and the ORDER BY key values of its rows in their order (when the
/// query has a top-level ORDER BY whose keys can be read back from its rows).
pub struct Answer {
    pub outcome: Outcome,
    pub keys: Option<Vec<Vec<String>>>,
}

/// A query parsed as wangluo parses it: the prefixes of the default base predeclared.
pub fn parse(sparql: &str) -> Result<Query, String> {
    let mut parser = spargebra::SparqlParser::new();
    for (prefix, namespace) in Base::default().prefixes() {
        parser = parser
            .with_prefix(prefix, namespace)
            .map_err(|e| e.to_string())?;
    }
    parser.parse_query(sparql).map_err(|e| e.to_string())
}

/// The dataset a query runs on: the request's, else the query's, else the union of all graphs.
pub fn dataset_for(query: &Query, spec: Option<&DatasetSpec>) -> QueryDataset {
    let mut prepared = SparqlEvaluator::new().for_query(query.clone());
    let dataset = prepared.dataset_mut();
    match spec {
        Some(spec) => {
            dataset.set_default_graph(spec.default_graphs.clone());
            dataset.set_available_named_graphs(spec.named_graphs.clone());
        }
        None if query.dataset().is_none() => dataset.set_default_graph_as_union(),
        None => {}
    }
    dataset.clone()
}

/// Evaluates the query (with its parameters) as the reference does.
pub fn answer(
    kg: &KnowledgeGraph,
    sparql: &str,
    parameters: &[QueryParameter],
    spec: Option<&DatasetSpec>,
) -> Result<(Query, QueryDataset, Answer), String> {
    let text = with_values(sparql, parameters)?;
    let query = parse(&text)?;
    let dataset = dataset_for(&query, spec);
    let mut prepared = SparqlEvaluator::new().for_query(query.clone());
    *prepared.dataset_mut() = dataset.clone();
    let results = prepared
        .on_store(kg.store())
        .execute()
        .map_err(|e| e.to_string())?;
    let outcome = collect(results)?;
    let keys = order_keys(kg, &query, &dataset, &outcome);
    Ok((query, dataset, Answer { outcome, keys }))
}

/// The variables in scope of the outer WHERE pattern of the query (below its solution
/// modifiers, grouping and projection expressions): those a parameter may be refused for
/// only when it is not among them.
pub fn outer_where_variables(query: &Query) -> BTreeSet<String> {
    let (_, mut pattern) = top_modifiers(query);
    let mut below = pattern;
    while let GraphPattern::Extend { inner, .. } | GraphPattern::Filter { inner, .. } = below {
        below = inner;
    }
    if let GraphPattern::Group { inner, .. } = below {
        pattern = inner;
    }
    let mut variables = BTreeSet::new();
    pattern.on_in_scope_variable(|v| {
        variables.insert(v.as_str().to_owned());
    });
    variables
}

/// The query's own solution modifiers, outside in (as spargebra builds them: LIMIT/OFFSET,
/// DISTINCT/REDUCED, the projection of a SELECT, ORDER BY), never those of a sub-SELECT that
/// is the whole WHERE clause: the top-level ORDER BY keys, and the pattern they sort.
fn top_modifiers(query: &Query) -> (Option<&[OrderExpression]>, &GraphPattern) {
    let (Query::Select { pattern, .. }
    | Query::Construct { pattern, .. }
    | Query::Describe { pattern, .. }
    | Query::Ask { pattern, .. }) = query;
    let mut pattern = pattern;
    if let GraphPattern::Slice { inner, .. } = pattern {
        pattern = inner;
    }
    if let GraphPattern::Distinct { inner } | GraphPattern::Reduced { inner } = pattern {
        pattern = inner;
    }
    if let (Query::Select { .. }, GraphPattern::Project { inner, .. }) = (query, pattern) {
        pattern = inner;
    }
    match pattern {
        GraphPattern::OrderBy { inner, expression } => (Some(expression), inner),
        other => (None, other),
    }
}

/// The top-level ORDER BY of a SELECT query and the pattern it sorts.
fn top_order(query: &Query) -> Option<(&[OrderExpression], &GraphPattern)> {
    let Query::Select { .. } = query else {
        return None;
    };
    match top_modifiers(query) {
        (Some(order), inner) => Some((order, inner)),
        (None, _) => None,
    }
}

/// The ORDER BY key values of each row of `outcome`, in its order; `None` when the query has
/// no top-level ORDER BY, or when a key reads a variable the rows do not hold (not projected),
/// or a blank node (not writable in VALUES).
pub fn order_keys(
    kg: &KnowledgeGraph,
    query: &Query,
    dataset: &QueryDataset,
    outcome: &Outcome,
) -> Option<Vec<Vec<String>>> {
    let (order, inner) = top_order(query)?;
    let Outcome::Rows { variables, rows } = outcome else {
        return None;
    };
    let expressions: Vec<&Expression> = order
        .iter()
        .map(|o| match o {
            OrderExpression::Asc(e) | OrderExpression::Desc(e) => e,
        })
        .collect();
    let plain: Option<Vec<&Variable>> = expressions
        .iter()
        .map(|e| match e {
            Expression::Variable(v) if variables.iter().any(|n| n == v.as_str()) => Some(v),
            _ => None,
        })
        .collect();
    if let Some(keys) = plain {
        return Some(
            rows.iter()
                .map(|row| keys.iter().map(|v| key_text(row.get(v.as_str()))).collect())
                .collect(),
        );
    }
    evaluated_keys(kg, dataset, &expressions, inner, variables, rows)
}

/// Key expressions evaluated over the rows, given back as `VALUES` with a row index, on the
/// same dataset: `SELECT ?i ?k0 … { VALUES (?i ?a …) { … } BIND(e0 AS ?k0) … }`.
fn evaluated_keys(
    kg: &KnowledgeGraph,
    dataset: &QueryDataset,
    expressions: &[&Expression],
    inner: &GraphPattern,
    variables: &[String],
    rows: &[Row],
) -> Option<Vec<Vec<String>>> {
    let mut in_scope = BTreeSet::new();
    inner.on_in_scope_variable(|v| {
        in_scope.insert(v.as_str().to_owned());
    });
    let texts: Vec<String> = expressions.iter().map(|e| e.to_string()).collect();
    let used: Vec<String> = in_scope
        .into_iter()
        .filter(|v| texts.iter().any(|t| mentions(t, v)))
        .collect();
    if used.iter().any(|v| !variables.contains(v)) {
        return None;
    }
    let index = Variable::new_unchecked("differential_row");
    let mut values_vars = vec![index.clone()];
    values_vars.extend(used.iter().map(|v| Variable::new_unchecked(v.as_str())));
    let mut bindings = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let mut binding = vec![Some(GroundTerm::Literal(Literal::from(i as i64)))];
        for v in &used {
            binding.push(match row.get(v) {
                None => None,
                Some(Term::NamedNode(n)) => Some(GroundTerm::NamedNode(n.clone())),
                Some(Term::Literal(l)) => Some(GroundTerm::Literal(l.clone())),
                Some(_) => return None,
            });
        }
        bindings.push(binding);
    }
    let mut pattern = GraphPattern::Values {
        variables: values_vars,
        bindings,
    };
    let mut projected = vec![index.clone()];
    for (k, expression) in expressions.iter().enumerate() {
        let key = Variable::new_unchecked(format!("differential_key{k}"));
        pattern = GraphPattern::Extend {
            inner: Box::new(pattern),
            variable: key.clone(),
            expression: (*expression).clone(),
        };
        projected.push(key);
    }
    let query = Query::Select {
        dataset: None,
        pattern: GraphPattern::Project {
            inner: Box::new(pattern),
            variables: projected.clone(),
        },
        base_iri: None,
    };
    let mut prepared = SparqlEvaluator::new().for_query(query);
    *prepared.dataset_mut() = dataset.clone();
    let results = prepared.on_store(kg.store()).execute().ok()?;
    let Outcome::Rows { rows: keyed, .. } = collect(results).ok()? else {
        return None;
    };
    let mut keys = vec![Vec::new(); rows.len()];
    for row in keyed {
        let Some(Term::Literal(i)) = row.get(index.as_str()) else {
            return None;
        };
        let i: usize = i.value().parse().ok()?;
        keys[i] = projected[1..]
            .iter()
            .map(|k| key_text(row.get(k.as_str())))
            .collect();
    }
    Some(keys)
}

/// Whether the SPARQL text mentions `?name` (as a whole variable name).
fn mentions(text: &str, name: &str) -> bool {
    let needle = format!("?{name}");
    text.match_indices(&needle).any(|(at, _)| {
        text[at + needle.len()..]
            .chars()
            .next()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
    })
}

#[cfg(test)]
mod tests {
    use super::{outer_where_variables, parse};

    #[test]
    fn the_outer_where_scope_stops_at_a_sub_select() {
        let cases = [
            ("SELECT * WHERE { { SELECT ?t WHERE { ?p <urn:team> ?t } } }", vec!["t"]),
            ("SELECT * { SELECT ?t { ?p <urn:team> ?t } LIMIT 1 }", vec!["t"]),
            ("ASK { SELECT ?t { ?p <urn:team> ?t } ORDER BY ?p }", vec!["t"]),
            (
                "SELECT DISTINCT ?t (COUNT(?p) AS ?c) { ?p <urn:team> ?t OPTIONAL { ?p <urn:score> ?s } MINUS { ?p <urn:x> ?m } } GROUP BY ?t ORDER BY ?c LIMIT 2",
                vec!["p", "s", "t"],
            ),
        ];
        for (query, expected) in cases {
            let variables = outer_where_variables(&parse(query).unwrap());
            assert_eq!(
                variables.iter().map(String::as_str).collect::<Vec<_>>(),
                expected,
                "{query}"
            );
        }
    }
}
