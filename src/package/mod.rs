//! A release bundle (`wangluo package`): the dumps, the ontology, shapes, context and queries,
//! the nanopublications, the description (VoID, DCAT, schema.org), the ontology's HTML page, and
//! the files that make it citable and checkable (README, CITATION.cff, .zenodo.json,
//! RO-Crate metadata, SHA256SUMS).
//!
//! Every file is made in memory first, then written into a temporary directory beside the
//! target, which is renamed into place at the end: a failure leaves no half-written bundle, and
//! the same store and metadata always give the same bytes (no clock, fixed gzip header, sorted
//! exports).

pub mod archive;
pub mod metadata_files;
pub mod ro_crate;

use crate::dataset::dumps::ReleaseFile;
use crate::dataset::DatasetDescription;
use crate::error::{Error, Result};
use crate::export::ExportFormat;
use crate::nanopub::{assemble::claim_nanopubs, write::write_trig};
use crate::store::KnowledgeGraph;
use oxigraph::io::RdfFormat;
use std::path::{Path, PathBuf};

/// Every file of the bundle, in the order they are listed (SHA256SUMS and the RO-Crate metadata
/// last, as they describe the others).
pub fn bundle_files(
    kg: &KnowledgeGraph,
    description: &DatasetDescription,
) -> Result<Vec<ReleaseFile>> {
    let base = kg.base();
    let mut files = description.dumps.clone();
    let bundled = |path: &str, text: &str, media: &'static str, title: &str| {
        ReleaseFile::new(
            path,
            base.rebase_text(text).into_owned().into_bytes(),
            media,
            title,
        )
    };
    files.push(bundled(
        "ontology/wangluo.ttl",
        crate::bundled::ONTOLOGY,
        "text/turtle",
        "The OWL ontology",
    ));
    files.push(bundled(
        "ontology/shapes.ttl",
        crate::bundled::SHAPES,
        "text/turtle",
        "The SHACL shapes the data conforms to",
    ));
    files.push(ReleaseFile::new(
        "ontology/context.jsonld",
        crate::export::jsonld::bundled_context(base).into_bytes(),
        "application/ld+json",
        "The JSON-LD context of the JSON-LD dump",
    ));
    files.push(ReleaseFile::new(
        "ontology/ontology.html",
        crate::docs::ontology_html(kg)?.into_bytes(),
        "text/html",
        "The ontology's documentation (classes, properties, concept schemes)",
    ));
    for (name, sparql) in crate::bundled::BUNDLED_QUERY_FILES {
        files.push(bundled(
            &format!("queries/{name}.rq"),
            sparql,
            "application/sparql-query",
            &format!("The SPARQL query {name}"),
        ));
    }
    for nanopub in claim_nanopubs(kg)? {
        let mut bytes = Vec::new();
        write_trig(std::slice::from_ref(&nanopub), base, &mut bytes)?;
        files.push(ReleaseFile::new(
            &format!("nanopubs/{}.trig", nanopub.claim_id),
            bytes,
            "application/trig",
            &format!("The claim {} as a nanopublication", nanopub.claim_id),
        ));
    }
    let mut void = Vec::new();
    description.write(&ExportFormat::Rdf(RdfFormat::TriG), base, &mut void)?;
    files.push(ReleaseFile::new(
        "description.trig",
        void,
        "application/trig",
        "The dataset's description: VoID and DCAT, in the graph graph/void",
    ));
    files.push(ReleaseFile::new(
        "schema-org.jsonld",
        description.schema_org(base).into_bytes(),
        "application/ld+json",
        "The dataset's description as schema.org JSON-LD (Google Dataset Search)",
    ));
    files.push(metadata_files::readme(description, &files));
    files.push(metadata_files::citation_cff(description)?);
    files.push(metadata_files::zenodo_json(description));
    files.push(metadata_files::sha256sums(&files));
    let crate_metadata = ro_crate::ro_crate(description, &files);
    files.push(crate_metadata);
    Ok(files)
}

/// Writes the files into `dir` as a whole: into a temporary directory beside it, renamed into
/// place at the end. An existing `dir` that is not empty is refused unless `force`, which
/// replaces it (the old one is removed only once the new one is complete).
pub fn write_bundle(dir: &Path, files: &[ReleaseFile], force: bool) -> Result<()> {
    let write_err = |path: &Path| {
        let path = path.to_owned();
        move |source| Error::Write { path, source }
    };
    let existing = match std::fs::read_dir(dir) {
        Ok(mut entries) => Some(entries.next().is_some()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(write_err(dir)(e)),
    };
    if existing == Some(true) && !force {
        return Err(Error::InvalidOption {
            option: format!("-o {}", dir.display()),
            reason: "the directory exists and is not empty (use --force to replace it)".to_owned(),
        });
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let staging = tempfile::Builder::new()
        .prefix(".wangluo-package-")
        .tempdir_in(&parent)
        .map_err(write_err(&parent))?;
    for file in files {
        let path = staging.path().join(&file.path);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(write_err(&path))?;
        }
        std::fs::write(&path, &file.bytes).map_err(write_err(&dir.join(&file.path)))?;
    }
    set_permissions(staging.path())?;
    if existing.is_some() {
        // The old directory moves aside first, and is removed once the new one is in place.
        let old = tempfile::Builder::new()
            .prefix(".wangluo-old-")
            .tempdir_in(&parent)
            .map_err(write_err(&parent))?;
        let aside = old.path().join("bundle");
        std::fs::rename(dir, &aside).map_err(write_err(dir))?;
        if let Err(e) = std::fs::rename(staging.path(), dir) {
            let _ = std::fs::rename(&aside, dir);
            return Err(write_err(dir)(e));
        }
        drop(old);
    } else {
        std::fs::rename(staging.path(), dir).map_err(write_err(dir))?;
    }
    // The staging directory is now `dir`: nothing left to clean up.
    let _ = staging.keep();
    Ok(())
}

/// A temporary directory is private (0700); the bundle gets the usual permissions.
fn set_permissions(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).map_err(
            |source| Error::Write {
                path: dir.to_owned(),
                source,
            },
        )?;
    }
    Ok(())
}
