//! Is this signer already in? The duplicate engine's answer, turned into
//! what `sign` and `import` do about it.
//!
//! The engine (`dedup::search`) is run over every entry of the roster,
//! withdrawn ones included so that a re-signing is found, plus the signers
//! added earlier in the same run, plus the new one; only matches that
//! involve the new one count. Then:
//!
//! - the same signer in the same list is refused, or restored if it withdrew;
//! - a likely match, or the same signer in another list (a group that also
//!   signs through a network), needs a person to decide;
//! - a possible match is only mentioned.

use super::entries::Entry;
use super::signup::{Field, Kind, Signup};
use crate::dedup::{self, Candidate, Found, MatchKind, Search};
use crate::model::Date;

/// A signer added earlier in the same run, not yet on disk.
#[derive(Debug, Clone)]
pub struct Pending {
    pub kind: Kind,
    pub name: String,
    pub acronym: Option<String>,
    pub country: Option<String>,
    pub list: String,
    /// Where it came from, e.g. "row 4".
    pub place: String,
}

/// An existing signer the new one may be.
#[derive(Debug, Clone)]
pub struct Hit {
    pub name: String,
    /// `file:line:column`, or where a pending signer came from.
    pub place: String,
    pub list: String,
    pub kind: MatchKind,
    pub reason: String,
    pub withdrawn: Option<Date>,
    /// For entries on disk: its place in the roster's entries.
    pub entry: Option<usize>,
}

#[derive(Debug, Clone)]
pub enum Verdict {
    New { possible: Vec<Hit> },
    Duplicate(Hit),
    Restore(Hit),
    Review(Vec<Hit>),
}

/// What to do with `signup`, joining `list`.
pub fn assess(entries: &[Entry], pending: &[Pending], signup: &Signup, list: &str) -> Verdict {
    let mut candidates: Vec<Candidate> = entries
        .iter()
        .map(|e| Candidate::from(&e.signer))
        .chain(pending.iter().map(|p| Candidate {
            class: p.kind.into(),
            names: vec![&p.name],
            acronym: p.acronym.as_deref(),
            country: p.country.as_deref(),
            ..Candidate::default()
        }))
        .collect();
    let new = candidates.len();
    candidates.push(Candidate {
        class: signup.kind.into(),
        names: vec![signup.name.as_str()],
        acronym: signup.get(Field::Acronym),
        country: signup.get(Field::Country),
        affiliation: signup.get(Field::Affiliation).into_iter().collect(),
        city: signup.get(Field::City),
    });
    let search = dedup::search(&candidates);
    let hits = matches_of(&search, new)
        .into_iter()
        .map(|(other, m)| hit(entries, pending, other, m.kind, search.explain(m)))
        .collect();
    verdict(hits, list)
}

/// Every candidate the engine matches with candidate `target`, and how. The
/// engine ties each repeat to the first entry it repeats, so the certain
/// matches of that first entry are `target`'s too. Each comes with the
/// finding whose reason it reports; only these are explained.
pub fn matches_of<'s>(search: &'s Search, target: usize) -> Vec<(usize, &'s Found)> {
    let all = &search.found;
    let other = |m: &Found| {
        if m.a == target {
            Some(m.b)
        } else if m.b == target {
            Some(m.a)
        } else {
            None
        }
    };
    let mut out: Vec<(usize, &Found)> = Vec::new();
    for m in all {
        let Some(o) = other(m) else { continue };
        out.push((o, m));
        if m.kind == MatchKind::Exact {
            let same = all.iter().filter(|n| n.kind == MatchKind::Exact && (n.a == o || n.b == o));
            out.extend(same.map(|n| (if n.a == o { n.b } else { n.a }, n)));
        }
    }
    out.retain(|(o, _)| *o != target);
    out.sort_by_key(|(o, m)| (*o, m.kind));
    out.dedup_by_key(|(o, _)| *o);
    out
}

fn verdict(mut hits: Vec<Hit>, list: &str) -> Verdict {
    hits.sort_by_key(|h| (h.kind, h.withdrawn.is_some()));
    if let Some(same) = hits.iter().find(|h| h.kind == MatchKind::Exact && h.list == list) {
        return match (&same.withdrawn, &same.entry) {
            (Some(_), Some(_)) => Verdict::Restore(same.clone()),
            _ => Verdict::Duplicate(same.clone()),
        };
    }
    let (review, possible): (Vec<Hit>, Vec<Hit>) =
        hits.into_iter().partition(|h| h.kind != MatchKind::Possible);
    if review.is_empty() { Verdict::New { possible } } else { Verdict::Review(review) }
}

fn hit(entries: &[Entry], pending: &[Pending], index: usize, kind: MatchKind, reason: String) -> Hit {
    match entries.get(index) {
        Some(e) => Hit {
            name: e.display_name().to_string(),
            place: e.signer.origin.to_string(),
            list: e.signer.list.to_string(),
            kind,
            reason,
            withdrawn: e.withdrawn.map(|w| w.date),
            entry: Some(index),
        },
        None => {
            let p = &pending[index - entries.len()];
            Hit {
                name: p.name.clone(),
                place: p.place.clone(),
                list: p.list.clone(),
                kind,
                reason,
                withdrawn: None,
                entry: None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(kind: MatchKind, list: &str, withdrawn: bool) -> Hit {
        Hit {
            name: "Nopal".into(),
            place: "o.yaml:7:3".into(),
            list: list.into(),
            kind,
            reason: "same name".into(),
            withdrawn: withdrawn.then_some(Date { year: 2025, month: 1, day: 2 }),
            entry: Some(0),
        }
    }

    #[test]
    fn the_same_signer_in_the_same_list_is_refused_or_restored() {
        let v = verdict(vec![hit(MatchKind::Exact, "organizations", false)], "organizations");
        assert!(matches!(v, Verdict::Duplicate(_)));
        let v = verdict(vec![hit(MatchKind::Exact, "organizations", true)], "organizations");
        assert!(matches!(v, Verdict::Restore(_)));
        let both =
            vec![hit(MatchKind::Exact, "organizations", true), hit(MatchKind::Exact, "organizations", false)];
        assert!(matches!(verdict(both, "organizations"), Verdict::Duplicate(_)), "an active entry wins");
    }

    #[test]
    fn other_lists_and_likely_matches_need_a_person() {
        let v = verdict(vec![hit(MatchKind::Exact, "members of Red", false)], "organizations");
        assert!(matches!(v, Verdict::Review(h) if h.len() == 1));
        let v = verdict(vec![hit(MatchKind::Likely, "organizations", false)], "organizations");
        assert!(matches!(v, Verdict::Review(_)));
        let v = verdict(vec![hit(MatchKind::Possible, "organizations", false)], "organizations");
        assert!(matches!(v, Verdict::New { possible } if possible.len() == 1));
    }
}
