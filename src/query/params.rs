//! Query parameters (`--param name=value`): parsed into terms, and joined to the query's WHERE
//! pattern as a VALUES row below the projection, so a value is never pasted into query text.

use super::QueryError;
use crate::error::{Error, Result};
use crate::store::KnowledgeGraph;
use oxigraph::model::{Literal, NamedNode, Term, Variable};
use spargebra::algebra::GraphPattern;

/// A value bound to a query variable before evaluation (`--param name=value`).
#[derive(Debug, Clone)]
pub struct QueryParameter {
    pub variable: Variable,
    pub value: Term,
}

impl QueryParameter {
    /// Parses `name=value`: `<iri>` is an IRI, `wld:id` (or any prefix of [`crate::vocab::Base::prefixes`])
    /// expands to an IRI, anything else is a plain string literal. The value is bound as a term,
    /// never pasted into the query text.
    pub fn parse(param: &str, kg: &KnowledgeGraph) -> Result<Self> {
        Self::parse_with_base(param, kg.base())
    }

    /// [`QueryParameter::parse`] with the prefixes of `base`, for a query sent elsewhere.
    pub fn parse_with_base(param: &str, base: &crate::vocab::Base) -> Result<Self> {
        let bad = |reason: &str| -> Error {
            QueryError::Parameter {
                param: param.to_owned(),
                reason: reason.to_owned(),
            }
            .into()
        };
        let (name, value) = param
            .split_once('=')
            .ok_or_else(|| bad("expected NAME=VALUE"))?;
        let variable = Variable::new(name.trim_start_matches(['?', '$']))
            .map_err(|e| bad(&format!("invalid variable name: {e}")))?;
        let value: Term =
            if let Some(iri) = value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
                NamedNode::new(iri)
                    .map_err(|e| bad(&format!("invalid IRI: {e}")))?
                    .into()
            } else if let Some((prefix, local)) = value
                .split_once(':')
                .filter(|(p, _)| base.prefixes().iter().any(|(known, _)| known == p))
            {
                let namespace = base
                    .prefixes()
                    .into_iter()
                    .find(|(known, _)| *known == prefix)
                    .map(|(_, ns)| ns)
                    .unwrap_or_default();
                NamedNode::new(format!("{namespace}{local}"))
                    .map_err(|e| bad(&format!("invalid IRI: {e}")))?
                    .into()
            } else {
                Literal::new_simple_literal(value).into()
            };
        Ok(Self { variable, value })
    }
}

/// Joins `VALUES (?p1 …) { (v1 …) }` to the query's WHERE pattern, below its solution modifiers
/// and grouping and before its first element, as if the block were written at the start of the
/// WHERE clause: every BIND, OPTIONAL and FILTER of the query sees the bound values.
///
/// Why not oxigraph's own `PreparedSparqlQuery::substitute_variable` (0.5, spareval 0.2.9)? It
/// binds the variable in the tuple the *outermost* pattern starts from, and a projection passes
/// only its projected variables inward: `SELECT ?p ?o WHERE { ?s ?p ?o }` with `s` bound fails
/// with "not existing substituted variable" (the `--param s=wld:odni` example of `wangluo query
/// --help`), and a variable the query does not mention is an error rather than a no-op. Binding
/// the WHERE pattern below the projection, as here, is what `--param` promises, so the pinned
/// `spargebra` (the algebra oxigraph itself parses to) stays.
pub(crate) fn bind_parameters(
    query: spargebra::Query,
    parameters: &[QueryParameter],
) -> std::result::Result<spargebra::Query, String> {
    if parameters.is_empty() {
        return Ok(query);
    }
    check_parameters_exist(&query, parameters)?;
    let values = values_row(parameters.iter())?;
    let all: Vec<&QueryParameter> = parameters.iter().collect();
    super::algebra::map_pattern(query, |pattern| {
        Ok(join_values(
            push_into_subqueries(pattern, parameters),
            values.clone(),
            &all,
        ))
    })
}

/// Refuses a parameter for a variable the query's WHERE clause does not have: binding it would
/// silently change nothing. The message names the variables the query can take.
fn check_parameters_exist(
    query: &spargebra::Query,
    parameters: &[QueryParameter],
) -> std::result::Result<(), String> {
    use spargebra::Query;
    let (Query::Select { pattern, .. }
    | Query::Construct { pattern, .. }
    | Query::Describe { pattern, .. }
    | Query::Ask { pattern, .. }) = query;
    let mut known = std::collections::BTreeSet::new();
    where_pattern(pattern).on_in_scope_variable(|v| {
        known.insert(v.as_str().to_owned());
    });
    let unknown: Vec<String> = parameters
        .iter()
        .map(|p| p.variable.as_str().to_owned())
        .filter(|name| !known.contains(name))
        .collect();
    if unknown.is_empty() {
        return Ok(());
    }
    let names = |vars: &mut dyn Iterator<Item = &String>| {
        vars.map(|v| format!("?{v}")).collect::<Vec<_>>().join(" ")
    };
    Err(format!(
        "the query has no variable {}; its variables are: {}",
        names(&mut unknown.iter()),
        names(&mut known.iter())
    ))
}

/// The pattern under the solution modifiers, grouping, BINDs and FILTERs: where [`join_values`]
/// joins the parameters, so its variables are the ones a parameter can bind. A projection is
/// passed only at the top: a sub-SELECT below it has a scope of its own.
fn where_pattern(pattern: &GraphPattern) -> &GraphPattern {
    match pattern {
        GraphPattern::Project { inner, .. } => below_modifiers(inner),
        other => below_modifiers(other),
    }
}

/// The pattern under the solution modifiers (not a projection), grouping, BINDs and FILTERs.
fn below_modifiers(pattern: &GraphPattern) -> &GraphPattern {
    match modifier_inner(pattern) {
        Some(inner) => below_modifiers(inner),
        None => pattern,
    }
}

/// What a solution modifier (not a projection), grouping, BIND or FILTER applies to; `None`
/// for other patterns.
fn modifier_inner(pattern: &GraphPattern) -> Option<&GraphPattern> {
    match pattern {
        GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Slice { inner, .. }
        | GraphPattern::OrderBy { inner, .. }
        | GraphPattern::Group { inner, .. }
        | GraphPattern::Extend { inner, .. }
        | GraphPattern::Filter { inner, .. } => Some(inner),
        _ => None,
    }
}

/// What [`rebuild_modifier`] gives: the modifier rebuilt, or the pattern back when it is none.
enum Rebuilt {
    Modifier(GraphPattern),
    Other(GraphPattern),
}

/// The same modifier (not a projection) around `f(inner)`, or the pattern back when it is none.
/// A LIMIT/OFFSET counts only `with_slice`: below it a restriction changes which rows are kept.
fn rebuild_modifier(
    pattern: GraphPattern,
    with_slice: bool,
    f: impl FnOnce(GraphPattern) -> GraphPattern,
) -> Rebuilt {
    let f = |p: Box<GraphPattern>| Box::new(f(*p));
    Rebuilt::Modifier(match pattern {
        GraphPattern::Slice {
            inner,
            start,
            length,
        } if with_slice => GraphPattern::Slice {
            inner: f(inner),
            start,
            length,
        },
        GraphPattern::Distinct { inner } => GraphPattern::Distinct { inner: f(inner) },
        GraphPattern::Reduced { inner } => GraphPattern::Reduced { inner: f(inner) },
        GraphPattern::OrderBy { inner, expression } => GraphPattern::OrderBy {
            inner: f(inner),
            expression,
        },
        GraphPattern::Group {
            inner,
            variables,
            aggregates,
        } => GraphPattern::Group {
            inner: f(inner),
            variables,
            aggregates,
        },
        GraphPattern::Extend {
            inner,
            variable,
            expression,
        } => GraphPattern::Extend {
            inner: f(inner),
            variable,
            expression,
        },
        GraphPattern::Filter { expr, inner } => GraphPattern::Filter {
            expr,
            inner: f(inner),
        },
        other => return Rebuilt::Other(other),
    })
}

/// `VALUES (?p1 …) { (v1 …) }`: one row of the parameters' values (IRIs or literals).
fn values_row<'a>(
    parameters: impl Iterator<Item = &'a QueryParameter> + Clone,
) -> std::result::Result<GraphPattern, String> {
    use spargebra::term::GroundTerm;
    let row = parameters
        .clone()
        .map(|p| match &p.value {
            Term::NamedNode(n) => Ok(Some(GroundTerm::NamedNode(n.clone()))),
            Term::Literal(l) => Ok(Some(GroundTerm::Literal(l.clone()))),
            other => Err(format!("cannot bind {other}")),
        })
        .collect::<std::result::Result<Vec<_>, _>>()?;
    Ok(GraphPattern::Values {
        variables: parameters.map(|p| p.variable.clone()).collect(),
        bindings: vec![row],
    })
}

/// Binds the parameters inside the sub-SELECTs that project them, too. Oxigraph evaluates a
/// sub-SELECT on its own and joins its result afterwards, so a parameter joined only above it
/// restricts nothing inside: `sentences-about --param entity=…` would still group the mentions
/// of every entity. Joining the row inside gives the same solutions where the variable comes
/// from the sub-SELECT's own pattern (not from an aggregate or BIND of it), as a grouping key or
/// not, and the sub-SELECT has no LIMIT/OFFSET; only sub-SELECTs reached through joins, the
/// required side of an OPTIONAL or another sub-SELECT's WHERE are changed (not OPTIONAL, MINUS or
/// UNION parts, where a restriction inside is not the same).
fn push_into_subqueries(pattern: GraphPattern, parameters: &[QueryParameter]) -> GraphPattern {
    match pattern {
        GraphPattern::Project { inner, variables } => GraphPattern::Project {
            inner: Box::new(push_below_modifiers(*inner, parameters)),
            variables,
        },
        other => push_below_modifiers(other, parameters),
    }
}

/// [`push_into_subqueries`] under a query's own modifiers, down to its WHERE pattern.
fn push_below_modifiers(pattern: GraphPattern, parameters: &[QueryParameter]) -> GraphPattern {
    match rebuild_modifier(pattern, false, |p| push_below_modifiers(p, parameters)) {
        Rebuilt::Modifier(rebuilt) => rebuilt,
        Rebuilt::Other(GraphPattern::Join { left, right }) => GraphPattern::Join {
            left: Box::new(bind_in_subquery(*left, parameters)),
            right: Box::new(bind_in_subquery(*right, parameters)),
        },
        // The required part of an OPTIONAL; what is optional stays as written.
        Rebuilt::Other(GraphPattern::LeftJoin {
            left,
            right,
            expression,
        }) => GraphPattern::LeftJoin {
            left: Box::new(bind_in_subquery(*left, parameters)),
            right,
            expression,
        },
        // A sub-SELECT that is the whole WHERE of another.
        Rebuilt::Other(project @ GraphPattern::Project { .. }) => {
            bind_in_subquery(project, parameters)
        }
        Rebuilt::Other(other) => other,
    }
}

/// A sub-SELECT met in a join, with the parameters it projects joined inside it (and its own
/// sub-SELECTs visited); anything else as it is, its joins visited.
fn bind_in_subquery(pattern: GraphPattern, parameters: &[QueryParameter]) -> GraphPattern {
    let GraphPattern::Project { inner, variables } = pattern else {
        return push_below_modifiers(pattern, parameters);
    };
    let mut in_scope = Vec::new();
    below_modifiers(&inner).on_in_scope_variable(|v| in_scope.push(v.clone()));
    let applicable: Vec<&QueryParameter> = parameters
        .iter()
        .filter(|p| variables.contains(&p.variable) && in_scope.contains(&p.variable))
        .collect();
    let inner = push_below_modifiers(*inner, parameters);
    if applicable.is_empty() || has_slice(&inner) {
        return GraphPattern::Project {
            inner: Box::new(inner),
            variables,
        };
    }
    // The values were checked when the whole query's row was made.
    let inner = match values_row(applicable.iter().copied()) {
        Ok(values) => join_below_modifiers(inner, values, &applicable),
        Err(_) => inner,
    };
    GraphPattern::Project {
        inner: Box::new(inner),
        variables,
    }
}

/// Whether a LIMIT/OFFSET lies between a sub-SELECT's projection and its WHERE pattern.
fn has_slice(pattern: &GraphPattern) -> bool {
    match pattern {
        GraphPattern::Slice { .. } => true,
        GraphPattern::Project { .. } => false,
        other => modifier_inner(other).is_some_and(has_slice),
    }
}

/// Joins `values` (a row of `parameters`) to the WHERE pattern under the modifiers of `pattern`
/// (a query's own projection included): into the required side of an OPTIONAL when that side
/// always binds the parameters (the same solutions, and Oxigraph then starts the OPTIONAL from
/// the bound row instead of joining all of it by hash afterwards).
fn join_values(
    pattern: GraphPattern,
    values: GraphPattern,
    parameters: &[&QueryParameter],
) -> GraphPattern {
    if let GraphPattern::Project { inner, variables } = pattern {
        return GraphPattern::Project {
            inner: Box::new(join_below_modifiers(*inner, values, parameters)),
            variables,
        };
    }
    join_below_modifiers(pattern, values, parameters)
}

fn join_below_modifiers(
    pattern: GraphPattern,
    values: GraphPattern,
    parameters: &[&QueryParameter],
) -> GraphPattern {
    let rebuilt = rebuild_modifier(pattern, true, |p| {
        join_below_modifiers(p, values.clone(), parameters)
    });
    match rebuilt {
        Rebuilt::Modifier(rebuilt) => rebuilt,
        Rebuilt::Other(GraphPattern::LeftJoin {
            left,
            right,
            expression,
        }) if parameters.iter().all(|p| always_binds(&left, &p.variable)) => {
            GraphPattern::LeftJoin {
                left: Box::new(join_below_modifiers(*left, values, parameters)),
                right,
                expression,
            }
        }
        Rebuilt::Other(other) => GraphPattern::Join {
            left: Box::new(values),
            right: Box::new(other),
        },
    }
}

/// Whether every solution of `pattern` binds `variable` (a conservative answer: `false` when
/// unsure).
fn always_binds(pattern: &GraphPattern, variable: &Variable) -> bool {
    use spargebra::term::{NamedNodePattern, TermPattern};
    let term = |t: &TermPattern| matches!(t, TermPattern::Variable(v) if v == variable);
    match pattern {
        GraphPattern::Bgp { patterns } => patterns.iter().any(|t| {
            term(&t.subject)
                || term(&t.object)
                || matches!(&t.predicate, NamedNodePattern::Variable(v) if v == variable)
        }),
        GraphPattern::Path {
            subject, object, ..
        } => term(subject) || term(object),
        GraphPattern::Join { left, right } => {
            always_binds(left, variable) || always_binds(right, variable)
        }
        GraphPattern::Union { left, right } => {
            always_binds(left, variable) && always_binds(right, variable)
        }
        GraphPattern::LeftJoin { left, .. }
        | GraphPattern::Minus { left, .. }
        | GraphPattern::Lateral { left, .. } => always_binds(left, variable),
        GraphPattern::Project { inner, variables } => {
            variables.contains(variable) && always_binds(inner, variable)
        }
        GraphPattern::Group {
            inner, variables, ..
        } => variables.contains(variable) && always_binds(inner, variable),
        GraphPattern::Graph { inner, .. } => always_binds(inner, variable),
        other => modifier_inner(other).is_some_and(|inner| always_binds(inner, variable)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::io::RdfFormat;
    use oxigraph::sparql::{QueryResults, SparqlEvaluator};
    use oxigraph::store::Store;

    const DATA: &str = r#"
        @prefix ex: <http://example.org/> .
        ex:a ex:r 1 ; ex:q ex:e ; ex:tag "x" , "y" .
        ex:b ex:r 2 ; ex:p ex:d ; ex:q ex:d ; ex:tag "x" .
        ex:c ex:r 3 .
    "#;

    type Rows = Vec<Vec<Option<Term>>>;

    fn rows(store: &Store, query: spargebra::Query) -> (Vec<Variable>, Rows) {
        let results = SparqlEvaluator::new()
            .for_query(query)
            .on_store(store)
            .execute()
            .expect("query");
        let QueryResults::Solutions(solutions) = results else {
            panic!("a SELECT")
        };
        let variables = solutions.variables().to_vec();
        let mut rows: Rows = solutions
            .map(|s| s.expect("solution").values().to_vec())
            .collect();
        rows.sort_by_key(|row| format!("{row:?}"));
        (variables, rows)
    }

    /// For each query and value, the rows with the parameter are the rows without it that have
    /// that value, or leave the variable unbound (a join with the `VALUES` row binds it there):
    /// wherever [`bind_parameters`] puts the row, the answer is that of the join.
    #[test]
    fn a_parameter_keeps_exactly_the_rows_with_its_value() {
        let store = Store::new().expect("store");
        store
            .load_from_reader(RdfFormat::Turtle, DATA.as_bytes())
            .expect("data");
        let cases = [
            // ?y is bound only by OPTIONALs: the row must stay above them (inside the required
            // side, ex:b would come back with ?y = ex:e, its ex:p ex:d left out).
            ("SELECT ?s ?y WHERE { ?s ex:r ?o OPTIONAL { ?s ex:p ?y } OPTIONAL { ?s ex:q ?y } }", "y", "<http://example.org/e>"),
            ("SELECT ?s ?y WHERE { ?s ex:r ?o OPTIONAL { ?s ex:p ?y } OPTIONAL { ?s ex:q ?y } }", "y", "<http://example.org/d>"),
            // Always bound on the required side: the row goes inside.
            ("SELECT ?s ?y WHERE { ?s ex:r ?o OPTIONAL { ?s ex:q ?y } }", "s", "<http://example.org/a>"),
            // A sub-SELECT that is the whole WHERE of another, and one inside an OPTIONAL.
            ("SELECT ?s ?n WHERE { { SELECT ?s (COUNT(?t) AS ?n) WHERE { { SELECT ?s ?t WHERE { ?s ex:tag ?t } } } GROUP BY ?s } }", "s", "<http://example.org/a>"),
            ("SELECT ?s ?t ?o WHERE { ?s ex:r ?o OPTIONAL { SELECT ?s ?t WHERE { ?s ex:tag ?t } } }", "s", "<http://example.org/b>"),
            // A sub-SELECT that does not project the variable: its ?o is its own.
            ("SELECT ?s ?o WHERE { { SELECT ?s WHERE { ?s ex:q ?o } } ?s ex:r ?o }", "o", "1"),
            // Grouped on the variable, below an ORDER BY and a DISTINCT.
            ("SELECT DISTINCT ?t (COUNT(?s) AS ?n) WHERE { ?s ex:tag ?t OPTIONAL { ?s ex:q ?q } } GROUP BY ?t ORDER BY ?t", "t", "x"),
        ];
        for (sparql, name, value) in cases {
            let sparql = format!("PREFIX ex: <http://example.org/> {sparql}");
            let parse = || {
                spargebra::SparqlParser::new()
                    .parse_query(&sparql)
                    .expect("parses")
            };
            let (variables, all) = rows(&store, parse());
            let column = variables
                .iter()
                .position(|v| v.as_str() == name)
                .expect("column");
            let value: Term =
                if let Some(iri) = value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
                    NamedNode::new(iri).expect("iri").into()
                } else if let Ok(n) = value.parse::<i64>() {
                    Literal::from(n).into()
                } else {
                    Literal::new_simple_literal(value).into()
                };
            let mut expected: Rows = all
                .into_iter()
                .filter(|row| row[column].as_ref().is_none_or(|v| *v == value))
                .map(|mut row| {
                    row[column] = Some(value.clone());
                    row
                })
                .collect();
            expected.sort_by_key(|row| format!("{row:?}"));
            assert!(!expected.is_empty(), "{sparql} {name}={value}");
            let parameter = QueryParameter {
                variable: Variable::new(name).expect("name"),
                value,
            };
            let bound = bind_parameters(parse(), &[parameter]).expect("binds");
            assert_eq!(rows(&store, bound).1, expected, "{sparql} {name}");
        }
    }
}
