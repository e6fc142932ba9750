//! Authoring (issue 20, items 4 and 5): W3C Web Annotation out (`export --format
//! web-annotation`) and in (`import`), and `agreement` of two annotators of one text, on the
//! bundled op-ed and on the invented op-ed of `tests/fixtures/authoring/`.

use crate::util::{repo, repo_file, utf8, wangluo, wangluo_in};
use serde_json::Value;
use std::collections::BTreeMap;
use wangluo::annotation::{AnnotationFile, QuoteSpec};
use wangluo::text::SourceText;
use wangluo::vocab::Base;

const OPED: &str = "tests/fixtures/authoring/oped.txt";
const ANNOTATOR_A: &str = "tests/fixtures/authoring/oped-a.toml";
const ANNOTATOR_B: &str = "tests/fixtures/authoring/oped-b.toml";
const HYPOTHESIS: &str = "tests/fixtures/web-annotation/hypothesis-oped.jsonld";
const MAPPING: &str = "tests/fixtures/web-annotation/hypothesis-mapping.toml";

/// Every quote of an annotation file, placed: item id → sorted spans (an entity's `content`
/// under `ID#content`, the document's own quotes under its id).
fn placed_quotes(toml: &str, text: &SourceText) -> BTreeMap<String, Vec<(usize, usize)>> {
    let file = AnnotationFile::parse("test.toml", toml).expect("the file parses");
    let mut spans: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    let mut place = |id: String, quote: &QuoteSpec| {
        let q = text
            .select(quote.exact(), quote.occurrence())
            .expect("quote in the text");
        spans.entry(id).or_default().push((q.start, q.end));
    };
    if let Some(doc) = &file.document {
        doc.quotes
            .iter()
            .for_each(|q| place(doc.id.get_ref().clone(), q));
    }
    for e in &file.entities {
        e.quotes
            .iter()
            .for_each(|q| place(e.id.get_ref().clone(), q));
        if let Some(content) = &e.content {
            place(format!("{}#content", e.id.get_ref()), content);
        }
    }
    for c in &file.claims {
        c.quotes
            .iter()
            .for_each(|q| place(c.id.get_ref().clone(), q));
    }
    spans.values_mut().for_each(|v| v.sort_unstable());
    spans
}

#[test]
fn export_then_import_gives_the_same_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let exported = dir.path().join("rathor-2024.jsonld");
    let run = wangluo_in(
        dir.path(),
        &[
            "export",
            "--format",
            "web-annotation",
            "-o",
            utf8(&exported),
        ],
    )
    .ok();
    assert!(
        run.stderr
            .contains("wrote 228 annotations of 1 document to"),
        "{}",
        run.stderr
    );
    // Deterministic: a second export gives the same bytes.
    let again = wangluo(&["export", "--format", "web-annotation"]).ok();
    assert_eq!(again.stdout, std::fs::read_to_string(&exported).unwrap());

    let draft = dir.path().join("draft/rathor-2024.toml");
    std::fs::create_dir(dir.path().join("draft")).unwrap();
    let text_path = repo().join("data/rathor-2024.txt");
    let run = wangluo_in(
        dir.path(),
        &[
            "import",
            utf8(&exported),
            "--text",
            utf8(&text_path),
            "-o",
            utf8(&draft),
        ],
    )
    .ok();
    assert!(
        run.stderr
            .contains("imported 228 of 228 annotations: 98 entities, 60 claims; 0 not in the text"),
        "{}",
        run.stderr
    );
    let text = SourceText::new(repo_file("data/rathor-2024.txt"));
    let original = placed_quotes(&repo_file("data/rathor-2024.toml"), &text);
    let imported = placed_quotes(&std::fs::read_to_string(&draft).unwrap(), &text);
    assert_eq!(imported, original);

    // The draft resolves as it is, and agrees with the curated file on every claim's values.
    wangluo::authoring::document::resolve_file(&draft, &Base::default())
        .expect("the draft resolves");
    let run = wangluo_in(
        &repo(),
        &[
            "agreement",
            "data/rathor-2024.toml",
            utf8(&draft),
            "--format",
            "json",
        ],
    )
    .ok();
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["claims_exact"]["f1"], 1.0);
    for field in ["claimant", "perspective", "characterizations"] {
        assert_eq!(report[field]["observed"], 1.0, "{field}");
        assert_eq!(report[field]["units"], 60, "{field}");
    }
}

#[test]
fn a_hypothesis_export_with_curly_quotes_and_a_stale_quote_imports_as_described() {
    let run = wangluo_in(
        &repo(),
        &[
            "import",
            HYPOTHESIS,
            "--text",
            OPED,
            "--mapping",
            MAPPING,
            "--id",
            "lindqvist-2025",
        ],
    )
    .ok();
    // The stale quote: one line, naming the file and the annotation; the count says it too.
    let stale: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("is not in the text"))
        .collect();
    assert_eq!(stale.len(), 1, "{}", run.stderr);
    assert!(stale[0].starts_with(&format!(
        "wangluo: warning: {HYPOTHESIS}: annotation https://hypothes.is/a/oped-5: quote \"Helsinki"
    )));
    assert!(
        run.stderr.contains(
            "imported 5 of 7 annotations: 2 entities, 3 claims; 1 not in the text, 0 ambiguous, \
             1 neither claim nor entity; 2 placed where the text's typography differs"
        ),
        "{}",
        run.stderr
    );
    let draft = &run.stdout;
    AnnotationFile::parse("draft.toml", draft).expect("the draft is valid TOML of the format");
    // Curly quotes in the annotation, straight in the text: the text's own characters are kept.
    assert!(
        draft.contains(
            "quotes = [\"cyberspace is \\\"a common space of activities for mankind.\\\"\"]"
        ),
        "{draft}"
    );
    assert!(
        draft.contains("quotes = [\"China's military reforms placed cyber operations\"]"),
        "{draft}"
    );
    // No position, prefix and suffix choose the second of the four "BCPF".
    assert!(
        draft.contains("quotes = [{ exact = \"BCPF\", occurrence = 2 }]"),
        "{draft}"
    );
    // A wrong position (shifted by 57), the words occurring once: placed by the quote.
    assert!(
        draft.contains("quotes = [\"Baltic Cyber Policy Forum\"]"),
        "{draft}"
    );
    // Tags through the mapping.
    assert!(
        draft.contains("claimant = \"uscc\"\nsubjects = []  # TODO"),
        "{draft}"
    );
    assert!(
        draft.contains("perspective = \"western\"\ncharacterizations = [\"adversarial\"]"),
        "{draft}"
    );
    assert!(draft.contains("claimant = \"xi-jinping\""), "{draft}");
    assert!(draft.contains("type = \"ThinkTank\""), "{draft}");
    // Neither claim nor entity: kept as a comment.
    assert!(draft.contains("# \"Small states want predictable rules.\" (annotation https://hypothes.is/a/oped-7; tags: interesting)"), "{draft}");
}

#[test]
fn import_refuses_what_is_not_web_annotation() {
    let dir = tempfile::tempdir().unwrap();
    let text = repo().join(OPED);
    let not_json = dir.path().join("a.jsonld");
    std::fs::write(&not_json, "{ nope").unwrap();
    let line = wangluo(&["import", utf8(&not_json), "--text", utf8(&text)]).error_line();
    assert!(line.contains("a.jsonld: not JSON"), "{line}");
    std::fs::write(&not_json, "{\"items\": []}").unwrap();
    let line = wangluo(&["import", utf8(&not_json), "--text", utf8(&text)]).error_line();
    assert!(line.contains("a.jsonld: no annotation in it"), "{line}");
    let mapping = dir.path().join("map.toml");
    std::fs::write(&mapping, "[claimants]\nx = 1\n").unwrap();
    let line = wangluo_in(
        &repo(),
        &[
            "import",
            HYPOTHESIS,
            "--text",
            OPED,
            "--mapping",
            utf8(&mapping),
        ],
    )
    .error_line();
    assert!(line.contains("map.toml: 2:5:"), "{line}");
}

#[test]
fn the_two_annotators_files_load() {
    for file in [ANNOTATOR_A, ANNOTATOR_B] {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("store");
        let run = wangluo_in(&repo(), &["--store", utf8(&store), "load", "data", file]).ok();
        assert!(run.stderr.contains("0 warnings"), "{file}: {}", run.stderr);
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

#[test]
fn export_web_annotation_refuses_the_options_of_other_formats() {
    let line = wangluo(&["export", "--format", "web-annotation", "--canonical"]).error_line();
    assert_eq!(
        line,
        "wangluo: error: --canonical: only with --format nquads"
    );
    let graph = "https://w3id.org/wangluo/graph/nothing";
    let line = wangluo(&["export", "--format", "web-annotation", "--graph", graph]).error_line();
    assert!(line.contains("no such graph"), "{line}");
}
