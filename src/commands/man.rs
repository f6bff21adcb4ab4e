use std::path::PathBuf;

use clap::{Args, CommandFactory};

use crate::cli::Cli;
use crate::error::CliError;

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The folder to write `paypulse.1` and one page per subcommand into
    pub dir: PathBuf,
}

pub fn run(args: &ManArgs) -> Result<(), CliError> {
    std::fs::create_dir_all(&args.dir)
        .map_err(|e| CliError::io(&format!("cannot create {}", args.dir.display()), e))?;
    clap_mangen::generate_to(Cli::command(), &args.dir).map_err(|e| {
        CliError::io(
            &format!("cannot write man pages to {}", args.dir.display()),
            e,
        )
    })
}
