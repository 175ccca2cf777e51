//! The withdrawal ledger: who took back their signature, when and why.
//!
//! Withdrawn entries stay in the roster as a record, so the ledger is
//! reported on every check: organizers see at a glance who is no longer
//! rendered or counted.

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::model::{Roster, Withdrawn};

/// One withdrawal, as the JSON report shows it.
#[derive(Debug, Serialize)]
pub struct WithdrawalEntry {
    pub file: String,
    pub line: usize,
    pub list: String,
    pub name: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub reason: Option<String>,
}

pub fn check(roster: &Roster) -> (Vec<Diagnostic>, Vec<WithdrawalEntry>) {
    roster.withdrawals().iter().map(|w| (note(w), entry(w))).unzip()
}

fn name(w: &Withdrawn) -> String {
    w.name.first().to_string()
}

fn note(w: &Withdrawn) -> Diagnostic {
    let reason = w.withdrawal.reason.as_ref().map_or_else(String::new, |r| format!(" ({r})"));
    Diagnostic::note(
        "withdrawn",
        w.origin,
        format!(
            "`{}` withdrew from {} on {}{reason}; not rendered or counted",
            name(w),
            w.list,
            w.withdrawal.date
        ),
    )
}

fn entry(w: &Withdrawn) -> WithdrawalEntry {
    WithdrawalEntry {
        file: w.origin.file.display().to_string(),
        line: w.origin.line,
        list: w.list.clone(),
        name: name(w),
        date: w.withdrawal.date.to_string(),
        reason: w.withdrawal.reason.clone(),
    }
}
