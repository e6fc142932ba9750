//! Turns an annotation file and its text into triples, after checking every reference, quote,
//! date and term. Nothing is written here: the store applies the result in one transaction.

use crate::annotation::{AnnotationFile, OneOrMany, QuoteSpec};
use crate::error::{Error, Result};
use crate::ontology::Ontology;
use crate::text::{QuoteSelector, SourceText};
use crate::vocab::{iri, ns, Base};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// An annotated document turned into triples for its own named graph.
#[derive(Debug, Clone)]
pub struct AnnotatedDocument {
    /// The document's id.
    pub id: String,
    /// The named graph its statements go to.
    pub graph: NamedNode,
    /// The statements.
    pub quads: Vec<Quad>,
    /// Number of claims.
    pub claims: usize,
    /// Number of entities (the document itself excluded).
    pub entities: usize,
    /// Number of quotes placed in the text.
    pub quotes: usize,
}

/// Reads an annotation file and the text it names (relative to the file), then converts both.
pub fn read_annotation_file(
    path: &Path,
    ontology: &Ontology,
    base: &Base,
) -> Result<AnnotatedDocument> {
    let file = path.display().to_string();
    let toml_text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    let annotation = AnnotationFile::parse(&file, &toml_text)?;
    let text_path = path
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join(&annotation.document.text);
    let text = std::fs::read(&text_path).map_err(|source| Error::Read {
        path: text_path.clone(),
        source,
    })?;
    convert(&file, &annotation, &text, ontology, base)
}

/// SHA-256 of bytes, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Converts a parsed annotation and the bytes of its text into the document's triples.
///
/// `file` names the annotation in error messages.
pub fn convert(
    file: &str,
    annotation: &AnnotationFile,
    text_bytes: &[u8],
    ontology: &Ontology,
    base: &Base,
) -> Result<AnnotatedDocument> {
    let doc = &annotation.document;
    let actual = sha256_hex(text_bytes);
    if !actual.eq_ignore_ascii_case(doc.sha256.trim()) {
        return Err(Error::TextHashMismatch {
            file: file.to_owned(),
            text: doc.text.clone(),
            expected: doc.sha256.clone(),
            actual,
        });
    }
    let text = std::str::from_utf8(text_bytes)
        .map_err(|e| Error::annotation(file, &doc.text, format!("text is not UTF-8: {e}")))?;
    let mut builder = GraphBuilder {
        file,
        base,
        ontology,
        text: SourceText::new(text),
        language: doc.language.clone(),
        document_id: doc.id.clone(),
        graph: GraphName::NamedNode(base.document_graph(&doc.id)),
        ids: BTreeMap::new(),
        quads: Vec::new(),
        quotes: 0,
    };
    builder.check_language()?;
    builder.collect_ids(annotation)?;
    builder.document(annotation)?;
    for entity in &annotation.entities {
        builder.entity(entity)?;
    }
    for claim in &annotation.claims {
        builder.claim(claim)?;
    }
    let mut quads = builder.quads;
    // A stable order makes loads and exports reproducible.
    quads.sort_by_cached_key(|q| q.to_string());
    quads.dedup();
    Ok(AnnotatedDocument {
        id: doc.id.clone(),
        graph: base.document_graph(&doc.id),
        quads,
        claims: annotation.claims.len(),
        entities: annotation.entities.len(),
        quotes: builder.quotes,
    })
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum ItemKind {
    Document,
    Entity,
    Claim,
}

struct GraphBuilder<'a> {
    file: &'a str,
    base: &'a Base,
    ontology: &'a Ontology,
    text: SourceText,
    language: String,
    document_id: String,
    graph: GraphName,
    ids: BTreeMap<String, ItemKind>,
    quads: Vec<Quad>,
    quotes: usize,
}

fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` into the matching XSD literal, checking it is a real date.
pub fn date_literal(value: &str) -> Option<Literal> {
    use std::str::FromStr;
    let (ok, datatype) = match value.len() {
        4 => (oxsdatatypes::GYear::from_str(value).is_ok(), "gYear"),
        7 => (
            oxsdatatypes::GYearMonth::from_str(value).is_ok(),
            "gYearMonth",
        ),
        10 => (oxsdatatypes::Date::from_str(value).is_ok(), "date"),
        _ => (false, ""),
    };
    (ok && value.starts_with(|c: char| c.is_ascii_digit()))
        .then(|| Literal::new_typed_literal(value, iri(ns::XSD, datatype)))
}

impl GraphBuilder<'_> {
    fn err(&self, item: &str, reason: impl Into<String>) -> Error {
        Error::annotation(self.file, item, reason)
    }

    fn check_language(&self) -> Result<()> {
        Literal::new_language_tagged_literal("x", &self.language)
            .map(|_| ())
            .map_err(|e| {
                self.err(
                    &self.document_id,
                    format!("invalid language tag `{}`: {e}", self.language),
                )
            })
    }

    fn collect_ids(&mut self, annotation: &AnnotationFile) -> Result<()> {
        let all = std::iter::once((&annotation.document.id, ItemKind::Document))
            .chain(
                annotation
                    .entities
                    .iter()
                    .map(|e| (&e.id, ItemKind::Entity)),
            )
            .chain(annotation.claims.iter().map(|c| (&c.id, ItemKind::Claim)));
        for (id, kind) in all {
            if !is_slug(id) {
                return Err(self.err(id, "id must be a lowercase slug like `xi-jinping`"));
            }
            if self.ids.insert(id.clone(), kind).is_some() {
                return Err(self.err(id, format!("duplicate id `{id}`")));
            }
        }
        Ok(())
    }

    fn add(&mut self, subject: &NamedNode, predicate: NamedNode, object: impl Into<Term>) {
        self.quads.push(Quad::new(
            subject.clone(),
            predicate,
            object,
            self.graph.clone(),
        ));
    }

    fn wl(&self, local: &str) -> NamedNode {
        self.base.term(local)
    }

    fn lang(&self, text: &str) -> Literal {
        Literal::new_language_tagged_literal_unchecked(text, self.language.to_ascii_lowercase())
    }

    fn en(text: &str) -> Literal {
        Literal::new_language_tagged_literal_unchecked(text, "en")
    }

    /// Resolves a reference: an id of this file, `wld:id` for an item annotated elsewhere, or `<iri>`.
    fn reference(&self, item: &str, field: &str, reference: &str) -> Result<NamedNode> {
        if let Some(id) = reference.strip_prefix("wld:") {
            if is_slug(id) {
                return Ok(self.base.item(id));
            }
        } else if let Some(iri) = reference
            .strip_prefix('<')
            .and_then(|r| r.strip_suffix('>'))
        {
            return NamedNode::new(iri)
                .map_err(|e| self.err(item, format!("{field}: invalid IRI <{iri}>: {e}")));
        } else if self.ids.contains_key(reference) {
            return Ok(self.base.item(reference));
        }
        let nearest = nearest(reference, self.ids.keys().map(String::as_str));
        Err(self.err(
            item,
            format!(
                "{field}: unknown reference `{reference}`{}",
                nearest
                    .map(|n| format!(" (did you mean `{n}`?)"))
                    .unwrap_or_default()
            ),
        ))
    }

    fn class(&self, item: &str, class: &str) -> Result<NamedNode> {
        if self.ontology.classes.contains(class) {
            Ok(self.wl(class))
        } else {
            let n = nearest(class, self.ontology.classes.iter().map(String::as_str));
            Err(self.err(
                item,
                format!(
                    "type: `{class}` is not a class of the ontology{}",
                    n.map(|n| format!(" (did you mean `{n}`?)"))
                        .unwrap_or_default()
                ),
            ))
        }
    }

    fn date(&mut self, item: &str, subject: &NamedNode, date: Option<&String>) -> Result<()> {
        if let Some(value) = date {
            let literal = date_literal(value).ok_or_else(|| {
                self.err(
                    item,
                    format!("malformed date `{value}` (expected YYYY, YYYY-MM or YYYY-MM-DD)"),
                )
            })?;
            self.add(subject, self.wl("date"), literal);
        }
        Ok(())
    }

    fn links(
        &mut self,
        item: &str,
        subject: &NamedNode,
        links: &BTreeMap<String, OneOrMany>,
    ) -> Result<()> {
        for (property, targets) in links {
            if !self.ontology.object_properties.contains(property) {
                let n = nearest(
                    property,
                    self.ontology.object_properties.iter().map(String::as_str),
                );
                return Err(self.err(
                    item,
                    format!(
                        "links: `{property}` is not an object property of the ontology{}",
                        n.map(|n| format!(" (did you mean `{n}`?)"))
                            .unwrap_or_default()
                    ),
                ));
            }
            for target in targets.ids() {
                let object = self.reference(item, &format!("links.{property}"), target)?;
                self.add(subject, self.wl(property), object);
            }
        }
        Ok(())
    }

    /// Places a quote in the text and writes its Web Annotation target, selectors and annotation.
    fn quote(
        &mut self,
        owner_id: &str,
        owner: &NamedNode,
        n: usize,
        spec: &QuoteSpec,
        motivation: &str,
    ) -> Result<QuoteSelector> {
        let selector = self
            .text
            .select(spec.exact(), spec.occurrence())
            .map_err(|e| self.err(owner_id, format!("{e}: \"{}\"", spec.exact())))?;
        let doc = self.base.item(&self.document_id);
        let target = self
            .base
            .item(&format!("{}/quote/{owner_id}/{n}", self.document_id));
        let annotation = self
            .base
            .item(&format!("{}/annotation/{owner_id}/{n}", self.document_id));
        let quote_selector = NamedNode::new_unchecked(format!("{}#quote", target.as_str()));
        let position_selector = NamedNode::new_unchecked(format!("{}#position", target.as_str()));
        let oa = |local: &str| iri(ns::OA, local);
        let rdf_type = iri(ns::RDF, "type");
        let nonneg = iri(ns::XSD, "nonNegativeInteger");

        self.add(owner, self.wl("hasQuote"), target.clone());
        self.add(&target, rdf_type.clone(), oa("SpecificResource"));
        self.add(&target, oa("hasSource"), doc);
        self.add(&target, oa("hasSelector"), quote_selector.clone());
        self.add(&target, oa("hasSelector"), position_selector.clone());
        self.add(&quote_selector, rdf_type.clone(), oa("TextQuoteSelector"));
        self.add(&quote_selector, oa("exact"), self.lang(&selector.exact));
        self.add(&quote_selector, oa("prefix"), self.lang(&selector.prefix));
        self.add(&quote_selector, oa("suffix"), self.lang(&selector.suffix));
        self.add(
            &position_selector,
            rdf_type.clone(),
            oa("TextPositionSelector"),
        );
        let start = Literal::new_typed_literal(selector.start.to_string(), nonneg.clone());
        let end = Literal::new_typed_literal(selector.end.to_string(), nonneg);
        self.add(&position_selector, oa("start"), start);
        self.add(&position_selector, oa("end"), end);
        self.add(&annotation, rdf_type, oa("Annotation"));
        self.add(&annotation, oa("hasBody"), owner.clone());
        self.add(&annotation, oa("hasTarget"), target);
        self.add(&annotation, oa("motivatedBy"), oa(motivation));
        self.quotes += 1;
        Ok(selector)
    }

    fn document(&mut self, annotation: &AnnotationFile) -> Result<()> {
        let doc = &annotation.document;
        let item = doc.id.as_str();
        let class = self.class(item, &doc.class)?;
        if !self.ontology.is_subclass_of(&doc.class, "Document") {
            return Err(self.err(
                item,
                format!("type: `{}` is not a kind of wl:Document", doc.class),
            ));
        }
        let subject = self.base.item(item);
        let rdf_type = iri(ns::RDF, "type");
        self.add(&subject, rdf_type.clone(), class);
        self.add(&subject, rdf_type, iri(ns::NIF, "Context"));
        self.add(&subject, iri(ns::RDFS, "label"), self.lang(&doc.title));
        self.add(&subject, iri(ns::DCTERMS, "title"), self.lang(&doc.title));
        self.add(
            &subject,
            iri(ns::DCTERMS, "language"),
            Literal::new_simple_literal(&doc.language),
        );
        self.add(
            &subject,
            iri(ns::NIF, "isString"),
            Literal::new_simple_literal(self.text.as_str()),
        );
        self.add(
            &subject,
            self.wl("sha256"),
            Literal::new_simple_literal(doc.sha256.to_ascii_lowercase()),
        );
        self.date(item, &subject, doc.date.as_ref())?;
        for author in &doc.authors {
            let a = self.reference(item, "authors", author)?;
            self.add(&subject, self.wl("author"), a);
        }
        if let Some(publisher) = &doc.publisher {
            let p = self.reference(item, "publisher", publisher)?;
            self.add(&subject, self.wl("publisher"), p);
        }
        for (n, q) in doc.quotes.iter().enumerate() {
            self.quote(item, &subject, n + 1, q, "identifying")?;
        }
        Ok(())
    }

    fn entity(&mut self, entity: &crate::annotation::EntityAnnotation) -> Result<()> {
        let item = entity.id.as_str();
        let class = self.class(item, &entity.class)?;
        let subject = self.base.item(item);
        self.add(&subject, iri(ns::RDF, "type"), class);
        self.add(&subject, iri(ns::RDFS, "label"), Self::en(&entity.label));
        let is_concept = self.ontology.is_subclass_of(&entity.class, "Concept");
        if is_concept {
            self.add(
                &subject,
                iri(ns::SKOS, "prefLabel"),
                Self::en(&entity.label),
            );
        }
        for (tag, label) in &entity.labels {
            let literal = Literal::new_language_tagged_literal(label, tag).map_err(|e| {
                self.err(item, format!("labels: invalid language tag `{tag}`: {e}"))
            })?;
            self.add(&subject, iri(ns::RDFS, "label"), literal.clone());
            if is_concept {
                self.add(&subject, iri(ns::SKOS, "prefLabel"), literal);
            }
        }
        for alias in &entity.aliases {
            self.add(&subject, iri(ns::SKOS, "altLabel"), Self::en(alias));
        }
        for translation in &entity.translations {
            self.add(&subject, self.wl("translation"), Self::en(translation));
        }
        for role in &entity.roles {
            self.add(&subject, iri(ns::SCHEMA, "jobTitle"), Self::en(role));
        }
        self.date(item, &subject, entity.date.as_ref())?;
        if let Some(value) = entity.value {
            self.add(&subject, iri(ns::SCHEMA, "value"), Literal::from(value));
        }
        if let Some(unit) = &entity.unit {
            self.add(&subject, iri(ns::SCHEMA, "unitText"), Self::en(unit));
        }
        for same in &entity.same_as {
            let target = match same.strip_prefix("wd:") {
                Some(q)
                    if q.starts_with('Q')
                        && q[1..].chars().all(|c| c.is_ascii_digit())
                        && q.len() > 1 =>
                {
                    iri(ns::WIKIDATA, q)
                }
                _ => self.reference(item, "same_as", same)?,
            };
            self.add(&subject, iri(ns::OWL, "sameAs"), target);
        }
        for (position, member) in entity.members.iter().enumerate() {
            let m = self.reference(item, "members", member)?;
            self.add(&subject, iri(ns::SKOS, "member"), m.clone());
            self.add(&m, self.wl("memberOf"), subject.clone());
            self.add(
                &m,
                self.wl("position"),
                Literal::new_typed_literal(
                    (position + 1).to_string(),
                    iri(ns::XSD, "positiveInteger"),
                ),
            );
        }
        if entity.quotes.is_empty() {
            return Err(self.err(item, "needs at least one quote where the text names it"));
        }
        let mut n = 0;
        for q in &entity.quotes {
            n += 1;
            self.quote(item, &subject, n, q, "identifying")?;
        }
        if let Some(content) = &entity.content {
            n += 1;
            let selector = self.quote(item, &subject, n, content, "describing")?;
            self.add(&subject, self.wl("content"), self.lang(&selector.exact));
        }
        self.links(item, &subject, &entity.links)
    }

    fn claim(&mut self, claim: &crate::annotation::ClaimAnnotation) -> Result<()> {
        let item = claim.id.as_str();
        let subject = self.base.item(item);
        self.add(&subject, iri(ns::RDF, "type"), self.wl("Claim"));
        self.add(&subject, iri(ns::RDFS, "label"), Self::en(&claim.label));
        let claimant = self.reference(item, "claimant", &claim.claimant)?;
        self.add(&subject, self.wl("claimant"), claimant);
        if let Some(source) = &claim.source {
            let s = self.reference(item, "source", source)?;
            self.add(&subject, self.wl("sourceDocument"), s);
        }
        self.add(
            &subject,
            self.wl("reportedIn"),
            self.base.item(&self.document_id),
        );
        if claim.subjects.is_empty() {
            return Err(self.err(item, "subjects: a claim is about at least one thing"));
        }
        for s in &claim.subjects {
            let target = self.reference(item, "subjects", s)?;
            self.add(&subject, self.wl("subject"), target);
        }
        if !self.ontology.perspectives.contains(&claim.perspective) {
            return Err(self.err(
                item,
                format!(
                    "perspective: unknown perspective `{}` (expected one of: {})",
                    claim.perspective,
                    self.ontology
                        .perspectives
                        .iter()
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        let perspective = NamedNode::new_unchecked(format!(
            "{}{}",
            self.base.perspective_namespace(),
            claim.perspective
        ));
        self.add(&subject, self.wl("perspective"), perspective);
        let mut seen = BTreeSet::new();
        for c in &claim.characterizations {
            if !self.ontology.characterizations.contains(c) {
                let n = nearest(
                    c,
                    self.ontology.characterizations.iter().map(String::as_str),
                );
                return Err(self.err(
                    item,
                    format!(
                        "characterizations: unknown characterization `{c}`{}",
                        n.map(|n| format!(" (did you mean `{n}`?)"))
                            .unwrap_or_default()
                    ),
                ));
            }
            if seen.insert(c) {
                let concept = NamedNode::new_unchecked(format!(
                    "{}{c}",
                    self.base.characterization_namespace()
                ));
                self.add(&subject, self.wl("characterizedAs"), concept);
            }
        }
        if claim.quotes.is_empty() {
            return Err(self.err(item, "quotes: a claim needs at least one quote of the text"));
        }
        for (n, q) in claim.quotes.iter().enumerate() {
            self.quote(item, &subject, n + 1, q, "describing")?;
        }
        self.links(item, &subject, &claim.links)
    }
}

/// The candidate closest to `name` by edit distance, if it is close enough to be a likely typo.
pub fn nearest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::levenshtein(name, c), c))
        .filter(|(d, c)| *d <= 3.max(c.len() / 3))
        .min()
        .map(|(_, c)| c)
}
