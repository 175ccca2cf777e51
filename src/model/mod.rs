//! The letter and its signers as plain data.
//!
//! Nothing here reads files or knows about YAML: `load` builds these types from
//! the organizer's files and `check`, `dedup` and `render` only ever see them.

mod letter;
mod roster;
mod text;

pub use letter::{Addressee, Date, Demand, Label, Letter, Section};
pub use roster::{
    Counts, Individual, Members, Network, Organization, Private, Roster, Signer, SignerKind, Withdrawal,
    Withdrawn,
};
pub use roster::{Review, ReviewedEntry, Verdict};
pub use text::{Lang, Text};

use std::path::Path;
use std::sync::Arc;

/// Where a value was written: the file and the 1-based line and column.
///
/// Every entry of the model keeps one so that findings about it can point the
/// organizer at the exact line to edit.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin {
    pub file: Arc<Path>,
    pub line: usize,
    pub column: usize,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}
