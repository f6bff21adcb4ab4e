//! A local simulator of Google's OAuth 2.0 endpoints and of the PayPulse API's authentication
//! endpoints, for integration tests and the demo.
//!
//! It behaves as Google's servers do, error bodies included: a client that passes against it
//! meets the same answers in production. It serves, on `127.0.0.1` and an OS-chosen port:
//!
//! | path | as Google's / PayPulse's |
//! |---|---|
//! | `GET /o/oauth2/v2/auth` | authorization endpoint (auto-consents, then `302` to the loopback redirect) |
//! | `POST /token` | token endpoint: `authorization_code` (PKCE S256) and `refresh_token` grants |
//! | `POST /revoke` | revocation endpoint |
//! | `GET /oauth2/v2/userinfo`, `GET/POST /oauth2/v3/userinfo` | userinfo, v2 and OpenID Connect shapes |
//! | `GET/POST /tokeninfo` (also `/oauth2/v3/tokeninfo`) | tokeninfo (`access_token` or `id_token`) |
//! | `POST /paypulse/v1/auth/login` | PayPulse password login (HS256 JWT) |
//! | `POST /paypulse/v1/auth/gmail/store-tokens` | PayPulse Gmail token upload |
//! | `GET /gmail/v1/users/me/profile` | Gmail `users.getProfile` |
//! | `GET /gmail/v1/users/me/messages` | Gmail `users.messages.list` (with search) |
//! | `GET /gmail/v1/users/me/messages/{id}` | Gmail `users.messages.get` |
//! | `GET /gmail/v1/users/me/messages/{id}/attachments/{attachmentId}` | Gmail `users.messages.attachments.get` |
//!
//! The default account's mailbox is seeded with about thirty realistic messages (rent notices,
//! receipts, invoices with hostile attachment names, a forwarded invoice, newsletters, chat,
//! spam, trash), built as real MIME; see [`Simulator::mailbox`]. Gmail requests need a live
//! access token with a Gmail read scope, count against a per-user quota
//! ([`Simulator::set_gmail_quota`]) and can be made to fail ([`Simulator::fail_next_gmail`]).
//!
//! ```no_run
//! let sim = paypulse_google_sim::Simulator::start();
//! let grant = sim.issue_grant(
//!     paypulse_google_sim::DEFAULT_PUBLIC_CLIENT_ID,
//!     paypulse_google_sim::DEFAULT_GOOGLE_USER_ID,
//!     "openid email profile https://www.googleapis.com/auth/gmail.readonly",
//!     3599,
//! );
//! assert!(sim.access_token_valid(&grant.access_token));
//! ```

mod gmail;
mod google;
mod paypulse;
mod scope;
mod state;
mod util;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use axum::Router;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use serde_json::Value;
use tokio::sync::oneshot;

pub use gmail::{FaultRates, GmailCosts, GmailFault, MailSummary};
pub use state::Consent;
use state::{Shared, State, lock};

/// The default public (secret-less) OAuth client.
pub const DEFAULT_PUBLIC_CLIENT_ID: &str = "sim-desktop-client.apps.googleusercontent.com";
/// The default confidential OAuth client.
pub const DEFAULT_CONFIDENTIAL_CLIENT_ID: &str =
    "sim-confidential-client.apps.googleusercontent.com";
/// The secret of [`DEFAULT_CONFIDENTIAL_CLIENT_ID`].
pub const DEFAULT_CONFIDENTIAL_CLIENT_SECRET: &str = "GOCSPX-sim-secret";
/// The default Google account's id (`sub`).
pub const DEFAULT_GOOGLE_USER_ID: &str = "104729384756102938475";
/// The default Google account's email address.
pub const DEFAULT_GOOGLE_EMAIL: &str = "alice@example.com";
/// The default Google account's display name.
pub const DEFAULT_GOOGLE_NAME: &str = "Alice Andersson";
/// The default PayPulse user's email.
pub const DEFAULT_PAYPULSE_EMAIL: &str = "alice@example.com";
/// The default PayPulse user's password.
pub const DEFAULT_PAYPULSE_PASSWORD: &str = "correct horse battery staple";
/// The default PayPulse user's id.
pub const DEFAULT_PAYPULSE_USER_ID: &str = "user_alice01";

mod product_query {
    // The product's own definition (one source for both).
    include!("../../../crates/paypulse-core/src/gmail/default_query.rs");
}

/// The invoice query `paypulse fetch-invoices` sends by default (the product's
/// `DEFAULT_QUERY`, the same source), for tests. See [`Simulator::mailbox`].
pub const GMAIL_INVOICE_QUERY: &str = product_query::DEFAULT_QUERY;

/// Tokens of a grant seeded with [`Simulator::issue_grant`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_in: i64,
    pub scope: String,
}

/// A running simulator. It serves on its own thread with its own tokio runtime, so it can be
/// used from synchronous and asynchronous tests alike, and stops when dropped.
pub struct Simulator {
    base_url: String,
    state: Shared,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Simulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Simulator")
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

impl Simulator {
    /// Starts on `127.0.0.1` with an OS-chosen port.
    ///
    /// # Panics
    /// If no loopback port can be bound or the runtime cannot be built.
    pub fn start() -> Simulator {
        Simulator::start_on("127.0.0.1:0".parse().expect("a valid socket address"))
            .expect("the simulator could not bind a loopback port")
    }

    /// Starts on the given address (port 0: OS-chosen), e.g. for a demo on a fixed port.
    pub fn start_on(addr: SocketAddr) -> std::io::Result<Simulator> {
        let listener = std::net::TcpListener::bind(addr)?;
        listener.set_nonblocking(true)?;
        let local = listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let state: Shared = Arc::new(Mutex::new(State::new()));
        let app = router(state.clone());
        let (shutdown_tx, shutdown_rx) = oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name(format!("google-sim-{}", local.port()))
            .spawn(move || {
                runtime.block_on(async move {
                    let listener = match tokio::net::TcpListener::from_std(listener) {
                        Ok(l) => l,
                        Err(e) => {
                            eprintln!("google-sim: cannot listen: {e}");
                            return;
                        }
                    };
                    tokio::select! {
                        result = axum::serve(listener, app) => {
                            if let Err(e) = result {
                                eprintln!("google-sim: server error: {e}");
                            }
                        }
                        _ = shutdown_rx => {}
                    }
                });
                // Connections still open are dropped rather than waited for.
                runtime.shutdown_timeout(Duration::from_millis(500));
            })?;
        Ok(Simulator {
            base_url: format!("http://{local}"),
            state,
            shutdown: Some(shutdown_tx),
            thread: Some(thread),
        })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        self.base_url.clone()
    }

    /// The authorization endpoint, `{base}/o/oauth2/v2/auth`.
    pub fn auth_url(&self) -> String {
        format!("{}/o/oauth2/v2/auth", self.base_url)
    }

    /// The token endpoint, `{base}/token`.
    pub fn token_url(&self) -> String {
        format!("{}/token", self.base_url)
    }

    /// The revocation endpoint, `{base}/revoke`.
    pub fn revoke_url(&self) -> String {
        format!("{}/revoke", self.base_url)
    }

    /// The v2 userinfo endpoint, `{base}/oauth2/v2/userinfo`.
    pub fn userinfo_url(&self) -> String {
        format!("{}/oauth2/v2/userinfo", self.base_url)
    }

    /// The tokeninfo endpoint, `{base}/tokeninfo` (as `https://oauth2.googleapis.com/tokeninfo`;
    /// `{base}/oauth2/v3/tokeninfo` answers the same).
    pub fn tokeninfo_url(&self) -> String {
        format!("{}/tokeninfo", self.base_url)
    }

    /// The PayPulse API base, `{base}/paypulse` (login is `{api}/v1/auth/login`).
    pub fn api_url(&self) -> String {
        format!("{}/paypulse", self.base_url)
    }

    /// Registers an OAuth client (or replaces its secret). `None`: a public client.
    pub fn add_client(&self, client_id: &str, client_secret: Option<&str>) {
        lock(&self.state).add_client(client_id, client_secret);
    }

    /// Adds a verified Google account (or replaces the one with the same id).
    pub fn add_google_account(&self, id: &str, email: &str, name: &str) {
        lock(&self.state).add_account(id, email, name);
    }

    /// Seeds a grant as if the account had consented to the client: an access token living
    /// `expires_in` seconds (negative: already expired) and a refresh token. The scope is kept
    /// as given and is what refresh answers report.
    ///
    /// # Panics
    /// If the client or the account is unknown (a mistake in the test's setup).
    pub fn issue_grant(
        &self,
        client_id: &str,
        google_user_id: &str,
        scope: &str,
        expires_in: i64,
    ) -> Grant {
        let mut st = lock(&self.state);
        assert!(
            st.clients.contains_key(client_id),
            "issue_grant: unknown OAuth client {client_id:?}; add it with add_client"
        );
        assert!(
            st.account_by_id(google_user_id).is_some(),
            "issue_grant: unknown Google account {google_user_id:?}; add it with add_google_account"
        );
        let scope = scope.split_whitespace().collect::<Vec<_>>().join(" ");
        let key = (client_id.to_owned(), google_user_id.to_owned());
        st.consented.insert(key.clone());
        st.offline_consented.insert(key);
        let (_, access_token, refresh_token) =
            st.create_grant(client_id, google_user_id, &scope, true, expires_in);
        Grant {
            access_token,
            refresh_token: refresh_token.unwrap_or_default(),
            expires_in,
            scope,
        }
    }

    /// Whether this refresh or access token was revoked (its grant was revoked, or it is a
    /// refresh token that was rotated away). Unknown tokens: `false`.
    pub fn is_revoked(&self, token: &str) -> bool {
        let st = lock(&self.state);
        st.superseded_refresh.contains_key(token)
            || st
                .grant_of(token)
                .and_then(|g| st.grants.get(g))
                .is_some_and(|g| g.revoked)
    }

    /// Revokes the grant of this token out of band, as when the user removes the app's access
    /// in their Google account settings. Unknown tokens are ignored.
    pub fn revoke(&self, token: &str) {
        let mut st = lock(&self.state);
        if let Some(grant) = st.grant_of(token) {
            st.revoke_grant(grant);
        }
    }

    /// Whether this access token is known, unexpired and not revoked.
    pub fn access_token_valid(&self, token: &str) -> bool {
        lock(&self.state).live_access(token).is_some()
    }

    /// Number of `POST /token` requests received (injected failures included).
    pub fn token_requests(&self) -> usize {
        lock(&self.state).token_requests
    }

    /// The `token` values posted to `/revoke`, in order (empty string when none was sent).
    pub fn revoke_requests(&self) -> Vec<String> {
        lock(&self.state).revoke_requests.clone()
    }

    /// The authorization requests received (path and query), in order.
    pub fn authorize_requests(&self) -> Vec<String> {
        lock(&self.state).authorize_requests.clone()
    }

    /// Makes the next `n` `POST /token` requests fail with this HTTP status and a Google-like
    /// error body.
    pub fn fail_next_token_requests(&self, n: usize, status: u16) {
        lock(&self.state).fail_token = (n, status);
    }

    /// Makes the next `n` tokeninfo requests fail with this HTTP status (`429`: Google's rate
    /// limit, `5xx`: a backend error) and a Google-like error body.
    pub fn fail_next_tokeninfo_requests(&self, n: usize, status: u16) {
        lock(&self.state).fail_tokeninfo = (n, status);
    }

    /// Number of tokeninfo requests received (injected failures included).
    pub fn tokeninfo_requests(&self) -> usize {
        lock(&self.state).tokeninfo_requests
    }

    /// Makes refresh answers carry a new refresh token, which replaces (and invalidates) the
    /// old one. Google itself does not rotate.
    pub fn set_rotate_refresh_tokens(&self, on: bool) {
        lock(&self.state).rotate_refresh_tokens = on;
    }

    /// Makes code exchanges answer without a refresh token, as Google does when it holds an
    /// earlier offline consent and is not asked to prompt again.
    pub fn set_withhold_refresh_tokens(&self, on: bool) {
        lock(&self.state).withhold_refresh_tokens = on;
    }

    /// What the simulated user does on the consent screen, from now on.
    pub fn set_consent(&self, consent: Consent) {
        lock(&self.state).consent = consent;
    }

    /// Which account consents, from now on (overrides `login_hint`).
    ///
    /// # Panics
    /// If no Google account has this email.
    pub fn set_consent_account(&self, email: &str) {
        let mut st = lock(&self.state);
        assert!(
            st.account_by_email(email).is_some(),
            "set_consent_account: no Google account has the email {email:?}"
        );
        st.consent_account = Some(email.to_owned());
    }

    /// Adds a PayPulse API user (or replaces the one with the same email).
    pub fn add_paypulse_user(&self, email: &str, password: &str, user_id: &str) {
        lock(&self.state).add_paypulse_user(email, password, user_id);
    }

    /// Number of `POST {api}/v1/auth/login` requests received.
    pub fn login_requests(&self) -> usize {
        lock(&self.state).login_requests
    }

    /// The last token body stored with `store-tokens` for this PayPulse user.
    pub fn stored_tokens(&self, user_id: &str) -> Option<Value> {
        lock(&self.state).stored_tokens.get(user_id).cloned()
    }

    /// Mints a PayPulse session JWT as `login` would, with any lifetime (negative: already
    /// expired), e.g. to test an expired session.
    pub fn issue_paypulse_jwt(&self, user_id: &str, email: &str, expires_in: i64) -> String {
        let st = lock(&self.state);
        let iat = state::now();
        let claims = serde_json::json!({
            "user_id": user_id,
            "email": email,
            "exp": iat.saturating_add(expires_in),
            "iat": iat,
        });
        paypulse::sign_jwt(&st.jwt_secret, &claims)
    }

    // ----- Gmail ---------------------------------------------------------------------------

    /// The Gmail API base, `{base}`: the client appends `/gmail/v1/users/me/…`.
    pub fn gmail_url(&self) -> String {
        self.base_url.clone()
    }

    /// The default account's messages, newest first (by `internalDate`), spam, trash and
    /// chats included.
    pub fn mailbox(&self) -> Vec<MailSummary> {
        self.mailbox_of(DEFAULT_GOOGLE_USER_ID)
    }

    /// An account's messages, newest first (empty for accounts other than the default one,
    /// unless messages were added with [`Simulator::add_message_for`]).
    pub fn mailbox_of(&self, google_user_id: &str) -> Vec<MailSummary> {
        let mut st = lock(&self.state);
        st.gmail
            .mailbox(google_user_id)
            .newest_first()
            .into_iter()
            .map(|m| MailSummary {
                id: m.id.clone(),
                thread_id: m.thread_id.clone(),
                subject: m.subject.clone(),
                from: m.from.clone(),
                internal_date_ms: m.internal_date_ms,
                labels: m.label_ids.clone(),
                raw: m.raw.clone(),
            })
            .collect()
    }

    /// The decoded content of a part of a default-account message (by Gmail `partId`, `""`
    /// for the root): exactly what `attachments.get` or `body.data` decodes to. For a
    /// `message/rfc822` part, the embedded message's bytes. `None` for unknown ids and for
    /// multipart containers.
    pub fn part_bytes(&self, message_id: &str, part_id: &str) -> Option<Vec<u8>> {
        let mut st = lock(&self.state);
        let mailbox = st.gmail.mailbox(DEFAULT_GOOGLE_USER_ID);
        let part = mailbox.get(message_id)?.payload.find(part_id)?;
        (!part.container).then(|| part.content.clone())
    }

    /// The `attachmentId` Gmail gives a part of a default-account message, if it has one.
    pub fn attachment_id(&self, message_id: &str, part_id: &str) -> Option<String> {
        let mut st = lock(&self.state);
        let mailbox = st.gmail.mailbox(DEFAULT_GOOGLE_USER_ID);
        mailbox
            .get(message_id)?
            .payload
            .find(part_id)?
            .attachment_id
            .clone()
    }

    /// The id of the newest default-account message whose subject contains `needle`
    /// (case-insensitive).
    pub fn message_id_by_subject(&self, needle: &str) -> Option<String> {
        let needle = needle.to_lowercase();
        self.mailbox()
            .into_iter()
            .find(|m| m.subject.to_lowercase().contains(&needle))
            .map(|m| m.id)
    }

    /// Adds a message (RFC 822 bytes) to the default account's mailbox, with these labels:
    /// system label ids (`INBOX`, `SPAM`, `TRASH`, `CHAT`, `UNREAD`, `CATEGORY_UPDATES`…) or
    /// user-label names (created when new). Its `internalDate` is its `Date` header plus about a
    /// second (now when it has none). Returns its Gmail id.
    pub fn add_message(&self, raw_rfc822: Vec<u8>, labels: &[&str]) -> String {
        self.add_message_for(DEFAULT_GOOGLE_USER_ID, raw_rfc822, labels)
    }

    /// Like [`Simulator::add_message`], for any account's mailbox.
    pub fn add_message_for(
        &self,
        google_user_id: &str,
        raw_rfc822: Vec<u8>,
        labels: &[&str],
    ) -> String {
        lock(&self.state)
            .gmail
            .mailbox(google_user_id)
            .add(raw_rfc822, labels)
    }

    /// The ids `messages.list?q=…` would return for the default account (all pages, Gmail's
    /// defaults: spam and trash excluded unless the query names them).
    pub fn gmail_search(&self, query: &str) -> Vec<String> {
        let mut st = lock(&self.state);
        let mailbox = st.gmail.mailbox(DEFAULT_GOOGLE_USER_ID);
        let expr = gmail::search::parse(query, state::now() * 1000);
        let exclude = !gmail::search::mentions_spam_or_trash(&expr);
        let ctx = gmail::search::Context {
            mailbox,
            owner_email: DEFAULT_GOOGLE_EMAIL,
        };
        mailbox
            .newest_first()
            .into_iter()
            .filter(|m| !(exclude && m.label_ids.iter().any(|l| l == "SPAM" || l == "TRASH")))
            .filter(|m| gmail::search::matches(&expr, &ctx, m))
            .map(|m| m.id.clone())
            .collect()
    }

    /// Sets the per-user Gmail quota (token bucket refilled at `units_per_second`, holding at
    /// most `burst`) and refills every bucket. Gmail's published limit, the default, is 250
    /// units per user per second; `messages.list`, `messages.get` and `attachments.get` cost 5,
    /// `getProfile` 1. An empty bucket answers `429` with `Retry-After`.
    pub fn set_gmail_quota(&self, units_per_second: u32, burst: u32) {
        lock(&self.state).gmail.set_quota(units_per_second, burst);
    }

    /// Makes the next `n` Gmail requests of any kind fail with `fault` (replacing an earlier
    /// such setting).
    pub fn fail_next_gmail(&self, n: usize, fault: GmailFault) {
        lock(&self.state).gmail.fail_next(n, fault);
    }

    /// Makes the next `n` Gmail requests whose path contains `substr` (a message id, an
    /// attachment id, `/attachments/`…) fail with `fault`; `usize::MAX`: always. Path rules
    /// are checked before [`Simulator::fail_next_gmail`]'s, in the order they were added.
    pub fn fail_gmail_path(&self, substr: &str, n: usize, fault: GmailFault) {
        lock(&self.state).gmail.fail_path(substr, n, fault);
    }

    /// Removes every pending injected Gmail fault.
    pub fn clear_gmail_faults(&self) {
        lock(&self.state).gmail.clear_faults();
    }

    /// Delays every Gmail answer by this much.
    pub fn set_gmail_latency(&self, latency: Duration) {
        lock(&self.state).gmail.latency = latency;
    }

    /// Adds up to this much more delay per Gmail answer, uniformly drawn.
    pub fn set_gmail_latency_jitter(&self, jitter: Duration) {
        lock(&self.state).gmail.jitter = jitter;
    }

    /// Quota units each Gmail method costs (e.g. Gmail's 2026 model: 20 per get and
    /// attachment); the default is Gmail's published table.
    pub fn set_gmail_costs(&self, costs: GmailCosts) {
        lock(&self.state).gmail.costs = costs;
    }

    /// Makes every Gmail request fail at random with these rates, from a generator seeded with
    /// `seed` (on top of the rules of [`Simulator::fail_gmail_path`] and
    /// [`Simulator::fail_next_gmail`], which go first). [`Simulator::clear_gmail_faults`] stops it.
    pub fn set_gmail_fault_rates(&self, seed: u64, rates: FaultRates) {
        lock(&self.state).gmail.set_fault_rates(seed, rates);
    }

    /// Forgets the Gmail requests, quota rejections, units and faults counted so far.
    pub fn reset_gmail_counters(&self) {
        let mut st = lock(&self.state);
        st.gmail.requests.clear();
        st.gmail.quota_rejections = 0;
        st.gmail.units_charged = 0;
        st.gmail.injected.clear();
    }

    /// Quota units charged for Gmail requests that were answered (rejections not included).
    pub fn gmail_units_charged(&self) -> u64 {
        lock(&self.state).gmail.units_charged
    }

    /// Every fault injected into Gmail answers so far (rules and random ones), in order.
    pub fn gmail_faults_injected(&self) -> Vec<GmailFault> {
        lock(&self.state).gmail.injected.clone()
    }

    /// The Gmail requests received, in order, as `METHOD /path?query` (query as sent).
    pub fn gmail_requests(&self) -> Vec<String> {
        lock(&self.state).gmail.requests.clone()
    }

    /// Bytes of Gmail response bodies sent so far (a truncated body counts what was sent).
    pub fn gmail_bytes_sent(&self) -> u64 {
        lock(&self.state)
            .gmail
            .bytes_sent
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Number of `429` answers sent because a user's quota was exhausted (injected
    /// [`GmailFault::TooManyRequests`] not included).
    pub fn quota_rejections(&self) -> usize {
        lock(&self.state).gmail.quota_rejections
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// All routes, on Google's paths.
fn router(state: Shared) -> Router {
    Router::new()
        .route("/o/oauth2/v2/auth", get(google::authorize))
        .route("/token", post(google::token))
        .route("/revoke", post(google::revoke))
        .route("/oauth2/v2/userinfo", get(google::userinfo_v2))
        .route(
            "/oauth2/v3/userinfo",
            get(google::userinfo_v3).post(google::userinfo_v3),
        )
        .route("/tokeninfo", get(google::tokeninfo).post(google::tokeninfo))
        .route(
            "/oauth2/v3/tokeninfo",
            get(google::tokeninfo).post(google::tokeninfo),
        )
        .route("/paypulse/v1/auth/login", post(paypulse::login))
        .route(
            "/paypulse/v1/auth/gmail/store-tokens",
            post(paypulse::store_tokens),
        )
        .route("/gmail/v1/{*rest}", axum::routing::any(gmail::dispatch))
        .fallback(not_found)
        .with_state(state)
}

/// Google's terse 404 page.
async fn not_found() -> Response {
    util::html_error(
        StatusCode::NOT_FOUND,
        "not_found",
        "The requested URL was not found on this server.",
    )
}
