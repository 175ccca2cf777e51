//! Duplicate signers: the engine's quality on labeled pairs, the policy in
//! `letter check`, and the review file.

use letter::dedup::{Candidate, Class, Match, MatchKind, find};
use serde::Deserialize;

use crate::util::{Project, fixture, repo, run};

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

/// The labeled pairs of `tests/fixtures/dedup/<file>`.
fn pairs(file: &str) -> Vec<Pair> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .from_path(fixture(&format!("dedup/{file}")))
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
    Candidate {
        class,
        names: vec![name],
        acronym: acronym.as_deref(),
        country: country.as_deref(),
        ..Candidate::default()
    }
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
            .map(|(c, n)| Candidate { class: *c, names: vec![n], ..Candidate::default() })
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

/// Precision and recall on a set of labeled pairs, printed with its mistakes;
/// and how many pairs labeled exact did not come out exact.
fn figures(what: &str, pairs: &[Pair]) -> (f64, f64, usize) {
    let (mut tp, mut fp, mut fneg, mut tn) = (0, 0, 0, 0);
    let (mut mistakes, mut not_exact) = (Vec::new(), 0);
    for (p, found) in pairs.iter().zip(verdicts(pairs)) {
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
        "duplicate engine on {} labeled {what}: precision {precision:.3}, recall {recall:.3} \
         (true positives {tp}, false positives {fp}, false negatives {fneg}, true negatives {tn})",
        pairs.len()
    );
    println!("{}", mistakes.join("\n"));
    (precision, recall, not_exact)
}

#[test]
fn labeled_pairs_precision_and_recall() {
    let names = pairs("pairs.tsv");
    let (precision, recall, not_exact) = figures("pairs", &names);
    assert!(names.len() >= 80);
    assert!(precision >= 0.95 && recall >= 0.95, "precision {precision:.3}, recall {recall:.3}");
    assert_eq!(not_exact, 0, "pairs labeled exact must come out exact");
    let translations = pairs("translations.tsv");
    let (precision, recall, _) = figures("translation pairs (Spanish and English)", &translations);
    assert!(translations.len() >= 30 && translations.iter().any(|p| p.label == "distinct"));
    assert!(precision >= 0.9 && recall >= 0.9, "translations: precision {precision:.3}, recall {recall:.3}");
}

const ORGS: &str = "signatories/demo/organizations.yaml";
const REVIEWED: &str = "signatories/demo/reviewed.yaml";

fn json_check(p: &Project) -> (i32, serde_json::Value) {
    let (code, out, _) = run(p.letter().args(["check", "--format", "json"]));
    (code, serde_json::from_str(&out).expect("JSON"))
}

/// The finding that pairs entries named `x` and `y`, if any.
fn finding<'v>(report: &'v serde_json::Value, x: &str, y: &str) -> Option<&'v serde_json::Value> {
    report["duplicates"].as_array()?.iter().find(|f| {
        let names = [&f["entries"][0]["name"], &f["entries"][1]["name"]];
        names == [x, y] || names == [y, x]
    })
}

#[test]
fn the_flagship_duplicates_are_found_without_the_review_file() {
    let p = Project::flagship();
    std::fs::remove_file(p.path("signatories/mexico-2024/reviewed.yaml")).unwrap();
    let (code, report) = json_check(&p);
    assert_eq!(code, 0, "no list names a signer twice: {report}");
    let kind =
        |x: &str, y: &str| finding(&report, x, y).map(|f| f["kind"].as_str().unwrap_or_default().to_string());
    for (x, y, expected) in [
        ("Sin Fronteras IAP", "Sin Fronteras I.A.P", "exact"),
        ("Sin Fronteras, IAP", "Sin Fronteras I.A.P", "exact"),
        (
            "IMUMI Instituto para las Mujeres en la Migración",
            "Instituto para las Mujeres en la Migración",
            "exact",
        ),
        (
            "Instituto para las Mujeres en la Migración, AC",
            "Instituto para las Mujeres en la Migración",
            "exact",
        ),
        (
            "Centro de Atención a la Familia Migrante Indígena, CAFAMI",
            "Centro de Atención a la Familia Migrante Indígena",
            "exact",
        ),
        (
            "Centro de Atención a la Familia Migrante Indígena AC",
            "Centro de Atención a la Familia Migrante Indígena",
            "exact",
        ),
        (
            "Centro de Atención a Familia Migrante Indígena",
            "Centro de Atención a la Familia Migrante Indígena",
            "likely",
        ),
        ("Apoyo a Migrantes Venezolanos, A.C.", "Apoyo a Migrantes Venezolanos", "exact"),
        ("Dignidad y Justicia en el Camino A.C. FM4, Paso Libre", "FM4 Paso Libre", "likely"),
        (
            "Red Sudamericana para las Migraciones Ambientales",
            "Red Sudamericana para las Migraciones Ambientales",
            "exact",
        ),
        ("Casanicolás", "Casa Nicolás-Solidaridad en el éxodo, A.C.", "likely"),
    ] {
        assert_eq!(kind(x, y).as_deref(), Some(expected), "{x} | {y}");
    }
    for (x, y) in [
        ("Casa del Migrante en Juárez AC", "Casa del Migrante en Tijuana A.C."),
        ("Servicio Jesuita a Refugiados Ecuador", "Servicio Jesuita a Refugiados (JRS) México"),
        ("Unitarian Universalist Service Committee", "Unitarian Universalists for Social Justice"),
    ] {
        assert_eq!(kind(x, y), None, "a trap: {x} | {y}");
    }
    for f in report["duplicates"].as_array().unwrap() {
        for e in f["entries"].as_array().unwrap() {
            assert!(e["file"].as_str().unwrap().ends_with(".yaml") && e["line"].as_u64() > Some(0), "{f}");
        }
    }
}

#[test]
fn the_flagship_reviews_leave_only_exact_notes() {
    let p = Project::flagship();
    let (code, report) = json_check(&p);
    assert_eq!(code, 0);
    let severities: Vec<&str> =
        report["diagnostics"].as_array().unwrap().iter().filter_map(|d| d["severity"].as_str()).collect();
    assert!(severities.iter().all(|s| *s == "note"), "{report}");
    assert!(report["duplicates"].as_array().unwrap().iter().all(|f| f["kind"] == "exact"), "{report}");
    assert_eq!(finding(&report, "Casanicolás", "Casa Nicolás-Solidaridad en el éxodo, A.C."), None);
    assert_eq!(report["counts"]["unique_signers"], 208, "reviewed as the same, counted once");
}

#[test]
fn an_exact_duplicate_in_one_list_is_an_error_with_both_places_and_the_reason() {
    let p = Project::copy_of("minimal");
    p.append(ORGS, "- name: \"NOPAL COLECTIVO, A.C.\"\n");
    let (code, out, _) = run(p.letter().arg("check"));
    assert_eq!(code, 1, "{out}");
    let line = out.lines().find(|l| l.contains("error:")).unwrap_or_default();
    assert!(
        line.starts_with(&format!(
            "{ORGS}:9:3: error: `NOPAL COLECTIVO, A.C.` is already in organizations at {ORGS}:7:3"
        )),
        "{out}"
    );
    assert!(line.contains("(same name once 'A.C.' and the case are ignored)"), "{line}");
    assert!(out.contains("reviewed.yaml"), "the hint names the review file: {out}");
}

#[test]
fn a_likely_duplicate_in_one_list_is_a_warning() {
    let p = Project::copy_of("minimal");
    p.append(ORGS, "- name: Asociación Ébanno\n");
    let (code, report) = json_check(&p);
    assert_eq!(code, 0, "warnings do not fail the check");
    let f = finding(&report, "Asociación Ébanno", "Asociación Ébano").expect("found");
    assert_eq!((f["kind"].as_str(), f["code"].as_str()), (Some("likely"), Some("possible-duplicate")), "{f}");
    assert!(f["reason"].as_str().unwrap().contains("'Ébano' and 'Ébanno' differ by a letter"), "{f}");
    let d =
        report["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "possible-duplicate").unwrap();
    assert_eq!((d["severity"].as_str(), d["line"].as_u64()), (Some("warning"), Some(9)));
    assert!(d["message"].as_str().unwrap().contains(&format!("{ORGS}:2:3")), "{d}");
}

#[test]
fn a_reviewed_pair_stays_quiet_after_other_edits() {
    let p = Project::copy_of("minimal");
    p.append(ORGS, "- name: Nopal Colectivo, A.C.\n");
    p.write(REVIEWED, "- distinct: [Nopal Colectivo, \"Nopal Colectivo, A.C.\"]\n  note: two collectives\n");
    let (code, report) = json_check(&p);
    assert_eq!(code, 0, "{report}");
    assert_eq!(finding(&report, "Nopal Colectivo", "Nopal Colectivo, A.C."), None);
    let distinct = report["counts"]["unique_signers"].as_u64().unwrap();
    let shifted =
        p.read(ORGS).replacen("- name: Asociación Ébano", "- name: Otra Más\n- name: Asociación Ébano", 1);
    p.write(ORGS, &shifted);
    let (code, report) = json_check(&p);
    assert_eq!((code, finding(&report, "Nopal Colectivo", "Nopal Colectivo, A.C.")), (0, None), "{report}");
    p.write(
        REVIEWED,
        "- same:\n    - Nopal Colectivo\n    - {name: \"Nopal Colectivo, A.C.\", list: organizations}\n",
    );
    let (code, report) = json_check(&p);
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["counts"]["unique_signers"].as_u64(), Some(distinct), "one more entry, one more merge");
}

#[test]
fn a_review_naming_a_missing_entry_is_a_warning() {
    let p = Project::copy_of("minimal");
    p.write(REVIEWED, "# reviewed\n- same: [Nopal Colectiv, Colectivo Zapote]\n");
    let (code, out, _) = run(p.letter().arg("check"));
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(&format!("{REVIEWED}:2:10: warning: no entry `Nopal Colectiv` in the roster")),
        "{out}"
    );
    assert!(out.contains("did you mean `Nopal Colectivo`?"), "{out}");
    assert!(!out.contains("not a roster"), "reviewed.yaml is a known roster file: {out}");
}

#[test]
fn review_file_mistakes_point_at_their_line() {
    let p = Project::copy_of("minimal");
    p.write(REVIEWED, "- sme: [Nopal Colectivo, Colectivo Zapote]\n");
    let (code, out, _) = run(p.letter().arg("check"));
    assert_eq!(code, 1);
    assert!(out.contains(&format!("{REVIEWED}:1:3: error: unknown key `sme`")), "{out}");
    assert!(out.contains("did you mean `same`?"), "{out}");

    p.write(REVIEWED, "- same:\n    - {name: Nopal Colectivo, lst: organizations}\n    - Colectivo Zapote\n");
    let (_, out, _) = run(p.letter().arg("check"));
    assert!(out.contains("unknown key `lst`") && out.contains("did you mean `list`?"), "{out}");
    assert!(out.contains(&format!("{REVIEWED}:2:")), "{out}");

    p.write(REVIEWED, "- distinct: [Nopal Colectivo, Colectivo Zapote, Asociación Ébano]\n");
    let (_, out, _) = run(p.letter().arg("check"));
    assert!(
        out.contains(&format!("{REVIEWED}:1:13: error: a review names two entries; this one names 3")),
        "{out}"
    );
}

const PEOPLE: &str = "signatories/demo/individuals.yaml";

/// The findings between entries both named `name`.
fn namesakes<'v>(report: &'v serde_json::Value, name: &str) -> Vec<&'v serde_json::Value> {
    let all = report["duplicates"].as_array().unwrap();
    all.iter().filter(|f| f["entries"][0]["name"] == name && f["entries"][1]["name"] == name).collect()
}

#[test]
fn two_people_sharing_a_name_but_not_an_affiliation_are_a_possible_finding_counted_twice() {
    let p = Project::copy_of("minimal");
    let (_, before) = json_check(&p);
    p.append(
        PEOPLE,
        "- name: Juan Hernández\n  affiliation: UNAM\n- name: Juan Hernández\n  affiliation: El Colef\n",
    );
    let (code, report) = json_check(&p);
    assert_eq!(code, 0, "a warning, not an error: {report}");
    let found = namesakes(&report, "Juan Hernández");
    assert_eq!(found.len(), 1, "{report}");
    let f = found[0];
    assert_eq!(
        (f["kind"].as_str(), f["code"].as_str()),
        (Some("possible"), Some("possible-duplicate")),
        "{f}"
    );
    let reason = f["reason"].as_str().unwrap();
    assert!(reason.contains("same name, different affiliation") && reason.contains("El Colef"), "{reason}");
    let unique = |r: &serde_json::Value| r["counts"]["unique_signers"].as_u64().unwrap();
    assert_eq!(unique(&report), unique(&before) + 2, "both are counted");
}

#[test]
fn organizations_sharing_a_name_in_two_countries_or_cities_are_possible() {
    let p = Project::copy_of("minimal");
    p.append(
        ORGS,
        "- {name: Cáritas, country: MX}\n- {name: Cáritas, country: GT}\n\
         - {name: Casa Hogar, city: Oaxaca}\n- {name: Casa Hogar, city: Puebla}\n",
    );
    let (code, report) = json_check(&p);
    assert_eq!(code, 0, "{report}");
    let caritas = namesakes(&report, "Cáritas");
    assert_eq!(caritas.len(), 1, "{report}");
    assert_eq!(caritas[0]["kind"], "possible");
    let reason = caritas[0]["reason"].as_str().unwrap();
    assert!(reason.contains("MX") && reason.contains("GT"), "the reason names the countries: {reason}");
    let casa = namesakes(&report, "Casa Hogar");
    assert_eq!(casa.len(), 1, "{report}");
    assert!(casa[0]["reason"].as_str().unwrap().contains("different city"), "{}", casa[0]);
}

#[test]
fn a_distinct_review_of_two_namesakes_never_silences_a_third() {
    let p = Project::copy_of("minimal");
    p.append(
        PEOPLE,
        "- {name: Juan Hernández, affiliation: UNAM}\n- {name: Juan Hernández, affiliation: El Colef}\n",
    );
    // Reviewed by name alone, the review cannot say which two it means.
    p.write(REVIEWED, "- distinct: [Juan Hernández, Juan Hernández]\n");
    let (code, out, _) = run(p.letter().arg("check"));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(&format!("{REVIEWED}:1:")) && out.contains("ambiguous review"), "{out}");
    assert!(out.contains("affiliation"), "the hint says what tells them apart: {out}");
    assert!(out.contains("may be `Juan Hernández`"), "an ambiguous review silences nothing: {out}");

    // Named by what tells them apart, the pair is quiet, and a third copy is not.
    p.write(
        REVIEWED,
        "- distinct:\n    - {name: Juan Hernández, affiliation: UNAM}\n    - {name: Juan Hernández, affiliation: El Colef}\n",
    );
    let (code, report) = json_check(&p);
    assert_eq!((code, namesakes(&report, "Juan Hernández").len()), (0, 0), "{report}");
    p.append(PEOPLE, "- name: Juan Hernández\n");
    let (code, report) = json_check(&p);
    assert_eq!(code, 1, "the third copy is an exact duplicate: {report}");
    assert!(!namesakes(&report, "Juan Hernández").is_empty(), "{report}");
}

#[test]
fn the_hint_for_namesakes_writes_the_review_with_what_tells_them_apart() {
    let p = Project::copy_of("minimal");
    p.append(
        PEOPLE,
        "- {name: Juan Hernández, affiliation: UNAM}\n- {name: Juan Hernández, affiliation: El Colef}\n",
    );
    let (_, out, _) = run(p.letter().arg("check"));
    assert!(
        out.contains("{name: Juan Hernández, affiliation: UNAM}")
            && out.contains("{name: Juan Hernández, affiliation: El Colef}"),
        "{out}"
    );
}

#[test]
fn an_organization_named_in_two_languages_is_found_by_either() {
    let p = Project::copy_of("minimal");
    p.append(
        ORGS,
        "- name: {en: Amnesty International, es: Amnistía Internacional}\n- name: Amnistía Internacional\n",
    );
    let (code, report) = json_check(&p);
    assert_eq!(code, 1, "{report}");
    let f =
        finding(&report, "Amnesty International", "Amnistía Internacional").expect("found by its es name");
    assert_eq!(f["kind"], "exact");
}

#[test]
fn a_name_written_in_the_other_language_is_a_possible_finding() {
    let p = Project::copy_of("minimal");
    p.append(
        ORGS,
        "- name: Centro de Derechos Humanos Fray Matías\n- name: Fray Matías Human Rights Center\n",
    );
    let (code, report) = json_check(&p);
    assert_eq!(code, 0, "{report}");
    let f = finding(&report, "Centro de Derechos Humanos Fray Matías", "Fray Matías Human Rights Center")
        .expect("found across languages");
    assert_eq!(f["kind"], "possible");
    assert!(f["reason"].as_str().unwrap().contains("the same name in another language"), "{f}");
}
