//! W3C Web Annotation out (`export --format web-annotation`) and in (`import`), issue 20 item 4:
//! on the bundled op-ed (a round trip) and on a Hypothes.is-style export of the invented op-ed of
//! `tests/fixtures/authoring/`.

use crate::util::{repo, repo_file, utf8, wangluo, wangluo_in};
use serde_json::Value;
use std::collections::BTreeMap;
use wangluo::annotation::{AnnotationFile, QuoteSpec};
use wangluo::text::SourceText;
use wangluo::vocab::Base;

const OPED: &str = "tests/fixtures/authoring/oped.txt";
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
    for v in spans.values_mut() {
        v.sort_unstable();
    }
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
    // What the curated file holds: one annotation per quote (an entity's content included).
    let curated =
        AnnotationFile::parse("rathor-2024.toml", &repo_file("data/rathor-2024.toml")).unwrap();
    let claims = curated.claims.len();
    let entities = curated
        .entities
        .iter()
        .filter(|e| !e.quotes.is_empty() || e.content.is_some())
        .count();
    let quotes = curated.document.as_ref().map_or(0, |d| d.quotes.len())
        + curated
            .entities
            .iter()
            .map(|e| e.quotes.len() + usize::from(e.content.is_some()))
            .sum::<usize>()
        + curated.claims.iter().map(|c| c.quotes.len()).sum::<usize>();
    assert!(
        run.stderr
            .contains(&format!("wrote {quotes} annotations of 1 document to")),
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
        run.stderr.contains(&format!(
            "imported {quotes} of {quotes} annotations: {entities} entities, {claims} claims; 0 not in the text"
        )),
        "{}",
        run.stderr
    );
    let text = SourceText::new(repo_file("data/rathor-2024.txt"));
    let original = placed_quotes(&repo_file("data/rathor-2024.toml"), &text);
    let imported = placed_quotes(&std::fs::read_to_string(&draft).unwrap(), &text);
    assert_eq!(imported, original);

    // The draft resolves as it is, and agrees with the curated file on every claim's values.
    wangluo::authoring::document::resolve_file(
        &draft,
        wangluo::authoring::document::Corpus::Bundled,
        &Base::default(),
    )
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
        assert_eq!(report[field]["units"], claims, "{field}");
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
