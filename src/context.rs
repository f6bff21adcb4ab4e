//! What a command needs, built lazily from the [`Settings`] resolved once at start: the
//! store, the user, the OAuth client, the HTTP client.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use paypulse_core::connect::ClientSecretFile;
use paypulse_core::gmail::{ClientSettings, GmailClient};
use paypulse_core::grant::{GrantTokens, TokenService};
use paypulse_core::ids::{SecretName, SecretPrefix, UserId};
use paypulse_core::invoice::{Budget, FieldReader, Limits};
use paypulse_core::oauth::{self, OAuthConfig};
use paypulse_core::paypulse_api::{ApiLogin, login_secret_name};
use paypulse_core::store::aws::AwsStore;
use paypulse_core::store::env::EnvStore;
use paypulse_core::store::file::FileStore;
use paypulse_core::store::keyring::KeyringStore;
use paypulse_core::store::{Store, StoreKind, TokenStore};

use crate::error::{CliError, Code};
use crate::output::Printer;
use crate::settings::Settings;
use crate::views::Location;

pub struct Context {
    pub settings: Settings,
    pub printer: Printer,
    /// Cancelled on Ctrl-C.
    pub cancel: tokio_util::sync::CancellationToken,
    http: OnceLock<reqwest::Client>,
    oauth: OnceLock<OAuthConfig>,
    /// The store chosen with `--store`, opened once per process.
    store: tokio::sync::OnceCell<Store>,
    /// The keyring, when the login lives there but the tokens do not.
    login_keyring: tokio::sync::OnceCell<Store>,
}

impl Context {
    pub fn new(settings: Settings, printer: Printer) -> Context {
        Context {
            settings,
            printer,
            cancel: Default::default(),
            http: Default::default(),
            oauth: Default::default(),
            store: Default::default(),
            login_keyring: Default::default(),
        }
    }

    /// Connect and request timeouts of every HTTP call.
    fn http_timeouts(&self) -> (Duration, Duration) {
        (
            self.settings.connect_timeout.value,
            self.settings.http_timeout.value,
        )
    }

    /// `$XDG_DATA_HOME/paypulse/vault` (or `~/.local/share/...`).
    fn vault_dir(&self) -> Result<PathBuf, CliError> {
        self.settings
            .data_home
            .as_ref()
            .map(|d| d.join("paypulse").join("vault"))
            .ok_or_else(|| {
                CliError::usage(
                    "neither XDG_DATA_HOME nor HOME is set: the file store has no folder",
                )
            })
    }

    /// The HTTP client for JSON APIs (OAuth, PayPulse): no redirects, bounded timeouts.
    pub fn http(&self) -> &reqwest::Client {
        self.http.get_or_init(|| {
            let (connect, request) = self.http_timeouts();
            oauth::http_client_with(connect, request)
        })
    }

    /// The store selected with `--store` / `PAYPULSE_STORE` / the config file.
    pub fn store_kind(&self) -> Result<StoreKind, CliError> {
        Ok(self.settings.store.value)
    }

    pub fn secret_prefix(&self) -> Result<SecretPrefix, CliError> {
        let raw = self.settings.secret_prefix.as_ref();
        Ok(SecretPrefix::parse(raw.map_or("", |s| s.value.as_str()))?)
    }

    /// How long one store call may take (`--store-timeout`).
    pub fn store_timeout(&self) -> Duration {
        self.settings.store_timeout.value
    }

    /// The PayPulse API: `--api-url` / `PAYPULSE_API_URL`, else the config's `api_url`.
    pub fn api_url(&self) -> Option<String> {
        self.settings.api_url.as_ref().map(|s| s.value.clone())
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
                let kms = self.settings.kms_key_id.as_ref().map(|s| s.value.clone());
                let window = self.settings.recovery_window_days.value;
                Arc::new(AwsStore::connect(kms, window).await?)
            }
            StoreKind::File => Arc::new(FileStore::new(
                self.vault_dir()?,
                self.settings.vault_key.as_ref(),
            )?),
            StoreKind::Env => Arc::new(EnvStore::new(self.settings.token_bundle.clone())),
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
        let raw = self.settings.user.as_ref();
        Ok(raw.map(|u| UserId::parse(&u.value)).transpose()?)
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

    /// The selected user, the store and the secret name their bundle lives under.
    pub async fn location(&self) -> Result<Location, CliError> {
        let store = self.store_kind()?;
        let prefix = self.secret_prefix()?;
        let user_id = self.user().await?;
        let secret_name = SecretName::for_user(&prefix, &user_id);
        Ok(Location {
            user_id,
            store,
            secret_name,
        })
    }

    /// The OAuth client and Google endpoints (built once).
    pub fn oauth(&self) -> &OAuthConfig {
        self.oauth.get_or_init(|| self.oauth_with(None))
    }

    /// The OAuth client and Google endpoints, with a `--client-secret-file` layered in (see
    /// [`Settings::oauth`]).
    pub fn oauth_with(&self, file: Option<&ClientSecretFile>) -> OAuthConfig {
        self.settings.oauth(file)
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
        let (connect, request) = self.http_timeouts();
        let http = paypulse_core::gmail::client::http_client(
            connect,
            request.max(Duration::from_secs(60)),
        );
        let base = &self.settings.google.gmail_api_url.value;
        Ok(GmailClient::new(http, base, tokens, settings)?)
    }

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

    /// The loopback redirect's path (`--redirect-path` / `PAYPULSE_REDIRECT_PATH`, config, `/`).
    pub fn redirect_path(&self) -> String {
        self.settings.google.redirect_path.value.clone()
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
