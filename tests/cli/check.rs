//! `letter check`: every finding at its file:line, the exit codes, the JSON report.

use crate::util::{Project, run};

const ORGS: &str = "signatories/demo/organizations.yaml";

fn check(p: &Project) -> (i32, String, String) {
    run(p.letter().arg("check"))
}

#[test]
fn a_valid_letter_passes() {
    let p = Project::copy_of("minimal");
    let (code, out, _) = check(&p);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("ok: 0 errors"), "{out}");
}

#[test]
fn exact_duplicate_in_one_list_is_an_error_naming_both_places() {
    let p = Project::copy_of("minimal");
    p.append(ORGS, "- name: \"  NOPAL   colectivo\"\n");
    let (code, out, _) = check(&p);
    assert_eq!(code, 1, "{out}");
    let line = out
        .lines()
        .find(|l| l.contains("duplicate-signatory") || l.contains("is already in"))
        .unwrap_or_default();
    assert!(line.starts_with(&format!("{ORGS}:9:3: error:")), "{out}");
    assert!(line.contains(&format!("{ORGS}:7:3")), "names the first entry: {line}");
}

#[test]
fn cross_listed_signer_is_a_note_and_counted_once() {
    let p = Project::copy_of("minimal");
    let (_, out, _) = check(&p);
    assert!(out.contains(&format!("{ORGS}:8:3: note: `Colectivo Zapote`")), "{out}");
    assert!(out.contains("signatures from 7 unique signers"), "{out}");
}

#[test]
fn missing_translation_points_at_the_text() {
    let p = Project::copy_of("minimal");
    p.append(ORGS, "- name: Sin Traducción\n  notes: fine\n");
    let letter = p
        .read("letters/demo/letter.yaml")
        .replace("title: {es: Carta de prueba, en: Test letter}", "title: {es: Carta de prueba}");
    p.write("letters/demo/letter.yaml", &letter);
    let (code, out, _) = check(&p);
    assert_eq!(code, 1);
    assert!(out.contains("letters/demo/letter.yaml:6:8: error: `title` has no `en` text"), "{out}");
    assert!(out.contains("hint: add `en: …`"), "{out}");
}

#[test]
fn unknown_key_suggests_the_right_one() {
    let p = Project::copy_of("minimal");
    p.append(ORGS, "- name: Otra\n  contry: MX\n");
    let (code, out, _) = check(&p);
    assert_eq!(code, 1);
    assert!(out.contains(&format!("{ORGS}:10:3: error: unknown key `contry`")), "{out}");
    assert!(out.contains("did you mean `country`?"), "{out}");
}

#[test]
fn broken_yaml_reports_its_position_and_the_other_files_still_load() {
    let p = Project::copy_of("minimal");
    p.append(ORGS, "- name: Roto: sin comillas\n");
    p.append("signatories/demo/individuals.yaml", "- name: Ángel Ruiz\n");
    let (code, out, _) = check(&p);
    assert_eq!(code, 1);
    assert!(out.contains(&format!("{ORGS}:9:13: error: YAML syntax")), "{out}");
    assert!(out.contains("individuals.yaml:7:3: error: `Ángel Ruiz` is already in individuals"), "{out}");
}

#[test]
fn bad_values_are_each_reported() {
    let p = Project::copy_of("minimal");
    p.append(ORGS, "- name: \" Espacios \"\n  country: Mexico\n  website: ebano.org\n");
    let letter = p.read("letters/demo/letter.yaml").replace("date: 2025-03-14", "date: 2025-02-30");
    p.write("letters/demo/letter.yaml", &letter);
    let (code, out, _) = check(&p);
    assert_eq!(code, 1);
    for expected in [
        "letter.yaml:3:7: error: `2025-02-30` is not a date",
        "organizations.yaml:9:9: warning: `name` starts or ends with spaces",
        "organizations.yaml:10:12: error: `Mexico` is not a country code",
        "hint: write the two-letter code: `MX` for Mexico",
        "organizations.yaml:11:12: error: `ebano.org` is not a web address",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
}

#[test]
fn demands_are_defined_once_and_used() {
    let p = Project::copy_of("minimal");
    p.append(
        "letters/demo/demands.yaml",
        "- id: first\n  lead: Otra\n  body: Otra\n- id: spare\n  lead: x\n  body: y\n",
    );
    let letter = p.read("letters/demo/letter.yaml").replace("demands: [third]", "demands: [thrid]");
    p.write("letters/demo/letter.yaml", &letter);
    let (code, out, _) = check(&p);
    assert_eq!(code, 1);
    assert!(out.contains("demands.yaml:10:3: error: demand id `first` is already used"), "{out}");
    assert!(out.contains("error: no demand has the id `thrid`"), "{out}");
    assert!(out.contains("did you mean `third`?"), "{out}");
    assert!(out.contains("demands.yaml:13:3: warning: demand `spare` is in no section"), "{out}");
}

/// A misspelled roster file used to be a warning, and `build` printed a
/// letter without its signers.
#[test]
fn a_misspelled_roster_file_is_an_error_and_build_refuses() {
    let p = Project::copy_of("minimal");
    p.write("signatories/demo/organisations.yaml", "- name: Perdida\n");
    let (code, out, _) = check(&p);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("organisations.yaml:1:1: error: this file is not a roster"), "{out}");
    assert!(out.contains("did you mean `organizations`?"), "{out}");
    let (code, _, err) = run(p.letter().arg("build"));
    assert_eq!(code, 1, "{err}");
    assert!(!p.path("out").exists(), "nothing is built");
}

#[test]
fn a_roster_in_the_letters_folder_says_where_it_belongs() {
    let p = Project::copy_of("minimal");
    p.write("letters/demo/individuals.yaml", "- name: Perdida Pérez\n");
    let (code, out, _) = check(&p);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("letters/demo/individuals.yaml:1:1: warning: a roster is not read here"), "{out}");
    assert!(out.contains("move it to signatories/demo/individuals.yaml"), "{out}");
}

#[test]
fn a_roster_folder_loads_like_a_file() {
    let p = Project::copy_of("minimal");
    p.write("signatories/demo/individuals/late.yaml", "- name: Tardía Pérez\n- name: Zoe Álvarez\n");
    let (code, out, _) = check(&p);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("individuals/late.yaml:2:3: error: `Zoe Álvarez` is already in individuals"),
        "{out}"
    );
}

#[test]
fn json_report_is_stable() {
    let p = Project::copy_of("minimal");
    p.append(ORGS, "- name: nopal colectivo\n");
    let (code, out, _) = run(p.letter().args(["check", "--format", "json"]));
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["ok"], false);
    let d = &v["diagnostics"].as_array().unwrap().iter().find(|d| d["severity"] == "error").unwrap();
    for key in ["severity", "file", "line", "column", "code", "message", "hint"] {
        assert!(d.get(key).is_some(), "diagnostic lacks {key}: {d}");
    }
    assert_eq!(d["code"], "duplicate-signatory");
    let dup = v["duplicates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "exact" && f["entries"][1]["line"] == 9)
        .unwrap();
    assert_eq!(dup["entries"][0]["name"], "Nopal Colectivo");
    assert_eq!(dup["entries"][0]["list"], "organizations");
    for key in ["score", "reason"] {
        assert!(dup.get(key).is_some(), "{dup}");
    }
    for key in ["networks", "network_members", "organizations", "individuals", "signatures", "unique_signers"]
    {
        assert!(v["counts"][key].is_u64(), "counts lacks {key}");
    }
}

#[test]
fn usage_and_missing_paths_exit_2() {
    let p = Project::copy_of("minimal");
    let (code, _, err) = run(p.letter().args(["check", "no/such/place"]));
    assert_eq!(code, 2);
    assert!(err.contains("no/such/place: no such file or folder"), "{err}");
    assert_eq!(run(p.letter().args(["check", "--format", "xml"])).0, 2);
}

#[test]
fn a_letter_folder_or_file_can_be_named() {
    let p = Project::copy_of("minimal");
    assert_eq!(run(p.letter().args(["check", "letters/demo"])).0, 0);
    assert_eq!(run(p.letter().args(["check", "letters/demo/letter.yaml"])).0, 0);
}

#[test]
fn labels_exist_and_cover_every_language() {
    let p = Project::copy_of("minimal");
    let letter = p.read("letters/demo/letter.yaml").replace("languages: [es, en]", "languages: [es, en, pt]");
    let letter = letter.replace(
        "title: {es: Carta de prueba, en: Test letter}",
        "title: {es: Carta, en: Letter, pt: Carta}",
    );
    p.write(
        "letters/demo/letter.yaml",
        &format!("{letter}labels:\n  membres: {{es: Miembros}}\n  members: {{pt: Membros}}\n"),
    );
    let (code, out, _) = check(&p);
    assert_eq!(code, 1);
    assert!(out.contains("letter.yaml:25:12: warning: no template uses a label `membres`"), "{out}");
    assert!(out.contains("did you mean `members`?"), "{out}");
    assert!(out.contains("error: label `signatories` has no `pt` text"), "{out}");
    assert!(!out.contains("label `members` has no"), "an override may give only some languages: {out}");
}

#[test]
fn strict_makes_warnings_fail() {
    let p = Project::copy_of("minimal");
    p.append(ORGS, "- name: \"Padded \"\n");
    assert_eq!(run(p.letter().arg("check")).0, 0, "a warning alone passes");
    let (code, out, _) = run(p.letter().args(["check", "--strict"]));
    assert_eq!(code, 1, "{out}");
}

#[test]
fn github_format_annotates_the_lines() {
    let p = Project::copy_of("minimal");
    p.append(ORGS, "- name: Nopal Colectivo\n- name: \"Padded \"\n");
    let (code, out, _) = run(p.letter().args(["check", "--format", "github"]));
    assert_eq!(code, 1);
    assert!(out.contains(&format!("::error file={ORGS},line=9,col=3,title=duplicate-signatory::`Nopal Colectivo` is already in organizations")), "{out}");
    assert!(out.contains(&format!("::warning file={ORGS},line=10,col=9,title=padded-text::")), "{out}");
    assert!(out.contains("::notice file="), "notes become notices: {out}");
    assert!(out.contains("%0Ahint: delete one of the two entries"), "hint on the annotation: {out}");
}

#[test]
fn quiet_prints_only_errors_and_verbose_the_duplicates() {
    let p = Project::copy_of("minimal");
    p.append(ORGS, "- name: Nopal Colectivo\n- name: \"Padded \"\n");
    let (_, out, _) = run(p.letter().args(["check", "--quiet"]));
    assert_eq!(out.lines().count(), 2, "one error and its hint:\n{out}");
    let (_, out, _) = run(p.letter().args(["check", "--verbose"]));
    assert!(out.lines().any(|l| l.starts_with("duplicate (Exact") && l.contains("Nopal Colectivo")), "{out}");
}

#[test]
fn colour_shows_the_yaml_line_with_a_caret() {
    let p = Project::copy_of("minimal");
    p.append(ORGS, "- name: Otra\n  contry: MX\n");
    let (_, out, _) = run(p.letter().args(["check", "--color", "always"]));
    assert!(out.contains("contry:") && out.contains(" MX"), "quotes the line: {out}");
    assert!(out.contains("^^^^^^^"), "underlines the key: {out}");
    assert!(out.contains("\u{1b}["), "in colour");
    let (_, plain, _) = run(p.letter().arg("check"));
    assert!(!plain.contains('\u{1b}'), "plain when not a terminal");
}

/// One bad entry used to drop its whole file: the counts said 0
/// organizations and the duplicate search never saw the rest.
#[test]
fn a_bad_entry_is_skipped_and_the_rest_of_its_file_still_counts() {
    let p = Project::copy_of("minimal");
    p.write(
        ORGS,
        "- name: Asociación Ébano\n  contry: MX\n- name: Nopal Colectivo\n- name: Nopal Colectivo\n- name: Casa Azul\n",
    );
    let (code, out, _) = check(&p);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(&format!("{ORGS}:2:3: error: unknown key `contry`")), "{out}");
    assert!(
        out.contains(&format!("{ORGS}:4:3: error: `Nopal Colectivo` is already in organizations")),
        "{out}"
    );
    assert!(out.contains(", 3 organizations,"), "the two good entries and the duplicate count: {out}");
}

#[test]
fn a_file_with_five_mistakes_reports_five() {
    let p = Project::copy_of("minimal");
    p.write(
        ORGS,
        "- name: Uno\n  acronim: U\n\
         - name: [Dos, Tres]\n\
         - country: MX\n\
         - name: Cuatro\n  name: Cinco\n\
         - name: Seis\n  country: Mexico\n\
         - name: Siete\n",
    );
    let (code, out, _) = check(&p);
    assert_eq!(code, 1, "{out}");
    for expected in [
        "organizations.yaml:2:3: error: unknown key `acronim`",
        "hint: did you mean `acronym`?",
        "organizations.yaml:3:3: error: invalid type: sequence",
        "organizations.yaml:4:3: error: missing required key `name`",
        "organizations.yaml:6:3: error: key `name` is written twice",
        "organizations.yaml:8:12: error: `Mexico` is not a country code",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
    assert!(out.contains("failed: 5 errors"), "{out}");
    assert!(out.contains(", 2 organizations,"), "Seis and Siete load: {out}");
}

#[test]
fn a_bad_network_member_is_skipped_and_its_network_still_signs() {
    let p = Project::copy_of("minimal");
    p.write(
        "signatories/demo/networks.yaml",
        "- name: Red Ñandú de Prueba\n  members:\n    organizations:\n      - name: Colectivo Zapote\n        contry: MX\n      - name: Colectivo Mango\n    people:\n      - role: nadie\n      - name: Olga Núñez\n- name: Red Dos\n  membres: []\n- name: Red Tres\n",
    );
    let (code, out, _) = check(&p);
    assert_eq!(code, 1, "{out}");
    for expected in [
        "networks.yaml:5:9: error: unknown key `contry`",
        "networks.yaml:8:9: error: missing required key `name`",
        "networks.yaml:11:3: error: unknown key `membres`",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
    assert!(out.contains("signers: 2 networks with 2 members,"), "{out}");
}

/// A tab used to be reported on another line with a hint about quoting.
#[test]
fn a_tab_in_the_indentation_is_named_at_its_own_place() {
    let p = Project::copy_of("minimal");
    p.write(ORGS, "- name: Uno\n- name: Dos\n\tcountry: MX\n- name: Tres\n");
    let (code, out, _) = check(&p);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(&format!("{ORGS}:3:1: error: YAML indents with spaces; replace the tab")), "{out}");
    assert!(!out.contains("quot"), "no hint about quoting: {out}");
}
