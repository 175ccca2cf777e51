//! Sorting names the way readers of each language expect.

use std::cmp::Ordering;

use icu_collator::options::CollatorOptions;
use icu_collator::{CollatorBorrowed, CollatorPreferences};

use crate::dedup::lexicon;
use crate::dedup::normalize::tokenize;
use crate::model::{Articles, Lang, PeopleOrder, SortOrder, Text};

/// Words that do not decide a name's place in a list ("El Rebozo" sorts
/// under R), in the languages signers' names are commonly written in.
const ARTICLES: [&str; 7] = ["el ", "la ", "los ", "las ", "the ", "les ", "le "];

/// Lower-case words that begin a surname ("de la Cruz", "del Valle", "van
/// der Berg"): the surname files under the word after them, as the RAE
/// writes "Cruz, Juan de la".
const PARTICLES: [&str; 12] = ["de", "del", "la", "las", "los", "y", "da", "das", "do", "dos", "van", "von"];

pub struct Collator {
    inner: CollatorBorrowed<'static>,
    order: SortOrder,
}

impl Collator {
    /// A collator for `lang` in the default order (see `SortOrder`).
    pub fn new(lang: &Lang) -> Collator {
        Collator::with_order(lang, SortOrder::default())
    }

    /// A collator for `lang`, falling back to the root order for a language
    /// ICU does not know. Spaces count ("Al Otro Lado" before "Alma"), as
    /// in the lists organizers publish.
    pub fn with_order(lang: &Lang, order: SortOrder) -> Collator {
        let options = CollatorOptions::default();
        let prefs = CollatorPreferences::from(&lang.locale());
        let inner = CollatorBorrowed::try_new(prefs, options)
            .or_else(|_| CollatorBorrowed::try_new(CollatorPreferences::default(), options))
            .expect("the root collation is compiled into the binary");
        Collator { inner, order }
    }

    /// Orders two names as `key` does, so the order is total and stable.
    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        self.key(a).cmp(&self.key(b))
    }
}

/// A name's place in the order, as bytes: sorting a long list by keys
/// computed once is much faster than comparing pairs. What decides first
/// (the name without its article, or a person's surnames), then what
/// decides among equals (a person's given names), then the whole name's
/// key, then the name as written.
#[derive(Debug, Clone)]
pub struct SortKey {
    first: Vec<u8>,
    then: Vec<u8>,
    /// None when `first` was made of the whole name, as for most groups:
    /// the key would be the same bytes, and it is the costliest part.
    whole: Option<Vec<u8>>,
    written: String,
}

impl SortKey {
    fn whole(&self) -> &[u8] {
        self.whole.as_deref().unwrap_or(&self.first)
    }
}

impl Ord for SortKey {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.first.cmp(&other.first))
            .then_with(|| self.then.cmp(&other.then))
            .then_with(|| self.whole().cmp(other.whole()))
            .then_with(|| self.written.cmp(&other.written))
    }
}

impl PartialOrd for SortKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for SortKey {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for SortKey {}

/// The values in the order of their keys, namesakes (equal keys) in the
/// order they came in: the roster's. The letter's lists and the exported
/// ones go through here, so they are in the same order.
pub fn sorted<T>(mut keyed: Vec<(SortKey, T)>) -> Vec<T> {
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed.into_iter().map(|(_, value)| value).collect()
}

/// What a signer's name sorts by: the name, and its `sort_as` if given.
pub struct SortName<'a> {
    pub name: &'a str,
    pub sort_as: Option<&'a str>,
    pub person: bool,
}

impl Collator {
    /// The key of a signer's name in `lang`, or of its `sort_as` if it has
    /// one: what the letter's lists and the exported ones sort by.
    pub fn signer_key(&self, name: &Text, sort_as: Option<&Text>, lang: &Lang, person: bool) -> SortKey {
        let sort_as = sort_as.map(|s| s.in_lang(lang));
        self.key_of(&SortName { name: name.in_lang(lang), sort_as, person })
    }

    /// The key of a name with nothing else known about it (not a person's,
    /// no `sort_as`).
    pub fn key(&self, name: &str) -> SortKey {
        self.key_of(&SortName { name, sort_as: None, person: false })
    }

    pub fn key_of(&self, n: &SortName) -> SortKey {
        let (first, then) = match n.sort_as {
            // Written by the organizer: taken as it is, "López, Ana" split
            // at the comma like a surname and given names.
            Some(sort_as) => match sort_as.split_once(',') {
                Some((surnames, given)) => (surnames.trim().to_string(), given.trim().to_string()),
                None => (sort_as.to_string(), String::new()),
            },
            None if n.person && self.order.people == PeopleOrder::Surname => by_surname(n.name),
            None => (self.without_article(n.name).to_string(), String::new()),
        };
        let whole = (first != n.name).then(|| self.bytes(n.name));
        SortKey { first: self.bytes(&first), then: self.bytes(&then), whole, written: n.name.to_string() }
    }

    fn bytes(&self, s: &str) -> Vec<u8> {
        let mut key = Vec::new();
        let _ = self.inner.write_sort_key_to(s, &mut key);
        key
    }

    fn without_article<'n>(&self, name: &'n str) -> &'n str {
        let name = name.trim_start_matches(|c: char| !c.is_alphanumeric());
        if self.order.articles == Articles::Keep {
            return name;
        }
        ARTICLES
            .iter()
            .find(|a| {
                name.len() > a.len()
                    && name.is_char_boundary(a.len())
                    && name[..a.len()].eq_ignore_ascii_case(a)
            })
            .map_or(name, |a| &name[a.len()..])
    }
}

/// A person's name as (surnames, given names), for the surname order.
///
/// A Spanish name is given names, then the father's and the mother's
/// surnames, so the first surname is the next-to-last word of three or
/// more ("Leticia Calderón Chelius") and the last of two ("Ana López"); a
/// lower-case particle goes with the word after it ("Juan de la Cruz").
/// Titles before the name and degrees after it do not count. Two given
/// names and one surname ("Ana María López") read wrong: such an entry
/// gives `sort_as: López, Ana María`.
fn by_surname(name: &str) -> (String, String) {
    let folded = |w: &str| tokenize(w).into_iter().map(|t| t.text).collect::<String>();
    let mut words: Vec<&str> = name.split_whitespace().collect();
    while words.len() > 1 && lexicon::is_title(&folded(words[0])) {
        words.remove(0);
    }
    while words.len() > 1 && words.last().is_some_and(|w| lexicon::is_post_nominal(&folded(w))) {
        words.pop();
    }
    let is_particle = |w: &&str| PARTICLES.contains(w);
    // Each unit is a word with the particles written before it.
    let mut units: Vec<Vec<&str>> = Vec::new();
    let mut pending: Vec<&str> = Vec::new();
    for w in words {
        pending.push(w);
        if !is_particle(&w) {
            units.push(std::mem::take(&mut pending));
        }
    }
    if let Some(last) = units.last_mut() {
        last.extend(pending);
    }
    let surname_at = match units.len() {
        0 | 1 => return (name.to_string(), String::new()),
        2 => 1,
        n => n - 2,
    };
    let main = |u: &[&str]| u.iter().filter(|w| !is_particle(w)).copied().collect::<Vec<_>>().join(" ");
    let surnames: Vec<String> = units[surname_at..].iter().map(|u| main(u)).collect();
    let particles: Vec<&str> =
        units[surname_at..].iter().flatten().filter(|w| is_particle(w)).copied().collect();
    let given: Vec<&str> = units[..surname_at].iter().flatten().copied().chain(particles).collect();
    (surnames.join(" "), given.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(lang: &str, names: &[&'static str]) -> Vec<&'static str> {
        let c = Collator::new(&Lang::parse(lang).unwrap());
        let mut v = names.to_vec();
        v.sort_by(|a, b| c.compare(a, b));
        v
    }

    #[test]
    fn namesakes_keep_the_order_they_came_in() {
        let c = Collator::new(&Lang::parse("es").unwrap());
        let names = ["Zapote", "Nopal", "Ébano"];
        // Enough of them that an unstable sort would move equal keys.
        let keyed = (0..600).map(|i| (c.key(names[i % 3]), (names[i % 3], i))).collect();
        let order = super::sorted(keyed);
        assert_eq!(order.first().map(|(name, _)| *name), Some("Ébano"));
        for pair in order.windows(2) {
            let ((a, i), (b, j)) = (pair[0], pair[1]);
            assert!(a != b || i < j, "{a} {i} came after {b} {j}");
        }
    }

    #[test]
    fn spanish_puts_enye_after_n_and_ignores_accents() {
        assert_eq!(
            sorted("es", &["Ocaso", "ñu", "Ñandú", "nopal", "Nube", "Ángel", "Azul"]),
            ["Ángel", "Azul", "nopal", "Nube", "Ñandú", "ñu", "Ocaso"]
        );
    }

    #[test]
    fn english_interleaves_enye_with_n() {
        assert_eq!(sorted("en", &["Nube", "Ñandú", "nopal"]), ["Ñandú", "nopal", "Nube"]);
    }

    #[test]
    fn keys_order_as_compare_does() {
        let names = [
            "Ocaso",
            "ñu",
            "Ñandú",
            "nopal",
            "Nube",
            "“Zapata”",
            "El Rebozo",
            "Al Otro Lado",
            "Alma",
            "alma",
        ];
        for lang in ["es", "en"] {
            let c = Collator::new(&Lang::parse(lang).unwrap());
            let mut by_key = names.to_vec();
            by_key.sort_by_cached_key(|n| c.key(n));
            assert_eq!(by_key, sorted(lang, &names), "{lang}");
        }
    }

    /// A key that leaves out the whole name's bytes when `first` holds them
    /// orders exactly as one that always holds them.
    #[test]
    fn keys_without_the_whole_name_order_as_keys_with_it() {
        let names = [
            ("Alma", false),
            ("alma", false),
            ("El Alma", false),
            ("“Alma”", false),
            ("“Alma", false),
            ("La Alma", false),
            ("Ana López", true),
            ("López", true),
            ("Dra. Ana López", true),
            ("Ana López Pérez", true),
            ("ana lópez", true),
        ];
        for lang in ["es", "en"] {
            let c = Collator::new(&Lang::parse(lang).unwrap());
            let key = |&(name, person): &(&str, bool)| c.key_of(&SortName { name, sort_as: None, person });
            let full = |n: &(&str, bool)| {
                let k = key(n);
                (k.first.clone(), k.then.clone(), c.bytes(n.0), k.written)
            };
            assert!(
                names.iter().any(|n| key(n).whole.is_none()) && names.iter().any(|n| key(n).whole.is_some())
            );
            for a in &names {
                for b in &names {
                    assert_eq!(key(a).cmp(&key(b)), full(a).cmp(&full(b)), "{lang}: {a:?} {b:?}");
                }
            }
        }
    }

    #[test]
    fn words_sort_before_longer_words() {
        assert_eq!(
            sorted("es", &["Alma Migrante", "Al Otro Lado", "Alianza"]),
            ["Al Otro Lado", "Alianza", "Alma Migrante"]
        );
    }

    #[test]
    fn leading_quotes_and_articles_do_not_decide() {
        assert_eq!(
            sorted("es", &["“Zapata”", "El Rebozo", "Amnistía", "Las Bases"]),
            ["Amnistía", "Las Bases", "El Rebozo", "“Zapata”"]
        );
    }

    #[test]
    fn kept_articles_file_a_name_as_printed() {
        let keep = SortOrder { articles: Articles::Keep, ..SortOrder::default() };
        let c = Collator::with_order(&Lang::parse("es").unwrap(), keep);
        let mut v = vec!["Nopal", "La 72", "Amnistía", "El Rebozo"];
        v.sort_by(|a, b| c.compare(a, b));
        assert_eq!(v, ["Amnistía", "El Rebozo", "La 72", "Nopal"]);
        assert_eq!(sorted("es", &["Nopal", "La 72", "Amnistía"]), ["La 72", "Amnistía", "Nopal"]);
    }

    #[test]
    fn the_first_surname_of_spanish_and_english_names() {
        let split = |n: &str| by_surname(n);
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(split("Leticia Calderón Chelius"), pair("Calderón Chelius", "Leticia"));
        assert_eq!(split("Ana López"), pair("López", "Ana"));
        assert_eq!(split("Dra. Ana López"), pair("López", "Ana"));
        assert_eq!(split("Juan de la Cruz"), pair("Cruz", "Juan de la"));
        assert_eq!(split("Camilo Pérez-Bustillo PhD"), pair("Pérez-Bustillo", "Camilo"));
        assert_eq!(split("Madonna"), pair("Madonna", ""));
    }

    #[test]
    fn sort_as_decides_and_splits_at_its_comma() {
        let by_surname = SortOrder { people: PeopleOrder::Surname, ..SortOrder::default() };
        let c = Collator::with_order(&Lang::parse("es").unwrap(), by_surname);
        let person = |name, sort_as| c.key_of(&SortName { name, sort_as, person: true });
        // Read alone, "Ana María López" would file under María.
        let mut v = [
            person("Ana María López", Some("López, Ana María")),
            person("Beatriz López", None),
            person("Carlos Mora", None),
            person("Ana López", None),
        ];
        v.sort();
        let names: Vec<&str> = v.iter().map(|k| k.written.as_str()).collect();
        assert_eq!(names, ["Ana López", "Ana María López", "Beatriz López", "Carlos Mora"]);
    }
}
