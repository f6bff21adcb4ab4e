//! Google OAuth 2.0 token operations: refresh (with the oauth2 crate), revoke (RFC 7009), the
//! account's identity (userinfo, v2 or OpenID Connect shape) and what Google knows of an access
//! token (tokeninfo).

use std::time::Duration;

use oauth2::basic::{BasicClient, BasicErrorResponseType};
use oauth2::{
    AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, HttpRequest,
    HttpResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, RefreshToken,
    RequestTokenError, Scope, TokenResponse, TokenUrl,
};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

/// Google's real endpoints.
pub const GOOGLE_AUTH_URL: &str = "https://accounts.google.com/o/oauth2/v2/auth";
pub const GOOGLE_TOKEN_URL: &str = "https://oauth2.googleapis.com/token";
pub const GOOGLE_REVOKE_URL: &str = "https://oauth2.googleapis.com/revoke";
pub const GOOGLE_USERINFO_URL: &str = "https://www.googleapis.com/oauth2/v2/userinfo";
pub const GOOGLE_TOKENINFO_URL: &str = "https://oauth2.googleapis.com/tokeninfo";

/// The OAuth client and Google's endpoints, resolved from flags, environment and config.
#[derive(Clone)]
pub struct OAuthConfig {
    pub client_id: Option<String>,
    pub client_secret: Option<SecretString>,
    pub auth_url: String,
    pub token_url: String,
    pub revoke_url: String,
    pub userinfo_url: String,
    pub tokeninfo_url: String,
}

/// Errors from Google's OAuth endpoints. Messages never carry a token.
#[derive(Debug, thiserror::Error)]
pub enum OAuthError {
    /// The refresh token is expired or revoked: the user must reconnect.
    #[error("Google refused the refresh token: {0}")]
    InvalidGrant(String),
    #[error("Google refused the OAuth client: {0}")]
    InvalidClient(String),
    #[error(
        "no OAuth client id: set PAYPULSE_GOOGLE_CLIENT_ID or `google.client_id` in the config file"
    )]
    MissingClientId,
    #[error("the stored bundle has no refresh token, so it cannot be refreshed")]
    NoRefreshToken,
    #[error("invalid {what} URL {url:?}")]
    BadUrl { what: &'static str, url: String },
    #[error(transparent)]
    Insecure(#[from] crate::net::InsecureUrl),
    #[error("cannot reach {endpoint}: {detail}")]
    Unreachable { endpoint: String, detail: String },
    #[error("{endpoint} answered HTTP {status}: {detail}")]
    Remote {
        endpoint: String,
        status: u16,
        detail: String,
    },
    #[error("{endpoint} sent an answer that is not understood: {detail}")]
    BadResponse { endpoint: String, detail: String },
}

impl OAuthError {
    /// Worth retrying with backoff: no answer, Google's rate limit (429) or a backend error (5xx).
    pub fn is_transient(&self) -> bool {
        match self {
            OAuthError::Unreachable { .. } => true,
            OAuthError::Remote { status, .. } => *status == 429 || (500..=599).contains(status),
            _ => false,
        }
    }
}

/// What Google's tokeninfo endpoint says of a live access token (its numbers come as strings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenInfo {
    /// The client the token was issued to.
    pub azp: Option<String>,
    pub aud: Option<String>,
    /// Space-separated granted scopes.
    pub scope: String,
    pub sub: Option<String>,
    pub email: Option<String>,
    /// Seconds the token still lives.
    pub expires_in: Option<i64>,
}

impl TokenInfo {
    /// Whether the token was issued to `client_id` (`aud`, else `azp`).
    pub fn issued_to(&self, client_id: &str) -> bool {
        self.aud.as_deref().or(self.azp.as_deref()) == Some(client_id)
    }

    /// Whether `scope` is among the granted scopes.
    pub fn has_scope(&self, scope: &str) -> bool {
        self.scope.split_whitespace().any(|s| s == scope)
    }
}

/// Tokeninfo answered with something else than its JSON object.
#[derive(Debug, thiserror::Error)]
#[error("tokeninfo is not the expected JSON")]
pub struct TokenInfoError(#[source] serde_json::Error);

/// Parses tokeninfo's answer: numbers may be strings (Google's way) or numbers.
pub fn parse_tokeninfo(body: &[u8]) -> Result<TokenInfo, TokenInfoError> {
    #[derive(Deserialize)]
    struct Wire {
        azp: Option<String>,
        aud: Option<String>,
        scope: Option<String>,
        sub: Option<String>,
        email: Option<String>,
        expires_in: Option<serde_json::Value>,
    }
    let w: Wire = serde_json::from_slice(body).map_err(TokenInfoError)?;
    let expires_in = match w.expires_in {
        Some(serde_json::Value::String(s)) => s.trim().parse().ok(),
        Some(serde_json::Value::Number(n)) => n.as_i64(),
        _ => None,
    };
    Ok(TokenInfo {
        azp: w.azp,
        aud: w.aud,
        scope: w.scope.unwrap_or_default(),
        sub: w.sub,
        email: w.email,
        expires_in,
    })
}

/// The answer of a successful refresh.
pub struct TokenAnswer {
    pub access_token: SecretString,
    /// A new refresh token, when Google rotated it (it normally does not).
    pub refresh_token: Option<SecretString>,
    pub expires_in: Option<i64>,
    pub scope: Option<String>,
    pub token_type: String,
}

/// The Google account behind a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub user_id: String,
    pub email: Option<String>,
    pub name: Option<String>,
    pub verified_email: Option<bool>,
}

/// What happened at the revocation endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Revoked {
    /// Google revoked the grant.
    Revoked,
    /// Google did not know the token: it was already revoked or expired.
    AlreadyInvalid,
}

/// Default connect timeout of every HTTP request.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default timeout of a whole HTTP request (`PAYPULSE_HTTP_TIMEOUT` changes it).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// An HTTP client for Google, with redirects disabled (as the oauth2 crate requires) and the
/// default timeouts.
pub fn http_client() -> reqwest::Client {
    http_client_with(CONNECT_TIMEOUT, REQUEST_TIMEOUT)
}

/// [`http_client`] with the given connect timeout and request timeout (an endpoint that
/// accepts and never answers fails after `request`).
pub fn http_client_with(connect: Duration, request: Duration) -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(connect)
        .read_timeout(request)
        .timeout(request)
        .user_agent(concat!("paypulse/", env!("CARGO_PKG_VERSION")))
        .build()
        .expect("the HTTP client builds with static settings")
}

/// Errors of the adapter between oauth2 and our reqwest client.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct TransportError(String);

impl OAuthConfig {
    fn client_id(&self) -> Result<&str, OAuthError> {
        self.client_id
            .as_deref()
            .filter(|c| !c.is_empty())
            .ok_or(OAuthError::MissingClientId)
    }

    /// The oauth2 crate's client for this configuration (token endpoint, client credentials).
    fn client(&self) -> Result<ConfiguredClient, OAuthError> {
        crate::net::require_secure(&self.token_url)?;
        let token_url = TokenUrl::new(self.token_url.clone()).map_err(|_| OAuthError::BadUrl {
            what: "token",
            url: self.token_url.clone(),
        })?;
        let mut client = BasicClient::new(ClientId::new(self.client_id()?.to_owned()))
            .set_token_uri(token_url)
            .set_auth_type(AuthType::RequestBody);
        if let Some(secret) = &self.client_secret {
            client = client.set_client_secret(ClientSecret::new(secret.expose_secret().to_owned()));
        }
        Ok(client)
    }

    /// Exchanges a refresh token for a new access token.
    pub async fn refresh(
        &self,
        http: &reqwest::Client,
        refresh_token: &SecretString,
    ) -> Result<TokenAnswer, OAuthError> {
        let client = self.client()?;
        let adapter = OAuthHttp::new(http);
        let answer = client
            .exchange_refresh_token(&RefreshToken::new(refresh_token.expose_secret().to_owned()))
            .request_async(&adapter)
            .await;
        token_answer(answer, &self.token_url, adapter.status())
    }

    /// Starts an authorization-code request with PKCE (S256) and a fresh `state`: returns the
    /// URL to open in the browser and what the callback and the exchange must be checked with.
    pub fn authorize(
        &self,
        scopes: &[String],
        redirect_uri: &str,
    ) -> Result<Authorization, OAuthError> {
        let auth_url = AuthUrl::new(self.auth_url.clone()).map_err(|_| OAuthError::BadUrl {
            what: "authorization",
            url: self.auth_url.clone(),
        })?;
        let redirect =
            RedirectUrl::new(redirect_uri.to_owned()).map_err(|_| OAuthError::BadUrl {
                what: "redirect",
                url: redirect_uri.to_owned(),
            })?;
        let client = self
            .client()?
            .set_auth_uri(auth_url)
            .set_redirect_uri(redirect);
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state) = client
            .authorize_url(CsrfToken::new_random)
            .add_scopes(scopes.iter().cloned().map(Scope::new))
            .set_pkce_challenge(challenge)
            .add_extra_param("access_type", "offline")
            .add_extra_param("prompt", "consent")
            .url();
        Ok(Authorization {
            url,
            state: SecretString::from(state.secret().to_owned()),
            verifier: SecretString::from(verifier.secret().to_owned()),
            redirect_uri: redirect_uri.to_owned(),
        })
    }

    /// Exchanges an authorization code (with the PKCE verifier) for tokens.
    pub async fn exchange_code(
        &self,
        http: &reqwest::Client,
        code: &SecretString,
        auth: &Authorization,
    ) -> Result<TokenAnswer, OAuthError> {
        let redirect =
            RedirectUrl::new(auth.redirect_uri.clone()).map_err(|_| OAuthError::BadUrl {
                what: "redirect",
                url: auth.redirect_uri.clone(),
            })?;
        let client = self.client()?.set_redirect_uri(redirect);
        let adapter = OAuthHttp::new(http);
        let answer = client
            .exchange_code(AuthorizationCode::new(code.expose_secret().to_owned()))
            .set_pkce_verifier(PkceCodeVerifier::new(
                auth.verifier.expose_secret().to_owned(),
            ))
            .request_async(&adapter)
            .await;
        token_answer(answer, &self.token_url, adapter.status()).map_err(|e| match e {
            // At the code exchange, invalid_grant means a bad or used code, not a dead grant.
            OAuthError::InvalidGrant(detail) => OAuthError::Remote {
                endpoint: self.token_url.clone(),
                status: 400,
                detail: format!("invalid_grant: {detail}"),
            },
            other => other,
        })
    }

    /// Revokes a token at the RFC 7009 revocation endpoint: one form POST that identifies the
    /// client as the token endpoint does (`client_id`, and the secret when there is one; a
    /// standards-compliant provider refuses an anonymous revocation). Written here rather than
    /// with the oauth2 crate's `revoke_token`, which refuses a plain-http loopback endpoint.
    pub async fn revoke(
        &self,
        http: &reqwest::Client,
        token: &SecretString,
        hint: &str,
    ) -> Result<Revoked, OAuthError> {
        let endpoint = self.revoke_url.clone();
        crate::net::require_secure(&endpoint)?;
        tracing::debug!(url = %endpoint, hint, "revoking");
        let mut form = vec![
            ("token", token.expose_secret()),
            ("token_type_hint", hint),
            ("client_id", self.client_id()?),
        ];
        if let Some(secret) = &self.client_secret {
            form.push(("client_secret", secret.expose_secret()));
        }
        let resp = http
            .post(&endpoint)
            .form(&form)
            .send()
            .await
            .map_err(|e| unreachable(&endpoint, &e))?;
        let status = resp.status();
        if status.is_success() {
            return Ok(Revoked::Revoked);
        }
        let body = crate::net::read_json_body(resp).await.unwrap_or_default();
        match ErrorBody::parse(&body) {
            Some(ErrorBody::OAuth { error, .. })
                if status.as_u16() == 400 && error == "invalid_token" =>
            {
                Ok(Revoked::AlreadyInvalid)
            }
            _ => Err(remote_status(endpoint, status.as_u16(), &body)),
        }
    }

    /// The Google account behind an access token.
    pub async fn identity(
        &self,
        http: &reqwest::Client,
        access_token: &SecretString,
    ) -> Result<Identity, OAuthError> {
        let endpoint = self.userinfo_url.clone();
        crate::net::require_secure(&endpoint)?;
        tracing::debug!(url = %endpoint, "reading the account's identity");
        let request = http
            .get(&endpoint)
            .bearer_auth(access_token.expose_secret());
        let (status, body) = answer(&endpoint, request).await?;
        if !status.is_success() {
            return Err(remote_status(endpoint, status.as_u16(), &body));
        }
        parse_identity(&body).map_err(|e| OAuthError::BadResponse {
            endpoint,
            detail: e.to_string(),
        })
    }

    /// What Google knows of an access token: `Some` while it is live, `None` when Google
    /// answers that it is dead or unknown (`400 invalid_token`). The token goes in a form body,
    /// never in the URL.
    pub async fn tokeninfo(
        &self,
        http: &reqwest::Client,
        access_token: &SecretString,
    ) -> Result<Option<TokenInfo>, OAuthError> {
        let endpoint = self.tokeninfo_url.clone();
        crate::net::require_secure(&endpoint)?;
        tracing::debug!(url = %endpoint, "asking tokeninfo");
        let request = http
            .post(&endpoint)
            .form(&[("access_token", access_token.expose_secret())]);
        let (status, body) = answer(&endpoint, request).await?;
        if status.is_success() {
            return parse_tokeninfo(&body)
                .map(Some)
                .map_err(|e| OAuthError::BadResponse {
                    endpoint,
                    detail: e.to_string(),
                });
        }
        match ErrorBody::parse(&body) {
            Some(ErrorBody::OAuth { error, .. })
                if status.as_u16() == 400 && error == "invalid_token" =>
            {
                Ok(None)
            }
            _ => Err(remote_status(endpoint, status.as_u16(), &body)),
        }
    }
}

type ConfiguredClient = BasicClient<
    oauth2::EndpointNotSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointSet,
>;

/// A started authorization request: what the callback and the code exchange are checked with.
pub struct Authorization {
    /// The URL to open in the browser.
    pub url: url::Url,
    pub state: SecretString,
    pub verifier: SecretString,
    pub redirect_uri: String,
}

type TokenResult = Result<
    oauth2::basic::BasicTokenResponse,
    RequestTokenError<TransportError, oauth2::basic::BasicErrorResponse>,
>;

/// Maps the token endpoint's answer (refresh or code exchange) onto ours; `status` is the HTTP
/// status it came with (the oauth2 crate does not keep it).
fn token_answer(
    answer: TokenResult,
    token_url: &str,
    status: Option<u16>,
) -> Result<TokenAnswer, OAuthError> {
    let endpoint = token_url.to_owned();
    match answer {
        Ok(tok) => Ok(TokenAnswer {
            access_token: SecretString::from(tok.access_token().secret().to_owned()),
            refresh_token: tok
                .refresh_token()
                .map(|r| SecretString::from(r.secret().to_owned())),
            expires_in: match tok.expires_in().map(|d| d.as_secs()) {
                None => None,
                Some(s) if s <= crate::bundle::MAX_EXPIRES_IN as u64 => Some(s as i64),
                Some(s) => {
                    return Err(OAuthError::BadResponse {
                        endpoint,
                        detail: format!("`expires_in` of {s} seconds is out of range"),
                    });
                }
            },
            scope: tok
                .scopes()
                .map(|s| s.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" ")),
            token_type: "Bearer".into(),
        }),
        Err(RequestTokenError::ServerResponse(resp)) => {
            let detail = resp
                .error_description()
                .cloned()
                .unwrap_or_else(|| resp.error().as_ref().to_owned());
            Err(match resp.error() {
                BasicErrorResponseType::InvalidGrant => OAuthError::InvalidGrant(detail),
                BasicErrorResponseType::InvalidClient
                | BasicErrorResponseType::UnauthorizedClient => OAuthError::InvalidClient(detail),
                other => OAuthError::Remote {
                    endpoint,
                    status: status.unwrap_or(400),
                    detail: format!("{}: {detail}", other.as_ref()),
                },
            })
        }
        Err(RequestTokenError::Request(e)) => Err(OAuthError::Unreachable {
            endpoint,
            detail: e.to_string(),
        }),
        Err(RequestTokenError::Parse(_, body)) => {
            Err(remote_from_body(endpoint, status.unwrap_or(0), &body))
        }
        Err(RequestTokenError::Other(detail)) => Err(OAuthError::BadResponse { endpoint, detail }),
    }
}

/// Why a userinfo answer is not an identity.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdentityError {
    #[error("userinfo is not JSON")]
    NotJson,
    #[error("the identity has no user id (`id` or `sub`)")]
    NoUserId,
}

/// Both userinfo shapes: Google's v2 (`id`, `verified_email`) and OpenID Connect (`sub`, `email_verified`).
pub fn parse_identity(body: &[u8]) -> Result<Identity, IdentityError> {
    #[derive(Deserialize)]
    struct UserInfo {
        id: Option<String>,
        sub: Option<String>,
        email: Option<String>,
        name: Option<String>,
        verified_email: Option<bool>,
        email_verified: Option<serde_json::Value>,
    }
    let u: UserInfo = serde_json::from_slice(body).map_err(|_| IdentityError::NotJson)?;
    let user_id =
        u.id.or(u.sub)
            .filter(|id| !id.trim().is_empty())
            .ok_or(IdentityError::NoUserId)?;
    let verified = u.verified_email.or(match u.email_verified {
        Some(serde_json::Value::Bool(b)) => Some(b),
        Some(serde_json::Value::String(s)) => Some(s == "true"),
        _ => None,
    });
    Ok(Identity {
        user_id,
        email: u.email,
        name: u.name,
        verified_email: verified,
    })
}

/// Google's error bodies, parsed once: OAuth's `{"error", "error_description"}` (RFC 6749) or
/// the Google API shape `{"error": {"code", "message", "status"}}`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum ErrorBody {
    OAuth {
        error: String,
        error_description: Option<String>,
    },
    Api {
        error: ApiErrorDetail,
    },
}

#[derive(Debug, Deserialize)]
struct ApiErrorDetail {
    message: Option<String>,
    status: Option<String>,
}

impl ErrorBody {
    fn parse(body: &[u8]) -> Option<ErrorBody> {
        serde_json::from_slice(body).ok()
    }

    /// `invalid_grant: Token has been expired or revoked.`, or the API error's message.
    fn detail(&self) -> String {
        match self {
            ErrorBody::OAuth {
                error,
                error_description: Some(d),
            } => format!("{error}: {d}"),
            ErrorBody::OAuth { error, .. } => error.clone(),
            ErrorBody::Api { error } => error
                .message
                .clone()
                .or_else(|| error.status.clone())
                .unwrap_or_else(|| "error".into()),
        }
    }
}

/// Sends `request` and reads its answer (capped like every JSON answer).
async fn answer(
    endpoint: &str,
    request: reqwest::RequestBuilder,
) -> Result<(reqwest::StatusCode, Vec<u8>), OAuthError> {
    let resp = request
        .send()
        .await
        .map_err(|e| unreachable(endpoint, &e))?;
    let status = resp.status();
    let body = crate::net::read_json_body(resp)
        .await
        .map_err(|e| OAuthError::Unreachable {
            endpoint: endpoint.to_owned(),
            detail: e.to_string(),
        })?;
    Ok((status, body))
}

fn unreachable(endpoint: &str, e: &reqwest::Error) -> OAuthError {
    OAuthError::Unreachable {
        endpoint: endpoint.to_owned(),
        detail: crate::net::describe(e),
    }
}

/// An error answer, described from its OAuth (`error`) or Google API (`error.message`) JSON body.
fn remote_status(endpoint: String, status: u16, body: &[u8]) -> OAuthError {
    let detail = ErrorBody::parse(body)
        .map(|b| b.detail())
        .unwrap_or_else(|| "an answer that is not an OAuth or Google API error".into());
    OAuthError::Remote {
        endpoint,
        status,
        detail,
    }
}

/// A token endpoint answer that the oauth2 crate could not read as tokens: an error body
/// (with the real HTTP status), an error status with any body, else something that is not
/// OAuth at all.
fn remote_from_body(endpoint: String, status: u16, body: &[u8]) -> OAuthError {
    match ErrorBody::parse(body) {
        Some(b) => OAuthError::Remote {
            endpoint,
            status,
            detail: b.detail(),
        },
        None if status >= 400 => remote_status(endpoint, status, body),
        None => OAuthError::BadResponse {
            endpoint,
            detail: "not an OAuth token response".into(),
        },
    }
}

/// The oauth2 crate's HTTP hook, served by our reqwest client (a type rather than a closure,
/// so that the futures built on it are `Send`). It remembers the last answer's HTTP status,
/// which the crate's errors do not carry (a 429 must not look like a 400).
struct OAuthHttp<'a> {
    http: &'a reqwest::Client,
    status: std::sync::Mutex<Option<u16>>,
}

impl<'a> OAuthHttp<'a> {
    fn new(http: &'a reqwest::Client) -> OAuthHttp<'a> {
        OAuthHttp {
            http,
            status: std::sync::Mutex::new(None),
        }
    }

    fn status(&self) -> Option<u16> {
        *self.status.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl<'c> oauth2::AsyncHttpClient<'c> for OAuthHttp<'_> {
    type Error = TransportError;
    type Future =
        std::pin::Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>> + Send + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(async move {
            let resp = send(self.http, request).await?;
            *self.status.lock().unwrap_or_else(|e| e.into_inner()) = Some(resp.status().as_u16());
            Ok(resp)
        })
    }
}

/// One request of the oauth2 crate.
async fn send(http: &reqwest::Client, req: HttpRequest) -> Result<HttpResponse, TransportError> {
    let req = reqwest::Request::try_from(req).map_err(|e| TransportError(e.to_string()))?;
    tracing::debug!(method = %req.method(), url = %req.url(), "OAuth request");
    let resp = http
        .execute(req)
        .await
        .map_err(|e| TransportError(crate::net::describe(&e)))?;
    if resp.status().is_redirection() {
        return Err(TransportError(format!(
            "it answered with a redirect (HTTP {}), which is not followed",
            resp.status().as_u16()
        )));
    }
    let mut builder = http::Response::builder().status(resp.status());
    for (k, v) in resp.headers() {
        builder = builder.header(k, v);
    }
    let body = crate::net::read_json_body(resp)
        .await
        .map_err(|e| TransportError(e.to_string()))?;
    builder
        .body(body.to_vec())
        .map_err(|e| TransportError(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_in_both_shapes() {
        let v2 = br#"{"id":"1047","email":"a@example.com","verified_email":true,"name":"A"}"#;
        let oidc = br#"{"sub":"1047","email":"a@example.com","email_verified":true,"name":"A"}"#;
        let want = Identity {
            user_id: "1047".into(),
            email: Some("a@example.com".into()),
            name: Some("A".into()),
            verified_email: Some(true),
        };
        assert_eq!(parse_identity(v2).unwrap(), want);
        assert_eq!(parse_identity(oidc).unwrap(), want);
        let stringly =
            br#"{"sub":"1047","email":"a@example.com","email_verified":"true","name":"A"}"#;
        assert_eq!(parse_identity(stringly).unwrap(), want);
    }

    #[test]
    fn identity_without_user_id_is_an_error() {
        assert!(parse_identity(br#"{"email":"a@example.com"}"#).is_err());
        assert!(parse_identity(br#"{"id":"","email":"a@example.com"}"#).is_err());
        assert!(parse_identity(b"<html>").is_err());
    }

    #[test]
    fn tokeninfo_in_google_shape() {
        let body = br#"{"azp":"c1","aud":"c1","sub":"1047","scope":"openid https://www.googleapis.com/auth/gmail.readonly","exp":"1700003599","expires_in":"3599","email":"a@example.com","email_verified":"true","access_type":"offline"}"#;
        let info = parse_tokeninfo(body).unwrap();
        assert!(info.issued_to("c1"));
        assert!(!info.issued_to("c2"));
        assert!(info.has_scope("https://www.googleapis.com/auth/gmail.readonly"));
        assert!(!info.has_scope("https://www.googleapis.com/auth/gmail"));
        assert_eq!(info.expires_in, Some(3599));
        assert_eq!(info.email.as_deref(), Some("a@example.com"));
        assert!(parse_tokeninfo(b"<html>").is_err());
    }

    #[test]
    fn transient_errors_are_429_5xx_and_no_answer() {
        let remote = |status| OAuthError::Remote {
            endpoint: "u".into(),
            status,
            detail: "x".into(),
        };
        assert!(remote(429).is_transient());
        assert!(remote(503).is_transient());
        assert!(!remote(400).is_transient());
        assert!(!remote(401).is_transient());
        assert!(
            OAuthError::Unreachable {
                endpoint: "u".into(),
                detail: "timed out".into()
            }
            .is_transient()
        );
        assert!(!OAuthError::InvalidGrant("x".into()).is_transient());
    }

    #[test]
    fn error_bodies_are_described_without_tokens() {
        let e = remote_status("u".into(), 400, br#"{"error":"invalid_grant","error_description":"Token has been expired or revoked."}"#);
        assert_eq!(
            e.to_string(),
            "u answered HTTP 400: invalid_grant: Token has been expired or revoked."
        );
        let g = remote_status("u".into(), 401, br#"{"error":{"code":401,"message":"Request had invalid authentication credentials.","status":"UNAUTHENTICATED"}}"#);
        assert!(g.to_string().contains("invalid authentication credentials"));
    }
}
