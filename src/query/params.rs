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
    use spargebra::term::GroundTerm;
    use spargebra::Query;
    if parameters.is_empty() {
        return Ok(query);
    }
    check_parameters_exist(&query, parameters)?;
    let row = parameters
        .iter()
        .map(|p| match &p.value {
            Term::NamedNode(n) => Ok(Some(GroundTerm::NamedNode(n.clone()))),
            Term::Literal(l) => Ok(Some(GroundTerm::Literal(l.clone()))),
            other => Err(format!("cannot bind {other}")),
        })
        .collect::<std::result::Result<Vec<_>, _>>()?;
    let values = GraphPattern::Values {
        variables: parameters.iter().map(|p| p.variable.clone()).collect(),
        bindings: vec![row],
    };
    let values = |pattern| join_values(push_into_subqueries(pattern, parameters), values.clone());
    Ok(match query {
        Query::Select {
            dataset,
            pattern,
            base_iri,
        } => Query::Select {
            dataset,
            pattern: values(pattern),
            base_iri,
        },
        Query::Construct {
            template,
            dataset,
            pattern,
            base_iri,
        } => Query::Construct {
            template,
            dataset,
            pattern: values(pattern),
            base_iri,
        },
        Query::Describe {
            dataset,
            pattern,
            base_iri,
        } => Query::Describe {
            dataset,
            pattern: values(pattern),
            base_iri,
        },
        Query::Ask {
            dataset,
            pattern,
            base_iri,
        } => Query::Ask {
            dataset,
            pattern: values(pattern),
            base_iri,
        },
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
/// joins the parameters, so its variables are the ones a parameter can bind.
fn where_pattern(pattern: &GraphPattern) -> &GraphPattern {
    match pattern {
        GraphPattern::Project { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Slice { inner, .. }
        | GraphPattern::OrderBy { inner, .. }
        | GraphPattern::Group { inner, .. }
        | GraphPattern::Extend { inner, .. }
        | GraphPattern::Filter { inner, .. } => where_pattern(inner),
        other => other,
    }
}

/// Binds the parameters inside the sub-SELECTs that project them, too. Oxigraph evaluates a
/// sub-SELECT on its own and joins its result afterwards, so a parameter joined only above it
/// restricts nothing inside: `sentences-about --param entity=…` would still group the mentions
/// of every entity. Joining the row inside gives the same solutions where the variable comes
/// from the sub-SELECT's own pattern (not from an aggregate or BIND of it), as a grouping key or
/// not, and the sub-SELECT has no LIMIT/OFFSET; only sub-SELECTs reached through joins are
/// changed (not OPTIONAL, MINUS or UNION parts, where a restriction inside is not the same).
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
    let inner = |p: Box<GraphPattern>| Box::new(push_below_modifiers(*p, parameters));
    match pattern {
        GraphPattern::Distinct { inner: p } => GraphPattern::Distinct { inner: inner(p) },
        GraphPattern::Reduced { inner: p } => GraphPattern::Reduced { inner: inner(p) },
        GraphPattern::OrderBy {
            inner: p,
            expression,
        } => GraphPattern::OrderBy {
            inner: inner(p),
            expression,
        },
        GraphPattern::Group {
            inner: p,
            variables,
            aggregates,
        } => GraphPattern::Group {
            inner: inner(p),
            variables,
            aggregates,
        },
        GraphPattern::Extend {
            inner: p,
            variable,
            expression,
        } => GraphPattern::Extend {
            inner: inner(p),
            variable,
            expression,
        },
        GraphPattern::Filter { expr, inner: p } => GraphPattern::Filter {
            expr,
            inner: inner(p),
        },
        GraphPattern::Join { left, right } => GraphPattern::Join {
            left: Box::new(bind_in_subquery(*left, parameters)),
            right: Box::new(bind_in_subquery(*right, parameters)),
        },
        // The required part of an OPTIONAL; what is optional stays as written.
        GraphPattern::LeftJoin {
            left,
            right,
            expression,
        } => GraphPattern::LeftJoin {
            left: Box::new(bind_in_subquery(*left, parameters)),
            right,
            expression,
        },
        other => other,
    }
}

/// A sub-SELECT met in a join, with the parameters it projects joined inside it (and its own
/// sub-SELECTs visited); anything else as it is, its joins visited.
fn bind_in_subquery(pattern: GraphPattern, parameters: &[QueryParameter]) -> GraphPattern {
    let GraphPattern::Project { inner, variables } = pattern else {
        return push_below_modifiers(pattern, parameters);
    };
    let mut in_scope = Vec::new();
    where_pattern(&inner).on_in_scope_variable(|v| in_scope.push(v.clone()));
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
    let values = GraphPattern::Values {
        variables: applicable.iter().map(|p| p.variable.clone()).collect(),
        bindings: vec![applicable.iter().map(|p| ground(&p.value)).collect()],
    };
    GraphPattern::Project {
        inner: Box::new(join_values(inner, values)),
        variables,
    }
}

/// Whether a LIMIT/OFFSET lies between a sub-SELECT's projection and its WHERE pattern.
fn has_slice(pattern: &GraphPattern) -> bool {
    match pattern {
        GraphPattern::Slice { .. } => true,
        GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::OrderBy { inner, .. }
        | GraphPattern::Group { inner, .. }
        | GraphPattern::Extend { inner, .. }
        | GraphPattern::Filter { inner, .. } => has_slice(inner),
        _ => false,
    }
}

/// A parameter's value as a `VALUES` term (parameters are IRIs or literals).
fn ground(value: &Term) -> Option<spargebra::term::GroundTerm> {
    spargebra::term::GroundTerm::try_from(value.clone()).ok()
}

fn join_values(pattern: GraphPattern, values: GraphPattern) -> GraphPattern {
    let inner = |p: Box<GraphPattern>| Box::new(join_values(*p, values.clone()));
    match pattern {
        GraphPattern::Project {
            inner: p,
            variables,
        } => GraphPattern::Project {
            inner: inner(p),
            variables,
        },
        GraphPattern::Distinct { inner: p } => GraphPattern::Distinct { inner: inner(p) },
        GraphPattern::Reduced { inner: p } => GraphPattern::Reduced { inner: inner(p) },
        GraphPattern::Slice {
            inner: p,
            start,
            length,
        } => GraphPattern::Slice {
            inner: inner(p),
            start,
            length,
        },
        GraphPattern::OrderBy {
            inner: p,
            expression,
        } => GraphPattern::OrderBy {
            inner: inner(p),
            expression,
        },
        GraphPattern::Group {
            inner: p,
            variables,
            aggregates,
        } => GraphPattern::Group {
            inner: inner(p),
            variables,
            aggregates,
        },
        GraphPattern::Extend {
            inner: p,
            variable,
            expression,
        } => GraphPattern::Extend {
            inner: inner(p),
            variable,
            expression,
        },
        GraphPattern::Filter { expr, inner: p } => GraphPattern::Filter {
            expr,
            inner: inner(p),
        },
        other => GraphPattern::Join {
            left: Box::new(values),
            right: Box::new(other),
        },
    }
}
