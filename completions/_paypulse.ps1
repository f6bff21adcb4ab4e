
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'paypulse' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'paypulse'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'paypulse' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where token bundles are kept [default: keyring]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]')
            [CompletionResult]::new('--secret-prefix', '--secret-prefix', [CompletionResultType]::ParameterName, 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)')
            [CompletionResult]::new('--kms-key-id', '--kms-key-id', [CompletionResultType]::ParameterName, 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'The PayPulse API''s base URL [config: api_url]')
            [CompletionResult]::new('--store-timeout', '--store-timeout', [CompletionResultType]::ParameterName, 'How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m [default: 20s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long connecting to a server may take, e.g. 10s [default: 10s]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail download may wait for data, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--recovery-window-days', '--recovery-window-days', [CompletionResultType]::ParameterName, 'Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)')
            [CompletionResult]::new('--google-client-id', '--google-client-id', [CompletionResultType]::ParameterName, 'The OAuth client id [config: google.client_id]')
            [CompletionResult]::new('--google-auth-url', '--google-auth-url', [CompletionResultType]::ParameterName, 'The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]')
            [CompletionResult]::new('--google-token-url', '--google-token-url', [CompletionResultType]::ParameterName, 'The token endpoint [default: https://oauth2.googleapis.com/token]')
            [CompletionResult]::new('--google-revoke-url', '--google-revoke-url', [CompletionResultType]::ParameterName, 'The revocation endpoint [default: https://oauth2.googleapis.com/revoke]')
            [CompletionResult]::new('--google-userinfo-url', '--google-userinfo-url', [CompletionResultType]::ParameterName, 'The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]')
            [CompletionResult]::new('--google-tokeninfo-url', '--google-tokeninfo-url', [CompletionResultType]::ParameterName, 'The tokeninfo endpoint, which `tokens check` asks about live access tokens [default: https://oauth2.googleapis.com/tokeninfo]')
            [CompletionResult]::new('--gmail-api-url', '--gmail-api-url', [CompletionResultType]::ParameterName, 'The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default: https://gmail.googleapis.com]')
            [CompletionResult]::new('--redirect-path', '--redirect-path', [CompletionResultType]::ParameterName, 'The loopback redirect''s path (http://127.0.0.1:{port}{path}) [default: /]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in to the PayPulse API')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget the PayPulse session')
            [CompletionResult]::new('connect-gmail', 'connect-gmail', [CompletionResultType]::ParameterValue, 'Connect a Gmail account: OAuth 2.0 in the browser (loopback redirect + PKCE), then store the tokens')
            [CompletionResult]::new('fetch-invoices', 'fetch-invoices', [CompletionResultType]::ParameterValue, 'Search Gmail and save invoices (PDFs, HTML receipts) to a folder, with a manifest')
            [CompletionResult]::new('invoices', 'invoices', [CompletionResultType]::ParameterValue, 'List the harvested invoices with their fields (issuer, amount, due date, reference)')
            [CompletionResult]::new('tokens', 'tokens', [CompletionResultType]::ParameterValue, 'Inspect, refresh, revoke, list and import Gmail token bundles; print a fresh access token')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Write the man pages into a folder')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'paypulse;login' {
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Your PayPulse account''s email address (asked for on a terminal when missing)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where token bundles are kept [default: keyring]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]')
            [CompletionResult]::new('--secret-prefix', '--secret-prefix', [CompletionResultType]::ParameterName, 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)')
            [CompletionResult]::new('--kms-key-id', '--kms-key-id', [CompletionResultType]::ParameterName, 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'The PayPulse API''s base URL [config: api_url]')
            [CompletionResult]::new('--store-timeout', '--store-timeout', [CompletionResultType]::ParameterName, 'How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m [default: 20s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long connecting to a server may take, e.g. 10s [default: 10s]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail download may wait for data, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--recovery-window-days', '--recovery-window-days', [CompletionResultType]::ParameterName, 'Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)')
            [CompletionResult]::new('--google-client-id', '--google-client-id', [CompletionResultType]::ParameterName, 'The OAuth client id [config: google.client_id]')
            [CompletionResult]::new('--google-auth-url', '--google-auth-url', [CompletionResultType]::ParameterName, 'The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]')
            [CompletionResult]::new('--google-token-url', '--google-token-url', [CompletionResultType]::ParameterName, 'The token endpoint [default: https://oauth2.googleapis.com/token]')
            [CompletionResult]::new('--google-revoke-url', '--google-revoke-url', [CompletionResultType]::ParameterName, 'The revocation endpoint [default: https://oauth2.googleapis.com/revoke]')
            [CompletionResult]::new('--google-userinfo-url', '--google-userinfo-url', [CompletionResultType]::ParameterName, 'The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]')
            [CompletionResult]::new('--google-tokeninfo-url', '--google-tokeninfo-url', [CompletionResultType]::ParameterName, 'The tokeninfo endpoint, which `tokens check` asks about live access tokens [default: https://oauth2.googleapis.com/tokeninfo]')
            [CompletionResult]::new('--gmail-api-url', '--gmail-api-url', [CompletionResultType]::ParameterName, 'The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default: https://gmail.googleapis.com]')
            [CompletionResult]::new('--redirect-path', '--redirect-path', [CompletionResultType]::ParameterName, 'The loopback redirect''s path (http://127.0.0.1:{port}{path}) [default: /]')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin instead of a prompt')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'paypulse;logout' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where token bundles are kept [default: keyring]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]')
            [CompletionResult]::new('--secret-prefix', '--secret-prefix', [CompletionResultType]::ParameterName, 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)')
            [CompletionResult]::new('--kms-key-id', '--kms-key-id', [CompletionResultType]::ParameterName, 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'The PayPulse API''s base URL [config: api_url]')
            [CompletionResult]::new('--store-timeout', '--store-timeout', [CompletionResultType]::ParameterName, 'How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m [default: 20s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long connecting to a server may take, e.g. 10s [default: 10s]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail download may wait for data, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--recovery-window-days', '--recovery-window-days', [CompletionResultType]::ParameterName, 'Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)')
            [CompletionResult]::new('--google-client-id', '--google-client-id', [CompletionResultType]::ParameterName, 'The OAuth client id [config: google.client_id]')
            [CompletionResult]::new('--google-auth-url', '--google-auth-url', [CompletionResultType]::ParameterName, 'The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]')
            [CompletionResult]::new('--google-token-url', '--google-token-url', [CompletionResultType]::ParameterName, 'The token endpoint [default: https://oauth2.googleapis.com/token]')
            [CompletionResult]::new('--google-revoke-url', '--google-revoke-url', [CompletionResultType]::ParameterName, 'The revocation endpoint [default: https://oauth2.googleapis.com/revoke]')
            [CompletionResult]::new('--google-userinfo-url', '--google-userinfo-url', [CompletionResultType]::ParameterName, 'The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]')
            [CompletionResult]::new('--google-tokeninfo-url', '--google-tokeninfo-url', [CompletionResultType]::ParameterName, 'The tokeninfo endpoint, which `tokens check` asks about live access tokens [default: https://oauth2.googleapis.com/tokeninfo]')
            [CompletionResult]::new('--gmail-api-url', '--gmail-api-url', [CompletionResultType]::ParameterName, 'The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default: https://gmail.googleapis.com]')
            [CompletionResult]::new('--redirect-path', '--redirect-path', [CompletionResultType]::ParameterName, 'The loopback redirect''s path (http://127.0.0.1:{port}{path}) [default: /]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'paypulse;connect-gmail' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'The loopback port to listen on [default: chosen by the OS]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the browser (90s, 5m or seconds)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'The scopes to ask for (repeat, or space-separated) [default: openid email profile https://www.googleapis.com/auth/gmail.readonly]')
            [CompletionResult]::new('--client-secret-file', '--client-secret-file', [CompletionResultType]::ParameterName, 'A client_secret_*.json downloaded from the Google Cloud console (a Desktop client); remembered in the config file''s [google] table when no client is configured there')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where token bundles are kept [default: keyring]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]')
            [CompletionResult]::new('--secret-prefix', '--secret-prefix', [CompletionResultType]::ParameterName, 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)')
            [CompletionResult]::new('--kms-key-id', '--kms-key-id', [CompletionResultType]::ParameterName, 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'The PayPulse API''s base URL [config: api_url]')
            [CompletionResult]::new('--store-timeout', '--store-timeout', [CompletionResultType]::ParameterName, 'How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m [default: 20s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long connecting to a server may take, e.g. 10s [default: 10s]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail download may wait for data, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--recovery-window-days', '--recovery-window-days', [CompletionResultType]::ParameterName, 'Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)')
            [CompletionResult]::new('--google-client-id', '--google-client-id', [CompletionResultType]::ParameterName, 'The OAuth client id [config: google.client_id]')
            [CompletionResult]::new('--google-auth-url', '--google-auth-url', [CompletionResultType]::ParameterName, 'The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]')
            [CompletionResult]::new('--google-token-url', '--google-token-url', [CompletionResultType]::ParameterName, 'The token endpoint [default: https://oauth2.googleapis.com/token]')
            [CompletionResult]::new('--google-revoke-url', '--google-revoke-url', [CompletionResultType]::ParameterName, 'The revocation endpoint [default: https://oauth2.googleapis.com/revoke]')
            [CompletionResult]::new('--google-userinfo-url', '--google-userinfo-url', [CompletionResultType]::ParameterName, 'The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]')
            [CompletionResult]::new('--google-tokeninfo-url', '--google-tokeninfo-url', [CompletionResultType]::ParameterName, 'The tokeninfo endpoint, which `tokens check` asks about live access tokens [default: https://oauth2.googleapis.com/tokeninfo]')
            [CompletionResult]::new('--gmail-api-url', '--gmail-api-url', [CompletionResultType]::ParameterName, 'The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default: https://gmail.googleapis.com]')
            [CompletionResult]::new('--redirect-path', '--redirect-path', [CompletionResultType]::ParameterName, 'The loopback redirect''s path (http://127.0.0.1:{port}{path}) [default: /]')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'Print the authorization URL instead of opening a browser')
            [CompletionResult]::new('--paste', '--paste', [CompletionResultType]::ParameterName, 'Paste the redirect URL (or the code) at a prompt, for a browser on another machine')
            [CompletionResult]::new('--upload', '--upload', [CompletionResultType]::ParameterName, 'Also send the tokens to the PayPulse API, as the iOS app does (needs `paypulse login`)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'paypulse;fetch-invoices' {
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A raw Gmail search query (replaces the built-in invoice query and the filters below)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Only messages from this sender (address or name)')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'Only messages whose subject contains this')
            [CompletionResult]::new('--after', '--after', [CompletionResultType]::ParameterName, 'Only messages from this day on (YYYY-MM-DD, local time)')
            [CompletionResult]::new('--before', '--before', [CompletionResultType]::ParameterName, 'Only messages before this day (YYYY-MM-DD, local time)')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Only messages with this Gmail label')
            [CompletionResult]::new('--max', '--max', [CompletionResultType]::ParameterName, 'At most this many messages')
            [CompletionResult]::new('--types', '--types', [CompletionResultType]::ParameterName, 'Attachment types to save, by extension or MIME type (comma-separated or repeated)')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'The output folder')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'The most Gmail requests in flight (by default the number adapts to the observed latency and the quota budget, up to 128)')
            [CompletionResult]::new('--quota', '--quota', [CompletionResultType]::ParameterName, 'The per-user Gmail quota budget the client paces itself to, in units per second')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Attempts per Gmail request before a message counts as failed (retries back off exponentially with jitter, honouring Retry-After)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where token bundles are kept [default: keyring]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]')
            [CompletionResult]::new('--secret-prefix', '--secret-prefix', [CompletionResultType]::ParameterName, 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)')
            [CompletionResult]::new('--kms-key-id', '--kms-key-id', [CompletionResultType]::ParameterName, 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'The PayPulse API''s base URL [config: api_url]')
            [CompletionResult]::new('--store-timeout', '--store-timeout', [CompletionResultType]::ParameterName, 'How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m [default: 20s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long connecting to a server may take, e.g. 10s [default: 10s]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail download may wait for data, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--recovery-window-days', '--recovery-window-days', [CompletionResultType]::ParameterName, 'Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)')
            [CompletionResult]::new('--google-client-id', '--google-client-id', [CompletionResultType]::ParameterName, 'The OAuth client id [config: google.client_id]')
            [CompletionResult]::new('--google-auth-url', '--google-auth-url', [CompletionResultType]::ParameterName, 'The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]')
            [CompletionResult]::new('--google-token-url', '--google-token-url', [CompletionResultType]::ParameterName, 'The token endpoint [default: https://oauth2.googleapis.com/token]')
            [CompletionResult]::new('--google-revoke-url', '--google-revoke-url', [CompletionResultType]::ParameterName, 'The revocation endpoint [default: https://oauth2.googleapis.com/revoke]')
            [CompletionResult]::new('--google-userinfo-url', '--google-userinfo-url', [CompletionResultType]::ParameterName, 'The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]')
            [CompletionResult]::new('--google-tokeninfo-url', '--google-tokeninfo-url', [CompletionResultType]::ParameterName, 'The tokeninfo endpoint, which `tokens check` asks about live access tokens [default: https://oauth2.googleapis.com/tokeninfo]')
            [CompletionResult]::new('--gmail-api-url', '--gmail-api-url', [CompletionResultType]::ParameterName, 'The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default: https://gmail.googleapis.com]')
            [CompletionResult]::new('--redirect-path', '--redirect-path', [CompletionResultType]::ParameterName, 'The loopback redirect''s path (http://127.0.0.1:{port}{path}) [default: /]')
            [CompletionResult]::new('--print-query', '--print-query', [CompletionResultType]::ParameterName, 'Print the search query and exit')
            [CompletionResult]::new('--no-bodies', '--no-bodies', [CompletionResultType]::ParameterName, 'Do not save the HTML (or text) body of messages without a matching attachment')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Also save each message as .eml')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'List what would be saved; write nothing')
            [CompletionResult]::new('--verify', '--verify', [CompletionResultType]::ParameterName, 'Re-hash every saved file of an already complete message (by default its size and modification time are compared)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'paypulse;invoices' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'The folder `fetch-invoices` wrote to')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where token bundles are kept [default: keyring]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]')
            [CompletionResult]::new('--secret-prefix', '--secret-prefix', [CompletionResultType]::ParameterName, 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)')
            [CompletionResult]::new('--kms-key-id', '--kms-key-id', [CompletionResultType]::ParameterName, 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'The PayPulse API''s base URL [config: api_url]')
            [CompletionResult]::new('--store-timeout', '--store-timeout', [CompletionResultType]::ParameterName, 'How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m [default: 20s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long connecting to a server may take, e.g. 10s [default: 10s]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail download may wait for data, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--recovery-window-days', '--recovery-window-days', [CompletionResultType]::ParameterName, 'Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)')
            [CompletionResult]::new('--google-client-id', '--google-client-id', [CompletionResultType]::ParameterName, 'The OAuth client id [config: google.client_id]')
            [CompletionResult]::new('--google-auth-url', '--google-auth-url', [CompletionResultType]::ParameterName, 'The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]')
            [CompletionResult]::new('--google-token-url', '--google-token-url', [CompletionResultType]::ParameterName, 'The token endpoint [default: https://oauth2.googleapis.com/token]')
            [CompletionResult]::new('--google-revoke-url', '--google-revoke-url', [CompletionResultType]::ParameterName, 'The revocation endpoint [default: https://oauth2.googleapis.com/revoke]')
            [CompletionResult]::new('--google-userinfo-url', '--google-userinfo-url', [CompletionResultType]::ParameterName, 'The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]')
            [CompletionResult]::new('--google-tokeninfo-url', '--google-tokeninfo-url', [CompletionResultType]::ParameterName, 'The tokeninfo endpoint, which `tokens check` asks about live access tokens [default: https://oauth2.googleapis.com/tokeninfo]')
            [CompletionResult]::new('--gmail-api-url', '--gmail-api-url', [CompletionResultType]::ParameterName, 'The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default: https://gmail.googleapis.com]')
            [CompletionResult]::new('--redirect-path', '--redirect-path', [CompletionResultType]::ParameterName, 'The loopback redirect''s path (http://127.0.0.1:{port}{path}) [default: /]')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'CSV with a header row (one row per invoice) instead of a table')
            [CompletionResult]::new('--ics', '--ics', [CompletionResultType]::ParameterName, 'An iCalendar file (RFC 5545) of due dates instead of a table: one all-day event per invoice with a due date, whose UID stays the same across runs')
            [CompletionResult]::new('--reparse', '--reparse', [CompletionResultType]::ParameterName, 'Read the fields again from the files on disk and rewrite the manifest (no network)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'paypulse;tokens' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where token bundles are kept [default: keyring]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]')
            [CompletionResult]::new('--secret-prefix', '--secret-prefix', [CompletionResultType]::ParameterName, 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)')
            [CompletionResult]::new('--kms-key-id', '--kms-key-id', [CompletionResultType]::ParameterName, 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'The PayPulse API''s base URL [config: api_url]')
            [CompletionResult]::new('--store-timeout', '--store-timeout', [CompletionResultType]::ParameterName, 'How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m [default: 20s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long connecting to a server may take, e.g. 10s [default: 10s]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail download may wait for data, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--recovery-window-days', '--recovery-window-days', [CompletionResultType]::ParameterName, 'Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)')
            [CompletionResult]::new('--google-client-id', '--google-client-id', [CompletionResultType]::ParameterName, 'The OAuth client id [config: google.client_id]')
            [CompletionResult]::new('--google-auth-url', '--google-auth-url', [CompletionResultType]::ParameterName, 'The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]')
            [CompletionResult]::new('--google-token-url', '--google-token-url', [CompletionResultType]::ParameterName, 'The token endpoint [default: https://oauth2.googleapis.com/token]')
            [CompletionResult]::new('--google-revoke-url', '--google-revoke-url', [CompletionResultType]::ParameterName, 'The revocation endpoint [default: https://oauth2.googleapis.com/revoke]')
            [CompletionResult]::new('--google-userinfo-url', '--google-userinfo-url', [CompletionResultType]::ParameterName, 'The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]')
            [CompletionResult]::new('--google-tokeninfo-url', '--google-tokeninfo-url', [CompletionResultType]::ParameterName, 'The tokeninfo endpoint, which `tokens check` asks about live access tokens [default: https://oauth2.googleapis.com/tokeninfo]')
            [CompletionResult]::new('--gmail-api-url', '--gmail-api-url', [CompletionResultType]::ParameterName, 'The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default: https://gmail.googleapis.com]')
            [CompletionResult]::new('--redirect-path', '--redirect-path', [CompletionResultType]::ParameterName, 'The loopback redirect''s path (http://127.0.0.1:{port}{path}) [default: /]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the stored bundle: account, scope, expiry, status (secrets masked)')
            [CompletionResult]::new('refresh', 'refresh', [CompletionResultType]::ParameterValue, 'Refresh the access token when it expires within 5 minutes (or always with --force)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke the grant at Google, then delete the stored bundle')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the users that have a stored bundle, with their stored status (no call to Google)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check users'' Gmail connections live at Google: refresh what expires, report what is revoked, issued to another client or missing the Gmail scope')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Store a bundle read from stdin (JSON), after validating it')
            [CompletionResult]::new('access-token', 'access-token', [CompletionResultType]::ParameterValue, 'Print a fresh access token and nothing else, for scripts: refreshed first when it expires within 5 minutes (`curl -H "Authorization: Bearer $(paypulse tokens access-token)"`)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'paypulse;tokens;show' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where token bundles are kept [default: keyring]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]')
            [CompletionResult]::new('--secret-prefix', '--secret-prefix', [CompletionResultType]::ParameterName, 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)')
            [CompletionResult]::new('--kms-key-id', '--kms-key-id', [CompletionResultType]::ParameterName, 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'The PayPulse API''s base URL [config: api_url]')
            [CompletionResult]::new('--store-timeout', '--store-timeout', [CompletionResultType]::ParameterName, 'How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m [default: 20s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long connecting to a server may take, e.g. 10s [default: 10s]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail download may wait for data, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--recovery-window-days', '--recovery-window-days', [CompletionResultType]::ParameterName, 'Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)')
            [CompletionResult]::new('--google-client-id', '--google-client-id', [CompletionResultType]::ParameterName, 'The OAuth client id [config: google.client_id]')
            [CompletionResult]::new('--google-auth-url', '--google-auth-url', [CompletionResultType]::ParameterName, 'The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]')
            [CompletionResult]::new('--google-token-url', '--google-token-url', [CompletionResultType]::ParameterName, 'The token endpoint [default: https://oauth2.googleapis.com/token]')
            [CompletionResult]::new('--google-revoke-url', '--google-revoke-url', [CompletionResultType]::ParameterName, 'The revocation endpoint [default: https://oauth2.googleapis.com/revoke]')
            [CompletionResult]::new('--google-userinfo-url', '--google-userinfo-url', [CompletionResultType]::ParameterName, 'The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]')
            [CompletionResult]::new('--google-tokeninfo-url', '--google-tokeninfo-url', [CompletionResultType]::ParameterName, 'The tokeninfo endpoint, which `tokens check` asks about live access tokens [default: https://oauth2.googleapis.com/tokeninfo]')
            [CompletionResult]::new('--gmail-api-url', '--gmail-api-url', [CompletionResultType]::ParameterName, 'The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default: https://gmail.googleapis.com]')
            [CompletionResult]::new('--redirect-path', '--redirect-path', [CompletionResultType]::ParameterName, 'The loopback redirect''s path (http://127.0.0.1:{port}{path}) [default: /]')
            [CompletionResult]::new('--reveal', '--reveal', [CompletionResultType]::ParameterName, 'Show the access and refresh tokens in full')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'paypulse;tokens;refresh' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where token bundles are kept [default: keyring]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]')
            [CompletionResult]::new('--secret-prefix', '--secret-prefix', [CompletionResultType]::ParameterName, 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)')
            [CompletionResult]::new('--kms-key-id', '--kms-key-id', [CompletionResultType]::ParameterName, 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'The PayPulse API''s base URL [config: api_url]')
            [CompletionResult]::new('--store-timeout', '--store-timeout', [CompletionResultType]::ParameterName, 'How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m [default: 20s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long connecting to a server may take, e.g. 10s [default: 10s]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail download may wait for data, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--recovery-window-days', '--recovery-window-days', [CompletionResultType]::ParameterName, 'Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)')
            [CompletionResult]::new('--google-client-id', '--google-client-id', [CompletionResultType]::ParameterName, 'The OAuth client id [config: google.client_id]')
            [CompletionResult]::new('--google-auth-url', '--google-auth-url', [CompletionResultType]::ParameterName, 'The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]')
            [CompletionResult]::new('--google-token-url', '--google-token-url', [CompletionResultType]::ParameterName, 'The token endpoint [default: https://oauth2.googleapis.com/token]')
            [CompletionResult]::new('--google-revoke-url', '--google-revoke-url', [CompletionResultType]::ParameterName, 'The revocation endpoint [default: https://oauth2.googleapis.com/revoke]')
            [CompletionResult]::new('--google-userinfo-url', '--google-userinfo-url', [CompletionResultType]::ParameterName, 'The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]')
            [CompletionResult]::new('--google-tokeninfo-url', '--google-tokeninfo-url', [CompletionResultType]::ParameterName, 'The tokeninfo endpoint, which `tokens check` asks about live access tokens [default: https://oauth2.googleapis.com/tokeninfo]')
            [CompletionResult]::new('--gmail-api-url', '--gmail-api-url', [CompletionResultType]::ParameterName, 'The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default: https://gmail.googleapis.com]')
            [CompletionResult]::new('--redirect-path', '--redirect-path', [CompletionResultType]::ParameterName, 'The loopback redirect''s path (http://127.0.0.1:{port}{path}) [default: /]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Refresh even when the access token is still valid')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'paypulse;tokens;revoke' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where token bundles are kept [default: keyring]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]')
            [CompletionResult]::new('--secret-prefix', '--secret-prefix', [CompletionResultType]::ParameterName, 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)')
            [CompletionResult]::new('--kms-key-id', '--kms-key-id', [CompletionResultType]::ParameterName, 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'The PayPulse API''s base URL [config: api_url]')
            [CompletionResult]::new('--store-timeout', '--store-timeout', [CompletionResultType]::ParameterName, 'How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m [default: 20s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long connecting to a server may take, e.g. 10s [default: 10s]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail download may wait for data, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--recovery-window-days', '--recovery-window-days', [CompletionResultType]::ParameterName, 'Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)')
            [CompletionResult]::new('--google-client-id', '--google-client-id', [CompletionResultType]::ParameterName, 'The OAuth client id [config: google.client_id]')
            [CompletionResult]::new('--google-auth-url', '--google-auth-url', [CompletionResultType]::ParameterName, 'The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]')
            [CompletionResult]::new('--google-token-url', '--google-token-url', [CompletionResultType]::ParameterName, 'The token endpoint [default: https://oauth2.googleapis.com/token]')
            [CompletionResult]::new('--google-revoke-url', '--google-revoke-url', [CompletionResultType]::ParameterName, 'The revocation endpoint [default: https://oauth2.googleapis.com/revoke]')
            [CompletionResult]::new('--google-userinfo-url', '--google-userinfo-url', [CompletionResultType]::ParameterName, 'The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]')
            [CompletionResult]::new('--google-tokeninfo-url', '--google-tokeninfo-url', [CompletionResultType]::ParameterName, 'The tokeninfo endpoint, which `tokens check` asks about live access tokens [default: https://oauth2.googleapis.com/tokeninfo]')
            [CompletionResult]::new('--gmail-api-url', '--gmail-api-url', [CompletionResultType]::ParameterName, 'The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default: https://gmail.googleapis.com]')
            [CompletionResult]::new('--redirect-path', '--redirect-path', [CompletionResultType]::ParameterName, 'The loopback redirect''s path (http://127.0.0.1:{port}{path}) [default: /]')
            [CompletionResult]::new('--local-only', '--local-only', [CompletionResultType]::ParameterName, 'Delete the stored bundle without calling Google (the grant stays valid at Google)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when stdin is not a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'paypulse;tokens;list' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Keep only the users whose stored bundle has this status (repeatable)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where token bundles are kept [default: keyring]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]')
            [CompletionResult]::new('--secret-prefix', '--secret-prefix', [CompletionResultType]::ParameterName, 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)')
            [CompletionResult]::new('--kms-key-id', '--kms-key-id', [CompletionResultType]::ParameterName, 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'The PayPulse API''s base URL [config: api_url]')
            [CompletionResult]::new('--store-timeout', '--store-timeout', [CompletionResultType]::ParameterName, 'How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m [default: 20s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long connecting to a server may take, e.g. 10s [default: 10s]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail download may wait for data, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--recovery-window-days', '--recovery-window-days', [CompletionResultType]::ParameterName, 'Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)')
            [CompletionResult]::new('--google-client-id', '--google-client-id', [CompletionResultType]::ParameterName, 'The OAuth client id [config: google.client_id]')
            [CompletionResult]::new('--google-auth-url', '--google-auth-url', [CompletionResultType]::ParameterName, 'The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]')
            [CompletionResult]::new('--google-token-url', '--google-token-url', [CompletionResultType]::ParameterName, 'The token endpoint [default: https://oauth2.googleapis.com/token]')
            [CompletionResult]::new('--google-revoke-url', '--google-revoke-url', [CompletionResultType]::ParameterName, 'The revocation endpoint [default: https://oauth2.googleapis.com/revoke]')
            [CompletionResult]::new('--google-userinfo-url', '--google-userinfo-url', [CompletionResultType]::ParameterName, 'The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]')
            [CompletionResult]::new('--google-tokeninfo-url', '--google-tokeninfo-url', [CompletionResultType]::ParameterName, 'The tokeninfo endpoint, which `tokens check` asks about live access tokens [default: https://oauth2.googleapis.com/tokeninfo]')
            [CompletionResult]::new('--gmail-api-url', '--gmail-api-url', [CompletionResultType]::ParameterName, 'The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default: https://gmail.googleapis.com]')
            [CompletionResult]::new('--redirect-path', '--redirect-path', [CompletionResultType]::ParameterName, 'The loopback redirect''s path (http://127.0.0.1:{port}{path}) [default: /]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'paypulse;tokens;check' {
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'How many users are checked at once')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where token bundles are kept [default: keyring]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]')
            [CompletionResult]::new('--secret-prefix', '--secret-prefix', [CompletionResultType]::ParameterName, 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)')
            [CompletionResult]::new('--kms-key-id', '--kms-key-id', [CompletionResultType]::ParameterName, 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'The PayPulse API''s base URL [config: api_url]')
            [CompletionResult]::new('--store-timeout', '--store-timeout', [CompletionResultType]::ParameterName, 'How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m [default: 20s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long connecting to a server may take, e.g. 10s [default: 10s]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail download may wait for data, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--recovery-window-days', '--recovery-window-days', [CompletionResultType]::ParameterName, 'Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)')
            [CompletionResult]::new('--google-client-id', '--google-client-id', [CompletionResultType]::ParameterName, 'The OAuth client id [config: google.client_id]')
            [CompletionResult]::new('--google-auth-url', '--google-auth-url', [CompletionResultType]::ParameterName, 'The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]')
            [CompletionResult]::new('--google-token-url', '--google-token-url', [CompletionResultType]::ParameterName, 'The token endpoint [default: https://oauth2.googleapis.com/token]')
            [CompletionResult]::new('--google-revoke-url', '--google-revoke-url', [CompletionResultType]::ParameterName, 'The revocation endpoint [default: https://oauth2.googleapis.com/revoke]')
            [CompletionResult]::new('--google-userinfo-url', '--google-userinfo-url', [CompletionResultType]::ParameterName, 'The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]')
            [CompletionResult]::new('--google-tokeninfo-url', '--google-tokeninfo-url', [CompletionResultType]::ParameterName, 'The tokeninfo endpoint, which `tokens check` asks about live access tokens [default: https://oauth2.googleapis.com/tokeninfo]')
            [CompletionResult]::new('--gmail-api-url', '--gmail-api-url', [CompletionResultType]::ParameterName, 'The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default: https://gmail.googleapis.com]')
            [CompletionResult]::new('--redirect-path', '--redirect-path', [CompletionResultType]::ParameterName, 'The loopback redirect''s path (http://127.0.0.1:{port}{path}) [default: /]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Check every user with a stored bundle (under --secret-prefix) instead of one user')
            [CompletionResult]::new('--delete-revoked', '--delete-revoked', [CompletionResultType]::ParameterName, 'Delete the bundles found revoked (the user must reconnect anyway); without it, nothing is ever deleted')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'paypulse;tokens;import' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where token bundles are kept [default: keyring]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]')
            [CompletionResult]::new('--secret-prefix', '--secret-prefix', [CompletionResultType]::ParameterName, 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)')
            [CompletionResult]::new('--kms-key-id', '--kms-key-id', [CompletionResultType]::ParameterName, 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'The PayPulse API''s base URL [config: api_url]')
            [CompletionResult]::new('--store-timeout', '--store-timeout', [CompletionResultType]::ParameterName, 'How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m [default: 20s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long connecting to a server may take, e.g. 10s [default: 10s]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail download may wait for data, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--recovery-window-days', '--recovery-window-days', [CompletionResultType]::ParameterName, 'Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)')
            [CompletionResult]::new('--google-client-id', '--google-client-id', [CompletionResultType]::ParameterName, 'The OAuth client id [config: google.client_id]')
            [CompletionResult]::new('--google-auth-url', '--google-auth-url', [CompletionResultType]::ParameterName, 'The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]')
            [CompletionResult]::new('--google-token-url', '--google-token-url', [CompletionResultType]::ParameterName, 'The token endpoint [default: https://oauth2.googleapis.com/token]')
            [CompletionResult]::new('--google-revoke-url', '--google-revoke-url', [CompletionResultType]::ParameterName, 'The revocation endpoint [default: https://oauth2.googleapis.com/revoke]')
            [CompletionResult]::new('--google-userinfo-url', '--google-userinfo-url', [CompletionResultType]::ParameterName, 'The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]')
            [CompletionResult]::new('--google-tokeninfo-url', '--google-tokeninfo-url', [CompletionResultType]::ParameterName, 'The tokeninfo endpoint, which `tokens check` asks about live access tokens [default: https://oauth2.googleapis.com/tokeninfo]')
            [CompletionResult]::new('--gmail-api-url', '--gmail-api-url', [CompletionResultType]::ParameterName, 'The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default: https://gmail.googleapis.com]')
            [CompletionResult]::new('--redirect-path', '--redirect-path', [CompletionResultType]::ParameterName, 'The loopback redirect''s path (http://127.0.0.1:{port}{path}) [default: /]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'paypulse;tokens;access-token' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where token bundles are kept [default: keyring]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]')
            [CompletionResult]::new('--secret-prefix', '--secret-prefix', [CompletionResultType]::ParameterName, 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)')
            [CompletionResult]::new('--kms-key-id', '--kms-key-id', [CompletionResultType]::ParameterName, 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'The PayPulse API''s base URL [config: api_url]')
            [CompletionResult]::new('--store-timeout', '--store-timeout', [CompletionResultType]::ParameterName, 'How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m [default: 20s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long connecting to a server may take, e.g. 10s [default: 10s]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail download may wait for data, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--recovery-window-days', '--recovery-window-days', [CompletionResultType]::ParameterName, 'Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)')
            [CompletionResult]::new('--google-client-id', '--google-client-id', [CompletionResultType]::ParameterName, 'The OAuth client id [config: google.client_id]')
            [CompletionResult]::new('--google-auth-url', '--google-auth-url', [CompletionResultType]::ParameterName, 'The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]')
            [CompletionResult]::new('--google-token-url', '--google-token-url', [CompletionResultType]::ParameterName, 'The token endpoint [default: https://oauth2.googleapis.com/token]')
            [CompletionResult]::new('--google-revoke-url', '--google-revoke-url', [CompletionResultType]::ParameterName, 'The revocation endpoint [default: https://oauth2.googleapis.com/revoke]')
            [CompletionResult]::new('--google-userinfo-url', '--google-userinfo-url', [CompletionResultType]::ParameterName, 'The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]')
            [CompletionResult]::new('--google-tokeninfo-url', '--google-tokeninfo-url', [CompletionResultType]::ParameterName, 'The tokeninfo endpoint, which `tokens check` asks about live access tokens [default: https://oauth2.googleapis.com/tokeninfo]')
            [CompletionResult]::new('--gmail-api-url', '--gmail-api-url', [CompletionResultType]::ParameterName, 'The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default: https://gmail.googleapis.com]')
            [CompletionResult]::new('--redirect-path', '--redirect-path', [CompletionResultType]::ParameterName, 'The loopback redirect''s path (http://127.0.0.1:{port}{path}) [default: /]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Refresh a token whose expiry is unknown too (a bundle without `expires_at` is otherwise printed as stored, as the backend uses it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'paypulse;tokens;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the stored bundle: account, scope, expiry, status (secrets masked)')
            [CompletionResult]::new('refresh', 'refresh', [CompletionResultType]::ParameterValue, 'Refresh the access token when it expires within 5 minutes (or always with --force)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke the grant at Google, then delete the stored bundle')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the users that have a stored bundle, with their stored status (no call to Google)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check users'' Gmail connections live at Google: refresh what expires, report what is revoked, issued to another client or missing the Gmail scope')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Store a bundle read from stdin (JSON), after validating it')
            [CompletionResult]::new('access-token', 'access-token', [CompletionResultType]::ParameterValue, 'Print a fresh access token and nothing else, for scripts: refreshed first when it expires within 5 minutes (`curl -H "Authorization: Bearer $(paypulse tokens access-token)"`)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'paypulse;tokens;help;show' {
            break
        }
        'paypulse;tokens;help;refresh' {
            break
        }
        'paypulse;tokens;help;revoke' {
            break
        }
        'paypulse;tokens;help;list' {
            break
        }
        'paypulse;tokens;help;check' {
            break
        }
        'paypulse;tokens;help;import' {
            break
        }
        'paypulse;tokens;help;access-token' {
            break
        }
        'paypulse;tokens;help;help' {
            break
        }
        'paypulse;completions' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where token bundles are kept [default: keyring]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]')
            [CompletionResult]::new('--secret-prefix', '--secret-prefix', [CompletionResultType]::ParameterName, 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)')
            [CompletionResult]::new('--kms-key-id', '--kms-key-id', [CompletionResultType]::ParameterName, 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'The PayPulse API''s base URL [config: api_url]')
            [CompletionResult]::new('--store-timeout', '--store-timeout', [CompletionResultType]::ParameterName, 'How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m [default: 20s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long connecting to a server may take, e.g. 10s [default: 10s]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail download may wait for data, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--recovery-window-days', '--recovery-window-days', [CompletionResultType]::ParameterName, 'Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)')
            [CompletionResult]::new('--google-client-id', '--google-client-id', [CompletionResultType]::ParameterName, 'The OAuth client id [config: google.client_id]')
            [CompletionResult]::new('--google-auth-url', '--google-auth-url', [CompletionResultType]::ParameterName, 'The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]')
            [CompletionResult]::new('--google-token-url', '--google-token-url', [CompletionResultType]::ParameterName, 'The token endpoint [default: https://oauth2.googleapis.com/token]')
            [CompletionResult]::new('--google-revoke-url', '--google-revoke-url', [CompletionResultType]::ParameterName, 'The revocation endpoint [default: https://oauth2.googleapis.com/revoke]')
            [CompletionResult]::new('--google-userinfo-url', '--google-userinfo-url', [CompletionResultType]::ParameterName, 'The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]')
            [CompletionResult]::new('--google-tokeninfo-url', '--google-tokeninfo-url', [CompletionResultType]::ParameterName, 'The tokeninfo endpoint, which `tokens check` asks about live access tokens [default: https://oauth2.googleapis.com/tokeninfo]')
            [CompletionResult]::new('--gmail-api-url', '--gmail-api-url', [CompletionResultType]::ParameterName, 'The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default: https://gmail.googleapis.com]')
            [CompletionResult]::new('--redirect-path', '--redirect-path', [CompletionResultType]::ParameterName, 'The loopback redirect''s path (http://127.0.0.1:{port}{path}) [default: /]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'paypulse;man' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where token bundles are kept [default: keyring]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]')
            [CompletionResult]::new('--secret-prefix', '--secret-prefix', [CompletionResultType]::ParameterName, 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)')
            [CompletionResult]::new('--kms-key-id', '--kms-key-id', [CompletionResultType]::ParameterName, 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'The PayPulse API''s base URL [config: api_url]')
            [CompletionResult]::new('--store-timeout', '--store-timeout', [CompletionResultType]::ParameterName, 'How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m [default: 20s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long connecting to a server may take, e.g. 10s [default: 10s]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail download may wait for data, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--recovery-window-days', '--recovery-window-days', [CompletionResultType]::ParameterName, 'Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)')
            [CompletionResult]::new('--google-client-id', '--google-client-id', [CompletionResultType]::ParameterName, 'The OAuth client id [config: google.client_id]')
            [CompletionResult]::new('--google-auth-url', '--google-auth-url', [CompletionResultType]::ParameterName, 'The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]')
            [CompletionResult]::new('--google-token-url', '--google-token-url', [CompletionResultType]::ParameterName, 'The token endpoint [default: https://oauth2.googleapis.com/token]')
            [CompletionResult]::new('--google-revoke-url', '--google-revoke-url', [CompletionResultType]::ParameterName, 'The revocation endpoint [default: https://oauth2.googleapis.com/revoke]')
            [CompletionResult]::new('--google-userinfo-url', '--google-userinfo-url', [CompletionResultType]::ParameterName, 'The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]')
            [CompletionResult]::new('--google-tokeninfo-url', '--google-tokeninfo-url', [CompletionResultType]::ParameterName, 'The tokeninfo endpoint, which `tokens check` asks about live access tokens [default: https://oauth2.googleapis.com/tokeninfo]')
            [CompletionResult]::new('--gmail-api-url', '--gmail-api-url', [CompletionResultType]::ParameterName, 'The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default: https://gmail.googleapis.com]')
            [CompletionResult]::new('--redirect-path', '--redirect-path', [CompletionResultType]::ParameterName, 'The loopback redirect''s path (http://127.0.0.1:{port}{path}) [default: /]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'paypulse;help' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in to the PayPulse API')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget the PayPulse session')
            [CompletionResult]::new('connect-gmail', 'connect-gmail', [CompletionResultType]::ParameterValue, 'Connect a Gmail account: OAuth 2.0 in the browser (loopback redirect + PKCE), then store the tokens')
            [CompletionResult]::new('fetch-invoices', 'fetch-invoices', [CompletionResultType]::ParameterValue, 'Search Gmail and save invoices (PDFs, HTML receipts) to a folder, with a manifest')
            [CompletionResult]::new('invoices', 'invoices', [CompletionResultType]::ParameterValue, 'List the harvested invoices with their fields (issuer, amount, due date, reference)')
            [CompletionResult]::new('tokens', 'tokens', [CompletionResultType]::ParameterValue, 'Inspect, refresh, revoke, list and import Gmail token bundles; print a fresh access token')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Write the man pages into a folder')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'paypulse;help;login' {
            break
        }
        'paypulse;help;logout' {
            break
        }
        'paypulse;help;connect-gmail' {
            break
        }
        'paypulse;help;fetch-invoices' {
            break
        }
        'paypulse;help;invoices' {
            break
        }
        'paypulse;help;tokens' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the stored bundle: account, scope, expiry, status (secrets masked)')
            [CompletionResult]::new('refresh', 'refresh', [CompletionResultType]::ParameterValue, 'Refresh the access token when it expires within 5 minutes (or always with --force)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke the grant at Google, then delete the stored bundle')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the users that have a stored bundle, with their stored status (no call to Google)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check users'' Gmail connections live at Google: refresh what expires, report what is revoked, issued to another client or missing the Gmail scope')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Store a bundle read from stdin (JSON), after validating it')
            [CompletionResult]::new('access-token', 'access-token', [CompletionResultType]::ParameterValue, 'Print a fresh access token and nothing else, for scripts: refreshed first when it expires within 5 minutes (`curl -H "Authorization: Bearer $(paypulse tokens access-token)"`)')
            break
        }
        'paypulse;help;tokens;show' {
            break
        }
        'paypulse;help;tokens;refresh' {
            break
        }
        'paypulse;help;tokens;revoke' {
            break
        }
        'paypulse;help;tokens;list' {
            break
        }
        'paypulse;help;tokens;check' {
            break
        }
        'paypulse;help;tokens;import' {
            break
        }
        'paypulse;help;tokens;access-token' {
            break
        }
        'paypulse;help;completions' {
            break
        }
        'paypulse;help;man' {
            break
        }
        'paypulse;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
