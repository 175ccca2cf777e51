//! `letter withdraw`: a signer takes back their signature; the entry stays.

use anyhow::{Result, bail};

use super::Outcome;
use crate::cli::WithdrawArgs;
use crate::load;
use crate::sign::batch::Batch;
use crate::sign::{self, SignError, withdraw};

pub fn run(args: &WithdrawArgs) -> Result<Outcome> {
    let date = match &args.date {
        Some(d) => match load::parse_date(d) {
            Some(date) => date,
            None => bail!("`{d}` is not a date\n  hint: write it as YYYY-MM-DD, e.g. 2025-01-20"),
        },
        None => withdraw::today(),
    };
    let session = sign::open(&args.path, true)?;
    let mut batch = Batch::new(&session.loaded.project);
    let entry = withdraw::find(&batch, &args.name, args.member_of.as_deref())?;
    if let Some(w) = entry.withdrawn {
        let name = entry.display_name().to_string();
        return Err(SignError::AlreadyWithdrawn {
            name,
            place: entry.signer.origin.to_string(),
            date: w.date,
        }
        .into());
    }
    let placed = batch.withdraw(&entry.at, date, args.reason.as_deref())?;
    batch.write()?;
    println!(
        "withdrew `{}` ({}) at {placed} on {date}: it stays in the roster, and is no longer rendered or counted",
        entry.display_name(),
        entry.signer.list
    );
    Ok(Outcome::Success)
}
