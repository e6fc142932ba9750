//! Bundled SPARQL queries and the evaluation of any query against the knowledge graph.
//!
//! Queries see the union of all named graphs as their default graph, so they need no `GRAPH`
//! clause; `GRAPH ?g { … }` still reaches each graph by name.

use crate::error::{Error, Result};
use crate::loader::nearest;
use crate::store::KnowledgeGraph;
use oxigraph::model::{Literal, NamedNode, Term, Variable};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};

include!(concat!(env!("OUT_DIR"), "/bundled_queries.rs"));

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
        } else if in_field && !body.is_empty() && !body.contains(':') {
            value.push(' ');
            value.push_str(body);
        } else {
            in_field = false;
        }
    }
    value
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
    Err(Error::UnknownQuery {
        name: name.to_owned(),
        suggestion: nearest(name, queries.iter().map(|q| q.name)).map(str::to_owned),
    })
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
        let bad = |reason: &str| Error::Parameter {
            param: param.to_owned(),
            reason: reason.to_owned(),
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
                .filter(|(p, _)| kg.base().prefixes().iter().any(|(known, _)| known == p))
            {
                let namespace = kg
                    .base()
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

/// Evaluates SPARQL against the knowledge graph. `source_name` names the query in errors.
/// The prefixes of [`crate::vocab::Base::prefixes`] are predeclared. Bundled queries are written
/// against the default base and are moved to the graph's base.
pub fn run<'a>(
    kg: &'a KnowledgeGraph,
    source_name: &str,
    sparql: &str,
    parameters: &[QueryParameter],
) -> Result<QueryResults<'a>> {
    let sparql = kg.base().rebase_text(sparql);
    let mut evaluator = SparqlEvaluator::new();
    for (prefix, namespace) in kg.base().prefixes() {
        evaluator = evaluator
            .with_prefix(prefix, namespace)
            .map_err(|e| Error::InvalidBase {
                base: kg.base().as_str().to_owned(),
                reason: e.to_string(),
            })?;
    }
    let mut prepared = evaluator
        .parse_query(&sparql)
        .map_err(|e| Error::QuerySyntax {
            source_name: source_name.to_owned(),
            message: e.to_string().replace('\n', " "),
        })?;
    prepared.dataset_mut().set_default_graph_as_union();
    for p in parameters {
        prepared = prepared.substitute_variable(p.variable.clone(), p.value.clone());
    }
    prepared
        .on_store(kg.store())
        .execute()
        .map_err(|e| Error::QueryEvaluation {
            source_name: source_name.to_owned(),
            message: e.to_string().replace('\n', " "),
        })
}
