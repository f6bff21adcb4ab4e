//! What a command needs, resolved from flag > environment > config file > default and built
//! lazily: the store, the user, the OAuth client, the HTTP client.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use paypulse_core::SecretString;
use paypulse_core::config::ConfigFile;
use paypulse_core::connect::ClientSecretFile;
use paypulse_core::gmail::{ClientSettings, GmailClient};
use paypulse_core::grant::{GrantTokens, TokenService};
use paypulse_core::ids::{SecretName, SecretPrefix, UserId};
use paypulse_core::invoice::{Budget, FieldReader, Limits};
use paypulse_core::oauth::{self, OAuthConfig};
use paypulse_core::paypulse_api::{ApiLogin, login_secret_name};
use paypulse_core::store::aws::{AwsStore, DEFAULT_RECOVERY_WINDOW_DAYS};
use paypulse_core::store::env::EnvStore;
use paypulse_core::store::file::FileStore;
use paypulse_core::store::keyring::KeyringStore;
use paypulse_core::store::{Store, StoreKind, TokenStore};

use crate::cli::{GlobalArgs, StoreArg};
use crate::error::{CliError, Code};
use crate::output::Printer;

/// Default timeout of a store call (`PAYPULSE_STORE_TIMEOUT` changes it).
const STORE_TIMEOUT: Duration = Duration::from_secs(20);

pub struct Context {
    pub global: GlobalArgs,
    pub config: ConfigFile,
    /// Where the config file is (or would be): `--config`, else the default path.
    pub config_path: Option<PathBuf>,
    pub printer: Printer,
    /// Connect and request timeouts of every HTTP call.
    http_timeouts: (Duration, Duration),
    /// Cancelled on Ctrl-C.
    pub cancel: tokio_util::sync::CancellationToken,
    http: OnceLock<reqwest::Client>,
    oauth: OnceLock<OAuthConfig>,
    /// The store chosen with `--store`, opened once per process.
    store: tokio::sync::OnceCell<Store>,
    /// The keyring, when the login lives there but the tokens do not.
    login_keyring: tokio::sync::OnceCell<Store>,
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

fn home() -> Option<PathBuf> {
    env("HOME").map(PathBuf::from)
}

/// The one layering rule: the flag or its environment variable (clap merges those two), else
/// the config file, else the default. Empty values count as unset.
fn pick<T: AsRef<str>>(arg: Option<&T>, config: Option<&T>) -> Option<String> {
    [arg, config]
        .into_iter()
        .flatten()
        .map(|v| v.as_ref())
        .find(|v| !v.is_empty())
        .map(str::to_owned)
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
        let config_path = global.config.clone().or_else(default_config_path);
        let config = match &config_path {
            Some(path) => ConfigFile::load(path, global.config.is_some())?,
            None => ConfigFile::default(),
        };
        let http_timeouts = (
            global.connect_timeout.unwrap_or(oauth::CONNECT_TIMEOUT),
            global.http_timeout.unwrap_or(oauth::REQUEST_TIMEOUT),
        );
        Ok(Context {
            global,
            config,
            config_path,
            printer,
            http_timeouts,
            cancel: Default::default(),
            http: Default::default(),
            oauth: Default::default(),
            store: Default::default(),
            login_keyring: Default::default(),
        })
    }

    /// The HTTP client for JSON APIs (OAuth, PayPulse): no redirects, bounded timeouts.
    pub fn http(&self) -> &reqwest::Client {
        self.http
            .get_or_init(|| oauth::http_client_with(self.http_timeouts.0, self.http_timeouts.1))
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
        match self.config.store.as_deref().filter(|s| !s.is_empty()) {
            Some(s) => s
                .parse()
                .map_err(|e: String| CliError::usage(format!("config file: {e}"))),
            None => Ok(StoreKind::Keyring),
        }
    }

    pub fn secret_prefix(&self) -> Result<SecretPrefix, CliError> {
        let raw = pick(
            self.global.secret_prefix.as_ref(),
            self.config.secret_prefix.as_ref(),
        );
        Ok(SecretPrefix::parse(raw.as_deref().unwrap_or(""))?)
    }

    /// How long one store call may take (`--store-timeout`).
    pub fn store_timeout(&self) -> Duration {
        self.global.store_timeout.unwrap_or(STORE_TIMEOUT)
    }

    /// The PayPulse API: `--api-url` / `PAYPULSE_API_URL`, else the config's `api_url`.
    pub fn api_url(&self) -> Option<String> {
        pick(self.global.api_url.as_ref(), self.config.api_url.as_ref())
    }

    /// Opens a store of the given kind (each call connects anew: use [`Context::store`]).
    async fn open(&self, kind: StoreKind) -> Result<Store, CliError> {
        let timeout = self.store_timeout();
        let store: Arc<dyn TokenStore> = match kind {
            StoreKind::Keyring => {
                let connect = tokio::time::timeout(
                    timeout,
                    KeyringStore::connect_async(paypulse_core::store::keyring::lock_dir()?),
                );
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
                let kms = pick(
                    self.global.kms_key_id.as_ref(),
                    self.config.kms_key_id.as_ref(),
                );
                let window = self
                    .global
                    .recovery_window_days
                    .unwrap_or(DEFAULT_RECOVERY_WINDOW_DAYS);
                Arc::new(AwsStore::connect(kms, window).await?)
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

    /// The store selected with `--store` / `PAYPULSE_STORE` / the config file, opened once.
    pub async fn store(&self) -> Result<&Store, CliError> {
        let kind = self.store_kind()?;
        self.store.get_or_try_init(|| self.open(kind)).await
    }

    /// Where the PayPulse login lives: the file store with `--store file`, else the keyring
    /// (the same connection as the token store's when that is the keyring).
    pub async fn login_store(&self) -> Result<&Store, CliError> {
        match self.store_kind()? {
            StoreKind::File | StoreKind::Keyring => self.store().await,
            _ => {
                self.login_keyring
                    .get_or_try_init(|| self.open(StoreKind::Keyring))
                    .await
            }
        }
    }

    /// The stored PayPulse login, if any. A store that cannot be read is an error, not "not
    /// logged in".
    pub async fn api_login(&self) -> Result<Option<ApiLogin>, CliError> {
        let store = match self.login_store().await {
            Ok(store) => store,
            // No keyring on this machine: nobody can have logged in to it. A locked or hung
            // keyring is an error (the login may well be there).
            Err(e)
                if e.code == Code::KeyringUnavailable
                    && self.store_kind()? != StoreKind::Keyring =>
            {
                return Ok(None);
            }
            Err(e) => return Err(e),
        };
        Ok(store
            .read_raw(&login_secret_name())
            .await?
            .as_ref()
            .and_then(ApiLogin::from_json))
    }

    /// The user given explicitly (flag, env, config), validated before anything else happens.
    /// An explicitly empty `--user ''` is an invalid user id, not "no user given" (an empty
    /// `PAYPULSE_USER` never gets here: `main` unsets empty variables).
    pub fn explicit_user(&self) -> Result<Option<UserId>, CliError> {
        let raw = match self.global.user.as_deref() {
            Some(given) => Some(given.to_owned()),
            None => pick(None, self.config.user.as_ref()),
        };
        Ok(raw.map(|u| UserId::parse(&u)).transpose()?)
    }

    /// The user to act on: `--user` / `PAYPULSE_USER` / config, else the logged-in user.
    pub async fn user(&self) -> Result<UserId, CliError> {
        if let Some(u) = self.explicit_user()? {
            return Ok(u);
        }
        let login = self.api_login().await?;
        login.map(|s| s.user_id).ok_or_else(|| {
            CliError::new(Code::NoUser, "no user given and not logged in").with_hint(
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

    /// The OAuth client and Google endpoints (built once).
    pub fn oauth(&self) -> &OAuthConfig {
        self.oauth.get_or_init(|| self.oauth_with(None))
    }

    /// The OAuth client and Google endpoints, with a `--client-secret-file`: its client beats
    /// the environment and the config; its `auth_uri`/`token_uri` beat the config but not the
    /// flags and environment variables.
    pub fn oauth_with(&self, file: Option<&ClientSecretFile>) -> OAuthConfig {
        let g = &self.config.google;
        let a = &self.global.google;
        let url = |arg: &Option<String>,
                   from_file: Option<&String>,
                   config: &Option<String>,
                   default: &str| {
            pick(arg.as_ref(), from_file)
                .or_else(|| pick(config.as_ref(), None))
                .unwrap_or_else(|| default.to_owned())
        };
        let (client_id, client_secret) = match file {
            Some(f) => (Some(f.client_id.clone()), f.client_secret.clone()),
            None => (
                pick(a.google_client_id.as_ref(), g.client_id.as_ref()),
                env("PAYPULSE_GOOGLE_CLIENT_SECRET").or_else(|| g.client_secret.clone()),
            ),
        };
        OAuthConfig {
            client_id,
            client_secret: client_secret.map(SecretString::from),
            auth_url: url(
                &a.google_auth_url,
                file.and_then(|f| f.auth_uri.as_ref()),
                &g.auth_url,
                oauth::GOOGLE_AUTH_URL,
            ),
            token_url: url(
                &a.google_token_url,
                file.and_then(|f| f.token_uri.as_ref()),
                &g.token_url,
                oauth::GOOGLE_TOKEN_URL,
            ),
            revoke_url: url(
                &a.google_revoke_url,
                None,
                &g.revoke_url,
                oauth::GOOGLE_REVOKE_URL,
            ),
            userinfo_url: url(
                &a.google_userinfo_url,
                None,
                &g.userinfo_url,
                oauth::GOOGLE_USERINFO_URL,
            ),
            tokeninfo_url: url(
                &a.google_tokeninfo_url,
                None,
                &g.tokeninfo_url,
                oauth::GOOGLE_TOKENINFO_URL,
            ),
        }
    }

    /// The token operations on the selected store.
    pub async fn tokens(&self) -> Result<TokenService<'_>, CliError> {
        Ok(TokenService {
            store: self.store().await?,
            oauth: self.oauth(),
            http: self.http(),
        })
    }

    /// A Gmail client for the grant stored under `name`. Downloads can be large: its HTTP
    /// client has connect and read timeouts but no total timeout.
    pub async fn gmail(
        &self,
        name: &SecretName,
        settings: ClientSettings,
    ) -> Result<GmailClient, CliError> {
        let tokens = Arc::new(GrantTokens::new(
            self.store().await?.clone(),
            self.oauth().clone(),
            self.http().clone(),
            name.clone(),
        ));
        let http = paypulse_core::gmail::client::http_client(
            self.http_timeouts.0,
            self.http_timeouts.1.max(Duration::from_secs(60)),
        );
        let base = pick(
            self.global.google.gmail_api_url.as_ref(),
            self.config.google.gmail_api_url.as_ref(),
        )
        .unwrap_or_else(|| paypulse_core::gmail::GMAIL_API_URL.into());
        Ok(GmailClient::new(http, &base, tokens, settings)?)
    }

    /// The loopback redirect's path (`--redirect-path` / `PAYPULSE_REDIRECT_PATH`, config, `/`).
    /// The reader of saved documents' fields: worker processes of this very binary, under
    /// hard limits (a hostile document costs its own fields, never the run).
    pub fn field_reader(&self) -> Result<FieldReader, CliError> {
        let exe = std::env::current_exe()
            .map_err(|e| CliError::io("cannot find the paypulse binary to read fields with", e))?;
        Ok(FieldReader::worker(
            exe,
            Budget::default(),
            Limits::default(),
        ))
    }

    pub fn redirect_path(&self) -> String {
        pick(
            self.global.google.redirect_path.as_ref(),
            self.config.google.redirect_path.as_ref(),
        )
        .unwrap_or_else(|| "/".into())
    }
}

/// A duration that is not zero (a timeout of nothing would fail every call).
pub fn parse_positive_duration(s: &str) -> Result<Duration, String> {
    match parse_duration(s)? {
        d if d.is_zero() => Err("a timeout must be longer than 0s".to_owned()),
        d => Ok(d),
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
