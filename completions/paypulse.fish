# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_paypulse_global_optspecs
    string join \n store= user= config= secret-prefix= kms-key-id= api-url= store-timeout= connect-timeout= http-timeout= recovery-window-days= json v/verbose q/quiet google-client-id= google-auth-url= google-token-url= google-revoke-url= google-userinfo-url= google-tokeninfo-url= gmail-api-url= redirect-path= h/help V/version
end

function __fish_paypulse_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_paypulse_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_paypulse_using_subcommand
    set -l cmd (__fish_paypulse_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c paypulse -n "__fish_paypulse_needs_command" -l store -d 'Where token bundles are kept [default: keyring]' -r -f -a "keyring\t'The OS credential store (Secret Service, Keychain, Credential Manager)'
aws\t'AWS Secrets Manager (the SDK\'s standard configuration chain)'
file\t'An AES-256-GCM encrypted file per bundle; key from PAYPULSE_VAULT_KEY'
env\t'Read-only: the bundle JSON in PAYPULSE_TOKEN_BUNDLE'"
complete -c paypulse -n "__fish_paypulse_needs_command" -l user -d 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]' -r
complete -c paypulse -n "__fish_paypulse_needs_command" -l config -d 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]' -r -F
complete -c paypulse -n "__fish_paypulse_needs_command" -l secret-prefix -d 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)' -r
complete -c paypulse -n "__fish_paypulse_needs_command" -l kms-key-id -d 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)' -r
complete -c paypulse -n "__fish_paypulse_needs_command" -l api-url -d 'The PayPulse API\'s base URL [config: api_url]' -r
complete -c paypulse -n "__fish_paypulse_needs_command" -l store-timeout -d 'How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m [default: 20s]' -r
complete -c paypulse -n "__fish_paypulse_needs_command" -l connect-timeout -d 'How long connecting to a server may take, e.g. 10s [default: 10s]' -r
complete -c paypulse -n "__fish_paypulse_needs_command" -l http-timeout -d 'How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail download may wait for data, e.g. 30s [default: 30s]' -r
complete -c paypulse -n "__fish_paypulse_needs_command" -l recovery-window-days -d 'Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)' -r
complete -c paypulse -n "__fish_paypulse_needs_command" -l google-client-id -d 'The OAuth client id [config: google.client_id]' -r
complete -c paypulse -n "__fish_paypulse_needs_command" -l google-auth-url -d 'The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]' -r
complete -c paypulse -n "__fish_paypulse_needs_command" -l google-token-url -d 'The token endpoint [default: https://oauth2.googleapis.com/token]' -r
complete -c paypulse -n "__fish_paypulse_needs_command" -l google-revoke-url -d 'The revocation endpoint [default: https://oauth2.googleapis.com/revoke]' -r
complete -c paypulse -n "__fish_paypulse_needs_command" -l google-userinfo-url -d 'The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]' -r
complete -c paypulse -n "__fish_paypulse_needs_command" -l google-tokeninfo-url -d 'The tokeninfo endpoint, which `tokens check` asks about live access tokens [default: https://oauth2.googleapis.com/tokeninfo]' -r
complete -c paypulse -n "__fish_paypulse_needs_command" -l gmail-api-url -d 'The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default: https://gmail.googleapis.com]' -r
complete -c paypulse -n "__fish_paypulse_needs_command" -l redirect-path -d 'The loopback redirect\'s path (http://127.0.0.1:{port}{path}) [default: /]' -r
complete -c paypulse -n "__fish_paypulse_needs_command" -l json -d 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
complete -c paypulse -n "__fish_paypulse_needs_command" -s v -l verbose -d 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
complete -c paypulse -n "__fish_paypulse_needs_command" -s q -l quiet -d 'Only errors on stderr'
complete -c paypulse -n "__fish_paypulse_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paypulse -n "__fish_paypulse_needs_command" -s V -l version -d 'Print version'
complete -c paypulse -n "__fish_paypulse_needs_command" -f -a "login" -d 'Log in to the PayPulse API'
complete -c paypulse -n "__fish_paypulse_needs_command" -f -a "logout" -d 'Forget the PayPulse session'
complete -c paypulse -n "__fish_paypulse_needs_command" -f -a "connect-gmail" -d 'Connect a Gmail account: OAuth 2.0 in the browser (loopback redirect + PKCE), then store the tokens'
complete -c paypulse -n "__fish_paypulse_needs_command" -f -a "fetch-invoices" -d 'Search Gmail and save invoices (PDFs, HTML receipts) to a folder, with a manifest'
complete -c paypulse -n "__fish_paypulse_needs_command" -f -a "invoices" -d 'List the harvested invoices with their fields (issuer, amount, due date, reference)'
complete -c paypulse -n "__fish_paypulse_needs_command" -f -a "tokens" -d 'Inspect, refresh, revoke, list and import Gmail token bundles; print a fresh access token'
complete -c paypulse -n "__fish_paypulse_needs_command" -f -a "completions" -d 'Print shell completions (bash, zsh, fish, powershell, elvish)'
complete -c paypulse -n "__fish_paypulse_needs_command" -f -a "man" -d 'Write the man pages into a folder'
complete -c paypulse -n "__fish_paypulse_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c paypulse -n "__fish_paypulse_using_subcommand login" -l email -d 'Your PayPulse account\'s email address (asked for on a terminal when missing)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand login" -l store -d 'Where token bundles are kept [default: keyring]' -r -f -a "keyring\t'The OS credential store (Secret Service, Keychain, Credential Manager)'
aws\t'AWS Secrets Manager (the SDK\'s standard configuration chain)'
file\t'An AES-256-GCM encrypted file per bundle; key from PAYPULSE_VAULT_KEY'
env\t'Read-only: the bundle JSON in PAYPULSE_TOKEN_BUNDLE'"
complete -c paypulse -n "__fish_paypulse_using_subcommand login" -l user -d 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand login" -l config -d 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]' -r -F
complete -c paypulse -n "__fish_paypulse_using_subcommand login" -l secret-prefix -d 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand login" -l kms-key-id -d 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand login" -l api-url -d 'The PayPulse API\'s base URL [config: api_url]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand login" -l store-timeout -d 'How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m [default: 20s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand login" -l connect-timeout -d 'How long connecting to a server may take, e.g. 10s [default: 10s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand login" -l http-timeout -d 'How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail download may wait for data, e.g. 30s [default: 30s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand login" -l recovery-window-days -d 'Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand login" -l google-client-id -d 'The OAuth client id [config: google.client_id]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand login" -l google-auth-url -d 'The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand login" -l google-token-url -d 'The token endpoint [default: https://oauth2.googleapis.com/token]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand login" -l google-revoke-url -d 'The revocation endpoint [default: https://oauth2.googleapis.com/revoke]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand login" -l google-userinfo-url -d 'The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand login" -l google-tokeninfo-url -d 'The tokeninfo endpoint, which `tokens check` asks about live access tokens [default: https://oauth2.googleapis.com/tokeninfo]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand login" -l gmail-api-url -d 'The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default: https://gmail.googleapis.com]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand login" -l redirect-path -d 'The loopback redirect\'s path (http://127.0.0.1:{port}{path}) [default: /]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand login" -l password-stdin -d 'Read the password from the first line of stdin instead of a prompt'
complete -c paypulse -n "__fish_paypulse_using_subcommand login" -l json -d 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
complete -c paypulse -n "__fish_paypulse_using_subcommand login" -s v -l verbose -d 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
complete -c paypulse -n "__fish_paypulse_using_subcommand login" -s q -l quiet -d 'Only errors on stderr'
complete -c paypulse -n "__fish_paypulse_using_subcommand login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paypulse -n "__fish_paypulse_using_subcommand login" -s V -l version -d 'Print version'
complete -c paypulse -n "__fish_paypulse_using_subcommand logout" -l store -d 'Where token bundles are kept [default: keyring]' -r -f -a "keyring\t'The OS credential store (Secret Service, Keychain, Credential Manager)'
aws\t'AWS Secrets Manager (the SDK\'s standard configuration chain)'
file\t'An AES-256-GCM encrypted file per bundle; key from PAYPULSE_VAULT_KEY'
env\t'Read-only: the bundle JSON in PAYPULSE_TOKEN_BUNDLE'"
complete -c paypulse -n "__fish_paypulse_using_subcommand logout" -l user -d 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand logout" -l config -d 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]' -r -F
complete -c paypulse -n "__fish_paypulse_using_subcommand logout" -l secret-prefix -d 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand logout" -l kms-key-id -d 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand logout" -l api-url -d 'The PayPulse API\'s base URL [config: api_url]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand logout" -l store-timeout -d 'How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m [default: 20s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand logout" -l connect-timeout -d 'How long connecting to a server may take, e.g. 10s [default: 10s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand logout" -l http-timeout -d 'How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail download may wait for data, e.g. 30s [default: 30s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand logout" -l recovery-window-days -d 'Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand logout" -l google-client-id -d 'The OAuth client id [config: google.client_id]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand logout" -l google-auth-url -d 'The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand logout" -l google-token-url -d 'The token endpoint [default: https://oauth2.googleapis.com/token]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand logout" -l google-revoke-url -d 'The revocation endpoint [default: https://oauth2.googleapis.com/revoke]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand logout" -l google-userinfo-url -d 'The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand logout" -l google-tokeninfo-url -d 'The tokeninfo endpoint, which `tokens check` asks about live access tokens [default: https://oauth2.googleapis.com/tokeninfo]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand logout" -l gmail-api-url -d 'The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default: https://gmail.googleapis.com]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand logout" -l redirect-path -d 'The loopback redirect\'s path (http://127.0.0.1:{port}{path}) [default: /]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand logout" -l json -d 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
complete -c paypulse -n "__fish_paypulse_using_subcommand logout" -s v -l verbose -d 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
complete -c paypulse -n "__fish_paypulse_using_subcommand logout" -s q -l quiet -d 'Only errors on stderr'
complete -c paypulse -n "__fish_paypulse_using_subcommand logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paypulse -n "__fish_paypulse_using_subcommand logout" -s V -l version -d 'Print version'
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l port -d 'The loopback port to listen on [default: chosen by the OS]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l timeout -d 'How long to wait for the browser (90s, 5m or seconds)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l scope -d 'The scopes to ask for (repeat, or space-separated) [default: openid email profile https://www.googleapis.com/auth/gmail.readonly]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l client-secret-file -d 'A client_secret_*.json downloaded from the Google Cloud console (a Desktop client); remembered in the config file\'s [google] table when no client is configured there' -r -F
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l store -d 'Where token bundles are kept [default: keyring]' -r -f -a "keyring\t'The OS credential store (Secret Service, Keychain, Credential Manager)'
aws\t'AWS Secrets Manager (the SDK\'s standard configuration chain)'
file\t'An AES-256-GCM encrypted file per bundle; key from PAYPULSE_VAULT_KEY'
env\t'Read-only: the bundle JSON in PAYPULSE_TOKEN_BUNDLE'"
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l user -d 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l config -d 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]' -r -F
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l secret-prefix -d 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l kms-key-id -d 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l api-url -d 'The PayPulse API\'s base URL [config: api_url]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l store-timeout -d 'How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m [default: 20s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l connect-timeout -d 'How long connecting to a server may take, e.g. 10s [default: 10s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l http-timeout -d 'How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail download may wait for data, e.g. 30s [default: 30s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l recovery-window-days -d 'Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l google-client-id -d 'The OAuth client id [config: google.client_id]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l google-auth-url -d 'The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l google-token-url -d 'The token endpoint [default: https://oauth2.googleapis.com/token]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l google-revoke-url -d 'The revocation endpoint [default: https://oauth2.googleapis.com/revoke]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l google-userinfo-url -d 'The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l google-tokeninfo-url -d 'The tokeninfo endpoint, which `tokens check` asks about live access tokens [default: https://oauth2.googleapis.com/tokeninfo]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l gmail-api-url -d 'The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default: https://gmail.googleapis.com]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l redirect-path -d 'The loopback redirect\'s path (http://127.0.0.1:{port}{path}) [default: /]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l no-browser -d 'Print the authorization URL instead of opening a browser'
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l paste -d 'Paste the redirect URL (or the code) at a prompt, for a browser on another machine'
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l upload -d 'Also send the tokens to the PayPulse API, as the iOS app does (needs `paypulse login`)'
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l json -d 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -s v -l verbose -d 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -s q -l quiet -d 'Only errors on stderr'
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -s V -l version -d 'Print version'
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l query -d 'A raw Gmail search query (replaces the built-in invoice query and the filters below)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l from -d 'Only messages from this sender (address or name)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l subject -d 'Only messages whose subject contains this' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l after -d 'Only messages from this day on (YYYY-MM-DD, local time)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l before -d 'Only messages before this day (YYYY-MM-DD, local time)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l label -d 'Only messages with this Gmail label' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l max -d 'At most this many messages' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l types -d 'Attachment types to save, by extension or MIME type (comma-separated or repeated)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l out -d 'The output folder' -r -F
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l concurrency -d 'The most Gmail requests in flight (by default the number adapts to the observed latency and the quota budget, up to 128)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l quota -d 'The per-user Gmail quota budget the client paces itself to, in units per second' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l retries -d 'Attempts per Gmail request before a message counts as failed (retries back off exponentially with jitter, honouring Retry-After)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l store -d 'Where token bundles are kept [default: keyring]' -r -f -a "keyring\t'The OS credential store (Secret Service, Keychain, Credential Manager)'
aws\t'AWS Secrets Manager (the SDK\'s standard configuration chain)'
file\t'An AES-256-GCM encrypted file per bundle; key from PAYPULSE_VAULT_KEY'
env\t'Read-only: the bundle JSON in PAYPULSE_TOKEN_BUNDLE'"
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l user -d 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l config -d 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]' -r -F
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l secret-prefix -d 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l kms-key-id -d 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l api-url -d 'The PayPulse API\'s base URL [config: api_url]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l store-timeout -d 'How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m [default: 20s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l connect-timeout -d 'How long connecting to a server may take, e.g. 10s [default: 10s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l http-timeout -d 'How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail download may wait for data, e.g. 30s [default: 30s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l recovery-window-days -d 'Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l google-client-id -d 'The OAuth client id [config: google.client_id]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l google-auth-url -d 'The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l google-token-url -d 'The token endpoint [default: https://oauth2.googleapis.com/token]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l google-revoke-url -d 'The revocation endpoint [default: https://oauth2.googleapis.com/revoke]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l google-userinfo-url -d 'The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l google-tokeninfo-url -d 'The tokeninfo endpoint, which `tokens check` asks about live access tokens [default: https://oauth2.googleapis.com/tokeninfo]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l gmail-api-url -d 'The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default: https://gmail.googleapis.com]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l redirect-path -d 'The loopback redirect\'s path (http://127.0.0.1:{port}{path}) [default: /]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l print-query -d 'Print the search query and exit'
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l no-bodies -d 'Do not save the HTML (or text) body of messages without a matching attachment'
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l raw -d 'Also save each message as .eml'
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l dry-run -d 'List what would be saved; write nothing'
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l verify -d 'Re-hash every saved file of an already complete message (by default its size and modification time are compared)'
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -l json -d 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -s v -l verbose -d 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -s q -l quiet -d 'Only errors on stderr'
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paypulse -n "__fish_paypulse_using_subcommand fetch-invoices" -s V -l version -d 'Print version'
complete -c paypulse -n "__fish_paypulse_using_subcommand invoices" -l out -d 'The folder `fetch-invoices` wrote to' -r -F
complete -c paypulse -n "__fish_paypulse_using_subcommand invoices" -l store -d 'Where token bundles are kept [default: keyring]' -r -f -a "keyring\t'The OS credential store (Secret Service, Keychain, Credential Manager)'
aws\t'AWS Secrets Manager (the SDK\'s standard configuration chain)'
file\t'An AES-256-GCM encrypted file per bundle; key from PAYPULSE_VAULT_KEY'
env\t'Read-only: the bundle JSON in PAYPULSE_TOKEN_BUNDLE'"
complete -c paypulse -n "__fish_paypulse_using_subcommand invoices" -l user -d 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand invoices" -l config -d 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]' -r -F
complete -c paypulse -n "__fish_paypulse_using_subcommand invoices" -l secret-prefix -d 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand invoices" -l kms-key-id -d 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand invoices" -l api-url -d 'The PayPulse API\'s base URL [config: api_url]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand invoices" -l store-timeout -d 'How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m [default: 20s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand invoices" -l connect-timeout -d 'How long connecting to a server may take, e.g. 10s [default: 10s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand invoices" -l http-timeout -d 'How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail download may wait for data, e.g. 30s [default: 30s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand invoices" -l recovery-window-days -d 'Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand invoices" -l google-client-id -d 'The OAuth client id [config: google.client_id]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand invoices" -l google-auth-url -d 'The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand invoices" -l google-token-url -d 'The token endpoint [default: https://oauth2.googleapis.com/token]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand invoices" -l google-revoke-url -d 'The revocation endpoint [default: https://oauth2.googleapis.com/revoke]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand invoices" -l google-userinfo-url -d 'The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand invoices" -l google-tokeninfo-url -d 'The tokeninfo endpoint, which `tokens check` asks about live access tokens [default: https://oauth2.googleapis.com/tokeninfo]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand invoices" -l gmail-api-url -d 'The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default: https://gmail.googleapis.com]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand invoices" -l redirect-path -d 'The loopback redirect\'s path (http://127.0.0.1:{port}{path}) [default: /]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand invoices" -l csv -d 'CSV with a header row (one row per invoice) instead of a table'
complete -c paypulse -n "__fish_paypulse_using_subcommand invoices" -l ics -d 'An iCalendar file (RFC 5545) of due dates instead of a table: one all-day event per invoice with a due date, whose UID stays the same across runs'
complete -c paypulse -n "__fish_paypulse_using_subcommand invoices" -l reparse -d 'Read the fields again from the files on disk and rewrite the manifest (no network)'
complete -c paypulse -n "__fish_paypulse_using_subcommand invoices" -l json -d 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
complete -c paypulse -n "__fish_paypulse_using_subcommand invoices" -s v -l verbose -d 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
complete -c paypulse -n "__fish_paypulse_using_subcommand invoices" -s q -l quiet -d 'Only errors on stderr'
complete -c paypulse -n "__fish_paypulse_using_subcommand invoices" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paypulse -n "__fish_paypulse_using_subcommand invoices" -s V -l version -d 'Print version'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list check import access-token help" -l store -d 'Where token bundles are kept [default: keyring]' -r -f -a "keyring\t'The OS credential store (Secret Service, Keychain, Credential Manager)'
aws\t'AWS Secrets Manager (the SDK\'s standard configuration chain)'
file\t'An AES-256-GCM encrypted file per bundle; key from PAYPULSE_VAULT_KEY'
env\t'Read-only: the bundle JSON in PAYPULSE_TOKEN_BUNDLE'"
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list check import access-token help" -l user -d 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list check import access-token help" -l config -d 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]' -r -F
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list check import access-token help" -l secret-prefix -d 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list check import access-token help" -l kms-key-id -d 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list check import access-token help" -l api-url -d 'The PayPulse API\'s base URL [config: api_url]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list check import access-token help" -l store-timeout -d 'How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m [default: 20s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list check import access-token help" -l connect-timeout -d 'How long connecting to a server may take, e.g. 10s [default: 10s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list check import access-token help" -l http-timeout -d 'How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail download may wait for data, e.g. 30s [default: 30s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list check import access-token help" -l recovery-window-days -d 'Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list check import access-token help" -l google-client-id -d 'The OAuth client id [config: google.client_id]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list check import access-token help" -l google-auth-url -d 'The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list check import access-token help" -l google-token-url -d 'The token endpoint [default: https://oauth2.googleapis.com/token]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list check import access-token help" -l google-revoke-url -d 'The revocation endpoint [default: https://oauth2.googleapis.com/revoke]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list check import access-token help" -l google-userinfo-url -d 'The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list check import access-token help" -l google-tokeninfo-url -d 'The tokeninfo endpoint, which `tokens check` asks about live access tokens [default: https://oauth2.googleapis.com/tokeninfo]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list check import access-token help" -l gmail-api-url -d 'The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default: https://gmail.googleapis.com]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list check import access-token help" -l redirect-path -d 'The loopback redirect\'s path (http://127.0.0.1:{port}{path}) [default: /]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list check import access-token help" -l json -d 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list check import access-token help" -s v -l verbose -d 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list check import access-token help" -s q -l quiet -d 'Only errors on stderr'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list check import access-token help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list check import access-token help" -s V -l version -d 'Print version'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list check import access-token help" -f -a "show" -d 'Show the stored bundle: account, scope, expiry, status (secrets masked)'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list check import access-token help" -f -a "refresh" -d 'Refresh the access token when it expires within 5 minutes (or always with --force)'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list check import access-token help" -f -a "revoke" -d 'Revoke the grant at Google, then delete the stored bundle'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list check import access-token help" -f -a "list" -d 'List the users that have a stored bundle, with their stored status (no call to Google)'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list check import access-token help" -f -a "check" -d 'Check users\' Gmail connections live at Google: refresh what expires, report what is revoked, issued to another client or missing the Gmail scope'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list check import access-token help" -f -a "import" -d 'Store a bundle read from stdin (JSON), after validating it'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list check import access-token help" -f -a "access-token" -d 'Print a fresh access token and nothing else, for scripts: refreshed first when it expires within 5 minutes (`curl -H "Authorization: Bearer $(paypulse tokens access-token)"`)'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list check import access-token help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from show" -l store -d 'Where token bundles are kept [default: keyring]' -r -f -a "keyring\t'The OS credential store (Secret Service, Keychain, Credential Manager)'
aws\t'AWS Secrets Manager (the SDK\'s standard configuration chain)'
file\t'An AES-256-GCM encrypted file per bundle; key from PAYPULSE_VAULT_KEY'
env\t'Read-only: the bundle JSON in PAYPULSE_TOKEN_BUNDLE'"
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from show" -l user -d 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from show" -l config -d 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]' -r -F
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from show" -l secret-prefix -d 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from show" -l kms-key-id -d 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from show" -l api-url -d 'The PayPulse API\'s base URL [config: api_url]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from show" -l store-timeout -d 'How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m [default: 20s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from show" -l connect-timeout -d 'How long connecting to a server may take, e.g. 10s [default: 10s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from show" -l http-timeout -d 'How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail download may wait for data, e.g. 30s [default: 30s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from show" -l recovery-window-days -d 'Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from show" -l google-client-id -d 'The OAuth client id [config: google.client_id]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from show" -l google-auth-url -d 'The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from show" -l google-token-url -d 'The token endpoint [default: https://oauth2.googleapis.com/token]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from show" -l google-revoke-url -d 'The revocation endpoint [default: https://oauth2.googleapis.com/revoke]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from show" -l google-userinfo-url -d 'The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from show" -l google-tokeninfo-url -d 'The tokeninfo endpoint, which `tokens check` asks about live access tokens [default: https://oauth2.googleapis.com/tokeninfo]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from show" -l gmail-api-url -d 'The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default: https://gmail.googleapis.com]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from show" -l redirect-path -d 'The loopback redirect\'s path (http://127.0.0.1:{port}{path}) [default: /]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from show" -l reveal -d 'Show the access and refresh tokens in full'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from show" -l json -d 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Only errors on stderr'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from refresh" -l store -d 'Where token bundles are kept [default: keyring]' -r -f -a "keyring\t'The OS credential store (Secret Service, Keychain, Credential Manager)'
aws\t'AWS Secrets Manager (the SDK\'s standard configuration chain)'
file\t'An AES-256-GCM encrypted file per bundle; key from PAYPULSE_VAULT_KEY'
env\t'Read-only: the bundle JSON in PAYPULSE_TOKEN_BUNDLE'"
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from refresh" -l user -d 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from refresh" -l config -d 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]' -r -F
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from refresh" -l secret-prefix -d 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from refresh" -l kms-key-id -d 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from refresh" -l api-url -d 'The PayPulse API\'s base URL [config: api_url]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from refresh" -l store-timeout -d 'How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m [default: 20s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from refresh" -l connect-timeout -d 'How long connecting to a server may take, e.g. 10s [default: 10s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from refresh" -l http-timeout -d 'How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail download may wait for data, e.g. 30s [default: 30s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from refresh" -l recovery-window-days -d 'Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from refresh" -l google-client-id -d 'The OAuth client id [config: google.client_id]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from refresh" -l google-auth-url -d 'The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from refresh" -l google-token-url -d 'The token endpoint [default: https://oauth2.googleapis.com/token]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from refresh" -l google-revoke-url -d 'The revocation endpoint [default: https://oauth2.googleapis.com/revoke]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from refresh" -l google-userinfo-url -d 'The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from refresh" -l google-tokeninfo-url -d 'The tokeninfo endpoint, which `tokens check` asks about live access tokens [default: https://oauth2.googleapis.com/tokeninfo]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from refresh" -l gmail-api-url -d 'The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default: https://gmail.googleapis.com]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from refresh" -l redirect-path -d 'The loopback redirect\'s path (http://127.0.0.1:{port}{path}) [default: /]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from refresh" -l force -d 'Refresh even when the access token is still valid'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from refresh" -l json -d 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from refresh" -s v -l verbose -d 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from refresh" -s q -l quiet -d 'Only errors on stderr'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from refresh" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from refresh" -s V -l version -d 'Print version'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l store -d 'Where token bundles are kept [default: keyring]' -r -f -a "keyring\t'The OS credential store (Secret Service, Keychain, Credential Manager)'
aws\t'AWS Secrets Manager (the SDK\'s standard configuration chain)'
file\t'An AES-256-GCM encrypted file per bundle; key from PAYPULSE_VAULT_KEY'
env\t'Read-only: the bundle JSON in PAYPULSE_TOKEN_BUNDLE'"
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l user -d 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l config -d 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]' -r -F
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l secret-prefix -d 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l kms-key-id -d 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l api-url -d 'The PayPulse API\'s base URL [config: api_url]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l store-timeout -d 'How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m [default: 20s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l connect-timeout -d 'How long connecting to a server may take, e.g. 10s [default: 10s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l http-timeout -d 'How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail download may wait for data, e.g. 30s [default: 30s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l recovery-window-days -d 'Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l google-client-id -d 'The OAuth client id [config: google.client_id]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l google-auth-url -d 'The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l google-token-url -d 'The token endpoint [default: https://oauth2.googleapis.com/token]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l google-revoke-url -d 'The revocation endpoint [default: https://oauth2.googleapis.com/revoke]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l google-userinfo-url -d 'The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l google-tokeninfo-url -d 'The tokeninfo endpoint, which `tokens check` asks about live access tokens [default: https://oauth2.googleapis.com/tokeninfo]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l gmail-api-url -d 'The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default: https://gmail.googleapis.com]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l redirect-path -d 'The loopback redirect\'s path (http://127.0.0.1:{port}{path}) [default: /]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l local-only -d 'Delete the stored bundle without calling Google (the grant stays valid at Google)'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -s y -l yes -d 'Do not ask for confirmation (required when stdin is not a terminal)'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l json -d 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -s v -l verbose -d 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'Only errors on stderr'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -s V -l version -d 'Print version'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -l status -d 'Keep only the users whose stored bundle has this status (repeatable)' -r -f -a "valid\t'The access token is valid beyond the 5-minute refresh window'
expiring\t'The access token expires within 5 minutes'
expired\t'The access token has expired'
unknown\t'No expiry is recorded'
corrupt\t'The bundle cannot be read'"
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -l store -d 'Where token bundles are kept [default: keyring]' -r -f -a "keyring\t'The OS credential store (Secret Service, Keychain, Credential Manager)'
aws\t'AWS Secrets Manager (the SDK\'s standard configuration chain)'
file\t'An AES-256-GCM encrypted file per bundle; key from PAYPULSE_VAULT_KEY'
env\t'Read-only: the bundle JSON in PAYPULSE_TOKEN_BUNDLE'"
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -l user -d 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -l config -d 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]' -r -F
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -l secret-prefix -d 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -l kms-key-id -d 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -l api-url -d 'The PayPulse API\'s base URL [config: api_url]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -l store-timeout -d 'How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m [default: 20s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -l connect-timeout -d 'How long connecting to a server may take, e.g. 10s [default: 10s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -l http-timeout -d 'How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail download may wait for data, e.g. 30s [default: 30s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -l recovery-window-days -d 'Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -l google-client-id -d 'The OAuth client id [config: google.client_id]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -l google-auth-url -d 'The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -l google-token-url -d 'The token endpoint [default: https://oauth2.googleapis.com/token]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -l google-revoke-url -d 'The revocation endpoint [default: https://oauth2.googleapis.com/revoke]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -l google-userinfo-url -d 'The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -l google-tokeninfo-url -d 'The tokeninfo endpoint, which `tokens check` asks about live access tokens [default: https://oauth2.googleapis.com/tokeninfo]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -l gmail-api-url -d 'The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default: https://gmail.googleapis.com]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -l redirect-path -d 'The loopback redirect\'s path (http://127.0.0.1:{port}{path}) [default: /]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -l json -d 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only errors on stderr'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from check" -l concurrency -d 'How many users are checked at once' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from check" -l store -d 'Where token bundles are kept [default: keyring]' -r -f -a "keyring\t'The OS credential store (Secret Service, Keychain, Credential Manager)'
aws\t'AWS Secrets Manager (the SDK\'s standard configuration chain)'
file\t'An AES-256-GCM encrypted file per bundle; key from PAYPULSE_VAULT_KEY'
env\t'Read-only: the bundle JSON in PAYPULSE_TOKEN_BUNDLE'"
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from check" -l user -d 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from check" -l config -d 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]' -r -F
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from check" -l secret-prefix -d 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from check" -l kms-key-id -d 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from check" -l api-url -d 'The PayPulse API\'s base URL [config: api_url]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from check" -l store-timeout -d 'How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m [default: 20s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from check" -l connect-timeout -d 'How long connecting to a server may take, e.g. 10s [default: 10s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from check" -l http-timeout -d 'How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail download may wait for data, e.g. 30s [default: 30s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from check" -l recovery-window-days -d 'Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from check" -l google-client-id -d 'The OAuth client id [config: google.client_id]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from check" -l google-auth-url -d 'The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from check" -l google-token-url -d 'The token endpoint [default: https://oauth2.googleapis.com/token]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from check" -l google-revoke-url -d 'The revocation endpoint [default: https://oauth2.googleapis.com/revoke]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from check" -l google-userinfo-url -d 'The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from check" -l google-tokeninfo-url -d 'The tokeninfo endpoint, which `tokens check` asks about live access tokens [default: https://oauth2.googleapis.com/tokeninfo]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from check" -l gmail-api-url -d 'The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default: https://gmail.googleapis.com]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from check" -l redirect-path -d 'The loopback redirect\'s path (http://127.0.0.1:{port}{path}) [default: /]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from check" -l all -d 'Check every user with a stored bundle (under --secret-prefix) instead of one user'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from check" -l delete-revoked -d 'Delete the bundles found revoked (the user must reconnect anyway); without it, nothing is ever deleted'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from check" -l json -d 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from check" -s v -l verbose -d 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Only errors on stderr'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -l store -d 'Where token bundles are kept [default: keyring]' -r -f -a "keyring\t'The OS credential store (Secret Service, Keychain, Credential Manager)'
aws\t'AWS Secrets Manager (the SDK\'s standard configuration chain)'
file\t'An AES-256-GCM encrypted file per bundle; key from PAYPULSE_VAULT_KEY'
env\t'Read-only: the bundle JSON in PAYPULSE_TOKEN_BUNDLE'"
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -l user -d 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -l config -d 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]' -r -F
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -l secret-prefix -d 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -l kms-key-id -d 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -l api-url -d 'The PayPulse API\'s base URL [config: api_url]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -l store-timeout -d 'How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m [default: 20s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -l connect-timeout -d 'How long connecting to a server may take, e.g. 10s [default: 10s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -l http-timeout -d 'How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail download may wait for data, e.g. 30s [default: 30s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -l recovery-window-days -d 'Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -l google-client-id -d 'The OAuth client id [config: google.client_id]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -l google-auth-url -d 'The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -l google-token-url -d 'The token endpoint [default: https://oauth2.googleapis.com/token]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -l google-revoke-url -d 'The revocation endpoint [default: https://oauth2.googleapis.com/revoke]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -l google-userinfo-url -d 'The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -l google-tokeninfo-url -d 'The tokeninfo endpoint, which `tokens check` asks about live access tokens [default: https://oauth2.googleapis.com/tokeninfo]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -l gmail-api-url -d 'The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default: https://gmail.googleapis.com]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -l redirect-path -d 'The loopback redirect\'s path (http://127.0.0.1:{port}{path}) [default: /]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -l json -d 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -s v -l verbose -d 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Only errors on stderr'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from access-token" -l store -d 'Where token bundles are kept [default: keyring]' -r -f -a "keyring\t'The OS credential store (Secret Service, Keychain, Credential Manager)'
aws\t'AWS Secrets Manager (the SDK\'s standard configuration chain)'
file\t'An AES-256-GCM encrypted file per bundle; key from PAYPULSE_VAULT_KEY'
env\t'Read-only: the bundle JSON in PAYPULSE_TOKEN_BUNDLE'"
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from access-token" -l user -d 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from access-token" -l config -d 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]' -r -F
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from access-token" -l secret-prefix -d 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from access-token" -l kms-key-id -d 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from access-token" -l api-url -d 'The PayPulse API\'s base URL [config: api_url]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from access-token" -l store-timeout -d 'How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m [default: 20s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from access-token" -l connect-timeout -d 'How long connecting to a server may take, e.g. 10s [default: 10s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from access-token" -l http-timeout -d 'How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail download may wait for data, e.g. 30s [default: 30s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from access-token" -l recovery-window-days -d 'Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from access-token" -l google-client-id -d 'The OAuth client id [config: google.client_id]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from access-token" -l google-auth-url -d 'The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from access-token" -l google-token-url -d 'The token endpoint [default: https://oauth2.googleapis.com/token]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from access-token" -l google-revoke-url -d 'The revocation endpoint [default: https://oauth2.googleapis.com/revoke]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from access-token" -l google-userinfo-url -d 'The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from access-token" -l google-tokeninfo-url -d 'The tokeninfo endpoint, which `tokens check` asks about live access tokens [default: https://oauth2.googleapis.com/tokeninfo]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from access-token" -l gmail-api-url -d 'The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default: https://gmail.googleapis.com]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from access-token" -l redirect-path -d 'The loopback redirect\'s path (http://127.0.0.1:{port}{path}) [default: /]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from access-token" -l force -d 'Refresh a token whose expiry is unknown too (a bundle without `expires_at` is otherwise printed as stored, as the backend uses it)'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from access-token" -l json -d 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from access-token" -s v -l verbose -d 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from access-token" -s q -l quiet -d 'Only errors on stderr'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from access-token" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from access-token" -s V -l version -d 'Print version'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show the stored bundle: account, scope, expiry, status (secrets masked)'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from help" -f -a "refresh" -d 'Refresh the access token when it expires within 5 minutes (or always with --force)'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Revoke the grant at Google, then delete the stored bundle'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the users that have a stored bundle, with their stored status (no call to Google)'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from help" -f -a "check" -d 'Check users\' Gmail connections live at Google: refresh what expires, report what is revoked, issued to another client or missing the Gmail scope'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from help" -f -a "import" -d 'Store a bundle read from stdin (JSON), after validating it'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from help" -f -a "access-token" -d 'Print a fresh access token and nothing else, for scripts: refreshed first when it expires within 5 minutes (`curl -H "Authorization: Bearer $(paypulse tokens access-token)"`)'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c paypulse -n "__fish_paypulse_using_subcommand completions" -l store -d 'Where token bundles are kept [default: keyring]' -r -f -a "keyring\t'The OS credential store (Secret Service, Keychain, Credential Manager)'
aws\t'AWS Secrets Manager (the SDK\'s standard configuration chain)'
file\t'An AES-256-GCM encrypted file per bundle; key from PAYPULSE_VAULT_KEY'
env\t'Read-only: the bundle JSON in PAYPULSE_TOKEN_BUNDLE'"
complete -c paypulse -n "__fish_paypulse_using_subcommand completions" -l user -d 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand completions" -l config -d 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]' -r -F
complete -c paypulse -n "__fish_paypulse_using_subcommand completions" -l secret-prefix -d 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand completions" -l kms-key-id -d 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand completions" -l api-url -d 'The PayPulse API\'s base URL [config: api_url]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand completions" -l store-timeout -d 'How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m [default: 20s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand completions" -l connect-timeout -d 'How long connecting to a server may take, e.g. 10s [default: 10s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand completions" -l http-timeout -d 'How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail download may wait for data, e.g. 30s [default: 30s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand completions" -l recovery-window-days -d 'Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand completions" -l google-client-id -d 'The OAuth client id [config: google.client_id]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand completions" -l google-auth-url -d 'The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand completions" -l google-token-url -d 'The token endpoint [default: https://oauth2.googleapis.com/token]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand completions" -l google-revoke-url -d 'The revocation endpoint [default: https://oauth2.googleapis.com/revoke]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand completions" -l google-userinfo-url -d 'The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand completions" -l google-tokeninfo-url -d 'The tokeninfo endpoint, which `tokens check` asks about live access tokens [default: https://oauth2.googleapis.com/tokeninfo]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand completions" -l gmail-api-url -d 'The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default: https://gmail.googleapis.com]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand completions" -l redirect-path -d 'The loopback redirect\'s path (http://127.0.0.1:{port}{path}) [default: /]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand completions" -l json -d 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
complete -c paypulse -n "__fish_paypulse_using_subcommand completions" -s v -l verbose -d 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
complete -c paypulse -n "__fish_paypulse_using_subcommand completions" -s q -l quiet -d 'Only errors on stderr'
complete -c paypulse -n "__fish_paypulse_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paypulse -n "__fish_paypulse_using_subcommand completions" -s V -l version -d 'Print version'
complete -c paypulse -n "__fish_paypulse_using_subcommand man" -l store -d 'Where token bundles are kept [default: keyring]' -r -f -a "keyring\t'The OS credential store (Secret Service, Keychain, Credential Manager)'
aws\t'AWS Secrets Manager (the SDK\'s standard configuration chain)'
file\t'An AES-256-GCM encrypted file per bundle; key from PAYPULSE_VAULT_KEY'
env\t'Read-only: the bundle JSON in PAYPULSE_TOKEN_BUNDLE'"
complete -c paypulse -n "__fish_paypulse_using_subcommand man" -l user -d 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand man" -l config -d 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]' -r -F
complete -c paypulse -n "__fish_paypulse_using_subcommand man" -l secret-prefix -d 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand man" -l kms-key-id -d 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand man" -l api-url -d 'The PayPulse API\'s base URL [config: api_url]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand man" -l store-timeout -d 'How long a store call (keyring, Secrets Manager, file) may take, e.g. 20s, 1m [default: 20s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand man" -l connect-timeout -d 'How long connecting to a server may take, e.g. 10s [default: 10s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand man" -l http-timeout -d 'How long an API request (OAuth, PayPulse) may take in all, and how long a Gmail download may wait for data, e.g. 30s [default: 30s]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand man" -l recovery-window-days -d 'Days a bundle deleted from AWS Secrets Manager can be restored (7 to 30; 0 deletes at once)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand man" -l google-client-id -d 'The OAuth client id [config: google.client_id]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand man" -l google-auth-url -d 'The authorization endpoint [default: https://accounts.google.com/o/oauth2/v2/auth]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand man" -l google-token-url -d 'The token endpoint [default: https://oauth2.googleapis.com/token]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand man" -l google-revoke-url -d 'The revocation endpoint [default: https://oauth2.googleapis.com/revoke]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand man" -l google-userinfo-url -d 'The userinfo endpoint [default: https://www.googleapis.com/oauth2/v2/userinfo]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand man" -l google-tokeninfo-url -d 'The tokeninfo endpoint, which `tokens check` asks about live access tokens [default: https://oauth2.googleapis.com/tokeninfo]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand man" -l gmail-api-url -d 'The Gmail API base; requests go to {base}/gmail/v1/users/me/... [default: https://gmail.googleapis.com]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand man" -l redirect-path -d 'The loopback redirect\'s path (http://127.0.0.1:{port}{path}) [default: /]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand man" -l json -d 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
complete -c paypulse -n "__fish_paypulse_using_subcommand man" -s v -l verbose -d 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
complete -c paypulse -n "__fish_paypulse_using_subcommand man" -s q -l quiet -d 'Only errors on stderr'
complete -c paypulse -n "__fish_paypulse_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paypulse -n "__fish_paypulse_using_subcommand man" -s V -l version -d 'Print version'
complete -c paypulse -n "__fish_paypulse_using_subcommand help; and not __fish_seen_subcommand_from login logout connect-gmail fetch-invoices invoices tokens completions man help" -f -a "login" -d 'Log in to the PayPulse API'
complete -c paypulse -n "__fish_paypulse_using_subcommand help; and not __fish_seen_subcommand_from login logout connect-gmail fetch-invoices invoices tokens completions man help" -f -a "logout" -d 'Forget the PayPulse session'
complete -c paypulse -n "__fish_paypulse_using_subcommand help; and not __fish_seen_subcommand_from login logout connect-gmail fetch-invoices invoices tokens completions man help" -f -a "connect-gmail" -d 'Connect a Gmail account: OAuth 2.0 in the browser (loopback redirect + PKCE), then store the tokens'
complete -c paypulse -n "__fish_paypulse_using_subcommand help; and not __fish_seen_subcommand_from login logout connect-gmail fetch-invoices invoices tokens completions man help" -f -a "fetch-invoices" -d 'Search Gmail and save invoices (PDFs, HTML receipts) to a folder, with a manifest'
complete -c paypulse -n "__fish_paypulse_using_subcommand help; and not __fish_seen_subcommand_from login logout connect-gmail fetch-invoices invoices tokens completions man help" -f -a "invoices" -d 'List the harvested invoices with their fields (issuer, amount, due date, reference)'
complete -c paypulse -n "__fish_paypulse_using_subcommand help; and not __fish_seen_subcommand_from login logout connect-gmail fetch-invoices invoices tokens completions man help" -f -a "tokens" -d 'Inspect, refresh, revoke, list and import Gmail token bundles; print a fresh access token'
complete -c paypulse -n "__fish_paypulse_using_subcommand help; and not __fish_seen_subcommand_from login logout connect-gmail fetch-invoices invoices tokens completions man help" -f -a "completions" -d 'Print shell completions (bash, zsh, fish, powershell, elvish)'
complete -c paypulse -n "__fish_paypulse_using_subcommand help; and not __fish_seen_subcommand_from login logout connect-gmail fetch-invoices invoices tokens completions man help" -f -a "man" -d 'Write the man pages into a folder'
complete -c paypulse -n "__fish_paypulse_using_subcommand help; and not __fish_seen_subcommand_from login logout connect-gmail fetch-invoices invoices tokens completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c paypulse -n "__fish_paypulse_using_subcommand help; and __fish_seen_subcommand_from tokens" -f -a "show" -d 'Show the stored bundle: account, scope, expiry, status (secrets masked)'
complete -c paypulse -n "__fish_paypulse_using_subcommand help; and __fish_seen_subcommand_from tokens" -f -a "refresh" -d 'Refresh the access token when it expires within 5 minutes (or always with --force)'
complete -c paypulse -n "__fish_paypulse_using_subcommand help; and __fish_seen_subcommand_from tokens" -f -a "revoke" -d 'Revoke the grant at Google, then delete the stored bundle'
complete -c paypulse -n "__fish_paypulse_using_subcommand help; and __fish_seen_subcommand_from tokens" -f -a "list" -d 'List the users that have a stored bundle, with their stored status (no call to Google)'
complete -c paypulse -n "__fish_paypulse_using_subcommand help; and __fish_seen_subcommand_from tokens" -f -a "check" -d 'Check users\' Gmail connections live at Google: refresh what expires, report what is revoked, issued to another client or missing the Gmail scope'
complete -c paypulse -n "__fish_paypulse_using_subcommand help; and __fish_seen_subcommand_from tokens" -f -a "import" -d 'Store a bundle read from stdin (JSON), after validating it'
complete -c paypulse -n "__fish_paypulse_using_subcommand help; and __fish_seen_subcommand_from tokens" -f -a "access-token" -d 'Print a fresh access token and nothing else, for scripts: refreshed first when it expires within 5 minutes (`curl -H "Authorization: Bearer $(paypulse tokens access-token)"`)'
