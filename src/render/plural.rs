//! Which plural form a count takes in a language, by ICU's rules (CLDR):
//! "1 organización", "2 organizaciones", never "1 organizaciones".

use icu_plurals::{PluralCategory, PluralRules};

use crate::model::Lang;

/// The plural category of `n` in `lang`; a language ICU does not know
/// takes the root rules (everything is `Other`).
pub fn category(lang: &Lang, n: usize) -> PluralCategory {
    PluralRules::try_new_cardinal((&lang.locale()).into())
        .map_or(PluralCategory::Other, |rules| rules.category_for(n))
}

/// `one` when `n` takes the singular form in `lang`, else `other`.
pub fn choose<'a>(lang: &Lang, n: usize, one: &'a str, other: &'a str) -> &'a str {
    if category(lang, n) == PluralCategory::One { one } else { other }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spanish_and_english_count_one_apart_from_the_rest() {
        let (es, en) = (Lang::parse("es").unwrap(), Lang::parse("en").unwrap());
        assert_eq!(choose(&es, 1, "red", "redes"), "red");
        assert_eq!(choose(&es, 0, "red", "redes"), "redes");
        assert_eq!(choose(&es, 34, "red", "redes"), "redes");
        assert_eq!(choose(&en, 1, "network", "networks"), "network");
        assert_eq!(choose(&en, 2, "network", "networks"), "networks");
        assert_eq!(category(&es, 1_000_000), PluralCategory::Many, "CLDR's `many`: un millón de…");
    }
}
