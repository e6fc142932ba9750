//! Who may write: the bearer token of `--writable` and `--edit`.

use super::plain;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;

/// `401` with `WWW-Authenticate: Bearer` unless the request brings `Authorization: Bearer
/// token`; `needs` says what the token is for. The one check of `--writable` and `--edit`.
pub(crate) fn bearer_refusal(
    token: &str,
    headers: &axum::http::HeaderMap,
    needs: &str,
) -> Option<Response> {
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if presented == Some(token) {
        return None;
    }
    let mut response = plain(
        StatusCode::UNAUTHORIZED,
        format!("{needs} needs the server's token (Authorization: Bearer …)"),
    );
    response
        .headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    Some(response)
}
