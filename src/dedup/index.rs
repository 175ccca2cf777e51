//! Which pairs of signers to compare at all.
//!
//! Comparing every pair of 100,000 signers is five billion comparisons.
//! Instead each signer is filed under a few keys, and only signers sharing a
//! key are compared (blocking):
//!
//! - its name proper and the other names it holds, spelled without
//!   spaces (exact duplicates, `Casanicolás`);
//! - its acronyms and its initials (`IMUMI`, `UUSC`);
//! - its rarest words, enough of them to carry half the name's weight
//!   (prefix filtering: two names alike enough to report share one);
//! - the rarest word with each letter left out in turn (typos, after
//!   SymSpell) and neighbouring words written together;
//! - for people, the given name with each surname (`maria|lopez`), since
//!   common given names and surnames alone file thousands together.
//!
//! A key shared by more than `CROWD` signers is too common to tell anyone
//! apart and is skipped; exact duplicates are compared with the first of
//! their kind and a few before them, however many there are. Keys are
//! sorted, not hashed into buckets, so memory is one pair per key.

use std::hash::{Hash, Hasher};

use rustc_hash::FxHasher;

use super::Class;
use super::entry::{Entry, Name};
use super::vocab::Vocab;

/// Above this many signers a key says too little to compare them all.
const CROWD: usize = 64;
/// How many earlier exact duplicates each entry is compared with, besides the first.
const WINDOW: usize = 4;
/// The rarest words of a name carry at least this share of its weight.
const PREFIX_SHARE: f32 = 0.5;

#[derive(Hash)]
enum Key<'a> {
    Exact(Class, u64),
    Acronym(Class, u32),
    /// The first letters of a name's first three weighed words, or three
    /// letters of an acronym in order from its first (`imumi`: `imm`, `imu`, …).
    Initials(Class, [u8; 3]),
    Word(Class, u32),
    Spelling(Class, &'a str),
    GivenAndSurname(u32, u32),
}

fn hash(key: Key) -> u64 {
    let mut h = FxHasher::default();
    key.hash(&mut h);
    h.finish()
}

/// Pairs `(a, b)` with `a < b` worth comparing, each once.
pub fn candidates(entries: &[Entry], vocab: &Vocab) -> Vec<(u32, u32)> {
    let mut exact: Vec<(u64, u32)> = Vec::new();
    let mut other: Vec<(u64, u32)> = Vec::new();
    let mut scratch = String::new();
    for (id, e) in entries.iter().enumerate() {
        let id = u32::try_from(id).unwrap_or(u32::MAX);
        for n in &e.names {
            exact_keys(e.class, n, |k| exact.push((k, id)));
            other_keys(e, n, vocab, &mut scratch, |k| other.push((k, id)));
        }
    }
    let mut pairs = Vec::new();
    for run in runs(exact) {
        for (k, &b) in run.iter().enumerate().skip(1) {
            pairs.push((run[0], b));
            pairs.extend(run[k.saturating_sub(WINDOW).max(1)..k].iter().map(|&a| (a, b)));
        }
    }
    for run in runs(other).into_iter().filter(|r| r.len() <= CROWD) {
        for (k, &b) in run.iter().enumerate() {
            pairs.extend(run[..k].iter().map(|&a| (a, b)));
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// The entries filed under each key, in entry order, each once.
fn runs(mut keyed: Vec<(u64, u32)>) -> Vec<Vec<u32>> {
    keyed.sort_unstable();
    keyed.dedup();
    let mut out = Vec::new();
    for chunk in keyed.chunk_by(|x, y| x.0 == y.0).filter(|c| c.len() > 1) {
        out.push(chunk.iter().map(|&(_, id)| id).collect());
    }
    out
}

fn exact_keys(class: Class, n: &Name, mut file: impl FnMut(u64)) {
    file(hash(Key::Exact(class, n.spelled)));
    for a in &n.aliases {
        file(hash(Key::Exact(class, a.spelled)));
    }
}

fn other_keys(e: &Entry, n: &Name, vocab: &Vocab, scratch: &mut String, mut file: impl FnMut(u64)) {
    let class = e.class;
    for &a in e.acronyms.iter().chain(&n.initials) {
        file(hash(Key::Acronym(class, a)));
    }
    let initials: Vec<u8> = n.content().filter_map(|w| vocab.word(w).bytes().next()).take(3).collect();
    if let Ok(first3) = <[u8; 3]>::try_from(initials.as_slice()) {
        file(hash(Key::Initials(class, first3)));
    }
    for &a in &e.acronyms {
        for three in ordered_threes(vocab.word(a).as_bytes()) {
            file(hash(Key::Initials(class, three)));
        }
    }
    let rare = rarest_first(n, vocab);
    for &w in prefix(&rare, vocab) {
        file(hash(Key::Word(class, w)));
    }
    if let Some(&w) = rare.first() {
        for spelling in deletions(vocab.word(w)) {
            file(hash(Key::Spelling(class, &spelling)));
        }
    }
    for len in 2..=3 {
        for run in n.words.windows(len) {
            scratch.clear();
            run.iter().for_each(|w| scratch.push_str(vocab.word(w.surface)));
            if scratch.len() >= 6 {
                file(hash(Key::Spelling(class, scratch)));
            }
        }
    }
    if class == Class::Person {
        let mut content = n.content();
        if let Some(given) = content.next() {
            content.for_each(|s| file(hash(Key::GivenAndSurname(given, s))));
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

/// The rarest words carrying `PREFIX_SHARE` of the weight: two names
/// sharing more than that share at least one of them. Two at least, so a
/// typo in the rarest word does not hide the pair.
fn prefix<'a>(rare: &'a [u32], vocab: &Vocab) -> &'a [u32] {
    let total: f32 = rare.iter().map(|&w| vocab.weight(w)).sum();
    let mut carried = 0.0;
    let mut len = 0;
    while len < rare.len() && (len < 2 || carried < PREFIX_SHARE * total) {
        carried += vocab.weight(rare[len]);
        len += 1;
    }
    &rare[..len.min(4)]
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
        return Vec::new();
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
