use std::process::ExitCode;

use clap::Parser;

/// mimalloc rather than the system allocator: loading and checking a large
/// roster makes millions of small allocations on every core, and glibc's
/// malloc spent a sixth of `letter check` on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = letter::cli::Cli::parse();
    match letter::cmd::run(cli) {
        Ok(outcome) => outcome.into(),
        Err(err) => {
            eprintln!("error: {}", letter::cmd::message(&err));
            ExitCode::from(letter::cmd::exit_status(&err))
        }
    }
}
