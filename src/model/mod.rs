//! The letter and its signers as plain data.
//!
//! Nothing here reads files or knows about YAML: `load` builds these types from
//! the organizer's files and `check`, `dedup` and `render` only ever see them.

mod history;
mod letter;
mod roster;
mod signer_ref;
mod text;

pub use history::{Action, Event};
pub use letter::{
    Addressee, AnchorLink, Articles, Date, Demand, DemandsRead, Label, Letter, PeopleOrder, Section,
    SortOrder,
};
pub use roster::{
    Authorization, Counts, Display, Individual, Members, Network, Organization, Private, Roster, Signer,
    SignerKind, Withdrawal, Withdrawn,
};
pub use roster::{Review, ReviewedEntry, Verdict};
pub use signer_ref::SignerRef;
pub use text::{Lang, MAX_NAME_CHARS, NameProblem, Text};

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
    /// As `Path::display` shows the path, but in one piece: a large roster's
    /// findings name their files about 100,000 times, and `display` writes
    /// each path piece by piece through the formatter.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file.to_string_lossy(), self.line, self.column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_path_shows_as_display_shows_it_even_when_not_utf8() {
        use std::os::unix::ffi::OsStrExt;
        let path = Path::new(std::ffi::OsStr::from_bytes(b"ros\xffter/\xe2\x82x.yaml"));
        let origin = Origin { file: path.into(), line: 3, column: 7 };
        assert_eq!(origin.to_string(), format!("{}:3:7", path.display()));
    }
}
