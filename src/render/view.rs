//! What templates see: the letter in one language, with every text already
//! in the output format's markup.
//!
//! Templates never get the model itself, so private fields (e-mail, phone,
//! notes) cannot reach an output, whatever a template asks for, and neither
//! can a signer who withdrew, nor the name of one who asked not to be named.

use std::collections::BTreeMap;

use serde::Serialize;

use super::collate::{Collator, SortKey, sorted};
use super::country::{CountryNames, CountryView};
use super::inline::{self, Inline};
use super::plural::Plurals;
use super::tally::{self, TallyView};
use super::{RenderContext, RenderError, labels};
use crate::model::{Counts, Date, Display, Individual, Lang, Network, Organization, Roster, SortOrder, Text};

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
    /// Made into a template's value apart from the rest: see `add_signatories`.
    #[serde(skip)]
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
    /// The networks' names, in the order of `groups`: for a line that names
    /// only them, like the PDF's author, without a template filtering all
    /// the groups (a copy of each, at every build).
    pub network_names: Vec<String>,
    pub individuals: Vec<SignerView>,
    /// Signatures by country and kind.
    pub tally: TallyView,
    /// Networks and organizations that asked not to be named.
    pub unnamed_groups: Unnamed,
    /// Individuals who asked not to be named.
    pub unnamed_individuals: Unnamed,
}

/// Signers who asked not to be named: how many, and the label's sentence
/// saying so ("y 12 personas que pidieron no ser nombradas"), absent when
/// there are none.
#[derive(Debug, Default, Serialize)]
pub struct Unnamed {
    pub count: usize,
    pub text: Option<String>,
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
    /// A network's members who asked not to be named.
    pub unnamed_members: Unnamed,
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
    let mut value = serde_json::to_value(view).map_err(view_error)?;
    add_signatories(&mut value, view)?;
    tera::Context::from_value(value).map_err(view_error)
}

/// Frees a context made by `context`, its signers on every core: at
/// 200,000 names they are a few hundred MB of small maps, and freeing them
/// one by one took a quarter of rendering the Markdown.
pub fn free(context: tera::Context) {
    let mut value = context.into_json();
    for list in ["/signatories/groups", "/signatories/individuals"] {
        if let Some(serde_json::Value::Array(signers)) = value.pointer_mut(list) {
            crate::par::free(std::mem::take(signers));
        }
    }
}

/// Puts `view`'s signers into `value`, the rest of the view as a template
/// sees it. At 200,000 names they are nearly all of it, and each signer is
/// made into a value on its own, so they are made on every core.
pub fn add_signatories(value: &mut serde_json::Value, view: &LetterView<'_>) -> Result<(), RenderError> {
    let signatories = signatories_value(view.signatories)?;
    match value {
        serde_json::Value::Object(map) => map.insert("signatories".into(), signatories),
        _ => return Err(RenderError::View("a letter's view is not a map".into())),
    };
    Ok(())
}

/// `s` as serde would make it, with its two long lists made on every core.
fn signatories_value(s: &SignatoriesView) -> Result<serde_json::Value, RenderError> {
    use serde_json::{Value, to_value};
    let signers = |list: &[SignerView]| -> Result<Value, RenderError> {
        let values: Result<Vec<Value>, _> =
            crate::par::map(list, |signer| to_value(signer)).into_iter().collect();
        values.map(Value::Array).map_err(view_error)
    };
    let fields = [
        ("groups", signers(&s.groups)?),
        ("network_names", to_value(&s.network_names).map_err(view_error)?),
        ("individuals", signers(&s.individuals)?),
        ("tally", to_value(&s.tally).map_err(view_error)?),
        ("unnamed_groups", to_value(&s.unnamed_groups).map_err(view_error)?),
        ("unnamed_individuals", to_value(&s.unnamed_individuals).map_err(view_error)?),
    ];
    Ok(Value::Object(fields.into_iter().map(|(k, v)| (k.to_string(), v)).collect()))
}

pub(super) fn view_error(e: impl std::fmt::Display) -> RenderError {
    RenderError::View(e.to_string())
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

/// Who signs, sorted in `lang`'s order as the letter's `sort:` asks. The
/// same in every format, so it is made once per language: sorting 100,000
/// names by collation keys is most of the work of a view.
///
/// A signer who asked not to be named is left out here, the one place every
/// format takes its signers from, and counted instead. A network not named
/// takes its members' names with it: listed under no name they would still
/// say who is in it.
pub fn signatories(
    roster: &Roster,
    lang: &Lang,
    order: SortOrder,
    labels: &BTreeMap<String, String>,
) -> SignatoriesView {
    let build = Builder {
        collator: Collator::with_order(lang, order),
        plurals: Plurals::new(lang),
        names: CountryNames::new(lang),
        labels,
        lang,
    };
    let networks: Vec<&Network> = roster.active_networks().collect();
    let orgs: Vec<&Organization> = roster.active_organizations().collect();
    let people: Vec<&Individual> = roster.active_individuals().collect();
    // Every signer's view and sort key is its own work, spread over the
    // cores: a build of one language has the machine to itself.
    let mut groups = crate::par::map(&named(&networks, |n| n.display), |n| build.network(n));
    groups.extend(crate::par::map(&named(&orgs, |o| o.display), |o| build.organization(o)));
    let hidden_groups = unnamed(&networks, |n| n.display) + unnamed(&orgs, |o| o.display);
    let groups = sorted(groups);
    SignatoriesView {
        network_names: network_names(&groups),
        groups,
        individuals: sorted(crate::par::map(&named(&people, |p| p.display), |p| build.person(p))),
        unnamed_groups: build.unnamed("unnamed_organizations", hidden_groups),
        unnamed_individuals: build.unnamed("unnamed_individuals", unnamed(&people, |p| p.display)),
        tally: tally::view(roster, lang),
    }
}

/// The entries shown by name.
fn named<'a, T>(entries: &[&'a T], display: impl Fn(&T) -> Display) -> Vec<&'a T> {
    entries.iter().copied().filter(|e| display(e).is_named()).collect()
}

fn unnamed<T>(entries: &[&T], display: impl Fn(&T) -> Display) -> usize {
    entries.iter().filter(|e| !display(e).is_named()).count()
}

fn network_names(groups: &[SignerView]) -> Vec<String> {
    groups.iter().filter(|g| g.kind == "network").map(|g| g.name.clone()).collect()
}

/// What one language's list of signers is made with.
struct Builder<'a> {
    collator: Collator,
    plurals: Plurals,
    names: CountryNames,
    labels: &'a BTreeMap<String, String>,
    lang: &'a Lang,
}

impl Builder<'_> {
    fn key(&self, name: &Text, sort_as: Option<&Text>, person: bool) -> SortKey {
        self.collator.signer_key(name, sort_as, self.lang, person)
    }

    /// The signer's view with its place filled in.
    fn placed(&self, view: SignerView, country: Option<&str>, city: Option<&str>) -> SignerView {
        let country = country.map(|c| self.names.view(c));
        let parts: Vec<&str> = city.into_iter().chain(country.as_ref().map(|c| c.name.as_str())).collect();
        let place = (!parts.is_empty()).then(|| parts.join(", "));
        SignerView { country, city: city.map(str::to_string), place, ..view }
    }

    fn text(&self, t: &Text) -> String {
        t.in_lang(self.lang).to_string()
    }

    /// `count` in the words of the label `key`; no words for none. A label
    /// `check` did not accept is printed as written rather than lost.
    fn unnamed(&self, key: &str, count: usize) -> Unnamed {
        let label = self.labels.get(key).map_or("", String::as_str);
        let text = (count > 0 && !label.is_empty())
            .then(|| self.plurals.fill(label, &[("count", count)]).unwrap_or_else(|_| label.to_string()));
        Unnamed { count, text }
    }

    fn network(&self, n: &Network) -> (SortKey, SignerView) {
        let orgs: Vec<&Organization> = n.members.active_organizations().collect();
        let people: Vec<&Individual> = n.members.active_people().collect();
        let named_orgs = orgs.iter().filter(|o| o.display.is_named()).map(|o| self.organization(o)).collect();
        let named_people = people.iter().filter(|p| p.display.is_named()).map(|p| self.person(p)).collect();
        let hidden = unnamed(&orgs, |o| o.display) + unnamed(&people, |p| p.display);
        let view = SignerView {
            kind: "network",
            name: self.text(&n.name),
            acronym: n.acronym.clone(),
            website: n.website.clone(),
            members: sorted(named_orgs).into_iter().chain(sorted(named_people)).collect(),
            unnamed_members: self.unnamed("unnamed_members", hidden),
            ..SignerView::default()
        };
        let view = self.placed(view, n.country.as_deref(), None);
        (self.key(&n.name, n.sort_as.as_ref(), false), view)
    }

    fn organization(&self, o: &Organization) -> (SortKey, SignerView) {
        let view = SignerView {
            kind: "organization",
            name: self.text(&o.name),
            acronym: o.acronym.clone(),
            website: o.website.clone(),
            ..SignerView::default()
        };
        let view = self.placed(view, o.country.as_deref(), o.city.as_deref());
        (self.key(&o.name, o.sort_as.as_ref(), false), shown(view, o.display))
    }

    fn person(&self, p: &Individual) -> (SortKey, SignerView) {
        let parts: Vec<&str> =
            [&p.role, &p.affiliation].into_iter().flatten().map(|t| t.in_lang(self.lang)).collect();
        let view = SignerView {
            kind: "person",
            name: self.text(&p.name),
            detail: (!parts.is_empty()).then(|| parts.join(", ")),
            ..SignerView::default()
        };
        let view = self.placed(view, p.country.as_deref(), None);
        (self.key(&p.name, p.sort_as.as_ref(), true), shown(view, p.display))
    }
}

/// The view as `display` allows: a name-only signer keeps its name and
/// acronym, and nothing else about it reaches a template: no role or
/// affiliation, and no place or website either, since a city can say who a
/// person is as well as an affiliation can. Every field is named here, so a
/// field added to `SignerView` must be decided here too.
fn shown(view: SignerView, display: Display) -> SignerView {
    match display {
        Display::Full | Display::Anonymous => view,
        Display::NameOnly => SignerView {
            kind: view.kind,
            name: view.name,
            acronym: view.acronym,
            detail: None,
            country: None,
            city: None,
            website: None,
            place: None,
            members: view.members,
            unnamed_members: view.unnamed_members,
        },
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
        country: Some(CountryView { code: "MX".into(), name: "Country".into() }),
        city: Some("City".into()),
        website: Some("https://example.org".into()),
        place: Some("City, Country".into()),
        members: Vec::new(),
        unnamed_members: Unnamed::default(),
    };
    let nowhere = |s: SignerView| SignerView { country: None, city: None, website: None, place: None, ..s };
    let some_unnamed = || Unnamed { count: 2, text: Some("and 2 who asked not to be named".into()) };
    let network = SignerView {
        members: vec![
            signer("organization", "Member organization", Some("MO"), None),
            signer("person", "Member person", None, Some("role, affiliation")),
        ],
        unnamed_members: some_unnamed(),
        ..signer("network", "Network", Some("NW"), None)
    };
    let groups = vec![
        network,
        signer("organization", "Organization", Some("ORG"), None),
        nowhere(signer("organization", "Organization without acronym", None, None)),
    ];
    SignatoriesView {
        network_names: network_names(&groups),
        groups,
        individuals: vec![
            signer("person", "Person", None, Some("role, affiliation")),
            nowhere(signer("person", "Person without role", None, None)),
        ],
        tally: tally::sample(),
        unnamed_groups: some_unnamed(),
        unnamed_individuals: some_unnamed(),
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
    fn the_signers_value_is_what_serde_makes_of_them() {
        let sample = sample_signatories();
        let expected = serde_json::to_value(&sample).unwrap();
        assert_eq!(signatories_value(&sample).unwrap(), expected, "a field of SignatoriesView is left out");
    }

    #[test]
    fn dates_in_each_language() {
        let d = Date { year: 2024, month: 12, day: 2 };
        assert_eq!(format_date(d, &Lang::parse("es").unwrap()), "2 de diciembre de 2024");
        assert_eq!(format_date(d, &Lang::parse("en").unwrap()), "December 2, 2024");
    }
}
