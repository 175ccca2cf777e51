//! `letter check`: load, check, print the findings.

use std::io::Write;

use anyhow::Result;

use super::Outcome;
use crate::check::{self, Report};
use crate::cli::{CheckArgs, ReportFormat};
use crate::diagnostic::Severity;
use crate::load;

pub fn run(args: &CheckArgs) -> Result<Outcome> {
    let report = check::check(&load::load(&args.path)?);
    let mut out = std::io::stdout().lock();
    match args.format {
        ReportFormat::Human => print_human(&mut out, &report)?,
        ReportFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?,
    }
    Ok(if report.ok { Outcome::Success } else { Outcome::Findings })
}

/// Prints each finding, then one summary line of findings and one of signers.
pub fn print_human(out: &mut impl Write, report: &Report) -> std::io::Result<()> {
    for d in &report.diagnostics {
        writeln!(out, "{d}")?;
    }
    if !report.diagnostics.is_empty() {
        writeln!(out)?;
    }
    writeln!(out, "{}", summary(report))?;
    let c = &report.counts;
    writeln!(
        out,
        "signers: {} networks with {} members, {} organizations, {} individuals; {} signatures from {} unique signers",
        c.networks, c.network_members, c.organizations, c.individuals, c.signatures, c.unique_signers
    )
}

fn summary(report: &Report) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}: {}, {}, {}",
        if report.ok { "ok" } else { "failed" },
        plural(report.count(Severity::Error), "error"),
        plural(report.count(Severity::Warning), "warning"),
        plural(report.count(Severity::Note), "note"),
    )
}
