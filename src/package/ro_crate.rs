//! `ro-crate-metadata.json` (RO-Crate 1.2): the root dataset (name, description, datePublished,
//! licence, creators, the documents it is based on), one `File` entity per file with its
//! encodingFormat, contentSize and SHA-256, one `Dataset` per folder.

use crate::dataset::dumps::ReleaseFile;
use crate::dataset::metadata::Agent;
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
    let mut root = json!({
        "@id": "./",
        "@type": "Dataset",
        "name": meta.title,
        "description": meta.description,
        "datePublished": meta.issued,
        "version": meta.version,
        "license": meta.license_iris().iter().map(|l| id(l)).collect::<Vec<_>>(),
        "copyrightNotice": meta.rights,
        "keywords": meta.keywords,
        "url": meta.landing_page,
        "creator": meta.creators.iter().map(|c| id(&agent_id(c))).collect::<Vec<_>>(),
        "publisher": id(&agent_id(&meta.publisher)),
        "isBasedOn": description.statistics.documents.iter().map(|d| id(&d.iri)).collect::<Vec<_>>(),
        "hasPart": top_level,
    });
    if let Some(doi) = meta.doi_iri() {
        root["identifier"] = json!(doi);
    }
    let mut graph = vec![
        json!({
            "@id": METADATA_FILE,
            "@type": "CreativeWork",
            "conformsTo": id(RO_CRATE),
            "about": id("./"),
        }),
        root,
    ];
    for folder in &folders {
        let parts: Vec<Value> = files
            .iter()
            .filter(|f| {
                f.path
                    .rsplit_once('/')
                    .is_some_and(|(d, _)| format!("{d}/") == *folder)
            })
            .map(|f| id(&f.path))
            .collect();
        graph.push(json!({ "@id": folder, "@type": "Dataset", "name": folder.trim_end_matches('/'), "hasPart": parts }));
    }
    for file in files {
        graph.push(json!({
            "@id": file.path,
            "@type": "File",
            "name": file.title,
            "encodingFormat": file.media_type,
            "contentSize": file.size().to_string(),
            "sha256": file.sha256(),
        }));
    }
    graph.extend(license_entities(description));
    let mut agents: Vec<&Agent> = meta.creators.iter().collect();
    agents.push(&meta.publisher);
    let mut seen = BTreeSet::new();
    for agent in agents {
        if seen.insert(agent_id(agent)) {
            graph.push(agent_entity(agent));
        }
    }
    for doc in &description.statistics.documents {
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
        graph.push(entity);
    }
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
                "identifier": spdx_id,
            })
        })
        .collect()
}
