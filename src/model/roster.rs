//! The people and groups who sign: networks, organizations and individuals.

use serde::Serialize;

use super::{Date, Origin, Text};

/// Contact details and notes kept for the organizers; never rendered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Private {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Organization {
    pub name: Text,
    pub acronym: Option<String>,
    /// ISO 3166-1 alpha-2, upper case.
    pub country: Option<String>,
    pub city: Option<String>,
    pub website: Option<String>,
    pub private: Private,
    pub withdrawn: Option<Withdrawal>,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Individual {
    pub name: Text,
    pub affiliation: Option<Text>,
    pub role: Option<Text>,
    pub country: Option<String>,
    pub private: Private,
    pub withdrawn: Option<Withdrawal>,
    pub origin: Origin,
}

#[derive(Debug, Clone, Default)]
pub struct Members {
    pub organizations: Vec<Organization>,
    pub people: Vec<Individual>,
}

#[derive(Debug, Clone)]
pub struct Network {
    pub name: Text,
    pub acronym: Option<String>,
    pub country: Option<String>,
    pub website: Option<String>,
    pub members: Members,
    pub private: Private,
    pub withdrawn: Option<Withdrawal>,
    pub origin: Origin,
}

/// A signer who took back their signature. The entry stays in the roster as
/// a record; it is neither rendered nor counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withdrawal {
    pub date: Date,
    pub reason: Option<String>,
    pub origin: Origin,
}

/// Everyone who signs one letter.
#[derive(Debug, Clone, Default)]
pub struct Roster {
    pub networks: Vec<Network>,
    pub organizations: Vec<Organization>,
    pub individuals: Vec<Individual>,
    /// Pairs of entries an organizer has looked at (`reviewed.yaml`).
    pub reviews: Vec<Review>,
}

/// An organizer's decision about two entries the duplicate check may
/// report: one signer written twice, or two signers.
#[derive(Debug, Clone)]
pub struct Review {
    pub verdict: Verdict,
    pub entries: [ReviewedEntry; 2],
    pub note: Option<String>,
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Same,
    Distinct,
}

/// An entry named by its name (and its list, where the name is in several),
/// so the review survives edits to other entries.
#[derive(Debug, Clone)]
pub struct ReviewedEntry {
    pub name: String,
    /// As `Signer::list` says it: `organizations`, `members of <network>`.
    pub list: Option<String>,
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SignerKind {
    Network,
    Organization,
    Person,
}

/// One signature wherever it stands: directly, or as a network's member.
///
/// `list` names the list it sits in ("organizations", "individuals",
/// "members of <network>") so two entries of the same list can be told apart
/// from a direct signer who is also a member.
#[derive(Debug, Clone)]
pub struct Signer<'a> {
    pub kind: SignerKind,
    pub name: &'a Text,
    pub acronym: Option<&'a str>,
    pub country: Option<&'a str>,
    pub origin: &'a Origin,
    pub list: String,
}

impl Roster {
    /// Every signature in roster order: networks and their members, then
    /// organizations, then individuals.
    pub fn signers(&self) -> Vec<Signer<'_>> {
        let mut out = Vec::new();
        for net in &self.networks {
            out.push(Signer {
                kind: SignerKind::Network,
                name: &net.name,
                acronym: net.acronym.as_deref(),
                country: net.country.as_deref(),
                origin: &net.origin,
                list: "networks".into(),
            });
            let list = format!("members of {}", net.name.variants().next().unwrap_or(""));
            out.extend(net.members.organizations.iter().map(|o| o.signer(&list)));
            out.extend(net.members.people.iter().map(|p| p.signer(&list)));
        }
        out.extend(self.organizations.iter().map(|o| o.signer("organizations")));
        out.extend(self.individuals.iter().map(|p| p.signer("individuals")));
        out
    }
}

/// A withdrawn entry wherever it stands, for the withdrawal ledger.
#[derive(Debug, Clone)]
pub struct Withdrawn<'a> {
    pub name: &'a Text,
    /// As in `Signer::list`.
    pub list: String,
    pub origin: &'a Origin,
    pub withdrawal: &'a Withdrawal,
}

impl Roster {
    /// The roster without withdrawn entries: who is rendered and counted. A
    /// withdrawn network takes its member list with it.
    pub fn active(&self) -> Roster {
        let keep_net = |n: &&Network| n.withdrawn.is_none();
        Roster {
            networks: self
                .networks
                .iter()
                .filter(keep_net)
                .map(|n| Network {
                    members: Members {
                        organizations: active(&n.members.organizations, |o| &o.withdrawn),
                        people: active(&n.members.people, |p| &p.withdrawn),
                    },
                    ..n.clone()
                })
                .collect(),
            organizations: active(&self.organizations, |o| &o.withdrawn),
            individuals: active(&self.individuals, |p| &p.withdrawn),
            reviews: self.reviews.clone(),
        }
    }

    /// Every withdrawn entry, in roster order.
    pub fn withdrawals(&self) -> Vec<Withdrawn<'_>> {
        let mut out = Vec::new();
        for net in &self.networks {
            out.extend(withdrawn(&net.name, "networks", &net.origin, &net.withdrawn));
            let list = format!("members of {}", net.name.variants().next().unwrap_or(""));
            for o in &net.members.organizations {
                out.extend(withdrawn(&o.name, &list, &o.origin, &o.withdrawn));
            }
            for p in &net.members.people {
                out.extend(withdrawn(&p.name, &list, &p.origin, &p.withdrawn));
            }
        }
        for o in &self.organizations {
            out.extend(withdrawn(&o.name, "organizations", &o.origin, &o.withdrawn));
        }
        for p in &self.individuals {
            out.extend(withdrawn(&p.name, "individuals", &p.origin, &p.withdrawn));
        }
        out
    }
}

fn active<T: Clone>(list: &[T], withdrawn: impl Fn(&T) -> &Option<Withdrawal>) -> Vec<T> {
    list.iter().filter(|e| withdrawn(e).is_none()).cloned().collect()
}

fn withdrawn<'a>(
    name: &'a Text,
    list: &str,
    origin: &'a Origin,
    withdrawal: &'a Option<Withdrawal>,
) -> Option<Withdrawn<'a>> {
    let withdrawal = withdrawal.as_ref()?;
    Some(Withdrawn { name, list: list.to_string(), origin, withdrawal })
}

impl Organization {
    fn signer(&self, list: &str) -> Signer<'_> {
        Signer {
            kind: SignerKind::Organization,
            name: &self.name,
            acronym: self.acronym.as_deref(),
            country: self.country.as_deref(),
            origin: &self.origin,
            list: list.to_string(),
        }
    }
}

impl Individual {
    fn signer(&self, list: &str) -> Signer<'_> {
        Signer {
            kind: SignerKind::Person,
            name: &self.name,
            acronym: None,
            country: self.country.as_deref(),
            origin: &self.origin,
            list: list.to_string(),
        }
    }
}

/// How many sign, computed by `check` (which knows who repeats whom).
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Counts {
    pub networks: usize,
    pub network_members: usize,
    pub organizations: usize,
    pub individuals: usize,
    /// Every signature, however often one signer appears.
    pub signatures: usize,
    /// Signers once each: a group that signs directly and as a network's
    /// member counts once.
    pub unique_signers: usize,
}
