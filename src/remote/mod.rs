//! Real triple stores over HTTP: the W3C Graph Store Protocol ([`publish`]) and the SPARQL 1.1
//! Protocol ([`sparql`]), over one blocking client ([`RemoteClient`]) with a timeout, bounded
//! retries and credentials from the environment.
//!
//! Every failure is one [`RemoteError`] naming the URL (without any user or password it carries)
//! and the cause in a few words; a server's own message is cut to one short line. Credentials
//! ([`auth`]) come only from a credentials file or the environment, never from the command
//! line, and nothing here ever writes them anywhere.

pub mod publish;
pub mod sparql;

use crate::http::auth::DigestChallenge;
pub use crate::http::{display_url, Auth, CredentialsError};

use std::time::Duration;

/// A request to a remote store that failed. The URL is shown without credentials.
#[derive(Debug, thiserror::Error)]
pub enum RemoteError {
    /// Not an http(s) URL, or not a URL at all.
    #[error(transparent)]
    Url(#[from] crate::http::UrlError),
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
    /// The connection broke before the store answered (it stopped, or cut the request).
    #[error("{url}: the connection was lost before the store answered (did it stop?)")]
    ConnectionLost { url: String },
    /// No complete answer within `--timeout`.
    #[error("{url}: no answer within {seconds} s (the time limit)")]
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

/// Parses an http(s) URL; anything else (`file:`, `ftp:`) is refused.
pub fn parse_http_url(text: &str) -> Result<url::Url, RemoteError> {
    Ok(crate::http::parse_http_url(text)?)
}

/// A request to send: the body is kept so that a retry can send it again.
pub struct Request<'a> {
    pub method: reqwest::Method,
    pub url: &'a url::Url,
    pub content_type: Option<&'a str>,
    /// `gzip` when the body is compressed.
    pub content_encoding: Option<&'a str>,
    pub accept: Option<&'a str>,
    pub body: Option<&'a [u8]>,
    /// Told how many more bytes of the body went out, as they go (for a progress bar).
    pub progress: Option<&'a Progress>,
}

impl<'a> Request<'a> {
    /// A request with no body, no encoding and no progress reports.
    pub fn new(method: reqwest::Method, url: &'a url::Url) -> Self {
        Request {
            method,
            url,
            content_type: None,
            content_encoding: None,
            accept: None,
            body: None,
            progress: None,
        }
    }
}

/// Called with the number of bytes of a request body just sent.
pub type Progress = std::sync::Arc<dyn Fn(u64) + Send + Sync>;

/// A request body that reports its progress as the client reads it.
struct ReportingBody {
    body: std::io::Cursor<Vec<u8>>,
    progress: Progress,
}

impl std::io::Read for ReportingBody {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.body.read(buf)?;
        (self.progress)(n as u64);
        Ok(n)
    }
}

/// Where a request is in logging in with a user and password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Login {
    /// Basic, or the answer to the Digest challenge kept from an earlier request.
    AsConfigured,
    /// No credentials, to be sent a challenge.
    AskForChallenge,
    /// The answer to the challenge just received.
    DigestAnswered,
}

/// A blocking HTTP client with a timeout, bounded retries with backoff (5xx and failed
/// connections) and credentials (Basic, bearer, or Digest when the store asks for it).
pub struct RemoteClient {
    http: reqwest::blocking::Client,
    auth: Auth,
    digest: DigestChallenge,
    timeout: Duration,
    retries: u32,
}

impl RemoteClient {
    /// A client whose every request must be answered within `timeout`, retried up to `retries`
    /// times (after 0.25 s, 0.5 s, 1 s …) when the server answers 5xx or cannot be reached.
    pub fn new(timeout: Duration, retries: u32, auth: Auth) -> Result<Self, RemoteError> {
        let http = crate::http::client(timeout, reqwest::redirect::Policy::limited(5)).map_err(
            |source| RemoteError::Unreachable {
                url: "(client)".to_owned(),
                source,
            },
        )?;
        Ok(Self {
            http,
            auth,
            digest: DigestChallenge::default(),
            timeout,
            retries,
        })
    }

    /// Sends the request (again, after a pause, on a 5xx or a failed connection) and returns
    /// the successful response; any other outcome is a [`RemoteError`].
    pub fn send(&self, request: &Request<'_>) -> Result<reqwest::blocking::Response, RemoteError> {
        let url = display_url(request.url);
        let mut attempt = 0;
        let mut login = Login::AsConfigured;
        loop {
            attempt += 1;
            let outcome = self.build(request, login).send();
            let retry = attempt <= self.retries;
            match outcome {
                Ok(response) if response.status().is_success() => return Ok(response),
                Ok(response) if response.status() == reqwest::StatusCode::UNAUTHORIZED => {
                    match self.next_login(login, &response) {
                        // Not a failed attempt: the login goes on. The 401's body is read to
                        // its end so that the connection can be used again for the answer.
                        Some(next) => {
                            let _ = response.bytes();
                            login = next;
                            attempt -= 1;
                            continue;
                        }
                        None => return Err(self.status_error(&url, request, response, attempt)),
                    }
                }
                Ok(response) if response.status().is_server_error() && retry => {}
                Ok(response) => return Err(self.status_error(&url, request, response, attempt)),
                Err(e) if e.is_connect() && retry => {}
                Err(e) => return Err(self.transport_error(&url, e)),
            }
            std::thread::sleep(Duration::from_millis(250 << (attempt - 1).min(4)));
        }
    }

    /// What to send after a 401 during `login`, if anything is left to try. A user and password
    /// go first as Basic (or as the answer to a Digest challenge already kept). A Digest
    /// challenge in the 401 is answered once. A 401 with no challenge, after Basic, is asked
    /// again without credentials, for the challenge: Virtuoso sends none to a Basic attempt.
    fn next_login(&self, login: Login, response: &reqwest::blocking::Response) -> Option<Login> {
        if !matches!(self.auth, Auth::Basic { .. }) || login == Login::DigestAnswered {
            return None;
        }
        if self.accepts_challenge(response) {
            return Some(Login::DigestAnswered);
        }
        (login == Login::AsConfigured).then_some(Login::AskForChallenge)
    }

    fn build(&self, request: &Request<'_>, login: Login) -> reqwest::blocking::RequestBuilder {
        let mut builder = self
            .http
            .request(request.method.clone(), request.url.clone());
        if let Some(media_type) = request.content_type {
            builder = builder.header(reqwest::header::CONTENT_TYPE, media_type);
        }
        if let Some(encoding) = request.content_encoding {
            builder = builder.header(reqwest::header::CONTENT_ENCODING, encoding);
        }
        if let Some(accept) = request.accept {
            builder = builder.header(reqwest::header::ACCEPT, accept);
        }
        if let Some(body) = request.body {
            builder = match request.progress {
                Some(progress) => builder.body(reqwest::blocking::Body::sized(
                    ReportingBody {
                        body: std::io::Cursor::new(body.to_vec()),
                        progress: progress.clone(),
                    },
                    body.len() as u64,
                )),
                None => builder.body(body.to_vec()),
            };
        }
        match &self.auth {
            Auth::None => builder,
            Auth::Basic { .. } if login == Login::AskForChallenge => builder,
            Auth::Basic { user, password } => {
                let method = request.method.as_str();
                match self
                    .digest
                    .answer(user, password, method, request.url, request.body)
                {
                    Some(answer) => builder.header(reqwest::header::AUTHORIZATION, answer),
                    None => builder.basic_auth(user, Some(password)),
                }
            }
            Auth::Bearer(token) => builder.bearer_auth(token),
        }
    }

    /// Whether `response` carries a Digest challenge; it is then kept for every later request.
    fn accepts_challenge(&self, response: &reqwest::blocking::Response) -> bool {
        response
            .headers()
            .get_all(reqwest::header::WWW_AUTHENTICATE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .any(|v| {
                v.trim_start()
                    .get(..6)
                    .is_some_and(|s| s.eq_ignore_ascii_case("digest"))
                    && self.digest.accept(v)
            })
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
        if !error.is_connect() && error.is_request() {
            return RemoteError::ConnectionLost { url };
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
    let text = crate::http::html_text(body);
    let words: Vec<&str> = text.split_whitespace().collect();
    crate::http::shortened(&words.join(" "), 160)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_servers_page_becomes_one_short_line() {
        let page =
            "<html><head><title>Not found</title></head>\n<body><h1>No\n graph</h1></body></html>";
        assert_eq!(one_line_message(page), "Not found No graph");
        assert!(one_line_message(&"x ".repeat(500)).chars().count() <= 161);
    }
}
