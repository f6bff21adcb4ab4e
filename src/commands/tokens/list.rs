use std::fmt;

use clap::Args;
use paypulse_core::ids::{SecretName, UserId};
use paypulse_core::store::StoreKind;
use serde::Serialize;

use crate::context::Context;
use crate::error::CliError;

#[derive(Debug, Args)]
pub struct ListArgs {}

#[derive(Serialize)]
struct Entry {
    user_id: UserId,
    secret_name: SecretName,
}

#[derive(Serialize)]
struct ListResult {
    store: StoreKind,
    users: Vec<Entry>,
}

impl fmt::Display for ListResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.users {
            writeln!(f, "{}\t{}", e.user_id, e.secret_name)?;
        }
        Ok(())
    }
}

pub async fn run(_args: &ListArgs, ctx: &Context) -> Result<(), CliError> {
    let prefix = ctx.secret_prefix()?;
    let vault = ctx.store().await?;
    let users = vault.list_users(&prefix).await?;
    if users.is_empty() {
        ctx.printer
            .note(&format!("no token bundles in the {} store", vault.kind()));
    }
    let users = users
        .into_iter()
        .map(|u| Entry {
            secret_name: SecretName::for_user(&prefix, &u),
            user_id: u,
        })
        .collect();
    ctx.printer.data(&ListResult {
        store: vault.kind(),
        users,
    })
}
