//! The simulator's shared state: registered clients, Google accounts, grants and tokens,
//! pending authorization codes, PayPulse users, test knobs and request counters.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use rand::Rng;
use serde_json::Value;

use crate::scope;

/// State shared by the HTTP handlers and the [`crate::Simulator`] methods.
pub(crate) type Shared = Arc<Mutex<State>>;

/// Locks the shared state. A handler that panicked while holding the lock must not take every
/// later request down with it, so a poisoned lock is recovered rather than propagated.
pub(crate) fn lock(shared: &Shared) -> MutexGuard<'_, State> {
    shared.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Current time as Unix seconds, from the system clock.
pub(crate) fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Lifetime Google gives its access tokens, in seconds (it answers `"expires_in": 3599`).
pub(crate) const ACCESS_TOKEN_LIFETIME: i64 = 3599;
/// How long an authorization code can be redeemed, in seconds.
pub(crate) const CODE_LIFETIME: i64 = 600;

/// What the simulated user does on the consent screen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Consent {
    /// Grants every requested scope (the default).
    #[default]
    Grant,
    /// Clicks "Cancel": the browser is redirected with `error=access_denied`.
    Deny,
    /// Grants everything but this scope, as if the user unticked its checkbox. The scope may be
    /// named in its short form (`email`) or as a URL.
    DropScope(String),
}

/// A registered OAuth client.
#[derive(Debug, Clone)]
pub(crate) struct Client {
    /// `None` for a public client (no secret is checked).
    pub secret: Option<String>,
}

/// A Google account that can consent.
#[derive(Debug, Clone)]
pub(crate) struct Account {
    pub id: String,
    pub email: String,
    pub name: String,
    pub verified: bool,
}

impl Account {
    pub fn given_name(&self) -> &str {
        self.name.split_whitespace().next().unwrap_or("")
    }

    pub fn family_name(&self) -> String {
        let mut parts = self.name.split_whitespace();
        parts.next();
        parts.collect::<Vec<_>>().join(" ")
    }

    pub fn picture(&self) -> String {
        format!("https://lh3.googleusercontent.com/a/sim-{}=s96-c", self.id)
    }
}

/// One consent of one account to one client: a refresh token (if offline access was granted)
/// and the access tokens minted from it.
#[derive(Debug, Clone)]
pub(crate) struct GrantRecord {
    pub client_id: String,
    pub account_id: String,
    /// Space-separated granted scope, as answered by the token endpoint.
    pub scope: String,
    /// The current refresh token, if any.
    pub refresh_token: Option<String>,
    pub revoked: bool,
}

/// An access token and the grant it belongs to.
#[derive(Debug, Clone)]
pub(crate) struct AccessRecord {
    pub grant: usize,
    pub expires_at: i64,
}

/// A pending authorization code issued by the authorization endpoint.
#[derive(Debug, Clone)]
pub(crate) struct CodeRecord {
    pub client_id: String,
    pub redirect_uri: String,
    pub code_challenge: String,
    pub account_id: String,
    /// The granted scope in the token endpoint's form.
    pub scope: String,
    /// Whether redeeming the code yields a refresh token.
    pub issue_refresh_token: bool,
    pub issued_at: i64,
    pub used: bool,
}

/// A PayPulse API user.
#[derive(Debug, Clone)]
pub(crate) struct PayPulseUser {
    pub email: String,
    pub password: String,
    pub user_id: String,
}

/// Everything the simulator knows.
pub(crate) struct State {
    pub clients: HashMap<String, Client>,
    /// Accounts in insertion order; the first is the default one.
    pub accounts: Vec<Account>,
    pub grants: Vec<GrantRecord>,
    /// Refresh token → grant index. Superseded (rotated-away) tokens are removed.
    pub refresh_index: HashMap<String, usize>,
    /// Refresh tokens that were rotated away; they no longer work.
    pub superseded_refresh: HashMap<String, usize>,
    pub access_index: HashMap<String, AccessRecord>,
    /// ID token → its claims, for `tokeninfo?id_token=`.
    pub id_tokens: HashMap<String, Value>,
    pub codes: HashMap<String, CodeRecord>,
    /// (client id, account id) pairs that have consented before (`prompt=none` needs one).
    pub consented: HashSet<(String, String)>,
    /// Pairs that have granted offline access before: the first offline consent yields a
    /// refresh token even without `prompt=consent`, later ones only with it.
    pub offline_consented: HashSet<(String, String)>,
    pub consent: Consent,
    /// Email of the account that consents, overriding `login_hint`.
    pub consent_account: Option<String>,
    pub rotate_refresh_tokens: bool,
    /// Code exchanges answer without a refresh token (a grant whose offline access a policy or
    /// an earlier consent already holds).
    pub withhold_refresh_tokens: bool,
    /// Remaining injected failures of `POST /token`, and their HTTP status.
    pub fail_token: (usize, u16),
    pub token_requests: usize,
    /// Remaining injected failures of tokeninfo, and their HTTP status.
    pub fail_tokeninfo: (usize, u16),
    /// `tokeninfo` requests received (injected failures included).
    pub tokeninfo_requests: usize,
    pub revoke_requests: Vec<String>,
    pub authorize_requests: Vec<String>,
    /// Lower-cased email → user.
    pub paypulse_users: HashMap<String, PayPulseUser>,
    pub login_requests: usize,
    /// PayPulse user id → last body posted to `store-tokens`.
    pub stored_tokens: HashMap<String, Value>,
    /// HS256 key of the PayPulse API's JWTs.
    pub jwt_secret: [u8; 32],
    /// Mailboxes, quota, faults and counters of the Gmail API.
    pub gmail: crate::gmail::GmailState,
}

impl State {
    pub fn new() -> State {
        let mut jwt_secret = [0u8; 32];
        rand::rng().fill(&mut jwt_secret);
        let mut state = State {
            clients: HashMap::new(),
            accounts: Vec::new(),
            grants: Vec::new(),
            refresh_index: HashMap::new(),
            superseded_refresh: HashMap::new(),
            access_index: HashMap::new(),
            id_tokens: HashMap::new(),
            codes: HashMap::new(),
            consented: HashSet::new(),
            offline_consented: HashSet::new(),
            consent: Consent::Grant,
            consent_account: None,
            rotate_refresh_tokens: false,
            withhold_refresh_tokens: false,
            fail_token: (0, 500),
            token_requests: 0,
            fail_tokeninfo: (0, 500),
            tokeninfo_requests: 0,
            revoke_requests: Vec::new(),
            authorize_requests: Vec::new(),
            paypulse_users: HashMap::new(),
            login_requests: 0,
            stored_tokens: HashMap::new(),
            jwt_secret,
            gmail: crate::gmail::GmailState::new(),
        };
        state.add_client(crate::DEFAULT_PUBLIC_CLIENT_ID, None);
        state.add_client(
            crate::DEFAULT_CONFIDENTIAL_CLIENT_ID,
            Some(crate::DEFAULT_CONFIDENTIAL_CLIENT_SECRET),
        );
        state.add_account(
            crate::DEFAULT_GOOGLE_USER_ID,
            crate::DEFAULT_GOOGLE_EMAIL,
            crate::DEFAULT_GOOGLE_NAME,
        );
        state.add_paypulse_user(
            crate::DEFAULT_PAYPULSE_EMAIL,
            crate::DEFAULT_PAYPULSE_PASSWORD,
            crate::DEFAULT_PAYPULSE_USER_ID,
        );
        state
    }

    pub fn add_client(&mut self, client_id: &str, secret: Option<&str>) {
        self.clients.insert(
            client_id.to_owned(),
            Client {
                secret: secret.map(str::to_owned),
            },
        );
    }

    /// Adds an account, or replaces the one with the same id.
    pub fn add_account(&mut self, id: &str, email: &str, name: &str) {
        let account = Account {
            id: id.to_owned(),
            email: email.to_owned(),
            name: name.to_owned(),
            verified: true,
        };
        match self.accounts.iter_mut().find(|a| a.id == id) {
            Some(existing) => *existing = account,
            None => self.accounts.push(account),
        }
    }

    pub fn add_paypulse_user(&mut self, email: &str, password: &str, user_id: &str) {
        self.paypulse_users.insert(
            email.to_lowercase(),
            PayPulseUser {
                email: email.to_owned(),
                password: password.to_owned(),
                user_id: user_id.to_owned(),
            },
        );
    }

    pub fn account_by_id(&self, id: &str) -> Option<&Account> {
        self.accounts.iter().find(|a| a.id == id)
    }

    pub fn account_by_email(&self, email: &str) -> Option<&Account> {
        self.accounts
            .iter()
            .find(|a| a.email.eq_ignore_ascii_case(email))
    }

    /// Creates a grant with a fresh access token and, if asked, a refresh token.
    /// Returns (grant index, access token, refresh token).
    pub fn create_grant(
        &mut self,
        client_id: &str,
        account_id: &str,
        scope: &str,
        with_refresh_token: bool,
        expires_in: i64,
    ) -> (usize, String, Option<String>) {
        let refresh_token = with_refresh_token.then(new_refresh_token);
        let index = self.grants.len();
        self.grants.push(GrantRecord {
            client_id: client_id.to_owned(),
            account_id: account_id.to_owned(),
            scope: scope.to_owned(),
            refresh_token: refresh_token.clone(),
            revoked: false,
        });
        if let Some(rt) = &refresh_token {
            self.refresh_index.insert(rt.clone(), index);
        }
        let access_token = self.mint_access_token(index, expires_in);
        (index, access_token, refresh_token)
    }

    /// Mints a new access token for a grant.
    pub fn mint_access_token(&mut self, grant: usize, expires_in: i64) -> String {
        let token = new_access_token();
        self.access_index.insert(
            token.clone(),
            AccessRecord {
                grant,
                expires_at: now().saturating_add(expires_in),
            },
        );
        token
    }

    /// Replaces a grant's refresh token with a new one (rotation); the old one stops working.
    pub fn rotate_refresh_token(&mut self, grant: usize) -> String {
        let new = new_refresh_token();
        if let Some(record) = self.grants.get_mut(grant)
            && let Some(old) = record.refresh_token.replace(new.clone())
        {
            self.refresh_index.remove(&old);
            self.superseded_refresh.insert(old, grant);
        }
        self.refresh_index.insert(new.clone(), grant);
        new
    }

    /// The grant a refresh or access token belongs to, whatever its state.
    pub fn grant_of(&self, token: &str) -> Option<usize> {
        self.refresh_index
            .get(token)
            .copied()
            .or_else(|| self.superseded_refresh.get(token).copied())
            .or_else(|| self.access_index.get(token).map(|a| a.grant))
    }

    /// Revokes a grant: its refresh token and every access token minted from it stop working,
    /// and the account's consent to the client is forgotten (the next offline authorization
    /// yields a refresh token again).
    pub fn revoke_grant(&mut self, grant: usize) {
        if let Some(record) = self.grants.get_mut(grant) {
            record.revoked = true;
            let key = (record.client_id.clone(), record.account_id.clone());
            self.consented.remove(&key);
            self.offline_consented.remove(&key);
        }
    }

    /// The live (known, unexpired, unrevoked) access token's record and grant.
    pub fn live_access(&self, token: &str) -> Option<(&AccessRecord, &GrantRecord)> {
        let access = self.access_index.get(token)?;
        let grant = self.grants.get(access.grant)?;
        (!grant.revoked && access.expires_at > now()).then_some((access, grant))
    }

    /// Builds an unsigned-looking OpenID Connect ID token for a grant and remembers its claims.
    pub fn mint_id_token(&mut self, grant: usize, access_token: &str) -> Option<String> {
        let record = self.grants.get(grant)?.clone();
        let account = self.account_by_id(&record.account_id)?.clone();
        let iat = now();
        let mut claims = serde_json::Map::new();
        claims.insert("iss".into(), "https://accounts.google.com".into());
        claims.insert("azp".into(), record.client_id.clone().into());
        claims.insert("aud".into(), record.client_id.clone().into());
        claims.insert("sub".into(), account.id.clone().into());
        if scope::has_email(&record.scope) {
            claims.insert("email".into(), account.email.clone().into());
            claims.insert("email_verified".into(), account.verified.into());
        }
        claims.insert("at_hash".into(), crate::util::at_hash(access_token).into());
        if scope::has_profile(&record.scope) {
            claims.insert("name".into(), account.name.clone().into());
            claims.insert("picture".into(), account.picture().into());
            claims.insert("given_name".into(), account.given_name().into());
            claims.insert("family_name".into(), account.family_name().into());
        }
        claims.insert("iat".into(), iat.into());
        claims.insert("exp".into(), (iat + 3600).into());
        let claims = Value::Object(claims);
        let token = crate::util::unsigned_looking_jwt(&claims);
        self.id_tokens.insert(token.clone(), claims);
        Some(token)
    }
}

const URL_SAFE: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// `len` random characters from the URL-safe alphabet.
pub(crate) fn random_url_safe(len: usize) -> String {
    let mut rng = rand::rng();
    (0..len)
        .map(|_| char::from(URL_SAFE[rng.random_range(0..URL_SAFE.len())]))
        .collect()
}

/// An access token shaped like Google's (`ya29.a0…`, about 170 characters).
pub(crate) fn new_access_token() -> String {
    format!("ya29.a0{}", random_url_safe(163))
}

/// A refresh token shaped like Google's (`1//0…`, about 103 characters).
pub(crate) fn new_refresh_token() -> String {
    format!("1//0{}", random_url_safe(99))
}

/// An authorization code shaped like Google's (`4/0A…`).
pub(crate) fn new_auth_code() -> String {
    format!("4/0A{}", random_url_safe(69))
}
