//! What every use of HTTP shares: URLs shown without the credentials they may carry, the rule
//! that only http(s) URLs are fetched, and credentials ([`auth`]).

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
}
