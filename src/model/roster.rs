//! The people and groups who sign: networks, organizations and individuals.

use std::sync::Arc;

use serde::Serialize;

use super::{Date, Event, Origin, SignerRef, Text};

/// Contact details and notes kept for the organizers; never rendered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Private {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
    /// Who, in an organization, said it signs, and when: the organizers'
    /// proof of consent.
    pub authorized_by: Option<Authorization>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorization {
    pub name: String,
    pub date: Option<Date>,
}

/// How much of a signer the letter shows. Every signer counts in the
/// totals and in the duplicate search, whatever it shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Display {
    /// Name, acronym, role, affiliation: everything public.
    #[default]
    Full,
    /// The name (and acronym) alone: no role, affiliation or place.
    NameOnly,
    /// Not named anywhere; counted in "and 12 who asked not to be named".
    Anonymous,
}

impl Display {
    /// Each level and how a roster writes it.
    pub const ALL: [(Display, &'static str); 3] =
        [(Display::Full, "full"), (Display::NameOnly, "name-only"), (Display::Anonymous, "anonymous")];

    pub fn parse(s: &str) -> Option<Display> {
        Display::ALL.iter().find(|(_, key)| *key == s).map(|(d, _)| *d)
    }

    pub fn key(self) -> &'static str {
        Display::ALL.iter().find(|(d, _)| *d == self).map_or("full", |(_, key)| key)
    }

    /// Whether any output may print the signer's name.
    pub fn is_named(self) -> bool {
        self != Display::Anonymous
    }
}

#[derive(Debug, Clone)]
pub struct Organization {
    pub name: Text,
    pub acronym: Option<String>,
    /// ISO 3166-1 alpha-2, upper case.
    pub country: Option<String>,
    pub city: Option<String>,
    pub website: Option<String>,
    pub display: Display,
    /// What the name sorts as, when its words mislead ("La 72" as "Setenta y dos").
    pub sort_as: Option<Text>,
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
    pub display: Display,
    /// What the name sorts as ("López, Ana María" where the surname cannot be told).
    pub sort_as: Option<Text>,
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
    pub display: Display,
    pub sort_as: Option<Text>,
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
    pub requested_by: Option<String>,
    pub recorded_by: Option<String>,
    /// The line of `history.yaml`, or the `withdrawn:` key, that says so.
    pub origin: Origin,
    /// Written as `withdrawn:` on the entry itself, the way earlier versions
    /// did, rather than as a line of `history.yaml`.
    pub inline: bool,
}

/// Everyone who signs one letter.
#[derive(Debug, Clone, Default)]
pub struct Roster {
    pub networks: Vec<Network>,
    pub organizations: Vec<Organization>,
    pub individuals: Vec<Individual>,
    /// Pairs of entries an organizer has looked at (`reviewed.yaml`).
    pub reviews: Vec<Review>,
    /// Withdrawals and signings-again, as `history.yaml` lists them.
    pub history: Vec<Event>,
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

/// An entry named by who it is (`SignerRef`), not by its line, so the
/// review survives edits to other entries.
#[derive(Debug, Clone)]
pub struct ReviewedEntry {
    pub entry: SignerRef,
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SignerKind {
    Network,
    Organization,
    Person,
}

impl SignerKind {
    /// Every kind, in the order the rosters are read.
    pub const ALL: [SignerKind; 3] = [SignerKind::Network, SignerKind::Organization, SignerKind::Person];

    /// The roster a direct signer of this kind is written in, and the name
    /// of its list wherever signers are listed.
    pub const fn roster(self) -> &'static str {
        match self {
            SignerKind::Network => "networks",
            SignerKind::Organization => "organizations",
            SignerKind::Person => "individuals",
        }
    }
}

/// One signature wherever it stands: directly, or as a network's member.
///
/// `list` names the list it sits in ("organizations", "individuals",
/// "members of <network>") so two entries of the same list can be told apart
/// from a direct signer who is also a member. It is shared: the members of
/// one network all point at one name.
#[derive(Debug, Clone)]
pub struct Signer<'a> {
    pub kind: SignerKind,
    pub name: &'a Text,
    pub acronym: Option<&'a str>,
    pub country: Option<&'a str>,
    /// A person's; what tells namesakes apart, with the country and city.
    pub affiliation: Option<&'a Text>,
    /// An organization's.
    pub city: Option<&'a str>,
    pub origin: &'a Origin,
    pub list: Arc<str>,
}

/// Which entries a walk over the roster takes.
type Keep = fn(&Option<Withdrawal>) -> bool;

impl Roster {
    /// Every signature in roster order: networks and their members, then
    /// organizations, then individuals.
    pub fn signers(&self) -> Vec<Signer<'_>> {
        self.signers_kept(|_| true)
    }

    /// The signatures that count: every signer but the withdrawn ones, in
    /// roster order. A withdrawn network takes its member list with it.
    pub fn active_signers(&self) -> Vec<Signer<'_>> {
        self.signers_kept(Option::is_none)
    }

    /// The signatures of the entries `keep` takes; a network it leaves out
    /// takes its members with it.
    fn signers_kept(&self, keep: Keep) -> Vec<Signer<'_>> {
        // Room for everyone at once: at 100,000 signers, growing step by
        // step copied the list several times.
        let members: usize =
            self.networks.iter().map(|n| n.members.organizations.len() + n.members.people.len()).sum();
        let mut out = Vec::with_capacity(
            self.networks.len() + members + self.organizations.len() + self.individuals.len(),
        );
        let networks: Arc<str> = Arc::from(SignerKind::Network.roster());
        for net in self.networks.iter().filter(|n| keep(&n.withdrawn)) {
            out.push(net.signer(&networks));
            let list: Arc<str> = Arc::from(net.members_list());
            out.extend(
                net.members.organizations.iter().filter(|o| keep(&o.withdrawn)).map(|o| o.signer(&list)),
            );
            out.extend(net.members.people.iter().filter(|p| keep(&p.withdrawn)).map(|p| p.signer(&list)));
        }
        let list = Arc::from(SignerKind::Organization.roster());
        out.extend(self.organizations.iter().filter(|o| keep(&o.withdrawn)).map(|o| o.signer(&list)));
        let list = Arc::from(SignerKind::Person.roster());
        out.extend(self.individuals.iter().filter(|p| keep(&p.withdrawn)).map(|p| p.signer(&list)));
        out
    }

    /// The active networks: who is rendered.
    pub fn active_networks(&self) -> impl Iterator<Item = &Network> {
        self.networks.iter().filter(|n| n.withdrawn.is_none())
    }

    /// The active direct organizations.
    pub fn active_organizations(&self) -> impl Iterator<Item = &Organization> {
        self.organizations.iter().filter(|o| o.withdrawn.is_none())
    }

    /// The active direct individuals.
    pub fn active_individuals(&self) -> impl Iterator<Item = &Individual> {
        self.individuals.iter().filter(|p| p.withdrawn.is_none())
    }

    /// How many active entries of each kind sign, and how many signatures
    /// that makes; `unique_signers` is left at the number of signatures, for
    /// `check` to lower (it knows who repeats whom).
    pub fn active_counts(&self) -> Counts {
        let networks: Vec<&Network> = self.active_networks().collect();
        let network_members = networks
            .iter()
            .map(|n| n.members.active_organizations().count() + n.members.active_people().count())
            .sum();
        let organizations = self.active_organizations().count();
        let individuals = self.active_individuals().count();
        let signatures = networks.len() + network_members + organizations + individuals;
        Counts {
            networks: networks.len(),
            network_members,
            organizations,
            individuals,
            signatures,
            unique_signers: signatures,
        }
    }
}

impl Roster {
    /// Every entry's withdrawal, in the order of `signers` (a test holds
    /// the two walks to one order).
    pub fn withdrawals_mut(&mut self) -> Vec<&mut Option<Withdrawal>> {
        let mut out = Vec::new();
        for net in &mut self.networks {
            out.push(&mut net.withdrawn);
            out.extend(net.members.organizations.iter_mut().map(|o| &mut o.withdrawn));
            out.extend(net.members.people.iter_mut().map(|p| &mut p.withdrawn));
        }
        out.extend(self.organizations.iter_mut().map(|o| &mut o.withdrawn));
        out.extend(self.individuals.iter_mut().map(|p| &mut p.withdrawn));
        out
    }
}

impl Members {
    /// The member organizations that did not withdraw.
    pub fn active_organizations(&self) -> impl Iterator<Item = &Organization> {
        self.organizations.iter().filter(|o| o.withdrawn.is_none())
    }

    /// The member people who did not withdraw.
    pub fn active_people(&self) -> impl Iterator<Item = &Individual> {
        self.people.iter().filter(|p| p.withdrawn.is_none())
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
    /// Every withdrawn entry, in roster order.
    pub fn withdrawals(&self) -> Vec<Withdrawn<'_>> {
        let mut out = Vec::new();
        for net in &self.networks {
            out.extend(withdrawn(&net.name, SignerKind::Network.roster(), &net.origin, &net.withdrawn));
            let list = net.members_list();
            for o in &net.members.organizations {
                out.extend(withdrawn(&o.name, &list, &o.origin, &o.withdrawn));
            }
            for p in &net.members.people {
                out.extend(withdrawn(&p.name, &list, &p.origin, &p.withdrawn));
            }
        }
        for o in &self.organizations {
            out.extend(withdrawn(&o.name, SignerKind::Organization.roster(), &o.origin, &o.withdrawn));
        }
        for p in &self.individuals {
            out.extend(withdrawn(&p.name, SignerKind::Person.roster(), &p.origin, &p.withdrawn));
        }
        out
    }
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

impl Network {
    pub fn signer<'a>(&'a self, list: &Arc<str>) -> Signer<'a> {
        Signer {
            kind: SignerKind::Network,
            name: &self.name,
            acronym: self.acronym.as_deref(),
            country: self.country.as_deref(),
            affiliation: None,
            city: None,
            origin: &self.origin,
            list: list.clone(),
        }
    }

    /// The list its members are in, as findings name it.
    pub fn members_list(&self) -> String {
        format!("members of {}", self.name.first())
    }
}

impl Organization {
    pub fn signer<'a>(&'a self, list: &Arc<str>) -> Signer<'a> {
        Signer {
            kind: SignerKind::Organization,
            name: &self.name,
            acronym: self.acronym.as_deref(),
            country: self.country.as_deref(),
            affiliation: None,
            city: self.city.as_deref(),
            origin: &self.origin,
            list: list.clone(),
        }
    }
}

impl Individual {
    pub fn signer<'a>(&'a self, list: &Arc<str>) -> Signer<'a> {
        Signer {
            kind: SignerKind::Person,
            name: &self.name,
            acronym: None,
            country: self.country.as_deref(),
            affiliation: self.affiliation.as_ref(),
            city: None,
            origin: &self.origin,
            list: list.clone(),
        }
    }
}

/// How many sign, computed by `check` (which knows who repeats whom).
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize, PartialEq, Eq)]
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
