//! One file per command; `tokens/` is the group. Each parses its `Args`, calls the core through
//! the [`Context`] and prints its result through the [`Printer`](crate::output::Printer).

pub mod completions;
pub mod connect_gmail;
pub mod fetch_invoices;
pub mod invoices;
pub mod login;
pub mod logout;
pub mod man;
pub mod tokens;

use crate::cli::Command;
use crate::context::Context;
use crate::error::CliError;

pub async fn run(command: Command, ctx: &Context) -> Result<(), CliError> {
    match command {
        Command::Login(args) => login::run(&args, ctx).await,
        Command::Logout(args) => logout::run(&args, ctx).await,
        Command::ConnectGmail(args) => connect_gmail::run(&args, ctx).await,
        Command::FetchInvoices(args) => fetch_invoices::run(&args, ctx).await,
        Command::Invoices(args) => invoices::run(&args, ctx).await,
        Command::Tokens(cmd) => tokens::run(cmd, ctx).await,
        Command::Completions(args) => completions::run(&args),
        Command::Man(args) => man::run(&args),
    }
}
