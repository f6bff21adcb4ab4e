//! `paypulse`: parse → context → command → printer → exit code.

mod cli;
mod commands;
mod context;
mod error;
mod output;
mod prompt;

use clap::Parser;

use crate::cli::Cli;
use crate::context::Context;
use crate::error::CliError;
use crate::output::Printer;

fn main() {
    std::process::exit(run());
}

fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version go to stdout and exit 0; usage errors exit 2.
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    let printer = Printer::new(cli.global.json, cli.global.quiet);
    init_logging(&cli);
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
        let ctx = Context::load(cli.global.clone(), printer)?;
        tokio::select! {
            r = commands::run(cli.command, &ctx) => r,
            _ = tokio::signal::ctrl_c() => Err(CliError::interrupted()),
        }
    });
    // Never dropped: dropping waits for the blocking pool, where a timed-out store call may
    // still hang.
    std::mem::forget(runtime);
    match result {
        Ok(()) => 0,
        Err(e) => {
            printer.error(&e);
            e.exit_code()
        }
    }
}

/// Logs go to stderr. `PAYPULSE_LOG` (a tracing filter) wins; else -q: errors, default:
/// warnings, -v: info, -vv: debug, -vvv: trace (of paypulse's own crates).
fn init_logging(cli: &Cli) {
    use tracing_subscriber::EnvFilter;
    let filter = match std::env::var("PAYPULSE_LOG").ok().filter(|v| !v.is_empty()) {
        Some(f) => EnvFilter::try_new(f).unwrap_or_else(|_| EnvFilter::new("warn")),
        None => EnvFilter::new(match (cli.global.quiet, cli.global.verbose) {
            (true, _) => "error",
            (_, 0) => "warn",
            (_, 1) => "warn,paypulse=info,paypulse_core=info",
            (_, 2) => "warn,paypulse=debug,paypulse_core=debug",
            _ => "info,paypulse=trace,paypulse_core=trace",
        }),
    };
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr())
        && std::env::var_os("NO_COLOR").is_none();
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(ansi)
        .without_time()
        .try_init();
}
