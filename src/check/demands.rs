//! Demands: each defined once, each placed in exactly one section.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::load::did_you_mean;
use crate::model::{DemandsRead, Letter, Origin};

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
                if unread(letter, id) {
                    continue;
                }
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
    out.extend(links(letter, &defined));
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

/// Whether `id` may be a demand that demands.yaml holds but that could not
/// be read: its own finding says why, and saying "unknown" too would blame
/// every section that lists it.
fn unread(letter: &Letter, id: &str) -> bool {
    match &letter.demands_read {
        DemandsRead::All => false,
        DemandsRead::IdsOnly(ids) => ids.iter().any(|i| i == id),
        DemandsRead::Nothing => true,
    }
}

/// Links to `#demand-<id>` must name a demand the letter has.
fn links(letter: &Letter, defined: &HashMap<&str, &Origin>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for link in &letter.links {
        let Some(id) = link.target.strip_prefix("demand-") else { continue };
        if defined.contains_key(id) || unread(letter, id) {
            continue;
        }
        let anchors: Vec<String> = defined.keys().map(|d| format!("#demand-{d}")).collect();
        let hint = match did_you_mean(&format!("#{}", link.target), anchors.iter().map(String::as_str)) {
            Some(best) => format!("did you mean `{best}`?"),
            None => "link to `#demand-<id>` with the id of a demand in demands.yaml".to_string(),
        };
        let message = format!("no demand has the id `{id}` (link `#{}`)", link.target);
        out.push(Diagnostic::error("unknown-anchor", &link.origin, message).with_hint(hint));
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
