//! `wangluo agreement` (issue 20, item 5): two annotators' files of the invented op-ed of
//! `tests/fixtures/authoring/`, every number checked against a count by hand (the arithmetic is
//! in the comments).

use crate::util::{repo, utf8, wangluo_in};
use serde_json::Value;

const ANNOTATOR_A: &str = "tests/fixtures/authoring/oped-a.toml";
const ANNOTATOR_B: &str = "tests/fixtures/authoring/oped-b.toml";

#[test]
fn the_two_annotators_files_load_and_a_store_gives_the_same_agreement() {
    let bundled = wangluo_in(
        &repo(),
        &["agreement", ANNOTATOR_A, ANNOTATOR_B, "--format", "json"],
    )
    .ok();
    for file in [ANNOTATOR_A, ANNOTATOR_B] {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("store");
        let run = wangluo_in(&repo(), &["--store", utf8(&store), "load", "data", file]).ok();
        assert!(run.stderr.contains("0 warnings"), "{file}: {}", run.stderr);
        // Resolved with the store's corpus (the document's own graph left out), not the bundled.
        let args = [
            "--store",
            utf8(&store),
            "agreement",
            ANNOTATOR_A,
            ANNOTATOR_B,
            "--format",
            "json",
        ];
        assert_eq!(
            wangluo_in(&repo(), &args).ok().stdout,
            bundled.stdout,
            "{file}"
        );
    }
}

/// A value of the agreement report, within rounding.
#[track_caller]
fn close(report: &Value, path: &[&str], expected: f64) {
    let value = path.iter().fold(report, |v, k| &v[*k]);
    let got = value
        .as_f64()
        .unwrap_or_else(|| panic!("{path:?} is {value}"));
    assert!(
        (got - expected).abs() < 1e-9,
        "{path:?}: {got} ≠ {expected}"
    );
}

#[test]
fn agreement_of_the_two_annotators_is_what_a_count_by_hand_gives() {
    let run = wangluo_in(
        &repo(),
        &["agreement", ANNOTATOR_A, ANNOTATOR_B, "--format", "json"],
    )
    .ok();
    let r: Value = serde_json::from_str(&run.stdout).unwrap();
    // Claims: A 15, B 15 (A's less xi-shared-home, plus beijing-rejects-accusations). Exact:
    // 15 − xi-shared-home − uscc-military-reforms − xi-right-to-choose (longer quotes in B) = 12:
    // P = R = F1 = 12/15. Overlapping: those two overlap, 14: 14/15.
    assert_eq!(
        (
            r["claims_exact"]["a"].as_u64(),
            r["claims_exact"]["b"].as_u64()
        ),
        (Some(15), Some(15))
    );
    assert_eq!(r["claims_exact"]["matched"], 12);
    close(&r, &["claims_exact", "f1"], 12.0 / 15.0);
    assert_eq!(r["claims_overlapping"]["matched"], 14);
    close(&r, &["claims_overlapping", "precision"], 14.0 / 15.0);
    // Mentions: the corpus finds 21 in A's text (Mara Lindqvist, Nordic Digital Policy Review,
    // the USCC's name, China, Strategic Support Force, Xi Jinping ×4, Wangluo Qiangguo, 网络强国,
    // cyber superpower, Baltic Cyber Policy Forum, BCPF ×4, Tomas Virtanen, Virtanen ×2, cyber
    // sovereignty) and A's quotes add two ("The Baltic Cyber Policy Forum (BCPF)", "Dr. Tomas
    // Virtanen"): 23. B has no mention form "Virtanen" (−2) and quotes "Baltic Cyber Policy
    // Forum", a found mention (−1): 20, all of them A's. P = 1, R = 20/23, F1 = 40/43.
    assert_eq!(
        (
            r["mentions_exact"]["a"].as_u64(),
            r["mentions_exact"]["b"].as_u64()
        ),
        (Some(23), Some(20))
    );
    close(&r, &["mentions_exact", "precision"], 1.0);
    close(&r, &["mentions_exact", "recall"], 20.0 / 23.0);
    close(&r, &["mentions_exact", "f1"], 40.0 / 43.0);
    // Claimant over the 14 matched claims: 13 agree (bcpf-sovereignty-shelters-censorship: bcpf
    // vs mara-lindqvist). A: uscc 5, xi 3, bcpf 3, virtanen 2, mara 1; B: 5, 3, 2, 2, 2.
    // p_o = 13/14 = 182/196; p_e = (25 + 9 + 6 + 4 + 2)/196 = 46/196; κ = 136/150.
    // α: pooled 28 values: 10, 6, 5, 4, 3; Σ_{i≠j} δ = 28² − (100 + 36 + 25 + 16 + 9) = 598;
    // D_e = 598/756, D_o = 1/14; α = 1 − 756/(14 · 598).
    close(&r, &["claimant", "observed"], 13.0 / 14.0);
    close(&r, &["claimant", "kappa"], 136.0 / 150.0);
    close(&r, &["claimant", "alpha"], 1.0 - 756.0 / (14.0 * 598.0));
    // Perspective: the same claim differs (western vs author). A: western 10, chinese 3, author
    // 1; B: 9, 3, 2. p_e = (90 + 9 + 2)/196 = 101/196; κ = (182 − 101)/(196 − 101) = 81/95.
    // α: pooled 19, 6, 3: Σ_{i≠j} δ = 784 − 406 = 378, D_e = 378/756 = 1/2; α = 1 − (1/14)/(1/2) = 6/7.
    close(&r, &["perspective", "kappa"], 81.0 / 95.0);
    close(&r, &["perspective", "alpha"], 6.0 / 7.0);
    assert_eq!(
        r["perspective_confusion"]["labels"],
        serde_json::json!(["author", "chinese", "western"])
    );
    assert_eq!(
        r["perspective_confusion"]["counts"],
        serde_json::json!([[1, 0, 0], [0, 3, 0], [1, 0, 9]])
    );
    // Characterizations: 11 of 14 sets equal (xi-common-space +peaceful, virtanen-data-localisation
    // −challenge, uscc-espionage −adversarial). κ over 9 labels × 14 claims = 126 yes/no
    // decisions, 3 differ: p_o = 123/126; A says yes 13 times, B 12: p_e = (13·12 + 113·114)/126²
    // = 13038/15876; κ = (15498 − 13038)/(15876 − 13038) = 2460/2838.
    // α (Jaccard): D_o = (½ + 1 + ½)/14 = 1/7. The 28 sets: {adversarial} 2, {offensive} 4,
    // {cooperative} 3, {cooperative, peaceful} 1, ∅ 5, {challenge} 3, {adversarial, espionage} 1,
    // {espionage} 1, {disinformation} 2, {sovereign-equality} 4, {authoritarian-control} 2. Of
    // the 378 unordered pairs, 31 are equal sets (δ 0), 6 share one of two labels (δ ½: 3 + 2 + 1),
    // 341 are disjoint (δ 1): Σ = 341 + 3 = 344, D_e = 344/378; α = 1 − (1/7)/(344/378) = 1 − 378/2408.
    close(&r, &["characterizations", "observed"], 11.0 / 14.0);
    close(&r, &["characterizations", "kappa"], 2460.0 / 2838.0);
    close(&r, &["characterizations", "alpha"], 1.0 - 378.0 / 2408.0);
    assert_eq!(r["matched"].as_array().map(Vec::len), Some(14));
}

#[test]
fn agreement_writes_a_table_and_csv_and_refuses_two_texts() {
    let table = wangluo_in(&repo(), &["agreement", ANNOTATOR_A, ANNOTATOR_B])
        .ok()
        .stdout;
    assert!(table.starts_with("lindqvist-2025: B = tests/fixtures/authoring/oped-b.toml against A = tests/fixtures/authoring/oped-a.toml\n"), "{table}");
    assert!(table.contains("over 14 matched claims"), "{table}");
    let csv = wangluo_in(
        &repo(),
        &["agreement", ANNOTATOR_A, ANNOTATOR_B, "--format", "csv"],
    )
    .ok()
    .stdout;
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows[0], "part,item,measure,value");
    assert!(rows.contains(&"claim spans,exact,F1,0.8"), "{csv}");
    assert!(
        rows.contains(&"perspective confusion,western,author,1"),
        "{csv}"
    );
    let line = wangluo_in(
        &repo(),
        &["agreement", ANNOTATOR_A, "data/rathor-2024.toml"],
    )
    .error_line();
    assert!(line.contains("they annotate different texts"), "{line}");
}
