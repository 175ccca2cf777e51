//! The signatories as a table, for whoever receives the letter and for
//! websites: one record per signature, in CSV or JSON.
//!
//! Only active signers are listed (a withdrawn one is in no output), in the
//! order the letter prints them in its first exported language, so the same
//! rosters always give the same bytes. Contact details come along only when
//! the caller asks for them (`Fields::WithPrivate`).

mod csv_out;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{
    Display, Individual, Lang, Network, Organization, Private, Roster, SignerKind, SortOrder, Text,
};
use crate::render::collate::{Collator, SortKey, sorted};
use crate::render::country::CountryNames;

pub use csv_out::{FORMULA_GUARD, csv};

/// A text per language code, as the JSON writes it: `{"es": …, "en": …}`.
pub type PerLang = BTreeMap<String, String>;

/// One signature: a network, an organization or a person, directly or as a
/// network's member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// `network`, `organization` or `person`.
    pub kind: String,
    /// The list it stands in, as `check` names lists: `organizations`,
    /// `members of <network>`. With the name, who it is (see `identity`).
    pub list: String,
    pub name: PerLang,
    pub acronym: Option<String>,
    /// For a network's member: the network's name in the first language.
    pub network: Option<String>,
    pub country: Option<Country>,
    pub city: Option<String>,
    pub website: Option<String>,
    pub role: Option<PerLang>,
    pub affiliation: Option<PerLang>,
    /// Contact details: only with `Fields::WithPrivate`.
    #[serde(flatten, default, skip_serializing_if = "Option::is_none")]
    pub private: Option<PrivateFields>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Country {
    /// ISO 3166-1 alpha-2.
    pub code: String,
    pub name: PerLang,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivateFields {
    /// `full`, `name-only` or `anonymous`: what the signer allowed the
    /// letter to show, which whoever receives a private export must honour.
    pub display: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
}

/// Whether contact details are exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fields {
    Public,
    WithPrivate,
}

impl Record {
    /// The name under the first language code, in code order ("en" before
    /// "es"): the same version on both sides of a comparison.
    pub fn first_name(&self) -> &str {
        self.name.values().next().map_or("", String::as_str)
    }

    /// The name in `lang`, or the first one there is.
    pub fn name_in(&self, lang: &Lang) -> &str {
        self.name.get(lang.as_str()).map_or_else(|| self.first_name(), String::as_str)
    }
}

/// Every active signature in the order the letter lists them in `langs[0]`,
/// sorted as its `sort:` asks: networks and organizations together, each
/// network followed by its members, then the individuals.
pub fn records(roster: &Roster, langs: &[Lang], order: SortOrder, fields: Fields) -> Vec<Record> {
    let Some(first) = langs.first() else { return Vec::new() };
    let countries = langs.iter().map(CountryNames::new).collect();
    let ctx = Ctx { langs, countries, fields, collator: Collator::with_order(first, order) };
    let mut groups: Vec<(SortKey, Vec<Record>)> =
        roster.active_networks().filter(|n| ctx.listed(n.display)).map(|n| ctx.network(n)).collect();
    groups.extend(roster.active_organizations().filter(|o| ctx.listed(o.display)).map(|o| {
        (
            ctx.key(&o.name, o.sort_as.as_ref(), false),
            vec![ctx.organization(o, SignerKind::Organization.roster(), None)],
        )
    }));
    let people = roster.active_individuals().filter(|p| ctx.listed(p.display));
    let people = people.map(|p| {
        (ctx.key(&p.name, p.sort_as.as_ref(), true), ctx.person(p, SignerKind::Person.roster(), None))
    });
    let mut out: Vec<Record> = sorted(groups).into_iter().flatten().collect();
    out.extend(sorted(people.collect()));
    out
}

/// The records as a JSON document: the letter's id, the languages, the
/// signers. No date or time: the same rosters give the same bytes.
pub fn json(letter_id: &str, langs: &[Lang], records: &[Record]) -> Vec<u8> {
    #[derive(Serialize)]
    struct Document<'a> {
        letter: &'a str,
        languages: Vec<&'a str>,
        signers: &'a [Record],
    }
    let doc =
        Document { letter: letter_id, languages: langs.iter().map(Lang::as_str).collect(), signers: records };
    let mut bytes = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

struct Ctx<'a> {
    langs: &'a [Lang],
    /// CLDR's names, loaded once per language rather than once per row.
    countries: Vec<CountryNames>,
    fields: Fields,
    /// The letter's order in its first exported language.
    collator: Collator,
}

impl Ctx<'_> {
    /// A public export lists only the signers the letter names; a private
    /// one lists everyone, with their display level to honour.
    fn listed(&self, display: Display) -> bool {
        self.fields == Fields::WithPrivate || display.is_named()
    }

    /// A public export shows a name-only signer as the letter does: the name
    /// and acronym, nothing else.
    fn shown(&self, record: Record, display: Display) -> Record {
        if self.fields == Fields::WithPrivate || display != Display::NameOnly {
            return record;
        }
        Record { country: None, city: None, website: None, role: None, affiliation: None, ..record }
    }

    fn key(&self, name: &Text, sort_as: Option<&Text>, person: bool) -> SortKey {
        self.collator.signer_key(name, sort_as, &self.langs[0], person)
    }

    /// The network's key, and its record followed by its members', sorted
    /// as the letter lists them: organizations, then people.
    fn network(&self, n: &Network) -> (SortKey, Vec<Record>) {
        let list = n.members_list();
        let of = Some(n.name.in_lang(&self.langs[0]));
        let orgs = n.members.active_organizations().filter(|o| self.listed(o.display));
        let orgs =
            orgs.map(|o| (self.key(&o.name, o.sort_as.as_ref(), false), self.organization(o, &list, of)));
        let people = n.members.active_people().filter(|p| self.listed(p.display));
        let people = people.map(|p| (self.key(&p.name, p.sort_as.as_ref(), true), self.person(p, &list, of)));
        let head = Record {
            acronym: n.acronym.clone(),
            website: n.website.clone(),
            ..self.base(
                "network",
                SignerKind::Network.roster(),
                &n.name,
                n.country.as_deref(),
                &n.private,
                n.display,
            )
        };
        let mut out = vec![head];
        out.extend(sorted(orgs.collect()));
        out.extend(sorted(people.collect()));
        (self.key(&n.name, n.sort_as.as_ref(), false), out)
    }

    fn organization(&self, o: &Organization, list: &str, network: Option<&str>) -> Record {
        let record = Record {
            acronym: o.acronym.clone(),
            network: network.map(str::to_string),
            city: o.city.clone(),
            website: o.website.clone(),
            ..self.base("organization", list, &o.name, o.country.as_deref(), &o.private, o.display)
        };
        self.shown(record, o.display)
    }

    fn person(&self, p: &Individual, list: &str, network: Option<&str>) -> Record {
        let record = Record {
            network: network.map(str::to_string),
            role: p.role.as_ref().map(|t| self.per_lang(t)),
            affiliation: p.affiliation.as_ref().map(|t| self.per_lang(t)),
            ..self.base("person", list, &p.name, p.country.as_deref(), &p.private, p.display)
        };
        self.shown(record, p.display)
    }

    fn base(
        &self,
        kind: &str,
        list: &str,
        name: &Text,
        country: Option<&str>,
        private: &Private,
        display: Display,
    ) -> Record {
        Record {
            kind: kind.to_string(),
            list: list.to_string(),
            name: self.per_lang(name),
            acronym: None,
            network: None,
            country: country.map(|code| self.country(code)),
            city: None,
            website: None,
            role: None,
            affiliation: None,
            private: (self.fields == Fields::WithPrivate).then(|| PrivateFields {
                display: display.key().to_string(),
                email: private.email.clone(),
                phone: private.phone.clone(),
                notes: private.notes.clone(),
            }),
        }
    }

    fn country(&self, code: &str) -> Country {
        let name = self
            .langs
            .iter()
            .zip(&self.countries)
            .map(|(l, names)| (l.to_string(), names.view(code).name))
            .collect();
        Country { code: code.to_string(), name }
    }

    fn per_lang(&self, text: &Text) -> PerLang {
        self.langs.iter().map(|l| (l.to_string(), text.in_lang(l).to_string())).collect()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::Path;

    use super::*;
    use crate::model::{Articles, PeopleOrder};
    use crate::render::view::{self, SignatoriesView, SignerView};

    /// The names a letter prints, in order: each group followed by its
    /// members, then the individuals.
    fn printed(v: &SignatoriesView) -> Vec<String> {
        let with_members = |g: &SignerView| {
            let members = g.members.iter().map(|m| m.name.clone());
            std::iter::once(g.name.clone()).chain(members).collect::<Vec<_>>()
        };
        v.groups.iter().flat_map(with_members).chain(v.individuals.iter().map(|p| p.name.clone())).collect()
    }

    #[test]
    fn the_flagship_is_exported_in_the_order_its_letter_prints_it() {
        let flagship = Path::new(env!("CARGO_MANIFEST_DIR")).join("letters/mexico-2024");
        let loaded = crate::load::load(&flagship).unwrap();
        let roster = &loaded.project.roster;
        let by_surname = SortOrder { articles: Articles::Keep, people: PeopleOrder::Surname };
        for lang in ["es", "en"].map(|l| Lang::parse(l).unwrap()) {
            for order in [SortOrder::default(), by_surname] {
                let letter = printed(&view::signatories(roster, &lang, order, &BTreeMap::new()));
                let records = records(roster, std::slice::from_ref(&lang), order, Fields::Public);
                let exported: Vec<&str> = records.iter().map(|r| r.name_in(&lang)).collect();
                assert_eq!(exported, letter, "{lang:?} {order:?}");
                assert!(letter.len() > 200, "the flagship's signers: {}", letter.len());
            }
        }
    }
}
