//! Citable claims: every claim of the graph as a [nanopublication](https://nanopub.net) with a
//! trusty URI, and the verification of nanopublications, ours or other tools'.
//!
//! A claim's nanopublication has the four graphs of the format:
//!
//! * head — links the nanopublication to its three other graphs;
//! * assertion — the claim's own statements (type, label, claimant, source document, the document
//!   that reports it, subjects, perspective, characterizations, links);
//! * provenance — the assertion was derived from the op-ed and from the quotes of it (Web
//!   Annotation targets with their `TextQuoteSelector` and `TextPositionSelector`), and is
//!   attributed to the claimant;
//! * publication info — creator, creation date ([`NANOPUB_CREATED`], fixed so that exports are
//!   reproducible), licence (CC BY 4.0), the wangluo version that wrote it.
//!
//! Its URI is `{base}np/{claim-id}/RA…`: the artifact code (`RA` and the base64url SHA-256 of the
//! nanopublication's normalized statements, 45 characters) is the one the Trusty URI
//! specification (Kuhn and Dumontier, 2014) defines for RDF; the graphs are `…/RA…#Head`,
//! `#assertion`, `#provenance`, `#pubinfo`. The hash is computed by the `nanopub` crate
//! (nanopub-rs), the same code that checks it in [`verify_quads`]; nanopub-py's independent port
//! of the reference code accepts them too. Where the crate's normalization departs from the
//! reference (several literals on one subject and predicate, see [`literal_order_divergence`]),
//! the export refuses and `verify` adds a note. The nanopublications are not signed: a signature
//! needs the user's private key, and one made with a key that nobody holds would prove nothing.
//!
//! ```
//! use wangluo::{nanopubs, store::KnowledgeGraph, vocab::Base};
//! let kg = KnowledgeGraph::bundled(&Base::default()).unwrap();
//! let claims = nanopubs::claim_nanopubs(&kg).unwrap();
//! let (checks, stray) = nanopubs::verify_quads(claims[0].quads.clone());
//! assert_eq!(stray, 0);
//! assert!(checks[0].verdict.is_ok());
//! assert!(claims[0].artifact_code.starts_with("RA") && claims[0].artifact_code.len() == 45);
//! ```

use crate::error::{Error, Result};
use crate::rdf::{format_from_path, parse_rdf};
use crate::store::KnowledgeGraph;
use crate::vocab::{iri, ns, Base};
use nanopub::extract::NpInfo;
use nanopub::sign::{make_trusty, normalize_dataset, replace_ns_in_quads};
use nanopub::vocab::{np, npx};
use nanopub::Nanopub;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{
    Dataset, GraphName, GraphNameRef, Literal, LiteralRef, NamedNode, NamedNodeRef,
    NamedOrBlankNode, Quad, QuadRef, Term,
};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The `dcterms:created` date of every claim nanopublication: the day the bundled annotation of
/// the op-ed was made. It is fixed, not the time of the export, so that the same data always gives
/// the same nanopublications, and so the same trusty URIs.
pub const NANOPUB_CREATED: &str = "2026-11-26T00:00:00Z";

/// The licence of the nanopublications: Creative Commons Attribution 4.0.
pub const LICENSE: &str = "https://creativecommons.org/licenses/by/4.0/";

/// Namespaces of the nanopublication vocabularies.
pub mod vocab {
    /// The nanopublication schema (`np:`).
    pub const NP: &str = "http://www.nanopub.org/nschema#";
    /// Nanopublication extensions (`npx:`).
    pub const NPX: &str = "http://purl.org/nanopub/x/";
    /// Provenance, Authoring and Versioning (`pav:`).
    pub const PAV: &str = "http://purl.org/pav/";
}

/// One claim as a nanopublication with a trusty URI.
#[derive(Debug, Clone)]
pub struct ClaimNanopub {
    /// The claim's id (the local name of its IRI); the file name of its nanopublication.
    pub claim_id: String,
    /// The claim's IRI.
    pub claim: NamedNode,
    /// The nanopublication's trusty URI, `{base}np/{claim-id}/RA…`.
    pub uri: NamedNode,
    /// The artifact code at the end of the URI (`RA…`).
    pub artifact_code: String,
    /// The statements of the four graphs, in the order they are written.
    pub quads: Vec<Quad>,
}

/// The four graph IRIs of a nanopublication whose namespace (its URI and a `#`) is `ns`.
struct Graphs {
    head: NamedNode,
    assertion: NamedNode,
    provenance: NamedNode,
    pubinfo: NamedNode,
}

impl Graphs {
    fn under(ns: &str) -> Self {
        let g = |local: &str| NamedNode::new_unchecked(format!("{ns}{local}"));
        Self {
            head: g("Head"),
            assertion: g("assertion"),
            provenance: g("provenance"),
            pubinfo: g("pubinfo"),
        }
    }
}

fn nanopub_error(item: &str, reason: impl std::fmt::Display) -> Error {
    Error::Nanopub {
        item: item.to_owned(),
        reason: reason.to_string(),
    }
}

/// Every claim (`wl:Claim`) of the graph as a nanopublication, sorted by claim id.
pub fn claim_nanopubs(kg: &KnowledgeGraph) -> Result<Vec<ClaimNanopub>> {
    let base = kg.base();
    let claim_class = base.term("Claim");
    let claims: BTreeSet<NamedNode> = kg
        .store()
        .quads_for_pattern(
            None,
            Some(iri(ns::RDF, "type").as_ref()),
            Some(claim_class.as_ref().into()),
            None,
        )
        .filter_map(|q| match q {
            Ok(Quad {
                subject: NamedOrBlankNode::NamedNode(n),
                ..
            }) => Some(Ok(n)),
            Ok(_) => None,
            Err(e) => Some(Err(e)),
        })
        .collect::<std::result::Result<_, _>>()?;
    let mut nanopubs = Vec::with_capacity(claims.len());
    let mut ids = BTreeSet::new();
    for claim in claims {
        let np = claim_nanopub(kg, &claim)?;
        if !ids.insert(np.claim_id.clone()) {
            return Err(nanopub_error(
                claim.as_str(),
                format!(
                    "two claims have the id `{}`; their nanopublications would share a file name",
                    np.claim_id
                ),
            ));
        }
        nanopubs.push(np);
    }
    nanopubs.sort_by(|a, b| a.claim_id.cmp(&b.claim_id));
    Ok(nanopubs)
}

/// The claim's id: its local name under the data namespace, else the last segment of its IRI.
fn claim_id(base: &Base, claim: &NamedNode) -> String {
    let local = claim
        .as_str()
        .strip_prefix(base.item_namespace().as_str())
        .unwrap_or_else(|| {
            claim
                .as_str()
                .trim_end_matches(['/', '#'])
                .rsplit(['/', '#'])
                .next()
                .unwrap_or("claim")
        });
    let slug: String = local
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if slug.is_empty() {
        "claim".to_owned()
    } else {
        slug
    }
}

/// The statements (of any graph) whose subject is `subject`, without duplicates, sorted.
fn statements_about(kg: &KnowledgeGraph, subject: &NamedNode) -> Result<Vec<(NamedNode, Term)>> {
    let mut statements = BTreeMap::new();
    for q in kg
        .store()
        .quads_for_pattern(Some(subject.as_ref().into()), None, None, None)
    {
        let q = q?;
        statements.insert(
            (q.predicate.to_string(), q.object.to_string()),
            (q.predicate, q.object),
        );
    }
    Ok(statements.into_values().collect())
}

fn objects(statements: &[(NamedNode, Term)], predicate: &NamedNode) -> Vec<Term> {
    statements
        .iter()
        .filter(|(p, _)| p == predicate)
        .map(|(_, o)| o.clone())
        .collect()
}

fn named_objects(statements: &[(NamedNode, Term)], predicate: &NamedNode) -> Vec<NamedNode> {
    objects(statements, predicate)
        .into_iter()
        .filter_map(|o| match o {
            Term::NamedNode(n) => Some(n),
            _ => None,
        })
        .collect()
}

/// Builds one claim's nanopublication: first under a temporary namespace, then under its trusty
/// URI, whose artifact code the `nanopub` crate computes from the temporary form.
fn claim_nanopub(kg: &KnowledgeGraph, claim: &NamedNode) -> Result<ClaimNanopub> {
    let base = kg.base();
    let claim_id = claim_id(base, claim);
    let rdf_type = iri(ns::RDF, "type");
    let oa = |local: &str| iri(ns::OA, local);
    let prov = |local: &str| iri(ns::PROV, local);
    let dcterms = |local: &str| iri(ns::DCTERMS, local);

    // Before the hash is known, the nanopublication is `{base}np/{claim-id}/#` and its graphs
    // `…/#Head` etc.; normalization turns both forms into `{base}np/{claim-id}/ #Head`.
    let normalized_ns = format!("{}np/{claim_id}/", base.as_str());
    let temp_ns = format!("{normalized_ns}#");
    let temp_uri = NamedNode::new(temp_ns.as_str()).map_err(|e| nanopub_error(&claim_id, e))?;
    let graphs = Graphs::under(&temp_ns);

    let mut quads: Vec<Quad> = Vec::new();
    let mut add = |s: &NamedNode, p: NamedNode, o: Term, g: &NamedNode| {
        quads.push(Quad::new(s.clone(), p, o, g.clone()));
    };

    // Head.
    let npn = |n: NamedNodeRef<'_>| n.into_owned();
    add(
        &temp_uri,
        rdf_type.clone(),
        npn(np::NANOPUBLICATION).into(),
        &graphs.head,
    );
    add(
        &temp_uri,
        npn(np::HAS_ASSERTION),
        graphs.assertion.clone().into(),
        &graphs.head,
    );
    add(
        &temp_uri,
        npn(np::HAS_PROVENANCE),
        graphs.provenance.clone().into(),
        &graphs.head,
    );
    add(
        &temp_uri,
        npn(np::HAS_PUBLICATION_INFO),
        graphs.pubinfo.clone().into(),
        &graphs.head,
    );

    // Assertion: the claim's statements, its quotes and the sentences carrying them aside (they
    // are provenance: where the claim is read in the text, not what it says).
    let has_quote = base.term("hasQuote");
    let in_sentence = base.term("inSentence");
    let claim_statements = statements_about(kg, claim)?;
    for (p, o) in &claim_statements {
        if *p != has_quote && *p != in_sentence {
            add(claim, p.clone(), o.clone(), &graphs.assertion);
        }
    }

    // Provenance: derived from the reporting document and from the quotes of it.
    let assertion = graphs.assertion.clone();
    let documents = named_objects(&claim_statements, &base.term("reportedIn"));
    for document in &documents {
        add(
            &assertion,
            prov("wasDerivedFrom"),
            document.clone().into(),
            &graphs.provenance,
        );
        let document_statements = statements_about(kg, document)?;
        for p in [dcterms("title"), base.term("sha256")] {
            for o in objects(&document_statements, &p) {
                add(document, p.clone(), o, &graphs.provenance);
            }
        }
    }
    for claimant in named_objects(&claim_statements, &base.term("claimant")) {
        add(
            &assertion,
            prov("wasAttributedTo"),
            claimant.into(),
            &graphs.provenance,
        );
    }
    for target in named_objects(&claim_statements, &has_quote) {
        add(
            &assertion,
            prov("wasDerivedFrom"),
            target.clone().into(),
            &graphs.provenance,
        );
        let target_statements = statements_about(kg, &target)?;
        for (p, o) in &target_statements {
            add(&target, p.clone(), o.clone(), &graphs.provenance);
        }
        for selector in named_objects(&target_statements, &oa("hasSelector")) {
            for (p, o) in statements_about(kg, &selector)? {
                add(&selector, p, o, &graphs.provenance);
            }
        }
        // The Web Annotation that ties the claim (its body) to the quote (its target).
        for q in kg.store().quads_for_pattern(
            None,
            Some(oa("hasTarget").as_ref()),
            Some(target.as_ref().into()),
            None,
        ) {
            if let NamedOrBlankNode::NamedNode(annotation) = q?.subject {
                for (p, o) in statements_about(kg, &annotation)? {
                    add(&annotation, p, o, &graphs.provenance);
                }
            }
        }
    }

    // Publication info.
    let software = NamedNode::new_unchecked(format!(
        "{}software/wangluo/{}",
        base.as_str(),
        env!("CARGO_PKG_VERSION")
    ));
    let pubinfo = &graphs.pubinfo;
    add(
        &temp_uri,
        dcterms("created"),
        Literal::new_typed_literal(NANOPUB_CREATED, iri(ns::XSD, "dateTime")).into(),
        pubinfo,
    );
    add(
        &temp_uri,
        dcterms("creator"),
        NamedNode::new_unchecked(base.as_str()).into(),
        pubinfo,
    );
    add(
        &temp_uri,
        dcterms("license"),
        NamedNode::new_unchecked(LICENSE).into(),
        pubinfo,
    );
    add(
        &temp_uri,
        iri(vocab::PAV, "createdWith"),
        software.clone().into(),
        pubinfo,
    );
    add(
        &temp_uri,
        iri(vocab::NPX, "introduces"),
        claim.clone().into(),
        pubinfo,
    );
    for label in objects(&claim_statements, &iri(ns::RDFS, "label")) {
        add(&temp_uri, iri(ns::RDFS, "label"), label, pubinfo);
    }
    add(
        &software,
        rdf_type.clone(),
        iri(ns::SCHEMA, "SoftwareApplication").into(),
        pubinfo,
    );
    add(
        &software,
        iri(ns::SCHEMA, "name"),
        Literal::new_simple_literal("wangluo").into(),
        pubinfo,
    );
    add(
        &software,
        iri(ns::SCHEMA, "softwareVersion"),
        Literal::new_simple_literal(env!("CARGO_PKG_VERSION")).into(),
        pubinfo,
    );

    if let Some(q) = quads.iter().find(|q| {
        q.subject.is_blank_node() || !matches!(q.object, Term::NamedNode(_) | Term::Literal(_))
    }) {
        return Err(nanopub_error(
            claim.as_str(),
            format!("a nanopublication needs IRIs, not blank nodes: {q}"),
        ));
    }

    if let Some(statement) = literal_order_divergence(&quads) {
        return Err(nanopub_error(
            claim.as_str(),
            format!(
                "{statement} has several literals that the nanopub crate orders differently from \
                 the Trusty URI reference implementations, so they would compute another hash"
            ),
        ));
    }
    let temp: Dataset = quads.iter().collect();
    let artifact_code = make_trusty(&temp, &temp_ns, &normalized_ns, "#")
        .map_err(|e| nanopub_error(&claim_id, e))?;
    let uri = format!("{normalized_ns}{artifact_code}");
    let trusty = replace_ns_in_quads(&temp, &temp_ns, &temp_ns, &format!("{uri}#"), &uri)
        .map_err(|e| nanopub_error(&claim_id, e))?;
    let final_graphs = Graphs::under(&format!("{uri}#"));
    let mut quads: Vec<Quad> = trusty.iter().map(QuadRef::into_owned).collect();
    sort_for_writing(&mut quads, &final_graphs);
    Ok(ClaimNanopub {
        claim_id,
        claim: claim.clone(),
        uri: NamedNode::new_unchecked(uri),
        artifact_code,
        quads,
    })
}

/// The first subject and predicate (of one graph) whose literal objects the `nanopub` crate sorts
/// in another order than the Trusty URI reference implementations (trustyuri-java and its Python
/// port in nanopub-py): the crate sorts by language, datatype, then escaped value; the reference by
/// value, datatype, then language. Where the orders differ, so do the hashes.
pub fn literal_order_divergence(quads: &[Quad]) -> Option<String> {
    let mut groups: BTreeMap<(String, String, String), Vec<&Literal>> = BTreeMap::new();
    for q in quads {
        if let Term::Literal(l) = &q.object {
            groups
                .entry((
                    q.graph_name.to_string(),
                    q.subject.to_string(),
                    q.predicate.to_string(),
                ))
                .or_default()
                .push(l);
        }
    }
    for ((_, subject, predicate), literals) in groups {
        if literals.len() < 2 {
            continue;
        }
        let mut by_crate = literals.clone();
        by_crate.sort_by_cached_key(|l| {
            (
                l.language().unwrap_or_default().to_owned(),
                l.datatype().as_str().to_owned(),
                l.value().replace('\\', "\\\\").replace('\n', "\\n"),
            )
        });
        let mut by_reference = literals;
        by_reference.sort_by_cached_key(|l| {
            (
                l.value().to_owned(),
                l.language()
                    .is_none()
                    .then(|| l.datatype().as_str().to_owned()),
                l.language().map(str::to_ascii_lowercase),
            )
        });
        if by_crate != by_reference {
            return Some(format!("{subject} {predicate}"));
        }
    }
    None
}

/// Head, assertion, provenance, publication info; then subjects, `rdf:type` first, objects.
fn sort_for_writing(quads: &mut [Quad], graphs: &Graphs) {
    let rdf_type = iri(ns::RDF, "type");
    quads.sort_by_cached_key(|q| {
        let rank = [
            &graphs.head,
            &graphs.assertion,
            &graphs.provenance,
            &graphs.pubinfo,
        ]
        .iter()
        .position(|g| GraphNameRef::from(g.as_ref()) == q.graph_name.as_ref())
        .unwrap_or(4);
        (
            rank,
            q.subject.to_string(),
            q.predicate != rdf_type,
            q.predicate.to_string(),
            q.object.to_string(),
        )
    });
}

/// Writes nanopublications as one TriG document. With a single nanopublication the prefixes
/// `this:` (its URI) and `sub:` (its graphs) are declared, as nanopublication tools do.
pub fn write_trig(nanopubs: &[ClaimNanopub], base: &Base, out: impl Write) -> Result<()> {
    let mut serializer = RdfSerializer::from_format(RdfFormat::TriG);
    let mut prefixes: Vec<(&str, String)> = Vec::new();
    if let [single] = nanopubs {
        prefixes.push(("this", single.uri.as_str().to_owned()));
        prefixes.push(("sub", format!("{}#", single.uri.as_str())));
    }
    prefixes.extend(
        [("np", vocab::NP), ("npx", vocab::NPX), ("pav", vocab::PAV)]
            .map(|(p, n)| (p, n.to_owned())),
    );
    prefixes.extend(base.prefixes());
    // Only the prefixes the statements use.
    let mut iris: BTreeSet<&str> = BTreeSet::new();
    for q in nanopubs.iter().flat_map(|np| &np.quads) {
        if let NamedOrBlankNode::NamedNode(s) = &q.subject {
            iris.insert(s.as_str());
        }
        iris.insert(q.predicate.as_str());
        match &q.object {
            Term::NamedNode(o) => {
                iris.insert(o.as_str());
            }
            Term::Literal(l) => {
                iris.insert(l.datatype().as_str());
            }
            _ => {}
        }
        if let GraphName::NamedNode(g) = &q.graph_name {
            iris.insert(g.as_str());
        }
    }
    prefixes.retain(|(_, namespace)| iris.iter().any(|i| i.starts_with(namespace.as_str())));
    for (prefix, namespace) in prefixes {
        serializer = serializer
            .with_prefix(prefix, namespace)
            .map_err(|e| nanopub_error(prefix, e))?;
    }
    let write_err = |source| Error::Output {
        target: "nanopublications".to_owned(),
        source,
    };
    let mut writer = serializer.for_writer(out);
    for np in nanopubs {
        for q in &np.quads {
            writer.serialize_quad(q).map_err(write_err)?;
        }
    }
    let mut out = writer.finish().map_err(write_err)?;
    out.flush().map_err(write_err)?;
    Ok(())
}

/// Where `export --nanopubs` writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NanopubTarget {
    /// All nanopublications as one TriG document on this writer (stdout).
    Stream,
    /// All nanopublications in one `.trig` file, written atomically.
    File(PathBuf),
    /// One `{claim-id}.trig` per claim in this directory (created if missing), each written
    /// atomically.
    Directory(PathBuf),
}

impl NanopubTarget {
    /// `-o PATH`: a `.trig` file, else a directory (which may not exist yet).
    pub fn from_output(path: Option<&Path>) -> Result<Self> {
        let Some(path) = path else {
            return Ok(Self::Stream);
        };
        let is_trig = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("trig"));
        if is_trig && !path.is_dir() {
            return Ok(Self::File(path.to_owned()));
        }
        if path.exists() && !path.is_dir() {
            return Err(nanopub_error(
                &path.display().to_string(),
                "not a directory; -o with --nanopubs takes a directory or a .trig file",
            ));
        }
        Ok(Self::Directory(path.to_owned()))
    }
}

/// Writes every claim of `kg` as a nanopublication to `target` (stdout is `out`). All
/// nanopublications are built before anything is written, so an error leaves no partial output.
/// Returns the nanopublications written.
pub fn export_nanopubs(
    kg: &KnowledgeGraph,
    target: &NanopubTarget,
    out: impl Write,
) -> Result<Vec<ClaimNanopub>> {
    let nanopubs = claim_nanopubs(kg)?;
    match target {
        NanopubTarget::Stream => write_trig(&nanopubs, kg.base(), out)?,
        NanopubTarget::File(path) => {
            crate::util::atomic::write_file(path, |w| write_trig(&nanopubs, kg.base(), w))?
        }
        NanopubTarget::Directory(dir) => {
            std::fs::create_dir_all(dir).map_err(|source| Error::Write {
                path: dir.clone(),
                source,
            })?;
            for np in &nanopubs {
                let path = dir.join(format!("{}.trig", np.claim_id));
                crate::util::atomic::write_file(&path, |w| {
                    write_trig(std::slice::from_ref(np), kg.base(), w)
                })?;
            }
        }
    }
    Ok(nanopubs)
}

/// How a nanopublication's signature fared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signature {
    /// No `npx:hasSignature`.
    Unsigned,
    /// An RSA signature that verifies against the public key it carries.
    Valid,
    /// A signature with an algorithm other than RSA, which is not checked.
    NotChecked(String),
}

/// The verdict on one nanopublication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Well-formed; its artifact code is the hash of its content.
    Trusty(Signature),
    /// Its content does not hash to the artifact code of its URI: it was changed after the URI
    /// was made.
    Tampered {
        /// The artifact code its URI states.
        expected: String,
        /// The artifact code its content gives.
        computed: String,
    },
    /// Well-formed but its URI carries no artifact code, so nothing can be checked.
    NotTrusty,
    /// The signature does not verify.
    BadSignature(String),
    /// Not a well-formed nanopublication.
    Malformed(String),
}

impl Verdict {
    /// Whether the nanopublication passed.
    pub fn is_ok(&self) -> bool {
        matches!(self, Verdict::Trusty(_))
    }
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Verdict::Trusty(Signature::Unsigned) => write!(f, "trusty URI verified (unsigned)"),
            Verdict::Trusty(Signature::Valid) => {
                write!(f, "trusty URI and RSA signature verified")
            }
            Verdict::Trusty(Signature::NotChecked(algorithm)) => write!(
                f,
                "trusty URI verified ({algorithm} signature not checked: only RSA is supported)"
            ),
            Verdict::Tampered { expected, computed } => write!(
                f,
                "content does not match its trusty URI: expected {expected} (from the URI), \
                 computed {computed} (from the content)"
            ),
            Verdict::NotTrusty => write!(
                f,
                "its URI has no artifact code (RA…), so it is not a trusty URI"
            ),
            Verdict::BadSignature(reason) => write!(f, "invalid signature: {reason}"),
            Verdict::Malformed(reason) => write!(f, "malformed: {reason}"),
        }
    }
}

/// The check of one nanopublication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NanopubCheck {
    /// The nanopublication's URI.
    pub uri: String,
    /// What it introduces (`npx:introduces`, for ours the claim), if it says.
    pub introduces: Option<String>,
    /// The verdict.
    pub verdict: Verdict,
    /// A caveat on the verdict: a hash mismatch that may come from the `nanopub` crate's order
    /// of literals (see [`literal_order_divergence`]) rather than from a change.
    pub note: Option<String>,
}

/// Checks every nanopublication among `quads`: its well-formedness (a head graph with
/// `np:Nanopublication` linking assertion, provenance and publication info, each non-empty; the
/// provenance about the assertion; the publication info about the nanopublication), its trusty URI
/// (the artifact code recomputed by the `nanopub` crate) and, when signed with RSA, its signature.
/// Returns the checks in the order the nanopublications appear, and the number of statements
/// that belong to no nanopublication.
pub fn verify_quads(quads: Vec<Quad>) -> (Vec<NanopubCheck>, usize) {
    let rdf_type = iri(ns::RDF, "type");
    let mut heads: Vec<(NamedOrBlankNode, GraphName)> = Vec::new();
    for q in &quads {
        if q.predicate == rdf_type
            && q.object == Term::from(np::NANOPUBLICATION.into_owned())
            && !heads.contains(&(q.subject.clone(), q.graph_name.clone()))
        {
            heads.push((q.subject.clone(), q.graph_name.clone()));
        }
    }
    let mut by_graph: BTreeMap<String, Vec<&Quad>> = BTreeMap::new();
    for q in &quads {
        by_graph
            .entry(q.graph_name.to_string())
            .or_default()
            .push(q);
    }
    let mut claimed: BTreeSet<String> = BTreeSet::new();
    let checks = heads
        .iter()
        .map(|(subject, head)| {
            let (check, graphs) = check_one(subject, head, &by_graph);
            claimed.extend(graphs);
            check
        })
        .collect();
    let stray = by_graph
        .iter()
        .filter(|(g, _)| !claimed.contains(*g))
        .map(|(_, qs)| qs.len())
        .sum();
    (checks, stray)
}

/// Checks the nanopublication `subject` whose head graph is `head`; also returns the graphs it
/// owns.
fn check_one(
    subject: &NamedOrBlankNode,
    head: &GraphName,
    by_graph: &BTreeMap<String, Vec<&Quad>>,
) -> (NanopubCheck, Vec<String>) {
    let uri = match subject {
        NamedOrBlankNode::NamedNode(n) => n.as_str().to_owned(),
        other => other.to_string(),
    };
    let mut check = NanopubCheck {
        uri,
        introduces: None,
        verdict: Verdict::Malformed(String::new()),
        note: None,
    };
    let malformed = |check: NanopubCheck, reason: String, graphs: Vec<String>| {
        (
            NanopubCheck {
                verdict: Verdict::Malformed(reason),
                ..check
            },
            graphs,
        )
    };
    let GraphName::NamedNode(head_iri) = head else {
        return malformed(
            check,
            "np:Nanopublication is stated outside a named head graph".to_owned(),
            vec![],
        );
    };
    let head_quads = by_graph
        .get(&head.to_string())
        .map(Vec::as_slice)
        .unwrap_or_default();
    let mut graphs = vec![head.to_string()];
    let mut parts = Vec::new();
    for (link, name) in [
        (np::HAS_ASSERTION, "np:hasAssertion"),
        (np::HAS_PROVENANCE, "np:hasProvenance"),
        (np::HAS_PUBLICATION_INFO, "np:hasPublicationInfo"),
    ] {
        let targets: Vec<&Term> = head_quads
            .iter()
            .filter(|q| &q.subject == subject && q.predicate.as_ref() == link)
            .map(|q| &q.object)
            .collect();
        match targets.as_slice() {
            [Term::NamedNode(g)] if g != head_iri && !parts.contains(g) => {
                graphs.push(GraphName::from(g.clone()).to_string());
                parts.push(g.clone());
            }
            [] => {
                return malformed(
                    check,
                    format!("its head graph <{}> has no {name}", head_iri.as_str()),
                    graphs,
                )
            }
            _ => {
                return malformed(
                    check,
                    format!(
                        "its head graph <{}> needs exactly one {name}, to a graph of its own",
                        head_iri.as_str()
                    ),
                    graphs,
                )
            }
        }
    }
    let mut dataset = Dataset::new();
    for g in &graphs {
        for q in by_graph.get(g).map(Vec::as_slice).unwrap_or_default() {
            dataset.insert(*q);
        }
    }
    if let Some(pubinfo) = parts.get(2) {
        check.introduces = dataset
            .quads_for_graph_name(pubinfo.as_ref())
            .find(|q| q.predicate.as_str() == format!("{}introduces", vocab::NPX))
            .map(|q| q.object.to_string());
    }
    let nanopub = match Nanopub::new(dataset) {
        Ok(n) => n,
        Err(e) => return malformed(check, e.to_string(), graphs),
    };
    if let Err(e) = nanopub.is_valid() {
        let reason = e.to_string();
        let reason = reason
            .strip_prefix("Invalid Nanopub: ")
            .unwrap_or(&reason)
            .to_owned();
        return malformed(check, reason, graphs);
    }
    check.verdict = trusty_verdict(&nanopub);
    if matches!(check.verdict, Verdict::Tampered { .. }) {
        let quads: Vec<Quad> = nanopub.dataset.iter().map(QuadRef::into_owned).collect();
        check.note = literal_order_divergence(&quads).map(|statement| {
            format!(
                "{statement} has several literals that the nanopub crate orders differently from \
                 the Trusty URI reference implementations; the mismatch may come from that"
            )
        });
    }
    (check, graphs)
}

/// Recomputes the artifact code as `nanopub`'s own check does, then checks an RSA signature.
fn trusty_verdict(nanopub: &Nanopub) -> Verdict {
    let info: &NpInfo = &nanopub.info;
    if info.trusty_hash.is_empty() {
        return Verdict::NotTrusty;
    }
    let computed = match make_trusty(
        &nanopub.dataset,
        info.uri.as_str(),
        &info.normalized_ns,
        &info.separator_after_trusty,
    ) {
        Ok(code) => code,
        Err(e) => return Verdict::Malformed(e.to_string()),
    };
    if computed != info.trusty_hash {
        return Verdict::Tampered {
            expected: info.trusty_hash.clone(),
            computed,
        };
    }
    if info.signature.is_empty() {
        return Verdict::Trusty(Signature::Unsigned);
    }
    if !info.algo.eq_ignore_ascii_case("RSA") {
        return Verdict::Trusty(Signature::NotChecked(info.algo.clone()));
    }
    match check_rsa_signature(nanopub) {
        Ok(()) => Verdict::Trusty(Signature::Valid),
        Err(reason) => Verdict::BadSignature(reason),
    }
}

/// The signature is over the normalized nanopublication without its `npx:hasSignature`
/// statement (as `nanopub::Nanopub::check` does, which also prints to stdout).
fn check_rsa_signature(nanopub: &Nanopub) -> std::result::Result<(), String> {
    use base64::Engine as _;
    use rsa::pkcs8::DecodePublicKey as _;
    use rsa::sha2::{Digest as _, Sha256};
    let info = &nanopub.info;
    let mut dataset = nanopub.dataset.clone();
    dataset.remove(QuadRef::new(
        info.signature_iri.as_ref(),
        npx::HAS_SIGNATURE,
        LiteralRef::new_simple_literal(&info.signature),
        info.pubinfo.as_ref(),
    ));
    let normalized = normalize_dataset(
        &dataset,
        info.uri.as_str(),
        &info.normalized_ns,
        &info.separator_after_trusty,
    )
    .map_err(|e| e.to_string())?;
    let engine = base64::engine::general_purpose::STANDARD;
    let key_der = engine
        .decode(info.public_key.as_bytes())
        .map_err(|e| format!("public key is not base64: {e}"))?;
    let key = rsa::RsaPublicKey::from_public_key_der(&key_der)
        .map_err(|e| format!("invalid RSA public key: {e}"))?;
    let signature = engine
        .decode(info.signature.as_bytes())
        .map_err(|e| format!("signature is not base64: {e}"))?;
    key.verify(
        rsa::Pkcs1v15Sign::new::<Sha256>(),
        &Sha256::digest(normalized.as_bytes()),
        &signature,
    )
    .map_err(|e| format!("it does not verify against the public key it carries ({e})"))
}

/// The result of verifying one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The file, as given.
    pub file: PathBuf,
    /// One check per nanopublication, in file order.
    pub checks: Vec<NanopubCheck>,
    /// Statements that belong to no nanopublication.
    pub stray_statements: usize,
}

impl FileReport {
    /// Whether every nanopublication passed, there was at least one, and nothing else was there.
    pub fn is_ok(&self) -> bool {
        !self.checks.is_empty()
            && self.stray_statements == 0
            && self.checks.iter().all(|c| c.verdict.is_ok())
    }
}

/// The extensions `verify` reads in a directory.
pub const NANOPUB_EXTENSIONS: &[&str] = &["trig", "nq", "jsonld"];

/// The nanopublication files to verify at `path`: the file itself, or the `.trig`, `.nq` and
/// `.jsonld` files of a directory (not its subdirectories), sorted by name.
pub fn nanopub_files(path: &Path) -> Result<Vec<PathBuf>> {
    let meta = std::fs::metadata(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    if !meta.is_dir() {
        return Ok(vec![path.to_owned()]);
    }
    let entries = std::fs::read_dir(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| Error::Read {
            path: path.to_owned(),
            source,
        })?;
        let p = entry.path();
        let wanted = p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| NANOPUB_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)));
        if wanted && p.is_file() {
            files.push(p);
        }
    }
    if files.is_empty() {
        return Err(nanopub_error(
            &path.display().to_string(),
            "no .trig, .nq or .jsonld files in this directory",
        ));
    }
    files.sort();
    Ok(files)
}

/// Reads and verifies one file (TriG unless its extension names another quad format). An
/// unreadable or unparsable file is an error (with line and column); a bad nanopublication is a
/// failed check in the report.
pub fn verify_file(path: &Path) -> Result<FileReport> {
    let file = path.display().to_string();
    let format = match format_from_path(path) {
        Some(f) if f.supports_datasets() => f,
        _ => RdfFormat::TriG,
    };
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    let quads = parse_rdf(&file, &bytes, format, &GraphName::DefaultGraph)?;
    let (checks, stray_statements) = verify_quads(quads);
    Ok(FileReport {
        file: path.to_owned(),
        checks,
        stray_statements,
    })
}
