//! The Gmail API v1 subset `paypulse fetch-invoices` uses: `users.getProfile`,
//! `users.messages.list`, `users.messages.get` and `users.messages.attachments.get`, on Gmail's
//! paths (`/gmail/v1/users/me/…`), with Google's error bodies, per-user quota, the `fields`
//! partial-response parameter, and injectable faults.

pub(crate) mod fields;
pub(crate) mod mailbox;
pub(crate) mod search;
pub(crate) mod seed;
pub(crate) mod time;

use std::collections::HashMap;
use std::io;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::Response;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::google::{INVALID_CREDENTIAL, MISSING_CREDENTIAL};
use crate::scope::{GmailAccess, gmail_access};
use crate::state::{Shared, lock};
use crate::util::{Params, bearer_token};
use mailbox::{Format, Mailbox};

/// Size of the chunks a large body is streamed in.
const CHUNK: usize = 16 * 1024;

/// A failure injected into the next Gmail request(s), see
/// [`crate::Simulator::fail_next_gmail`] and [`crate::Simulator::fail_gmail_path`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GmailFault {
    /// This HTTP status with Google's error body: `500` `backendError` / `INTERNAL`, `503`
    /// `backendError` / `UNAVAILABLE`, `502` Google's HTML error page, `429`
    /// `rateLimitExceeded`, others the matching canonical error.
    Status(u16),
    /// `403` `rateLimitExceeded` (domain `usageLimits`, "Rate Limit Exceeded").
    RateLimit403,
    /// `403` `userRateLimitExceeded` (domain `usageLimits`, "User Rate Limit Exceeded").
    UserRateLimit403,
    /// `429` `rateLimitExceeded` / `RESOURCE_EXHAUSTED` with `Retry-After: retry_after_secs`.
    TooManyRequests { retry_after_secs: u64 },
    /// The connection is closed without an answer.
    Reset,
    /// The status line, the headers (with the full `Content-Length`) and half of the body are
    /// sent, then the connection is closed.
    Truncate,
}

/// A message of the mailbox, for tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailSummary {
    pub id: String,
    pub thread_id: String,
    /// Decoded `Subject` header.
    pub subject: String,
    /// `From` header as Gmail shows it (encoded words decoded).
    pub from: String,
    pub internal_date_ms: i64,
    /// Label ids, as `labelIds` (`INBOX`, `SPAM`, `Label_1`…).
    pub labels: Vec<String>,
    /// The RFC 822 bytes.
    pub raw: Vec<u8>,
}

/// Random faults: each Gmail request fails with these probabilities (0.0–1.0), drawn from a
/// seeded generator, see [`crate::Simulator::set_gmail_fault_rates`].
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct FaultRates {
    /// `500` `backendError`.
    pub server_error: f64,
    /// `429` with `Retry-After: 1`.
    pub too_many_requests: f64,
    /// The connection closed without an answer.
    pub reset: f64,
    /// Half the body, then the connection closed.
    pub truncate: f64,
}

/// Quota units per Gmail method, see [`crate::Simulator::set_gmail_costs`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GmailCosts {
    pub list: u32,
    pub get: u32,
    pub attachment: u32,
    pub profile: u32,
}

impl Default for GmailCosts {
    /// Gmail's published costs.
    fn default() -> Self {
        GmailCosts {
            list: 5,
            get: 5,
            attachment: 5,
            profile: 1,
        }
    }
}

/// A token bucket of quota units.
#[derive(Debug, Clone, Copy)]
struct Bucket {
    units: f64,
    at: Instant,
}

/// The Gmail half of the simulator's state.
pub(crate) struct GmailState {
    /// Google account id → mailbox; created on first use (the default account's is seeded).
    mailboxes: HashMap<String, Mailbox>,
    /// Units per second, burst.
    quota: (u32, u32),
    buckets: HashMap<String, Bucket>,
    fail_next: Option<(usize, GmailFault)>,
    fail_paths: Vec<(String, usize, GmailFault)>,
    random_faults: Option<(FaultRates, rand::rngs::StdRng)>,
    pub costs: GmailCosts,
    pub latency: Duration,
    /// Up to this much more latency, uniformly drawn per request.
    pub jitter: Duration,
    pub requests: Vec<String>,
    pub bytes_sent: Arc<AtomicU64>,
    pub quota_rejections: usize,
    pub units_charged: u64,
    /// Every fault injected so far (rules and random ones), in order.
    pub injected: Vec<GmailFault>,
}

/// The seeded default mailbox, built once per process (it holds a 6 MiB PDF) and shared.
fn seeded() -> &'static Mailbox {
    static SEEDED: OnceLock<Mailbox> = OnceLock::new();
    SEEDED.get_or_init(seed::default_mailbox)
}

impl GmailState {
    pub fn new() -> GmailState {
        GmailState {
            mailboxes: HashMap::new(),
            quota: (250, 250),
            buckets: HashMap::new(),
            fail_next: None,
            fail_paths: Vec::new(),
            random_faults: None,
            costs: GmailCosts::default(),
            latency: Duration::ZERO,
            jitter: Duration::ZERO,
            requests: Vec::new(),
            bytes_sent: Arc::new(AtomicU64::new(0)),
            quota_rejections: 0,
            units_charged: 0,
            injected: Vec::new(),
        }
    }

    /// An account's mailbox: the seeded one for the default account, else empty.
    pub fn mailbox(&mut self, account_id: &str) -> &mut Mailbox {
        self.mailboxes
            .entry(account_id.to_owned())
            .or_insert_with(|| {
                if account_id == crate::DEFAULT_GOOGLE_USER_ID {
                    seeded().clone()
                } else {
                    Mailbox::new()
                }
            })
    }

    pub fn set_quota(&mut self, units_per_second: u32, burst: u32) {
        self.quota = (units_per_second, burst);
        self.buckets.clear();
    }

    pub fn fail_next(&mut self, n: usize, fault: GmailFault) {
        self.fail_next = Some((n, fault));
    }

    pub fn fail_path(&mut self, substr: &str, n: usize, fault: GmailFault) {
        self.fail_paths.push((substr.to_owned(), n, fault));
    }

    pub fn clear_faults(&mut self) {
        self.fail_next = None;
        self.fail_paths.clear();
        self.random_faults = None;
    }

    pub fn set_fault_rates(&mut self, seed: u64, rates: FaultRates) {
        use rand::SeedableRng;
        self.random_faults = Some((rates, rand::rngs::StdRng::seed_from_u64(seed)));
    }

    /// This request's delay: the latency plus a uniform share of the jitter.
    fn delay(&mut self) -> Duration {
        use rand::Rng;
        if self.jitter.is_zero() {
            return self.latency;
        }
        let extra = rand::rng().random_range(0.0..=1.0) * self.jitter.as_secs_f64();
        self.latency + Duration::from_secs_f64(extra)
    }

    /// The fault for a request, if any, counted in [`GmailState::injected`].
    fn next_fault(&mut self, path: &str) -> Option<GmailFault> {
        let fault = self.take_fault(path).or_else(|| self.random_fault());
        if let Some(f) = &fault {
            self.injected.push(f.clone());
        }
        fault
    }

    fn random_fault(&mut self) -> Option<GmailFault> {
        use rand::Rng;
        let (rates, rng) = self.random_faults.as_mut()?;
        let x: f64 = rng.random_range(0.0..1.0);
        let mut edge = rates.server_error;
        if x < edge {
            return Some(GmailFault::Status(500));
        }
        edge += rates.too_many_requests;
        if x < edge {
            return Some(GmailFault::TooManyRequests {
                retry_after_secs: 1,
            });
        }
        edge += rates.reset;
        if x < edge {
            return Some(GmailFault::Reset);
        }
        edge += rates.truncate;
        (x < edge).then_some(GmailFault::Truncate)
    }

    /// The fault for a request to `path`, if any: path rules first (in the order they were
    /// added), then the "next n requests" one.
    fn take_fault(&mut self, path: &str) -> Option<GmailFault> {
        if let Some(rule) = self
            .fail_paths
            .iter_mut()
            .find(|(substr, n, _)| *n > 0 && path.contains(substr.as_str()))
        {
            if rule.1 != usize::MAX {
                rule.1 -= 1;
            }
            let fault = rule.2.clone();
            self.fail_paths.retain(|(_, n, _)| *n > 0);
            return Some(fault);
        }
        if let Some((n, fault)) = &mut self.fail_next
            && *n > 0
        {
            *n -= 1;
            return Some(fault.clone());
        }
        None
    }

    /// Takes `cost` units from the account's bucket; the error is the `Retry-After` seconds.
    fn take_quota(&mut self, account_id: &str, cost: u32) -> Result<(), u64> {
        let (rate, burst) = self.quota;
        let now = Instant::now();
        let bucket = self.buckets.entry(account_id.to_owned()).or_insert(Bucket {
            units: f64::from(burst),
            at: now,
        });
        let elapsed = now.duration_since(bucket.at).as_secs_f64();
        bucket.units = (bucket.units + elapsed * f64::from(rate)).min(f64::from(burst));
        bucket.at = now;
        let units = u64::from(cost);
        let cost = f64::from(cost);
        if bucket.units >= cost {
            bucket.units -= cost;
            self.units_charged += units;
            return Ok(());
        }
        if rate == 0 {
            return Err(60);
        }
        let wait = ((cost - bucket.units) / f64::from(rate)).ceil();
        // The value is small and positive; the conversion cannot lose anything that matters.
        Err(format!("{wait:.0}").parse::<u64>().unwrap_or(1).max(1))
    }
}

// ----- answers ---------------------------------------------------------------------------------

/// A complete answer before it is sent.
pub(crate) struct Reply {
    status: StatusCode,
    headers: Vec<(HeaderName, HeaderValue)>,
    body: Vec<u8>,
}

impl Reply {
    fn with_header(mut self, name: HeaderName, value: &str) -> Reply {
        if let Ok(v) = HeaderValue::from_str(value) {
            self.headers.push((name, v));
        }
        self
    }
}

/// The headers Google's API front end sends with JSON.
fn json_headers() -> Vec<(HeaderName, HeaderValue)> {
    vec![
        (
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=UTF-8"),
        ),
        (
            header::VARY,
            HeaderValue::from_static("Origin, X-Origin, Referer"),
        ),
        (header::SERVER, HeaderValue::from_static("ESF")),
        (header::X_XSS_PROTECTION, HeaderValue::from_static("0")),
        (
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("SAMEORIGIN"),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
    ]
}

/// A JSON answer, pretty-printed as Google does by default (`prettyPrint=true`).
fn json_reply(status: StatusCode, body: &Value, pretty: bool) -> Reply {
    let mut text = if pretty {
        serde_json::to_string_pretty(body).unwrap_or_default()
    } else {
        body.to_string()
    };
    if pretty {
        text.push('\n');
    }
    Reply {
        status,
        headers: json_headers(),
        body: text.into_bytes(),
    }
}

/// Google's API error body: `{"error": {code, message, errors: [{message, domain, reason}],
/// status}}`.
fn api_error(code: u16, message: &str, domain: &str, reason: &str, status: &str) -> Reply {
    json_reply(
        StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        &json!({ "error": {
            "code": code,
            "message": message,
            "errors": [{ "message": message, "domain": domain, "reason": reason }],
            "status": status,
        }}),
        true,
    )
}

fn invalid_argument(message: &str) -> Reply {
    api_error(
        400,
        message,
        "global",
        "invalidArgument",
        "INVALID_ARGUMENT",
    )
}

fn not_found_entity() -> Reply {
    api_error(
        404,
        "Requested entity was not found.",
        "global",
        "notFound",
        "NOT_FOUND",
    )
}

/// 429 for an exhausted per-user quota.
fn too_many_requests(retry_after_secs: u64) -> Reply {
    api_error(
        429,
        "Too many concurrent requests for user.",
        "usageLimits",
        "rateLimitExceeded",
        "RESOURCE_EXHAUSTED",
    )
    .with_header(header::RETRY_AFTER, &retry_after_secs.to_string())
}

/// Google's 401s, with their `WWW-Authenticate` challenge.
fn unauthenticated(missing: bool) -> Reply {
    let (message, reason, inner, challenge) = if missing {
        (
            MISSING_CREDENTIAL,
            "required",
            "Login Required.",
            "Bearer realm=\"https://accounts.google.com/\"",
        )
    } else {
        (
            INVALID_CREDENTIAL,
            "authError",
            "Invalid Credentials",
            "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"",
        )
    };
    json_reply(
        StatusCode::UNAUTHORIZED,
        &json!({ "error": {
            "code": 401,
            "message": message,
            "errors": [{
                "message": inner,
                "domain": "global",
                "reason": reason,
                "location": "Authorization",
                "locationType": "header",
            }],
            "status": "UNAUTHENTICATED",
        }}),
        true,
    )
    .with_header(header::WWW_AUTHENTICATE, challenge)
}

/// Google's 403 for a token without a Gmail scope.
fn insufficient_scope(method: &str) -> Reply {
    json_reply(
        StatusCode::FORBIDDEN,
        &json!({ "error": {
            "code": 403,
            "message": "Request had insufficient authentication scopes.",
            "errors": [{
                "message": "Insufficient Permission",
                "domain": "global",
                "reason": "insufficientPermissions",
            }],
            "status": "PERMISSION_DENIED",
            "details": [{
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
                "domain": "googleapis.com",
                "metadata": {
                    "service": "gmail.googleapis.com",
                    "method": format!("caribou.api.proto.MailboxService.{method}"),
                },
            }],
        }}),
        true,
    )
    .with_header(
        header::WWW_AUTHENTICATE,
        "Bearer realm=\"https://accounts.google.com/\", error=\"insufficient_scope\", \
         scope=\"https://mail.google.com/ https://www.googleapis.com/auth/gmail.modify \
         https://www.googleapis.com/auth/gmail.readonly \
         https://www.googleapis.com/auth/gmail.metadata\"",
    )
}

fn forbidden(message: &str) -> Reply {
    api_error(403, message, "global", "forbidden", "PERMISSION_DENIED")
}

/// Google's HTML 404 page for paths that are not part of the API.
fn not_found_page() -> Reply {
    Reply {
        status: StatusCode::NOT_FOUND,
        headers: vec![(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=UTF-8"),
        )],
        body: b"<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n  \
                <title>Error 404 (Not Found)!!1</title>\n  <p><b>404.</b> <ins>That\xe2\x80\x99s \
                an error.</ins>\n  <p>The requested URL was not found on this server.  \
                <ins>That\xe2\x80\x99s all we know.</ins>\n"
            .to_vec(),
    }
}

/// The answer to an injected fault (other than `Reset` and `Truncate`).
fn fault_reply(fault: &GmailFault) -> Reply {
    match fault {
        GmailFault::RateLimit403 => api_error(
            403,
            "Rate Limit Exceeded",
            "usageLimits",
            "rateLimitExceeded",
            "PERMISSION_DENIED",
        ),
        GmailFault::UserRateLimit403 => api_error(
            403,
            "User Rate Limit Exceeded",
            "usageLimits",
            "userRateLimitExceeded",
            "PERMISSION_DENIED",
        ),
        GmailFault::TooManyRequests { retry_after_secs } => too_many_requests(*retry_after_secs),
        GmailFault::Status(code) => status_reply(*code),
        GmailFault::Reset | GmailFault::Truncate => status_reply(500),
    }
}

fn status_reply(code: u16) -> Reply {
    match code {
        400 => invalid_argument("Bad Request"),
        401 => unauthenticated(false),
        403 => forbidden("The caller does not have permission"),
        404 => not_found_entity(),
        409 => api_error(409, "Aborted", "global", "aborted", "ABORTED"),
        429 => too_many_requests(1),
        502 => Reply {
            status: StatusCode::BAD_GATEWAY,
            headers: vec![(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=UTF-8"),
            )],
            body: b"<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n  \
                    <title>Error 502 (Server Error)!!1</title>\n  <p><b>502.</b> \
                    <ins>That\xe2\x80\x99s an error.</ins>\n  <p>The server encountered a \
                    temporary error and could not complete your request.<p>Please try again \
                    in 30 seconds.  <ins>That\xe2\x80\x99s all we know.</ins>\n"
                .to_vec(),
        },
        503 => api_error(
            503,
            "The service is currently unavailable.",
            "global",
            "backendError",
            "UNAVAILABLE",
        ),
        504 => api_error(
            504,
            "Deadline exceeded",
            "global",
            "deadlineExceeded",
            "DEADLINE_EXCEEDED",
        ),
        code => {
            let code = if StatusCode::from_u16(code).is_ok() {
                code
            } else {
                500
            };
            api_error(code, "Backend Error", "global", "backendError", "INTERNAL")
        }
    }
}

// ----- routing -----------------------------------------------------------------------------------

/// The Gmail methods served.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Route {
    Profile,
    List,
    Get(String),
    Attachment(String, String),
}

impl Route {
    /// (user id, route) of a path under `/gmail/v1/users/`.
    fn parse(path: &str) -> Option<(String, Route)> {
        let rest = path.strip_prefix("/gmail/v1/users/")?;
        let segs: Vec<String> = rest
            .split('/')
            .map(|s| {
                url::form_urlencoded::parse(format!("x={}", s.replace('+', "%2B")).as_bytes())
                    .next()
                    .map(|(_, v)| v.into_owned())
                    .unwrap_or_default()
            })
            .collect();
        let route = match segs
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice()
        {
            [_, "profile"] => Route::Profile,
            [_, "messages"] => Route::List,
            [_, "messages", id] if !id.is_empty() => Route::Get((*id).to_owned()),
            [_, "messages", id, "attachments", aid] if !id.is_empty() && !aid.is_empty() => {
                Route::Attachment((*id).to_owned(), (*aid).to_owned())
            }
            _ => return None,
        };
        Some((segs[0].clone(), route))
    }

    /// Quota units of the method.
    fn cost(&self, costs: &GmailCosts) -> u32 {
        match self {
            Route::Profile => costs.profile,
            Route::List => costs.list,
            Route::Get(_) => costs.get,
            Route::Attachment(..) => costs.attachment,
        }
    }

    /// The method's name in Google's error details.
    fn rpc(&self) -> &'static str {
        match self {
            Route::Profile => "GetProfile",
            Route::List => "ListMessages",
            Route::Get(_) => "GetMessage",
            Route::Attachment(..) => "GetAttachment",
        }
    }
}

/// Every request under `/gmail/v1/`: recorded, delayed, maybe failed, then answered.
pub(crate) async fn dispatch(
    State(shared): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let path = uri.path().to_owned();
    let query = uri.query().unwrap_or("").to_owned();
    let (latency, fault, counter) = {
        let mut st = lock(&shared);
        let entry = if query.is_empty() {
            format!("{method} {path}")
        } else {
            format!("{method} {path}?{query}")
        };
        st.gmail.requests.push(entry);
        let fault = st.gmail.next_fault(&path);
        (st.gmail.delay(), fault, st.gmail.bytes_sent.clone())
    };
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let truncate = match fault {
        Some(GmailFault::Reset) => {
            // Unwinding out of the handler ends the connection's task: the socket is closed
            // with no answer. `resume_unwind` does not run the panic hook, so nothing is printed.
            std::panic::resume_unwind(Box::new("google-sim: injected connection reset"))
        }
        Some(GmailFault::Truncate) => true,
        Some(other) => return send(fault_reply(&other), false, &counter),
        None => false,
    };
    let reply = handle(&shared, &method, &path, &query, &headers);
    send(reply, truncate, &counter)
}

/// Answers a request (no fault involved).
fn handle(shared: &Shared, method: &Method, path: &str, query: &str, headers: &HeaderMap) -> Reply {
    let params = Params::parse(query.as_bytes());
    let Some((user, route)) = Route::parse(path) else {
        return not_found_page();
    };
    if method != Method::GET {
        return not_found_page();
    }
    let token = bearer_token(headers).or_else(|| {
        params
            .non_empty("access_token")
            .or_else(|| params.non_empty("oauth_token"))
            .map(str::to_owned)
    });
    let Some(token) = token else {
        return unauthenticated(true);
    };
    let mut st = lock(shared);
    let Some((account_id, scope)) = st
        .live_access(&token)
        .map(|(_, grant)| (grant.account_id.clone(), grant.scope.clone()))
    else {
        return unauthenticated(false);
    };
    let Some(email) = st.account_by_id(&account_id).map(|a| a.email.clone()) else {
        return unauthenticated(false);
    };
    let access = gmail_access(&scope);
    let metadata_only = match (access, &route) {
        (GmailAccess::None, _) | (GmailAccess::Metadata, Route::Attachment(..)) => {
            return insufficient_scope(route.rpc());
        }
        (GmailAccess::Metadata, _) => true,
        (GmailAccess::Read, _) => false,
    };
    if user != "me" && !user.eq_ignore_ascii_case(&email) {
        return forbidden(&format!("Delegation denied for {email}"));
    }
    let pretty = !matches!(params.get("prettyPrint"), Some("false" | "0"));
    let mask = match params.get("fields").map(fields::parse) {
        None => None,
        Some(Ok(mask)) => Some(mask),
        Some(Err(e)) => {
            return invalid_argument(&format!(
                "Invalid field selection {}: {e}",
                params.get("fields").unwrap_or("")
            ));
        }
    };
    let cost = route.cost(&st.gmail.costs);
    if let Err(retry_after) = st.gmail.take_quota(&account_id, cost) {
        st.gmail.quota_rejections += 1;
        return too_many_requests(retry_after);
    }
    let mailbox = st.gmail.mailbox(&account_id);
    let result = match &route {
        Route::Profile => Ok(json!({
            "emailAddress": email,
            "messagesTotal": mailbox.messages.len(),
            "threadsTotal": mailbox.threads_total(),
            "historyId": mailbox.history_id().to_string(),
        })),
        Route::List => list(&params, mailbox, &email, metadata_only),
        Route::Get(id) => get(&params, mailbox, id, metadata_only),
        Route::Attachment(id, aid) => attachment(mailbox, id, aid),
    };
    match result {
        Ok(value) => {
            let value = match &mask {
                Some(mask) => fields::apply(&value, mask),
                None => value,
            };
            json_reply(StatusCode::OK, &value, pretty)
        }
        Err(reply) => reply,
    }
}

/// Parses a boolean query parameter as Google does.
fn bool_param(params: &Params, name: &str) -> Result<bool, Reply> {
    match params.get(name) {
        None => Ok(false),
        Some(v) if v.eq_ignore_ascii_case("true") || v == "1" => Ok(true),
        Some(v) if v.eq_ignore_ascii_case("false") || v == "0" || v.is_empty() => Ok(false),
        Some(v) => Err(invalid_argument(&format!(
            "Invalid value at '{}' (TYPE_BOOL), \"{v}\"",
            snake(name)
        ))),
    }
}

fn snake(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A hash naming a list request's result set, kept in its page tokens.
fn list_key(q: &str, label_ids: &[&str], include_spam_trash: bool) -> u64 {
    let mut h = Sha256::new();
    h.update(q.as_bytes());
    for l in label_ids {
        h.update([0]);
        h.update(l.as_bytes());
    }
    h.update([u8::from(include_spam_trash)]);
    let d = h.finalize();
    u64::from(u32::from_be_bytes([d[0], d[1], d[2], d[3]]))
}

/// `users.messages.list`.
fn list(
    params: &Params,
    mailbox: &Mailbox,
    email: &str,
    metadata_only: bool,
) -> Result<Value, Reply> {
    let max = match params.non_empty("maxResults") {
        None => 100,
        Some(v) => match v.parse::<u32>() {
            Ok(0) => 100,
            Ok(n) => n.min(500),
            Err(_) => {
                return Err(invalid_argument(&format!(
                    "Invalid value at 'max_results' (TYPE_UINT32), \"{v}\""
                )));
            }
        },
    } as usize;
    let include_spam_trash = bool_param(params, "includeSpamTrash")?;
    let label_ids = params.get_all("labelIds");
    let q = params.get("q").unwrap_or("");
    if metadata_only && !q.is_empty() {
        return Err(forbidden("Metadata scope does not support 'q' parameter"));
    }
    let key = list_key(q, &label_ids, include_spam_trash);
    let offset = match params.non_empty("pageToken") {
        None => 0,
        Some(token) => match token.parse::<u64>() {
            Ok(v) if v >> 24 == key => (v & 0xFF_FFFF) as usize,
            _ => return Err(invalid_argument("Invalid pageToken")),
        },
    };
    let expr = search::parse(q, crate::state::now() * 1000);
    let exclude_spam_trash = !include_spam_trash && !search::mentions_spam_or_trash(&expr);
    let ctx = search::Context {
        mailbox,
        owner_email: email,
    };
    let matched: Vec<_> = mailbox
        .newest_first()
        .into_iter()
        .filter(|m| {
            !(exclude_spam_trash && m.label_ids.iter().any(|l| l == "SPAM" || l == "TRASH"))
        })
        .filter(|m| {
            label_ids.iter().all(|l| {
                mailbox
                    .label_id(l)
                    .is_some_and(|id| m.label_ids.contains(&id))
            })
        })
        .filter(|m| search::matches(&expr, &ctx, m))
        .collect();
    let page: Vec<Value> = matched
        .iter()
        .skip(offset)
        .take(max)
        .map(|m| json!({ "id": m.id, "threadId": m.thread_id }))
        .collect();
    let mut body = serde_json::Map::new();
    if !page.is_empty() {
        body.insert("messages".into(), Value::Array(page));
    }
    if offset + max < matched.len() {
        let next = (key << 24) | ((offset + max) as u64 & 0xFF_FFFF);
        body.insert("nextPageToken".into(), format!("{next:020}").into());
    }
    body.insert("resultSizeEstimate".into(), matched.len().into());
    Ok(Value::Object(body))
}

/// Whether a string can be a Gmail message id (hexadecimal).
fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 16 && id.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `users.messages.get`.
fn get(params: &Params, mailbox: &Mailbox, id: &str, metadata_only: bool) -> Result<Value, Reply> {
    let format = match params.non_empty("format") {
        None => Format::Full,
        Some(v) => Format::parse(v).ok_or_else(|| {
            invalid_argument(&format!(
                "Invalid value at 'format' (type.googleapis.com/caribou.api.proto.MessageFormat), \"{v}\""
            ))
        })?,
    };
    if metadata_only && matches!(format, Format::Full | Format::Raw) {
        return Err(forbidden(&format!(
            "Metadata scope doesn't allow format {}",
            params.get("format").unwrap_or("FULL").to_ascii_uppercase()
        )));
    }
    let metadata_headers: Vec<String> = params
        .get_all("metadataHeaders")
        .iter()
        .flat_map(|v| v.split(','))
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .collect();
    if !valid_id(id) {
        return Err(invalid_argument("Invalid id value"));
    }
    let message = mailbox.get(id).ok_or_else(not_found_entity)?;
    Ok(message.to_json(format, &metadata_headers))
}

/// `users.messages.attachments.get`.
fn attachment(mailbox: &Mailbox, id: &str, attachment_id: &str) -> Result<Value, Reply> {
    if !valid_id(id) {
        return Err(invalid_argument("Invalid id value"));
    }
    let message = mailbox.get(id).ok_or_else(not_found_entity)?;
    let part = message
        .attachment(attachment_id)
        .ok_or_else(|| invalid_argument("Invalid attachment token"))?;
    Ok(json!({
        "attachmentId": attachment_id,
        "size": part.content.len(),
        "data": URL_SAFE.encode(&part.content),
    }))
}

// ----- sending -----------------------------------------------------------------------------------

/// Sends a reply as a chunked stream of 16 KiB pieces (so large attachments stream), or, when
/// truncated, its headers with the full `Content-Length` and half its body before the
/// connection is cut.
fn send(reply: Reply, truncate: bool, counter: &Arc<AtomicU64>) -> Response {
    let Reply {
        status,
        headers,
        body,
    } = reply;
    let body = Bytes::from(body);
    let len = body.len();
    let mut response = Response::new(Body::empty());
    *response.status_mut() = status;
    for (name, value) in headers {
        response.headers_mut().append(name, value);
    }
    let counter = counter.clone();
    let to_u64 = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
    if truncate {
        response
            .headers_mut()
            .insert(header::CONTENT_LENGTH, HeaderValue::from(len));
        let first = body.slice(..len / 2);
        let stream = futures_util::stream::unfold(0u8, move |step| {
            let first = first.clone();
            let counter = counter.clone();
            async move {
                match step {
                    0 => {
                        counter.fetch_add(to_u64(first.len()), Ordering::Relaxed);
                        Some((Ok(first), 1))
                    }
                    1 => {
                        // Let the first half reach the socket before the connection is cut.
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        Some((
                            Err(io::Error::new(
                                io::ErrorKind::ConnectionAborted,
                                "google-sim: injected truncation",
                            )),
                            2,
                        ))
                    }
                    _ => None,
                }
            }
        });
        *response.body_mut() = Body::from_stream(stream);
    } else {
        // Like Google's front end: no Content-Length, chunked transfer, here in 16 KiB pieces.
        let chunks: Vec<Bytes> = (0..len)
            .step_by(CHUNK)
            .map(|start| body.slice(start..(start + CHUNK).min(len)))
            .collect();
        let stream = futures_util::stream::iter(chunks.into_iter().map(move |chunk| {
            counter.fetch_add(to_u64(chunk.len()), Ordering::Relaxed);
            Ok::<Bytes, io::Error>(chunk)
        }));
        *response.body_mut() = Body::from_stream(stream);
    }
    response
}
