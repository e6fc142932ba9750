//! Verifying nanopublications, ours or other tools': well-formedness (four graphs, the head
//! linking the other three, no ill-typed literal in the assertion), trusty URI, RSA or DSA
//! signature.

use super::trusty::{literal_order_divergence, trusty_verdict};
use super::{vocab, NanopubError};
use crate::error::{Error, Result};
use crate::rdf::datatypes::is_ill_typed;
use crate::rdf::{file_base_iri, format_from_path, parse_rdf};
use crate::vocab::{iri, ns};
use nanopub::vocab::np;
use nanopub::Nanopub;
use oxigraph::io::RdfFormat;
use oxigraph::model::{
    Dataset, GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, QuadRef, Term,
};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// How a nanopublication's signature fared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signature {
    /// No `npx:hasSignature`.
    Unsigned,
    /// A signature (RSA or DSA, named) that verifies against the public key it carries.
    Valid(String),
    /// A signature with an algorithm other than RSA and DSA: not checked, so never "verified".
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
    /// Whether the nanopublication passed: trusty, with no signature or one that verifies; or,
    /// unless `require_trusty`, well-formed without a trusty URI (a plain nanopublication). A
    /// signature that could not be checked does not pass.
    pub fn passes(&self, require_trusty: bool) -> bool {
        match self {
            Verdict::Trusty(Signature::Unsigned | Signature::Valid(_)) => true,
            Verdict::NotTrusty => !require_trusty,
            _ => false,
        }
    }

    /// Whether the nanopublication is trusty and every signature it has verifies.
    pub fn is_ok(&self) -> bool {
        self.passes(true)
    }
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Verdict::Trusty(Signature::Unsigned) => write!(f, "trusty URI verified (unsigned)"),
            Verdict::Trusty(Signature::Valid(algorithm)) => {
                write!(f, "trusty URI and {algorithm} signature verified")
            }
            Verdict::Trusty(Signature::NotChecked(algorithm)) => write!(
                f,
                "trusty URI verified, but its {algorithm} signature is not checked (only RSA and \
                 DSA are)"
            ),
            Verdict::Tampered { expected, computed } => write!(
                f,
                "content does not match its trusty URI: expected {expected} (from the URI), \
                 computed {computed} (from the content)"
            ),
            Verdict::NotTrusty => write!(
                f,
                "well-formed, but its URI has no artifact code (RA…): not a trusty URI, so its \
                 content cannot be checked"
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
    /// of literals (see [`literal_order_divergence`]) rather than from a change; an ill-typed
    /// literal outside the assertion graph, which does not make the nanopublication invalid.
    pub note: Option<String>,
}

/// Checks every nanopublication among `quads`: its well-formedness (a head graph with
/// `np:Nanopublication` linking assertion, provenance and publication info, each non-empty and
/// named under the nanopublication's URI; the provenance about the assertion; the publication
/// info about the nanopublication; no ill-typed literal in its assertion), its trusty URI
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
    let mut graphs = Vec::new();
    let parts = match head_parts(subject, head, by_graph) {
        Ok(parts) => parts,
        Err((reason, owned)) => {
            check.verdict = Verdict::Malformed(reason);
            return (check, owned);
        }
    };
    graphs.push(head.to_string());
    graphs.extend(parts.iter().map(|g| GraphName::from(g.clone()).to_string()));
    if let GraphName::NamedNode(head_iri) = head {
        if let Some(reason) = graph_outside_uri(subject, head_iri, &parts) {
            check.verdict = Verdict::Malformed(reason);
            return (check, graphs);
        }
    }
    let assertion = GraphName::from(parts[0].clone()).to_string();
    if let Some(reason) = ill_typed_literal(std::slice::from_ref(&assertion), by_graph) {
        check.verdict = Verdict::Malformed(reason);
        return (check, graphs);
    }
    let others: Vec<String> = graphs
        .iter()
        .filter(|g| **g != assertion)
        .cloned()
        .collect();
    let accepted = ill_typed_literal(&others, by_graph)
        .map(|reason| format!("{reason}, accepted outside the assertion graph"));
    let mut dataset = Dataset::new();
    for g in &graphs {
        for q in by_graph.get(g).map(Vec::as_slice).unwrap_or_default() {
            dataset.insert(*q);
        }
    }
    let introduces = iri(vocab::NPX, "introduces");
    check.introduces = dataset
        .quads_for_graph_name(parts[2].as_ref())
        .find(|q| q.predicate == introduces.as_ref())
        .map(|q| q.object.to_string());
    let (verdict, divergence) = crate_verdict(dataset);
    check.verdict = verdict;
    check.note = match (divergence, accepted) {
        (Some(a), Some(b)) => Some(format!("{a}; {b}")),
        (a, b) => a.or(b),
    };
    (check, graphs)
}

/// The `nanopub` crate's verdict on a nanopublication's graphs (well-formed, trusty URI,
/// signature), with a caveat on a hash mismatch (see [`divergence_note`]).
fn crate_verdict(dataset: Dataset) -> (Verdict, Option<String>) {
    match Nanopub::new(dataset) {
        Err(e) => (Verdict::Malformed(e.to_string()), None),
        Ok(nanopub) => match nanopub.is_valid() {
            Err(e) => {
                let reason = e.to_string();
                let reason = reason.strip_prefix("Invalid Nanopub: ").unwrap_or(&reason);
                (Verdict::Malformed(reason.to_owned()), None)
            }
            Ok(_) => {
                let verdict = trusty_verdict(&nanopub);
                let note = match verdict {
                    Verdict::Tampered { .. } => divergence_note(&nanopub),
                    _ => None,
                };
                (verdict, note)
            }
        },
    }
}

/// The assertion, provenance and publication info graphs the head graph links to, each exactly
/// once and distinct; else why not, with the graphs found so far (they belong to this
/// nanopublication, not to the stray statements).
fn head_parts(
    subject: &NamedOrBlankNode,
    head: &GraphName,
    by_graph: &BTreeMap<String, Vec<&Quad>>,
) -> std::result::Result<Vec<NamedNode>, (String, Vec<String>)> {
    let GraphName::NamedNode(head_iri) = head else {
        let reason = "np:Nanopublication is stated outside a named head graph".to_owned();
        return Err((reason, vec![]));
    };
    let head_quads = by_graph
        .get(&head.to_string())
        .map(Vec::as_slice)
        .unwrap_or_default();
    let mut parts: Vec<NamedNode> = Vec::new();
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
        let problem = match targets.as_slice() {
            [Term::NamedNode(g)] if g != head_iri && !parts.contains(g) => {
                parts.push(g.clone());
                continue;
            }
            [] => format!("its head graph <{}> has no {name}", head_iri.as_str()),
            _ => format!(
                "its head graph <{}> needs exactly one {name}, to a graph of its own",
                head_iri.as_str()
            ),
        };
        let mut owned = vec![head.to_string()];
        owned.extend(parts.iter().map(|g| GraphName::from(g.clone()).to_string()));
        return Err((problem, owned));
    }
    Ok(parts)
}

/// The first of a nanopublication's graphs (head, then `parts`) whose IRI does not start with the
/// nanopublication's URI, as a reason. The Nanopublication test suite lists such nanopublications
/// as invalid (`invalid/plain/*_graph_uri_not_matching.trig`, `invalid/trusty/trusty2.trig`), and
/// nanopub-java refuses to make them trusty; the `nanopub` crate does not check it.
fn graph_outside_uri(
    subject: &NamedOrBlankNode,
    head: &NamedNode,
    parts: &[NamedNode],
) -> Option<String> {
    let NamedOrBlankNode::NamedNode(uri) = subject else {
        return None;
    };
    std::iter::once(head)
        .chain(parts)
        .find(|g| !g.as_str().starts_with(uri.as_str()))
        .map(|g| {
            format!(
                "its graph <{}> does not start with its URI <{}>",
                g.as_str(),
                uri.as_str()
            )
        })
}

/// The first ill-typed literal (`"two"^^xsd:integer`, see [`crate::rdf::datatypes`]) of
/// `graphs`, in file order, as a reason that names it, its datatype and its graph, and how many
/// more there are. The `nanopub` crate does not check literals. The Nanopublication test suite
/// lists a nanopublication with ill-typed literals in its assertion as invalid
/// (`invalid/plain/illtyped_datatypes_in_assertion.trig`), and one with an ill-typed literal in
/// its publication info as valid (`valid/trusty/fair-maturity-1.trig`: `dcterms:created
/// "2019-02-26"^^xsd:dateTime`): only the assertion's make a nanopublication invalid; the
/// others are a note on the verdict.
fn ill_typed_literal(graphs: &[String], by_graph: &BTreeMap<String, Vec<&Quad>>) -> Option<String> {
    let mut found = graphs
        .iter()
        .flat_map(|g| by_graph.get(g).map(Vec::as_slice).unwrap_or_default())
        .filter_map(|q| match &q.object {
            Term::Literal(l) if is_ill_typed(l.as_ref()) => Some((q, l)),
            _ => None,
        });
    let (quad, literal) = found.next()?;
    let more = found.count();
    // Only XSD datatypes are checked.
    let datatype = literal.datatype().as_str();
    let datatype = format!("xsd:{}", datatype.strip_prefix(ns::XSD).unwrap_or(datatype));
    // Written as N-Triples writes it: quotes and line breaks escaped, so the reason is one line.
    let lexical = Literal::new_simple_literal(literal.value());
    let mut reason = format!(
        "ill-typed literal {lexical}^^{datatype} in graph {}: not a valid {datatype}",
        quad.graph_name
    );
    match more {
        0 => {}
        1 => reason.push_str(" (and 1 more ill-typed literal)"),
        _ => reason.push_str(&format!(" (and {more} more ill-typed literals)")),
    }
    Some(reason)
}

/// A caveat on a hash mismatch that may come from the `nanopub` crate's order of literals.
fn divergence_note(nanopub: &Nanopub) -> Option<String> {
    let quads: Vec<Quad> = nanopub.dataset.iter().map(QuadRef::into_owned).collect();
    literal_order_divergence(&quads).map(|statement| {
        format!(
            "{statement} has several literals that the nanopub crate orders differently from \
             the Trusty URI reference implementations; the mismatch may come from that"
        )
    })
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
        return Err(NanopubError::unusable(
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
    let base_iri = file_base_iri(path);
    let quads = parse_rdf(
        &file,
        &bytes,
        format,
        &GraphName::DefaultGraph,
        base_iri.as_deref(),
    )?;
    let (checks, stray_statements) = verify_quads(quads);
    Ok(FileReport {
        file: path.to_owned(),
        checks,
        stray_statements,
    })
}
