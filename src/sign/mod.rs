//! Adding and withdrawing signers in the roster files, safely.
//!
//! Signatures arrive for weeks, by form, by e-mail and by pull request, and
//! each must land once, in the right list, without anyone's work being lost:
//!
//! - `signup` checks what was typed (`country` reads country names);
//!   `duplicates` asks the duplicate engine whether the signer is already in,
//!   over the roster's `entries`, withdrawn ones included;
//! - `edit` changes a roster file's text in place (one line per added entry,
//!   at its sorted place), with `shape` for positions and `emit` for quoting;
//! - `batch` holds a run's changes until they are shown as a diff or
//!   written, each file atomically, under the roster's `lock`;
//! - `withdraw` finds the entries a withdrawal is about, and `record`
//!   writes it (and a signing-again) as a line of `history.yaml`;
//! - `import` reads a form export into signups.

pub mod batch;
pub mod country;
pub mod duplicates;
pub mod edit;
pub mod emit;
pub mod entries;
pub mod import;
pub mod lock;
pub mod record;
pub mod shape;
pub mod signup;
pub(crate) mod text;
pub mod withdraw;

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Severity};
use crate::load::{self, Loaded};

#[derive(Debug, thiserror::Error)]
pub enum SignError {
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Edit(#[from] edit::EditError),
    #[error(transparent)]
    Load(#[from] crate::load::LoadError),
    #[error("the roster has errors, so it is left as it is; fix these first (`letter check` lists every problem):\n{}", list(.0))]
    RosterErrors(Vec<Diagnostic>),
    #[error("nothing written: `letter check` would refuse the roster as it would be written:\n{}", list(.0))]
    WouldNotLoad(Vec<Diagnostic>),
    #[error("no network named `{name}` signs this letter\n  hint: {}", networks_hint(known))]
    UnknownNetwork { name: String, known: Vec<String> },
    #[error("`{name}` is not in the roster\n  hint: {hint}")]
    NotSigned { name: String, hint: String },
    #[error("`{name}` is in one list more than once: {}\n  hint: if they are two signers, name the one you mean by its place: `--at FILE:LINE`", places.join(", "))]
    Ambiguous { name: String, places: Vec<String> },
    #[error(
        "{place}: `{name}` already withdrew on {date}\n  hint: nothing to do; `letter history` shows the record"
    )]
    AlreadyWithdrawn { name: String, place: String, date: crate::model::Date },
}

fn list(diagnostics: &[Diagnostic]) -> String {
    diagnostics.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")
}

fn networks_hint(known: &[String]) -> String {
    if known.is_empty() {
        "add the network first with `letter sign --network NAME`".into()
    } else {
        format!("name one of the networks by its name or acronym: {}", known.join("; "))
    }
}

/// A letter opened for editing its rosters: locked when it is going to be
/// written, loaded after the lock is taken (so it sees the previous run's
/// work), and known to be readable.
pub struct Session {
    pub loaded: Loaded,
    _lock: Option<lock::RosterLock>,
}

pub fn open(path: &Path, for_writing: bool) -> Result<Session, SignError> {
    let roster_dir = load::locate(path)?.roster_dir;
    let lock = for_writing
        .then(|| lock::lock(&roster_dir).map_err(|source| SignError::Io { path: roster_dir.clone(), source }))
        .transpose()?;
    let loaded = load::load(path)?;
    ensure_readable(&loaded)?;
    Ok(Session { loaded, _lock: lock })
}

/// Refuses to edit a roster the loader could not fully read: entries it
/// skipped would be invisible to the duplicate search, and a file that does
/// not parse cannot be edited in place.
fn ensure_readable(loaded: &Loaded) -> Result<(), SignError> {
    let dir = &loaded.project.layout.roster_dir;
    let errors: Vec<Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error && std::path::Path::new(&d.file).starts_with(dir))
        .cloned()
        .collect();
    if errors.is_empty() { Ok(()) } else { Err(SignError::RosterErrors(errors)) }
}
