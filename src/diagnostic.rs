//! Findings about an organizer's files, with where they are and how to fix them.
//!
//! Loading and checking return diagnostics instead of printing them, so the
//! CLI decides how they look (plain text, JSON, GitHub annotations).

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
            file: at.file.display().to_string(),
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
    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.column, b.severity).cmp(&(&b.file, b.line, b.column, a.severity))
    });
}
