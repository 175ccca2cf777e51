//! Whether two signers are one, and how sure that is.
//!
//! The order of questions is the one a careful organizer follows: do their
//! names name different places (then they are different signers, however
//! alike the words)? Is it the same name once the writing is ignored
//! (exact)? Is one a name the other also goes by, or written in the other's
//! acronym? Do they share an acronym, or is one's acronym the other's
//! initials? How much of their distinctive words do they share? Is it the
//! same name in the other language? Last: do they give different countries,
//! cities or affiliations? Then a match is only possible, however alike the
//! names: namesakes are common, and a person decides.

use super::align::{Alignment, Link, align, spells};
use super::entry::{Entry, Name, Word};
use super::lexicon;
use super::vocab::Vocab;
use super::{Class, MatchKind};

/// From this score a pair is likely the same signer.
pub const LIKELY: f32 = 0.85;
/// From this score a pair is worth a look.
pub const POSSIBLE: f32 = 0.65;

/// What made the match, for the reason given to the organizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    SameName,
    /// The same name, but only one of them names a place.
    OnlyOnePlace,
    /// The same letters, spaced differently (`Casanicolás`, `Casa Nicolás`).
    Spacing,
    /// One name is how the other begins (`Casa Monarca`, `Casa Monarca Ayuda
    /// Humanitaria al Migrante`).
    Beginning,
    /// The same name with two different acronyms.
    OtherAcronym,
    /// One is a name the other also goes by; `weak` when from a parenthesis.
    Alias {
        weak: bool,
    },
    /// Acronym (by number) shared by both.
    Acronym(u32),
    /// One's acronym is made of the other's initials or word starts.
    Initials(u32),
    Words,
    /// The same words in the other language (`bilingual`).
    Translation,
}

/// What the two entries give differently besides their names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Apart {
    pub country: bool,
    pub affiliation: bool,
    pub city: bool,
}

impl Apart {
    pub fn any(self) -> bool {
        self.country || self.affiliation || self.city
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Verdict {
    pub kind: MatchKind,
    pub score: f32,
    pub why: Why,
    /// Which name of each entry matched (entries may have one per language).
    pub names: (usize, usize),
    pub apart: Apart,
}

/// How much a match loses when the entries give different countries,
/// cities or affiliations: the same name drops from certain to possible.
const APART: f32 = 0.8;

pub fn compare(a: &Entry, b: &Entry, vocab: &Vocab) -> Option<Verdict> {
    if a.class != b.class {
        return None;
    }
    let mut best: Option<Verdict> = None;
    for (i, na) in a.names.iter().enumerate() {
        for (j, nb) in b.names.iter().enumerate() {
            // A name without a letter or digit (`???`) is nobody's name.
            if na.words.is_empty() || nb.words.is_empty() {
                continue;
            }
            let Some((mut kind, mut score, why)) = names(a, na, b, nb, vocab) else { continue };
            let apart = apart(a, na, b, nb);
            if apart.any() {
                (kind, score) = (MatchKind::Possible, score * APART);
                if score < POSSIBLE {
                    continue;
                }
            }
            if best.is_none_or(|v| (kind, -score) < (v.kind, -v.score)) {
                best = Some(Verdict { kind, score, why, names: (i, j), apart });
            }
        }
    }
    best
}

/// What the entries give differently: a country (in the field or named in
/// the name), a city, an affiliation (none of its languages in common).
fn apart(a: &Entry, na: &Name, b: &Entry, nb: &Name) -> Apart {
    let country = conflict(na.place_country.or(a.country), nb.place_country.or(b.country));
    let (Some(da), Some(db)) = (&a.details, &b.details) else { return Apart { country, ..Apart::default() } };
    let affiliation = !da.affiliation.is_empty()
        && !db.affiliation.is_empty()
        && !da.affiliation.iter().any(|x| db.affiliation.contains(x));
    Apart { country, affiliation, city: conflict(da.city, db.city) }
}

fn conflict<T: PartialEq>(x: Option<T>, y: Option<T>) -> bool {
    matches!((x, y), (Some(x), Some(y)) if x != y)
}

type Found = (MatchKind, f32, Why);

fn names(a: &Entry, na: &Name, b: &Entry, nb: &Name, vocab: &Vocab) -> Option<Found> {
    let (ca, cb) = (na.place_country.or(a.country), nb.place_country.or(b.country));
    if conflict(na.place_country, nb.place_country) || places_differ(&na.place, &nb.place) {
        return None;
    }
    let acronyms = acronym_relation(a, na, b, nb, vocab);
    if na.same_words(nb) {
        let one_place = only_one_place(na, nb, cb) || only_one_place(nb, na, ca);
        return Some(same_name(acronyms, one_place));
    }
    if na.spelled == nb.spelled {
        return Some((MatchKind::Likely, 0.95, Why::Spacing));
    }
    if let Some(weak) = alias(na, nb) {
        let kind = if weak { MatchKind::Possible } else { MatchKind::Likely };
        return Some((kind, if weak { 0.75 } else { 0.9 }, Why::Alias { weak }));
    }
    let (mut score, mut why) = by_words(a, na, b, nb, acronyms, vocab);
    if score < TRANSLATION && na.translated.is_some() && na.translated == nb.translated {
        (score, why) = (TRANSLATION, Why::Translation);
    }
    let kind = if score >= LIKELY { MatchKind::Likely } else { MatchKind::Possible };
    (score >= POSSIBLE).then_some((kind, score.min(0.99), why))
}

/// The score of two names whose words are the same concepts in two
/// languages: worth a look, as the table knows words, not names.
const TRANSLATION: f32 = 0.75;

/// The same name proper: exact, unless acronyms or a place set them apart.
fn same_name(acronyms: Acronyms, one_place: bool) -> Found {
    if acronyms == Acronyms::Conflict {
        (MatchKind::Possible, 0.7, Why::OtherAcronym)
    } else if one_place {
        (MatchKind::Likely, 0.95, Why::OnlyOnePlace)
    } else {
        (MatchKind::Exact, 1.0, Why::SameName)
    }
}

/// How alike the words are, with what acronyms and short names add.
fn by_words(a: &Entry, na: &Name, b: &Entry, nb: &Name, acronyms: Acronyms, vocab: &Vocab) -> (f32, Why) {
    let mut al = align(na, nb, vocab);
    // A name written as the other's acronym, in one word or several
    // (`IMUMI`, `CDH Fray Matías`), is nothing but that acronym.
    let written_as = nb.spells_acronym_of(a, vocab).or_else(|| na.spells_acronym_of(b, vocab));
    let bare = written_as.is_some() || a.is_bare(na) || b.is_bare(nb);
    let acronyms = match (acronyms, written_as) {
        (Acronyms::Unknown | Acronyms::Conflict, Some(id)) => Acronyms::Same(id),
        _ => acronyms,
    };
    if acronyms == Acronyms::Unknown {
        // An acronym only one of them has is a word only one of them has.
        al.total[0] += own_acronyms(a, na, vocab);
        al.total[1] += own_acronyms(b, nb, vocab);
    }
    let mut words = if a.class == Class::Person { person_score(&al, na, nb, vocab) } else { al.dice() };
    if another_word(&al, na, nb, vocab) {
        words = words.min(ANOTHER_WORD);
    }
    let (score, why) = with_acronyms(words, &al, acronyms, bare, vocab);
    let short_name = a.class == Class::Group && (begins(na, nb, vocab) || begins(nb, na, vocab));
    if score < POSSIBLE && short_name { (0.7, Why::Beginning) } else { (score, why) }
}

/// The most two short names may score when one of their words is another
/// word, not a slip of the keyboard: possible, never near-certain.
const ANOTHER_WORD: f32 = 0.8;

/// In a name of two weighed words or fewer, each word is half its meaning:
/// a word that differs from its partner by more than a doubled or swapped
/// letter (`Marina` and `Mariana`, `Pinto` and `Pintor`, `Gómez` and
/// `Gámez`) may be another word, so another signer.
fn another_word(al: &Alignment, na: &Name, nb: &Name, vocab: &Vocab) -> bool {
    let short = na.content().count().min(nb.content().count()) <= 2;
    let word = |n: &Name, i: usize| vocab.word(n.words[i].surface).as_bytes();
    short
        && al.pairs.iter().any(|p| p.link == Link::Typo && !is_slip(word(na, p.a.start), word(nb, p.b.start)))
}

/// Whether two words differ by one letter doubled (`Ébanno`) or two
/// neighbouring letters swapped (`Caldreon`): slips of the keyboard.
fn is_slip(x: &[u8], y: &[u8]) -> bool {
    let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    let common = short.iter().zip(long).take_while(|(a, b)| a == b).count();
    if long.len() == short.len() + 1 {
        let doubled = common > 0 && long[common] == long[common - 1];
        doubled && long[common + 1..] == short[common..]
    } else {
        long.len() == short.len()
            && common + 1 < short.len()
            && short[common] == long[common + 1]
            && short[common + 1] == long[common]
            && short[common + 2..] == long[common + 2..]
    }
}

/// Whether `short` is how `long` begins, with two weighed words or more, one
/// of them not generic: a short name for a group whose full name goes on.
fn begins(short: &Name, long: &Name, vocab: &Vocab) -> bool {
    short.words.len() < long.words.len()
        && short.content().count() >= 2
        && short.words.iter().zip(&long.words).all(|(x, y)| x.surface == y.surface)
        && short.content().any(|w| !lexicon::is_generic(vocab.word(w)))
}

/// Two places, neither within the other (`Juárez` and `Tijuana`).
fn places_differ(x: &[u32], y: &[u32]) -> bool {
    !x.is_empty() && !y.is_empty() && !x.iter().all(|w| y.contains(w)) && !y.iter().all(|w| x.contains(w))
}

/// A place in `n` that the other entry says nothing of.
fn only_one_place(n: &Name, other: &Name, other_country: Option<[u8; 2]>) -> bool {
    !n.place.is_empty()
        && other.place.is_empty()
        && (n.place_country.is_none() || n.place_country != other_country)
}

fn alias(na: &Name, nb: &Name) -> Option<bool> {
    let one_way = |x: &Name, y: &Name| x.aliases.iter().find(|al| al.spelled == y.spelled).map(|al| al.weak);
    let shared = na
        .aliases
        .iter()
        .find_map(|x| nb.aliases.iter().find(|y| x.spelled == y.spelled).map(|y| x.weak || y.weak));
    [one_way(na, nb), one_way(nb, na), shared].into_iter().flatten().min()
}

/// The weight of the acronyms written apart from the name proper.
fn own_acronyms(e: &Entry, n: &Name, vocab: &Vocab) -> f32 {
    let apart = e.acronyms.iter().filter(|&&id| !n.words.iter().any(|w| w.surface == id));
    apart.map(|&id| vocab.weight(id)).sum()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Acronyms {
    Same(u32),
    /// One's acronym is the other's initials (`UUSC`).
    Initials(u32),
    /// One's acronym is made of the starts of the other's words (`IMUMI`):
    /// looser than initials, so it needs closer words to count.
    Spelled(u32),
    Conflict,
    Unknown,
}

fn acronym_relation(a: &Entry, na: &Name, b: &Entry, nb: &Name, vocab: &Vocab) -> Acronyms {
    if let Some(&shared) = a.acronyms.iter().find(|x| b.acronyms.contains(x)) {
        return Acronyms::Same(shared);
    }
    let initials = |e: &Entry, n: &Name| n.initials.filter(|i| e.acronyms.contains(i));
    if let Some(i) = initials(b, na).or_else(|| initials(a, nb)) {
        return Acronyms::Initials(i);
    }
    if let Some(id) = spelled_by(b, na, vocab).or_else(|| spelled_by(a, nb, vocab)) {
        return Acronyms::Spelled(id);
    }
    if !a.acronyms.is_empty() && !b.acronyms.is_empty() { Acronyms::Conflict } else { Acronyms::Unknown }
}

/// An acronym of `e`, three letters or more, that the words of `n` spell.
fn spelled_by(e: &Entry, n: &Name, vocab: &Vocab) -> Option<u32> {
    if n.words.len() < 2 {
        return None;
    }
    let read = |w: &Word| (vocab.word(w.surface).as_bytes(), w.function);
    e.acronyms
        .iter()
        .copied()
        .find(|&id| vocab.word(id).len() >= 3 && spells(vocab.word(id).as_bytes(), &n.words, &read))
}

/// An acronym confirms similar words; alone, it is enough only when one
/// entry is nothing but that acronym and few signers share it. Acronyms are
/// short and collide, so distinctive words that differ outweigh a shared one.
fn with_acronyms(words: f32, al: &Alignment, acr: Acronyms, bare: bool, vocab: &Vocab) -> (f32, Why) {
    let telling = |id: u32| vocab.word(id).len() >= 4 && vocab.df(id) <= 3;
    let differ = al.words_differ() && !bare;
    match acr {
        Acronyms::Conflict => (words * 0.6, Why::Words),
        _ if differ => (words, Why::Words),
        Acronyms::Same(_) | Acronyms::Initials(_) if words >= 0.4 => (words.max(0.9), why_acronym(acr)),
        Acronyms::Spelled(_) if words >= 0.6 => (words.max(0.9), why_acronym(acr)),
        Acronyms::Same(id) | Acronyms::Initials(id) | Acronyms::Spelled(id) if bare => {
            (if telling(id) { 0.88 } else { 0.7 }, why_acronym(acr))
        }
        Acronyms::Same(_) if words >= 0.25 => (0.66, why_acronym(acr)),
        _ => (words, Why::Words),
    }
}

fn why_acronym(acr: Acronyms) -> Why {
    match acr {
        Acronyms::Initials(id) | Acronyms::Spelled(id) => Why::Initials(id),
        Acronyms::Same(id) => Why::Acronym(id),
        _ => Why::Words,
    }
}

/// People: the given name must answer to the given name (siblings share
/// surnames), unless the same words are only reordered, and neither may have
/// a name the other lacks. A name that is the other without a middle name
/// or second surname is likely the same person when few others in the
/// roster would bear it by chance, possibly when about one would.
fn person_score(al: &Alignment, na: &Name, nb: &Name, vocab: &Vocab) -> f32 {
    let first = |n: &Name| n.words.iter().position(|w| !w.function);
    let (Some(fa), Some(fb)) = (first(na), first(nb)) else { return 0.0 };
    let given = al.pairs.iter().any(|p| p.a.contains(&fa) && p.b.contains(&fb));
    let reordered = al.all_paired(0) && al.all_paired(1);
    if (!given && !reordered) || al.words_differ() {
        return 0.0;
    }
    let dice = al.dice();
    let (shorter, side) = if na.content().count() <= nb.content().count() { (na, 0) } else { (nb, 1) };
    if !al.all_paired(side) || shorter.content().count() < 2 {
        return dice;
    }
    let namesakes = vocab.namesakes(shorter.content());
    // `P. Warman` may be Patricia Warman, or Pedro.
    let initial = al.pairs.iter().any(|p| p.link == Link::Initial);
    match (namesakes, initial) {
        (n, false) if n < 0.1 => dice.max(0.86 + 0.1 * dice),
        (n, _) if n < 1.0 => dice.clamp(0.7, 0.8),
        _ => dice.min(LIKELY - 0.01),
    }
}
