//! `letter init`: scaffold a new letter.

use anyhow::Result;

use super::Outcome;
use crate::cli::{InitArgs, OutputArgs};
use crate::init;

pub fn run(args: &InitArgs, output: &OutputArgs) -> Result<Outcome> {
    let written = init::scaffold(&args.dir, &args.id, &init::today())?;
    if !output.quiet {
        for path in &written {
            say!("wrote {}", crate::load::tidy(path).display())?;
        }
        say!("\nnext: edit letters/{0}/letter.yaml, then `letter check letters/{0}`", args.id)?;
    }
    Ok(Outcome::Success)
}
