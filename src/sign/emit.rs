//! Writing roster values as YAML text, one entry per line.
//!
//! An entry that `letter sign` adds to an existing list is always a single
//! line: `- name: X` when the name is all it has, a flow mapping
//! `- {name: X, country: MX}` otherwise (a new network, with its members to
//! come, is a block in a file of its own). That is what lets git's union merge (see `.gitattributes`)
//! combine two branches that each added signers at the same place: union
//! keeps both sides' lines, but first matches lines the two sides share, so
//! two multi-line entries that both contain `  country: MX` would have that
//! line merged into one of them. One line per entry cannot be split.
//!
//! Every value is written plain when YAML reads it back as the same string,
//! and double-quoted with escapes otherwise.

use std::fmt::Write;

/// Where a scalar stands: in a flow collection `{…}` the characters `,[]{}`
/// end a plain scalar, so they need quotes there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Block,
    Flow,
}

/// `s` as a YAML scalar that reads back as exactly `s`.
pub fn scalar(s: &str, context: Context) -> String {
    let mut out = String::new();
    push_scalar(&mut out, s, context);
    out
}

/// `scalar`, written at the end of `out`: an entry is built in one string.
fn push_scalar(out: &mut String, s: &str, context: Context) {
    if is_plain_safe(s, context) { out.push_str(s) } else { push_double_quoted(out, s) }
}

/// Words YAML 1.1 or 1.2 read as something other than text, in any case.
const RESERVED: [&str; 17] = [
    "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", ".inf", "-.inf", "+.inf", ".nan", "<<",
    "=", "",
];

fn is_plain_safe(s: &str, context: Context) -> bool {
    let Some(first) = s.chars().next() else { return false };
    !is_reserved(s)
        && (!looks_numeric(s) || is_date(s))
        && !"-?:,[]{}#&*!|>'\"%@`".contains(first)
        && !first.is_whitespace()
        && plain_inside(s, context)
}

/// Whether no character of `s` needs quotes where it stands: none a reader
/// cannot see, no `: ` or ` #`, no `,[]{}` in flow, and no space or `:` at
/// the end. One pass: `check` writes a review entry for each of 150,000
/// findings at 200,000 names.
fn plain_inside(s: &str, context: Context) -> bool {
    let mut before = None;
    for c in s.chars() {
        let breaks = match (before, c) {
            (Some(':'), ' ') | (Some(' '), '#') => true,
            (_, ',' | '[' | ']' | '{' | '}') => context == Context::Flow,
            _ => c.is_control() || is_odd_space(c),
        };
        if breaks {
            return false;
        }
        before = Some(c);
    }
    !before.is_some_and(|c| c.is_whitespace() || c == ':')
}

const LONGEST_RESERVED: usize = 5;

/// Whether `s` is one of `RESERVED` in some case. Only short words can
/// be: `check` writes a review entry for each of 150,000 findings at
/// 200,000 names, and lowering every name was a twentieth of its time.
/// (No letter outside ASCII lowers to one of theirs, so their length in
/// bytes is theirs in any case.)
fn is_reserved(s: &str) -> bool {
    s.len() <= LONGEST_RESERVED && RESERVED.contains(&s.to_lowercase().as_str())
}

/// A leading digit, or a sign or dot before one: numbers, dates, times and
/// version strings all start this way, and some of them YAML would convert.
fn looks_numeric(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_digit() => true,
        Some('+' | '-' | '.') => chars.next().is_some_and(|c| c.is_ascii_digit() || c == '.'),
        _ => false,
    }
}

/// `2025-01-20`: YAML keeps a date as text when asked for text, as the
/// loader does, so it needs no quotes.
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() })
}

/// Characters a reader cannot see or that YAML treats as line breaks.
fn is_odd_space(c: char) -> bool {
    matches!(c, '\u{85}' | '\u{a0}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{200b}')
}

fn push_double_quoted(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || is_odd_space(c) => {
                // Writing to a String cannot fail.
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// One entry as the text after `- `: the name first, then each present field
/// in the order given.
pub fn entry(fields: &[(&str, impl AsRef<str>)]) -> String {
    entry_with(fields, &[])
}

/// A key whose value is a mapping of its own: `authorized_by: {name: …}`.
pub type Nested<'a> = (&'a str, Vec<(&'a str, String)>);

/// `entry`, with `nested` keys after the fields.
pub fn entry_with(fields: &[(&str, impl AsRef<str>)], nested: &[Nested]) -> String {
    let mut out = String::new();
    if let ([(key, value)], []) = (fields, nested) {
        push_key(&mut out, key);
        push_scalar(&mut out, value.as_ref(), Context::Block);
        return out;
    }
    out.push('{');
    push_pairs(&mut out, fields);
    for (key, mapping) in nested {
        out.push_str(", ");
        push_key(&mut out, key);
        push_mapping(&mut out, mapping);
    }
    out.push('}');
    out
}

/// An entry with a key per line, for a file of its own (a new network),
/// where no other branch adds entries next to it.
pub fn block_entry(fields: &[(&str, String)], nested: &[Nested]) -> String {
    let lines: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("{k}: {}", scalar(v, Context::Block)))
        .chain(nested.iter().map(|(k, m)| format!("{k}: {}", mapping(m))))
        .collect();
    lines.join("\n")
}

/// `{date: 2025-01-20, reason: …}` for a withdrawal.
pub fn mapping(fields: &[(&str, impl AsRef<str>)]) -> String {
    let mut out = String::new();
    push_mapping(&mut out, fields);
    out
}

fn push_mapping(out: &mut String, fields: &[(&str, impl AsRef<str>)]) {
    out.push('{');
    push_pairs(out, fields);
    out.push('}');
}

/// `key: value, key: value`, in flow.
fn push_pairs(out: &mut String, fields: &[(&str, impl AsRef<str>)]) {
    for (i, (key, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        push_key(out, key);
        push_scalar(out, value.as_ref(), Context::Flow);
    }
}

fn push_key(out: &mut String, key: &str) {
    out.push_str(key);
    out.push_str(": ");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sign::shape::{self, Node};

    #[test]
    fn reserved_words_are_found_in_any_case_and_fit_the_length_limit() {
        assert!(RESERVED.iter().all(|w| w.len() <= LONGEST_RESERVED));
        assert!(is_reserved("FALSE") && is_reserved("Null") && is_reserved("-.Inf"));
        assert!(!is_reserved("Nullo") && !is_reserved("Sí"));
    }

    /// What the loader's YAML settings read back from `text`'s first entry.
    fn read_back(line: &str) -> Vec<(String, String)> {
        let text = format!("- {line}\n");
        let tree =
            shape::parse(&text, std::path::Path::new("t.yaml")).unwrap_or_else(|e| panic!("{text}: {e}"));
        let Node::Seq(items) = &tree.value else { panic!("{text}: not a list") };
        let Node::Map(pairs) = &items[0].value else { panic!("{text}: not a mapping") };
        pairs
            .iter()
            .map(|(k, v)| match &v.value {
                Node::Scalar(s) => (k.value.clone(), s.clone()),
                other => panic!("{text}: {other:?}"),
            })
            .collect()
    }

    const TRICKY: [&str; 24] = [
        "No",
        "yes",
        "Y",
        "off",
        "null",
        "~",
        "*x",
        "&a",
        "!tag",
        "a: b",
        "#x",
        "a #b",
        "\"",
        "'",
        "  leading",
        "trailing ",
        "two\nlines",
        "tab\there",
        "1999",
        "3.14",
        "0x1F",
        "2024-12-02",
        "-5",
        "a, b [c] {d}",
    ];

    #[test]
    fn every_tricky_value_reads_back_as_itself_alone_and_among_others() {
        let more = [
            "",
            "@handle",
            "`tick`",
            "%pct",
            "ends:",
            "- dash",
            "? q",
            "back\\slash",
            "Iakowi:he’ne’ Oakes",
            "Pop No’j",
            "nbsp\u{a0}",
            "\u{feff}bom",
            "=",
            "<<",
            ".inf",
            "+1",
            ".5",
        ];
        for s in TRICKY.iter().chain(more.iter()) {
            let alone = entry(&[("name", s.to_string())]);
            assert_eq!(read_back(&alone), [("name".into(), s.to_string())], "{alone}");
            let with = entry(&[("name", s.to_string()), ("city", s.to_string())]);
            let expected = vec![("name".to_string(), s.to_string()), ("city".to_string(), s.to_string())];
            assert_eq!(read_back(&with), expected, "{with}");
        }
    }

    /// The rule `plain_inside` applies in one pass, one scan at a time.
    fn plain_inside_by_scans(s: &str, context: Context) -> bool {
        s.trim_end() == s
            && !s.contains(": ")
            && !s.contains(" #")
            && !s.ends_with(':')
            && !s.chars().any(|c| c.is_control() || is_odd_space(c))
            && (context == Context::Block || !s.contains([',', '[', ']', '{', '}']))
    }

    proptest::proptest! {
        #[test]
        fn one_pass_is_every_scan(s in "[ a:#,\\[\\]{}\u{85}\u{a0}\u{2003}\u{feff}\t\n]{0,6}") {
            for context in [Context::Block, Context::Flow] {
                proptest::prop_assert_eq!(plain_inside(&s, context), plain_inside_by_scans(&s, context));
            }
        }
    }

    #[test]
    fn ordinary_names_stay_unquoted() {
        assert_eq!(scalar("Sin Fronteras, IAP", Context::Block), "Sin Fronteras, IAP");
        assert_eq!(scalar("Sin Fronteras, IAP", Context::Flow), "\"Sin Fronteras, IAP\"");
        assert_eq!(scalar("Asociación Pop No’j", Context::Flow), "Asociación Pop No’j");
        assert_eq!(scalar("https://imumi.org", Context::Flow), "https://imumi.org");
    }

    #[test]
    fn one_line_per_entry() {
        assert_eq!(entry(&[("name", "Nopal")]), "name: Nopal");
        let e = entry(&[("name", "Ana"), ("role", "profesora")]);
        assert_eq!(e, "{name: Ana, role: profesora}");
        assert!(!e.contains('\n'));
        let b = block_entry(&[("name", "Red, A.C.".into()), ("acronym", "R".into())], &[]);
        assert_eq!(b, "name: Red, A.C.\nacronym: R");
    }
}
