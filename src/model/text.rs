//! Texts written once per language.

use std::collections::BTreeMap;
use std::fmt;

/// A language code as the letter declares it (`es`, `en`, `pt-BR`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Lang(String);

impl Lang {
    /// Accepts a BCP 47 language tag; the code is kept as written.
    pub fn parse(code: &str) -> Option<Lang> {
        icu_locale_core::Locale::try_from_str(code)
            .ok()
            .filter(|_| !code.is_empty())
            .map(|_| Lang(code.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The ICU locale for collation and date formatting.
    pub fn locale(&self) -> icu_locale_core::Locale {
        icu_locale_core::Locale::try_from_str(&self.0).unwrap_or(icu_locale_core::Locale::UNKNOWN)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A text in one or more languages.
///
/// `Same` is a text that does not change between languages (a proper noun);
/// `PerLang` holds one version per language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    Same(String),
    PerLang(BTreeMap<Lang, String>),
}

impl Text {
    /// The text in `lang`, if it has one.
    pub fn get(&self, lang: &Lang) -> Option<&str> {
        match self {
            Text::Same(s) => Some(s),
            Text::PerLang(map) => map.get(lang).map(String::as_str),
        }
    }

    /// The text in `lang`, or in the first language that has one.
    ///
    /// Rendering never fails on a missing translation (`check` reports it as an
    /// error); falling back keeps partial builds readable.
    pub fn in_lang(&self, lang: &Lang) -> &str {
        match self {
            Text::Same(s) => s,
            Text::PerLang(map) => map.get(lang).or_else(|| map.values().next()).map_or("", String::as_str),
        }
    }

    /// Every version of the text, for matching names across languages.
    pub fn variants(&self) -> impl Iterator<Item = &str> {
        let (same, map) = match self {
            Text::Same(s) => (Some(s.as_str()), None),
            Text::PerLang(map) => (None, Some(map)),
        };
        same.into_iter().chain(map.into_iter().flat_map(|m| m.values().map(String::as_str)))
    }

    /// The first version: how a finding or a message names a signer.
    pub fn first(&self) -> &str {
        self.variants().next().unwrap_or_default()
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text::Same(s.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(s: &str) -> Lang {
        Lang::parse(s).unwrap()
    }

    #[test]
    fn same_text_is_every_language() {
        let t = Text::from("Sin Fronteras");
        assert_eq!(t.get(&lang("es")), Some("Sin Fronteras"));
        assert_eq!(t.get(&lang("en")), Some("Sin Fronteras"));
    }

    #[test]
    fn missing_language_falls_back_only_in_in_lang() {
        let t = Text::PerLang([(lang("es"), "Hola".to_string())].into());
        assert_eq!(t.get(&lang("en")), None);
        assert_eq!(t.in_lang(&lang("en")), "Hola");
    }

    #[test]
    fn language_codes_are_bcp47() {
        assert!(Lang::parse("pt-BR").is_some());
        assert!(Lang::parse("").is_none());
        assert!(Lang::parse("not a language").is_none());
    }
}
