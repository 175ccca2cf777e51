//! The roster's entries as `sign` needs them: each signer with whether it
//! withdrew and how to find it again in its file's text.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::edit::{ListPath, MemberKind};
use crate::model::{Roster, Signer, SignerKind, Withdrawal};

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
    pub signer: Signer<'a>,
    pub at: EntryRef,
    pub withdrawn: Option<&'a Withdrawal>,
}

impl Entry<'_> {
    pub fn display_name(&self) -> &str {
        self.signer.name.first()
    }
}

/// Every entry, withdrawn ones included, in roster order.
pub fn entries(roster: &Roster) -> Vec<Entry<'_>> {
    let mut out = Vec::new();
    let networks: Arc<str> = Arc::from(SignerKind::Network.roster());
    for (net, index) in roster.networks.iter().zip(network_indexes(roster)) {
        let file = PathBuf::from(&*net.origin.file);
        out.push(entry(net.signer(&networks), &file, ListPath::Top, net.withdrawn.as_ref()));
        let list: Arc<str> = Arc::from(net.members_list());
        let at = |kind| ListPath::Members { network: index, kind };
        for o in &net.members.organizations {
            out.push(entry(o.signer(&list), &file, at(MemberKind::Organizations), o.withdrawn.as_ref()));
        }
        for p in &net.members.people {
            out.push(entry(p.signer(&list), &file, at(MemberKind::People), p.withdrawn.as_ref()));
        }
    }
    let list = Arc::from(SignerKind::Organization.roster());
    for o in &roster.organizations {
        out.push(entry(o.signer(&list), Path::new(&*o.origin.file), ListPath::Top, o.withdrawn.as_ref()));
    }
    let list = Arc::from(SignerKind::Person.roster());
    for p in &roster.individuals {
        out.push(entry(p.signer(&list), Path::new(&*p.origin.file), ListPath::Top, p.withdrawn.as_ref()));
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

fn entry<'a>(
    signer: Signer<'a>,
    file: &Path,
    list: ListPath,
    withdrawn: Option<&'a Withdrawal>,
) -> Entry<'a> {
    let at = EntryRef { file: file.to_path_buf(), list, name: signer.name.first().to_string() };
    Entry { signer, at, withdrawn }
}
