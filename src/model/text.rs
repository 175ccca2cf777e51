//! Texts written once per language.

use std::collections::BTreeMap;
use std::fmt;

/// How long a signer's name may be, in characters. The longest real name in
/// the flagship is under 150; past this it is a paste gone wrong, and every
/// step that reads names (the duplicate search, the PDF's line breaking)
/// stays cheap.
pub const MAX_NAME_CHARS: usize = 300;

/// What makes a text unfit to be a signer's name, whichever way it came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameProblem {
    LineBreak,
    Control(char),
    TooLong(usize),
}

impl NameProblem {
    /// The problem in a name, if any: a name is printed on one line, and a
    /// control character (a NUL, an escape) has no place in a letter.
    pub fn of(name: &str) -> Option<NameProblem> {
        let line_break = |c: char| matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}');
        if name.contains(line_break) {
            return Some(NameProblem::LineBreak);
        }
        if let Some(c) = name.chars().find(|c| c.is_control()) {
            return Some(NameProblem::Control(c));
        }
        let chars = name.chars().count();
        (chars > MAX_NAME_CHARS).then_some(NameProblem::TooLong(chars))
    }

    /// What is wrong, after the name's own description (`` `name` ``).
    pub fn message(self) -> String {
        match self {
            NameProblem::LineBreak => "holds a line break".into(),
            NameProblem::Control(c) => format!("holds a control character U+{:04X}", c as u32),
            NameProblem::TooLong(n) => format!("is {n} characters long; the limit is {MAX_NAME_CHARS}"),
        }
    }

    pub fn hint(self) -> &'static str {
        match self {
            NameProblem::LineBreak => "write the name on one line",
            NameProblem::Control(_) => "delete the character: it cannot be printed",
            NameProblem::TooLong(_) => {
                "shorten the name; a description belongs in `notes`, which is never printed"
            }
        }
    }
}

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
