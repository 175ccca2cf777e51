//! The laid-out pages as printpdf operations: text runs at absolute
//! positions, link areas, the running title and the page footer, each line
//! marked for the structure tree (`tags`).
//!
//! Fonts get fixed resource names (F1–F4 for the faces, F5 on for the
//! fallbacks) and are subset to what is drawn, so the same letter always
//! gives the same bytes.
//!
//! Text in a face is shown as text. Text in a fallback is shown as the
//! glyphs allsorts shaped, each carrying the characters it stands for, so
//! the ToUnicode map gives back the text as written; right-to-left words
//! are drawn mirrored and read back in order by extractors.

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    Actions, BorderArray, Codepoint, Color, FontId, LinkAnnotation, Mm, Op, PaintMode, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, Pt, Rect, Rgb, TextItem, TextMatrix,
};
use rustc_hash::FxHashSet;

use super::fonts::{Face, Fonts, Slot};
use super::paginate::{Page, Placed};
use super::style::{Geometry, Style, Tag, parse_color};
use super::tags::{self, Join, Marked};
use super::typeset::{Item, Run};

/// The words around the pages: running title and footer label.
pub struct Running<'a> {
    pub title: &'a str,
    /// With `{page}` and `{pages}` placeholders.
    pub footer: &'a str,
}

/// One line of running matter, centred: text, face, size, baseline.
struct Extra {
    text: String,
    face: Face,
    size: f32,
    y: f32,
    /// `Header` or `Footer`, for its artifact mark.
    kind: &'static str,
}

/// Gets `pages` ready to draw: registers their fonts with `doc` and sets
/// their running lines. `tags` holds each paragraph's role. The pages are
/// drawn one at a time (`Sheet::draw`), so that a large document's
/// drawing can be converted and freed a part at a time.
pub fn prepare<'a>(
    doc: &mut PdfDocument,
    pages: Vec<Page>,
    links: &'a [String],
    style: &Style,
    running: &Running,
    fonts: &'a Fonts,
    tags: &'a [Tag],
) -> Result<(Sheet<'a>, Vec<Drawing>), String> {
    let geo = style.geometry();
    let total = pages.len();
    let extras: Vec<Vec<Extra>> =
        (0..total).map(|i| running_lines(i, total, running, style, geo, fonts)).collect();
    let glyphs = register_fonts(doc, &pages, &extras, fonts)?;
    let joins = tags::joins(&pages);
    let sheet = Sheet { geo, links, fonts, tags, glyphs, link_color: style.link_rgb() };
    let each = pages
        .into_iter()
        .zip(joins)
        .zip(extras)
        .map(|((page, joins), extras)| Drawing { page, joins, extras })
        .collect();
    Ok((sheet, each))
}

/// A page to draw: its layout, how its lines take part in words broken
/// across lines, and its running lines.
pub struct Drawing {
    page: Page,
    joins: Vec<Join>,
    extras: Vec<Extra>,
}

impl Drawing {
    /// About how long the page takes to draw and convert: its lines.
    pub fn cost(&self) -> usize {
        self.page.lines.len() + self.extras.len()
    }
}

/// What every page is drawn with.
pub struct Sheet<'a> {
    geo: Geometry,
    links: &'a [String],
    fonts: &'a Fonts,
    tags: &'a [Tag],
    glyphs: GlyphMap,
    link_color: [f32; 3],
}

impl Sheet<'_> {
    /// One page, and its marked sequences. The layout is freed as the page
    /// is drawn.
    pub fn draw(&self, drawing: Drawing) -> (PdfPage, Vec<Marked>) {
        let Drawing { page, joins, extras } = drawing;
        let (geo, fonts) = (self.geo, self.fonts);
        let mut ops = vec![Op::StartTextSection];
        let mut marks = Vec::new();
        // The running title first and the footer last, so that even a reader
        // that ignores artifacts reads the page in order.
        let (heads, feet): (Vec<&Extra>, Vec<&Extra>) = extras.iter().partition(|e| e.kind == "Header");
        heads.into_iter().for_each(|extra| extra_ops(extra, geo, fonts, &mut ops));
        let mut line = LineOps {
            ops: &mut ops,
            marks: &mut marks,
            tags: self.tags,
            glyphs: &self.glyphs,
            link_color: self.link_color,
            annots: 0,
        };
        for (placed, join) in page.lines.iter().zip(&joins) {
            line.draw(placed, join, fonts);
        }
        feet.into_iter().for_each(|extra| extra_ops(extra, geo, fonts, &mut ops));
        ops.push(Op::EndTextSection);
        for placed in &page.lines {
            bar_ops(placed, geo.text_width(), &mut ops);
            link_ops(placed, self.links, &mut ops);
        }
        let mut pdf_page = PdfPage::new(Mm(0.0), Mm(0.0), ops);
        let media = Rect::from_wh(Pt(geo.width), Pt(geo.height));
        (pdf_page.media_box, pdf_page.trim_box, pdf_page.crop_box) = (media.clone(), media.clone(), media);
        (pdf_page, marks)
    }
}

/// A line of running matter, centred, marked as an artifact.
fn extra_ops(extra: &Extra, geo: Geometry, fonts: &Fonts, ops: &mut Vec<Op>) {
    let width = fonts.face(extra.face).measure(&extra.text) * extra.size;
    let x = (geo.width - width) / 2.0;
    ops.push(tags::artifact(Some(extra.kind)));
    let id = font_id(extra.face, Slot::Face);
    text_op(id, extra.size, x, extra.y, vec![TextItem::Text(extra.text.clone())], ops);
    ops.push(Op::EndMarkedContent);
}

fn font_id(face: Face, slot: Slot) -> FontId {
    match slot {
        Slot::Face => FontId(format!("F{}", face.index() + 1)),
        Slot::Fallback(i) => FontId(format!("F{}", Face::ALL.len() + i + 1)),
    }
}

/// Each fallback's glyph ids as renumbered in its subset.
type GlyphMap = Vec<BTreeMap<u16, u16>>;

/// Subsets each face to the characters drawn with it and each fallback to
/// the glyphs drawn with it, and adds them under fixed names; fonts never
/// drawn are left out.
fn register_fonts(
    doc: &mut PdfDocument,
    pages: &[Page],
    extras: &[Vec<Extra>],
    fonts: &Fonts,
) -> Result<GlyphMap, String> {
    // A hash set: at 212,802 names the pages hold 20 million characters,
    // and putting each into an ordered set took 0.15 s (`subset` orders
    // the glyphs itself).
    let mut used: [FxHashSet<char>; 4] = Default::default();
    let mut glyphs: Vec<BTreeSet<u16>> = vec![BTreeSet::new(); fonts.fallback_count()];
    for placed in pages.iter().flat_map(|p| &p.lines) {
        for run in &placed.line.runs {
            match run.slot {
                Slot::Face => used[run.face.index()].extend(run.items.iter().flat_map(text_chars)),
                Slot::Fallback(i) => {
                    for item in &run.items {
                        if let Item::Text(t) = item {
                            let shaped = fonts.shaped(i, t).map(|(g, _)| g).unwrap_or_default();
                            glyphs[i].extend(shaped.iter().map(|g| g.id));
                        }
                    }
                }
            }
        }
        if let Some(label) = &placed.label {
            used[Face::Bold.index()].extend(label.chars());
        }
    }
    for extra in extras.iter().flatten() {
        used[extra.face.index()].extend(extra.text.chars());
    }
    for face in Face::ALL {
        if used[face.index()].is_empty() {
            continue;
        }
        let font = fonts.face(face).subset(used[face.index()].iter().copied())?;
        doc.resources.fonts.map.insert(font_id(face, Slot::Face), PdfFont::new(font));
    }
    let mut maps = GlyphMap::new();
    for (i, ids) in glyphs.into_iter().enumerate() {
        let mut ids: Vec<u16> = ids.into_iter().filter(|g| *g != 0).collect();
        ids.insert(0, 0);
        if ids.len() > 1 {
            let font = fonts.fallback(i).subset_glyphs(&ids)?;
            doc.resources.fonts.map.insert(font_id(Face::Regular, Slot::Fallback(i)), PdfFont::new(font));
        }
        maps.push(ids.iter().enumerate().map(|(new, &old)| (old, new as u16)).collect());
    }
    Ok(maps)
}

fn text_chars(item: &Item) -> std::str::Chars<'_> {
    match item {
        Item::Text(t) => t.chars(),
        Item::Gap(_) => "".chars(),
    }
}

/// The running title from page 2 on, and the footer on every page.
fn running_lines(
    i: usize,
    total: usize,
    running: &Running,
    style: &Style,
    geo: Geometry,
    fonts: &Fonts,
) -> Vec<Extra> {
    let size = style.running_size;
    let margin_top = geo.height - geo.top;
    let mut out = Vec::new();
    if i > 0 && !running.title.is_empty() {
        let text = fonts.visible(Face::Italic, running.title);
        out.push(Extra { text, face: Face::Italic, size, y: geo.top + margin_top * 0.45, kind: "Header" });
    }
    let footer =
        running.footer.replace("{page}", &(i + 1).to_string()).replace("{pages}", &total.to_string());
    if !footer.trim().is_empty() {
        let text = fonts.visible(Face::Regular, &footer);
        out.push(Extra { text, face: Face::Regular, size, y: geo.bottom * 0.5, kind: "Footer" });
    }
    out
}

/// Where a page's lines go, with their marks.
struct LineOps<'a> {
    ops: &'a mut Vec<Op>,
    marks: &'a mut Vec<Marked>,
    tags: &'a [Tag],
    /// Each fallback font's glyph ids as renumbered in its subset.
    glyphs: &'a GlyphMap,
    link_color: [f32; 3],
    /// Link annotations of the page's earlier lines.
    annots: usize,
}

impl LineOps<'_> {
    /// A line as one marked sequence of its paragraph (and one for its
    /// label), or as an artifact if it repeats text read elsewhere.
    fn draw(&mut self, placed: &Placed, join: &Join, fonts: &Fonts) {
        let x0 = placed.x + placed.line.indent;
        let elem = placed.line.elem.and_then(|e| self.tags.get(e).map(|t| (e, *t)));
        if let Some(label) = &placed.label {
            self.begin(elem, "Lbl", true);
            let width = fonts.face(Face::Bold).measure(label) * placed.size;
            let x = x0 - width - placed.size * 0.4;
            let id = font_id(Face::Bold, Slot::Face);
            text_op(id, placed.size, x, placed.y, vec![TextItem::Text(label.clone())], self.ops);
            self.ops.push(Op::EndMarkedContent);
        }
        self.begin(elem, elem.map_or("P", |(_, tag)| tags::body_role(tag)), false);
        // A span of actual text cannot cross the end of a link's sequence.
        let links = elem.filter(|_| !join.overlaps(&link_ranges(placed)));
        self.runs(placed, x0, join.cuts(), links, fonts);
        self.ops.push(Op::EndMarkedContent);
        self.annots += placed.line.links.len();
    }

    fn begin(&mut self, elem: Option<(usize, Tag)>, role: &str, label: bool) {
        match elem {
            Some((elem, _)) => {
                self.ops.push(tags::begin(role, self.marks.len()));
                self.marks.push(Marked { elem, label, link: None });
            }
            None => self.ops.push(tags::artifact(None)),
        }
    }

    /// Linked text as a sequence of its own, for a `Link` element with its
    /// annotation, between two sequences of the line's paragraph.
    fn link(&mut self, elem: (usize, Tag), annot: Option<usize>) {
        self.ops.push(Op::EndMarkedContent);
        let (role, link) = match annot {
            Some(k) => ("Link", Some(self.annots + k)),
            None => (tags::body_role(elem.1), None),
        };
        self.ops.push(tags::begin(role, self.marks.len()));
        self.marks.push(Marked { elem: elem.0, label: false, link });
    }

    /// The line's runs, with the `cuts` (marks at character offsets of the
    /// line's text) put between the characters they fall between.
    /// `links`: the paragraph, when linked text is to be marked apart.
    fn runs(
        &mut self,
        placed: &Placed,
        x0: f32,
        cuts: Vec<(usize, Op)>,
        links: Option<(usize, Tag)>,
        fonts: &Fonts,
    ) {
        let mut cuts = cuts.into_iter().peekable();
        let mut at = 0;
        for run in &placed.line.runs {
            let annot = run.link.then(|| annot_of(placed, run)).flatten();
            let link = links.filter(|_| annot.is_some());
            if let Some(elem) = link {
                self.link(elem, annot);
            }
            if run.link {
                self.ops.push(fill(self.link_color));
            }
            self.ops.push(Op::SetFont {
                font: PdfFontHandle::External(font_id(run.face, run.slot)),
                size: Pt(placed.size),
            });
            self.ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(x0 + run.x), Pt(placed.y)) });
            let mut shown = Vec::new();
            for item in items(run, placed.size, fonts, self.glyphs) {
                let TextItem::Text(mut rest) = item else {
                    // Shaped glyphs carry their own text; a cut never falls
                    // inside them (only Spanish and English hyphenate).
                    if let TextItem::GlyphIds(glyphs) = &item {
                        at += glyphs
                            .iter()
                            .map(|g| g.cid.as_deref().map_or(0, |t| t.chars().count()))
                            .sum::<usize>();
                    }
                    shown.push(item);
                    continue;
                };
                while let Some((cut, _)) = cuts.peek().filter(|(c, _)| *c < at + rest.chars().count()) {
                    let split =
                        rest.char_indices().nth(cut.saturating_sub(at)).map_or(rest.len(), |(b, _)| b);
                    let tail = rest.split_off(split);
                    at += rest.chars().count();
                    if !rest.is_empty() {
                        shown.push(TextItem::Text(rest));
                    }
                    self.show(&mut shown);
                    self.ops.extend(cuts.next().map(|(_, op)| op));
                    rest = tail;
                }
                at += rest.chars().count();
                shown.push(TextItem::Text(rest));
            }
            self.show(&mut shown);
            if run.link {
                self.ops.push(fill([0.0, 0.0, 0.0]));
            }
            if let Some(elem) = link {
                self.link(elem, None);
            }
        }
        self.ops.extend(cuts.map(|(_, op)| op));
    }

    fn show(&mut self, items: &mut Vec<TextItem>) {
        if !items.is_empty() {
            self.ops.push(Op::ShowText { items: std::mem::take(items) });
        }
    }
}

/// Which of the line's links a linked run is.
fn annot_of(placed: &Placed, run: &Run) -> Option<usize> {
    placed.line.links.iter().position(|&(a, b, _)| run.x > a - 0.01 && run.x < b)
}

/// The character ranges of the line's linked runs.
fn link_ranges(placed: &Placed) -> Vec<(usize, usize)> {
    let mut at = 0;
    let mut out = Vec::new();
    for run in &placed.line.runs {
        let len: usize =
            run.items.iter().map(|i| if let Item::Text(t) = i { t.chars().count() } else { 0 }).sum();
        if run.link {
            out.push((at, at + len));
        }
        at += len;
    }
    out
}

fn fill([r, g, b]: [f32; 3]) -> Op {
    Op::SetFillColor { col: Color::Rgb(Rgb { r, g, b, icc_profile: None }) }
}

/// Gaps become offsets in thousandths of an em; negative moves right.
fn items(run: &Run, size: f32, fonts: &Fonts, glyphs: &GlyphMap) -> Vec<TextItem> {
    let mut out = Vec::new();
    for item in &run.items {
        match (item, run.slot) {
            (Item::Gap(pt), _) => out.push(TextItem::Offset(-pt / size * 1000.0)),
            (Item::Text(t), Slot::Face) if run.rtl => {
                let font = fonts.face(run.face);
                let em = |c: char| -font.width(c).unwrap_or(0.0) * 1000.0;
                place(
                    t.chars().map(|c| (TextItem::Text(c.to_string()), em(c), em(c), 0.0)).collect(),
                    true,
                    &mut out,
                );
            }
            (Item::Text(t), Slot::Face) => out.push(TextItem::Text(t.clone())),
            (Item::Text(t), Slot::Fallback(i)) => shaped_items(fonts, i, t, run.rtl, &glyphs[i], &mut out),
        }
    }
    out
}

/// Shaped glyphs, each moved by what shaping changed of its advance and
/// position (joined forms, marks on letters).
fn shaped_items(
    fonts: &Fonts,
    i: usize,
    text: &str,
    rtl: bool,
    map: &BTreeMap<u16, u16>,
    out: &mut Vec<TextItem>,
) {
    let Some((shaped, upem)) = fonts.shaped(i, text) else { return };
    let em = |units: i32| -(units as f32) / upem * 1000.0;
    let mut rest = text;
    let placed = shaped.into_iter().map(|g| {
        let gid = map.get(&g.id).copied().unwrap_or(0);
        // A character drawn as two glyphs (alef and its hamza) is given back once.
        let text = match rest.strip_prefix(g.text.as_str()) {
            Some(after) if !g.text.is_empty() => {
                rest = after;
                g.text
            }
            _ => String::new(),
        };
        (
            TextItem::GlyphIds(vec![Codepoint::with_cid(gid, 0.0, text)]),
            em(g.natural),
            em(g.advance),
            em(g.offset),
        )
    });
    place(placed.collect(), rtl, out);
}

/// Glyphs written in reading order, each with its natural advance, its
/// advance as set and its shift, in text-space thousandths (negative is
/// rightwards). Right-to-left text stays in reading order in the content
/// stream, so extractors give it back as written, and each glyph is placed
/// right to left: the pen starts at the word's right end and steps back.
fn place(glyphs: Vec<(TextItem, f32, f32, f32)>, rtl: bool, out: &mut Vec<TextItem>) {
    let total: f32 = glyphs.iter().map(|g| g.2).sum();
    let push_offset = |out: &mut Vec<TextItem>, n: f32| {
        if n.abs() > 0.001 {
            match out.last_mut() {
                Some(TextItem::Offset(m)) => *m += n,
                _ => out.push(TextItem::Offset(n)),
            }
        }
    };
    if rtl {
        push_offset(out, total);
    }
    for (glyph, natural, advance, shift) in glyphs {
        if rtl {
            push_offset(out, -advance + shift);
        } else {
            push_offset(out, shift);
        }
        match (out.last_mut(), glyph) {
            (Some(TextItem::GlyphIds(list)), TextItem::GlyphIds(more)) => list.extend(more),
            (_, glyph) => out.push(glyph),
        }
        if rtl {
            push_offset(out, -natural - shift);
        } else {
            push_offset(out, advance - natural - shift);
        }
    }
    if rtl {
        push_offset(out, total);
    }
}

fn text_op(font: FontId, size: f32, x: f32, y: f32, items: Vec<TextItem>, ops: &mut Vec<Op>) {
    ops.push(Op::SetFont { font: PdfFontHandle::External(font), size: Pt(size) });
    ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(x), Pt(y)) });
    ops.push(Op::ShowText { items });
}

/// A line's bar, under its baseline: each segment in its colour of the
/// chart's palette (the HTML chart's), as wide as its share of `width`. An
/// artifact: the numbers it draws are in the line's text, read already.
fn bar_ops(placed: &Placed, width: f32, ops: &mut Vec<Op>) {
    let Some(bar) = placed.bar else { return };
    ops.push(Op::BeginMarkedContent { tag: "Artifact".into() });
    let (height, mut x) = (placed.size * 0.45, placed.x + placed.line.indent);
    let y = placed.y - placed.size * 0.3 - height;
    for (share, color) in bar.iter().zip(crate::render::chart::COLORS) {
        let w = share * width;
        if w <= 0.0 {
            continue;
        }
        ops.push(fill(parse_color(color).unwrap_or([0.0, 0.0, 0.0])));
        let rectangle =
            Rect { mode: Some(PaintMode::Fill), ..Rect::from_xywh(Pt(x), Pt(y), Pt(w), Pt(height)) };
        ops.push(Op::DrawRectangle { rectangle });
        x += w;
    }
    ops.push(fill([0.0, 0.0, 0.0]));
    ops.push(Op::EndMarkedContent);
}

fn link_ops(placed: &Placed, links: &[String], ops: &mut Vec<Op>) {
    let x0 = placed.x + placed.line.indent;
    for &(a, b, id) in &placed.line.links {
        let Some(url) = links.get(id) else { continue };
        let rect =
            Rect::from_xywh(Pt(x0 + a), Pt(placed.y - placed.size * 0.25), Pt(b - a), Pt(placed.size * 1.1));
        let border = Some(BorderArray::Solid([0.0, 0.0, 0.0]));
        ops.push(Op::LinkAnnotation {
            link: LinkAnnotation::new(rect, Actions::Uri(url.clone()), border, None, None),
        });
    }
}
