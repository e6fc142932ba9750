//! `ro-crate-metadata.json` (RO-Crate 1.2): the root dataset (name, description, datePublished,
//! licence, creators, the documents it is based on), one `File` entity per file with its
//! encodingFormat, contentSize and SHA-256, one `Dataset` per folder.

use crate::dataset::dumps::ReleaseFile;
use crate::dataset::metadata::Agent;
use crate::dataset::statistics::SourceDocument;
use crate::dataset::DatasetDescription;
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// The RO-Crate version the metadata conforms to.
pub const RO_CRATE: &str = "https://w3id.org/ro/crate/1.2";

/// The RO-Crate metadata file's name.
pub const METADATA_FILE: &str = "ro-crate-metadata.json";

fn id(iri: &str) -> Value {
    json!({ "@id": iri })
}

/// A list, or its only value alone (RO-Crate 1.2 recommends single values unwrapped).
fn one_or_many(values: Vec<Value>) -> Value {
    match <[Value; 1]>::try_from(values) {
        Ok([single]) => single,
        Err(values) => Value::Array(values),
    }
}

fn agent_id(agent: &Agent) -> String {
    agent
        .url
        .clone()
        .unwrap_or_else(|| format!("#{}", agent.name.replace(' ', "-")))
}

fn agent_entity(agent: &Agent) -> Value {
    let mut value =
        json!({ "@id": agent_id(agent), "@type": agent.schema_type(), "name": agent.name });
    if let Some(url) = &agent.url {
        value["url"] = json!(url);
    }
    value
}

/// The folders of the files (`dumps/`), sorted.
fn folders(files: &[ReleaseFile]) -> BTreeSet<String> {
    files
        .iter()
        .filter_map(|f| f.path.rsplit_once('/').map(|(dir, _)| format!("{dir}/")))
        .collect()
}

/// The RO-Crate metadata of `files` (every file of the bundle but this one).
pub fn ro_crate(description: &DatasetDescription, files: &[ReleaseFile]) -> ReleaseFile {
    let meta = &description.metadata;
    let folders = folders(files);
    let mut graph = vec![
        json!({
            "@id": METADATA_FILE,
            "@type": "CreativeWork",
            "conformsTo": id(RO_CRATE),
            "about": id("./"),
        }),
        root_entity(description, files, &folders),
    ];
    graph.extend(folders.iter().map(|folder| folder_entity(folder, files)));
    graph.extend(files.iter().map(file_entity));
    if let Some(doi) = meta.doi_iri() {
        // The Science-On-Schema.org form of an identifier.
        graph.push(json!({
            "@id": doi,
            "@type": "PropertyValue",
            "name": "DOI",
            "propertyID": "https://registry.identifiers.org/registry/doi",
            "value": format!("doi:{}", doi.trim_start_matches("https://doi.org/")),
            "url": doi,
        }));
    }
    graph.extend(license_entities(description));
    let mut seen = BTreeSet::new();
    for agent in meta.creators.iter().chain([&meta.publisher]) {
        if seen.insert(agent_id(agent)) {
            graph.push(agent_entity(agent));
        }
    }
    graph.extend(description.statistics.documents.iter().map(document_entity));
    let value = json!({ "@context": format!("{RO_CRATE}/context"), "@graph": graph });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    ReleaseFile::new(
        METADATA_FILE,
        text.into_bytes(),
        "application/ld+json",
        "RO-Crate 1.2 metadata of every file",
    )
}

/// The root data entity: the release as a whole, with its folders and top-level files as parts.
fn root_entity(
    description: &DatasetDescription,
    files: &[ReleaseFile],
    folders: &BTreeSet<String>,
) -> Value {
    let meta = &description.metadata;
    let top_level: Vec<Value> = folders
        .iter()
        .map(String::as_str)
        .chain(
            files
                .iter()
                .filter(|f| !f.path.contains('/'))
                .map(|f| f.path.as_str()),
        )
        .map(id)
        .collect();
    let documents = &description.statistics.documents;
    let mut root = json!({
        "@id": "./",
        "@type": "Dataset",
        "name": meta.title,
        "description": meta.description,
        "datePublished": meta.issued,
        "version": meta.version,
        "license": one_or_many(meta.license_iris().iter().map(|l| id(l)).collect()),
        "copyrightNotice": meta.rights,
        "keywords": meta.keywords,
        "url": meta.landing_page,
        "creator": one_or_many(meta.creators.iter().map(|c| id(&agent_id(c))).collect()),
        "publisher": id(&agent_id(&meta.publisher)),
        "isBasedOn": one_or_many(documents.iter().map(|d| id(&d.iri)).collect()),
        "hasPart": top_level,
    });
    if let Some(doi) = meta.doi_iri() {
        root["identifier"] = id(&doi);
    }
    root
}

fn folder_entity(folder: &String, files: &[ReleaseFile]) -> Value {
    let parts: Vec<Value> = files
        .iter()
        .filter(|f| {
            f.path
                .rsplit_once('/')
                .is_some_and(|(d, _)| format!("{d}/") == *folder)
        })
        .map(|f| id(&f.path))
        .collect();
    json!({
        "@id": folder,
        "@type": "Dataset",
        "name": folder.trim_end_matches('/'),
        "description": folder_description(folder),
        "hasPart": parts,
    })
}

fn file_entity(file: &ReleaseFile) -> Value {
    json!({
        "@id": file.path,
        "@type": "File",
        "name": file.path.rsplit('/').next().unwrap_or(&file.path),
        "description": file.title,
        "encodingFormat": file.media_type,
        "contentSize": file.size().to_string(),
        "sha256": file.sha256(),
    })
}

/// A document the dataset is based on (the op-ed), with its authors and publisher by name.
fn document_entity(doc: &SourceDocument) -> Value {
    let mut entity = json!({ "@id": doc.iri, "@type": "CreativeWork", "name": doc.title });
    if let Some(date) = &doc.date {
        entity["datePublished"] = json!(date);
    }
    if !doc.authors.is_empty() {
        entity["author"] = json!(doc.authors.join(", "));
    }
    if let Some(publisher) = &doc.publisher {
        entity["publisher"] = json!(publisher);
    }
    entity
}

fn license_entities(description: &DatasetDescription) -> Vec<Value> {
    description
        .metadata
        .license_ids()
        .into_iter()
        .map(|spdx_id| {
            let name = spdx::license_id(spdx_id).map_or(spdx_id, |l| l.full_name);
            json!({
                "@id": format!("https://spdx.org/licenses/{spdx_id}"),
                "@type": "CreativeWork",
                "name": name,
                "description": format!("The {name} (SPDX identifier {spdx_id})"),
                "identifier": spdx_id,
            })
        })
        .collect()
}

/// What a folder of the bundle holds.
fn folder_description(folder: &str) -> &'static str {
    match folder {
        "dumps/" => "The whole graph in four RDF formats",
        "ontology/" => "The ontology, its SHACL shapes, JSON-LD context and documentation",
        "queries/" => "The bundled SPARQL queries",
        "nanopubs/" => "Every claim as a nanopublication with a trusty URI",
        _ => "Files of the release",
    }
}
