//! `reviewed.yaml`: pairs of entries an organizer has looked at.
//!
//! The duplicate check reports pairs it is not sure of, and some it is sure
//! of that the letter keeps on purpose. Once a person has decided, the
//! decision is written down so the pair is not reported again:
//!
//! ```yaml
//! - same: [Sin Fronteras IAP, "Sin Fronteras, IAP"]
//!   note: one organization, listed directly and by the GTPM
//! - distinct:
//!     - Programa de Asuntos Migratorio (ITESO)
//!     - Programa de Asuntos Migratorios de la Ibero Torreón
//! - same:
//!     - {name: Uno de Siete Migrando A.C., list: organizations}
//!     - name: Uno de Siete Migrando A.C.
//!       list: members of Red de Documentación de las Organizaciones Defensoras de Migrantes
//! ```
//!
//! Entries are named by their name, not their line, so the record survives
//! edits to other entries; `list`, `affiliation`, `country` and `city` tell
//! apart entries of the same name (`model::SignerRef`):
//!
//! ```yaml
//! - distinct:
//!     - {name: Juan Hernández, affiliation: UNAM}
//!     - {name: Juan Hernández, affiliation: El Colef}
//! ```

use std::path::Path;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::convert::Ctx;
use super::raw::S;
use super::{LoadError, Sandbox, parse_file};
use crate::diagnostic::Diagnostic;
use crate::model::{Review, ReviewedEntry, SignerRef, Verdict};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReview {
    same: Option<S<Vec<S<RawEntry>>>>,
    distinct: Option<S<Vec<S<RawEntry>>>>,
    note: Option<S<String>>,
}

/// An entry as a plain name, or as `{name, list, affiliation, country, city}`.
#[derive(Debug, Default)]
struct RawEntry {
    name: String,
    list: Option<String>,
    affiliation: Option<String>,
    country: Option<String>,
    city: Option<String>,
}

const ENTRY_KEYS: &[&str] = &["name", "list", "affiliation", "country", "city"];

impl<'de> Deserialize<'de> for RawEntry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct EntryVisitor;
        impl<'de> Visitor<'de> for EntryVisitor {
            type Value = RawEntry;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an entry's name, or {name: …, list: …, affiliation: …, country: …, city: …}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawEntry, E> {
                Ok(RawEntry { name: v.to_string(), ..RawEntry::default() })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawEntry, A::Error> {
                let (mut name, mut out) = (None, RawEntry::default());
                while let Some(key) = map.next_key::<String>()? {
                    let field = match key.as_str() {
                        "name" => &mut name,
                        "list" => &mut out.list,
                        "affiliation" => &mut out.affiliation,
                        "country" => &mut out.country,
                        "city" => &mut out.city,
                        other => return Err(de::Error::unknown_field(other, ENTRY_KEYS)),
                    };
                    *field = Some(map.next_value::<String>()?);
                }
                out.name = name.ok_or_else(|| de::Error::missing_field("name"))?;
                Ok(out)
            }
        }
        d.deserialize_any(EntryVisitor)
    }
}

/// Reads one review file; each malformed review becomes a finding.
pub fn load(path: &Path, sandbox: &Sandbox, diags: &mut Vec<Diagnostic>) -> Result<Vec<Review>, LoadError> {
    let Some((raw, origin)) = parse_file::<Vec<S<RawReview>>>(path, sandbox, diags)? else {
        return Ok(Vec::new());
    };
    let mut ctx = Ctx { file: &origin, langs: &[], diags };
    Ok(raw.iter().filter_map(|r| review(&mut ctx, r)).collect())
}

fn review(ctx: &mut Ctx, raw: &S<RawReview>) -> Option<Review> {
    let r = &raw.value;
    let at = ctx.at(raw);
    let (verdict, pair) = match (&r.same, &r.distinct) {
        (Some(pair), None) => (Verdict::Same, pair),
        (None, Some(pair)) => (Verdict::Distinct, pair),
        (both, _) => {
            let message = if both.is_some() {
                "a review says `same` or `distinct`, not both"
            } else {
                "a review needs `same:` or `distinct:`"
            };
            ctx.diags.push(Diagnostic::error("invalid-review", &at, message).with_hint(
                "write `- same: [first name, second name]` or `- distinct: [first name, second name]`",
            ));
            return None;
        }
    };
    let [first, second] = &pair.value[..] else {
        let at = ctx.at(pair);
        let message = format!("a review names two entries; this one names {}", pair.value.len());
        ctx.diags.push(
            Diagnostic::error("invalid-review", &at, message)
                .with_hint("split it into one review per pair of entries"),
        );
        return None;
    };
    let entries = [entry(ctx, first)?, entry(ctx, second)?];
    let note = ctx.opt_string(r.note.as_ref(), "note");
    Some(Review { verdict, entries, note, origin: at })
}

fn entry(ctx: &mut Ctx, raw: &S<RawEntry>) -> Option<ReviewedEntry> {
    let at = ctx.at(raw);
    let name = raw.value.name.trim();
    if name.is_empty() {
        ctx.diags.push(
            Diagnostic::error("empty-text", &at, "the entry's name is empty")
                .with_hint("write the name as the roster writes it"),
        );
        return None;
    }
    let given =
        |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
    let r = &raw.value;
    let entry = SignerRef {
        name: name.to_string(),
        list: given(&r.list),
        affiliation: given(&r.affiliation),
        country: given(&r.country),
        city: given(&r.city),
    };
    Some(ReviewedEntry { entry, origin: at })
}
