//! `history.yaml`: the record of withdrawals and signings-again, read and
//! applied to the roster's entries.
//!
//! ```yaml
//! - {event: withdrawn, name: Colectivo Pera, list: organizations, date: 2025-01-20, reason: asked by e-mail, requested_by: Ana Pérez, recorded_by: Luis}
//! - {event: signed-again, name: Colectivo Pera, list: organizations, date: 2025-03-02}
//! ```
//!
//! An entry's events are taken in date order (lines of one date in file
//! order, after a `withdrawn:` key on the entry itself); the last one says
//! whether it signs. A line that reaches no entry, or more than one, is an
//! error: a withdrawal that silently reaches no one would print a person
//! who asked to leave.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use super::convert::Ctx;
use super::raw::S;
use super::{LoadError, Sandbox, parse_file};
use crate::dedup::normalize::exact_key;
use crate::diagnostic::Diagnostic;
use crate::model::{Action, Event, Roster, SignerRef, Withdrawal};

/// The file's name beside the rosters.
pub const FILE: &str = "history";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    event: S<String>,
    name: S<String>,
    list: S<String>,
    date: S<String>,
    reason: Option<S<String>>,
    requested_by: Option<S<String>>,
    recorded_by: Option<S<String>>,
    country: Option<S<String>>,
    city: Option<S<String>>,
    affiliation: Option<S<String>>,
}

/// Reads one history file; each malformed line becomes a finding.
pub fn load(path: &Path, sandbox: &Sandbox, diags: &mut Vec<Diagnostic>) -> Result<Vec<Event>, LoadError> {
    let Some((raw, origin)) = parse_file::<Vec<S<RawEvent>>>(path, sandbox, diags)? else {
        return Ok(Vec::new());
    };
    let mut ctx = Ctx { file: &origin, langs: &[], diags };
    Ok(raw.iter().filter_map(|r| event(&mut ctx, r)).collect())
}

fn event(ctx: &mut Ctx, raw: &S<RawEvent>) -> Option<Event> {
    let r = &raw.value;
    let Some(action) = Action::parse(r.event.value.trim()) else {
        let at = ctx.at(&r.event);
        ctx.diags.push(
            Diagnostic::error("invalid-event", &at, format!("`{}` is not an event", r.event.value))
                .with_hint("write `event: withdrawn` or `event: signed-again`"),
        );
        return None;
    };
    let who = SignerRef {
        name: ctx.string(&r.name, "name"),
        list: Some(ctx.string(&r.list, "list")),
        country: ctx.opt_string(r.country.as_ref(), "country"),
        city: ctx.opt_string(r.city.as_ref(), "city"),
        affiliation: ctx.opt_string(r.affiliation.as_ref(), "affiliation"),
    };
    Some(Event {
        action,
        who,
        date: ctx.date(&r.date),
        reason: ctx.opt_string(r.reason.as_ref(), "reason"),
        requested_by: ctx.opt_string(r.requested_by.as_ref(), "requested_by"),
        recorded_by: ctx.opt_string(r.recorded_by.as_ref(), "recorded_by"),
        origin: ctx.at(raw),
    })
}

/// Sets each entry's withdrawal from its events, and reports the events
/// that reach no entry or several.
pub fn apply(roster: &mut Roster, diags: &mut Vec<Diagnostic>) {
    if roster.history.is_empty() {
        return;
    }
    let history = std::mem::take(&mut roster.history);
    // Names are looked up as the duplicate check calls them exact: a line
    // written by hand with other capitals or spacing still reaches its entry.
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, e) in history.iter().enumerate() {
        by_name.entry(exact_key(&e.who.name)).or_default().push(i);
    }
    let mut reached: Vec<Vec<String>> = vec![Vec::new(); history.len()];
    let mut about: Vec<(usize, Vec<usize>)> = Vec::new();
    for (at, signer) in roster.signers().iter().enumerate() {
        let mut mine: Vec<usize> = signer
            .name
            .variants()
            .filter_map(|n| by_name.get(&exact_key(n)))
            .flatten()
            .copied()
            .filter(|&i| history[i].who.matches_besides_name(signer))
            .collect();
        if mine.is_empty() {
            continue;
        }
        mine.sort_unstable();
        mine.dedup();
        for &i in &mine {
            reached[i].push(signer.origin.to_string());
        }
        about.push((at, mine));
    }
    let mut withdrawals = roster.withdrawals_mut();
    for (at, mine) in about {
        *withdrawals[at] = settle(withdrawals[at].take(), mine.iter().map(|&i| &history[i]));
    }
    for (event, places) in history.iter().zip(&reached) {
        diags.extend(reach_finding(event, places, &history));
    }
    roster.history = history;
}

/// The entry's state after its events, taken in date order; a `withdrawn:`
/// key on the entry counts as the first event of its date.
fn settle<'e>(
    mut withdrawn: Option<Withdrawal>,
    events: impl Iterator<Item = &'e Event>,
) -> Option<Withdrawal> {
    let mut events: Vec<&Event> = events.collect();
    events.sort_by_key(|e| e.date);
    for e in events {
        if withdrawn.as_ref().is_some_and(|w| w.inline && w.date > e.date) {
            continue;
        }
        withdrawn = match e.action {
            Action::Withdrawn => Some(Withdrawal {
                date: e.date,
                reason: e.reason.clone(),
                requested_by: e.requested_by.clone(),
                recorded_by: e.recorded_by.clone(),
                origin: e.origin.clone(),
                inline: false,
            }),
            Action::SignedAgain => None,
        };
    }
    withdrawn
}

fn reach_finding(event: &Event, places: &[String], history: &[Event]) -> Option<Diagnostic> {
    let who = &event.who;
    let list = who.list.as_deref().unwrap_or_default();
    match places.len() {
        1 => None,
        0 if is_last_word(event, history) && event.action == Action::Withdrawn => Some(
            Diagnostic::error(
                "withdrawal-reaches-no-one",
                &event.origin,
                format!("no entry `{}` in {list}, so this withdrawal reaches no one", who.name),
            )
            .with_hint(
                "if the entry's name or list changed, write them here as the roster now writes them, \
                 so the signer stays withdrawn; if the entry was deleted, so can this line be",
            ),
        ),
        0 => Some(
            Diagnostic::warning(
                "event-reaches-no-one",
                &event.origin,
                format!("no entry `{}` in {list}; this line changes nothing", who.name),
            )
            .with_hint("write the name and list as the roster writes them"),
        ),
        _ => Some(
            Diagnostic::error(
                "event-reaches-several",
                &event.origin,
                format!(
                    "`{}` in {list} is {} entries ({}); this line reaches them all",
                    who.name,
                    places.len(),
                    places.join(", ")
                ),
            )
            .with_hint(
                "add `country:`, `city:` or `affiliation:` to this line to say which entry it is about",
            ),
        ),
    }
}

/// Whether no later line is about the same entry: an old withdrawal of a
/// renamed entry matters only while it is the entry's last word.
fn is_last_word(event: &Event, history: &[Event]) -> bool {
    !history.iter().any(|e| e.who == event.who && (e.date, &e.origin) > (event.date, &event.origin))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Origin};

    fn at(line: usize) -> Origin {
        Origin { file: std::path::Path::new("history.yaml").into(), line, column: 3 }
    }

    fn event(action: Action, day: u8, line: usize) -> Event {
        Event {
            action,
            who: SignerRef { name: "A".into(), list: Some("organizations".into()), ..SignerRef::default() },
            date: Date { year: 2025, month: 1, day },
            reason: None,
            requested_by: None,
            recorded_by: None,
            origin: at(line),
        }
    }

    fn inline(day: u8) -> Withdrawal {
        Withdrawal {
            date: Date { year: 2025, month: 1, day },
            reason: None,
            requested_by: None,
            recorded_by: None,
            origin: at(0),
            inline: true,
        }
    }

    #[test]
    fn the_last_event_by_date_then_line_decides() {
        // A merge can put a later event on an earlier line.
        let events = [event(Action::SignedAgain, 9, 1), event(Action::Withdrawn, 2, 2)];
        assert_eq!(settle(None, events.iter()), None);
        let events = [event(Action::Withdrawn, 2, 1), event(Action::SignedAgain, 2, 2)];
        assert_eq!(settle(None, events.iter()), None, "same date: file order");
        let events = [event(Action::SignedAgain, 2, 1), event(Action::Withdrawn, 2, 2)];
        assert_eq!(settle(None, events.iter()).map(|w| w.origin), Some(at(2)));
    }

    #[test]
    fn a_withdrawn_key_on_the_entry_is_the_first_event_of_its_date() {
        let again = [event(Action::SignedAgain, 5, 1)];
        assert_eq!(settle(Some(inline(5)), again.iter()), None);
        assert!(settle(Some(inline(6)), again.iter()).is_some_and(|w| w.inline), "withdrew after");
    }

    /// `apply` reads entries through `signers` and writes through
    /// `withdrawals_mut`: each withdrawal must land on the entry it is about.
    #[test]
    fn each_entry_gets_its_own_events() {
        use crate::model::{Lang, SignerKind};
        let langs = [Lang::parse("es").unwrap()];
        let part =
            |kind, src: &str| super::super::parse_roster(kind, src, std::path::Path::new("r.yaml"), &langs).0;
        let nets = "- name: Red\n  members:\n    organizations: [{name: B}]\n    people: [{name: C}]\n";
        let mut roster = part(SignerKind::Network, nets);
        roster.organizations = part(SignerKind::Organization, "- name: A\n- name: B\n").organizations;
        roster.individuals = part(SignerKind::Person, "- name: C\n").individuals;
        let mut withdraw = |name: &str, list: &str| {
            let mut e = event(Action::Withdrawn, 1, roster.history.len() + 1);
            e.who = SignerRef { name: name.into(), list: Some(list.into()), ..SignerRef::default() };
            roster.history.push(e);
        };
        withdraw("B", "members of Red");
        withdraw("C", "individuals");
        let mut diags = Vec::new();
        apply(&mut roster, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        let active: Vec<String> =
            roster.active_signers().iter().map(|s| format!("{} {}", s.list, s.name.first())).collect();
        assert_eq!(active, ["networks Red", "members of Red C", "organizations A", "organizations B"]);
    }
}
