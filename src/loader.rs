//! Turns an annotation file and its text into triples, after checking every reference, quote,
//! date and term. Nothing is written here: the store applies the result in one transaction.

use crate::annotation::{AnnotationFile, OneOrMany, QuoteSpec};
use crate::error::{Error, Result};
use crate::nif::{
    find_mentions, paragraph_iri, phrase_iri, sentence_iri, MentionExclusion, MentionForm,
    Segmentation, Span,
};
use crate::ontology::Ontology;
use crate::text::{QuoteSelector, SourceText};
use crate::vocab::{iri, ns, Base};
use oxigraph::model::{BlankNode, GraphName, Literal, NamedNode, Quad, Term};
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
    /// Number of paragraphs (`nif:Paragraph`) the text was split into.
    pub paragraphs: usize,
    /// Number of sentences (`nif:Sentence`).
    pub sentences: usize,
    /// Number of mentions of entities (`nif:Phrase`).
    pub mentions: usize,
    /// Things worth a curator's look that do not stop the load, one line each naming the file,
    /// the item and the reason: an alias or mention form that matches nothing, an exclusion that
    /// removes no mention, words that are a form of two entities.
    pub warnings: Vec<String>,
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
        claim_quotes: Vec::new(),
        warnings: Vec::new(),
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
    let structure = builder.text_structure(annotation)?;
    let mut quads = with_standard_properties(builder.quads, ontology, base);
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
        paragraphs: structure.paragraphs,
        sentences: structure.sentences,
        mentions: structure.mentions,
        warnings: builder.warnings,
    })
}

/// Adds, beside every statement with a `wl:` property, the same statement with each standard
/// property (`dcterms:`, `schema:`, `prov:`, `skos:` …) the ontology declares it a sub-property of:
/// consumers without inference find `dcterms:creator` as well as `wl:author`.
fn with_standard_properties(quads: Vec<Quad>, ontology: &Ontology, base: &Base) -> Vec<Quad> {
    let wl = base.ontology_namespace();
    let mut all = Vec::with_capacity(quads.len() * 2);
    for quad in quads {
        let supers = quad
            .predicate
            .as_str()
            .strip_prefix(wl.as_str())
            .and_then(|local| ontology.standard_super_properties.get(local));
        for standard in supers.into_iter().flatten() {
            all.push(Quad::new(
                quad.subject.clone(),
                standard.clone(),
                quad.object.clone(),
                quad.graph_name.clone(),
            ));
        }
        all.push(quad);
    }
    all
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
    /// Each claim's id, IRI and the span of one of its quotes, to link claims to sentences.
    claim_quotes: Vec<(String, NamedNode, Span)>,
    warnings: Vec<String>,
}

/// Sizes of the NIF structure written for a text.
struct TextStructure {
    paragraphs: usize,
    sentences: usize,
    mentions: usize,
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
        // xsd:integer, what Oxigraph and other stores keep a derived integer type as anyway.
        let integer = iri(ns::XSD, "integer");

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
        let start = Literal::new_typed_literal(selector.start.to_string(), integer.clone());
        let end = Literal::new_typed_literal(selector.end.to_string(), integer);
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
        self.concept_scheme(&subject, &doc.title);
        Ok(())
    }

    /// The document's concepts form a SKOS concept scheme (`B id/{document}/concepts`), so SKOS
    /// tools find every concept the text discusses in one scheme.
    fn concept_scheme(&mut self, document: &NamedNode, title: &str) {
        let scheme = self.concept_scheme_iri();
        self.add(
            &scheme,
            iri(ns::RDF, "type"),
            iri(ns::SKOS, "ConceptScheme"),
        );
        let label = Self::en(&format!("Concepts of \"{title}\""));
        self.add(&scheme, iri(ns::RDFS, "label"), label.clone());
        self.add(&scheme, iri(ns::SKOS, "prefLabel"), label);
        self.add(&scheme, iri(ns::DCTERMS, "source"), document.clone());
    }

    fn concept_scheme_iri(&self) -> NamedNode {
        self.base.item(&format!("{}/concepts", self.document_id))
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
            let scheme = self.concept_scheme_iri();
            self.add(&subject, iri(ns::SKOS, "inScheme"), scheme);
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
        self.ordered_members(item, &subject, &entity.members)?;
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
        self.add(&subject, self.wl("claimant"), claimant.clone());
        if let Some(attribution) = &claim.attribution {
            self.attribution(item, &subject, &claimant, attribution)?;
        }
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
            let selector = self.quote(item, &subject, n + 1, q, "describing")?;
            self.claim_quotes.push((
                item.to_owned(),
                subject.clone(),
                Span::new(selector.start, selector.end),
            ));
        }
        self.links(item, &subject, &claim.links)
    }
}

impl GraphBuilder<'_> {
    /// An ordered set as a SKOS ordered collection: `skos:memberList`, an RDF list in the text's
    /// order, and `skos:member` for each member (what SKOS entails, written out for consumers
    /// without inference). A concept may be in several sets; its place is in each set's list.
    fn ordered_members(&mut self, item: &str, set: &NamedNode, members: &[String]) -> Result<()> {
        let rdf = |local: &str| iri(ns::RDF, local);
        let nodes: Vec<BlankNode> = (1..=members.len())
            .map(|n| BlankNode::new_unchecked(format!("{}-{item}-list-{n}", self.document_id)))
            .collect();
        if let Some(head) = nodes.first() {
            self.add(set, iri(ns::SKOS, "memberList"), head.clone());
        }
        for (n, member) in members.iter().enumerate() {
            let m = self.reference(item, "members", member)?;
            self.add(set, iri(ns::SKOS, "member"), m.clone());
            let node = &nodes[n];
            self.add_blank(node, rdf("first"), m);
            let rest: Term = match nodes.get(n + 1) {
                Some(next) => next.clone().into(),
                None => rdf("nil").into(),
            };
            self.add_blank(node, rdf("rest"), rest);
        }
        Ok(())
    }

    fn add_blank(&mut self, subject: &BlankNode, predicate: NamedNode, object: impl Into<Term>) {
        self.quads.push(Quad::new(
            subject.clone(),
            predicate,
            object,
            self.graph.clone(),
        ));
    }

    /// An ambiguous attribution: the other possible claimants (`wl:alternativeClaimant`) and the
    /// curator's note (`wl:attributionNote`), so queries can show the doubt instead of hiding it.
    fn attribution(
        &mut self,
        item: &str,
        claim: &NamedNode,
        claimant: &NamedNode,
        attribution: &crate::annotation::Attribution,
    ) -> Result<()> {
        if attribution.alternatives.is_empty() {
            return Err(self.err(item, "attribution: name at least one alternative claimant"));
        }
        if attribution.note.trim().is_empty() {
            return Err(self.err(item, "attribution: a note must say what leaves it open"));
        }
        for alternative in &attribution.alternatives {
            let other = self.reference(item, "attribution.alternatives", alternative)?;
            if &other == claimant {
                return Err(self.err(
                    item,
                    format!("attribution: `{alternative}` is the claimant, not an alternative"),
                ));
            }
            self.add(claim, self.wl("alternativeClaimant"), other);
        }
        let note = Self::en(attribution.note.trim());
        self.add(claim, self.wl("attributionNote"), note);
        Ok(())
    }
}

impl GraphBuilder<'_> {
    fn nif(local: &str) -> NamedNode {
        iri(ns::NIF, local)
    }

    fn index(n: usize) -> Literal {
        Literal::new_typed_literal(n.to_string(), iri(ns::XSD, "integer"))
    }

    /// The triples every NIF substring has: its class, context, offsets and words.
    fn nif_string(&mut self, node: &NamedNode, class: &str, span: &Span, context: &NamedNode) {
        let rdf_type = iri(ns::RDF, "type");
        self.add(node, rdf_type.clone(), Self::nif(class));
        self.add(node, rdf_type, Self::nif("RFC5147String"));
        self.add(node, Self::nif("referenceContext"), context.clone());
        self.add(node, Self::nif("beginIndex"), Self::index(span.begin));
        self.add(node, Self::nif("endIndex"), Self::index(span.end));
        let words = Literal::new_simple_literal(self.text.slice(span.begin, span.end));
        self.add(node, Self::nif("anchorOf"), words);
    }

    /// The text as NIF 2.0: the document as `nif:Context`, its paragraphs and sentences, the
    /// sentences each claim's quotes lie in, the sentences marked as carrying no claim, and the
    /// mentions of every entity.
    fn text_structure(&mut self, annotation: &AnnotationFile) -> Result<TextStructure> {
        let document = self.base.item(&self.document_id);
        let document_iri = document.as_str().to_owned();
        let item = self.document_id.clone();
        self.add(&document, Self::nif("beginIndex"), Self::index(0));
        self.add(
            &document,
            Self::nif("endIndex"),
            Self::index(self.text.char_len()),
        );
        if let Some(url) = &annotation.document.source_url {
            let node = NamedNode::new(url)
                .map_err(|e| self.err(&item, format!("source_url: invalid IRI <{url}>: {e}")))?;
            self.add(&document, Self::nif("sourceUrl"), node);
        }

        let segmentation = Segmentation::of(&self.text);
        let sentences: Vec<NamedNode> = segmentation
            .sentences
            .iter()
            .map(|span| NamedNode::new_unchecked(sentence_iri(&document_iri, span)))
            .collect();
        for paragraph in &segmentation.paragraphs {
            let node = NamedNode::new_unchecked(paragraph_iri(&document_iri, &paragraph.span));
            self.nif_string(&node, "Paragraph", &paragraph.span, &document);
            self.add(&node, Self::nif("superString"), document.clone());
            for i in paragraph.sentences.clone() {
                let sentence = &sentences[i];
                self.nif_string(sentence, "Sentence", &segmentation.sentences[i], &document);
                self.add(sentence, Self::nif("superString"), node.clone());
                self.add(&node, Self::nif("sentence"), sentence.clone());
                if let Some(previous) = i.checked_sub(1).map(|p| &sentences[p]) {
                    self.add(sentence, Self::nif("previousSentence"), previous.clone());
                }
                if let Some(next) = sentences.get(i + 1) {
                    self.add(sentence, Self::nif("nextSentence"), next.clone());
                }
            }
        }

        // Claims -> the sentences their quotes lie in.
        let mut claims_in: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        for (id, claim, span) in std::mem::take(&mut self.claim_quotes) {
            for i in segmentation.sentences_overlapping(&span) {
                self.add(&claim, self.wl("inSentence"), sentences[i].clone());
                claims_in.entry(i).or_default().push(id.clone());
            }
        }

        // Sentences consciously left without a claim.
        for marked in &annotation.document.no_claims {
            let words = &marked.exact;
            if marked.reason.trim().is_empty() {
                return Err(self.err(
                    &item,
                    format!("no_claims: give a reason (e.g. \"heading\") for \"{words}\""),
                ));
            }
            let selector = self
                .text
                .select(words, marked.occurrence)
                .map_err(|e| self.err(&item, format!("no_claims: {e}: \"{words}\"")))?;
            let span = Span::new(selector.start, selector.end);
            let covered = segmentation.sentences_overlapping(&span);
            let whole = match (covered.first(), covered.last()) {
                (Some(&first), Some(&last)) => {
                    segmentation.sentences[first].begin == span.begin
                        && segmentation.sentences[last].end == span.end
                }
                _ => false,
            };
            if !whole {
                let sentence = covered
                    .first()
                    .map(|&i| {
                        let s = segmentation.sentences[i];
                        self.text.slice(s.begin, s.end).to_owned()
                    })
                    .unwrap_or_default();
                return Err(self.err(
                    &item,
                    format!(
                        "no_claims: \"{words}\" is not a run of whole sentences (the sentence is \"{sentence}\")"
                    ),
                ));
            }
            for i in covered {
                if let Some(claims) = claims_in.get(&i) {
                    return Err(self.err(
                        &item,
                        format!(
                            "no_claims: \"{words}\" is marked as carrying no claim but carries claim `{}`",
                            claims[0]
                        ),
                    ));
                }
                let reason = Literal::new_simple_literal(marked.reason.trim());
                self.add(&sentences[i], self.wl("noClaimReason"), reason);
            }
        }

        let mentions = self.mentions(annotation, &segmentation, &sentences, &document)?;
        Ok(TextStructure {
            paragraphs: segmentation.paragraphs.len(),
            sentences: sentences.len(),
            mentions,
        })
    }

    /// Finds and writes the mentions of every entity; returns how many there are.
    fn mentions(
        &mut self,
        annotation: &AnnotationFile,
        segmentation: &Segmentation,
        sentences: &[NamedNode],
        document: &NamedNode,
    ) -> Result<usize> {
        let mut forms = Vec::new();
        // What each form is, for warnings: labels are names, not promises that the text uses them.
        let mut kinds: Vec<Option<&str>> = Vec::new();
        let mut exclusions = Vec::new();
        for (n, entity) in annotation.entities.iter().enumerate() {
            let mut seen = BTreeSet::new();
            let candidates = std::iter::once((&entity.label, None))
                .chain(entity.labels.values().map(|l| (l, None)))
                .chain(entity.aliases.iter().map(|a| (a, Some("alias"))))
                .chain(entity.mentions.iter().map(|m| (m, Some("mention form"))));
            for (form, kind) in candidates {
                if let (Some(kind), true) = (kind, form.trim().is_empty()) {
                    return Err(self.err(&entity.id, format!("empty {kind}")));
                }
                if seen.insert(form.as_str()) {
                    forms.push(MentionForm {
                        entity: n,
                        form: form.clone(),
                    });
                    kinds.push(kind);
                }
            }
            for exclusion in &entity.exclusions {
                let selector = self
                    .text
                    .select(exclusion.exact(), exclusion.occurrence())
                    .map_err(|e| {
                        self.err(
                            &entity.id,
                            format!("exclusions: {e}: \"{}\"", exclusion.exact()),
                        )
                    })?;
                exclusions.push(MentionExclusion {
                    entity: n,
                    span: Span::new(selector.start, selector.end),
                });
            }
        }
        let search = find_mentions(&self.text, &forms, &exclusions);
        for ((form, kind), matches) in forms.iter().zip(&kinds).zip(&search.form_matches) {
            if let (Some(kind), 0) = (kind, matches) {
                self.warnings.push(format!(
                    "{}: {}: {kind} `{}` matches nothing in the text",
                    self.file, annotation.entities[form.entity].id, form.form
                ));
            }
        }
        for (exclusion, removed) in exclusions.iter().zip(&search.excluded) {
            if *removed == 0 {
                self.warnings.push(format!(
                    "{}: {}: exclusion \"{}\" removes no mention",
                    self.file,
                    annotation.entities[exclusion.entity].id,
                    self.text.slice(exclusion.span.begin, exclusion.span.end)
                ));
            }
        }
        for shared in &search.shared {
            let kept = &annotation.entities[shared.kept].id;
            self.warnings.push(format!(
                "{}: {}: \"{}\" at {},{} is also a form of `{kept}`, which it is taken to mention; add an exclusion to the one not meant",
                self.file,
                annotation.entities[shared.dropped].id,
                self.text.slice(shared.span.begin, shared.span.end),
                shared.span.begin,
                shared.span.end,
            ));
        }
        let document_iri = document.as_str().to_owned();
        for mention in &search.mentions {
            let node = NamedNode::new_unchecked(phrase_iri(&document_iri, &mention.span));
            self.nif_string(&node, "Phrase", &mention.span, document);
            for i in segmentation.sentences_overlapping(&mention.span) {
                self.add(&node, Self::nif("sentence"), sentences[i].clone());
                self.add(&node, Self::nif("superString"), sentences[i].clone());
            }
            let target = self.base.item(&annotation.entities[mention.entity].id);
            self.add(&node, iri(ns::ITSRDF, "taIdentRef"), target);
        }
        Ok(search.mentions.len())
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
