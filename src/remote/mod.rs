//! Real triple stores over HTTP: the W3C Graph Store Protocol ([`publish`]) and the SPARQL 1.1
//! Protocol ([`sparql`]), over one blocking client ([`RemoteClient`]) with a timeout, bounded
//! retries and credentials from the environment.
//!
//! Every failure is one [`RemoteError`] naming the URL (without any user or password it carries)
//! and the cause in a few words; a server's own message is cut to one short line. Credentials
//! come only from `WANGLUO_USER`/`WANGLUO_PASSWORD` (HTTP Basic) or `WANGLUO_TOKEN` (bearer),
//! never from the command line, and nothing here ever writes them anywhere.

pub mod publish;
pub mod sparql;

use std::time::Duration;

/// Environment variables that hold the credentials.
pub const ENV_USER: &str = "WANGLUO_USER";
pub const ENV_PASSWORD: &str = "WANGLUO_PASSWORD";
pub const ENV_TOKEN: &str = "WANGLUO_TOKEN";

/// A request to a remote store that failed. The URL is shown without credentials.
#[derive(Debug, thiserror::Error)]
pub enum RemoteError {
    /// Not an http(s) URL, or not a URL at all.
    #[error("{url}: not an http:// or https:// URL")]
    Scheme { url: String },
    #[error("{url}: invalid URL")]
    InvalidUrl {
        url: String,
        #[source]
        source: url::ParseError,
    },
    /// Nothing listens on the port.
    #[error("{url}: connection refused (is the server running?)")]
    Refused { url: String },
    /// The host could not be reached (name resolution, routing, TLS).
    #[error("{url}: cannot connect")]
    Unreachable {
        url: String,
        #[source]
        source: reqwest::Error,
    },
    /// No complete answer within `--timeout`.
    #[error("{url}: no answer within {seconds} s (--timeout)")]
    Timeout { url: String, seconds: u64 },
    /// 401 or 403.
    #[error("{url}: {status}: not authorized ({hint})")]
    Unauthorized {
        url: String,
        status: u16,
        hint: &'static str,
    },
    /// 404, with the server's message.
    #[error("{url}: 404 not found{}", detail(message))]
    NotFound { url: String, message: String },
    /// 415: the store refuses the media type sent.
    #[error(
        "{url}: 415 the server refuses the media type {media_type}{}",
        detail(message)
    )]
    UnsupportedMediaType {
        url: String,
        media_type: String,
        message: String,
    },
    /// 5xx, still after every retry.
    #[error(
        "{url}: server error {status} after {attempts} attempts{}",
        detail(message)
    )]
    Server {
        url: String,
        status: u16,
        attempts: u32,
        message: String,
    },
    /// Any other status that is not a success.
    #[error("{url}: HTTP {status}{}", detail(message))]
    Status {
        url: String,
        status: u16,
        message: String,
    },
    /// The answer is not what was asked for (SPARQL results, RDF).
    #[error("{url}: the response is not {expected}")]
    BadResponse {
        url: String,
        expected: String,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The connection broke while the answer was read.
    #[error("{url}: the answer could not be read")]
    Body {
        url: String,
        #[source]
        source: reqwest::Error,
    },
    /// The store answered, but what it holds is not what was sent.
    #[error("{url}: {reason}")]
    Check { url: String, reason: String },
}

fn detail(message: &str) -> String {
    if message.is_empty() {
        String::new()
    } else {
        format!(": {message}")
    }
}

/// The URL as it may be shown: without a user or password in it.
pub fn display_url(url: &url::Url) -> String {
    let mut shown = url.clone();
    let _ = shown.set_password(None);
    let _ = shown.set_username("");
    shown.to_string()
}

/// Parses an http(s) URL; anything else (`file:`, `ftp:`) is refused.
pub fn parse_http_url(text: &str) -> Result<url::Url, RemoteError> {
    let url = url::Url::parse(text).map_err(|source| RemoteError::InvalidUrl {
        url: text.to_owned(),
        source,
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(RemoteError::Scheme {
            url: display_url(&url),
        });
    }
    Ok(url)
}

/// Credentials for the store, read from the environment only. `Debug` never shows them.
#[derive(Clone, Default)]
pub enum Auth {
    #[default]
    None,
    Basic {
        user: String,
        password: String,
    },
    Bearer(String),
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Auth::None => "no credentials",
            Auth::Basic { .. } => "Basic (from WANGLUO_USER/WANGLUO_PASSWORD)",
            Auth::Bearer(_) => "bearer token (from WANGLUO_TOKEN)",
        })
    }
}

impl Auth {
    /// `WANGLUO_TOKEN` (bearer) if set, else `WANGLUO_USER` with `WANGLUO_PASSWORD` (Basic), else none.
    pub fn from_env() -> Self {
        let var = |name| std::env::var(name).ok().filter(|v| !v.is_empty());
        if let Some(token) = var(ENV_TOKEN) {
            return Auth::Bearer(token);
        }
        match var(ENV_USER) {
            Some(user) => Auth::Basic {
                user,
                password: var(ENV_PASSWORD).unwrap_or_default(),
            },
            None => Auth::None,
        }
    }

    fn hint(&self) -> &'static str {
        match self {
            Auth::None => "set WANGLUO_USER and WANGLUO_PASSWORD, or WANGLUO_TOKEN",
            _ => "check the credentials in WANGLUO_USER/WANGLUO_PASSWORD or WANGLUO_TOKEN",
        }
    }
}

/// A request to send: the body is kept so that a retry can send it again.
pub struct Request<'a> {
    pub method: reqwest::Method,
    pub url: &'a url::Url,
    pub content_type: Option<&'a str>,
    pub accept: Option<&'a str>,
    pub body: Option<&'a [u8]>,
}

/// A blocking HTTP client with a timeout, bounded retries with backoff (5xx and failed
/// connections) and credentials from the environment.
pub struct RemoteClient {
    http: reqwest::blocking::Client,
    auth: Auth,
    timeout: Duration,
    retries: u32,
}

impl RemoteClient {
    /// A client whose every request must be answered within `timeout`, retried up to `retries`
    /// times (after 0.25 s, 0.5 s, 1 s …) when the server answers 5xx or cannot be reached.
    pub fn new(timeout: Duration, retries: u32, auth: Auth) -> Result<Self, RemoteError> {
        let http = reqwest::blocking::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .redirect(reqwest::redirect::Policy::limited(5))
            .user_agent(concat!("wangluo/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|source| RemoteError::Unreachable {
                url: "(client)".to_owned(),
                source,
            })?;
        Ok(Self {
            http,
            auth,
            timeout,
            retries,
        })
    }

    /// Sends the request (again, after a pause, on a 5xx or a failed connection) and returns
    /// the successful response; any other outcome is a [`RemoteError`].
    pub fn send(&self, request: &Request<'_>) -> Result<reqwest::blocking::Response, RemoteError> {
        let url = display_url(request.url);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let outcome = self.build(request).send();
            let retry = attempt <= self.retries;
            match outcome {
                Ok(response) if response.status().is_success() => return Ok(response),
                Ok(response) if response.status().is_server_error() && retry => {}
                Ok(response) => return Err(self.status_error(&url, request, response, attempt)),
                Err(e) if e.is_connect() && retry => {}
                Err(e) => return Err(self.transport_error(&url, e)),
            }
            std::thread::sleep(Duration::from_millis(250 << (attempt - 1).min(4)));
        }
    }

    fn build(&self, request: &Request<'_>) -> reqwest::blocking::RequestBuilder {
        let mut builder = self
            .http
            .request(request.method.clone(), request.url.clone());
        if let Some(media_type) = request.content_type {
            builder = builder.header(reqwest::header::CONTENT_TYPE, media_type);
        }
        if let Some(accept) = request.accept {
            builder = builder.header(reqwest::header::ACCEPT, accept);
        }
        if let Some(body) = request.body {
            builder = builder.body(body.to_vec());
        }
        match &self.auth {
            Auth::None => builder,
            Auth::Basic { user, password } => builder.basic_auth(user, Some(password)),
            Auth::Bearer(token) => builder.bearer_auth(token),
        }
    }

    fn status_error(
        &self,
        url: &str,
        request: &Request<'_>,
        response: reqwest::blocking::Response,
        attempts: u32,
    ) -> RemoteError {
        let status = response.status().as_u16();
        let message = one_line_message(&response.text().unwrap_or_default());
        let url = url.to_owned();
        match status {
            401 | 403 => RemoteError::Unauthorized {
                url,
                status,
                hint: self.auth.hint(),
            },
            404 => RemoteError::NotFound { url, message },
            415 => RemoteError::UnsupportedMediaType {
                url,
                media_type: request.content_type.unwrap_or("(none)").to_owned(),
                message,
            },
            500..=599 => RemoteError::Server {
                url,
                status,
                attempts,
                message,
            },
            _ => RemoteError::Status {
                url,
                status,
                message,
            },
        }
    }

    fn transport_error(&self, url: &str, error: reqwest::Error) -> RemoteError {
        let url = url.to_owned();
        if error.is_timeout() {
            return RemoteError::Timeout {
                url,
                seconds: self.timeout.as_secs().max(1),
            };
        }
        if is_refused(&error) {
            return RemoteError::Refused { url };
        }
        RemoteError::Unreachable {
            url,
            source: error.without_url(),
        }
    }
}

/// Whether the connection was refused (nothing listens on the port).
fn is_refused(error: &reqwest::Error) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = cause {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::ConnectionRefused {
                return true;
            }
        }
        cause = e.source();
    }
    false
}

/// A server's answer cut to one short line: markup dropped, white space collapsed, at most 160
/// characters. Servers answer errors with whole HTML pages; the line needs only their gist.
pub fn one_line_message(body: &str) -> String {
    let mut text = String::with_capacity(body.len().min(4096));
    let mut in_tag = false;
    for c in body.chars().take(20_000) {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let line = words.join(" ");
    match line.char_indices().nth(160) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
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
            Err(RemoteError::Scheme { .. })
        ));
        assert!(parse_http_url("https://example.org/sparql").is_ok());
    }

    #[test]
    fn a_servers_page_becomes_one_short_line() {
        let page =
            "<html><head><title>Not found</title></head>\n<body><h1>No\n graph</h1></body></html>";
        assert_eq!(one_line_message(page), "Not found No graph");
        assert!(one_line_message(&"x ".repeat(500)).chars().count() <= 161);
    }

    #[test]
    fn credentials_never_show_in_debug() {
        let auth = Auth::Basic {
            user: "u".into(),
            password: "hunter2".into(),
        };
        assert!(!format!("{auth:?}").contains("hunter2"));
    }
}
