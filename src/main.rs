//! `paypulse`: parse → context → command → printer → exit code.

mod browser;
mod cli;
mod commands;
mod context;
mod env_vars;
mod error;
mod output;
mod prompt;
mod settings;
mod table;
mod views;

use clap::{CommandFactory, FromArgMatches};
use paypulse_core::invoice;

use crate::cli::Cli;
use crate::context::Context;
use crate::error::CliError;
use crate::output::Printer;
use crate::settings::{FromEnv, Settings};

fn main() {
    // Before anything else: this process holds secrets, so it never dumps core.
    paypulse_core::hardening::harden_process();
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == invoice::WORKER_ARG)
    {
        // The isolated field reader (started by the fetch pipeline and `invoices --reparse`
        // under hard limits): one document on stdin, its fields as JSON on stdout.
        std::process::exit(invoice::serve(
            std::io::stdin().lock(),
            std::io::stdout().lock(),
        ));
    }
    // SAFETY: first thing in `main`, before any other thread exists.
    unsafe { env_vars::clear_empty() };
    std::process::exit(run());
}

fn run() -> i32 {
    let parsed = Cli::command()
        .try_get_matches()
        .and_then(|m| Ok((Cli::from_arg_matches(&m)?, FromEnv::of(&m))));
    let (cli, from_env) = match parsed {
        Ok(parsed) => parsed,
        Err(e) => {
            // --help and --version go to stdout and exit 0; usage errors exit 2 (as JSON on
            // stderr under --json).
            if !e.use_stderr() {
                let _ = e.print();
                return 0;
            }
            if std::env::args()
                .skip(1)
                .take_while(|a| a != "--")
                .any(|a| a == "--json")
            {
                let rendered = e.render().to_string();
                let message = rendered.lines().next().unwrap_or("usage error");
                let message = message.strip_prefix("error: ").unwrap_or(message);
                Printer::new(true, false)
                    .error(&CliError::usage(message).with_hint("see `paypulse --help`"));
            } else {
                let _ = e.print();
            }
            return 2;
        }
    };
    let printer = Printer::new(cli.global.json, cli.global.quiet);
    let settings = match Settings::resolve(&cli.global, &from_env, &settings::process_env) {
        Ok(settings) => settings,
        Err(e) => {
            let e = CliError::from(e);
            printer.error(&e);
            return e.exit_code();
        }
    };
    init_logging(&settings.log.value);
    settings.log_sources();
    let ctx = Context::new(settings, printer);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            printer.error(&CliError::io("cannot start the async runtime", e));
            return 1;
        }
    };
    let result = runtime.block_on(async {
        // The first Ctrl-C cancels (a command that handles it stops cleanly); a second one
        // ends the process at once.
        let cancel = ctx.cancel.clone();
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                cancel.cancel();
                if tokio::signal::ctrl_c().await.is_ok() {
                    std::process::exit(130);
                }
            }
        });
        let cut_off = !cli.command.handles_interrupt();
        tokio::select! {
            r = commands::run(cli.command, &ctx) => r,
            _ = ctx.cancel.cancelled(), if cut_off => Err(CliError::interrupted()),
        }
    });
    // Store work that outlived its caller (a write still holding its lock, the undoing of a
    // write that failed part-way) ends first, within one more store timeout.
    runtime.block_on(paypulse_core::store::settle(ctx.store_timeout()));
    // Not dropped: dropping waits for the blocking pool, where a timed-out store call may
    // still hang.
    runtime.shutdown_background();
    match result {
        Ok(()) => 0,
        Err(e) => {
            printer.error(&e);
            e.exit_code()
        }
    }
}

/// Logs go to stderr, filtered by the resolved `log` setting (-q, -v, `PAYPULSE_LOG`, the
/// config's `log`, else warnings); a filter that does not parse means warnings.
fn init_logging(filter: &str) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_new(filter).unwrap_or_else(|_| EnvFilter::new("warn"));
    let ansi = output::stderr_has_color();
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(ansi)
        .without_time()
        .try_init();
}
