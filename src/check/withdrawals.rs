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
    pub requested_by: Option<String>,
    pub recorded_by: Option<String>,
    /// Where the withdrawal is written: its line of `history.yaml`.
    pub record: String,
}

pub fn check(roster: &Roster) -> (Vec<Diagnostic>, Vec<WithdrawalEntry>) {
    let withdrawals = roster.withdrawals();
    let (mut diags, entries): (Vec<Diagnostic>, Vec<WithdrawalEntry>) =
        withdrawals.iter().map(|w| (note(w), entry(w))).unzip();
    diags.extend(withdrawals.iter().filter(|w| w.withdrawal.inline).map(inline));
    (diags, entries)
}

/// A `withdrawn:` key on the entry, as earlier versions wrote it: a merge of
/// two branches that edit next to it can leave it under a neighbour.
fn inline(w: &Withdrawn) -> Diagnostic {
    // A JSON string is a YAML double-quoted scalar, so the line is valid as given.
    let quoted = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let line = format!(
        "- {{event: withdrawn, name: {}, list: {}, date: {}}}",
        quoted(&name(w)),
        quoted(&w.list),
        w.withdrawal.date
    );
    Diagnostic::warning(
        "inline-withdrawal",
        &w.withdrawal.origin,
        format!(
            "`{}` is withdrawn by a key on its entry, which a git merge can move to a neighbour",
            name(w)
        ),
    )
    .with_hint(format!("delete the `withdrawn:` key and add this line to history.yaml instead: {line}"))
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
        requested_by: w.withdrawal.requested_by.clone(),
        recorded_by: w.withdrawal.recorded_by.clone(),
        record: w.withdrawal.origin.to_string(),
    }
}
