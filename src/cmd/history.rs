//! `letter history`: the record of withdrawals and signings-again.

use anyhow::Result;

use super::Outcome;
use crate::cli::HistoryArgs;
use crate::model::Event;
use crate::sign::batch::Batch;
use crate::sign::{self, withdraw};

pub fn run(args: &HistoryArgs) -> Result<Outcome> {
    let session = sign::open(&args.path, false)?;
    let project = &session.loaded.project;
    let mut events: Vec<&Event> = project.roster.history.iter().collect();
    if let Some(name) = &args.name {
        let batch = Batch::new(project);
        let found = withdraw::find(&batch, name, None)?;
        let about = |e: &&Event| found.iter().any(|&i| e.who.matches(&batch.entries()[i].signer));
        events.retain(about);
    }
    events.sort_by_key(|e| e.date);
    if events.is_empty() {
        say!("no withdrawal or signing-again is on record")?;
    }
    for e in events {
        say!("{}", describe(e))?;
    }
    Ok(Outcome::Success)
}

fn describe(e: &Event) -> String {
    let list = e.who.list.as_deref().unwrap_or_default();
    let mut line = format!("{} {} `{}` ({list})", e.date, e.action.word(), e.who.name);
    let details = [("reason", &e.reason), ("requested by", &e.requested_by), ("recorded by", &e.recorded_by)];
    for (label, value) in details {
        if let Some(v) = value {
            line.push_str(&format!("; {label}: {v}"));
        }
    }
    format!("{line}  [{}]", e.origin)
}
