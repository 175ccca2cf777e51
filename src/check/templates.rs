//! The templates and their settings, read and rendered as `build` would:
//! a mistake in an override is a finding at its own line, in the pull
//! request that makes it, not a failed build afterwards.

use std::path::Path;

use super::labels;
use crate::diagnostic::Diagnostic;
use crate::load::{Layout, whole_file};
use crate::model::{Counts, Letter};
use crate::render::{self, RenderError, Templates};

pub fn check(letter: &Letter, counts: &Counts, layout: &Layout) -> Vec<Diagnostic> {
    let dir = layout.templates_dir();
    let templates = match Templates::load(&dir, &layout.sandbox) {
        Ok(templates) => templates,
        Err(e) => return vec![finding(e, &dir)],
    };
    let table = match render::label_table(&templates) {
        Ok(table) => table,
        Err(e) => return vec![finding(e, &dir)],
    };
    let labels_file = templates.get("labels.yaml").map_or_else(|| whole_file(&dir), |f| f.origin());
    let mut out: Vec<Diagnostic> = labels::check(letter, &table, &labels_file);
    out.extend(render::rehearse(letter, counts, &templates).into_iter().map(|e| finding(e, &dir)));
    out
}

fn finding(err: RenderError, dir: &Path) -> Diagnostic {
    match err {
        RenderError::Template(d) => *d,
        other => Diagnostic::error("bad-template", &whole_file(dir), other.to_string()),
    }
}
