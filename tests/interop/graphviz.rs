//! Graphviz renders the claims network of `export --format dot`.

use crate::tools::{found, run_graphviz, Need};
use crate::util::wangluo;

#[test]
fn graphviz_renders_the_claims_network() {
    if !found(&[Need::Program("dot", "Graphviz")]) {
        return;
    }
    let dot = wangluo(&["export", "--format", "dot"]).ok().stdout;
    let rendered = run_graphviz(&["-Tsvg"], dot.as_bytes());
    assert_eq!(rendered.code, Some(0), "{}", rendered.stderr);
    let svg = &rendered.stdout;
    // The assessment's author, the claimant of its claim (the ODNI is its publisher).
    assert!(svg.contains("<svg") && svg.contains("U.S. Intelligence Community"));
}
