//! Which pairs of signers to compare at all.
//!
//! Comparing every pair of 100,000 signers is five billion comparisons.
//! Instead each signer is filed under a few keys, and only signers sharing a
//! key are compared (blocking). A signer is filed under:
//!
//! - its name proper and the other names it holds, spelled without
//!   spaces (exact duplicates, `Casanicolás`, `FM4 Paso Libre`);
//! - its acronyms and its initials (`UUSC`);
//! - each two of its three rarest words: a near-duplicate keeps most words,
//!   so it keeps two of these, while names sharing one common word do not
//!   meet; a word used by very few signers is enough alone (`Monarca`);
//! - for names of one or two words, each word with a letter left out (typos,
//!   after SymSpell) and neighbouring words written together;
//! - and a name written as an acronym alone (`IMUMI`) meets the names whose
//!   first three words start with three of its letters, and no name meets
//!   another that way.
//!
//! A key shared by more than `CROWD` signers is too common to tell anyone
//! apart and is skipped; exact duplicates are compared with the first of
//! their kind and a few before them, however many there are. Keys are
//! sorted, not hashed into buckets: memory is one small record per key.

use std::hash::{Hash, Hasher};

use rustc_hash::FxHasher;

use super::Class;
use super::entry::{Entry, Name};
use super::vocab::Vocab;

/// Above this many signers a key says too little to compare them all.
const CROWD: usize = 32;
/// How many earlier exact duplicates each entry is compared with, besides the first.
const WINDOW: usize = 4;
/// A word used by this many signers or fewer is enough alone to compare them.
const RARE: u32 = 8;

#[derive(Hash)]
enum Key<'a> {
    Exact(Class, u64),
    Acronym(Class, u32),
    Rare(Class, u32),
    RarePair(Class, u32, u32),
    Spelling(Class, &'a str, u32),
    Initials(Class, [u8; 3]),
}

fn hash(key: Key) -> u64 {
    let mut h = FxHasher::default();
    key.hash(&mut h);
    h.finish()
}

/// The keys of all signers, by kind of comparison.
#[derive(Default)]
struct Files {
    exact: Vec<(u64, u32)>,
    shared: Vec<(u64, u32)>,
    /// Keys that pair an acronym (`true`) only with names (`false`).
    one_sided: Vec<(u64, u32, bool)>,
}

/// Pairs `(a, b)` with `a < b` worth comparing, each once.
pub fn candidates(entries: &[Entry], vocab: &Vocab) -> Vec<(u32, u32)> {
    let mut files = Files::default();
    for (id, e) in entries.iter().enumerate() {
        let id = u32::try_from(id).unwrap_or(u32::MAX);
        for n in &e.names {
            file(&mut files, id, e, n, vocab);
        }
    }
    let mut pairs = Vec::new();
    for run in runs(files.exact.into_iter().map(|(k, id)| (k, id, false)).collect()) {
        for (k, &(b, _)) in run.iter().enumerate().skip(1) {
            let earlier = std::iter::once(0).chain(k.saturating_sub(WINDOW).max(1)..k);
            pairs.extend(earlier.map(|j| (run[j].0, b)));
        }
    }
    for run in runs(files.shared.into_iter().map(|(k, id)| (k, id, false)).collect()) {
        if run.len() <= CROWD {
            for (k, &(b, _)) in run.iter().enumerate() {
                pairs.extend(run[..k].iter().map(|&(a, _)| (a, b)));
            }
        }
    }
    for run in runs(files.one_sided) {
        let (acronyms, names): (Vec<_>, Vec<_>) = run.iter().partition(|x| x.1);
        if acronyms.len() * names.len() <= CROWD * CROWD {
            for &(x, _) in &acronyms {
                pairs.extend(names.iter().filter(|n| n.0 != x).map(|&(y, _)| (x.min(y), x.max(y))));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// The signers filed under each key shared by two or more, in signer order.
fn runs(mut keyed: Vec<(u64, u32, bool)>) -> Vec<Vec<(u32, bool)>> {
    keyed.sort_unstable();
    keyed.dedup();
    let shared = keyed.chunk_by(|x, y| x.0 == y.0).filter(|c| c.len() > 1);
    shared.map(|c| c.iter().map(|&(_, id, side)| (id, side)).collect()).collect()
}

fn file(files: &mut Files, id: u32, e: &Entry, n: &Name, vocab: &Vocab) {
    let class = e.class;
    files.exact.push((hash(Key::Exact(class, n.spelled)), id));
    files.exact.extend(n.aliases.iter().map(|a| (hash(Key::Exact(class, a.spelled)), id)));
    let mut share = |key: Key| files.shared.push((hash(key), id));
    for &a in e.acronyms.iter().chain(&n.initials) {
        share(Key::Acronym(class, a));
    }
    let rare = rarest_first(n, vocab);
    let top = &rare[..rare.len().min(3)];
    for (i, &x) in top.iter().enumerate() {
        top[i + 1..].iter().for_each(|&y| share(Key::RarePair(class, x.min(y), x.max(y))));
    }
    for &x in rare.iter().filter(|&&x| vocab.df(x) <= RARE || rare.len() == 1) {
        share(Key::Rare(class, x));
    }
    if rare.len() <= 2 {
        short_name_keys(class, n, &rare, vocab, &mut share);
    }
    one_sided(files, id, e, n, vocab);
}

/// Typos and words written together matter most in short names, which
/// have no third word to meet by.
fn short_name_keys(class: Class, n: &Name, rare: &[u32], vocab: &Vocab, share: &mut impl FnMut(Key)) {
    for (i, &w) in rare.iter().enumerate() {
        let other = rare.get(1 - i.min(1)).copied().filter(|_| rare.len() == 2).unwrap_or(u32::MAX);
        for spelling in deletions(vocab.word(w)) {
            share(Key::Spelling(class, &spelling, other));
        }
    }
    let mut joined = String::new();
    for len in 1..=3 {
        for run in n.words.windows(len) {
            joined.clear();
            run.iter().for_each(|w| joined.push_str(vocab.word(w.surface)));
            if joined.len() >= 6 {
                share(Key::Spelling(class, &joined, u32::MAX));
            }
        }
    }
}

fn one_sided(files: &mut Files, id: u32, e: &Entry, n: &Name, vocab: &Vocab) {
    let class = e.class;
    let bare = n.words.len() == 1 && e.acronyms.contains(&n.words[0].surface);
    if bare {
        for three in ordered_threes(vocab.word(n.words[0].surface).as_bytes()) {
            files.one_sided.push((hash(Key::Initials(class, three)), id, true));
        }
    } else {
        let initials: Vec<u8> = n.content().filter_map(|w| vocab.word(w).bytes().next()).take(3).collect();
        if let Ok(three) = <[u8; 3]>::try_from(initials.as_slice()) {
            files.one_sided.push((hash(Key::Initials(class, three)), id, false));
        }
    }
}

/// The weighed words, rarest first (ties by number, so every name agrees).
fn rarest_first(n: &Name, vocab: &Vocab) -> Vec<u32> {
    let mut words: Vec<u32> = n.content().collect();
    words.sort_unstable_by(|&x, &y| vocab.weight(y).total_cmp(&vocab.weight(x)).then(x.cmp(&y)));
    words.dedup();
    words
}

/// Three letters of an acronym in order, starting with its first, for
/// acronyms of three to eight letters.
fn ordered_threes(acronym: &[u8]) -> Vec<[u8; 3]> {
    let mut out = Vec::new();
    if (3..=8).contains(&acronym.len()) {
        for i in 1..acronym.len() {
            for j in i + 1..acronym.len() {
                out.push([acronym[0], acronym[i], acronym[j]]);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The word and the word with each letter left out (`fronteras`:
/// `ronteras`, `fonteras`, …): two words one edit apart share one of these.
fn deletions(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 5 {
        return vec![word.to_string()];
    }
    let mut out = vec![word.to_string()];
    for skip in 0..chars.len() {
        out.push(chars.iter().enumerate().filter(|&(i, _)| i != skip).map(|(_, c)| c).collect());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit_apart_share_a_deletion() {
        let a = deletions("fronteras");
        for typo in ["fronteraz", "frontera", "fornteras", "fronterasx"] {
            assert!(deletions(typo).iter().any(|d| a.contains(d)), "{typo}");
        }
    }
}
