//! Out-of-process peers for integration tests: a moto server (AWS Secrets Manager), a private
//! Secret Service (gnome-keyring-daemon on its own D-Bus session bus) and a certified OpenID
//! provider (npm's `oidc-provider`, `tests/oidc/server.js`) as a second OAuth peer.
//!
//! Std plus `tempfile` only. Every peer is a child of the test process and is killed and reaped
//! when its handle is dropped, also when the test panics (Drop runs while unwinding). Keep a
//! handle owned by the test function: a handle in a `static` is never dropped and would leak its
//! processes. `scripts/test` installs what these peers need.

use std::fs::{self, File};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, ExitStatus, Output, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use tempfile::TempDir;

const MOTO_READY_TIMEOUT: Duration = Duration::from_secs(30);
const BUS_READY_TIMEOUT: Duration = Duration::from_secs(10);
const KEYRING_READY_TIMEOUT: Duration = Duration::from_secs(20);
const OIDC_READY_TIMEOUT: Duration = Duration::from_secs(30);
const TOOL_TIMEOUT: Duration = Duration::from_secs(10);
const TERM_GRACE: Duration = Duration::from_secs(3);
const POLL: Duration = Duration::from_millis(25);

// ---------------------------------------------------------------------------------------------
// Moto
// ---------------------------------------------------------------------------------------------

/// A moto_server (PyPI `moto[server]`) on 127.0.0.1, a free port, killed (and reaped) on drop.
pub struct Moto {
    child: Option<Child>,
    port: u16,
    startup: Duration,
    /// Holds moto's log (`moto.log`): moto logs every request, so it goes to a file, not a pipe.
    dir: TempDir,
}

impl Moto {
    /// Starts a fresh moto server (empty state) and waits until it answers HTTP.
    ///
    /// The executable is `$PAYPULSE_TEST_MOTO_SERVER` if set, else `<repo>/.venv/bin/moto_server`,
    /// else `moto_server` on PATH. Panics with a clear message if none is found or it does not
    /// come up within 30 s.
    pub fn start() -> Moto {
        let exe = moto_server_path();
        let t0 = Instant::now();
        let mut attempt = 0;
        loop {
            attempt += 1;
            let dir = tempdir("paypulse-moto-");
            let log = dir.path().join("moto.log");
            let port = free_port();
            let child = Command::new(&exe)
                .args(["-H", "127.0.0.1", "-p", &port.to_string()])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::from(create_file(&log)))
                .spawn()
                .unwrap_or_else(|e| {
                    panic!(
                        "cannot start moto_server `{}`: {e}. Run scripts/test once (it creates \
                         .venv with moto[server]) or set PAYPULSE_TEST_MOTO_SERVER",
                        exe.display()
                    )
                });
            let mut moto = Moto {
                child: Some(child),
                port,
                startup: Duration::ZERO,
                dir,
            };
            match moto.wait_ready(t0 + MOTO_READY_TIMEOUT) {
                Ok(()) => {
                    moto.startup = t0.elapsed();
                    eprintln!(
                        "[peers] moto_server on {} ready in {:?}",
                        moto.endpoint(),
                        moto.startup
                    );
                    return moto;
                }
                Err(Exited(status)) => {
                    let log_text = read_lossy(&log);
                    if attempt < 5 && log_text.contains("Address already in use") {
                        // Lost the race for the port we picked: retry with another one.
                        continue;
                    }
                    panic!(
                        "moto_server `{}` exited ({status}) before answering on port {port}; its \
                         stderr:\n{log_text}",
                        exe.display()
                    );
                }
                Err(TimedOut) => panic!(
                    "moto_server `{}` did not answer GET /moto-api/ on port {port} within {:?}; \
                     its stderr:\n{}",
                    exe.display(),
                    MOTO_READY_TIMEOUT,
                    read_lossy(&log)
                ),
            }
        }
    }

    /// `http://127.0.0.1:PORT`
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Everything moto logged so far (for assertion messages).
    #[allow(dead_code)] // read by benches/check.rs, which includes this file
    pub fn log(&self) -> String {
        read_lossy(&self.dir.path().join("moto.log"))
    }

    fn wait_ready(&mut self, deadline: Instant) -> Result<(), NotReady> {
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, self.port));
        loop {
            if let Some(child) = self.child.as_mut()
                && let Ok(Some(status)) = child.try_wait()
            {
                self.child = None; // reaped
                return Err(Exited(status));
            }
            if http_get_answers(addr, "/moto-api/") {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(TimedOut);
            }
            thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        terminate(&mut self.child);
    }
}

enum NotReady {
    Exited(ExitStatus),
    TimedOut,
}
use NotReady::{Exited, TimedOut};

fn moto_server_path() -> PathBuf {
    if let Some(p) = std::env::var_os("PAYPULSE_TEST_MOTO_SERVER").filter(|p| !p.is_empty()) {
        let p = PathBuf::from(p);
        assert!(
            p.is_file(),
            "PAYPULSE_TEST_MOTO_SERVER={} does not exist",
            p.display()
        );
        return p;
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/moto_server");
    if venv.is_file() {
        return venv;
    }
    if let Some(p) = find_on_path("moto_server") {
        return p;
    }
    panic!(
        "moto_server not found: not in $PAYPULSE_TEST_MOTO_SERVER, not at {}, not on PATH. Run \
         scripts/test once (it creates .venv with moto[server]) or \
         `python3 -m venv .venv && .venv/bin/pip install 'moto[server]'`",
        venv.display()
    );
}

/// An OS-chosen free port on 127.0.0.1 (released again; the caller retries if it loses a race).
fn free_port() -> u16 {
    let l = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind 127.0.0.1:0");
    l.local_addr().expect("local_addr").port()
}

/// True once `GET path` on `addr` returns any HTTP status line.
fn http_get_answers(addr: SocketAddr, path: &str) -> bool {
    let Ok(mut s) = TcpStream::connect_timeout(&addr, Duration::from_millis(500)) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = s.set_write_timeout(Some(Duration::from_secs(5)));
    let req = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    if s.write_all(req.as_bytes()).is_err() {
        return false;
    }
    let mut head = [0u8; 12];
    s.read_exact(&mut head).is_ok() && head.starts_with(b"HTTP/1.")
}

// ---------------------------------------------------------------------------------------------
// Secret Service
// ---------------------------------------------------------------------------------------------

/// Password of the `login` collection gnome-keyring creates. It must not be empty: with an empty
/// password gnome-keyring-daemon 42 creates no `login` collection, the `default` alias stays
/// unset and creating a collection needs an interactive prompt.
const KEYRING_PASSWORD: &str = "paypulse-test";

/// A private D-Bus session bus with gnome-keyring-daemon's Secret Service on it, unlocked, with
/// HOME/XDG dirs in a temp dir.
///
/// The bus runs with a minimal config without service activation, so nothing else is ever
/// started on it. The `login` collection exists, is unlocked and is the `default` alias (where
/// `secret-tool store` and the Rust keyring stores write); it holds no items after `start()`.
pub struct SecretService {
    keyring: Option<Child>,
    bus: Option<Child>,
    /// dbus-daemon's stdout (it printed the address there); kept open so it never sees EPIPE.
    _bus_stdout: Option<ChildStdout>,
    address: String,
    startup: Duration,
    dir: TempDir,
}

impl SecretService {
    pub fn start() -> SecretService {
        let t0 = Instant::now();
        let dir = tempdir_short("paypulse-ss-");
        let root = dir.path().to_path_buf();
        for sub in ["home", "data", "config", "cache", "run"] {
            fs::create_dir_all(root.join(sub)).expect("create keyring temp dirs");
        }
        fs::set_permissions(root.join("run"), fs::Permissions::from_mode(0o700))
            .expect("chmod 0700 XDG_RUNTIME_DIR");

        let mut ss = SecretService {
            keyring: None,
            bus: None,
            _bus_stdout: None,
            address: String::new(),
            startup: Duration::ZERO,
            dir,
        };
        // From here on a panic drops `ss`, which kills whatever was started already.
        ss.start_bus();
        ss.start_keyring();
        ss.wait_secrets_owner();
        ss.ensure_default_collection();
        ss.probe();
        ss.startup = t0.elapsed();
        eprintln!(
            "[peers] Secret Service on {} ready in {:?}",
            ss.address, ss.startup
        );
        ss
    }

    /// Env vars a child process needs to reach this keyring.
    pub fn env(&self) -> Vec<(String, String)> {
        vec![("DBUS_SESSION_BUS_ADDRESS".to_string(), self.address.clone())]
    }

    /// Runs a command (`secret-tool`, `dbus-send`, ...) against this bus with a clean env
    /// (PATH plus `env()`), optional stdin, a 10 s timeout.
    pub fn run(&self, program: &str, args: &[&str], stdin: Option<&str>) -> Output {
        let mut cmd = Command::new(program);
        cmd.args(args).env_clear();
        if let Some(path) = std::env::var_os("PATH") {
            cmd.env("PATH", path);
        }
        cmd.envs(self.env());
        run_with_timeout(cmd, stdin, TOOL_TIMEOUT)
    }

    /// `secret-tool lookup` of the given attributes: the secret, or None if there is no item.
    pub fn lookup(&self, attributes: &[(&str, &str)]) -> Option<String> {
        let mut args = vec!["lookup"];
        for (k, v) in attributes {
            args.push(k);
            args.push(v);
        }
        let out = self.run("secret-tool", &args, None);
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }

    fn path(&self, sub: &str) -> PathBuf {
        self.dir.path().join(sub)
    }

    fn stderr_log(&self, name: &str) -> String {
        read_lossy(&self.path(name))
    }

    fn start_bus(&mut self) {
        let socket = self.path("bus");
        let config = self.path("bus.conf");
        fs::write(&config, bus_config(&socket)).expect("write dbus config");
        let mut child = Command::new("dbus-daemon")
            .arg(format!("--config-file={}", config.display()))
            .args(["--nofork", "--nopidfile", "--print-address=1"])
            .env_clear()
            .envs(std::env::var_os("PATH").map(|p| ("PATH", p)))
            .env("HOME", self.path("home"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(create_file(&self.path("dbus.log"))))
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start dbus-daemon: {e} (apt-get install dbus; or run scripts/test)")
            });
        let stdout = child.stdout.take().expect("dbus-daemon stdout");
        self.bus = Some(child);

        // Read the one address line, with a timeout (a read blocks until dbus-daemon prints or dies).
        match first_line(stdout, BUS_READY_TIMEOUT) {
            Ok((Ok(line), stdout)) if line.trim().starts_with("unix:") => {
                self.address = line.trim().to_string();
                self._bus_stdout = Some(stdout);
            }
            other => {
                terminate(&mut self.bus); // also unblocks the reader thread
                let what = match other {
                    Ok((Ok(line), _)) => format!("printed {line:?}"),
                    Ok((Err(e), _)) => format!("stdout error {e}"),
                    Err(_) => format!("printed no address within {BUS_READY_TIMEOUT:?}"),
                };
                panic!(
                    "dbus-daemon {what}; its stderr:\n{}",
                    self.stderr_log("dbus.log")
                );
            }
        }
    }

    fn start_keyring(&mut self) {
        let root = self.dir.path();
        let mut cmd = Command::new("gnome-keyring-daemon");
        cmd.args(["--unlock", "--components=secrets", "--foreground"])
            .env_clear()
            .envs(std::env::var_os("PATH").map(|p| ("PATH", p)))
            .env("HOME", root.join("home"))
            .env("XDG_DATA_HOME", root.join("data"))
            .env("XDG_CONFIG_HOME", root.join("config"))
            .env("XDG_CACHE_HOME", root.join("cache"))
            .env("XDG_RUNTIME_DIR", root.join("run"))
            .env("DBUS_SESSION_BUS_ADDRESS", &self.address)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::from(create_file(&root.join("keyring.log"))));
        let mut child = cmd.spawn().unwrap_or_else(|e| {
            panic!(
                "cannot start gnome-keyring-daemon: {e} (apt-get install gnome-keyring; or run \
                 scripts/test)"
            )
        });
        // --unlock reads the login password from stdin until EOF.
        let mut stdin = child.stdin.take().expect("gnome-keyring-daemon stdin");
        self.keyring = Some(child);
        stdin
            .write_all(KEYRING_PASSWORD.as_bytes())
            .expect("write password to gnome-keyring-daemon");
        drop(stdin);
    }

    fn wait_secrets_owner(&mut self) {
        let deadline = Instant::now() + KEYRING_READY_TIMEOUT;
        loop {
            if let Some(child) = self.keyring.as_mut()
                && let Ok(Some(status)) = child.try_wait()
            {
                self.keyring = None;
                panic!(
                    "gnome-keyring-daemon exited ({status}) before owning org.freedesktop.secrets; \
                     its stderr:\n{}",
                    self.stderr_log("keyring.log")
                );
            }
            let out = self.dbus_call(
                "org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus.NameHasOwner",
                &["string:org.freedesktop.secrets"],
            );
            if out.status.success() && String::from_utf8_lossy(&out.stdout).contains("boolean true")
            {
                return;
            }
            if Instant::now() >= deadline {
                panic!(
                    "org.freedesktop.secrets has no owner after {KEYRING_READY_TIMEOUT:?}; \
                     last dbus-send: {}; gnome-keyring-daemon stderr:\n{}",
                    describe(&out),
                    self.stderr_log("keyring.log")
                );
            }
            thread::sleep(POLL);
        }
    }

    /// Makes sure the `default` alias names an existing collection (gnome-keyring points it at
    /// `login`, which `--unlock` created; set it if it is missing).
    fn ensure_default_collection(&mut self) {
        let login = "/org/freedesktop/secrets/collection/login";
        let deadline = Instant::now() + KEYRING_READY_TIMEOUT;
        loop {
            let out = self.secrets_call(
                "org.freedesktop.Secret.Service.ReadAlias",
                &["string:default"],
            );
            let text = String::from_utf8_lossy(&out.stdout).into_owned();
            if out.status.success()
                && text.contains("object path \"/org/freedesktop/secrets/collection/")
            {
                return;
            }
            let collections = self.secrets_call(
                "org.freedesktop.DBus.Properties.Get",
                &[
                    "string:org.freedesktop.Secret.Service",
                    "string:Collections",
                ],
            );
            if String::from_utf8_lossy(&collections.stdout).contains(login) {
                let set = self.secrets_call(
                    "org.freedesktop.Secret.Service.SetAlias",
                    &["string:default", &format!("objpath:{login}")],
                );
                assert!(
                    set.status.success(),
                    "SetAlias default -> login failed: {}",
                    describe(&set)
                );
                eprintln!("[peers] note: set the keyring's `default` alias to `login`");
                continue;
            }
            if Instant::now() >= deadline {
                panic!(
                    "the keyring has no `default` collection and no `login` collection to point \
                     it at (ReadAlias: {}; Collections: {}); gnome-keyring-daemon stderr:\n{}",
                    describe(&out),
                    describe(&collections),
                    self.stderr_log("keyring.log")
                );
            }
            thread::sleep(POLL);
        }
    }

    /// Store, look up and clear an item in the default collection, as a client would.
    fn probe(&self) {
        let attrs = ["service", "paypulse", "account", "probe"];
        let mut store = vec!["store", "--label", "paypulse peers probe"];
        store.extend(attrs);
        let out = self.run("secret-tool", &store, Some("value"));
        assert!(
            out.status.success(),
            "secret-tool store into the default collection failed: {}; gnome-keyring-daemon \
             stderr:\n{}",
            describe(&out),
            self.stderr_log("keyring.log")
        );
        let got = self.lookup(&[("service", "paypulse"), ("account", "probe")]);
        assert_eq!(
            got.as_deref(),
            Some("value"),
            "secret-tool lookup did not return the probe value"
        );
        let mut clear = vec!["clear"];
        clear.extend(attrs);
        let out = self.run("secret-tool", &clear, None);
        assert!(
            out.status.success(),
            "secret-tool clear failed: {}",
            describe(&out)
        );
    }

    fn secrets_call(&self, method: &str, args: &[&str]) -> Output {
        self.dbus_call(
            "org.freedesktop.secrets",
            "/org/freedesktop/secrets",
            method,
            args,
        )
    }

    fn dbus_call(&self, dest: &str, path: &str, method: &str, args: &[&str]) -> Output {
        let dest = format!("--dest={dest}");
        let mut argv = vec!["--session", "--print-reply", dest.as_str(), path, method];
        argv.extend(args);
        self.run("dbus-send", &argv, None)
    }
}

impl Drop for SecretService {
    fn drop(&mut self) {
        // The keyring first (it would exit anyway once its bus is gone), then the bus.
        terminate(&mut self.keyring);
        terminate(&mut self.bus);
        // `dir` (TempDir) is removed after this, when the fields drop.
    }
}

/// A session bus: one unix socket, EXTERNAL auth, everything allowed, no service activation.
fn bus_config(socket: &Path) -> String {
    format!(
        r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#,
        socket.display()
    )
}

// ---------------------------------------------------------------------------------------------
// OpenID provider
// ---------------------------------------------------------------------------------------------

/// `node tests/oidc/server.js`: npm's `oidc-provider` on 127.0.0.1, an OS-chosen port, with
/// the clients below (both native apps with the loopback redirect `http://127.0.0.1/`, any port;
/// PKCE S256 required), and a login and consent that complete by themselves. Killed on drop.
pub struct Oidc {
    child: Option<Child>,
    /// The server's stdout (it printed the issuer there); kept open so it never sees EPIPE.
    _stdout: Option<ChildStdout>,
    issuer: String,
    startup: Duration,
    /// Holds the server's stderr (`oidc.log`).
    dir: TempDir,
}

impl Oidc {
    /// The public client (`token_endpoint_auth_method: none`).
    pub const PUBLIC_CLIENT: &str = "paypulse-public";
    /// The confidential client (`client_secret_post`) and its secret.
    pub const CONFIDENTIAL_CLIENT: &str = "paypulse-confidential";
    pub const CONFIDENTIAL_SECRET: &str = "paypulse-confidential-secret";
    /// The one account: what userinfo answers.
    pub const SUB: &str = "248289761001";
    pub const EMAIL: &str = "carol@example.org";
    pub const NAME: &str = "Carol Chen";

    /// Starts a fresh provider (no grants) and waits for the issuer URL it prints.
    pub fn start() -> Oidc {
        let t0 = Instant::now();
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oidc");
        assert!(
            root.join("node_modules/oidc-provider").is_dir(),
            "{}/node_modules is missing: run scripts/test once (it runs `npm ci` there)",
            root.display()
        );
        let dir = tempdir("paypulse-oidc-");
        let log = dir.path().join("oidc.log");
        let mut child = Command::new("node")
            .arg("server.js")
            .current_dir(&root)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(create_file(&log)))
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start `node server.js`: {e} (Node.js 20.18 or later is needed; run scripts/test)")
            });
        let stdout = child.stdout.take().expect("node stdout");
        let mut oidc = Oidc {
            child: Some(child),
            _stdout: None,
            issuer: String::new(),
            startup: Duration::ZERO,
            dir,
        };
        // From here on a panic drops `oidc`, which kills the server.
        match first_line(stdout, OIDC_READY_TIMEOUT) {
            Ok((Ok(line), stdout)) if line.trim().starts_with("http://127.0.0.1:") => {
                oidc.issuer = line.trim().to_owned();
                oidc._stdout = Some(stdout);
            }
            other => {
                terminate(&mut oidc.child); // also unblocks the reader thread
                let what = match other {
                    Ok((Ok(line), _)) => format!("printed {line:?}"),
                    Ok((Err(e), _)) => format!("stdout error {e}"),
                    Err(_) => format!("printed no issuer within {OIDC_READY_TIMEOUT:?}"),
                };
                panic!("node server.js {what}; its stderr:\n{}", oidc.log());
            }
        }
        oidc.startup = t0.elapsed();
        eprintln!(
            "[peers] oidc-provider at {} ready in {:?}",
            oidc.issuer, oidc.startup
        );
        oidc
    }

    /// `http://127.0.0.1:PORT`, the issuer (discovery is at `/.well-known/openid-configuration`).
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// What the server wrote on stderr so far (for assertion messages).
    pub fn log(&self) -> String {
        read_lossy(&self.dir.path().join("oidc.log"))
    }
}

impl Drop for Oidc {
    fn drop(&mut self) {
        terminate(&mut self.child);
    }
}

// ---------------------------------------------------------------------------------------------
// Process helpers
// ---------------------------------------------------------------------------------------------

unsafe extern "C" {
    fn kill(pid: i32, sig: i32) -> i32;
}
const SIGTERM: i32 = 15;

/// SIGTERM, up to 3 s grace, then SIGKILL; always reaps. No-op if `child` is None.
fn terminate(child: &mut Option<Child>) {
    let Some(mut c) = child.take() else { return };
    if let Ok(None) = c.try_wait() {
        // Not reaped yet, so the pid is still ours (at worst a zombie): safe to signal.
        let pid = i32::try_from(c.id()).expect("pid fits i32");
        // SAFETY: kill(2) has no memory-safety preconditions.
        unsafe {
            kill(pid, SIGTERM);
        }
        let deadline = Instant::now() + TERM_GRACE;
        while Instant::now() < deadline {
            if let Ok(Some(_)) = c.try_wait() {
                return;
            }
            thread::sleep(POLL);
        }
        let _ = c.kill();
    }
    let _ = c.wait();
}

/// Runs `cmd` with piped stdio, feeding `stdin`; kills it after `timeout`.
fn run_with_timeout(mut cmd: Command, stdin: Option<&str>, timeout: Duration) -> Output {
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let program = format!("{:?}", cmd.get_program());
    let mut child = cmd.spawn().unwrap_or_else(|e| {
        panic!("cannot run {program}: {e} (is it installed? see scripts/test)")
    });
    if let (Some(data), Some(mut pipe)) = (stdin, child.stdin.take()) {
        let _ = pipe.write_all(data.as_bytes());
    }
    let mut out_pipe = child.stdout.take().expect("stdout");
    let mut err_pipe = child.stderr.take().expect("stderr");
    let out_t = thread::spawn(move || {
        let mut b = Vec::new();
        let _ = out_pipe.read_to_end(&mut b);
        b
    });
    let err_t = thread::spawn(move || {
        let mut b = Vec::new();
        let _ = err_pipe.read_to_end(&mut b);
        b
    });
    let deadline = Instant::now() + timeout;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => thread::sleep(Duration::from_millis(10)),
            _ => {
                let _ = child.kill();
                let status = child.wait().expect("wait");
                let _ = (out_t.join(), err_t.join());
                panic!("{program} did not finish within {timeout:?} ({status})");
            }
        }
    };
    Output {
        status,
        stdout: out_t.join().unwrap_or_default(),
        stderr: err_t.join().unwrap_or_default(),
    }
}

fn describe(out: &Output) -> String {
    format!(
        "{}; stdout: {:?}; stderr: {:?}",
        out.status,
        String::from_utf8_lossy(&out.stdout).trim(),
        String::from_utf8_lossy(&out.stderr).trim()
    )
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

fn tempdir(prefix: &str) -> TempDir {
    tempfile::Builder::new()
        .prefix(prefix)
        .tempdir()
        .expect("create temp dir")
}

/// A temp dir whose paths stay well under the 108-byte unix socket path limit.
fn tempdir_short(prefix: &str) -> TempDir {
    let base = std::env::temp_dir();
    let base = if base.as_os_str().len() > 60 {
        PathBuf::from("/tmp")
    } else {
        base
    };
    tempfile::Builder::new()
        .prefix(prefix)
        .tempdir_in(base)
        .expect("create temp dir")
}

fn create_file(path: &Path) -> File {
    File::create(path).unwrap_or_else(|e| panic!("create {}: {e}", path.display()))
}

fn read_lossy(path: &Path) -> String {
    fs::read(path)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

/// The first line a child prints on `stdout` (and the pipe, kept open), or why there is none
/// within `timeout` (the read blocks until the child prints or dies, so it runs on a thread).
fn first_line<R: std::io::Read + Send + 'static>(
    stdout: R,
    timeout: Duration,
) -> Result<(std::io::Result<String>, R), mpsc::RecvTimeoutError> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        let mut line = String::new();
        let res = reader.read_line(&mut line).map(|_| line);
        let _ = tx.send((res, reader.into_inner()));
    });
    rx.recv_timeout(timeout)
}
