//! Every setting, resolved once from (flags, environment, config file) and typed, each with
//! where its value came from (as uv's `settings.rs` does): the one layering rule is here.
//!
//! A flag beats its variable (clap merges the two and says which it took), the variable beats
//! the config file, the config file beats the default. An empty variable was removed before
//! clap ran ([`crate::env_vars::clear_empty`]); an empty flag or config value counts as unset,
//! except `--user ''`, which is an invalid user id.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use clap::parser::ValueSource;
use paypulse_core::SecretString;
use paypulse_core::config::ConfigFile;
use paypulse_core::connect::ClientSecretFile;
use paypulse_core::oauth::{self, OAuthConfig};
use paypulse_core::store::StoreKind;
use paypulse_core::store::aws::DEFAULT_RECOVERY_WINDOW_DAYS;

use crate::cli::{GlobalArgs, StoreArg};
use crate::env_vars::EnvVars;

/// Default timeout of a store call.
const STORE_TIMEOUT: Duration = Duration::from_secs(20);

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A command-line option (`--store`, `-v`).
    Flag(&'static str),
    /// An environment variable.
    Env(&'static str),
    /// A key of the config file (`google.client_id`).
    Config(&'static str),
    /// `connect-gmail --client-secret-file`.
    ClientSecretFile,
    Default,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag(flag) => write!(f, "{flag}"),
            Source::Env(var) => write!(f, "{var}"),
            Source::Config(key) => write!(f, "the config file's `{key}`"),
            Source::ClientSecretFile => f.write_str("--client-secret-file"),
            Source::Default => f.write_str("the default"),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone)]
pub struct Setting<T> {
    pub value: T,
    pub source: Source,
}

impl<T> Setting<T> {
    fn new(value: T, source: Source) -> Setting<T> {
        Setting { value, source }
    }
}

/// The options clap filled from their variable rather than the command line (by argument id).
#[derive(Debug, Default)]
pub struct FromEnv(Vec<String>);

impl FromEnv {
    pub fn of(matches: &clap::ArgMatches) -> FromEnv {
        use clap::CommandFactory;
        FromEnv(
            crate::cli::Cli::command()
                .get_arguments()
                .filter(|a| a.get_env().is_some())
                .map(|a| a.get_id().as_str().to_owned())
                .filter(|id| matches.value_source(id) == Some(ValueSource::EnvVariable))
                .collect(),
        )
    }

    fn contains(&self, id: &str) -> bool {
        self.0.iter().any(|i| i == id)
    }
}

/// Reads an environment variable (the process's; a test's map in tests).
pub type EnvLookup<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The process environment.
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// The Google OAuth client and endpoints, before a `--client-secret-file` is layered in.
#[derive(Debug, Clone)]
pub struct GoogleSettings {
    pub client_id: Option<Setting<String>>,
    pub client_secret: Option<Setting<SecretString>>,
    pub auth_url: Setting<String>,
    pub token_url: Setting<String>,
    pub revoke_url: Setting<String>,
    pub userinfo_url: Setting<String>,
    pub tokeninfo_url: Setting<String>,
    pub gmail_api_url: Setting<String>,
    pub redirect_path: Setting<String>,
}

/// Everything a command may need to know, resolved once at start. Not `Debug`: the config
/// file's `[google]` table holds the client's secret as text.
#[derive(Clone)]
pub struct Settings {
    /// Where the config file is (or would be): `--config`, else the default path.
    pub config_path: Option<PathBuf>,
    /// The file as read (`[gmail.costs]`; `connect-gmail` checks its client against it).
    pub config: ConfigFile,
    pub store: Setting<StoreKind>,
    /// As given: validated when a command needs a user.
    pub user: Option<Setting<String>>,
    /// As given: validated when a command needs secret names.
    pub secret_prefix: Option<Setting<String>>,
    pub kms_key_id: Option<Setting<String>>,
    pub api_url: Option<Setting<String>>,
    pub store_timeout: Setting<Duration>,
    pub connect_timeout: Setting<Duration>,
    pub http_timeout: Setting<Duration>,
    pub recovery_window_days: Setting<u32>,
    /// The log filter: -q/-v, else `PAYPULSE_LOG`, else the config's `log`, else `warn`.
    pub log: Setting<String>,
    pub google: GoogleSettings,
    /// The `file` store's key.
    pub vault_key: Option<SecretString>,
    /// The `env` store's bundle.
    pub token_bundle: Option<SecretString>,
    /// `$XDG_DATA_HOME` (or `~/.local/share`): where the `file` store keeps its vault.
    pub data_home: Option<PathBuf>,
}

/// One option: the flag or its variable (clap's value, and which of the two it was).
struct Opt<'a> {
    from_env: &'a FromEnv,
}

impl Opt<'_> {
    fn get<T: Clone>(
        &self,
        value: Option<&T>,
        id: &str,
        flag: &'static str,
        var: &'static str,
    ) -> Option<Setting<T>> {
        let source = if self.from_env.contains(id) {
            Source::Env(var)
        } else {
            Source::Flag(flag)
        };
        value.map(|v| Setting::new(v.clone(), source))
    }

    /// [`Opt::get`] for text, where an empty value counts as unset.
    fn text(
        &self,
        value: &Option<String>,
        id: &str,
        flag: &'static str,
        var: &'static str,
    ) -> Option<Setting<String>> {
        self.get(value.as_ref().filter(|v| !v.is_empty()), id, flag, var)
    }
}

/// A config file value (empty counts as unset).
fn config(value: &Option<String>, key: &'static str) -> Option<Setting<String>> {
    value
        .as_ref()
        .filter(|v| !v.is_empty())
        .map(|v| Setting::new(v.clone(), Source::Config(key)))
}

/// The first layer that has a value.
fn first<T>(layers: impl IntoIterator<Item = Option<Setting<T>>>) -> Option<Setting<T>> {
    layers.into_iter().flatten().next()
}

fn or_default<T>(layer: Option<Setting<T>>, default: impl Into<T>) -> Setting<T> {
    layer.unwrap_or_else(|| Setting::new(default.into(), Source::Default))
}

/// `$XDG_CONFIG_HOME/paypulse/config.toml` (or `~/.config/...`).
pub fn default_config_path(env: EnvLookup<'_>) -> Option<PathBuf> {
    let get = |n| env(n).filter(|v: &String| !v.is_empty());
    get(EnvVars::XDG_CONFIG_HOME)
        .map(PathBuf::from)
        .or_else(|| get(EnvVars::HOME).map(|h| PathBuf::from(h).join(".config")))
        .map(|d| d.join("paypulse").join("config.toml"))
}

impl Settings {
    /// Reads the config file (`--config`, else the default path) and resolves every setting.
    pub fn resolve(
        global: &GlobalArgs,
        from_env: &FromEnv,
        env: EnvLookup<'_>,
    ) -> Result<Settings, paypulse_core::config::ConfigError> {
        let config_path = global.config.clone().or_else(|| default_config_path(env));
        let config = match &config_path {
            Some(path) => ConfigFile::load(path, global.config.is_some())?,
            None => ConfigFile::default(),
        };
        Ok(Settings::layer(global, from_env, env, config_path, config))
    }

    /// The layering itself, over a config file already read.
    pub fn layer(
        global: &GlobalArgs,
        from_env: &FromEnv,
        env: EnvLookup<'_>,
        config_path: Option<PathBuf>,
        file: ConfigFile,
    ) -> Settings {
        let opt = Opt { from_env };
        let var = |name: &'static str| env(name).map(|v| Setting::new(v, Source::Env(name)));
        let store = first([
            opt.get(
                global.store.as_ref(),
                "store",
                "--store",
                EnvVars::PAYPULSE_STORE,
            )
            .map(|s| Setting::new(store_kind(s.value), s.source)),
            file.store.map(|k| Setting::new(k, Source::Config("store"))),
        ]);
        // `--user ''` is kept: an invalid user id, not "no user given".
        let user = first([
            opt.get(
                global.user.as_ref(),
                "user",
                "--user",
                EnvVars::PAYPULSE_USER,
            ),
            config(&file.user, "user"),
        ]);
        let duration = |value: Option<Duration>, id, flag, name, default| {
            or_default(opt.get(value.as_ref(), id, flag, name), default)
        };
        let log_flag = match (global.quiet, global.verbose) {
            (true, _) => Some(("error", "-q")),
            (_, 0) => None,
            (_, 1) => Some(("warn,paypulse=info,paypulse_core=info", "-v")),
            (_, 2) => Some(("warn,paypulse=debug,paypulse_core=debug", "-vv")),
            _ => Some(("info,paypulse=trace,paypulse_core=trace", "-vvv")),
        };
        let g = &global.google;
        let fg = &file.google;
        let url = |value: &Option<String>,
                   id: &str,
                   flag: &'static str,
                   name: &'static str,
                   config_value: &Option<String>,
                   key: &'static str,
                   default: &str| {
            or_default(
                first([opt.text(value, id, flag, name), config(config_value, key)]),
                default,
            )
        };
        let google = GoogleSettings {
            client_id: first([
                opt.text(
                    &g.google_client_id,
                    "google_client_id",
                    "--google-client-id",
                    EnvVars::PAYPULSE_GOOGLE_CLIENT_ID,
                ),
                config(&fg.client_id, "google.client_id"),
            ]),
            client_secret: first([
                var(EnvVars::PAYPULSE_GOOGLE_CLIENT_SECRET),
                config(&fg.client_secret, "google.client_secret"),
            ])
            .map(|s| Setting::new(SecretString::from(s.value), s.source)),
            auth_url: url(
                &g.google_auth_url,
                "google_auth_url",
                "--google-auth-url",
                EnvVars::PAYPULSE_GOOGLE_AUTH_URL,
                &fg.auth_url,
                "google.auth_url",
                oauth::GOOGLE_AUTH_URL,
            ),
            token_url: url(
                &g.google_token_url,
                "google_token_url",
                "--google-token-url",
                EnvVars::PAYPULSE_GOOGLE_TOKEN_URL,
                &fg.token_url,
                "google.token_url",
                oauth::GOOGLE_TOKEN_URL,
            ),
            revoke_url: url(
                &g.google_revoke_url,
                "google_revoke_url",
                "--google-revoke-url",
                EnvVars::PAYPULSE_GOOGLE_REVOKE_URL,
                &fg.revoke_url,
                "google.revoke_url",
                oauth::GOOGLE_REVOKE_URL,
            ),
            userinfo_url: url(
                &g.google_userinfo_url,
                "google_userinfo_url",
                "--google-userinfo-url",
                EnvVars::PAYPULSE_GOOGLE_USERINFO_URL,
                &fg.userinfo_url,
                "google.userinfo_url",
                oauth::GOOGLE_USERINFO_URL,
            ),
            tokeninfo_url: url(
                &g.google_tokeninfo_url,
                "google_tokeninfo_url",
                "--google-tokeninfo-url",
                EnvVars::PAYPULSE_GOOGLE_TOKENINFO_URL,
                &fg.tokeninfo_url,
                "google.tokeninfo_url",
                oauth::GOOGLE_TOKENINFO_URL,
            ),
            gmail_api_url: url(
                &g.gmail_api_url,
                "gmail_api_url",
                "--gmail-api-url",
                EnvVars::PAYPULSE_GMAIL_API_URL,
                &fg.gmail_api_url,
                "google.gmail_api_url",
                paypulse_core::gmail::GMAIL_API_URL,
            ),
            redirect_path: url(
                &g.redirect_path,
                "redirect_path",
                "--redirect-path",
                EnvVars::PAYPULSE_REDIRECT_PATH,
                &fg.redirect_path,
                "google.redirect_path",
                "/",
            ),
        };
        Settings {
            store: or_default(store, StoreKind::Keyring),
            user,
            secret_prefix: first([
                opt.text(
                    &global.secret_prefix,
                    "secret_prefix",
                    "--secret-prefix",
                    EnvVars::PAYPULSE_SECRET_PREFIX,
                ),
                config(&file.secret_prefix, "secret_prefix"),
            ]),
            kms_key_id: first([
                opt.text(
                    &global.kms_key_id,
                    "kms_key_id",
                    "--kms-key-id",
                    EnvVars::PAYPULSE_KMS_KEY_ID,
                ),
                config(&file.kms_key_id, "kms_key_id"),
            ]),
            api_url: first([
                opt.text(
                    &global.api_url,
                    "api_url",
                    "--api-url",
                    EnvVars::PAYPULSE_API_URL,
                ),
                config(&file.api_url, "api_url"),
            ]),
            store_timeout: duration(
                global.store_timeout,
                "store_timeout",
                "--store-timeout",
                EnvVars::PAYPULSE_STORE_TIMEOUT,
                STORE_TIMEOUT,
            ),
            connect_timeout: duration(
                global.connect_timeout,
                "connect_timeout",
                "--connect-timeout",
                EnvVars::PAYPULSE_CONNECT_TIMEOUT,
                oauth::CONNECT_TIMEOUT,
            ),
            http_timeout: duration(
                global.http_timeout,
                "http_timeout",
                "--http-timeout",
                EnvVars::PAYPULSE_HTTP_TIMEOUT,
                oauth::REQUEST_TIMEOUT,
            ),
            recovery_window_days: or_default(
                opt.get(
                    global.recovery_window_days.as_ref(),
                    "recovery_window_days",
                    "--recovery-window-days",
                    EnvVars::PAYPULSE_RECOVERY_WINDOW_DAYS,
                ),
                DEFAULT_RECOVERY_WINDOW_DAYS,
            ),
            log: or_default(
                first([
                    log_flag.map(|(f, flag)| Setting::new(f.to_owned(), Source::Flag(flag))),
                    var(EnvVars::PAYPULSE_LOG),
                    config(&file.log, "log"),
                ]),
                "warn",
            ),
            google,
            vault_key: env(EnvVars::PAYPULSE_VAULT_KEY).map(SecretString::from),
            token_bundle: env(EnvVars::PAYPULSE_TOKEN_BUNDLE).map(SecretString::from),
            data_home: env(EnvVars::XDG_DATA_HOME)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
                .or_else(|| {
                    env(EnvVars::HOME)
                        .filter(|v| !v.is_empty())
                        .map(|h| PathBuf::from(h).join(".local").join("share"))
                }),
            config_path,
            config: file,
        }
    }

    /// The OAuth client and Google endpoints, with a `--client-secret-file` layered in: its
    /// client beats the environment and the config; its `auth_uri`/`token_uri` beat the config
    /// but not the flags and variables.
    pub fn oauth(&self, file: Option<&ClientSecretFile>) -> OAuthConfig {
        let g = &self.google;
        let from_file = |url: Option<&String>| {
            url.filter(|u| !u.is_empty())
                .map(|u| Setting::new(u.clone(), Source::ClientSecretFile))
        };
        // The file's endpoint sits between the options and the config file.
        let endpoint = |resolved: &Setting<String>, file_url: Option<&String>| match (
            &resolved.source,
            from_file(file_url),
        ) {
            (Source::Config(_) | Source::Default, Some(f)) => f.value,
            _ => resolved.value.clone(),
        };
        let (client_id, client_secret) = match file {
            Some(f) => (
                Some(f.client_id.clone()),
                f.client_secret.clone().map(SecretString::from),
            ),
            None => (
                g.client_id.as_ref().map(|s| s.value.clone()),
                g.client_secret.as_ref().map(|s| s.value.clone()),
            ),
        };
        OAuthConfig {
            client_id,
            client_secret,
            auth_url: endpoint(&g.auth_url, file.and_then(|f| f.auth_uri.as_ref())),
            token_url: endpoint(&g.token_url, file.and_then(|f| f.token_uri.as_ref())),
            revoke_url: g.revoke_url.value.clone(),
            userinfo_url: g.userinfo_url.value.clone(),
            tokeninfo_url: g.tokeninfo_url.value.clone(),
        }
    }

    /// One debug line per setting that is not its default: what was chosen, and from where
    /// (values of secrets are never logged).
    pub fn log_sources(&self) {
        fn line<T: fmt::Debug>(name: &str, s: &Setting<T>) {
            if s.source != Source::Default {
                tracing::debug!("setting {name} = {:?} (from {})", s.value, s.source);
            }
        }
        line("store", &self.store);
        for (name, s) in [
            ("user", &self.user),
            ("secret_prefix", &self.secret_prefix),
            ("kms_key_id", &self.kms_key_id),
            ("api_url", &self.api_url),
            ("google.client_id", &self.google.client_id),
        ] {
            if let Some(s) = s {
                line(name, s);
            }
        }
        if let Some(s) = &self.google.client_secret {
            tracing::debug!("setting google.client_secret (from {})", s.source);
        }
        line("store_timeout", &self.store_timeout);
        line("log", &self.log);
        line("google.auth_url", &self.google.auth_url);
        line("google.token_url", &self.google.token_url);
        line("google.gmail_api_url", &self.google.gmail_api_url);
    }
}

fn store_kind(arg: StoreArg) -> StoreKind {
    match arg {
        StoreArg::Keyring => StoreKind::Keyring,
        StoreArg::Aws => StoreKind::Aws,
        StoreArg::File => StoreKind::File,
        StoreArg::Env => StoreKind::Env,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::Parser;

    fn settings(args: &[&str], from_env: &[&str], vars: &[(&str, &str)], file: &str) -> Settings {
        let cli = Cli::try_parse_from(["paypulse"].iter().chain(args).chain(&["tokens", "show"]))
            .unwrap();
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let env = move |name: &str| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        let from_env = FromEnv(from_env.iter().map(|s| (*s).to_owned()).collect());
        let file: ConfigFile = toml::from_str(file).unwrap();
        Settings::layer(&cli.global, &from_env, &env, None, file)
    }

    #[test]
    fn each_setting_says_where_it_came_from() {
        let s = settings(
            &["--store", "file", "--api-url", "https://api.example"],
            &["api_url"],
            &[("PAYPULSE_LOG", "debug")],
            "user = \"user_cfg\"\nlog = \"trace\"\n[google]\nclient_id = \"cid\"\n",
        );
        assert_eq!(s.store.value, StoreKind::File);
        assert_eq!(s.store.source, Source::Flag("--store"));
        assert_eq!(
            s.api_url.as_ref().unwrap().source,
            Source::Env("PAYPULSE_API_URL")
        );
        let user = s.user.unwrap();
        assert_eq!(
            (user.value.as_str(), user.source),
            ("user_cfg", Source::Config("user"))
        );
        assert_eq!(s.log.value, "debug");
        assert_eq!(s.log.source, Source::Env("PAYPULSE_LOG"));
        assert_eq!(s.google.client_id.unwrap().value, "cid");
        assert_eq!(s.google.token_url.source, Source::Default);
        assert_eq!(s.store_timeout.value, STORE_TIMEOUT);
    }

    #[test]
    fn flags_beat_the_config_and_empty_values_are_unset_except_the_user() {
        let s = settings(
            &["-v", "--secret-prefix", "", "--user", ""],
            &[],
            &[("PAYPULSE_LOG", "debug")],
            "store = \"aws\"\nsecret_prefix = \"staging/\"\nlog = \"trace\"\n",
        );
        assert_eq!(s.log.source, Source::Flag("-v"));
        assert_eq!(s.store.value, StoreKind::Aws);
        assert_eq!(s.store.source, Source::Config("store"));
        assert_eq!(s.secret_prefix.unwrap().value, "staging/");
        assert_eq!(s.user.unwrap().value, "");
    }

    #[test]
    fn a_client_secret_file_sits_between_the_options_and_the_config() {
        let s = settings(
            &["--google-auth-url", "http://127.0.0.1:1/auth"],
            &[],
            &[("PAYPULSE_GOOGLE_CLIENT_SECRET", "GOCSPX-env")],
            "[google]\nclient_id = \"cfg\"\ntoken_url = \"http://127.0.0.1:2/token\"\n",
        );
        let none = s.oauth(None);
        assert_eq!(none.client_id.as_deref(), Some("cfg"));
        assert!(none.client_secret.is_some());
        assert_eq!(none.token_url, "http://127.0.0.1:2/token");
        let file = ClientSecretFile {
            client_id: "file.apps".into(),
            client_secret: None,
            auth_uri: Some("http://127.0.0.1:3/auth".into()),
            token_uri: Some("http://127.0.0.1:3/token".into()),
        };
        let with = s.oauth(Some(&file));
        assert_eq!(with.client_id.as_deref(), Some("file.apps"));
        assert!(with.client_secret.is_none());
        assert_eq!(with.auth_url, "http://127.0.0.1:1/auth");
        assert_eq!(with.token_url, "http://127.0.0.1:3/token");
        assert_eq!(with.revoke_url, oauth::GOOGLE_REVOKE_URL);
    }

    #[test]
    fn clap_says_which_options_came_from_the_environment() {
        use clap::CommandFactory;
        let m = Cli::command()
            .try_get_matches_from(["paypulse", "tokens", "show", "--store", "file"])
            .unwrap();
        let from_env = FromEnv::of(&m);
        assert!(!from_env.contains("store"));
        assert_eq!(m.value_source("store"), Some(ValueSource::CommandLine));
    }
}
