//! Bundled SPARQL queries and the evaluation of any query against the knowledge graph.
//!
//! Queries see the union of all named graphs as their default graph, so they need no `GRAPH`
//! clause; `GRAPH ?g { … }` still reaches each graph by name.

use crate::error::{Error, Result};
use crate::store::KnowledgeGraph;
use crate::util::suggest::{nearest, suggestion_text};
use oxigraph::model::{Literal, NamedNode, Term, Variable};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use spargebra::algebra::GraphPattern;

use crate::bundled::BUNDLED_QUERY_FILES;

/// A query that is unknown, does not parse, cannot take its parameters, or fails.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// No bundled query has that name.
    #[error("unknown query `{name}`{}; `wangluo queries` lists them", suggestion_text(suggestion.as_deref()))]
    UnknownQuery {
        name: String,
        suggestion: Option<String>,
    },
    /// The SPARQL text does not parse.
    #[error("{source_name}: invalid SPARQL")]
    Syntax {
        source_name: String,
        #[source]
        source: spargebra::SparqlSyntaxError,
    },
    /// A query parameter is malformed or cannot be bound.
    #[error("--param {param}: {reason}")]
    Parameter { param: String, reason: String },
    /// The query failed while running.
    #[error("{source_name}: query failed")]
    Evaluation {
        source_name: String,
        #[source]
        source: oxigraph::sparql::QueryEvaluationError,
    },
    /// The query ran but its results are not what the caller needs.
    #[error("{source_name}: query failed: {reason}")]
    Results { source_name: String, reason: String },
}

impl QueryError {
    /// A failure while running the query called `source_name`.
    pub fn evaluation(source_name: &str, source: oxigraph::sparql::QueryEvaluationError) -> Error {
        QueryError::Evaluation {
            source_name: source_name.to_owned(),
            source,
        }
        .into()
    }
}

/// A query shipped with wangluo (`queries/NAME.rq`).
#[derive(Debug, Clone)]
pub struct BundledQuery {
    /// File name without `.rq`.
    pub name: &'static str,
    /// From the `# title:` header line.
    pub title: String,
    /// From the `# description:` header line(s).
    pub description: String,
    /// The SPARQL text, written against the default base.
    pub sparql: &'static str,
}

/// Reads the `# key: value` comment header at the top of a query.
fn header_field(sparql: &str, key: &str) -> String {
    let mut value = String::new();
    let mut in_field = false;
    for line in sparql
        .lines()
        .take_while(|l| l.trim_start().starts_with('#'))
    {
        let body = line.trim_start().trim_start_matches('#').trim();
        if let Some(rest) = body.strip_prefix(key).and_then(|r| r.strip_prefix(':')) {
            value.push_str(rest.trim());
            in_field = true;
        } else if in_field && !body.is_empty() && !starts_with_key(body) {
            value.push(' ');
            value.push_str(body);
        } else {
            in_field = false;
        }
    }
    value
}

/// Whether a header line starts a new field (`key: …`), rather than continuing the last one.
fn starts_with_key(line: &str) -> bool {
    line.split_once(':').is_some_and(|(key, _)| {
        !key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase() || c == '-')
    })
}

/// Every bundled query, sorted by name.
///
/// ```
/// let queries = wangluo::query::bundled_queries();
/// assert!(queries.iter().any(|q| q.name == "adversary-sources" && !q.title.is_empty()));
/// ```
pub fn bundled_queries() -> Vec<BundledQuery> {
    BUNDLED_QUERY_FILES
        .iter()
        .map(|(name, sparql)| BundledQuery {
            name,
            title: header_field(sparql, "title"),
            description: header_field(sparql, "description"),
            sparql,
        })
        .collect()
}

/// The bundled query called `name`, or an error that suggests the nearest name.
pub fn bundled_query(name: &str) -> Result<BundledQuery> {
    let queries = bundled_queries();
    if let Some(q) = queries.iter().find(|q| q.name == name) {
        return Ok(q.clone());
    }
    Err(QueryError::UnknownQuery {
        name: name.to_owned(),
        suggestion: nearest(name, queries.iter().map(|q| q.name)).map(str::to_owned),
    }
    .into())
}

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

/// A SELECT solution with each bound variable's value as text: a literal's lexical form, an IRI,
/// or a blank node's label. Unbound variables are absent.
pub type TextRow = std::collections::BTreeMap<String, String>;

/// Runs a SELECT query and returns its solutions as [`TextRow`]s (none for other query forms).
pub fn select_text(kg: &KnowledgeGraph, source_name: &str, sparql: &str) -> Result<Vec<TextRow>> {
    let QueryResults::Solutions(solutions) = run(kg, source_name, sparql, &[])? else {
        return Ok(Vec::new());
    };
    solutions
        .map(|solution| {
            let solution = solution.map_err(|e| QueryError::evaluation(source_name, e))?;
            Ok(solution
                .iter()
                .map(|(variable, term)| {
                    let value = match term {
                        Term::Literal(l) => l.value().to_owned(),
                        Term::NamedNode(n) => n.as_str().to_owned(),
                        Term::BlankNode(b) => b.as_str().to_owned(),
                        #[allow(unreachable_patterns)]
                        other => other.to_string(),
                    };
                    (variable.as_str().to_owned(), value)
                })
                .collect())
        })
        .collect()
}

/// Evaluates SPARQL against the knowledge graph. `source_name` names the query in errors.
/// The prefixes of [`crate::vocab::Base::prefixes`] are predeclared. Bundled queries are written
/// against the default base and are moved to the graph's base. Parameters are joined to the
/// query's pattern as a `VALUES` block in the parsed algebra: a value is a term, never query text.
/// `SERVICE` is refused (see [`run_with_service`]).
pub fn run<'a>(
    kg: &'a KnowledgeGraph,
    source_name: &str,
    sparql: &str,
    parameters: &[QueryParameter],
) -> Result<QueryResults<'a>> {
    run_with_service(kg, source_name, sparql, parameters, false)
}

/// [`run`], where `allow_service` lets `SERVICE <url>` send the pattern to that URL (oxigraph's
/// HTTP client). Without it a query from someone else cannot make wangluo call any host: every
/// `SERVICE` fails with [`ServiceRefused`] before a connection is opened.
pub fn run_with_service<'a>(
    kg: &'a KnowledgeGraph,
    source_name: &str,
    sparql: &str,
    parameters: &[QueryParameter],
    allow_service: bool,
) -> Result<QueryResults<'a>> {
    let query = prepare(kg.base(), source_name, sparql, parameters)?;
    let mut evaluator = SparqlEvaluator::new();
    if !allow_service {
        evaluator = evaluator.with_default_service_handler(RefuseService);
    }
    let mut prepared = evaluator.for_query(query);
    prepared.dataset_mut().set_default_graph_as_union();
    prepared
        .on_store(kg.store())
        .execute()
        .map_err(|e| QueryError::evaluation(source_name, e))
}

/// Parses a query as [`run`] does (rebased, prefixes predeclared) and binds its parameters: the
/// query to evaluate here, or to send to a remote endpoint as text (its `Display`).
pub fn prepare(
    base: &crate::vocab::Base,
    source_name: &str,
    sparql: &str,
    parameters: &[QueryParameter],
) -> Result<spargebra::Query> {
    let sparql = base.rebase_text(sparql);
    let mut parser = spargebra::SparqlParser::new();
    for (prefix, namespace) in base.prefixes() {
        parser = parser
            .with_prefix(prefix, namespace)
            .map_err(|e| Error::InvalidBase {
                base: base.as_str().to_owned(),
                reason: e.to_string(),
            })?;
    }
    let query = parser
        .parse_query(&sparql)
        .map_err(|source| QueryError::Syntax {
            source_name: source_name.to_owned(),
            source,
        })?;
    Ok(
        bind_parameters(query, parameters).map_err(|reason| QueryError::Parameter {
            param: parameters
                .iter()
                .map(|p| p.variable.to_string())
                .collect::<Vec<_>>()
                .join(" "),
            reason,
        })?,
    )
}

/// The text to send to a remote endpoint, and its parsed form. Without parameters it is the
/// query as written (rebased), after `PREFIX` lines for the predeclared prefixes (the query's
/// own declarations come later and win): stores differ in the SPARQL they take, and Virtuoso
/// refuses some property paths as spargebra writes them back (`SP031` on the `*` paths of
/// the bundled queries). With parameters it is the algebra with the `VALUES` block, written back.
pub fn remote_text(
    base: &crate::vocab::Base,
    source_name: &str,
    sparql: &str,
    parameters: &[QueryParameter],
) -> Result<(spargebra::Query, String)> {
    let query = prepare(base, source_name, sparql, parameters)?;
    if !parameters.is_empty() {
        let text = query.to_string();
        return Ok((query, text));
    }
    let mut text: String = base
        .prefixes()
        .iter()
        .map(|(prefix, namespace)| format!("PREFIX {prefix}: <{namespace}>\n"))
        .collect();
    text.push_str(&base.rebase_text(sparql));
    Ok((query, text))
}

/// A `SERVICE` call a local query made without `--allow-service`.
#[derive(Debug, thiserror::Error)]
#[error("SERVICE {0} refused: local queries reach no network unless --allow-service is given")]
pub struct ServiceRefused(NamedNode);

/// The service handler that refuses every `SERVICE`, so that no request leaves the machine.
struct RefuseService;

impl oxigraph::sparql::DefaultServiceHandler for RefuseService {
    type Error = ServiceRefused;

    fn handle(
        &self,
        service_name: &NamedNode,
        _pattern: &GraphPattern,
        _base_iri: Option<&oxiri::Iri<String>>,
    ) -> std::result::Result<oxigraph::sparql::QuerySolutionIter<'static>, ServiceRefused> {
        Err(ServiceRefused(service_name.clone()))
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
fn bind_parameters(
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
