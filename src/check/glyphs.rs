//! Characters no font shipped for the PDF can draw, found in the roster so
//! the signer is named at their line before `build` typesets anything.

use crate::diagnostic::Diagnostic;
use crate::model::Signer;
use crate::render::pdf;

/// `signers` are the roster's active ones.
pub fn check(signers: &[Signer]) -> Vec<Diagnostic> {
    signers.iter().filter_map(undrawable).collect()
}

fn undrawable(s: &Signer) -> Option<Diagnostic> {
    let texts = s.name.variants().chain(s.affiliation.into_iter().flat_map(|a| a.variants()));
    let texts = texts.chain(s.acronym).chain(s.city);
    texts.into_iter().find_map(|text| {
        let c = pdf::undrawable(text)?;
        let message = format!("`{text}`: no font for the PDF can draw {}", pdf::char_label(c));
        let hint = "remove the character or write it another way; see README, “Scripts and fonts”";
        Some(Diagnostic::error("undrawable-char", s.origin, message).with_hint(hint))
    })
}
