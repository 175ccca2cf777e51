//! CommonMark output that GitHub renders as the letter, with every
//! organizer's string escaped so it shows literally.

use std::borrow::Cow;

use super::inline::Inline;
use super::view::{self, Markup};
use super::{RenderContext, RenderError};

pub const TEMPLATE: &str = "letter.md.tera";

pub struct Markdown;

impl Markup for Markdown {
    fn inline(&self, nodes: &[Inline]) -> String {
        nodes.iter().map(node).collect()
    }
}

fn node(n: &Inline) -> String {
    match n {
        Inline::Text(t) => escape(t),
        Inline::Code(t) => code_span(t),
        Inline::Emph(c) => format!("*{}*", Markdown.inline(c)),
        Inline::Strong(c) => format!("**{}**", Markdown.inline(c)),
        Inline::Link { url, children } => {
            format!("[{}](<{}>)", Markdown.inline(children), url.replace('<', "%3C").replace('>', "%3E"))
        }
    }
}

fn code_span(t: &str) -> String {
    let longest = t.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    format!("{fence} {t} {fence}")
}

/// Escapes a plain string for any inline position, including the start of
/// a line: each run of whitespace becomes one space (a newline could end a
/// list item), every character with inline meaning gets a backslash, and a
/// first character that could open a block (after any leading space) is
/// escaped too.
pub fn escape(s: &str) -> String {
    let folded = fold_whitespace(s);
    // Most names hold no character that is ever escaped: copied as they are.
    if !folded.bytes().any(may_escape) {
        return folded.into_owned();
    }
    escape_each(&folded)
}

/// Every character `escape_each` may put a backslash before: those with
/// inline meaning, and those that open a block or a link GitHub makes
/// where they stand.
fn may_escape(b: u8) -> bool {
    inline_special(char::from(b)) || matches!(b, b'-' | b'+' | b'=' | b'.' | b')' | b'@' | b':')
}

/// Characters with inline meaning wherever they stand.
fn inline_special(c: char) -> bool {
    matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '$' | '#' | '!')
}

fn escape_each(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len() + 8);
    let first = usize::from(folded.starts_with(' '));
    let digits = folded.chars().skip(first).take_while(char::is_ascii_digit).count();
    for (i, (at, c)) in folded.char_indices().enumerate() {
        let block_start = (i == first && matches!(c, '-' | '+' | '='))
            || (i == first + digits && digits > 0 && matches!(c, '.' | ')'));
        if inline_special(c) || block_start || would_autolink(&folded[..at], c, &folded[at + c.len_utf8()..])
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// GitHub turns `http://…`, `www.…` and `a@b.org` in plain text into live
/// links; an escaped `://`, `@` or `www\\.` reads the same and links nothing.
/// A colon elsewhere ("Firmas: 240") is left alone, so the source stays clean.
fn would_autolink(before: &str, c: char, after: &str) -> bool {
    let www = || {
        before.len() >= 3
            && before.is_char_boundary(before.len() - 3)
            && before[before.len() - 3..].eq_ignore_ascii_case("www")
    };
    c == '@' || (c == ':' && after.starts_with("//")) || (c == '.' && www())
}

/// Most names have nothing to fold; they are not copied.
fn fold_whitespace(s: &str) -> Cow<'_, str> {
    if !s.contains("  ") && !s.chars().any(|c| c != ' ' && c.is_whitespace()) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
        in_space = c.is_whitespace();
    }
    Cow::Owned(out)
}

pub fn render(ctx: &RenderContext) -> Result<Vec<u8>, RenderError> {
    let tera = ctx.templates.tera(escape, ".md.tera")?;
    let context = view::context(&view::build(ctx, &Markdown))?;
    let text = ctx.templates.render(&tera, TEMPLATE, &context);
    view::free(context);
    Ok(tidy_blank_lines(&text?).into_bytes())
}

/// Templates are easier to read with loops on their own lines; the blank
/// lines those leave behind are squeezed so the output diff stays clean.
fn tidy_blank_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end_matches([' ', '\t']);
        blank = if line.is_empty() { blank + 1 } else { 0 };
        if blank <= 1 {
            out.push_str(line);
            out.push('\n');
        }
    }
    out.trim_start_matches('\n').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Event, Parser};

    /// The shortcut is taken only where no character would be escaped:
    /// every ASCII character, alone and in the contexts that escape it.
    #[test]
    fn what_escape_copies_as_it_is_has_nothing_to_escape() {
        for c in (0x20u8..0x7f).map(char::from) {
            for s in [format!("{c}"), format!("1{c}"), format!("a{c}b"), format!("www{c}x"), format!("{c}//")]
            {
                assert_eq!(escape(&s), escape_each(&fold_whitespace(&s)), "{s:?}");
            }
        }
    }

    /// The text CommonMark shows for `md`, as a reader would see it.
    fn shown(md: &str) -> String {
        Parser::new(md)
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.to_string()),
                Event::Html(_) | Event::InlineHtml(_) => Some("<HTML>".into()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn escaped_names_render_literally() {
        for name in [
            "*Foo* [x](http://y)",
            "<script>alert(1)</script>",
            "# Red",
            "- dash",
            "1. one",
            "2024) year",
            "a | b",
            "`code`",
            "AT&amp;T",
            "$x$ ~~y~~",
            "\\back",
            "===",
            "> quote",
            "![img](x.png)",
            "{{ tera }}",
        ] {
            assert_eq!(shown(&escape(name)), name, "{name} → {}", escape(name));
            assert_eq!(shown(&format!("- {}", escape(name))), name, "in a list item: {name}");
        }
    }

    /// What GitHub shows: comrak with the GFM extensions GitHub turns on.
    fn on_github(md: &str) -> String {
        let mut options = comrak::Options::default();
        options.extension.autolink = true;
        options.extension.strikethrough = true;
        options.extension.table = true;
        comrak::markdown_to_html(md, &options)
    }

    #[test]
    fn bare_urls_in_names_do_not_link_on_github() {
        for name in [
            "Red https://evil.example/x",
            "www.evil.example",
            "Ana a@evil.example",
            "WWW.X.ORG",
            "mailto:a@b.org",
        ] {
            let html = on_github(&format!("- {}", escape(name)));
            assert!(!html.contains("<a "), "{name} links: {html}");
            assert!(html.contains(&name.replace('&', "&amp;")), "{name} is not shown as written: {html}");
        }
    }

    #[test]
    fn spaces_around_inline_markup_are_kept() {
        let md = Markdown.inline(&super::super::inline::parse("como el *metering*, los"));
        assert_eq!(md, "como el *metering*, los");
    }

    #[test]
    fn newlines_in_a_name_cannot_break_out() {
        assert_eq!(shown(&format!("- {}", escape("a\n\n# b"))), "a # b");
    }

    #[test]
    fn inline_markup_survives() {
        let md = Markdown.inline(&super::super::inline::parse("*a* **b** [c](https://x.org) `d`"));
        assert_eq!(md, "*a* **b** [c](<https://x.org>) ` d `");
    }

    proptest::proptest! {
        /// Whatever a signer is called, a reader sees exactly that name
        /// (with runs of spaces as one), at the start of a line or in a list.
        #[test]
        fn any_name_reads_back_as_itself(name in proptest::prop_oneof![
            "\\PC{0,40}",
            // Mostly the characters Markdown gives meaning to.
            "[-*_`\\[\\]<>#&|!\\\\~$(){}.+=:;\"' 0-9a\n\t]{0,30}",
            // Leading space before a block marker, as a failing case once was.
            "[ \t]{0,2}[-+=0-9][-+=.) 0-9a]{0,8}",
        ]) {
            let expected = name.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(&shown(&escape(&name)).trim().to_string(), &expected);
            proptest::prop_assert_eq!(&shown(&format!("- {}", escape(&name))).trim().to_string(), &expected);
        }
    }

    #[test]
    fn blank_lines_are_squeezed() {
        assert_eq!(tidy_blank_lines("\n\na\n\n\n\nb  \n"), "a\n\nb\n");
    }
}
