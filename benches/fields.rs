//! `cargo bench --bench fields`: what isolating the field reader costs per document.
//!
//! Reads the fields of every document of the labelled corpus (`tests/corpus/docs`: PDFs, HTML,
//! text) `BENCH_ROUNDS` times (default 5), three ways, in one run:
//! - in process (no isolation: the floor),
//! - through worker processes (`paypulse __paypulse-field-worker`, reused by the pool, under the
//!   limits `fetch-invoices` uses), one document at a time,
//! - through the worker pool at its size (several documents at once, as a harvest does).
//!
//! Prints the mean time per document for each, the worker's cost per document (worker minus in
//! process) and the ratio. Run it on a release build for figures that mean anything:
//! `cargo bench --bench fields` builds the binary with the bench profile.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use futures_util::stream::{self, StreamExt};
use paypulse_core::invoice::{Budget, FieldReader, Limits};

fn docs() -> Vec<(PathBuf, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/docs");
    let mut out: Vec<(PathBuf, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter_map(|p| {
            let mime = match p.extension()?.to_str()? {
                "pdf" => "application/pdf",
                "html" => "text/html",
                "txt" => "text/plain",
                _ => return None,
            };
            Some((p, mime.to_owned()))
        })
        .collect();
    out.sort();
    out
}

async fn one_at_a_time(
    reader: &FieldReader,
    docs: &[(PathBuf, String)],
    rounds: usize,
) -> Duration {
    let started = Instant::now();
    for _ in 0..rounds {
        for (p, mime) in docs {
            let _ = reader.read(p, mime, Some("Bench AB <b@example.com>")).await;
        }
    }
    started.elapsed()
}

async fn pooled(reader: &FieldReader, docs: &[(PathBuf, String)], rounds: usize) -> Duration {
    let started = Instant::now();
    let all: Vec<_> = (0..rounds).flat_map(|_| docs.iter()).collect();
    stream::iter(all)
        .map(|(p, mime)| async move { reader.read(p, mime, None).await })
        .buffer_unordered(64)
        .for_each(|_| async {})
        .await;
    started.elapsed()
}

fn main() {
    let rounds: usize = std::env::var("BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let docs = docs();
    let n = (docs.len() * rounds) as f64;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let exe = PathBuf::from(env!("CARGO_BIN_EXE_paypulse"));
    let worker = FieldReader::worker(exe, Budget::default(), Limits::default());
    let local = FieldReader::in_process(Budget::default());
    rt.block_on(async {
        // Warm the page cache and the binary.
        one_at_a_time(&worker, &docs, 1).await;
        let t_local = one_at_a_time(&local, &docs, rounds).await;
        let t_worker = one_at_a_time(&worker, &docs, rounds).await;
        let t_local_pool = pooled(&local, &docs, rounds).await;
        let t_worker_pool = pooled(&worker, &docs, rounds).await;
        let ms = |d: Duration| d.as_secs_f64() * 1000.0 / n;
        println!(
            "{} documents x {rounds} rounds ({} cores)",
            docs.len(),
            std::thread::available_parallelism().map_or(1, |c| c.get())
        );
        println!("| mode | in process ms/doc | worker ms/doc | worker cost ms/doc | ratio |");
        println!("|---|---|---|---|---|");
        for (mode, l, w) in [
            ("one at a time", t_local, t_worker),
            ("pool", t_local_pool, t_worker_pool),
        ] {
            println!(
                "| {mode} | {:.2} | {:.2} | {:.2} | {:.2} |",
                ms(l),
                ms(w),
                ms(w) - ms(l),
                w.as_secs_f64() / l.as_secs_f64()
            );
        }
    });
}
