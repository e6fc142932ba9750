//! Query parameters (`--param name=value`): parsed into terms, and joined to the query's WHERE
//! pattern as a VALUES row, so a value is never pasted into query text.
//!
//! What a parameter means (the reference every optimisation is held to): `?t = v` is the query
//! with its WHERE pattern `W` replaced by `{ VALUES ?t { v } { W } }`, i.e. `Join(VALUES, W)`,
//! below the grouping and the solution modifiers (ORDER BY, projection, DISTINCT, LIMIT). `W`
//! includes the query's own BINDs, FILTERs and OPTIONALs, which are evaluated as written; the
//! join then keeps the solutions whose `?t` is `v` (or unbound, which the join binds to `v`).

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

/// Joins a `VALUES` row of the parameters to the query's WHERE pattern (see the module's doc for
/// why exactly there). A parameter whose variable is nowhere in scope of that pattern is refused:
/// binding it would silently change nothing.
pub(crate) fn bind_parameters(
    query: spargebra::Query,
    parameters: &[QueryParameter],
) -> std::result::Result<spargebra::Query, String> {
    if parameters.is_empty() {
        return Ok(query);
    }
    let values = values_row(parameters)?;
    super::algebra::map_pattern(query, |pattern| {
        map_where(pattern, &mut |w| {
            check_parameters_in_scope(&w, parameters)?;
            Ok(GraphPattern::Join {
                left: Box::new(values.clone()),
                right: Box::new(w),
            })
        })
    })
}

/// `pattern` with `f` applied to its WHERE pattern. The parser (spargebra) builds every query
/// form as `[Slice] [Distinct|Reduced] Project [OrderBy] M`, where `M` is, when the query
/// groups, `[Extend…] [Join(_, VALUES)] [Filter] Group(W)` (SELECT expressions, a trailing
/// VALUES, HAVING), else `W` itself. The walk goes down exactly those modifiers of the query's
/// own, never into a sub-SELECT's (which the algebra shows the same way, below the query's
/// `Project`). Without a GROUP BY, SELECT expressions (`(expr AS ?v)`) stay in `W`, as final
/// BINDs.
pub(crate) fn map_where<E>(
    pattern: GraphPattern,
    f: &mut dyn FnMut(GraphPattern) -> Result<GraphPattern, E>,
) -> Result<GraphPattern, E> {
    Ok(match pattern {
        GraphPattern::Slice {
            inner,
            start,
            length,
        } => GraphPattern::Slice {
            inner: Box::new(below_distinct(*inner, f)?),
            start,
            length,
        },
        other => below_distinct(other, f)?,
    })
}

fn below_distinct<E>(
    pattern: GraphPattern,
    f: &mut dyn FnMut(GraphPattern) -> Result<GraphPattern, E>,
) -> Result<GraphPattern, E> {
    Ok(match pattern {
        GraphPattern::Distinct { inner } => GraphPattern::Distinct {
            inner: Box::new(below_project(*inner, f)?),
        },
        GraphPattern::Reduced { inner } => GraphPattern::Reduced {
            inner: Box::new(below_project(*inner, f)?),
        },
        other => below_project(other, f)?,
    })
}

fn below_project<E>(
    pattern: GraphPattern,
    f: &mut dyn FnMut(GraphPattern) -> Result<GraphPattern, E>,
) -> Result<GraphPattern, E> {
    let GraphPattern::Project { inner, variables } = pattern else {
        // Not the parser's shape (an algebra built by hand): the whole pattern is the WHERE.
        return f(pattern);
    };
    let inner = match *inner {
        GraphPattern::OrderBy { inner, expression } => GraphPattern::OrderBy {
            inner: Box::new(below_grouping(*inner, f)?),
            expression,
        },
        other => below_grouping(other, f)?,
    };
    Ok(GraphPattern::Project {
        inner: Box::new(inner),
        variables,
    })
}

/// `f` applied below the query's `Group` when it has one, else to `pattern` itself.
fn below_grouping<E>(
    pattern: GraphPattern,
    f: &mut dyn FnMut(GraphPattern) -> Result<GraphPattern, E>,
) -> Result<GraphPattern, E> {
    if !reaches_group(&pattern) {
        return f(pattern);
    }
    Ok(match pattern {
        GraphPattern::Group {
            inner,
            variables,
            aggregates,
        } => GraphPattern::Group {
            inner: Box::new(f(*inner)?),
            variables,
            aggregates,
        },
        GraphPattern::Extend {
            inner,
            variable,
            expression,
        } => GraphPattern::Extend {
            inner: Box::new(below_grouping(*inner, f)?),
            variable,
            expression,
        },
        GraphPattern::Filter { expr, inner } => GraphPattern::Filter {
            expr,
            inner: Box::new(below_grouping(*inner, f)?),
        },
        GraphPattern::Join { left, right } => GraphPattern::Join {
            left: Box::new(below_grouping(*left, f)?),
            right,
        },
        other => f(other)?,
    })
}

/// Whether the query's own `Group` lies below `pattern` through SELECT expressions, a trailing
/// VALUES and HAVING only. (A `Group` of the WHERE clause is always under a sub-SELECT's
/// `Project`, so it is never reached this way.)
fn reaches_group(pattern: &GraphPattern) -> bool {
    match pattern {
        GraphPattern::Group { .. } => true,
        GraphPattern::Extend { inner, .. } | GraphPattern::Filter { inner, .. } => {
            reaches_group(inner)
        }
        GraphPattern::Join { left, right } => {
            matches!(**right, GraphPattern::Values { .. }) && reaches_group(left)
        }
        _ => false,
    }
}

/// Refuses a parameter for a variable that is not in scope of the WHERE pattern `w`. The
/// message names the variables the query can take.
fn check_parameters_in_scope(
    w: &GraphPattern,
    parameters: &[QueryParameter],
) -> std::result::Result<(), String> {
    let mut known = std::collections::BTreeSet::new();
    w.on_in_scope_variable(|v| {
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
        "the query has no variable {} in its WHERE clause; its variables are: {}",
        names(&mut unknown.iter()),
        names(&mut known.iter())
    ))
}

/// `VALUES (?p1 …) { (v1 …) }`: one row of the parameters' values (IRIs or literals).
pub(crate) fn values_row(
    parameters: &[QueryParameter],
) -> std::result::Result<GraphPattern, String> {
    use spargebra::term::GroundTerm;
    let row = parameters
        .iter()
        .map(|p| match &p.value {
            Term::NamedNode(n) => Ok(Some(GroundTerm::NamedNode(n.clone()))),
            Term::Literal(l) => Ok(Some(GroundTerm::Literal(l.clone()))),
            other => Err(format!("cannot bind {other}")),
        })
        .collect::<std::result::Result<Vec<_>, _>>()?;
    Ok(GraphPattern::Values {
        variables: parameters.iter().map(|p| p.variable.clone()).collect(),
        bindings: vec![row],
    })
}
