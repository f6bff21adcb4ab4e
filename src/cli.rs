//! The clap tree: the one source of `--help`, the man pages and the shell completions.

use std::path::PathBuf;

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};

use crate::env_vars::EnvVars;

use crate::commands::{
    completions, connect_gmail, fetch_invoices, invoices, login, logout, man, tokens,
};

/// Harvest rental and retail invoices from Gmail, and manage the Gmail token bundle.
///
/// paypulse connects a Gmail account with OAuth 2.0, keeps the token bundle in the OS keyring,
/// AWS Secrets Manager, an encrypted file or an environment variable, and lets support staff
/// inspect, refresh and revoke a user's tokens.
#[derive(Debug, Parser)]
#[command(
    name = "paypulse",
    version,
    propagate_version = true,
    max_term_width = 100,
    after_long_help = ENVIRONMENT
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// The variables that are not options: secrets (never taken as arguments, where `ps` would show
/// them) and the log filter. Shown by `--help` and in the man page.
pub const ENVIRONMENT: &str = "\
Environment (besides the variables named with each option):
  PAYPULSE_VAULT_KEY              the `file` store's key: 64 hex characters or the base64 of 32
                                  bytes, else a passphrase (used exactly as given, run through Argon2id)
  PAYPULSE_TOKEN_BUNDLE           the `env` store's bundle JSON (read-only)
  PAYPULSE_GOOGLE_CLIENT_SECRET   the OAuth client's secret, if it has one
  PAYPULSE_LOG                    a tracing filter for the log on stderr (-v and -q beat it)
  NO_COLOR                        no colours on stderr
  BROWSER                         the browser `connect-gmail` opens
  AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL_SECRETS_MANAGER, ...  the AWS SDK's own chain

Secrets are never taken as command-line arguments: set them in the environment.";

/// Options that every command takes, before or after the subcommand. Their own help heading
/// keeps them apart from a subcommand's own options (as `gh` shows inherited flags).
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Where token bundles are kept [default: keyring]
    #[arg(
        long,
        global = true,
        env = EnvVars::PAYPULSE_STORE,
        value_enum,
        value_name = "STORE"
    )]
    pub store: Option<StoreArg>,

    /// The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]
    #[arg(long, global = true, env = EnvVars::PAYPULSE_USER, value_name = "USER_ID")]
    pub user: Option<String>,

    /// The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]
    #[arg(long, global = true, env = EnvVars::PAYPULSE_CONFIG, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)
    #[arg(
        long,
        global = true,
        env = EnvVars::PAYPULSE_SECRET_PREFIX,
        value_name = "PREFIX"
    )]
    pub secret_prefix: Option<String>,

    /// The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)
    #[arg(
        long,
        global = true,
        env = EnvVars::PAYPULSE_KMS_KEY_ID,
        value_name = "KEY_ID"
    )]
    pub kms_key_id: Option<String>,

    /// The PayPulse API's base URL [config: api_url]
    #[arg(long, global = true, env = EnvVars::PAYPULSE_API_URL, value_name = "URL")]
    pub api_url: Option<String>,

    /// How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m
    /// [default: 20s]
    #[arg(
        long,
        global = true,
        env = EnvVars::PAYPULSE_STORE_TIMEOUT,
        value_name = "DURATION",
        value_parser = crate::context::parse_duration,
        hide_short_help = true
    )]
    pub store_timeout: Option<std::time::Duration>,

    /// How long connecting to a server may take, e.g. 10s [default: 10s]
    #[arg(
        long,
        global = true,
        env = EnvVars::PAYPULSE_CONNECT_TIMEOUT,
        value_name = "DURATION",
        value_parser = crate::context::parse_positive_duration,
        hide_short_help = true
    )]
    pub connect_timeout: Option<std::time::Duration>,

    /// How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail
    /// download may wait for data, e.g. 30s [default: 30s]
    #[arg(
        long,
        global = true,
        env = EnvVars::PAYPULSE_HTTP_TIMEOUT,
        value_name = "DURATION",
        value_parser = crate::context::parse_positive_duration,
        hide_short_help = true
    )]
    pub http_timeout: Option<std::time::Duration>,

    /// Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)
    #[arg(
        long,
        global = true,
        env = EnvVars::PAYPULSE_RECOVERY_WINDOW_DAYS,
        value_name = "N",
        value_parser = clap::value_parser!(u32).range(0..=30)
    )]
    pub recovery_window_days: Option<u32>,

    /// Print machine-readable JSON on stdout (errors as JSON on stderr)
    #[arg(long, global = true)]
    pub json: bool,

    /// More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter
    #[arg(short, long, global = true, action = ArgAction::Count, conflicts_with = "quiet")]
    pub verbose: u8,

    /// Only errors on stderr
    #[arg(short, long, global = true)]
    pub quiet: bool,

    // Last: the options after a flattened group would take its help heading.
    #[command(flatten)]
    pub google: GoogleArgs,
}

/// The Google OAuth client and endpoints: expert knobs (local peers, proxies), shown by `--help`
/// but not by `-h`. Each beats the config file's `[google]` table.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Global options (Google endpoints)")]
pub struct GoogleArgs {
    /// The OAuth client id [config: google.client_id]
    #[arg(
        long,
        global = true,
        env = EnvVars::PAYPULSE_GOOGLE_CLIENT_ID,
        value_name = "ID",
        hide_short_help = true
    )]
    pub google_client_id: Option<String>,

    /// The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]
    #[arg(
        long,
        global = true,
        env = EnvVars::PAYPULSE_GOOGLE_AUTH_URL,
        value_name = "URL",
        hide_short_help = true
    )]
    pub google_auth_url: Option<String>,

    /// The token endpoint [default: https://oauth2.googleapis.com/token]
    #[arg(
        long,
        global = true,
        env = EnvVars::PAYPULSE_GOOGLE_TOKEN_URL,
        value_name = "URL",
        hide_short_help = true
    )]
    pub google_token_url: Option<String>,

    /// The revocation endpoint [default: https://oauth2.googleapis.com/revoke]
    #[arg(
        long,
        global = true,
        env = EnvVars::PAYPULSE_GOOGLE_REVOKE_URL,
        value_name = "URL",
        hide_short_help = true
    )]
    pub google_revoke_url: Option<String>,

    /// The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]
    #[arg(
        long,
        global = true,
        env = EnvVars::PAYPULSE_GOOGLE_USERINFO_URL,
        value_name = "URL",
        hide_short_help = true
    )]
    pub google_userinfo_url: Option<String>,

    /// The tokeninfo endpoint, which `tokens check` asks about live access tokens [default:
    /// https://oauth2.googleapis.com/tokeninfo]
    #[arg(
        long,
        global = true,
        env = EnvVars::PAYPULSE_GOOGLE_TOKENINFO_URL,
        value_name = "URL",
        hide_short_help = true
    )]
    pub google_tokeninfo_url: Option<String>,

    /// The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default:
    /// https://gmail.googleapis.com]
    #[arg(
        long,
        global = true,
        env = EnvVars::PAYPULSE_GMAIL_API_URL,
        value_name = "URL",
        hide_short_help = true
    )]
    pub gmail_api_url: Option<String>,

    /// The loopback redirect's path (http://127.0.0.1:{port}{path}) [default: /]
    #[arg(
        long,
        global = true,
        env = EnvVars::PAYPULSE_REDIRECT_PATH,
        value_name = "PATH",
        hide_short_help = true
    )]
    pub redirect_path: Option<String>,
}

/// The stores a bundle can live in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StoreArg {
    /// The OS credential store (Secret Service, Keychain, Credential Manager)
    Keyring,
    /// AWS Secrets Manager (the SDK's standard configuration chain)
    Aws,
    /// An AES-256-GCM encrypted file per bundle; key from PAYPULSE_VAULT_KEY
    File,
    /// Read-only: the bundle JSON in PAYPULSE_TOKEN_BUNDLE
    Env,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Log in to the PayPulse API
    Login(login::LoginArgs),
    /// Forget the PayPulse session
    Logout(logout::LogoutArgs),
    /// Connect a Gmail account: OAuth 2.0 in the browser (loopback redirect + PKCE), then store
    /// the tokens
    ConnectGmail(connect_gmail::ConnectGmailArgs),
    /// Search Gmail and save invoices (PDFs, HTML receipts) to a folder, with a manifest
    FetchInvoices(fetch_invoices::FetchInvoicesArgs),
    /// List the harvested invoices with their fields (issuer, amount, due date, reference)
    Invoices(invoices::InvoicesArgs),
    /// Inspect, refresh, revoke, list and import Gmail token bundles; print a fresh access token
    #[command(subcommand)]
    Tokens(tokens::TokensCommand),
    /// Print shell completions (bash, zsh, fish, powershell, elvish)
    Completions(completions::CompletionsArgs),
    /// Write the man pages into a folder
    Man(man::ManArgs),
}

impl Command {
    /// Whether the command stops cleanly by itself on Ctrl-C (else it is cut off).
    pub fn handles_interrupt(&self) -> bool {
        matches!(self, Command::FetchInvoices(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_clap_tree_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn global_options_go_before_or_after_the_subcommand() {
        let a = Cli::try_parse_from(["paypulse", "--json", "tokens", "show"]).unwrap();
        let b = Cli::try_parse_from(["paypulse", "tokens", "show", "--json"]).unwrap();
        assert!(a.global.json && b.global.json);
    }
}
