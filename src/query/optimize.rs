//! The one optimisation of the query path: a parameter's `VALUES` row moved from above the WHERE
//! pattern down to the patterns that bind its variable, inside sub-SELECTs too.
//!
//! Why: Oxigraph evaluates a sub-SELECT on its own and joins its result afterwards, so a row
//! joined above it restricts nothing inside (`sentences-about --param entity=…` would still
//! group the mentions of every entity).
//!
//! Why it gives the same answer: when every solution of a pattern `P` binds `?t` (it is
//! *certainly bound* in `P`, see [`certainly_bound`]), `Join(VALUES ?t { v }, P)` is the
//! selection `σ(?t = v)(P)` (sameTerm). A selection on a certainly bound variable commutes with
//! a projection that keeps `?t`, DISTINCT/REDUCED, ORDER BY, FILTER, BIND of another variable,
//! the left side of OPTIONAL and MINUS, each side of a join or union that binds it, and a GROUP
//! BY that has `?t` as a key. It does not commute with LIMIT/OFFSET (other rows would be kept),
//! nor where `?t` may be unbound (the join would bind it instead of dropping the row), nor
//! through SERVICE, LATERAL's right side or the patterns of EXISTS (evaluated per row): there
//! the row stays where it is. [`push_parameters`] only moves it where these rules prove it.
//! `tests/it/differential/` holds this pass to the plain path.

use super::params::{values_row, QueryParameter};
use oxigraph::model::Variable;
use spargebra::algebra::GraphPattern;
use spargebra::term::NamedNodePattern;
use std::collections::BTreeSet;

/// `query` (already bound by [`super::params::bind_parameters`]: `Join(VALUES, W)` at its WHERE)
/// with each parameter's row moved as deep as it provably can go. Each parameter moves on its
/// own (`Join(V1 ⋈ V2, W) = Join(V1, Join(V2, W))`).
pub(crate) fn push_parameters(
    query: spargebra::Query,
    parameters: &[QueryParameter],
) -> spargebra::Query {
    // Each parameter's row, made once. A row that cannot be made (a term VALUES cannot hold)
    // was refused by bind_parameters already; should one get here, the query stays as bound.
    let rows: Result<Vec<Row<'_>>, String> = parameters
        .iter()
        .map(|p| {
            Ok(Row {
                variable: &p.variable,
                values: values_row(std::slice::from_ref(p))?,
            })
        })
        .collect();
    let rows = match rows {
        Ok(rows) if !rows.is_empty() => rows,
        _ => return query,
    };
    let pushed = super::algebra::map_pattern(query, |pattern| {
        super::params::map_where(pattern, &mut |w| {
            // The row bind_parameters joined on the left is joined lower down instead, one per
            // parameter.
            let GraphPattern::Join { right, .. } = w else {
                return Ok::<_, std::convert::Infallible>(w);
            };
            Ok(rows.iter().fold(*right, join_one))
        })
    });
    match pushed {
        Ok(query) => query,
        Err(never) => match never {},
    }
}

/// One parameter: its variable and its `VALUES` row.
struct Row<'a> {
    variable: &'a Variable,
    values: GraphPattern,
}

/// `Join(VALUES ?t { v }, pattern)`, as deep as it provably goes.
fn join_one(pattern: GraphPattern, row: &Row<'_>) -> GraphPattern {
    if certainly_bound(&pattern).contains(row.variable) {
        push(pattern, row)
    } else {
        join_here(pattern, row)
    }
}

/// The row joined to `pattern` where it is.
fn join_here(pattern: GraphPattern, row: &Row<'_>) -> GraphPattern {
    GraphPattern::Join {
        left: Box::new(row.values.clone()),
        right: Box::new(pattern),
    }
}

/// `σ(?t = v)(pattern)` for a `pattern` that certainly binds `?t`, pushed into its parts.
fn push(pattern: GraphPattern, p: &Row<'_>) -> GraphPattern {
    let t = p.variable;
    let binds = |q: &GraphPattern| certainly_bound(q).contains(t);
    let down = |q: Box<GraphPattern>| Box::new(push(*q, p));
    let maybe = |q: Box<GraphPattern>| {
        if binds(&q) {
            Box::new(push(*q, p))
        } else {
            q
        }
    };
    match pattern {
        GraphPattern::Project { inner, variables } => GraphPattern::Project {
            inner: down(inner),
            variables,
        },
        GraphPattern::Distinct { inner } => GraphPattern::Distinct { inner: down(inner) },
        GraphPattern::Reduced { inner } => GraphPattern::Reduced { inner: down(inner) },
        GraphPattern::OrderBy { inner, expression } => GraphPattern::OrderBy {
            inner: down(inner),
            expression,
        },
        GraphPattern::Filter { expr, inner } => GraphPattern::Filter {
            expr,
            inner: down(inner),
        },
        GraphPattern::Extend {
            inner,
            variable,
            expression,
        } if &variable != t => GraphPattern::Extend {
            inner: down(inner),
            variable,
            expression,
        },
        GraphPattern::Group {
            inner,
            variables,
            aggregates,
        } if variables.contains(t) && binds(&inner) => GraphPattern::Group {
            inner: down(inner),
            variables,
            aggregates,
        },
        GraphPattern::Join { left, right } => GraphPattern::Join {
            left: maybe(left),
            right: maybe(right),
        },
        GraphPattern::Union { left, right } => GraphPattern::Union {
            left: down(left),
            right: down(right),
        },
        GraphPattern::LeftJoin {
            left,
            right,
            expression,
        } => GraphPattern::LeftJoin {
            left: down(left),
            right: maybe(right),
            expression,
        },
        GraphPattern::Minus { left, right } => GraphPattern::Minus {
            left: down(left),
            right,
        },
        GraphPattern::Lateral { left, right } if binds(&left) => GraphPattern::Lateral {
            left: down(left),
            right,
        },
        GraphPattern::Graph { name, inner } if binds(&inner) => GraphPattern::Graph {
            name,
            inner: down(inner),
        },
        // A LIMIT/OFFSET, a BIND of ?t itself, a GROUP BY without ?t as a key, LATERAL or GRAPH
        // binding ?t only on the other side, a BGP, a path, VALUES, SERVICE: joined here.
        other => join_here(other, p),
    }
}

/// The variables every solution of `pattern` binds (a conservative answer: a variable left out
/// may still always be bound; one put in always is).
pub(crate) fn certainly_bound(pattern: &GraphPattern) -> BTreeSet<Variable> {
    let mut set = BTreeSet::new();
    match pattern {
        // Every variable of a triple pattern or a path is bound by each of its solutions.
        GraphPattern::Bgp { .. } | GraphPattern::Path { .. } => {
            pattern.on_in_scope_variable(|v| {
                set.insert(v.clone());
            });
        }
        GraphPattern::Join { left, right } | GraphPattern::Lateral { left, right } => {
            set = certainly_bound(left);
            set.extend(certainly_bound(right));
        }
        GraphPattern::LeftJoin { left, .. } | GraphPattern::Minus { left, .. } => {
            set = certainly_bound(left);
        }
        GraphPattern::Union { left, right } => {
            let right = certainly_bound(right);
            set = certainly_bound(left)
                .into_iter()
                .filter(|v| right.contains(v))
                .collect();
        }
        GraphPattern::Graph { name, inner } => {
            set = certainly_bound(inner);
            if let NamedNodePattern::Variable(v) = name {
                set.insert(v.clone());
            }
        }
        GraphPattern::Filter { inner, .. }
        | GraphPattern::Extend { inner, .. }
        | GraphPattern::OrderBy { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Slice { inner, .. } => set = certainly_bound(inner),
        GraphPattern::Project { inner, variables } => {
            set = certainly_bound(inner);
            set.retain(|v| variables.contains(v));
        }
        GraphPattern::Group {
            inner, variables, ..
        } => {
            set = certainly_bound(inner);
            set.retain(|v| variables.contains(v));
        }
        GraphPattern::Values {
            variables,
            bindings,
        } => {
            for (i, variable) in variables.iter().enumerate() {
                if bindings
                    .iter()
                    .all(|row| row.get(i).is_some_and(Option::is_some))
                {
                    set.insert(variable.clone());
                }
            }
        }
        GraphPattern::Service { .. } => {}
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::NamedNode;

    fn parse(sparql: &str) -> spargebra::Query {
        spargebra::SparqlParser::new()
            .with_prefix("", "http://ex/")
            .expect("prefix")
            .parse_query(sparql)
            .expect("parses")
    }

    fn red() -> QueryParameter {
        QueryParameter {
            variable: Variable::new_unchecked("t"),
            value: NamedNode::new_unchecked("http://ex/red").into(),
        }
    }

    /// The query with `?t = :red` bound (the plain meaning) and then pushed, as SSE text.
    fn pushed(sparql: &str) -> String {
        let params = [red()];
        let bound = crate::query::params::bind_parameters(parse(sparql), &params).expect("binds");
        push_parameters(bound, &params).to_sse()
    }

    fn where_bound(sparql: &str) -> BTreeSet<String> {
        let spargebra::Query::Select { pattern, .. } = parse(sparql) else {
            panic!("a SELECT")
        };
        certainly_bound(&pattern)
            .iter()
            .map(|v| v.as_str().to_owned())
            .collect()
    }

    #[test]
    fn certainly_bound_leaves_out_what_optional_union_and_values_may_leave_unbound() {
        let set = |names: &[&str]| names.iter().map(|n| (*n).to_owned()).collect();
        assert_eq!(where_bound("SELECT * { ?p :team ?t }"), set(&["p", "t"]));
        assert_eq!(
            where_bound("SELECT * { ?p :score ?s OPTIONAL { ?p :team ?t } }"),
            set(&["p", "s"])
        );
        assert_eq!(
            where_bound("SELECT * { { ?p :team ?t } UNION { ?p :name ?n } }"),
            set(&["p"])
        );
        assert_eq!(
            where_bound("SELECT * { VALUES (?a ?t) { (1 2) (3 UNDEF) } }"),
            set(&["a"])
        );
        assert_eq!(
            where_bound("SELECT ?p { ?p :team ?t } GROUP BY ?p"),
            set(&["p"])
        );
        assert_eq!(
            where_bound("SELECT * { GRAPH ?g { ?p :team ?t } }"),
            set(&["g", "p", "t"])
        );
    }

    #[test]
    fn the_row_goes_into_a_sub_select_that_binds_it_but_never_below_its_limit() {
        let into = pushed("SELECT * { { SELECT ?t ?p { ?p :team ?t } ORDER BY ?p } }");
        assert!(
            into.contains("(join (table (vars ?t)"),
            "joined inside the sub-SELECT: {into}"
        );
        let limited = pushed("SELECT * { { SELECT ?t ?p { ?p :team ?t } ORDER BY ?p LIMIT 3 } }");
        assert!(
            limited.starts_with("(project")
                && limited.contains("(join (table (vars ?t)")
                && limited.find("(join").unwrap_or(0) < limited.find("(slice").unwrap_or(0),
            "joined above the LIMIT: {limited}"
        );
    }

    #[test]
    fn the_row_stays_above_what_may_leave_the_variable_unbound() {
        for sparql in [
            "SELECT * { { SELECT ?t (SUM(?s) AS ?n) { ?p :score ?s OPTIONAL { ?p :team ?t } } GROUP BY ?t } }",
            "SELECT * { { SELECT DISTINCT ?p ?t { { ?p :team ?t } UNION { ?p :name ?n } } } }",
            "SELECT * { { SELECT ?p (SAMPLE(?x) AS ?t) { ?p :team ?x } GROUP BY ?p } }",
        ] {
            // (Parsed once: the parser names aggregates at random.)
            let bound =
                crate::query::params::bind_parameters(parse(sparql), &[red()]).expect("binds");
            let plain = bound.to_sse();
            assert_eq!(push_parameters(bound, &[red()]).to_sse(), plain, "{sparql}");
        }
    }
}
