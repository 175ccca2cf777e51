use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = letter::cli::Cli::parse();
    match letter::cmd::run(cli) {
        Ok(outcome) => outcome.into(),
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}
