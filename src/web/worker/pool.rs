//! The server's side: a pool of worker processes, each answering one query at a time, killed
//! when its query outlives the timeout (or when the request that waits for it goes away).

use super::wire::{frame_header, frame_length, Ask, Reply};
use super::{WorkerCommand, WorkerError};
use crate::store::KnowledgeGraph;
use std::ffi::OsString;
use std::process::Stdio;
use std::sync::Mutex;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, ChildStdin, ChildStdout};
use tokio::time::Instant;

/// Why the pool gave no answer.
pub(crate) enum PoolFailure {
    /// The query (with its wait for a free worker) outlived the timeout; its worker is killed.
    TimedOut,
    /// A worker could not be started or stopped answering: the one line to show.
    Failed(String),
}

pub(crate) struct Pool {
    program: std::path::PathBuf,
    args: Vec<OsString>,
    idle: Mutex<Vec<Worker>>,
    permits: tokio::sync::Semaphore,
    /// The N-Quads copy of the graph the workers read (removed with the pool).
    _copy: Option<tempfile::TempPath>,
}

struct Worker {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Pool {
    /// Starts `command.workers` workers over `kg`: opened read-only where it lives on disk, else
    /// (in memory, or `--writable`: the server writes it) a copy written as N-Quads. Must be
    /// called within the server's runtime.
    pub fn start(
        command: &WorkerCommand,
        kg: &KnowledgeGraph,
        writable: bool,
    ) -> Result<Self, WorkerError> {
        let mut args: Vec<OsString> = vec!["--base".into(), kg.base().as_str().into()];
        let mut copy = None;
        match kg.location() {
            Some(dir) if !writable => {
                args.extend(["--store".into(), dir.as_os_str().to_owned()]);
                args.push("sparql-worker".into());
            }
            _ => {
                let path = write_copy(kg)?;
                args.extend(["sparql-worker".into(), "--nquads".into()]);
                args.push(path.as_os_str().to_owned());
                copy = Some(path);
            }
        }
        let workers = command.workers.max(1);
        let pool = Pool {
            program: command.program.clone(),
            args,
            idle: Mutex::new(Vec::with_capacity(workers)),
            permits: tokio::sync::Semaphore::new(workers),
            _copy: copy,
        };
        for _ in 0..workers {
            let worker = pool.spawn()?;
            pool.lock().push(worker);
        }
        Ok(pool)
    }

    /// Asks a worker, within `timeout` (waiting for a free one included).
    pub async fn ask(&self, ask: &Ask, timeout: Duration) -> Result<(Reply, Vec<u8>), PoolFailure> {
        let deadline = Instant::now() + timeout;
        let request = serde_json::to_vec(ask).map_err(|e| PoolFailure::Failed(e.to_string()))?;
        let _permit = match tokio::time::timeout_at(deadline, self.permits.acquire()).await {
            Err(_) => return Err(PoolFailure::TimedOut),
            Ok(Err(closed)) => return Err(PoolFailure::Failed(closed.to_string())),
            Ok(Ok(permit)) => permit,
        };
        let idle = self.lock().pop();
        let mut worker = match idle {
            Some(worker) => worker,
            None => self
                .spawn()
                .map_err(|e| PoolFailure::Failed(crate::error::one_line(&e)))?,
        };
        match tokio::time::timeout_at(deadline, worker.exchange(&request)).await {
            Ok(Ok(answer)) => {
                self.lock().push(worker);
                Ok(answer)
            }
            Ok(Err(e)) => {
                worker.kill().await;
                Err(PoolFailure::Failed(format!(
                    "the query's worker stopped answering: {e}"
                )))
            }
            Err(_) => {
                worker.kill().await;
                // A fresh worker in its place, reading its graph while nobody waits for it.
                if let Ok(fresh) = self.spawn() {
                    self.lock().push(fresh);
                }
                Err(PoolFailure::TimedOut)
            }
        }
    }

    fn spawn(&self) -> Result<Worker, WorkerError> {
        let mut child = tokio::process::Command::new(&self.program)
            .args(&self.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .map_err(|source| self.start_error(source))?;
        let missing = || self.start_error(std::io::Error::other("no pipe to the worker"));
        let stdin = child.stdin.take().ok_or_else(missing)?;
        let stdout = child.stdout.take().ok_or_else(missing)?;
        Ok(Worker {
            child,
            stdin,
            stdout: BufReader::new(stdout),
        })
    }

    fn start_error(&self, source: std::io::Error) -> WorkerError {
        WorkerError::Start {
            program: self.program.clone(),
            source,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Worker>> {
        // Workers are pushed and popped whole: a poisoned list is still a list.
        self.idle.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Worker {
    /// Sends a request and reads its answer.
    async fn exchange(&mut self, request: &[u8]) -> std::io::Result<(Reply, Vec<u8>)> {
        self.stdin.write_all(&frame_header(request.len())?).await?;
        self.stdin.write_all(request).await?;
        self.stdin.flush().await?;
        let header = self.frame().await?;
        let reply = serde_json::from_slice(&header)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        let body = self.frame().await?;
        Ok((reply, body))
    }

    async fn frame(&mut self) -> std::io::Result<Vec<u8>> {
        let mut length = [0u8; 4];
        self.stdout.read_exact(&mut length).await?;
        let mut frame = vec![0; frame_length(length)?];
        self.stdout.read_exact(&mut frame).await?;
        Ok(frame)
    }

    /// Kills the worker and waits for it to end: it uses no CPU after this.
    async fn kill(mut self) {
        let _ = self.child.start_kill();
        let _ = self.child.wait().await;
    }
}

/// The graph as N-Quads in a temporary file, for workers to read.
fn write_copy(kg: &KnowledgeGraph) -> Result<tempfile::TempPath, WorkerError> {
    let dump = |e: Box<dyn std::error::Error + Send + Sync>| WorkerError::Dump(e);
    let file = tempfile::Builder::new()
        .prefix("wangluo-serve-")
        .suffix(".nq")
        .tempfile()
        .map_err(|e| dump(e.into()))?;
    // An in-memory store gives its statements newest first, and a copy filled in that order
    // would give them in the reverse order (`LIMIT 3` would pick others): written oldest first.
    let mut quads = kg
        .store()
        .iter()
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| dump(e.into()))?;
    quads.reverse();
    let mut serializer = oxigraph::io::RdfSerializer::from_format(oxigraph::io::RdfFormat::NQuads)
        .for_writer(std::io::BufWriter::new(file.as_file()));
    for quad in &quads {
        serializer
            .serialize_quad(quad)
            .map_err(|e| dump(e.into()))?;
    }
    let writer = serializer.finish().map_err(|e| dump(e.into()))?;
    writer
        .into_inner()
        .map_err(|e| dump(e.into_error().into()))?;
    Ok(file.into_temp_path())
}
