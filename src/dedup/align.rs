//! Which words of one name answer to which words of another.
//!
//! Words pair up when they are the same (after plural endings), when one is a
//! typo of the other (one edit in a long word, two in a very long one), when
//! one is two or three of the other's written together (`Casanicolás`), or
//! when one is the other's initial (`H.`). Each pairing earns a share of the
//! words' weights; the similarity of two names is the weighted share of their
//! words that found a partner (a weighted Dice coefficient).

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
    pub a: Vec<usize>,
    pub b: Vec<usize>,
    pub link: Link,
}

#[derive(Debug, Clone, Default)]
pub struct Alignment {
    pub pairs: Vec<Pair>,
    pub matched: [f32; 2],
    pub total: [f32; 2],
    /// Positions of weighed words left without a partner, in `a` and in `b`.
    pub alone: [Vec<usize>; 2],
}

impl Alignment {
    pub fn dice(&self) -> f32 {
        let total = self.total[0] + self.total[1];
        if total <= 0.0 { 0.0 } else { (self.matched[0] + self.matched[1]) / total }
    }
}

pub fn align(a: &Name, b: &Name, vocab: &Vocab) -> Alignment {
    let mut al = Aligner {
        names: [a, b],
        vocab,
        used: [vec![false; a.words.len()], vec![false; b.words.len()]],
        pairs: Vec::new(),
    };
    al.one_to_one(Link::Same, |x, y| x.stem == y.stem);
    al.one_to_one(Link::Typo, |x, y| is_typo(vocab.word(x.surface), vocab.word(y.surface)));
    al.compounds(0);
    al.compounds(1);
    al.one_to_one(Link::Abbreviation, |x, y| {
        (x.short && abbreviates(vocab.word(x.surface), vocab.word(y.surface)))
            || (y.short && abbreviates(vocab.word(y.surface), vocab.word(x.surface)))
    });
    al.one_to_one(Link::Initial, |x, y| is_initial(vocab.word(x.surface), vocab.word(y.surface)));
    al.finish()
}

struct Aligner<'a> {
    names: [&'a Name; 2],
    vocab: &'a Vocab,
    used: [Vec<bool>; 2],
    pairs: Vec<Pair>,
}

impl Aligner<'_> {
    fn free(&self, side: usize) -> Vec<usize> {
        let words = &self.names[side].words;
        (0..words.len()).filter(|&i| !self.used[side][i] && !words[i].function).collect()
    }

    fn one_to_one(&mut self, link: Link, fits: impl Fn(&Word, &Word) -> bool) {
        let mut free_b = self.free(1);
        for i in self.free(0) {
            let x = &self.names[0].words[i];
            if let Some(k) = free_b.iter().position(|&j| fits(x, &self.names[1].words[j])) {
                let j = free_b.remove(k);
                self.used[0][i] = true;
                self.used[1][j] = true;
                self.pairs.push(Pair { a: vec![i], b: vec![j], link });
            }
        }
    }

    /// A free word of `side` that is two or three consecutive words of the other side.
    fn compounds(&mut self, side: usize) {
        let other = 1 - side;
        for i in self.free(side) {
            let whole = self.vocab.word(self.names[side].words[i].surface);
            if whole.len() < 6 {
                continue;
            }
            let Some(run) = self.run_spelling(other, whole) else { continue };
            self.used[side][i] = true;
            for j in run.clone() {
                self.used[other][j] = true;
            }
            let (a, b) = if side == 0 { (vec![i], run.collect()) } else { (run.collect(), vec![i]) };
            self.pairs.push(Pair { a, b, link: Link::Compound });
        }
    }

    /// Two or three consecutive free words of `side` that spell `whole`.
    fn run_spelling(&self, side: usize, whole: &str) -> Option<std::ops::Range<usize>> {
        let words = &self.names[side].words;
        for start in 0..words.len() {
            let mut rest = whole;
            let run = words[start..].iter().zip(&self.used[side][start..]).take(3);
            for (len, (w, &used)) in run.enumerate() {
                let Some(after) = rest.strip_prefix(self.vocab.word(w.surface)).filter(|_| !used) else {
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
        let weight = |side: usize, i: usize| self.vocab.weight(self.names[side].words[i].stem);
        let mut out = Alignment::default();
        for side in 0..2 {
            let words = &self.names[side].words;
            let content = (0..words.len()).filter(|&i| !words[i].function);
            out.total[side] = content.clone().map(|i| weight(side, i)).sum();
            out.alone[side] = content.filter(|&i| !self.used[side][i]).collect();
        }
        for p in &self.pairs {
            let credit = p.link.credit();
            out.matched[0] += p.a.iter().map(|&i| credit * weight(0, i)).sum::<f32>();
            out.matched[1] += p.b.iter().map(|&j| credit * weight(1, j)).sum::<f32>();
        }
        out.pairs = self.pairs;
        out
    }
}

/// One slip of the keyboard in a long word, two in a very long one; not a
/// different ending vowel, which in Spanish is another word (`María` and
/// `Mario`, `Daniel` and `Daniela`).
pub fn is_typo(x: &str, y: &str) -> bool {
    let shortest = x.len().min(y.len());
    let allowed = match shortest {
        0..=4 => return false,
        5..=8 => 1,
        _ => 2,
    };
    x.len().abs_diff(y.len()) <= allowed
        && x.chars().next() == y.chars().next()
        && !other_ending(x, y)
        && strsim::osa_distance(x, y) <= allowed
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
pub fn spells(acronym: &[u8], words: &[(&[u8], bool)]) -> bool {
    match words.split_first() {
        None => acronym.is_empty(),
        Some(((word, function), rest)) => {
            (*function && spells(acronym, rest))
                || (1..=word.len().min(acronym.len()))
                    .any(|n| word[..n] == acronym[..n] && spells(&acronym[n..], rest))
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
        let words = |s: &'static str| -> Vec<(&'static [u8], bool)> {
            s.split(' ')
                .map(|w| (w.as_bytes(), ["para", "las", "en", "la", "de", "a"].contains(&w)))
                .collect()
        };
        assert!(spells(b"imumi", &words("instituto para las mujeres en la migracion")));
        assert!(spells(b"cafami", &words("centro de atencion a la familia migrante indigena")));
        assert!(!spells(b"imumi", &words("instituto para la seguridad y la democracia")));
        assert!(!spells(b"cdms", &words("casa del migrante de saltillo y sonora")));
    }
}
