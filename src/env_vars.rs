//! Every environment variable paypulse reads, by name, in one place: clap's `env = ...`, the
//! [settings](crate::settings), the browser's allow-list, `--help` and the docs test all use
//! these constants (as uv-static's `EnvVars` does), so a variable cannot be read without being
//! listed here, and cannot be listed without being documented (tests/cli_docs.rs).

/// The variables' names (each constant's value is its own name).
pub struct EnvVars;

/// Declares each name as a constant, and [`EnvVars::OURS`], the `PAYPULSE_*` ones.
macro_rules! env_vars {
    (ours { $($(#[$doc:meta])* $name:ident,)* } others { $($(#[$odoc:meta])* $other:ident,)* }) => {
        impl EnvVars {
            $($(#[$doc])* pub const $name: &'static str = stringify!($name);)*
            $($(#[$odoc])* pub const $other: &'static str = stringify!($other);)*
            /// Every `PAYPULSE_*` variable: each is an option's variable or is listed in
            /// [`crate::cli::ENVIRONMENT`].
            #[cfg(test)]
            pub const OURS: &'static [&'static str] = &[$(stringify!($name),)*];
        }
    };
}

env_vars! {
    ours {
    /// `--store`.
    PAYPULSE_STORE,
    /// `--user`.
    PAYPULSE_USER,
    /// `--config`.
    PAYPULSE_CONFIG,
    /// `--secret-prefix`.
    PAYPULSE_SECRET_PREFIX,
    /// `--kms-key-id`.
    PAYPULSE_KMS_KEY_ID,
    /// `--api-url`.
    PAYPULSE_API_URL,
    /// `--store-timeout`.
    PAYPULSE_STORE_TIMEOUT,
    /// `--connect-timeout`.
    PAYPULSE_CONNECT_TIMEOUT,
    /// `--http-timeout`.
    PAYPULSE_HTTP_TIMEOUT,
    /// `--recovery-window-days`.
    PAYPULSE_RECOVERY_WINDOW_DAYS,
    /// `--google-client-id`.
    PAYPULSE_GOOGLE_CLIENT_ID,
    /// `--google-auth-url`.
    PAYPULSE_GOOGLE_AUTH_URL,
    /// `--google-token-url`.
    PAYPULSE_GOOGLE_TOKEN_URL,
    /// `--google-revoke-url`.
    PAYPULSE_GOOGLE_REVOKE_URL,
    /// `--google-userinfo-url`.
    PAYPULSE_GOOGLE_USERINFO_URL,
    /// `--google-tokeninfo-url`.
    PAYPULSE_GOOGLE_TOKENINFO_URL,
    /// `--gmail-api-url`.
    PAYPULSE_GMAIL_API_URL,
    /// `--redirect-path`.
    PAYPULSE_REDIRECT_PATH,
    /// `fetch-invoices --quota`.
    PAYPULSE_GMAIL_QUOTA,
    /// The `file` store's key (a secret: never an option).
    PAYPULSE_VAULT_KEY,
    /// The `env` store's bundle (a secret: never an option).
    PAYPULSE_TOKEN_BUNDLE,
    /// The OAuth client's secret (never an option).
    PAYPULSE_GOOGLE_CLIENT_SECRET,
    /// A tracing filter for the log (-v and -q beat it).
    PAYPULSE_LOG,
    }
    others {
    HOME,
    XDG_CONFIG_HOME,
    XDG_DATA_HOME,
    /// The browser `connect-gmail` opens.
    BROWSER,
    }
}

/// An empty `PAYPULSE_*` variable counts as unset (as `FOO= paypulse ...` users expect): removed
/// from the environment once, before clap reads its `env` arguments and the settings read the
/// others.
///
/// # Safety
/// Call it before any other thread exists (first thing in `main`).
pub unsafe fn clear_empty() {
    let empty: Vec<_> = std::env::vars_os()
        .filter(|(k, v)| v.is_empty() && k.to_string_lossy().starts_with("PAYPULSE_"))
        .map(|(k, _)| k)
        .collect();
    for k in empty {
        // SAFETY: the caller promises that no other thread exists yet.
        unsafe { std::env::remove_var(k) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Each variable is an option's (`env = ...`) or is described in `--help`'s environment
    /// section, and every option's variable is one of ours.
    #[test]
    fn every_variable_is_an_options_or_in_the_environment_section() {
        fn envs(cmd: &clap::Command, out: &mut Vec<String>) {
            for a in cmd.get_arguments() {
                if let Some(e) = a.get_env() {
                    out.push(e.to_string_lossy().into_owned());
                }
            }
            for sub in cmd.get_subcommands() {
                envs(sub, out);
            }
        }
        let mut options = Vec::new();
        envs(&crate::cli::Cli::command(), &mut options);
        for e in &options {
            assert!(EnvVars::OURS.contains(&e.as_str()), "{e} is not in EnvVars");
        }
        for v in EnvVars::OURS {
            assert!(
                options.iter().any(|o| o == v) || crate::cli::ENVIRONMENT.contains(v),
                "{v} is neither an option's variable nor in cli::ENVIRONMENT"
            );
        }
    }
}
