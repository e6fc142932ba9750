//! Queries evaluated in worker processes that can be stopped.
//!
//! Oxigraph checks its cancellation token only when it reads the store, never inside an
//! in-memory join or aggregate: `SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }`
//! goes on after its timeout for as long as it likes, and a thread cannot be stopped from outside.
//! A process can. So `/sparql` and the query page send each query to a worker, the same binary
//! run as `wangluo sparql-worker` with the graph opened read-only (or read from an N-Quads copy
//! when the server's graph lives in memory or is `--writable`); the answer comes back over a pipe
//! ([`wire`]), and a worker still busy at the timeout is killed. A small pool of them waits,
//! started beforehand, so that an ordinary query costs one round trip over a pipe.

mod answer;
mod child;
mod pool;
mod wire;

pub(crate) use answer::evaluate;
pub use child::run_worker;
pub(crate) use pool::Pool;

use std::path::PathBuf;

/// How `serve` starts its query workers.
#[derive(Clone, Debug)]
pub struct WorkerCommand {
    /// The program (`wangluo` itself): it is run as `PROGRAM [--store DIR] --base IRI
    /// sparql-worker [--nquads FILE]`.
    pub program: PathBuf,
    /// How many queries run at once (each in its own process).
    pub workers: usize,
}

/// A worker's pipes failed, or its graph could not be read.
#[derive(Debug, thiserror::Error)]
pub enum WorkerError {
    /// Reading a request or writing an answer failed (its server has gone).
    #[error("query worker: {what}")]
    Pipe {
        what: &'static str,
        #[source]
        source: std::io::Error,
    },
    /// The server could not start a worker.
    #[error("query worker: cannot start {program}")]
    Start {
        program: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The server could not write the copy of its graph that workers read.
    #[error("query worker: cannot write the graph for the workers")]
    Dump(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl WorkerError {
    fn read(source: std::io::Error) -> Self {
        WorkerError::Pipe {
            what: "cannot read the request",
            source,
        }
    }

    fn write(source: std::io::Error) -> Self {
        WorkerError::Pipe {
            what: "cannot write the answer",
            source,
        }
    }
}

/// The in-memory graph of a worker started with `--nquads FILE`: that server's graph, copied.
pub fn graph_from_nquads(
    path: &std::path::Path,
    base: &crate::vocab::Base,
) -> crate::Result<crate::store::KnowledgeGraph> {
    let file = std::fs::File::open(path).map_err(|source| crate::Error::Read {
        path: path.to_owned(),
        source,
    })?;
    let quads = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::NQuads)
        .lenient()
        .for_reader(std::io::BufReader::new(file))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| crate::Error::Store {
            path: path.to_owned(),
            source: Box::new(e),
        })?;
    let store = oxigraph::store::Store::new()?;
    store.extend(quads)?;
    Ok(crate::store::KnowledgeGraph::in_memory(store, base))
}
