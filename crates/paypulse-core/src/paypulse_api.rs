//! The PayPulse API: login (email + password → session JWT) and the session kept locally.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use crate::ids::{SecretName, UserId};

/// Where the session is kept in the keyring or file store.
pub const SESSION_NAME: &str = "paypulse/session";

pub fn login_secret_name() -> SecretName {
    SecretName::other(SESSION_NAME)
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 401 or 404: one message, whether or not the account exists.
    #[error("invalid email or password")]
    InvalidCredentials,
    #[error("cannot reach the PayPulse API at {endpoint}: {detail}")]
    Unreachable { endpoint: String, detail: String },
    #[error("the PayPulse API at {endpoint} answered HTTP {status}{detail}")]
    Remote {
        endpoint: String,
        status: u16,
        detail: String,
    },
    #[error("the PayPulse API at {endpoint} sent an answer that is not understood: {detail}")]
    BadResponse { endpoint: String, detail: String },
    #[error("invalid PayPulse API URL {0:?}")]
    BadUrl(String),
    #[error(transparent)]
    Insecure(#[from] crate::net::InsecureUrl),
}

/// A logged-in PayPulse session.
#[derive(Debug, Clone)]
pub struct ApiLogin {
    pub token: SecretString,
    pub user_id: UserId,
    pub email: String,
    pub expires_at: Option<DateTime<Utc>>,
    pub api_url: String,
}

#[derive(Serialize, Deserialize)]
struct SessionWire {
    access_token: String,
    user_id: String,
    email: String,
    #[serde(default)]
    expires_at: Option<DateTime<Utc>>,
    #[serde(default)]
    api_url: String,
}

impl ApiLogin {
    pub fn to_json(&self) -> SecretString {
        let wire = SessionWire {
            access_token: self.token.expose_secret().to_owned(),
            user_id: self.user_id.as_str().to_owned(),
            email: self.email.clone(),
            expires_at: self.expires_at,
            api_url: self.api_url.clone(),
        };
        SecretString::from(serde_json::to_string(&wire).expect("a session always serializes"))
    }

    /// `None` when the stored text is not a session (treated as "not logged in").
    pub fn from_json(text: &SecretString) -> Option<ApiLogin> {
        let w: SessionWire = serde_json::from_str(text.expose_secret()).ok()?;
        Some(ApiLogin {
            token: SecretString::from(w.access_token),
            user_id: UserId::parse(&w.user_id).ok()?,
            email: w.email,
            expires_at: w.expires_at,
            api_url: w.api_url,
        })
    }

    pub fn is_expired(&self, now: DateTime<Utc>) -> bool {
        self.expires_at.is_some_and(|e| e <= now)
    }
}

#[derive(Deserialize)]
struct LoginAnswer {
    data: LoginData,
}

#[derive(Deserialize)]
struct LoginData {
    access_token: String,
}

#[derive(Deserialize)]
struct Claims {
    user_id: String,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    exp: Option<i64>,
}

/// An answer of the PayPulse API: its status and its JSON body, if it had one.
struct ApiReply {
    endpoint: String,
    status: u16,
    json: Option<serde_json::Value>,
}

impl ApiReply {
    /// The body of a 2xx answer; any other status is an error quoting the API's `message`.
    fn success(self) -> Result<(String, Option<serde_json::Value>), ApiError> {
        if (200..300).contains(&self.status) {
            return Ok((self.endpoint, self.json));
        }
        let detail = self
            .json
            .as_ref()
            .and_then(|v| v["message"].as_str().map(|m| format!(": {m}")))
            .unwrap_or_default();
        Err(ApiError::Remote {
            endpoint: self.endpoint,
            status: self.status,
            detail,
        })
    }
}

/// `POST {api}{path}` with a JSON body (and the session JWT, when given).
async fn post_json(
    http: &reqwest::Client,
    api_url: &str,
    path: &str,
    bearer: Option<&SecretString>,
    body: &serde_json::Value,
) -> Result<ApiReply, ApiError> {
    let endpoint = format!("{}{path}", api_url.trim_end_matches('/'));
    url::Url::parse(&endpoint).map_err(|_| ApiError::BadUrl(api_url.to_owned()))?;
    crate::net::require_secure(&endpoint)?;
    let mut request = http.post(&endpoint).json(body);
    if let Some(token) = bearer {
        request = request.bearer_auth(token.expose_secret());
    }
    let unreachable = |e: reqwest::Error| ApiError::Unreachable {
        endpoint: endpoint.clone(),
        detail: crate::net::describe(&e),
    };
    let resp = request.send().await.map_err(unreachable)?;
    let status = resp.status().as_u16();
    let bytes = crate::net::read_json_body(resp)
        .await
        .map_err(|e| ApiError::Unreachable {
            endpoint: endpoint.clone(),
            detail: e.to_string(),
        })?;
    Ok(ApiReply {
        json: serde_json::from_slice(&bytes).ok(),
        endpoint,
        status,
    })
}

/// `POST {api}/v1/auth/login` with `{email, password}`.
pub async fn login(
    http: &reqwest::Client,
    api_url: &str,
    email: &str,
    password: &SecretString,
) -> Result<ApiLogin, ApiError> {
    let base = api_url.trim_end_matches('/');
    let body = serde_json::json!({"email": email, "password": password.expose_secret()});
    let answer = post_json(http, api_url, "/v1/auth/login", None, &body).await?;
    if answer.status == 401 || answer.status == 404 {
        return Err(ApiError::InvalidCredentials);
    }
    let (endpoint, body) = answer.success()?;
    let bad = |detail: &str| ApiError::BadResponse {
        endpoint: endpoint.clone(),
        detail: detail.into(),
    };
    let answer: LoginAnswer = body
        .and_then(|v| serde_json::from_value(v).ok())
        .ok_or_else(|| bad("no `data.access_token`"))?;
    let claims = jwt_claims(&answer.data.access_token)
        .ok_or_else(|| bad("the access token is not a JWT with a `user_id` claim"))?;
    let user_id = UserId::parse(&claims.user_id)
        .map_err(|_| bad("the JWT's `user_id` is not a PayPulse user id"))?;
    Ok(ApiLogin {
        token: SecretString::from(answer.data.access_token),
        user_id,
        email: claims.email.unwrap_or_else(|| email.to_owned()),
        expires_at: claims.exp.and_then(|e| DateTime::from_timestamp(e, 0)),
        api_url: base.to_owned(),
    })
}

/// Reads a JWT's claims (the client does not verify the signature: the API does).
fn jwt_claims(jwt: &str) -> Option<Claims> {
    let payload = jwt.split('.').nth(1)?;
    let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    serde_json::from_slice(&bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_are_read_from_the_payload() {
        let payload =
            URL_SAFE_NO_PAD.encode(br#"{"user_id":"user_7","email":"a@b.c","exp":1800000000}"#);
        let c = jwt_claims(&format!("eyJhbGciOiJIUzI1NiJ9.{payload}.sig")).unwrap();
        assert_eq!(c.user_id, "user_7");
        assert_eq!(c.exp, Some(1_800_000_000));
        assert!(jwt_claims("not-a-jwt").is_none());
    }

    #[test]
    fn session_round_trips() {
        let s = ApiLogin {
            token: SecretString::from("eyJ.x.y"),
            user_id: UserId::parse("user_7").unwrap(),
            email: "a@b.c".into(),
            expires_at: DateTime::from_timestamp(1_800_000_000, 0),
            api_url: "http://127.0.0.1:1".into(),
        };
        let back = ApiLogin::from_json(&s.to_json()).unwrap();
        assert_eq!(back.token.expose_secret(), "eyJ.x.y");
        assert_eq!(back.user_id, s.user_id);
        assert_eq!(back.expires_at, s.expires_at);
        assert!(!format!("{back:?}").contains("eyJ.x.y"));
    }
}

/// The backend's answer to a token upload.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Uploaded {
    /// The backend's own account-switch verdict, when it gave one.
    pub account_switch: Option<bool>,
}

/// Errors of the upload; a 401 means the session is no longer valid.
#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    #[error("the PayPulse API refused the session (HTTP 401)")]
    SessionExpired,
    #[error(transparent)]
    Api(#[from] ApiError),
}

/// `POST {api}/v1/auth/gmail/store-tokens` with the session JWT, as the iOS app does.
pub async fn store_tokens(
    http: &reqwest::Client,
    session: &ApiLogin,
    api_url: &str,
    bundle: &crate::bundle::TokenBundle,
) -> Result<Uploaded, UploadError> {
    let body: serde_json::Value =
        serde_json::from_str(&bundle.to_json()).expect("a bundle is JSON");
    let answer = post_json(
        http,
        api_url,
        "/v1/auth/gmail/store-tokens",
        Some(&session.token),
        &body,
    )
    .await?;
    if answer.status == 401 {
        return Err(UploadError::SessionExpired);
    }
    let (_, json) = answer.success()?;
    let account_switch = json.as_ref().and_then(|v| {
        v["data"]["account_switch"]
            .as_bool()
            .or_else(|| v["account_switch"].as_bool())
    });
    Ok(Uploaded { account_switch })
}
