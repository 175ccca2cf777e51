//! Signers: the same one written twice, and how many sign in all.
//!
//! The policy on what `dedup` finds:
//! - in one list, an exact duplicate is an error and a likely or possible
//!   one a warning: a list should name each signer once;
//! - across lists (a direct signer that is also a network's member, or a
//!   member of two networks) it is a note: that is how coalitions sign;
//! - a pair recorded in `reviewed.yaml` is not reported again, whatever the
//!   verdict; a review naming an entry that no longer exists is a warning,
//!   and so is one naming several entries, which is then not applied;
//! - entries with the same name but a different country, city or
//!   affiliation are at most possible (the engine says so), never exact;
//! - a signer counts once in `unique_signers` when the duplicate is exact or
//!   reviewed as the same; a likely match counts twice until someone says so,
//!   because a count should not rest on a guess.
//!
//! Each later entry is reported against its best match in its own list and
//! its best match in other lists, so a name written four ways gives three
//! findings, not six.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt::{self, Write};

use serde::Serialize;

use crate::dedup::normalize::{exact_key, same_exactly};
use crate::dedup::{self, Candidate, Found, MatchKind};
use crate::diagnostic::{Diagnostic, Severity};
use crate::load::did_you_mean;
use crate::model::{Counts, ReviewedEntry, Roster, Signer, SignerRef, Verdict};
use crate::par;
use crate::sign::emit;

/// One finding of the duplicate engine, as the JSON report shows it.
#[derive(Debug, Serialize)]
pub struct DuplicateFinding {
    pub kind: MatchKind,
    pub score: f64,
    pub reason: String,
    pub entries: Vec<DuplicateEntry>,
    /// The diagnostic code the finding is reported under.
    pub code: &'static str,
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

/// Checks the roster's active signers (`roster.active_signers()`);
/// withdrawn ones are neither reported nor counted, but a review may still
/// name them. Matches reported less severely than `least` are counted, not
/// explained.
pub fn check(roster: &Roster, signers: &[Signer], least: Severity) -> Checked {
    let candidates: Vec<Candidate> = par::map(signers, |s| Candidate::from(s));
    let (reviewed, mut diagnostics) = reviewed_pairs(roster, signers);
    let mut search = dedup::search(&candidates);
    search.found.retain(|m| !reviewed.contains_key(&(m.a, m.b)));
    let mut reported = best_per_entry(signers, &search.found);
    reported.retain(|m| Policy::of(signers, m).severity() >= least);
    // Only the reported matches are explained, each once, on every core.
    let (diags, duplicates): (Vec<_>, Vec<_>) = par::map(&reported, |m| {
        let reason = search.explain(m);
        (diagnose(signers, m, &reason), finding(signers, m, reason))
    })
    .into_iter()
    .unzip();
    diagnostics.extend(diags);
    Checked { diagnostics, duplicates, counts: counts(roster, signers, &search.found, &reviewed) }
}

/// For each entry, its best match in its own list and in the other lists.
/// The matches come by later entry, so each entry's are side by side; the
/// first of the best wins a tie.
fn best_per_entry<'m>(signers: &[Signer], matches: &'m [Found]) -> Vec<&'m Found> {
    let mut out = Vec::new();
    for group in matches.chunk_by(|x, y| x.b == y.b) {
        let best = |same_list: bool| {
            let in_lists = group.iter().filter(|m| (signers[m.a].list == signers[m.b].list) == same_list);
            in_lists
                .min_by(|x, y| (x.kind, -x.score).partial_cmp(&(y.kind, -y.score)).unwrap_or(Ordering::Equal))
        };
        let mut both: Vec<&Found> = [best(true), best(false)].into_iter().flatten().collect();
        both.sort_by_key(|m| m.a);
        out.extend(both);
    }
    out
}

/// What the policy makes of a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Policy {
    /// Exact, in one list: an error.
    Duplicate,
    /// Likely or possible, in one list: a warning.
    Possible,
    /// In two lists: a note.
    CrossListed,
}

impl Policy {
    fn of(signers: &[Signer], m: &Found) -> Self {
        match (signers[m.a].list == signers[m.b].list, m.kind) {
            (true, MatchKind::Exact) => Self::Duplicate,
            (true, _) => Self::Possible,
            (false, _) => Self::CrossListed,
        }
    }

    fn severity(self) -> Severity {
        match self {
            Self::Duplicate => Severity::Error,
            Self::Possible => Severity::Warning,
            Self::CrossListed => Severity::Note,
        }
    }

    fn code(self) -> &'static str {
        match self {
            Self::Duplicate => "duplicate-signatory",
            Self::Possible => "possible-duplicate",
            Self::CrossListed => "cross-listed",
        }
    }
}

/// Twice in one list is a mistake; in two lists (directly and in a
/// network, or in two networks) is how coalitions sign, worth a note.
/// Only a mistake says how to record a decision: the notes, most findings
/// at 200,000 names, would build that hint for nothing.
fn diagnose(signers: &[Signer], m: &Found, why: &str) -> Diagnostic {
    let (a, b) = (&signers[m.a], &signers[m.b]);
    let (name, other) = (b.name.first(), a.name.first());
    let written = if other == name { String::new() } else { format!(" as `{other}`") };
    let (list, at, kind) = (&a.list, a.origin, m.kind.word());
    let policy = Policy::of(signers, m);
    // Room for the message at once: growing 213,000 of them step by step
    // was most of the time spent writing them.
    let room = name.len() + written.len() + list.len() + at.file.as_os_str().len() + why.len() + 100;
    let message = |args: fmt::Arguments| {
        let mut out = String::with_capacity(room);
        let _ = out.write_fmt(args);
        out
    };
    let (message, hint) = match policy {
        Policy::Duplicate => (
            message(format_args!("`{name}` is already in {list} at {at}{written} ({why})")),
            Some(format!("delete one of the two entries; if they are two signers, {}", record(a, b))),
        ),
        Policy::Possible => (
            message(format_args!("`{name}` may be `{other}` at {at} ({kind}: {why})")),
            Some(format!("if they are the same signer, delete one entry; either way, {}", record(a, b))),
        ),
        Policy::CrossListed if m.kind == MatchKind::Exact => (
            message(format_args!("`{name}` also signs in {list} at {at}{written} ({why}); counted once")),
            None,
        ),
        Policy::CrossListed => (
            message(format_args!(
                "`{name}` may also sign in {list} at {at}{written} ({kind}: {why}); \
                 counted twice until reviewed as the same"
            )),
            None,
        ),
    };
    Diagnostic { hint, ..Diagnostic::new(policy.severity(), policy.code(), b.origin, message) }
}

/// How to record a decision about `a` and `b`, with each named by what
/// tells it apart when they share a name.
fn record(a: &Signer, b: &Signer) -> String {
    let said = "record the decision in reviewed.yaml beside the rosters so the pair is not reported again";
    if !same_exactly(a.name.first(), b.name.first()) {
        return said.into();
    }
    let [ra, rb] = SignerRef::telling_namesakes_apart(a, b);
    format!("{said}, as `- distinct: [{}, {}]`", written(&ra), written(&rb))
}

fn finding(signers: &[Signer], m: &Found, reason: String) -> DuplicateFinding {
    let entry = |s: &Signer| DuplicateEntry {
        file: s.origin.file.to_string_lossy().into_owned(),
        line: s.origin.line,
        list: s.list.to_string(),
        name: s.name.first().to_string(),
    };
    DuplicateFinding {
        kind: m.kind,
        score: m.score,
        reason,
        entries: vec![entry(&signers[m.a]), entry(&signers[m.b])],
        code: Policy::of(signers, m).code(),
    }
}

/// Every pair of signers (earlier, later) a review covers, with its verdict;
/// a warning for each review naming an entry the roster lacks, and for each
/// naming several entries: a decision about two entries never covers a third.
fn reviewed_pairs(
    roster: &Roster,
    signers: &[Signer],
) -> (HashMap<(usize, usize), Verdict>, Vec<Diagnostic>) {
    let mut pairs = HashMap::new();
    let mut diags = Vec::new();
    if roster.reviews.is_empty() {
        return (pairs, diags);
    }
    // Reviews are resolved among everyone, withdrawn signers included (a
    // review of a withdrawn entry is not stale), then kept for the active.
    let everyone = &roster.signers();
    let by_name = by_name(everyone);
    let to_active = active_index(everyone, signers);
    for review in &roster.reviews {
        let found = review.entries.each_ref().map(|e| resolve(&e.entry, &by_name, everyone));
        let mut usable = true;
        for (e, f) in review.entries.iter().zip(&found) {
            match f[..] {
                [] => diags.push(stale(e, everyone)),
                [_] => {}
                _ => diags.push(ambiguous(e, f, everyone)),
            }
            usable &= f.len() == 1;
        }
        let [x, y] = found.map(|f| f.first().and_then(|&i| to_active[i]));
        if let (true, Some(i), Some(j)) = (usable, x, y)
            && i != j
        {
            pairs.insert((i.min(j), i.max(j)), review.verdict);
        }
    }
    (pairs, diags)
}

/// Each signer's place among the active ones, if it is active: the active
/// signers are everyone, in the same order, less the withdrawn.
fn active_index(everyone: &[Signer], active: &[Signer]) -> Vec<Option<usize>> {
    let mut next = active.iter().enumerate().peekable();
    everyone.iter().map(|s| next.next_if(|(_, a)| std::ptr::eq(a.origin, s.origin)).map(|(i, _)| i)).collect()
}

fn by_name(signers: &[Signer]) -> HashMap<String, Vec<usize>> {
    let mut out: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, s) in signers.iter().enumerate() {
        for name in s.name.variants() {
            out.entry(exact_key(name)).or_default().push(i);
        }
    }
    out
}

/// The signers a review entry names (see `SignerRef::matches`).
fn resolve(e: &SignerRef, by_name: &HashMap<String, Vec<usize>>, signers: &[Signer]) -> Vec<usize> {
    let named = by_name.get(&exact_key(&e.name)).map_or(&[][..], Vec::as_slice);
    let mut found: Vec<usize> =
        named.iter().copied().filter(|&i| e.matches_besides_name(&signers[i])).collect();
    found.dedup();
    found
}

fn stale(e: &ReviewedEntry, signers: &[Signer]) -> Diagnostic {
    let name = &e.entry.name;
    let hint = match did_you_mean(name, signers.iter().map(|s| s.name.first())) {
        Some(close) => {
            format!("did you mean `{close}`? Update the review, or delete it if the entry is gone")
        }
        None => "the entry was renamed or deleted: update the review, or delete it".into(),
    };
    let wanted = written(&e.entry);
    Diagnostic::warning("stale-review", &e.origin, format!("no entry `{wanted}` in the roster"))
        .with_hint(hint)
}

/// A reference as reviewed.yaml writes it: the name, or `{name: …, …}`.
fn written(r: &SignerRef) -> String {
    match &r.fields()[..] {
        [(_, name)] => emit::scalar(name, emit::Context::Flow),
        fields => emit::entry(fields),
    }
}

/// A review entry naming several signers: it is not applied, so that a
/// decision about two of them is not taken for all.
fn ambiguous(e: &ReviewedEntry, found: &[usize], signers: &[Signer]) -> Diagnostic {
    let places: Vec<String> = found.iter().map(|&i| signers[i].origin.to_string()).collect();
    let message = format!(
        "ambiguous review: `{}` names {} entries ({}), so the review is not applied",
        written(&e.entry),
        found.len(),
        places.join(", ")
    );
    let (first, second) = (&signers[found[0]], &signers[found[1]]);
    let told = SignerRef::telling_apart(first, second);
    let hint = if told.fields().len() > 1 {
        format!(
            "name the entry by what tells it apart, e.g. `{}`: add list, affiliation, country or city",
            written(&told)
        )
    } else {
        "the entries share every field: give them an affiliation, country or city that tells them \
         apart, and name it in the review"
            .into()
    };
    Diagnostic::warning("ambiguous-review", &e.origin, message).with_hint(hint)
}

/// Unique signers: every signature, with the ones that are certainly one
/// signer (exact, or reviewed as the same) counted once.
fn counts(
    roster: &Roster,
    signers: &[Signer],
    matches: &[Found],
    reviewed: &HashMap<(usize, usize), Verdict>,
) -> Counts {
    let mut parent: Vec<usize> = (0..signers.len()).collect();
    let exact = matches.iter().filter(|m| m.kind == MatchKind::Exact).map(|m| (m.a, m.b));
    let same = reviewed.iter().filter(|(_, v)| **v == Verdict::Same).map(|(&pair, _)| pair);
    for (a, b) in exact.chain(same) {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        parent[ra.max(rb)] = ra.min(rb);
    }
    let unique = (0..signers.len()).filter(|&i| root(&mut parent, i) == i).count();
    Counts { unique_signers: unique, ..roster.active_counts() }
}

/// The first signer of `i`'s group (union–find with path halving).
fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}
