//! Demands: each defined once, each placed in exactly one section.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::load::did_you_mean;
use crate::model::{Letter, Origin};

pub fn check(letter: &Letter) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut defined: HashMap<&str, &Origin> = HashMap::new();
    for d in &letter.demands {
        if let Some(first) = defined.insert(&d.id, &d.origin) {
            out.push(
                Diagnostic::error(
                    "duplicate-demand",
                    &d.origin,
                    format!("demand id `{}` is already used at {first}", d.id),
                )
                .with_hint("give each demand its own id"),
            );
        }
    }
    let mut placed: HashMap<&str, &Origin> = HashMap::new();
    for section in &letter.sections {
        for (id, at) in &section.demands {
            if !defined.contains_key(id.as_str()) {
                out.push(unknown(id, at, defined.keys().copied()));
            } else if let Some(first) = placed.insert(id, at) {
                out.push(
                    Diagnostic::error(
                        "repeated-demand",
                        at,
                        format!("demand `{id}` is already placed at {first}"),
                    )
                    .with_hint("list each demand in one section only"),
                );
            }
        }
    }
    for d in &letter.demands {
        if !placed.contains_key(d.id.as_str()) {
            out.push(
                Diagnostic::warning(
                    "unused-demand",
                    &d.origin,
                    format!("demand `{}` is in no section and will not be rendered", d.id),
                )
                .with_hint("add its id to a section's `demands:` in letter.yaml, or delete it"),
            );
        }
    }
    out
}

fn unknown<'a>(id: &str, at: &Origin, known: impl Iterator<Item = &'a str>) -> Diagnostic {
    let hint = match did_you_mean(id, known) {
        Some(best) => format!("did you mean `{best}`?"),
        None => "define it in demands.yaml with this id".to_string(),
    };
    Diagnostic::error("unknown-demand", at, format!("no demand has the id `{id}`")).with_hint(hint)
}
