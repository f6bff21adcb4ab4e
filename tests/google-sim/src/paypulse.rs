//! The PayPulse API's authentication endpoints: password login (answering an HS256 JWT) and
//! the Gmail token upload used by the iOS app and `paypulse connect-gmail --upload`.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

use crate::state::{Shared, lock, now};
use crate::util::{b64_json, bearer_token};

type HmacSha256 = Hmac<Sha256>;

/// Lifetime of a PayPulse session JWT, in seconds.
pub(crate) const JWT_LIFETIME: i64 = 3600;

/// A PayPulse-style answer: `{"message", "code"}` plus `data` when given.
fn answer(status: StatusCode, message: &str, data: Option<Value>) -> Response {
    let mut body = json!({ "message": message, "code": status.as_u16() });
    if let (Some(data), Value::Object(map)) = (data, &mut body) {
        map.insert("data".into(), data);
    }
    crate::util::json(status, &body)
}

/// Signs claims as an HS256 JWT with the simulator's key.
pub(crate) fn sign_jwt(secret: &[u8], claims: &Value) -> String {
    let header = json!({ "alg": "HS256", "typ": "JWT" });
    let signing_input = format!("{}.{}", b64_json(&header), b64_json(claims));
    let signature = hmac_sha256(secret, signing_input.as_bytes());
    format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(signature))
}

fn hmac_sha256(secret: &[u8], data: &[u8]) -> Vec<u8> {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = match HmacSha256::new_from_slice(secret) {
        Ok(mac) => mac,
        Err(_) => return Vec::new(),
    };
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

/// Verifies an HS256 JWT (header, signature in constant time, expiry) and returns its claims.
pub(crate) fn verify_jwt(secret: &[u8], token: &str) -> Option<Value> {
    let mut parts = token.split('.');
    let (header_b64, claims_b64, signature_b64) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(header_b64).ok()?).ok()?;
    if header.get("alg").and_then(Value::as_str) != Some("HS256") {
        return None;
    }
    let signature = URL_SAFE_NO_PAD.decode(signature_b64).ok()?;
    let mut mac = HmacSha256::new_from_slice(secret).ok()?;
    mac.update(format!("{header_b64}.{claims_b64}").as_bytes());
    mac.verify_slice(&signature).ok()?;
    let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(claims_b64).ok()?).ok()?;
    let exp = claims.get("exp").and_then(Value::as_i64)?;
    (exp > now()).then_some(claims)
}

/// `POST /paypulse/v1/auth/login` with `{"email", "password"}`.
///
/// A wrong password and an unknown email get the same answer, so the endpoint never reveals
/// whether an account exists.
pub(crate) async fn login(State(shared): State<Shared>, body: Bytes) -> Response {
    let mut st = lock(&shared);
    st.login_requests += 1;
    let request: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let field = |name: &str| request.get(name).and_then(Value::as_str);
    let (Some(email), Some(password)) = (field("email"), field("password")) else {
        return answer(
            StatusCode::BAD_REQUEST,
            "Email and password are required",
            None,
        );
    };
    let user = st
        .paypulse_users
        .get(&email.trim().to_lowercase())
        .filter(|u| constant_time_eq(u.password.as_bytes(), password.as_bytes()))
        .cloned();
    let Some(user) = user else {
        return answer(StatusCode::UNAUTHORIZED, "Invalid email or password", None);
    };
    let iat = now();
    let claims = json!({
        "user_id": user.user_id,
        "email": user.email,
        "exp": iat + JWT_LIFETIME,
        "iat": iat,
    });
    let token = sign_jwt(&st.jwt_secret, &claims);
    answer(
        StatusCode::OK,
        "Login successful",
        Some(json!({ "username": user.email, "access_token": token, "token_type": "bearer" })),
    )
}

/// `POST /paypulse/v1/auth/gmail/store-tokens` with a session JWT and a JSON object holding
/// the Gmail tokens (at least `access_token`). Keeps the last one per PayPulse user and reports
/// whether the Google account changed since the previous upload.
pub(crate) async fn store_tokens(
    State(shared): State<Shared>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut st = lock(&shared);
    let claims = bearer_token(&headers).and_then(|t| verify_jwt(&st.jwt_secret, &t));
    let Some(user_id) = claims
        .as_ref()
        .and_then(|c| c.get("user_id"))
        .and_then(Value::as_str)
        .map(str::to_owned)
    else {
        return answer(StatusCode::UNAUTHORIZED, "Unauthorized", None);
    };
    let tokens: Value = match serde_json::from_slice(&body) {
        Ok(v @ Value::Object(_)) => v,
        _ => return answer(StatusCode::BAD_REQUEST, "Invalid request body", None),
    };
    if tokens
        .get("access_token")
        .and_then(Value::as_str)
        .is_none_or(str::is_empty)
    {
        return answer(StatusCode::BAD_REQUEST, "access_token is required", None);
    }
    let google_id = |v: &Value| {
        v.get("google_user_id")
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let previous = st.stored_tokens.get(&user_id).and_then(google_id);
    let account_switch =
        matches!((previous, google_id(&tokens)), (Some(old), Some(new)) if old != new);
    st.stored_tokens.insert(user_id, tokens);
    answer(
        StatusCode::OK,
        "Tokens stored",
        Some(json!({ "account_switch": account_switch })),
    )
}

/// Compares two byte strings without an early exit on the first difference.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jwt_round_trip_and_tamper() {
        let secret = [7u8; 32];
        let claims = json!({ "user_id": "user_x", "email": "x@example.com", "exp": now() + 60, "iat": now() });
        let token = sign_jwt(&secret, &claims);
        assert_eq!(verify_jwt(&secret, &token), Some(claims));
        assert_eq!(verify_jwt(&[8u8; 32], &token), None);
        let mut tampered = token.clone();
        tampered.push('A');
        assert_eq!(verify_jwt(&secret, &tampered), None);
        let expired = sign_jwt(&secret, &json!({ "user_id": "u", "exp": now() - 1 }));
        assert_eq!(verify_jwt(&secret, &expired), None);
    }

    #[test]
    fn hmac_matches_rfc4231_case_2() {
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
