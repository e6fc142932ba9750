//! `ORDER BY` evaluated after the store, not inside it.
//!
//! Oxigraph's sort computes each order key at every comparison, and on the RocksDB store a key
//! that is a string or an IRI is read back from the store each time: n·log n reads, the largest
//! cost of a query that lists ten thousand rows. Here the query's pattern below its `ORDER BY`
//! is evaluated on the store (each term read once), its solutions are put in a `VALUES` block,
//! and the same `ORDER BY`, projection, `DISTINCT` and `LIMIT`/`OFFSET` are evaluated by Oxigraph
//! on that block in memory: the same evaluator, the same order, far fewer reads.
//!
//! Solutions holding a blank node cannot be written in `VALUES`; [`split`] callers then run the
//! query as it is.

use oxigraph::model::Term;
use oxigraph::sparql::{QueryResults, QuerySolution};
use oxigraph::store::Store;
use spargebra::algebra::{GraphPattern, OrderExpression};
use spargebra::term::{GroundTerm, Variable};
use spargebra::Query;
use std::sync::OnceLock;

/// A SELECT query cut at its top-level `ORDER BY`.
pub struct SplitQuery {
    /// The pattern below the `ORDER BY`, projected on every variable it binds: run on the store.
    pub below: Query,
    /// The variables of `below`, in its projection's order.
    variables: Vec<Variable>,
    order: Vec<OrderExpression>,
    /// What wraps the `ORDER BY`, outermost first (projection, DISTINCT, slice).
    wrappers: Vec<Wrapper>,
    base_iri: Option<oxiri::Iri<String>>,
}

enum Wrapper {
    Project(Vec<Variable>),
    Distinct,
    Reduced,
    Slice(usize, Option<usize>),
}

/// Cuts `query` at its top-level `ORDER BY`; `None` when it has none (or is not a SELECT, or
/// names a dataset).
pub fn split(query: &Query) -> Option<SplitQuery> {
    let Query::Select {
        dataset: None,
        pattern,
        base_iri,
    } = query
    else {
        return None;
    };
    let mut wrappers = Vec::new();
    let mut current = pattern;
    let (inner, order) = loop {
        match current {
            GraphPattern::Project { inner, variables } => {
                wrappers.push(Wrapper::Project(variables.clone()));
                current = inner;
            }
            GraphPattern::Distinct { inner } => {
                wrappers.push(Wrapper::Distinct);
                current = inner;
            }
            GraphPattern::Reduced { inner } => {
                wrappers.push(Wrapper::Reduced);
                current = inner;
            }
            GraphPattern::Slice {
                inner,
                start,
                length,
            } => {
                wrappers.push(Wrapper::Slice(*start, *length));
                current = inner;
            }
            GraphPattern::OrderBy { inner, expression } => break (inner, expression),
            _ => return None,
        }
    };
    // Only what the result shows or the order reads: every variable carried is read from the
    // store once per row.
    let projected: Vec<&Variable> = wrappers
        .iter()
        .filter_map(|w| match w {
            Wrapper::Project(variables) => Some(variables.iter()),
            _ => None,
        })
        .flatten()
        .collect();
    let order_text = order
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ");
    // Without a projection (a sub-SELECT sorted after its DISTINCT, see `distinct.rs`), every
    // variable is shown.
    let shows_all = !wrappers.iter().any(|w| matches!(w, Wrapper::Project(_)));
    let mut variables = Vec::new();
    inner.on_in_scope_variable(|v| {
        if !variables.contains(v)
            && (shows_all || projected.contains(&v) || mentions(&order_text, v))
        {
            variables.push(v.clone());
        }
    });
    let below = Query::Select {
        dataset: None,
        pattern: GraphPattern::Project {
            inner: Box::new((**inner).clone()),
            variables: variables.clone(),
        },
        base_iri: base_iri.clone(),
    };
    Some(SplitQuery {
        below,
        variables,
        order: order.clone(),
        wrappers,
        base_iri: base_iri.clone(),
    })
}

impl SplitQuery {
    /// The query that sorts `solutions` (those of [`SplitQuery::below`]) as the original query
    /// would, or `None` when a solution holds a term `VALUES` cannot carry (a blank node).
    pub fn over(&self, solutions: &[QuerySolution]) -> Option<Query> {
        let mut bindings = Vec::with_capacity(solutions.len());
        for solution in solutions {
            let row = self
                .variables
                .iter()
                .map(|v| match solution.get(v.as_str()) {
                    None => Some(None),
                    Some(term) => ground(term).map(Some),
                })
                .collect::<Option<Vec<_>>>()?;
            bindings.push(row);
        }
        let mut pattern = GraphPattern::OrderBy {
            inner: Box::new(GraphPattern::Values {
                variables: self.variables.clone(),
                bindings,
            }),
            expression: self.order.clone(),
        };
        for wrapper in self.wrappers.iter().rev() {
            let inner = Box::new(pattern);
            pattern = match wrapper {
                Wrapper::Project(variables) => GraphPattern::Project {
                    inner,
                    variables: variables.clone(),
                },
                Wrapper::Distinct => GraphPattern::Distinct { inner },
                Wrapper::Reduced => GraphPattern::Reduced { inner },
                Wrapper::Slice(start, length) => GraphPattern::Slice {
                    inner,
                    start: *start,
                    length: *length,
                },
            };
        }
        Some(Query::Select {
            dataset: None,
            pattern,
            base_iri: self.base_iri.clone(),
        })
    }
}

/// Whether the SPARQL text `text` names `variable` (`?name`, a whole name). A string literal
/// that contains `?name` counts too: carrying a variable more changes no result.
fn mentions(text: &str, variable: &Variable) -> bool {
    let name = variable.as_str();
    text.match_indices(name).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + name.len()..].chars().next();
        matches!(before, Some('?' | '$'))
            && !after.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '\u{B7}')
    })
}

/// `Some(term)` as a `VALUES` term, or `None` for a blank node.
fn ground(term: &Term) -> Option<GroundTerm> {
    GroundTerm::try_from(term.clone()).ok()
}

/// The store the sorting queries run on: empty, in memory (they read nothing from it).
pub fn empty_store() -> &'static Store {
    static EMPTY: OnceLock<Store> = OnceLock::new();
    EMPTY.get_or_init(|| Store::new().expect("an in-memory store opens"))
}

/// The solutions of a sorting query ([`SplitQuery::over`]) evaluated in memory, or `None` if its
/// evaluation fails.
pub fn sort_in_memory(sorting: Query) -> Option<Vec<QuerySolution>> {
    let results = oxigraph::sparql::SparqlEvaluator::new()
        .for_query(sorting)
        .on_store(empty_store())
        .execute()
        .ok()?;
    collect(results).ok()
}

/// The solutions of `results`, or the error that ended them.
pub fn collect(
    results: QueryResults<'_>,
) -> Result<Vec<QuerySolution>, oxigraph::sparql::QueryEvaluationError> {
    match results {
        QueryResults::Solutions(solutions) => solutions.collect(),
        _ => Ok(Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::io::RdfFormat;
    use oxigraph::sparql::SparqlEvaluator;

    const DATA: &str = r#"
        @prefix ex: <http://example.org/> .
        ex:a ex:label "beta"@en ; ex:n 3 ; ex:date "2021-03-01" ; ex:tag "x" , "y" .
        ex:b ex:label "alpha"@en ; ex:n 10 ; ex:tag "x" .
        ex:c ex:label "Alpha"@en ; ex:n 3 ; ex:date "2020" ; ex:in [ ex:m 1 ] .
        ex:d ex:label "gamma" ; ex:n 2.5 .
    "#;

    fn store() -> Store {
        let store = Store::new().expect("store");
        store
            .load_from_reader(RdfFormat::Turtle, DATA.as_bytes())
            .expect("data");
        store
    }

    fn rows(results: QueryResults<'_>) -> Vec<Vec<Option<Term>>> {
        collect(results)
            .expect("solutions")
            .iter()
            .map(|s| s.values().to_vec())
            .collect()
    }

    fn direct(store: &Store, query: &Query) -> Vec<Vec<Option<Term>>> {
        rows(
            SparqlEvaluator::new()
                .for_query(query.clone())
                .on_store(store)
                .execute()
                .expect("query"),
        )
    }

    /// The rows of `sparql` through [`split`] and [`SplitQuery::over`], or `None` when the
    /// solutions cannot be sorted outside the store.
    fn sorted_outside(store: &Store, sparql: &str) -> Option<Vec<Vec<Option<Term>>>> {
        let query = spargebra::SparqlParser::new()
            .parse_query(sparql)
            .expect("parses");
        let split = split(&query).expect("has ORDER BY");
        let below = collect(
            SparqlEvaluator::new()
                .for_query(split.below.clone())
                .on_store(store)
                .execute()
                .expect("below"),
        )
        .expect("solutions");
        let sorting = split.over(&below)?;
        Some(direct(empty_store(), &sorting))
    }

    #[test]
    fn sorting_outside_the_store_gives_the_same_rows_in_the_same_order() {
        let store = store();
        for sparql in [
            "PREFIX ex: <http://example.org/> SELECT ?s ?l WHERE { ?s ex:label ?l } ORDER BY ?l",
            "PREFIX ex: <http://example.org/> SELECT ?s WHERE { ?s ex:n ?n OPTIONAL { ?s ex:date ?d } } ORDER BY DESC(?n) STR(?d) ?s",
            "PREFIX ex: <http://example.org/> SELECT DISTINCT ?t WHERE { ?s ex:tag ?t ; ex:n ?n } ORDER BY DESC(?t) LIMIT 1 OFFSET 1",
            "PREFIX ex: <http://example.org/> SELECT ?n (COUNT(?s) AS ?c) WHERE { ?s ex:n ?n } GROUP BY ?n ORDER BY DESC(COUNT(?s)) ?n",
            "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:label ?l FILTER(LANG(?l) = \"en\") } ORDER BY LCASE(?l) DESC(?s)",
        ] {
            let query = spargebra::SparqlParser::new().parse_query(sparql).expect("parses");
            let expected = direct(&store, &query);
            assert!(!expected.is_empty(), "{sparql}");
            assert_eq!(sorted_outside(&store, sparql), Some(expected), "{sparql}");
        }
    }

    #[test]
    fn blank_nodes_and_queries_without_order_are_left_to_the_store() {
        let store = store();
        let with_blank =
            "PREFIX ex: <http://example.org/> SELECT ?o WHERE { ?s ex:in ?o } ORDER BY ?o";
        assert_eq!(sorted_outside(&store, with_blank), None);
        for sparql in [
            "SELECT ?s WHERE { ?s ?p ?o }",
            "ASK { ?s ?p ?o }",
            "SELECT ?s FROM <http://example.org/g> WHERE { ?s ?p ?o } ORDER BY ?s",
        ] {
            let query = spargebra::SparqlParser::new()
                .parse_query(sparql)
                .expect("parses");
            assert!(split(&query).is_none(), "{sparql}");
        }
    }
}
