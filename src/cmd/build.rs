//! `letter build`: check, then render every language and format.

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressStyle};

use super::Outcome;
use super::print::{self, Printer};
use crate::check;
use crate::cli::{BuildArgs, OutputArgs};
use crate::diagnostic::Severity;
use crate::load;
use crate::model::Lang;
use crate::render::{self, BuildPlan, Format, Templates};

pub fn run(args: &BuildArgs, output: &OutputArgs) -> Result<Outcome> {
    let start = Instant::now();
    let loaded = load::load(&args.path)?;
    let loading = start.elapsed();
    let Some(report) = checked(&loaded, output, "built")? else { return Ok(Outcome::Findings) };
    let checking = start.elapsed() - loading;
    let printer = Printer::for_stderr(output).confined_to(&loaded.project.layout.sandbox);
    // The findings, printed, are not needed to render; at 200,000 names
    // they are a few hundred MB that would otherwise stay beside the PDFs.
    let counts = report.counts;
    crate::par::free(report.diagnostics);
    crate::par::free(report.duplicates);
    drop(report.withdrawals);
    let load::Loaded { project, diagnostics } = loaded;
    drop(diagnostics);
    let project = &project;
    let letter = project.letter.as_ref().context("the letter could not be read")?;
    let langs = languages(&args.lang, &letter.languages)?;
    let formats = if args.format.is_empty() { Format::ALL.to_vec() } else { args.format.clone() };
    let out_dir = args.out.clone().unwrap_or_else(|| project.layout.root.join("out"));
    let parallel = if args.parallel { Some(parallel_edition(&langs, &formats)?) } else { None };
    let templates = Templates::load(&project.layout.templates_dir(), &project.layout.sandbox)?;
    let extra = if parallel.is_some() {
        formats.iter().filter(|f| render::parallel::FORMATS.contains(f)).count()
    } else {
        0
    };
    let bar = progress_bar(&printer, (langs.len() * formats.len() + extra) as u64);
    let on_written = |path: &Path| {
        bar.set_message(path.display().to_string());
        bar.inc(1);
    };
    let plan = BuildPlan {
        letter,
        roster: &project.roster,
        counts: &counts,
        templates: &templates,
        langs: &langs,
        formats: &formats,
        out_dir: &out_dir,
        on_written: &on_written,
    };
    let mut built = render::build(&plan)?;
    if let Some(pair) = &parallel {
        built.absorb(render::parallel::build(&plan, pair)?);
    }
    bar.finish_and_clear();
    if printer.verbose {
        let rendering = start.elapsed() - loading - checking;
        eprintln!("timings: load {loading:.2?}, check {checking:.2?}, render {rendering:.2?}");
        for (what, stages) in &built.timings {
            eprintln!("  {what}: {stages}");
        }
    }
    for warning in &built.warnings {
        eprintln!("warning: {warning}");
    }
    for path in built.written.iter().filter(|_| !printer.quiet) {
        say!("wrote {}", path.display())?;
    }
    Ok(Outcome::Success)
}

/// Checks the letter, printing its errors and warnings on stderr; `None`
/// when it has errors, so nothing is made from it (`what` says what was not
/// done: "built", "exported").
pub(super) fn checked(
    loaded: &load::Loaded,
    output: &OutputArgs,
    what: &str,
) -> Result<Option<check::Report>> {
    let report = check::check_from(loaded, Severity::Warning);
    let printer = Printer::for_stderr(output).confined_to(&loaded.project.layout.sandbox);
    print::unless_closed(printer.diagnostics(&report.diagnostics))?;
    if !report.ok {
        eprintln!("\nnot {what}: {} error(s); `letter check` lists them all", report.count(Severity::Error));
        return Ok(None);
    }
    Ok(Some(report))
}

/// A bar on stderr for builds that take a moment (a letter with many
/// thousands of signers); indicatif hides it when stderr is not a terminal.
fn progress_bar(printer: &Printer, files: u64) -> ProgressBar {
    if printer.quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(files);
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

/// The two languages of the parallel edition: the first two built.
fn parallel_edition(langs: &[Lang], formats: &[Format]) -> Result<Vec<Lang>> {
    if langs.len() < 2 {
        bail!(
            "--parallel sets two languages side by side, and only {} is built\n  hint: name two with --lang, e.g. `--lang es,en --parallel`",
            load::lang_list(langs)
        );
    }
    if !formats.iter().any(|f| render::parallel::FORMATS.contains(f)) {
        bail!(
            "--parallel is made as HTML and PDF, and neither is built\n  hint: add `--format html,pdf`, or leave out --format"
        );
    }
    Ok(langs[..2].to_vec())
}

/// The languages asked for, each one the letter is written in.
pub(super) fn languages(asked: &[String], available: &[Lang]) -> Result<Vec<Lang>> {
    if asked.is_empty() {
        return Ok(available.to_vec());
    }
    asked
        .iter()
        .map(|code| match available.iter().find(|l| l.as_str() == code) {
            Some(lang) => Ok(lang.clone()),
            None => bail!(
                "the letter is not written in `{code}`\n  hint: its languages are {}",
                load::lang_list(available)
            ),
        })
        .collect()
}
