//! Real servers for the interop tests, each on a free loopback port: an Oxigraph server (PyPI
//! `oxigraph`, in .venv) and a throw-away Virtuoso (`virtuoso_server.py`).

use crate::tools::{python, INSTALL};
use crate::util::{repo, utf8};
use std::io::{BufRead, BufReader, Read};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};

/// A server process, stopped when dropped.
pub(crate) struct Server {
    child: Child,
    /// Base URL, `http://127.0.0.1:PORT`.
    pub(crate) base: String,
    dir: Option<tempfile::TempDir>,
}

impl Drop for Server {
    fn drop(&mut self) {
        // Virtuoso's helper stops Virtuoso when its stdin closes, and must be waited for (a
        // kill would orphan Virtuoso); the Oxigraph server is killed.
        match self.child.stdin.take() {
            Some(stdin) => drop(stdin),
            None => {
                let _ = self.child.kill();
            }
        }
        let _ = self.child.wait();
    }
}

pub(crate) fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("address").port()
}

/// `oxigraph serve` from the interop tests' Python environment, on a free port.
pub(crate) fn oxigraph_server() -> Server {
    oxigraph_server_in(tempfile::tempdir().expect("temp dir"), free_port())
}

/// `oxigraph serve` on the store in `dir` (kept by the server), on `port`.
pub(crate) fn oxigraph_server_in(dir: tempfile::TempDir, port: u16) -> Server {
    let oxigraph = python().with_file_name("oxigraph");
    let mut child = Command::new(&oxigraph)
        .args(["serve", "--location", utf8(dir.path())])
        .args(["--bind", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}: {INSTALL}", oxigraph.display()));
    let base = format!("http://127.0.0.1:{port}");
    // Up to 30 s: a restart after a kill recovers the store first, on a machine that may be busy.
    for _ in 0..300 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Server {
                child,
                base,
                dir: Some(dir),
            };
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the Oxigraph server did not come up on {base}");
}

impl Server {
    /// The process id, for a test that kills the server itself.
    pub(crate) fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits for the server to end (killed by the test) and keeps its store for a restart.
    pub(crate) fn into_store(mut self) -> tempfile::TempDir {
        let _ = self.child.wait();
        self.dir.take().expect("a server with a store directory")
    }
}

/// A throw-away Virtuoso (tests/interop/virtuoso_server.py), writable over the protocol.
pub(crate) fn virtuoso_server() -> Server {
    let mut child = Command::new(python())
        .arg(repo().join("tests/interop/virtuoso_server.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start virtuoso_server.py");
    let mut line = String::new();
    let stdout = child.stdout.take().expect("stdout");
    BufReader::new(stdout).read_line(&mut line).expect("read");
    if line.trim().is_empty() {
        let mut stderr = String::new();
        let _ = child
            .stderr
            .take()
            .map(|mut e| e.read_to_string(&mut stderr));
        panic!("Virtuoso did not start: {stderr}: {INSTALL}");
    }
    Server {
        child,
        base: line.trim().to_owned(),
        dir: None,
    }
}
