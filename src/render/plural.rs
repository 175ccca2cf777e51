//! Numbers in words that agree with them: "1 red", "3 redes", "1 person",
//! "12 individuals", by the language's own plural rules (ICU, from CLDR).
//!
//! A label chooses its words with ICU MessageFormat's plural syntax, which
//! translators already know:
//!
//! ```text
//! {count, plural, one {# persona} other {# personas}}
//! ```
//!
//! `#` is the number; `=0 {…}` matches one number exactly, before the
//! language's categories (`zero`, `one`, `two`, `few`, `many`, `other`); a
//! category the label leaves out falls back to `other`. A plain `{name}`
//! elsewhere in the label is replaced by its number.

use icu_plurals::{PluralCategory, PluralRules};

use crate::model::Lang;

/// A label whose plural choices cannot be read, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct PluralError(String);

/// The language's plural rules, falling back to English's for a language
/// CLDR does not know (every letter has a language ICU can parse).
pub struct Plurals {
    rules: Option<PluralRules>,
}

impl Plurals {
    pub fn new(lang: &Lang) -> Plurals {
        Plurals { rules: PluralRules::try_new_cardinal((&lang.locale()).into()).ok() }
    }

    /// `one` when `n` takes the singular form, else `other`: for words a
    /// sentence builds in code rather than takes from a label.
    pub fn one_or_other<'a>(&self, n: usize, one: &'a str, other: &'a str) -> &'a str {
        if self.category(n) == PluralCategory::One { one } else { other }
    }

    fn category(&self, n: usize) -> PluralCategory {
        match &self.rules {
            Some(rules) => rules.category_for(n),
            None if n == 1 => PluralCategory::One,
            None => PluralCategory::Other,
        }
    }

    /// `pattern` with every `{name, plural, …}` choice made and every
    /// `{name}` replaced, by the numbers in `values`. A name not in
    /// `values` is left as written.
    pub fn fill(&self, pattern: &str, values: &[(&str, usize)]) -> Result<String, PluralError> {
        let mut out = String::with_capacity(pattern.len());
        let mut rest = pattern;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let inner_len = closing(&rest[open..])
                .ok_or_else(|| PluralError(format!("`{}` has no closing `}}`", excerpt(&rest[open..]))))?;
            let inner = &rest[open + 1..open + inner_len];
            out.push_str(&self.placeholder(inner, values)?);
            rest = &rest[open + inner_len + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    /// What one `{…}` stands for.
    fn placeholder(&self, inner: &str, values: &[(&str, usize)]) -> Result<String, PluralError> {
        let mut parts = inner.splitn(3, ',');
        let name = parts.next().unwrap_or_default().trim();
        let value = values.iter().find(|(k, _)| *k == name).map(|(_, v)| *v);
        match (parts.next().map(str::trim), parts.next(), value) {
            (None, _, Some(n)) => Ok(n.to_string()),
            (None, _, None) => Ok(format!("{{{inner}}}")),
            (Some("plural"), Some(choices), Some(n)) => {
                let branch = self.choose(&branches(choices)?, n)?;
                Ok(self.fill(branch, values)?.replace('#', &n.to_string()))
            }
            (Some("plural"), Some(choices), None) => {
                branches(choices)?;
                Ok(format!("{{{inner}}}"))
            }
            _ => Err(PluralError(format!(
                "`{{{}}}` is neither `{{name}}` nor `{{name, plural, one {{…}} other {{…}}}}`",
                excerpt(inner)
            ))),
        }
    }

    fn choose<'p>(&self, branches: &[(&str, &'p str)], n: usize) -> Result<&'p str, PluralError> {
        let exact = format!("={n}");
        let category = category_key(self.category(n));
        [exact.as_str(), category, "other"]
            .iter()
            .find_map(|want| branches.iter().find(|(k, _)| k == want).map(|(_, text)| *text))
            .ok_or_else(|| PluralError("a plural choice must have an `other {…}` branch".into()))
    }
}

/// Checks a label's plural syntax without numbers, for `check`.
pub fn validate(pattern: &str) -> Result<(), PluralError> {
    Plurals { rules: None }.fill(pattern, &[]).map(|_| ())
}

/// `one {…} other {…}` as (key, text) pairs.
fn branches(choices: &str) -> Result<Vec<(&str, &str)>, PluralError> {
    let mut out = Vec::new();
    let mut rest = choices.trim_start();
    while !rest.is_empty() {
        let open = rest.find('{').ok_or_else(|| {
            PluralError(format!("`{}` should be followed by its words in `{{…}}`", excerpt(rest)))
        })?;
        let key = rest[..open].trim();
        let known = ["zero", "one", "two", "few", "many", "other"];
        let exact = key.strip_prefix('=').is_some_and(|n| n.parse::<usize>().is_ok());
        if !known.contains(&key) && !exact {
            let hint = crate::load::did_you_mean(key, known.into_iter())
                .map(|k| format!(" (did you mean `{k}`?)"))
                .unwrap_or_default();
            return Err(PluralError(format!(
                "`{key}` is not a plural category{hint}: use zero, one, two, few, many, other or =N"
            )));
        }
        let len = closing(&rest[open..])
            .ok_or_else(|| PluralError(format!("`{}` has no closing `}}`", excerpt(&rest[open..]))))?;
        out.push((key, &rest[open + 1..open + len]));
        rest = rest[open + len + 1..].trim_start();
    }
    if !out.iter().any(|(k, _)| *k == "other") {
        return Err(PluralError("a plural choice must have an `other {…}` branch".into()));
    }
    Ok(out)
}

/// The length up to the `}` that closes the `{` at the start of `s`.
fn closing(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

fn excerpt(s: &str) -> String {
    let short: String = s.chars().take(40).collect();
    if short.len() < s.len() { format!("{short}…") } else { short }
}

fn category_key(c: PluralCategory) -> &'static str {
    match c {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill(lang: &str, pattern: &str, n: usize) -> String {
        Plurals::new(&Lang::parse(lang).unwrap()).fill(pattern, &[("count", n)]).unwrap()
    }

    const ES: &str =
        "y {count, plural, one {# persona que pidió} other {# personas que pidieron}} no ser nombradas";

    #[test]
    fn spanish_and_english_choose_by_their_rules() {
        assert_eq!(fill("es", ES, 1), "y 1 persona que pidió no ser nombradas");
        assert_eq!(fill("es", ES, 12), "y 12 personas que pidieron no ser nombradas");
        assert_eq!(fill("es", ES, 0), "y 0 personas que pidieron no ser nombradas");
        let en = "{count, plural, one {# individual} other {# individuals}}";
        assert_eq!(fill("en", en, 1), "1 individual");
        assert_eq!(fill("en", en, 2), "2 individuals");
    }

    #[test]
    fn an_exact_number_comes_before_the_category_and_other_is_the_fallback() {
        let p = "{count, plural, =0 {nadie} one {una} many {muchísimas} other {#}}";
        assert_eq!(fill("es", p, 0), "nadie");
        assert_eq!(fill("es", p, 1), "una");
        assert_eq!(fill("es", p, 7), "7");
        // Spanish's `many` is for round millions.
        assert_eq!(fill("es", p, 1_000_000), "muchísimas");
        assert_eq!(fill("en", p, 1_000_000), "1000000");
    }

    #[test]
    fn plain_placeholders_are_filled_and_unknown_ones_kept() {
        let rules = Plurals::new(&Lang::parse("es").unwrap());
        let out = rules.fill("{a} de {b}, {page}", &[("a", 3), ("b", 8)]).unwrap();
        assert_eq!(out, "3 de 8, {page}");
    }

    #[test]
    fn one_or_other_follows_each_languages_rules() {
        let es = Plurals::new(&Lang::parse("es").unwrap());
        assert_eq!(es.one_or_other(1, "red", "redes"), "red");
        assert_eq!(es.one_or_other(0, "red", "redes"), "redes");
        assert_eq!(
            Plurals::new(&Lang::parse("en").unwrap()).one_or_other(2, "network", "networks"),
            "networks"
        );
    }

    #[test]
    fn malformed_choices_are_errors_that_say_what_is_wrong() {
        assert!(validate("{count, plural, one {# red}}").unwrap_err().0.contains("`other"));
        assert!(validate("{count, plural, one {# red} other {# redes}").unwrap_err().0.contains("closing"));
        let typo = validate("{count, plural, onne {# red} other {# redes}}").unwrap_err().0;
        assert!(typo.contains("did you mean `one`"), "{typo}");
        assert!(validate("{count, plural, one {# red} other {# redes}}").is_ok());
        assert!(validate("{count, select, a {x} other {y}}").is_err());
    }
}
