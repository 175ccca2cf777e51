//! Who signed, at a glance: signatures by country and by kind, and a line
//! that states signers and signatures with each language's plural rules.

use std::collections::BTreeMap;

use super::plural::Plurals;
use serde::Serialize;

use super::collate::Collator;
use super::country::{CountryNames, CountryView};
use crate::model::{Counts, Display, Lang, Roster};

/// Signatures of each kind. Every count of signers by kind is made here,
/// from the same active-entry walks as `Roster::active_counts`, so the
/// table, the chart and the summary line cannot disagree.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct KindCounts {
    pub networks: usize,
    pub network_members: usize,
    pub organizations: usize,
    pub individuals: usize,
    pub total: usize,
}

impl KindCounts {
    /// The four kinds in the order tables and charts show them.
    pub fn kinds(&self) -> [usize; 4] {
        [self.networks, self.network_members, self.organizations, self.individuals]
    }

    fn add(&mut self, kind: Kind) {
        match kind {
            Kind::Network => self.networks += 1,
            Kind::Member => self.network_members += 1,
            Kind::Organization => self.organizations += 1,
            Kind::Individual => self.individuals += 1,
        }
        self.total += 1;
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Network,
    Member,
    Organization,
    Individual,
}

/// Active signatures by country as written in the roster (`None`: not
/// given, or not to be shown), each split by kind. Withdrawn entries, and a
/// withdrawn network's members, are left out as everywhere else. Only a
/// signer shown in full gives its country: a table of few signers would
/// otherwise tell the place a name-only or anonymous signer keeps private.
pub fn by_country(roster: &Roster) -> BTreeMap<Option<&str>, KindCounts> {
    let mut out = BTreeMap::new();
    for n in roster.active_networks() {
        add(&mut out, place(n.display, &n.country), Kind::Network);
        // An anonymous network's members are unnamed with it, places too.
        let within = |d: Display| if n.display.is_named() { d } else { Display::Anonymous };
        n.members
            .active_organizations()
            .for_each(|o| add(&mut out, place(within(o.display), &o.country), Kind::Member));
        n.members
            .active_people()
            .for_each(|p| add(&mut out, place(within(p.display), &p.country), Kind::Member));
    }
    roster
        .active_organizations()
        .for_each(|o| add(&mut out, place(o.display, &o.country), Kind::Organization));
    roster.active_individuals().for_each(|p| add(&mut out, place(p.display, &p.country), Kind::Individual));
    out
}

fn place(display: Display, country: &Option<String>) -> Option<&str> {
    (display == Display::Full).then_some(country.as_deref()).flatten()
}

fn add<'a>(out: &mut BTreeMap<Option<&'a str>, KindCounts>, country: Option<&'a str>, kind: Kind) {
    out.entry(country).or_default().add(kind);
}

/// The signatures by country as templates see them.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TallyView {
    /// Countries with the most signatures first; "not given" last.
    pub rows: Vec<TallyRow>,
    pub total: KindCounts,
    /// The largest total of a row, which a chart's longest bar stands for.
    pub most: usize,
    /// Signatures of each kind, as a chart's legend shows them.
    pub kinds: Vec<KindBar>,
}

/// One kind's signatures; `key` is the label naming it (`kind_networks`).
#[derive(Debug, Clone, Serialize)]
pub struct KindBar {
    pub key: &'static str,
    pub count: usize,
    /// As `TallyRow::shares`: this kind's segment only, against the
    /// largest kind.
    pub shares: [f64; 4],
}

#[derive(Debug, Clone, Serialize)]
pub struct TallyRow {
    /// `None` for the signatures that give no country (the `no_country`
    /// label).
    pub country: Option<CountryView>,
    pub counts: KindCounts,
    /// Each kind's count as a share of `most`, for bars.
    pub shares: [f64; 4],
}

/// The tally in `lang`: countries named and ordered for its readers.
pub fn view(roster: &Roster, lang: &Lang) -> TallyView {
    let names = CountryNames::new(lang);
    let collator = Collator::new(lang);
    let tally = by_country(roster);
    let most = tally.values().map(|c| c.total).max().unwrap_or(0);
    let mut rows: Vec<TallyRow> = tally
        .into_iter()
        .map(|(country, counts)| TallyRow {
            country: country.map(|c| names.view(c)),
            counts,
            shares: counts.kinds().map(|n| if most == 0 { 0.0 } else { n as f64 / most as f64 }),
        })
        .collect();
    rows.sort_by_cached_key(|r| {
        let name = r.country.as_ref().map_or("", |c| c.name.as_str());
        (r.country.is_none(), std::cmp::Reverse(r.counts.total), collator.key(name))
    });
    let total = rows.iter().fold(KindCounts::default(), |t, r| KindCounts {
        networks: t.networks + r.counts.networks,
        network_members: t.network_members + r.counts.network_members,
        organizations: t.organizations + r.counts.organizations,
        individuals: t.individuals + r.counts.individuals,
        total: t.total + r.counts.total,
    });
    let kinds = kind_bars(&total);
    TallyView { rows, total, most, kinds }
}

fn kind_bars(total: &KindCounts) -> Vec<KindBar> {
    let counts = total.kinds();
    let most = counts.iter().copied().max().unwrap_or(0);
    let keys = crate::render::chart::KIND_LABELS;
    keys.iter()
        .zip(counts)
        .enumerate()
        .map(|(i, (&key, count))| {
            let mut shares = [0.0; 4];
            shares[i] = if most == 0 { 0.0 } else { count as f64 / most as f64 };
            KindBar { key, count, shares }
        })
        .collect()
}

/// A tally with a country and a row without one, for `check` to render
/// templates with before anyone signs.
pub fn sample() -> TallyView {
    let counts = KindCounts { networks: 1, network_members: 2, organizations: 3, individuals: 4, total: 10 };
    let row = |country: Option<CountryView>| TallyRow { country, counts, shares: [0.1, 0.2, 0.3, 0.4] };
    let country = CountryView { code: "MX".into(), name: "Country".into() };
    TallyView {
        rows: vec![row(Some(country)), row(None)],
        total: counts,
        most: 10,
        kinds: kind_bars(&counts),
    }
}

/// Signers and signatures in words, each number with the noun its
/// language's plural rules ask for ("1 red", "2 redes"), from the
/// `count_line` label. A label `check` did not accept is printed as written
/// rather than lost.
pub fn line(counts: &Counts, lang: &Lang, labels: &BTreeMap<String, String>) -> String {
    let repeats = counts.signatures.saturating_sub(counts.unique_signers);
    let template = if repeats == 0 { "count_line_once" } else { "count_line" };
    let values = [
        ("signers", counts.unique_signers),
        ("signatures", counts.signatures),
        ("networks", counts.networks),
        ("network_members", counts.network_members),
        ("organizations", counts.organizations),
        ("individuals", counts.individuals),
        ("repeats", repeats),
    ];
    let label = labels.get(template).map_or("{signers}", String::as_str);
    Plurals::new(lang).fill(label, &values).unwrap_or_else(|_| label.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{Templates, label_table};

    /// The shipped labels in `lang`.
    fn labels(lang: &str) -> BTreeMap<String, String> {
        let table = label_table(&Templates::defaults()).unwrap();
        table.iter().filter_map(|(k, m)| Some((k.clone(), m.get(lang)?.clone()))).collect()
    }

    fn line_in(lang: &str, counts: &Counts) -> String {
        line(counts, &Lang::parse(lang).unwrap(), &labels(lang))
    }

    fn counts(n: usize) -> Counts {
        Counts {
            networks: n,
            network_members: n,
            organizations: n,
            individuals: n,
            signatures: 4 * n,
            unique_signers: 4 * n - n,
        }
    }

    #[test]
    fn one_takes_the_singular_in_each_language() {
        let one = Counts { unique_signers: 3, ..counts(1) };
        assert_eq!(
            line_in("es", &one),
            "3 firmantes, 4 firmas: 1 red con 1 integrante, 1 organización y 1 persona; \
             1 firma es de quien también firma directamente o a través de otra red."
        );
        assert_eq!(
            line_in("en", &one),
            "3 signers, 4 signatures: 1 network with 1 member, 1 organization and 1 individual; \
             1 signature is by a signer who also signs directly or through another network."
        );
    }

    #[test]
    fn many_take_the_plural_in_each_language() {
        assert_eq!(
            line_in("es", &counts(2)),
            "6 firmantes, 8 firmas: 2 redes con 2 integrantes, 2 organizaciones y 2 personas; \
             2 firmas son de quienes también firman directamente o a través de otra red."
        );
        assert_eq!(
            line_in("en", &counts(2)),
            "6 signers, 8 signatures: 2 networks with 2 members, 2 organizations and 2 individuals; \
             2 signatures are by signers who also sign directly or through another network."
        );
    }

    #[test]
    fn nobody_signing_twice_leaves_out_the_repeats_and_zero_is_plural() {
        let once = Counts { organizations: 1, signatures: 1, unique_signers: 1, ..Counts::default() };
        assert_eq!(
            line_in("es", &once),
            "1 firmante: 0 redes con 0 integrantes, 1 organización y 0 personas."
        );
        assert_eq!(
            line_in("en", &once),
            "1 signer: 0 networks with 0 members, 1 organization and 0 individuals."
        );
    }

    #[test]
    fn a_language_with_more_forms_falls_back_to_other() {
        // Polish has `few` and `many`; a letter that gives only `one` and
        // `other` still reads, with `other` for the rest.
        let mut pl = labels("en");
        pl.insert(
            "count_line_once".into(),
            "{networks, plural, one {# sieć} few {# sieci} other {# sieci (other)}}".into(),
        );
        let pl_line =
            |n| line(&Counts { unique_signers: 4 * n, ..counts(n) }, &Lang::parse("pl").unwrap(), &pl);
        assert_eq!(pl_line(1), "1 sieć");
        assert_eq!(pl_line(3), "3 sieci");
        assert_eq!(pl_line(5), "5 sieci (other)");
    }

    #[test]
    fn the_sample_has_a_row_with_and_without_a_country() {
        let s = sample();
        assert!(s.rows.iter().any(|r| r.country.is_some()) && s.rows.iter().any(|r| r.country.is_none()));
        assert_eq!(s.kinds.iter().map(|k| k.count).sum::<usize>(), s.total.total);
    }
}
