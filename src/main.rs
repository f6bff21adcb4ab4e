//! `paypulse`: parse → context → command → printer → exit code.

mod browser;
mod cli;
mod commands;
mod context;
mod error;
mod output;
mod prompt;
mod table;
mod views;

use clap::Parser;
use paypulse_core::invoice;

use crate::cli::Cli;
use crate::context::Context;
use crate::error::CliError;
use crate::output::Printer;

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
    unset_empty_variables();
    std::process::exit(run());
}

/// An empty `PAYPULSE_*` variable counts as unset (as `FOO= paypulse ...` users expect), for
/// clap's `env` arguments as much as for the variables read directly.
fn unset_empty_variables() {
    let empty: Vec<_> = std::env::vars_os()
        .filter(|(k, v)| v.is_empty() && k.to_string_lossy().starts_with("PAYPULSE_"))
        .map(|(k, _)| k)
        .collect();
    for k in empty {
        // SAFETY: called first thing in `main`, before any other thread exists.
        unsafe { std::env::remove_var(k) };
    }
}

fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
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
    let ctx = match Context::load(cli.global.clone(), printer) {
        Ok(ctx) => ctx,
        Err(e) => {
            printer.error(&e);
            return e.exit_code();
        }
    };
    init_logging(&cli, ctx.config.log.as_deref());
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

/// Logs go to stderr. -q: errors; -v: info, -vv: debug, -vvv: trace (of paypulse's own
/// crates); without them `PAYPULSE_LOG` (a tracing filter), else the config's `log`, else
/// warnings.
fn init_logging(cli: &Cli, config_filter: Option<&str>) {
    use tracing_subscriber::EnvFilter;
    let flag = match (cli.global.quiet, cli.global.verbose) {
        (true, _) => Some("error"),
        (_, 0) => None,
        (_, 1) => Some("warn,paypulse=info,paypulse_core=info"),
        (_, 2) => Some("warn,paypulse=debug,paypulse_core=debug"),
        _ => Some("info,paypulse=trace,paypulse_core=trace"),
    };
    let env = std::env::var("PAYPULSE_LOG").ok().filter(|v| !v.is_empty());
    let chosen = flag
        .map(str::to_owned)
        .or(env)
        .or(config_filter.map(str::to_owned))
        .unwrap_or_else(|| "warn".into());
    let filter = EnvFilter::try_new(&chosen).unwrap_or_else(|_| EnvFilter::new("warn"));
    let ansi = output::stderr_has_color();
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(ansi)
        .without_time()
        .try_init();
}
