//! What a load reads: the bundled data, files, folders of files, URLs. A folder stands for every
//! annotation (`.toml`) and RDF file under it, in a fixed order, so that two loads of the same
//! folder read the same files in the same order on every machine.

use crate::annotation::FileSource;
use crate::error::{Error, Result};
use crate::rdf::fetch::{self, FetchOptions};
use std::path::{Path, PathBuf};

/// What `load` reads.
#[derive(Debug, Clone)]
pub enum LoadSource {
    /// The bundled ontology and corpus (`data/**/*.toml`).
    Bundled,
    /// An annotation file (`.toml`) or an RDF file (format from its extension).
    File(PathBuf),
    /// An http(s) URL: an annotation when its path ends in `.toml` (its text read relative to
    /// it), else an RDF document (format from the Content-Type, else the extension).
    Url { url: String, fetch: FetchOptions },
}

impl LoadSource {
    /// What a command-line argument names: a URL when it starts with a scheme (`http:`, but
    /// also `file:` or `ftp:`, which the fetch refuses with a message), unless a file of that
    /// name exists; else a file path.
    pub fn from_argument(text: &str, fetch: &FetchOptions) -> Self {
        let has_scheme = url::Url::parse(text).is_ok_and(|u| u.scheme().len() > 1);
        if has_scheme && !Path::new(text).exists() {
            LoadSource::Url {
                url: text.to_owned(),
                fetch: fetch.clone(),
            }
        } else {
            LoadSource::File(PathBuf::from(text))
        }
    }

    /// The sources of command-line arguments, each folder replaced by the files under it (see
    /// [`files_under`]).
    pub fn from_arguments(arguments: &[String], fetch: &FetchOptions) -> Result<Vec<Self>> {
        let mut sources = Vec::new();
        for argument in arguments {
            match Self::from_argument(argument, fetch) {
                LoadSource::File(path) if path.is_dir() => {
                    sources.extend(files_under(&path)?.into_iter().map(LoadSource::File));
                }
                source => sources.push(source),
            }
        }
        Ok(sources)
    }

    /// How messages name the source.
    pub fn name(&self) -> String {
        match self {
            LoadSource::Bundled => "the bundled data".to_owned(),
            LoadSource::File(path) => path.display().to_string(),
            LoadSource::Url { url, .. } => url.clone(),
        }
    }
}

/// The extensions of the files a folder stands for: `.xml` and `.json`, which `load FILE` reads as
/// RDF/XML and JSON-LD when named, are left out, as too many other files have them.
const FOLDER_EXTENSIONS: &[&str] = &["toml", "ttl", "trig", "nt", "nq", "rdf", "owl", "jsonld"];

/// Every annotation (`.toml`) and RDF file (an extension `load` reads) under `dir`, recursively,
/// in path order (each folder's entries sorted by name, a subfolder's files where its name
/// sorts). Hidden files and folders (`.name`) are
/// left out, and so are other files (texts are read through their annotations). A folder without
/// any is an error: loading it would silently do nothing.
pub fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let walk = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        let entry = entry.map_err(|e| Error::Read {
            path: e.path().unwrap_or(dir).to_owned(),
            source: e.into(),
        })?;
        let path = entry.path();
        let loadable = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            FOLDER_EXTENSIONS
                .iter()
                .any(|known| e.eq_ignore_ascii_case(known))
        });
        if entry.file_type().is_file() && loadable {
            files.push(path.to_owned());
        }
    }
    if files.is_empty() {
        return Err(Error::InvalidOption {
            option: dir.display().to_string(),
            reason: "no annotation (.toml) or RDF file (.ttl .trig .nt .nq .rdf .owl .jsonld) under this folder".to_owned(),
        });
    }
    Ok(files)
}

/// Annotation files (and the texts they name, relative to them) read over http(s): a path is a
/// URL (`http://host/dir/doc.toml`, its text `http://host/dir/doc.txt`). Anything that is not an
/// http(s) URL, such as an absolute local path named as a text, is refused: a remote
/// annotation never reads local files.
pub struct HttpFiles(pub FetchOptions);

impl FileSource for HttpFiles {
    fn read(&self, path: &std::path::Path) -> std::io::Result<Vec<u8>> {
        let text = path.to_str().unwrap_or_default();
        let accept = "application/toml, text/plain;q=0.9, */*;q=0.5";
        fetch::download(text, &self.0, accept, |_, _, _| Ok(()))
            .map(|(_, _, bytes)| bytes)
            // The message names the URL: the annotation error adds the path again only when
            // it differs.
            .map_err(|e| std::io::Error::other(FetchCause(e)))
    }
}

/// A fetch failure carried through `std::io::Error`, its own text without the URL already
/// named by the error around it.
#[derive(Debug)]
struct FetchCause(fetch::FetchError);

impl std::fmt::Display for FetchCause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let line = crate::error::one_line(&self.0);
        let url = self.0.url();
        let reason = line
            .strip_prefix(url)
            .and_then(|rest| rest.strip_prefix(": "))
            .unwrap_or(&line);
        f.write_str(reason)
    }
}

impl std::error::Error for FetchCause {}
