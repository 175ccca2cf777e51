//! Writing withdrawals and signings-again as lines of `history.yaml`.
//!
//! Each event is one line appended at the end of the file, naming its entry
//! by list and name, so two branches that each record events merge (with
//! the union driver in `.gitattributes`) into both lines, and no edit ever
//! lands on a neighbouring entry. See `model::history`.

use super::emit;
use super::entries::Entry;
use crate::dedup::normalize::exact_key;
use crate::model::{Action, Date, SignerRef};

/// The file's first lines, when `letter` starts it.
const HEADER: &str = "\
# The record of withdrawals and signings-again: one line per event, appended by
# `letter withdraw` and `letter sign`. An entry's last event (by date, then by
# line) says whether it signs. Keep every line: it is the record.
";

/// What is known of an event besides whom it is about.
#[derive(Debug, Clone, Default)]
pub struct Note {
    pub reason: Option<String>,
    pub requested_by: Option<String>,
    pub recorded_by: Option<String>,
}

/// Entry `i` as a history line names it: by list and name, and by whatever
/// tells it apart from other entries of that list and name.
pub fn who(entries: &[Entry], i: usize) -> SignerRef {
    let me = &entries[i].signer;
    let name = exact_key(me.name.first());
    let namesake =
        |e: &&Entry| e.signer.list == me.list && e.signer.name.variants().any(|n| exact_key(n) == name);
    let shared = entries.iter().filter(namesake).count() > 1;
    let field = |v: Option<&str>| v.filter(|_| shared).map(str::to_string);
    SignerRef {
        name: me.name.first().to_string(),
        list: Some(me.list.to_string()),
        affiliation: field(me.affiliation.map(|a| a.first())),
        country: field(me.country),
        city: field(me.city),
    }
}

/// One event as its line, without the line break.
pub fn line(action: Action, who: &SignerRef, date: Date, note: &Note) -> String {
    let date = date.to_string();
    let mut fields = vec![("event", action.word())];
    fields.extend(who.fields());
    fields.push(("date", &date));
    let optional =
        [("reason", &note.reason), ("requested_by", &note.requested_by), ("recorded_by", &note.recorded_by)];
    fields.extend(optional.into_iter().filter_map(|(k, v)| v.as_deref().map(|v| (k, v))));
    format!("- {}", emit::mapping(&fields))
}

/// `text` with `line` appended, and the 1-based line it landed on.
pub fn append(text: &str, line: &str) -> (String, usize) {
    let mut out = if text.is_empty() { HEADER.to_string() } else { text.to_string() };
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(line);
    out.push('\n');
    let at = out.lines().count();
    (out, at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(name: &str) -> SignerRef {
        SignerRef { name: name.into(), list: Some("organizations".into()), ..SignerRef::default() }
    }

    #[test]
    fn an_event_is_one_self_contained_line() {
        let note = Note { reason: Some("pidió: salir, ya".into()), ..Note::default() };
        let date = Date { year: 2025, month: 1, day: 20 };
        let l = line(Action::Withdrawn, &who("Colectivo: Pera"), date, &note);
        assert_eq!(
            l,
            r#"- {event: withdrawn, name: "Colectivo: Pera", list: organizations, date: 2025-01-20, reason: "pidió: salir, ya"}"#
        );
        assert!(!l.contains('\n'));
    }

    #[test]
    fn appending_starts_the_file_with_its_header_and_ends_every_line() {
        let (text, at) = append("", "- {a: 1}");
        assert!(text.starts_with("# The record"));
        assert_eq!(text.lines().nth(at - 1), Some("- {a: 1}"));
        let (text, at) = append("- {a: 1}", "- {b: 2}");
        assert_eq!(text, "- {a: 1}\n- {b: 2}\n");
        assert_eq!(at, 2);
    }
}
