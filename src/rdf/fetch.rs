//! Fetching an RDF document over HTTP(S) for `load URL`: content negotiation, the format from
//! the Content-Type (else the URL path's extension), a bounded number of redirects (a loop is
//! refused), a size limit enforced while the body streams in, a timeout. Every failure is a
//! [`FetchError`] that names the URL (without any user name or password it carries) and the cause.

use super::io::{format_from_path, FORMAT_NAMES};
use crate::http::{Auth, UrlError};
use oxigraph::io::RdfFormat;
use std::io::Read;
use std::time::Duration;

/// What the server is asked for, best first: the formats wangluo reads.
pub const ACCEPT: &str = "text/turtle, application/trig;q=0.95, application/n-quads;q=0.9, \
application/n-triples;q=0.9, application/ld+json;q=0.8, application/rdf+xml;q=0.8, \
*/*;q=0.1";

/// Media types that say little about the content (servers give them to any file): the URL's
/// extension decides first.
const GENERIC_TYPES: &[&str] = &[
    "text/plain",
    "application/octet-stream",
    "application/xml",
    "text/xml",
    "application/json",
    "binary/octet-stream",
];

/// How a download is bounded, and the credentials it sends (Basic or bearer).
#[derive(Clone, Debug)]
pub struct FetchOptions {
    /// The largest body accepted, in bytes.
    pub max_bytes: u64,
    /// The longest the whole request (connection, answer and body) may take.
    pub timeout: Duration,
    /// How many redirects are followed.
    pub max_redirects: usize,
    /// Sent with every request (reqwest drops them on a redirect to another host).
    pub auth: Auth,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            max_bytes: 256 * 1024 * 1024,
            timeout: Duration::from_secs(60),
            max_redirects: 5,
            auth: Auth::None,
        }
    }
}

/// An RDF document fetched.
#[derive(Debug)]
pub struct Fetched {
    /// The URL the document came from, after redirects (credentials removed): the base IRI of
    /// its relative IRIs.
    pub url: String,
    pub format: RdfFormat,
    pub bytes: Vec<u8>,
}

/// Why a URL could not be fetched. `url` is the URL as given, credentials removed.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("{url}: not a URL")]
    NotUrl {
        url: String,
        #[source]
        source: url::ParseError,
    },
    #[error("{url}: only http and https URLs are fetched; give a local file as a path")]
    Scheme { url: String },
    #[error("{url}: cannot connect: {reason}")]
    Connect { url: String, reason: String },
    #[error("{url}: no complete answer within {seconds} s (the time limit)")]
    Timeout { url: String, seconds: u64 },
    #[error("{url}: redirect loop (back to {to})")]
    RedirectLoop { url: String, to: String },
    #[error("{url}: more than {max} redirects")]
    TooManyRedirects { url: String, max: usize },
    #[error("{url}: HTTP {status}{summary}")]
    Status {
        url: String,
        status: String,
        /// `: ` and a one-line summary of the server's message, or nothing.
        summary: String,
    },
    #[error("{url}: larger than the size limit of {max} bytes")]
    TooLarge { url: String, max: u64 },
    #[error("{url}: not RDF: {found} (expected one of: {expected})")]
    NotRdf {
        url: String,
        /// What the response said: its Content-Type, and the path's extension when that was asked.
        found: String,
        expected: String,
    },
    #[error("{url}: cannot fetch: {reason}")]
    Other { url: String, reason: String },
}

/// Why the redirect policy stopped following: found again in reqwest's error chain.
#[derive(Debug, thiserror::Error)]
enum RedirectStop {
    #[error("redirect loop")]
    Loop(String),
    #[error("too many redirects")]
    TooMany,
}

/// `url` without a user name or password, for messages and IRIs.
pub fn public_url(url: &url::Url) -> String {
    crate::http::display_url(url)
}

/// Parses a URL given to `load`, refusing every scheme but http and https.
pub fn parse_http_url(text: &str) -> Result<url::Url, FetchError> {
    crate::http::parse_http_url(text).map_err(|e| match e {
        UrlError::Invalid { url, source } => FetchError::NotUrl { url, source },
        UrlError::Scheme { url } => FetchError::Scheme { url },
    })
}

/// Fetches the RDF document at `text` (an http or https URL).
pub fn fetch_rdf(text: &str, options: &FetchOptions) -> Result<Fetched, FetchError> {
    let (format, url, bytes) = download(text, options, ACCEPT, |name, content_type, url| {
        format_of(content_type, url).ok_or_else(|| FetchError::NotRdf {
            url: name.to_owned(),
            found: match content_type {
                "" => "no Content-Type and no RDF extension in the path".to_owned(),
                t if is_generic(t) => {
                    format!("Content-Type `{t}` and no RDF extension in the path")
                }
                t => format!("Content-Type `{t}`"),
            },
            expected: FORMAT_NAMES
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", "),
        })
    })?;
    Ok(Fetched { url, format, bytes })
}

/// Fetches any document at `text` (an http or https URL), asking for `accept`. `inspect` sees
/// the Content-Type and the final URL before the body is read, and may refuse it. Returns what
/// `inspect` made of them, the final URL (credentials removed) and the body.
pub fn download<T>(
    text: &str,
    options: &FetchOptions,
    accept: &str,
    inspect: impl FnOnce(&str, &str, &url::Url) -> Result<T, FetchError>,
) -> Result<(T, String, Vec<u8>), FetchError> {
    let url = parse_http_url(text)?;
    let name = public_url(&url);
    let client = client(options).map_err(|e| FetchError::Other {
        url: name.clone(),
        reason: innermost(&e),
    })?;
    let request = client.get(url).header(reqwest::header::ACCEPT, accept);
    let response = options
        .auth
        .apply(request)
        .send()
        .map_err(|e| request_error(&name, e, options))?;
    let final_url = public_url(response.url());
    let status = response.status();
    if !status.is_success() {
        return Err(FetchError::Status {
            url: name,
            status: status.to_string(),
            summary: summarize(response),
        });
    }
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let inspected = inspect(&name, &content_type, response.url())?;
    let bytes = read_bounded(response, &name, options)?;
    Ok((inspected, final_url, bytes))
}

impl FetchError {
    /// The URL the error is about (without credentials).
    pub fn url(&self) -> &str {
        match self {
            FetchError::NotUrl { url, .. }
            | FetchError::Scheme { url }
            | FetchError::Connect { url, .. }
            | FetchError::Timeout { url, .. }
            | FetchError::RedirectLoop { url, .. }
            | FetchError::TooManyRedirects { url, .. }
            | FetchError::Status { url, .. }
            | FetchError::TooLarge { url, .. }
            | FetchError::NotRdf { url, .. }
            | FetchError::Other { url, .. } => url,
        }
    }
}

fn client(options: &FetchOptions) -> reqwest::Result<reqwest::blocking::Client> {
    let max = options.max_redirects;
    let policy = reqwest::redirect::Policy::custom(move |attempt| {
        if attempt.previous().contains(attempt.url()) {
            let to = public_url(attempt.url());
            attempt.error(RedirectStop::Loop(to))
        } else if attempt.previous().len() > max {
            attempt.error(RedirectStop::TooMany)
        } else {
            attempt.follow()
        }
    });
    crate::http::client(options.timeout, policy)
}

/// Whether a media type (parameters allowed) says too little to choose a format by.
fn is_generic(content_type: &str) -> bool {
    let media_type = crate::http::media_type_essence(content_type);
    media_type.is_empty() || GENERIC_TYPES.contains(&media_type.as_str())
}

/// The format a response's Content-Type names; for a generic or missing one, the format the
/// URL path's extension names first.
fn format_of(content_type: &str, url: &url::Url) -> Option<RdfFormat> {
    let known = |format: RdfFormat| FORMAT_NAMES.iter().any(|(_, f)| *f == format);
    let from_type = RdfFormat::from_media_type(content_type).filter(|f| known(*f));
    if !is_generic(content_type) {
        return from_type;
    }
    let last_segment = url.path_segments()?.next_back().unwrap_or("");
    // text/plain was N-Triples' media type once, but servers give it to any text.
    let plain_text = content_type
        .trim()
        .to_ascii_lowercase()
        .starts_with("text/plain");
    format_from_path(std::path::Path::new(last_segment)).or(if plain_text {
        None
    } else {
        from_type
    })
}

/// Reads the body, failing as soon as it exceeds `options.max_bytes`.
fn read_bounded(
    response: reqwest::blocking::Response,
    name: &str,
    options: &FetchOptions,
) -> Result<Vec<u8>, FetchError> {
    let too_large = || FetchError::TooLarge {
        url: name.to_owned(),
        max: options.max_bytes,
    };
    if response
        .content_length()
        .is_some_and(|n| n > options.max_bytes)
    {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    response
        .take(options.max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            if is_timeout(&e) {
                FetchError::Timeout {
                    url: name.to_owned(),
                    seconds: options.timeout.as_secs(),
                }
            } else {
                FetchError::Other {
                    url: name.to_owned(),
                    reason: innermost(&e),
                }
            }
        })?;
    if bytes.len() as u64 > options.max_bytes {
        return Err(too_large());
    }
    Ok(bytes)
}

fn request_error(name: &str, error: reqwest::Error, options: &FetchOptions) -> FetchError {
    let url = name.to_owned();
    let error = error.without_url();
    if let Some(stop) = find_cause::<RedirectStop>(&error) {
        return match stop {
            RedirectStop::Loop(to) => FetchError::RedirectLoop {
                url,
                to: to.clone(),
            },
            RedirectStop::TooMany => FetchError::TooManyRedirects {
                url,
                max: options.max_redirects,
            },
        };
    }
    if is_timeout(&error) {
        FetchError::Timeout {
            url,
            seconds: options.timeout.as_secs(),
        }
    } else if error.is_connect() {
        FetchError::Connect {
            url,
            reason: innermost(&error),
        }
    } else {
        FetchError::Other {
            url,
            reason: innermost(&error),
        }
    }
}

/// The first cause of type `T` in `error`'s chain.
fn find_cause<'a, T: std::error::Error + 'static>(
    error: &'a (dyn std::error::Error + 'static),
) -> Option<&'a T> {
    let mut cause = Some(error);
    while let Some(e) = cause {
        if let Some(found) = e.downcast_ref::<T>() {
            return Some(found);
        }
        cause = e.source();
    }
    None
}

fn is_timeout(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(error);
    while let Some(e) = cause {
        let timed_out = e
            .downcast_ref::<reqwest::Error>()
            .is_some_and(|e| e.is_timeout())
            || e.downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::TimedOut);
        if timed_out {
            return true;
        }
        cause = e.source();
    }
    false
}

/// The deepest cause's text (`Connection refused (os error 111)`, `dns error: …`): the layers
/// above it (reqwest, hyper) add only "error sending request".
fn innermost(error: &(dyn std::error::Error + 'static)) -> String {
    let mut last = error;
    while let Some(next) = last.source() {
        last = next;
    }
    last.to_string()
}

/// The first line of text in the start of an error response (HTML tags removed), shortened:
/// servers often send a whole page.
fn summarize(response: reqwest::blocking::Response) -> String {
    let mut start = Vec::new();
    // An unreadable error body only loses the summary.
    let _ = response.take(8192).read_to_end(&mut start);
    let text = crate::http::html_text(&String::from_utf8_lossy(&start));
    let line = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|l| !l.is_empty())
        .unwrap_or_default();
    if line.is_empty() {
        return String::new();
    }
    format!(": {}", crate::http::shortened(&line, 160))
}
