//! `letter deliver`: build the letter and record what was sent.

use anyhow::{Context, Result, bail};

use super::Outcome;
use super::build::checked;
use crate::cli::{DeliverArgs, OutputArgs};
use crate::deliver::{self, Delivery};
use crate::load;
use crate::render::Templates;

pub fn run(args: &DeliverArgs, output: &OutputArgs) -> Result<Outcome> {
    let Some(date) = load::parse_date(&args.date) else {
        bail!("`{}` is not a date\n  hint: write it as YYYY-MM-DD, e.g. 2026-12-02", args.date);
    };
    let loaded = load::load(&args.path)?;
    let Some(report) = checked(&loaded, output, "delivered")? else { return Ok(Outcome::Findings) };
    let project = &loaded.project;
    let letter = project.letter.as_ref().context("the letter could not be read")?;
    let templates = Templates::load(&project.layout.templates_dir(), &project.layout.sandbox)?;
    let delivery = Delivery {
        letter,
        roster: &project.roster,
        counts: &report.counts,
        templates: &templates,
        letter_dir: &project.layout.letter_dir,
        to: &args.to,
        date,
    };
    let folder = deliver::deliver(&delivery)?;
    let c = &report.counts;
    say!(
        "delivered to {} on {date}: {} signatures from {} signers, recorded in {}",
        args.to,
        c.signatures,
        c.unique_signers,
        folder.display()
    )?;
    Ok(Outcome::Success)
}
