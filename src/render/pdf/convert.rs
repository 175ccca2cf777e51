//! printpdf's conversion of the drawn pages to a lopdf document, on every
//! core, byte for byte as printpdf makes it.
//!
//! printpdf turns the pages' operations into content streams one page after
//! another: at the peer workload's 2,320 pages, 2.3 s of one core. A page's
//! content stream depends only on its own operations and on which fonts
//! printpdf knows, from the glyphs the pages show. So the pages are
//! converted in parts, each part a document of its own, a part at a time on
//! each core (a part that would not know a font the whole document knows is
//! shown a glyph of it: `unknown_fonts`). A part's operations are freed as
//! soon as it is converted, and its marked sequences get their properties
//! only then (`tags::unfold`), so only the parts being converted hold them.
//! Their content streams go into the document printpdf makes of the pages
//! without their drawing (`bare`): the same objects under the same
//! numbers, since how many objects a page has does not depend on what it
//! draws. Only the fonts' objects depend on the drawing (their widths and
//! ToUnicode maps list the glyphs used), so the first bare page shows every
//! glyph the pages show, with the text printpdf records for it.

use std::collections::BTreeMap;

use lopdf::{Document, Object};
use printpdf::{
    Codepoint, FontId, Mm, Op, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Pt, TextItem,
};

/// Each part has about this many pages: fewer would cost more copies of
/// the fonts, more would hold more operations at once. A document of
/// fewer than twice as many is converted by printpdf alone.
const PAGES_PER_PART: usize = 64;

/// The document `PdfDocument::to_lopdf_document` makes of `pdf` with the
/// `pages` that `draw` draws (their marked sequences unfolded), and what
/// `draw` returns beside each page. `cost` tells about how long a page
/// takes. An error only if printpdf made a page without a content stream,
/// which it never does.
pub fn to_lopdf<T: Send, M: Send>(
    pdf: PdfDocument,
    pages: Vec<T>,
    cost: impl Fn(&T) -> usize,
    draw: impl Fn(T) -> (PdfPage, M) + Sync,
    opts: &PdfSaveOptions,
) -> Result<(Document, Vec<M>), String> {
    let parts = pages.len() / PAGES_PER_PART;
    in_parts(pdf, pages, cost, draw, opts, parts)
}

/// The glyphs each font shows, and the text of each, as printpdf collects
/// them for the font's objects: the last text a glyph is shown with wins.
type Glyphs = BTreeMap<FontId, BTreeMap<u16, String>>;

fn in_parts<T: Send, M: Send>(
    mut pdf: PdfDocument,
    mut pages: Vec<T>,
    cost: impl Fn(&T) -> usize,
    draw: impl Fn(T) -> (PdfPage, M) + Sync,
    opts: &PdfSaveOptions,
    parts: usize,
) -> Result<(Document, Vec<M>), String> {
    // printpdf's own subsetting numbers the glyphs by all a document shows,
    // which no part sees.
    if parts < 2 || opts.subset_fonts {
        let (drawn, marks): (Vec<PdfPage>, Vec<M>) = pages.into_iter().map(draw).unzip();
        pdf.pages = drawn;
        pdf.pages.iter_mut().for_each(unfold);
        return Ok((pdf.to_lopdf_document(opts, &mut Vec::new()), marks));
    }
    let total = pages.len();
    let costs: Vec<usize> = pages.iter().map(cost).collect();
    let mut chunks = Vec::new();
    for start in starts(&costs, parts).into_iter().rev() {
        chunks.push(pages.split_off(start));
    }
    drop(pages);
    chunks.reverse();
    // Each part is drawn, converted and freed, a part at a time on each core.
    let resources = &pdf.resources;
    let done: Vec<Part<M>> = crate::par::map_taken(chunks, |pages| {
        let (drawn, marks): (Vec<PdfPage>, Vec<M>) = pages.into_iter().map(&draw).unzip();
        let shown = glyphs(&drawn, &resources.fonts.map);
        let bare = drawn.iter().map(bare).collect();
        // A part that would not know a font waits for the glyphs of all.
        let content = if shown.values().any(BTreeMap::is_empty) {
            Content::Waiting(drawn)
        } else {
            Content::Made(convert(drawn, resources, opts, &Glyphs::new()))
        };
        Part { bare, marks, shown, content }
    });
    let mut used = Glyphs::new();
    for (font, glyphs) in done.iter().flat_map(|part| &part.shown) {
        used.entry(font.clone()).or_default().extend(glyphs.iter().map(|(&gid, text)| (gid, text.clone())));
    }
    let (mut bare, mut marks, mut waiting) = (Vec::new(), Vec::new(), Vec::new());
    for part in done {
        bare.extend(part.bare);
        marks.extend(part.marks);
        waiting.push((part.content, part.shown));
    }
    if bare.len() != total {
        return Err(format!("{} of {total} pages were drawn", bare.len()));
    }
    let streams = crate::par::map_taken(waiting, |(content, shown)| match content {
        Content::Made(streams) => streams,
        Content::Waiting(pages) => convert(pages, resources, opts, &unknown_fonts(&shown, &used)),
    });
    let contents = crate::par::concat(streams.into_iter().collect::<Result<_, String>>()?);
    if let Some(first) = bare.first_mut() {
        first.ops.splice(0..0, showing(&used));
    }
    pdf.pages = bare;
    let mut doc = pdf.to_lopdf_document(opts, &mut Vec::new());
    put_contents(&mut doc, contents)?;
    Ok((doc, marks))
}

/// A part of the pages, drawn: the pages without their drawing, what the
/// drawing returned beside each, the glyphs shown and the content streams.
struct Part<M> {
    bare: Vec<PdfPage>,
    marks: Vec<M>,
    shown: Glyphs,
    content: Content,
}

enum Content {
    Made(Result<Vec<Vec<u8>>, String>),
    /// The pages of a part that shows text in a font but no glyph of it.
    Waiting(Vec<PdfPage>),
}

/// The content streams of `pages`, their marked sequences unfolded,
/// converted as a document of their own that is also shown the glyphs of
/// the fonts in `unknown`.
fn convert(
    mut pages: Vec<PdfPage>,
    resources: &printpdf::PdfResources,
    opts: &PdfSaveOptions,
    unknown: &Glyphs,
) -> Result<Vec<Vec<u8>>, String> {
    pages.iter_mut().for_each(unfold);
    if !unknown.is_empty() {
        pages.push(PdfPage::new(Mm(1.0), Mm(1.0), showing(unknown)));
    }
    let part = PdfDocument { pages, resources: resources.clone(), ..PdfDocument::default() };
    let mut streams = take_contents(&mut part.to_lopdf_document(opts, &mut Vec::new()))?;
    if !unknown.is_empty() {
        streams.pop();
    }
    Ok(streams)
}

/// The fonts a part shows text in but no glyph of, each with one glyph the
/// document shows in it. printpdf knows a font only from its glyphs, and
/// writes text in a font it does not know otherwise: a part that shows
/// this glyph knows the font as the whole document does.
fn unknown_fonts(shown: &Glyphs, used: &Glyphs) -> Glyphs {
    let one = |font: &FontId| {
        used.get(font)?.first_key_value().map(|(&gid, text)| BTreeMap::from([(gid, text.clone())]))
    };
    shown
        .iter()
        .filter(|(_, glyphs)| glyphs.is_empty())
        .filter_map(|(font, _)| Some((font.clone(), one(font)?)))
        .collect()
}

fn unfold(page: &mut PdfPage) {
    page.ops.iter_mut().for_each(super::tags::unfold);
}

/// Where each of `parts` parts of pages that cost `costs` begins, the
/// first at 0: parts of about as much work each.
fn starts(costs: &[usize], parts: usize) -> Vec<usize> {
    let total: usize = costs.iter().sum();
    let mut starts = vec![0];
    let mut done = 0;
    for (i, &cost) in costs.iter().enumerate() {
        // A part begins at the page whose middle passes its share.
        if starts.len() < parts && (2 * done + cost) * parts >= 2 * total * starts.len() && i > 0 {
            starts.push(i);
        }
        done += cost;
    }
    starts
}

/// `page` without its drawing: what printpdf makes other objects of (link
/// annotations, layers, built-in fonts) and nothing else.
fn bare(page: &PdfPage) -> PdfPage {
    let kept = |op: &&Op| {
        matches!(
            op,
            Op::LinkAnnotation { .. }
                | Op::BeginLayer { .. }
                | Op::SetFont { font: PdfFontHandle::Builtin(_), .. }
        )
    };
    PdfPage {
        media_box: page.media_box.clone(),
        trim_box: page.trim_box.clone(),
        crop_box: page.crop_box.clone(),
        ops: page.ops.iter().filter(kept).cloned().collect(),
    }
}

/// The glyphs `pages` show in each font, as printpdf's own collection of
/// them reads the operations `draw` writes.
fn glyphs(pages: &[PdfPage], fonts: &BTreeMap<FontId, PdfFont>) -> Glyphs {
    let mut used = Glyphs::new();
    for page in pages {
        let mut current: Option<&PdfFont> = None;
        let mut id: Option<&FontId> = None;
        for op in &page.ops {
            match op {
                Op::SetFont { font: PdfFontHandle::External(font), .. } => {
                    (current, id) = (fonts.get(font), Some(font));
                }
                Op::SetFont { font: PdfFontHandle::Builtin(_), .. } => (current, id) = (None, None),
                Op::ShowText { items } => {
                    let (Some(font), Some(id)) = (current, id) else { continue };
                    let shown = used.entry(id.clone()).or_default();
                    items.iter().for_each(|item| record(item, font, shown));
                }
                Op::MoveToNextLineShowText { text } | Op::SetSpacingMoveAndShowText { text, .. } => {
                    let (Some(font), Some(id)) = (current, id) else { continue };
                    record_text(text, font, used.entry(id.clone()).or_default());
                }
                _ => {}
            }
        }
    }
    used
}

fn record(item: &TextItem, font: &PdfFont, shown: &mut BTreeMap<u16, String>) {
    match item {
        TextItem::Text(text) => record_text(text, font, shown),
        TextItem::GlyphIds(glyphs) => {
            // printpdf, built without `text_layout`, cannot tell a glyph's
            // character: one shown without its text is recorded as U+FFFD.
            let mut buf = [0; 4];
            let unknown: &str = char::REPLACEMENT_CHARACTER.encode_utf8(&mut buf);
            glyphs.iter().for_each(|g| show(shown, g.gid, g.cid.as_deref().unwrap_or(unknown)));
        }
        TextItem::Offset(_) => {}
    }
}

fn record_text(text: &str, font: &PdfFont, shown: &mut BTreeMap<u16, String>) {
    let mut buf = [0; 4];
    for c in text.chars() {
        if let Some(gid) = font.parsed_font.lookup_glyph_index(u32::from(c)) {
            show(shown, gid, c.encode_utf8(&mut buf));
        }
    }
}

/// Records `text` for `gid`. Most glyphs are shown again and again with
/// the same text: that costs a lookup, not a new string.
fn show(shown: &mut BTreeMap<u16, String>, gid: u16, text: &str) {
    if shown.get(&gid).is_none_or(|t| t != text) {
        shown.insert(gid, text.to_string());
    }
}

/// Operations that show every glyph of `used`, each with its text.
fn showing(used: &Glyphs) -> Vec<Op> {
    let mut ops = Vec::new();
    for (font, shown) in used {
        ops.push(Op::SetFont { font: PdfFontHandle::External(font.clone()), size: Pt(1.0) });
        let glyphs = shown.iter().map(|(&gid, text)| Codepoint::with_cid(gid, 0.0, text.clone())).collect();
        ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(glyphs)] });
    }
    ops
}

/// Each page's content stream, in page order, taken out of `doc`.
fn take_contents(doc: &mut Document) -> Result<Vec<Vec<u8>>, String> {
    let ids = content_ids(doc)?;
    ids.into_iter()
        .map(|id| match doc.objects.remove(&id) {
            Some(Object::Stream(stream)) => Ok(stream.content),
            _ => Err(format!("printpdf made no content stream {id:?}")),
        })
        .collect()
}

fn put_contents(doc: &mut Document, contents: Vec<Vec<u8>>) -> Result<(), String> {
    let ids = content_ids(doc)?;
    if ids.len() != contents.len() {
        return Err(format!("printpdf made {} content streams for {} pages", contents.len(), ids.len()));
    }
    for (id, content) in ids.into_iter().zip(contents) {
        match doc.objects.get_mut(&id) {
            Some(Object::Stream(stream)) => stream.set_content(content),
            _ => return Err(format!("printpdf made no content stream {id:?}")),
        }
    }
    Ok(())
}

/// The content stream of each page, in page order.
fn content_ids(doc: &Document) -> Result<Vec<lopdf::ObjectId>, String> {
    let contents = |page: lopdf::ObjectId| {
        let dict = doc.get_dictionary(page).map_err(|e| format!("page {page:?}: {e}"))?;
        dict.get(b"Contents")
            .and_then(Object::as_reference)
            .map_err(|e| format!("page {page:?}'s contents: {e}"))
    };
    doc.get_pages().into_values().map(contents).collect()
}

#[cfg(test)]
mod tests {
    use printpdf::{Actions, Rect};

    use super::super::fonts::{Face, fonts};
    use super::*;

    /// Pages in three fonts, showing text and glyph ids (one glyph with a
    /// different text on each page: the last page's is the one recorded),
    /// with a link and a bookmark: everything of a page that printpdf makes
    /// objects of. The third font shows a glyph on the first page only: on
    /// the last it shows a character it lacks, so a part converted on its
    /// own would not know that font. One glyph is shown only by `'`.
    fn drawn(pages: usize) -> PdfDocument {
        let mut pdf = PdfDocument::new("parts");
        let faces = [Face::new(false, false), Face::new(true, false), Face::new(false, true)];
        for (i, face) in faces.into_iter().enumerate() {
            let font = fonts().face(face).subset("PáginaxyzñQ".chars()).unwrap();
            pdf.resources.fonts.map.insert(FontId(format!("F{}", i + 1)), PdfFont::new(font));
        }
        pdf.pages = (0..pages).map(|n| page(n, pages)).collect();
        pdf.add_bookmark("middle", pages / 2);
        pdf
    }

    fn page(n: usize, of: usize) -> PdfPage {
        let font = |f: &str| Op::SetFont { font: PdfFontHandle::External(FontId(f.into())), size: Pt(10.0) };
        let mut ops = vec![
            Op::StartTextSection,
            super::super::tags::begin("P", 0),
            font("F1"),
            Op::ShowText { items: vec![TextItem::Text(format!("Página {n} ñ"))] },
            Op::EndMarkedContent,
            font("F2"),
            Op::ShowText {
                items: vec![TextItem::GlyphIds(vec![Codepoint::with_cid(3, 0.0, n.to_string())])],
            },
            Op::ShowText { items: vec![TextItem::Offset(-250.0), TextItem::Text("xyz".into())] },
            font("F3"),
            Op::ShowText { items: vec![TextItem::Text(if n + 1 == of { "€" } else { "" }.into())] },
        ];
        if n == 0 {
            ops.push(Op::ShowText { items: vec![TextItem::Text("x".into())] });
        }
        if n == 4 {
            ops.extend([font("F1"), Op::MoveToNextLineShowText { text: "Q".into() }]);
        }
        ops.push(Op::EndTextSection);
        if n == 2 {
            let rect = Rect::from_xywh(Pt(10.0), Pt(10.0), Pt(50.0), Pt(12.0));
            let link = printpdf::LinkAnnotation::new(
                rect,
                Actions::Uri("https://example.org".into()),
                None,
                None,
                None,
            );
            ops.push(Op::LinkAnnotation { link });
        }
        PdfPage::new(Mm(210.0), Mm(297.0), ops)
    }

    #[test]
    fn parts_cost_about_as_much() {
        let costs = [10, 10, 10, 10, 40, 10, 10];
        assert_eq!(starts(&costs, 2), vec![0, 4]);
        assert_eq!(starts(&costs, 3), vec![0, 3, 5]);
        assert_eq!(starts(&costs[..1], 2), vec![0], "a page is never split");
    }

    #[test]
    fn converted_in_parts_the_document_is_printpdfs_own() {
        let opts = PdfSaveOptions { subset_fonts: false, ..PdfSaveOptions::default() };
        let mut pdf = drawn(8);
        let pages: Vec<(usize, PdfPage)> = std::mem::take(&mut pdf.pages).into_iter().enumerate().collect();
        let draw = |(n, page): (usize, PdfPage)| (page, n);
        let cost = |p: &(usize, PdfPage)| p.1.ops.len();
        let (parts, order) = in_parts(pdf.clone(), pages.clone(), cost, draw, &opts, 3).unwrap();
        assert_eq!(order, (0..8).collect::<Vec<_>>(), "what is drawn beside each page, in order");
        pdf.pages = pages.into_iter().map(|p| p.1).collect();
        pdf.pages.iter_mut().for_each(unfold);
        let whole = pdf.to_lopdf_document(&opts, &mut Vec::new());
        assert_eq!(parts.max_id, whole.max_id);
        assert_eq!(parts.objects.len(), whole.objects.len());
        for (id, object) in &whole.objects {
            assert_eq!(parts.objects.get(id), Some(object), "object {id:?}");
        }
    }
}
