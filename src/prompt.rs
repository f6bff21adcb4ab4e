//! Questions to the person at the terminal (stderr for the question, stdin for the answer).

use std::io::{BufRead, IsTerminal, Write};

use paypulse_core::SecretString;

use crate::error::CliError;

pub fn stdin_is_terminal() -> bool {
    std::io::stdin().is_terminal()
}

/// Prints `prompt` on stderr and reads one line of stdin, trimmed.
fn answer(prompt: &str) -> Result<String, CliError> {
    eprint!("{prompt}");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| CliError::io("cannot read the answer", e))?;
    Ok(answer.trim().to_owned())
}

/// Asks a yes/no question; anything but `y`/`yes` is no.
pub fn confirm(question: &str) -> Result<bool, CliError> {
    let answer = answer(&format!("{question} [y/N] "))?;
    Ok(matches!(answer.to_ascii_lowercase().as_str(), "y" | "yes"))
}

/// Asks for a line of text.
pub fn ask(question: &str) -> Result<String, CliError> {
    answer(&format!("{question}: "))
}

/// Asks for a password without echoing it.
pub fn password(question: &str) -> Result<SecretString, CliError> {
    rpassword::prompt_password(format!("{question}: "))
        .map(SecretString::from)
        .map_err(|e| CliError::io("cannot read the password", e))
}

/// Reads all of stdin, up to `max` bytes.
pub fn read_stdin(max: u64) -> Result<String, CliError> {
    use std::io::Read;
    let mut text = String::new();
    std::io::stdin()
        .lock()
        .take(max + 1)
        .read_to_string(&mut text)
        .map_err(|e| CliError::io("cannot read stdin", e))?;
    if text.len() as u64 > max {
        return Err(CliError::usage(format!("stdin is larger than {max} bytes")));
    }
    Ok(text)
}
