//! `wangluo serve` in a real browser: headless Chromium (Debian's `chromium` and
//! `chromium-driver`) driven by Selenium follows the links a reader would
//! (`browser_check.py`): home page → the ODNI claim with its quote highlighted → the reading
//! view → a claim from a highlight → a paragraph's IRI, landing on the paragraph in the reading
//! view → a concept's Chinese label (a CJK font, `fonts-wqy-zenhei`, is installed by
//! `scripts/test`) → the query page running `adversary-sources`. In the reading view, the
//! keyboard reaches a claim's number (named by the claim's text) and the filter keeps one
//! perspective's claims. And axe-core (npm `axe-core`, `axe_check.py`) audits one page of every
//! type against the WCAG 2.0–2.2 A and AA rules: none may fail.

use crate::tools::{axe_script, found, run_python, Need, INSTALL};
use crate::util::{wangluo, ServeProcess};

/// What the browser tests need: Selenium, Debian's Chromium and its driver.
pub(crate) const BROWSER: [Need; 3] = [
    Need::Python(&["selenium"]),
    Need::File("/usr/bin/chromium", "Debian package chromium"),
    Need::File("/usr/bin/chromedriver", "Debian package chromium-driver"),
];

#[test]
fn a_reader_follows_a_claim_into_the_text_and_runs_a_query_in_chromium() {
    if !found(&BROWSER) {
        return;
    }
    let server = ServeProcess::bundled(&[]);
    let run = run_python("browser_check.py", &[&server.root]);
    assert_ne!(run.code, Some(3), "{}: {INSTALL}", run.stdout.trim());
    assert_eq!(run.code, Some(0), "{run:#?}");
    let value = |key: &str| {
        run.stdout
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key}=")))
            .unwrap_or_else(|| panic!("no {key} in {}", run.stdout))
            .to_owned()
    };
    assert!(
        value("quote").contains("sophisticated cyber adversary")
            || value("quote").contains("Annual Threat Assessment")
    );
    assert!(value("reading_quotes").parse::<usize>().unwrap() > 50);
    assert!(value("no_claim_sentences").parse::<usize>().unwrap() > 0);
    // A paragraph's IRI lands on the paragraph; the Chinese label is the graph's.
    assert!(value("paragraph_url").contains("/read/id/rathor-2024#char="));
    let label = wangluo(&[
        "query",
        "--sparql",
        "SELECT ?zh WHERE { wld:wangluo-qiangguo rdfs:label ?zh FILTER(lang(?zh) = \"zh\") }",
        "--format",
        "csv",
    ])
    .ok();
    assert_eq!(
        label.stdout.lines().nth(1),
        Some(value("chinese_label").as_str())
    );
    assert_eq!(value("chinese_label"), "网络强国");
    // The page shows as many rows as `wangluo query` gives.
    let local = wangluo(&["query", "adversary-sources", "--format", "csv"]).ok();
    let local_rows = local.stdout.lines().count() - 1;
    assert_eq!(value("query_rows").parse::<usize>().unwrap(), local_rows);
}

#[test]
fn axe_finds_no_wcag_violation_on_any_page_type() {
    let Some(axe) = axe_script() else {
        return;
    };
    if !found(&BROWSER) {
        return;
    }
    let server = ServeProcess::bundled(&[]);
    let axe = axe.to_str().expect("UTF-8 path");
    let run = run_python("axe_check.py", &[&server.root, axe]);
    assert_ne!(run.code, Some(3), "{}: {INSTALL}", run.stdout.trim());
    assert_eq!(run.code, Some(0), "{run:#?}");
    let audited: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains(" violations="))
        .collect();
    assert!(audited.len() >= 14, "{}", run.stdout);
    let failing: Vec<&&str> = audited
        .iter()
        .filter(|l| !l.contains(" violations=0 "))
        .collect();
    assert!(failing.is_empty(), "axe: {}", run.stdout);
}
