//! Duplicate signers: the engine's quality on labeled pairs, the policy in
//! `letter check`, and the review file.

use letter::dedup::{Candidate, Class, Match, MatchKind, find};
use serde::Deserialize;

use crate::util::{fixture, repo};

/// One labeled pair of `tests/fixtures/dedup/pairs.tsv`.
#[derive(Debug, Deserialize)]
struct Pair {
    label: String,
    class: String,
    a: String,
    a_acronym: Option<String>,
    a_country: Option<String>,
    b: String,
    b_acronym: Option<String>,
    b_country: Option<String>,
    /// `exact` where the pair must come out exact.
    kind: Option<String>,
    note: String,
}

fn pairs() -> Vec<Pair> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .from_path(fixture("dedup/pairs.tsv"))
        .expect("the labeled pairs");
    reader.deserialize().map(|r| r.expect("a well-formed row")).collect()
}

/// The flagship's signers, as background: words are rare or common as in a
/// real roster.
fn background() -> Vec<(Class, String)> {
    let tsv = std::fs::read_to_string(repo().join("tests/fixtures/flagship/signers.tsv")).unwrap();
    tsv.lines()
        .map(|l| {
            let mut cols = l.split('\t');
            let kind = cols.next().unwrap_or_default();
            let class =
                if kind.ends_with("person") || kind == "individual" { Class::Person } else { Class::Group };
            (class, cols.next().unwrap_or_default().to_string())
        })
        .collect()
}

fn candidate<'a>(
    class: Class,
    name: &'a str,
    acronym: &'a Option<String>,
    country: &'a Option<String>,
) -> Candidate<'a> {
    Candidate { class, names: vec![name], acronym: acronym.as_deref(), country: country.as_deref() }
}

/// What the engine says of each labeled pair: the match between its two
/// entries, if any. Pairs are checked a few dozen at a time, each batch in a
/// roster of the flagship's signers, so the words weigh as in a real letter
/// and the test stays fast.
fn verdicts(pairs: &[Pair]) -> Vec<Option<Match>> {
    const BATCHES: usize = 6;
    let background = background();
    let mut out = vec![None; pairs.len()];
    for batch in 0..BATCHES {
        let mine: Vec<usize> = (batch..pairs.len()).step_by(BATCHES).collect();
        let mut roster: Vec<Candidate> = background
            .iter()
            .map(|(c, n)| Candidate { class: *c, names: vec![n], acronym: None, country: None })
            .collect();
        let first = roster.len();
        for &i in &mine {
            let p = &pairs[i];
            let class = if p.class == "person" { Class::Person } else { Class::Group };
            roster.push(candidate(class, &p.a, &p.a_acronym, &p.a_country));
            roster.push(candidate(class, &p.b, &p.b_acronym, &p.b_country));
        }
        for m in find(&roster) {
            let k = m.a.wrapping_sub(first) / 2;
            if m.a >= first && m.a % 2 == first % 2 && m.b == m.a + 1 {
                out[mine[k]] = Some(m);
            }
        }
    }
    out
}

#[test]
fn labeled_pairs_precision_and_recall() {
    let pairs = pairs();
    let (mut tp, mut fp, mut fneg, mut tn) = (0, 0, 0, 0);
    let (mut mistakes, mut not_exact) = (Vec::new(), 0);
    for (p, found) in pairs.iter().zip(verdicts(&pairs)) {
        let same = p.label == "same";
        match (&found, same) {
            (Some(_), true) => tp += 1,
            (Some(_), false) => fp += 1,
            (None, true) => fneg += 1,
            (None, false) => tn += 1,
        }
        let wrong_kind =
            p.kind.as_deref() == Some("exact") && found.as_ref().is_none_or(|m| m.kind != MatchKind::Exact);
        not_exact += usize::from(wrong_kind);
        if found.is_some() != same || wrong_kind {
            let got = found.map_or("nothing".into(), |m| format!("{:?} {} ({})", m.kind, m.score, m.reason));
            mistakes.push(format!("  {} [{}]: {} | {} → {got}", p.label, p.note, p.a, p.b));
        }
    }
    let precision = f64::from(tp) / f64::from(tp + fp);
    let recall = f64::from(tp) / f64::from(tp + fneg);
    println!(
        "duplicate engine on {} labeled pairs: precision {precision:.3}, recall {recall:.3} \
         (true positives {tp}, false positives {fp}, false negatives {fneg}, true negatives {tn})",
        pairs.len()
    );
    println!("{}", mistakes.join("\n"));
    assert!(pairs.len() >= 80);
    assert!(precision >= 0.95 && recall >= 0.95, "precision {precision:.3}, recall {recall:.3}");
    assert_eq!(not_exact, 0, "pairs labeled exact must come out exact");
}
