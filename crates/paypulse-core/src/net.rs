//! What every HTTP caller says about a failed request.

/// A short reason for a request that got no (whole) answer; never a token (they travel in
/// headers and bodies, which reqwest's errors do not quote).
pub fn describe(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        "timed out".into()
    } else if e.is_connect() {
        "connection failed".into()
    } else if e.is_body() || e.is_decode() {
        "the answer was cut off".into()
    } else {
        e.to_string()
    }
}
