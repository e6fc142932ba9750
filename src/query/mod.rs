//! Bundled SPARQL queries and the evaluation of any query against the knowledge graph.
//!
//! The path of a query: parse (prefixes predeclared, rebased) → bind parameters (`params.rs`:
//! the reference meaning) → choose the dataset (`dataset.rs`: the request's, else the query's
//! FROM, else the union of all graphs, so that queries need no `GRAPH` clause) → optimise
//! (`optimize.rs`, skipped with [`RunOptions::plain`]) → evaluate on Oxigraph.

use crate::error::{Error, Result};
use crate::store::KnowledgeGraph;
use crate::util::suggest::{nearest, suggestion_text};
use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use spargebra::algebra::GraphPattern;

use crate::bundled::BUNDLED_QUERY_FILES;

mod algebra;
mod dataset;
mod optimize;
mod params;

pub use dataset::DatasetSpec;
use params::bind_parameters;
pub use params::QueryParameter;

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
    #[error("parameter {param}: {reason}")]
    Parameter { param: String, reason: String },
    /// The query failed while running.
    #[error("{source_name}: query failed")]
    Evaluation {
        source_name: String,
        #[source]
        source: oxigraph::sparql::QueryEvaluationError,
    },
    /// A SPARQL Update failed (`wangluo serve --writable`).
    #[error("{source_name}: update failed")]
    Update {
        source_name: String,
        #[source]
        source: oxigraph::sparql::UpdateEvaluationError,
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

/// Evaluates SPARQL against the knowledge graph with the default [`RunOptions`]: the query's
/// own dataset (else the union of all graphs), `SERVICE` refused, optimised.
/// `source_name` names the query in errors.
pub fn run<'a>(
    kg: &'a KnowledgeGraph,
    source_name: &str,
    sparql: &str,
    parameters: &[QueryParameter],
) -> Result<QueryResults<'a>> {
    run_with(kg, source_name, sparql, parameters, &RunOptions::default())
}

/// How a query is run beyond its text.
#[derive(Clone, Default)]
pub struct RunOptions {
    /// The dataset the request names; it overrides the query's `FROM` / `FROM NAMED`.
    pub dataset: Option<DatasetSpec>,
    /// Lets `SERVICE <url>` send the pattern to that URL (oxigraph's HTTP client). Without it a
    /// query from someone else cannot make wangluo call any host: every `SERVICE` fails with
    /// [`ServiceRefused`] before a connection is opened.
    pub allow_service: bool,
    /// Stops the evaluation (with `QueryEvaluationError::Cancelled`) when cancelled: the query
    /// timeout of `wangluo serve`.
    pub cancellation: Option<oxigraph::sparql::CancellationToken>,
    /// The plain path: no optimisation of wangluo's own (the reference of the differential
    /// tests). The answers are the same either way.
    pub plain: bool,
}

/// Evaluates SPARQL against the knowledge graph. The prefixes of
/// [`crate::vocab::Base::prefixes`] are predeclared. Bundled queries are written against the
/// default base and are moved to the graph's base. Parameters are joined to the query's WHERE
/// pattern as a `VALUES` row in the parsed algebra (a value is a term, never query text; see
/// `params.rs` for what that means exactly). The dataset follows `dataset.rs`.
pub fn run_with<'a>(
    kg: &'a KnowledgeGraph,
    source_name: &str,
    sparql: &str,
    parameters: &[QueryParameter],
    options: &RunOptions,
) -> Result<QueryResults<'a>> {
    let mut query = prepare(kg.base(), source_name, sparql, parameters)?;
    if !options.plain {
        query = optimize::push_parameters(query, parameters);
    }
    let query_names_one = query.dataset().is_some();
    let mut evaluator = SparqlEvaluator::new();
    if !options.allow_service {
        evaluator = evaluator.with_default_service_handler(RefuseService);
    }
    if let Some(token) = options.cancellation.clone() {
        evaluator = evaluator.with_cancellation_token(token);
    }
    let mut prepared = evaluator.for_query(query);
    dataset::choose(
        prepared.dataset_mut(),
        options.dataset.as_ref(),
        query_names_one,
    );
    prepared
        .on_store(kg.store())
        .execute()
        .map_err(|e| QueryError::evaluation(source_name, e))
}

/// Runs a SPARQL Update on the store (only `wangluo serve --writable` does), with the
/// predeclared prefixes of [`run`]; `SERVICE` is refused as in [`run`].
pub fn run_update(kg: &KnowledgeGraph, source_name: &str, sparql: &str) -> Result<()> {
    let mut evaluator = SparqlEvaluator::new().with_default_service_handler(RefuseService);
    for (prefix, namespace) in kg.base().prefixes() {
        evaluator = evaluator
            .with_prefix(prefix, namespace)
            .map_err(|e| Error::InvalidBase {
                base: kg.base().as_str().to_owned(),
                reason: "an IRI made from it does not parse".to_owned(),
                source: Some(Box::new(e)),
            })?;
    }
    let update = evaluator
        .parse_update(sparql)
        .map_err(|source| QueryError::Syntax {
            source_name: source_name.to_owned(),
            source,
        })?;
    update
        .on_store(kg.store())
        .execute()
        .map_err(|source| QueryError::Update {
            source_name: source_name.to_owned(),
            source,
        })?;
    Ok(())
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
    let invalid_base = |e: oxiri::IriParseError| Error::InvalidBase {
        base: base.as_str().to_owned(),
        reason: "an IRI made from it does not parse".to_owned(),
        source: Some(Box::new(e)),
    };
    // Relative IRIs (`<s>`) resolve against the graph's base, as the data's own do.
    let mut parser = spargebra::SparqlParser::new()
        .with_base_iri(base.as_str())
        .map_err(invalid_base)?;
    for (prefix, namespace) in base.prefixes() {
        parser = parser
            .with_prefix(prefix, namespace)
            .map_err(invalid_base)?;
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

/// A `SERVICE` call a local query made when SERVICE calls are not allowed
/// ([`RunOptions`]' `allow_service`).
#[derive(Debug, thiserror::Error)]
#[error("SERVICE {0} refused: local queries reach no network unless SERVICE calls are allowed")]
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
