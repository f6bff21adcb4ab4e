//! The token bundle: the JSON object stored per user under `gmail/user/{user_id}`, shared with the
//! PayPulse backend (Python). Reading is lenient, writing is strict (see the SPEC).

use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// How long before expiry a token counts as `expiring` and is refreshed proactively.
pub const REFRESH_WINDOW: TimeDelta = TimeDelta::minutes(5);

/// Errors from reading a bundle.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    #[error("not a valid token bundle: {0}")]
    Invalid(String),
}

/// A Gmail OAuth token bundle.
///
/// Secrets are [`SecretString`]s: `Debug` never shows them and there is no `Display`.
#[derive(Debug, Clone)]
pub struct TokenBundle {
    pub access_token: SecretString,
    pub refresh_token: Option<SecretString>,
    /// UTC; `None` when an older record has no `expires_at` ("unknown": use it, refresh on a 401).
    pub expires_at: Option<NaiveDateTime>,
    pub expires_in: Option<i64>,
    pub scope: Option<String>,
    pub token_type: Option<String>,
    pub created_at: Option<NaiveDateTime>,
    pub google_user_id: Option<String>,
    pub google_email: Option<String>,
    pub google_name: Option<String>,
    pub google_verified_email: Option<bool>,
    /// Fields this version does not know, kept as they were on rewrite.
    pub extra: Map<String, Value>,
}

/// Where a bundle's access token stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenStatus {
    Valid,
    /// Expires within the refresh window.
    Expiring,
    Expired,
    /// No `expires_at` recorded.
    Unknown,
}

impl std::fmt::Display for TokenStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TokenStatus::Valid => "valid",
            TokenStatus::Expiring => "expiring",
            TokenStatus::Expired => "expired",
            TokenStatus::Unknown => "unknown",
        })
    }
}

/// The on-disk shape. Timestamps are kept as strings here and parsed leniently.
#[derive(Serialize, Deserialize)]
struct Wire {
    access_token: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    refresh_token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    expires_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    expires_in: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    scope: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    token_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    google_user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    google_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    google_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    google_verified_email: Option<bool>,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

impl TokenBundle {
    /// A new bundle as issued now (`created_at` = now, `expires_at` = now + `expires_in`).
    pub fn issued(
        access_token: SecretString,
        refresh_token: Option<SecretString>,
        expires_in: Option<i64>,
        scope: Option<String>,
        now: NaiveDateTime,
    ) -> TokenBundle {
        TokenBundle {
            access_token,
            refresh_token,
            expires_at: expires_in.and_then(|s| expiry_after(now, s)),
            expires_in,
            scope,
            token_type: Some("Bearer".into()),
            created_at: Some(now),
            google_user_id: None,
            google_email: None,
            google_name: None,
            google_verified_email: None,
            extra: Map::new(),
        }
    }

    /// Parses a bundle leniently: offsets on timestamps, a missing `expires_at`, unknown fields.
    pub fn from_json(text: &str) -> Result<TokenBundle, BundleError> {
        let wire: Wire =
            serde_json::from_str(text).map_err(|e| BundleError::Invalid(strip_input(&e)))?;
        if wire.access_token.trim().is_empty() {
            return Err(BundleError::Invalid("`access_token` is empty".into()));
        }
        if wire
            .refresh_token
            .as_deref()
            .is_some_and(|t| t.trim().is_empty())
        {
            return Err(BundleError::Invalid("`refresh_token` is empty".into()));
        }
        let time = |field: &str, v: Option<String>| -> Result<Option<NaiveDateTime>, BundleError> {
            match v {
                None => Ok(None),
                Some(s) => parse_timestamp(&s).map(Some).ok_or_else(|| {
                    BundleError::Invalid(format!("`{field}` is not an ISO 8601 timestamp"))
                }),
            }
        };
        Ok(TokenBundle {
            access_token: SecretString::from(wire.access_token),
            refresh_token: wire.refresh_token.map(SecretString::from),
            expires_at: time("expires_at", wire.expires_at)?,
            expires_in: wire.expires_in,
            scope: wire.scope,
            token_type: wire.token_type,
            created_at: time("created_at", wire.created_at)?,
            google_user_id: wire.google_user_id,
            google_email: wire.google_email,
            google_name: wire.google_name,
            google_verified_email: wire.google_verified_email,
            extra: wire.extra,
        })
    }

    /// Writes the bundle strictly, compact JSON, timestamps as Python's naive `isoformat()`.
    pub fn to_json(&self) -> String {
        let wire = Wire {
            access_token: self.access_token.expose_secret().to_owned(),
            refresh_token: self
                .refresh_token
                .as_ref()
                .map(|t| t.expose_secret().to_owned()),
            expires_at: self.expires_at.map(format_timestamp),
            expires_in: self.expires_in,
            scope: self.scope.clone(),
            token_type: self.token_type.clone(),
            created_at: self.created_at.map(format_timestamp),
            google_user_id: self.google_user_id.clone(),
            google_email: self.google_email.clone(),
            google_name: self.google_name.clone(),
            google_verified_email: self.google_verified_email,
            extra: self.extra.clone(),
        };
        serde_json::to_string(&wire).expect("a bundle always serializes")
    }

    /// Status of the access token at `now` (UTC).
    pub fn status(&self, now: NaiveDateTime) -> TokenStatus {
        match self.expires_at {
            None => TokenStatus::Unknown,
            Some(at) if at <= now => TokenStatus::Expired,
            Some(at) if at - now <= REFRESH_WINDOW => TokenStatus::Expiring,
            Some(_) => TokenStatus::Valid,
        }
    }

    /// Whether a refresh is due: expiring, expired or unknown.
    pub fn needs_refresh(&self, now: NaiveDateTime) -> bool {
        self.status(now) != TokenStatus::Valid
    }

    /// Same grant: the same refresh token (both have one), and no conflicting Google account.
    /// A refresh only writes back over, and an `invalid_grant` only deletes, a stored bundle
    /// that is still the same grant.
    pub fn same_grant(&self, other: &TokenBundle) -> bool {
        let same_token = match (&self.refresh_token, &other.refresh_token) {
            (Some(a), Some(b)) => a.expose_secret() == b.expose_secret(),
            _ => false,
        };
        let conflicting_account = matches!(
            (&self.google_user_id, &other.google_user_id),
            (Some(a), Some(b)) if a != b
        );
        same_token && !conflicting_account
    }

    /// Same Google account: both bundles name it, and it is the same. Two bundles without a
    /// `google_user_id` are not known to be the same account.
    pub fn same_account(&self, other: &TokenBundle) -> bool {
        matches!(
            (&self.google_user_id, &other.google_user_id),
            (Some(a), Some(b)) if a == b
        )
    }
}

/// The longest `expires_in` taken from a token endpoint (ten years); beyond it the answer is
/// refused (it would overflow the date arithmetic, or it is not a real expiry).
pub const MAX_EXPIRES_IN: i64 = 10 * 366 * 24 * 3600;

/// `now + secs`, `None` when that is not a representable time.
pub fn expiry_after(now: NaiveDateTime, secs: i64) -> Option<NaiveDateTime> {
    TimeDelta::try_seconds(secs).and_then(|d| now.checked_add_signed(d))
}

/// Now, as the naive UTC datetime the bundle uses.
pub fn utc_now() -> NaiveDateTime {
    Utc::now().naive_utc()
}

/// Python's `datetime.isoformat()` of a naive datetime: microseconds only when non-zero.
pub fn format_timestamp(t: NaiveDateTime) -> String {
    if t.and_utc().timestamp_subsec_micros() == 0 {
        t.format("%Y-%m-%dT%H:%M:%S").to_string()
    } else {
        t.format("%Y-%m-%dT%H:%M:%S%.6f").to_string()
    }
}

/// Reads a timestamp as the backend may have written it: naive (taken as UTC), with `Z` or a
/// numeric offset (converted to UTC), `T` or a space between date and time, any fraction.
pub fn parse_timestamp(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.naive_utc());
    }
    let normalized = s.replacen(' ', "T", 1);
    if let Ok(t) = DateTime::parse_from_rfc3339(&normalized) {
        return Some(t.naive_utc());
    }
    ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&normalized, f).ok())
}

/// serde_json's messages may quote the input; keep only the position so no secret leaks.
fn strip_input(e: &serde_json::Error) -> String {
    match e.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
            format!("malformed JSON at line {} column {}", e.line(), e.column())
        }
        serde_json::error::Category::Data => {
            let msg = e.to_string();
            // "missing field `x`" and "invalid type: ..., expected ..." name fields, not values,
            // except for string values, which serde quotes: drop anything quoted.
            if msg.contains('"') {
                format!(
                    "a field has the wrong type (line {} column {})",
                    e.line(),
                    e.column()
                )
            } else {
                msg
            }
        }
        serde_json::error::Category::Io => "could not read the bundle".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f").unwrap()
    }

    const SEED: &str = r#"{"access_token":"ya29.a0AfH6SMB","refresh_token":"1//0gabc","expires_at":"2026-11-21T23:20:56.123456","expires_in":3599,"scope":"openid email https://www.googleapis.com/auth/gmail.readonly","token_type":"Bearer","created_at":"2026-11-21T22:20:57.000001","google_user_id":"104729384756102938475","google_email":"alice@example.com","google_name":"Alice Andersson","google_verified_email":true}"#;

    #[test]
    fn seed_round_trips_byte_for_byte() {
        let b = TokenBundle::from_json(SEED).unwrap();
        assert_eq!(b.access_token.expose_secret(), "ya29.a0AfH6SMB");
        assert_eq!(
            b.refresh_token.as_ref().unwrap().expose_secret(),
            "1//0gabc"
        );
        assert_eq!(b.expires_at, Some(t("2026-11-21T23:20:56.123456")));
        assert_eq!(b.expires_in, Some(3599));
        assert_eq!(
            b.scope.as_deref(),
            Some("openid email https://www.googleapis.com/auth/gmail.readonly")
        );
        assert_eq!(b.token_type.as_deref(), Some("Bearer"));
        assert_eq!(b.created_at, Some(t("2026-11-21T22:20:57.000001")));
        assert_eq!(b.google_user_id.as_deref(), Some("104729384756102938475"));
        assert_eq!(b.google_email.as_deref(), Some("alice@example.com"));
        assert_eq!(b.google_name.as_deref(), Some("Alice Andersson"));
        assert_eq!(b.google_verified_email, Some(true));
        assert_eq!(b.to_json(), SEED);
    }

    #[test]
    fn timestamps_are_written_like_python_isoformat() {
        assert_eq!(
            format_timestamp(t("2026-11-21T23:20:56.123456")),
            "2026-11-21T23:20:56.123456"
        );
        assert_eq!(
            format_timestamp(t("2026-11-21T23:20:56.000100")),
            "2026-11-21T23:20:56.000100"
        );
        // Python omits the fraction when microsecond == 0.
        assert_eq!(
            format_timestamp(t("2026-11-21T23:20:56")),
            "2026-11-21T23:20:56"
        );
        // Nanoseconds beyond microseconds are not written (Python has none).
        let nanos = t("2026-11-21T23:20:56.123456789");
        assert_eq!(format_timestamp(nanos), "2026-11-21T23:20:56.123456");
    }

    #[test]
    fn timestamps_are_read_in_every_form_the_backend_wrote() {
        let want = t("2026-11-21T23:20:56.123456");
        for s in [
            "2026-11-21T23:20:56.123456",
            "2026-11-21T23:20:56.123456Z",
            "2026-11-21T23:20:56.123456+00:00",
            "2026-11-22T00:20:56.123456+01:00",
            "2026-11-21 23:20:56.123456",
            "2026-11-21 23:20:56.123456+00:00",
        ] {
            assert_eq!(parse_timestamp(s), Some(want), "{s}");
        }
        assert_eq!(
            parse_timestamp("2026-11-21T23:20:56"),
            Some(t("2026-11-21T23:20:56"))
        );
        assert_eq!(
            parse_timestamp("2026-11-21T23:20:56.1Z"),
            Some(t("2026-11-21T23:20:56.1"))
        );
        assert_eq!(parse_timestamp("yesterday"), None);
        assert_eq!(parse_timestamp(""), None);
    }

    #[test]
    fn offsets_are_normalized_to_naive_utc_on_rewrite() {
        let text = SEED.replace("23:20:56.123456", "23:20:56.123456Z");
        let b = TokenBundle::from_json(&text).unwrap();
        assert!(
            b.to_json()
                .contains(r#""expires_at":"2026-11-21T23:20:56.123456""#)
        );
    }

    #[test]
    fn missing_expires_at_is_unknown_and_due_for_refresh() {
        let b = TokenBundle::from_json(r#"{"access_token":"ya29.x"}"#).unwrap();
        assert_eq!(b.expires_at, None);
        assert_eq!(b.status(utc_now()), TokenStatus::Unknown);
        assert!(b.needs_refresh(utc_now()));
        assert!(b.refresh_token.is_none());
        assert_eq!(b.to_json(), r#"{"access_token":"ya29.x"}"#);
    }

    #[test]
    fn unknown_fields_are_kept_on_rewrite() {
        let text = SEED.replace('}', r#","backend_note":{"v":2},"id_token":"eyJ"}"#);
        let b = TokenBundle::from_json(&text).unwrap();
        let out: Value = serde_json::from_str(&b.to_json()).unwrap();
        assert_eq!(out["backend_note"]["v"], 2);
        assert_eq!(out["id_token"], "eyJ");
        assert_eq!(out["google_email"], "alice@example.com");
    }

    #[test]
    fn status_follows_the_five_minute_window() {
        let b = TokenBundle::from_json(SEED).unwrap();
        let at = b.expires_at.unwrap();
        assert_eq!(b.status(at - TimeDelta::minutes(6)), TokenStatus::Valid);
        assert_eq!(b.status(at - TimeDelta::minutes(5)), TokenStatus::Expiring);
        assert_eq!(b.status(at - TimeDelta::seconds(1)), TokenStatus::Expiring);
        assert_eq!(b.status(at), TokenStatus::Expired);
        assert!(!b.needs_refresh(at - TimeDelta::minutes(6)));
        assert!(b.needs_refresh(at - TimeDelta::minutes(4)));
    }

    #[test]
    fn invalid_bundles_are_refused_without_echoing_values() {
        for text in [
            "",
            "not json",
            "{}",
            r#"{"access_token":""}"#,
            r#"{"access_token":"ya29.x","refresh_token":""}"#,
            r#"{"access_token":"ya29.x","expires_at":"soon"}"#,
            r#"{"access_token":"ya29.x","expires_in":"1//0secret"}"#,
            r#"["ya29.x"]"#,
        ] {
            let err = TokenBundle::from_json(text).unwrap_err().to_string();
            assert!(
                !err.contains("1//0secret") && !err.contains("ya29"),
                "{err}"
            );
        }
    }

    #[test]
    fn debug_never_shows_secrets() {
        let b = TokenBundle::from_json(SEED).unwrap();
        let dbg = format!("{b:?}");
        assert!(
            !dbg.contains("ya29.a0AfH6SMB") && !dbg.contains("1//0gabc"),
            "{dbg}"
        );
    }

    #[test]
    fn issued_sets_created_and_expiry() {
        let now = t("2026-11-21T22:00:00");
        let b = TokenBundle::issued(SecretString::from("a"), None, Some(3599), None, now);
        assert_eq!(b.created_at, Some(now));
        assert_eq!(b.expires_at, Some(t("2026-11-21T22:59:59")));
        assert_eq!(b.token_type.as_deref(), Some("Bearer"));
    }

    #[test]
    fn an_overflowing_expiry_is_no_time_not_a_panic() {
        let now = t("2026-11-21T22:00:00");
        assert_eq!(expiry_after(now, i64::MAX), None);
        assert_eq!(expiry_after(now, i64::MIN), None);
        let b = TokenBundle::issued(SecretString::from("a"), None, Some(i64::MAX), None, now);
        assert_eq!(b.expires_at, None);
    }

    #[test]
    fn same_grant_compares_account_and_refresh_token() {
        let a = TokenBundle::from_json(SEED).unwrap();
        let mut b = a.clone();
        b.access_token = SecretString::from("other");
        assert!(a.same_grant(&b));
        b.refresh_token = Some(SecretString::from("1//0other"));
        assert!(!a.same_grant(&b));
        let mut c = a.clone();
        c.google_user_id = Some("999".into());
        assert!(!a.same_grant(&c));
        assert!(!a.same_account(&c));
        assert!(a.same_account(&a.clone()));
        let mut no_id = a.clone();
        no_id.google_user_id = None;
        assert!(!no_id.same_account(&no_id.clone()));
        // Without refresh tokens there is no grant to compare.
        let mut no_rt = a.clone();
        no_rt.refresh_token = None;
        assert!(!no_rt.same_grant(&no_rt.clone()));
    }

    mod hostile {
        //! Hostile input: the parser never panics, and what it accepts it writes back stably.
        use super::*;
        use proptest::prelude::*;

        fn json_value() -> impl Strategy<Value = Value> {
            let leaf = prop_oneof![
                Just(Value::Null),
                any::<bool>().prop_map(Value::Bool),
                any::<i64>().prop_map(Value::from),
                any::<f64>().prop_map(Value::from),
                ".{0,40}".prop_map(Value::String),
                // Timestamp-like strings, valid and not.
                "[0-9]{1,6}-[0-9]{1,3}-[0-9]{1,3}[T ][0-9:.]{0,20}(Z|[+-][0-9]{2}:[0-9]{2})?"
                    .prop_map(Value::String),
            ];
            leaf.prop_recursive(4, 64, 8, |inner| {
                prop_oneof![
                    prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
                    prop::collection::btree_map(".{0,12}", inner, 0..8)
                        .prop_map(|m| Value::Object(m.into_iter().collect())),
                ]
            })
        }

        const FIELDS: &[&str] = &[
            "access_token",
            "refresh_token",
            "expires_at",
            "expires_in",
            "scope",
            "token_type",
            "created_at",
            "google_user_id",
            "google_email",
            "google_name",
            "google_verified_email",
        ];

        /// Objects with the bundle's own fields, holding any kind of value.
        fn bundle_like() -> impl Strategy<Value = String> {
            prop::collection::vec((prop::sample::select(FIELDS), json_value()), 0..14).prop_map(
                |fields| {
                    let mut m = Map::new();
                    m.insert("access_token".into(), Value::String("ya29.x".into()));
                    for (k, v) in fields {
                        m.insert(k.to_owned(), v);
                    }
                    Value::Object(m).to_string()
                },
            )
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(512))]

            #[test]
            fn any_text_is_refused_or_parsed_never_a_panic(text in ".{0,200}") {
                let _ = TokenBundle::from_json(&text);
            }

            #[test]
            fn any_bytes_as_utf8_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
                let text = String::from_utf8_lossy(&bytes);
                let _ = TokenBundle::from_json(&text);
            }

            #[test]
            fn bundle_shaped_json_round_trips_when_accepted(text in bundle_like()) {
                if let Ok(b) = TokenBundle::from_json(&text) {
                    let written = b.to_json();
                    let again = TokenBundle::from_json(&written).expect("what we write, we read");
                    prop_assert_eq!(again.to_json(), written);
                    // The status never panics, whatever the times.
                    let _ = b.status(utc_now());
                    let _ = b.needs_refresh(NaiveDateTime::MIN);
                    let _ = b.needs_refresh(NaiveDateTime::MAX);
                }
            }

            #[test]
            fn errors_never_quote_a_string_value(secret in "[A-Za-z0-9]{16,32}") {
                for text in [
                    format!(r#"{{"access_token":"ya29.x","expires_in":"{secret}"}}"#),
                    format!(r#"{{"access_token":"ya29.x","expires_at":"{secret}"}}"#),
                    format!(r#"{{"access_token":1,"refresh_token":"{secret}"}}"#),
                    format!(r#"{{"access_token":"{secret}""#),
                ] {
                    if let Err(e) = TokenBundle::from_json(&text) {
                        prop_assert!(!e.to_string().contains(&secret), "{}", e);
                    }
                }
            }

            #[test]
            fn any_timestamp_text_is_parsed_or_refused(text in ".{0,40}") {
                let _ = parse_timestamp(&text);
            }
        }
    }
}
