//! `letter init`: scaffold a new letter.

use anyhow::Result;

use super::Outcome;
use crate::cli::{InitArgs, OutputArgs};
use crate::init;

pub fn run(args: &InitArgs, output: &OutputArgs) -> Result<Outcome> {
    let action = init::action(args.from.as_deref())?;
    let written = init::scaffold(&args.dir, &args.id, &init::today(), &action)?;
    if !output.quiet {
        for path in &written {
            say!("wrote {}", crate::load::tidy(path).display())?;
        }
        let whence =
            if args.from.is_some() { "--from" } else { "the default; another with --from OWNER/REPO" };
        say!("\nthe workflows use the action {action} ({whence})")?;
        say!("\nnext: edit letters/{0}/letter.yaml, then `letter check letters/{0}`", args.id)?;
    }
    Ok(Outcome::Success)
}
