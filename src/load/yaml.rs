//! YAML text to raw structs, with serde-saphyr's errors turned into findings.

use serde::de::DeserializeOwned;
use serde_saphyr::{Error, MessageFormatter, UserMessageFormatter};

use crate::diagnostic::Diagnostic;
use crate::model::Origin;

/// The YAML values (keys, texts, entries, lists) one file may hold. The
/// parser's default, 250,000, is about 22,000 entries of five fields; this
/// is 360,000, so the 32 MB a file may weigh is the limit an organizer meets.
/// The count, not the size, is what costs: a file's values are read one by
/// one, and aliases that repeat them are bounded apart.
pub const MAX_NODES: usize = 4_000_000;

// What the README promises: 100,000 entries of five fields in one file (the
// list, and per entry a mapping with five keys and five values).
const _: () = assert!(MAX_NODES > 1 + 100_000 * (1 + 2 * 5));

/// Parses one YAML document. A file holds one problem at most this way; the
/// files around it are still loaded and checked (and a roster file's other
/// entries, see `entries`).
pub fn parse<T: DeserializeOwned>(src: &str, file: &Origin) -> Result<T, Diagnostic> {
    read(src).map_err(|err| to_diagnostic(&err, file, src))
}

/// Parses one YAML document, keeping the parser's error.
///
/// YAML 1.1 booleans are off: a country code `NO` or a text `y` stays text.
/// Numbers written with leading zeros or underscores keep their spelling.
/// The default budget bounds aliases and nesting, so an alias bomb is an
/// error, not an exhausted machine; only its count of values is raised.
pub(super) fn read<T: DeserializeOwned>(src: &str) -> Result<T, Error> {
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! { max_nodes: MAX_NODES, max_events: 2 * MAX_NODES },
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
        underscored_numbers_as_strings: true,
    };
    SOURCE.with_borrow_mut(|s| src.clone_into(s));
    let parsed = serde_saphyr::from_str_with_options(src, options);
    SOURCE.with_borrow_mut(std::mem::take);
    parsed
}

thread_local! {
    /// The text `parse` is reading on this thread, for `written`.
    static SOURCE: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// A scalar as the file spells it. The parser hands a plain number to a
/// place that also takes a map already converted (`0x1F` as 31), so a text
/// written as a number is read back from the file through its span.
pub fn written(span: serde_saphyr::Span) -> Option<String> {
    let start = usize::try_from(span.byte_offset()?).ok()?;
    let end = start.checked_add(usize::try_from(span.byte_len()?).ok()?)?;
    SOURCE.with_borrow(|src| src.get(start..end).map(|s| s.trim().to_string()))
}

/// `src` is the text that `err` is about.
pub(super) fn to_diagnostic(err: &Error, file: &Origin, src: &str) -> Diagnostic {
    let err = err.without_snippet();
    let at = err.location().map_or(file.clone(), |loc| Origin {
        file: file.file.clone(),
        line: loc.line().max(1) as usize,
        column: loc.column().max(1) as usize,
    });
    if is_about_a_tab(err) {
        let at =
            first_tab_from(src, at.line).map_or(at.clone(), |(line, column)| Origin { line, column, ..at });
        return Diagnostic::error("tab", &at, "YAML indents with spaces; replace the tab")
            .with_hint("replace the tab with spaces, as many as the lines around it are indented");
    }
    let message = || printable(&UserMessageFormatter.format_message(err));
    match err {
        Error::SerdeUnknownField { field, expected, .. } => {
            Diagnostic::error("unknown-key", &at, format!("unknown key `{field}`"))
                .with_hint(unknown_key_hint(field, expected))
        }
        Error::SerdeMissingField { field, .. } => {
            Diagnostic::error("missing-key", &at, format!("missing required key `{field}`"))
                .with_hint(format!("add `{field}: …` to this entry"))
        }
        Error::DuplicateMappingKey { key, .. } => Diagnostic::error(
            "duplicate-key",
            &at,
            format!("key `{}` is written twice", key.as_deref().unwrap_or("?")),
        )
        .with_hint("a key may appear once per entry: keep one and delete the other"),
        Error::NullIntoString { .. } => Diagnostic::error("empty-value", &at, "this value is empty")
            .with_hint("write a value after the colon, or delete the key if it is optional"),
        Error::SerdeInvalidType { .. } | Error::SerdeInvalidLength { .. } => {
            Diagnostic::error("wrong-type", &at, message())
                .with_hint("compare this entry with the format in the README")
        }
        Error::Budget { .. } => Diagnostic::error("too-large", &at, message())
            .with_hint("split the file, and do not use YAML aliases to repeat data"),
        _ => Diagnostic::error("yaml-syntax", &at, format!("YAML syntax: {}", message())).with_hint(
            "check indentation and quoting here: text containing `: `, ` #` or starting with \
             a quote or bracket must be inside double quotes",
        ),
    }
}

/// The parser stops at a tab where YAML wants spaces, but often only at
/// the end of the scalar before it, on an earlier line.
fn is_about_a_tab(err: &Error) -> bool {
    use serde_saphyr::granit_parser::ErrorKind;
    let Error::ExternalMessage { source, .. } = err else { return false };
    let serde_saphyr::ExternalMessageSource::Parser(scan) = source.as_ref() else { return false };
    matches!(
        scan.kind(),
        ErrorKind::TabNotAllowed
            | ErrorKind::TabInBlockIndentation
            | ErrorKind::TabAtBlockScalarStart
            | ErrorKind::TabInIndentation
            | ErrorKind::TabInPlainScalar
    )
}

/// The line and column of the first tab on line `line` or after it.
fn first_tab_from(src: &str, line: usize) -> Option<(usize, usize)> {
    src.lines().enumerate().skip(line.saturating_sub(1)).find_map(|(n, text)| {
        let column = text.chars().position(|c| c == '\t')?;
        Some((n + 1, column + 1))
    })
}

/// The parser quotes bad input in its messages; a control character in it
/// (a NUL, an escape sequence) must not reach the organizer's terminal raw.
fn printable(message: &str) -> String {
    message
        .chars()
        .map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() })
        .collect()
}

/// "did you mean" for a mistyped key, then the keys that are allowed.
pub fn unknown_key_hint(field: &str, expected: &[&str]) -> String {
    let allowed = expected.join(", ");
    match did_you_mean(field, expected.iter().copied()) {
        Some(best) => format!("did you mean `{best}`? Allowed keys here: {allowed}"),
        None => format!("allowed keys here: {allowed}"),
    }
}

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .map(|c| (strsim::jaro_winkler(&word, &c.to_lowercase()), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use std::sync::Arc;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Entry {
        name: String,
        acronym: Option<String>,
    }

    fn file() -> Origin {
        Origin { file: Arc::from(Path::new("o.yaml")), line: 1, column: 1 }
    }

    fn error_of(src: &str) -> Diagnostic {
        parse::<Vec<Entry>>(src, &file()).unwrap_err()
    }

    #[test]
    fn unknown_key_points_at_it_and_suggests() {
        let d = error_of("- name: A\n  acronim: B\n");
        assert_eq!((d.code, d.line, d.column), ("unknown-key", 2, 3));
        assert!(d.hint.unwrap().contains("did you mean `acronym`"));
    }

    #[test]
    fn a_tab_is_found_where_it_is_not_where_the_parser_stopped() {
        for (src, at) in [
            ("- name: Dos\n\tcountry: MX\n- name: Tres\n", (2, 1)),
            ("- name: A\n \tacronym: B\n", (2, 2)),
            ("- name: A\n  acronym: |\n\t  text\n", (3, 1)),
        ] {
            let d = error_of(src);
            assert_eq!(
                (d.code, d.message.as_str(), d.line, d.column),
                ("tab", "YAML indents with spaces; replace the tab", at.0, at.1),
                "{src:?}"
            );
        }
    }

    #[test]
    fn syntax_error_has_position() {
        let d = error_of("- name: A: b\n");
        assert_eq!((d.code, d.line, d.column), ("yaml-syntax", 1, 10));
    }

    #[test]
    fn yaml_1_1_booleans_stay_text() {
        let v = parse::<Vec<Entry>>("- name: y\n  acronym: NO\n", &file()).unwrap();
        assert_eq!((v[0].name.as_str(), v[0].acronym.as_deref()), ("y", Some("NO")));
    }

    #[test]
    fn numbers_in_a_text_keep_their_spelling() {
        #[derive(Debug, serde::Deserialize)]
        struct Texts {
            a: crate::load::raw::RawText,
            b: crate::load::raw::RawText,
        }
        let t = parse::<Texts>("a: 0x1F\nb:   12.50 # price\n", &file()).unwrap();
        let same = |t: &crate::load::raw::RawText| match t {
            crate::load::raw::RawText::Same(s) => s.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!((same(&t.a), same(&t.b)), ("0x1F".to_string(), "12.50".to_string()));
    }

    #[test]
    fn missing_and_duplicate_keys() {
        assert_eq!(error_of("- acronym: A\n").code, "missing-key");
        assert_eq!(error_of("- name: A\n  name: B\n").code, "duplicate-key");
    }
}
