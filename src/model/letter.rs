//! The letter itself: who it is for, what it says, what it demands.

use std::collections::BTreeMap;

use super::{Lang, Origin, Text};

/// A calendar date, already checked to exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// Written as YAML writes it: `2024-12-02`.
impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// How names are put in order: the letter's `sort:` settings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SortOrder {
    pub articles: Articles,
    pub people: PeopleOrder,
}

/// Whether a leading article ("La 72", "The Advocates") decides a name's place.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Articles {
    /// "La 72" under 7, "El Colegio de México" under C: how Spanish and
    /// English catalogues file names.
    #[default]
    Skip,
    /// "La 72" under L: the name exactly as printed.
    Keep,
}

impl Articles {
    pub const ALL: [(Articles, &'static str); 2] = [(Articles::Skip, "skip"), (Articles::Keep, "keep")];
}

/// Where a person's name sorts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PeopleOrder {
    /// As written, given name first: the list reads in the order it is printed.
    #[default]
    GivenName,
    /// By the first surname ("Leticia Calderón Chelius" under C).
    Surname,
}

impl PeopleOrder {
    pub const ALL: [(PeopleOrder, &'static str); 2] =
        [(PeopleOrder::GivenName, "given-name"), (PeopleOrder::Surname, "surname")];
}

#[derive(Debug, Clone)]
pub struct Letter {
    pub id: String,
    pub date: Date,
    pub place: Text,
    /// The first language is the letter's own; the others are translations.
    pub languages: Vec<Lang>,
    pub title: Text,
    pub short_title: Option<Text>,
    pub addressees: Vec<Addressee>,
    pub greeting: Text,
    pub opening: Vec<Text>,
    pub sections: Vec<Section>,
    pub closing: Vec<Text>,
    pub sign_off: Text,
    /// Organizer overrides of the rendered labels, by label key.
    pub labels: BTreeMap<String, Label>,
    /// How the lists of signers are sorted (`sort:`).
    pub sort: SortOrder,
    pub demands: Vec<Demand>,
    /// How much of demands.yaml could be read.
    pub demands_read: DemandsRead,
    /// Links in the letter's texts to its own anchors (`#demand-…`).
    pub links: Vec<AnchorLink>,
    pub origin: Origin,
}

/// What `demands` holds of demands.yaml, so that one broken demand is not
/// also reported as an unknown id wherever a section lists the others.
#[derive(Debug, Clone, PartialEq)]
pub enum DemandsRead {
    /// Every demand (or there is no file).
    All,
    /// The file did not read as demands; these are the ids it holds.
    IdsOnly(Vec<String>),
    /// Not even the ids could be read.
    Nothing,
}

/// A link to an anchor of the letter, with where its text is written.
#[derive(Debug, Clone)]
pub struct AnchorLink {
    /// Without the `#`.
    pub target: String,
    pub origin: Origin,
}

/// An override of one of the words around the letter's text. It may give
/// only some languages: the templates' `labels.yaml` supplies the rest.
#[derive(Debug, Clone)]
pub struct Label {
    pub text: Text,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Addressee {
    pub name: Text,
    pub role: Option<Text>,
}

#[derive(Debug, Clone)]
pub struct Section {
    pub heading: Text,
    pub intro: Option<Text>,
    /// Ids of the demands this section holds, in order, with where each was named.
    pub demands: Vec<(String, Origin)>,
    pub origin: Origin,
}

/// One demand: a stable id, a lead sentence and the paragraph that argues it.
#[derive(Debug, Clone)]
pub struct Demand {
    pub id: String,
    pub lead: Text,
    pub body: Text,
    pub origin: Origin,
}

impl Letter {
    pub fn demand(&self, id: &str) -> Option<&Demand> {
        self.demands.iter().find(|d| d.id == id)
    }
}
