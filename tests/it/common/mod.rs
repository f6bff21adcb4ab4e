//! The harness every integration test uses: the real `paypulse` binary, run with a cleared
//! environment, a temporary HOME and every URL pointed at local peers.

pub mod peers;
pub mod proxy;

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use paypulse_google_sim::{Grant, Simulator};
use tempfile::TempDir;

pub use paypulse_google_sim::{
    DEFAULT_GOOGLE_EMAIL as GOOGLE_EMAIL, DEFAULT_GOOGLE_NAME as GOOGLE_NAME,
    DEFAULT_GOOGLE_USER_ID as GOOGLE_ID, DEFAULT_PAYPULSE_USER_ID as USER,
    DEFAULT_PUBLIC_CLIENT_ID as CLIENT_ID,
};

/// The scopes of the grants that [`World::grant`] issues.
pub const SCOPE: &str = "openid https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/gmail.readonly";
pub const VAULT_KEY: &str = "a test passphrase, not a real one";

/// One test's world: a temp HOME, the Google simulator and the environment the binary sees.
pub struct World {
    pub tmp: TempDir,
    pub sim: Simulator,
    env: Vec<(String, String)>,
}

impl World {
    pub fn new() -> World {
        let tmp = tempfile::tempdir().unwrap();
        let sim = Simulator::start();
        let home = tmp.path().join("home");
        std::fs::create_dir_all(&home).unwrap();
        let p = |s: &str| home.join(s).to_string_lossy().into_owned();
        let env = vec![
            ("HOME".into(), home.to_string_lossy().into_owned()),
            ("XDG_CONFIG_HOME".into(), p(".config")),
            ("XDG_DATA_HOME".into(), p(".local/share")),
            ("XDG_CACHE_HOME".into(), p(".cache")),
            ("PAYPULSE_GOOGLE_CLIENT_ID".into(), CLIENT_ID.into()),
            ("PAYPULSE_GOOGLE_AUTH_URL".into(), sim.auth_url()),
            ("PAYPULSE_GOOGLE_TOKEN_URL".into(), sim.token_url()),
            ("PAYPULSE_GOOGLE_REVOKE_URL".into(), sim.revoke_url()),
            ("PAYPULSE_GOOGLE_USERINFO_URL".into(), sim.userinfo_url()),
            ("PAYPULSE_GOOGLE_TOKENINFO_URL".into(), sim.tokeninfo_url()),
            ("PAYPULSE_API_URL".into(), sim.api_url()),
            ("PAYPULSE_VAULT_KEY".into(), VAULT_KEY.into()),
            // Nothing may reach the real D-Bus session or AWS account of whoever runs the tests.
            (
                "DBUS_SESSION_BUS_ADDRESS".into(),
                format!("unix:path={}", p("no-bus")),
            ),
            ("AWS_EC2_METADATA_DISABLED".into(), "true".into()),
            ("AWS_CONFIG_FILE".into(), p("aws-config")),
            ("AWS_SHARED_CREDENTIALS_FILE".into(), p("aws-credentials")),
        ];
        World { tmp, sim, env }
    }

    /// The usual world: the `file` store and the user [`USER`].
    pub fn file_store() -> World {
        let mut w = World::new();
        w.set("PAYPULSE_STORE", "file").set("PAYPULSE_USER", USER);
        w
    }

    pub fn set(&mut self, key: &str, value: &str) -> &mut World {
        self.env.retain(|(k, _)| k != key);
        self.env.push((key.into(), value.into()));
        self
    }

    pub fn unset(&mut self, key: &str) -> &mut World {
        self.env.retain(|(k, _)| k != key);
        self
    }

    pub fn home(&self) -> PathBuf {
        self.tmp.path().join("home")
    }

    /// The binary with a cleared environment: only what this world sets.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("paypulse").unwrap();
        cmd.env_clear();
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd.timeout(std::time::Duration::from_secs(60));
        cmd
    }

    /// The binary as a std `Command` (for runs that are driven while they run), same environment.
    pub fn std_cmd(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("paypulse"));
        cmd.env_clear();
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd
    }

    /// Points the `aws` store at a moto server.
    pub fn use_moto(&mut self, moto: &peers::Moto) -> &mut World {
        self.set("AWS_ENDPOINT_URL_SECRETS_MANAGER", &moto.endpoint())
            .set("AWS_REGION", "us-east-1")
            .set("AWS_ACCESS_KEY_ID", "testing")
            .set("AWS_SECRET_ACCESS_KEY", "testing")
    }

    /// Points the `keyring` store at a private Secret Service.
    pub fn use_secret_service(&mut self, ss: &peers::SecretService) -> &mut World {
        for (k, v) in ss.env() {
            self.set(&k, &v);
        }
        self
    }

    /// A grant at the simulator and the bundle JSON the backend would have stored for it.
    pub fn grant(&self, expires_in: i64) -> (Grant, String) {
        let grant = self
            .sim
            .issue_grant(CLIENT_ID, GOOGLE_ID, SCOPE, expires_in);
        let now = chrono::Utc::now().naive_utc();
        let fmt = |t: chrono::NaiveDateTime| t.format("%Y-%m-%dT%H:%M:%S%.6f").to_string();
        let bundle = serde_json::json!({
            "access_token": grant.access_token,
            "refresh_token": grant.refresh_token,
            "expires_at": fmt(now + chrono::TimeDelta::seconds(expires_in)),
            "expires_in": expires_in.max(0),
            "scope": grant.scope,
            "token_type": "Bearer",
            "created_at": fmt(now),
            "google_user_id": GOOGLE_ID,
            "google_email": GOOGLE_EMAIL,
            "google_name": GOOGLE_NAME,
            "google_verified_email": true,
        });
        (grant, bundle.to_string())
    }

    /// `tokens import` of `bundle` for `user`; asserts success.
    pub fn import(&self, user: &str, bundle: &str) {
        self.cmd()
            .args(["tokens", "import", "--user", user])
            .write_stdin(bundle)
            .assert()
            .success();
    }

    /// Runs `args` (which include `--json`), asserts success and parses stdout.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let out = self.cmd().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// `tokens show --json --reveal` for `user`, parsed: the stored tokens in full.
    pub fn reveal(&self, user: &str) -> serde_json::Value {
        self.json(&["tokens", "show", "--json", "--reveal", "--user", user])
    }

    /// `tokens show --json` for `user`, parsed.
    pub fn show(&self, user: &str) -> serde_json::Value {
        self.json(&["tokens", "show", "--json", "--user", user])
    }
}

/// Every file below `dir`, recursively.
/// Every file under `dir`, but for the tool's own bookkeeping folder (`.paypulse/`).
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if e.file_name() == ".paypulse" {
                continue;
            }
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// The parsed JSON error document a failing `--json` command wrote on stderr.
pub fn json_error(stderr: &[u8]) -> serde_json::Value {
    let text = String::from_utf8_lossy(stderr);
    let line = text
        .lines()
        .rev()
        .find(|l| l.starts_with('{'))
        .unwrap_or_else(|| panic!("no JSON error in {text}"));
    serde_json::from_str(line).unwrap()
}

/// Runs `connect-gmail` with `args`, waits for the printed authorize URL (the line that starts
/// with `http` and holds `marker`); `drive` gets it and the child's
/// stdin, and plays the user's part. The URL must appear: a run that stops before the browser
/// step is tested with a plain `w.cmd()`.
pub fn connect_gmail(
    w: &World,
    args: &[&str],
    marker: &str,
    drive: impl FnOnce(&str, &mut dyn std::io::Write),
) -> std::process::Output {
    let mut child = w
        .std_cmd()
        .arg("connect-gmail")
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    let reader = std::thread::spawn(move || {
        let mut all = String::new();
        for line in std::io::BufReader::new(stderr).lines() {
            let line = line.unwrap();
            all.push_str(&line);
            all.push('\n');
            let _ = tx.send(line);
        }
        all
    });
    let url = loop {
        match rx.recv_timeout(std::time::Duration::from_secs(30)) {
            Ok(line) if line.trim_start().starts_with("http") && line.contains(marker) => {
                break Some(line.trim().to_owned());
            }
            Ok(_) => continue,
            Err(_) => break None,
        }
    };
    let Some(url) = url else {
        let _ = child.kill();
        let stderr = reader.join().unwrap();
        panic!("connect-gmail never printed the authorize URL; stderr:\n{stderr}");
    };
    let mut stdin = child.stdin.take().unwrap();
    drive(&url, &mut stdin);
    drop(stdin);
    let mut stdout = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    let status = child.wait().unwrap();
    let stderr = reader.join().unwrap();
    std::process::Output {
        status,
        stdout: stdout.into_bytes(),
        stderr: stderr.into_bytes(),
    }
}
