//! The parallel edition: two (or more) languages of the letter side by side
//! in one document, paragraph by paragraph, written to
//! `<out>/<id>.<a>-<b>.<ext>` for the formats that can lay out columns
//! (HTML and PDF).
//!
//! Templates get each language's whole view (`editions`, the first being
//! the edition's own language) and the letter's text as `rows`: one row per
//! paragraph, holding that paragraph in every language, so a template never
//! has to line the languages up itself.

use std::collections::BTreeMap;

use serde::Serialize;

use super::view::{self, LetterView, Markup};
use super::{BuildPlan, Built, Format, RenderContext, RenderError, Rendered};
use crate::model::Lang;

pub const HTML_TEMPLATE: &str = "parallel.html.tera";
pub const PDF_TEMPLATE: &str = "parallel.pdf.tera";

/// The formats a parallel edition exists in: Markdown has no columns.
pub const FORMATS: [Format; 2] = [Format::Html, Format::Pdf];

/// One context per language, the first being the edition's own language:
/// its labels and its order of signers are the ones shown.
pub struct ParallelContext<'a> {
    pub sides: Vec<RenderContext<'a>>,
}

impl ParallelContext<'_> {
    /// The first language's context: labels, signatories, hyphenation of the document.
    pub fn own(&self) -> &RenderContext<'_> {
        &self.sides[0]
    }

    /// `es-en`: the languages as they appear in the file name.
    pub fn stem(&self) -> String {
        let langs: Vec<&str> = self.sides.iter().map(|s| s.lang.as_str()).collect();
        format!("{}.{}", self.own().letter.id, langs.join("-"))
    }
}

#[derive(Debug, Serialize)]
pub struct ParallelView<'a> {
    pub langs: Vec<String>,
    pub editions: Vec<LetterView<'a>>,
    pub rows: Vec<Row>,
}

/// One paragraph of the letter in every language.
#[derive(Debug, Serialize)]
pub struct Row {
    /// "addressee", "greeting", "opening", "heading", "intro", "demand",
    /// "closing" or "sign_off".
    pub kind: &'static str,
    /// A section's or a demand's number.
    pub number: Option<usize>,
    pub anchor: Option<String>,
    pub cells: Vec<Cell>,
}

/// A paragraph in one language, in the format's markup.
#[derive(Debug, Serialize)]
pub struct Cell {
    pub lang: String,
    pub text: String,
    /// A demand's lead, set before its body (`text`).
    pub lead: Option<String>,
    /// An addressee's role, under the name (`text`).
    pub role: Option<String>,
}

pub fn build_view<'a>(ctx: &ParallelContext<'a>, markup: &dyn Markup) -> ParallelView<'a> {
    let editions: Vec<LetterView<'a>> = ctx.sides.iter().map(|side| view::build(side, markup)).collect();
    ParallelView { langs: editions.iter().map(|e| e.lang.clone()).collect(), rows: rows(&editions), editions }
}

/// The views' paragraphs, row by row. Every view comes from the same
/// letter, so each has the same paragraphs in the same order.
fn rows(editions: &[LetterView]) -> Vec<Row> {
    let Some(own) = editions.first() else { return Vec::new() };
    let row = |kind, number, anchor: Option<&String>, cell: &dyn Fn(&LetterView) -> Cell| Row {
        kind,
        number,
        anchor: anchor.cloned(),
        cells: editions.iter().map(cell).collect(),
    };
    let text = |lang: &str, text: &str| Cell { lang: lang.into(), text: text.into(), lead: None, role: None };
    let mut out = Vec::new();
    for (i, _) in own.addressees.iter().enumerate() {
        out.push(row("addressee", None, None, &|e| {
            let a = &e.addressees[i];
            Cell { role: a.role.clone(), ..text(&e.lang, &a.name) }
        }));
    }
    out.push(row("greeting", None, None, &|e| text(&e.lang, &e.greeting)));
    for (i, _) in own.opening.iter().enumerate() {
        out.push(row("opening", None, None, &|e| text(&e.lang, &e.opening[i])));
    }
    for (s, section) in own.sections.iter().enumerate() {
        out.push(row("heading", Some(section.number), Some(&section.anchor), &|e| {
            text(&e.lang, &e.sections[s].heading)
        }));
        if section.intro.is_some() {
            out.push(row("intro", None, None, &|e| {
                text(&e.lang, e.sections[s].intro.as_deref().unwrap_or_default())
            }));
        }
        for (d, demand) in section.demands.iter().enumerate() {
            out.push(row("demand", Some(demand.number), Some(&demand.anchor), &|e| {
                let demand = &e.sections[s].demands[d];
                Cell { lead: Some(demand.lead.clone()), ..text(&e.lang, &demand.body) }
            }));
        }
    }
    for (i, _) in own.closing.iter().enumerate() {
        out.push(row("closing", None, None, &|e| text(&e.lang, &e.closing[i])));
    }
    out.push(row("sign_off", None, None, &|e| text(&e.lang, &e.sign_off)));
    out
}

/// The view as a template's context.
pub fn context(view: &ParallelView<'_>) -> Result<tera::Context, RenderError> {
    let mut value = serde_json::to_value(view).map_err(view::view_error)?;
    if let Some(serde_json::Value::Array(editions)) = value.get_mut("editions") {
        for (edition, made) in view.editions.iter().zip(editions) {
            view::add_signatories(made, edition)?;
        }
    }
    tera::Context::from_value(value).map_err(view::view_error)
}

/// Renders the parallel edition of `langs` (at least two of the letter's
/// languages, the first being its own) in each of `plan.formats` that has
/// one, and writes `<out>/<id>.<a>-<b>.<ext>`. Languages not in `plan.langs`
/// may be named: the edition stands apart from the single-language files.
pub fn build(plan: &BuildPlan, langs: &[Lang]) -> Result<Built, RenderError> {
    let letter = plan.letter;
    let table = super::label_table(plan.templates)?;
    let labels: Vec<BTreeMap<String, String>> = langs
        .iter()
        .map(|lang| super::labels_for(&table, letter, lang, plan.templates))
        .collect::<Result<_, _>>()?;
    let signatories = view::signatories(plan.roster, &langs[0], letter.sort, &labels[0]);
    let sides = langs
        .iter()
        .zip(&labels)
        .map(|(lang, labels)| RenderContext {
            letter,
            counts: plan.counts,
            lang,
            labels,
            translations: Vec::new(),
            templates: plan.templates,
            signatories: &signatories,
        })
        .collect();
    let ctx = ParallelContext { sides };
    std::fs::create_dir_all(plan.out_dir)
        .map_err(|source| RenderError::Io { path: plan.out_dir.to_path_buf(), source })?;
    let mut built = Built::default();
    let mut staged = Vec::new();
    for format in FORMATS.into_iter().filter(|f| plan.formats.contains(f)) {
        let path = plan.out_dir.join(format!("{}.{}", ctx.stem(), format.extension()));
        let rendered = render(format, &ctx)?;
        staged.push(
            crate::atomic::stage(&path, |w| w.write_all(&rendered.bytes)).map_err(super::io_at(&path))?,
        );
        (plan.on_written)(&path);
        built.timings.push((super::file_name(&path), rendered.stages));
        built.written.push(path);
        rendered.warnings.into_iter().for_each(|w| built.warn(w));
    }
    crate::atomic::commit(staged).map_err(super::io_at(plan.out_dir))?;
    Ok(built)
}

fn render(format: Format, ctx: &ParallelContext) -> Result<Rendered, RenderError> {
    match format {
        Format::Html => Rendered::templated(|| super::html::render_parallel(ctx)),
        Format::Pdf => super::pdf::render_parallel(ctx),
        Format::Md => Err(RenderError::Unavailable("the parallel edition has no Markdown form")),
    }
}
