//! Template mistakes placed at the template's own line and column.
//!
//! Tera gives the position of a syntax error but not of a mistake found
//! while rendering (an unknown name, filter or function), and reports an
//! unclosed `{% if %}` at the end of the file; the PDF's block markup is
//! read after rendering, so its line numbers are the output's. Each is
//! traced back to the template's source here, so a finding points where the
//! organizer edits.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::load::did_you_mean;
use crate::model::Origin;

const SYNTAX_HINT: &str = "Tera's syntax is at https://keats.github.io/tera/docs/#templates";

/// A line and column, 1-based, the column in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub line: usize,
    pub column: usize,
}

impl Place {
    const START: Place = Place { line: 1, column: 1 };

    fn of_offset(src: &str, offset: usize) -> Place {
        let before = &src[..offset.min(src.len())];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Place { line: before.matches('\n').count() + 1, column: before[line_start..].chars().count() + 1 }
    }

    fn offset_in(self, src: &str) -> usize {
        let line_start: usize = src.split_inclusive('\n').take(self.line - 1).map(str::len).sum();
        let rest = &src[line_start.min(src.len())..];
        line_start + rest.char_indices().nth(self.column - 1).map_or(rest.len(), |(i, _)| i)
    }

    pub fn origin(self, file: &str) -> Origin {
        Origin { file: Path::new(file).into(), line: self.line, column: self.column }
    }
}

/// A template's text and how findings name it.
pub struct Source<'a> {
    pub shown_as: String,
    pub text: &'a str,
}

/// Tera's error while reading (`parsing`) or rendering a template, as a
/// finding in `source`. `names` are the names the template could have meant.
pub fn tera_error(source: &Source, messages: &[String], parsing: bool, names: &[String]) -> Diagnostic {
    let finding = |code, place: Place, message: String, hint: String| {
        Diagnostic::error(code, &place.origin(&source.shown_as), message).with_hint(hint)
    };
    if parsing {
        return syntax_error(source, messages);
    }
    let root = messages.last().map_or("", String::as_str);
    let src = source.text;
    if let Some(name) = between(root, "Variable `", "`") {
        let last = name.rsplit('.').next().unwrap_or(name);
        let hint = match did_you_mean(last, names.iter().map(String::as_str)) {
            Some(best) => {
                format!("did you mean `{best}`? The names templates see are in the README, under Templates")
            }
            None => "the names templates see are in the README, under Templates".into(),
        };
        let place = find(src, name, None, None).unwrap_or(Place::START);
        return finding(
            "template-unknown-name",
            place,
            format!("`{name}` is not a name templates can use"),
            hint,
        );
    }
    if let Some(name) = between(root, "Filter '", "' not found") {
        let place = find(src, name, Some('|'), None).unwrap_or(Place::START);
        let hint = "the filters are listed at https://keats.github.io/tera/docs/#built-in-filters".into();
        return finding("template-unknown-filter", place, format!("there is no filter `{name}`"), hint);
    }
    if let Some(name) = between(root, "Function '", "' not found") {
        let place = find(src, name, None, Some('(')).unwrap_or(Place::START);
        let hint = "the functions are listed at https://keats.github.io/tera/docs/#built-in-functions".into();
        return finding("template-unknown-function", place, format!("there is no function `{name}`"), hint);
    }
    if let Some(name) = between(root, "Template '", "' not found") {
        let place = find(src, name, None, None).unwrap_or(Place::START);
        let hint = "put the file in the letter's templates/ folder, or include one that is there".into();
        return finding("template-missing", place, format!("there is no template `{name}` to include"), hint);
    }
    if root.contains(super::templates::NO_ENVIRONMENT) {
        let place = find(src, "get_env", None, Some('(')).unwrap_or(Place::START);
        let hint = "write the value into the template or the letter instead".into();
        return finding("template-environment", place, root.to_string(), hint);
    }
    let quoted = quoted_words(root).find_map(|w| find(src, w, None, None));
    let message = root.split(" while rendering '").next().unwrap_or(root).to_string();
    finding("template-error", quoted.unwrap_or(Place::START), message, SYNTAX_HINT.into())
}

/// A syntax error at Tera's position, or at the tag left open when that is
/// what Tera stumbled on further down.
fn syntax_error(source: &Source, messages: &[String]) -> Diagnostic {
    let src = source.text;
    let detail = messages.iter().rev().find_map(|m| m.split(" --> ").nth(1)).unwrap_or("");
    let place = numbers(detail).map_or(Place::START, |(line, column)| Place { line, column });
    let expected = detail.lines().find_map(|l| l.trim().strip_prefix("= ")).unwrap_or("a syntax error");
    if let Some(open) = unclosed(src).filter(|open| place.offset_in(src) >= open.noticed_at) {
        let at = Place::of_offset(src, open.offset).origin(&source.shown_as);
        return Diagnostic::error(
            "template-unclosed",
            &at,
            format!("`{{% {} %}}` is never closed", open.tag),
        )
        .with_hint(format!("close it with `{{% end{} %}}` where its part ends", open.tag));
    }
    let at = place.origin(&source.shown_as);
    Diagnostic::error("template-syntax", &at, format!("template syntax: {expected}")).with_hint(SYNTAX_HINT)
}

fn numbers(s: &str) -> Option<(usize, usize)> {
    let mut nums = s.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty());
    let line = nums.next()?.parse().ok()?;
    Some((line, nums.next()?.parse().ok()?))
}

/// The text between `start` and the next `end` in `s`.
fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = &s[s.find(start)? + start.len()..];
    Some(&rest[..rest.find(end)?])
}

/// Words in backticks or single quotes, as Tera quotes the names it means.
fn quoted_words(s: &str) -> impl Iterator<Item = &str> {
    s.split(['`', '\'']).skip(1).step_by(2).filter(|w| !w.is_empty() && !w.contains(' '))
}

/// The byte ranges of the tags (`{{ }}`, `{% %}`) of a template.
fn tags(src: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(start) = src[from..].find('{').map(|i| from + i) {
        let close = match src[start + 1..].chars().next() {
            Some('{') => "}}",
            Some('%') => "%}",
            Some('#') => "#}",
            _ => {
                from = start + 1;
                continue;
            }
        };
        let end = src[start + 2..].find(close).map_or(src.len(), |i| start + 2 + i + 2);
        if close != "#}" {
            out.push((start, end));
        }
        from = end;
    }
    out
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.'
}

/// The first place inside a tag where `word` is written as a whole word,
/// with `before` (a filter's `|`) or `after` (a call's `(`) next to it,
/// spaces aside.
fn find(src: &str, word: &str, before: Option<char>, after: Option<char>) -> Option<Place> {
    for (start, end) in tags(src) {
        let tag = &src[start..end];
        for (i, _) in tag.match_indices(word) {
            let prev = tag[..i].chars().rev().find(|c| !c.is_whitespace());
            let next = tag[i + word.len()..].chars().find(|c| !c.is_whitespace());
            let bounded =
                !tag[..i].ends_with(is_name_char) && !tag[i + word.len()..].starts_with(is_name_char);
            let fits = |want: Option<char>, got: Option<char>| want.is_none() || want == got;
            if bounded && fits(before, prev) && fits(after, next) {
                return Some(Place::of_offset(src, start + i));
            }
        }
    }
    None
}

/// A block tag left open: where it is, and where its being open shows (the
/// end of the file, or the first end tag of another kind).
#[derive(Debug, PartialEq)]
struct Open {
    tag: String,
    offset: usize,
    noticed_at: usize,
}

const BLOCKS: [&str; 5] = ["if", "for", "block", "macro", "filter"];

fn unclosed(src: &str) -> Option<Open> {
    let mut stack: Vec<(String, usize)> = Vec::new();
    let mut raw = false;
    for (start, end) in tags(src).into_iter().filter(|(s, _)| src[*s..].starts_with("{%")) {
        let inner =
            src[start + 2..end.saturating_sub(2).max(start + 2)].trim_matches(['-', ' ', '\t', '\n', '\r']);
        let word = inner.split_whitespace().next().unwrap_or("");
        if raw {
            raw = word != "endraw";
            continue;
        }
        raw = word == "raw";
        if BLOCKS.contains(&word) {
            stack.push((word.to_string(), start));
        } else if let Some(kind) = word.strip_prefix("end") {
            match stack.pop() {
                Some((open, _)) if open == kind => {}
                Some((tag, offset)) => return Some(Open { tag, offset, noticed_at: start }),
                None => {}
            }
        }
    }
    stack.pop().map(|(tag, offset)| Open { tag, offset, noticed_at: src.len() })
}

/// The template line that wrote `output_line` of the PDF's block markup:
/// the line whose text before its first tag begins that output line, the
/// longest such; at its first character that is not a space.
pub fn markup_line(template: &str, output_line: &str) -> Option<Place> {
    let wanted = output_line.trim();
    let mut best: Option<(usize, Place)> = None;
    for (i, line) in template.lines().enumerate() {
        let literal = line[..line.find("{{").or(line.find("{%")).unwrap_or(line.len())].trim();
        if literal.is_empty()
            || !wanted.starts_with(literal)
            || best.is_some_and(|(len, _)| len >= literal.len())
        {
            continue;
        }
        let column = line.chars().take_while(|c| c.is_whitespace()).count() + 1;
        best = Some((literal.len(), Place { line: i + 1, column }));
    }
    best.map(|(_, place)| place)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_found_inside_tags_only_and_whole() {
        let src = "titel here\n{{ subtitel }}\n  {{ titel | upper }}\n";
        assert_eq!(find(src, "titel", None, None), Some(Place { line: 3, column: 6 }));
        assert_eq!(find(src, "upper", Some('|'), None), Some(Place { line: 3, column: 14 }));
        assert_eq!(find(src, "titel", Some('|'), None), None);
    }

    #[test]
    fn an_unclosed_block_is_its_opening_tag() {
        let src = "a\n{% if x %}\n{% for y in z %}{% endfor %}\nb\n";
        let open = unclosed(src).unwrap();
        assert_eq!(
            (open.tag.as_str(), Place::of_offset(src, open.offset)),
            ("if", Place { line: 2, column: 1 })
        );
        assert_eq!(open.noticed_at, src.len());
        let crossed = "{% for y in z %}\n  {% if x %}\n{% endfor %}";
        let open = unclosed(crossed).unwrap();
        assert_eq!((open.tag.as_str(), Place::of_offset(crossed, open.offset).line), ("if", 2));
        assert_eq!(unclosed("{% raw %}{% if %}{% endraw %}{# {% if %} #}"), None);
    }

    #[test]
    fn offsets_and_places_agree() {
        let src = "ab\nñcd\n";
        let place = Place { line: 2, column: 2 };
        assert_eq!(Place::of_offset(src, place.offset_in(src)), place);
    }

    #[test]
    fn an_output_line_maps_to_the_template_line_that_wrote_it() {
        let template = "::: title\n{{ title }}\n  ::: demand {{ d.number }}.\n::: headng\n";
        assert_eq!(markup_line(template, "::: headng"), Some(Place { line: 4, column: 1 }));
        assert_eq!(markup_line(template, "::: demand 3."), Some(Place { line: 3, column: 3 }));
        assert_eq!(markup_line(template, "Carta"), None);
    }
}
