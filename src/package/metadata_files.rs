//! The files that describe a bundle to people and to repositories: its README, CITATION.cff
//! (Citation File Format 1.2.0), .zenodo.json (Zenodo's deposit metadata), SHA256SUMS (as
//! `sha256sum` writes them) and ro-crate-metadata.json (RO-Crate 1.2). All come from the same
//! [`DatasetDescription`], so the version, DOI, licence and creators agree everywhere.

use crate::dataset::dumps::ReleaseFile;
use crate::dataset::metadata::Agent;
use crate::dataset::statistics::SourceDocument;
use crate::dataset::DatasetDescription;
use crate::error::{Error, Result};
use serde::Serialize;
use serde_json::{json, Value};
use std::fmt::Write as _;

fn json_file(path: &str, value: &Value, title: &str) -> ReleaseFile {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    ReleaseFile::new(path, text.into_bytes(), "application/json", title)
}

/// `README.md` of the bundle: what it is, its licence and rights, its files, how to check it.
pub fn readme(description: &DatasetDescription, files: &[ReleaseFile]) -> ReleaseFile {
    let meta = &description.metadata;
    let mut text = format!(
        "# {} {}\n\n{}\n\n",
        meta.title, meta.version, meta.description
    );
    if let Some(doi) = meta.doi_iri() {
        let _ = writeln!(text, "DOI: <{doi}>\n");
    }
    let _ = writeln!(
        text,
        "Released {} by {}. Landing page: <{}>.\n",
        meta.issued, meta.publisher.name, meta.landing_page
    );
    let _ = writeln!(
        text,
        "## Licence and rights\n\nLicence: {}.\n\n{}\n",
        meta.license, meta.rights
    );
    let stats = &description.statistics;
    let _ = writeln!(
        text,
        "## The data\n\n{} statements in {} named graphs; {} entities; {} links to Wikidata. \
         SHA-256 of its RDFC-1.0 canonical N-Quads (`wangluo hash`): `{}`.\n",
        stats.triples,
        stats.graphs.len(),
        stats.entities,
        stats.wikidata_links,
        description.canonical_hash
    );
    text.push_str("## Files\n\n| file | bytes | what |\n|---|---:|---|\n");
    for file in files {
        let _ = writeln!(
            text,
            "| `{}` | {} | {} |",
            file.path,
            file.size(),
            file.title
        );
    }
    text.push_str(
        "| `CITATION.cff` | | How to cite this dataset (Citation File Format) |\n\
         | `.zenodo.json` | | Deposit metadata for Zenodo |\n\
         | `SHA256SUMS` | | The SHA-256 of every file above |\n\
         | `ro-crate-metadata.json` | | RO-Crate 1.2 metadata of every file |\n\n",
    );
    text.push_str(
        "## Checking it\n\n```\nsha256sum -c SHA256SUMS\n\
         zcat dumps/wangluo.nq.gz | sha256sum     # the canonical hash above\n\
         wangluo verify nanopubs                  # the trusty URIs of the nanopublications\n```\n",
    );
    ReleaseFile::new("README.md", text.into_bytes(), "text/markdown", "This file")
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct CffPerson {
    #[serde(skip_serializing_if = "Option::is_none")]
    given_names: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    family_names: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    website: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct CffReference {
    #[serde(rename = "type")]
    kind: &'static str,
    title: String,
    authors: Vec<CffPerson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<CffPerson>,
    url: String,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Cff {
    cff_version: &'static str,
    message: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    title: String,
    version: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    doi: Option<String>,
    date_released: String,
    #[serde(rename = "abstract")]
    summary: String,
    authors: Vec<CffPerson>,
    license: Vec<&'static str>,
    url: String,
    keywords: Vec<String>,
    references: Vec<CffReference>,
}

fn cff_agent(agent: &Agent) -> CffPerson {
    CffPerson {
        given_names: agent.given_names.clone(),
        family_names: agent.family_names.clone(),
        name: (!agent.is_person()).then(|| agent.name.clone()),
        website: agent.url.clone(),
    }
}

/// A named person of a document: the last word is taken for the family name.
fn cff_author(name: &str) -> CffPerson {
    match name.rsplit_once(' ') {
        Some((given, family)) => CffPerson {
            given_names: Some(given.to_owned()),
            family_names: Some(family.to_owned()),
            name: None,
            website: None,
        },
        None => CffPerson {
            given_names: None,
            family_names: None,
            name: Some(name.to_owned()),
            website: None,
        },
    }
}

fn cff_reference(doc: &SourceDocument) -> CffReference {
    CffReference {
        kind: "article",
        title: doc.title.clone(),
        authors: doc.authors.iter().map(|a| cff_author(a)).collect(),
        date_published: doc.date.clone(),
        publisher: doc.publisher.as_ref().map(|name| CffPerson {
            given_names: None,
            family_names: None,
            name: Some(name.clone()),
            website: None,
        }),
        url: doc.iri.clone(),
    }
}

/// `CITATION.cff`: how to cite the dataset, and the documents it is based on as references.
pub fn citation_cff(description: &DatasetDescription) -> Result<ReleaseFile> {
    let meta = &description.metadata;
    let cff = Cff {
        cff_version: "1.2.0",
        message: "If you use this dataset, please cite it as below.",
        kind: "dataset",
        title: meta.title.clone(),
        version: meta.version.clone(),
        doi: meta
            .doi_iri()
            .map(|iri| iri.trim_start_matches("https://doi.org/").to_owned()),
        date_released: meta.issued.clone(),
        summary: meta.description.clone(),
        authors: meta.creators.iter().map(cff_agent).collect(),
        license: meta.license_ids(),
        url: meta.landing_page.clone(),
        keywords: meta.keywords.clone(),
        references: description
            .statistics
            .documents
            .iter()
            .map(cff_reference)
            .collect(),
    };
    let text = serde_norway::to_string(&cff).map_err(|e| Error::Output {
        target: "CITATION.cff".to_owned(),
        source: std::io::Error::other(e.to_string()),
    })?;
    Ok(ReleaseFile::new(
        "CITATION.cff",
        text.into_bytes(),
        "application/yaml",
        "How to cite this dataset (Citation File Format 1.2.0)",
    ))
}

/// `.zenodo.json`: the deposit metadata Zenodo reads from a release.
pub fn zenodo_json(description: &DatasetDescription) -> ReleaseFile {
    let meta = &description.metadata;
    let creators: Vec<Value> = meta
        .creators
        .iter()
        .map(|c| match (&c.family_names, &c.given_names) {
            (Some(family), Some(given)) => json!({ "name": format!("{family}, {given}") }),
            _ => json!({ "name": c.name }),
        })
        .collect();
    let related: Vec<Value> = description
        .statistics
        .documents
        .iter()
        .map(|d| json!({ "identifier": d.iri, "relation": "isDerivedFrom", "resource_type": "publication" }))
        .collect();
    let mut value = json!({
        "upload_type": "dataset",
        "title": meta.title,
        "description": meta.description,
        "version": meta.version,
        "publication_date": meta.issued,
        "creators": creators,
        "keywords": meta.keywords,
        "license": meta.license_ids().first().map(|id| id.to_lowercase()),
        "access_right": "open",
        "notes": meta.rights,
        "related_identifiers": related,
    });
    if let Some(doi) = meta.doi_iri() {
        value["doi"] = json!(doi.trim_start_matches("https://doi.org/"));
    }
    json_file(".zenodo.json", &value, "Deposit metadata for Zenodo")
}

/// `SHA256SUMS`: the SHA-256 of every file given, as `sha256sum` writes them.
pub fn sha256sums(files: &[ReleaseFile]) -> ReleaseFile {
    let mut text = String::new();
    for file in files {
        let _ = writeln!(text, "{}  {}", file.sha256(), file.path);
    }
    ReleaseFile::new(
        "SHA256SUMS",
        text.into_bytes(),
        "text/plain",
        "The SHA-256 of every file",
    )
}
