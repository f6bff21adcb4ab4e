//! After the browser step: check what Google granted, read the account's identity, detect an
//! account switch, keep a refresh token Google did not resend, and store the bundle.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::bundle::{TokenBundle, utc_now};
use crate::ids::SecretName;
use crate::oauth::{OAuthConfig, OAuthError, TokenAnswer};
use crate::store::{Store, StoreError};

/// The scope paypulse needs.
pub const GMAIL_READONLY: &str = "https://www.googleapis.com/auth/gmail.readonly";
/// The default scopes of `connect-gmail`.
pub const DEFAULT_SCOPES: [&str; 4] = ["openid", "email", "profile", GMAIL_READONLY];

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    /// The user unticked a scope on the consent screen.
    #[error("Google did not grant {missing}: it was unticked on the consent screen")]
    ScopeNotGranted { missing: String },
    #[error("cannot read the Google account's identity: {0}")]
    Identity(OAuthError),
    #[error(transparent)]
    OAuth(#[from] OAuthError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What `connect-gmail` stored.
#[derive(Debug)]
pub struct Connected {
    pub bundle: TokenBundle,
    /// The email (or id) of the account the stored bundle belonged to before, when different.
    pub switched_from: Option<String>,
    /// Google sent no refresh token and the stored one (same account) was kept.
    pub kept_refresh_token: bool,
}

impl Connected {
    pub fn account_switch(&self) -> bool {
        self.switched_from.is_some()
    }
}

/// Checks the granted scope: every Gmail scope requested must be granted.
pub fn check_scopes(requested: &[String], granted: Option<&str>) -> Result<(), ConnectError> {
    let Some(granted) = granted else {
        return Ok(());
    };
    let granted: Vec<&str> = granted.split_whitespace().collect();
    for want in requested
        .iter()
        .filter(|s| s.starts_with("https://www.googleapis.com/auth/gmail."))
    {
        if !granted.contains(&want.as_str()) {
            return Err(ConnectError::ScopeNotGranted {
                missing: want.clone(),
            });
        }
    }
    Ok(())
}

/// Builds the bundle from the token answer and the identity, and stores it under `name`.
pub async fn finish(
    store: &Store,
    oauth: &OAuthConfig,
    http: &reqwest::Client,
    name: &SecretName,
    requested: &[String],
    tokens: TokenAnswer,
) -> Result<Connected, ConnectError> {
    check_scopes(requested, tokens.scope.as_deref())?;
    let identity = oauth
        .identity(http, &tokens.access_token)
        .await
        .map_err(ConnectError::Identity)?;
    let scope = tokens.scope.clone().or_else(|| Some(requested.join(" ")));
    let mut bundle = TokenBundle::issued(
        tokens.access_token,
        tokens.refresh_token,
        tokens.expires_in,
        scope,
        utc_now(),
    );
    bundle.google_user_id = Some(identity.user_id.clone());
    bundle.google_email = identity.email.clone();
    bundle.google_name = identity.name.clone();
    bundle.google_verified_email = identity.verified_email;
    // Kept to revoke if the write fails: a refresh token revokes the whole grant.
    let (token, hint) = match &bundle.refresh_token {
        Some(t) => (t.clone(), "refresh_token"),
        None => (bundle.access_token.clone(), "access_token"),
    };
    let mut stored_before = None;
    let stored = match store.replace_noting(name, bundle, &mut stored_before).await {
        Ok(stored) => stored,
        // Nothing was stored (or only a deleted bundle) and the store undid the failed write:
        // the new tokens are current nowhere, but live at Google (and, in Secrets Manager, kept
        // in a version of the deleted secret until it is purged). Revoke them.
        Err(e) if stored_before == Some(false) && store.write_undone(&e) => {
            let revoked = match oauth.revoke(http, &token, hint).await {
                Ok(_) => "the new tokens were revoked at Google".to_owned(),
                Err(r) => format!(
                    "revoking the new tokens at Google failed ({r}): remove paypulse's access at https://myaccount.google.com/permissions"
                ),
            };
            return Err(ConnectError::Store(match e {
                StoreError::PartWritten { cause, left } => StoreError::PartWritten {
                    cause,
                    left: format!("{left}; {revoked}"),
                },
                cause => StoreError::PartWritten {
                    cause: Box::new(cause),
                    left: format!("the write is undone before paypulse exits; {revoked}"),
                },
            }));
        }
        Err(e) => return Err(e.into()),
    };
    Ok(Connected {
        switched_from: stored.switched_from(),
        kept_refresh_token: stored.kept_refresh_token,
        bundle: stored.bundle,
    })
}

/// A Google Cloud console `client_secret_*.json` for a Desktop (`installed`) or Web client.
#[derive(Debug, Clone)]
pub struct ClientSecretFile {
    pub client_id: String,
    pub client_secret: Option<String>,
    pub auth_uri: Option<String>,
    pub token_uri: Option<String>,
}

#[derive(Deserialize)]
struct ClientSecretJson {
    installed: Option<ClientSecretInner>,
    web: Option<ClientSecretInner>,
}

#[derive(Deserialize)]
struct ClientSecretInner {
    client_id: String,
    client_secret: Option<String>,
    auth_uri: Option<String>,
    token_uri: Option<String>,
}

/// Why a `--client-secret-file` cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ClientSecretError {
    /// The message names the I/O error, so it is not also a `source()`.
    #[error("cannot read {}: {error}", path.display())]
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("{} is not a Google client secret file", .0.display())]
    NotJson(PathBuf),
    #[error("{} has neither an `installed` nor a `web` client", .0.display())]
    NoClient(PathBuf),
}

impl ClientSecretFile {
    pub fn load(path: &Path) -> Result<ClientSecretFile, ClientSecretError> {
        let text = std::fs::read_to_string(path).map_err(|error| ClientSecretError::Read {
            path: path.to_owned(),
            error,
        })?;
        let json: ClientSecretJson =
            serde_json::from_str(&text).map_err(|_| ClientSecretError::NotJson(path.to_owned()))?;
        let inner = json
            .installed
            .or(json.web)
            .ok_or_else(|| ClientSecretError::NoClient(path.to_owned()))?;
        Ok(ClientSecretFile {
            client_id: inner.client_id,
            client_secret: inner.client_secret.filter(|s| !s.is_empty()),
            auth_uri: inner.auth_uri,
            token_uri: inner.token_uri,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gmail_scopes_must_be_granted() {
        let req: Vec<String> = DEFAULT_SCOPES.iter().map(|s| s.to_string()).collect();
        assert!(check_scopes(&req, Some("openid https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/gmail.readonly")).is_ok());
        let err = check_scopes(
            &req,
            Some("openid https://www.googleapis.com/auth/userinfo.email"),
        )
        .unwrap_err();
        assert!(err.to_string().contains("gmail.readonly"));
        assert!(check_scopes(&req, None).is_ok());
    }

    #[test]
    fn client_secret_files() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("client_secret_1.json");
        std::fs::write(&p, r#"{"installed":{"client_id":"1.apps.googleusercontent.com","project_id":"p","auth_uri":"https://accounts.google.com/o/oauth2/auth","token_uri":"https://oauth2.googleapis.com/token","client_secret":"GOCSPX-x","redirect_uris":["http://localhost"]}}"#).unwrap();
        let c = ClientSecretFile::load(&p).unwrap();
        assert_eq!(c.client_id, "1.apps.googleusercontent.com");
        assert_eq!(c.client_secret.as_deref(), Some("GOCSPX-x"));
        assert_eq!(
            c.token_uri.as_deref(),
            Some("https://oauth2.googleapis.com/token")
        );
        std::fs::write(&p, r#"{"other":{}}"#).unwrap();
        assert!(ClientSecretFile::load(&p).is_err());
    }
}
