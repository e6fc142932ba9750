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
    Ok(match query {
        Query::Select {
            dataset,
            pattern,
            base_iri,
        } => Query::Select {
            dataset,
            pattern: join_values(pattern, values),
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
            pattern: join_values(pattern, values),
            base_iri,
        },
        Query::Describe {
            dataset,
            pattern,
            base_iri,
        } => Query::Describe {
            dataset,
            pattern: join_values(pattern, values),
            base_iri,
        },
        Query::Ask {
            dataset,
            pattern,
            base_iri,
        } => Query::Ask {
            dataset,
            pattern: join_values(pattern, values),
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
