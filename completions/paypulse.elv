
use builtin;
use str;

set edit:completion:arg-completer[paypulse] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'paypulse'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'paypulse'= {
            cand --store 'Where token bundles are kept [default: keyring]'
            cand --user 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]'
            cand --config 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]'
            cand --secret-prefix 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)'
            cand --kms-key-id 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)'
            cand --json 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
            cand -v 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
            cand --verbose 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand login 'Log in to the PayPulse API'
            cand logout 'Forget the PayPulse session'
            cand connect-gmail 'Connect a Gmail account: OAuth 2.0 in the browser (loopback redirect + PKCE), then store the tokens'
            cand fetch-invoices 'Search Gmail and save invoices (PDFs, HTML receipts) to a folder, with a manifest'
            cand tokens 'Inspect, refresh, revoke, list and import Gmail token bundles'
            cand completions 'Print shell completions'
            cand man 'Write man pages into a folder'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'paypulse;login'= {
            cand --email 'Your PayPulse account''s email address (asked for on a terminal when missing)'
            cand --api-url 'The PayPulse API''s base URL'
            cand --store 'Where token bundles are kept [default: keyring]'
            cand --user 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]'
            cand --config 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]'
            cand --secret-prefix 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)'
            cand --kms-key-id 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)'
            cand --password-stdin 'Read the password from the first line of stdin instead of a prompt'
            cand --json 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
            cand -v 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
            cand --verbose 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'paypulse;logout'= {
            cand --store 'Where token bundles are kept [default: keyring]'
            cand --user 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]'
            cand --config 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]'
            cand --secret-prefix 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)'
            cand --kms-key-id 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)'
            cand --json 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
            cand -v 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
            cand --verbose 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'paypulse;connect-gmail'= {
            cand --port 'The loopback port to listen on [default: chosen by the OS]'
            cand --timeout 'How long to wait for the browser (90s, 5m or seconds)'
            cand --scope 'The scopes to ask for (repeat, or space-separated) [default: openid email profile https://www.googleapis.com/auth/gmail.readonly]'
            cand --client-secret-file 'A client_secret_*.json downloaded from the Google Cloud console (a Desktop client)'
            cand --api-url 'The PayPulse API''s base URL, for --upload [default: the one logged in to]'
            cand --store 'Where token bundles are kept [default: keyring]'
            cand --user 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]'
            cand --config 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]'
            cand --secret-prefix 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)'
            cand --kms-key-id 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)'
            cand --no-browser 'Print the authorization URL instead of opening a browser'
            cand --paste 'Paste the redirect URL (or the code) at a prompt, for a browser on another machine'
            cand --upload 'Also send the tokens to the PayPulse API, as the iOS app does (needs `paypulse login`)'
            cand --json 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
            cand -v 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
            cand --verbose 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'paypulse;fetch-invoices'= {
            cand --query 'A raw Gmail search query (replaces the built-in invoice query and the filters below)'
            cand --from 'Only messages from this sender (address or name)'
            cand --subject 'Only messages whose subject contains this'
            cand --after 'Only messages from this day on (YYYY-MM-DD, local time)'
            cand --before 'Only messages before this day (YYYY-MM-DD, local time)'
            cand --label 'Only messages with this Gmail label'
            cand --max 'At most this many messages'
            cand --types 'Attachment types to save, by extension or MIME type (comma-separated or repeated)'
            cand --out 'The output folder'
            cand --concurrency 'The most Gmail requests in flight (by default the number adapts to the observed latency and the quota budget, up to 128)'
            cand --quota 'The per-user Gmail quota budget the client paces itself to, in units per second'
            cand --retries 'Attempts per Gmail request before a message counts as failed (retries back off exponentially with jitter, honouring Retry-After)'
            cand --store 'Where token bundles are kept [default: keyring]'
            cand --user 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]'
            cand --config 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]'
            cand --secret-prefix 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)'
            cand --kms-key-id 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)'
            cand --print-query 'Print the search query and exit'
            cand --no-bodies 'Do not save the HTML (or text) body of messages without a matching attachment'
            cand --raw 'Also save each message as .eml'
            cand --dry-run 'List what would be saved; write nothing'
            cand --verify 'Re-hash every saved file of an already complete message (by default its size and modification time are compared)'
            cand --json 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
            cand -v 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
            cand --verbose 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'paypulse;tokens'= {
            cand --store 'Where token bundles are kept [default: keyring]'
            cand --user 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]'
            cand --config 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]'
            cand --secret-prefix 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)'
            cand --kms-key-id 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)'
            cand --json 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
            cand -v 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
            cand --verbose 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'Show the stored bundle: account, scope, expiry, status (secrets masked)'
            cand refresh 'Refresh the access token when it expires within 5 minutes (or always with --force)'
            cand revoke 'Revoke the grant at Google, then delete the stored bundle'
            cand list 'List the users that have a stored bundle'
            cand import 'Store a bundle read from stdin (JSON), after validating it'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'paypulse;tokens;show'= {
            cand --store 'Where token bundles are kept [default: keyring]'
            cand --user 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]'
            cand --config 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]'
            cand --secret-prefix 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)'
            cand --kms-key-id 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)'
            cand --reveal 'Show the access and refresh tokens in full'
            cand --json 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
            cand -v 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
            cand --verbose 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'paypulse;tokens;refresh'= {
            cand --store 'Where token bundles are kept [default: keyring]'
            cand --user 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]'
            cand --config 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]'
            cand --secret-prefix 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)'
            cand --kms-key-id 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)'
            cand --force 'Refresh even when the access token is still valid'
            cand --json 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
            cand -v 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
            cand --verbose 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'paypulse;tokens;revoke'= {
            cand --store 'Where token bundles are kept [default: keyring]'
            cand --user 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]'
            cand --config 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]'
            cand --secret-prefix 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)'
            cand --kms-key-id 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)'
            cand --local-only 'Delete the stored bundle without calling Google (the grant stays valid at Google)'
            cand -y 'Do not ask for confirmation (required when stdin is not a terminal)'
            cand --yes 'Do not ask for confirmation (required when stdin is not a terminal)'
            cand --json 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
            cand -v 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
            cand --verbose 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'paypulse;tokens;list'= {
            cand --store 'Where token bundles are kept [default: keyring]'
            cand --user 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]'
            cand --config 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]'
            cand --secret-prefix 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)'
            cand --kms-key-id 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)'
            cand --json 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
            cand -v 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
            cand --verbose 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'paypulse;tokens;import'= {
            cand --store 'Where token bundles are kept [default: keyring]'
            cand --user 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]'
            cand --config 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]'
            cand --secret-prefix 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)'
            cand --kms-key-id 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)'
            cand --json 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
            cand -v 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
            cand --verbose 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'paypulse;tokens;help'= {
            cand show 'Show the stored bundle: account, scope, expiry, status (secrets masked)'
            cand refresh 'Refresh the access token when it expires within 5 minutes (or always with --force)'
            cand revoke 'Revoke the grant at Google, then delete the stored bundle'
            cand list 'List the users that have a stored bundle'
            cand import 'Store a bundle read from stdin (JSON), after validating it'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'paypulse;tokens;help;show'= {
        }
        &'paypulse;tokens;help;refresh'= {
        }
        &'paypulse;tokens;help;revoke'= {
        }
        &'paypulse;tokens;help;list'= {
        }
        &'paypulse;tokens;help;import'= {
        }
        &'paypulse;tokens;help;help'= {
        }
        &'paypulse;completions'= {
            cand --store 'Where token bundles are kept [default: keyring]'
            cand --user 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]'
            cand --config 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]'
            cand --secret-prefix 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)'
            cand --kms-key-id 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)'
            cand --json 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
            cand -v 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
            cand --verbose 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'paypulse;man'= {
            cand --store 'Where token bundles are kept [default: keyring]'
            cand --user 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]'
            cand --config 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]'
            cand --secret-prefix 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)'
            cand --kms-key-id 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)'
            cand --json 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
            cand -v 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
            cand --verbose 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'paypulse;help'= {
            cand login 'Log in to the PayPulse API'
            cand logout 'Forget the PayPulse session'
            cand connect-gmail 'Connect a Gmail account: OAuth 2.0 in the browser (loopback redirect + PKCE), then store the tokens'
            cand fetch-invoices 'Search Gmail and save invoices (PDFs, HTML receipts) to a folder, with a manifest'
            cand tokens 'Inspect, refresh, revoke, list and import Gmail token bundles'
            cand completions 'Print shell completions'
            cand man 'Write man pages into a folder'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'paypulse;help;login'= {
        }
        &'paypulse;help;logout'= {
        }
        &'paypulse;help;connect-gmail'= {
        }
        &'paypulse;help;fetch-invoices'= {
        }
        &'paypulse;help;tokens'= {
            cand show 'Show the stored bundle: account, scope, expiry, status (secrets masked)'
            cand refresh 'Refresh the access token when it expires within 5 minutes (or always with --force)'
            cand revoke 'Revoke the grant at Google, then delete the stored bundle'
            cand list 'List the users that have a stored bundle'
            cand import 'Store a bundle read from stdin (JSON), after validating it'
        }
        &'paypulse;help;tokens;show'= {
        }
        &'paypulse;help;tokens;refresh'= {
        }
        &'paypulse;help;tokens;revoke'= {
        }
        &'paypulse;help;tokens;list'= {
        }
        &'paypulse;help;tokens;import'= {
        }
        &'paypulse;help;completions'= {
        }
        &'paypulse;help;man'= {
        }
        &'paypulse;help;help'= {
        }
    ]
    $completions[$command]
}
