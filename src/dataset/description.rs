//! The dataset's description as RDF, in its own named graph (`{base}graph/void`): VoID (the
//! counts of [`Statistics`]), DCAT 3 with the DCAT-AP mandatory properties (the metadata file,
//! the distributions with their sizes and checksums) and the canonical RDFC-1.0 hash.

use super::dumps::ReleaseFile;
use super::metadata::{Agent, Metadata};
use super::statistics::{Statistics, WIKIDATA};
use crate::vocab::{ns, Base};
use oxigraph::model::vocab::xsd;
use oxigraph::model::{BlankNode, GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};

const VOID: &str = "http://rdfs.org/ns/void#";
const DCAT: &str = "http://www.w3.org/ns/dcat#";
const SPDX: &str = "http://spdx.org/rdf/terms#";
const IANA_MEDIA_TYPES: &str = "https://www.iana.org/assignments/media-types/";
const RDF_CANON: &str = "https://www.w3.org/TR/rdf-canon/";

/// The prefixes of the vocabularies the description uses beside the data's.
pub const PREFIXES: &[(&str, &str)] = &[("void", VOID), ("dcat", DCAT), ("spdx", SPDX)];

/// The IRI of the dataset (`{base}dataset`).
pub fn dataset_iri(base: &Base) -> NamedNode {
    NamedNode::new_unchecked(format!("{}dataset", base.as_str()))
}

/// The named graph of the description (`{base}graph/void`).
pub fn description_graph(base: &Base) -> NamedNode {
    NamedNode::new_unchecked(format!("{}graph/void", base.as_str()))
}

/// Everything the description needs.
pub struct DescriptionInput<'a> {
    pub metadata: &'a Metadata,
    pub statistics: &'a Statistics,
    /// The dumps, with their bytes (sizes and checksums are stated).
    pub dumps: &'a [ReleaseFile],
    /// The SHA-256 of the dataset's RDFC-1.0 canonical N-Quads.
    pub canonical_hash: &'a str,
}

/// Collects the statements of the description graph; blank nodes get fixed labels.
struct Description {
    graph: GraphName,
    quads: Vec<Quad>,
    blank_nodes: usize,
}

fn term(namespace: &str, local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{namespace}{local}"))
}

fn integer(n: u64) -> Literal {
    Literal::new_typed_literal(n.to_string(), xsd::INTEGER)
}

impl Description {
    fn add(&mut self, s: impl Into<NamedOrBlankNode>, p: NamedNode, o: impl Into<Term>) {
        self.quads
            .push(Quad::new(s.into(), p, o.into(), self.graph.clone()));
    }

    fn blank(&mut self) -> BlankNode {
        self.blank_nodes += 1;
        BlankNode::new_unchecked(format!("d{}", self.blank_nodes))
    }

    fn iri(&mut self, s: impl Into<NamedOrBlankNode>, p: NamedNode, iri: &str) {
        self.add(s, p, NamedNode::new_unchecked(iri));
    }

    fn agent(&mut self, agent: &Agent) -> NamedOrBlankNode {
        let node: NamedOrBlankNode = match agent.url.as_deref().map(NamedNode::new) {
            Some(Ok(iri)) => iri.into(),
            _ => self.blank().into(),
        };
        self.add(node.clone(), term(ns::RDF, "type"), term(ns::FOAF, "Agent"));
        self.add(
            node.clone(),
            term(ns::FOAF, "name"),
            Literal::new_simple_literal(&agent.name),
        );
        node
    }
}

/// The description's statements, in the graph [`description_graph`].
pub fn description_quads(input: &DescriptionInput<'_>, base: &Base) -> Vec<Quad> {
    let mut d = Description {
        graph: description_graph(base).into(),
        quads: Vec::new(),
        blank_nodes: 0,
    };
    let dataset = dataset_iri(base);
    void(&mut d, &dataset, input, base);
    dcat(&mut d, &dataset, input);
    d.quads
}

fn void(d: &mut Description, dataset: &NamedNode, input: &DescriptionInput<'_>, base: &Base) {
    let stats = input.statistics;
    let v = |local| term(VOID, local);
    d.add(dataset.clone(), term(ns::RDF, "type"), v("Dataset"));
    d.add(dataset.clone(), v("triples"), integer(stats.triples));
    d.add(dataset.clone(), v("entities"), integer(stats.entities));
    d.add(
        dataset.clone(),
        v("distinctSubjects"),
        integer(stats.distinct_subjects),
    );
    d.add(
        dataset.clone(),
        v("distinctObjects"),
        integer(stats.distinct_objects),
    );
    d.add(
        dataset.clone(),
        v("uriSpace"),
        Literal::new_simple_literal(base.as_str()),
    );
    for (class, entities) in &stats.classes {
        let partition = d.blank();
        d.add(dataset.clone(), v("classPartition"), partition.clone());
        d.iri(partition.clone(), v("class"), class);
        d.add(partition, v("entities"), integer(*entities));
    }
    for (property, triples) in &stats.properties {
        let partition = d.blank();
        d.add(dataset.clone(), v("propertyPartition"), partition.clone());
        d.iri(partition.clone(), v("property"), property);
        d.add(partition, v("triples"), integer(*triples));
    }
    for vocabulary in stats.vocabularies() {
        d.iri(dataset.clone(), v("vocabulary"), &vocabulary);
    }
    for document in &stats.documents {
        d.iri(dataset.clone(), v("exampleResource"), &document.iri);
    }
    for dump in input.dumps {
        let url = format!("{}{}", input.metadata.download_base, dump.path);
        d.iri(dataset.clone(), v("dataDump"), &url);
    }
    // One subset per named graph: the graph's IRI names the subset.
    for (graph, triples) in &stats.graphs {
        let subset = NamedNode::new_unchecked(graph);
        d.add(dataset.clone(), v("subset"), subset.clone());
        d.add(subset.clone(), term(ns::RDF, "type"), v("Dataset"));
        d.add(subset, v("triples"), integer(*triples));
    }
    if stats.wikidata_links > 0 {
        wikidata_linkset(d, dataset, stats.wikidata_links, base);
    }
}

/// The `owl:sameAs` links to Wikidata as a VoID linkset, with Wikidata as a dataset.
fn wikidata_linkset(d: &mut Description, dataset: &NamedNode, links: u64, base: &Base) {
    let v = |local| term(VOID, local);
    let linkset = NamedNode::new_unchecked(format!("{}dataset/wikidata-links", base.as_str()));
    let wikidata = NamedNode::new_unchecked(format!("{}dataset/wikidata", base.as_str()));
    d.add(dataset.clone(), v("subset"), linkset.clone());
    d.add(linkset.clone(), term(ns::RDF, "type"), v("Linkset"));
    d.add(linkset.clone(), v("linkPredicate"), term(ns::OWL, "sameAs"));
    d.add(linkset.clone(), v("subjectsTarget"), dataset.clone());
    d.add(linkset.clone(), v("objectsTarget"), wikidata.clone());
    d.add(linkset, v("triples"), integer(links));
    // Wikidata as VoID knows it: the dataset whose entities are under its namespace.
    d.add(wikidata.clone(), term(ns::RDF, "type"), v("Dataset"));
    d.add(
        wikidata.clone(),
        term(ns::DCTERMS, "title"),
        Literal::new_simple_literal("Wikidata"),
    );
    d.add(
        wikidata.clone(),
        v("uriSpace"),
        Literal::new_simple_literal(WIKIDATA),
    );
    d.iri(
        wikidata,
        term(ns::FOAF, "homepage"),
        "https://www.wikidata.org/",
    );
}

fn dcat(d: &mut Description, dataset: &NamedNode, input: &DescriptionInput<'_>) {
    let meta = input.metadata;
    let dct = |local| term(ns::DCTERMS, local);
    let en = |text: &str| Literal::new_language_tagged_literal_unchecked(text, &meta.language);
    d.add(
        dataset.clone(),
        term(ns::RDF, "type"),
        term(DCAT, "Dataset"),
    );
    d.add(dataset.clone(), dct("title"), en(&meta.title));
    d.add(dataset.clone(), dct("description"), en(&meta.description));
    d.add(
        dataset.clone(),
        term(DCAT, "version"),
        Literal::new_simple_literal(&meta.version),
    );
    if let Some(doi) = meta.doi_iri() {
        d.add(
            dataset.clone(),
            dct("identifier"),
            Literal::new_simple_literal(doi),
        );
    }
    let publisher = d.agent(&meta.publisher);
    d.add(dataset.clone(), dct("publisher"), publisher);
    for creator in &meta.creators {
        let creator = d.agent(creator);
        d.add(dataset.clone(), dct("creator"), creator);
    }
    d.add(
        dataset.clone(),
        dct("issued"),
        Literal::new_typed_literal(&meta.issued, xsd::DATE),
    );
    d.add(dataset.clone(), dct("modified"), modified(input));
    for keyword in &meta.keywords {
        // Keywords are in several languages (网络强国): no language tag.
        d.add(
            dataset.clone(),
            term(DCAT, "keyword"),
            Literal::new_simple_literal(keyword),
        );
    }
    for theme in &meta.themes {
        d.iri(dataset.clone(), term(DCAT, "theme"), theme);
    }
    for license in meta.license_iris() {
        d.iri(dataset.clone(), dct("license"), &license);
    }
    d.add(dataset.clone(), dct("rights"), en(&meta.rights));
    d.iri(
        dataset.clone(),
        term(DCAT, "landingPage"),
        &meta.landing_page,
    );
    for document in &input.statistics.documents {
        d.iri(dataset.clone(), dct("source"), &document.iri);
    }
    // The canonical hash identifies the data whatever its serialization.
    let canonical = checksum(d, input.canonical_hash);
    d.iri(canonical.clone(), dct("conformsTo"), RDF_CANON);
    d.add(dataset.clone(), term(SPDX, "checksum"), canonical);
    for dump in input.dumps {
        distribution(d, dataset, dump, meta);
    }
}

/// The last modification: the latest annotation time of the documents, else the release date.
fn modified(input: &DescriptionInput<'_>) -> Literal {
    match input.statistics.last_annotated() {
        Some(time) if time.len() > 10 => Literal::new_typed_literal(time, xsd::DATE_TIME),
        Some(date) => Literal::new_typed_literal(date, xsd::DATE),
        None => Literal::new_typed_literal(&input.metadata.issued, xsd::DATE),
    }
}

fn checksum(d: &mut Description, sha256: &str) -> BlankNode {
    let node = d.blank();
    d.add(node.clone(), term(ns::RDF, "type"), term(SPDX, "Checksum"));
    d.add(
        node.clone(),
        term(SPDX, "algorithm"),
        term(SPDX, "checksumAlgorithm_sha256"),
    );
    d.add(
        node.clone(),
        term(SPDX, "checksumValue"),
        Literal::new_typed_literal(sha256, xsd::HEX_BINARY),
    );
    node
}

fn distribution(d: &mut Description, dataset: &NamedNode, dump: &ReleaseFile, meta: &Metadata) {
    let node = NamedNode::new_unchecked(format!("{}{}", meta.download_base, dump.path));
    d.add(dataset.clone(), term(DCAT, "distribution"), node.clone());
    d.add(
        node.clone(),
        term(ns::RDF, "type"),
        term(DCAT, "Distribution"),
    );
    d.add(
        node.clone(),
        term(ns::DCTERMS, "title"),
        Literal::new_simple_literal(&dump.title),
    );
    // DCAT-AP makes accessURL mandatory; for a file it is the download URL itself.
    d.add(node.clone(), term(DCAT, "accessURL"), node.clone());
    d.add(node.clone(), term(DCAT, "downloadURL"), node.clone());
    d.iri(
        node.clone(),
        term(DCAT, "mediaType"),
        &format!("{IANA_MEDIA_TYPES}{}", dump.media_type),
    );
    if dump.gzip {
        d.iri(
            node.clone(),
            term(DCAT, "compressFormat"),
            &format!("{IANA_MEDIA_TYPES}application/gzip"),
        );
    }
    d.add(
        node.clone(),
        term(DCAT, "byteSize"),
        Literal::new_typed_literal(dump.size().to_string(), xsd::NON_NEGATIVE_INTEGER),
    );
    let checksum = checksum(d, &dump.sha256());
    d.add(node.clone(), term(SPDX, "checksum"), checksum);
    for license in meta.license_iris() {
        d.iri(node.clone(), term(ns::DCTERMS, "license"), &license);
    }
}
