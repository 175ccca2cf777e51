//! Countries in the reader's language ("Brasil" / "Brazil"), from CLDR's
//! region names compiled into `icu_experimental`: no hand-kept table to
//! fall behind when a country is renamed.

use icu_experimental::displaynames::{DisplayNamesOptions, multi::RegionDisplayNames};
use icu_locale_core::subtags::Region;
use serde::Serialize;

use crate::model::Lang;

/// A signer's country as templates see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountryView {
    /// As the roster writes it: an ISO 3166-1 alpha-2 code, or a region
    /// ("Regional") kept as written.
    pub code: String,
    /// Its name in the reader's language; a value CLDR does not know is
    /// its own name.
    pub name: String,
}

/// CLDR's region names in one language.
pub struct CountryNames {
    names: Option<RegionDisplayNames>,
}

impl CountryNames {
    /// The names in `lang`; a language CLDR lacks gets codes as written.
    pub fn new(lang: &Lang) -> CountryNames {
        let prefs = (&lang.locale()).into();
        CountryNames { names: RegionDisplayNames::try_new(prefs, DisplayNamesOptions::default()).ok() }
    }

    /// `value` named in this language: "BR" is "Brasil" in Spanish. A value
    /// that is not a two-letter code CLDR names stays as written.
    pub fn view(&self, value: &str) -> CountryView {
        CountryView { code: value.to_string(), name: self.name(value).unwrap_or(value).to_string() }
    }

    fn name(&self, value: &str) -> Option<&str> {
        if value.len() != 2 || !value.bytes().all(|b| b.is_ascii_uppercase()) {
            return None;
        }
        let region = Region::try_from_str(value).ok()?;
        self.names.as_ref()?.of(region)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(lang: &str, value: &str) -> String {
        CountryNames::new(&Lang::parse(lang).unwrap()).view(value).name
    }

    #[test]
    fn countries_in_each_language() {
        for (code, es, en) in [
            ("BR", "Brasil", "Brazil"),
            ("MX", "México", "Mexico"),
            ("US", "Estados Unidos", "United States"),
            ("HT", "Haití", "Haiti"),
            ("DE", "Alemania", "Germany"),
        ] {
            assert_eq!(name("es", code), es);
            assert_eq!(name("en", code), en);
        }
    }

    #[test]
    fn regions_and_unknown_codes_stay_as_written() {
        for value in ["Regional", "Regional/Global", "México y Centroamérica", "ZZZ", "mx", ""] {
            assert_eq!(name("es", value), value);
        }
        assert_eq!(CountryNames::new(&Lang::parse("es").unwrap()).view("BR").code, "BR");
    }
}
