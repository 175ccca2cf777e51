//! `letter check`: load, check, print the findings.

use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Instant;

use anyhow::Result;

use super::Outcome;
use super::print::{self, Printer};
use crate::check::{self, Report};
use crate::cli::{CheckArgs, OutputArgs, ReportFormat};
use crate::diagnostic::Severity;
use crate::{load, since};

pub fn run(args: &CheckArgs, output: &OutputArgs) -> Result<Outcome> {
    let start = Instant::now();
    let loaded = load::load(&args.path)?;
    let loading = start.elapsed();
    let mut report = check::check(&loaded);
    if let Some(rev) = &args.since {
        let dir = if args.path.is_file() { args.path.parent().unwrap_or(Path::new(".")) } else { &args.path };
        since::Changes::since(rev, dir)?.demote(&mut report.diagnostics);
        report.ok = report.count(Severity::Error) == 0;
    }
    let printer = Printer::for_stdout(output).confined_to(&loaded.project.layout.sandbox);
    if printer.verbose {
        eprintln!("timings: load {loading:.2?}, check {:.2?}", start.elapsed() - loading);
    }
    // The report says what the exit status says: with --strict a warning fails.
    let strict_fails = args.strict && report.count(Severity::Warning) > 0;
    report.ok &= !strict_fails;
    let outcome = if report.ok { Outcome::Success } else { Outcome::Findings };
    print::unless_closed(print_report(&printer, &report, args))?;
    // The process ends here, and the system takes back its memory at once;
    // freeing a large letter piece by piece would only make the user wait.
    std::mem::forget((loaded, report));
    Ok(outcome)
}

fn print_report(printer: &Printer, report: &Report, args: &CheckArgs) -> std::io::Result<()> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    match args.format {
        ReportFormat::Human => return human(printer, report, args.strict),
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut out, report)?;
            writeln!(out)?;
        }
        ReportFormat::Github => {
            print::github(&mut out, &report.diagnostics)?;
            writeln!(out, "{}", summary(report, args.strict))?;
        }
    }
    out.flush()
}

/// Each finding, then one line of findings and one of signers.
fn human(printer: &Printer, report: &Report, strict: bool) -> std::io::Result<()> {
    printer.diagnostics(&report.diagnostics)?;
    if printer.quiet {
        return Ok(());
    }
    let mut out = BufWriter::new(std::io::stdout().lock());
    if printer.verbose {
        for f in &report.duplicates {
            let places: Vec<String> = f
                .entries
                .iter()
                .map(|e| format!("{}:{} ({}) `{}`", e.file, e.line, e.list, e.name))
                .collect();
            writeln!(
                out,
                "duplicate ({:?}, score {:.2}): {}: {}",
                f.kind,
                f.score,
                f.reason,
                places.join(" = ")
            )?;
        }
    }
    if !report.diagnostics.is_empty() || printer.verbose {
        writeln!(out)?;
    }
    writeln!(out, "{}", summary(report, strict))?;
    let c = &report.counts;
    writeln!(
        out,
        "signers: {} networks with {} members, {} organizations, {} individuals; {} signatures from {} unique signers",
        c.networks, c.network_members, c.organizations, c.individuals, c.signatures, c.unique_signers
    )?;
    out.flush()
}

/// `ok` or `failed`, as the exit status, then the counts; a failure that
/// comes of --strict alone says so.
fn summary(report: &Report, strict: bool) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let errors = report.count(Severity::Error);
    format!(
        "{}: {}, {}, {}",
        match (report.ok, strict && errors == 0) {
            (true, _) => "ok",
            (false, true) => "failed (--strict: warnings fail)",
            (false, false) => "failed",
        },
        plural(errors, "error"),
        plural(report.count(Severity::Warning), "warning"),
        plural(report.count(Severity::Note), "note"),
    )
}
