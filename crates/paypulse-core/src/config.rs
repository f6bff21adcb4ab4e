//! The config file (`$XDG_CONFIG_HOME/paypulse/config.toml`). Every setting may also come from a
//! flag or an environment variable; the binary layers them: flag > env > file > default.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer};

use crate::store::StoreKind;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {error}")]
    Read {
        path: PathBuf,
        #[source]
        error: std::io::Error,
    },
    /// A syntax error, an unknown key or a value of the wrong kind; `detail` names the key
    /// and its line where the parser knows them.
    #[error("{path} is not a valid paypulse config: {detail}")]
    Invalid { path: PathBuf, detail: String },
    /// The config file names another OAuth client than the one being remembered.
    #[error(
        "{path} is set up for the OAuth client {configured} (`google.client_id`), not for {given}"
    )]
    OtherClient {
        path: PathBuf,
        configured: String,
        given: String,
    },
    #[error("cannot write {path}: {error}")]
    Write {
        path: PathBuf,
        #[source]
        error: std::io::Error,
    },
}

/// Every setting the config file may hold; all optional.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// Checked when the file is read: a typo is an error naming the file and the key, not a
    /// surprise when the store is opened. Empty counts as unset.
    #[serde(default, deserialize_with = "store_kind")]
    pub store: Option<StoreKind>,
    pub user: Option<String>,
    pub secret_prefix: Option<String>,
    pub kms_key_id: Option<String>,
    pub api_url: Option<String>,
    /// A tracing filter, like `PAYPULSE_LOG`.
    pub log: Option<String>,
    #[serde(default)]
    pub google: GoogleConfig,
    #[serde(default)]
    pub gmail: GmailConfig,
}

/// `[gmail]`: how `fetch-invoices` counts its quota budget.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GmailConfig {
    /// Quota units per method (`[gmail.costs]`: `list`, `get`, `attachment`, `history`,
    /// `profile`), e.g. for Gmail's 2026 cost model.
    #[serde(default)]
    pub costs: crate::gmail::MethodCosts,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoogleConfig {
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    pub auth_url: Option<String>,
    pub token_url: Option<String>,
    pub revoke_url: Option<String>,
    pub userinfo_url: Option<String>,
    pub tokeninfo_url: Option<String>,
    pub gmail_api_url: Option<String>,
    pub redirect_path: Option<String>,
}

impl ConfigFile {
    /// Reads `path`. A missing file is an empty config unless `required` (an explicit `--config`).
    pub fn load(path: &Path, required: bool) -> Result<ConfigFile, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => {
                return Ok(ConfigFile::default());
            }
            Err(source) => {
                return Err(ConfigError::Read {
                    path: path.to_owned(),
                    error: source,
                });
            }
        };
        toml::from_str(&text).map_err(|e| ConfigError::Invalid {
            path: path.to_owned(),
            detail: detail(&text, &e),
        })
    }
}

/// `store = "..."`: one of the four stores; an empty string counts as unset.
fn store_kind<'de, D: Deserializer<'de>>(d: D) -> Result<Option<StoreKind>, D::Error> {
    let raw = Option::<String>::deserialize(d)?;
    match raw.as_deref() {
        None | Some("") => Ok(None),
        Some(s) => s.parse().map(Some).map_err(serde::de::Error::custom),
    }
}

/// The parser's message, led by the key it is about and its line (`` `google.token_url` (line
/// 4): ... ``) where the error points into the file.
fn detail(text: &str, e: &toml::de::Error) -> String {
    let message = e.message().trim_end();
    let Some(at) = e.span().map(|s| s.start.min(text.len())) else {
        return message.to_owned();
    };
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_no = text[..line_start].matches('\n').count() + 1;
    let line = text[line_start..].lines().next().unwrap_or("");
    let Some((key, _)) = line.split_once('=') else {
        return format!("line {line_no}: {message}");
    };
    let key = key.trim().trim_matches('"');
    // The table the line is in: the last `[header]` above it.
    let table = text[..line_start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('['))
        .map(|l| l.trim_matches(|c| c == '[' || c == ']').trim());
    match table {
        Some(t) if !t.is_empty() => format!("`{t}.{key}` (line {line_no}): {message}"),
        _ => format!("`{key}` (line {line_no}): {message}"),
    }
}

/// The OAuth client that connected a grant, as [`remember_client`] writes it into `[google]`.
#[derive(Debug, Clone, Copy)]
pub struct ClientToRemember<'a> {
    pub client_id: &'a str,
    /// Written only with the client id, or added to the same client id that lacks one.
    pub client_secret: Option<&'a str>,
    /// The token endpoint the grant was issued by, when it is not Google's default (a refresh
    /// must go there too). Never replaces a configured `token_url`.
    pub token_url: Option<&'a str>,
}

/// What [`remember_client`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remembered {
    /// The client id (and its secret, token URL) were written.
    Client,
    /// The same client was configured without a secret; its secret was added.
    Secret,
    /// The same client was already configured: nothing written.
    AlreadyThere,
}

/// Remembers the OAuth client that connected a grant in the config file's `[google]` table,
/// so later commands can refresh the grant without `--client-secret-file`. The file keeps its
/// comments, order and other keys (`toml_edit`); a missing file (and its folder) is created.
/// The file is replaced atomically and ends with mode 0600 (it holds the client's secret); a
/// symbolic link is followed, so a dotfile manager's link stays a link. A configured client is
/// never replaced: another client id is [`ConfigError::OtherClient`].
pub fn remember_client(
    path: &Path,
    client: ClientToRemember<'_>,
) -> Result<Remembered, ConfigError> {
    // A link (a dotfile manager's) is written through, not replaced by a file.
    let path = match std::fs::canonicalize(path) {
        Ok(target) => target,
        Err(_) => path.to_owned(),
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => return Err(ConfigError::Read { path, error }),
    };
    let mut doc: toml_edit::DocumentMut =
        text.parse()
            .map_err(|e: toml_edit::TomlError| ConfigError::Invalid {
                path: path.clone(),
                detail: e.message().to_owned(),
            })?;
    let invalid = |detail: &str| ConfigError::Invalid {
        path: path.clone(),
        detail: detail.to_owned(),
    };
    let google = doc
        .entry("google")
        .or_insert_with(toml_edit::table)
        .as_table_like_mut()
        .ok_or_else(|| invalid("`google` is not a table"))?;
    let get = |t: &dyn toml_edit::TableLike, key: &str| -> Option<String> {
        t.get(key)
            .and_then(|v| v.as_str())
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let done = match get(google, "client_id") {
        Some(configured) if configured != client.client_id => {
            return Err(ConfigError::OtherClient {
                path,
                configured,
                given: client.client_id.to_owned(),
            });
        }
        Some(_) => match client.client_secret {
            Some(secret) if get(google, "client_secret").is_none() => {
                google.insert("client_secret", toml_edit::value(secret));
                Remembered::Secret
            }
            _ => return Ok(Remembered::AlreadyThere),
        },
        None => {
            google.insert("client_id", toml_edit::value(client.client_id));
            match client.client_secret {
                Some(secret) => {
                    google.insert("client_secret", toml_edit::value(secret));
                }
                None => {
                    google.remove("client_secret");
                }
            }
            if let Some(url) = client.token_url
                && get(google, "token_url").is_none()
            {
                google.insert("token_url", toml_edit::value(url));
            }
            Remembered::Client
        }
    };
    write_private(&path, doc.to_string().as_bytes())
        .map_err(|error| ConfigError::Write { path, error })?;
    Ok(done)
}

/// Replaces `path` atomically with `bytes`, mode 0600 (a temporary file beside it, renamed).
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)?;
    // `tempfile` creates the file with mode 0600 on Unix.
    let mut tmp = tempfile::NamedTempFile::new_in(&dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_setting_and_refuses_typos() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("config.toml");
        std::fs::write(
            &p,
            "store = \"file\"\nuser = \"user_1\"\nsecret_prefix = \"staging/\"\n[google]\nclient_id = \"cid\"\ntoken_url = \"http://127.0.0.1:9/token\"\n",
        )
        .unwrap();
        let c = ConfigFile::load(&p, true).unwrap();
        assert_eq!(c.store, Some(StoreKind::File));
        assert_eq!(c.google.client_id.as_deref(), Some("cid"));
        std::fs::write(&p, "store = \"\"\n").unwrap();
        assert_eq!(ConfigFile::load(&p, true).unwrap().store, None);
        // A typo in the store is an error when the file is read, naming the file and the key.
        std::fs::write(&p, "log = \"warn\"\nstore = \"fiel\"\n").unwrap();
        let msg = ConfigFile::load(&p, true).unwrap_err().to_string();
        assert!(msg.contains("config.toml"), "{msg}");
        assert!(
            msg.contains("`store` (line 2)") && msg.contains("\"fiel\""),
            "{msg}"
        );
        std::fs::write(&p, "[google]\ntoken_url = 3\n").unwrap();
        let msg = ConfigFile::load(&p, true).unwrap_err().to_string();
        assert!(msg.contains("`google.token_url` (line 2)"), "{msg}");
        std::fs::write(&p, "stor = \"file\"\n").unwrap();
        assert!(
            ConfigFile::load(&p, true)
                .unwrap_err()
                .to_string()
                .contains("stor")
        );
        assert!(ConfigFile::load(&tmp.path().join("none.toml"), false).is_ok());
        assert!(ConfigFile::load(&tmp.path().join("none.toml"), true).is_err());
    }

    fn client<'a>(id: &'a str, secret: Option<&'a str>) -> ClientToRemember<'a> {
        ClientToRemember {
            client_id: id,
            client_secret: secret,
            token_url: None,
        }
    }

    #[test]
    fn remembering_a_client_keeps_the_file_as_written() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("config.toml");
        let before = "# my settings\nstore = \"file\" # the vault\n\n[google]\n# proxy\nauth_url = \"http://127.0.0.1:9/auth\"\n";
        std::fs::write(&p, before).unwrap();
        let done = remember_client(
            &p,
            ClientToRemember {
                token_url: Some("http://127.0.0.1:9/token"),
                ..client("cid.apps", Some("GOCSPX-s"))
            },
        )
        .unwrap();
        assert_eq!(done, Remembered::Client);
        let after = std::fs::read_to_string(&p).unwrap();
        assert!(after.starts_with(before), "{after}");
        let c = ConfigFile::load(&p, true).unwrap();
        assert_eq!(c.store, Some(StoreKind::File));
        assert_eq!(c.google.client_id.as_deref(), Some("cid.apps"));
        assert_eq!(c.google.client_secret.as_deref(), Some("GOCSPX-s"));
        assert_eq!(
            c.google.token_url.as_deref(),
            Some("http://127.0.0.1:9/token")
        );
        assert_eq!(
            c.google.auth_url.as_deref(),
            Some("http://127.0.0.1:9/auth")
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // The same client again: nothing written.
        let mtime = std::fs::metadata(&p).unwrap().modified().unwrap();
        assert_eq!(
            remember_client(&p, client("cid.apps", Some("GOCSPX-s"))).unwrap(),
            Remembered::AlreadyThere
        );
        assert_eq!(std::fs::metadata(&p).unwrap().modified().unwrap(), mtime);
        // Another client: refused, naming both, and the file is untouched.
        let err = remember_client(&p, client("other.apps", None)).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("cid.apps") && msg.contains("other.apps"),
            "{msg}"
        );
        assert_eq!(std::fs::read_to_string(&p).unwrap(), after);
    }

    #[test]
    fn a_missing_file_is_created_private_and_a_missing_secret_is_added() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("paypulse").join("config.toml");
        assert_eq!(
            remember_client(&p, client("cid.apps", None)).unwrap(),
            Remembered::Client
        );
        let c = ConfigFile::load(&p, true).unwrap();
        assert_eq!(c.google.client_id.as_deref(), Some("cid.apps"));
        assert_eq!(c.google.client_secret, None);
        assert_eq!(c.google.token_url, None);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert_eq!(
            remember_client(&p, client("cid.apps", Some("GOCSPX-s"))).unwrap(),
            Remembered::Secret
        );
        let c = ConfigFile::load(&p, true).unwrap();
        assert_eq!(c.google.client_secret.as_deref(), Some("GOCSPX-s"));
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_config_stays_a_link() {
        let tmp = tempfile::tempdir().unwrap();
        let real = tmp.path().join("dotfiles-config.toml");
        std::fs::write(&real, "log = \"warn\"\n").unwrap();
        let link = tmp.path().join("config.toml");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        remember_client(&link, client("cid.apps", None)).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        let c = ConfigFile::load(&real, true).unwrap();
        assert_eq!(c.google.client_id.as_deref(), Some("cid.apps"));
        assert_eq!(c.log.as_deref(), Some("warn"));
    }
}
