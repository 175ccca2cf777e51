//! Everything `letter check` reports about a loaded letter.
//!
//! Findings about single values come from `load`; this module adds the ones
//! that need the whole letter: demands that are missing or unused, labels
//! the templates lack, templates that would not render, the same signer
//! written twice, who withdrew, and characters the PDF's fonts cannot draw.
//! Withdrawn signers are left out of the duplicate search and the counts.

mod demands;
mod glyphs;
mod labels;
mod signatories;
mod templates;
mod withdrawals;

pub use signatories::{DuplicateEntry, DuplicateFinding};
pub use withdrawals::WithdrawalEntry;

use serde::Serialize;

use crate::diagnostic::{self, Diagnostic, Severity};
use crate::load::Loaded;
use crate::model::Counts;

/// The result of checking a letter; serialized as the JSON report.
#[derive(Debug, Serialize)]
pub struct Report {
    pub ok: bool,
    pub diagnostics: Vec<Diagnostic>,
    pub duplicates: Vec<DuplicateFinding>,
    pub counts: Counts,
    pub withdrawals: Vec<WithdrawalEntry>,
}

impl Report {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == severity).count()
    }
}

pub fn check(loaded: &Loaded) -> Report {
    check_from(loaded, Severity::Note)
}

/// `check`, with only the findings at least as severe as `least` (and the
/// duplicates they report): `build` prints errors and warnings alone, and
/// at 200,000 names explaining the 150,000 notes it would drop was a third
/// of its check. `ok` and the counts are `check`'s.
pub fn check_from(loaded: &Loaded, least: Severity) -> Report {
    let project = &loaded.project;
    let mut diagnostics = loaded.diagnostics.clone();
    let active = project.roster.active_signers();
    // The glyph check, on one core, runs beside the duplicate search rather
    // than alone after it.
    let (signers, undrawable) =
        crate::par::join(|| signatories::check(&project.roster, &active, least), || glyphs::check(&active));
    drop(active);
    if let Some(letter) = &project.letter {
        diagnostics.extend(demands::check(letter));
        diagnostics.extend(templates::check(letter, &signers.counts, &project.layout));
    }
    diagnostics.extend(signers.diagnostics);
    diagnostics.extend(undrawable);
    let (notes, withdrawals) = withdrawals::check(&project.roster);
    diagnostics.extend(notes);
    diagnostics.retain(|d| d.severity >= least);
    diagnostic::sort(&mut diagnostics);
    Report {
        ok: !diagnostics.iter().any(|d| d.severity == Severity::Error),
        diagnostics,
        duplicates: signers.duplicates,
        counts: signers.counts,
        withdrawals,
    }
}
