//! The benchmark's smoke version (50 messages, `benches/fetch-bench --smoke`), so that the
//! benchmark script does not rot. It asserts behaviour (every invoice saved, a re-run without
//! `messages.get`/`attachments.get`), never timings.

use std::path::Path;
use std::process::Command;

#[test]
fn the_fetch_benchmark_runs_on_fifty_messages() {
    let paypulse = Path::new(env!("CARGO_BIN_EXE_paypulse"));
    // `cargo test --workspace` builds the simulator's binary (its package has integration tests).
    let sim = paypulse.with_file_name("google-sim");
    assert!(
        sim.exists(),
        "{} is missing: run `cargo build -p paypulse-google-sim --bin google-sim` (or the whole \
         workspace's tests)",
        sim.display()
    );
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/fetch-bench");
    let out = Command::new("python3")
        .arg(&script)
        .args(["--smoke", "--json", "--paypulse"])
        .arg(paypulse)
        .arg("--sim")
        .arg(&sim)
        .env_remove("CARGO_TARGET_DIR")
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON document");
    let rows = doc["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "{doc}");
    for r in rows {
        assert_eq!(r["code"], 0, "{r}");
        assert_eq!(r["saved"], 50, "{r}");
        assert!(
            r["rss_mib"].as_f64().unwrap() > 0.0,
            "peak RSS measured: {r}"
        );
    }
    assert_eq!(rows[0]["rerun_gets"], 0, "a re-run reads no message again");
    assert!(
        rows[1]["baseline_wall"].as_f64().unwrap() > 0.0,
        "the baseline ran"
    );
}
