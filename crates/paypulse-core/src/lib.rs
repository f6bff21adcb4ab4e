//! paypulse core: the token bundle, the stores behind one [`store::TokenStore`] trait, Google
//! OAuth token operations and the PayPulse API. No command-line parsing and no printing here:
//! the `paypulse` binary wires these together and renders their results.

pub mod bundle;
pub mod config;
pub mod connect;
pub mod gmail;
pub mod grant;
pub mod hardening;
pub mod harvest;
pub mod health;
pub mod ids;
pub mod invoice;
pub mod loopback;
mod net;
pub mod oauth;
pub mod paypulse_api;
pub mod retry;
pub mod store;
pub mod text;

pub use secrecy::{ExposeSecret, SecretString};
