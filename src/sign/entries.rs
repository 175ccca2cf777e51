//! The roster's entries as `sign` needs them: each with its list, whether it
//! withdrew, and how to find it again in its file's text.

use std::path::{Path, PathBuf};

use super::edit::{ListPath, MemberKind};
use super::signup::Kind;
use crate::model::{Individual, Network, Organization, Origin, Roster, Text, Withdrawal};

/// How to find an entry in its file: by list and name, which stay true while
/// other entries are added around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryRef {
    pub file: PathBuf,
    pub list: ListPath,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub kind: Kind,
    pub name: &'a Text,
    pub acronym: Option<&'a str>,
    pub country: Option<&'a str>,
    pub origin: &'a Origin,
    /// "networks", "organizations", "individuals" or "members of <network>".
    pub list: String,
    pub at: EntryRef,
    pub withdrawn: Option<&'a Withdrawal>,
}

impl Entry<'_> {
    pub fn display_name(&self) -> &str {
        self.name.variants().next().unwrap_or_default()
    }
}

/// The list a network's members are in, as `check` names it.
pub fn members_list(network: &str) -> String {
    format!("members of {network}")
}

/// Every entry, withdrawn ones included, in roster order.
pub fn entries(roster: &Roster) -> Vec<Entry<'_>> {
    let mut out = Vec::new();
    for (net, index) in roster.networks.iter().zip(network_indexes(roster)) {
        out.push(network(net));
        let list = members_list(net.name.variants().next().unwrap_or_default());
        let file = PathBuf::from(&*net.origin.file);
        let at = |kind| ListPath::Members { network: index, kind };
        for o in &net.members.organizations {
            out.push(organization(o, &list, &file, at(MemberKind::Organizations)));
        }
        for p in &net.members.people {
            out.push(person(p, &list, &file, at(MemberKind::People)));
        }
    }
    for o in &roster.organizations {
        out.push(organization(o, "organizations", &PathBuf::from(&*o.origin.file), ListPath::Top));
    }
    for p in &roster.individuals {
        out.push(person(p, "individuals", &PathBuf::from(&*p.origin.file), ListPath::Top));
    }
    out
}

/// Each network's place in its own file's list.
pub fn network_indexes(roster: &Roster) -> Vec<usize> {
    let nets = &roster.networks;
    (0..nets.len())
        .map(|i| nets[..i].iter().filter(|n| n.origin.file == nets[i].origin.file).count())
        .collect()
}

fn reference(name: &Text, file: &Path, list: ListPath) -> EntryRef {
    EntryRef { file: file.to_path_buf(), list, name: name.variants().next().unwrap_or_default().to_string() }
}

fn network(n: &Network) -> Entry<'_> {
    Entry {
        kind: Kind::Network,
        name: &n.name,
        acronym: n.acronym.as_deref(),
        country: n.country.as_deref(),
        origin: &n.origin,
        list: "networks".into(),
        at: reference(&n.name, &PathBuf::from(&*n.origin.file), ListPath::Top),
        withdrawn: n.withdrawn.as_ref(),
    }
}

fn organization<'a>(o: &'a Organization, list: &str, file: &Path, path: ListPath) -> Entry<'a> {
    Entry {
        kind: Kind::Organization,
        name: &o.name,
        acronym: o.acronym.as_deref(),
        country: o.country.as_deref(),
        origin: &o.origin,
        list: list.into(),
        at: reference(&o.name, file, path),
        withdrawn: o.withdrawn.as_ref(),
    }
}

fn person<'a>(p: &'a Individual, list: &str, file: &Path, path: ListPath) -> Entry<'a> {
    Entry {
        kind: Kind::Person,
        name: &p.name,
        acronym: None,
        country: p.country.as_deref(),
        origin: &p.origin,
        list: list.into(),
        at: reference(&p.name, file, path),
        withdrawn: p.withdrawn.as_ref(),
    }
}
