//! Turning a checked letter into files: one per language and format.
//!
//! Every format sits behind the same narrow interface, `fn render(&RenderContext)
//! -> Result<_, RenderError>`, and reads the letter only through the
//! per-language view in `view`. Warnings travel back with the bytes, for the
//! command to print; a character the PDF fonts lack is an error instead.

pub mod chart;
pub mod collate;
pub mod country;
pub mod html;
pub mod inline;
pub mod labels;
mod locate;
pub mod markdown;
pub mod parallel;
pub mod pdf;
pub mod plural;
pub mod tally;
pub mod templates;
pub mod view;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::model::{Counts, Lang, Letter, Roster};
pub use templates::Templates;
use view::SignatoriesView;
pub use view::Translation;

/// The output formats, in the order they are built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Format {
    Md,
    Html,
    Pdf,
}

impl Format {
    /// Every format: what `letter build` makes when none is named.
    pub const ALL: [Format; 3] = [Format::Md, Format::Html, Format::Pdf];

    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Pdf => "pdf",
        }
    }

    pub fn render(self, ctx: &RenderContext) -> Result<Rendered, RenderError> {
        match self {
            Format::Md => Rendered::templated(|| markdown::render(ctx)),
            Format::Html => Rendered::templated(|| html::render(ctx)),
            Format::Pdf => pdf::render(ctx),
        }
    }
}

/// One rendered file, what the renderer had to warn about, and how long
/// each of its steps took.
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub warnings: Vec<String>,
    pub stages: Stages,
}

impl Rendered {
    fn plain(bytes: Vec<u8>, stages: Stages) -> Rendered {
        Rendered { bytes, warnings: Vec::new(), stages }
    }

    /// A file that is its template's output, in one step.
    fn templated(render: impl FnOnce() -> Result<Vec<u8>, RenderError>) -> Result<Rendered, RenderError> {
        let mut stages = Stages::start();
        let bytes = render()?;
        stages.lap("template");
        Ok(Rendered::plain(bytes, stages))
    }
}

/// How long each step of rendering one file took, for `build -v`: at
/// 200,000 names a PDF takes most of a build, and the steps say where.
#[derive(Debug)]
pub struct Stages {
    last: std::time::Instant,
    pub done: Vec<(&'static str, std::time::Duration)>,
}

impl Stages {
    pub fn start() -> Stages {
        Stages { last: std::time::Instant::now(), done: Vec::new() }
    }

    /// Ends the step `name`, begun when the last one ended.
    pub fn lap(&mut self, name: &'static str) {
        let now = std::time::Instant::now();
        self.done.push((name, now - self.last));
        self.last = now;
    }

    pub fn total(&self) -> std::time::Duration {
        self.done.iter().map(|d| d.1).sum()
    }
}

impl std::fmt::Display for Stages {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{:.2?}", self.total())?;
        if self.done.len() > 1 {
            let each: Vec<String> =
                self.done.iter().map(|(name, took)| format!("{name} {took:.2?}")).collect();
            write!(f, " ({})", each.join(", "))?;
        }
        Ok(())
    }
}

/// What `build` wrote, and its warnings without repeats.
#[derive(Debug, Default)]
pub struct Built {
    pub written: Vec<PathBuf>,
    pub warnings: Vec<String>,
    /// What took how long: each language's signatories, then each file.
    pub timings: Vec<(String, Stages)>,
}

impl Built {
    /// Adds a warning unless it is already there.
    pub fn warn(&mut self, warning: String) {
        if !self.warnings.contains(&warning) {
            self.warnings.push(warning);
        }
    }

    /// Adds what another build wrote and warned of.
    pub fn absorb(&mut self, other: Built) {
        self.written.extend(other.written);
        self.timings.extend(other.timings);
        other.warnings.into_iter().for_each(|w| self.warn(w));
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A mistake in a template or in `pdf.yaml` / `labels.yaml`, at its place.
    #[error("{0}")]
    Template(Box<Diagnostic>),
    #[error("{0}")]
    View(String),
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{}: already exists\n  hint: pass --force to overwrite it", .0.display())]
    Exists(PathBuf),
    #[error("{0}")]
    Unavailable(&'static str),
    #[error(
        "{file}: label `{key}` has no `{lang}` text\n  hint: add it under `labels:` in letter.yaml, e.g. `{key}: {{{lang}: …}}`"
    )]
    MissingLabel { file: String, key: String, lang: String },
}

/// Everything a format needs to render one language.
pub struct RenderContext<'a> {
    pub letter: &'a Letter,
    pub counts: &'a Counts,
    pub lang: &'a Lang,
    pub labels: &'a BTreeMap<String, String>,
    pub translations: Vec<Translation>,
    pub templates: &'a Templates,
    /// The signers in this language's order.
    pub signatories: &'a SignatoriesView,
}

/// What to build and where.
pub struct BuildPlan<'a> {
    pub letter: &'a Letter,
    pub roster: &'a Roster,
    pub counts: &'a Counts,
    pub templates: &'a Templates,
    pub langs: &'a [Lang],
    pub formats: &'a [Format],
    pub out_dir: &'a Path,
    /// Told of each file as it is written, e.g. to move a progress bar.
    pub on_written: &'a (dyn Fn(&Path) + Sync),
}

/// Renders every language × format and writes `<out>/<id>.<lang>.<ext>`.
pub fn build(plan: &BuildPlan) -> Result<Built, RenderError> {
    let letter = plan.letter;
    let table = label_table(plan.templates)?;
    let per_lang: Vec<(Lang, BTreeMap<String, String>)> = letter
        .languages
        .iter()
        .map(|lang| labels_for(&table, letter, lang, plan.templates).map(|l| (lang.clone(), l)))
        .collect::<Result<_, _>>()?;
    std::fs::create_dir_all(plan.out_dir)
        .map_err(|source| RenderError::Io { path: plan.out_dir.to_path_buf(), source })?;
    let chosen: Vec<&(Lang, BTreeMap<String, String>)> =
        per_lang.iter().filter(|(l, _)| plan.langs.contains(l)).collect();
    let (signatories, mut timings): (Vec<SignatoriesView>, Vec<(String, Stages)>) =
        crate::par::map_owned(chosen.iter().map(|(l, labels)| (l, labels)).collect(), |(lang, labels)| {
            let mut stages = Stages::start();
            let view = view::signatories(plan.roster, lang, letter.sort, labels);
            stages.lap("sorted");
            (view, (format!("signatories ({lang})"), stages))
        })
        .into_iter()
        .unzip();
    let jobs: Vec<Job> = chosen
        .iter()
        .zip(&signatories)
        .flat_map(|((lang, labels), people)| plan.formats.iter().map(move |f| (lang, labels, people, *f)))
        .collect();
    let render = |&(lang, labels, signatories, format): &Job| {
        let ctx = RenderContext {
            signatories,
            letter,
            counts: plan.counts,
            lang,
            labels,
            translations: translations(&per_lang, lang, &letter.id),
            templates: plan.templates,
        };
        let path = plan.out_dir.join(format!("{}.{lang}.{}", letter.id, format.extension()));
        let rendered = format.render(&ctx)?;
        let staged = crate::atomic::stage(&path, |w| w.write_all(&rendered.bytes)).map_err(io_at(&path))?;
        (plan.on_written)(&path);
        Ok((path, staged, rendered.warnings, rendered.stages))
    };
    // Every file is staged before any is put in place: a failure (a full
    // disk, a template error) leaves the output folder as the last build
    // left it, never half old and half new.
    let results: Vec<(PathBuf, crate::atomic::Staged, Vec<String>, Stages)> =
        in_two_lanes(&jobs, render).into_iter().collect::<Result<_, RenderError>>()?;
    let mut built = Built::default();
    built.timings.append(&mut timings);
    let mut staged = Vec::new();
    for (path, file, warnings, stages) in results {
        staged.push(file);
        built.timings.push((file_name(&path), stages));
        built.written.push(path);
        warnings.into_iter().for_each(|w| built.warn(w));
    }
    crate::atomic::commit(staged).map_err(io_at(plan.out_dir))?;
    Ok(built)
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

fn io_at(path: &Path) -> impl Fn(std::io::Error) -> RenderError + '_ {
    |source| RenderError::Io { path: path.to_path_buf(), source }
}

/// One file to render: a language, its labels, its signatories and a format.
type Job<'a> = (&'a Lang, &'a BTreeMap<String, String>, &'a SignatoriesView, Format);

/// Renders every job, PDFs one after another in one lane and the other
/// formats in a second lane beside it, so two files render at a time but
/// never two PDFs: at the peer workload's 212,802 names each peaks at
/// 0.75 GB (its template's context, then its layout and lopdf's document),
/// and its steps already use both cores. The results come back in the
/// order of the jobs, so they do not depend on the threads.
fn in_two_lanes<R: Send>(jobs: &[Job], render: impl Fn(&Job) -> R + Sync) -> Vec<R> {
    let (pdfs, others): (Vec<usize>, Vec<usize>) = (0..jobs.len()).partition(|&i| jobs[i].3 == Format::Pdf);
    let lanes = crate::par::map_owned(vec![pdfs, others], |lane| {
        lane.into_iter().map(|i| (i, render(&jobs[i]))).collect::<Vec<_>>()
    });
    let mut results: Vec<(usize, R)> = lanes.into_iter().flatten().collect();
    results.sort_by_key(|r| r.0);
    results.into_iter().map(|r| r.1).collect()
}

/// The other languages of the letter, for links between its versions.
fn translations(per_lang: &[(Lang, BTreeMap<String, String>)], lang: &Lang, id: &str) -> Vec<Translation> {
    per_lang
        .iter()
        .filter(|(other, _)| other != lang)
        .map(|(other, l)| Translation {
            lang: other.to_string(),
            name: l.get("language_name").cloned().unwrap_or_else(|| other.to_string()),
            stem: format!("{id}.{other}"),
        })
        .collect()
}

pub fn label_table(templates: &Templates) -> Result<labels::LabelTable, RenderError> {
    let file = templates
        .get("labels.yaml")
        .ok_or(RenderError::Unavailable("labels.yaml is missing from the templates"))?;
    labels::parse(&file.text, &file.origin()).map_err(|d| RenderError::Template(Box::new(d)))
}

fn labels_for(
    table: &labels::LabelTable,
    letter: &Letter,
    lang: &Lang,
    templates: &Templates,
) -> Result<BTreeMap<String, String>, RenderError> {
    labels::for_lang(table, letter, lang).map_err(|missing| RenderError::MissingLabel {
        file: templates.get("labels.yaml").map_or_else(|| "labels.yaml".into(), |f| f.shown_as()),
        key: missing[0].clone(),
        lang: lang.to_string(),
    })
}

/// Renders each language's templates against the letter as `build` does,
/// but with a sample of every kind of signer, without typesetting the PDF
/// and without writing: how `check` finds a template's mistakes before a
/// build does. Each mistake is returned once, however many languages show it.
pub fn rehearse(letter: &Letter, counts: &Counts, templates: &Templates) -> Vec<RenderError> {
    let mut found: Vec<RenderError> = Vec::new();
    let table = match label_table(templates) {
        Ok(table) => table,
        Err(e) => return vec![e],
    };
    let per_lang: Vec<(Lang, BTreeMap<String, String>)> = letter
        .languages
        .iter()
        .filter_map(|lang| labels_for(&table, letter, lang, templates).ok().map(|l| (lang.clone(), l)))
        .collect();
    let signatories = view::sample_signatories();
    for (lang, labels) in &per_lang {
        let ctx = RenderContext {
            letter,
            counts,
            lang,
            labels,
            translations: translations(&per_lang, lang, &letter.id),
            templates,
            signatories: &signatories,
        };
        let results = [markdown::render(&ctx).err(), html::render(&ctx).err(), pdf::rehearse(&ctx).err()];
        results.into_iter().flatten().for_each(|e| once(&mut found, e));
    }
    // The parallel edition of the first two languages, as `--parallel` builds it.
    let sides: Vec<RenderContext> = per_lang
        .iter()
        .take(2)
        .map(|(lang, labels)| RenderContext {
            letter,
            counts,
            lang,
            labels,
            translations: Vec::new(),
            templates,
            signatories: &signatories,
        })
        .collect();
    if sides.len() == 2 {
        let ctx = parallel::ParallelContext { sides };
        let results = [html::render_parallel(&ctx).err(), pdf::rehearse_parallel(&ctx).err()];
        results.into_iter().flatten().for_each(|e| once(&mut found, e));
    }
    found
}

/// Adds `err` unless the same message is already found.
fn once(found: &mut Vec<RenderError>, err: RenderError) {
    if !found.iter().any(|f| f.to_string() == err.to_string()) {
        found.push(err);
    }
}

/// Writes through a temporary file in the same folder and renames it into
/// place, so a reader never sees half a file and a crash leaves the old one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), RenderError> {
    crate::atomic::replace(path, |w| w.write_all(bytes)).map_err(io_at(path))
}
