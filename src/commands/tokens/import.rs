use std::fmt;

use clap::Args;
use paypulse_core::bundle::TokenBundle;
use serde::Serialize;

use crate::context::Context;
use crate::error::CliError;
use crate::output::clean;
use crate::prompt;
use crate::views::{BundleView, Location, account_switch_warning};

#[derive(Debug, Args)]
pub struct ImportArgs {}

#[derive(Serialize)]
struct ImportResult {
    #[serde(flatten)]
    location: Location,
    /// A bundle was stored before and was replaced.
    replaced: bool,
    /// The replaced bundle belonged to another Google account.
    account_switch: bool,
    #[serde(flatten)]
    bundle: BundleView,
}

impl fmt::Display for ImportResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let who = self
            .bundle
            .google_email
            .as_deref()
            .map(clean)
            .unwrap_or_else(|| "an unknown account".into());
        let verb = if self.replaced { "Replaced" } else { "Stored" };
        write!(
            f,
            "{verb} the token bundle of {who} as {} in the {} store (status: {})",
            self.location.secret_name, self.location.store, self.bundle.status
        )
    }
}

/// A bundle is a few hundred bytes; anything near this is not one.
const MAX_BUNDLE: u64 = 64 * 1024;

pub async fn run(_args: &ImportArgs, ctx: &Context) -> Result<(), CliError> {
    let location = ctx.location().await?;
    if prompt::stdin_is_terminal() {
        ctx.printer
            .note("Paste the bundle JSON, then press Ctrl-D:");
    }
    let text = prompt::read_stdin(MAX_BUNDLE)?;
    let bundle = TokenBundle::from_json(&text).map_err(|e| {
        CliError::usage(format!("stdin: {e}"))
            .with_hint("pipe in a token bundle: a JSON object with at least `access_token`")
    })?;
    let had_refresh_token = bundle.refresh_token.is_some();
    let stored = ctx
        .store()
        .await?
        .replace(&location.secret_name, bundle)
        .await?;
    let switched_from = stored.switched_from();
    if let Some(old) = &switched_from {
        ctx.printer.warn(&account_switch_warning(
            &location.secret_name,
            old,
            stored.bundle.google_email.as_deref(),
        ));
    }
    if stored.kept_refresh_token {
        ctx.printer
            .note("the bundle has no refresh token; kept the stored one of the same account");
    } else if !had_refresh_token {
        ctx.printer.warn(
            "the bundle has no refresh token: it cannot be refreshed once the access token expires",
        );
    }
    ctx.printer.data(&ImportResult {
        location,
        replaced: stored.previous.is_some(),
        account_switch: switched_from.is_some(),
        bundle: BundleView::new(&stored.bundle, false),
    })
}
