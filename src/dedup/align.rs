//! Which words of one name answer to which words of another.
//!
//! Words pair up when they are the same (after plural endings), when one is a
//! typo of the other (one edit in a long word, two in a very long one), when
//! one is two or three of the other's written together (`Casanicolás`), or
//! when one is the other's initial (`H.`). Each pairing earns a share of the
//! words' weights; the similarity of two names is the weighted share of their
//! words that found a partner (a weighted Dice coefficient).

use std::ops::Range;

use super::entry::{Name, Word};
use super::vocab::Vocab;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    Same,
    Typo,
    Compound,
    Abbreviation,
    Initial,
}

impl Link {
    fn credit(self) -> f32 {
        match self {
            Link::Same => 1.0,
            Link::Compound => 0.9,
            Link::Typo | Link::Abbreviation => 0.85,
            Link::Initial => 0.5,
        }
    }
}

/// Word positions in `a` and in `b` that answer to each other.
#[derive(Debug, Clone)]
pub struct Pair {
    pub a: Range<usize>,
    pub b: Range<usize>,
    pub link: Link,
}

/// Names are compared on their first 64 words; no signer's name is longer.
const MAX_WORDS: usize = 64;

#[derive(Debug, Clone, Default)]
pub struct Alignment {
    pub pairs: Vec<Pair>,
    pub matched: [f32; 2],
    pub total: [f32; 2],
    /// Weighed words left without a partner, in `a` and in `b`, one bit each.
    alone: [u64; 2],
}

impl Alignment {
    /// Each name has a weighed word the other lacks (`Tomás Zavala Jiménez`,
    /// `Tomás Zavala Vázquez`): signs of two signers, whatever else matches.
    pub fn words_differ(&self) -> bool {
        self.alone[0] != 0 && self.alone[1] != 0
    }

    /// Whether every weighed word of side `side` (0 or 1) found a partner.
    pub fn all_paired(&self, side: usize) -> bool {
        self.alone[side] == 0
    }

    /// Positions of the weighed words of side `side` left without a partner.
    pub fn alone(&self, side: usize) -> impl Iterator<Item = usize> + '_ {
        (0..MAX_WORDS).filter(move |&i| self.alone[side] >> i & 1 == 1)
    }

    pub fn dice(&self) -> f32 {
        let total = self.total[0] + self.total[1];
        if total <= 0.0 { 0.0 } else { (self.matched[0] + self.matched[1]) / total }
    }
}

pub fn align(a: &Name, b: &Name, vocab: &Vocab) -> Alignment {
    let mut al = Aligner { names: [a, b], vocab, used: [0, 0], pairs: Vec::new() };
    al.one_to_one(Link::Same, |x, y| x.stem == y.stem);
    al.one_to_one(Link::Typo, |x, y| {
        may_be_typo(x, y) && is_typo(vocab.word(x.surface), vocab.word(y.surface))
    });
    al.compounds(0);
    al.compounds(1);
    al.one_to_one(Link::Abbreviation, |x, y| {
        (x.short && abbreviates(vocab.word(x.surface), vocab.word(y.surface)))
            || (y.short && abbreviates(vocab.word(y.surface), vocab.word(x.surface)))
    });
    al.one_to_one(Link::Initial, |x, y| {
        x.first == y.first
            && x.len.min(y.len) <= 4
            && is_initial(vocab.word(x.surface), vocab.word(y.surface))
    });
    al.finish()
}

struct Aligner<'a> {
    names: [&'a Name; 2],
    vocab: &'a Vocab,
    /// Words already paired, one bit each.
    used: [u64; 2],
    pairs: Vec<Pair>,
}

impl<'a> Aligner<'a> {
    fn words(&self, side: usize) -> &'a [Word] {
        let name: &'a Name = self.names[side];
        &name.words[..name.words.len().min(MAX_WORDS)]
    }

    fn is_free(&self, side: usize, i: usize) -> bool {
        self.used[side] >> i & 1 == 0
    }

    fn take(&mut self, side: usize, range: Range<usize>) {
        for i in range {
            self.used[side] |= 1 << i;
        }
    }

    fn one_to_one(&mut self, link: Link, fits: impl Fn(&Word, &Word) -> bool) {
        for (i, x) in self.words(0).iter().enumerate() {
            if x.function || !self.is_free(0, i) {
                continue;
            }
            let free = |(j, y): &(usize, &Word)| !y.function && self.is_free(1, *j);
            if let Some((j, _)) = self.words(1).iter().enumerate().filter(free).find(|(_, y)| fits(x, y)) {
                self.take(0, i..i + 1);
                self.take(1, j..j + 1);
                self.pairs.push(Pair { a: i..i + 1, b: j..j + 1, link });
            }
        }
    }

    /// A free word of `side` that is two or three consecutive words of the other side.
    fn compounds(&mut self, side: usize) {
        let other = 1 - side;
        for i in 0..self.words(side).len() {
            let word = self.words(side)[i];
            if word.function || !self.is_free(side, i) || word.len < 6 {
                continue;
            }
            let whole = self.vocab.word(word.surface);
            let Some(run) = self.run_spelling(other, whole) else { continue };
            self.take(side, i..i + 1);
            self.take(other, run.clone());
            let (a, b) = if side == 0 { (i..i + 1, run) } else { (run, i..i + 1) };
            self.pairs.push(Pair { a, b, link: Link::Compound });
        }
    }

    /// Two or three consecutive free words of `side` that spell `whole`.
    fn run_spelling(&self, side: usize, whole: &str) -> Option<Range<usize>> {
        let words = self.words(side);
        let first = whole.bytes().next();
        // A run spells `whole` only if its first word starts as `whole` does.
        let starts = (0..words.len()).filter(|&s| Some(words[s].first) == first);
        for start in starts {
            let mut rest = whole;
            for (len, w) in words[start..].iter().take(3).enumerate() {
                let free = self.is_free(side, start + len);
                let Some(after) = rest.strip_prefix(self.vocab.word(w.surface)).filter(|_| free) else {
                    break;
                };
                rest = after;
                if rest.is_empty() {
                    return (len > 0).then_some(start..start + len + 1);
                }
            }
        }
        None
    }

    fn finish(self) -> Alignment {
        let mut out = Alignment { pairs: Vec::new(), matched: [0.0; 2], total: [0.0; 2], alone: [0; 2] };
        for side in 0..2 {
            for (i, w) in self.names[side].words.iter().enumerate().filter(|(_, w)| !w.function) {
                out.total[side] += self.vocab.weight(w.stem);
                if i < MAX_WORDS && self.is_free(side, i) {
                    out.alone[side] |= 1 << i;
                }
            }
        }
        let weight = |side: usize, i: usize| self.vocab.weight(self.names[side].words[i].stem);
        for p in &self.pairs {
            let credit = p.link.credit();
            out.matched[0] += p.a.clone().map(|i| credit * weight(0, i)).sum::<f32>();
            out.matched[1] += p.b.clone().map(|j| credit * weight(1, j)).sum::<f32>();
        }
        out.pairs = self.pairs;
        out
    }
}

/// What `is_typo` asks first, from the words' lengths and first bytes
/// alone; lengths past 255 bytes read as 255, too long for a typo anyway.
fn may_be_typo(x: &Word, y: &Word) -> bool {
    let Some(allowed) = edits_allowed(usize::from(x.len.min(y.len))) else { return false };
    usize::from(x.len.abs_diff(y.len)) <= allowed && x.first == y.first
}

/// Words longer than this are no word of a language but a paste or an
/// attack: they are compared as written, since an edit distance costs the
/// product of two words' lengths.
pub const MAX_TYPO_BYTES: usize = 40;

/// How many slips a word of `shortest` bytes may hold and still be a typo.
fn edits_allowed(shortest: usize) -> Option<usize> {
    match shortest {
        0..=4 => None,
        5..=8 => Some(1),
        9..=MAX_TYPO_BYTES => Some(2),
        _ => None,
    }
}

/// One slip of the keyboard in a long word, two in a very long one; not a
/// different ending vowel, which in Spanish is another word (`María` and
/// `Mario`, `Daniel` and `Daniela`).
pub fn is_typo(x: &str, y: &str) -> bool {
    let Some(allowed) = edits_allowed(x.len().min(y.len())) else { return false };
    x.len().abs_diff(y.len()) <= allowed
        && x.chars().next() == y.chars().next()
        && !other_ending(x, y)
        && (!(x.is_ascii() && y.is_ascii()) || letters_apart(x.as_bytes(), y.as_bytes()) <= allowed)
        && strsim::osa_distance(x, y) <= allowed
}

/// At most the number of edits between two ASCII words, from their letters
/// alone: an edit changes the count of at most two letters, by one each.
/// Most words that reach `is_typo` differ in many letters, and counting them
/// costs a tenth of the edit distance.
fn letters_apart(x: &[u8], y: &[u8]) -> usize {
    let mut count = [0i16; 128];
    x.iter().for_each(|&b| count[usize::from(b & 127)] += 1);
    y.iter().for_each(|&b| count[usize::from(b & 127)] -= 1);
    count.iter().map(|c| usize::from(c.unsigned_abs())).sum::<usize>().div_ceil(2)
}

fn other_ending(x: &str, y: &str) -> bool {
    let common = x.bytes().zip(y.bytes()).take_while(|(a, b)| a == b).count();
    let vowel_or_nothing =
        |rest: Option<&str>| rest.is_some_and(|r| r.is_empty() || (r.len() == 1 && "aeo".contains(r)));
    vowel_or_nothing(x.get(common..)) && vowel_or_nothing(y.get(common..))
}

/// `univ` for `universidad`, `intl` for `international`, `fco` for
/// `francisco`: the same first letter, then the rest in order.
fn abbreviates(short: &str, long: &str) -> bool {
    let mut rest = long.chars();
    short.len() >= 2
        && long.len() > short.len()
        && short.chars().next() == long.chars().next()
        && short.chars().all(|c| rest.any(|l| l == c))
}

/// Whether `acronym` is made of the starts of the words, in order: some
/// letters of every weighed word, of the small words or none (`IMUMI` is
/// **I**nstituto para las **Mu**jeres en la **Mi**gración).
pub fn spells<'w, W>(acronym: &[u8], words: &'w [W], read: &impl Fn(&'w W) -> (&'w [u8], bool)) -> bool {
    match words.split_first() {
        None => acronym.is_empty(),
        Some((first, rest)) => {
            let (word, function) = read(first);
            (function && spells(acronym, rest, read))
                || (1..=word.len().min(acronym.len()))
                    .any(|n| word[..n] == acronym[..n] && spells(&acronym[n..], rest, read))
        }
    }
}

fn is_initial(x: &str, y: &str) -> bool {
    let one = |s: &str| s.chars().count() == 1;
    (one(x) && !one(y) && y.starts_with(x)) || (one(y) && !one(x) && x.starts_with(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn letters_apart_never_exceeds_the_edit_distance(x in "[a-e]{0,12}", y in "[a-e]{0,12}") {
            proptest::prop_assert!(letters_apart(x.as_bytes(), y.as_bytes()) <= strsim::osa_distance(&x, &y));
        }
    }

    #[test]
    fn typos_are_short_distances_in_long_words() {
        assert!(is_typo("fronteras", "fronteraz"));
        assert!(is_typo("altendorf", "altendorff"));
        assert!(is_typo("calderon", "caldreon"));
        assert!(!is_typo("juarez", "suarez"), "a different first letter is a different word");
        assert!(!is_typo("luis", "luiz"), "too short to tell");
        assert!(!is_typo("tijuana", "juarez"));
        assert!(!is_typo("maria", "mario") && !is_typo("daniel", "daniela"), "another name");
    }

    #[test]
    fn abbreviations_and_acronyms() {
        assert!(abbreviates("univ", "universidad") && abbreviates("intl", "international"));
        assert!(abbreviates("fco", "francisco") && !abbreviates("fco", "fernando"));
        let spelled = |acronym: &[u8], name: &'static str| {
            let small = ["para", "las", "en", "la", "de", "a", "y", "del"];
            let words: Vec<(&[u8], bool)> =
                name.split(' ').map(|w| (w.as_bytes(), small.contains(&w))).collect();
            spells(acronym, &words, &|w| *w)
        };
        assert!(spelled(b"imumi", "instituto para las mujeres en la migracion"));
        assert!(spelled(b"cafami", "centro de atencion a la familia migrante indigena"));
        assert!(!spelled(b"imumi", "instituto para la seguridad y la democracia"));
        assert!(!spelled(b"cdms", "casa del migrante de saltillo y sonora"));
    }
}
