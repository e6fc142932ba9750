//! The mapping file of `wangluo import --mapping`: which tag of the imported annotations means an
//! entity type, a claimant, a perspective or a characterization (see `docs/web-annotation.md`).
//!
//! ```toml
//! claim = ["Claim", "statement"]     # tags that mark an annotation as a claim
//! [entity_types]                     # tag → local name of a wl: class
//! PER = "Person"
//! [claimants]                        # tag → entity id
//! "Xi" = "xi-jinping"
//! [perspectives]                     # tag → western | chinese | author
//! West = "western"
//! [characterizations]                # tag → characterization id
//! hostile = "adversarial"
//! ```
//!
//! Tags are compared without regard to case. Whatever the mapping says, the prefixed tags
//! `type:CLASS`, `claimant:ID`, `perspective:ID`, `characterization:ID`, `subject:ID` and the tag
//! `claim` are understood (the export writes them).

use super::tag;
use serde::Deserialize;
use std::collections::BTreeMap;

/// What the tags of the imported annotations mean.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    #[serde(default)]
    pub claim: Vec<String>,
    #[serde(default)]
    pub entity_types: BTreeMap<String, String>,
    #[serde(default)]
    pub claimants: BTreeMap<String, String>,
    #[serde(default)]
    pub perspectives: BTreeMap<String, String>,
    #[serde(default)]
    pub characterizations: BTreeMap<String, String>,
}

/// What one tag means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Meaning {
    Claim,
    EntityType(String),
    Claimant(String),
    Perspective(String),
    Characterization(String),
    Subject(String),
}

impl Mapping {
    /// Parses a mapping file; the error is the reason, with line and column.
    pub fn parse(text: &str) -> Result<Self, String> {
        toml::from_str(text).map_err(|e| {
            let (line, column) = e
                .span()
                .map(|s| crate::annotation::model::line_column(text, s.start))
                .unwrap_or((1, 1));
            format!("{line}:{column}: {}", e.message().replace('\n', " ").trim())
        })
    }

    /// What `tag` means, if anything.
    pub fn meaning(&self, tag: &str) -> Option<Meaning> {
        let tag = tag.trim();
        let find = |map: &BTreeMap<String, String>| {
            map.iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(tag))
                .map(|(_, v)| v.clone())
        };
        let prefixed = [
            (tag::TYPE, Meaning::EntityType as fn(String) -> Meaning),
            (tag::CLAIMANT, Meaning::Claimant),
            (tag::PERSPECTIVE, Meaning::Perspective),
            (tag::CHARACTERIZATION, Meaning::Characterization),
            (tag::SUBJECT, Meaning::Subject),
        ];
        for (prefix, meaning) in prefixed {
            if let Some(value) = tag
                .get(..prefix.len())
                .filter(|p| p.eq_ignore_ascii_case(prefix))
                .map(|_| tag[prefix.len()..].trim())
                .filter(|v| !v.is_empty())
            {
                return Some(meaning(value.to_owned()));
            }
        }
        if tag.eq_ignore_ascii_case(tag::CLAIM)
            || self.claim.iter().any(|c| c.eq_ignore_ascii_case(tag))
        {
            return Some(Meaning::Claim);
        }
        None.or_else(|| find(&self.entity_types).map(Meaning::EntityType))
            .or_else(|| find(&self.claimants).map(Meaning::Claimant))
            .or_else(|| find(&self.perspectives).map(Meaning::Perspective))
            .or_else(|| find(&self.characterizations).map(Meaning::Characterization))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_mean_what_the_mapping_and_the_prefixes_say() {
        let mapping = Mapping::parse(
            "claim = [\"statement\"]\n[entity_types]\nORG = \"Organization\"\n\
             [perspectives]\nWest = \"western\"\n",
        )
        .unwrap();
        assert_eq!(
            mapping.meaning("org"),
            Some(Meaning::EntityType("Organization".into()))
        );
        assert_eq!(
            mapping.meaning("west"),
            Some(Meaning::Perspective("western".into()))
        );
        assert_eq!(mapping.meaning("Statement"), Some(Meaning::Claim));
        assert_eq!(
            mapping.meaning("claimant:uscc"),
            Some(Meaning::Claimant("uscc".into()))
        );
        assert_eq!(
            mapping.meaning("Type:Person"),
            Some(Meaning::EntityType("Person".into()))
        );
        assert_eq!(mapping.meaning("elsewhere"), None);
        let error = Mapping::parse("claim = []\n[nonsense]\n").unwrap_err();
        assert!(
            error.starts_with("2:2: unknown field `nonsense`"),
            "{error}"
        );
    }
}
