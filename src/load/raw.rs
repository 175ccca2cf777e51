//! Serde structs that mirror the YAML files one to one.
//!
//! Every value that a finding may point at is `S`panned, so its line and
//! column survive until `convert` turns these into the model.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_saphyr::Spanned;

/// A value and where it is used (for an alias, where the alias stands),
/// read through serde-saphyr's `Spanned` but keeping only the line and
/// column: under half its size. Every field of every entry is moved several
/// times while a roster file is read, so at 100,000 entries the size is time.
#[derive(Debug)]
pub struct S<T> {
    pub value: T,
    pub line: u32,
    pub column: u32,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for S<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<T>::deserialize(d)?;
        let at = spanned.referenced;
        let clamp = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        Ok(S { value: spanned.value, line: clamp(at.line()), column: clamp(at.column()) })
    }
}

/// A key most entries leave out. Boxed, it takes a pointer's room in every
/// entry instead of the whole value's: an individual shrinks from 328 to 192
/// bytes, and `check` of 100,000 signers peaks about 5 MB lower, because
/// serde grows each file's list of entries by copying it.
pub type Rare<T> = Option<Box<S<T>>>;

/// A plain string (same in every language), `{all: …}` (the same in every
/// language on purpose: a name), or a map from language to text.
#[derive(Debug, Clone)]
pub enum RawText {
    Same(String),
    All(String),
    PerLang(BTreeMap<String, String>),
}

/// The key of `{all: …}`.
pub const ALL: &str = "all";

/// What a text's place held: text, or a number the parser has already
/// converted (`12.50` is 12.5 by then) and that is read again as written.
enum Written {
    Text(RawText),
    Number(String),
}

impl<'de> Deserialize<'de> for RawText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<Written>::deserialize(d)?;
        Ok(match spanned.value {
            Written::Text(text) => text,
            // A name such as `1999`, `0x1F` or `12.50` is text to the organizer.
            Written::Number(converted) => {
                RawText::Same(super::yaml::written(spanned.referenced.span()).unwrap_or(converted))
            }
        })
    }
}

impl<'de> Deserialize<'de> for Written {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Written;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a text, or a map from language to text such as {es: …, en: …}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Written, E> {
                Ok(Written::Text(RawText::Same(v.to_string())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Written, E> {
                Ok(Written::Number(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Written, E> {
                Ok(Written::Number(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Written, E> {
                Ok(Written::Number(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Written, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((lang, text)) = map.next_entry::<String, String>()? {
                    out.insert(lang, text);
                }
                match out.remove(ALL) {
                    Some(text) if out.is_empty() => Ok(Written::Text(RawText::All(text))),
                    Some(text) => {
                        out.insert(ALL.to_string(), text);
                        Ok(Written::Text(RawText::PerLang(out)))
                    }
                    None => Ok(Written::Text(RawText::PerLang(out))),
                }
            }
        }
        d.deserialize_any(TextVisitor)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLetter {
    pub id: S<String>,
    pub date: S<String>,
    pub place: S<RawText>,
    pub languages: Option<S<Vec<S<String>>>>,
    pub title: S<RawText>,
    pub short_title: Option<S<RawText>>,
    pub addressees: Vec<S<RawAddressee>>,
    pub greeting: S<RawText>,
    pub opening: Vec<S<RawText>>,
    pub sections: Vec<S<RawSection>>,
    pub closing: Vec<S<RawText>>,
    pub sign_off: S<RawText>,
    #[serde(default)]
    pub labels: BTreeMap<String, S<RawText>>,
    pub sort: Option<S<RawSort>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAddressee {
    pub name: S<RawText>,
    pub role: Option<S<RawText>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    pub heading: S<RawText>,
    pub intro: Option<S<RawText>>,
    pub demands: Vec<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDemand {
    pub id: S<String>,
    pub lead: S<RawText>,
    pub body: S<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOrganization {
    pub name: S<RawText>,
    pub acronym: Option<S<String>>,
    pub country: Option<S<String>>,
    pub city: Rare<String>,
    pub website: Rare<String>,
    pub display: Rare<String>,
    pub sort_as: Rare<RawText>,
    pub email: Rare<String>,
    pub phone: Rare<String>,
    pub notes: Rare<String>,
    pub authorized_by: Rare<RawAuthorization>,
    pub withdrawn: Rare<RawWithdrawal>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIndividual {
    pub name: S<RawText>,
    pub affiliation: Option<S<RawText>>,
    pub role: Option<S<RawText>>,
    pub country: Option<S<String>>,
    pub display: Rare<String>,
    pub sort_as: Rare<RawText>,
    pub email: Rare<String>,
    pub phone: Rare<String>,
    pub notes: Rare<String>,
    pub withdrawn: Rare<RawWithdrawal>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNetwork {
    pub name: S<RawText>,
    pub acronym: Option<S<String>>,
    pub country: Option<S<String>>,
    pub website: Rare<String>,
    #[serde(default)]
    pub members: RawMembers,
    pub display: Rare<String>,
    pub sort_as: Rare<RawText>,
    pub email: Rare<String>,
    pub phone: Rare<String>,
    pub notes: Rare<String>,
    pub authorized_by: Rare<RawAuthorization>,
    pub withdrawn: Rare<RawWithdrawal>,
}

/// A member that is `None` was blanked out for a problem already reported
/// (see `entries`); a valid file has none.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMembers {
    #[serde(default)]
    pub organizations: Vec<Option<S<RawOrganization>>>,
    #[serde(default)]
    pub people: Vec<Option<S<RawIndividual>>>,
}

/// `authorized_by: {name: Ana López, date: 2025-01-20}`: who said the
/// organization signs, for the organizers only.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAuthorization {
    pub name: S<String>,
    pub date: Option<S<String>>,
}

/// `sort: {articles: skip, people: given-name}` in letter.yaml.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSort {
    pub articles: Option<S<String>>,
    pub people: Option<S<String>>,
}

/// `withdrawn: {date: 2025-01-20, reason: …}` on any roster entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWithdrawal {
    pub date: S<String>,
    pub reason: Option<S<String>>,
}
