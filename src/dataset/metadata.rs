//! The dataset's metadata file (`dataset.toml`): title, version, creators, licence, publisher,
//! keywords — what no query can find in the graph. Read once, checked whole: a licence that is
//! not an SPDX expression of listed licences is refused.

use super::DatasetError;
use serde::Deserialize;

/// The metadata file compiled into the binary (`dataset.toml`).
pub const BUNDLED_METADATA_NAME: &str = "dataset.toml";

/// An agent (person or organization) named in the metadata.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Agent {
    /// The full name (of a person or an organization).
    pub name: String,
    /// A web page or identifier of the agent (an ORCID, a home page).
    pub url: Option<String>,
    /// A person's given and family names (CITATION.cff wants them); without them the agent is
    /// an organization.
    pub given_names: Option<String>,
    pub family_names: Option<String>,
}

impl Agent {
    /// Whether the agent is a person (has given and family names).
    pub fn is_person(&self) -> bool {
        self.given_names.is_some() && self.family_names.is_some()
    }

    /// Its schema.org type.
    pub fn schema_type(&self) -> &'static str {
        if self.is_person() {
            "Person"
        } else {
            "Organization"
        }
    }
}

/// The curator of the annotations: the `prov:Agent` (`B id/{id}`) every curator statement of the
/// data (its `graph/curation/NAME` graphs) is attributed to; each annotation file names it in its
/// `[curator]` table.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Curator {
    /// A slug: the agent's IRI is `B id/{id}`.
    pub id: String,
    pub name: String,
    pub url: Option<String>,
}

/// The contents of `dataset.toml`, checked.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    pub title: String,
    pub description: String,
    pub version: String,
    /// The release date, `YYYY-MM-DD`.
    pub issued: String,
    /// An SPDX licence expression (`MIT OR Apache-2.0`).
    pub license: String,
    /// Who owns what: the op-ed's text is its publisher's, quoted for research.
    pub rights: String,
    pub landing_page: String,
    /// Each released file is downloadable at this plus its name.
    pub download_base: String,
    pub language: String,
    pub keywords: Vec<String>,
    /// DCAT themes (IRIs).
    pub themes: Vec<String>,
    pub publisher: Agent,
    pub creators: Vec<Agent>,
    /// Who curates the annotations (what they add to the texts, apart from what the texts say).
    pub curator: Option<Curator>,
    /// The DOI of the release, once known (`--doi` overrides it).
    pub doi: Option<String>,
}

impl Metadata {
    /// The bundled `dataset.toml`.
    pub fn bundled() -> Result<Self, DatasetError> {
        Self::parse(BUNDLED_METADATA_NAME, crate::bundled::DATASET_METADATA)
    }

    /// Reads a metadata file.
    pub fn read(path: &std::path::Path) -> Result<Self, DatasetError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| DatasetError::ReadMetadata {
            file: name.clone(),
            source,
        })?;
        Self::parse(&name, &text)
    }

    /// Parses and checks a metadata file's text; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Self, DatasetError> {
        let metadata: Metadata = toml::from_str(text).map_err(|e| DatasetError::Metadata {
            file: file.to_owned(),
            reason: e.message().to_owned(),
        })?;
        metadata.check(file)?;
        Ok(metadata)
    }

    fn check(&self, file: &str) -> Result<(), DatasetError> {
        let invalid = |reason: String| DatasetError::Metadata {
            file: file.to_owned(),
            reason,
        };
        license_ids(&self.license).map_err(|reason| invalid(format!("license: {reason}")))?;
        check_date(&self.issued).map_err(|reason| invalid(format!("issued: {reason}")))?;
        if self.creators.is_empty() {
            return Err(invalid(
                "creators: at least one creator is needed".to_owned(),
            ));
        }
        for (field, iri) in [
            ("landing_page", &self.landing_page),
            ("download_base", &self.download_base),
        ]
        .into_iter()
        .chain(self.themes.iter().map(|t| ("themes", t)))
        {
            oxigraph::model::NamedNode::new(iri)
                .map_err(|e| invalid(format!("{field}: <{iri}> is not an IRI: {e}")))?;
        }
        if let Some(curator) = &self.curator {
            if !crate::annotation::resolve::is_slug(&curator.id) {
                return Err(invalid(format!(
                    "curator: id `{}` is not a lowercase slug",
                    curator.id
                )));
            }
        }
        if !self.download_base.ends_with('/') {
            return Err(invalid("download_base: must end with '/'".to_owned()));
        }
        Ok(())
    }

    /// The release with `--version` and `--doi` applied (each only when given).
    pub fn with_release(mut self, version: Option<&str>, doi: Option<&str>) -> Self {
        if let Some(version) = version {
            self.version = version.to_owned();
        }
        if let Some(doi) = doi {
            self.doi = Some(doi.to_owned());
        }
        self
    }

    /// The SPDX ids of the licence expression, in order (checked when the file was read).
    pub fn license_ids(&self) -> Vec<&'static str> {
        license_ids(&self.license).unwrap_or_default()
    }

    /// The licence IRIs (`https://spdx.org/licenses/ID`).
    pub fn license_iris(&self) -> Vec<String> {
        self.license_ids()
            .into_iter()
            .map(|id| format!("https://spdx.org/licenses/{id}"))
            .collect()
    }

    /// The DOI as a resolvable IRI (`https://doi.org/10.…`).
    pub fn doi_iri(&self) -> Option<String> {
        self.doi.as_ref().map(|doi| {
            let bare = doi
                .trim_start_matches("https://doi.org/")
                .trim_start_matches("doi:");
            format!("https://doi.org/{bare}")
        })
    }
}

/// The SPDX licence ids of an expression, each checked against the SPDX licence list
/// (`LicenseRef-…` names nothing a catalogue can resolve, so it is refused too).
///
/// ```
/// use wangluo::dataset::metadata::license_ids;
/// assert_eq!(license_ids("MIT OR Apache-2.0").unwrap(), ["MIT", "Apache-2.0"]);
/// assert!(license_ids("MIT OR Made-Up-1.0").unwrap_err().contains("Made-Up-1.0"));
/// assert!(license_ids("LicenseRef-mine").is_err());
/// ```
pub fn license_ids(expression: &str) -> Result<Vec<&'static str>, String> {
    let parsed = spdx::Expression::parse(expression).map_err(|e| {
        format!(
            "`{expression}` is not an SPDX licence expression: {}",
            e.reason
        )
    })?;
    let mut ids = Vec::new();
    for requirement in parsed.requirements() {
        match &requirement.req.license {
            spdx::LicenseItem::Spdx { id, .. } => ids.push(id.name),
            other => {
                return Err(format!(
                    "`{other}` is not on the SPDX licence list (https://spdx.org/licenses/)"
                ))
            }
        }
    }
    ids.dedup();
    Ok(ids)
}

/// Checks a `YYYY-MM-DD` date.
fn check_date(date: &str) -> Result<(), String> {
    date.parse::<oxsdatatypes::Date>()
        .map(|_| ())
        .map_err(|e| format!("`{date}` is not a date (YYYY-MM-DD): {e}"))
}
