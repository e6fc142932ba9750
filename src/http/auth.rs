//! Credentials for remote stores: from the environment or from a credentials file, never from
//! the command line, never shown. HTTP Basic and bearer tokens are sent as they are; a store that
//! answers 401 with a Digest challenge (Virtuoso's `/sparql-graph-crud-auth`) gets the same user
//! and password as an RFC 7616 Digest answer (the `digest_auth` crate computes it).

use digest_auth::{AuthContext, HttpMethod, WwwAuthenticateHeader};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Environment variables that hold the credentials.
pub const ENV_USER: &str = "WANGLUO_USER";
pub const ENV_PASSWORD: &str = "WANGLUO_PASSWORD";
pub const ENV_TOKEN: &str = "WANGLUO_TOKEN";
/// The environment variable naming a credentials file (as `--credentials` does).
pub const ENV_CREDENTIALS: &str = "WANGLUO_CREDENTIALS";

/// Credentials for the store. `Debug` never shows them.
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
            Auth::Basic { .. } => "user and password",
            Auth::Bearer(_) => "bearer token",
        })
    }
}

/// A credentials file that cannot be used. Never holds a secret: a TOML error is reduced to its
/// line and column, since the parser's own message quotes the line.
#[derive(Debug, thiserror::Error)]
pub enum CredentialsError {
    #[error("{}: cannot read the credentials file", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}:{line}:{column}: not a credentials file (TOML with `user` and `password`, or `token`)", path.display())]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    #[error("{}: {reason}", path.display())]
    Content { path: PathBuf, reason: &'static str },
}

/// The credentials file: `user` and `password` (Basic, or Digest when the store asks), or `token`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CredentialsFile {
    user: Option<String>,
    password: Option<String>,
    token: Option<String>,
}

impl Auth {
    /// `WANGLUO_TOKEN` (bearer) if set, else `WANGLUO_USER` with `WANGLUO_PASSWORD`, else none.
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

    /// The credentials a command uses: the file given (`--credentials`), else the file named by
    /// `WANGLUO_CREDENTIALS`, else [`Auth::from_env`].
    pub fn resolve(file: Option<&Path>) -> Result<Self, CredentialsError> {
        let from_env = std::env::var_os(ENV_CREDENTIALS)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from);
        match file.map(Path::to_path_buf).or(from_env) {
            Some(path) => Self::from_file(&path),
            None => Ok(Self::from_env()),
        }
    }

    /// Reads a credentials file (TOML): `user` and `password`, or `token`.
    pub fn from_file(path: &Path) -> Result<Self, CredentialsError> {
        let text = std::fs::read_to_string(path).map_err(|source| CredentialsError::Read {
            path: path.to_owned(),
            source,
        })?;
        let file: CredentialsFile = toml::from_str(&text).map_err(|e| {
            let (line, column) = e
                .span()
                .map(|span| line_and_column(&text, span.start))
                .unwrap_or((1, 1));
            CredentialsError::Syntax {
                path: path.to_owned(),
                line,
                column,
            }
        })?;
        let content = |reason| CredentialsError::Content {
            path: path.to_owned(),
            reason,
        };
        match file {
            CredentialsFile {
                token: Some(token),
                user: None,
                password: None,
            } if !token.is_empty() => Ok(Auth::Bearer(token)),
            CredentialsFile {
                token: None,
                user: Some(user),
                password,
            } if !user.is_empty() => Ok(Auth::Basic {
                user,
                password: password.unwrap_or_default(),
            }),
            CredentialsFile { token: Some(_), .. } => Err(content(
                "give either `token` or `user` and `password`, not both",
            )),
            _ => Err(content("no `user` (with `password`) and no `token`")),
        }
    }

    /// The request with these credentials: HTTP Basic or a bearer token.
    pub fn apply(
        &self,
        request: reqwest::blocking::RequestBuilder,
    ) -> reqwest::blocking::RequestBuilder {
        match self {
            Auth::None => request,
            Auth::Basic { user, password } => request.basic_auth(user, Some(password)),
            Auth::Bearer(token) => request.bearer_auth(token),
        }
    }

    /// What to do about a 401 or 403, without repeating any secret.
    pub(crate) fn hint(&self) -> &'static str {
        match self {
            Auth::None => "give credentials: --credentials FILE, or WANGLUO_USER and WANGLUO_PASSWORD, or WANGLUO_TOKEN",
            _ => "check the credentials",
        }
    }
}

fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The Digest challenge a store sent, kept so that later requests answer it at once instead of
/// being refused first (a refused upload would have sent its whole body for nothing).
#[derive(Default)]
pub(crate) struct DigestChallenge(Mutex<Option<WwwAuthenticateHeader>>);

impl DigestChallenge {
    /// Keeps the challenge of a 401 answer; false when it is not a Digest challenge.
    pub(crate) fn accept(&self, www_authenticate: &str) -> bool {
        match digest_auth::parse(www_authenticate) {
            Ok(prompt) => {
                if let Ok(mut slot) = self.0.lock() {
                    *slot = Some(prompt);
                }
                true
            }
            Err(_) => false,
        }
    }

    /// The `Authorization` value answering the kept challenge for this request, if one is kept.
    pub(crate) fn answer(
        &self,
        user: &str,
        password: &str,
        method: &str,
        url: &url::Url,
        body: Option<&[u8]>,
    ) -> Option<String> {
        let mut slot = self.0.lock().ok()?;
        let prompt = slot.as_mut()?;
        let uri = &url[url::Position::BeforePath..url::Position::AfterQuery];
        let context =
            AuthContext::new_with_method(user, password, uri, body, HttpMethod::from(method));
        prompt.respond(&context).ok().map(|a| a.to_header_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("credentials.toml");
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    #[test]
    fn a_credentials_file_gives_basic_or_a_token() {
        let (_d, path) = file("user = \"dba\"\npassword = \"s3cret\"\n");
        assert!(
            matches!(Auth::from_file(&path), Ok(Auth::Basic { user, password }) if user == "dba" && password == "s3cret")
        );
        let (_d, path) = file("token = \"t0k\"\n");
        assert!(matches!(Auth::from_file(&path), Ok(Auth::Bearer(t)) if t == "t0k"));
    }

    #[test]
    fn a_bad_credentials_file_never_shows_its_content() {
        let (_d, path) = file("user = \"dba\"\npassword = s3cret\n");
        let message = Auth::from_file(&path).unwrap_err().to_string();
        assert!(
            message.ends_with(
                ":2:12: not a credentials file (TOML with `user` and `password`, or `token`)"
            ),
            "{message}"
        );
        assert!(!message.contains("s3cret"));
        let (_d, path) = file("token = \"t\"\nuser = \"u\"\n");
        assert!(Auth::from_file(&path)
            .unwrap_err()
            .to_string()
            .contains("not both"));
        let (_d, path) = file("pasword = \"x\"\n");
        let message = Auth::from_file(&path).unwrap_err().to_string();
        assert!(
            message.contains(":1:1:") && !message.contains("\"x\""),
            "{message}"
        );
    }

    #[test]
    fn credentials_never_show_in_debug() {
        let auth = Auth::Basic {
            user: "u".into(),
            password: "hunter2".into(),
        };
        assert!(!format!("{auth:?}").contains("hunter2"));
    }

    #[test]
    fn a_digest_challenge_is_answered_for_the_request_uri() {
        let challenge = DigestChallenge::default();
        assert!(!challenge.accept("Basic realm=\"x\""));
        assert!(challenge.accept(
            "Digest realm=\"virtuoso\", nonce=\"abc\", opaque=\"o\", qop=\"auth\", algorithm=\"MD5\""
        ));
        let url = url::Url::parse("http://h:8890/sparql-graph-crud-auth?graph=urn%3Ag").unwrap();
        let answer = challenge
            .answer("dba", "dba", "PUT", &url, Some(b"x"))
            .unwrap();
        assert!(answer.starts_with("Digest "), "{answer}");
        assert!(
            answer.contains("uri=\"/sparql-graph-crud-auth?graph=urn%3Ag\""),
            "{answer}"
        );
    }
}
