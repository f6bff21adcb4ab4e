//! `paypulse tokens access-token`: a fresh access token on stdout and nothing else, for scripts
//! and CI (`curl -H "Authorization: Bearer $(paypulse tokens access-token)" ...`), as `gh auth
//! token` and `gcloud auth print-access-token` do. The one command, with `tokens show --reveal`,
//! that prints a secret: it goes to stdout only, never to a log.

use std::fmt;

use chrono::NaiveDateTime;
use clap::Args;
use paypulse_core::bundle::{TokenBundle, format_timestamp};
use paypulse_core::{ExposeSecret, SecretString};
use serde::Serialize;
use serde::ser::SerializeMap;

use crate::context::Context;
use crate::error::CliError;

#[derive(Debug, Args)]
pub struct AccessTokenArgs {
    /// Refresh a token whose expiry is unknown too (a bundle without `expires_at` is otherwise
    /// printed as stored, as the backend uses it)
    #[arg(long)]
    pub force: bool,
}

/// The token and what a caller needs to use it. Printed as the bare token, or with `--json` as
/// `{"access_token", "expires_at", "scope", "token_type"}`.
struct AccessToken {
    access_token: SecretString,
    expires_at: Option<NaiveDateTime>,
    scope: Option<String>,
    token_type: String,
}

impl From<TokenBundle> for AccessToken {
    fn from(b: TokenBundle) -> AccessToken {
        AccessToken {
            access_token: b.access_token,
            expires_at: b.expires_at,
            scope: b.scope,
            token_type: b.token_type.unwrap_or_else(|| "Bearer".into()),
        }
    }
}

impl fmt::Display for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.access_token.expose_secret())
    }
}

impl Serialize for AccessToken {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(4))?;
        map.serialize_entry("access_token", self.access_token.expose_secret())?;
        map.serialize_entry("expires_at", &self.expires_at.map(format_timestamp))?;
        map.serialize_entry("scope", &self.scope)?;
        map.serialize_entry("token_type", &self.token_type)?;
        map.end()
    }
}

pub async fn run(args: &AccessTokenArgs, ctx: &Context) -> Result<(), CliError> {
    let location = ctx.location().await?;
    let service = ctx.tokens().await?;
    let bundle = service.fresh(&location.secret_name, args.force).await?;
    ctx.printer.data(&AccessToken::from(bundle))
}
