//! Which words of one name answer to which words of another.
//!
//! Words pair up when they are the same (after plural endings), when one is a
//! typo of the other (one edit in a long word, two in a very long one), when
//! one is two or three of the other's written together (`Casanicolás`), or
//! when one is the other's initial (`H.`). Each pairing earns a share of the
//! words' weights; the similarity of two names is the weighted share of their
//! words that found a partner (a weighted Dice coefficient).

use super::entry::Name;
use super::vocab::Vocab;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    Same,
    Typo,
    Compound,
    Initial,
}

impl Link {
    fn credit(self) -> f32 {
        match self {
            Link::Same => 1.0,
            Link::Compound => 0.9,
            Link::Typo => 0.85,
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

    fn one_to_one(&mut self, link: Link, fits: impl Fn(&super::entry::Word, &super::entry::Word) -> bool) {
        for i in self.free(0) {
            let x = &self.names[0].words[i];
            if let Some(j) = self.free(1).into_iter().find(|&j| fits(x, &self.names[1].words[j])) {
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
            for &j in &run {
                self.used[other][j] = true;
            }
            let (a, b) = if side == 0 { (vec![i], run) } else { (run, vec![i]) };
            self.pairs.push(Pair { a, b, link: Link::Compound });
        }
    }

    fn run_spelling(&self, side: usize, whole: &str) -> Option<Vec<usize>> {
        let words = &self.names[side].words;
        for len in 2..=3 {
            for start in 0..words.len().saturating_sub(len - 1) {
                let run: Vec<usize> = (start..start + len).collect();
                let free = run.iter().all(|&j| !self.used[side][j]);
                let spelled: String = run.iter().map(|&j| self.vocab.word(words[j].surface)).collect();
                if free && spelled == whole {
                    return Some(run);
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

/// One slip of the keyboard in a long word, two in a very long one.
pub fn is_typo(x: &str, y: &str) -> bool {
    let shortest = x.chars().count().min(y.chars().count());
    let allowed = match shortest {
        0..=4 => return false,
        5..=8 => 1,
        _ => 2,
    };
    x.chars().next() == y.chars().next() && strsim::osa_distance(x, y) <= allowed
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
    }
}
