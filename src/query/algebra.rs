//! Rebuilding a query's algebra: the walk over spargebra's query forms that binding parameters
//! (`params.rs`) and the optimisation (`optimize.rs`) share.

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
