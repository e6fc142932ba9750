//! Every same-site link of the site works, and so does every anchor (issue 21, A: links to
//! `/read/id/rathor-2024/exclusion#char=…` answered 404, quote pages linked to `#position` and
//! `#quote`, which they never rendered). The crawl starts at the home page, follows every link
//! (`a`, `link`, `img`, `script`) under the site's root, redirects included, and parses each
//! HTML page it reaches (`scraper`, an HTML5 parser).

use crate::util::{http_client, ServeProcess};
use reqwest::header::{CONTENT_TYPE, LOCATION};
use scraper::{Html, Selector};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Mutex;

/// What one URL (without its fragment) gave.
enum Fetched {
    /// An HTML page: the ids of its elements and the URLs it links to.
    Page {
        ids: BTreeSet<String>,
        links: Vec<String>,
    },
    /// A redirect to another URL of the site (or elsewhere).
    Redirect(String),
    /// Anything else that answered 200.
    Other,
    /// Not 200 or 3xx.
    Broken(u16),
}

fn fetch(client: &reqwest::blocking::Client, url: &str) -> Fetched {
    let get = || client.get(url).header("Accept", "text/html").send();
    // Once more after a connection closed without an answer: what takes long the first time (the
    // whole-graph downloads of a debug build on a busy machine) is made once, then served.
    let response = get()
        .or_else(|_| get())
        .unwrap_or_else(|e| panic!("{url}: no response: {e}"));
    let status = response.status().as_u16();
    if response.status().is_redirection() {
        let location = response
            .headers()
            .get(LOCATION)
            .and_then(|l| l.to_str().ok());
        return Fetched::Redirect(resolve(url, location.unwrap_or("")).unwrap_or_default());
    }
    if status != 200 {
        return Fetched::Broken(status);
    }
    let html = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|c| c.to_str().ok())
        .is_some_and(|c| c.starts_with("text/html"));
    if !html {
        return Fetched::Other;
    }
    let document = Html::parse_document(&response.text().expect("a body"));
    let with_id = Selector::parse("[id]").expect("a selector");
    let ids = document
        .select(&with_id)
        .filter_map(|e| e.value().attr("id"))
        .map(str::to_owned)
        .collect();
    let linking = Selector::parse("a[href], link[href], img[src], script[src]").expect("selector");
    let links = document
        .select(&linking)
        .filter_map(|e| e.value().attr("href").or(e.value().attr("src")))
        .filter_map(|href| resolve(url, href))
        .collect();
    Fetched::Page { ids, links }
}

fn resolve(base: &str, href: &str) -> Option<String> {
    Some(url::Url::parse(base).ok()?.join(href).ok()?.to_string())
}

fn split_fragment(url: &str) -> (&str, Option<&str>) {
    match url.split_once('#') {
        Some((page, fragment)) => (page, Some(fragment)),
        None => (url, None),
    }
}

/// Every URL under `root` reachable from `start`, fetched once each, on a few threads.
fn crawl(root: &str, start: &str) -> HashMap<String, Fetched> {
    let client = http_client();
    let mut fetched: HashMap<String, Fetched> = HashMap::new();
    let mut frontier = vec![start.to_owned()];
    while !frontier.is_empty() {
        let level = Mutex::new(Vec::new());
        let chunk = frontier.len().div_ceil(4);
        std::thread::scope(|scope| {
            for urls in frontier.chunks(chunk) {
                let (client, level) = (&client, &level);
                scope.spawn(move || {
                    for url in urls {
                        let page = fetch(client, url);
                        level.lock().expect("lock").push((url.clone(), page));
                    }
                });
            }
        });
        let mut next = BTreeSet::new();
        for (url, page) in level.into_inner().expect("lock") {
            let targets: Vec<&String> = match &page {
                Fetched::Page { links, .. } => links.iter().collect(),
                Fetched::Redirect(to) => vec![to],
                _ => Vec::new(),
            };
            for target in targets {
                let (page_url, _) = split_fragment(target);
                if page_url.starts_with(root) && !fetched.contains_key(page_url) {
                    next.insert(page_url.to_owned());
                }
            }
            fetched.insert(url, page);
        }
        next.retain(|url| !fetched.contains_key(url));
        frontier = next.into_iter().collect();
    }
    fetched
}

/// Where a link ends after its redirects, and what is there.
fn landing<'a>(fetched: &'a HashMap<String, Fetched>, url: &str) -> Option<&'a Fetched> {
    let mut at = url.to_owned();
    for _ in 0..5 {
        match fetched.get(&at)? {
            Fetched::Redirect(to) => at = split_fragment(to).0.to_owned(),
            other => return Some(other),
        }
    }
    None
}

#[test]
fn every_link_and_anchor_of_the_site_works() {
    let server = ServeProcess::bundled(&[]);
    let root = server.url("/");
    let fetched = crawl(&root, &root);
    let mut broken: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut pages = 0;
    for (from, page) in &fetched {
        let Fetched::Page { links, .. } = page else {
            continue;
        };
        pages += 1;
        for link in links.iter().filter(|l| l.starts_with(&root)) {
            let (target, fragment) = split_fragment(link);
            let problem = match (landing(&fetched, target), fragment) {
                (Some(Fetched::Broken(status)), _) => Some(format!("{status}")),
                (None, _) => Some("redirects in a loop".to_owned()),
                (Some(Fetched::Page { ids, .. }), Some(id))
                    if !id.is_empty() && !ids.contains(id) && !ids.contains(&decode(id)) =>
                {
                    Some(format!("no #{id}"))
                }
                _ => None,
            };
            if let Some(problem) = problem {
                broken
                    .entry(format!("{link}: {problem}"))
                    .or_default()
                    .insert(from.clone());
            }
        }
    }
    assert!(pages > 100, "only {pages} pages reached from the home page");
    let report: Vec<String> = broken
        .iter()
        .take(30)
        .map(|(link, from)| {
            format!(
                "{link} (from {} pages, e.g. {})",
                from.len(),
                from.first().map_or("", |f| f)
            )
        })
        .collect();
    assert!(
        broken.is_empty(),
        "{} broken links among {pages} pages:\n{}",
        broken.len(),
        report.join("\n")
    );
}

/// A fragment with its percent escapes decoded (an id is compared with both).
fn decode(fragment: &str) -> String {
    let query = format!("x={}", fragment.replace('+', "%2B"));
    url::form_urlencoded::parse(query.as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}
