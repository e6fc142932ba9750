//! Copies of the bundled graph, each broken in one way per SHACL shape of
//! `ontology/shapes.ttl`, with the focus node and path (or value) a validator must report. Both
//! `wangluo validate` (tests/it/validate.rs) and pySHACL (tests/interop/shacl.rs) are run on them.

use crate::util::{utf8, wangluo};
use std::path::{Path, PathBuf};

pub const ID: &str = "https://w3id.org/wangluo/id/";
pub const WL: &str = "https://w3id.org/wangluo/ontology#";
pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
pub const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
pub const OA: &str = "http://www.w3.org/ns/oa#";
pub const NIF: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
pub const TA_IDENT_REF: &str = "http://www.w3.org/2005/11/its/rdf#taIdentRef";
pub const SKOS_PREF_LABEL: &str = "http://www.w3.org/2004/02/skos/core#prefLabel";
pub const DCTERMS_TITLE: &str = "http://purl.org/dc/terms/title";
pub const SCHEMA_VALUE: &str = "https://schema.org/value";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const WESTERN: &str = "https://w3id.org/wangluo/vocab/perspective/western";
pub const CHINESE: &str = "https://w3id.org/wangluo/vocab/perspective/chinese";

/// The bundled graph as N-Triples lines, exported by `wangluo export` to `dir/bundled.nt`
/// (sorted, so stable).
pub fn bundled_lines(dir: &Path) -> Vec<String> {
    let path = dir.join("bundled.nt");
    wangluo(&["export", "--format", "ntriples", "-o", utf8(&path)]).ok();
    std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

pub fn iri(value: &str) -> String {
    format!("<{value}>")
}

/// The subject of a line, with its angle brackets.
fn subject(line: &str) -> &str {
    line.split(' ').next().unwrap_or_default()
}

/// Subjects (with brackets) of the lines `? predicate object`.
fn subjects_with(lines: &[String], predicate: &str, object: &str) -> Vec<String> {
    let needle = format!(" {} {object} .", iri(predicate));
    let mut found: Vec<String> = lines
        .iter()
        .filter(|l| l.ends_with(&needle))
        .map(|l| subject(l).to_owned())
        .collect();
    found.dedup();
    found
}

fn first_instance(lines: &[String], class: &str) -> String {
    subjects_with(lines, RDF_TYPE, &iri(class))
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("the bundled graph has no instance of {class}"))
}

/// Lines starting with `subject predicate`.
fn is_statement(line: &str, subject: &str, predicate: &str) -> bool {
    line.starts_with(&format!("{subject} {} ", iri(predicate)))
}

/// A copy without the lines that match; at least one must match, so no case is a silent no-op.
fn without(lines: &[String], matches: impl Fn(&str) -> bool) -> Vec<String> {
    let kept: Vec<String> = lines.iter().filter(|l| !matches(l)).cloned().collect();
    assert!(kept.len() < lines.len(), "the edit removed no line");
    kept
}

/// A copy where `from` is replaced by `to` in the lines that match (at least one).
fn replaced(lines: &[String], matches: impl Fn(&str) -> bool, from: &str, to: &str) -> Vec<String> {
    let mut changed = 0;
    let copy = lines
        .iter()
        .map(|l| {
            if matches(l) && l.contains(from) {
                changed += 1;
                l.replacen(from, to, 1)
            } else {
                l.clone()
            }
        })
        .collect();
    assert!(changed > 0, "the edit changed no line ({from} -> {to})");
    copy
}

fn with_line(lines: &[String], line: String) -> Vec<String> {
    let mut copy = lines.to_vec();
    copy.push(line);
    copy
}

/// What a broken copy must be reported for: a result with this focus node and, when given,
/// this path and a value containing `value`.
pub struct Expected {
    pub focus: String,
    pub path: Option<String>,
    pub value: Option<String>,
}

pub struct BrokenCase {
    pub name: &'static str,
    pub lines: Vec<String>,
    pub expected: Expected,
}

fn expect(focus: &str, path: Option<&str>, value: Option<&str>) -> Expected {
    Expected {
        focus: focus.trim_matches(['<', '>']).to_owned(),
        path: path.map(str::to_owned),
        value: value.map(|v| v.trim_matches(['<', '>']).to_owned()),
    }
}

/// One copy of the bundled graph per shape, each broken in one way.
pub fn broken_cases(lines: &[String]) -> Vec<BrokenCase> {
    let claim = iri(&format!("{ID}odni-sophisticated-cyber-adversary"));
    let quote = iri(&format!("{ID}rathor-2024/quote/odni/1"));
    let position = iri(&format!("{ID}rathor-2024/quote/odni/1#position"));
    let quote_selector = iri(&format!("{ID}rathor-2024/quote/odni/1#quote"));
    let annotation = iri(&format!("{ID}rathor-2024/annotation/odni/1"));
    let document = iri(&format!("{ID}rathor-2024"));
    let threat_assessment = iri(&format!("{ID}ata-2021"));
    let conference = iri(&format!("{ID}work-conference-2016"));
    let member = iri(&format!("{ID}wp-good-order"));
    let western_claim = iri(&format!("{ID}state-affiliated-hackers"));
    let author_claim = iri(&format!("{ID}oped-chinese-viewpoint"));
    let propositions = iri(&format!("{ID}five-propositions"));
    let concept = iri(&format!("{ID}cyber-sovereignty"));
    let threat = iri("https://w3id.org/wangluo/vocab/characterization/threat");
    let principles = iri(&format!("{ID}white-paper-principles"));
    let quantity = iri(&format!("{ID}ningxia-racks-2020"));
    let ssf = iri(&format!("{ID}ssf"));
    let curated = iri(&format!("{ID}rathor-2024/curation/odni/1"));
    let western = iri(WESTERN);
    let mention = first_instance(lines, &format!("{NIF}Phrase"));
    let sentence = first_instance(lines, &format!("{NIF}Sentence"));
    let next_sentence = subjects_with(lines, RDF_TYPE, &iri(&format!("{NIF}Sentence")))
        .into_iter()
        .nth(1)
        .expect("two sentences");

    let wl = |local: &str| format!("{WL}{local}");
    let oa = |local: &str| format!("{OA}{local}");
    let nif = |local: &str| format!("{NIF}{local}");
    vec![
        BrokenCase {
            name: "claim without claimant",
            lines: without(lines, |l| is_statement(l, &claim, &wl("claimant"))),
            expected: expect(&claim, Some(&wl("claimant")), None),
        },
        BrokenCase {
            name: "claim with two perspectives",
            lines: with_line(
                lines,
                format!("{claim} {} {} .", iri(&wl("perspective")), iri(CHINESE)),
            ),
            expected: expect(&claim, Some(&wl("perspective")), None),
        },
        BrokenCase {
            name: "claim without subject",
            lines: without(lines, |l| is_statement(l, &claim, &wl("subject"))),
            expected: expect(&claim, Some(&wl("subject")), None),
        },
        BrokenCase {
            name: "claim without quote",
            lines: without(lines, |l| is_statement(l, &claim, &wl("hasQuote"))),
            expected: expect(&claim, Some(&wl("hasQuote")), None),
        },
        BrokenCase {
            name: "claim label not in English",
            lines: replaced(
                lines,
                |l| is_statement(l, &claim, RDFS_LABEL),
                "\"@en .",
                "\"@fr .",
            ),
            expected: expect(&claim, Some(RDFS_LABEL), None),
        },
        BrokenCase {
            name: "curator statement that does not say what it comes from",
            lines: without(lines, |l| {
                is_statement(l, &curated, "http://www.w3.org/ns/prov#wasDerivedFrom")
            }),
            expected: expect(
                &curated,
                Some("http://www.w3.org/ns/prov#wasDerivedFrom"),
                None,
            ),
        },
        BrokenCase {
            name: "quote without source",
            lines: without(lines, |l| is_statement(l, &quote, &oa("hasSource"))),
            expected: expect(&quote, Some(&oa("hasSource")), None),
        },
        BrokenCase {
            name: "quote without position selector",
            lines: without(lines, |l| {
                is_statement(l, &quote, &oa("hasSelector")) && l.contains("#position>")
            }),
            expected: expect(&quote, Some(&oa("hasSelector")), None),
        },
        BrokenCase {
            name: "position selector without end",
            lines: without(lines, |l| is_statement(l, &position, &oa("end"))),
            expected: expect(&position, Some(&oa("end")), None),
        },
        BrokenCase {
            name: "quote selector without exact words",
            lines: without(lines, |l| is_statement(l, &quote_selector, &oa("exact"))),
            expected: expect(&quote_selector, Some(&oa("exact")), None),
        },
        BrokenCase {
            name: "quote offsets past the end of the text",
            lines: replaced(
                lines,
                |l| is_statement(l, &position, &oa("end")),
                "\"3103\"",
                "\"99999\"",
            ),
            expected: expect(&document, None, Some(&quote)),
        },
        BrokenCase {
            name: "quote offsets that no longer match the exact words",
            lines: replaced(
                lines,
                |l| is_statement(l, &position, &oa("start")),
                "\"3052\"",
                "\"3051\"",
            ),
            expected: expect(&document, None, Some(&quote)),
        },
        BrokenCase {
            name: "annotation with an unknown motivation",
            lines: replaced(
                lines,
                |l| is_statement(l, &annotation, &oa("motivatedBy")),
                "#identifying>",
                "#tagging>",
            ),
            expected: expect(&annotation, Some(&oa("motivatedBy")), None),
        },
        BrokenCase {
            name: "document without title",
            lines: without(lines, |l| is_statement(l, &threat_assessment, RDFS_LABEL)),
            expected: expect(&threat_assessment, Some(RDFS_LABEL), None),
        },
        BrokenCase {
            name: "annotated text without dcterms:title",
            lines: without(lines, |l| is_statement(l, &document, DCTERMS_TITLE)),
            expected: expect(&document, Some(DCTERMS_TITLE), None),
        },
        BrokenCase {
            name: "annotated text without document type",
            lines: without(lines, |l| {
                is_statement(l, &document, RDF_TYPE) && l.contains(&iri(&wl("OpEd")))
            }),
            expected: expect(&document, Some(RDF_TYPE), None),
        },
        BrokenCase {
            name: "date that is a plain string",
            lines: replaced(
                lines,
                |l| is_statement(l, &conference, &wl("date")),
                &format!("^^<{XSD}date>"),
                "",
            ),
            expected: expect(&conference, Some(&wl("date")), None),
        },
        BrokenCase {
            name: "member missing from its set's skos:memberList",
            lines: with_line(lines, format!("{principles} <{SKOS}member> <{ID}china> .")),
            expected: expect(
                &principles,
                Some(&format!("{SKOS}member")),
                Some(&format!("{ID}china")),
            ),
        },
        BrokenCase {
            name: "list element that is not a skos:member of the set",
            lines: without(lines, |l| {
                is_statement(l, &principles, &format!("{SKOS}member")) && l.contains(&member)
            }),
            expected: expect(
                &principles,
                Some(&format!("{SKOS}memberList")),
                Some(&member),
            ),
        },
        BrokenCase {
            name: "Western-perspective claim held by the op-ed's author",
            lines: replaced(
                lines,
                |l| is_statement(l, &western_claim, &wl("claimant")),
                &format!("{ID}the-west"),
                &format!("{ID}prashant-rathor"),
            ),
            expected: expect(&western_claim, Some(&wl("claimant")), Some(WESTERN)),
        },
        BrokenCase {
            name: "author's-perspective claim held by someone else",
            lines: replaced(
                lines,
                |l| is_statement(l, &author_claim, &wl("claimant")),
                &format!("{ID}prashant-rathor"),
                &format!("{ID}the-west"),
            ),
            expected: expect(
                &author_claim,
                Some(&wl("claimant")),
                Some(&format!("{ID}the-west")),
            ),
        },
        BrokenCase {
            name: "set proposed by another actor than its claims' claimant",
            lines: replaced(
                lines,
                |l| is_statement(l, &propositions, &wl("proposedBy")),
                &format!("{ID}china"),
                &format!("{ID}xi-jinping"),
            ),
            expected: expect(
                &propositions,
                Some(&wl("proposedBy")),
                Some(&format!("{ID}china")),
            ),
        },
        BrokenCase {
            name: "alternative claimants without a note",
            lines: without(lines, |l| {
                is_statement(l, &western_claim, &wl("attributionNote"))
            }),
            expected: expect(&western_claim, Some(&wl("attributionNote")), None),
        },
        BrokenCase {
            name: "concept outside any concept scheme",
            lines: without(lines, |l| {
                is_statement(l, &concept, &format!("{SKOS}inScheme"))
            }),
            expected: expect(&concept, Some(&format!("{SKOS}inScheme")), None),
        },
        BrokenCase {
            name: "characterization without a Chinese label",
            lines: without(lines, |l| {
                is_statement(l, &threat, SKOS_PREF_LABEL) && l.ends_with("@zh .")
            }),
            expected: expect(&threat, Some(SKOS_PREF_LABEL), None),
        },
        BrokenCase {
            name: "quantity whose value is not an integer",
            lines: replaced(
                lines,
                |l| is_statement(l, &quantity, SCHEMA_VALUE),
                &format!("\"30000\"^^<{XSD}integer>"),
                &format!("\"30000.5\"^^<{XSD}decimal>"),
            ),
            expected: expect(&quantity, Some(SCHEMA_VALUE), None),
        },
        BrokenCase {
            name: "entity without type",
            lines: without(lines, |l| is_statement(l, &ssf, RDF_TYPE)),
            expected: expect(&ssf, Some(RDF_TYPE), None),
        },
        BrokenCase {
            name: "perspective without label",
            lines: without(lines, |l| is_statement(l, &western, SKOS_PREF_LABEL)),
            expected: expect(&western, Some(SKOS_PREF_LABEL), None),
        },
        BrokenCase {
            name: "mention of an entity that does not exist",
            lines: {
                let target = lines
                    .iter()
                    .find(|l| is_statement(l, &mention, TA_IDENT_REF))
                    .map(|l| l.split(' ').nth(2).unwrap_or_default().to_owned())
                    .expect("the mention's entity");
                replaced(
                    lines,
                    |l| is_statement(l, &mention, TA_IDENT_REF),
                    &target,
                    &iri(&format!("{ID}nobody")),
                )
            },
            expected: expect(&mention, Some(TA_IDENT_REF), None),
        },
        BrokenCase {
            name: "sentence without anchor",
            lines: without(lines, |l| is_statement(l, &sentence, &nif("anchorOf"))),
            expected: expect(&sentence, Some(&nif("anchorOf")), None),
        },
        BrokenCase {
            name: "mention whose anchor is not the text at its offsets",
            // The anchor is a plain string at the end of its line: append a character to it.
            lines: replaced(
                lines,
                |l| is_statement(l, &mention, &nif("anchorOf")) && l.ends_with("\" ."),
                "\" .",
                "X\" .",
            ),
            expected: expect(&document, None, Some(&mention)),
        },
        BrokenCase {
            name: "sentence with two next sentences",
            lines: with_line(
                lines,
                format!("{sentence} {} {next_sentence} .", iri(&nif("nextSentence"))),
            ),
            expected: expect(&sentence, Some(&nif("nextSentence")), None),
        },
    ]
}

/// Writes each case's lines to `dir/broken-NN.nt`; returns the files, in order.
pub fn write_broken_copies(dir: &Path, cases: &[BrokenCase]) -> Vec<PathBuf> {
    cases
        .iter()
        .enumerate()
        .map(|(i, case)| {
            let path = dir.join(format!("broken-{i:02}.nt"));
            std::fs::write(&path, case.lines.join("\n") + "\n").unwrap();
            path
        })
        .collect()
}
