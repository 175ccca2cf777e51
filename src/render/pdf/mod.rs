//! The letter as a typeset PDF, in four steps: the template writes block
//! markup (`blocks`), paragraphs are set into justified, hyphenated lines
//! (`typeset`, `words`, `hyphenate`, `linebreak`), lines are poured onto pages and
//! into columns (`paginate`, `columns`), and the pages are drawn with
//! printpdf (`draw`), marked for the structure tree of a tagged PDF
//! (`tags`), finished with lopdf (`meta`) and saved (`save`).
//!
//! The look comes from `pdf.yaml` (`style`), so an organizer can restyle the
//! letter without touching Rust, as with the other formats' templates.

mod blocks;
mod columns;
mod convert;
mod draw;
#[cfg(test)]
mod figures;
mod fonts;
mod hyphenate;
mod linebreak;
mod meta;
mod paginate;
mod pairs;
mod save;
mod style;
mod tags;
mod ties;
mod typeset;
mod words;

use std::rc::Rc;

use printpdf::{PdfDocument, PdfSaveOptions};

use super::inline::Inline;
use super::locate;
use super::markdown::{self, Markdown};
use super::parallel::{self, ParallelContext};
use super::view::{self, Markup};
use super::{RenderContext, RenderError, Rendered, Stages, Templates};
use crate::diagnostic::Diagnostic;
use crate::load::did_you_mean;
use blocks::{Block, Continued, Document};
use paginate::{Flow, Unit};
use style::{Style, Tag};
use typeset::Setter;

pub const TEMPLATE: &str = "letter.pdf.tera";
pub const STYLE: &str = "pdf.yaml";

/// Inline CommonMark like the Markdown format, guarded so no text can pass
/// for a `:::` directive of the block markup.
struct PdfMarkup;

impl Markup for PdfMarkup {
    fn inline(&self, nodes: &[Inline]) -> String {
        guard(Markdown.inline(nodes))
    }
}

fn escape(s: &str) -> String {
    guard(markdown::escape(s))
}

fn guard(s: String) -> String {
    if s.starts_with(':') { format!("\\{s}") } else { s }
}

pub fn render(ctx: &RenderContext) -> Result<Rendered, RenderError> {
    let mut stages = Stages::start();
    let (style, doc, digest) = prepare(ctx)?;
    stages.lap("template");
    typeset_for(ctx, &style, doc, digest, stages)
}

/// The parallel edition: the first language's labels, running matter and
/// hyphenation around cells set each in its own language.
pub fn render_parallel(ctx: &ParallelContext) -> Result<Rendered, RenderError> {
    let mut stages = Stages::start();
    let (style, doc, digest) = prepare_parallel(ctx)?;
    stages.lap("template");
    typeset_for(ctx.own(), &style, doc, digest, stages)
}

/// `rehearse` for the parallel edition.
pub fn rehearse_parallel(ctx: &ParallelContext) -> Result<(), RenderError> {
    prepare_parallel(ctx).map(drop)
}

fn prepare_parallel(ctx: &ParallelContext) -> Result<(Style, Document, u64), RenderError> {
    let own = ctx.own();
    let context = || parallel::context(&parallel::build_view(ctx, &PdfMarkup));
    prepare_from(own.templates, parallel::PDF_TEMPLATE, own.lang.as_str(), &context)
}

fn typeset_for(
    ctx: &RenderContext,
    style: &Style,
    doc: Document,
    digest: u64,
    stages: Stages,
) -> Result<Rendered, RenderError> {
    let d = ctx.letter.date;
    let job = Job {
        style,
        lang: ctx.lang.as_str(),
        footer: ctx.labels.get("page").map_or("{page} / {pages}", String::as_str),
        date: format!("D:{:04}{:02}{:02}000000Z", d.year, d.month, d.day),
        digest,
    };
    typeset(doc, &job, stages).map_err(|e| RenderError::View(format!("PDF ({}): {e}", ctx.lang)))
}

/// Everything before typesetting: `pdf.yaml` read and the template's block
/// markup rendered and read. What `check` runs, as typesetting is the cost.
pub fn rehearse(ctx: &RenderContext) -> Result<(), RenderError> {
    prepare(ctx).map(drop)
}

/// The style, the document's blocks and the digest that identifies them.
fn prepare(ctx: &RenderContext) -> Result<(Style, Document, u64), RenderError> {
    let context = || view::context(&view::build(ctx, &PdfMarkup));
    prepare_from(ctx.templates, TEMPLATE, ctx.lang.as_str(), &context)
}

/// `prepare` for the template `name`, rendered with what `context` makes.
fn prepare_from(
    templates: &Templates,
    name: &str,
    lang: &str,
    context: &dyn Fn() -> Result<tera::Context, RenderError>,
) -> Result<(Style, Document, u64), RenderError> {
    let finding = |d| RenderError::Template(Box::new(d));
    let style_file =
        templates.get(STYLE).ok_or(RenderError::Unavailable("pdf.yaml is missing from the templates"))?;
    let style = Style::load(&style_file.text, &style_file.origin()).map_err(finding)?;
    let context = context()?;
    let markup = templates.render(&templates.tera(escape, ".pdf.tera")?, name, &context)?;
    let digest = digest(&[markup.as_bytes(), style_file.text.as_bytes(), lang.as_bytes()]);
    // At 200,000 signers, freeing the context takes as long as reading the
    // markup: the two are done at once.
    let parsed = std::thread::scope(|s| {
        s.spawn(move || drop(context));
        blocks::parse(&markup, &|name| style.styles.contains_key(name))
    });
    let doc = parsed.map_err(|e| finding(markup_error(templates.get(name), name, &style, &markup, &e)))?;
    Ok((style, doc, digest))
}

/// A mistake in the block markup, at the template line that wrote it, with
/// the style or directive the template may have meant.
fn markup_error(
    template: Option<&super::templates::File>,
    name: &str,
    style: &Style,
    markup: &str,
    e: &blocks::MarkupError,
) -> Diagnostic {
    let output_line = markup.lines().nth(e.line - 1).unwrap_or("");
    let text = template.map_or("", |t| t.text.as_str());
    let place = locate::markup_line(text, output_line).unwrap_or(locate::Place { line: 1, column: 1 });
    let file = template.map_or_else(|| name.into(), |t| t.shown_as());
    let known = style.styles.keys().map(String::as_str).chain(blocks::DIRECTIVES);
    let hint = match e.word.as_deref().and_then(|w| did_you_mean(w, known)) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!(
            "a `:::` line names a style of pdf.yaml ({}) or a directive ({})",
            style.styles.keys().cloned().collect::<Vec<_>>().join(", "),
            blocks::DIRECTIVES.join(", ")
        ),
    };
    Diagnostic::error("pdf-markup", &place.origin(&file), format!("PDF markup: {}", e.message))
        .with_hint(hint)
}

/// What typesetting needs besides the blocks.
struct Job<'a> {
    style: &'a Style,
    lang: &'a str,
    footer: &'a str,
    date: String,
    digest: u64,
}

/// Each step takes the one before it by value, so what a step no longer
/// needs (blocks, set paragraphs, pages, drawing operations) is freed as the
/// next is built: at 100,000 signers, each is tens of megabytes.
fn typeset(doc: Document, job: &Job, mut stages: Stages) -> Result<Rendered, String> {
    let fonts = fonts::fonts();
    let mut setter =
        Setter { fonts, lang: hyphenate::lang(job.lang), links: Vec::new(), missing: Vec::new() };
    let Document { blocks, meta } = doc;
    let mut tags = Vec::new();
    let flow = flow(blocks, job.style, &mut setter, &mut tags);
    stages.lap("typeset");
    let geo = job.style.geometry();
    let layout = paginate::paginate(flow, geo, job.style.columns, job.style.column_gap_pt());
    stages.lap("paginate");
    let mut pdf = PdfDocument::new(&meta.title);
    let running = draw::Running { title: &meta.running_title, footer: job.footer };
    let (sheet, pages) =
        draw::prepare(&mut pdf, layout.pages, &setter.links, job.style, &running, fonts, &tags)?;
    let opts = PdfSaveOptions { subset_fonts: false, ..PdfSaveOptions::default() };
    let (lo, content) = convert::to_lopdf(pdf, pages, draw::Drawing::cost, |page| sheet.draw(page), &opts)?;
    stages.lap("draw and printpdf");
    let finish = meta::Finish {
        meta: &meta,
        lang: job.lang,
        date: job.date.clone(),
        marks: &layout.marks,
        tags: &tags,
        content: &content,
        digest: job.digest,
    };
    if let Some((text, chars)) = setter.missing.first() {
        return Err(undrawable_message(text, chars));
    }
    let bytes = meta::finish(lo, &finish, &mut stages)?;
    Ok(Rendered::plain(bytes, stages))
}

/// The blocks as paragraphs set to their width: the page's, or a column's;
/// `tags` gets each paragraph's role, by its order in the document.
fn flow<'a>(blocks: Vec<Block>, style: &'a Style, setter: &mut Setter, tags: &mut Vec<Tag>) -> Vec<Flow<'a>> {
    let mut out = Out { flow: Vec::new(), columns: None, last: None };
    // A pair's paragraphs are set at its end, once the number of its cells
    // (and so their width) is known.
    let mut pair: Option<Vec<(String, Vec<blocks::Para>)>> = None;
    // Paragraphs in a row, set together on every core.
    let mut run: Vec<blocks::Para> = Vec::new();
    for block in blocks {
        let block = match block {
            Block::Para(p) if pair.is_none() => {
                run.push(p);
                continue;
            }
            other => other,
        };
        set_run(std::mem::take(&mut run), style, setter, tags, &mut out);
        match block {
            Block::Para(p) => {
                if let Some((_, paras)) = pair.as_mut().and_then(|cells| cells.last_mut()) {
                    paras.push(p);
                }
            }
            Block::Pair => pair = Some(Vec::new()),
            Block::Cell(lang) => pair.get_or_insert_with(Vec::new).push((lang, Vec::new())),
            Block::EndPair => {
                out.flow.push(Flow::Pair(set_pair(pair.take().unwrap_or_default(), style, setter, tags)))
            }
            Block::Columns => out.columns = Some(Vec::new()),
            Block::EndColumns => out.flow.push(Flow::Columns(out.columns.take().unwrap_or_default())),
            Block::PageBreak => out.flow.push(Flow::PageBreak),
            Block::Bookmark(title) => out.flow.push(Flow::Bookmark(title)),
        }
    }
    set_run(run, style, setter, tags, &mut out);
    out.flow
}

/// What `flow` is building: the flow, the columns being filled, and the
/// continued line of the run being read, set once for all its units.
struct Out<'a> {
    flow: Vec<Flow<'a>>,
    columns: Option<Vec<Unit<'a>>>,
    last: Option<(Rc<Continued>, Rc<Unit<'a>>)>,
}

/// Paragraphs in a row, on the page or in columns. Cutting their text into
/// spans numbers links, so it goes in order; giving the spans their fonts
/// and breaking them into lines, most of typesetting at 200,000 names, goes
/// on every core, and what no font draws is noted in order after.
fn set_run<'a>(
    run: Vec<blocks::Para>,
    style: &'a Style,
    setter: &mut Setter,
    tags: &mut Vec<Tag>,
    out: &mut Out<'a>,
) {
    let geo = style.geometry();
    let in_columns = out.columns.is_some();
    let width =
        if in_columns { geo.column_width(style.columns, style.column_gap_pt()) } else { geo.text_width() };
    let mut paras = Vec::with_capacity(run.len());
    let mut spans = Vec::with_capacity(run.len());
    for p in run {
        let Some(para) = style.styles.get(&p.style) else { continue };
        let continued = match (&p.continued, in_columns) {
            (Some(c), true) => continued_unit(c, &mut out.last, style, setter, width),
            _ => None,
        };
        spans.push((setter.spans(&p.inlines, para), para));
        paras.push((p, continued));
    }
    let (fonts, lang) = (setter.fonts, setter.lang);
    let laid = crate::par::map(&spans, |(spans, para)| typeset::lay(spans, para, width, fonts, lang));
    for (((p, continued), (_, para)), laid) in paras.into_iter().zip(spans).zip(laid) {
        setter.missing.extend(laid.missing);
        let mut set = laid.set;
        set.lines.iter_mut().for_each(|line| line.elem = Some(tags.len()));
        tags.push(para.tag);
        let unit = Unit { set, style: para, label: p.label, continued, bar: p.bar };
        match out.columns.as_mut() {
            Some(list) => list.push(unit),
            None => out.flow.push(Flow::Para(unit)),
        }
    }
}

/// A pair's cells set to their share of the text width, each hyphenated
/// in its own language.
fn set_pair<'a>(
    cells: Vec<(String, Vec<blocks::Para>)>,
    style: &'a Style,
    setter: &mut Setter,
    tags: &mut Vec<Tag>,
) -> Vec<Vec<Unit<'a>>> {
    let width = style.geometry().column_width(cells.len(), style.column_gap_pt());
    let own = setter.lang;
    let mut set = Vec::new();
    for (lang, paras) in cells {
        setter.lang = hyphenate::lang(&lang);
        // In the structure tree a row reads as its first cell, then its
        // second: the order the paragraphs are tagged in here.
        let mut units = Vec::new();
        for p in paras {
            let Some(para) = style.styles.get(&p.style) else { continue };
            let mut lines = setter.set(&p.inlines, para, width);
            lines.lines.iter_mut().for_each(|line| line.elem = Some(tags.len()));
            tags.push(para.tag);
            units.push(Unit { set: lines, style: para, label: p.label, continued: None, bar: p.bar });
        }
        set.push(units);
    }
    setter.lang = own;
    set
}

/// The set continued line `c`, reusing the last one while a run lasts.
fn continued_unit<'a>(
    c: &Rc<Continued>,
    last: &mut Option<(Rc<Continued>, Rc<Unit<'a>>)>,
    style: &'a Style,
    setter: &mut Setter,
    width: f32,
) -> Option<Rc<Unit<'a>>> {
    if let Some((_, unit)) = last.as_ref().filter(|(key, _)| Rc::ptr_eq(key, c)) {
        return Some(unit.clone());
    }
    let para = style.styles.get(&c.style)?;
    // A continued line repeats a name set above it, which has already warned
    // of any glyph it lacks (the shipped template's only use of it).
    let warned = setter.missing.len();
    let set = setter.set(&c.inlines, para, width);
    setter.missing.truncate(warned);
    let unit = Rc::new(Unit { set, style: para, label: None, continued: None, bar: None });
    *last = Some((c.clone(), unit.clone()));
    Some(unit)
}

fn undrawable_message(text: &str, chars: &[char]) -> String {
    let list: Vec<String> = chars.iter().map(|c| char_label(*c)).collect();
    format!("“{text}”: no font shipped with letter can draw {}; remove or replace it", list.join(", "))
}

/// `U+E000 (private use)`: the code point, and what kind of character it
/// is when that explains why no font has it.
pub fn char_label(c: char) -> String {
    let kind = match c as u32 {
        0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD => {
            " (private use, means nothing outside one font)"
        }
        _ if !c.is_alphanumeric() && unicode_bidi::bidi_class(c) == unicode_bidi::BidiClass::L => {
            " (unassigned or a symbol)"
        }
        _ => "",
    };
    format!("U+{:04X}{kind}", c as u32)
}

/// The first character of `text` that no shipped font can draw in one of
/// the faces, so `check` can name the signer before `build` typesets.
pub fn undrawable(text: &str) -> Option<char> {
    let f = fonts::fonts();
    text.chars()
        .filter(|c| !f.latin_in_every_face(*c))
        .filter(|c| !c.is_control() && !c.is_whitespace() && !typeset::is_invisible(*c))
        .find(|c| fonts::Face::ALL.iter().any(|face| f.slot(*face, *c).is_none()))
}

/// FNV-1a: a stable digest for the document ID and the font subset tags,
/// the same on every machine and with every compiler.
fn digest(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &byte in part.iter().chain(&[0xFF]) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}
