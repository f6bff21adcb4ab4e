//! The integration tests: one binary (as ripgrep's and cargo's), a module per area. Each test
//! runs the real `paypulse` binary with a cleared environment, a temporary HOME and every URL
//! pointed at local peers (`common`). One binary links once instead of once per file.

mod aws_writes;
mod bench_smoke;
mod check;
mod cli_docs;
mod common;
mod connect;
mod fetch;
mod hostile;
mod invoices;
mod login;
mod network;
mod oidc;
mod part_ids;
mod races;
mod secrets_in_logs;
mod snapshots;
mod stores;
mod tokens;
