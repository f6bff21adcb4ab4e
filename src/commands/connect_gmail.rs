use std::fmt;
use std::io::BufRead;
use std::path::PathBuf;

use clap::Args;
use paypulse_core::bundle::format_timestamp;
use paypulse_core::config::{self, ClientToRemember, Remembered};
use paypulse_core::connect::{self, ClientSecretFile, DEFAULT_SCOPES};
use paypulse_core::ids::{SecretName, UserId};
use paypulse_core::loopback::Loopback;
use paypulse_core::paypulse_api::{self, ApiLogin};
use paypulse_core::store::StoreKind;
use serde::Serialize;
use tokio::sync::mpsc;

use crate::context::{Context, parse_duration};
use crate::env_vars::EnvVars;
use crate::error::{CliError, Code};
use crate::output::clean;
use crate::prompt;
use crate::settings::Source;
use crate::views::account_switch_warning;

#[derive(Debug, Args)]
pub struct ConnectGmailArgs {
    /// Print the authorization URL instead of opening a browser
    #[arg(long)]
    pub no_browser: bool,

    /// Paste the redirect URL (or the code) at a prompt, for a browser on another machine
    #[arg(long)]
    pub paste: bool,

    /// The loopback port to listen on [default: chosen by the OS]
    #[arg(long, value_name = "PORT")]
    pub port: Option<u16>,

    /// How long to wait for the browser (90s, 5m or seconds)
    #[arg(long, value_name = "DURATION", default_value = "5m", value_parser = parse_duration)]
    pub timeout: std::time::Duration,

    /// The scopes to ask for (repeat, or space-separated) [default: openid email profile
    /// https://www.googleapis.com/auth/gmail.readonly]
    #[arg(long = "scope", value_name = "SCOPE")]
    pub scopes: Vec<String>,

    /// A client_secret_*.json downloaded from the Google Cloud console (a Desktop client);
    /// remembered in the config file's [google] table when no client is configured there
    #[arg(long, value_name = "PATH")]
    pub client_secret_file: Option<PathBuf>,

    /// Also send the tokens to the PayPulse API, as the iOS app does (needs `paypulse login`)
    #[arg(long)]
    pub upload: bool,
}

#[derive(Serialize)]
struct ConnectResult {
    user_id: UserId,
    google_email: Option<String>,
    google_user_id: Option<String>,
    scope: Option<String>,
    expires_at: Option<String>,
    account_switch: bool,
    store: StoreKind,
    secret_name: SecretName,
    has_refresh_token: bool,
    /// Present with --upload: the backend's answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    uploaded: Option<paypulse_api::Uploaded>,
}

impl fmt::Display for ConnectResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let who = self
            .google_email
            .as_deref()
            .map(clean)
            .unwrap_or_else(|| "the Google account".into());
        write!(
            f,
            "Connected {who} for {} ({}, {} store)",
            self.user_id, self.secret_name, self.store
        )?;
        if let Some(up) = &self.uploaded {
            write!(f, "\nUploaded the tokens to the PayPulse API")?;
            if up.account_switch == Some(true) {
                write!(f, " (the backend reports an account switch)")?;
            }
        }
        Ok(())
    }
}

pub async fn run(args: &ConnectGmailArgs, ctx: &Context) -> Result<(), CliError> {
    // Everything that can fail without the user's help fails before the browser opens.
    let location = ctx.location().await?;
    let upload = if args.upload {
        Some(upload_target(args, ctx).await?)
    } else {
        None
    };
    let secret_file = args
        .client_secret_file
        .as_deref()
        .map(ClientSecretFile::load)
        .transpose()?;
    if let (Some(file), Some(path)) = (&secret_file, &args.client_secret_file) {
        check_same_client(ctx, file, path)?;
    }
    let oauth = ctx.oauth_with(secret_file.as_ref());
    let store = ctx.store().await?;
    store.check_writable()?;
    let scopes = scopes(&args.scopes);

    let loopback = Loopback::bind(args.port, &ctx.redirect_path())
        .await
        .map_err(CliError::from)?;
    let auth = oauth.authorize(&scopes, &loopback.redirect_uri())?;
    let p = &ctx.printer;
    p.instruct(&format!(
        "Open this URL in a browser to connect your Gmail account:\n\n    {}\n",
        auth.url
    ));
    if !args.no_browser && !args.paste {
        // Off the async runtime, and not awaited: a browser command may only return once the
        // page loaded, which needs the listener below to run.
        let url = auth.url.to_string();
        let printer = *p;
        let opening = tokio::task::spawn_blocking(move || crate::browser::open(&url));
        tokio::spawn(async move {
            if !matches!(opening.await, Ok(Ok(()))) {
                printer.warn("could not open a browser; open the URL above yourself");
            }
        });
    }
    let paste = args.paste || prompt::stdin_is_terminal();
    let pasted = paste.then(read_lines);
    if paste {
        p.instruct(&format!(
            "Waiting for the browser (up to {}). If it runs on another machine, paste the URL it was redirected to here:",
            humantime::format_duration(args.timeout)
        ));
    } else {
        p.note(&format!(
            "Waiting for the browser (up to {})...",
            humantime::format_duration(args.timeout)
        ));
    }
    let callback = loopback.wait(&auth.state, args.timeout, pasted).await?;
    let tokens = oauth
        .exchange_code(ctx.http(), &callback.code, &auth)
        .await?;
    let connected = connect::finish(
        store,
        &oauth,
        ctx.http(),
        &location.secret_name,
        &scopes,
        tokens,
    )
    .await?;
    let b = &connected.bundle;
    if let Some(old) = &connected.switched_from {
        p.warn(&account_switch_warning(
            &location.secret_name,
            old,
            b.google_email.as_deref(),
        ));
    }
    if connected.kept_refresh_token {
        p.note("Google sent no new refresh token; kept the stored one");
    } else if b.refresh_token.is_none() {
        p.warn(
            "Google sent no refresh token, so the tokens cannot be refreshed after they expire; \
             remove paypulse's access at https://myaccount.google.com/permissions and connect again",
        );
    }
    let uploaded = match upload {
        Some((session, api_url)) => {
            Some(paypulse_api::store_tokens(ctx.http(), &session, &api_url, b).await?)
        }
        None => None,
    };
    if let Some(file) = &secret_file {
        remember_client(ctx, file);
    }
    p.data(&ConnectResult {
        user_id: location.user_id,
        google_email: b.google_email.clone(),
        google_user_id: b.google_user_id.clone(),
        scope: b.scope.clone(),
        expires_at: b.expires_at.map(format_timestamp),
        account_switch: connected.account_switch(),
        store: location.store,
        secret_name: location.secret_name,
        has_refresh_token: b.refresh_token.is_some(),
        uploaded,
    })
}

/// The client in `--client-secret-file` must be the configured one, if any: the client that
/// connects a grant is the only one that can refresh it, and later commands use the configured
/// one. Checked before the browser step.
fn check_same_client(
    ctx: &Context,
    file: &ClientSecretFile,
    path: &std::path::Path,
) -> Result<(), CliError> {
    let given = &file.client_id;
    let mismatch = |configured: &str, source: String, fix: String| {
        CliError::new(
            Code::ClientMismatch,
            format!(
                "{} holds the OAuth client {}, but {source} names the client {}",
                path.display(),
                clean(given),
                clean(configured)
            ),
        )
        .with_hint(format!(
            "a grant can be refreshed only by the client that connected it: {fix}"
        ))
    };
    // The client the options name (flag or variable), then the config file's: each must be
    // the file's.
    let options = ctx
        .settings
        .google
        .client_id
        .as_ref()
        .filter(|c| matches!(c.source, Source::Flag(_) | Source::Env(_)) && c.value != *given);
    if let Some(configured) = options {
        return Err(mismatch(
            &configured.value,
            format!(
                "{} (or --google-client-id)",
                EnvVars::PAYPULSE_GOOGLE_CLIENT_ID
            ),
            "unset it to connect with the file's client, or pass that client's file".into(),
        ));
    }
    if let Some(configured) = ctx
        .settings
        .config
        .google
        .client_id
        .as_deref()
        .filter(|c| !c.is_empty() && *c != given)
    {
        let config = ctx
            .settings
            .config_path
            .as_deref()
            .map_or_else(|| "the config file".into(), |p| p.display().to_string());
        return Err(mismatch(
            configured,
            format!("the config file {config} (`google.client_id`)"),
            format!(
                "pass that client's file (or none), or remove `client_id` and `client_secret` \
                 from the `[google]` table of {config} to switch clients (every user then reconnects)"
            ),
        ));
    }
    Ok(())
}

/// After a successful connect with `--client-secret-file`: the client is written into the
/// config file's `[google]` table (when none is configured there), so that `tokens refresh`,
/// `tokens check` and `fetch-invoices` work later without the file. One line says so. A
/// failure here is a warning: the tokens are stored.
fn remember_client(ctx: &Context, file: &ClientSecretFile) {
    let p = &ctx.printer;
    let by_hand = "set PAYPULSE_GOOGLE_CLIENT_ID and PAYPULSE_GOOGLE_CLIENT_SECRET for later \
                   commands, or pass --client-secret-file again";
    let Some(path) = ctx.settings.config_path.as_deref() else {
        p.warn(&format!(
            "no config file to remember the OAuth client in (neither XDG_CONFIG_HOME nor HOME is set); {by_hand}"
        ));
        return;
    };
    // The file's token endpoint, when it is not Google's and nothing else overrides it: the
    // refreshes must go where the grant came from.
    let token_url = file.token_uri.as_deref().filter(|u| {
        *u != paypulse_core::oauth::GOOGLE_TOKEN_URL
            && ctx.settings.google.token_url.source == Source::Default
    });
    let client = ClientToRemember {
        client_id: &file.client_id,
        client_secret: file.client_secret.as_deref(),
        token_url,
    };
    match config::remember_client(path, client) {
        Ok(Remembered::Client) => p.note(&format!(
            "Saved the OAuth client {} in {} ([google]); later commands use it without --client-secret-file",
            clean(&file.client_id),
            path.display()
        )),
        Ok(Remembered::Secret) => p.note(&format!(
            "Saved the OAuth client's secret in {} ([google] client_secret)",
            path.display()
        )),
        Ok(Remembered::AlreadyThere) => {}
        Err(e) => p.warn(&format!(
            "could not remember the OAuth client: {e}; {by_hand}"
        )),
    }
}

fn scopes(given: &[String]) -> Vec<String> {
    let mut out: Vec<String> = given
        .iter()
        .flat_map(|s| s.split_whitespace())
        .map(str::to_owned)
        .collect();
    if out.is_empty() {
        out = DEFAULT_SCOPES.iter().map(|s| s.to_string()).collect();
    }
    out.dedup();
    out
}

/// The logged-in session and the API to upload to; checked before the browser step.
async fn upload_target(
    _args: &ConnectGmailArgs,
    ctx: &Context,
) -> Result<(ApiLogin, String), CliError> {
    let session = ctx.api_login().await?.ok_or_else(|| {
        CliError::new(Code::NotLoggedIn, "--upload needs a PayPulse session")
            .with_hint("log in with `paypulse login`")
    })?;
    // The tokens go to the API the session was logged in to, and nowhere else: its JWT and
    // the user's Gmail tokens must not be sent to another server.
    let session_api = session.api_url.trim_end_matches('/').to_owned();
    if session_api.is_empty() {
        return Err(CliError::new(
            Code::NotLoggedIn,
            "the PayPulse session does not say which API it is for",
        )
        .with_hint("log in again with `paypulse login`"));
    }
    let asked = ctx.api_url();
    if let Some(asked) = asked
        && asked.trim_end_matches('/') != session_api
    {
        return Err(CliError::new(
            Code::ApiMismatch,
            format!(
                "--upload sends the tokens only to the API the session is for ({}), not to {}",
                clean(&session_api),
                clean(&asked)
            ),
        )
        .with_hint("log in to that API first with `paypulse login --api-url URL`"));
    }
    let api_url = session_api;
    Ok((session, api_url))
}

/// Lines typed or piped on stdin, for the paste fallback.
fn read_lines() -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel(4);
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            if tx.blocking_send(line).is_err() {
                break;
            }
        }
    });
    rx
}
