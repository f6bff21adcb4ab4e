//! `google-sim`: runs the simulator until Ctrl-C (or, with `--control`, until stdin closes), for
//! demos and the benchmark (`benches/fetch-bench`).
//!
//! Usage: `google-sim [--port PORT] [bench options]`. Prints the base URL on stdout (one line),
//! then the endpoints and the default credentials on stderr.
//!
//! Bench options: `--messages N` one-PDF invoices (`--pdf-bytes B` each) from
//! `billing@bench.example`; `--latency-ms MS`, `--jitter-ms MS`; `--quota UNITS` per second
//! (`--burst UNITS`, default one second's worth; `--quota 0`: no quota); `--costs L,G,A` units
//! per list, get and attachment; `--bundle`: a token bundle of the default account on stdout
//! after the URL; `--control`: read commands from stdin (`stats`: one JSON line of counters on
//! stdout; `reset`: zero them) and stop when it closes.

use std::io::{BufRead, Write as _};
use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitCode;
use std::time::Duration;

use paypulse_google_sim as sim;

#[derive(Default)]
struct Options {
    port: u16,
    messages: usize,
    pdf_bytes: usize,
    latency_ms: u64,
    jitter_ms: u64,
    quota: Option<u32>,
    burst: Option<u32>,
    costs: Option<(u32, u32, u32)>,
    bundle: bool,
    control: bool,
}

fn main() -> ExitCode {
    let opts = match parse(std::env::args().skip(1)) {
        Ok(o) => o,
        Err(message) => {
            eprintln!(
                "google-sim: {message}\nusage: google-sim [--port PORT] [--messages N] [--pdf-bytes B] \
                 [--latency-ms MS] [--jitter-ms MS] [--quota UNITS] [--burst UNITS] [--costs L,G,A] \
                 [--bundle] [--control]"
            );
            return ExitCode::from(2);
        }
    };
    let simulator =
        match sim::Simulator::start_on(SocketAddr::from((Ipv4Addr::LOCALHOST, opts.port))) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("google-sim: cannot start: {e}");
                return ExitCode::FAILURE;
            }
        };
    configure(&simulator, &opts);

    println!("{}", simulator.base_url());
    if opts.bundle {
        println!("{}", bundle(&simulator));
    }
    let _ = std::io::stdout().flush();
    eprintln!(
        "PAYPULSE_GOOGLE_AUTH_URL={}\nPAYPULSE_GOOGLE_TOKEN_URL={}\nPAYPULSE_GOOGLE_REVOKE_URL={}\n\
         PAYPULSE_GOOGLE_USERINFO_URL={}\nPAYPULSE_GOOGLE_TOKENINFO_URL={}\nPAYPULSE_API_URL={}\nPAYPULSE_GMAIL_API_URL={}\n\
         PAYPULSE_GOOGLE_CLIENT_ID={}\n\
         PayPulse login: {} (password: {:?})",
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

    if opts.control {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            match line.trim() {
                "stats" => {
                    let requests = simulator.gmail_requests();
                    let count = |f: &dyn Fn(&str) -> bool| requests.iter().filter(|r| f(r)).count();
                    let stats = serde_json::json!({
                        "requests": requests.len(),
                        "lists": count(&|r| r.contains("/messages?") || r.ends_with("/messages")),
                        "gets": count(&|r| r.contains("/messages/") && !r.contains("/attachments/")),
                        "attachments": count(&|r| r.contains("/attachments/")),
                        "quota_rejections": simulator.quota_rejections(),
                        "units": simulator.gmail_units_charged(),
                    });
                    println!("{stats}");
                    let _ = std::io::stdout().flush();
                }
                "reset" => simulator.reset_gmail_counters(),
                "" => {}
                other => eprintln!("google-sim: unknown command {other:?}"),
            }
        }
        drop(simulator);
        return ExitCode::SUCCESS;
    }
    eprintln!("Press Ctrl-C to stop.");
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

fn configure(s: &sim::Simulator, o: &Options) {
    s.set_gmail_latency(Duration::from_millis(o.latency_ms));
    s.set_gmail_latency_jitter(Duration::from_millis(o.jitter_ms));
    if let Some((list, get, attachment)) = o.costs {
        s.set_gmail_costs(sim::GmailCosts {
            list,
            get,
            attachment,
            ..sim::GmailCosts::default()
        });
    }
    match o.quota {
        Some(0) => s.set_gmail_quota(u32::MAX / 4, u32::MAX / 4),
        Some(q) => s.set_gmail_quota(q, o.burst.unwrap_or(q)),
        None => {}
    }
    for n in 0..o.messages {
        let mut pdf = format!("%PDF-1.4\n% bench invoice {n}\n").into_bytes();
        pdf.resize(o.pdf_bytes.max(pdf.len()), b'.');
        let raw = mail_builder::MessageBuilder::new()
            .from(("Bench AB", "billing@bench.example"))
            .to(sim::DEFAULT_GOOGLE_EMAIL)
            .subject(format!("Faktura {n}"))
            .date(1_764_000_000 + n as i64 * 60)
            .text_body("Se bifogad faktura.")
            .attachment("application/pdf", format!("faktura_{n}.pdf"), pdf)
            .write_to_vec()
            .expect("a message builds");
        s.add_message(raw, &["INBOX"]);
    }
}

/// A bundle for `PAYPULSE_TOKEN_BUNDLE`: a fresh grant of the default account.
fn bundle(s: &sim::Simulator) -> String {
    let g = s.issue_grant(
        sim::DEFAULT_PUBLIC_CLIENT_ID,
        sim::DEFAULT_GOOGLE_USER_ID,
        "openid https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/gmail.readonly",
        3600,
    );
    serde_json::json!({
        "access_token": g.access_token,
        "refresh_token": g.refresh_token,
        "expires_in": 3600,
        "scope": g.scope,
        "token_type": "Bearer",
        "google_user_id": sim::DEFAULT_GOOGLE_USER_ID,
        "google_email": sim::DEFAULT_GOOGLE_EMAIL,
    })
    .to_string()
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut o = Options {
        pdf_bytes: 30_000,
        ..Options::default()
    };
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) => (n.to_owned(), Some(v.to_owned())),
            None => (arg.clone(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or(format!("{name} needs a value"))
        };
        let number = |v: String| {
            v.parse::<u64>()
                .map_err(|_| format!("invalid number {v:?} for {name}"))
        };
        let narrow = |n: u64| u32::try_from(n).map_err(|_| format!("{name} is too large"));
        match name.as_str() {
            "--port" => {
                o.port = u16::try_from(number(value()?)?).map_err(|_| "invalid port".to_owned())?;
            }
            "--messages" => o.messages = number(value()?)? as usize,
            "--pdf-bytes" => o.pdf_bytes = number(value()?)? as usize,
            "--latency-ms" => o.latency_ms = number(value()?)?,
            "--jitter-ms" => o.jitter_ms = number(value()?)?,
            "--quota" => o.quota = Some(narrow(number(value()?)?)?),
            "--burst" => o.burst = Some(narrow(number(value()?)?)?),
            "--costs" => {
                let v = value()?;
                let parts: Vec<u32> = v
                    .split(',')
                    .map(|p| p.trim().parse::<u32>())
                    .collect::<Result<_, _>>()
                    .map_err(|_| format!("invalid --costs {v:?} (want L,G,A)"))?;
                let [l, g, a] = parts[..] else {
                    return Err(format!("invalid --costs {v:?} (want L,G,A)"));
                };
                o.costs = Some((l, g, a));
            }
            "--bundle" => o.bundle = true,
            "--control" => o.control = true,
            _ => return Err(format!("unexpected argument {arg:?}")),
        }
    }
    Ok(o)
}
