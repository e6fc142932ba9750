//! Pages of a served site, parsed with `scraper` (an HTML5 parser), for the `serve_*` tests.

use crate::util::{http_client, ServeProcess};
use scraper::{Html, Selector};

/// A CSS selector the test writes (a typo fails the test).
pub fn selector(s: &str) -> Selector {
    Selector::parse(s).expect("a selector")
}

/// The page at `path`, which must answer 200.
pub fn html_page(server: &ServeProcess, path: &str) -> Html {
    let response = http_client()
        .get(server.url(path))
        .send()
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(response.status(), 200, "{path}");
    Html::parse_document(&response.text().expect("a body"))
}
