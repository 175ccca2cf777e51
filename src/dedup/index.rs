//! Which pairs of signers to compare at all.
//!
//! Comparing every pair of 100,000 signers is five billion comparisons.
//! Instead each signer is filed under a few keys, and only signers sharing a
//! key are compared (blocking). A signer is filed under:
//!
//! - its name proper and the other names it holds, spelled without
//!   spaces (exact duplicates, `Casanicolás`, `FM4 Paso Libre`);
//! - its acronyms and its initials (`UUSC`), and its acronyms spelled
//!   without spaces among the names (`CDH Fray Matías` meets the entry
//!   whose acronym it is);
//! - its words as concepts of the bilingual lexicon, in any order, when it
//!   has some (`Human Rights Center`, `Centro de Derechos Humanos`);
//! - each two of its three rarest words: a near-duplicate keeps most words,
//!   so it keeps two of these, while names sharing one common word do not
//!   meet; a word used by very few signers is enough alone (`Monarca`);
//! - its rarest word with each letter left out (typos, after SymSpell),
//!   with its second rarest (a typo makes a word rare, so it would meet no
//!   one by its rare pairs); in a name of two words, both words so;
//! - for names of one or two words, neighbouring words written together;
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
use super::align::MAX_TYPO_BYTES;
use super::entry::{self, Entry, Name};
use super::vocab::Vocab;
use crate::par;

/// Above this many signers a key says too little to compare them all.
const CROWD: usize = 16;
/// How many earlier exact duplicates each entry is compared with, besides the first.
const WINDOW: usize = 4;
/// A word used by this many signers or fewer is enough alone to compare them.
const RARE: u32 = 8;

#[derive(Hash)]
enum Key {
    Exact(Class, u64),
    Acronym(Class, u32),
    Rare(Class, u32),
    RarePair(Class, u32, u32),
    /// Hashed by `spelling`: the letters, whether written as one word, as
    /// neighbouring words, or as a word with one letter left out.
    Spelling(u64, u32),
    Initials(Class, [u8; 3]),
    Translated(Class, u64),
}

fn hash(key: Key) -> u64 {
    let mut h = FxHasher::default();
    key.hash(&mut h);
    h.finish()
}

/// How signers filed under one key are paired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rule {
    /// Exact duplicates: each with the first and the few before it.
    Exact,
    /// All pairs, unless the key is crowded.
    Shared,
    /// Only an acronym with a name (the two sides of a one-sided key).
    Acronym,
    Name,
}

/// One signer filed under one key.
type Filed = (u64, u32, Rule);

/// How many keys an entry is filed under, about (15 in a generated roster):
/// room reserved up front, so the lists of keys (millions at 100,000
/// signers) are not copied as they grow.
const KEYS_PER_ENTRY: usize = 16;

/// Pairs `(a, b)` with `a < b` worth comparing, each once. Filing runs on
/// every core over parts of the roster, each sorting its keys into one
/// bucket per part of the keys (a key's signers all go to one part, by its
/// hash); pairing runs on every core over those parts.
pub fn candidates(entries: &[Entry], vocab: &Vocab) -> Vec<(u32, u32)> {
    let ranges = par::parts(entries.len());
    let parts = ranges.len();
    let filed: Vec<Vec<Vec<Filed>>> = par::map_owned(ranges, |range| {
        let room = range.len() * KEYS_PER_ENTRY / parts;
        let mut buckets: Vec<Vec<Filed>> = (0..parts).map(|_| Vec::with_capacity(room)).collect();
        let mut keys = Vec::new();
        for id in range {
            let e = &entries[id];
            let id = u32::try_from(id).unwrap_or(u32::MAX);
            e.names.iter().for_each(|n| file(&mut keys, id, e, n, vocab));
            for f in keys.drain(..) {
                buckets[(f.0 % parts as u64) as usize].push(f);
            }
        }
        buckets
    });
    let mut by_hash: Vec<Vec<Vec<Filed>>> = (0..parts).map(|_| Vec::new()).collect();
    for buckets in filed {
        for (part, bucket) in by_hash.iter_mut().zip(buckets) {
            part.push(bucket);
        }
    }
    // Each part sorts its own pairs on its core; the stable sort then only
    // merges those sorted runs, and one pair met under keys of two parts is
    // kept once.
    let mut pairs = par::concat(par::map_owned(by_hash, |part| pair_up(par::concat(part))));
    pairs.sort();
    pairs.dedup();
    pairs
}

/// The pairs of one part of the keys, sorted, each once.
fn pair_up(mut filed: Vec<Filed>) -> Vec<(u32, u32)> {
    filed.sort_unstable();
    filed.dedup();
    let mut pairs = Vec::new();
    for run in filed.chunk_by(|x, y| x.0 == y.0).filter(|c| c.len() > 1) {
        match run[0].2 {
            Rule::Exact => {
                for (k, &(_, b, _)) in run.iter().enumerate().skip(1) {
                    let earlier = std::iter::once(0).chain(k.saturating_sub(WINDOW).max(1)..k);
                    pairs.extend(earlier.map(|j| (run[j].1, b)));
                }
            }
            Rule::Shared if run.len() <= CROWD => {
                for (k, &(_, b, _)) in run.iter().enumerate() {
                    pairs.extend(run[..k].iter().map(|&(_, a, _)| (a, b)));
                }
            }
            Rule::Shared => {}
            Rule::Acronym | Rule::Name => {
                let (acronyms, names): (Vec<&Filed>, Vec<&Filed>) =
                    run.iter().partition(|f| f.2 == Rule::Acronym);
                if acronyms.len() * names.len() <= CROWD * CROWD {
                    for &&(_, x, _) in &acronyms {
                        let others = names.iter().filter(|n| n.1 != x);
                        pairs.extend(others.map(|&&(_, y, _)| (x.min(y), x.max(y))));
                    }
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

fn file(filed: &mut Vec<Filed>, id: u32, e: &Entry, n: &Name, vocab: &Vocab) {
    let class = e.class;
    filed.push((hash(Key::Exact(class, n.spelled)), id, Rule::Exact));
    filed.extend(n.aliases.iter().map(|a| (hash(Key::Exact(class, a.spelled)), id, Rule::Exact)));
    let spelled = e.acronyms.iter().map(|&a| entry::letters([vocab.word(a).as_bytes()]));
    filed.extend(spelled.map(|s| (hash(Key::Exact(class, s)), id, Rule::Exact)));
    let mut share = |key: Key| filed.push((hash(key), id, Rule::Shared));
    for &a in e.acronyms.iter().chain(&n.initials) {
        share(Key::Acronym(class, a));
    }
    if let Some(t) = n.translated {
        share(Key::Translated(class, t));
    }
    let rare = rarest_first(n, vocab);
    let top = &rare[..rare.len().min(3)];
    for (i, &x) in top.iter().enumerate() {
        top[i + 1..].iter().for_each(|&y| share(Key::RarePair(class, x.min(y), x.max(y))));
    }
    for &x in rare.iter().filter(|&&x| vocab.df(x) <= RARE || rare.len() == 1) {
        share(Key::Rare(class, x));
    }
    typo_keys(class, &rare, vocab, &mut share);
    if rare.len() <= 2 {
        joined_keys(class, n, vocab, &mut share);
    }
    one_sided(filed, id, e, n, vocab);
}

/// A typo in the rarest word (or, in a name of two words, in either) leaves
/// the name with no rare pair to meet by: its deletions, with the other word.
fn typo_keys(class: Class, rare: &[u32], vocab: &Vocab, share: &mut impl FnMut(Key)) {
    let typed = if rare.len() == 2 { 2 } else { 1 };
    for (i, &w) in rare.iter().enumerate().take(typed) {
        let other = if i == 0 { rare.get(1).copied().unwrap_or(u32::MAX) } else { rare[0] };
        let word = vocab.word(w).as_bytes();
        share(Key::Spelling(spelling(class, &[word]), other));
        // Each deletion is hashed whole: a long word's deletions would cost
        // the square of its length, for a typo `align` would not allow.
        if (5..=MAX_TYPO_BYTES).contains(&word.len()) {
            for skip in 0..word.len() {
                share(Key::Spelling(spelling(class, &[&word[..skip], &word[skip + 1..]]), other));
            }
        }
    }
}

/// Short names have no third word to meet by; one written as two words
/// (`Casa Nicolás`) meets the same written as one (`Casanicolás`).
fn joined_keys(class: Class, n: &Name, vocab: &Vocab, share: &mut impl FnMut(Key)) {
    for len in 2..=3 {
        for run in n.words.windows(len) {
            let parts: Vec<&[u8]> = run.iter().map(|w| vocab.word(w.surface).as_bytes()).collect();
            if parts.iter().map(|p| p.len()).sum::<usize>() >= 6 {
                share(Key::Spelling(spelling(class, &parts), u32::MAX));
            }
        }
    }
}

/// The hash of `parts` written together in `class`.
fn spelling(class: Class, parts: &[&[u8]]) -> u64 {
    let mut h = FxHasher::default();
    class.hash(&mut h);
    h.write_u64(entry::letters(parts.iter().copied()));
    h.finish()
}

fn one_sided(filed: &mut Vec<Filed>, id: u32, e: &Entry, n: &Name, vocab: &Vocab) {
    let class = e.class;
    if e.is_bare(n) {
        for three in ordered_threes(vocab.word(n.words[0].surface).as_bytes()) {
            filed.push((hash(Key::Initials(class, three)), id, Rule::Acronym));
        }
    } else {
        let initials: Vec<u8> = n.content().filter_map(|w| vocab.word(w).bytes().next()).take(3).collect();
        if let Ok(three) = <[u8; 3]>::try_from(initials.as_slice()) {
            filed.push((hash(Key::Initials(class, three)), id, Rule::Name));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The spellings a word is filed under: itself, and itself less one letter.
    fn spellings(word: &str) -> Vec<u64> {
        let w = word.as_bytes();
        let less_one = (0..w.len()).map(|skip| spelling(Class::Group, &[&w[..skip], &w[skip + 1..]]));
        less_one.chain([spelling(Class::Group, &[w])]).collect()
    }

    #[test]
    fn one_edit_apart_share_a_spelling() {
        let a = spellings("fronteras");
        for typo in ["fronteraz", "frontera", "fornteras", "fronterasx"] {
            assert!(spellings(typo).iter().any(|x| a.contains(x)), "{typo}");
        }
    }

    #[test]
    fn spellings_do_not_depend_on_spaces() {
        let joined = spelling(Class::Group, &[b"casa", b"nicolas"]);
        assert_eq!(joined, spelling(Class::Group, &[b"casanicolas"]));
    }
}
