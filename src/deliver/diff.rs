//! `letter diff`: who joined, who withdrew and whose entry changed between
//! two lists of signers — a delivery's manifest, the rosters at a git
//! revision, or today's rosters — as terminal text or as Markdown for a
//! follow-up in the letter's languages.
//!
//! A signer is the same on both sides when it stands in the same list under
//! the same name (case, accents and spacing aside); namesakes in one list
//! are told apart by affiliation, country and city, as `SignerRef` does. A
//! renamed entry so reads as one who withdrew and one who joined.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::git::{self, GitError};
use super::{FOLDER, MANIFEST, Manifest};
use crate::dedup::normalize::exact_key;
use crate::export::{self, Fields, Record};
use crate::load::{self, Layout};
use crate::model::{Date, Lang, Letter, Roster, SortOrder};
use crate::render::markdown::escape;
use crate::render::plural::Plurals;
use crate::render::view::format_date;

#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    #[error("{}: not a delivery's manifest: {message}\n  hint: a delivery is what `letter deliver` wrote; restore its manifest.json from git", path.display())]
    Manifest { path: PathBuf, message: String },
    #[error("{}: outside the project; a diff reads only the letter's own files", path.display())]
    Outside { path: PathBuf },
    #[error(transparent)]
    Git(#[from] GitError),
}

/// Where a list of signers comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Point {
    Delivery { name: String, date: Option<Date>, to: String },
    Revision(String),
    Today,
}

/// The signers at one point.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub point: Point,
    pub records: Vec<Record>,
    /// Who signs but asked not to be named (as `key` names them): not in
    /// `records`, yet not withdrawn either. A delivery recorded none.
    pub unnamed: BTreeSet<(String, String)>,
}

/// What changed from one snapshot to the next, in the later one's order
/// (the withdrawn in the earlier one's).
#[derive(Debug, Default)]
pub struct Changes {
    pub joined: Vec<Record>,
    pub withdrew: Vec<Record>,
    /// The entry as it is now, and the fields that changed.
    pub changed: Vec<(Record, Vec<&'static str>)>,
}

/// Today's active signers, in the letter's order.
pub fn today(roster: &Roster, letter: &Letter) -> Snapshot {
    from_roster(Point::Today, roster, &letter.languages, letter.sort)
}

fn from_roster(point: Point, roster: &Roster, langs: &[Lang], order: SortOrder) -> Snapshot {
    let records = export::records(roster, langs, order, Fields::Public);
    let named: BTreeSet<_> = records.iter().map(key).collect();
    let unnamed = export::records(roster, langs, order, Fields::WithPrivate)
        .iter()
        .map(key)
        .filter(|k| !named.contains(k))
        .collect();
    Snapshot { point, records, unnamed }
}

/// The snapshot `spec` names: a delivery's folder, a delivery's name under
/// the letter's `deliveries/`, or else a git revision of the letter's
/// repository.
pub fn resolve(spec: &str, layout: &Layout) -> Result<Snapshot, DiffError> {
    let deliveries = layout.letter_dir.join(FOLDER);
    let candidates = [PathBuf::from(spec), deliveries.join(spec)];
    if let Some(dir) = candidates.iter().find(|c| c.join(MANIFEST).is_file()) {
        return delivery(dir, layout);
    }
    let (_tmp, loaded) = git::at_revision(layout, spec, hint(&deliveries))?;
    let letter = loaded.project.letter.as_ref();
    let langs = letter.map_or_else(load::default_languages, |l| l.languages.clone());
    let order = letter.map(|l| l.sort).unwrap_or_default();
    Ok(from_roster(Point::Revision(spec.to_string()), &loaded.project.roster, &langs, order))
}

fn delivery(dir: &Path, layout: &Layout) -> Result<Snapshot, DiffError> {
    let path = dir.join(MANIFEST);
    if !layout.sandbox.admits(&path) {
        return Err(DiffError::Outside { path });
    }
    let bad = |message: String| DiffError::Manifest { path: path.clone(), message };
    let text = std::fs::read_to_string(&path).map_err(|e| bad(e.to_string()))?;
    let manifest: Manifest = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
    let name =
        dir.file_name().map_or_else(|| dir.display().to_string(), |n| n.to_string_lossy().into_owned());
    let point = Point::Delivery { name, date: load::parse_date(&manifest.date), to: manifest.to };
    Ok(Snapshot { point, records: manifest.signers, unnamed: BTreeSet::new() })
}

/// What to try instead: the deliveries there are.
fn hint(deliveries: &Path) -> String {
    let mut names: Vec<String> = std::fs::read_dir(deliveries)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.path().join(MANIFEST).is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    if names.is_empty() {
        "name a delivery's folder, or a commit, branch or tag; this letter has no delivery yet (`letter deliver`)".into()
    } else {
        format!("name a delivery ({}), or a commit, branch or tag", names.join(", "))
    }
}

/// Who is on one side and not the other, and who is on both but changed.
pub fn compare(before: &Snapshot, after: &Snapshot) -> Changes {
    let mut earlier: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (i, r) in before.records.iter().enumerate() {
        earlier.entry(key(r)).or_default().push(i);
    }
    let mut matched = vec![false; before.records.len()];
    let mut changes = Changes::default();
    for r in &after.records {
        let namesakes = earlier.get(&key(r)).map_or(&[][..], Vec::as_slice);
        let unmatched = namesakes.iter().copied().filter(|&i| !matched[i]);
        let same = |&i: &usize| namesakes.len() == 1 || details(&before.records[i]) == details(r);
        match unmatched.clone().find(same) {
            Some(i) => {
                matched[i] = true;
                let fields = differences(&before.records[i], r);
                if !fields.is_empty() {
                    changes.changed.push((r.clone(), fields));
                }
            }
            None => changes.joined.push(r.clone()),
        }
    }
    // One who now asked not to be named still signs: not withdrawn.
    let gone = |(r, m): &(&Record, &bool)| !**m && !after.unnamed.contains(&key(r));
    changes.withdrew = before.records.iter().zip(&matched).filter(gone).map(|(r, _)| r.clone()).collect();
    changes
}

fn key(r: &Record) -> (String, String) {
    (r.list.clone(), exact_key(r.first_name()))
}

/// What tells namesakes in one list apart.
fn details(r: &Record) -> (String, Option<String>, String) {
    let affiliation =
        r.affiliation.as_ref().and_then(|a| a.values().next()).map_or_else(String::new, |a| exact_key(a));
    (
        affiliation,
        r.country.as_ref().map(|c| c.code.clone()),
        r.city.as_deref().map_or_else(String::new, exact_key),
    )
}

/// The fields whose values differ. Countries compare by code: a change in
/// how a country is named is no change of the signer.
fn differences(a: &Record, b: &Record) -> Vec<&'static str> {
    let code = |r: &Record| r.country.as_ref().map(|c| c.code.clone());
    [
        ("name", a.name != b.name),
        ("acronym", a.acronym != b.acronym),
        ("country", code(a) != code(b)),
        ("city", a.city != b.city),
        ("website", a.website != b.website),
        ("role", a.role != b.role),
        ("affiliation", a.affiliation != b.affiliation),
    ]
    .into_iter()
    .filter_map(|(field, differs)| differs.then_some(field))
    .collect()
}

/// The terminal's account: one line per signer, named in the letter's first
/// language, `+` joined, `-` withdrew, `~` changed with the fields.
pub fn text(changes: &Changes, before: &Point, after: &Point, langs: &[Lang]) -> String {
    let mut out = format!("from {} to {}\n", describe(before), describe(after));
    let line = |mark: char, r: &Record| {
        let name = langs.first().map_or_else(|| r.first_name(), |lang| r.name_in(lang));
        format!("  {mark} {} `{name}` ({})\n", r.kind, r.list)
    };
    out.push_str(&format!("joined: {}\n", changes.joined.len()));
    changes.joined.iter().for_each(|r| out.push_str(&line('+', r)));
    out.push_str(&format!("withdrew: {}\n", changes.withdrew.len()));
    changes.withdrew.iter().for_each(|r| out.push_str(&line('-', r)));
    out.push_str(&format!("changed: {}\n", changes.changed.len()));
    for (r, fields) in &changes.changed {
        out.push_str(&format!("{}: {}\n", line('~', r).trim_end(), fields.join(", ")));
    }
    out
}

fn describe(point: &Point) -> String {
    match point {
        Point::Delivery { name, to, .. } => format!("delivery {name} (to {to})"),
        Point::Revision(rev) => format!("revision {rev}"),
        Point::Today => "today's rosters".into(),
    }
}

/// The follow-up in each of `langs`: a sentence that counts who joined and
/// who withdrew since `before`, then the names. Spanish and English have
/// their words here; another language gets the English ones.
pub fn markdown(changes: &Changes, before: &Point, langs: &[Lang]) -> String {
    let sections: Vec<String> = langs.iter().map(|lang| follow_up(changes, before, lang)).collect();
    sections.join("\n---\n\n")
}

fn follow_up(changes: &Changes, before: &Point, lang: &Lang) -> String {
    let w = Words::for_lang(lang);
    let since = match before {
        Point::Delivery { date: Some(date), .. } => {
            w.since_delivered.replace("{date}", &format_date(*date, lang))
        }
        Point::Delivery { name, .. } => w.since_delivered.replace("{date}", name),
        Point::Revision(rev) => w.since_revision.replace("{rev}", rev),
        Point::Today => String::new(),
    };
    let joined = counted(&changes.joined, lang, w);
    let withdrew = counted(&changes.withdrew, lang, w);
    let verb =
        |n: usize, (one, other): (&str, &str)| Plurals::new(lang).one_or_other(n, one, other).to_string();
    let sentence = match (joined.is_empty(), withdrew.is_empty()) {
        (true, true) => w.nobody.to_string(),
        (false, true) => verb(changes.joined.len(), w.joined).replace("{who}", &joined),
        (true, false) => verb(changes.withdrew.len(), w.withdrew).replace("{who}", &withdrew),
        (false, false) => format!(
            "{}{} {}",
            verb(changes.joined.len(), w.joined).replace("{who}", &joined),
            w.then,
            verb(changes.withdrew.len(), w.withdrew).replace("{who}", &withdrew)
        ),
    };
    let mut out = format!("{since}, {sentence}.\n");
    let name = |r: &Record| escape(r.name_in(lang));
    // Who withdrew is counted, never named: a follow-up is published, and a
    // withdrawal (or a signer who now asked not to be named, who reads as
    // withdrawn here) must leave every published text.
    if !changes.joined.is_empty() {
        out.push_str(&format!("\n**{}**\n\n", w.heading_joined));
        changes.joined.iter().for_each(|r| out.push_str(&format!("- {}\n", name(r))));
    }
    if !changes.changed.is_empty() {
        out.push_str(&format!("\n**{}**\n\n", w.heading_changed));
        for (r, fields) in &changes.changed {
            let fields: Vec<&str> = fields.iter().map(|f| w.field(f)).collect();
            out.push_str(&format!("- {} ({})\n", name(r), fields.join(", ")));
        }
    }
    out
}

/// "34 organizaciones y 1 persona": the count of each kind, with its plural.
fn counted(records: &[Record], lang: &Lang, w: &Words) -> String {
    let parts: Vec<String> = w
        .kinds
        .iter()
        .filter_map(|(kind, one, other)| {
            let n = records.iter().filter(|r| r.kind == *kind).count();
            (n > 0).then(|| format!("{n} {}", Plurals::new(lang).one_or_other(n, one, other)))
        })
        .collect();
    match parts.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {} {last}", rest.join(", "), w.and),
    }
}

/// A follow-up's words in one language; `{…}` is filled in.
struct Words {
    since_delivered: &'static str,
    since_revision: &'static str,
    /// (singular, plural) of the sentence, around `{who}`.
    joined: (&'static str, &'static str),
    withdrew: (&'static str, &'static str),
    nobody: &'static str,
    and: &'static str,
    /// Joins the joined clause to the withdrew clause.
    then: &'static str,
    kinds: [(&'static str, &'static str, &'static str); 3],
    heading_joined: &'static str,
    heading_changed: &'static str,
    fields: [(&'static str, &'static str); 7],
}

const SPANISH: Words = Words {
    since_delivered: "Desde que la carta se entregó el {date}",
    since_revision: "Desde la revisión {rev}",
    joined: ("se sumó {who}", "se sumaron {who}"),
    withdrew: ("{who} retiró su firma", "{who} retiraron su firma"),
    nobody: "nadie se sumó ni retiró su firma",
    and: "y",
    then: " y",
    kinds: [
        ("network", "red", "redes"),
        ("organization", "organización", "organizaciones"),
        ("person", "persona", "personas"),
    ],
    heading_joined: "Se sumaron",
    heading_changed: "Datos actualizados",
    fields: [
        ("name", "nombre"),
        ("acronym", "sigla"),
        ("country", "país"),
        ("city", "ciudad"),
        ("website", "sitio web"),
        ("role", "cargo"),
        ("affiliation", "afiliación"),
    ],
};

const ENGLISH: Words = Words {
    since_delivered: "Since the letter was delivered on {date}",
    since_revision: "Since revision {rev}",
    joined: ("{who} joined", "{who} joined"),
    withdrew: ("{who} withdrew", "{who} withdrew"),
    nobody: "no one joined or withdrew",
    and: "and",
    then: ", and",
    kinds: [
        ("network", "network", "networks"),
        ("organization", "organization", "organizations"),
        ("person", "person", "people"),
    ],
    heading_joined: "Joined",
    heading_changed: "Updated details",
    fields: [
        ("name", "name"),
        ("acronym", "acronym"),
        ("country", "country"),
        ("city", "city"),
        ("website", "website"),
        ("role", "role"),
        ("affiliation", "affiliation"),
    ],
};

impl Words {
    fn for_lang(lang: &Lang) -> &'static Words {
        if lang.locale().id.language.as_str() == "es" { &SPANISH } else { &ENGLISH }
    }

    fn field(&self, key: &str) -> &'static str {
        self.fields.iter().find(|(k, _)| *k == key).map_or("?", |(_, v)| v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::PerLang;

    fn record(kind: &str, name: &str, city: Option<&str>) -> Record {
        let list = match kind {
            "person" => "individuals",
            _ => "organizations",
        };
        Record {
            kind: kind.into(),
            list: list.into(),
            name: PerLang::from([("en".into(), name.into()), ("es".into(), name.into())]),
            acronym: None,
            network: None,
            country: None,
            city: city.map(str::to_string),
            website: None,
            role: None,
            affiliation: None,
            private: None,
        }
    }

    fn snapshot(records: Vec<Record>) -> Snapshot {
        Snapshot { point: Point::Today, records, unnamed: BTreeSet::new() }
    }

    #[test]
    fn joined_withdrew_and_changed_are_told_apart() {
        let before =
            snapshot(vec![record("organization", "Nopal", None), record("person", "Ana Ruiz", None)]);
        let after = snapshot(vec![
            record("organization", "NOPAL", Some("Oaxaca")),
            record("organization", "Bosque Vivo", None),
            record("organization", "Casa Azul", None),
        ]);
        let changes = compare(&before, &after);
        let names = |v: &[Record]| v.iter().map(|r| r.first_name().to_string()).collect::<Vec<_>>();
        assert_eq!(names(&changes.joined), ["Bosque Vivo", "Casa Azul"]);
        assert_eq!(names(&changes.withdrew), ["Ana Ruiz"]);
        assert_eq!(changes.changed.len(), 1);
        assert_eq!(changes.changed[0].1, ["name", "city"], "case is a change of how it is written");
    }

    #[test]
    fn the_follow_up_counts_in_each_language_with_its_plurals() {
        let before = snapshot(vec![record("person", "Ana Ruiz", None)]);
        let after = snapshot(vec![
            record("organization", "Bosque Vivo", None),
            record("organization", "Casa Azul", None),
        ]);
        let changes = compare(&before, &after);
        let date = Date { year: 2026, month: 12, day: 2 };
        let point = Point::Delivery {
            name: "2026-12-02-presidencia".into(),
            date: Some(date),
            to: "Presidencia".into(),
        };
        let md = markdown(&changes, &point, &[Lang::parse("es").unwrap(), Lang::parse("en").unwrap()]);
        assert!(
            md.contains("Desde que la carta se entregó el 2 de diciembre de 2026, se sumaron 2 organizaciones y 1 persona retiró su firma."),
            "{md}"
        );
        assert!(md.contains("Since the letter was delivered on December 2, 2026, 2 organizations joined, and 1 person withdrew."), "{md}");
        assert!(md.contains("- Bosque Vivo\n- Casa Azul\n"), "{md}");
        assert!(!md.contains("Ana Ruiz"), "who withdrew is counted, not named: {md}");
    }

    #[test]
    fn the_account_names_signers_in_the_letters_first_language() {
        let mut network = record("organization", "", None);
        network.name =
            PerLang::from([("en".into(), "Nopal Network".into()), ("es".into(), "Red Nopal".into())]);
        let changes = compare(&snapshot(Vec::new()), &snapshot(vec![network]));
        let es_first = [Lang::parse("es").unwrap(), Lang::parse("en").unwrap()];
        let text = text(&changes, &Point::Today, &Point::Today, &es_first);
        assert!(text.contains("+ organization `Red Nopal`"), "{text}");
    }
}
