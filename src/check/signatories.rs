//! Signers: the same one written twice, and how many sign in all.

use serde::Serialize;

use crate::dedup::{self, Candidate, Class, Match, MatchKind};
use crate::diagnostic::Diagnostic;
use crate::model::{Counts, Roster, Signer, SignerKind};

/// One finding of the duplicate engine, as the JSON report shows it.
#[derive(Debug, Serialize)]
pub struct DuplicateFinding {
    pub kind: MatchKind,
    pub score: f64,
    pub reason: String,
    pub entries: Vec<DuplicateEntry>,
}

#[derive(Debug, Serialize)]
pub struct DuplicateEntry {
    pub file: String,
    pub line: usize,
    pub list: String,
    pub name: String,
}

pub struct Checked {
    pub diagnostics: Vec<Diagnostic>,
    pub duplicates: Vec<DuplicateFinding>,
    pub counts: Counts,
}

pub fn check(roster: &Roster) -> Checked {
    let signers = roster.signers();
    let candidates: Vec<Candidate> = signers.iter().map(candidate).collect();
    let matches = dedup::find(&candidates);
    Checked {
        diagnostics: matches.iter().map(|m| diagnose(&signers, m)).collect(),
        duplicates: matches.iter().map(|m| finding(&signers, m)).collect(),
        counts: counts(roster, signers.len(), &matches),
    }
}

fn candidate<'a>(s: &Signer<'a>) -> Candidate<'a> {
    Candidate {
        class: if s.kind == SignerKind::Person { Class::Person } else { Class::Group },
        names: s.name.variants().collect(),
        acronym: s.acronym,
        country: s.country,
    }
}

fn display_name(s: &Signer) -> String {
    s.name.variants().next().unwrap_or_default().to_string()
}

/// Policy: twice in one list is a mistake; in two lists (directly and in a
/// network, or in two networks) is how coalitions sign, worth a note.
fn diagnose(signers: &[Signer], m: &Match) -> Diagnostic {
    let (a, b) = (&signers[m.a], &signers[m.b]);
    let name = display_name(b);
    let same_list = a.list == b.list;
    match (same_list, m.kind) {
        (true, MatchKind::Exact) => Diagnostic::error(
            "duplicate-signatory",
            b.origin,
            format!("`{name}` is already in {} at {}", a.list, a.origin),
        )
        .with_hint("delete one of the two entries"),
        (true, _) => Diagnostic::warning(
            "possible-duplicate",
            b.origin,
            format!("`{name}` may be `{}` at {} ({})", display_name(a), a.origin, m.reason),
        )
        .with_hint("if they are the same signer, delete one entry"),
        (false, _) => Diagnostic::note(
            "cross-listed",
            b.origin,
            format!("`{name}` also signs in {} at {} ({}); counted once", a.list, a.origin, m.reason),
        ),
    }
}

fn finding(signers: &[Signer], m: &Match) -> DuplicateFinding {
    let entry = |s: &Signer| DuplicateEntry {
        file: s.origin.file.display().to_string(),
        line: s.origin.line,
        list: s.list.clone(),
        name: display_name(s),
    };
    DuplicateFinding {
        kind: m.kind,
        score: m.score,
        reason: m.reason.clone(),
        entries: vec![entry(&signers[m.a]), entry(&signers[m.b])],
    }
}

/// Unique signers: every signature, less the ones that repeat an earlier
/// signer for certain.
fn counts(roster: &Roster, signatures: usize, matches: &[Match]) -> Counts {
    let mut repeats: Vec<usize> =
        matches.iter().filter(|m| m.kind == MatchKind::Exact).map(|m| m.b).collect();
    repeats.sort_unstable();
    repeats.dedup();
    Counts {
        networks: roster.networks.len(),
        network_members: roster
            .networks
            .iter()
            .map(|n| n.members.organizations.len() + n.members.people.len())
            .sum(),
        organizations: roster.organizations.len(),
        individuals: roster.individuals.len(),
        signatures,
        unique_signers: signatures - repeats.len(),
    }
}
