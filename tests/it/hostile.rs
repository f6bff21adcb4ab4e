//! Hostile mail: documents built to crash, exhaust or hang a parser, mailed through the Google
//! simulator beside ordinary invoices. The harvest saves every file byte for byte, gives the
//! hostile ones `invoice: null`, goes on with exit 0, leaves no temporary, keeps the process
//! tree's memory bounded, and does the same again on a second run and under `--reparse`. The
//! process itself never leaves a core dump.

use crate::common;

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use common::{USER, World, walk};
use serde_json::Value;
use sha2::{Digest, Sha256};

fn world() -> World {
    let mut w = World::file_store();
    let gmail = w.sim.gmail_url();
    w.set("PAYPULSE_GMAIL_API_URL", &gmail);
    let (_, bundle) = w.grant(3600);
    w.import(USER, &bundle);
    w
}

fn out_dir(w: &World) -> PathBuf {
    w.tmp.path().join("out")
}

fn sha(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A PDF from its objects' bodies (object `n` is `objects[n - 1]`; object 1 is the catalog),
/// with a correct cross-reference table.
fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        writeln!(out, "{} 0 obj", i + 1).unwrap();
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).unwrap();
    for o in offsets {
        writeln!(out, "{o:010} 00000 n ").unwrap();
    }
    write!(
        out,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    )
    .unwrap();
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut o = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    o.extend_from_slice(data);
    o.extend_from_slice(b"\nendstream");
    o
}

fn page_with(resources: &str) -> Vec<Vec<u8>> {
    vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources {resources} /Contents 4 0 R >>"
        )
        .into_bytes(),
    ]
}

/// A Form XObject that draws itself: a parser without a depth limit recurses until its stack
/// overflows.
fn self_drawing_pdf() -> Vec<u8> {
    let mut objs = page_with("<< /XObject << /X0 5 0 R >> >>");
    objs.push(stream("", b"/X0 Do"));
    objs.push(stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /X0 5 0 R >> >>",
        b"q /X0 Do Q",
    ));
    pdf(&objs)
}

fn zlib(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// A content stream compressed twice: a few KB that inflate to 1 GiB.
fn bomb_pdf() -> Vec<u8> {
    let mut inner = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..1024 {
        inner.write_all(&chunk).unwrap();
    }
    let once = inner.finish().unwrap();
    let twice = zlib(&once);
    let mut objs = page_with("<< >>");
    objs.push(stream("/Filter [/FlateDecode /FlateDecode]", &twice));
    pdf(&objs)
}

/// An object stream compressed twice: lopdf inflates it while loading the document, before any
/// check of ours can look at it. Only the worker's memory limit stops it.
fn object_stream_bomb_pdf() -> Vec<u8> {
    let mut inner = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..1024 {
        inner.write_all(&chunk).unwrap();
    }
    let twice = zlib(&inner.finish().unwrap());
    let mut objs = page_with("<< >>");
    objs.push(stream("", b"BT ET"));
    objs.push(stream(
        "/Type /ObjStm /N 1 /First 4 /Filter [/FlateDecode /FlateDecode]",
        &twice,
    ));
    pdf(&objs)
}

/// An ordinary one-page invoice with a text layer.
fn plain_pdf(text: &str) -> Vec<u8> {
    let mut objs = page_with("<< /Font << /F1 5 0 R >> >>");
    objs.push(stream(
        "",
        format!("BT /F1 12 Tf 72 760 Td ({text}) Tj ET").as_bytes(),
    ));
    objs.push(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec());
    pdf(&objs)
}

fn mail(subject: &str, name: &str, pdf: Vec<u8>) -> Vec<u8> {
    mail_builder::MessageBuilder::new()
        .from(("Hyresvärden AB", "avi@hyresvarden.example"))
        .to("alice@example.com")
        .subject(subject)
        .date(1_780_646_400i64)
        .text_body("Bifogat finns din faktura.")
        .attachment("application/pdf", name, pdf)
        .write_to_vec()
        .unwrap()
}

/// A legal message nested `depth` multipart levels deep, an invoice PDF at the bottom.
fn deep_mail(depth: usize, pdf: Vec<u8>) -> Vec<u8> {
    use mail_builder::mime::MimePart;
    let mut part = MimePart::new("application/pdf", pdf).attachment("deep-faktura.pdf");
    for _ in 0..depth {
        part = MimePart::new("multipart/mixed", vec![part]);
    }
    mail_builder::MessageBuilder::new()
        .from(("Djup AB", "faktura@djup.example"))
        .to("alice@example.com")
        .subject("Faktura (djup)")
        .date(1_780_646_400i64)
        .body(part)
        .write_to_vec()
        .unwrap()
}

/// Runs the binary to completion; returns (exit code, stdout, stderr, peak RSS in bytes of the
/// largest process of its tree). GNU time's `%M` is `wait4`'s maximum resident set of the
/// process and of every descendant it waited for (the field workers); without GNU time, this
/// test binary's `getrusage(RUSAGE_CHILDREN)` (every child of every test: an upper bound).
fn run_measured(w: &World, args: &[&str]) -> (i32, String, String, u64) {
    const TIME: &str = "/usr/bin/time";
    let gnu_time = Path::new(TIME).exists();
    let mut cmd = w.std_cmd();
    if gnu_time {
        let bin = cmd.get_program().to_owned();
        let mut timed = std::process::Command::new(TIME);
        timed.env_clear();
        for (k, v) in cmd.get_envs() {
            if let Some(v) = v {
                timed.env(k, v);
            }
        }
        timed.args(["-f", "PEAK_RSS_KB=%M"]).arg(bin);
        cmd = timed;
    }
    cmd.args(args);
    let o = cmd.output().unwrap();
    let mut stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    let peak = if gnu_time {
        let at = stderr.rfind("PEAK_RSS_KB=").expect("GNU time's report");
        let kb: u64 = stderr[at + "PEAK_RSS_KB=".len()..].trim().parse().unwrap();
        stderr.truncate(at);
        kb * 1024
    } else {
        peak_child_rss()
    };
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr,
        peak,
    )
}

/// The largest resident set of any process this test binary has waited for (directly or
/// through its children).
fn peak_child_rss() -> u64 {
    // SAFETY: getrusage with a valid out-pointer.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut ru) };
    ru.ru_maxrss as u64 * 1024
}

fn manifest(out: &Path) -> Vec<Value> {
    std::fs::read_to_string(out.join("manifest.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn hostile_documents_cost_their_fields_never_the_harvest() {
    let w = world();
    let hostile: Vec<(&str, Vec<u8>)> = vec![
        ("self-drawing.pdf", self_drawing_pdf()),
        ("bomb.pdf", bomb_pdf()),
        ("objstm-bomb.pdf", object_stream_bomb_pdf()),
    ];
    let mut sent: HashMap<String, Vec<u8>> = HashMap::new();
    for (i, (name, bytes)) in hostile.iter().enumerate() {
        w.sim.add_message(
            mail(&format!("Faktura {i}"), name, bytes.clone()),
            &["INBOX"],
        );
        sent.insert(name.to_string(), bytes.clone());
    }
    let ordinary = plain_pdf("Faktura 4711  Att betala 9 880,00 kr  Forfallodag 2026-12-31");
    w.sim.add_message(
        mail("Faktura 7", "ordinary.pdf", ordinary.clone()),
        &["INBOX"],
    );
    sent.insert("ordinary.pdf".into(), ordinary);
    w.sim.add_message(
        deep_mail(70, plain_pdf("Faktura 1  Att betala 100,00 kr")),
        &["INBOX"],
    );

    let out = out_dir(&w);
    let out_s = out.to_str().unwrap();
    for round in 0..2 {
        let (code, stdout, stderr, peak) =
            run_measured(&w, &["fetch-invoices", "--json", "--out", out_s]);
        assert_eq!(code, 0, "round {round}: {stderr}");
        let summary: Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(summary["failed"], 0, "{summary}");
        assert!(peak < 1 << 30, "peak RSS {peak} bytes");
        if round == 0 {
            assert!(
                summary["fields_unreadable"].as_u64().unwrap() >= 2,
                "{summary}"
            );
            // One warning per hostile document, naming it.
            for name in ["self-drawing", "bomb"] {
                assert!(
                    stderr.lines().filter(|l| l.contains(name)).count() == 1,
                    "{name}: {stderr}"
                );
            }
        } else {
            assert_eq!(summary["saved"], 0, "a re-run saves nothing: {summary}");
        }
        for f in walk(&out) {
            let n = f.file_name().unwrap().to_string_lossy().into_owned();
            assert!(!n.starts_with(".paypulse-tmp"), "temporary left: {n}");
        }
    }

    let lines = manifest(&out);
    for (name, bytes) in &sent {
        let e = lines
            .iter()
            .find(|e| e["filename"] == name.as_str())
            .unwrap_or_else(|| panic!("{name} not saved"));
        let saved = std::fs::read(out.join(e["path"].as_str().unwrap())).unwrap();
        assert_eq!(sha(&saved), sha(bytes), "{name} byte-identical");
        if *name == "ordinary.pdf" {
            assert_eq!(e["invoice"]["amount"], 9880.0, "{e}");
        } else if *name == "objstm-bomb.pdf" {
            assert!(e["invoice"]["amount"].is_null(), "{e}");
        } else {
            assert!(e["invoice"].is_null(), "{name}: {e}");
        }
    }
    let deep = lines
        .iter()
        .find(|e| e["filename"] == "deep-faktura.pdf")
        .expect("the deeply nested invoice is saved");
    assert!(deep["invoice"].is_object(), "{deep}");

    // --reparse goes through the same isolated reader.
    let (code, stdout, stderr, peak) =
        run_measured(&w, &["invoices", "--reparse", "--json", "--out", out_s]);
    assert_eq!(code, 0, "{stderr}");
    assert!(peak < 1 << 30, "peak RSS {peak} bytes");
    let list: Vec<Value> = serde_json::from_str(&stdout).unwrap();
    for name in ["self-drawing.pdf", "bomb.pdf"] {
        let e = list.iter().find(|e| e["filename"] == name).unwrap();
        assert!(e["invoice"].is_null(), "{e}");
    }
    let ordinary = list
        .iter()
        .find(|e| e["filename"] == "ordinary.pdf")
        .unwrap();
    assert_eq!(ordinary["invoice"]["amount"], 9880.0);
    assert!(stderr.contains("self-drawing"), "{stderr}");
}

/// `paypulse` holds secrets in memory: whatever `ulimit -c` says, a crash leaves no core.
#[test]
fn a_crash_leaves_no_core_dump() {
    use std::os::unix::process::{CommandExt, ExitStatusExt};
    let w = world();
    let cwd = w.tmp.path().join("cwd");
    std::fs::create_dir(&cwd).unwrap();
    let mut cmd = w.std_cmd();
    cmd.current_dir(&cwd)
        .args([
            "login",
            "--email",
            "alice@example.com",
            "--password-stdin",
            "--api-url",
            "http://127.0.0.1:9",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    // SAFETY: setrlimit between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let unlimited = libc::rlimit {
                rlim_cur: libc::RLIM_INFINITY,
                rlim_max: libc::RLIM_INFINITY,
            };
            libc::setrlimit(libc::RLIMIT_CORE, &unlimited);
            Ok(())
        });
    }
    let mut child = cmd.spawn().unwrap();
    // Waiting for the password on stdin, with the process set up. Rust's runtime catches the
    // first SIGSEGV (to tell a stack overflow) and restores the default action; the next one
    // ends the process as a crash does.
    std::thread::sleep(std::time::Duration::from_millis(500));
    let started = std::time::Instant::now();
    let status = loop {
        unsafe { libc::kill(child.id() as i32, libc::SIGSEGV) };
        std::thread::sleep(std::time::Duration::from_millis(100));
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(
            started.elapsed().as_secs() < 10,
            "SIGSEGV did not end the process"
        );
    };
    assert_eq!(status.signal(), Some(libc::SIGSEGV));
    assert!(!status.core_dumped(), "the kernel wrote a core dump");
    let cores: Vec<_> = std::fs::read_dir(&cwd)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("core"))
        .collect();
    assert!(cores.is_empty(), "{cores:?}");
}

/// A message nested deeper than any mail program nests one (300 levels) is read once, skipped,
/// recorded: the run goes on with exit 0, and a re-run does not read it again.
#[test]
fn a_message_nested_beyond_any_mail_program_is_skipped_once() {
    let w = world();
    let deep_id = w.sim.add_message(
        deep_mail(300, plain_pdf("Faktura 2  Att betala 200,00 kr")),
        &["INBOX"],
    );
    let ordinary = plain_pdf("Faktura 4711  Att betala 9 880,00 kr");
    w.sim
        .add_message(mail("Faktura 8", "ordinary.pdf", ordinary), &["INBOX"]);
    let out = out_dir(&w);
    let out_s = out.to_str().unwrap();
    let reads = |w: &World| {
        w.sim
            .gmail_requests()
            .iter()
            .filter(|r| r.contains(&deep_id) && r.contains("format=raw"))
            .count()
    };
    let (code, stdout, stderr, _) = run_measured(&w, &["fetch-invoices", "--json", "--out", out_s]);
    assert_eq!(code, 0, "{stderr}");
    let summary: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(summary["failed"], 0, "{summary}");
    assert_eq!(
        summary["unreadable_messages"][0]["message_id"],
        deep_id.as_str(),
        "{summary}"
    );
    assert_eq!(reads(&w), 1);
    let lines = manifest(&out);
    assert!(lines.iter().any(|e| e["filename"] == "ordinary.pdf"));
    assert!(lines.iter().all(|e| e["message_id"] != deep_id.as_str()));

    let (code, stdout, stderr, _) = run_measured(&w, &["fetch-invoices", "--json", "--out", out_s]);
    assert_eq!(code, 0, "{stderr}");
    let again: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(again["saved"], 0, "{again}");
    assert_eq!(reads(&w), 1, "not read again");
}
