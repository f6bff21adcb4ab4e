//! A small HTTP/1.1 proxy in front of a local peer (moto) that can hold back chosen AWS calls:
//! the request before it reaches the peer, or the peer's answer before it reaches the client.
//! Calls are told apart by their `X-Amz-Target` header (`secretsmanager.PutSecretValue`, ...).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// What happens to a matching call.
#[derive(Debug, Clone, Copy)]
pub enum Fault {
    /// The request reaches the peer only after this long (it lands late, even when the client
    /// has given up meanwhile).
    DelayRequest(Duration),
    /// The request reaches the peer at once; its answer reaches the client after this long.
    DelayResponse(Duration),
}

struct Rule {
    target: String,
    fault: Fault,
    times: usize,
}

#[derive(Default)]
struct Shared {
    rules: Vec<Rule>,
    /// Every call's target, in the order the calls arrived.
    seen: Vec<String>,
}

/// The proxy, on 127.0.0.1 and a free port; it stops with the test process.
pub struct Proxy {
    port: u16,
    shared: Arc<Mutex<Shared>>,
}

impl Proxy {
    /// Forwards everything to `upstream` (`http://127.0.0.1:PORT`).
    pub fn start(upstream: &str) -> Proxy {
        let upstream = upstream
            .strip_prefix("http://")
            .expect("an http:// upstream")
            .trim_end_matches('/')
            .to_owned();
        let shared = Arc::new(Mutex::new(Shared::default()));
        let (tx, rx) = std::sync::mpsc::channel();
        let state = shared.clone();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
                tx.send(listener.local_addr().unwrap().port()).unwrap();
                loop {
                    let Ok((client, _)) = listener.accept().await else {
                        continue;
                    };
                    tokio::spawn(serve(client, upstream.clone(), state.clone()));
                }
            });
        });
        let port = rx.recv_timeout(Duration::from_secs(10)).unwrap();
        Proxy { port, shared }
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The next `times` calls with this `X-Amz-Target` get `fault`.
    pub fn on(&self, target: &str, fault: Fault, times: usize) {
        self.shared.lock().unwrap().rules.push(Rule {
            target: target.to_owned(),
            fault,
            times,
        });
    }

    /// The targets of the calls seen so far, in order.
    pub fn seen(&self) -> Vec<String> {
        self.shared.lock().unwrap().seen.clone()
    }
}

/// One call per client connection: forwarded on a new connection to the peer, whose answer
/// (to its end: the peer is asked to close after it) is passed on as it is; then the client's
/// connection is closed too, and its next call comes on a new one.
async fn serve(client: TcpStream, upstream: String, shared: Arc<Mutex<Shared>>) {
    let (read, mut write) = client.into_split();
    let mut reader = BufReader::new(read);
    let mut head = Vec::new();
    let mut content_length = 0usize;
    let mut target = String::new();
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        if line == "\r\n" {
            break;
        }
        let lower = line.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("content-length:") {
            content_length = v.trim().parse().unwrap_or(0);
        } else if lower.starts_with("x-amz-target:") {
            target = line["x-amz-target:".len()..].trim().to_owned();
        }
        if !lower.starts_with("connection:") {
            head.extend_from_slice(line.as_bytes());
        }
    }
    head.extend_from_slice(b"connection: close\r\n\r\n");
    let mut body = vec![0u8; content_length];
    if reader.read_exact(&mut body).await.is_err() {
        return;
    }
    let fault = {
        let mut s = shared.lock().unwrap();
        s.seen.push(target.clone());
        let rule = s
            .rules
            .iter_mut()
            .find(|r| r.times > 0 && r.target == target);
        rule.map(|r| {
            r.times -= 1;
            r.fault
        })
    };
    if let Some(Fault::DelayRequest(d)) = fault {
        tokio::time::sleep(d).await;
    }
    let Ok(mut peer) = TcpStream::connect(&upstream).await else {
        return;
    };
    if peer.write_all(&head).await.is_err() || peer.write_all(&body).await.is_err() {
        return;
    }
    let mut answer = Vec::new();
    if peer.read_to_end(&mut answer).await.is_err() {
        return;
    }
    if let Some(Fault::DelayResponse(d)) = fault {
        tokio::time::sleep(d).await;
    }
    let _ = write.write_all(&answer).await;
    let _ = write.shutdown().await;
}
