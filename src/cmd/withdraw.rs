//! `letter withdraw`: a signer takes back their signature, everywhere it
//! stands; the entries stay, and the record gains a line.

use anyhow::{Result, bail};

use super::Outcome;
use crate::cli::WithdrawArgs;
use crate::load;
use crate::model::Action;
use crate::sign::batch::Batch;
use crate::sign::record::Note;
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
    let found = withdraw::find(&batch, &args.name, args.member_of.as_deref())?;
    let found = withdraw::one_per_list(&batch, withdraw::at_place(&batch, found, args.at.as_deref())?)?;
    let (done, to_do): (Vec<usize>, Vec<usize>) =
        found.into_iter().partition(|&i| batch.entries()[i].withdrawn.is_some());
    if to_do.is_empty() {
        let e = &batch.entries()[done[0]];
        let date = e.withdrawn.map(|w| w.date).unwrap_or(date);
        return Err(SignError::AlreadyWithdrawn {
            name: e.display_name().to_string(),
            place: e.signer.origin.to_string(),
            date,
        }
        .into());
    }
    let note = Note {
        reason: args.reason.clone(),
        requested_by: args.requested_by.clone(),
        recorded_by: args.recorded_by.clone(),
    };
    let mut lines = Vec::new();
    for &i in &to_do {
        let placed = batch.record(Action::Withdrawn, i, date, &note)?;
        let e = &batch.entries()[i];
        lines.push(format!("  {} at {} (recorded at {placed})", e.signer.list, e.signer.origin));
    }
    batch.write()?;
    let name = batch.entries()[to_do[0]].display_name();
    let places = if to_do.len() == 1 { "1 place".to_string() } else { format!("{} places", to_do.len()) };
    say!("withdrew `{name}` on {date} from {places}; the name is no longer rendered or counted:")?;
    say!("{}", lines.join("\n"))?;
    for &i in &done {
        let e = &batch.entries()[i];
        say!("  already withdrawn: {} at {}", e.signer.list, e.signer.origin)?;
    }
    Ok(Outcome::Success)
}
