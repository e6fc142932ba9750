//! A query sent to a worker of the pool, and its answer read back.

use super::pool::{Pool, PoolFailure};
use super::wire::{Ask, Reply};
use crate::web::sparql::{timed_out, Answer, QueryRequest, Refusal};
use crate::web::AppState;
use axum::http::StatusCode;
use oxigraph::io::RdfFormat;
use oxigraph::model::{NamedNode, Triple};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput,
};

/// Evaluates a query in a worker, within the server's timeout and result cap.
pub(crate) async fn evaluate(
    state: &AppState,
    pool: &Pool,
    query: QueryRequest,
) -> Result<Answer, Refusal> {
    let iris = |list: &[NamedNode]| list.iter().map(|n| n.as_str().to_owned()).collect();
    let ask = Ask {
        default_graphs: iris(&query.default_graphs),
        named_graphs: iris(&query.named_graphs),
        query: query.text,
        cap: state.options.result_cap,
        parameters: query.parameters,
    };
    match pool.ask(&ask, state.options.timeout).await {
        Ok((reply, body)) => answer_of(reply, &body),
        Err(PoolFailure::TimedOut) => Err(timed_out(state.options.timeout)),
        Err(PoolFailure::Failed(message)) => Err(Refusal {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message,
        }),
    }
}

/// A worker's answer, read back from its SPARQL JSON results or N-Triples.
fn answer_of(reply: Reply, body: &[u8]) -> Result<Answer, Refusal> {
    let garbled = |e: String| Refusal {
        status: StatusCode::INTERNAL_SERVER_ERROR,
        message: format!("the query's worker sent an answer that does not parse: {e}"),
    };
    match reply {
        Reply::Boolean { value } => Ok(Answer::Boolean(value)),
        Reply::Refused { status, message } => Err(Refusal {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            message,
        }),
        Reply::Solutions { truncated } => {
            let parsed = QueryResultsParser::from_format(QueryResultsFormat::Json)
                .for_slice(body)
                .map_err(|e| garbled(e.to_string()))?;
            let SliceQueryResultsParserOutput::Solutions(solutions) = parsed else {
                return Err(garbled(
                    "a boolean where solutions were announced".to_owned(),
                ));
            };
            let variables = solutions.variables().to_vec();
            let rows = solutions
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| garbled(e.to_string()))?;
            Ok(Answer::Solutions {
                variables,
                rows,
                truncated,
            })
        }
        Reply::Graph { truncated } => {
            let triples = oxigraph::io::RdfParser::from_format(RdfFormat::NTriples)
                .for_slice(body)
                .map(|quad| quad.map(Triple::from))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| garbled(e.to_string()))?;
            Ok(Answer::Graph { triples, truncated })
        }
    }
}
