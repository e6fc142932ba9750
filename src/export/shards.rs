//! `export --shard-size N -o DIR`: the store as gzip N-Quads shards of about N quads each, for a
//! triple store built for more than one machine holds (Virtuoso, QLever, Jena TDB2, Oxigraph).
//!
//! Graphs are packed whole into shards in export order; a graph is split only where it alone
//! holds more than N quads. Blank nodes become skolem IRIs (as `publish` sends them), so every
//! shard loads on its own and shards of one export never share a node by accident. The directory
//! also holds `manifest.json` (quads, graphs, bytes and SHA-256 of each shard), `SHA256SUMS`
//! (for `sha256sum -c`) and the load recipes ([`RECIPES`]). The same store gives the same bytes;
//! the directory is written beside DIR under a temporary name and renamed over it at the end.

use super::stream::{blank_labels, graph_quads, graphs_in_order};
use crate::error::{Error, Result};
use crate::rdf::skolem::skolemized;
use crate::store::KnowledgeGraph;
use crate::util::hash::sha256_hex;
use flate2::write::GzEncoder;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::NamedNode;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The load recipes written beside the shards: file name and text (`{BASE}` is the base IRI).
pub const RECIPES: [(&str, &str); 4] = [
    ("load-oxigraph.sh", include_str!("recipes/load-oxigraph.sh")),
    ("load-virtuoso.sh", include_str!("recipes/load-virtuoso.sh")),
    ("load-tdb2.sh", include_str!("recipes/load-tdb2.sh")),
    ("Qleverfile", include_str!("recipes/Qleverfile")),
];

/// One shard, as the manifest lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Shard {
    /// File name in the shard directory (`shard-00001.nq.gz`).
    pub file: String,
    /// Quads in the shard.
    pub quads: usize,
    /// Graphs with quads in the shard.
    pub graphs: usize,
    /// Size of the gzip file.
    pub bytes: u64,
    /// SHA-256 of the gzip file, lowercase hex.
    pub sha256: String,
}

/// `manifest.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Manifest {
    /// `application/n-quads`, each shard gzip-compressed.
    pub format: String,
    /// The shard size asked for.
    pub shard_size: usize,
    /// Quads in all shards.
    pub quads: usize,
    /// Graphs exported (a split graph counts once).
    pub graphs: usize,
    pub shards: Vec<Shard>,
}

/// A writer that hashes and counts what passes through it.
struct Hashing<W> {
    inner: W,
    hasher: Sha256,
    bytes: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.hasher.update(&buf[..written]);
        self.bytes += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

type ShardSerializer = oxigraph::io::WriterQuadSerializer<GzEncoder<Hashing<BufWriter<File>>>>;

/// The shard being written.
struct OpenShard {
    file: String,
    path: PathBuf,
    serializer: ShardSerializer,
    quads: usize,
    graphs: usize,
}

/// Packs graphs into shards in a directory.
struct ShardWriter<'a> {
    dir: &'a Path,
    size: usize,
    open: Option<OpenShard>,
    done: Vec<Shard>,
}

impl ShardWriter<'_> {
    fn write_err(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
        move |source| Error::Write {
            path: path.to_owned(),
            source,
        }
    }

    fn start(&mut self) -> Result<&mut OpenShard> {
        if self.open.is_none() {
            let file = format!("shard-{:05}.nq.gz", self.done.len() + 1);
            let path = self.dir.join(&file);
            let out = File::create(&path).map_err(Self::write_err(&path))?;
            let hashing = Hashing {
                inner: BufWriter::new(out),
                hasher: Sha256::new(),
                bytes: 0,
            };
            // No file name and no time in the gzip header: the same quads give the same bytes.
            let gzip = flate2::GzBuilder::new().write(hashing, flate2::Compression::default());
            let serializer = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(gzip);
            self.open = Some(OpenShard {
                file,
                path,
                serializer,
                quads: 0,
                graphs: 0,
            });
        }
        Ok(self.open.as_mut().expect("a shard was just opened"))
    }

    fn close(&mut self) -> Result<()> {
        let Some(shard) = self.open.take() else {
            return Ok(());
        };
        let err = Self::write_err(&shard.path);
        let gzip = shard.serializer.finish().map_err(&err)?;
        let mut hashing = gzip.finish().map_err(&err)?;
        hashing.flush().map_err(&err)?;
        hashing
            .inner
            .into_inner()
            .map_err(|e| err(e.into_error()))?
            .sync_all()
            .map_err(&err)?;
        self.done.push(Shard {
            file: shard.file,
            quads: shard.quads,
            graphs: shard.graphs,
            bytes: hashing.bytes,
            sha256: format!("{:x}", hashing.hasher.finalize()),
        });
        Ok(())
    }

    /// Adds one graph: to the open shard if it fits, else from a new shard on, split into shards
    /// of `size` quads when it is larger.
    fn add_graph(&mut self, quads: Vec<oxigraph::model::Quad>) -> Result<()> {
        if let Some(open) = &self.open {
            if open.quads > 0 && open.quads + quads.len() > self.size {
                self.close()?;
            }
        }
        let mut new_graph = true;
        for quad in quads {
            if self.open.as_ref().is_some_and(|o| o.quads >= self.size) {
                self.close()?;
                new_graph = true;
            }
            let shard = self.start()?;
            if new_graph {
                shard.graphs += 1;
                new_graph = false;
            }
            let path = shard.path.clone();
            shard
                .serializer
                .serialize_quad(&quad)
                .map_err(Self::write_err(&path))?;
            shard.quads += 1;
        }
        Ok(())
    }
}

/// Writes the store (or one graph) as shards of about `size` quads into `dir` (created or
/// replaced whole; a directory that is not an earlier shard export is refused). Returns the
/// manifest.
pub fn export_shards(
    kg: &KnowledgeGraph,
    graph: Option<&NamedNode>,
    size: usize,
    dir: &Path,
) -> Result<Manifest> {
    let write_err = |source| Error::Write {
        path: dir.to_owned(),
        source,
    };
    check_replaceable(dir)?;
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let tmp = tempfile::Builder::new()
        .prefix(".wangluo-shards-")
        .tempdir_in(parent)
        .map_err(write_err)?;
    let manifest = write_shards(kg, graph, size.max(1), tmp.path())?;
    replace_dir(tmp, dir)?;
    Ok(manifest)
}

fn write_shards(
    kg: &KnowledgeGraph,
    graph: Option<&NamedNode>,
    size: usize,
    dir: &Path,
) -> Result<Manifest> {
    let store = kg.store();
    let labels = blank_labels(store, graph)?;
    let mut writer = ShardWriter {
        dir,
        size,
        open: None,
        done: Vec::new(),
    };
    let mut graphs = 0;
    for name in graphs_in_order(store, graph, &labels)? {
        let quads: Vec<_> = graph_quads(store, &name, &labels)?
            .into_iter()
            .map(|q| skolemized(q, kg.base()))
            .collect();
        graphs += usize::from(!quads.is_empty());
        writer.add_graph(quads)?;
    }
    writer.close()?;
    let manifest = Manifest {
        format: "application/n-quads (gzip)".to_owned(),
        shard_size: size,
        quads: writer.done.iter().map(|s| s.quads).sum(),
        graphs,
        shards: writer.done,
    };
    write_side_files(dir, &manifest, kg.base().as_str())?;
    Ok(manifest)
}

/// `manifest.json`, `SHA256SUMS` and the recipes.
fn write_side_files(dir: &Path, manifest: &Manifest, base: &str) -> Result<()> {
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|source| Error::Write { path, source })
    };
    let mut json = serde_json::to_string_pretty(manifest).map_err(|e| Error::Output {
        target: "manifest.json".to_owned(),
        source: std::io::Error::other(e),
    })?;
    json.push('\n');
    write("manifest.json", &json)?;
    let sums: String = manifest
        .shards
        .iter()
        .map(|s| format!("{}  {}\n", s.sha256, s.file))
        .collect();
    write("SHA256SUMS", &sums)?;
    for (name, text) in RECIPES {
        write(name, &text.replace("{BASE}", base))?;
    }
    Ok(())
}

/// Refuses a `dir` that exists and is neither empty nor an earlier shard export (it would be
/// replaced whole).
fn check_replaceable(dir: &Path) -> Result<()> {
    let Ok(mut entries) = std::fs::read_dir(dir) else {
        return match dir.exists() {
            true => Err(Error::InvalidOption {
                option: "-o".to_owned(),
                reason: format!(
                    "{} is not a directory (a sharded export writes a directory)",
                    dir.display()
                ),
            }),
            false => Ok(()),
        };
    };
    if entries.next().is_none() || dir.join("manifest.json").is_file() {
        return Ok(());
    }
    Err(Error::InvalidOption {
        option: "-o".to_owned(),
        reason: format!(
            "{} is a directory that holds no earlier shard export (no manifest.json): \
             give a new or empty directory",
            dir.display()
        ),
    })
}

/// Moves the finished `tmp` directory to `dir`, replacing an earlier export there.
fn replace_dir(tmp: tempfile::TempDir, dir: &Path) -> Result<()> {
    let write_err = |source| Error::Write {
        path: dir.to_owned(),
        source,
    };
    let finished = tmp.keep();
    if dir.exists() {
        let old = finished.with_file_name(format!(
            ".wangluo-old-{}",
            sha256_hex(dir.to_string_lossy().as_bytes())
                .get(..12)
                .unwrap_or("shards")
        ));
        std::fs::rename(dir, &old).map_err(write_err)?;
        std::fs::rename(&finished, dir).map_err(write_err)?;
        std::fs::remove_dir_all(&old).map_err(write_err)?;
    } else {
        std::fs::rename(&finished, dir).map_err(write_err)?;
    }
    Ok(())
}
