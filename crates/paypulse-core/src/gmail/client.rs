//! The Gmail API client: messages.list / get / attachments.get with a client-side quota budget,
//! capped jittered retries, one token refresh on a 401.

use std::num::NonZeroU32;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use backon::{ExponentialBuilder, Retryable};
use governor::{DefaultDirectRateLimiter, Jitter, Quota, RateLimiter};
use secrecy::ExposeSecret;

use crate::grant::TokenSource;

use super::GmailError;
use super::download::{Downloaded, stream_field_to_file};
use super::types::{ListResponse, Message};

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
        crate::net::require_secure(&self.base).map_err(|e| GmailError::Insecure(e.to_string()))?;
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
            let bytes = crate::net::read_json_body(resp)
                .await
                .map_err(|e| match e {
                    crate::net::BodyError::Transport(e) => transport(e),
                    too_large => GmailError::Decode(too_large.to_string()),
                })?;
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
fn encode_segment(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC)
        .to_string()
        .replace("%2D", "-")
        .replace("%5F", "_")
}

pub(crate) fn transport(e: reqwest::Error) -> GmailError {
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
    let body = crate::net::read_json_body(resp).await.unwrap_or_default();
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
