//! The Gmail API client: messages.list / get / attachments.get with a client-side quota budget,
//! capped jittered retries, one token refresh on a 401, and attachments streamed to disk.

pub mod names;
pub mod plan;
pub mod query;

use std::io::{Read, Write};
use std::num::NonZeroU32;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use backon::{ExponentialBuilder, Retryable};
use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use futures_util::TryStreamExt;
use governor::{DefaultDirectRateLimiter, Jitter, Quota, RateLimiter};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use struson::reader::{JsonReader, JsonStreamReader};
use tempfile::NamedTempFile;

use crate::session::SessionError;

/// Temporary files in the output folder start with this (and are never final names: those
/// never start with a dot).
pub const TEMP_PREFIX: &str = ".paypulse-tmp-";

/// Gmail's real API base.
pub const GMAIL_API_URL: &str = "https://gmail.googleapis.com";
/// Gmail's published per-user limit: 250 quota units per second.
pub const DEFAULT_UNITS_PER_SECOND: u32 = 250;

/// Quota units each method costs (Gmail's published table).
#[derive(Debug, Clone, Copy)]
pub enum Method {
    MessagesList,
    MessagesGet,
    AttachmentsGet,
}

impl Method {
    pub fn units(self) -> u32 {
        match self {
            Method::MessagesList | Method::MessagesGet | Method::AttachmentsGet => 5,
        }
    }
}

/// Base64url as Gmail writes it, with or without padding.
const B64URL: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

pub fn decode_base64url(data: &str) -> Result<Vec<u8>, GmailError> {
    B64URL
        .decode(data.trim_end())
        .map_err(|e| GmailError::Decode(e.to_string()))
}

/// Where the access token comes from; refreshed once when Gmail answers 401.
#[async_trait::async_trait]
pub trait TokenSource: Send + Sync {
    async fn token(&self) -> Result<SecretString, SessionError>;
    /// A fresh token after `stale` was refused (single-flight: if another task already
    /// refreshed, its token is returned).
    async fn refreshed(&self, stale: &SecretString) -> Result<SecretString, SessionError>;
}

#[derive(Debug, thiserror::Error)]
pub enum GmailError {
    #[error(transparent)]
    Session(#[from] SessionError),
    #[error("Gmail refused the access token even after a refresh")]
    Unauthorized,
    #[error("Gmail answered HTTP {status}{}: {message}", reason.as_deref().map(|r| format!(" ({r})")).unwrap_or_default())]
    Http {
        status: u16,
        reason: Option<String>,
        message: String,
        /// Seconds from `Retry-After`.
        retry_after: Option<u64>,
    },
    #[error("cannot reach Gmail: {0}")]
    Transport(String),
    #[error("Gmail's answer could not be decoded: {0}")]
    Decode(String),
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: std::io::Error,
    },
}

impl GmailError {
    /// 429, 5xx, rate-limit 403s, connection errors and truncated bodies are retried.
    pub fn is_retryable(&self) -> bool {
        match self {
            GmailError::Http { status, reason, .. } => {
                *status == 429
                    || *status >= 500
                    || (*status == 403
                        && matches!(
                            reason.as_deref(),
                            Some("rateLimitExceeded" | "userRateLimitExceeded")
                        ))
            }
            GmailError::Transport(_) | GmailError::Decode(_) => true,
            _ => false,
        }
    }

    /// The stored grant cannot be used any more: the user must reconnect.
    pub fn needs_reconnect(&self) -> bool {
        matches!(
            self,
            GmailError::Unauthorized
                | GmailError::Session(
                    SessionError::Reconnect { .. } | SessionError::NoBundle { .. }
                )
        )
    }

    fn retry_after(&self) -> Option<Duration> {
        match self {
            GmailError::Http {
                retry_after: Some(s),
                ..
            } => Some(Duration::from_secs((*s).min(120))),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MessageRef {
    pub id: String,
    #[serde(default)]
    pub thread_id: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListResponse {
    #[serde(default)]
    pub messages: Vec<MessageRef>,
    #[serde(default)]
    pub next_page_token: Option<String>,
    #[serde(default)]
    pub result_size_estimate: Option<u64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    pub id: String,
    #[serde(default)]
    pub thread_id: Option<String>,
    #[serde(default)]
    pub label_ids: Vec<String>,
    /// Milliseconds since the epoch, as a string (int64).
    #[serde(default)]
    pub internal_date: Option<String>,
    #[serde(default)]
    pub payload: Option<MessagePart>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MessagePart {
    #[serde(default)]
    pub part_id: Option<String>,
    #[serde(default)]
    pub mime_type: Option<String>,
    #[serde(default)]
    pub filename: Option<String>,
    #[serde(default)]
    pub headers: Vec<Header>,
    #[serde(default)]
    pub body: Option<MessagePartBody>,
    #[serde(default)]
    pub parts: Vec<MessagePart>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MessagePartBody {
    #[serde(default)]
    pub attachment_id: Option<String>,
    #[serde(default)]
    pub size: Option<u64>,
    #[serde(default)]
    pub data: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Header {
    pub name: String,
    pub value: String,
}

impl MessagePart {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str())
    }
}

/// A downloaded file, still under its temporary name, with its size and SHA-256.
pub struct Downloaded {
    pub file: NamedTempFile,
    pub size: u64,
    pub sha256: String,
}

/// The fields `fetch-invoices` reads of a message: Gmail sends nothing else.
pub const FULL_FIELDS: &str = "id,threadId,labelIds,internalDate,payload(partId,mimeType,filename,headers(name,value),body(size,attachmentId,data),parts)";

pub struct GmailClient {
    http: reqwest::Client,
    base: String,
    tokens: Arc<dyn TokenSource>,
    quota: DefaultDirectRateLimiter,
    retry: ExponentialBuilder,
}

/// How requests are retried: capped, jittered exponential backoff.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    pub attempts: usize,
    pub min_delay: Duration,
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            attempts: 6,
            min_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(32),
        }
    }
}

impl GmailClient {
    /// `api_url` is the Gmail API base (`PAYPULSE_GMAIL_API_URL`); `units_per_second` the
    /// per-user quota budget the client paces itself to.
    pub fn new(
        http: reqwest::Client,
        api_url: &str,
        tokens: Arc<dyn TokenSource>,
        units_per_second: u32,
        retry: RetryPolicy,
    ) -> GmailClient {
        GmailClient {
            http,
            base: format!("{}/gmail/v1/users/me", api_url.trim_end_matches('/')),
            tokens,
            quota: RateLimiter::direct(budget(units_per_second)),
            retry: ExponentialBuilder::default()
                .with_jitter()
                .with_min_delay(retry.min_delay)
                .with_max_delay(retry.max_delay)
                .with_max_times(retry.attempts.saturating_sub(1)),
        }
    }

    /// One request with the quota budget and the 401-refresh-once rule; the status is checked.
    async fn send(
        &self,
        method: Method,
        build: &(dyn Fn(&str) -> reqwest::RequestBuilder + Send + Sync),
    ) -> Result<reqwest::Response, GmailError> {
        let units = NonZeroU32::new(method.units()).expect("non-zero");
        // A cost above the whole budget cannot happen: `new` sizes the bucket for one call.
        let _ = self
            .quota
            .until_n_ready_with_jitter(units, Jitter::up_to(Duration::from_millis(20)))
            .await;
        let mut token = self.tokens.token().await?;
        let mut refreshed = false;
        loop {
            let resp = build(&self.base)
                .bearer_auth(token.expose_secret())
                .send()
                .await
                .map_err(transport)?;
            if resp.status().as_u16() == 401 {
                if refreshed {
                    return Err(GmailError::Unauthorized);
                }
                tracing::info!("Gmail answered 401; refreshing the access token once");
                token = self.tokens.refreshed(&token).await?;
                refreshed = true;
                continue;
            }
            if resp.status().is_success() {
                return Ok(resp);
            }
            return Err(http_error(resp).await);
        }
    }

    /// Retries `op` by the policy, honouring `Retry-After`.
    async fn retrying<T, F, Fut>(&self, what: &str, op: F) -> Result<T, GmailError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, GmailError>>,
    {
        op.retry(self.retry)
            .when(GmailError::is_retryable)
            .adjust(|e: &GmailError, dur| match (dur, e.retry_after()) {
                (Some(d), Some(ra)) => Some(d.max(ra)),
                (d, _) => d,
            })
            .notify(|e, dur| tracing::info!(%e, ?dur, what, "retrying"))
            .await
    }

    async fn get_json<T: serde::de::DeserializeOwned>(
        &self,
        method: Method,
        what: &str,
        build: &(dyn Fn(&str) -> reqwest::RequestBuilder + Send + Sync),
    ) -> Result<T, GmailError> {
        self.retrying(what, || async {
            let resp = self.send(method, build).await?;
            let bytes = resp.bytes().await.map_err(transport)?;
            serde_json::from_slice(&bytes).map_err(|e| GmailError::Decode(e.to_string()))
        })
        .await
    }

    /// One page of `messages.list`.
    pub async fn list_page(
        &self,
        query: &str,
        page_token: Option<&str>,
        max_results: u32,
    ) -> Result<ListResponse, GmailError> {
        let http = &self.http;
        let build = move |base: &str| {
            let mut params: Vec<(&str, String)> = vec![
                ("q", query.to_owned()),
                ("maxResults", max_results.to_string()),
            ];
            if let Some(t) = page_token {
                params.push(("pageToken", t.to_owned()));
            }
            http.get(format!("{base}/messages")).query(&params)
        };
        self.get_json(Method::MessagesList, "messages.list", &build)
            .await
    }

    /// `messages.get` with `format=full` and a `fields` mask.
    pub async fn get_message(&self, id: &str) -> Result<Message, GmailError> {
        let http = &self.http;
        let id = encode_segment(id);
        let build = move |base: &str| {
            http.get(format!("{base}/messages/{id}"))
                .query(&[("format", "full"), ("fields", FULL_FIELDS)])
        };
        self.get_json(Method::MessagesGet, "messages.get", &build)
            .await
    }

    /// Streams `attachments.get` into a temporary file in `dir`: base64url-decoded and hashed
    /// on the way, never held whole in memory.
    pub async fn download_attachment(
        &self,
        message_id: &str,
        attachment_id: &str,
        dir: &Path,
        progress: &(dyn Fn(u64) + Send + Sync),
    ) -> Result<Downloaded, GmailError> {
        let http = &self.http;
        let (m, a) = (encode_segment(message_id), encode_segment(attachment_id));
        let build = move |base: &str| http.get(format!("{base}/messages/{m}/attachments/{a}"));
        self.retrying("attachments.get", || async {
            let resp = self.send(Method::AttachmentsGet, &build).await?;
            stream_field_to_file(resp, "data", dir, progress).await
        })
        .await
    }

    /// Streams `messages.get?format=raw` (the whole RFC 822 message) into a temporary file.
    pub async fn download_raw(
        &self,
        message_id: &str,
        dir: &Path,
        progress: &(dyn Fn(u64) + Send + Sync),
    ) -> Result<Downloaded, GmailError> {
        let http = &self.http;
        let m = encode_segment(message_id);
        let build = move |base: &str| {
            http.get(format!("{base}/messages/{m}"))
                .query(&[("format", "raw"), ("fields", "raw")])
        };
        self.retrying("messages.get raw", || async {
            let resp = self.send(Method::MessagesGet, &build).await?;
            stream_field_to_file(resp, "raw", dir, progress).await
        })
        .await
    }
}

/// The client's token bucket for a per-user quota of `units_per_second`: 90% of the rate and
/// half a second's burst, so that network jitter (requests released evenly here arrive bunched
/// there) does not empty the server's bucket.
fn budget(units_per_second: u32) -> Quota {
    let floor = Method::MessagesGet.units();
    let rate =
        NonZeroU32::new((units_per_second.saturating_mul(9) / 10).max(floor)).expect("non-zero");
    let burst = NonZeroU32::new((units_per_second / 2).max(floor)).expect("non-zero");
    Quota::per_second(rate).allow_burst(burst)
}

/// Writes already-decoded bytes (a small inline body) to a temporary file in `dir`.
pub fn write_temp(dir: &Path, bytes: &[u8]) -> Result<Downloaded, GmailError> {
    let io = |source| GmailError::Io {
        what: format!("cannot write in {}", dir.display()),
        source,
    };
    let mut file = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)
        .map_err(io)?;
    file.write_all(bytes).map_err(io)?;
    file.as_file().sync_all().map_err(io)?;
    Ok(Downloaded {
        file,
        size: bytes.len() as u64,
        sha256: hex::encode(Sha256::digest(bytes)),
    })
}

/// Percent-encodes a path segment (ids are url-safe already; this is belt and braces).
fn encode_segment(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC)
        .to_string()
        .replace("%2D", "-")
        .replace("%5F", "_")
}

fn transport(e: reqwest::Error) -> GmailError {
    GmailError::Transport(crate::net::describe(&e))
}

/// Google's error JSON: `{"error": {"code", "message", "errors": [{"reason"}], "status"}}`.
async fn http_error(resp: reqwest::Response) -> GmailError {
    let status = resp.status().as_u16();
    let retry_after = resp
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let body = resp.bytes().await.unwrap_or_default();
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    let err = &v["error"];
    let reason = err["errors"][0]["reason"]
        .as_str()
        .or(err["status"].as_str())
        .map(str::to_owned);
    let message = err["message"]
        .as_str()
        .unwrap_or("no details")
        .chars()
        .take(300)
        .collect();
    GmailError::Http {
        status,
        reason,
        message,
        retry_after,
    }
}

/// Reads the JSON object in `resp`, streams the base64url string under `field` through a
/// decoder into a temporary file in `dir`, and hashes it: memory stays flat however large.
async fn stream_field_to_file(
    resp: reqwest::Response,
    field: &'static str,
    dir: &Path,
    progress: &(dyn Fn(u64) + Send + Sync),
) -> Result<Downloaded, GmailError> {
    let io = |source| GmailError::Io {
        what: format!("cannot write in {}", dir.display()),
        source,
    };
    let file = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)
        .map_err(io)?;
    let body = resp
        .bytes_stream()
        .map_err(|e| std::io::Error::other(transport(e).to_string()));
    let reader = tokio_util::io::StreamReader::new(body);
    let bridge = tokio_util::io::SyncIoBridge::new(reader);
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<u64>();
    let task = tokio::task::spawn_blocking(move || decode_into(bridge, field, file, tx));
    let mut task = std::pin::pin!(task);
    let result = loop {
        tokio::select! {
            Some(n) = rx.recv() => progress(n),
            r = &mut task => break r,
        }
    };
    while let Ok(n) = rx.try_recv() {
        progress(n);
    }
    result.map_err(|e| GmailError::Io {
        what: "download task".into(),
        source: std::io::Error::other(e),
    })?
}

fn decode_into(
    input: impl Read,
    field: &str,
    mut file: NamedTempFile,
    progress: tokio::sync::mpsc::UnboundedSender<u64>,
) -> Result<Downloaded, GmailError> {
    let cut = |e: struson::reader::ReaderError| match e {
        struson::reader::ReaderError::IoError { error, .. } => {
            GmailError::Transport(format!("the answer was cut off ({error})"))
        }
        other => GmailError::Decode(other.to_string()),
    };
    let mut json = JsonStreamReader::new(input);
    json.begin_object().map_err(cut)?;
    let mut written: Option<(u64, String)> = None;
    while json.has_next().map_err(cut)? {
        if json.next_name().map_err(cut)? != field {
            json.skip_value().map_err(cut)?;
            continue;
        }
        let text = json.next_string_reader().map_err(cut)?;
        let mut decoder = base64::read::DecoderReader::new(text, &B64URL);
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 64 * 1024];
        let mut size = 0u64;
        loop {
            let n = match decoder.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                    return Err(GmailError::Decode(e.to_string()));
                }
                Err(e) => {
                    return Err(GmailError::Transport(format!(
                        "the answer was cut off ({e})"
                    )));
                }
            };
            hasher.update(&buf[..n]);
            file.write_all(&buf[..n]).map_err(|source| GmailError::Io {
                what: "cannot write a temporary file".into(),
                source,
            })?;
            size += n as u64;
            let _ = progress.send(n as u64);
        }
        written = Some((size, hex::encode(hasher.finalize())));
    }
    json.end_object().map_err(cut)?;
    json.consume_trailing_whitespace().map_err(cut)?;
    let (size, sha256) =
        written.ok_or_else(|| GmailError::Decode(format!("the answer has no `{field}`")))?;
    file.as_file().sync_all().map_err(|source| GmailError::Io {
        what: "cannot sync a temporary file".into(),
        source,
    })?;
    Ok(Downloaded { file, size, sha256 })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(json: &str) -> Result<(Vec<u8>, Downloaded), GmailError> {
        let dir = tempfile::tempdir().unwrap();
        let file = tempfile::Builder::new().tempfile_in(dir.path()).unwrap();
        let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
        let d = decode_into(json.as_bytes(), "data", file, tx)?;
        let bytes = std::fs::read(d.file.path()).unwrap();
        Ok((bytes, d))
    }

    #[test]
    fn streams_base64url_with_or_without_padding() {
        let payload: Vec<u8> = (0..=255u8).cycle().take(70_001).collect();
        for engine in [
            base64::engine::general_purpose::URL_SAFE,
            base64::engine::general_purpose::URL_SAFE_NO_PAD,
        ] {
            let json = format!(
                r#"{{"attachmentId":"ANGjdJ8","size":{},"data":"{}"}}"#,
                payload.len(),
                engine.encode(&payload)
            );
            let (bytes, d) = decode(&json).unwrap();
            assert_eq!(bytes, payload);
            assert_eq!(d.size, payload.len() as u64);
            assert_eq!(d.sha256, hex::encode(Sha256::digest(&payload)));
        }
    }

    #[test]
    fn a_truncated_answer_is_retryable_and_garbage_is_not_data() {
        let json = r#"{"size":3,"data":"QUJD"#;
        let err = decode(json).err().unwrap();
        assert!(err.is_retryable(), "{err}");
        assert!(decode(r#"{"size":3}"#).is_err());
        assert!(decode(r#"{"data":"@@@@"}"#).is_err());
    }

    #[test]
    fn retryable_errors() {
        let http = |status, reason: Option<&str>| GmailError::Http {
            status,
            reason: reason.map(str::to_owned),
            message: String::new(),
            retry_after: None,
        };
        assert!(http(429, None).is_retryable());
        assert!(http(503, None).is_retryable());
        assert!(http(403, Some("rateLimitExceeded")).is_retryable());
        assert!(http(403, Some("userRateLimitExceeded")).is_retryable());
        assert!(!http(403, Some("insufficientPermissions")).is_retryable());
        assert!(!http(404, None).is_retryable());
    }
}
