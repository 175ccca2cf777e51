//! `letter export`: the signatories as CSV or JSON.

use std::io::Write;

use anyhow::{Context, Result};

use super::Outcome;
use super::build::{checked, languages};
use crate::cli::{ExportArgs, ExportFormat, OutputArgs};
use crate::export::{self, Fields};
use crate::load;

pub fn run(args: &ExportArgs, output: &OutputArgs) -> Result<Outcome> {
    let loaded = load::load(&args.path)?;
    if checked(&loaded, output, "exported")?.is_none() {
        return Ok(Outcome::Findings);
    }
    let project = &loaded.project;
    let letter = project.letter.as_ref().context("the letter could not be read")?;
    let langs = languages(&args.lang, &letter.languages)?;
    let fields = if args.private { Fields::WithPrivate } else { Fields::Public };
    let records = export::records(&project.roster, &langs, letter.sort, fields);
    let bytes = match args.format {
        ExportFormat::Csv => export::csv(&records, &langs, args.private, args.bom),
        ExportFormat::Json => export::json(&letter.id, &langs, &records),
    };
    match &args.output {
        Some(path) => crate::render::write_atomic(path, &bytes)?,
        None => super::print::unless_closed(std::io::stdout().lock().write_all(&bytes))?,
    }
    Ok(Outcome::Success)
}
