//! The roster's entries as `sign` needs them: each signer with whether it
//! withdrew and which list of its file it stands in.

use std::sync::Arc;

use super::edit::{ListPath, MemberKind};
use crate::model::{Roster, Signer, SignerKind, Withdrawal};

#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub signer: Signer<'a>,
    pub at: ListPath,
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
        out.push(entry(net.signer(&networks), ListPath::Top, net.withdrawn.as_ref()));
        let list: Arc<str> = Arc::from(net.members_list());
        let at = |kind| ListPath::Members { network: index, kind };
        for o in &net.members.organizations {
            out.push(entry(o.signer(&list), at(MemberKind::Organizations), o.withdrawn.as_ref()));
        }
        for p in &net.members.people {
            out.push(entry(p.signer(&list), at(MemberKind::People), p.withdrawn.as_ref()));
        }
    }
    let list = Arc::from(SignerKind::Organization.roster());
    for o in &roster.organizations {
        out.push(entry(o.signer(&list), ListPath::Top, o.withdrawn.as_ref()));
    }
    let list = Arc::from(SignerKind::Person.roster());
    for p in &roster.individuals {
        out.push(entry(p.signer(&list), ListPath::Top, p.withdrawn.as_ref()));
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

fn entry<'a>(signer: Signer<'a>, at: ListPath, withdrawn: Option<&'a Withdrawal>) -> Entry<'a> {
    Entry { signer, at, withdrawn }
}
