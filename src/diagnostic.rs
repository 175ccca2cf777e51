//! Findings about an organizer's files, with where they are and how to fix them.
//!
//! Loading and checking return diagnostics instead of printing them, so the
//! CLI decides how they look (plain text, JSON, GitHub annotations).

use std::cmp::Reverse;
use std::collections::HashMap;

use serde::Serialize;

use crate::model::Origin;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One finding. Serialized as-is in the JSON report, so its field names are a
/// public contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// A stable kebab-case identifier (`unknown-key`, `duplicate-signatory`).
    pub code: &'static str,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn new(severity: Severity, code: &'static str, at: &Origin, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            file: at.file.to_string_lossy().into_owned(),
            line: at.line,
            column: at.column,
            code,
            message: message.into(),
            hint: None,
        }
    }

    pub fn error(code: &'static str, at: &Origin, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, at, message)
    }

    pub fn warning(code: &'static str, at: &Origin, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, at, message)
    }

    pub fn note(code: &'static str, at: &Origin, message: impl Into<String>) -> Self {
        Self::new(Severity::Note, code, at, message)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}: {}: {}", self.file, self.line, self.column, self.severity, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Sorts findings the way a reader scans them: by file, then position.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    // Each file is ranked once: a large roster has tens of thousands of
    // findings in a dozen files, and comparing their paths was the sort.
    let mut files: Vec<&str> = diagnostics.iter().map(|d| d.file.as_str()).collect();
    files.sort_unstable();
    files.dedup();
    let rank: HashMap<String, usize> =
        files.into_iter().enumerate().map(|(i, f)| (f.to_string(), i)).collect();
    diagnostics.sort_by_cached_key(|d| (rank[&d.file], d.line, d.column, Reverse(d.severity)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn at(file: &str, line: usize, column: usize) -> Origin {
        Origin { file: Path::new(file).into(), line, column }
    }

    #[test]
    fn sorted_by_file_position_then_severity_keeping_ties_in_order() {
        let mut d = vec![
            Diagnostic::note("n", &at("b.yaml", 1, 1), "b1"),
            Diagnostic::warning("w", &at("a.yaml", 9, 1), "a9"),
            Diagnostic::note("n", &at("a.yaml", 2, 5), "a2 first"),
            Diagnostic::error("e", &at("a.yaml", 2, 5), "a2 error"),
            Diagnostic::note("n", &at("a.yaml", 2, 5), "a2 second"),
            Diagnostic::note("n", &at("a.yaml", 2, 1), "a2 col 1"),
        ];
        sort(&mut d);
        let order: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(order, ["a2 col 1", "a2 error", "a2 first", "a2 second", "a9", "b1"]);
    }
}
