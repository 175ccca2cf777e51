//! `letter completions` and `letter man`: generated from the clap definition,
//! so they never drift from the real options.

use std::io::Write;

use anyhow::{Context, Result, bail};
use clap::CommandFactory;

use super::Outcome;
use super::print::unless_closed;
use crate::cli::{Cli, ManArgs};

pub fn completions(shell: clap_complete::Shell) -> Result<Outcome> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "letter", &mut buf);
    emit(&buf)
}

/// `letter man`: the main page, one subcommand's page, or every page into a
/// folder, so that `letter-check(1)` named on the main page exists.
pub fn man(args: &ManArgs) -> Result<Outcome> {
    // Without a `help` subcommand: it has no page of its own to point to.
    let mut cli = Cli::command().disable_help_subcommand(true);
    cli.build();
    if let Some(dir) = &args.dir {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create the folder", dir.display()))?;
        clap_mangen::generate_to(cli, dir)
            .with_context(|| format!("{}: cannot write the pages", dir.display()))?;
        say!("wrote the manual pages to {}", dir.display())?;
        return Ok(Outcome::Success);
    }
    let page = match &args.command {
        None => cli,
        Some(name) => match cli.find_subcommand(name) {
            Some(sub) => sub.clone(),
            None => bail!(
                "`{name}` is not a letter command\n  hint: the commands are {}",
                cli.get_subcommands().map(|c| c.get_name()).collect::<Vec<_>>().join(", ")
            ),
        },
    };
    let mut buf = Vec::new();
    clap_mangen::Man::new(page).render(&mut buf)?;
    emit(&buf)
}

/// Writes to stdout; a reader that stops early (`| head`) is not an error.
fn emit(bytes: &[u8]) -> Result<Outcome> {
    let mut out = std::io::stdout().lock();
    unless_closed(out.write_all(bytes).and_then(|()| out.flush()))?;
    Ok(Outcome::Success)
}
