//! Labels: every one the templates use has a text in each of the letter's
//! languages, and the letter overrides only labels that exist.

use crate::diagnostic::Diagnostic;
use crate::load::did_you_mean;
use crate::model::{Letter, Origin};
use crate::render::labels::LabelTable;
use crate::render::plural;

pub fn check(letter: &Letter, table: &LabelTable, file: &Origin) -> Vec<Diagnostic> {
    unknown(letter, table).chain(missing(letter, table)).chain(plurals(letter, table, file)).collect()
}

/// A label's `{count, plural, …}` choices must read: a mistake there would
/// print the label's raw text in the letter.
fn plurals<'a>(
    letter: &'a Letter,
    table: &'a LabelTable,
    file: &'a Origin,
) -> impl Iterator<Item = Diagnostic> + 'a {
    let own = letter.labels.iter().flat_map(|(key, label)| {
        label.text.variants().map(move |text| (key.as_str(), text, &label.origin)).collect::<Vec<_>>()
    });
    let defaults = table.iter().flat_map(move |(key, texts)| {
        texts
            .values()
            .filter(|_| !letter.labels.contains_key(key))
            .map(move |text| (key.as_str(), text.as_str(), file))
    });
    own.chain(defaults).filter_map(|(key, text, at)| {
        let err = plural::validate(text).err()?;
        Some(
            Diagnostic::error("invalid-label", at, format!("label `{key}`: {err}"))
                .with_hint("write a choice as `{count, plural, one {# red} other {# redes}}`"),
        )
    })
}

fn unknown<'a>(letter: &'a Letter, table: &'a LabelTable) -> impl Iterator<Item = Diagnostic> + 'a {
    letter.labels.iter().filter(|(key, _)| !table.contains_key(*key)).map(|(key, label)| {
        let hint = match did_you_mean(key, table.keys().map(String::as_str)) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("the labels are {}", table.keys().cloned().collect::<Vec<_>>().join(", ")),
        };
        Diagnostic::warning("unknown-label", &label.origin, format!("no template uses a label `{key}`"))
            .with_hint(hint)
    })
}

fn missing<'a>(letter: &'a Letter, table: &'a LabelTable) -> impl Iterator<Item = Diagnostic> + 'a {
    letter.languages.iter().flat_map(move |lang| {
        table.iter().filter_map(move |(key, defaults)| {
            let own = letter.labels.get(key).and_then(|l| l.text.get(lang));
            if own.is_some() || defaults.contains_key(lang.as_str()) {
                return None;
            }
            let at = letter.labels.get(key).map_or(&letter.origin, |l| &l.origin);
            Some(
                Diagnostic::error("missing-label", at, format!("label `{key}` has no `{lang}` text"))
                    .with_hint(format!("add it to letter.yaml: `labels: {{{key}: {{{lang}: …}}}}`")),
            )
        })
    })
}
