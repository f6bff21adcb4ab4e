# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_paypulse_global_optspecs
    string join \n store= user= config= secret-prefix= kms-key-id= json v/verbose q/quiet h/help V/version
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
complete -c paypulse -n "__fish_paypulse_needs_command" -l json -d 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
complete -c paypulse -n "__fish_paypulse_needs_command" -s v -l verbose -d 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
complete -c paypulse -n "__fish_paypulse_needs_command" -s q -l quiet -d 'Only errors on stderr'
complete -c paypulse -n "__fish_paypulse_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paypulse -n "__fish_paypulse_needs_command" -s V -l version -d 'Print version'
complete -c paypulse -n "__fish_paypulse_needs_command" -f -a "login" -d 'Log in to the PayPulse API'
complete -c paypulse -n "__fish_paypulse_needs_command" -f -a "logout" -d 'Forget the PayPulse session'
complete -c paypulse -n "__fish_paypulse_needs_command" -f -a "connect-gmail" -d 'Connect a Gmail account: OAuth 2.0 in the browser (loopback redirect + PKCE), then store the tokens'
complete -c paypulse -n "__fish_paypulse_needs_command" -f -a "fetch-invoices" -d 'Search Gmail and save invoices (PDFs, HTML receipts) to a folder, with a manifest'
complete -c paypulse -n "__fish_paypulse_needs_command" -f -a "tokens" -d 'Inspect, refresh, revoke, list and import Gmail token bundles'
complete -c paypulse -n "__fish_paypulse_needs_command" -f -a "completions" -d 'Print shell completions'
complete -c paypulse -n "__fish_paypulse_needs_command" -f -a "man" -d 'Write man pages into a folder'
complete -c paypulse -n "__fish_paypulse_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c paypulse -n "__fish_paypulse_using_subcommand login" -l email -d 'Your PayPulse account\'s email address (asked for on a terminal when missing)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand login" -l api-url -d 'The PayPulse API\'s base URL' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand login" -l store -d 'Where token bundles are kept [default: keyring]' -r -f -a "keyring\t'The OS credential store (Secret Service, Keychain, Credential Manager)'
aws\t'AWS Secrets Manager (the SDK\'s standard configuration chain)'
file\t'An AES-256-GCM encrypted file per bundle; key from PAYPULSE_VAULT_KEY'
env\t'Read-only: the bundle JSON in PAYPULSE_TOKEN_BUNDLE'"
complete -c paypulse -n "__fish_paypulse_using_subcommand login" -l user -d 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand login" -l config -d 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]' -r -F
complete -c paypulse -n "__fish_paypulse_using_subcommand login" -l secret-prefix -d 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand login" -l kms-key-id -d 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)' -r
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
complete -c paypulse -n "__fish_paypulse_using_subcommand logout" -l json -d 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
complete -c paypulse -n "__fish_paypulse_using_subcommand logout" -s v -l verbose -d 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
complete -c paypulse -n "__fish_paypulse_using_subcommand logout" -s q -l quiet -d 'Only errors on stderr'
complete -c paypulse -n "__fish_paypulse_using_subcommand logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paypulse -n "__fish_paypulse_using_subcommand logout" -s V -l version -d 'Print version'
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l port -d 'The loopback port to listen on [default: chosen by the OS]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l timeout -d 'How long to wait for the browser (90s, 5m or seconds)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l scope -d 'The scopes to ask for (repeat, or space-separated) [default: openid email profile https://www.googleapis.com/auth/gmail.readonly]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l client-secret-file -d 'A client_secret_*.json downloaded from the Google Cloud console (a Desktop client)' -r -F
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l api-url -d 'The PayPulse API\'s base URL, for --upload [default: the one logged in to]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l store -d 'Where token bundles are kept [default: keyring]' -r -f -a "keyring\t'The OS credential store (Secret Service, Keychain, Credential Manager)'
aws\t'AWS Secrets Manager (the SDK\'s standard configuration chain)'
file\t'An AES-256-GCM encrypted file per bundle; key from PAYPULSE_VAULT_KEY'
env\t'Read-only: the bundle JSON in PAYPULSE_TOKEN_BUNDLE'"
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l user -d 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l config -d 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]' -r -F
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l secret-prefix -d 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand connect-gmail" -l kms-key-id -d 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)' -r
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
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list import help" -l store -d 'Where token bundles are kept [default: keyring]' -r -f -a "keyring\t'The OS credential store (Secret Service, Keychain, Credential Manager)'
aws\t'AWS Secrets Manager (the SDK\'s standard configuration chain)'
file\t'An AES-256-GCM encrypted file per bundle; key from PAYPULSE_VAULT_KEY'
env\t'Read-only: the bundle JSON in PAYPULSE_TOKEN_BUNDLE'"
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list import help" -l user -d 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list import help" -l config -d 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]' -r -F
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list import help" -l secret-prefix -d 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list import help" -l kms-key-id -d 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list import help" -l json -d 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list import help" -s v -l verbose -d 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list import help" -s q -l quiet -d 'Only errors on stderr'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list import help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list import help" -s V -l version -d 'Print version'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list import help" -f -a "show" -d 'Show the stored bundle: account, scope, expiry, status (secrets masked)'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list import help" -f -a "refresh" -d 'Refresh the access token when it expires within 5 minutes (or always with --force)'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list import help" -f -a "revoke" -d 'Revoke the grant at Google, then delete the stored bundle'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list import help" -f -a "list" -d 'List the users that have a stored bundle'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list import help" -f -a "import" -d 'Store a bundle read from stdin (JSON), after validating it'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and not __fish_seen_subcommand_from show refresh revoke list import help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from show" -l store -d 'Where token bundles are kept [default: keyring]' -r -f -a "keyring\t'The OS credential store (Secret Service, Keychain, Credential Manager)'
aws\t'AWS Secrets Manager (the SDK\'s standard configuration chain)'
file\t'An AES-256-GCM encrypted file per bundle; key from PAYPULSE_VAULT_KEY'
env\t'Read-only: the bundle JSON in PAYPULSE_TOKEN_BUNDLE'"
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from show" -l user -d 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from show" -l config -d 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]' -r -F
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from show" -l secret-prefix -d 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from show" -l kms-key-id -d 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)' -r
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
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l local-only -d 'Delete the stored bundle without calling Google (the grant stays valid at Google)'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -s y -l yes -d 'Do not ask for confirmation (required when stdin is not a terminal)'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l json -d 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -s v -l verbose -d 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'Only errors on stderr'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -s V -l version -d 'Print version'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -l store -d 'Where token bundles are kept [default: keyring]' -r -f -a "keyring\t'The OS credential store (Secret Service, Keychain, Credential Manager)'
aws\t'AWS Secrets Manager (the SDK\'s standard configuration chain)'
file\t'An AES-256-GCM encrypted file per bundle; key from PAYPULSE_VAULT_KEY'
env\t'Read-only: the bundle JSON in PAYPULSE_TOKEN_BUNDLE'"
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -l user -d 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -l config -d 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]' -r -F
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -l secret-prefix -d 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -l kms-key-id -d 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -l json -d 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only errors on stderr'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -l store -d 'Where token bundles are kept [default: keyring]' -r -f -a "keyring\t'The OS credential store (Secret Service, Keychain, Credential Manager)'
aws\t'AWS Secrets Manager (the SDK\'s standard configuration chain)'
file\t'An AES-256-GCM encrypted file per bundle; key from PAYPULSE_VAULT_KEY'
env\t'Read-only: the bundle JSON in PAYPULSE_TOKEN_BUNDLE'"
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -l user -d 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -l config -d 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]' -r -F
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -l secret-prefix -d 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -l kms-key-id -d 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -l json -d 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -s v -l verbose -d 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Only errors on stderr'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show the stored bundle: account, scope, expiry, status (secrets masked)'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from help" -f -a "refresh" -d 'Refresh the access token when it expires within 5 minutes (or always with --force)'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Revoke the grant at Google, then delete the stored bundle'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the users that have a stored bundle'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from help" -f -a "import" -d 'Store a bundle read from stdin (JSON), after validating it'
complete -c paypulse -n "__fish_paypulse_using_subcommand tokens; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c paypulse -n "__fish_paypulse_using_subcommand completions" -l store -d 'Where token bundles are kept [default: keyring]' -r -f -a "keyring\t'The OS credential store (Secret Service, Keychain, Credential Manager)'
aws\t'AWS Secrets Manager (the SDK\'s standard configuration chain)'
file\t'An AES-256-GCM encrypted file per bundle; key from PAYPULSE_VAULT_KEY'
env\t'Read-only: the bundle JSON in PAYPULSE_TOKEN_BUNDLE'"
complete -c paypulse -n "__fish_paypulse_using_subcommand completions" -l user -d 'The PayPulse user whose tokens to use [default: the user logged in with `paypulse login`]' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand completions" -l config -d 'The config file [default: $XDG_CONFIG_HOME/paypulse/config.toml]' -r -F
complete -c paypulse -n "__fish_paypulse_using_subcommand completions" -l secret-prefix -d 'A prefix put in front of every secret name, for staging stacks (e.g. `staging/`)' -r
complete -c paypulse -n "__fish_paypulse_using_subcommand completions" -l kms-key-id -d 'The KMS key that encrypts new secrets in AWS Secrets Manager (`--store aws`)' -r
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
complete -c paypulse -n "__fish_paypulse_using_subcommand man" -l json -d 'Print machine-readable JSON on stdout (errors as JSON on stderr)'
complete -c paypulse -n "__fish_paypulse_using_subcommand man" -s v -l verbose -d 'More log output on stderr (-v: info, -vv: debug, -vvv: trace); PAYPULSE_LOG takes a filter'
complete -c paypulse -n "__fish_paypulse_using_subcommand man" -s q -l quiet -d 'Only errors on stderr'
complete -c paypulse -n "__fish_paypulse_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paypulse -n "__fish_paypulse_using_subcommand man" -s V -l version -d 'Print version'
complete -c paypulse -n "__fish_paypulse_using_subcommand help; and not __fish_seen_subcommand_from login logout connect-gmail fetch-invoices tokens completions man help" -f -a "login" -d 'Log in to the PayPulse API'
complete -c paypulse -n "__fish_paypulse_using_subcommand help; and not __fish_seen_subcommand_from login logout connect-gmail fetch-invoices tokens completions man help" -f -a "logout" -d 'Forget the PayPulse session'
complete -c paypulse -n "__fish_paypulse_using_subcommand help; and not __fish_seen_subcommand_from login logout connect-gmail fetch-invoices tokens completions man help" -f -a "connect-gmail" -d 'Connect a Gmail account: OAuth 2.0 in the browser (loopback redirect + PKCE), then store the tokens'
complete -c paypulse -n "__fish_paypulse_using_subcommand help; and not __fish_seen_subcommand_from login logout connect-gmail fetch-invoices tokens completions man help" -f -a "fetch-invoices" -d 'Search Gmail and save invoices (PDFs, HTML receipts) to a folder, with a manifest'
complete -c paypulse -n "__fish_paypulse_using_subcommand help; and not __fish_seen_subcommand_from login logout connect-gmail fetch-invoices tokens completions man help" -f -a "tokens" -d 'Inspect, refresh, revoke, list and import Gmail token bundles'
complete -c paypulse -n "__fish_paypulse_using_subcommand help; and not __fish_seen_subcommand_from login logout connect-gmail fetch-invoices tokens completions man help" -f -a "completions" -d 'Print shell completions'
complete -c paypulse -n "__fish_paypulse_using_subcommand help; and not __fish_seen_subcommand_from login logout connect-gmail fetch-invoices tokens completions man help" -f -a "man" -d 'Write man pages into a folder'
complete -c paypulse -n "__fish_paypulse_using_subcommand help; and not __fish_seen_subcommand_from login logout connect-gmail fetch-invoices tokens completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c paypulse -n "__fish_paypulse_using_subcommand help; and __fish_seen_subcommand_from tokens" -f -a "show" -d 'Show the stored bundle: account, scope, expiry, status (secrets masked)'
complete -c paypulse -n "__fish_paypulse_using_subcommand help; and __fish_seen_subcommand_from tokens" -f -a "refresh" -d 'Refresh the access token when it expires within 5 minutes (or always with --force)'
complete -c paypulse -n "__fish_paypulse_using_subcommand help; and __fish_seen_subcommand_from tokens" -f -a "revoke" -d 'Revoke the grant at Google, then delete the stored bundle'
complete -c paypulse -n "__fish_paypulse_using_subcommand help; and __fish_seen_subcommand_from tokens" -f -a "list" -d 'List the users that have a stored bundle'
complete -c paypulse -n "__fish_paypulse_using_subcommand help; and __fish_seen_subcommand_from tokens" -f -a "import" -d 'Store a bundle read from stdin (JSON), after validating it'
