//! `letter diff`: who joined, withdrew or changed between two points.

use anyhow::{Context, Result};

use super::Outcome;
use crate::cli::{DiffArgs, DiffFormat};
use crate::deliver::diff;
use crate::load;

pub fn run(args: &DiffArgs) -> Result<Outcome> {
    let loaded = load::load(&args.path)?;
    let project = &loaded.project;
    let letter = project.letter.as_ref().context("the letter could not be read; `letter check` says why")?;
    let layout = &project.layout;
    let before = diff::resolve(&args.from, layout)?;
    let after = match &args.to {
        Some(spec) => diff::resolve(spec, layout)?,
        None => diff::today(&project.roster, letter),
    };
    let changes = diff::compare(&before, &after);
    let out = match args.format {
        DiffFormat::Text => diff::text(&changes, &before.point, &after.point, &letter.languages),
        DiffFormat::Md => diff::markdown(&changes, &before.point, &letter.languages),
    };
    say!("{}", out.trim_end())?;
    Ok(Outcome::Success)
}
