//! Resolving what the curator adds to a text: the `[curator]` of a file and its `[[curation]]`
//! entries — links, Wikidata identities and names in other languages, each with the kind of
//! statement (inferred from the text, or brought from outside), what it comes from and why.

use super::corpus::ParsedFile;
use super::error::AnnotationError;
use super::model::{CurationAnnotation, CuratorAnnotation};
use super::resolve::{is_slug, ItemContext, Resolver};
use super::resolved::{CurationKind, ResolvedCuration, ResolvedCurator};
use crate::vocab::{iri, ns};
use oxigraph::model::{Literal, NamedNode, Term};

impl Resolver<'_> {
    /// The file's curator and curation entries. A file with `[[curation]]` names its curator.
    pub(crate) fn curation(
        &self,
        file: &ParsedFile,
    ) -> Result<(Option<ResolvedCurator>, Vec<ResolvedCuration>), AnnotationError> {
        let annotation = &file.annotation;
        let curator = annotation
            .curator
            .as_ref()
            .map(|c| self.curator(file, c))
            .transpose()?;
        if curator.is_none() {
            if let Some(first) = annotation.curation.first() {
                return Err(AnnotationError::item(
                    &file.place(&first.about),
                    first.about.get_ref(),
                    "curation: the file names no [curator] to attribute it to",
                ));
            }
        }
        let entries = annotation
            .curation
            .iter()
            .map(|entry| self.curation_entry(file, entry))
            .collect::<Result<_, _>>()?;
        Ok((curator, entries))
    }

    fn curator(
        &self,
        file: &ParsedFile,
        curator: &CuratorAnnotation,
    ) -> Result<ResolvedCurator, AnnotationError> {
        let id = curator.id.get_ref();
        let item = ItemContext {
            place: file.place(&curator.id),
            id,
        };
        if !is_slug(id) {
            return Err(item.err("curator: id must be a lowercase slug like `wangluo-maintainers`"));
        }
        if let Some(symbol) = self.symbols.get(id) {
            return Err(item.err(format!(
                "curator: `{id}` is already the id of a {} (declared at {})",
                symbol.kind.name(),
                symbol.place
            )));
        }
        if curator.name.trim().is_empty() {
            return Err(item.err("curator: name is empty"));
        }
        let url = curator
            .url
            .as_ref()
            .map(|u| NamedNode::new(u).map_err(|e| item.err(format!("curator: url <{u}>: {e}"))))
            .transpose()?;
        Ok(ResolvedCurator {
            iri: self.base.item(id),
            name: curator.name.trim().to_owned(),
            url,
        })
    }

    fn curation_entry(
        &self,
        file: &ParsedFile,
        entry: &CurationAnnotation,
    ) -> Result<ResolvedCuration, AnnotationError> {
        let about_id = entry.about.get_ref();
        let item = ItemContext {
            place: file.place(&entry.about),
            id: about_id,
        };
        let about = self.reference(&item, "about", None, about_id)?;
        let kind = match entry.kind.as_str() {
            "inferred" => CurationKind::Inferred,
            "outside" => CurationKind::Outside,
            other => {
                return Err(item.err(format!(
                    "kind: `{other}` is neither `inferred` (from the text) nor `outside` (brought from outside it)"
                )))
            }
        };
        let mut statements: Vec<(NamedNode, Term)> = self
            .links(&item, &entry.links)?
            .into_iter()
            .map(|(p, o)| (p, o.into()))
            .collect();
        for same in &entry.same_as {
            let object = self.external(&item, "same_as", same)?;
            statements.push((iri(ns::OWL, "sameAs"), object.into()));
        }
        for (tag, label) in &entry.labels {
            let literal = Literal::new_language_tagged_literal(label, tag)
                .map_err(|e| item.err(format!("labels: invalid language tag `{tag}`: {e}")))?;
            statements.push((iri(ns::RDFS, "label"), literal.into()));
        }
        if statements.is_empty() {
            return Err(item.err("curation: states nothing (give links, same_as or labels)"));
        }
        if entry.from.is_empty() {
            return Err(
                item.err("from: say what the statements come from (a claim, `wd:Q…`, `<IRI>`)")
            );
        }
        let from = entry
            .from
            .iter()
            .map(|f| self.external(&item, "from", f))
            .collect::<Result<_, _>>()?;
        if entry.note.trim().is_empty() {
            return Err(item.err("note: say why the curator states it"));
        }
        Ok(ResolvedCuration {
            about_id: about_id.clone(),
            about,
            kind,
            statements,
            from,
            note: entry.note.trim().to_owned(),
        })
    }

    /// A Wikidata item (`wd:Q…`), an IRI (`<…>`) or an id of the corpus.
    pub(crate) fn external(
        &self,
        item: &ItemContext<'_>,
        field: &str,
        reference: &str,
    ) -> Result<NamedNode, AnnotationError> {
        match wikidata_item(reference) {
            Some(q) => Ok(iri(ns::WIKIDATA, q)),
            None => self.reference(item, field, None, reference),
        }
    }
}

/// `wd:Q123` → `Q123`.
pub(crate) fn wikidata_item(reference: &str) -> Option<&str> {
    let q = reference.strip_prefix("wd:")?;
    (q.len() > 1 && q.starts_with('Q') && q[1..].chars().all(|c| c.is_ascii_digit())).then_some(q)
}

#[cfg(test)]
mod tests {
    use super::wikidata_item;

    #[test]
    fn only_wd_q_and_digits_is_a_wikidata_item() {
        assert_eq!(wikidata_item("wd:Q148"), Some("Q148"));
        for other in ["wd:Q", "wd:P31", "wd:Q12a", "Q148", "<http://x/>", "china"] {
            assert_eq!(wikidata_item(other), None, "{other}");
        }
    }
}
