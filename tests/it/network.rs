//! Network edges: an endpoint that accepts and never answers, a redirect from the token
//! endpoint, plain http to a remote host, an oversized JSON answer.

use crate::common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{USER, World, json_error};

/// A local peer that answers every connection with `respond` (given the request head, after
/// reading the request); counts connections and keeps the request heads.
struct Peer {
    port: u16,
    hits: Arc<AtomicUsize>,
    heads: Arc<Mutex<Vec<String>>>,
}

impl Peer {
    fn start(respond: impl Fn(&str, &mut TcpStream) + Send + Sync + 'static) -> Peer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let hits = Arc::new(AtomicUsize::new(0));
        let heads = Arc::new(Mutex::new(Vec::new()));
        let (counter, kept) = (hits.clone(), heads.clone());
        let respond = Arc::new(respond);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                counter.fetch_add(1, Ordering::SeqCst);
                let (respond, kept) = (respond.clone(), kept.clone());
                std::thread::spawn(move || {
                    let head = read_head(&mut stream);
                    kept.lock().unwrap().push(head.clone());
                    respond(&head, &mut stream);
                });
            }
        });
        Peer { port, hits, heads }
    }

    fn heads(&self) -> Vec<String> {
        self.heads.lock().unwrap().clone()
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

fn read_head(stream: &mut TcpStream) -> String {
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    while !buf.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => buf.push(byte[0]),
            _ => return String::from_utf8_lossy(&buf).into_owned(),
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
    String::from_utf8_lossy(&buf).into_owned()
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
    let silent = Peer::start(|_, s| {
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
    let elsewhere = Peer::start(|_, s| {
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}");
    });
    let target = elsewhere.url("/steal");
    let redirecting = Peer::start(move |_, s| {
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
    let huge = Peer::start(|_, s| {
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

/// Gmail answers a redirect: same-origin (where reqwest would keep the `Authorization`
/// header), then to another local server. Neither target ever gets a request, so the access
/// token goes nowhere but the configured Gmail URL.
#[test]
fn gmail_requests_follow_no_redirect_so_the_token_goes_nowhere_else() {
    let mut w = World::file_store();
    let (grant, bundle) = w.grant(3600);
    w.import(USER, &bundle);
    let profile = |s: &mut TcpStream| {
        let body = format!(
            "{{\"emailAddress\":\"{}\",\"messagesTotal\":0,\"threadsTotal\":0,\"historyId\":\"1\"}}",
            common::GOOGLE_EMAIL
        );
        let _ = write!(
            s,
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        );
    };
    let elsewhere = Peer::start(move |_, s| profile(s));
    for cross_origin in [false, true] {
        let target = if cross_origin {
            elsewhere.url("/landing")
        } else {
            "/landing".to_owned()
        };
        let gmail = Peer::start(move |head, s| {
            if head.starts_with("GET /landing") {
                profile(s);
            } else {
                let _ = write!(
                    s,
                    "HTTP/1.1 302 Found\r\nlocation: {target}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
                );
            }
        });
        w.set("PAYPULSE_GMAIL_API_URL", &gmail.url(""));
        let out_dir = w.tmp.path().join("out");
        let out = w
            .cmd()
            .args([
                "fetch-invoices",
                "--json",
                "--out",
                out_dir.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert!(
            !out.status.success(),
            "a redirect is an error, not followed"
        );
        let heads = gmail.heads();
        assert!(!heads.is_empty());
        assert!(
            heads.iter().all(|h| !h.starts_with("GET /landing")),
            "the redirect was followed: {heads:?}"
        );
        for h in heads.iter().chain(elsewhere.heads().iter()) {
            if h.starts_with("GET /landing") {
                assert!(
                    !h.contains(&grant.access_token),
                    "the access token followed the redirect"
                );
            }
        }
        assert_eq!(
            elsewhere.hits.load(Ordering::SeqCst),
            0,
            "the redirect's target got a request"
        );
    }
}
