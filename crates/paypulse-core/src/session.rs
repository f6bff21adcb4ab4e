//! "Give me a fresh access token" and the other operations on a stored grant: load → refresh if
//! needed → write back without overwriting a bundle that changed meanwhile; revoke → delete.

use chrono::TimeDelta;
use secrecy::SecretString;

use crate::bundle::{TokenBundle, utc_now};
use crate::ids::SecretName;
use crate::oauth::{OAuthConfig, OAuthError, Revoked};
use crate::store::{StoreError, Vault};

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error("no Gmail tokens are stored under {name}")]
    NoBundle { name: SecretName },
    /// The refresh token is expired or revoked; the stored bundle was deleted.
    #[error(
        "the Gmail grant for {name} is expired or revoked ({detail}); the stored tokens were deleted"
    )]
    Reconnect { name: SecretName, detail: String },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    OAuth(#[from] OAuthError),
}

/// What a refresh did.
#[derive(Debug)]
pub enum RefreshOutcome {
    /// The access token was still valid beyond the refresh window.
    NotNeeded(TokenBundle),
    /// A new access token was stored; `rotated` when Google also sent a new refresh token.
    Refreshed { bundle: TokenBundle, rotated: bool },
    /// The stored bundle changed while we refreshed (another connect, another account, or it
    /// was deleted): it was kept as it is, and is returned.
    Superseded(Option<TokenBundle>),
}

/// Everything the token operations need.
pub struct TokenService<'a> {
    pub vault: &'a Vault,
    pub oauth: &'a OAuthConfig,
    pub http: &'a reqwest::Client,
}

impl TokenService<'_> {
    /// Loads the bundle stored under `name`, or says there is none.
    pub async fn load(&self, name: &SecretName) -> Result<TokenBundle, SessionError> {
        self.vault
            .load(name)
            .await?
            .ok_or_else(|| SessionError::NoBundle { name: name.clone() })
    }

    /// Refreshes when the token expires within the window or its expiry is unknown, or always
    /// with `force`. A new refresh token replaces the old one; none keeps the old one.
    pub async fn refresh(
        &self,
        name: &SecretName,
        force: bool,
    ) -> Result<RefreshOutcome, SessionError> {
        let before = self.load(name).await?;
        if !force && !before.needs_refresh(utc_now()) {
            return Ok(RefreshOutcome::NotNeeded(before));
        }
        let refresh_token = before
            .refresh_token
            .clone()
            .ok_or(OAuthError::NoRefreshToken)?;
        let answer = match self.oauth.refresh(self.http, &refresh_token).await {
            Ok(a) => a,
            Err(OAuthError::InvalidGrant(detail)) => {
                // Delete only what is still the same dead grant: a bundle a concurrent
                // `connect-gmail` just wrote must survive.
                if let Ok(Some(current)) = self.vault.load(name).await
                    && current.same_grant(&before)
                {
                    self.vault.delete(name).await?;
                }
                return Err(SessionError::Reconnect {
                    name: name.clone(),
                    detail,
                });
            }
            Err(e) => return Err(e.into()),
        };
        // Re-read before writing: never overwrite a bundle that changed meanwhile.
        let current = match self.vault.load(name).await? {
            Some(c) if c.same_grant(&before) => c,
            other => return Ok(RefreshOutcome::Superseded(other)),
        };
        let now = utc_now();
        let rotated = answer.refresh_token.is_some();
        let mut bundle = current;
        bundle.access_token = answer.access_token;
        if let Some(rt) = answer.refresh_token {
            bundle.refresh_token = Some(rt);
        }
        bundle.expires_in = answer.expires_in;
        bundle.expires_at = answer.expires_in.map(|s| now + TimeDelta::seconds(s));
        self.vault.save(name, &bundle).await?;
        Ok(RefreshOutcome::Refreshed { bundle, rotated })
    }

    /// Revokes the grant at Google (the refresh token, else the access token) unless
    /// `local_only`, then deletes the stored bundle.
    pub async fn revoke(
        &self,
        name: &SecretName,
        local_only: bool,
    ) -> Result<RevokeOutcome, SessionError> {
        let remote = if local_only {
            None
        } else {
            let bundle = self.load(name).await?;
            let (token, hint): (&SecretString, &str) = match &bundle.refresh_token {
                Some(rt) => (rt, "refresh_token"),
                None => (&bundle.access_token, "access_token"),
            };
            Some(self.oauth.revoke(self.http, token, hint).await?)
        };
        let deleted = self.vault.delete(name).await?;
        if local_only && !deleted {
            return Err(SessionError::NoBundle { name: name.clone() });
        }
        Ok(RevokeOutcome { remote, deleted })
    }
}

/// What a revoke did.
#[derive(Debug, Clone, Copy)]
pub struct RevokeOutcome {
    /// `None` with `--local-only`.
    pub remote: Option<Revoked>,
    pub deleted: bool,
}
