//! Citable claims: `wangluo export --nanopubs` and `wangluo verify`, checked end to end and
//! against nanopublications of other tools. Independent implementations (RDFLib, nanopub-py)
//! check them in the interop tests (`tests/interop/nanopubs.rs`).

use crate::util::{
    claims_in_graph as claim_count, computed_artifact_code, export_nanopubs as export_dir, kg,
    tampered_nanopub, wangluo_in, TAMPERED_CLAIM,
};
use tempfile::TempDir;
use wangluo::nanopub::{claim_nanopubs, verify_quads, Verdict};

/// A signed nanopublication of another tool: `valid/signed/simple1-signed-rsa.trig` of the
/// nanopublication test suite (as shipped with nanopub-rs, MIT licence).
const SIGNED_RSA: &str = r#"@prefix this: <http://example.org/nanopub-validator-example/RAsfLND-jtohcyohjKmXL7H4KYEDMLr0g4Yc6-8ATwb10> .
@prefix sub: <http://example.org/nanopub-validator-example/RAsfLND-jtohcyohjKmXL7H4KYEDMLr0g4Yc6-8ATwb10#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dc: <http://purl.org/dc/terms/> .
@prefix pav: <http://purl.org/pav/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix np: <http://www.nanopub.org/nschema#> .
@prefix npx: <http://purl.org/nanopub/x/> .
@prefix ex: <http://example.org/> .

sub:Head {
	this: np:hasAssertion sub:assertion ;
		np:hasProvenance sub:provenance ;
		np:hasPublicationInfo sub:pubinfo ;
		a np:Nanopublication .
}

sub:assertion {
	ex:mosquito ex:transmits ex:malaria .
}

sub:provenance {
	sub:assertion prov:hadPrimarySource <http://dx.doi.org/10.3233/ISU-2010-0613> .
}

sub:pubinfo {
	sub:signature npx:hasAlgorithm "RSA" ;
		npx:hasPublicKey "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCwUtewGCpT5vIfXYE1bmf/Uqu1ojqnWdYxv+ySO80ul8Gu7m8KoyPAwuvaPj0lvPtHrg000qMmkxzKhYknEjq8v7EerxZNYp5B3/3+5ZpuWOYAs78UnQVjbHSmDdmryr4D4VvvNIiUmd0yxci47dTFUj4DvfHnGd6hVe5+goqdcwIDAQAB" ;
		npx:hasSignature "OC0xJTavw9h/JSZIZl/NLzEZqQk1E7XWV3o1btD1cojxf9FMtgZuMMOtnPcgydRn3gK0wbUh+ATV4sEFdG51khsrOOH7+RylqnaE9XD4L65dwPZ/PpI32/LMYsQ62rsb0ajWtXr5cKDIKaoah0U1V85XlLGhoEyzrLZCU5uqJbo=" ;
		npx:hasSignatureTarget this: .

	this: dc:created "2014-07-24T18:05:11+01:00"^^xsd:dateTime ;
		pav:createdBy <http://orcid.org/0000-0002-1267-0234> ;
		a npx:ExampleNanopub .
}
"#;

/// The artifact code (`RA` + 43 characters) at the end of a nanopublication URI.
fn artifact_code(line: &str, claim: &str) -> String {
    let marker = format!("/np/{claim}/");
    let start = line
        .find(&marker)
        .expect("the URI of the claim's nanopublication")
        + marker.len();
    line[start..start + 45].to_owned()
}

#[test]
fn export_to_a_directory_then_verify_passes_for_every_claim() {
    let tmp = TempDir::new().expect("temp dir");
    let files = export_dir(tmp.path());
    let claims = claim_count();
    assert!(claims >= 50, "the bundled op-ed has its claims ({claims})");
    assert_eq!(files.len(), claims, "one file per claim");
    assert!(files.iter().any(
        |f| f.file_name().and_then(|n| n.to_str()) == Some("challenge-for-foreign-firms.trig")
    ));

    let run = wangluo_in(tmp.path(), &["verify", "nanopubs"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    let ok_lines = run.stdout.lines().filter(|l| l.starts_with("OK ")).count();
    assert_eq!(ok_lines, claims, "{}", run.stdout);
    assert!(!run.stdout.contains("FAIL"), "{}", run.stdout);
    assert!(
        run.stdout.contains(&format!(
            "{claims} nanopublications in {claims} files: {claims} OK, 0 failed"
        )),
        "{}",
        run.stdout
    );
    // Each line names the claim and a trusty URI under the base.
    assert!(run
        .stdout
        .contains("(claim wld:challenge-for-foreign-firms): trusty URI verified (unsigned)"));
    assert!(run
        .stdout
        .contains("https://w3id.org/wangluo/np/challenge-for-foreign-firms/RA"));
}

#[test]
fn all_nanopublications_in_one_file_verify_and_match_the_claims() {
    let tmp = TempDir::new().expect("temp dir");
    let run = wangluo_in(tmp.path(), &["export", "--nanopubs", "-o", "claims.trig"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    let claims = claim_count();
    assert!(run
        .stderr
        .contains(&format!("wrote {claims} nanopublications to claims.trig")));
    let text = std::fs::read_to_string(tmp.path().join("claims.trig")).expect("written");
    assert_eq!(
        text.matches(" a np:Nanopublication ").count(),
        claims,
        "one nanopublication per claim"
    );

    let run = wangluo_in(tmp.path(), &["verify", "claims.trig"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(run.stdout.contains(&format!(
        "{claims} nanopublications in 1 file: {claims} OK, 0 failed"
    )));
}

#[test]
fn the_library_makes_one_trusty_nanopublication_per_claim() {
    let kg = kg();
    let nanopubs = claim_nanopubs(&kg).expect("nanopublications");
    assert_eq!(nanopubs.len(), claim_count());
    for np in &nanopubs {
        assert!(np.artifact_code.starts_with("RA") && np.artifact_code.len() == 45);
        assert!(np
            .uri
            .as_str()
            .ends_with(&format!("/np/{}/{}", np.claim_id, np.artifact_code)));
        let (checks, stray) = verify_quads(np.quads.clone());
        assert_eq!(stray, 0);
        assert_eq!(checks.len(), 1);
        assert_eq!(
            checks[0].verdict,
            Verdict::Trusty(wangluo::nanopub::Signature::Unsigned)
        );
        assert_eq!(
            checks[0].introduces.as_deref(),
            Some(format!("<{}>", np.claim.as_str()).as_str())
        );
        // Four graphs: head, assertion, provenance, publication info.
        let graphs: std::collections::BTreeSet<String> =
            np.quads.iter().map(|q| q.graph_name.to_string()).collect();
        assert_eq!(graphs.len(), 4, "{graphs:?}");
    }
    // The content of one claim's nanopublication: the assertion, the quote's selectors, the
    // attribution and the publication info.
    let np = nanopubs
        .iter()
        .find(|n| n.claim_id == TAMPERED_CLAIM)
        .expect("the claim");
    let nq: Vec<String> = np.quads.iter().map(|q| q.to_string()).collect();
    let has = |needle: &str, graph: &str| {
        nq.iter()
            .any(|q| q.contains(needle) && q.ends_with(&format!("#{graph}>")))
    };
    assert!(has(
        "<http://www.w3.org/ns/oa#TextQuoteSelector>",
        "provenance"
    ));
    assert!(has(
        "<http://www.w3.org/ns/oa#TextPositionSelector>",
        "provenance"
    ));
    assert!(has(
        "<http://www.w3.org/ns/prov#wasDerivedFrom> <https://w3id.org/wangluo/id/rathor-2024>",
        "provenance"
    ));
    assert!(has(
        "<http://www.w3.org/ns/prov#wasAttributedTo> <https://w3id.org/wangluo/id/the-west>",
        "provenance"
    ));
    assert!(has(
        "<https://w3id.org/wangluo/ontology#claimant>",
        "assertion"
    ));
    assert!(has(
        "<https://w3id.org/wangluo/ontology#perspective>",
        "assertion"
    ));
    assert!(has(
        "<http://purl.org/dc/terms/license> <https://creativecommons.org/licenses/by/4.0/>",
        "pubinfo"
    ));
    assert!(has(
        "\"2026-11-26T00:00:00Z\"^^<http://www.w3.org/2001/XMLSchema#dateTime>",
        "pubinfo"
    ));
    assert!(has(
        &format!("\"{}\"", env!("CARGO_PKG_VERSION")),
        "pubinfo"
    ));
}

#[test]
fn the_export_is_deterministic() {
    let tmp = TempDir::new().expect("temp dir");
    let first = wangluo_in(tmp.path(), &["export", "--nanopubs"]);
    let second = wangluo_in(tmp.path(), &["export", "--nanopubs"]);
    assert_eq!(first.code, Some(0), "{first:?}");
    assert!(first.stdout.contains("np:Nanopublication"));
    assert!(first.stdout == second.stdout, "two exports differ");

    let files = export_dir(tmp.path());
    let before: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(f).expect("read"))
        .collect();
    let again = export_dir(tmp.path());
    assert_eq!(files, again);
    let after: Vec<Vec<u8>> = again
        .iter()
        .map(|f| std::fs::read(f).expect("read"))
        .collect();
    assert!(before == after, "two directory exports differ");
}

#[test]
fn a_tampered_nanopublication_fails_naming_the_claim_and_both_hashes() {
    let tmp = TempDir::new().expect("temp dir");
    tampered_nanopub(tmp.path());
    let run = wangluo_in(tmp.path(), &["verify", "nanopubs"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    let fails: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("FAIL"))
        .collect();
    assert_eq!(fails.len(), 1, "{}", run.stdout);
    let line = fails[0];
    let expected = artifact_code(line, TAMPERED_CLAIM);
    assert!(
        line.contains(&format!("(claim wld:{TAMPERED_CLAIM})")),
        "{line}"
    );
    assert!(
        line.contains(&format!("expected {expected} (from the URI)")),
        "{line}"
    );
    let computed = computed_artifact_code(line);
    assert!(computed.starts_with("RA") && computed.len() == 45, "{line}");
    assert_ne!(computed, expected);
    assert!(run.stdout.contains(&format!(
        "{0} nanopublications in {0} files: {1} OK, 1 failed",
        claim_count(),
        claim_count() - 1
    )));
    // nanopub-py refuses it too, with the same hash: `tests/interop/nanopubs.rs`.
}

#[test]
fn statements_outside_any_nanopublication_fail() {
    let tmp = TempDir::new().expect("temp dir");
    export_dir(tmp.path());
    let file = tmp.path().join(format!("nanopubs/{TAMPERED_CLAIM}.trig"));
    let mut text = std::fs::read_to_string(&file).expect("read");
    text.push_str("<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n");
    std::fs::write(&file, text).expect("append");
    let run = wangluo_in(tmp.path(), &["verify", file.to_str().expect("UTF-8")]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(
        run.stdout
            .contains("1 statements belong to no nanopublication"),
        "{run:?}"
    );
    assert!(
        run.stdout.contains("1 OK, 0 failed, 1 other problem"),
        "{run:?}"
    );
}

#[test]
fn other_tools_signed_nanopublications_are_verified() {
    let tmp = TempDir::new().expect("temp dir");
    std::fs::write(tmp.path().join("signed.trig"), SIGNED_RSA).expect("write");
    let run = wangluo_in(tmp.path(), &["verify", "signed.trig"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(run.stdout.contains(
        "OK   signed.trig: http://example.org/nanopub-validator-example/RAsfLND-jtohcyohjKmXL7H4KYEDMLr0g4Yc6-8ATwb10: trusty URI and RSA signature verified"
    ), "{run:?}");

    // The test suite's invalid signature: a changed assertion under a recomputed trusty URI.
    let bad = SIGNED_RSA
        .replace(
            "RAsfLND-jtohcyohjKmXL7H4KYEDMLr0g4Yc6-8ATwb10",
            "RAeUPiCKlke8Pw9wYbqIESyBqFJM5UDSkx4uF9kkRfCh0",
        )
        .replace("ex:mosquito", "ex:moSquito");
    std::fs::write(tmp.path().join("bad-signature.trig"), bad).expect("write");
    let run = wangluo_in(tmp.path(), &["verify", "bad-signature.trig"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(run.stdout.contains("FAIL bad-signature.trig: http://example.org/nanopub-validator-example/RAeUPiCKlke8Pw9wYbqIESyBqFJM5UDSkx4uF9kkRfCh0: invalid signature"), "{run:?}");

    // Without an artifact code the content cannot be checked against its URI, but a signature it
    // carries still must verify: here it was made for the trusty URI, so it does not.
    let plain = SIGNED_RSA.replace("RAsfLND-jtohcyohjKmXL7H4KYEDMLr0g4Yc6-8ATwb10", "np1");
    std::fs::write(tmp.path().join("plain.trig"), plain).expect("write");
    let run = wangluo_in(tmp.path(), &["verify", "plain.trig"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(
        run.stdout.contains("FAIL plain.trig") && run.stdout.contains("invalid signature"),
        "{run:?}"
    );

    // A head that does not link a provenance graph is malformed.
    let malformed = SIGNED_RSA.replace("np:hasProvenance sub:provenance ;", "");
    std::fs::write(tmp.path().join("malformed.trig"), malformed).expect("write");
    let run = wangluo_in(tmp.path(), &["verify", "malformed.trig"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(run.stdout.contains("malformed: its head graph <http://example.org/nanopub-validator-example/RAsfLND-jtohcyohjKmXL7H4KYEDMLr0g4Yc6-8ATwb10#Head> has no np:hasProvenance"), "{run:?}");
}

#[test]
fn unreadable_or_unparsable_input_exits_2_with_file_line_and_column() {
    let tmp = TempDir::new().expect("temp dir");
    std::fs::write(
        tmp.path().join("broken.trig"),
        "@prefix ex: <http://example.org/> .\nex:a ex:b",
    )
    .expect("write");
    let run = wangluo_in(tmp.path(), &["verify", "broken.trig"]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(
        run.stderr.starts_with("wangluo: error: broken.trig:2:"),
        "{run:?}"
    );
    assert_eq!(run.stderr.lines().count(), 1, "{run:?}");
    assert!(run.stdout.is_empty(), "{run:?}");

    let run = wangluo_in(tmp.path(), &["verify", "missing.trig"]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(run.stderr.contains("missing.trig: cannot read"), "{run:?}");

    std::fs::create_dir(tmp.path().join("empty")).expect("mkdir");
    let run = wangluo_in(tmp.path(), &["verify", "empty"]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(
        run.stderr.contains("empty: no .trig, .nq or .jsonld files"),
        "{run:?}"
    );
}

#[test]
fn export_refuses_an_unusable_target_and_keeps_the_old_file() {
    let tmp = TempDir::new().expect("temp dir");
    std::fs::write(tmp.path().join("notes.txt"), "keep me").expect("write");
    let run = wangluo_in(tmp.path(), &["export", "--nanopubs", "-o", "notes.txt"]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(run.stderr.contains("notes.txt: not a directory"), "{run:?}");
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("notes.txt")).expect("read"),
        "keep me"
    );

    let run = wangluo_in(tmp.path(), &["export", "--nanopubs", "--format", "jsonld"]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(run.stderr.contains("cannot be used with"), "{run:?}");
}

#[test]
fn literal_orders_where_the_nanopub_crate_departs_from_the_reference_are_detected() {
    use oxigraph::model::{GraphName, Literal, NamedNode, Quad};
    use wangluo::nanopub::literal_order_divergence;
    let label = |value: &str, language: &str| {
        Quad::new(
            NamedNode::new_unchecked("http://example.org/a"),
            NamedNode::new_unchecked("http://www.w3.org/2000/01/rdf-schema#label"),
            Literal::new_language_tagged_literal_unchecked(value, language),
            GraphName::from(NamedNode::new_unchecked(
                "http://example.org/np/RA#assertion",
            )),
        )
    };
    // The reference sorts by value ("a"@zh first), the crate by language ("b"@en first).
    assert_eq!(
        literal_order_divergence(&[label("b", "en"), label("a", "zh")]).as_deref(),
        Some("<http://example.org/a> <http://www.w3.org/2000/01/rdf-schema#label>")
    );
    assert_eq!(
        literal_order_divergence(&[label("a", "en"), label("b", "zh")]),
        None
    );
    assert_eq!(literal_order_divergence(&[label("b", "en")]), None);
}
