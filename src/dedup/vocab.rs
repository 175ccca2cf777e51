//! Words as numbers, and how much each one says about who signs.
//!
//! A word shared by many signers of the roster ("Casa", "Migrante", "Red")
//! says little when two names share it; a word few signers use ("Monarca",
//! "IMUMI") says much. Each word's weight is its inverse document frequency
//! over the roster being checked, so the same engine adapts to a roster of
//! shelters, of universities or of people.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use hashbrown::hash_table::Entry;
use rustc_hash::FxBuildHasher;

use super::lexicon;

#[derive(Debug, Default)]
pub struct Vocab {
    /// Each word's number, found by the word's hash. The words themselves
    /// are kept once, in `words`: a map from word to number kept a second
    /// copy of each, and copied all 80,000 of a large roster when merging.
    ids: HashTable<u32>,
    words: Vec<Box<str>>,
    /// How many signers use each word.
    df: Vec<u32>,
    weight: Vec<f32>,
    signers: usize,
}

impl Vocab {
    /// The number of `word`, adding it if new.
    pub fn id(&mut self, word: &str) -> u32 {
        self.number(word, Box::from)
    }

    /// The number of `word`; if it is new, `keep` makes the copy kept.
    fn number<W: AsRef<str>>(&mut self, word: W, keep: impl FnOnce(W) -> Box<str>) -> u32 {
        let text = word.as_ref();
        let words = &self.words;
        let same = |&id: &u32| *words[id as usize] == *text;
        match self.ids.entry(hash(text), same, |&id| hash(&words[id as usize])) {
            Entry::Occupied(found) => *found.get(),
            Entry::Vacant(slot) => {
                let id = u32::try_from(self.words.len()).unwrap_or(u32::MAX);
                slot.insert(id);
                self.words.push(keep(word));
                self.df.push(0);
                id
            }
        }
    }

    /// Adds the words of `other`, numbered and counted apart, after this
    /// vocabulary's own; returns each of their new numbers by old number.
    pub fn absorb(&mut self, other: Vocab) -> Vec<u32> {
        let words = &self.words;
        self.ids.reserve(other.words.len(), |&id| hash(&words[id as usize]));
        let counted = other.words.into_iter().zip(other.df);
        counted
            .map(|(word, df)| {
                let id = self.number(word, |w| w);
                self.df[id as usize] += df;
                id
            })
            .collect()
    }

    pub fn word(&self, id: u32) -> &str {
        self.words.get(id as usize).map_or("", |w| w)
    }

    /// Counts one signer's words, each once however often it is written.
    pub fn count(&mut self, ids: &mut Vec<u32>) {
        ids.sort_unstable();
        ids.dedup();
        for &id in ids.iter() {
            self.df[id as usize] += 1;
        }
    }

    /// Fixes the weights once every signer is counted. Generic words
    /// ("Centro", "Coalition") start as if a few percent of signers used
    /// them, so a small roster does not take them for distinctive.
    pub fn finish(&mut self, signers: usize) {
        self.signers = signers;
        let n = signers as f32;
        let prior = (n * 0.02).max(2.0);
        self.weight = (0..self.words.len())
            .map(|i| {
                let df = self.df[i] as f32 + if lexicon::is_generic(&self.words[i]) { prior } else { 0.0 };
                (1.0 + n / df.max(1.0)).ln()
            })
            .collect();
    }

    pub fn weight(&self, id: u32) -> f32 {
        self.weight.get(id as usize).copied().unwrap_or(0.0)
    }

    pub fn df(&self, id: u32) -> u32 {
        self.df.get(id as usize).copied().unwrap_or(0)
    }

    /// How many signers other than `one` of them would carry all of
    /// `words` by chance, if words were drawn independently: below 1, two
    /// entries sharing them are probably one signer; above, namesakes are
    /// to be expected (`María Herrera` among 100,000 people). A roster of
    /// fewer than 1,000 signers is taken as a sample of 1,000, where words
    /// it has not seen again are rare.
    pub fn namesakes(&self, words: impl Iterator<Item = u32>) -> f32 {
        let population = self.signers.max(1000) as f32;
        let others = |id: u32| self.df(id).saturating_sub(1) as f32 + 0.5;
        words.fold(self.signers as f32, |expected, id| expected * others(id) / population)
    }
}

fn hash(word: &str) -> u64 {
    FxBuildHasher.hash_one(word)
}

/// A word without its plural ending, so `Migratorio` and `Migratorios`,
/// `Migración` and `Migraciones`, `Universalist` and `Universalists` match.
pub fn stem(word: &str) -> &str {
    let b = word.as_bytes();
    let n = b.len();
    if n > 5 && word.ends_with("es") && matches!(b[n - 3], b'l' | b'n' | b'r' | b'd' | b'j') {
        &word[..n - 2]
    } else if n > 3 && b[n - 1] == b's' && !matches!(b[n - 2], b's' | b'u' | b'i') {
        &word[..n - 1]
    } else {
        word
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_endings() {
        assert_eq!(stem("migratorios"), "migratorio");
        assert_eq!(stem("migraciones"), "migracion");
        assert_eq!(stem("migrantes"), "migrante");
        assert_eq!(stem("mujeres"), "mujer");
        assert_eq!(stem("universalists"), "universalist");
        assert_eq!(stem("jesus"), "jesus");
        assert_eq!(stem("paris"), "paris");
        assert_eq!(stem("red"), "red");
    }

    #[test]
    fn rare_words_weigh_more() {
        let mut v = Vocab::default();
        let (casa, monarca) = (v.id("casa"), v.id("monarca"));
        for _ in 0..9 {
            v.count(&mut vec![casa]);
        }
        v.count(&mut vec![casa, monarca]);
        v.finish(10);
        assert!(v.weight(monarca) > 2.0 * v.weight(casa));
        assert_eq!(v.id("casa"), casa);
    }

    #[test]
    fn absorbing_numbers_shared_words_once_and_adds_counts() {
        let (mut a, mut b) = (Vocab::default(), Vocab::default());
        let casa = a.id("casa");
        a.count(&mut vec![casa]);
        let (red, casa_b) = (b.id("red"), b.id("casa"));
        b.count(&mut vec![red, casa_b]);
        assert_eq!(a.absorb(b), [1, casa]);
        assert_eq!((a.word(1), a.df(casa), a.df(1)), ("red", 2, 1));
        assert_eq!(a.id("red"), 1);
    }
}
