//! The accessibility items of issue 21, A, that a parser can check (axe-core in Chromium checks
//! the rest, `tests/interop/browser.rs`): a quote's highlight has an edge of 3:1 contrast or more
//! against the page (WCAG 1.4.11; its background alone was 1.26–1.66:1) in a line style of its
//! own per perspective, text on it stays at 4.5:1; landmarks are told apart by their names (axe
//! `landmark-unique` on the ontology page); a skip link.

use crate::html::selector as sel;
use crate::util::{http_client, kg, select_text, ServeProcess};
use scraper::Html;
use std::collections::{BTreeMap, BTreeSet};

fn get(server: &ServeProcess, path: &str) -> String {
    let response = http_client().get(server.url(path)).send().expect(path);
    assert_eq!(response.status(), 200, "{path}");
    response.text().expect("a body")
}

/// The custom properties of the stylesheet's `:root` rule.
fn variables(css: &str) -> BTreeMap<String, String> {
    let root = css.split(":root").nth(1).expect("a :root rule");
    let body = root.split('}').next().unwrap_or("");
    body.split(';')
        .filter_map(|d| d.split_once(':'))
        .map(|(k, v)| {
            (
                k.trim_matches(|c: char| c == '{' || c.is_whitespace())
                    .to_owned(),
                v.trim().to_owned(),
            )
        })
        .filter(|(k, _)| k.starts_with("--"))
        .collect()
}

/// The relative luminance of `#rrggbb` (WCAG 2.2).
fn luminance(hex: &str) -> f64 {
    let hex = hex.trim_start_matches('#');
    assert_eq!(hex.len(), 6, "not #rrggbb: {hex}");
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).expect("hex")) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[test]
fn highlights_have_an_edge_of_enough_contrast_and_a_style_per_perspective() {
    let server = ServeProcess::bundled(&[]);
    let css = get(&server, "/style.css");
    let vars = variables(&css);
    let var = |name: &str| {
        vars.get(name)
            .unwrap_or_else(|| panic!("no {name} in :root"))
    };
    let page = var("--page");
    let perspectives = select_text(&kg(), "SELECT DISTINCT ?p WHERE { ?c wl:perspective ?p }");
    assert!(perspectives.len() >= 3);
    let mut styles = BTreeSet::new();
    for row in &perspectives {
        let local = row["p"].rsplit('/').next().expect("a local name");
        let line = var(&format!("--{local}-line"));
        assert!(
            contrast(line, page) >= 3.0,
            "{local}: edge {line} on {page}"
        );
        let fill = var(&format!("--{local}"));
        assert!(
            contrast(var("--ink"), fill) >= 4.5,
            "{local}: text on {fill}"
        );
        // The rule of the perspective's quotes draws that edge, in a style of its own.
        let rule = css
            .lines()
            .find(|l| l.starts_with(&format!(".quote.p-{local},")))
            .unwrap_or_else(|| panic!("no rule .quote.p-{local}"));
        let border = rule
            .split("border-bottom:")
            .nth(1)
            .expect("a border-bottom");
        assert!(border.contains(&format!("var(--{local}-line)")), "{rule}");
        let style = border
            .split_whitespace()
            .find(|w| ["solid", "double", "dashed", "dotted"].contains(w))
            .expect("a line style");
        assert!(
            styles.insert(style.to_owned()),
            "two perspectives drawn {style}"
        );
    }
}

#[test]
fn landmarks_are_named_apart_and_a_skip_link_leads_to_the_content() {
    let server = ServeProcess::bundled(&[]);
    for path in ["/page/ontology", "/read/id/rathor-2024", "/"] {
        let html = Html::parse_document(&get(&server, path));
        let mut seen = BTreeSet::new();
        for landmark in html.select(&sel(
            "nav, aside, main, form[aria-label], section[aria-labelledby]",
        )) {
            let e = landmark.value();
            let name = e
                .attr("aria-label")
                .map(str::to_owned)
                .or_else(|| {
                    let id = e.attr("aria-labelledby")?;
                    let by = html.select(&sel(&format!("[id='{id}']"))).next()?;
                    Some(by.text().collect())
                })
                .unwrap_or_default();
            assert!(
                seen.insert((e.name().to_owned(), name.clone())),
                "{path}: two {} named {name:?}",
                e.name()
            );
        }
        let first = html.select(&sel("body a")).next().expect("a link");
        assert_eq!(
            first.value().attr("href"),
            Some("#main"),
            "{path}: no skip link first"
        );
        assert!(html.select(&sel("main#main")).next().is_some());
    }
}
