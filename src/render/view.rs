//! What templates see: the letter in one language, with every text already
//! in the output format's markup.
//!
//! Templates never get the model itself, so private fields (e-mail, phone,
//! notes) cannot reach an output, whatever a template asks for, and neither
//! can a signer who withdrew.

use std::collections::BTreeMap;

use serde::Serialize;

use super::collate::Collator;
use super::country::{CountryNames, CountryView};
use super::inline::{self, Inline};
use super::tally::{self, TallyView};
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
    /// The date as YYYY-MM-DD, for machines (`<time datetime>`).
    pub date_iso: String,
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
    /// Signers and signatures in words, with each language's plurals
    /// ("208 signers, 240 signatures: …").
    pub count_line: String,
    /// Whether signers' places (city, country) follow their names: the
    /// `countries` label, `hide` to leave them out.
    pub show_places: bool,
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
    /// Signatures by country and kind.
    pub tally: TallyView,
}

#[derive(Debug, Default, Serialize)]
pub struct SignerView {
    /// "network", "organization" or "person".
    pub kind: &'static str,
    pub name: String,
    pub acronym: Option<String>,
    /// A person's role and affiliation, as one phrase.
    pub detail: Option<String>,
    pub country: Option<CountryView>,
    /// An organization's; networks and people have none.
    pub city: Option<String>,
    /// A network's or organization's.
    pub website: Option<String>,
    /// City and country in the reader's language, as one phrase
    /// ("Tapachula, México").
    pub place: Option<String>,
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
        date_iso: letter.date.to_string(),
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
        count_line: tally::line(ctx.counts, lang, ctx.labels),
        show_places: ctx.labels.get("countries").is_none_or(|v| v.trim() != "hide"),
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
    let names = CountryNames::new(lang);
    let at = Where { lang, names: &names };
    let groups = roster
        .active_networks()
        .map(|n| network(n, &at, &sort))
        .chain(roster.active_organizations().map(|o| organization(o, &at)))
        .collect();
    SignatoriesView {
        groups: sort(groups),
        individuals: sort(roster.active_individuals().map(|p| person(p, &at)).collect()),
        tally: tally::view(roster, lang),
    }
}

/// What a signer's view is made in: the language and its country names.
struct Where<'a> {
    lang: &'a Lang,
    names: &'a CountryNames,
}

impl Where<'_> {
    /// The signer's view with its place filled in.
    fn signer(&self, view: SignerView, country: Option<&str>, city: Option<&str>) -> SignerView {
        let country = country.map(|c| self.names.view(c));
        let parts: Vec<&str> = city.into_iter().chain(country.as_ref().map(|c| c.name.as_str())).collect();
        let place = (!parts.is_empty()).then(|| parts.join(", "));
        SignerView { country, city: city.map(str::to_string), place, ..view }
    }
}

fn network(n: &Network, at: &Where, sort: &dyn Fn(Vec<SignerView>) -> Vec<SignerView>) -> SignerView {
    let orgs = sort(n.members.active_organizations().map(|o| organization(o, at)).collect());
    let people = sort(n.members.active_people().map(|p| person(p, at)).collect());
    let view = SignerView {
        kind: "network",
        name: n.name.in_lang(at.lang).to_string(),
        acronym: n.acronym.clone(),
        website: n.website.clone(),
        members: orgs.into_iter().chain(people).collect(),
        ..SignerView::default()
    };
    at.signer(view, n.country.as_deref(), None)
}

fn organization(o: &Organization, at: &Where) -> SignerView {
    let view = SignerView {
        kind: "organization",
        name: o.name.in_lang(at.lang).to_string(),
        acronym: o.acronym.clone(),
        website: o.website.clone(),
        ..SignerView::default()
    };
    at.signer(view, o.country.as_deref(), o.city.as_deref())
}

fn person(p: &Individual, at: &Where) -> SignerView {
    let parts: Vec<&str> =
        [&p.role, &p.affiliation].into_iter().flatten().map(|t| t.in_lang(at.lang)).collect();
    let view = SignerView {
        kind: "person",
        name: p.name.in_lang(at.lang).to_string(),
        detail: (!parts.is_empty()).then(|| parts.join(", ")),
        ..SignerView::default()
    };
    at.signer(view, p.country.as_deref(), None)
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
        country: Some(CountryView { code: "MX".into(), name: "Country".into() }),
        city: Some("City".into()),
        website: Some("https://example.org".into()),
        place: Some("City, Country".into()),
        members: Vec::new(),
    };
    let nowhere = |s: SignerView| SignerView { country: None, city: None, website: None, place: None, ..s };
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
            nowhere(signer("organization", "Organization without acronym", None, None)),
        ],
        individuals: vec![
            signer("person", "Person", None, Some("role, affiliation")),
            nowhere(signer("person", "Person without role", None, None)),
        ],
        tally: tally::sample(),
    }
}

/// The date as the language writes it ("2 de diciembre de 2024").
pub(crate) fn format_date(date: Date, lang: &Lang) -> String {
    use icu_datetime::FixedCalendarDateTimeFormatter;
    use icu_datetime::fieldsets::YMD;
    let Ok(day) = icu_calendar::Date::try_new_gregorian(date.year, date.month, date.day) else {
        return date.to_string();
    };
    let prefs = (&lang.locale()).into();
    match FixedCalendarDateTimeFormatter::<icu_calendar::Gregorian, _>::try_new(prefs, YMD::long()) {
        Ok(formatter) => formatter.format(&day).to_string(),
        Err(_) => date.to_string(),
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
