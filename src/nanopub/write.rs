//! Writing nanopublications as TriG: to a stream, to one file, or one file per claim.

use super::{assemble::claim_nanopubs, vocab, ClaimNanopub, NanopubError};
use crate::error::{Error, Result};
use crate::store::KnowledgeGraph;
use crate::util::atomic;
use crate::vocab::Base;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, NamedOrBlankNode, Term};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes nanopublications as one TriG document. With a single nanopublication the prefixes
/// `this:` (its URI) and `sub:` (its graphs) are declared, as nanopublication tools do.
pub fn write_trig(nanopubs: &[ClaimNanopub], base: &Base, out: impl Write) -> Result<()> {
    let mut serializer = RdfSerializer::from_format(RdfFormat::TriG);
    let mut prefixes: Vec<(&str, String)> = Vec::new();
    if let [single] = nanopubs {
        prefixes.push(("this", single.uri.as_str().to_owned()));
        prefixes.push(("sub", format!("{}#", single.uri.as_str())));
    }
    prefixes.extend(
        [("np", vocab::NP), ("npx", vocab::NPX), ("pav", vocab::PAV)]
            .map(|(p, n)| (p, n.to_owned())),
    );
    prefixes.extend(base.prefixes());
    // Only the prefixes the statements use.
    let mut iris: BTreeSet<&str> = BTreeSet::new();
    for q in nanopubs.iter().flat_map(|np| &np.quads) {
        if let NamedOrBlankNode::NamedNode(s) = &q.subject {
            iris.insert(s.as_str());
        }
        iris.insert(q.predicate.as_str());
        match &q.object {
            Term::NamedNode(o) => {
                iris.insert(o.as_str());
            }
            Term::Literal(l) => {
                iris.insert(l.datatype().as_str());
            }
            _ => {}
        }
        if let GraphName::NamedNode(g) = &q.graph_name {
            iris.insert(g.as_str());
        }
    }
    prefixes.retain(|(_, namespace)| iris.iter().any(|i| i.starts_with(namespace.as_str())));
    for (prefix, namespace) in prefixes {
        serializer = serializer
            .with_prefix(prefix, namespace)
            .map_err(|source| NanopubError::Prefix {
                prefix: prefix.to_owned(),
                source,
            })?;
    }
    let write_err = |source| Error::Output {
        target: "nanopublications".to_owned(),
        source,
    };
    let mut writer = serializer.for_writer(out);
    for np in nanopubs {
        for q in &np.quads {
            writer.serialize_quad(q).map_err(write_err)?;
        }
    }
    let mut out = writer.finish().map_err(write_err)?;
    out.flush().map_err(write_err)?;
    Ok(())
}

/// Where `export --nanopubs` writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NanopubTarget {
    /// All nanopublications as one TriG document on this writer (stdout).
    Stream,
    /// All nanopublications in one `.trig` file, written atomically.
    File(PathBuf),
    /// One `{claim-id}.trig` per claim in this directory (created if missing), each written
    /// atomically.
    Directory(PathBuf),
}

impl NanopubTarget {
    /// `-o PATH`: a `.trig` file, else a directory (which may not exist yet).
    pub fn from_output(path: Option<&Path>) -> Result<Self> {
        let Some(path) = path else {
            return Ok(Self::Stream);
        };
        let is_trig = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("trig"));
        if is_trig && !path.is_dir() {
            return Ok(Self::File(path.to_owned()));
        }
        if path.exists() && !path.is_dir() {
            return Err(NanopubError::unusable(
                &path.display().to_string(),
                "not a directory; -o with --nanopubs takes a directory or a .trig file",
            ));
        }
        Ok(Self::Directory(path.to_owned()))
    }
}

/// Writes every claim of `kg` as a nanopublication to `target` (stdout is `out`). All
/// nanopublications are built before anything is written, so an error leaves no partial output.
/// Returns the nanopublications written.
pub fn export_nanopubs(
    kg: &KnowledgeGraph,
    target: &NanopubTarget,
    out: impl Write,
) -> Result<Vec<ClaimNanopub>> {
    let nanopubs = claim_nanopubs(kg)?;
    match target {
        NanopubTarget::Stream => write_trig(&nanopubs, kg.base(), out)?,
        NanopubTarget::File(path) => {
            atomic::write_file(path, |w| write_trig(&nanopubs, kg.base(), w))?
        }
        NanopubTarget::Directory(dir) => {
            std::fs::create_dir_all(dir).map_err(|source| Error::Write {
                path: dir.clone(),
                source,
            })?;
            for np in &nanopubs {
                let path = dir.join(format!("{}.trig", np.claim_id));
                atomic::write_file(&path, |w| {
                    write_trig(std::slice::from_ref(np), kg.base(), w)
                })?;
            }
        }
    }
    Ok(nanopubs)
}
