//! Finding every entry a withdrawal is about, and today's date for it.
//!
//! A name matches when the duplicate engine calls it the same signer for
//! certain. A withdrawal is a promise that the name leaves every output, so
//! every place the signer signs is found: directly and as any network's
//! member. Naming a network narrows it to that membership alone.

use std::time::{SystemTime, UNIX_EPOCH};

use super::SignError;
use super::batch::Batch;
use super::duplicates::matches_of;
use super::entries::Entry;
use crate::dedup::{self, Candidate, Class, MatchKind};
use crate::model::Date;

/// The indexes (into the batch's entries) of every entry that is `name`,
/// or only among `member_of`'s members.
pub fn find(batch: &Batch, name: &str, member_of: Option<&str>) -> Result<Vec<usize>, SignError> {
    let list = match member_of {
        Some(net) => Some(batch.network(net)?.2),
        None => None,
    };
    let (exact, near) = matches(batch.entries(), name);
    let in_scope = |i: &usize| list.as_ref().is_none_or(|l| *batch.entries()[*i].signer.list == **l);
    let (found, elsewhere): (Vec<usize>, Vec<usize>) = exact.into_iter().partition(in_scope);
    if found.is_empty() {
        let entries = batch.entries();
        let pick = |v: &[usize]| v.iter().map(|&i| entries[i].clone()).collect::<Vec<_>>();
        return Err(SignError::NotSigned {
            name: name.to_string(),
            hint: not_found_hint(&pick(&elsewhere), &pick(&near)),
        });
    }
    Ok(found)
}

/// Narrows `found` to the entry at `place` (`file:line`, as findings name
/// entries), when one is given.
pub fn at_place(batch: &Batch, found: Vec<usize>, place: Option<&str>) -> Result<Vec<usize>, SignError> {
    let Some(place) = place else { return Ok(found) };
    let entries = batch.entries();
    let is_at = |i: &usize| {
        let o = &entries[*i].signer.origin;
        let here = format!("{}:{}", o.file.to_string_lossy(), o.line);
        here == place || here.ends_with(&format!("/{place}")) || o.to_string() == place
    };
    let (kept, others): (Vec<usize>, Vec<usize>) = found.into_iter().partition(is_at);
    if kept.is_empty() {
        let places: Vec<String> = others.iter().map(|&i| entries[i].signer.origin.to_string()).collect();
        return Err(SignError::NotSigned {
            name: place.to_string(),
            hint: format!("the name signs at {}; give one of these places", places.join(", ")),
        });
    }
    Ok(kept)
}

/// Refuses two entries of one list: the same name twice in a list is two
/// people (or a duplicate `check` reports), and withdrawing both would
/// silence someone who did not ask.
pub fn one_per_list(batch: &Batch, found: Vec<usize>) -> Result<Vec<usize>, SignError> {
    let entries = batch.entries();
    for (n, &i) in found.iter().enumerate() {
        let twins: Vec<String> = found[n..]
            .iter()
            .filter(|&&j| entries[j].signer.list == entries[i].signer.list)
            .map(|&j| entries[j].signer.origin.to_string())
            .collect();
        if twins.len() > 1 {
            return Err(SignError::Ambiguous { name: entries[i].display_name().to_string(), places: twins });
        }
    }
    Ok(found)
}

/// The indexes of entries that are `name` for certain, and of ones that may be.
fn matches(entries: &[Entry], name: &str) -> (Vec<usize>, Vec<usize>) {
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
            bucket.push(other);
        }
    }
    exact.sort_unstable();
    exact.dedup();
    (exact, near)
}

fn not_found_hint(elsewhere: &[Entry], near: &[Entry]) -> String {
    if let Some(e) = elsewhere.first() {
        return format!(
            "it signs in {} at {}: name that network, or leave out `--member-of`",
            e.signer.list, e.signer.origin
        );
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
