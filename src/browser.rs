//! Opens the sign-in URL in the user's browser, with a minimal environment: the browser (and
//! whatever `$BROWSER` runs) never sees `PAYPULSE_VAULT_KEY`, AWS credentials, the OAuth
//! client secret or anything else of paypulse's environment beyond what a desktop needs.

use std::ffi::OsString;
use std::process::{Command, Stdio};

/// The variables a browser is given (when set): the desktop session, locale and paths.
const KEPT: &[&str] = &[
    "PATH",
    "HOME",
    "USER",
    "LOGNAME",
    "SHELL",
    "LANG",
    "LANGUAGE",
    "TZ",
    "TMPDIR",
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "XAUTHORITY",
    "XDG_RUNTIME_DIR",
    "XDG_CONFIG_HOME",
    "XDG_DATA_HOME",
    "XDG_CACHE_HOME",
    "XDG_CONFIG_DIRS",
    "XDG_DATA_DIRS",
    "XDG_CURRENT_DESKTOP",
    "XDG_SESSION_TYPE",
    "DESKTOP_SESSION",
    "DBUS_SESSION_BUS_ADDRESS",
    crate::env_vars::EnvVars::BROWSER,
    // Windows and macOS session basics.
    "SYSTEMROOT",
    "WINDIR",
    "USERPROFILE",
    "APPDATA",
    "LOCALAPPDATA",
    "TEMP",
    "TMP",
    "PATHEXT",
    "COMSPEC",
    "__CF_USER_TEXT_ENCODING",
];

/// The environment a browser is started with: [`KEPT`] and the `LC_*` locale variables.
pub fn minimal_env() -> Vec<(OsString, OsString)> {
    std::env::vars_os()
        .filter(|(k, _)| {
            k.to_str()
                .is_some_and(|k| KEPT.contains(&k) || k.starts_with("LC_"))
        })
        .collect()
}

/// The commands to try, in order: each entry of `$BROWSER` (`:`-separated; `%s` stands for
/// the URL, else it is appended), then the platform's opener.
fn candidates(url: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    if let Some(browser) = std::env::var(crate::env_vars::EnvVars::BROWSER)
        .ok()
        .filter(|b| !b.trim().is_empty())
    {
        for entry in browser.split(':').filter(|e| !e.trim().is_empty()) {
            let mut words: Vec<String> = entry.split_whitespace().map(str::to_owned).collect();
            if words.iter().any(|w| w.contains("%s")) {
                for w in &mut words {
                    *w = w.replace("%s", url);
                }
            } else {
                words.push(url.to_owned());
            }
            out.push(words);
        }
    }
    let opener: &[&str] = if cfg!(target_os = "macos") {
        &["open"]
    } else if cfg!(windows) {
        &["rundll32", "url.dll,FileProtocolHandler"]
    } else {
        &["xdg-open"]
    };
    let mut words: Vec<String> = opener.iter().map(|s| (*s).to_owned()).collect();
    words.push(url.to_owned());
    out.push(words);
    out
}

/// Starts the browser on `url`. A command that fails within two seconds counts as not
/// started (the next one is tried); one still running then is left to run (a thread reaps it).
/// Blocking: call it off the async runtime.
pub fn open(url: &str) -> std::io::Result<()> {
    let env = minimal_env();
    let mut last = std::io::Error::other("no browser command");
    for words in candidates(url) {
        let mut cmd = Command::new(&words[0]);
        cmd.args(&words[1..])
            .env_clear()
            .envs(env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let mut child = match cmd.spawn() {
            Ok(c) => c,
            Err(e) => {
                last = e;
                continue;
            }
        };
        let started = std::time::Instant::now();
        loop {
            match child.try_wait() {
                Ok(Some(status)) if status.success() => return Ok(()),
                Ok(Some(status)) => {
                    last =
                        std::io::Error::other(format!("the browser command exited with {status}"));
                    break;
                }
                Ok(None) if started.elapsed() < std::time::Duration::from_secs(2) => {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                Ok(None) => {
                    std::thread::spawn(move || child.wait());
                    return Ok(());
                }
                Err(e) => return Err(e),
            }
        }
    }
    Err(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_commands_take_the_url() {
        let url = "https://accounts.example/auth?a=1&b=2";
        let c = candidates(url);
        let last = c.last().unwrap();
        assert_eq!(last.last().unwrap(), url);
        assert!(
            KEPT.iter()
                .all(|k| !k.starts_with("PAYPULSE") && !k.starts_with("AWS"))
        );
    }
}
