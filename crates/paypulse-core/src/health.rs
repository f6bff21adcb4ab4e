//! `tokens check`: whether a user's Gmail connection still works, decided live at Google without
//! disturbing a working user; and the walk over every bundle of a store.
//!
//! One user: a still-valid access token is asked about at tokeninfo (live? issued to our client?
//! `gmail.readonly` granted?); an expiring, expired or unknown-expiry one (or one tokeninfo calls
//! dead) is refreshed and written back by [`TokenService::refresh_with`], the same path as
//! `tokens refresh`. Nothing is deleted unless asked (`delete_revoked`), and then only a grant
//! Google called dead (`invalid_grant`).
//!
//! Many users: the store lists the bundles (Secrets Manager: `ListSecrets`, paginated), reads
//! them in batches (`BatchGetSecretValue`, 20 per call), and the users are checked with bounded
//! concurrency. Store throttling and Google's 429/5xx are retried with backoff; a 429 also pauses
//! every worker's next Google call (one shared budget). One user's failure never stops the walk.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use backon::{ExponentialBuilder, Retryable};
use chrono::NaiveDateTime;
use futures_util::stream::{self, StreamExt};
use serde::Serialize;

use crate::bundle::{TokenBundle, utc_now};
use crate::grant::{GrantError, RefreshOutcome, TokenService};
use crate::ids::{SecretName, SecretPrefix, UserId};
use crate::oauth::{OAuthConfig, OAuthError};
use crate::retry::RetryPolicy;
use crate::store::{ListedBundle, Loaded, Store, StoreError};

/// The scope `fetch-invoices` needs.
pub const GMAIL_READONLY: &str = "https://www.googleapis.com/auth/gmail.readonly";
/// Users checked at once by default.
pub const DEFAULT_CONCURRENCY: usize = 16;
/// How long every worker holds its next Google call after Google answered 429.
const GOOGLE_COOLDOWN: Duration = Duration::from_millis(500);

/// A user's connection, as `tokens check` finds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HealthStatus {
    /// Live at Google, issued to our client, with `gmail.readonly`.
    Ok,
    /// Expired or expiring; a new access token was stored.
    Refreshed,
    /// Google says the grant is expired or revoked (`invalid_grant`).
    Revoked,
    /// Issued to another OAuth client.
    WrongClient,
    /// The grant lacks `gmail.readonly`.
    MissingScope,
    /// Expired (or refused) and nothing to refresh it with.
    NoRefreshToken,
    /// The stored bundle cannot be read.
    Corrupt,
    /// The check itself failed (network, throttling after retries, store failure).
    Error,
}

impl HealthStatus {
    pub const ALL: [HealthStatus; 8] = [
        HealthStatus::Ok,
        HealthStatus::Refreshed,
        HealthStatus::Revoked,
        HealthStatus::WrongClient,
        HealthStatus::MissingScope,
        HealthStatus::NoRefreshToken,
        HealthStatus::Corrupt,
        HealthStatus::Error,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            HealthStatus::Ok => "ok",
            HealthStatus::Refreshed => "refreshed",
            HealthStatus::Revoked => "revoked",
            HealthStatus::WrongClient => "wrong_client",
            HealthStatus::MissingScope => "missing_scope",
            HealthStatus::NoRefreshToken => "no_refresh_token",
            HealthStatus::Corrupt => "corrupt",
            HealthStatus::Error => "error",
        }
    }

    /// 0: working; 1: the user must reconnect; 2: unreadable or unchecked.
    pub fn severity(self) -> u8 {
        match self {
            HealthStatus::Ok | HealthStatus::Refreshed => 0,
            HealthStatus::Revoked
            | HealthStatus::WrongClient
            | HealthStatus::MissingScope
            | HealthStatus::NoRefreshToken => 1,
            HealthStatus::Corrupt | HealthStatus::Error => 2,
        }
    }
}

impl std::fmt::Display for HealthStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One user's result.
#[derive(Debug, Clone)]
pub struct UserHealth {
    pub user_id: UserId,
    pub secret_name: SecretName,
    pub google_email: Option<String>,
    pub status: HealthStatus,
    /// Why, for anything but a plain `ok` / `refreshed` (never a token).
    pub detail: Option<String>,
    /// The access token's expiry after the check.
    pub expires_at: Option<NaiveDateTime>,
    /// The bundle was deleted (`revoked` with `delete_revoked`).
    pub deleted: bool,
    /// `revoked`, and young enough that a Google Cloud project in "Testing" publishing status
    /// (refresh tokens live 7 days) is the likely cause: the grant's age.
    pub testing_expiry_likely: Option<chrono::TimeDelta>,
}

#[derive(Debug, thiserror::Error)]
pub enum HealthError {
    #[error("no Gmail tokens are stored under {name}")]
    NoBundle { name: SecretName },
    /// Listing the store failed: there is nothing to walk.
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    OAuth(#[from] OAuthError),
}

/// How a check runs.
#[derive(Debug, Clone, Copy)]
pub struct CheckOptions {
    /// Delete the bundles found `revoked`.
    pub delete_revoked: bool,
    /// Users checked at once.
    pub concurrency: usize,
    /// Retries of throttled store calls and of Google's 429/5xx.
    pub retry: RetryPolicy,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            delete_revoked: false,
            concurrency: DEFAULT_CONCURRENCY,
            retry: RetryPolicy {
                attempts: 6,
                min_delay: Duration::from_millis(200),
                max_delay: Duration::from_secs(10),
            },
        }
    }
}

/// What the walk reports while it runs (for a progress bar).
pub enum WalkEvent<'a> {
    /// The store listed this many bundles.
    Listed(usize),
    Checked(&'a UserHealth),
}

/// Checks users' connections.
pub struct HealthChecker {
    store: Store,
    oauth: OAuthConfig,
    http: reqwest::Client,
    opts: CheckOptions,
    /// Google calls wait until then (set when Google answers 429).
    google_pause: Mutex<Option<Instant>>,
}

impl HealthChecker {
    pub fn new(
        store: Store,
        oauth: OAuthConfig,
        http: reqwest::Client,
        opts: CheckOptions,
    ) -> HealthChecker {
        HealthChecker {
            store,
            oauth,
            http,
            opts,
            google_pause: Mutex::new(None),
        }
    }

    fn backoff(&self) -> ExponentialBuilder {
        self.opts.retry.backoff()
    }

    fn client_id(&self) -> Result<&str, OAuthError> {
        self.oauth
            .client_id
            .as_deref()
            .filter(|c| !c.is_empty())
            .ok_or(OAuthError::MissingClientId)
    }

    /// One user, whose bundle is read here.
    pub async fn check_user(
        &self,
        user_id: &UserId,
        name: &SecretName,
    ) -> Result<UserHealth, HealthError> {
        self.client_id()?;
        let loaded = self.load_one(name).await;
        if matches!(loaded, Ok(None)) {
            return Err(HealthError::NoBundle { name: name.clone() });
        }
        self.check_loaded(user_id, name, loaded)
            .await
            .ok_or_else(|| HealthError::NoBundle { name: name.clone() })
    }

    /// Every bundle under `prefix`, sorted by user id. Only a failure to list is an error.
    pub async fn check_all(
        &self,
        prefix: &SecretPrefix,
        progress: &(dyn Fn(WalkEvent<'_>) + Send + Sync),
    ) -> Result<Vec<UserHealth>, HealthError> {
        self.client_id()?;
        let listed = (|| self.store.list_bundles(prefix))
            .retry(self.backoff())
            .when(StoreError::is_transient)
            .notify(|e, dur| tracing::info!(%e, ?dur, "retrying the store's list"))
            .await?;
        progress(WalkEvent::Listed(listed.len()));
        let batch = self.store.batch_size();
        let concurrency = self.opts.concurrency.max(1);
        // Enough batch reads in flight to keep every checker busy, plus one ahead.
        let readers = concurrency.div_ceil(batch) + 1;
        let chunks: Vec<Vec<ListedBundle>> = listed.chunks(batch).map(<[_]>::to_vec).collect();
        let mut results: Vec<UserHealth> = stream::iter(chunks)
            .map(|chunk| self.load_chunk(chunk))
            .buffered(readers)
            .flat_map(stream::iter)
            .map(|(l, loaded)| async move {
                self.check_loaded(&l.user_id, &l.secret_name, loaded).await
            })
            .buffer_unordered(concurrency)
            .filter_map(|h| async move { h })
            .inspect(|h| progress(WalkEvent::Checked(h)))
            .collect()
            .await;
        results.sort_by(|a, b| a.user_id.as_str().cmp(b.user_id.as_str()));
        Ok(results)
    }

    /// One store read, retried while the store throttles.
    async fn load_one(&self, name: &SecretName) -> Loaded {
        (|| self.store.load(name))
            .retry(self.backoff())
            .when(StoreError::is_transient)
            .notify(|e, dur| tracing::info!(%e, ?dur, %name, "retrying the store read"))
            .await
    }

    async fn load_chunk(&self, chunk: Vec<ListedBundle>) -> Vec<(ListedBundle, Loaded)> {
        self.store.read_batch(self.backoff(), chunk).await
    }

    /// One user's health from their bundle as read; `None` when it is gone (deleted meanwhile).
    async fn check_loaded(
        &self,
        user_id: &UserId,
        name: &SecretName,
        loaded: Loaded,
    ) -> Option<UserHealth> {
        let mut health = UserHealth {
            user_id: user_id.clone(),
            secret_name: name.clone(),
            google_email: None,
            status: HealthStatus::Error,
            detail: None,
            expires_at: None,
            deleted: false,
            testing_expiry_likely: None,
        };
        // A read the batch could not do for this one secret: once more on its own.
        let loaded = match loaded {
            Err(e) if e.is_transient() => self.load_one(name).await,
            other => other,
        };
        let bundle = match loaded {
            Ok(Some(b)) => b,
            Ok(None) => return None,
            Err(e) => {
                health.status = if e.is_corrupt() {
                    HealthStatus::Corrupt
                } else {
                    HealthStatus::Error
                };
                health.detail = Some(e.to_string());
                return Some(health);
            }
        };
        health.google_email = bundle.google_email.clone();
        health.expires_at = bundle.expires_at;
        if bundle.needs_refresh(utc_now()) {
            return self.refresh(health, &bundle, false).await;
        }
        let info = self.tokeninfo(&bundle).await;
        match info {
            Err(e) => {
                health.status = HealthStatus::Error;
                health.detail = Some(e.to_string());
            }
            Ok(None) => return self.refresh(health, &bundle, true).await,
            Ok(Some(info)) => {
                if health.google_email.is_none() {
                    health.google_email = info.email.clone();
                }
                let ours = self.client_id().unwrap_or_default();
                if !info.issued_to(ours) {
                    health.status = HealthStatus::WrongClient;
                    health.detail = Some(format!(
                        "the access token was issued to another OAuth client ({})",
                        info.aud.or(info.azp).unwrap_or_else(|| "unknown".into())
                    ));
                } else if !info.has_scope(GMAIL_READONLY) {
                    health.status = HealthStatus::MissingScope;
                    health.detail = Some("the grant does not include gmail.readonly".into());
                } else {
                    health.status = HealthStatus::Ok;
                    if bundle.refresh_token.is_none() {
                        health.detail = Some(
                            "no refresh token: the connection ends when the access token expires"
                                .into(),
                        );
                    }
                }
            }
        }
        Some(health)
    }

    /// Refreshes through the same path as `tokens refresh`; `refused`: tokeninfo called the
    /// still-unexpired access token dead, so the refresh is forced.
    async fn refresh(
        &self,
        mut health: UserHealth,
        bundle: &TokenBundle,
        refused: bool,
    ) -> Option<UserHealth> {
        if bundle.refresh_token.is_none() {
            health.status = HealthStatus::NoRefreshToken;
            health.detail = Some(if refused {
                "Google refused the access token and there is no refresh token".into()
            } else {
                "the access token has expired (or is about to) and there is no refresh token".into()
            });
            return Some(health);
        }
        let service = TokenService {
            store: &self.store,
            oauth: &self.oauth,
            http: &self.http,
        };
        let name = &health.secret_name.clone();
        let delete = self.opts.delete_revoked;
        let answer = (|| async {
            self.google_gate().await;
            let r = service.refresh_with(name, refused, delete).await;
            if let Err(GrantError::OAuth(e)) = &r {
                self.note_google_error(e);
            }
            r
        })
        .retry(self.backoff())
        .when(|e: &GrantError| match e {
            GrantError::OAuth(e) => e.is_transient(),
            GrantError::Store(e) => e.is_transient(),
            _ => false,
        })
        .notify(|e, dur| tracing::info!(%e, ?dur, %name, "retrying the refresh"))
        .await;
        match answer {
            Ok(RefreshOutcome::Refreshed { bundle, scope, .. }) => {
                health.expires_at = bundle.expires_at;
                let lacks_gmail = scope
                    .as_deref()
                    .is_some_and(|s| !s.split_whitespace().any(|s| s == GMAIL_READONLY));
                if lacks_gmail {
                    health.status = HealthStatus::MissingScope;
                    health.detail =
                        Some("refreshed, but the grant does not include gmail.readonly".into());
                } else {
                    health.status = HealthStatus::Refreshed;
                    if refused {
                        health.detail = Some(
                            "Google had refused the access token; a new one was stored".into(),
                        );
                    }
                }
            }
            Ok(RefreshOutcome::NotNeeded(b)) => {
                health.status = HealthStatus::Ok;
                health.expires_at = b.expires_at;
                health.detail = Some("already refreshed by another writer".into());
            }
            Ok(RefreshOutcome::Superseded(Some(b))) => {
                health.status = HealthStatus::Ok;
                health.expires_at = b.expires_at;
                health.google_email = b.google_email;
                health.detail =
                    Some("the bundle changed while it was checked (another connect); kept".into());
            }
            Ok(RefreshOutcome::Superseded(None)) | Err(GrantError::NoBundle { .. }) => {
                return None;
            }
            Err(
                ref e @ (GrantError::Reconnect { ref detail, .. }
                | GrantError::Dead { ref detail, .. }),
            ) => {
                health.status = HealthStatus::Revoked;
                health.deleted = matches!(e, GrantError::Reconnect { .. });
                health.testing_expiry_likely = e.testing_expiry_likely();
                let mut text = format!("Google: {detail}");
                if let Some(age) = health.testing_expiry_likely {
                    text.push_str(&format!(
                        " ({}: a Google Cloud project in \"Testing\" status expires refresh tokens after 7 days)",
                        crate::grant::connected_ago(age)
                    ));
                }
                if health.deleted {
                    text.push_str("; the bundle was deleted");
                }
                health.detail = Some(text);
            }
            Err(GrantError::OAuth(OAuthError::InvalidClient(detail))) => {
                health.status = HealthStatus::WrongClient;
                health.detail = Some(format!(
                    "Google refused to refresh the grant for our OAuth client: {detail}"
                ));
            }
            Err(GrantError::OAuth(OAuthError::NoRefreshToken)) => {
                health.status = HealthStatus::NoRefreshToken;
                health.detail = Some("there is no refresh token".into());
            }
            Err(GrantError::Store(e)) if e.is_corrupt() => {
                health.status = HealthStatus::Corrupt;
                health.detail = Some(e.to_string());
            }
            Err(e) => {
                health.status = HealthStatus::Error;
                health.detail = Some(e.to_string());
            }
        }
        Some(health)
    }

    /// tokeninfo, retried on 429/5xx and no answer.
    async fn tokeninfo(
        &self,
        bundle: &TokenBundle,
    ) -> Result<Option<crate::oauth::TokenInfo>, OAuthError> {
        (|| async {
            self.google_gate().await;
            let r = self.oauth.tokeninfo(&self.http, &bundle.access_token).await;
            if let Err(e) = &r {
                self.note_google_error(e);
            }
            r
        })
        .retry(self.backoff())
        .when(OAuthError::is_transient)
        .notify(|e, dur| tracing::info!(%e, ?dur, "retrying tokeninfo"))
        .await
    }

    /// Waits while Google asked everyone to slow down.
    async fn google_gate(&self) {
        let until = *self.google_pause.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(until) = until {
            tokio::time::sleep_until(until.into()).await;
        }
    }

    /// A 429 pauses every worker's next Google call for a moment.
    fn note_google_error(&self, e: &OAuthError) {
        if let OAuthError::Remote { status: 429, .. } = e {
            let mut pause = self.google_pause.lock().unwrap_or_else(|e| e.into_inner());
            let until = Instant::now() + GOOGLE_COOLDOWN;
            if pause.is_none_or(|p| p < until) {
                *pause = Some(until);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use paypulse_google_sim::{DEFAULT_PUBLIC_CLIENT_ID, Simulator};
    use secrecy::{ExposeSecret, SecretString};

    use super::*;
    use crate::store::TokenStore;
    use crate::store::memory::MemoryStore;

    const GOOGLE_ID: &str = "104729384756102938475";
    const SCOPE: &str = "openid email https://www.googleapis.com/auth/gmail.readonly";

    fn oauth(sim: &Simulator) -> OAuthConfig {
        OAuthConfig {
            client_id: Some(DEFAULT_PUBLIC_CLIENT_ID.into()),
            client_secret: None,
            auth_url: sim.auth_url(),
            token_url: sim.token_url(),
            revoke_url: sim.revoke_url(),
            userinfo_url: sim.userinfo_url(),
            tokeninfo_url: sim.tokeninfo_url(),
        }
    }

    fn bundle(access: &str, refresh: Option<&str>, expires_in: i64) -> String {
        let mut b = TokenBundle::issued(
            SecretString::from(access),
            refresh.map(SecretString::from),
            Some(expires_in),
            None,
            utc_now(),
        );
        b.google_user_id = Some(GOOGLE_ID.into());
        b.google_email = Some("alice@example.com".into());
        b.to_json()
    }

    fn fast() -> CheckOptions {
        CheckOptions {
            retry: RetryPolicy {
                attempts: 4,
                min_delay: Duration::from_millis(5),
                max_delay: Duration::from_millis(20),
            },
            ..CheckOptions::default()
        }
    }

    #[tokio::test]
    async fn every_status_and_nothing_deleted_without_asking() {
        let sim = Simulator::start();
        sim.add_client("other-client", None);
        let store = Arc::new(MemoryStore::default());
        let put = |user: &str, json: String| {
            store
                .items
                .lock()
                .unwrap()
                .insert(format!("gmail/user/{user}"), json);
        };
        let g =
            |client: &str, scope: &str, exp: i64| sim.issue_grant(client, GOOGLE_ID, scope, exp);
        let ok = g(DEFAULT_PUBLIC_CLIENT_ID, SCOPE, 3599);
        put(
            "user_ok",
            bundle(&ok.access_token, Some(&ok.refresh_token), 3599),
        );
        let old = g(DEFAULT_PUBLIC_CLIENT_ID, SCOPE, -60);
        put(
            "user_old",
            bundle(&old.access_token, Some(&old.refresh_token), -60),
        );
        let dead = g(DEFAULT_PUBLIC_CLIENT_ID, SCOPE, 3599);
        sim.revoke(&dead.refresh_token);
        put(
            "user_dead",
            bundle(&dead.access_token, Some(&dead.refresh_token), 3599),
        );
        let foreign = g("other-client", SCOPE, 3599);
        put(
            "user_foreign",
            bundle(&foreign.access_token, Some(&foreign.refresh_token), 3599),
        );
        let narrow = g(DEFAULT_PUBLIC_CLIENT_ID, "openid email", 3599);
        put(
            "user_narrow",
            bundle(&narrow.access_token, Some(&narrow.refresh_token), 3599),
        );
        let norefresh = g(DEFAULT_PUBLIC_CLIENT_ID, SCOPE, -60);
        put("user_norefresh", bundle(&norefresh.access_token, None, -60));
        put("user_corrupt", "{not json".into());

        let wrapped = Store::new(store.clone(), Duration::from_secs(5));
        let checker = HealthChecker::new(
            wrapped.clone(),
            oauth(&sim),
            crate::oauth::http_client(),
            fast(),
        );
        sim.fail_next_tokeninfo_requests(3, 429);
        let results = checker
            .check_all(&SecretPrefix::default(), &|_| {})
            .await
            .unwrap();
        let status = |u: &str| {
            results
                .iter()
                .find(|h| h.user_id.as_str() == u)
                .map(|h| h.status)
                .unwrap()
        };
        assert_eq!(status("user_ok"), HealthStatus::Ok);
        assert_eq!(status("user_old"), HealthStatus::Refreshed);
        assert_eq!(status("user_dead"), HealthStatus::Revoked);
        assert_eq!(status("user_foreign"), HealthStatus::WrongClient);
        assert_eq!(status("user_narrow"), HealthStatus::MissingScope);
        assert_eq!(status("user_norefresh"), HealthStatus::NoRefreshToken);
        assert_eq!(status("user_corrupt"), HealthStatus::Corrupt);
        assert_eq!(results.len(), 7);
        assert!(
            store
                .items
                .lock()
                .unwrap()
                .contains_key("gmail/user/user_dead")
        );

        // The refreshed one is ok now; with delete_revoked the revoked one goes, only it.
        let checker = HealthChecker::new(
            wrapped.clone(),
            oauth(&sim),
            crate::oauth::http_client(),
            CheckOptions {
                delete_revoked: true,
                ..fast()
            },
        );
        let again = checker
            .check_all(&SecretPrefix::default(), &|_| {})
            .await
            .unwrap();
        let old_now = again
            .iter()
            .find(|h| h.user_id.as_str() == "user_old")
            .unwrap();
        assert_eq!(old_now.status, HealthStatus::Ok);
        let dead_now = again
            .iter()
            .find(|h| h.user_id.as_str() == "user_dead")
            .unwrap();
        assert!(dead_now.deleted);
        let names: Vec<String> = store
            .list("gmail/user/")
            .await
            .unwrap()
            .iter()
            .map(|n| n.as_str().to_owned())
            .collect();
        assert_eq!(names.len(), 6, "{names:?}");
        assert!(!names.iter().any(|n| n.ends_with("user_dead")));
        let raw = store
            .read(&SecretName::other("gmail/user/user_ok"))
            .await
            .unwrap()
            .value
            .unwrap();
        assert!(raw.expose_secret().contains(&ok.access_token), "untouched");
    }

    #[tokio::test]
    async fn google_errors_after_retries_are_an_error_status_not_a_stop() {
        let sim = Simulator::start();
        let store = Arc::new(MemoryStore::default());
        for i in 0..3 {
            let g = sim.issue_grant(DEFAULT_PUBLIC_CLIENT_ID, GOOGLE_ID, SCOPE, 3599);
            store.items.lock().unwrap().insert(
                format!("gmail/user/user_{i}"),
                bundle(&g.access_token, Some(&g.refresh_token), 3599),
            );
        }
        let wrapped = Store::new(store, Duration::from_secs(5));
        let checker = HealthChecker::new(
            wrapped,
            oauth(&sim),
            crate::oauth::http_client(),
            CheckOptions {
                concurrency: 1,
                ..fast()
            },
        );
        // Four attempts of the first user fail; the others pass.
        sim.fail_next_tokeninfo_requests(4, 503);
        let results = checker
            .check_all(&SecretPrefix::default(), &|_| {})
            .await
            .unwrap();
        let counts: Vec<HealthStatus> = results.iter().map(|h| h.status).collect();
        assert_eq!(
            counts.iter().filter(|s| **s == HealthStatus::Error).count(),
            1,
            "{results:?}"
        );
        assert_eq!(counts.iter().filter(|s| **s == HealthStatus::Ok).count(), 2);
        let err = results
            .iter()
            .find(|h| h.status == HealthStatus::Error)
            .unwrap();
        assert!(err.detail.as_deref().unwrap().contains("503"), "{err:?}");
    }

    #[tokio::test]
    async fn a_failed_batch_read_gives_each_user_the_stores_own_error() {
        let store = Arc::new(MemoryStore {
            hang: true,
            ..Default::default()
        });
        for user in ["user_a", "user_b"] {
            store.put(
                &SecretName::other(&format!("gmail/user/{user}")),
                &bundle("ya29.a", None, 3600),
            );
        }
        let wrapped = Store::new(store, Duration::from_millis(50));
        let once = RetryPolicy {
            attempts: 1,
            min_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(1),
        };
        let read = wrapped
            .read_all(&SecretPrefix::default(), 1, once)
            .await
            .unwrap();
        assert_eq!(read.len(), 2);
        for (_, loaded) in read {
            let e = loaded.unwrap_err();
            // The memory store is a `file` store: never relabelled as Secrets Manager.
            assert!(
                matches!(
                    e.cause(),
                    StoreError::Timeout {
                        store: crate::store::StoreKind::File,
                        op: "read",
                        ..
                    }
                ),
                "{e}"
            );
            assert!(!e.to_string().contains("AWS"), "{e}");
        }
    }

    #[test]
    fn store_throttling_is_retried_and_other_failures_are_not() {
        assert!(StoreError::Throttled(crate::store::AwsFailure::local("slow down")).is_transient());
        assert!(
            StoreError::Timeout {
                store: crate::store::StoreKind::Aws,
                op: "read",
                secs: 20
            }
            .is_transient()
        );
        assert!(
            !StoreError::Aws(crate::store::AwsFailure {
                code: Some("AccessDeniedException".into()),
                detail: "AccessDeniedException".into(),
            })
            .is_transient()
        );
        assert!(crate::store::aws::is_throttling(Some(
            "ThrottlingException"
        )));
        assert!(!crate::store::aws::is_throttling(Some(
            "ResourceNotFoundException"
        )));
        assert!(!crate::store::aws::is_throttling(None));
    }

    #[test]
    fn severities_order_the_exit_code() {
        assert_eq!(HealthStatus::Refreshed.severity(), 0);
        assert_eq!(HealthStatus::NoRefreshToken.severity(), 1);
        assert_eq!(HealthStatus::Corrupt.severity(), 2);
        assert_eq!(
            serde_json::to_string(&HealthStatus::WrongClient).unwrap(),
            "\"wrong_client\""
        );
    }
}
