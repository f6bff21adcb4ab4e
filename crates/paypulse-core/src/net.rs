//! What every HTTP caller shares: how a failed request is described, the size cap on JSON
//! answers, and the rule that secrets travel only over https (or to a loopback peer).

use std::net::IpAddr;

/// The most a JSON answer from the network may weigh (Google, the PayPulse API). Real answers
/// are a few KiB; attachments are streamed, not read through this.
pub const MAX_JSON_BYTES: usize = 4 * 1024 * 1024;

/// A short reason for a request that got no (whole) answer; never a token (they travel in
/// headers and bodies, which reqwest's errors do not quote).
pub fn describe(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        "timed out".into()
    } else if e.is_connect() {
        "connection failed".into()
    } else if e.is_redirect() {
        "it answered with a redirect, which is not followed".into()
    } else if e.is_body() || e.is_decode() {
        "the answer was cut off".into()
    } else {
        e.to_string()
    }
}

/// Why an answer's body could not be read.
#[derive(Debug, thiserror::Error)]
pub enum BodyError {
    #[error("the answer is larger than {limit} bytes; refused")]
    TooLarge { limit: usize },
    #[error("{}", describe(.0))]
    Transport(reqwest::Error),
}

/// Reads an answer's body, at most `limit` bytes: a larger one (by its `Content-Length` or
/// as it streams) is refused without reading the rest.
pub async fn read_capped(mut resp: reqwest::Response, limit: usize) -> Result<Vec<u8>, BodyError> {
    if resp.content_length().is_some_and(|n| n > limit as u64) {
        return Err(BodyError::TooLarge { limit });
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(BodyError::Transport)? {
        if body.len() + chunk.len() > limit {
            return Err(BodyError::TooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// A JSON answer's body, capped at [`MAX_JSON_BYTES`].
pub async fn read_json_body(resp: reqwest::Response) -> Result<Vec<u8>, BodyError> {
    read_capped(resp, MAX_JSON_BYTES).await
}

/// A URL a secret would be sent to that is not https to a remote host.
#[derive(Debug, Clone, thiserror::Error)]
#[error(
    "refusing to send secrets to {url}: only https is allowed, or http to a loopback address (127.0.0.0/8, ::1, localhost)"
)]
pub struct InsecureUrl {
    pub url: String,
}

/// Checks that secrets may travel to `url`: `https`, or `http` to a loopback host. Anything
/// else (another scheme, plain http to a remote host, an unparsable URL) is refused.
pub fn require_secure(url: &str) -> Result<(), InsecureUrl> {
    let refused = || InsecureUrl {
        url: url.chars().take(200).collect(),
    };
    let parsed = url::Url::parse(url).map_err(|_| refused())?;
    match parsed.scheme() {
        "https" if parsed.host().is_some() => Ok(()),
        "http" if is_loopback(&parsed) => Ok(()),
        _ => Err(refused()),
    }
}

fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_go_over_https_or_to_loopback_only() {
        for ok in [
            "https://oauth2.googleapis.com/token",
            "http://127.0.0.1:8080/token",
            "http://127.8.9.10/token",
            "http://[::1]:9000/",
            "http://localhost:3000/x",
            "http://LOCALHOST/x",
        ] {
            assert!(require_secure(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://oauth2.googleapis.com/token",
            "http://10.0.0.1/token",
            "http://localhost.evil.example/",
            "http://127.0.0.1.nip.io/",
            "http://[::ffff:8.8.8.8]/",
            "ftp://127.0.0.1/",
            "file:///etc/passwd",
            "not a url",
            "",
        ] {
            assert!(require_secure(bad).is_err(), "{bad}");
        }
    }
}
