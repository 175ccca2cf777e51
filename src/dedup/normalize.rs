//! Turning a written name into comparable words, with Unicode's own data.
//!
//! Two spellings of one name differ in ways the Unicode Character Database
//! already describes, so no table here is written by hand:
//!
//! - compatibility forms (full-width letters, ligatures, superscripts) and
//!   accents: NFKD, then every combining mark (general category M) dropped;
//! - case: full case folding (`ß` and `SS` are one word);
//! - punctuation, quotes and dashes of every kind: anything that is not a
//!   letter or digit separates words, except a full stop or an apostrophe
//!   between two letters (`A.C.` is `ac`, `No’j` is `noj`), and invisible
//!   characters (Default_Ignorable_Code_Point) are skipped altogether.
//!
//! `ñ` becomes `n` on purpose: a roster typed on a keyboard without `ñ` (or in
//! capitals without accents) writes `Pena` for `Peña`, and one signer typed
//! both ways is far more common than two signers told apart only by the
//! tilde. Reasons say when accents were ignored, so a reviewer can disagree.
//!
//! Each word keeps where it was written and how (capitals, full stops, the
//! punctuation before it): `parse` reads legal forms, acronyms and place
//! qualifiers from those.

use std::ops::Range;

use icu_casemap::{CaseMapper, CaseMapperBorrowed};
use icu_normalizer::{ComposingNormalizerBorrowed, DecomposingNormalizerBorrowed};
use icu_properties::props::{
    Dash, DefaultIgnorableCodePoint, GeneralCategory, GeneralCategoryGroup, QuotationMark,
};
use icu_properties::{CodePointMapData, CodePointSetData};

/// The key two names share when they differ only in Unicode form (NFKC),
/// case (full case folding) and spacing: the strictest sameness, used where
/// an organizer names an entry (a review) and for "only the case differs".
pub fn exact_key(name: &str) -> String {
    if name.is_ascii() {
        // NFKC leaves ASCII as it is, and case folding only lowers capitals.
        return spaced(&name.to_ascii_lowercase());
    }
    match latin1_key(name) {
        Some(key) => key.collect(),
        None => unicode_key(name),
    }
}

/// Whether `a` and `b` have the same `exact_key`. Most pairs compared
/// (the namesakes `check` tells apart, their cities and lists) are the very
/// same text, which needs no key: at 200,000 names the keys were a tenth
/// of `check`. Most of the others are Latin-1 text, compared as their keys
/// are made, without making them.
pub fn same_exactly(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    match (latin1_key(a), latin1_key(b)) {
        (Some(x), Some(y)) => x.eq(y),
        _ => exact_key(a) == exact_key(b),
    }
}

/// The characters of `exact_key(s)` when every character of `s` is one
/// `latin1_folded` knows, without ICU: such text is already NFKC (each of
/// its characters passes the normalization quick check and combines with
/// none), and full case folding maps each character on its own.
fn latin1_key(s: &str) -> Option<impl Iterator<Item = char> + '_> {
    if !s.chars().all(|c| latin1_folded(c).is_some()) {
        return None;
    }
    let words = s.split_whitespace().enumerate();
    Some(words.flat_map(|(i, word)| {
        (i > 0).then_some(' ').into_iter().chain(word.chars().filter_map(latin1_folded))
    }))
}

/// `c` case-folded, for ASCII and the Latin-1 characters that NFKC leaves
/// as they are and that fold to one character (so not `ß`, nor `µ`, which
/// folds to `μ`); `None` for any other.
fn latin1_folded(c: char) -> Option<char> {
    match c {
        '\0'..='\x7f' => Some(c.to_ascii_lowercase()),
        '\u{a8}'
        | '\u{aa}'
        | '\u{af}'
        | '\u{b2}'..='\u{b5}'
        | '\u{b8}'..='\u{ba}'
        | '\u{bc}'..='\u{be}'
        | 'ß' => None,
        'À'..='Þ' if c != '×' => char::from_u32(c as u32 + 0x20),
        '¡'..='ÿ' => Some(c),
        _ => None,
    }
}

fn unicode_key(name: &str) -> String {
    let nfkc = ComposingNormalizerBorrowed::new_nfkc().normalize(name);
    spaced(&CaseMapper::new().fold_string(&nfkc))
}

/// The words of `s` joined by single spaces.
fn spaced(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// What stands between a word and the one before it; the strongest mark wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Sep {
    Start,
    Space,
    /// A full stop followed by a space (`DHIA. Derechos`).
    Stop,
    Comma,
    Colon,
    /// A dash touching a word on at least one side (`Libre-México`, `Social- Caritas`).
    Dash,
    /// A dash with spaces on both sides (`Hope Border Institute – Instituto …`).
    SpacedDash,
    Slash,
}

/// One word of a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Folded, without accents or punctuation.
    pub text: String,
    /// Where it was written, in bytes of the original name.
    pub span: Range<usize>,
    /// Written in capitals (`IMUMI`, `FM4`): two characters or more, no lower case.
    pub upper: bool,
    /// Starts with a capital letter.
    pub capital: bool,
    /// Written with a full stop in it or right after it (`A.C.`, `Dr.`).
    pub dotted: bool,
    pub before: Sep,
    /// 0 outside parentheses, else the number of the parenthesis it is in (from 1).
    pub paren: u16,
}

/// Splits a name into folded words.
pub fn tokenize(name: &str) -> Vec<Token> {
    let mut t = Tokenizer::default();
    let mut at = 0;
    while let Some(c) = name[at..].chars().next() {
        // Most characters of most names are ASCII letters and digits, and a
        // run of them is part of one word whatever surrounds it.
        let run = name.as_bytes()[at..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if run > 0 {
            t.ascii_letters(at, &name[at..at + run]);
            at += run;
            continue;
        }
        let after = at + c.len_utf8();
        t.push(at, c, name[after..].chars().next());
        at = after;
    }
    t.finish(name.len());
    t.out
}

/// How the Unicode data classes one character for word splitting.
enum Class {
    Word,
    Mark,
    Ignorable,
    Space,
    Quote,
    FullStop,
    Comma,
    Colon,
    Dash,
    Slash,
    Open,
    Close,
    Other,
}

fn class_of(c: char) -> Class {
    if c.is_alphanumeric() {
        return Class::Word;
    }
    if c.is_ascii() {
        return match c {
            '.' => Class::FullStop,
            ',' => Class::Comma,
            ':' | ';' => Class::Colon,
            '-' => Class::Dash,
            '/' | '\\' | '|' => Class::Slash,
            '(' | '[' | '{' => Class::Open,
            ')' | ']' | '}' => Class::Close,
            '\'' | '"' | '`' => Class::Quote,
            c if c.is_ascii_whitespace() => Class::Space,
            _ => Class::Other,
        };
    }
    let gc = CodePointMapData::<GeneralCategory>::new().get(c);
    if GeneralCategoryGroup::Mark.contains(gc) {
        Class::Mark
    } else if CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c) {
        Class::Ignorable
    } else if CodePointSetData::new::<Dash>().contains(c) {
        Class::Dash
    } else if CodePointSetData::new::<QuotationMark>().contains(c) {
        Class::Quote
    } else if c.is_whitespace() {
        Class::Space
    } else if gc == GeneralCategory::OpenPunctuation {
        Class::Open
    } else if gc == GeneralCategory::ClosePunctuation {
        Class::Close
    } else {
        Class::Other
    }
}

#[derive(Default)]
struct Tokenizer {
    out: Vec<Token>,
    text: String,
    start: Option<usize>,
    has_upper: bool,
    has_lower: bool,
    capital: bool,
    dotted: bool,
    /// The separator seen since the last word, and whether a space came after a dash.
    sep: Option<Sep>,
    space_before_dash: bool,
    depth: u16,
    parens: u16,
}

impl Tokenizer {
    /// One character of the original name at byte `at`; `next` is the one after it.
    fn push(&mut self, at: usize, c: char, next: Option<char>) {
        if c.is_ascii() {
            return self.push_decomposed(at, c, c, next);
        }
        let nfkd = DecomposingNormalizerBorrowed::new_nfkd();
        for d in nfkd.normalize_iter(std::iter::once(c)) {
            self.push_decomposed(at, c, d, next);
        }
    }

    /// `d` is one character of the NFKD form of `original`.
    fn push_decomposed(&mut self, at: usize, original: char, d: char, next: Option<char>) {
        let in_word = self.start.is_some();
        let joins = || in_word && next.is_some_and(char::is_alphanumeric);
        match class_of(d) {
            Class::Word => self.letter(at, original, d),
            Class::Mark | Class::Ignorable => {}
            Class::FullStop if joins() => self.dotted = true,
            Class::Quote if joins() => {}
            Class::FullStop => {
                self.dotted |= in_word;
                self.end(at);
                self.mark(Sep::Stop);
            }
            Class::Comma => self.separate(at, Sep::Comma),
            Class::Colon => self.separate(at, Sep::Colon),
            Class::Slash => self.separate(at, Sep::Slash),
            Class::Dash => {
                self.end(at);
                self.space_before_dash = self.sep == Some(Sep::Space) || self.out.is_empty();
                self.mark(Sep::Dash);
            }
            Class::Open => {
                self.end(at);
                if self.depth == 0 {
                    self.parens += 1;
                }
                self.depth += 1;
                self.mark(Sep::Space);
            }
            Class::Close => {
                self.end(at);
                self.depth = self.depth.saturating_sub(1);
                self.mark(Sep::Space);
            }
            Class::Space => {
                self.end(at);
                if self.sep == Some(Sep::Dash) && self.space_before_dash {
                    self.sep = Some(Sep::SpacedDash);
                }
                self.mark(Sep::Space);
            }
            Class::Quote | Class::Other => self.separate(at, Sep::Space),
        }
    }

    fn separate(&mut self, at: usize, sep: Sep) {
        self.end(at);
        self.mark(sep);
    }

    fn mark(&mut self, sep: Sep) {
        self.sep = Some(self.sep.map_or(sep, |s| s.max(sep)));
    }

    fn letter(&mut self, at: usize, original: char, d: char) {
        self.begin(at, original.is_uppercase());
        self.has_upper |= original.is_uppercase();
        self.has_lower |= original.is_lowercase();
        if d.is_ascii() {
            self.text.push(d.to_ascii_lowercase());
        } else {
            let mut buf = [0; 4];
            let folded = CaseMapperBorrowed::new().fold_string(d.encode_utf8(&mut buf));
            self.text.push_str(&folded);
        }
    }

    /// ASCII letters and digits at byte `at`, taken as `letter` takes each.
    fn ascii_letters(&mut self, at: usize, run: &str) {
        self.begin(at, run.starts_with(|c: char| c.is_ascii_uppercase()));
        self.has_upper |= run.bytes().any(|b| b.is_ascii_uppercase());
        self.has_lower |= run.bytes().any(|b| b.is_ascii_lowercase());
        let from = self.text.len();
        self.text.push_str(run);
        self.text[from..].make_ascii_lowercase();
    }

    /// Starts a word at byte `at`, unless one is being read.
    fn begin(&mut self, at: usize, capital: bool) {
        if self.start.is_none() {
            self.start = Some(at);
            self.capital = capital;
            // Room for most words, so the word is not copied as it grows.
            self.text.reserve(16);
        }
    }

    /// Closes the word being read, if any; `at` is the byte after it.
    fn end(&mut self, at: usize) {
        let Some(start) = self.start.take() else { return };
        let text = std::mem::take(&mut self.text);
        let before = match self.sep.take() {
            None if self.out.is_empty() => Sep::Start,
            None => Sep::Space,
            Some(s) => s,
        };
        let upper = self.has_upper && !self.has_lower && text.chars().count() >= 2;
        self.out.push(Token {
            text,
            span: start..at,
            upper,
            capital: self.capital,
            dotted: std::mem::take(&mut self.dotted),
            before,
            paren: if self.depth > 0 { self.parens } else { 0 },
        });
        self.has_upper = false;
        self.has_lower = false;
        self.space_before_dash = false;
    }

    fn finish(&mut self, len: usize) {
        self.end(len);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(name: &str) -> Vec<String> {
        tokenize(name).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn exact_key_folds_unicode_forms_case_and_space() {
        // "é" precomposed vs e + combining acute; "ß" folds to "ss".
        assert_eq!(exact_key("Caf\u{e9}  Stra\u{df}e"), exact_key("CAFE\u{301} STRASSE"));
        assert_eq!(exact_key(" a\u{a0}b\t"), "a b");
        assert_ne!(exact_key("Peña"), exact_key("Pena"));
        assert!(same_exactly("Peña", "Peña") && same_exactly("PEÑA  del  Río", "peña del río"));
        assert!(!same_exactly("Peña", "Pena"));
    }

    #[test]
    fn exact_key_of_ascii_is_the_unicode_one() {
        let every: String = (0..128u8).map(char::from).collect();
        for s in [every.as_str(), " Sin\tFRONTERAS\u{b}I.A.P. ", "\u{c}a\r\nB"] {
            assert_eq!(exact_key(s), unicode_key(s), "{s:?}");
        }
    }

    /// Every character `latin1_folded` knows, and the Unicode spaces
    /// around them.
    fn latin1_and_spaces() -> Vec<char> {
        let known = (0..=0xff).filter_map(char::from_u32).filter(|c| latin1_folded(*c).is_some());
        known.chain(['\u{85}', '\u{a0}', '\u{2003}']).collect()
    }

    #[test]
    fn exact_key_of_latin1_is_the_unicode_one() {
        let chars = latin1_and_spaces();
        let every: String = chars.iter().collect();
        assert_eq!(exact_key(&every), unicode_key(&every));
        // Any two side by side, so none composes with the one before it.
        for a in &chars {
            for b in &chars {
                let s: String = [*a, *b].into_iter().collect();
                assert_eq!(exact_key(&s), unicode_key(&s), "{s:?}");
            }
        }
    }

    #[test]
    fn same_exactly_is_equal_unicode_keys() {
        let chars = latin1_and_spaces();
        let texts: Vec<String> = chars.iter().map(|a| format!("x{a} Y")).collect();
        let words = [
            "PEÑA  del  Río",
            "peña del río",
            "pena del rio",
            "Straße",
            "STRASSE",
            "µ",
            "μ",
            "Cafe\u{301}",
            "café",
        ];
        let texts: Vec<&str> = texts.iter().map(String::as_str).chain(words).collect();
        for a in &texts {
            for b in &texts {
                assert_eq!(same_exactly(a, b), unicode_key(a) == unicode_key(b), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn accents_case_and_compatibility_forms_fold() {
        assert_eq!(words("Migrantólogos"), ["migrantologos"]);
        assert_eq!(words("PEÑA ＦＵＬＬ ﬁn Straße"), ["pena", "full", "fin", "strasse"]);
        assert_eq!(words("Ca\u{301}ritas"), ["caritas"]);
    }

    #[test]
    fn punctuation_separates_but_dots_and_apostrophes_inside_words_join() {
        assert_eq!(words("Sin Fronteras, I.A.P"), ["sin", "fronteras", "iap"]);
        assert_eq!(words("Iniciativa Kino A. C"), ["iniciativa", "kino", "a", "c"]);
        assert_eq!(words("Pop No’j"), ["pop", "noj"]);
        assert_eq!(words("“Todos los Derechos”"), ["todos", "los", "derechos"]);
        assert_eq!(words("Pérez-Bustillo"), words("Pérez Bustillo"));
        assert_eq!(words("Red\u{200b} Oculta"), ["red", "oculta"]);
    }

    #[test]
    fn keeps_how_each_word_was_written() {
        let t = tokenize("IMUMI Instituto (SJR-Ecuador) A.C.");
        assert!(t[0].upper && !t[1].upper && t[1].capital);
        assert_eq!((t[2].paren, t[3].paren, t[4].paren), (1, 1, 0));
        assert_eq!(t[3].before, Sep::Dash);
        assert!(t[4].dotted);
        assert_eq!(&"IMUMI Instituto (SJR-Ecuador) A.C."[t[4].span.clone()], "A.C");
    }

    #[test]
    fn ascii_and_other_letters_mix_in_one_word() {
        let t = tokenize("MÉXICO MÉXico aÑo Ñandú 4ÁB Ab2c");
        let flags: Vec<(&str, bool, bool)> =
            t.iter().map(|t| (t.text.as_str(), t.upper, t.capital)).collect();
        assert_eq!(
            flags,
            [
                ("mexico", true, true),
                ("mexico", false, true),
                ("ano", false, false),
                ("nandu", false, true),
                ("4ab", true, false),
                ("ab2c", false, true)
            ]
        );
        assert_eq!(t[2].span, 16..20);
    }

    #[test]
    fn spaced_dashes_differ_from_hyphens() {
        let t = tokenize("Hope – Esperanza, Libre-México — Regional");
        let seps: Vec<Sep> = t.iter().map(|t| t.before).collect();
        assert_eq!(seps, [Sep::Start, Sep::SpacedDash, Sep::Comma, Sep::Dash, Sep::SpacedDash]);
    }
}
