//! One function per subcommand; each takes its clap args and returns whether
//! the run succeeded. Errors that are not findings (I/O, usage) are `Err`.

mod build;
mod check;
mod docs;
mod history;
mod import;
mod init;
mod print;
mod prompt;
mod sign;
mod templates;
mod withdraw;

use std::process::ExitCode;

use crate::cli::{Cli, Command, TemplatesCommand};

/// How a command ended, apart from failing outright.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// The letter has errors (exit status 1).
    Findings,
}

impl From<Outcome> for ExitCode {
    fn from(o: Outcome) -> ExitCode {
        match o {
            Outcome::Success => ExitCode::SUCCESS,
            Outcome::Findings => ExitCode::from(1),
        }
    }
}

pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let output = &cli.output;
    match cli.command {
        Command::Check(args) => check::run(&args, output),
        Command::Build(args) => build::run(&args, output),
        Command::Init(args) => init::run(&args, output),
        Command::Templates(TemplatesCommand::Export { dir, force }) => templates::export(&dir, force),
        Command::Completions { shell } => docs::completions(shell),
        Command::Man => docs::man(),
        Command::Sign(args) => sign::run(&args),
        Command::Withdraw(args) => withdraw::run(&args),
        Command::History(args) => history::run(&args),
        Command::Import(args) => import::run(&args),
    }
}
