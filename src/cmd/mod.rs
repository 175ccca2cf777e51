//! One function per subcommand; each takes its clap args and returns whether
//! the run succeeded. Errors that are not findings (I/O, usage) are `Err`.

/// `println!` for a reader that may stop early (`letter check | head`): once
/// it has gone, the rest is dropped and the command still ends with the
/// status of what it did. Evaluates to `io::Result<()>`.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cmd::print::unless_closed(std::io::Write::write_fmt(
            &mut std::io::stdout().lock(),
            format_args!("{}\n", format_args!($($arg)*)),
        ))
    };
}

mod build;
mod check;
mod deliver;
mod diff;
mod docs;
mod export;
mod history;
mod import;
mod init;
mod print;
mod prompt;
mod serve;
mod sign;
mod templates;
mod withdraw;

use std::error::Error;
use std::process::ExitCode;

use crate::cli::{Cli, Command, TemplatesCommand};
use crate::deliver::DeliverError;
use crate::init::InitError;
use crate::render::RenderError;
use crate::sign::SignError;

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
        Command::Serve(args) => serve::run(&args),
        Command::Init(args) => init::run(&args, output),
        Command::Templates(TemplatesCommand::Export { dir, force }) => templates::export(&dir, force),
        Command::Completions { shell } => docs::completions(shell),
        Command::Man(args) => docs::man(&args),
        Command::Sign(args) => sign::run(&args),
        Command::Withdraw(args) => withdraw::run(&args),
        Command::History(args) => history::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Export(args) => export::run(&args, output),
        Command::Deliver(args) => deliver::run(&args, output),
        Command::Diff(args) => diff::run(&args),
    }
}

/// The exit status of a run that ended in `err`, by the README's table: 1
/// when the input was read and the request refused or matched nothing, as
/// for a letter with errors; 2 for usage and I/O problems.
pub fn exit_status(err: &anyhow::Error) -> u8 {
    if err.chain().any(refused) { 1 } else { 2 }
}

fn refused(err: &(dyn Error + 'static)) -> bool {
    if let Some(e) = err.downcast_ref::<SignError>() {
        // No catch-all: a new kind of failure must be placed in the table.
        return match e {
            SignError::Io { .. } | SignError::Load(_) | SignError::WouldNotLoad(_) => false,
            SignError::Edit(_)
            | SignError::RosterErrors(_)
            | SignError::UnknownNetwork { .. }
            | SignError::NotSigned { .. }
            | SignError::Ambiguous { .. }
            | SignError::AlreadyWithdrawn { .. } => true,
        };
    }
    matches!(
        err.downcast_ref::<InitError>(),
        Some(InitError::Exists(_) | InitError::Write(RenderError::Exists(_)))
    ) || matches!(err.downcast_ref::<RenderError>(), Some(RenderError::Exists(_)))
        || matches!(err.downcast_ref::<DeliverError>(), Some(DeliverError::Exists(_)))
}

/// The error and its causes on one line, each said once: most errors here
/// already quote their cause (`path: Permission denied`), and repeating it
/// would print the same words twice.
pub fn message(err: &anyhow::Error) -> String {
    let mut text = err.to_string();
    for cause in err.chain().skip(1).map(ToString::to_string) {
        if !text.contains(&cause) {
            text = format!("{text}: {cause}");
        }
    }
    text
}
