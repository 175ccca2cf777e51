//! Finding the same signer written more than once.
//!
//! The engine sees only names, acronyms and countries: it knows nothing of
//! files or policy. `check` decides what a match means for the letter.
//!
//! The pipeline, one module each:
//! `normalize` (Unicode folding into words) → `parse` (legal forms, titles
//! and, in `qualifiers`, acronyms, places and other names apart from the name
//! proper; word lists in `lexicon`) →
//! `entry` (words as numbers, counted in `vocab` for their rarity) →
//! `index` (blocking: which pairs to compare) → `similar` (is it one signer,
//! and how sure; word pairing in `align`) → `reason` (why, in plain words).

mod align;
mod bilingual;
mod entry;
mod index;
pub(crate) mod lexicon;
pub mod normalize;
mod parse;
mod qualifiers;
mod reason;
mod similar;
mod vocab;

use crate::model::{Signer, SignerKind};
use crate::par;
use entry::Entry;
use similar::Verdict;
use vocab::Vocab;

/// Organizations and networks are compared with each other; people only with people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Class {
    #[default]
    Group,
    Person,
}

/// One signer as the engine sees it.
#[derive(Debug, Clone, Default)]
pub struct Candidate<'a> {
    pub class: Class,
    /// The name in each language it is written in.
    pub names: Vec<&'a str>,
    pub acronym: Option<&'a str>,
    pub country: Option<&'a str>,
    /// A person's affiliation, in each language it is written in.
    pub affiliation: Vec<&'a str>,
    pub city: Option<&'a str>,
}

impl From<SignerKind> for Class {
    fn from(kind: SignerKind) -> Class {
        if kind == SignerKind::Person { Class::Person } else { Class::Group }
    }
}

impl<'a> From<&Signer<'a>> for Candidate<'a> {
    fn from(s: &Signer<'a>) -> Candidate<'a> {
        Candidate {
            class: s.kind.into(),
            names: s.name.variants().collect(),
            acronym: s.acronym,
            country: s.country,
            affiliation: s.affiliation.map(|a| a.variants().collect()).unwrap_or_default(),
            city: s.city,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// The same name once writing (case, accents, punctuation, legal form,
    /// acronym, title) is ignored.
    Exact,
    /// Very probably one signer: an acronym, another name it goes by, or
    /// nearly all its distinctive words.
    Likely,
    /// Worth a look.
    Possible,
}

impl MatchKind {
    /// The kind as findings and messages write it, as in the JSON report.
    pub fn word(self) -> &'static str {
        match self {
            MatchKind::Exact => "exact",
            MatchKind::Likely => "likely",
            MatchKind::Possible => "possible",
        }
    }
}

/// Two candidates, by index (`a < b`), that may be the same signer.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    pub a: usize,
    pub b: usize,
    pub kind: MatchKind,
    /// 1.0 for certain, lower for less sure.
    pub score: f64,
    /// Why, in words an organizer understands.
    pub reason: String,
}

/// A match before its reason is written: `Search::explain` writes it.
#[derive(Debug, Clone, Copy)]
pub struct Found {
    pub a: usize,
    pub b: usize,
    pub kind: MatchKind,
    /// 1.0 for certain, lower for less sure.
    pub score: f64,
    verdict: Verdict,
}

/// What the engine found, with what it needs to explain a finding later.
/// A reason parses both names again, so a caller that reports only some
/// findings explains only those.
pub struct Search<'a> {
    candidates: &'a [Candidate<'a>],
    entries: Vec<Entry>,
    vocab: Vocab,
    /// By later candidate, then earlier.
    pub found: Vec<Found>,
}

impl Search<'_> {
    /// Why `f` may be one signer, in words an organizer understands.
    pub fn explain(&self, f: &Found) -> String {
        let (ca, cb) = (&self.candidates[f.a], &self.candidates[f.b]);
        reason::explain(ca, cb, &self.entries[f.a], &self.entries[f.b], &f.verdict, &self.vocab)
    }
}

/// How many earlier candidates each one is reported against at most: the
/// best ones. Bounds the output when a name is repeated hundreds of times.
const PER_CANDIDATE: usize = 8;

/// Every pair of candidates that may name the same signer, by later
/// candidate, then earlier, each with its reason.
pub fn find(candidates: &[Candidate]) -> Vec<Match> {
    let search = search(candidates);
    par::map(&search.found, |f| Match {
        a: f.a,
        b: f.b,
        kind: f.kind,
        score: f.score,
        reason: search.explain(f),
    })
}

/// Every pair of candidates that may name the same signer, unexplained.
/// Linear in the number of candidates: see `index`.
pub fn search<'a>(candidates: &'a [Candidate<'a>]) -> Search<'a> {
    let (entries, vocab) = entry::entries(candidates);
    let pairs = index::candidates(&entries, &vocab);
    let verdicts = par::map(&pairs, |&(a, b)| {
        similar::compare(&entries[a as usize], &entries[b as usize], &vocab)
            .map(|v| (a as usize, b as usize, v))
    });
    let verdicts: Vec<(usize, usize, Verdict)> = verdicts.into_iter().flatten().collect();
    let found = best_per_candidate(&verdicts, candidates.len());
    Search { candidates, entries, vocab, found }
}

/// Each later candidate's best matches, at most `PER_CANDIDATE`, by later
/// candidate then earlier. The matches are put in buckets by later
/// candidate (a counting sort, linear: a comparison sort of them all was a
/// tenth of a second on one core at 200,000 names), and only the buckets, a
/// few matches each, are sorted by how good a match is, on every core.
fn best_per_candidate(verdicts: &[(usize, usize, Verdict)], candidates: usize) -> Vec<Found> {
    let mut start = vec![0; candidates + 1];
    verdicts.iter().for_each(|v| start[v.1 + 1] += 1);
    for i in 1..start.len() {
        start[i] += start[i - 1];
    }
    let mut next = start.clone();
    let mut by_later = vec![0; verdicts.len()];
    for (i, v) in verdicts.iter().enumerate() {
        by_later[next[v.1]] = i;
        next[v.1] += 1;
    }
    let best = |later: std::ops::Range<usize>| {
        let mut out = Vec::new();
        let mut group: Vec<&(usize, usize, Verdict)> = Vec::new();
        for b in later {
            group.clear();
            group.extend(by_later[start[b]..start[b + 1]].iter().map(|&i| &verdicts[i]));
            group.sort_by(|x, y| {
                (x.2.kind, -x.2.score, x.0)
                    .partial_cmp(&(y.2.kind, -y.2.score, y.0))
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
            group.truncate(PER_CANDIDATE);
            group.sort_by_key(|m| m.0);
            out.extend(group.iter().map(|&&(a, b, verdict)| Found {
                a,
                b,
                kind: verdict.kind,
                score: (f64::from(verdict.score) * 100.0).round() / 100.0,
                verdict,
            }));
        }
        out
    };
    par::concat(par::map_owned(par::parts(candidates), best))
}

/// Whether `written` (as a person would type it: `gtpm`, `RJM-LAC`) is one
/// of the acronyms a group carries, in its own field or in its name
/// (`Grupo de Trabajo Sobre Política Migratoria-GTPM`), compared the way the
/// engine compares acronyms.
pub fn is_acronym_of(written: &str, name: &str, acronym: Option<&str>) -> bool {
    let probe = parse::acronym(written).0;
    !probe.is_empty()
        && (acronym.is_some_and(|a| parse::acronym(a).0 == probe)
            || parse::parse(name, Class::Group).acronyms.contains(&probe))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(name: &str) -> Candidate<'_> {
        Candidate { names: vec![name], ..Candidate::default() }
    }

    fn person(name: &str) -> Candidate<'_> {
        Candidate { class: Class::Person, ..group(name) }
    }

    fn one(a: Candidate, b: Candidate) -> Option<Match> {
        find(&[a, b]).into_iter().next()
    }

    /// Bucketing by later candidate keeps what sorting all the matches
    /// kept: each later candidate's best, the surest first and the earlier
    /// entry breaking ties, listed by earlier entry; in both parts of a
    /// roster split between cores.
    #[test]
    fn the_best_per_candidate_are_those_a_full_sort_keeps() {
        let kinds = [MatchKind::Exact, MatchKind::Likely, MatchKind::Possible];
        let mut verdicts = Vec::new();
        for a in 0..3000 {
            for b in [a + 1, a + 7, 2999, 1500].into_iter().filter(|&b| b > a && b < 3000) {
                let kind = kinds[(a * 7 + b) % 3];
                let score = [1.0, 0.95, 0.9, 0.8, 0.7][(a / 3 + b) % 5];
                let verdict = Verdict {
                    kind,
                    score,
                    why: similar::Why::Words,
                    names: (0, 0),
                    apart: Default::default(),
                };
                verdicts.push((a, b, verdict));
            }
        }
        verdicts.sort_by_key(|v| (v.0, v.1));
        let mut sorted = verdicts.clone();
        sorted.sort_by(|x, y| {
            (x.1, x.2.kind, -x.2.score, x.0).partial_cmp(&(y.1, y.2.kind, -y.2.score, y.0)).unwrap()
        });
        let mut expected = Vec::new();
        for group in sorted.chunk_by(|x, y| x.1 == y.1) {
            let mut best: Vec<_> =
                group.iter().take(PER_CANDIDATE).map(|v| (v.0, v.1, v.2.kind, v.2.score)).collect();
            best.sort_by_key(|m| m.0);
            expected.extend(best);
        }
        let kept: Vec<_> =
            best_per_candidate(&verdicts, 3000).iter().map(|f| (f.a, f.b, f.kind, f.verdict.score)).collect();
        assert_eq!(kept, expected);
        assert_eq!(kept.iter().filter(|m| m.1 == 2999).count(), PER_CANDIDATE);
        assert!(best_per_candidate(&[], 0).is_empty());
    }

    #[test]
    fn exact_after_case_and_space_folding() {
        let c = [group("Sin Fronteras IAP"), group("Alianza Americas"), group("sin  fronteras   iap")];
        let m = find(&c);
        assert_eq!(m.len(), 1);
        assert_eq!((m[0].a, m[0].b, m[0].kind), (0, 2, MatchKind::Exact));
    }

    #[test]
    fn hostile_names_do_not_panic() {
        let long = "palabra ".repeat(200);
        let names = [
            "",
            " ",
            "()",
            "(((",
            ")))",
            "A.",
            ".",
            "-",
            "– –",
            "\u{301}",
            "🙂 🙂",
            "ß",
            "İstanbul",
            "ǅemal",
            "ﷺ",
            "𝔄𝔅ℭ",
            "a\u{0}b",
            "١٢٣",
            "日本語 (日本)",
            "\u{202e}atsiL",
            "A.C.",
            "(A.C.)",
            "I.A.P I.A.P",
            "Dr. Dr.",
            "- México",
            ", , ,",
            "x/y/z",
            long.as_str(),
            "\u{fe0f}\u{200d}",
            "Ǆ ǅ ǆ Ǉ",
        ];
        let mut candidates: Vec<Candidate> = names.iter().map(|n| group(n)).collect();
        candidates.extend(names.iter().map(|n| person(n)));
        candidates.push(Candidate { acronym: Some("-"), country: Some("ñ"), ..group("x") });
        find(&candidates);
    }

    #[test]
    fn names_without_letters_are_nobody() {
        assert!(find(&[group("???"), group("!!!"), group("")]).is_empty());
    }

    #[test]
    fn people_and_groups_are_not_compared() {
        assert!(find(&[group("Karina Franco"), person("Karina Franco")]).is_empty());
    }

    #[test]
    fn legal_forms_and_accents_are_ignored_and_said() {
        let m = one(group("Alma Migrante, A.C."), group("ALMA MIGRANTÉ")).unwrap();
        assert_eq!(m.kind, MatchKind::Exact);
        assert_eq!(m.reason, "same name once 'A.C.' and the accents are ignored");
    }

    #[test]
    fn acronyms_anywhere() {
        let m = one(
            group("Instituto para las Mujeres en la Migración, AC (IMUMI)"),
            group("IMUMI Instituto para las Mujeres en la Migración"),
        )
        .unwrap();
        assert_eq!(m.kind, MatchKind::Exact, "{}", m.reason);
        assert_eq!(m.reason, "same name once 'AC' is ignored");
    }

    #[test]
    fn different_places_are_different_signers() {
        assert_eq!(
            one(group("Casa del Migrante en Juárez AC"), group("Casa del Migrante en Tijuana A.C.")),
            None
        );
        assert_eq!(
            one(
                group("Servicio Jesuita a Refugiados Ecuador"),
                group("Servicio Jesuita a Refugiados México")
            ),
            None
        );
    }

    #[test]
    fn a_name_that_is_only_a_place_is_that_name() {
        let m = one(group("México"), group("(México)")).expect("a match");
        assert_eq!(m.kind, MatchKind::Exact, "{}", m.reason);
        assert!(!m.reason.contains("()"), "no empty list of places: {}", m.reason);
    }

    #[test]
    fn different_countries_lower_the_score_and_are_said() {
        let in_country = |name, country| Candidate { country: Some(country), ..group(name) };
        let m = one(in_country("Cáritas", "MX"), in_country("Cáritas", "GT")).expect("a finding to review");
        assert_eq!(m.kind, MatchKind::Possible, "{}", m.reason);
        assert!(m.reason.contains("MX") && m.reason.contains("GT"), "{}", m.reason);
        let names =
            ("Coalición Pro Defensa del Migrante", "Coalición Pro Defensa del Migrantes y Refugiados");
        let alike = one(group(names.0), group(names.1)).expect("alike");
        let apart = one(in_country(names.0, "MX"), in_country(names.1, "US")).expect("still alike");
        assert!(apart.score < alike.score, "{} < {}", apart.score, alike.score);
        assert!(apart.reason.contains("MX") && apart.reason.contains("US"), "{}", apart.reason);
    }

    #[test]
    fn multi_word_acronyms_match_like_one_word_ones() {
        let full = |acronym| Candidate {
            acronym: Some(acronym),
            ..group("Centro de Derechos Humanos Fray Matías de Córdova")
        };
        let one_word = one(full("CDHFMC"), group("CDHFMC")).expect("one word");
        let m = one(full("CDH Fray Matías"), group("CDH Fray Matías")).expect("several words");
        assert_eq!(m.kind, one_word.kind, "{}", m.reason);
        assert!(m.score >= one_word.score, "{} ({})", m.score, m.reason);
        assert!(m.reason.contains("CDH Fray Matías"), "{}", m.reason);
        let both = one(full("CDH Fray Matías"), full("CDH-Fray Matías")).expect("the same acronym");
        assert_eq!(both.kind, MatchKind::Exact, "{}", both.reason);
    }

    #[test]
    fn short_names_that_differ_by_a_real_word_are_not_near_certain() {
        for (a, b) in [("Casa Marina", "Casa Mariana"), ("Colectivo Pinto", "Colectivo Pintor")] {
            let m = one(group(a), group(b)).expect("worth a look");
            assert_eq!(m.kind, MatchKind::Possible, "{a} | {b}: {}", m.reason);
        }
        let m = one(person("Laura Gómez"), person("Laura Gámez")).expect("worth a look");
        assert_eq!(m.kind, MatchKind::Possible, "{}", m.reason);
        let slip = one(group("Asociación Ébano"), group("Asociación Ébanno")).expect("a slip");
        assert_eq!(slip.kind, MatchKind::Likely, "a doubled letter is a slip: {}", slip.reason);
        let long = one(
            group("Centro de Derechos Humanos Miguel Agustín Pro Juárez"),
            group("Centro de Derechos Humanos Miguel Agustín Pro Juares"),
        );
        assert!(long.is_some_and(|m| m.kind == MatchKind::Likely), "in a long name a typo is a typo");
    }

    #[test]
    fn people_without_titles_and_second_surnames() {
        let m = one(person("Sister Louise Lears"), person("Louise Lears")).unwrap();
        assert_eq!((m.kind, m.reason.as_str()), (MatchKind::Exact, "same name once 'Sister' is ignored"));
        let m = one(person("Laura Gómez Toledo"), person("Laura Gomez")).unwrap();
        assert_eq!(m.kind, MatchKind::Likely, "{}", m.reason);
        assert_eq!(one(person("Luis Gómez"), person("Laura Gómez")), None, "siblings");
    }
}
