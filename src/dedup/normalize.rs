//! Turning a written name into comparable keys, with Unicode's own data.

use icu_casemap::CaseMapper;
use icu_normalizer::ComposingNormalizerBorrowed;

/// The key two names share when they differ only in Unicode form (NFKC),
/// case (full case folding) and spacing.
pub fn exact_key(name: &str) -> String {
    let nfkc = ComposingNormalizerBorrowed::new_nfkc().normalize(name);
    let folded = CaseMapper::new().fold_string(&nfkc);
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_unicode_forms_case_and_space() {
        // "é" precomposed vs e + combining acute; "ß" folds to "ss".
        assert_eq!(exact_key("Caf\u{e9}  Stra\u{df}e"), exact_key("CAFE\u{301} STRASSE"));
        assert_eq!(exact_key(" a\u{a0}b\t"), "a b");
    }

    #[test]
    fn keeps_accents_and_punctuation() {
        assert_ne!(exact_key("Peña"), exact_key("Pena"));
        assert_ne!(exact_key("Sin Fronteras IAP"), exact_key("Sin Fronteras, IAP"));
    }
}
