//! `cargo bench --bench fetch`: measures `fetch-invoices` against the Google simulator and
//! prints ratios measured in one run (these machines are noisy; absolute numbers are not goals).
//!
//! 1. Memory stays flat: peak RSS of the real binary fetching one 4 MiB attachment, then one
//!    64 MiB attachment. Goal: the ratio stays near 1 (streamed, never held whole).
//! 2. Concurrency pays: wall time with --concurrency 1 and 8 against 40 ms of latency per
//!    request. Goal: a ratio well above 1.
//! 3. Pacing is safe and cheap: with the simulator's quota at 100 units/s, the client at
//!    100 units/s provokes no 429 and stays within ~1.6x of the server's lower bound (it keeps
//!    a 10% rate margin and half a second of burst). The default quota (250 units/s) also caps
//!    the speed-up of step 2.
//!
//! Linux only (reads /proc for the peak RSS).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use mail_builder::MessageBuilder;
use paypulse_google_sim::{DEFAULT_GOOGLE_USER_ID, DEFAULT_PUBLIC_CLIENT_ID, Simulator};

struct Run {
    wall: Duration,
    peak_rss_kib: u64,
    stdout: String,
}

fn bundle(sim: &Simulator) -> String {
    let g = sim.issue_grant(
        DEFAULT_PUBLIC_CLIENT_ID,
        DEFAULT_GOOGLE_USER_ID,
        "openid https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/gmail.readonly",
        3600,
    );
    let exp = (chrono::Utc::now() + chrono::TimeDelta::hours(1)).naive_utc();
    serde_json::json!({
        "access_token": g.access_token, "refresh_token": g.refresh_token,
        "expires_at": exp.format("%Y-%m-%dT%H:%M:%S%.6f").to_string(),
        "google_user_id": DEFAULT_GOOGLE_USER_ID,
    })
    .to_string()
}

fn fetch(sim: &Simulator, out: &Path, args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_paypulse"))
        .env_clear()
        .env("PAYPULSE_STORE", "env")
        .env("PAYPULSE_USER", "user_bench")
        .env("PAYPULSE_TOKEN_BUNDLE", bundle(sim))
        .env("PAYPULSE_GOOGLE_CLIENT_ID", DEFAULT_PUBLIC_CLIENT_ID)
        .env("PAYPULSE_GOOGLE_TOKEN_URL", sim.token_url())
        .env("PAYPULSE_GMAIL_API_URL", sim.gmail_url())
        .args(["fetch-invoices", "--json", "--out"])
        .arg(out)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("paypulse runs");
    let started = Instant::now();
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Ok(text) = std::fs::read_to_string(&status_path)
            && let Some(kib) = text
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<u64>().ok())
        {
            peak = peak.max(kib);
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let wall = started.elapsed();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "fetch failed");
    Run {
        wall,
        peak_rss_kib: peak,
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
    }
}

fn invoice(sim: &Simulator, n: usize, pdf_bytes: usize) {
    let mut pdf = b"%PDF-1.7\n".to_vec();
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15 ^ n as u64;
    while pdf.len() < pdf_bytes {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        pdf.extend_from_slice(&x.to_le_bytes());
    }
    let raw = MessageBuilder::new()
        .from(("Bench AB", "billing@bench.example"))
        .to("alice@example.com")
        .subject(format!("Faktura {n}"))
        .date(1_764_000_000 + n as i64 * 60)
        .text_body("Se bifogad faktura.")
        .attachment("application/pdf", format!("faktura_{n}.pdf"), pdf)
        .write_to_vec()
        .unwrap();
    sim.add_message(raw, &["INBOX"]);
}

fn main() {
    let tmp = tempfile::tempdir().unwrap();

    // 1. Memory: one large attachment, small then big.
    let mut peaks = Vec::new();
    for (i, mib) in [4usize, 64].into_iter().enumerate() {
        let sim = Simulator::start();
        invoice(&sim, 9000 + i, mib << 20);
        let run = fetch(
            &sim,
            &tmp.path().join(format!("mem{i}")),
            &["--query", "subject:faktura from:bench.example"],
        );
        assert!(run.stdout.contains("\"saved\": 1"), "{}", run.stdout);
        println!(
            "memory: {mib:>3} MiB attachment: peak RSS {:>7} KiB, {:?}",
            run.peak_rss_kib, run.wall
        );
        peaks.push(run.peak_rss_kib as f64);
    }
    println!(
        "memory: peak RSS ratio 64 MiB / 4 MiB attachment = {:.2} (flat ≈ 1; held whole would be ≈ 10+)",
        peaks[1] / peaks[0]
    );

    // 2. Concurrency against latency.
    let sim = Simulator::start();
    for n in 0..24 {
        invoice(&sim, n, 64 << 10);
    }
    sim.set_gmail_latency(Duration::from_millis(40));
    let q = ["--query", "from:bench.example"];
    let one = fetch(
        &sim,
        &tmp.path().join("c1"),
        &[&q[..], &["--concurrency", "1"]].concat(),
    );
    let eight = fetch(
        &sim,
        &tmp.path().join("c8"),
        &[&q[..], &["--concurrency", "8"]].concat(),
    );
    println!(
        "concurrency: 24 messages at 40 ms/request: --concurrency 1 {:?}, 8 {:?}: speed-up {:.1}x",
        one.wall,
        eight.wall,
        one.wall.as_secs_f64() / eight.wall.as_secs_f64()
    );

    // 3. Pacing under a small quota: 24 messages = 1 getProfile + 1 list + 24 gets (one
    // `format=raw` each, no attachments.get) = 126 units.
    sim.set_gmail_latency(Duration::ZERO);
    sim.set_gmail_quota(100, 100);
    let before = sim.quota_rejections();
    let paced = fetch(
        &sim,
        &tmp.path().join("q"),
        &[&q[..], &["--concurrency", "8", "--quota", "100"]].concat(),
    );
    let bound = (126.0 - 100.0) / 100.0; // the burst is free, the rest at 100 units/s
    println!(
        "pacing: 126 units at a 100 units/s quota: {:?} (lower bound {bound:.2}s, ratio {:.2}), 429s provoked: {}",
        paced.wall,
        paced.wall.as_secs_f64() / bound,
        sim.quota_rejections() - before
    );
}
