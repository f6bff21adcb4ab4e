//! Validated names: the PayPulse user id and the secret name a bundle is stored under.

use serde::Serialize;

/// Errors from validating names.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum IdError {
    #[error(
        "invalid user id {0:?}: expected `user_` followed by 1 to 128 letters, digits, `-` or `_`"
    )]
    UserId(String),
    #[error(
        "invalid secret prefix {0:?}: use letters, digits and `/_+=.@-`, at most 256 characters"
    )]
    Prefix(String),
}

/// A PayPulse user id: `user_` followed by 1 to 128 of `[A-Za-z0-9_-]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct UserId(String);

impl UserId {
    pub fn parse(s: &str) -> Result<UserId, IdError> {
        let rest = s
            .strip_prefix("user_")
            .ok_or_else(|| IdError::UserId(shorten(s)))?;
        let ok = (1..=128).contains(&rest.len())
            && rest
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if ok {
            Ok(UserId(s.to_owned()))
        } else {
            Err(IdError::UserId(shorten(s)))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for UserId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A store-wide prefix put in front of every secret name (staging stacks); may be empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SecretPrefix(String);

impl SecretPrefix {
    /// The characters AWS Secrets Manager allows in a name.
    pub fn parse(s: &str) -> Result<SecretPrefix, IdError> {
        let ok = s.len() <= 256
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"/_+=.@-".contains(&b));
        if ok {
            Ok(SecretPrefix(s.to_owned()))
        } else {
            Err(IdError::Prefix(shorten(s)))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The name a user's bundle is stored under: `{prefix}gmail/user/{user_id}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct SecretName(String);

const BUNDLE_STEM: &str = "gmail/user/";

impl SecretName {
    pub fn for_user(prefix: &SecretPrefix, user: &UserId) -> SecretName {
        SecretName(format!("{}{BUNDLE_STEM}{}", prefix.0, user.0))
    }

    /// A name outside the per-user bundles (e.g. the PayPulse session).
    pub fn other(name: &str) -> SecretName {
        SecretName(name.to_owned())
    }

    /// The user a bundle name belongs to, if it is a bundle name under `prefix`.
    pub fn user_id(&self, prefix: &SecretPrefix) -> Option<UserId> {
        let rest = self.0.strip_prefix(&prefix.0)?.strip_prefix(BUNDLE_STEM)?;
        UserId::parse(rest).ok()
    }

    /// The common prefix of every bundle name under `prefix` (for listing).
    pub fn bundle_prefix(prefix: &SecretPrefix) -> String {
        format!("{}{BUNDLE_STEM}", prefix.0)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for SecretName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Keeps error messages short and free of control characters.
fn shorten(s: &str) -> String {
    let clean: String = s.chars().filter(|c| !c.is_control()).take(40).collect();
    if s.chars().count() > 40 {
        format!("{clean}…")
    } else {
        clean
    }
}

/// The masked form of a secret: at most its first 6 characters and `…` (fewer for short ones,
/// so that a short secret is never mostly shown).
pub fn mask(secret: &str) -> String {
    let n = secret.chars().count();
    let shown = (n / 4).min(6);
    let head: String = secret.chars().take(shown).collect();
    format!("{head}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_ids_are_validated() {
        for ok in [
            "user_1",
            "user_abc-DEF_9",
            &format!("user_{}", "a".repeat(128)),
        ] {
            assert!(UserId::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "user_",
            "user",
            "User_1",
            "usr_1",
            "user_a/b",
            "user_../x",
            "user_a b",
            "user_å",
            "user_\n",
            &format!("user_{}", "a".repeat(129)),
        ] {
            assert!(UserId::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn secret_names_and_prefixes() {
        let u = UserId::parse("user_42").unwrap();
        let none = SecretPrefix::default();
        let staging = SecretPrefix::parse("staging/").unwrap();
        assert_eq!(
            SecretName::for_user(&none, &u).as_str(),
            "gmail/user/user_42"
        );
        let n = SecretName::for_user(&staging, &u);
        assert_eq!(n.as_str(), "staging/gmail/user/user_42");
        assert_eq!(n.user_id(&staging), Some(u.clone()));
        assert_eq!(n.user_id(&none), None);
        assert_eq!(SecretName::other("gmail/user/bad id").user_id(&none), None);
        assert!(SecretPrefix::parse("a b").is_err());
        assert!(SecretPrefix::parse("x\u{1b}[31m").is_err());
    }

    #[test]
    fn masks_show_at_most_six_characters() {
        assert_eq!(mask("ya29.a0AfH6SMBxxxxxxxxxxxxxxxxxx"), "ya29.a…");
        assert_eq!(mask("1//0gabcdefgh"), "1//…");
        assert_eq!(mask("abc"), "…");
        assert_eq!(mask(""), "…");
    }

    #[test]
    fn error_messages_are_short_and_clean() {
        let long = format!("x\u{1b}[2J{}", "y".repeat(100));
        let msg = UserId::parse(&long).unwrap_err().to_string();
        assert!(!msg.contains('\u{1b}') && msg.len() < 200, "{msg}");
    }
}
