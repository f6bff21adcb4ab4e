//! What a command needs, resolved from flag > environment > config file > default and built
//! lazily: the store, the user, the OAuth client, the HTTP client.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use paypulse_core::SecretString;
use paypulse_core::config::ConfigFile;
use paypulse_core::connect::ClientSecretFile;
use paypulse_core::ids::{SecretName, SecretPrefix, UserId};
use paypulse_core::oauth::{self, OAuthConfig};
use paypulse_core::paypulse_api::{ApiLogin, login_secret_name};
use paypulse_core::store::aws::AwsStore;
use paypulse_core::store::env::EnvStore;
use paypulse_core::store::file::FileStore;
use paypulse_core::store::keyring::KeyringStore;
use paypulse_core::store::{Store, StoreKind, TokenStore};

use crate::cli::{GlobalArgs, StoreArg};
use crate::error::{CliError, Kind};
use crate::output::Printer;

/// Default timeout of a store call (`PAYPULSE_STORE_TIMEOUT` changes it).
const STORE_TIMEOUT: Duration = Duration::from_secs(20);

pub struct Context {
    pub global: GlobalArgs,
    pub config: ConfigFile,
    pub printer: Printer,
    http: std::sync::OnceLock<reqwest::Client>,
    /// Cancelled on Ctrl-C.
    pub cancel: tokio_util::sync::CancellationToken,
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

fn home() -> Option<PathBuf> {
    env("HOME").map(PathBuf::from)
}

/// `$XDG_CONFIG_HOME/paypulse/config.toml` (or `~/.config/...`).
pub fn default_config_path() -> Option<PathBuf> {
    env("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| home().map(|h| h.join(".config")))
        .map(|d| d.join("paypulse").join("config.toml"))
}

/// `$XDG_DATA_HOME/paypulse/vault` (or `~/.local/share/...`).
fn vault_dir() -> Result<PathBuf, CliError> {
    env("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| home().map(|h| h.join(".local").join("share")))
        .map(|d| d.join("paypulse").join("vault"))
        .ok_or_else(|| {
            CliError::usage("neither XDG_DATA_HOME nor HOME is set: the file store has no folder")
        })
}

impl Context {
    pub fn load(global: GlobalArgs, printer: Printer) -> Result<Context, CliError> {
        let config = match &global.config {
            Some(path) => ConfigFile::load(path, true)?,
            None => match default_config_path() {
                Some(path) => ConfigFile::load(&path, false)?,
                None => ConfigFile::default(),
            },
        };
        Ok(Context {
            global,
            config,
            printer,
            http: Default::default(),
            cancel: Default::default(),
        })
    }

    pub fn http(&self) -> &reqwest::Client {
        self.http.get_or_init(oauth::http_client)
    }

    pub fn store_kind(&self) -> Result<StoreKind, CliError> {
        if let Some(s) = self.global.store {
            return Ok(match s {
                StoreArg::Keyring => StoreKind::Keyring,
                StoreArg::Aws => StoreKind::Aws,
                StoreArg::File => StoreKind::File,
                StoreArg::Env => StoreKind::Env,
            });
        }
        match &self.config.store {
            Some(s) => s
                .parse()
                .map_err(|e: String| CliError::usage(format!("config file: {e}"))),
            None => Ok(StoreKind::Keyring),
        }
    }

    pub fn secret_prefix(&self) -> Result<SecretPrefix, CliError> {
        let raw = self
            .global
            .secret_prefix
            .clone()
            .or_else(|| self.config.secret_prefix.clone());
        Ok(SecretPrefix::parse(raw.as_deref().unwrap_or(""))?)
    }

    fn store_timeout(&self) -> Result<Duration, CliError> {
        match env("PAYPULSE_STORE_TIMEOUT") {
            None => Ok(STORE_TIMEOUT),
            Some(v) => parse_duration(&v)
                .map_err(|e| CliError::usage(format!("PAYPULSE_STORE_TIMEOUT: {e}"))),
        }
    }

    /// Opens a store of the given kind.
    pub async fn open(&self, kind: StoreKind) -> Result<Store, CliError> {
        let timeout = self.store_timeout()?;
        let store: Arc<dyn TokenStore> = match kind {
            StoreKind::Keyring => {
                let connect = tokio::time::timeout(timeout, KeyringStore::connect_async());
                match connect.await {
                    Ok(s) => Arc::new(s?),
                    Err(_) => {
                        return Err(paypulse_core::store::StoreError::Timeout {
                            store: StoreKind::Keyring,
                            op: "connect",
                            secs: timeout.as_secs().max(1),
                        }
                        .into());
                    }
                }
            }
            StoreKind::Aws => {
                let kms = self
                    .global
                    .kms_key_id
                    .clone()
                    .or_else(|| self.config.kms_key_id.clone());
                Arc::new(AwsStore::connect(kms).await?)
            }
            StoreKind::File => {
                let key = env("PAYPULSE_VAULT_KEY").map(SecretString::from);
                Arc::new(FileStore::new(vault_dir()?, key.as_ref())?)
            }
            StoreKind::Env => Arc::new(EnvStore::new(
                env("PAYPULSE_TOKEN_BUNDLE").map(SecretString::from),
            )),
        };
        Ok(Store::new(store, timeout))
    }

    /// The store selected with `--store` / `PAYPULSE_STORE` / the config file.
    pub async fn vault(&self) -> Result<Store, CliError> {
        self.open(self.store_kind()?).await
    }

    /// Where the PayPulse session lives: the file store with `--store file`, else the keyring.
    pub async fn login_store(&self) -> Result<Store, CliError> {
        match self.store_kind()? {
            StoreKind::File => self.open(StoreKind::File).await,
            _ => self.open(StoreKind::Keyring).await,
        }
    }

    /// The stored PayPulse session, if any.
    pub async fn api_session(&self) -> Result<Option<ApiLogin>, CliError> {
        let vault = self.login_store().await?;
        Ok(vault
            .read_raw(&login_secret_name())
            .await?
            .as_ref()
            .and_then(ApiLogin::from_json))
    }

    /// The user given explicitly (flag, env, config), validated before anything else happens.
    pub fn explicit_user(&self) -> Result<Option<UserId>, CliError> {
        let raw = self
            .global
            .user
            .clone()
            .or_else(|| self.config.user.clone());
        Ok(raw.map(|u| UserId::parse(&u)).transpose()?)
    }

    /// The user to act on: `--user` / `PAYPULSE_USER` / config, else the logged-in user.
    pub async fn user(&self) -> Result<UserId, CliError> {
        if let Some(u) = self.explicit_user()? {
            return Ok(u);
        }
        let session = self.api_session().await.unwrap_or(None);
        session.map(|s| s.user_id).ok_or_else(|| {
            CliError::new(Kind::Auth, "no_user", "no user given and not logged in").with_hint(
                "pass `--user USER_ID` (or set PAYPULSE_USER), or log in with `paypulse login`",
            )
        })
    }

    /// The user and the secret name their bundle lives under.
    pub async fn target(&self) -> Result<(UserId, SecretName), CliError> {
        let prefix = self.secret_prefix()?;
        let user = self.user().await?;
        let name = SecretName::for_user(&prefix, &user);
        Ok((user, name))
    }

    /// The OAuth client and Google endpoints.
    pub fn oauth(&self) -> OAuthConfig {
        self.oauth_with(None)
    }

    /// The OAuth client and Google endpoints, with a `--client-secret-file`: its client beats
    /// the environment and the config; its `auth_uri`/`token_uri` beat the config but not the
    /// environment variables.
    pub fn oauth_with(&self, file: Option<&ClientSecretFile>) -> OAuthConfig {
        let g = &self.config.google;
        let pick =
            |var: &str, from_file: Option<&String>, from_config: &Option<String>, default: &str| {
                env(var)
                    .or_else(|| from_file.cloned())
                    .or_else(|| from_config.clone())
                    .unwrap_or_else(|| default.to_owned())
            };
        let (client_id, client_secret) = match file {
            Some(f) => (Some(f.client_id.clone()), f.client_secret.clone()),
            None => (
                env("PAYPULSE_GOOGLE_CLIENT_ID").or_else(|| g.client_id.clone()),
                env("PAYPULSE_GOOGLE_CLIENT_SECRET").or_else(|| g.client_secret.clone()),
            ),
        };
        OAuthConfig {
            client_id,
            client_secret: client_secret.map(SecretString::from),
            auth_url: pick(
                "PAYPULSE_GOOGLE_AUTH_URL",
                file.and_then(|f| f.auth_uri.as_ref()),
                &g.auth_url,
                oauth::GOOGLE_AUTH_URL,
            ),
            token_url: pick(
                "PAYPULSE_GOOGLE_TOKEN_URL",
                file.and_then(|f| f.token_uri.as_ref()),
                &g.token_url,
                oauth::GOOGLE_TOKEN_URL,
            ),
            revoke_url: pick(
                "PAYPULSE_GOOGLE_REVOKE_URL",
                None,
                &g.revoke_url,
                oauth::GOOGLE_REVOKE_URL,
            ),
            userinfo_url: pick(
                "PAYPULSE_GOOGLE_USERINFO_URL",
                None,
                &g.userinfo_url,
                oauth::GOOGLE_USERINFO_URL,
            ),
            tokeninfo_url: pick(
                "PAYPULSE_GOOGLE_TOKENINFO_URL",
                None,
                &g.tokeninfo_url,
                oauth::GOOGLE_TOKENINFO_URL,
            ),
        }
    }

    /// The Gmail API base (`PAYPULSE_GMAIL_API_URL`, config, Google's).
    pub fn gmail_api_url(&self) -> String {
        env("PAYPULSE_GMAIL_API_URL")
            .or_else(|| self.config.google.gmail_api_url.clone())
            .unwrap_or_else(|| paypulse_core::gmail::GMAIL_API_URL.into())
    }

    /// The loopback redirect's path (`PAYPULSE_REDIRECT_PATH`, config, `/`).
    pub fn redirect_path(&self) -> String {
        env("PAYPULSE_REDIRECT_PATH")
            .or_else(|| self.config.google.redirect_path.clone())
            .unwrap_or_else(|| "/".into())
    }
}

/// `90s`, `5m` or plain seconds.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    if let Ok(secs) = s.parse::<u64>() {
        return Ok(Duration::from_secs(secs));
    }
    humantime::parse_duration(s)
        .map_err(|e| format!("{s:?} is not a duration like 90s, 5m or 300 ({e})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90s").unwrap(), Duration::from_secs(90));
        assert_eq!(parse_duration("5m").unwrap(), Duration::from_secs(300));
        assert_eq!(parse_duration("300").unwrap(), Duration::from_secs(300));
        assert!(parse_duration("soon").is_err());
    }
}
