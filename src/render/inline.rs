//! The CommonMark inline text of the letter's paragraphs, parsed once into a
//! small tree that every output format writes in its own way.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Code(String),
    Emph(Vec<Inline>),
    Strong(Vec<Inline>),
    /// `url` is already known to be safe to follow (see `safe_url`).
    Link {
        url: String,
        children: Vec<Inline>,
    },
}

/// Parses one paragraph of inline CommonMark.
///
/// A paragraph is one line of text: line breaks are folded to spaces, and a
/// first character that would start a block (`# `, `- `, `1. `, `>`) is read
/// literally, so an organizer's text is never turned into a heading or list.
/// Raw HTML is kept as literal text, and links to anything but the web, mail
/// or an anchor keep their text and lose the link.
pub fn parse(text: &str) -> Vec<Inline> {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let events: Vec<Event> = Parser::new(&line).collect();
    if starts_as_paragraph(&events) || line.is_empty() {
        return build(events);
    }
    build(Parser::new(&escape_block_start(&line)).collect())
}

/// The plain text of a parsed paragraph, for places without markup.
pub fn plain(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for node in inlines {
        match node {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Emph(c) | Inline::Strong(c) | Inline::Link { children: c, .. } => out.push_str(&plain(c)),
        }
    }
    out
}

pub fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:", "#"].iter().any(|p| lower.starts_with(p))
}

fn starts_as_paragraph(events: &[Event]) -> bool {
    matches!(events.first(), Some(Event::Start(Tag::Paragraph)))
        && events.iter().filter(|e| matches!(e, Event::Start(Tag::Paragraph))).count() == 1
}

fn escape_block_start(line: &str) -> String {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let at = if digits > 0 { digits } else { 0 };
    match line[at..].chars().next() {
        Some(c) if c.is_ascii_punctuation() => format!("{}\\{}", &line[..at], &line[at..]),
        _ => line.to_string(),
    }
}

/// Folds the event stream into a tree, keeping only inline structure.
fn build(events: Vec<Event>) -> Vec<Inline> {
    let mut stack: Vec<(Option<String>, Vec<Inline>)> = vec![(None, Vec::new())];
    for event in events {
        match event {
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => push_text(&mut stack, &t),
            Event::Code(t) => top(&mut stack).push(Inline::Code(t.to_string())),
            Event::SoftBreak | Event::HardBreak => push_text(&mut stack, " "),
            Event::Start(Tag::Emphasis) => stack.push((Some("em".into()), Vec::new())),
            Event::Start(Tag::Strong) => stack.push((Some("strong".into()), Vec::new())),
            Event::Start(Tag::Link { dest_url, .. }) => {
                stack.push((Some(format!("a:{dest_url}")), Vec::new()))
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link) => close(&mut stack),
            _ => {}
        }
    }
    while stack.len() > 1 {
        close(&mut stack);
    }
    stack.pop().map(|(_, nodes)| nodes).unwrap_or_default()
}

fn top(stack: &mut [(Option<String>, Vec<Inline>)]) -> &mut Vec<Inline> {
    &mut stack.last_mut().expect("the root frame is never popped").1
}

fn push_text(stack: &mut [(Option<String>, Vec<Inline>)], t: &str) {
    let nodes = top(stack);
    match nodes.last_mut() {
        Some(Inline::Text(prev)) => prev.push_str(t),
        _ => nodes.push(Inline::Text(t.to_string())),
    }
}

fn close(stack: &mut Vec<(Option<String>, Vec<Inline>)>) {
    let Some((Some(kind), children)) = stack.pop() else { return };
    let node = match kind.as_str() {
        "em" => Inline::Emph(children),
        "strong" => Inline::Strong(children),
        link => {
            let url = link.trim_start_matches("a:").to_string();
            if safe_url(&url) {
                Inline::Link { url, children }
            } else {
                // An unsafe link keeps its words and loses its target.
                for child in children {
                    match child {
                        Inline::Text(t) => push_text(stack, &t),
                        other => top(stack).push(other),
                    }
                }
                return;
            }
        }
    };
    top(stack).push(node);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn emphasis_strong_and_links() {
        let got = parse("a *b* **c** [d](https://x.org)");
        assert_eq!(
            got,
            vec![
                text("a "),
                Inline::Emph(vec![text("b")]),
                text(" "),
                Inline::Strong(vec![text("c")]),
                text(" "),
                Inline::Link { url: "https://x.org".into(), children: vec![text("d")] },
            ]
        );
    }

    #[test]
    fn block_syntax_stays_text() {
        for s in [
            "# Not a heading",
            "- not a list",
            "1. not a list",
            "> not a quote",
            "[x]: http://y",
            "***",
            "<div>x</div>",
        ] {
            assert_eq!(plain(&parse(s)), s, "{s}");
        }
        assert_eq!(plain(&parse("2025. Año nuevo")), "2025. Año nuevo");
    }

    #[test]
    fn html_is_text_and_unsafe_links_lose_their_target() {
        assert_eq!(parse("<script>alert(1)</script>"), vec![text("<script>alert(1)</script>")]);
        assert_eq!(parse("[click](javascript:alert(1))"), vec![text("click")]);
    }

    #[test]
    fn line_breaks_fold() {
        assert_eq!(parse("one\ntwo\n\nthree"), vec![text("one two three")]);
    }
}
