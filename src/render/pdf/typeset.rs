//! One paragraph of inline text set into lines of a given width: spans of
//! one face, words, fragments between break points, then lines positioned
//! run by run, ready to draw.

use super::fonts::{self, Face, Fonts, Slot};
use super::linebreak::{self, Frag, Measure};
use super::style::{Align, Para};
use super::words::{self, Piece, Span};
use crate::render::inline::Inline;

/// Text of one face, drawn from `x`; `Gap`s widen the spaces of a justified line.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub face: Face,
    /// The font the glyphs come from: the face, or a fallback for another script.
    pub slot: Slot,
    /// Right-to-left text: each of its items is drawn mirrored, glyph by glyph.
    pub rtl: bool,
    /// Drawn in the link colour.
    pub link: bool,
    pub x: f32,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(String),
    Gap(f32),
}

#[derive(Debug, Clone, Default)]
pub struct Line {
    /// Offset of the line from the paragraph's left edge.
    pub indent: f32,
    pub runs: Vec<Run>,
    /// (x0, x1, link index) of linked text, relative to the line.
    pub links: Vec<(f32, f32, usize)>,
    /// The paragraph it belongs to in the structure tree, by its order in
    /// the document; none for a line drawn as a repeat (a continued line).
    pub elem: Option<usize>,
    /// Ends inside a word, with a hyphen.
    pub hyphenated: bool,
}

/// A paragraph set into lines.
#[derive(Debug, Clone)]
pub struct SetPara {
    pub lines: Vec<Line>,
    /// Lines that must stay together at the top of the paragraph.
    pub head: usize,
}

/// The narrowest last line of a paragraph, in ems: six letters or so.
const MIN_LAST_EMS: f32 = 3.0;

/// What typesetting collects along the way.
pub struct Setter<'a> {
    pub fonts: &'a Fonts,
    pub lang: Option<hypher::Lang>,
    pub links: Vec<String>,
    /// (paragraph text, characters the fonts lack)
    pub missing: Vec<(String, Vec<char>)>,
}

impl Setter<'_> {
    pub fn set(&mut self, inlines: &[Inline], style: &Para, width: f32) -> SetPara {
        let spans = self.spans(inlines, style);
        let laid = lay(&spans, style, width, self.fonts, self.lang);
        self.missing.extend(laid.missing);
        laid.set
    }

    /// The first half of `set`: the text cut into spans by face. It numbers
    /// the links, so it runs in the document's order; `lay`, the costly
    /// half, may run on any core.
    pub fn spans(&mut self, inlines: &[Inline], style: &Para) -> Vec<Span> {
        let mut spans = Vec::new();
        let base = Face::new(style.bold, style.italic);
        let leads = matches!(inlines.first(), Some(Inline::Strong(_)));
        for (i, node) in inlines.iter().enumerate() {
            self.flatten(node, base, None, leads && i == 0, &mut spans);
        }
        spans
    }

    fn flatten(&mut self, node: &Inline, face: Face, link: Option<usize>, lead: bool, out: &mut Vec<Span>) {
        let mut push = |text: &str, face| {
            out.push(Span { text: text.to_string(), face, link, lead, slot: Slot::Face, rtl: false })
        };
        match node {
            Inline::Text(t) | Inline::Code(t) => push(t, face),
            Inline::Emph(c) => c.iter().for_each(|n| self.flatten(n, face.italic(), link, lead, out)),
            Inline::Strong(c) => c.iter().for_each(|n| self.flatten(n, face.bold(), link, lead, out)),
            Inline::Link { url, children } => {
                self.links.push(url.clone());
                let id = Some(self.links.len() - 1);
                children.iter().for_each(|n| self.flatten(n, face, id, lead, out));
            }
        }
    }
}

/// Cuts spans where the font or the direction changes: each character goes
/// to the first font that has it (`Fonts::slot`); one no font has is shown
/// as the replacement and returned with the paragraph's text, so the build
/// can fail naming it.
fn split_by_font(spans: &[Span], fonts: &Fonts) -> (Vec<Span>, Option<(String, Vec<char>)>) {
    let mut missing = Vec::new();
    let mut out: Vec<Span> = Vec::new();
    for span in spans {
        let mut current: Option<Span> = None;
        for c in span.text.chars().filter(|c| !c.is_control() && !is_invisible(*c)) {
            let c = if c.is_whitespace() { ' ' } else { c };
            let (c, slot) = match (c, current.as_ref()) {
                (' ', Some(cur)) => (c, cur.slot),
                _ => match fonts.slot(span.face, c) {
                    Some(slot) => (c, slot),
                    None => {
                        missing.push(c);
                        (fonts.replacement, Slot::Face)
                    }
                },
            };
            let rtl = match current.as_ref() {
                _ if fonts::is_rtl(c) => true,
                _ if fonts::is_ltr(c) => false,
                Some(cur) => cur.rtl,
                None => false,
            };
            match current.as_mut() {
                Some(cur) if cur.slot == slot && cur.rtl == rtl => cur.text.push(c),
                _ => {
                    out.extend(current.take());
                    current = Some(Span { text: c.to_string(), slot, rtl, ..span.clone() });
                }
            }
        }
        out.extend(current);
    }
    missing.dedup();
    let original = || spans.iter().map(|s| s.text.as_str()).collect();
    (out, (!missing.is_empty()).then(|| (original(), missing)))
}

/// A paragraph set, and what its text has that no font draws.
pub struct Laid {
    pub set: SetPara,
    pub missing: Option<(String, Vec<char>)>,
}

/// The second half of `Setter::set`: `spans` given their fonts and broken
/// into justified, hyphenated lines of `width`.
pub fn lay(spans: &[Span], style: &Para, width: f32, fonts: &Fonts, lang: Option<hypher::Lang>) -> Laid {
    let (spans, missing) = split_by_font(spans, fonts);
    Laid { set: broken(&spans, style, width, fonts, lang), missing }
}

fn broken(spans: &[Span], style: &Para, width: f32, fonts: &Fonts, lang: Option<hypher::Lang>) -> SetPara {
    let rest = (width - style.indent - style.hang).max(1.0);
    let (frags, pieces) = words::fragments(spans, fonts, lang, style, rest);
    let first = (width - style.indent - style.first_indent).max(1.0);
    let min_last = style.size * MIN_LAST_EMS;
    let measure = Measure { first, rest, justify: style.align == Align::Justify, min_last };
    let ends = linebreak::breaks(&frags, measure);
    let lines = compose(&frags, &pieces, &ends, style, measure, fonts);
    let lead_lines = lead_lines(&pieces, &ends);
    let head = if lead_lines > 0 { lead_lines + 1 } else { 2 };
    SetPara { head: head.min(lines.len()), lines }
}

/// Format characters that draw nothing: soft hyphens, zero-width and
/// directional marks and controls (the PDF sets direction itself), joiners,
/// and the variation selectors that follow emoji. `check` warns of them.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{61C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
    )
}

/// Positions each line's runs: justified lines share the leftover width
/// among their spaces; others are placed by their alignment.
fn compose(
    frags: &[Frag],
    pieces: &[Vec<Piece>],
    ends: &[usize],
    style: &Para,
    m: Measure,
    fonts: &Fonts,
) -> Vec<Line> {
    let mut lines = Vec::with_capacity(ends.len());
    let mut start = 0;
    for (n, &end) in ends.iter().enumerate() {
        let width = if n == 0 { m.first } else { m.rest };
        let line = &frags[start..end];
        let natural: f32 = line.iter().map(|f| f.width).sum::<f32>()
            + line[..line.len() - 1].iter().map(|f| f.glue).sum::<f32>()
            + line[line.len() - 1].hyphen;
        let glue: f32 = line[..line.len() - 1].iter().map(|f| f.glue).sum();
        let last = n + 1 == ends.len();
        let stretch = natural > width || (m.justify && !last);
        let per_glue = if stretch && glue > 0.0 { (width - natural) / glue } else { 0.0 };
        let offset = match style.align {
            Align::Center => ((width - natural) / 2.0).max(0.0),
            Align::Right => (width - natural).max(0.0),
            _ => 0.0,
        };
        let indent = style.indent + if n == 0 { style.first_indent } else { style.hang };
        let mut builder = LineBuilder { line: Line { indent, ..Line::default() }, x: offset };
        let order = visual_order(pieces, start, end);
        for (k, &i) in order.iter().enumerate() {
            let rtl = pieces[i].iter().any(|p| p.span.rtl);
            let in_order: Box<dyn Iterator<Item = &Piece>> =
                if rtl { Box::new(pieces[i].iter().rev()) } else { Box::new(pieces[i].iter()) };
            for p in in_order {
                builder.text(&p.span, &p.span.text, p.width);
            }
            // The space between two neighbours is the one written after the
            // first of them in reading order, whichever side it is drawn on.
            if let Some(&next) = order.get(k + 1) {
                let before = i.min(next);
                if frags[before].glue > 0.0 {
                    builder.space(&pieces[i], frags[before].glue, frags[before].glue * per_glue);
                }
            } else if let Some(p) = pieces[end - 1].last() {
                builder.line_end(&p.span, frags[end - 1], last, fonts, style.size);
            }
        }
        reading_order(&mut builder.line.runs);
        lines.push(builder.line);
        start = end;
    }
    lines
}

/// The line's fragments in the order they are drawn, left to right: in
/// reading order, but each run of right-to-left words reversed (rule L2 of
/// the Unicode bidirectional algorithm, for a left-to-right paragraph). A
/// word with no strong direction (digits, punctuation) between two
/// right-to-left words goes with them.
fn visual_order(pieces: &[Vec<Piece>], start: usize, end: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (start..end).collect();
    if !pieces[start..end].iter().flatten().any(|p| p.span.rtl) {
        return order;
    }
    let strong: Vec<Option<bool>> = (start..end).map(|i| direction(&pieces[i])).collect();
    let rtl: Vec<bool> = (0..strong.len())
        .map(|k| {
            strong[k].unwrap_or_else(|| {
                let before = strong[..k].iter().rev().find_map(|d| *d);
                let after = strong[k + 1..].iter().find_map(|d| *d);
                before == Some(true) && after == Some(true)
            })
        })
        .collect();
    let mut k = 0;
    while k < rtl.len() {
        let run = rtl[k..].iter().take_while(|r| **r).count();
        order[k..k + run].reverse();
        k += run.max(1);
    }
    order
}

/// Puts each stretch of right-to-left words, built left to right, back in
/// reading order: every run keeps its own position on the line, but the
/// content stream then holds the words as written, which extractors read.
fn reading_order(runs: &mut [Run]) {
    let space = |r: &Run| r.items.iter().all(|i| matches!(i, Item::Gap(_)) || *i == Item::Text(" ".into()));
    let mut k = 0;
    while k < runs.len() {
        if !runs[k].rtl {
            k += 1;
            continue;
        }
        let mut group = vec![k];
        let mut j = k + 1;
        while j < runs.len() && (runs[j].rtl || space(&runs[j])) {
            if runs[j].rtl {
                group.push(j);
            }
            j += 1;
        }
        for a in 0..group.len() / 2 {
            runs.swap(group[a], group[group.len() - 1 - a]);
        }
        k = j;
    }
}

/// The direction of a fragment's first strong character, if it has one.
fn direction(pieces: &[Piece]) -> Option<bool> {
    pieces.iter().flat_map(|p| p.span.text.chars()).find_map(|c| {
        if fonts::is_rtl(c) {
            Some(true)
        } else if fonts::is_ltr(c) {
            Some(false)
        } else {
            None
        }
    })
}

struct LineBuilder {
    line: Line,
    x: f32,
}

impl LineBuilder {
    fn text(&mut self, span: &Span, text: &str, width: f32) {
        // Spaces are always the face's own: a fallback font may lack one.
        let (slot, rtl) = if text == " " { (Slot::Face, false) } else { (span.slot, span.rtl) };
        match self.line.runs.last_mut() {
            // Right-to-left words are runs of their own, put back in reading order later.
            Some(run)
                if run.face == span.face
                    && run.link == span.link.is_some()
                    && run.slot == slot
                    && !rtl
                    && !run.rtl =>
            {
                match run.items.last_mut() {
                    Some(Item::Text(t)) => t.push_str(text),
                    _ => run.items.push(Item::Text(text.to_string())),
                }
            }
            _ => self.line.runs.push(Run {
                face: span.face,
                slot,
                rtl,
                link: span.link.is_some(),
                x: self.x,
                items: vec![Item::Text(text.into())],
            }),
        }
        if let Some(id) = span.link {
            match self.line.links.last_mut() {
                Some(l) if l.2 == id && (l.1 - self.x).abs() < 0.01 => l.1 = self.x + width,
                _ => self.line.links.push((self.x, self.x + width, id)),
            }
        }
        self.x += width;
    }

    /// What ends a line: the hyphen of a broken word, drawn as a soft
    /// hyphen so text extraction knows to join the word again; else a space
    /// past the line's end, so extracted lines do not run together.
    fn line_end(&mut self, span: &Span, frag: Frag, last: bool, fonts: &Fonts, size: f32) {
        let span = &Span { slot: Slot::Face, rtl: false, ..span.clone() };
        let font = fonts.face(span.face);
        if frag.hyphen > 0.0 {
            self.line.hyphenated = true;
            let hyphen = if font.has('\u{AD}') { "\u{AD}" } else { "-" };
            self.text(span, hyphen, font.measure(hyphen) * size);
        } else if frag.glue > 0.0 || last {
            self.text(&Span { link: None, ..span.clone() }, " ", font.measure(" ") * size);
        }
    }

    /// A real space, so text extraction keeps words apart, then the
    /// justification's extra as a gap.
    fn space(&mut self, before: &[Piece], natural: f32, extra: f32) {
        let Some(p) = before.last() else { return };
        self.text(&p.span, " ", natural);
        if extra.abs() > 0.001
            && let Some(run) = self.line.runs.last_mut()
        {
            run.items.push(Item::Gap(extra));
            self.x += extra;
        }
    }
}

/// How many lines the paragraph's bold lead reaches into.
fn lead_lines(pieces: &[Vec<Piece>], ends: &[usize]) -> usize {
    let Some(last_lead) = pieces.iter().rposition(|ps| ps.iter().any(|p| p.span.lead)) else { return 0 };
    ends.iter().position(|&end| last_lead < end).map_or(0, |n| n + 1)
}

#[cfg(test)]
mod tests {
    use super::super::fonts::fonts;
    use super::*;
    use crate::render::inline::parse;

    fn setter() -> Setter<'static> {
        Setter {
            fonts: fonts(),
            lang: super::super::hyphenate::lang("es"),
            links: Vec::new(),
            missing: Vec::new(),
        }
    }

    fn text_of(line: &Line) -> String {
        line.runs
            .iter()
            .flat_map(|r| &r.items)
            .filter_map(|i| if let Item::Text(t) = i { Some(t.as_str()) } else { None })
            .collect()
    }

    const LONG: &str = "Las organizaciones de la sociedad civil y las personas defensoras de derechos humanos \
        que suscribimos esta carta nos dirigimos a ustedes con relación a las implicaciones derivadas de la \
        llegada del presidente electo a la Casa Blanca.";

    #[test]
    fn justified_lines_fill_the_measure_and_keep_every_word() {
        let mut s = setter();
        let style = Para::default();
        let set = s.set(&parse(LONG), &style, 200.0);
        assert!(set.lines.len() > 3);
        let joined: String = set.lines.iter().map(text_of).collect::<Vec<_>>().join("\n");
        let rejoined = joined.replace("\u{AD}\n", "").replace('\n', " ");
        assert_eq!(rejoined.split_whitespace().collect::<Vec<_>>().join(" "), LONG);
    }

    /// Where a line's ink ends: its last run's start plus the run's width,
    /// leaving out the space that ends the line.
    fn extent(line: &Line, size: f32) -> f32 {
        let run = line.runs.last().unwrap();
        let width: f32 = run
            .items
            .iter()
            .map(|i| match i {
                Item::Text(t) => fonts().face(run.face).measure(t) * size,
                Item::Gap(g) => *g,
            })
            .sum();
        let trailing =
            if text_of(line).ends_with(' ') { fonts().face(run.face).measure(" ") * size } else { 0.0 };
        line.indent + run.x + width - trailing
    }

    #[test]
    fn no_line_is_overfull_and_justified_lines_are_flush() {
        let style = Para::default();
        for width in [150.0, 210.0, 290.0, 440.0] {
            let set = setter().set(&parse(LONG), &style, width);
            for (n, line) in set.lines.iter().enumerate() {
                let end = extent(line, style.size);
                assert!(end <= width + 0.01, "width {width}, line {n} ends at {end}: {}", text_of(line));
                if n + 1 < set.lines.len() {
                    assert!(end > width - 0.01, "width {width}, line {n} is not flush: {end}");
                }
            }
        }
    }

    #[test]
    fn markup_becomes_faces_and_links() {
        let mut s = setter();
        let set = s.set(&parse("**Lead.** *em* [site](https://x.org)"), &Para::default(), 400.0);
        let faces: Vec<Face> = set.lines[0].runs.iter().map(|r| r.face).collect();
        assert_eq!(faces, [Face::Bold, Face::Italic, Face::Regular, Face::Regular]);
        assert!(set.lines[0].runs[2].link, "the link is its own run, drawn in the link colour");
        assert!(!set.lines[0].runs[3].link, "the space that ends the line is not part of it");
        assert_eq!(s.links, ["https://x.org"]);
        assert_eq!(set.lines[0].links.len(), 1);
        assert_eq!(set.head, 1, "a one-line paragraph keeps itself");
    }

    #[test]
    fn missing_glyphs_are_replaced_and_reported() {
        let mut s = setter();
        let set = s.set(&parse("Ana \u{E000} \u{F8FF}"), &Para::default(), 400.0);
        assert_eq!(text_of(&set.lines[0]), "Ana \u{FFFD} \u{FFFD} ");
        assert_eq!(s.missing, [("Ana \u{E000} \u{F8FF}".to_string(), vec!['\u{E000}', '\u{F8FF}'])]);
    }

    #[test]
    fn hanging_indent_and_overlong_words() {
        let mut s = setter();
        let style = Para { hang: 10.0, align: Align::Left, hyphenate: false, ..Para::default() };
        let set = s.set(&parse("Supercalifragilisticoexpialidoso de la Universidad"), &style, 60.0);
        assert!(set.lines.len() >= 3);
        assert_eq!((set.lines[0].indent, set.lines[1].indent), (0.0, 10.0));
    }

    /// (text, x, right to left) of each word run, in content-stream order.
    fn words_of(line: &Line) -> Vec<(String, f32, bool)> {
        line.runs
            .iter()
            .filter(|r| text_of(&Line { runs: vec![(*r).clone()], ..Line::default() }).trim() != "")
            .map(|r| {
                (text_of(&Line { runs: vec![r.clone()], ..Line::default() }).trim().to_string(), r.x, r.rtl)
            })
            .collect()
    }

    #[test]
    fn right_to_left_words_are_placed_right_to_left_but_kept_in_reading_order() {
        let style = Para { align: Align::Left, ..Para::default() };
        let set = setter().set(&parse("Red جمعية حقوق الإنسان Sur"), &style, 400.0);
        let words = words_of(&set.lines[0]);
        let texts: Vec<&str> = words.iter().map(|w| w.0.as_str()).collect();
        assert_eq!(texts, ["Red", "جمعية", "حقوق", "الإنسان", "Sur"], "reading order in the stream");
        let x = |t: &str| words.iter().find(|w| w.0 == t).unwrap().1;
        assert!(x("Red") < x("الإنسان") && x("الإنسان") < x("حقوق") && x("حقوق") < x("جمعية"));
        assert!(x("جمعية") < x("Sur"), "{words:?}");
        assert!(words[1].2 && !words[0].2);
    }

    #[test]
    fn each_script_takes_a_font_and_nothing_is_replaced() {
        let mut s = setter();
        let set = s.set(&parse("Ελλάδα Москва 北京 東京 서울 दिल्ली 🌵 ירושלים"), &Para::default(), 400.0);
        assert!(s.missing.is_empty(), "{:?}", s.missing);
        let slots: Vec<Slot> = set.lines[0].runs.iter().map(|r| r.slot).collect();
        assert!(
            slots.contains(&Slot::Face) && slots.iter().filter(|s| **s != Slot::Face).count() >= 3,
            "{slots:?}"
        );
    }
}
