//! The laid-out pages as printpdf operations: text runs at absolute
//! positions, link areas, the running title and the page footer.
//!
//! Fonts get fixed resource names (F1–F4) and are subset to the characters
//! drawn, so the same letter always gives the same bytes.

use std::collections::BTreeSet;

use printpdf::{
    Actions, BorderArray, Color, FontId, LinkAnnotation, Mm, Op, PaintMode, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, Pt, Rect, Rgb, TextItem, TextMatrix,
};

use super::fonts::{Face, Fonts};
use super::paginate::{Page, Placed};
use super::style::{Geometry, Style, parse_color};
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
    register_fonts(doc, &pages, &extras, fonts)?;
    let link_color = style.link_rgb();
    for (i, page) in pages.into_iter().enumerate() {
        let mut ops = vec![Op::StartTextSection];
        for placed in &page.lines {
            line_ops(placed, fonts, link_color, &mut ops);
        }
        for extra in &extras[i] {
            let width = fonts.face(extra.face).measure(&extra.text) * extra.size;
            let x = (geo.width - width) / 2.0;
            text_op(extra.face, extra.size, x, extra.y, vec![TextItem::Text(extra.text.clone())], &mut ops);
        }
        ops.push(Op::EndTextSection);
        for placed in &page.lines {
            bar_ops(placed, geo.text_width(), &mut ops);
            link_ops(placed, links, &mut ops);
        }
        let mut pdf_page = PdfPage::new(Mm(0.0), Mm(0.0), ops);
        let media = Rect::from_wh(Pt(geo.width), Pt(geo.height));
        (pdf_page.media_box, pdf_page.trim_box, pdf_page.crop_box) = (media.clone(), media.clone(), media);
        doc.pages.push(pdf_page);
    }
    Ok(())
}

fn font_id(face: Face) -> FontId {
    FontId(format!("F{}", face.index() + 1))
}

/// Subsets each face to the characters drawn with it and adds it under a
/// fixed name; faces never drawn are left out.
fn register_fonts(
    doc: &mut PdfDocument,
    pages: &[Page],
    extras: &[Vec<Extra>],
    fonts: &Fonts,
) -> Result<(), String> {
    let mut used: [BTreeSet<char>; 4] = Default::default();
    for placed in pages.iter().flat_map(|p| &p.lines) {
        for run in &placed.line.runs {
            used[run.face.index()].extend(run.items.iter().flat_map(text_chars));
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
        doc.resources.fonts.map.insert(font_id(face), PdfFont::new(font));
    }
    Ok(())
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

fn line_ops(placed: &Placed, fonts: &Fonts, link_color: [f32; 3], ops: &mut Vec<Op>) {
    let x0 = placed.x + placed.line.indent;
    if let Some(label) = &placed.label {
        let width = fonts.face(Face::Bold).measure(label) * placed.size;
        let x = x0 - width - placed.size * 0.4;
        text_op(Face::Bold, placed.size, x, placed.y, vec![TextItem::Text(label.clone())], ops);
    }
    for run in &placed.line.runs {
        if run.link {
            ops.push(fill(link_color));
        }
        text_op(run.face, placed.size, x0 + run.x, placed.y, items(run, placed.size), ops);
        if run.link {
            ops.push(fill([0.0, 0.0, 0.0]));
        }
    }
}

fn fill([r, g, b]: [f32; 3]) -> Op {
    Op::SetFillColor { col: Color::Rgb(Rgb { r, g, b, icc_profile: None }) }
}

/// Gaps become offsets in thousandths of an em; negative moves right.
fn items(run: &Run, size: f32) -> Vec<TextItem> {
    run.items
        .iter()
        .map(|item| match item {
            Item::Text(t) => TextItem::Text(t.clone()),
            Item::Gap(pt) => TextItem::Offset(-pt / size * 1000.0),
        })
        .collect()
}

fn text_op(face: Face, size: f32, x: f32, y: f32, items: Vec<TextItem>, ops: &mut Vec<Op>) {
    ops.push(Op::SetFont { font: PdfFontHandle::External(font_id(face)), size: Pt(size) });
    ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(x), Pt(y)) });
    ops.push(Op::ShowText { items });
}

/// A line's bar, under its baseline: each segment in its colour of the
/// chart's palette (the HTML chart's), as wide as its share of `width`.
fn bar_ops(placed: &Placed, width: f32, ops: &mut Vec<Op>) {
    let Some(bar) = placed.bar else { return };
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
