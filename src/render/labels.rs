//! The words around the letter's own text ("Signatories", "Page 3 of 12"),
//! from `labels.yaml` in the templates, overridden by the letter's `labels:`.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::model::{Counts, Lang, Letter, Origin};

/// Label key → language code → text.
pub type LabelTable = BTreeMap<String, BTreeMap<String, String>>;

/// `labels.yaml`, read as strictly as a roster; `file` names it in findings.
pub fn parse(src: &str, file: &Origin) -> Result<LabelTable, Diagnostic> {
    crate::load::parse_yaml(src, file)
}

/// Every label in `lang`: the letter's own first, then the templates'.
/// Returns the keys that have no text in `lang` as the error.
pub fn for_lang(
    table: &LabelTable,
    letter: &Letter,
    lang: &Lang,
) -> Result<BTreeMap<String, String>, Vec<String>> {
    let mut out = BTreeMap::new();
    let mut missing = Vec::new();
    let keys = table.keys().chain(letter.labels.keys());
    for key in keys {
        let own = letter.labels.get(key).and_then(|l| l.text.get(lang));
        let default = table.get(key).and_then(|m| m.get(lang.as_str()));
        match own.or(default.map(String::as_str)) {
            Some(text) => {
                out.insert(key.clone(), text.to_string());
            }
            None => missing.push(key.clone()),
        }
    }
    missing.dedup();
    if missing.is_empty() { Ok(out) } else { Err(missing) }
}

/// Replaces `{name}` placeholders with the signer counts.
pub fn fill_counts(label: &str, counts: &Counts) -> String {
    let values = [
        ("{unique_signers}", counts.unique_signers),
        ("{signatures}", counts.signatures),
        ("{networks}", counts.networks),
        ("{network_members}", counts.network_members),
        ("{organizations}", counts.organizations),
        ("{individuals}", counts.individuals),
    ];
    values.iter().fold(label.to_string(), |s, (k, v)| s.replace(k, &v.to_string()))
}
