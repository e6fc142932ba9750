//! The dataset as schema.org JSON-LD, the form Google Dataset Search reads: name, description
//! (at least 50 characters), license, creator, version, `distribution` as `DataDownload`s with
//! `contentUrl` and `encodingFormat`, `isBasedOn` the annotated documents.

use super::dumps::ReleaseFile;
use super::metadata::{Agent, Metadata};
use super::statistics::Statistics;
use serde_json::{json, Value};

fn agent(agent: &Agent) -> Value {
    let mut value = json!({ "@type": agent.schema_type(), "name": agent.name });
    if let Some(url) = &agent.url {
        value["url"] = json!(url);
    }
    value
}

/// The schema.org `Dataset` of the release.
pub fn schema_org_dataset(
    metadata: &Metadata,
    statistics: &Statistics,
    dumps: &[ReleaseFile],
    dataset_iri: &str,
) -> Value {
    let distribution: Vec<Value> = dumps
        .iter()
        .map(|dump| {
            json!({
                "@type": "DataDownload",
                "name": dump.title,
                "contentUrl": format!("{}{}", metadata.download_base, dump.path),
                "encodingFormat": dump.media_type,
                "contentSize": dump.size().to_string(),
                "sha256": dump.sha256(),
            })
        })
        .collect();
    let based_on: Vec<Value> = statistics
        .documents
        .iter()
        .map(|doc| {
            let mut value = json!({ "@id": doc.iri, "@type": "CreativeWork", "name": doc.title });
            if let Some(date) = &doc.date {
                value["datePublished"] = json!(date);
            }
            if !doc.authors.is_empty() {
                value["author"] = doc
                    .authors
                    .iter()
                    .map(|name| json!({ "@type": "Person", "name": name }))
                    .collect();
            }
            if let Some(publisher) = &doc.publisher {
                value["publisher"] = json!({ "@type": "Organization", "name": publisher });
            }
            value
        })
        .collect();
    let mut dataset = json!({
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "@id": dataset_iri,
        "name": metadata.title,
        "description": metadata.description,
        "url": metadata.landing_page,
        "version": metadata.version,
        "datePublished": metadata.issued,
        "inLanguage": metadata.language,
        "keywords": metadata.keywords,
        "license": metadata.license_iris(),
        "creativeWorkStatus": "Published",
        "copyrightNotice": metadata.rights,
        "creator": metadata.creators.iter().map(agent).collect::<Vec<_>>(),
        "publisher": agent(&metadata.publisher),
        "isBasedOn": based_on,
        "distribution": distribution,
    });
    if let Some(doi) = metadata.doi_iri() {
        dataset["identifier"] = json!(doi);
    }
    dataset
}
