//! The worker's side: `wangluo sparql-worker` reads one request at a time on its standard input,
//! evaluates it and writes the answer on its standard output, until its input closes or the
//! server that started it is gone. It never needs to stop a query itself: the server kills it.

use super::wire::{read_frame, write_frame, Ask, Reply};
use super::WorkerError;
use crate::query::{DatasetSpec, RunOptions};
use crate::store::KnowledgeGraph;
use crate::web::sparql::{classify, read_answer, write_solutions, Answer};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::NamedNode;
use oxigraph::sparql::results::QueryResultsFormat;
use std::io::{BufReader, BufWriter, Read, Write};
use std::time::Duration;

/// Answers requests from `input` on `output` until `input` ends. The process exits by itself
/// when the server that started it dies (it polls its parent's id), whatever it is doing.
pub fn run_worker(
    kg: &KnowledgeGraph,
    input: impl Read,
    output: impl Write,
) -> Result<(), WorkerError> {
    exit_with_parent();
    let mut input = BufReader::new(input);
    let mut output = BufWriter::new(output);
    while let Some(frame) = read_frame(&mut input).map_err(WorkerError::read)? {
        let (reply, body) = match serde_json::from_slice::<Ask>(&frame) {
            Ok(ask) => answer(kg, ask),
            Err(e) => (
                Reply::refused(500, format!("a request the worker cannot read: {e}")),
                Vec::new(),
            ),
        };
        let header = serde_json::to_vec(&reply).map_err(|e| WorkerError::write(e.into()))?;
        write_frame(&mut output, &header).map_err(WorkerError::write)?;
        write_frame(&mut output, &body).map_err(WorkerError::write)?;
        output.flush().map_err(WorkerError::write)?;
    }
    Ok(())
}

/// One query: its answer as a header and a body (solutions as SPARQL JSON results, a graph as
/// N-Triples, nothing for a boolean or a refusal).
fn answer(kg: &KnowledgeGraph, ask: Ask) -> (Reply, Vec<u8>) {
    let dataset = match dataset(&ask) {
        Ok(dataset) => dataset,
        Err(message) => return (Reply::refused(400, message), Vec::new()),
    };
    let options = RunOptions {
        dataset,
        ..Default::default()
    };
    let answered = ask
        .parameters
        .iter()
        .map(|p| crate::query::QueryParameter::parse(p, kg))
        .collect::<crate::Result<Vec<_>>>()
        .and_then(|parameters| {
            crate::query::run_with(kg, "query", &ask.query, &parameters, &options)
        })
        .and_then(|results| read_answer(results, ask.cap));
    let written = match answered {
        Ok(Answer::Boolean(value)) => Ok((Reply::Boolean { value }, Vec::new())),
        Ok(Answer::Solutions {
            variables,
            rows,
            truncated,
        }) => write_solutions(QueryResultsFormat::Json, variables, &rows)
            .map(|body| (Reply::Solutions { truncated }, body))
            // Across the pipe to the server, a failure travels as its text.
            .map_err(|e| e.to_string()),
        Ok(Answer::Graph { triples, truncated }) => {
            let mut serializer =
                RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
            triples
                .iter()
                .try_for_each(|t| serializer.serialize_triple(t))
                .and_then(|()| serializer.finish())
                .map(|body| (Reply::Graph { truncated }, body))
                .map_err(|e| e.to_string())
        }
        Err(error) => {
            let refusal = classify(&error);
            Ok((
                Reply::refused(refusal.status.as_u16(), refusal.message),
                Vec::new(),
            ))
        }
    };
    written.unwrap_or_else(|message| (Reply::refused(500, message), Vec::new()))
}

fn dataset(ask: &Ask) -> Result<Option<DatasetSpec>, String> {
    let iris = |list: &[String]| {
        list.iter()
            .map(|iri| NamedNode::new(iri.as_str()).map_err(|e| format!("<{iri}>: {e}")))
            .collect::<Result<Vec<_>, _>>()
    };
    Ok(DatasetSpec::from_protocol(
        iris(&ask.default_graphs)?,
        iris(&ask.named_graphs)?,
    ))
}

/// A thread that ends the process when its parent changes (the server died, even by SIGKILL,
/// and the worker was handed to init): a worker never outlives its server by more than a poll.
fn exit_with_parent() {
    #[cfg(unix)]
    {
        let parent = std::os::unix::process::parent_id();
        std::thread::spawn(move || loop {
            std::thread::sleep(Duration::from_millis(200));
            if std::os::unix::process::parent_id() != parent {
                std::process::exit(0);
            }
        });
    }
}
