//! What templates see: the letter in one language, with every text already
//! in the output format's markup.
//!
//! Templates never get the model itself, so private fields (e-mail, phone,
//! notes) cannot reach an output, whatever a template asks for, and neither
//! can a signer who withdrew.

use std::collections::BTreeMap;

use serde::Serialize;

use super::collate::Collator;
use super::inline::{self, Inline};
use super::{RenderContext, RenderError, labels};
use crate::model::{Counts, Date, Individual, Lang, Network, Organization, Roster, Text};

/// How a format writes a paragraph of inline text.
pub trait Markup {
    fn inline(&self, nodes: &[Inline]) -> String;
}

#[derive(Debug, Serialize)]
pub struct LetterView<'a> {
    pub lang: String,
    pub id: String,
    pub title: String,
    pub short_title: String,
    pub place: String,
    pub date: String,
    pub addressees: Vec<AddresseeView>,
    pub greeting: String,
    pub opening: Vec<String>,
    pub sections: Vec<SectionView>,
    pub closing: Vec<String>,
    pub sign_off: String,
    pub signatories: &'a SignatoriesView,
    pub counts: Counts,
    /// The counts in words, from the `summary` label.
    pub summary: String,
    pub labels: BTreeMap<String, String>,
    pub translations: Vec<Translation>,
}

#[derive(Debug, Serialize)]
pub struct AddresseeView {
    pub name: String,
    pub role: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct SectionView {
    pub number: usize,
    pub anchor: String,
    pub heading: String,
    pub intro: Option<String>,
    pub demands: Vec<DemandView>,
}

#[derive(Debug, Serialize)]
pub struct DemandView {
    /// Numbered through the whole letter, not per section.
    pub number: usize,
    pub id: String,
    pub anchor: String,
    pub lead: String,
    pub body: String,
}

#[derive(Debug, Serialize)]
pub struct SignatoriesView {
    /// Networks and organizations together, in the language's order.
    pub groups: Vec<SignerView>,
    pub individuals: Vec<SignerView>,
}

#[derive(Debug, Serialize)]
pub struct SignerView {
    /// "network", "organization" or "person".
    pub kind: &'static str,
    pub name: String,
    pub acronym: Option<String>,
    /// A person's role and affiliation, as one phrase.
    pub detail: Option<String>,
    pub members: Vec<SignerView>,
}

/// The same letter in another language, for links between versions.
#[derive(Debug, Clone, Serialize)]
pub struct Translation {
    pub lang: String,
    /// The language's name in its own language.
    pub name: String,
    /// The output file's name without its extension.
    pub stem: String,
}

pub fn build<'a>(ctx: &RenderContext<'a>, markup: &dyn Markup) -> LetterView<'a> {
    let (letter, lang) = (ctx.letter, ctx.lang);
    let text = |t: &Text| t.in_lang(lang).to_string();
    let rich = |t: &Text| markup.inline(&inline::parse(t.in_lang(lang)));
    LetterView {
        lang: lang.to_string(),
        id: letter.id.clone(),
        title: text(&letter.title),
        short_title: text(letter.short_title.as_ref().unwrap_or(&letter.title)),
        place: text(&letter.place),
        date: format_date(letter.date, lang),
        addressees: letter
            .addressees
            .iter()
            .map(|a| AddresseeView { name: text(&a.name), role: a.role.as_ref().map(text) })
            .collect(),
        greeting: rich(&letter.greeting),
        opening: letter.opening.iter().map(rich).collect(),
        sections: sections(ctx, &rich),
        closing: letter.closing.iter().map(rich).collect(),
        sign_off: rich(&letter.sign_off),
        signatories: ctx.signatories,
        counts: ctx.counts.clone(),
        summary: labels::fill_counts(ctx.labels.get("summary").map_or("", String::as_str), ctx.counts),
        labels: ctx.labels.clone(),
        translations: ctx.translations.clone(),
    }
}

/// The view as a template's context, with the error every format reports
/// when it cannot be made.
pub fn context(view: &LetterView<'_>) -> Result<tera::Context, RenderError> {
    tera::Context::from_serialize(view).map_err(|e| RenderError::View(e.to_string()))
}

fn sections(ctx: &RenderContext, rich: &dyn Fn(&Text) -> String) -> Vec<SectionView> {
    let mut number = 0;
    let mut out = Vec::new();
    for (i, s) in ctx.letter.sections.iter().enumerate() {
        let demands = s
            .demands
            .iter()
            .filter_map(|(id, _)| ctx.letter.demand(id))
            .map(|d| {
                number += 1;
                DemandView {
                    number,
                    id: d.id.clone(),
                    anchor: format!("demand-{}", d.id),
                    lead: rich(&d.lead),
                    body: rich(&d.body),
                }
            })
            .collect();
        out.push(SectionView {
            number: i + 1,
            anchor: format!("section-{}", i + 1),
            heading: rich(&s.heading),
            intro: s.intro.as_ref().map(rich),
            demands,
        });
    }
    out
}

/// Who signs, sorted in `lang`'s order. The same in every format, so it is
/// made once per language: sorting 100,000 names by collation keys is most
/// of the work of a view.
pub fn signatories(roster: &Roster, lang: &Lang) -> SignatoriesView {
    let collator = Collator::new(lang);
    let sort = |mut v: Vec<SignerView>| {
        v.sort_by_cached_key(|s| collator.key(&s.name));
        v
    };
    let groups = roster
        .active_networks()
        .map(|n| network(n, lang, &sort))
        .chain(roster.active_organizations().map(|o| organization(o, lang)))
        .collect();
    SignatoriesView {
        groups: sort(groups),
        individuals: sort(roster.active_individuals().map(|p| person(p, lang)).collect()),
    }
}

fn network(n: &Network, lang: &Lang, sort: &dyn Fn(Vec<SignerView>) -> Vec<SignerView>) -> SignerView {
    let orgs = sort(n.members.active_organizations().map(|o| organization(o, lang)).collect());
    let people = sort(n.members.active_people().map(|p| person(p, lang)).collect());
    SignerView {
        kind: "network",
        name: n.name.in_lang(lang).to_string(),
        acronym: n.acronym.clone(),
        detail: None,
        members: orgs.into_iter().chain(people).collect(),
    }
}

fn organization(o: &Organization, lang: &Lang) -> SignerView {
    SignerView {
        kind: "organization",
        name: o.name.in_lang(lang).to_string(),
        acronym: o.acronym.clone(),
        detail: None,
        members: Vec::new(),
    }
}

fn person(p: &Individual, lang: &Lang) -> SignerView {
    let parts: Vec<&str> = [&p.role, &p.affiliation].into_iter().flatten().map(|t| t.in_lang(lang)).collect();
    SignerView {
        kind: "person",
        name: p.name.in_lang(lang).to_string(),
        acronym: None,
        detail: (!parts.is_empty()).then(|| parts.join(", ")),
        members: Vec::new(),
    }
}

/// One signer of every shape a template meets (a network with members, an
/// organization with and without an acronym, a person with and without a
/// role), so `check` exercises every branch of a template before anyone of
/// that shape signs.
pub fn sample_signatories() -> SignatoriesView {
    let signer = |kind, name: &str, acronym: Option<&str>, detail: Option<&str>| SignerView {
        kind,
        name: name.to_string(),
        acronym: acronym.map(str::to_string),
        detail: detail.map(str::to_string),
        members: Vec::new(),
    };
    let network = SignerView {
        members: vec![
            signer("organization", "Member organization", Some("MO"), None),
            signer("person", "Member person", None, Some("role, affiliation")),
        ],
        ..signer("network", "Network", Some("NW"), None)
    };
    SignatoriesView {
        groups: vec![
            network,
            signer("organization", "Organization", Some("ORG"), None),
            signer("organization", "Organization without acronym", None, None),
        ],
        individuals: vec![
            signer("person", "Person", None, Some("role, affiliation")),
            signer("person", "Person without role", None, None),
        ],
    }
}

/// The date as the language writes it ("2 de diciembre de 2024").
pub(crate) fn format_date(date: Date, lang: &Lang) -> String {
    use icu_datetime::FixedCalendarDateTimeFormatter;
    use icu_datetime::fieldsets::YMD;
    let iso = format!("{:04}-{:02}-{:02}", date.year, date.month, date.day);
    let Ok(day) = icu_calendar::Date::try_new_gregorian(date.year, date.month, date.day) else { return iso };
    let prefs = (&lang.locale()).into();
    match FixedCalendarDateTimeFormatter::<icu_calendar::Gregorian, _>::try_new(prefs, YMD::long()) {
        Ok(formatter) => formatter.format(&day).to_string(),
        Err(_) => iso,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_each_language() {
        let d = Date { year: 2024, month: 12, day: 2 };
        assert_eq!(format_date(d, &Lang::parse("es").unwrap()), "2 de diciembre de 2024");
        assert_eq!(format_date(d, &Lang::parse("en").unwrap()), "December 2, 2024");
    }
}
