//! "Give me a fresh access token" and the other operations on a stored grant: load → refresh if
//! needed → write back without overwriting a bundle that changed meanwhile; revoke → delete.

use chrono::{NaiveDateTime, TimeDelta};
use secrecy::{ExposeSecret, SecretString};

use crate::bundle::{TokenBundle, expiry_after, utc_now};
use crate::ids::SecretName;
use crate::oauth::{OAuthConfig, OAuthError, Revoked};
use crate::store::{Decision, Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum GrantError {
    #[error("no Gmail tokens are stored under {name}")]
    NoBundle { name: SecretName },
    /// The refresh token is expired or revoked; the stored bundle was deleted.
    /// `connected_at`: the dead bundle's `created_at` (see [`testing_expiry_likely`]).
    #[error(
        "the Gmail grant for {name} is expired or revoked ({detail}); the stored tokens were deleted"
    )]
    Reconnect {
        name: SecretName,
        detail: String,
        connected_at: Option<NaiveDateTime>,
    },
    /// The refresh token is expired or revoked; the stored bundle was kept (a refresh that was
    /// asked not to delete, as `tokens check` without `--delete-revoked`).
    #[error("the Gmail grant for {name} is expired or revoked ({detail})")]
    Dead {
        name: SecretName,
        detail: String,
        connected_at: Option<NaiveDateTime>,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    OAuth(#[from] OAuthError),
}

/// How long Google keeps a refresh token issued by a Google Cloud project whose OAuth consent
/// screen (External user type) is in "Testing" publishing status.
pub const TESTING_REFRESH_TOKEN_LIFETIME: TimeDelta = TimeDelta::days(7);

/// Whether a grant that Google called dead (`invalid_grant`) most likely died of the "Testing"
/// publishing status: it was connected (`created_at`) at most 7 days ago, plus a day for the
/// first use after it expired (a daily cron). Returns its age then.
pub fn testing_expiry_likely(
    connected_at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> Option<TimeDelta> {
    let age = now - connected_at?;
    // A day of slack either way: the first use after the expiry, and clocks that disagree.
    let slack = TimeDelta::days(1);
    (age >= -slack && age <= TESTING_REFRESH_TOKEN_LIFETIME + slack).then_some(age)
}

/// "connected 3 days ago", "connected less than a day ago" (for a grant's age).
pub fn connected_ago(age: TimeDelta) -> String {
    match age.num_days() {
        0 => "connected less than a day ago".into(),
        1 => "connected 1 day ago".into(),
        n => format!("connected {n} days ago"),
    }
}

impl GrantError {
    /// A dead grant's age, when the "Testing" publishing status is its likely cause.
    pub fn testing_expiry_likely(&self) -> Option<TimeDelta> {
        match self {
            GrantError::Reconnect { connected_at, .. } | GrantError::Dead { connected_at, .. } => {
                testing_expiry_likely(*connected_at, utc_now())
            }
            _ => None,
        }
    }
}

/// What a refresh did.
#[derive(Debug)]
pub enum RefreshOutcome {
    /// The access token was still valid beyond the refresh window.
    NotNeeded(TokenBundle),
    /// A new access token was stored; `rotated` when Google also sent a new refresh token;
    /// `scope`: the scopes the token endpoint said the grant holds.
    Refreshed {
        bundle: TokenBundle,
        rotated: bool,
        scope: Option<String>,
    },
    /// The stored bundle changed while we refreshed (another connect, another account, or it
    /// was deleted): it was kept as it is, and is returned.
    Superseded(Option<TokenBundle>),
}

/// Everything the token operations need.
pub struct TokenService<'a> {
    pub store: &'a Store,
    pub oauth: &'a OAuthConfig,
    pub http: &'a reqwest::Client,
}

impl TokenService<'_> {
    /// Loads the bundle stored under `name`, or says there is none.
    pub async fn load(&self, name: &SecretName) -> Result<TokenBundle, GrantError> {
        self.store
            .load(name)
            .await?
            .ok_or_else(|| GrantError::NoBundle { name: name.clone() })
    }

    /// A fresh access token (the bundle that holds it): refreshed and written back first when
    /// it expires within the refresh window, or when its expiry is unknown and `refresh_unknown`
    /// (without it, a bundle without `expires_at` is used as stored: the backend's rule).
    /// Refresh failures are [`TokenService::refresh`]'s (`invalid_grant` deletes the bundle).
    pub async fn fresh(
        &self,
        name: &SecretName,
        refresh_unknown: bool,
    ) -> Result<TokenBundle, GrantError> {
        let stored = self.load(name).await?;
        let due = match stored.expires_at {
            None => refresh_unknown,
            Some(_) => stored.needs_refresh(utc_now()),
        };
        if !due {
            return Ok(stored);
        }
        match self.refresh(name, false).await? {
            RefreshOutcome::NotNeeded(b)
            | RefreshOutcome::Refreshed { bundle: b, .. }
            | RefreshOutcome::Superseded(Some(b)) => Ok(b),
            RefreshOutcome::Superseded(None) => Err(GrantError::NoBundle { name: name.clone() }),
        }
    }

    /// Refreshes when the token expires within the window or its expiry is unknown, or always
    /// with `force`. A new refresh token replaces the old one; none keeps the old one.
    pub async fn refresh(
        &self,
        name: &SecretName,
        force: bool,
    ) -> Result<RefreshOutcome, GrantError> {
        self.refresh_with(name, force, true).await
    }

    /// [`TokenService::refresh`], where `delete_dead` says whether an `invalid_grant` deletes
    /// the stored bundle ([`GrantError::Reconnect`]) or keeps it ([`GrantError::Dead`]).
    pub async fn refresh_with(
        &self,
        name: &SecretName,
        force: bool,
        delete_dead: bool,
    ) -> Result<RefreshOutcome, GrantError> {
        let before = self.load(name).await?;
        let status = before.status(utc_now());
        if !force && !before.needs_refresh(utc_now()) {
            tracing::info!(%name, %status, "access token still valid; not refreshing");
            return Ok(RefreshOutcome::NotNeeded(before));
        }
        tracing::info!(%name, %status, force, "refreshing the access token");
        let refresh_token = before
            .refresh_token
            .clone()
            .ok_or(OAuthError::NoRefreshToken)?;
        let answer = match self.oauth.refresh(self.http, &refresh_token).await {
            Ok(a) => a,
            Err(OAuthError::InvalidGrant(detail)) if !delete_dead => {
                return Err(GrantError::Dead {
                    name: name.clone(),
                    detail,
                    connected_at: before.created_at,
                });
            }
            Err(OAuthError::InvalidGrant(detail)) => {
                // Delete only what is still the same dead grant (compare-and-swap): a bundle a
                // concurrent `connect-gmail` just wrote must survive.
                let deleted = self
                    .store
                    .update(name, |current| {
                        Ok(match current {
                            Some(c) if c.same_grant(&before) => Decision::Delete(true),
                            _ => Decision::Keep(false),
                        })
                    })
                    .await?;
                if !deleted {
                    tracing::warn!(%name, "the stored bundle changed meanwhile; not deleting it");
                }
                return Err(GrantError::Reconnect {
                    name: name.clone(),
                    detail,
                    connected_at: before.created_at,
                });
            }
            Err(e) => return Err(e.into()),
        };
        let now = utc_now();
        let expires_at = match answer.expires_in {
            None => None,
            Some(s) => Some(expiry_after(now, s).ok_or_else(|| OAuthError::BadResponse {
                endpoint: self.oauth.token_url.clone(),
                detail: format!("`expires_in` of {s} seconds is out of range"),
            })?),
        };
        // Write back over the stored bundle only while it is still the same grant; a writer
        // that lost the race re-reads and decides again. Never resurrects a deleted bundle.
        let outcome = self
            .store
            .update(name, |current| {
                Ok(match current {
                    Some(c) if c.same_grant(&before) => {
                        // A provider may send the refresh token again unchanged (RFC 6749 6
                        // allows both): only a different one is a rotation.
                        let rotated = answer.refresh_token.as_ref().is_some_and(|new| {
                            c.refresh_token
                                .as_ref()
                                .is_none_or(|old| old.expose_secret() != new.expose_secret())
                        });
                        let mut bundle = c;
                        bundle.access_token = answer.access_token.clone();
                        if let Some(rt) = &answer.refresh_token {
                            bundle.refresh_token = Some(rt.clone());
                        }
                        bundle.expires_in = answer.expires_in;
                        bundle.expires_at = expires_at;
                        Decision::Write(
                            bundle.clone(),
                            RefreshOutcome::Refreshed {
                                bundle,
                                rotated,
                                scope: answer.scope.clone(),
                            },
                        )
                    }
                    other => Decision::Keep(RefreshOutcome::Superseded(other)),
                })
            })
            .await?;
        if matches!(outcome, RefreshOutcome::Superseded(_)) {
            tracing::warn!(%name, "the stored bundle changed while refreshing; not overwriting it");
        }
        Ok(outcome)
    }

    /// Revokes the grant at Google (the refresh token, else the access token) unless
    /// `local_only`, then deletes the stored bundle, only if it is still the one revoked
    /// (compare-and-swap). With `local_only` whatever is stored is deleted.
    pub async fn revoke(
        &self,
        name: &SecretName,
        local_only: bool,
    ) -> Result<RevokeOutcome, GrantError> {
        if local_only {
            let deleted = self.store.delete(name).await?;
            if !deleted {
                return Err(GrantError::NoBundle { name: name.clone() });
            }
            return Ok(RevokeOutcome {
                remote: None,
                deleted,
                kept_newer: false,
            });
        }
        let bundle = self.load(name).await?;
        let (token, hint): (&SecretString, &str) = match &bundle.refresh_token {
            Some(rt) => (rt, "refresh_token"),
            None => (&bundle.access_token, "access_token"),
        };
        let remote = self.oauth.revoke(self.http, token, hint).await?;
        let revoked_token = token.expose_secret().to_owned();
        let (deleted, kept_newer) = self
            .store
            .update(name, |current| {
                Ok(match current {
                    None => Decision::Keep((false, false)),
                    Some(c) => {
                        let same = match &c.refresh_token {
                            Some(rt) => rt.expose_secret() == revoked_token,
                            None => c.access_token.expose_secret() == revoked_token,
                        };
                        if same {
                            Decision::Delete((true, false))
                        } else {
                            Decision::Keep((false, true))
                        }
                    }
                })
            })
            .await?;
        Ok(RevokeOutcome {
            remote: Some(remote),
            deleted,
            kept_newer,
        })
    }
}

/// Where the Gmail client's access token comes from; refreshed once when Gmail answers 401.
#[async_trait::async_trait]
pub trait TokenSource: Send + Sync {
    async fn token(&self) -> Result<SecretString, GrantError>;
    /// A fresh token after `stale` was refused (single-flight: if another task already
    /// refreshed, its token is returned).
    async fn refreshed(&self, stale: &SecretString) -> Result<SecretString, GrantError>;
}

/// A [`TokenSource`] over a stored bundle: a fresh token (refreshed
/// within the window), and one forced refresh when the API refuses a token (single-flight).
pub struct GrantTokens {
    store: Store,
    oauth: OAuthConfig,
    http: reqwest::Client,
    name: SecretName,
    current: tokio::sync::Mutex<Option<SecretString>>,
}

impl GrantTokens {
    pub fn new(
        store: Store,
        oauth: OAuthConfig,
        http: reqwest::Client,
        name: SecretName,
    ) -> GrantTokens {
        GrantTokens {
            store,
            oauth,
            http,
            name,
            current: tokio::sync::Mutex::new(None),
        }
    }

    async fn refresh(&self, force: bool) -> Result<SecretString, GrantError> {
        let service = TokenService {
            store: &self.store,
            oauth: &self.oauth,
            http: &self.http,
        };
        match service.refresh(&self.name, force).await? {
            RefreshOutcome::NotNeeded(b) | RefreshOutcome::Refreshed { bundle: b, .. } => {
                Ok(b.access_token)
            }
            RefreshOutcome::Superseded(Some(b)) => Ok(b.access_token),
            RefreshOutcome::Superseded(None) => Err(GrantError::NoBundle {
                name: self.name.clone(),
            }),
        }
    }
}

#[async_trait::async_trait]
impl TokenSource for GrantTokens {
    async fn token(&self) -> Result<SecretString, GrantError> {
        let mut current = self.current.lock().await;
        if let Some(t) = current.as_ref() {
            return Ok(t.clone());
        }
        // A bundle without `expires_at` is used as it is (the backend's rule) and refreshed on
        // the first 401; one with an expiry is refreshed when it expires within the window.
        let t = TokenService {
            store: &self.store,
            oauth: &self.oauth,
            http: &self.http,
        }
        .fresh(&self.name, false)
        .await?
        .access_token;
        *current = Some(t.clone());
        Ok(t)
    }

    async fn refreshed(&self, stale: &SecretString) -> Result<SecretString, GrantError> {
        let mut current = self.current.lock().await;
        if let Some(t) = current.as_ref()
            && t.expose_secret() != stale.expose_secret()
        {
            return Ok(t.clone());
        }
        let t = self.refresh(true).await?;
        *current = Some(t.clone());
        Ok(t)
    }
}

/// What a revoke did.
#[derive(Debug, Clone, Copy)]
pub struct RevokeOutcome {
    /// `None` with `--local-only`.
    pub remote: Option<Revoked>,
    pub deleted: bool,
    /// The stored bundle was replaced by another grant meanwhile; it was kept.
    pub kept_newer: bool,
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    use paypulse_google_sim::{DEFAULT_PUBLIC_CLIENT_ID, Simulator};
    use secrecy::ExposeSecret;

    use super::*;
    use crate::store::memory::MemoryStore;
    use crate::store::{Cas, Snapshot, StoreKind, TokenStore, Version};

    const GOOGLE_ID: &str = "104729384756102938475";

    /// A store in which another writer replaces the bundle right after our first read.
    struct RacingStore {
        inner: MemoryStore,
        reads: AtomicUsize,
        replacement: Mutex<Option<String>>,
    }

    #[async_trait::async_trait]
    impl TokenStore for RacingStore {
        fn kind(&self) -> StoreKind {
            StoreKind::File
        }
        async fn read(&self, name: &SecretName) -> Result<Snapshot, StoreError> {
            let r = self.inner.read(name).await;
            let replacement = if self.reads.fetch_add(1, Ordering::SeqCst) == 0 {
                self.replacement.lock().unwrap().take()
            } else {
                None
            };
            if let Some(other) = replacement {
                self.inner.put(name, &other);
            }
            r
        }
        async fn write(
            &self,
            name: &SecretName,
            value: &SecretString,
            expected: &Version,
        ) -> Result<Cas, StoreError> {
            self.inner.write(name, value, expected).await
        }
        async fn delete(&self, name: &SecretName, expected: &Version) -> Result<Cas, StoreError> {
            self.inner.delete(name, expected).await
        }
        async fn read_back(
            &self,
            name: &SecretName,
            written: &Version,
        ) -> Result<Option<SecretString>, StoreError> {
            self.inner.read_back(name, written).await
        }
        async fn list(&self, prefix: &str) -> Result<Vec<SecretName>, StoreError> {
            self.inner.list(prefix).await
        }
    }

    fn bundle(access: &str, refresh: &str, google_id: &str, expires_in: i64) -> String {
        let mut b = TokenBundle::issued(
            SecretString::from(access),
            Some(SecretString::from(refresh)),
            Some(expires_in),
            None,
            utc_now(),
        );
        b.google_user_id = Some(google_id.into());
        b.to_json()
    }

    async fn setup(
        sim: &Simulator,
        replacement: Option<String>,
        revoke_first: bool,
    ) -> (Store, SecretName, OAuthConfig, String) {
        let grant = sim.issue_grant(DEFAULT_PUBLIC_CLIENT_ID, GOOGLE_ID, "openid email", -10);
        if revoke_first {
            sim.revoke(&grant.refresh_token);
        }
        let name = SecretName::other("gmail/user/user_1");
        let store = RacingStore {
            inner: MemoryStore::default(),
            reads: AtomicUsize::new(0),
            replacement: Mutex::new(replacement),
        };
        store.inner.put(
            &name,
            &bundle(&grant.access_token, &grant.refresh_token, GOOGLE_ID, -10),
        );
        let store = Store::new(Arc::new(store), Duration::from_secs(5));
        let oauth = OAuthConfig {
            client_id: Some(DEFAULT_PUBLIC_CLIENT_ID.into()),
            client_secret: None,
            auth_url: sim.auth_url(),
            token_url: sim.token_url(),
            revoke_url: sim.revoke_url(),
            userinfo_url: sim.userinfo_url(),
            tokeninfo_url: sim.tokeninfo_url(),
        };
        (store, name, oauth, grant.refresh_token)
    }

    #[tokio::test]
    async fn a_refresh_never_overwrites_a_bundle_that_changed_meanwhile() {
        let sim = Simulator::start();
        // Another `connect-gmail` stores a different account's grant while we refresh.
        let other = bundle("ya29.other", "1//0other", "999", 3600);
        let (store, name, oauth, _) = setup(&sim, Some(other), false).await;
        let http = crate::oauth::http_client();
        let service = TokenService {
            store: &store,
            oauth: &oauth,
            http: &http,
        };
        let outcome = service.refresh(&name, false).await.unwrap();
        let RefreshOutcome::Superseded(Some(kept)) = outcome else {
            panic!("{outcome:?}")
        };
        assert_eq!(kept.google_user_id.as_deref(), Some("999"));
        let stored = store.load(&name).await.unwrap().unwrap();
        assert_eq!(stored.access_token.expose_secret(), "ya29.other");
        assert_eq!(sim.token_requests(), 1);
    }

    #[tokio::test]
    async fn invalid_grant_does_not_delete_a_bundle_that_changed_meanwhile() {
        let sim = Simulator::start();
        let other = bundle("ya29.new", "1//0new", GOOGLE_ID, 3600);
        let (store, name, oauth, _) = setup(&sim, Some(other), true).await;
        let http = crate::oauth::http_client();
        let service = TokenService {
            store: &store,
            oauth: &oauth,
            http: &http,
        };
        let err = service.refresh(&name, false).await.unwrap_err();
        assert!(matches!(err, GrantError::Reconnect { .. }), "{err}");
        let stored = store
            .load(&name)
            .await
            .unwrap()
            .expect("the new grant survived");
        assert_eq!(stored.refresh_token.unwrap().expose_secret(), "1//0new");
    }

    #[tokio::test]
    async fn invalid_grant_deletes_the_dead_bundle() {
        let sim = Simulator::start();
        let (store, name, oauth, _) = setup(&sim, None, true).await;
        let http = crate::oauth::http_client();
        let service = TokenService {
            store: &store,
            oauth: &oauth,
            http: &http,
        };
        let err = service.refresh(&name, false).await.unwrap_err();
        assert!(matches!(err, GrantError::Reconnect { .. }), "{err}");
        assert!(store.load(&name).await.unwrap().is_none());
    }

    #[test]
    fn testing_expiry_is_likely_only_in_a_grants_first_week() {
        let now = utc_now();
        let ago = |d: i64| Some(now - TimeDelta::days(d));
        assert!(testing_expiry_likely(ago(0), now).is_some());
        assert!(testing_expiry_likely(ago(3), now).is_some());
        assert_eq!(testing_expiry_likely(ago(7), now), Some(TimeDelta::days(7)));
        assert!(testing_expiry_likely(ago(9), now).is_none());
        assert!(testing_expiry_likely(ago(30), now).is_none());
        assert!(testing_expiry_likely(None, now).is_none());
        assert_eq!(
            connected_ago(TimeDelta::hours(3)),
            "connected less than a day ago"
        );
        assert_eq!(connected_ago(TimeDelta::days(7)), "connected 7 days ago");
    }

    #[tokio::test]
    async fn fresh_refreshes_only_a_token_that_is_due() {
        let sim = Simulator::start();
        let (store, name, oauth, refresh_token) = setup(&sim, None, false).await;
        let http = crate::oauth::http_client();
        let service = TokenService {
            store: &store,
            oauth: &oauth,
            http: &http,
        };
        // Expired: refreshed, and written back.
        let b = service.fresh(&name, false).await.unwrap();
        assert_eq!(sim.token_requests(), 1);
        assert!(sim.access_token_valid(b.access_token.expose_secret()));
        let stored = store.load(&name).await.unwrap().unwrap();
        assert_eq!(
            stored.access_token.expose_secret(),
            b.access_token.expose_secret()
        );
        assert_eq!(stored.refresh_token.unwrap().expose_secret(), refresh_token);
        // Valid: as stored, whatever `refresh_unknown` says.
        let again = service.fresh(&name, true).await.unwrap();
        assert_eq!(sim.token_requests(), 1);
        assert_eq!(
            again.access_token.expose_secret(),
            b.access_token.expose_secret()
        );
    }

    #[tokio::test]
    async fn a_dead_grant_says_when_it_was_connected() {
        let sim = Simulator::start();
        let (store, name, oauth, _) = setup(&sim, None, true).await;
        let http = crate::oauth::http_client();
        let service = TokenService {
            store: &store,
            oauth: &oauth,
            http: &http,
        };
        let err = service.fresh(&name, false).await.unwrap_err();
        let GrantError::Reconnect { connected_at, .. } = &err else {
            panic!("{err}")
        };
        assert!(connected_at.is_some());
        assert!(err.testing_expiry_likely().is_some());
        assert!(store.load(&name).await.unwrap().is_none());
    }

    #[tokio::test]
    async fn a_refresh_keeps_every_other_field() {
        let sim = Simulator::start();
        let (store, name, oauth, refresh_token) = setup(&sim, None, false).await;
        let http = crate::oauth::http_client();
        let service = TokenService {
            store: &store,
            oauth: &oauth,
            http: &http,
        };
        let before = store.load(&name).await.unwrap().unwrap();
        let RefreshOutcome::Refreshed {
            bundle,
            rotated: false,
            ..
        } = service.refresh(&name, false).await.unwrap()
        else {
            panic!("not refreshed")
        };
        assert_eq!(
            bundle.refresh_token.as_ref().unwrap().expose_secret(),
            refresh_token
        );
        assert_eq!(bundle.created_at, before.created_at);
        assert_eq!(bundle.google_user_id, before.google_user_id);
        assert_eq!(bundle.expires_in, Some(3599));
        assert!(bundle.status(utc_now()) == crate::bundle::TokenStatus::Valid);
    }
}
