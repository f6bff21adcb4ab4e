//! The config file (`$XDG_CONFIG_HOME/paypulse/config.toml`). Every setting may also come from a
//! flag or an environment variable; the binary layers them: flag > env > file > default.

use std::path::{Path, PathBuf};

use serde::Deserialize;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {error}")]
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("{path} is not a valid paypulse config: {detail}")]
    Invalid { path: PathBuf, detail: String },
}

/// Every setting the config file may hold; all optional.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    pub store: Option<String>,
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
            detail: e.message().to_owned(),
        })
    }
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
        assert_eq!(c.store.as_deref(), Some("file"));
        assert_eq!(c.google.client_id.as_deref(), Some("cid"));
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
}
