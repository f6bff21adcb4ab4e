use std::fmt;

use clap::Args;
use paypulse_core::paypulse_api::login_secret_name;
use serde::Serialize;

use crate::context::Context;
use crate::error::CliError;

#[derive(Debug, Args)]
pub struct LogoutArgs {}

#[derive(Serialize)]
struct LoggedOut {
    logged_out: bool,
}

impl fmt::Display for LoggedOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.logged_out {
            "Logged out"
        } else {
            "Not logged in"
        })
    }
}

pub async fn run(_args: &LogoutArgs, ctx: &Context) -> Result<(), CliError> {
    let store = ctx.login_store().await?;
    let logged_out = store.delete(&login_secret_name()).await?;
    ctx.printer.data(&LoggedOut { logged_out })
}
