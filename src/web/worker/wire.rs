//! What the server and a worker say to each other over the worker's pipes: frames of a 4-byte
//! big-endian length and that many bytes. A request is one frame (JSON); an answer is two, its
//! header (JSON) and its body.

use serde::{Deserialize, Serialize};
use std::io::{Read, Write};

/// A query for a worker.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Ask {
    pub query: String,
    /// The request's `default-graph-uri`s and `named-graph-uri`s.
    pub default_graphs: Vec<String>,
    pub named_graphs: Vec<String>,
    /// At most this many rows or triples.
    pub cap: usize,
    /// The query's parameters, `name=value` (`--param`).
    pub parameters: Vec<String>,
}

/// What a worker answered; the body follows in the next frame.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) enum Reply {
    /// The body holds SPARQL JSON results.
    Solutions {
        truncated: bool,
    },
    /// The body holds N-Triples.
    Graph {
        truncated: bool,
    },
    Boolean {
        value: bool,
    },
    /// No answer: an HTTP status and one line.
    Refused {
        status: u16,
        message: String,
    },
}

impl Reply {
    pub fn refused(status: u16, message: impl Into<String>) -> Self {
        Reply::Refused {
            status,
            message: message.into(),
        }
    }
}

/// The largest frame read: bigger means the pipe is out of step (1 GiB).
const MAX_FRAME: usize = 1 << 30;

/// The next frame, or `None` at the end of the input.
pub(crate) fn read_frame(input: &mut impl Read) -> std::io::Result<Option<Vec<u8>>> {
    let mut length = [0u8; 4];
    match input.read_exact(&mut length) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let length = frame_length(length)?;
    let mut frame = vec![0; length];
    input.read_exact(&mut frame)?;
    Ok(Some(frame))
}

pub(crate) fn write_frame(output: &mut impl Write, frame: &[u8]) -> std::io::Result<()> {
    output.write_all(&frame_header(frame.len())?)?;
    output.write_all(frame)
}

pub(crate) fn frame_length(header: [u8; 4]) -> std::io::Result<usize> {
    let length = u32::from_be_bytes(header) as usize;
    if length > MAX_FRAME {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("a frame of {length} bytes: the pipe is out of step"),
        ));
    }
    Ok(length)
}

pub(crate) fn frame_header(length: usize) -> std::io::Result<[u8; 4]> {
    u32::try_from(length)
        .ok()
        .filter(|l| *l as usize <= MAX_FRAME)
        .map(u32::to_be_bytes)
        .ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("an answer of {length} bytes is more than a frame holds"),
            )
        })
}
