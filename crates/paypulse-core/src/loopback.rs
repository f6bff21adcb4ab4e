//! The loopback redirect (RFC 8252): a one-shot HTTP listener on 127.0.0.1 that waits for the
//! browser's callback, and the headless fallback of pasting the redirect URL (or the code).

use std::convert::Infallible;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use secrecy::{ExposeSecret, SecretString};
use tokio::net::TcpListener;
use tokio::sync::{mpsc, oneshot};

/// Connections served at once; beyond it the oldest is dropped.
const MAX_CONNECTIONS: usize = 32;
/// How long a connection may take to send its request head.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a connection may live at all.
const CONNECTION_TIMEOUT: Duration = Duration::from_secs(15);
/// The largest request head read (a callback URL is well under this).
const MAX_REQUEST_HEAD: usize = 64 * 1024;
const ACCEPT_BACKOFF_MIN: Duration = Duration::from_millis(10);
const ACCEPT_BACKOFF_MAX: Duration = Duration::from_secs(1);
/// How long a connection still answering (the callback's page) may take once the wait is over.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

#[derive(Debug, thiserror::Error)]
pub enum CallbackError {
    #[error("cannot listen on 127.0.0.1:{port}: {error}")]
    Bind { port: u16, error: std::io::Error },
    /// The user declined on the consent screen.
    #[error("access was denied on Google's consent screen")]
    AccessDenied,
    /// Google sent another error to the callback.
    #[error("Google's authorization failed: {0}")]
    Authorization(String),
    #[error("no answer from the browser within {0} s")]
    Timeout(u64),
    #[error("the pasted text has no authorization code")]
    BadPaste,
    #[error(
        "the pasted redirect URL belongs to another sign-in attempt (its `state` does not match)"
    )]
    PastedStateMismatch,
}

/// What the browser (or the paste) brought back.
pub struct Callback {
    pub code: SecretString,
}

/// A bound loopback listener.
pub struct Loopback {
    listener: TcpListener,
    path: String,
}

impl Loopback {
    /// Binds `127.0.0.1` (never another interface), an OS-chosen port unless `port`.
    pub async fn bind(port: Option<u16>, path: &str) -> Result<Loopback, CallbackError> {
        let port = port.unwrap_or(0);
        let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))
            .await
            .map_err(|source| CallbackError::Bind {
                port,
                error: source,
            })?;
        let path = if path.starts_with('/') {
            path.to_owned()
        } else {
            format!("/{path}")
        };
        Ok(Loopback { listener, path })
    }

    /// `http://127.0.0.1:{port}{path}`
    pub fn redirect_uri(&self) -> String {
        let port = self.listener.local_addr().map(|a| a.port()).unwrap_or(0);
        format!("http://127.0.0.1:{port}{}", self.path)
    }

    /// Waits for the first callback whose `state` matches (others are answered and ignored),
    /// or for a pasted redirect URL / code on `pasted`, until `timeout`.
    pub async fn wait(
        self,
        state: &SecretString,
        timeout: Duration,
        mut pasted: Option<mpsc::Receiver<String>>,
    ) -> Result<Callback, CallbackError> {
        let (done_tx, mut done_rx) = mpsc::channel::<Result<Callback, CallbackError>>(1);
        let shared = Arc::new(Shared {
            state: SecretString::from(state.expose_secret()),
            path: self.path.clone(),
            done: Mutex::new(Some(done_tx)),
        });
        let (stop_tx, mut stop_rx) = oneshot::channel::<()>();
        let listener = self.listener;
        let server = tokio::spawn(async move {
            // The connections being served, oldest first. At the cap the oldest is dropped for
            // the newest: a flood of idle local connections cannot keep the real callback out.
            let mut live: std::collections::VecDeque<tokio::task::AbortHandle> =
                std::collections::VecDeque::new();
            let mut accept_backoff = ACCEPT_BACKOFF_MIN;
            // Stopping lets a connection being answered (the callback's page) finish.
            let graceful = hyper_util::server::graceful::GracefulShutdown::new();
            loop {
                tokio::select! {
                    _ = &mut stop_rx => break,
                    accepted = listener.accept() => {
                        let stream = match accepted {
                            Ok((stream, _)) => {
                                accept_backoff = ACCEPT_BACKOFF_MIN;
                                stream
                            }
                            Err(e) => {
                                // Out of descriptors or the like: back off instead of spinning.
                                tracing::debug!(error = %e, ?accept_backoff, "loopback accept failed");
                                tokio::time::sleep(accept_backoff).await;
                                accept_backoff = (accept_backoff * 2).min(ACCEPT_BACKOFF_MAX);
                                continue;
                            }
                        };
                        live.retain(|h| !h.is_finished());
                        while live.len() >= MAX_CONNECTIONS {
                            if let Some(oldest) = live.pop_front() {
                                oldest.abort();
                            }
                        }
                        let shared = shared.clone();
                        let watcher = graceful.watcher();
                        let task = tokio::spawn(async move {
                            let service = service_fn(move |req| {
                                let shared = shared.clone();
                                async move { Ok::<_, Infallible>(shared.handle(req)) }
                            });
                            let conn = http1::Builder::new()
                                .keep_alive(false)
                                .timer(hyper_util::rt::TokioTimer::new())
                                .header_read_timeout(HEADER_READ_TIMEOUT)
                                .max_buf_size(MAX_REQUEST_HEAD)
                                .serve_connection(TokioIo::new(stream), service);
                            let _ = tokio::time::timeout(CONNECTION_TIMEOUT, watcher.watch(conn)).await;
                        });
                        live.push_back(task.abort_handle());
                    }
                }
            }
            // Idle connections close at once; one still writing its page gets a moment.
            let _ = tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown()).await;
            for h in live {
                h.abort();
            }
        });
        let deadline = tokio::time::sleep(timeout);
        tokio::pin!(deadline);
        let result = loop {
            tokio::select! {
                r = done_rx.recv() => break r.unwrap_or(Err(CallbackError::Timeout(timeout.as_secs()))),
                line = recv_opt(&mut pasted) => match line {
                    Some(text) => match parse_pasted(&text, state) {
                        Ok(Some(cb)) => break Ok(cb),
                        Ok(None) => continue,
                        Err(e) => break Err(e),
                    },
                    // stdin closed: keep waiting for the browser.
                    None => pasted = None,
                },
                _ = &mut deadline => break Err(CallbackError::Timeout(timeout.as_secs())),
            }
        };
        let _ = stop_tx.send(());
        let _ = server.await;
        result
    }
}

async fn recv_opt(rx: &mut Option<mpsc::Receiver<String>>) -> Option<String> {
    match rx {
        Some(rx) => rx.recv().await,
        None => std::future::pending().await,
    }
}

struct Shared {
    state: SecretString,
    path: String,
    done: Mutex<Option<mpsc::Sender<Result<Callback, CallbackError>>>>,
}

impl Shared {
    fn handle(&self, req: Request<Incoming>) -> Response<Full<Bytes>> {
        if req.uri().path() != self.path {
            return page(
                StatusCode::NOT_FOUND,
                "Not found",
                "This is paypulse's sign-in listener.",
            );
        }
        // A callback without our state is not ours (a forged or stale request): ignored.
        let parsed = parse_callback(req.uri().query().unwrap_or(""), &self.state);
        if matches!(parsed, Parsed::WrongState) {
            return page(
                StatusCode::BAD_REQUEST,
                "Sign-in not accepted",
                "This request does not belong to the sign-in paypulse started. It was ignored.",
            );
        }
        let mut done = self.done.lock().expect("callback lock");
        let Some(tx) = done.take() else {
            return page(
                StatusCode::OK,
                "Already done",
                "paypulse has already received the sign-in. You can close this tab.",
            );
        };
        let (result, resp) = match parsed {
            Parsed::Denied => (
                Err(CallbackError::AccessDenied),
                page(
                    StatusCode::OK,
                    "Access denied",
                    "You declined access. Return to the terminal.",
                ),
            ),
            Parsed::Error(error) => {
                let shown = format!("Google reported an error: {error}. Return to the terminal.");
                (
                    Err(CallbackError::Authorization(error)),
                    page(StatusCode::OK, "Sign-in failed", &shown),
                )
            }
            Parsed::Code(code) => (
                Ok(Callback { code }),
                page(
                    StatusCode::OK,
                    "Connected",
                    "paypulse received the sign-in. You can close this tab and return to the terminal.",
                ),
            ),
            Parsed::NoCode | Parsed::WrongState => (
                Err(CallbackError::Authorization(
                    "the callback had no code".into(),
                )),
                page(
                    StatusCode::BAD_REQUEST,
                    "Sign-in failed",
                    "The callback had no authorization code. Return to the terminal.",
                ),
            ),
        };
        let _ = tx.try_send(result);
        resp
    }
}

/// Google's error codes are `[a-z_]`; anything else is reduced to that so it can be shown.
fn sanitize_code(s: &str) -> String {
    let clean: String = s
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .take(64)
        .collect();
    if clean.is_empty() {
        "unknown_error".into()
    } else {
        clean
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A small HTML page. Only fixed text and sanitized codes are put in; all of it is escaped.
fn page(status: StatusCode, title: &str, message: &str) -> Response<Full<Bytes>> {
    let body = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>paypulse: {t}</title></head>\
         <body style=\"font-family:sans-serif;max-width:36em;margin:4em auto\"><h1>{t}</h1><p>{m}</p></body></html>",
        t = html_escape::encode_text(title),
        m = html_escape::encode_text(message),
    );
    Response::builder()
        .status(status)
        .header("content-type", "text/html; charset=utf-8")
        .header("cache-control", "no-store")
        .header("referrer-policy", "no-referrer")
        .body(Full::new(Bytes::from(body)))
        .expect("a static response builds")
}

/// A pasted redirect URL (its `state` must match) or a bare code. `Ok(None)`: an empty line.
pub fn parse_pasted(text: &str, state: &SecretString) -> Result<Option<Callback>, CallbackError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let query = match text.split_once('?') {
        Some((_, q)) => Some(q),
        None if text.contains("code=") => Some(text),
        None => None,
    };
    let Some(query) = query else {
        // A bare authorization code (Google's start with "4/").
        if text.chars().any(char::is_whitespace) {
            return Err(CallbackError::BadPaste);
        }
        return Ok(Some(Callback {
            code: SecretString::from(text.to_owned()),
        }));
    };
    match parse_callback(query.split('#').next().unwrap_or(""), state) {
        Parsed::Code(code) => Ok(Some(Callback { code })),
        Parsed::Denied => Err(CallbackError::AccessDenied),
        Parsed::Error(e) => Err(CallbackError::Authorization(e)),
        Parsed::WrongState => Err(CallbackError::PastedStateMismatch),
        Parsed::NoCode => Err(CallbackError::BadPaste),
    }
}

/// What a redirect's query string says.
enum Parsed {
    Code(SecretString),
    /// `error=access_denied`
    Denied,
    /// Another `error`, reduced to `[A-Za-z0-9_]`.
    Error(String),
    NoCode,
    /// `state` missing or not ours.
    WrongState,
}

fn parse_callback(query: &str, state: &SecretString) -> Parsed {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    };
    if get("state")
        .is_none_or(|s| !constant_time_eq(s.as_bytes(), state.expose_secret().as_bytes()))
    {
        return Parsed::WrongState;
    }
    match (get("code"), get("error")) {
        (_, Some("access_denied")) => Parsed::Denied,
        (_, Some(e)) => Parsed::Error(sanitize_code(e)),
        (Some(c), None) if !c.is_empty() => Parsed::Code(SecretString::from(c.to_owned())),
        _ => Parsed::NoCode,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> SecretString {
        SecretString::from("st4te")
    }

    #[test]
    fn pasted_urls_and_codes() {
        let cb = parse_pasted(
            "http://127.0.0.1:5555/?state=st4te&code=4%2F0Abc&scope=x",
            &state(),
        )
        .unwrap()
        .unwrap();
        assert_eq!(cb.code.expose_secret(), "4/0Abc");
        let cb = parse_pasted("  4/0AbcDef \n", &state()).unwrap().unwrap();
        assert_eq!(cb.code.expose_secret(), "4/0AbcDef");
        assert!(parse_pasted("", &state()).unwrap().is_none());
        assert!(matches!(
            parse_pasted("http://127.0.0.1:5555/?state=other&code=x", &state()),
            Err(CallbackError::PastedStateMismatch)
        ));
        assert!(matches!(
            parse_pasted(
                "http://127.0.0.1:5555/?state=st4te&error=access_denied",
                &state()
            ),
            Err(CallbackError::AccessDenied)
        ));
        assert!(matches!(
            parse_pasted("two words", &state()),
            Err(CallbackError::BadPaste)
        ));
    }

    #[test]
    fn error_codes_are_reduced_before_display() {
        assert_eq!(
            sanitize_code("<script>alert(1)</script>"),
            "scriptalert1script"
        );
        assert_eq!(sanitize_code("invalid_scope"), "invalid_scope");
        assert_eq!(sanitize_code("\u{1b}[2J"), "2J");
    }

    /// 1,000 idle local connections (they connect and send nothing) do not keep the real
    /// callback out.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_flood_of_idle_connections_does_not_block_the_callback() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let lb = Loopback::bind(None, "/").await.unwrap();
        let addr = lb.listener.local_addr().unwrap();
        let waiting =
            tokio::spawn(async move { lb.wait(&state(), Duration::from_secs(60), None).await });
        let mut idle = Vec::new();
        for _ in 0..1000 {
            idle.push(tokio::net::TcpStream::connect(addr).await.unwrap());
        }
        // The listener holds at most its cap of them: the others are closed, not left open.
        let mut closed = 0;
        for s in idle.iter_mut() {
            let mut buf = [0u8; 16];
            if let Ok(Ok(0)) =
                tokio::time::timeout(Duration::from_millis(200), s.read(&mut buf)).await
            {
                closed += 1;
            }
        }
        assert!(closed >= 1000 - MAX_CONNECTIONS, "{closed} closed");
        let mut real = tokio::net::TcpStream::connect(addr).await.unwrap();
        real.write_all(b"GET /?state=st4te&code=4%2Freal HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n")
            .await
            .unwrap();
        let mut answer = Vec::new();
        let _ = tokio::time::timeout(Duration::from_secs(30), real.read_to_end(&mut answer)).await;
        assert!(
            String::from_utf8_lossy(&answer).contains("Connected"),
            "{}",
            String::from_utf8_lossy(&answer)
        );
        let cb = waiting.await.unwrap().unwrap();
        assert_eq!(cb.code.expose_secret(), "4/real");
    }

    #[tokio::test]
    async fn the_listener_binds_loopback_only() {
        let lb = Loopback::bind(None, "/").await.unwrap();
        assert!(lb.listener.local_addr().unwrap().ip().is_loopback());
        assert!(lb.redirect_uri().starts_with("http://127.0.0.1:"));
        let lb = Loopback::bind(None, "cb").await.unwrap();
        assert!(lb.redirect_uri().ends_with("/cb"));
    }

    mod hostile {
        //! Hostile callbacks and pastes: never a panic; a code comes back only with our state.
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(1024))]

            #[test]
            fn any_query_is_parsed_without_panic(query in ".{0,300}") {
                let _ = parse_callback(&query, &state());
            }

            #[test]
            fn any_paste_is_parsed_without_panic(text in ".{0,300}") {
                let _ = parse_pasted(&text, &state());
            }

            #[test]
            fn a_code_is_accepted_only_with_our_state(
                code in "[ -~]{1,80}",
                other_state in "[A-Za-z0-9]{0,12}",
                extra in "[a-z]{0,6}=[ -~]{0,20}",
            ) {
                let enc = |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
                let ours = format!("{extra}&state=st4te&code={}", enc(&code));
                match parse_callback(&ours, &state()) {
                    Parsed::Code(c) => prop_assert_eq!(c.expose_secret(), code.as_str()),
                    // `extra` may be an `error=` or a `state=`/`code=` of its own.
                    Parsed::Error(e) => {
                        prop_assert!(e.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
                    }
                    _ => {}
                }
                if other_state != "st4te" {
                    let theirs = format!("state={other_state}&code={}", enc(&code));
                    prop_assert!(matches!(parse_callback(&theirs, &state()), Parsed::WrongState));
                }
            }

            #[test]
            fn error_codes_shown_are_always_plain(error in ".{0,200}") {
                let shown = sanitize_code(&error);
                prop_assert!(!shown.is_empty() && shown.len() <= 64);
                prop_assert!(shown.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
            }
        }
    }
}
