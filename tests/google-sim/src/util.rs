//! Small helpers shared by the handlers: parameter parsing, credentials from headers,
//! percent-encoding, JSON/HTML responses and JWT pieces.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// Decoded `application/x-www-form-urlencoded` parameters (from a body or a query string).
#[derive(Debug, Default)]
pub(crate) struct Params(Vec<(String, String)>);

impl Params {
    /// Parses form-encoded bytes. Never fails: malformed escapes are kept as they are.
    pub fn parse(bytes: &[u8]) -> Params {
        Params(
            url::form_urlencoded::parse(bytes)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// The first value of a parameter, if present.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first value of a parameter, if present and not empty.
    pub fn non_empty(&self, name: &str) -> Option<&str> {
        self.get(name).filter(|v| !v.is_empty())
    }

    /// Every value of a repeated parameter, in order.
    pub fn get_all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// The token of an `Authorization: Bearer …` header (scheme compared case-insensitively).
pub(crate) fn bearer_token(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then(|| token.to_owned())
}

/// Client credentials of an `Authorization: Basic …` header. As RFC 6749 §2.3.1 says, the id
/// and the secret are form-urlencoded before being joined and base64-encoded; they are decoded
/// here. `None` when there is no such header or it is malformed.
pub(crate) fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = STANDARD.decode(encoded.trim()).ok()?;
    let decoded = String::from_utf8(decoded).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    let unescape = |s: &str| -> String {
        url::form_urlencoded::parse(format!("x={s}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default()
    };
    Some((unescape(id), unescape(secret)))
}

/// Percent-encodes a query component, leaving only RFC 3986 unreserved characters as they are
/// (so spaces become `%20`, as in Google's redirects, not `+`).
pub(crate) fn pct(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Escapes text for inclusion in HTML.
pub(crate) fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A JSON response with Google's content type and no-store caching headers.
pub(crate) fn json(status: StatusCode, body: &Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache, no-store, max-age=0, must-revalidate"),
    );
    headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    response
}

/// An OAuth 2.0 error answer: `{"error": …, "error_description": …}`.
pub(crate) fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    json(
        status,
        &serde_json::json!({ "error": error, "error_description": description }),
    )
}

/// Google's sign-in error page, shown in the browser instead of redirecting back to the app
/// (for an unknown client, a bad redirect URI or a malformed request).
pub(crate) fn html_error(status: StatusCode, error: &str, detail: &str) -> Response {
    let code = status.as_u16();
    let body = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>Error {code}: {error}</title></head>\n<body>\
         <h1>Access blocked: Authorization Error</h1>\n\
         <p><b>Error {code}: {error}</b></p>\n<p>{detail}</p>\n</body></html>\n",
        error = html_escape(error),
        detail = html_escape(detail),
    );
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

/// base64url without padding of SHA-256: the PKCE S256 transform of a code verifier.
pub(crate) fn s256(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// Whether `s` is a syntactically valid PKCE code verifier (RFC 7636 §4.1): 43 to 128
/// characters from `[A-Za-z0-9-._~]`.
pub(crate) fn is_valid_verifier(s: &str) -> bool {
    (43..=128).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

/// Whether `s` looks like an S256 code challenge: 43 base64url characters.
pub(crate) fn is_valid_s256_challenge(s: &str) -> bool {
    s.len() == 43
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
}

/// The OpenID Connect `at_hash` of an access token: base64url of the left half of its SHA-256.
pub(crate) fn at_hash(access_token: &str) -> String {
    let digest = Sha256::digest(access_token.as_bytes());
    URL_SAFE_NO_PAD.encode(&digest[..16])
}

/// base64url (no padding) of a JSON value's compact serialization.
pub(crate) fn b64_json(value: &Value) -> String {
    URL_SAFE_NO_PAD.encode(value.to_string().as_bytes())
}

/// A JWT that looks like Google's RS256 ID tokens; its signature is random bytes (nobody can
/// verify it against Google's keys, and the simulator publishes none).
pub(crate) fn unsigned_looking_jwt(claims: &Value) -> String {
    let kid = crate::state::random_url_safe(40);
    let header = serde_json::json!({ "alg": "RS256", "kid": kid, "typ": "JWT" });
    let mut signature = [0u8; 256];
    rand::Rng::fill(&mut rand::rng(), &mut signature[..]);
    format!(
        "{}.{}.{}",
        b64_json(&header),
        b64_json(claims),
        URL_SAFE_NO_PAD.encode(signature)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s256_matches_rfc7636_appendix_b() {
        assert_eq!(
            s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn basic_credentials_are_form_decoded() {
        let mut headers = HeaderMap::new();
        let encoded = STANDARD.encode("my%20client:se%3Acret");
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_str(&format!("Basic {encoded}")).unwrap(),
        );
        assert_eq!(
            basic_credentials(&headers),
            Some(("my client".to_owned(), "se:cret".to_owned()))
        );
    }

    #[test]
    fn pct_encodes_like_google() {
        assert_eq!(pct("a b/c:d"), "a%20b%2Fc%3Ad");
    }
}
