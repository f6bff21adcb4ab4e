//! The Gmail API client: messages.list / get (`format=raw`) with a client-side quota budget,
//! capped jittered retries, one token refresh on a 401.

use std::path::Path;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use backon::{ExponentialBuilder, Retryable};

pub use crate::retry::RetryPolicy;
use secrecy::{ExposeSecret, SecretString};
use url::Url;

use crate::grant::TokenSource;

use super::GmailError;
use super::download::{Downloaded, stream_field_to_file};
use super::pacer::{MethodCosts, Outcome, Pacer, Permit};
use super::types::{ListResponse, Profile};

/// Gmail's real API base.
pub const GMAIL_API_URL: &str = "https://gmail.googleapis.com";
/// Gmail's published per-user limit: 250 quota units per second.
pub const DEFAULT_UNITS_PER_SECOND: u32 = 250;
/// The most requests in flight unless `--concurrency` says otherwise.
pub const DEFAULT_MAX_IN_FLIGHT: usize = 128;

/// The Gmail methods the client calls; their costs are in [`MethodCosts`].
#[derive(Debug, Clone, Copy)]
pub enum Method {
    MessagesList,
    MessagesGet,
    AttachmentsGet,
    HistoryList,
    GetProfile,
}

impl Method {
    pub fn units(self, costs: &MethodCosts) -> u32 {
        let c = match self {
            Method::MessagesList => costs.list,
            Method::MessagesGet => costs.get,
            Method::AttachmentsGet => costs.attachment,
            Method::HistoryList => costs.history,
            Method::GetProfile => costs.profile,
        };
        c.max(1)
    }
}

/// How the client paces itself and retries.
#[derive(Debug, Clone, Copy)]
pub struct ClientSettings {
    /// The per-user quota budget, units per second (the most the adaptive budget reaches).
    pub units_per_second: u32,
    /// The most requests in flight (the adaptive window's cap).
    pub max_in_flight: usize,
    pub costs: MethodCosts,
    pub retry: RetryPolicy,
}

impl Default for ClientSettings {
    fn default() -> Self {
        ClientSettings {
            units_per_second: DEFAULT_UNITS_PER_SECOND,
            max_in_flight: DEFAULT_MAX_IN_FLIGHT,
            costs: MethodCosts::default(),
            retry: RetryPolicy::default(),
        }
    }
}

pub struct GmailClient {
    http: reqwest::Client,
    /// `{api}/gmail/v1/users/me`.
    base: Url,
    tokens: Arc<dyn TokenSource>,
    pacer: Pacer,
    costs: MethodCosts,
    retry: ExponentialBuilder,
    /// The mailbox this run reads (from `getProfile`); a token for another one stops the run.
    account: OnceLock<String>,
}

/// The HTTP client for Gmail: connect and read timeouts, no total timeout (downloads can be
/// large), and no redirects: every request carries the access token, which must not follow a
/// redirect anywhere (reqwest drops it only on a redirect to another host).
pub fn http_client(connect: Duration, read: Duration) -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(connect)
        .read_timeout(read)
        .user_agent(concat!("paypulse/", env!("CARGO_PKG_VERSION")))
        .build()
        .expect("the HTTP client builds with static settings")
}

impl GmailClient {
    /// `api_url` is the Gmail API base (`PAYPULSE_GMAIL_API_URL`); `http` should come from
    /// [`http_client`] (no redirects).
    pub fn new(
        http: reqwest::Client,
        api_url: &str,
        tokens: Arc<dyn TokenSource>,
        settings: ClientSettings,
    ) -> Result<GmailClient, GmailError> {
        let mut base = Url::parse(api_url)
            .map_err(|e| GmailError::Config(format!("invalid Gmail API URL: {e}")))?;
        base.path_segments_mut()
            .map_err(|()| GmailError::Config("invalid Gmail API URL".into()))?
            .pop_if_empty()
            .extend(["gmail", "v1", "users", "me"]);
        let retry = settings.retry;
        Ok(GmailClient {
            http,
            base,
            tokens,
            pacer: Pacer::new(
                settings.units_per_second,
                settings.max_in_flight,
                &settings.costs,
            ),
            costs: settings.costs,
            retry: retry.backoff(),
            account: OnceLock::new(),
        })
    }

    /// `{base}/seg/seg...`, each segment percent-encoded as a path segment.
    fn url(&self, segments: &[&str]) -> Url {
        let mut u = self.base.clone();
        u.path_segments_mut()
            .expect("the base URL has a path")
            .extend(segments);
        u
    }

    /// Answers that were rate limits (429, rate-limit 403), for the run's summary.
    pub fn rate_limited(&self) -> usize {
        self.pacer
            .throttled
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// One request inside the pacer (budget and window), with the 401-refresh-once rule; the
    /// status is checked. The permit is held until the caller has read the body.
    async fn send(
        &self,
        method: Method,
        url: &Url,
        query: &[(&str, &str)],
    ) -> Result<(reqwest::Response, Permit<'_>), GmailError> {
        crate::net::require_secure(url.as_str())
            .map_err(|e| GmailError::Insecure(e.to_string()))?;
        let permit = self.pacer.acquire(method.units(&self.costs)).await;
        let mut token = self.tokens.token().await?;
        let mut refreshed = false;
        loop {
            let resp = match self
                .http
                .get(url.clone())
                .query(query)
                .bearer_auth(token.expose_secret())
                .send()
                .await
            {
                Ok(r) => r,
                Err(e) => {
                    permit.finish(Outcome::Neutral);
                    return Err(transport(e));
                }
            };
            if resp.status().as_u16() == 401 {
                if refreshed {
                    return Err(GmailError::Unauthorized);
                }
                tracing::info!("Gmail answered 401; refreshing the access token once");
                token = self.tokens.refreshed(&token).await?;
                self.check_account(&token).await?;
                refreshed = true;
                continue;
            }
            if resp.status().is_success() {
                return Ok((resp, permit));
            }
            let e = http_error(resp).await;
            permit.finish(if e.is_rate_limit() {
                Outcome::RateLimited
            } else {
                Outcome::Neutral
            });
            return Err(e);
        }
    }

    /// Reads the mailbox's profile and binds the client to it: a later token for another
    /// account is refused ([`GmailError::AccountChanged`]).
    pub async fn bind_account(&self) -> Result<Profile, GmailError> {
        let url = self.url(&["profile"]);
        let p: Profile = self
            .get_json(Method::GetProfile, "getProfile", &url, &[])
            .await?;
        let bound = self.account.get_or_init(|| p.email_address.clone());
        if !bound.eq_ignore_ascii_case(&p.email_address) {
            return Err(GmailError::AccountChanged {
                expected: bound.clone(),
                found: p.email_address,
            });
        }
        Ok(p)
    }

    /// After a refresh: the new token must still be for the bound mailbox.
    async fn check_account(&self, token: &SecretString) -> Result<(), GmailError> {
        let Some(expected) = self.account.get() else {
            return Ok(());
        };
        self.pacer
            .spend(Method::GetProfile.units(&self.costs))
            .await;
        let resp = self
            .http
            .get(self.url(&["profile"]))
            .bearer_auth(token.expose_secret())
            .send()
            .await
            .map_err(transport)?;
        if !resp.status().is_success() {
            return Err(http_error(resp).await);
        }
        let bytes = read_capped(resp).await?;
        let p: Profile = decode_json(&bytes)?;
        if p.email_address.eq_ignore_ascii_case(expected) {
            Ok(())
        } else {
            Err(GmailError::AccountChanged {
                expected: expected.clone(),
                found: p.email_address,
            })
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
        url: &Url,
        query: &[(&str, &str)],
    ) -> Result<T, GmailError> {
        self.retrying(what, || async {
            let (resp, permit) = self.send(method, url, query).await?;
            let bytes = read_capped(resp).await?;
            permit.finish(Outcome::Clean);
            decode_json(&bytes)
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
        let max = max_results.to_string();
        let mut params: Vec<(&str, &str)> = vec![("q", query), ("maxResults", &max)];
        if let Some(t) = page_token {
            params.push(("pageToken", t));
        }
        let url = self.url(&["messages"]);
        self.get_json(Method::MessagesList, "messages.list", &url, &params)
            .await
    }

    /// One `messages.get` with `format=raw` (the whole RFC 822 message, every attachment
    /// included, for the price of one call), streamed into a temporary file in `dir`:
    /// base64url-decoded and hashed on the way, never held whole in memory.
    pub async fn get_raw(
        &self,
        message_id: &str,
        dir: &Path,
        progress: &(dyn Fn(u64) + Send + Sync),
    ) -> Result<RawMessage, GmailError> {
        let url = self.url(&["messages", message_id]);
        self.retrying("messages.get", || async {
            let (resp, permit) = self
                .send(
                    Method::MessagesGet,
                    &url,
                    &[("format", "raw"), ("fields", RAW_FIELDS)],
                )
                .await?;
            let (file, members) = stream_field_to_file(
                resp,
                "raw",
                &["id", "threadId", "internalDate"],
                dir,
                progress,
            )
            .await?;
            permit.finish(Outcome::Clean);
            let member = |name: &str| {
                members
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
            };
            Ok(RawMessage {
                id: member("id").unwrap_or_else(|| message_id.to_owned()),
                thread_id: member("threadId"),
                internal_date: member("internalDate"),
                file,
            })
        })
        .await
    }
}

/// The fields `fetch-invoices` reads of a message: Gmail sends nothing else.
pub const RAW_FIELDS: &str = "id,threadId,internalDate,raw";

/// A message as `format=raw` gives it: its RFC 822 bytes in a temporary file.
pub struct RawMessage {
    pub id: String,
    pub thread_id: Option<String>,
    /// Milliseconds since the epoch, as a string (int64).
    pub internal_date: Option<String>,
    pub file: Downloaded,
}

/// The most bytes of a JSON answer read into memory (lists and profiles; a message is
/// streamed to disk instead).
const MAX_JSON_BYTES: usize = 8 * 1024 * 1024;

/// The body of a JSON answer, at most [`MAX_JSON_BYTES`]; a body cut off is a transport error.
async fn read_capped(resp: reqwest::Response) -> Result<Vec<u8>, GmailError> {
    crate::net::read_capped(resp, MAX_JSON_BYTES)
        .await
        .map_err(|e| match e {
            crate::net::BodyError::Transport(e) => transport(e),
            too_large => GmailError::Decode(too_large.to_string()),
        })
}

/// The deepest JSON nesting read (a MIME tree in JSON nests two levels per MIME level).
const MAX_JSON_DEPTH: usize = 2 * MAX_MIME_DEPTH + 16;
/// The deepest MIME nesting read, far beyond any mail program's (legal messages of some 70
/// levels exist): a deeper message is skipped once and recorded.
pub const MAX_MIME_DEPTH: usize = 256;

/// A JSON answer: a document that ends early was cut off in transit (retried); one of another
/// shape is a schema mismatch (not retried: it would answer the same again); one nested deeper
/// than [`MAX_JSON_DEPTH`] is [`GmailError::TooDeep`] (not retried either). Deep documents are
/// decoded on a stack that grows on the heap, never overflowing the thread's.
fn decode_json<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, GmailError> {
    let depth = json_depth(bytes);
    if depth > MAX_JSON_DEPTH {
        return Err(GmailError::TooDeep(MAX_MIME_DEPTH));
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    de.disable_recursion_limit();
    let result = T::deserialize(serde_stacker::Deserializer::new(&mut de)).and_then(|v| {
        de.end()?;
        Ok(v)
    });
    result.map_err(|e| {
        if e.is_eof() {
            GmailError::Transport(format!("the answer was cut off ({e})"))
        } else {
            GmailError::Decode(e.to_string())
        }
    })
}

/// The deepest nesting of objects and arrays in a JSON text (strings skipped).
fn json_depth(bytes: &[u8]) -> usize {
    let (mut depth, mut max, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for &b in bytes {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                max = max.max(depth);
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
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
    if resp.status().is_redirection() {
        return GmailError::Http {
            status,
            reason: None,
            message: "a redirect, which is not followed (the request carries the access token)"
                .into(),
            retry_after: None,
        };
    }
    let body = read_capped(resp).await.unwrap_or_default();
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
