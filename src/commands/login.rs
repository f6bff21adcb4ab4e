use std::fmt;

use clap::Args;
use paypulse_core::paypulse_api::{self, login_secret_name};
use serde::Serialize;

use crate::context::Context;
use crate::error::CliError;
use crate::output::clean;
use crate::prompt;

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Your PayPulse account's email address (asked for on a terminal when missing)
    #[arg(long, value_name = "EMAIL")]
    pub email: Option<String>,

    /// Read the password from the first line of stdin instead of a prompt
    #[arg(long)]
    pub password_stdin: bool,
}

#[derive(Serialize)]
struct LoggedIn {
    user_id: String,
    email: String,
    api_url: String,
    expires_at: Option<String>,
    store: &'static str,
}

impl fmt::Display for LoggedIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Logged in to {} as {} ({})",
            self.api_url,
            clean(&self.email),
            self.user_id
        )
    }
}

pub async fn run(args: &LoginArgs, ctx: &Context) -> Result<(), CliError> {
    let api_url = ctx.api_url().ok_or_else(|| {
        CliError::usage("no PayPulse API URL").with_hint(
            "pass `--api-url URL`, set PAYPULSE_API_URL, or put `api_url` in the config file",
        )
    })?;
    let interactive = prompt::stdin_is_terminal();
    let email = match &args.email {
        Some(e) => e.clone(),
        None if interactive => prompt::ask("Email")?,
        None => {
            return Err(CliError::usage(
                "--email is required when stdin is not a terminal",
            ));
        }
    };
    if email.is_empty() {
        return Err(CliError::usage("the email address is empty"));
    }
    let password = if args.password_stdin {
        let text = prompt::read_stdin(4096)?;
        paypulse_core::SecretString::from(text.lines().next().unwrap_or("").to_owned())
    } else if interactive {
        prompt::password("Password")?
    } else {
        return Err(
            CliError::usage("cannot prompt for a password: stdin is not a terminal")
                .with_hint("pipe it in with `--password-stdin`"),
        );
    };
    let store = ctx.login_store().await?;
    let session = paypulse_api::login(ctx.http(), &api_url, &email, &password).await?;
    store
        .write_raw(&login_secret_name(), &session.to_json())
        .await?;
    ctx.printer.data(&LoggedIn {
        user_id: session.user_id.to_string(),
        email: session.email.clone(),
        api_url: session.api_url.clone(),
        expires_at: session.expires_at.map(|t| t.to_rfc3339()),
        store: store.kind().as_str(),
    })
}
