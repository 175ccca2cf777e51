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
        if !same_exactly(s.name.first(), other.name.first()) {
            return SignerRef { name: s.name.first().to_string(), ..SignerRef::default() };
        }
        let [told, _] = Self::telling_namesakes_apart(s, other);
        told
    }

    /// `telling_apart` both ways, for two signers known to share a name:
    /// each field is compared once for the two.
    pub fn telling_namesakes_apart(a: &Signer, b: &Signer) -> [SignerRef; 2] {
        let (of_a, of_b) = (told_by(a), told_by(b));
        let differ: [bool; 4] = std::array::from_fn(|i| match (of_a[i], of_b[i]) {
            (Some(x), Some(y)) => !same_exactly(x, y),
            _ => true,
        });
        [(a, of_a), (b, of_b)].map(|(s, of)| {
            let [list, affiliation, country, city] =
                std::array::from_fn(|i| of[i].filter(|_| differ[i]).map(str::to_string));
            SignerRef { name: s.name.first().to_string(), list, affiliation, country, city }
        })
    }

    /// The fields it gives, name first, as a roster or review writes them.
    pub fn fields(&self) -> Vec<(&'static str, &str)> {
        let optional = [
            ("list", &self.list),
            ("affiliation", &self.affiliation),
            ("country", &self.country),
            ("city", &self.city),
        ];
        let given = optional.into_iter().filter_map(|(k, v)| v.as_deref().map(|v| (k, v)));
        std::iter::once(("name", self.name.as_str())).chain(given).collect()
    }
}

/// What may tell a signer from a namesake, in `SignerRef`'s order.
fn told_by<'a>(s: &'a Signer) -> [Option<&'a str>; 4] {
    [Some(&*s.list), s.affiliation.map(Text::first), s.country, s.city]
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
        assert_eq!(told.fields(), [("name", "Juan Hernández"), ("affiliation", "UNAM")]);
    }

    #[test]
    fn namesakes_are_told_apart_both_ways_at_once_by_what_each_has() {
        let origin = Origin { file: std::path::Path::new("i.yaml").into(), line: 1, column: 1 };
        let (name, unam) = (Text::from("Juan Hernández"), Text::from("UNAM"));
        let a = Signer { city: Some("Mérida"), country: Some("mx"), ..person(&name, Some(&unam), &origin) };
        let b = person(&name, None, &origin);
        let [told_a, told_b] = SignerRef::telling_namesakes_apart(&a, &b);
        assert_eq!(told_a, SignerRef::telling_apart(&a, &b));
        assert_eq!(told_b, SignerRef::telling_apart(&b, &a));
        assert_eq!(
            told_a.fields(),
            [("name", "Juan Hernández"), ("affiliation", "UNAM"), ("city", "Mérida")]
        );
        assert_eq!(told_b.fields(), [("name", "Juan Hernández")]);
    }
}
