//! Finding the entry a withdrawal is about, and today's date for it.
//!
//! A name matches when the duplicate engine calls it the same signer for
//! certain. Only direct signers are searched unless a network is named, so
//! withdrawing an organization never silently touches its membership in a
//! network (or the other way round); the message says where else it signs.

use std::time::{SystemTime, UNIX_EPOCH};

use super::SignError;
use super::batch::Batch;
use super::duplicates::matches_of;
use super::edit::ListPath;
use super::entries::Entry;
use crate::dedup::{self, Candidate, Class, MatchKind};
use crate::model::Date;

/// The one entry named `name`, directly or among `member_of`'s members.
pub fn find<'p>(batch: &Batch<'p>, name: &str, member_of: Option<&str>) -> Result<Entry<'p>, SignError> {
    let list = match member_of {
        Some(net) => Some(batch.network(net)?.2),
        None => None,
    };
    let in_scope = |e: &Entry| match &list {
        Some(l) => *e.signer.list == **l,
        None => e.at.list == ListPath::Top,
    };
    let (exact, near) = matches(batch.entries(), name);
    let (mut found, elsewhere): (Vec<Entry>, Vec<Entry>) = exact.into_iter().partition(|e| in_scope(e));
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(SignError::NotSigned { name: name.to_string(), hint: not_found_hint(&elsewhere, &near) }),
        _ => Err(SignError::Ambiguous {
            name: name.to_string(),
            places: found.iter().map(|e| e.signer.origin.to_string()).collect(),
        }),
    }
}

/// Entries that are `name` for certain, and ones that may be.
fn matches<'p>(entries: &[Entry<'p>], name: &str) -> (Vec<Entry<'p>>, Vec<Entry<'p>>) {
    let mut candidates: Vec<Candidate> = entries.iter().map(|e| Candidate::from(&e.signer)).collect();
    let probes = entries.len();
    for class in [Class::Group, Class::Person] {
        candidates.push(Candidate { class, names: vec![name], ..Candidate::default() });
    }
    let search = dedup::search(&candidates);
    let (mut exact, mut near) = (Vec::new(), Vec::new());
    for probe in [probes, probes + 1] {
        for (other, m) in matches_of(&search, probe).into_iter().filter(|(o, _)| *o < probes) {
            let bucket = if m.kind == MatchKind::Exact { &mut exact } else { &mut near };
            bucket.push(entries[other].clone());
        }
    }
    (exact, near)
}

fn not_found_hint(elsewhere: &[Entry], near: &[Entry]) -> String {
    if let Some(e) = elsewhere.first() {
        return match e.signer.list.strip_prefix("members of ") {
            Some(net) => {
                format!("it signs as a member of {net} at {}: add `--member-of \"{net}\"`", e.signer.origin)
            }
            None => format!("it signs directly at {}: leave out `--member-of`", e.signer.origin),
        };
    }
    match near.first() {
        Some(e) => format!("did you mean `{}` at {}?", e.display_name(), e.signer.origin),
        None => "write the name as it is in the roster; `letter check` does not list it either".into(),
    }
}

/// Today in UTC, as a calendar date.
pub fn today() -> Date {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    civil_from_days((secs / 86_400) as i64)
}

/// Days since 1970-01-01 to a Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    Date { year, month, day }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_to_dates() {
        assert_eq!(civil_from_days(0), Date { year: 1970, month: 1, day: 1 });
        assert_eq!(civil_from_days(20_089), Date { year: 2025, month: 1, day: 1 });
        assert_eq!(civil_from_days(19_782), Date { year: 2024, month: 2, day: 29 });
        assert!(today().year >= 2025);
    }
}
