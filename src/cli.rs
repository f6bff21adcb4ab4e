//! The clap tree: the one source of `--help`, the man pages and the shell completions.

use std::path::PathBuf;

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};

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
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Options that every command takes, before or after the subcommand.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Where token bundles are kept [default: keyring]
    #[arg(
        long,
        global = true,
        env = "PAYPULSE_STORE",
        value_enum,
        value_name = "STORE"
    )]
    pub store: Option<StoreArg>,

    /// The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]
    #[arg(long, global = true, env = "PAYPULSE_USER", value_name = "USER_ID")]
    pub user: Option<String>,

    /// The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]
    #[arg(long, global = true, env = "PAYPULSE_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)
    #[arg(
        long,
        global = true,
        env = "PAYPULSE_SECRET_PREFIX",
        value_name = "PREFIX"
    )]
    pub secret_prefix: Option<String>,

    /// The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)
    #[arg(
        long,
        global = true,
        env = "PAYPULSE_KMS_KEY_ID",
        value_name = "KEY_ID"
    )]
    pub kms_key_id: Option<String>,

    /// Print machine-readable JSON on stdout (errors as JSON on stderr)
    #[arg(long, global = true)]
    pub json: bool,

    /// More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter
    #[arg(short, long, global = true, action = ArgAction::Count, conflicts_with = "quiet")]
    pub verbose: u8,

    /// Only errors on stderr
    #[arg(short, long, global = true)]
    pub quiet: bool,
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
    /// Inspect, refresh, revoke, list and import Gmail token bundles
    #[command(subcommand)]
    Tokens(tokens::TokensCommand),
    /// Print shell completions
    #[command(hide = true)]
    Completions(completions::CompletionsArgs),
    /// Write man pages into a folder
    #[command(hide = true)]
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
