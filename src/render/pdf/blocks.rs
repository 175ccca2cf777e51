//! The block markup that `letter.pdf.tera` writes and the typesetter reads.
//!
//! A line `::: name rest` is a directive; every other non-blank line is one
//! paragraph of inline CommonMark in the style last named. This keeps the
//! template in charge of what goes on the page and in what order, while the
//! Rust side only knows how to set paragraphs, columns and bookmarks.
//!
//! | directive | effect |
//! |---|---|
//! | `::: <style> [label]` | following lines are paragraphs in `<style>`; `label` (e.g. `3.`) hangs left of the first |
//! | `::: columns` / `::: end-columns` | paragraphs between them are set in balanced columns |
//! | `::: page-break` | starts a new page |
//! | `::: bookmark <text>` | an outline entry pointing at the next paragraph |
//! | `::: bar <a> <b> <c> <d>` | a bar under the next paragraph's first line: four segments, each a share (0 to 1) of the text width, in the chart's four colours |
//! | `::: continued <style> <text>` | in columns: wherever a column begins among the next style's paragraphs, `<text>` in `<style>` comes first (a network's name over its members) |
//! | `::: meta <key> <text>` | document metadata: `title`, `author`, `subject`, `keywords`, `running-title` |
//! | `::: pair` / `::: cell <lang>` / `::: end-pair` | the cells between them side by side, each hyphenated in its language, their tops level on every page (the parallel edition) |

use std::rc::Rc;

use crate::render::inline::{self, Inline};

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(Para),
    Bookmark(String),
    Columns,
    EndColumns,
    PageBreak,
    Pair,
    /// Starts a cell of a pair, with its language.
    Cell(String),
    EndPair,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    pub style: String,
    pub label: Option<String>,
    pub inlines: Vec<Inline>,
    /// What a column that begins at this paragraph opens with; shared by
    /// every paragraph of one style run.
    pub continued: Option<Rc<Continued>>,
    pub bar: Option<Bar>,
}

/// A stacked bar: each segment's share of the text width, left to right.
pub type Bar = [f32; 4];

/// A line repeated at the top of a column that continues a group.
#[derive(Debug, PartialEq)]
pub struct Continued {
    pub style: String,
    pub inlines: Vec<Inline>,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Meta {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: String,
    pub running_title: String,
}

#[derive(Debug, Default)]
pub struct Document {
    pub blocks: Vec<Block>,
    pub meta: Meta,
}

/// A problem with the template's output, at a 1-based line.
#[derive(Debug, PartialEq)]
pub struct MarkupError {
    pub line: usize,
    pub message: String,
    /// The name the line gives that is neither a style nor a directive.
    pub word: Option<String>,
}

/// The `:::` names that are not styles.
pub const DIRECTIVES: [&str; 10] = [
    "columns",
    "end-columns",
    "page-break",
    "bookmark",
    "continued",
    "meta",
    "bar",
    "pair",
    "cell",
    "end-pair",
];

/// Reads the template's output; `is_style` says which names are styles.
pub fn parse(text: &str, is_style: &dyn Fn(&str) -> bool) -> Result<Document, MarkupError> {
    let mut doc = Document::default();
    let mut style: Option<String> = None;
    let mut label: Option<String> = None;
    let mut continued: Option<Rc<Continued>> = None;
    let mut next_continued: Option<Rc<Continued>> = None;
    let mut open_columns = false;
    let mut bar: Option<Bar> = None;
    let mut pair = Pair::Closed;
    // Each paragraph's inline markup, read after the lines, on every core.
    let mut texts: Vec<&str> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let fail = |message: String| MarkupError { line: i + 1, message, word: None };
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let Some(directive) = line.strip_prefix(":::") else {
            let Some(style) = &style else {
                return Err(fail("text before the first `::: style` line".into()));
            };
            if pair == Pair::Open {
                return Err(fail("text in a `::: pair` before its first `::: cell`".into()));
            }
            texts.push(line);
            let continued = continued.clone();
            doc.blocks.push(Block::Para(Para {
                style: style.clone(),
                label: label.take(),
                inlines: Vec::new(),
                continued,
                bar: bar.take(),
            }));
            continue;
        };
        let (name, raw_rest) = directive.trim().split_once(' ').unwrap_or((directive.trim(), ""));
        let rest = plain(raw_rest);
        match name {
            "columns" | "end-columns" => {
                if pair != Pair::Closed {
                    return Err(fail("`::: columns` inside a `::: pair`".into()));
                }
                if open_columns == (name == "columns") {
                    return Err(fail(format!("`::: {name}` without its pair")));
                }
                open_columns = !open_columns;
                doc.blocks.push(if open_columns { Block::Columns } else { Block::EndColumns });
            }
            "pair" | "cell" | "end-pair" => {
                let block = pair.step(name, &rest, open_columns).map_err(fail)?;
                doc.blocks.push(block);
            }
            "page-break" => doc.blocks.push(Block::PageBreak),
            "bookmark" => doc.blocks.push(Block::Bookmark(rest)),
            "bar" => bar = Some(parse_bar(&rest).map_err(fail)?),
            "meta" => set_meta(&mut doc.meta, &rest).map_err(fail)?,
            "continued" => next_continued = Some(Rc::new(parse_continued(raw_rest, is_style).map_err(fail)?)),
            _ if is_style(name) => {
                continued = next_continued.take();
                style = Some(name.to_string());
                label = (!rest.is_empty()).then_some(rest);
            }
            _ => {
                let message = format!("`{name}` is neither a directive nor a style of pdf.yaml");
                return Err(MarkupError { word: Some(name.to_string()), ..fail(message) });
            }
        }
    }
    if open_columns {
        doc.blocks.push(Block::EndColumns);
    }
    if pair != Pair::Closed {
        doc.blocks.push(Block::EndPair);
    }
    let mut inlines = crate::par::map(&texts, |line| inline::parse(line)).into_iter();
    for block in &mut doc.blocks {
        if let Block::Para(p) = block {
            p.inlines = inlines.next().unwrap_or_default();
        }
    }
    Ok(doc)
}

/// Four shares from 0 to 1; a share past either end is held to it.
fn parse_bar(rest: &str) -> Result<Bar, String> {
    let numbers: Vec<f32> = rest.split_whitespace().map_while(|w| w.parse().ok()).collect();
    match numbers[..] {
        [a, b, c, d] if rest.split_whitespace().count() == 4 && numbers.iter().all(|n| n.is_finite()) => {
            Ok([a, b, c, d].map(|n| n.clamp(0.0, 1.0)))
        }
        _ => Err(format!("`::: bar {rest}`: give four numbers from 0 to 1, e.g. `::: bar 0.5 0.25 0 0`")),
    }
}

/// Where the reader is in a `::: pair`.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Pair {
    Closed,
    /// Opened, no cell yet.
    Open,
    InCell,
}

impl Pair {
    /// Reads `::: pair`, `::: cell <lang>` or `::: end-pair`.
    fn step(&mut self, name: &str, rest: &str, in_columns: bool) -> Result<Block, String> {
        let (next, block) = match (name, *self) {
            ("pair", Pair::Closed) if in_columns => return Err("`::: pair` inside `::: columns`".into()),
            ("pair", Pair::Closed) => (Pair::Open, Block::Pair),
            ("cell", Pair::Open | Pair::InCell) if rest.is_empty() => {
                return Err("`::: cell` names its language, e.g. `::: cell es`".into());
            }
            ("cell", Pair::Open | Pair::InCell) => (Pair::InCell, Block::Cell(rest.to_string())),
            ("end-pair", Pair::Open | Pair::InCell) => (Pair::Closed, Block::EndPair),
            ("pair", _) => return Err("`::: pair` inside another; close it with `::: end-pair`".into()),
            _ => return Err(format!("`::: {name}` without its `::: pair`")),
        };
        *self = next;
        Ok(block)
    }
}

fn parse_continued(rest: &str, is_style: &dyn Fn(&str) -> bool) -> Result<Continued, String> {
    let (style, text) = rest.trim().split_once(' ').unwrap_or((rest.trim(), ""));
    if !is_style(style) {
        return Err(format!("`::: continued {style}`: `{style}` is not a style of pdf.yaml"));
    }
    Ok(Continued { style: style.to_string(), inlines: inline::parse(text.trim()) })
}

/// Directive arguments arrive escaped like any template value.
fn plain(escaped: &str) -> String {
    inline::plain(&inline::parse(escaped.trim()))
}

fn set_meta(meta: &mut Meta, rest: &str) -> Result<(), String> {
    let (key, value) = rest.split_once(' ').unwrap_or((rest, ""));
    let value = value.trim().to_string();
    let slot = match key {
        "title" => &mut meta.title,
        "author" => &mut meta.author,
        "subject" => &mut meta.subject,
        "keywords" => &mut meta.keywords,
        "running-title" => &mut meta.running_title,
        _ => return Err(format!("unknown metadata key `{key}`; use {}", META_KEYS.join(", "))),
    };
    *slot = value;
    Ok(())
}

const META_KEYS: [&str; 5] = ["title", "author", "subject", "keywords", "running-title"];

#[cfg(test)]
mod tests {
    use super::*;

    fn styles(name: &str) -> bool {
        ["body", "demand"].contains(&name)
    }

    #[test]
    fn directives_and_paragraphs() {
        let text = "::: meta title Carta \\*uno\\*\n::: bookmark Uno\n::: demand 3.\n**Lead.** body\nsecond\n\n::: columns\n::: body\nA\n::: end-columns\n::: page-break\n";
        let doc = parse(text, &styles).unwrap();
        assert_eq!(doc.meta.title, "Carta *uno*");
        assert_eq!(doc.blocks[0], Block::Bookmark("Uno".into()));
        let Block::Para(p) = &doc.blocks[1] else { panic!("{:?}", doc.blocks) };
        assert_eq!((p.style.as_str(), p.label.as_deref()), ("demand", Some("3.")));
        let Block::Para(p) = &doc.blocks[2] else { panic!() };
        assert_eq!(p.label, None, "a label belongs to the first paragraph only");
        assert_eq!(
            doc.blocks[3..],
            [Block::Columns, doc.blocks[4].clone(), Block::EndColumns, Block::PageBreak]
        );
    }

    #[test]
    fn a_continued_line_belongs_to_the_next_run_only() {
        let text = "::: body\nNet\n::: continued body Net *(cont.)*\n::: demand\nA\nB\n::: body\nC\n";
        let doc = parse(text, &styles).unwrap();
        let continued: Vec<Option<String>> = doc
            .blocks
            .iter()
            .map(|b| match b {
                Block::Para(p) => {
                    p.continued.as_ref().map(|c| format!("{} {}", c.style, inline::plain(&c.inlines)))
                }
                _ => None,
            })
            .collect();
        let net = Some("body Net (cont.)".to_string());
        assert_eq!(continued, [None, net.clone(), net, None]);
        assert!(parse("::: continued nostyle X\n", &styles).unwrap_err().message.contains("`nostyle`"));
    }

    #[test]
    fn mistakes_name_their_line() {
        assert_eq!(parse("\n\nloose text", &styles).unwrap_err().line, 3);
        assert!(parse("::: heading\n", &styles).unwrap_err().message.contains("`heading`"));
        assert!(parse("::: end-columns\n", &styles).is_err());
        assert!(parse("::: meta colour red\n", &styles).is_err());
    }

    #[test]
    fn a_pair_holds_cells_with_their_languages() {
        let doc =
            parse("::: pair\n::: cell es\n::: body\nUno\n::: cell en\nOne\n::: end-pair\n", &styles).unwrap();
        let kinds: Vec<String> = doc
            .blocks
            .iter()
            .map(|b| match b {
                Block::Para(p) => inline::plain(&p.inlines),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(kinds, ["Pair", "Cell(\"es\")", "Uno", "Cell(\"en\")", "One", "EndPair"]);
        assert!(parse("::: body\nA\n::: pair\nloose\n", &styles).unwrap_err().message.contains("`::: cell`"));
        assert!(parse("::: cell es\n", &styles).unwrap_err().message.contains("without its"));
        assert!(parse("::: pair\n::: cell\n", &styles).unwrap_err().message.contains("language"));
        assert!(parse("::: columns\n::: pair\n", &styles).is_err());
    }

    #[test]
    fn an_escaped_colon_is_text_not_a_directive() {
        let doc = parse("::: body\n\\::: page-break\n", &styles).unwrap();
        let Block::Para(p) = &doc.blocks[0] else { panic!() };
        assert_eq!(inline::plain(&p.inlines), "::: page-break");
    }
}
