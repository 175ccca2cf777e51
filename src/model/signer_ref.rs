//! Naming one roster entry from another file (a review, a ledger) by who
//! it is, not by where it stands.
//!
//! A name alone does not say who signs: two people may share it. A reference
//! is the name plus, where needed, what tells namesakes apart (the list,
//! affiliation, country, city). It names the entries that agree on every
//! field it gives; a reference naming more than one entry is ambiguous, and
//! the caller says so rather than deciding for all of them.

use super::{Signer, Text};
use crate::dedup::normalize::{exact_key, same_exactly};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SignerRef {
    pub name: String,
    /// As `Signer::list` says it: `organizations`, `members of <network>`.
    pub list: Option<String>,
    pub affiliation: Option<String>,
    pub country: Option<String>,
    pub city: Option<String>,
}

impl SignerRef {
    /// Whether `s` is an entry this reference names: the same name (in any
    /// of its languages) once case, spacing and Unicode forms are ignored,
    /// and the same value for each other field the reference gives.
    pub fn matches(&self, s: &Signer) -> bool {
        let name = exact_key(&self.name);
        s.name.variants().any(|n| exact_key(n) == name) && self.matches_besides_name(s)
    }

    /// `matches`, for an entry already known to bear the name.
    pub fn matches_besides_name(&self, s: &Signer) -> bool {
        let same = |want: &Option<String>, has: Option<&str>| {
            want.as_deref().is_none_or(|w| has.is_some_and(|h| same_exactly(h, w)))
        };
        let affiliation = self
            .affiliation
            .as_deref()
            .is_none_or(|w| s.affiliation.is_some_and(|a| a.variants().any(|v| same_exactly(v, w))));
        same(&self.list, Some(&s.list))
            && affiliation
            && same(&self.country, s.country)
            && same(&self.city, s.city)
    }

    /// The reference that names `s` and not `other`, where a name can: the
    /// name alone when the names differ, else the name with the fields that
    /// differ (none when nothing tells them apart).
    pub fn telling_apart(s: &Signer, other: &Signer) -> SignerRef {
        let name = s.name.first().to_string();
        if !same_exactly(&name, other.name.first()) {
            return SignerRef { name, ..SignerRef::default() };
        }
        let differ = |x: Option<&str>, y: Option<&str>| {
            x.filter(|x| y.is_none_or(|y| !same_exactly(x, y))).map(str::to_string)
        };
        SignerRef {
            name,
            list: differ(Some(&s.list), Some(&other.list)),
            affiliation: differ(s.affiliation.map(Text::first), other.affiliation.map(Text::first)),
            country: differ(s.country, other.country),
            city: differ(s.city, other.city),
        }
    }

    /// The fields it gives, name first, as a roster or review writes them.
    pub fn fields(&self) -> Vec<(&'static str, String)> {
        let optional = [
            ("list", &self.list),
            ("affiliation", &self.affiliation),
            ("country", &self.country),
            ("city", &self.city),
        ];
        let given = optional.into_iter().filter_map(|(k, v)| v.clone().map(|v| (k, v)));
        std::iter::once(("name", self.name.clone())).chain(given).collect()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::model::{Origin, SignerKind};

    fn person<'a>(name: &'a Text, affiliation: Option<&'a Text>, origin: &'a Origin) -> Signer<'a> {
        Signer {
            kind: SignerKind::Person,
            name,
            acronym: None,
            country: Some("MX"),
            affiliation,
            city: None,
            origin,
            list: Arc::from("individuals"),
        }
    }

    #[test]
    fn a_reference_names_the_entries_that_agree_on_every_field_it_gives() {
        let origin = Origin { file: std::path::Path::new("i.yaml").into(), line: 1, column: 1 };
        let (name, unam, colef) = (Text::from("Juan Hernández"), Text::from("UNAM"), Text::from("El Colef"));
        let (a, b) = (person(&name, Some(&unam), &origin), person(&name, Some(&colef), &origin));
        let by_name = SignerRef { name: "juan  HERNÁNDEZ".into(), ..SignerRef::default() };
        assert!(by_name.matches(&a) && by_name.matches(&b));
        let told = SignerRef::telling_apart(&a, &b);
        assert_eq!(told.affiliation.as_deref(), Some("UNAM"));
        assert_eq!((told.list.as_ref(), told.country.as_ref()), (None, None), "only what differs");
        assert!(told.matches(&a) && !told.matches(&b));
        let in_country = SignerRef { country: Some("mx".into()), ..by_name };
        assert!(in_country.matches(&a));
        assert_eq!(told.fields(), [("name", "Juan Hernández".into()), ("affiliation", "UNAM".into())]);
    }
}
