//! What every use of HTTP shares: the one way a client is built ([`client`]), URLs shown without
//! the credentials they may carry, the rule that only http(s) URLs are fetched, credentials
//! ([`auth`]), and a server's HTML error page read as text ([`html_text`]).

pub mod auth;

pub use auth::{Auth, CredentialsError};

/// A text that is not an http(s) URL. The URL is shown without credentials.
#[derive(Debug, thiserror::Error)]
pub enum UrlError {
    #[error("{url}: invalid URL")]
    Invalid {
        url: String,
        #[source]
        source: url::ParseError,
    },
    /// Another scheme (`file:`, `ftp:`).
    #[error("{url}: not an http:// or https:// URL")]
    Scheme { url: String },
}

/// A Content-Type's media type without its parameters (`; charset=…`), in lower case.
pub fn media_type_essence(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The URL as it may be shown: without a user or password in it.
pub fn display_url(url: &url::Url) -> String {
    let mut shown = url.clone();
    // Both fail only for URLs that cannot have credentials, which then have none.
    let _ = shown.set_password(None);
    let _ = shown.set_username("");
    shown.to_string()
}

/// Parses an http(s) URL; anything else (`file:`, `ftp:`) is refused.
pub fn parse_http_url(text: &str) -> Result<url::Url, UrlError> {
    let url = url::Url::parse(text).map_err(|source| UrlError::Invalid {
        url: text.to_owned(),
        source,
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(UrlError::Scheme {
            url: display_url(&url),
        });
    }
    Ok(url)
}

/// The HTTP client of every request wangluo makes (`load URL`, `publish`, `query --endpoint`,
/// remote JSON-LD contexts): rustls, wangluo's user agent, the whole request bounded by
/// `timeout` and the connection by at most 10 s of it, redirects as `redirect` says.
pub fn client(
    timeout: std::time::Duration,
    redirect: reqwest::redirect::Policy,
) -> reqwest::Result<reqwest::blocking::Client> {
    reqwest::blocking::Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout.min(std::time::Duration::from_secs(10)))
        .redirect(redirect)
        .user_agent(concat!("wangluo/", env!("CARGO_PKG_VERSION")))
        .build()
}

/// The text of a server's answer, HTML or not: every tag replaced by a line break, so that an
/// error page becomes its lines of text (its first 20,000 characters: a gist is all a message
/// needs).
pub fn html_text(body: &str) -> String {
    let mut text = String::with_capacity(body.len().min(4096));
    let mut in_tag = false;
    for c in body.chars().take(20_000) {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push('\n');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// `line` cut to at most `max` characters, with `…` when cut.
pub fn shortened(line: &str, max: usize) -> String {
    match line.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_shown_without_credentials() {
        let url = url::Url::parse("http://alice:secret@example.org/store").unwrap();
        assert_eq!(display_url(&url), "http://example.org/store");
    }

    #[test]
    fn only_http_urls_are_taken() {
        assert!(matches!(
            parse_http_url("file:///etc/passwd"),
            Err(UrlError::Scheme { .. })
        ));
        assert!(parse_http_url("https://example.org/sparql").is_ok());
    }

    #[test]
    fn tags_become_line_breaks_and_long_lines_are_cut() {
        let page = "<html><title>Not found</title><p>No <b>graph</b></p></html>";
        let text = html_text(page);
        let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(lines, ["Not found", "No ", "graph"]);
        assert_eq!(html_text("1 < 2"), "1 ", "an unclosed tag hides the rest");
        assert_eq!(shortened("网络强国", 2), "网络…");
        assert_eq!(shortened("abc", 3), "abc");
    }
}
