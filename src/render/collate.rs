//! Sorting names the way readers of each language expect.

use std::cmp::Ordering;

use icu_collator::options::CollatorOptions;
use icu_collator::{CollatorBorrowed, CollatorPreferences};

use crate::model::Lang;

/// Words that do not decide a name's place in a list ("El Rebozo" sorts
/// under R), in the languages signers' names are commonly written in.
const ARTICLES: [&str; 7] = ["el ", "la ", "los ", "las ", "the ", "les ", "le "];

pub struct Collator {
    inner: CollatorBorrowed<'static>,
}

impl Collator {
    /// A collator for `lang`, falling back to the root order for a language
    /// ICU does not know. Spaces count ("Al Otro Lado" before "Alma"), as
    /// in the lists organizers publish.
    pub fn new(lang: &Lang) -> Collator {
        let options = CollatorOptions::default();
        let prefs = CollatorPreferences::from(&lang.locale());
        let inner = CollatorBorrowed::try_new(prefs, options)
            .or_else(|_| CollatorBorrowed::try_new(CollatorPreferences::default(), options))
            .expect("the root collation is compiled into the binary");
        Collator { inner }
    }

    /// Orders two names: first without a leading article, then as written,
    /// so the order is total and stable.
    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        self.inner
            .compare(sort_form(a), sort_form(b))
            .then_with(|| self.inner.compare(a, b))
            .then_with(|| a.cmp(b))
    }
}

/// A name's place in the order `compare` gives, as bytes: sorting a long
/// list by keys computed once is much faster than comparing pairs.
pub type SortKey = (Vec<u8>, Vec<u8>, String);

impl Collator {
    pub fn key(&self, name: &str) -> SortKey {
        let bytes = |s: &str| {
            let mut key = Vec::new();
            let _ = self.inner.write_sort_key_to(s, &mut key);
            key
        };
        (bytes(sort_form(name)), bytes(name), name.to_string())
    }
}

fn sort_form(name: &str) -> &str {
    let name = name.trim_start_matches(|c: char| !c.is_alphanumeric());
    ARTICLES
        .iter()
        .find(|a| {
            name.len() > a.len() && name.is_char_boundary(a.len()) && name[..a.len()].eq_ignore_ascii_case(a)
        })
        .map_or(name, |a| &name[a.len()..])
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
}
