//! The record of who withdrew and who signed again: `history.yaml`.
//!
//! A withdrawal is a promise to a person, and a letter is edited on many
//! branches at once. Marking the roster entry itself (`withdrawn:` under its
//! name) changes lines that other branches also touch, and git's union merge
//! can then attach the mark to a neighbour or keep the old line beside the
//! new one. So every withdrawal and every signing-again is one
//! self-contained line appended to `history.yaml`, naming its entry by its
//! list and name (and, where two entries share both, by what tells them
//! apart). Appends on two branches merge into both lines, in any order;
//! the roster files are never touched.

use super::{Date, Origin};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Withdrawn,
    SignedAgain,
}

impl Action {
    /// As `history.yaml` writes it.
    pub const fn word(self) -> &'static str {
        match self {
            Action::Withdrawn => "withdrawn",
            Action::SignedAgain => "signed-again",
        }
    }

    pub fn parse(word: &str) -> Option<Action> {
        [Action::Withdrawn, Action::SignedAgain].into_iter().find(|a| a.word() == word)
    }
}

/// Which roster entry an event is about: its list (as `Signer::list` names
/// it) and name as the roster writes them, and, only where those two are
/// shared by several entries, the fields that tell them apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Who {
    pub name: String,
    pub list: String,
    pub country: Option<String>,
    pub city: Option<String>,
    pub affiliation: Option<String>,
}

/// One line of `history.yaml`.
#[derive(Debug, Clone)]
pub struct Event {
    pub action: Action,
    pub who: Who,
    pub date: Date,
    pub reason: Option<String>,
    /// Who asked for it: the signer, or whoever spoke for them.
    pub requested_by: Option<String>,
    /// Who wrote it down.
    pub recorded_by: Option<String>,
    pub origin: Origin,
}
