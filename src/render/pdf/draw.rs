//! The laid-out pages as printpdf operations: text runs at absolute
//! positions, link areas, the running title and the page footer.
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
    Actions, BorderArray, Codepoint, Color, FontId, LinkAnnotation, Mm, Op, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, Pt, Rect, Rgb, TextItem, TextMatrix,
};

use super::fonts::{Face, Fonts, Slot};
use super::paginate::{Page, Placed};
use super::style::{Geometry, Style};
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
}

/// Draws `pages`, each freed as soon as it is drawn.
pub fn pages(
    doc: &mut PdfDocument,
    pages: Vec<Page>,
    links: &[String],
    style: &Style,
    running: &Running,
    fonts: &Fonts,
) -> Result<(), String> {
    let geo = style.geometry();
    let total = pages.len();
    let extras: Vec<Vec<Extra>> =
        (0..total).map(|i| running_lines(i, total, running, style, geo, fonts)).collect();
    let glyphs = register_fonts(doc, &pages, &extras, fonts)?;
    let link_color = style.link_rgb();
    for (i, page) in pages.into_iter().enumerate() {
        let mut ops = vec![Op::StartTextSection];
        for placed in &page.lines {
            line_ops(placed, fonts, &glyphs, link_color, &mut ops);
        }
        for extra in &extras[i] {
            let width = fonts.face(extra.face).measure(&extra.text) * extra.size;
            let x = (geo.width - width) / 2.0;
            let id = font_id(extra.face, Slot::Face);
            text_op(id, extra.size, x, extra.y, vec![TextItem::Text(extra.text.clone())], &mut ops);
        }
        ops.push(Op::EndTextSection);
        for placed in &page.lines {
            link_ops(placed, links, &mut ops);
        }
        let mut pdf_page = PdfPage::new(Mm(0.0), Mm(0.0), ops);
        let media = Rect::from_wh(Pt(geo.width), Pt(geo.height));
        (pdf_page.media_box, pdf_page.trim_box, pdf_page.crop_box) = (media.clone(), media.clone(), media);
        doc.pages.push(pdf_page);
    }
    Ok(())
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
    let mut used: [BTreeSet<char>; 4] = Default::default();
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
        let font = fonts.face(face).subset(&used[face.index()])?;
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
        out.push(Extra { text, face: Face::Italic, size, y: geo.top + margin_top * 0.45 });
    }
    let footer =
        running.footer.replace("{page}", &(i + 1).to_string()).replace("{pages}", &total.to_string());
    if !footer.trim().is_empty() {
        let text = fonts.visible(Face::Regular, &footer);
        out.push(Extra { text, face: Face::Regular, size, y: geo.bottom * 0.5 });
    }
    out
}

fn line_ops(placed: &Placed, fonts: &Fonts, glyphs: &GlyphMap, link_color: [f32; 3], ops: &mut Vec<Op>) {
    let x0 = placed.x + placed.line.indent;
    if let Some(label) = &placed.label {
        let width = fonts.face(Face::Bold).measure(label) * placed.size;
        let x = x0 - width - placed.size * 0.4;
        let id = font_id(Face::Bold, Slot::Face);
        text_op(id, placed.size, x, placed.y, vec![TextItem::Text(label.clone())], ops);
    }
    for run in &placed.line.runs {
        if run.link {
            ops.push(fill(link_color));
        }
        let id = font_id(run.face, run.slot);
        text_op(id, placed.size, x0 + run.x, placed.y, items(run, placed.size, fonts, glyphs), ops);
        if run.link {
            ops.push(fill([0.0, 0.0, 0.0]));
        }
    }
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
