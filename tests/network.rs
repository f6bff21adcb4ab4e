//! Network edges: an endpoint that accepts and never answers, a redirect from the token
//! endpoint, plain http to a remote host, an oversized JSON answer.

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use common::{USER, World, json_error};

/// A local peer that answers every connection with `respond` (after reading the request
/// head); counts connections.
struct Peer {
    port: u16,
    hits: Arc<AtomicUsize>,
}

impl Peer {
    fn start(respond: impl Fn(&mut TcpStream) + Send + Sync + 'static) -> Peer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let hits = Arc::new(AtomicUsize::new(0));
        let counter = hits.clone();
        let respond = Arc::new(respond);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                counter.fetch_add(1, Ordering::SeqCst);
                let respond = respond.clone();
                std::thread::spawn(move || {
                    read_head(&mut stream);
                    respond(&mut stream);
                });
            }
        });
        Peer { port, hits }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

fn read_head(stream: &mut TcpStream) {
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    while !buf.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => buf.push(byte[0]),
            _ => return,
        }
    }
    // And the body, so that closing the connection does not reset it.
    let head = String::from_utf8_lossy(&buf).to_ascii_lowercase();
    let len: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    let mut body = vec![0u8; len];
    let _ = stream.read_exact(&mut body);
}

/// A world holding a stored bundle whose access token is expired (a refresh is due).
fn world_with_bundle() -> (World, String) {
    let mut w = World::new();
    w.set("PAYPULSE_STORE", "file");
    let (grant, bundle) = w.grant(-60);
    w.import(USER, &bundle);
    (w, grant.refresh_token)
}

fn refresh(w: &World) -> (Option<i32>, serde_json::Value) {
    let out = w
        .cmd()
        .args(["tokens", "refresh", "--force", "--json", "--user", USER])
        .output()
        .unwrap();
    (out.status.code(), json_error(&out.stderr))
}

#[test]
fn a_token_endpoint_that_never_answers_times_out_as_configured() {
    let (mut w, refresh_token) = world_with_bundle();
    let silent = Peer::start(|s| {
        // Holds the connection open, never answers.
        std::thread::sleep(Duration::from_secs(30));
        let _ = s.flush();
    });
    w.set("PAYPULSE_GOOGLE_TOKEN_URL", &silent.url("/token"))
        .set("PAYPULSE_HTTP_TIMEOUT", "1s");
    let (code, err) = refresh(&w);
    assert_eq!(code, Some(4), "{err}");
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("timed out"),
        "{err}"
    );
    assert_eq!(silent.hits.load(Ordering::SeqCst), 1);
    // The bundle is kept.
    assert_eq!(w.reveal(USER)["refresh_token"], refresh_token.as_str());
}

#[test]
fn a_redirect_from_the_token_endpoint_is_not_followed() {
    let (mut w, refresh_token) = world_with_bundle();
    let elsewhere = Peer::start(|s| {
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}");
    });
    let target = elsewhere.url("/steal");
    let redirecting = Peer::start(move |s| {
        let _ = write!(
            s,
            "HTTP/1.1 307 Temporary Redirect\r\nlocation: {target}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
        );
    });
    w.set("PAYPULSE_GOOGLE_TOKEN_URL", &redirecting.url("/token"));
    let (code, err) = refresh(&w);
    assert_eq!(code, Some(4), "{err}");
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("redirect"),
        "{err}"
    );
    assert_eq!(redirecting.hits.load(Ordering::SeqCst), 1);
    assert_eq!(
        elsewhere.hits.load(Ordering::SeqCst),
        0,
        "the refresh token went to the redirect's target"
    );
    assert_eq!(w.reveal(USER)["refresh_token"], refresh_token.as_str());
}

#[test]
fn plain_http_to_a_remote_host_is_refused_before_any_request() {
    let (mut w, _) = world_with_bundle();
    for (var, args) in [
        (
            "PAYPULSE_GOOGLE_TOKEN_URL",
            &["tokens", "refresh", "--force", "--json", "--user", USER][..],
        ),
        (
            "PAYPULSE_GOOGLE_REVOKE_URL",
            &["tokens", "revoke", "--yes", "--json", "--user", USER][..],
        ),
    ] {
        // Never resolved: the URL is refused before any connection.
        w.set(var, "http://oauth2.example.invalid/x");
        let out = w.cmd().args(args).output().unwrap();
        let err = json_error(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{var}: {err}");
        assert_eq!(err["error"]["code"], "insecure_url", "{var}: {err}");
        w.unset(var);
    }
    // The bundle is still there.
    assert_eq!(w.show(USER)["user_id"], USER);
}

#[test]
fn an_oversized_json_answer_is_refused() {
    let (mut w, refresh_token) = world_with_bundle();
    let huge = Peer::start(|s| {
        let body = format!(
            "{{\"access_token\":\"ya29.x\",\"token_type\":\"Bearer\",\"pad\":\"{}\"}}",
            "a".repeat(6 * 1024 * 1024)
        );
        // No content-length: the cap must hold while streaming, too.
        let _ = s.write_all(
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n",
        );
        let _ = s.write_all(body.as_bytes());
    });
    w.set("PAYPULSE_GOOGLE_TOKEN_URL", &huge.url("/token"));
    let (code, err) = refresh(&w);
    assert_eq!(code, Some(4), "{err}");
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("larger than"),
        "{err}"
    );
    assert_eq!(w.reveal(USER)["refresh_token"], refresh_token.as_str());
}
