//! Signers as the comparison needs them: parsed once, words as numbers.
//!
//! Parsing is the costly step (Unicode normalization of every character), so
//! it runs once per name and keeps only numbers: a roster of 100,000 signers
//! becomes about 20 MB of `Entry`, each in one block. Each core parses and
//! numbers its part of the roster with a vocabulary of its own; the parts'
//! vocabularies are then merged in roster order, so every word gets the
//! number one pass over the roster would give it (blocking breaks ties by
//! number).

use std::hash::Hasher;

use rustc_hash::FxHasher;
use smallvec::SmallVec;

use super::normalize::{Token, tokenize};
use super::parse::{self, Parsed, Role};
use super::vocab::{Vocab, stem};
use super::{Candidate, Class, bilingual, lexicon};
use crate::par;

/// One word of a name proper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// The word as folded; equal surfaces in order mean the same name.
    pub surface: u32,
    /// Without plural ending: what similarity compares and weighs.
    pub stem: u32,
    /// An article or preposition: part of the name, but not weighed.
    pub function: bool,
    /// Written with a full stop, as abbreviations are (`Univ.`, `Ma.`).
    pub short: bool,
    /// The surface's length in bytes (at most 255) and its first byte:
    /// enough to rule out most pairings in `align` without reading the word.
    pub len: u8,
    pub first: u8,
}

/// Another name written in the same entry.
#[derive(Debug, Clone)]
pub struct Alias {
    pub spelled: u64,
    /// From a parenthesis (a host, a translation): weaker than a name split
    /// off by a slash, a spaced dash or a legal form.
    pub weak: bool,
}

#[derive(Debug, Clone)]
pub struct Name {
    pub words: SmallVec<[Word; 6]>,
    /// The name proper's letters without spaces, hashed: `Casanicolás` and
    /// `Casa Nicolás` are spelled alike.
    pub spelled: u64,
    pub aliases: Vec<Alias>,
    /// Folded place words, in order (`tucson`, `arizona`).
    pub place: Vec<u32>,
    pub place_country: Option<[u8; 2]>,
    /// The first letters of the weighed words (`uusc`), when three or more.
    pub initials: Option<u32>,
    /// The weighed words as concepts, in any order, hashed, when some word
    /// is in the bilingual lexicon: `Human Rights Center` and `Centro de
    /// Derechos Humanos` share it.
    pub translated: Option<u64>,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub class: Class,
    pub names: SmallVec<[Name; 1]>,
    pub acronyms: Vec<u32>,
    pub country: Option<[u8; 2]>,
    /// Boxed: most entries give neither, and an entry's size is time.
    pub details: Option<Box<Details>>,
}

/// What tells namesakes apart besides the country, folded and hashed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Details {
    /// The affiliation in each language it is written in.
    pub affiliation: Vec<u64>,
    pub city: Option<u64>,
}

/// Every candidate as an entry, and the vocabulary of their words.
pub fn entries(candidates: &[Candidate]) -> (Vec<Entry>, Vocab) {
    let parts = par::map_owned(par::parts(candidates.len()), |range| {
        let mut vocab = Vocab::default();
        // The first part has room for all, so the others are added after it
        // without moving it (at 100,000 signers, 20 MB on one core).
        let room = if range.start == 0 { candidates.len() } else { range.len() };
        let mut entries = Vec::with_capacity(room);
        entries.extend(candidates[range].iter().map(|c| number(draft(c), &mut vocab)));
        (entries, vocab)
    });
    let mut parts = parts.into_iter();
    let (mut entries, mut vocab) = parts.next().unwrap_or_default();
    for (mut part, words) in parts {
        let ids = vocab.absorb(words);
        par::for_each_mut(&mut part, |e| e.renumber(&ids));
        entries.append(&mut part);
    }
    vocab.finish(entries.len());
    (entries, vocab)
}

/// A candidate parsed, its words not yet numbered: parsing needs no
/// vocabulary, numbering no Unicode.
struct Draft {
    class: Class,
    names: Vec<Parsed>,
    acronyms: Vec<String>,
    places: Vec<String>,
    country: Option<[u8; 2]>,
    details: Option<Box<Details>>,
}

fn draft(c: &Candidate) -> Draft {
    let mut names: Vec<Parsed> = c.names.iter().map(|n| parse::parse(n, c.class)).collect();
    names.dedup_by(|a, b| a.core_key() == b.core_key() && a.place == b.place);
    let mut acronyms: Vec<String> = names.iter().flat_map(|p| p.acronyms.iter().cloned()).collect();
    let mut places = Vec::new();
    if let Some(written) = c.acronym {
        let (key, place) = parse::acronym(written);
        acronyms.extend((!key.is_empty()).then_some(key));
        places = place;
    }
    acronyms.sort_unstable();
    acronyms.dedup();
    let country = c.country.and_then(code);
    let details =
        Details { affiliation: c.affiliation.iter().map(|a| folded(a)).collect(), city: c.city.map(folded) };
    let details = (details != Details::default()).then(|| Box::new(details));
    Draft { class: c.class, names, acronyms, places, country, details }
}

/// A free text's words folded as names are (case, accents, punctuation), hashed.
fn folded(text: &str) -> u64 {
    let tokens = tokenize(text);
    letters(tokens.iter().flat_map(|t| [t.text.as_bytes(), b" "]))
}

/// Numbers a draft's words and counts them in the vocabulary.
fn number(d: Draft, vocab: &mut Vocab) -> Entry {
    let mut names: SmallVec<[Name; 1]> = d.names.iter().map(|p| name(p, vocab)).collect();
    if !d.places.is_empty() {
        let place: Vec<u32> = d.places.iter().map(|w| vocab.id(w)).collect();
        for n in names.iter_mut().filter(|n| n.place.is_empty()) {
            n.place.clone_from(&place);
        }
    }
    let acronyms: Vec<u32> = d.acronyms.iter().map(|a| vocab.id(a)).collect();
    let mut seen: Vec<u32> = names.iter().flat_map(|n| n.words.iter().map(|w| w.stem)).collect();
    seen.extend(&acronyms);
    vocab.count(&mut seen);
    Entry { class: d.class, names, acronyms, country: d.country, details: d.details }
}

fn name(p: &Parsed, vocab: &mut Vocab) -> Name {
    let words: SmallVec<[Word; 6]> = p.core().map(|i| word(&p.tokens[i], vocab)).collect();
    let spelled = spelling(p, p.core());
    let mut aliases: Vec<Alias> = Vec::new();
    for (parts, weak) in [(&p.segments, false), (&p.asides, true)] {
        aliases.extend(parts.iter().map(|s| Alias { spelled: spelling(p, s.iter().copied()), weak }));
    }
    let initials: String = p
        .core()
        .map(|i| &p.tokens[i].text)
        .filter(|w| !lexicon::is_function_word(w))
        .filter_map(|w| w.chars().next())
        .collect();
    Name {
        words,
        spelled,
        aliases,
        place: p.place.iter().map(|w| vocab.id(w)).collect(),
        place_country: lexicon::country(&p.place.join(" ")).and_then(code),
        initials: (initials.chars().count() >= 3).then(|| vocab.id(&initials)),
        translated: bilingual::key(p.core().map(|i| p.tokens[i].text.as_str())),
    }
}

fn word(t: &Token, vocab: &mut Vocab) -> Word {
    let text = &t.text;
    let surface = vocab.id(text);
    let stem = stem(text);
    Word {
        surface,
        stem: if stem.len() == text.len() { surface } else { vocab.id(stem) },
        function: lexicon::is_function_word(text),
        short: t.dotted,
        len: u8::try_from(text.len()).unwrap_or(u8::MAX),
        first: text.bytes().next().unwrap_or_default(),
    }
}

fn spelling(p: &Parsed, idx: impl Iterator<Item = usize>) -> u64 {
    letters(idx.filter(|&i| p.roles[i] != Role::Legal).map(|i| p.tokens[i].text.as_bytes()))
}

/// The hash of `parts` written together, the same however they are split
/// (`Casanicolás`, `Casa Nicolás`), with no string built to hash.
pub fn letters<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> u64 {
    let mut h = FxHasher::default();
    parts.into_iter().flatten().for_each(|&b| h.write_u8(b));
    h.finish()
}

fn code(c: &str) -> Option<[u8; 2]> {
    match c.as_bytes() {
        [a, b] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => {
            Some([a.to_ascii_uppercase(), b.to_ascii_uppercase()])
        }
        _ => None,
    }
}

impl Entry {
    /// Whether `name` is nothing but one of this entry's acronyms.
    pub fn is_bare(&self, name: &Name) -> bool {
        name.words.len() == 1 && self.acronyms.contains(&name.words[0].surface)
    }

    /// Replaces the entry's word numbers `n` by `ids[n]`.
    fn renumber(&mut self, ids: &[u32]) {
        let id = |n: &mut u32| *n = ids[*n as usize];
        self.acronyms.iter_mut().for_each(id);
        for name in &mut self.names {
            for w in &mut name.words {
                id(&mut w.surface);
                id(&mut w.stem);
            }
            name.place.iter_mut().for_each(id);
            name.initials.as_mut().map(id);
        }
    }
}

impl Name {
    /// The weighed words' stems.
    pub fn content(&self) -> impl Iterator<Item = u32> + '_ {
        self.words.iter().filter(|w| !w.function).map(|w| w.stem)
    }

    /// Whether the name proper is nothing but the letters of one of `e`'s
    /// acronyms, however many words it is written in (`CDH Fray Matías`).
    pub fn spells_acronym_of(&self, e: &Entry, vocab: &Vocab) -> Option<u32> {
        e.acronyms.iter().copied().find(|&id| letters([vocab.word(id).as_bytes()]) == self.spelled)
    }

    pub fn same_words(&self, other: &Name) -> bool {
        self.words.len() == other.words.len()
            && self.words.iter().zip(&other.words).all(|(a, b)| a.surface == b.surface)
    }
}
