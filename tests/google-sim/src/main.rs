//! `google-sim`: runs the simulator until Ctrl-C, for demos.
//!
//! Usage: `google-sim [--port PORT]`. Prints the base URL on stdout (one line), then the
//! endpoints and the default credentials on stderr.

use std::io::Write as _;
use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitCode;

use paypulse_google_sim as sim;

fn main() -> ExitCode {
    let port = match parse_port(std::env::args().skip(1)) {
        Ok(port) => port,
        Err(message) => {
            eprintln!("google-sim: {message}\nusage: google-sim [--port PORT]");
            return ExitCode::from(2);
        }
    };
    let simulator = match sim::Simulator::start_on(SocketAddr::from((Ipv4Addr::LOCALHOST, port))) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("google-sim: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };

    println!("{}", simulator.base_url());
    let _ = std::io::stdout().flush();
    eprintln!(
        "PAYPULSE_GOOGLE_AUTH_URL={}\nPAYPULSE_GOOGLE_TOKEN_URL={}\nPAYPULSE_GOOGLE_REVOKE_URL={}\n\
         PAYPULSE_GOOGLE_USERINFO_URL={}\nPAYPULSE_GOOGLE_TOKENINFO_URL={}\nPAYPULSE_API_URL={}\nPAYPULSE_GMAIL_API_URL={}\n\
         PAYPULSE_GOOGLE_CLIENT_ID={}\n\
         PayPulse login: {} (password: {:?})\nPress Ctrl-C to stop.",
        simulator.auth_url(),
        simulator.token_url(),
        simulator.revoke_url(),
        simulator.userinfo_url(),
        simulator.tokeninfo_url(),
        simulator.api_url(),
        simulator.gmail_url(),
        sim::DEFAULT_PUBLIC_CLIENT_ID,
        sim::DEFAULT_PAYPULSE_EMAIL,
        sim::DEFAULT_PAYPULSE_PASSWORD,
    );

    let waited = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .and_then(|rt| rt.block_on(tokio::signal::ctrl_c()));
    if let Err(e) = waited {
        eprintln!("google-sim: cannot wait for Ctrl-C: {e}");
        return ExitCode::FAILURE;
    }
    drop(simulator);
    ExitCode::SUCCESS
}

/// `--port PORT` or `--port=PORT`; 0 (OS-chosen) when absent.
fn parse_port(mut args: impl Iterator<Item = String>) -> Result<u16, String> {
    let mut port = 0;
    while let Some(arg) = args.next() {
        let value = if arg == "--port" {
            args.next().ok_or("--port needs a value")?
        } else if let Some(v) = arg.strip_prefix("--port=") {
            v.to_owned()
        } else {
            return Err(format!("unexpected argument {arg:?}"));
        };
        port = value
            .parse()
            .map_err(|_| format!("invalid port {value:?}"))?;
    }
    Ok(port)
}
