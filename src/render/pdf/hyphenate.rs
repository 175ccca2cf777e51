//! Where a word may be broken: hyphenation points from the page language's
//! patterns (hypher embeds TeX's Spanish and English ones), and the spot
//! after a hyphen, dash or slash the word already has.

use hypher::Lang;

/// Words shorter than this are never hyphenated.
const MIN_WORD: usize = 5;

/// The hyphenation language for a BCP 47 code; `None` leaves words whole.
pub fn lang(code: &str) -> Option<Lang> {
    let primary = code.split(['-', '_']).next().unwrap_or(code);
    Lang::from_iso(primary.as_bytes().try_into().ok()?)
}

/// A place inside a word where a line may end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    /// Byte offset in the word.
    pub at: usize,
    /// Whether a hyphen is added when the line ends here.
    pub hyphen: bool,
}

/// The break points of `word`, in order. `lang` is `None` for a language
/// without patterns: then only existing hyphens and slashes break.
pub fn points(word: &str, lang: Option<Lang>) -> Vec<Point> {
    let mut out = explicit(word);
    if let Some(lang) = lang {
        out.extend(patterns(word, lang));
        out.sort_by_key(|p| p.at);
        out.dedup_by_key(|p| p.at);
    }
    out
}

/// After `-`, `–`, `—` or `/` with letters on both sides.
fn explicit(word: &str) -> Vec<Point> {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    chars
        .windows(3)
        .filter(|w| {
            matches!(w[1].1, '-' | '–' | '—' | '/') && w[0].1.is_alphanumeric() && w[2].1.is_alphabetic()
        })
        .map(|w| Point { at: w[2].0, hyphen: false })
        .collect()
}

/// Pattern hyphenation of each run of letters in `word`, skipping short
/// runs and all-capital acronyms (DACA, CBP).
fn patterns(word: &str, lang: Lang) -> Vec<Point> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in word.char_indices().chain(std::iter::once((word.len(), ' '))) {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.extend(syllable_breaks(&word[s..i], lang).map(|at| Point { at: s + at, hyphen: true }));
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn syllable_breaks(letters: &str, lang: Lang) -> impl Iterator<Item = usize> {
    let skip = letters.chars().count() < MIN_WORD || !letters.chars().any(char::is_lowercase);
    let syllables: Vec<&str> = if skip { Vec::new() } else { hypher::hyphenate(letters, lang).collect() };
    let count = syllables.len();
    syllables.into_iter().take(count.saturating_sub(1)).scan(0, |at, s| {
        *at += s.len();
        Some(*at)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(word: &str, code: &str) -> String {
        let mut out = String::new();
        let mut last = 0;
        for p in points(word, lang(code)) {
            out.push_str(&word[last..p.at]);
            out.push(if p.hyphen { '-' } else { '|' });
            last = p.at;
        }
        out + &word[last..]
    }

    #[test]
    fn spanish_and_english_patterns() {
        assert_eq!(split("participación,", "es"), "par-ti-ci-pa-ción,");
        assert_eq!(split("lingüísticas", "es"), "lin-güís-ti-cas");
        assert_eq!(split("accountability", "en"), "ac-count-abil-ity");
    }

    #[test]
    fn acronyms_short_words_and_existing_hyphens() {
        assert_eq!(split("(DACA)", "es"), "(DACA)");
        assert_eq!(split("casa", "es"), "casa");
        assert_eq!(split("Pérez-Bustillo", "xx"), "Pérez-|Bustillo");
        assert_eq!(split("California/Ethnic", "xx"), "California/|Ethnic");
        assert_eq!(lang("es-MX"), Some(Lang::Spanish));
    }
}
