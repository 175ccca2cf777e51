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

use super::{Date, Origin, SignerRef};

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

/// One line of `history.yaml`.
#[derive(Debug, Clone)]
pub struct Event {
    pub action: Action,
    /// The entry it is about: always with its `list`, and with what tells
    /// it apart where namesakes share the list.
    pub who: SignerRef,
    pub date: Date,
    pub reason: Option<String>,
    /// Who asked for it: the signer, or whoever spoke for them.
    pub requested_by: Option<String>,
    /// Who wrote it down.
    pub recorded_by: Option<String>,
    pub origin: Origin,
}
