//! Rebuilding a query's algebra: the one walk over spargebra's patterns that the query rewrites
//! (`params.rs`, `distinct.rs`, `presort.rs`) share.

use spargebra::algebra::GraphPattern;
use spargebra::Query;

/// `query` with `f` applied to its WHERE pattern (with its modifiers), whatever its form.
pub fn map_pattern<E>(
    query: Query,
    f: impl FnOnce(GraphPattern) -> Result<GraphPattern, E>,
) -> Result<Query, E> {
    Ok(match query {
        Query::Select {
            dataset,
            pattern,
            base_iri,
        } => Query::Select {
            dataset,
            pattern: f(pattern)?,
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
            pattern: f(pattern)?,
            base_iri,
        },
        Query::Describe {
            dataset,
            pattern,
            base_iri,
        } => Query::Describe {
            dataset,
            pattern: f(pattern)?,
            base_iri,
        },
        Query::Ask {
            dataset,
            pattern,
            base_iri,
        } => Query::Ask {
            dataset,
            pattern: f(pattern)?,
            base_iri,
        },
    })
}

/// `pattern` with `f` applied to each of its sub-patterns. Expressions (EXISTS) are left as they
/// are, and so are SERVICE patterns (sent as written); BGPs, paths and VALUES have none.
pub fn map_children<E>(
    pattern: GraphPattern,
    mut f: impl FnMut(GraphPattern) -> Result<GraphPattern, E>,
) -> Result<GraphPattern, E> {
    let mut b = |p: Box<GraphPattern>| f(*p).map(Box::new);
    Ok(match pattern {
        GraphPattern::Join { left, right } => GraphPattern::Join {
            left: b(left)?,
            right: b(right)?,
        },
        GraphPattern::LeftJoin {
            left,
            right,
            expression,
        } => GraphPattern::LeftJoin {
            left: b(left)?,
            right: b(right)?,
            expression,
        },
        GraphPattern::Lateral { left, right } => GraphPattern::Lateral {
            left: b(left)?,
            right: b(right)?,
        },
        GraphPattern::Union { left, right } => GraphPattern::Union {
            left: b(left)?,
            right: b(right)?,
        },
        GraphPattern::Minus { left, right } => GraphPattern::Minus {
            left: b(left)?,
            right: b(right)?,
        },
        GraphPattern::Filter { expr, inner } => GraphPattern::Filter {
            expr,
            inner: b(inner)?,
        },
        GraphPattern::Graph { name, inner } => GraphPattern::Graph {
            name,
            inner: b(inner)?,
        },
        GraphPattern::Extend {
            inner,
            variable,
            expression,
        } => GraphPattern::Extend {
            inner: b(inner)?,
            variable,
            expression,
        },
        GraphPattern::OrderBy { inner, expression } => GraphPattern::OrderBy {
            inner: b(inner)?,
            expression,
        },
        GraphPattern::Project { inner, variables } => GraphPattern::Project {
            inner: b(inner)?,
            variables,
        },
        GraphPattern::Distinct { inner } => GraphPattern::Distinct { inner: b(inner)? },
        GraphPattern::Reduced { inner } => GraphPattern::Reduced { inner: b(inner)? },
        GraphPattern::Slice {
            inner,
            start,
            length,
        } => GraphPattern::Slice {
            inner: b(inner)?,
            start,
            length,
        },
        GraphPattern::Group {
            inner,
            variables,
            aggregates,
        } => GraphPattern::Group {
            inner: b(inner)?,
            variables,
            aggregates,
        },
        other => other,
    })
}
