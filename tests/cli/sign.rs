//! `letter sign` and `letter withdraw` on real files: the diff is the new
//! line alone, duplicates are refused, two branches merge in git, two runs at
//! once both land, and a withdrawn signer who signs again is restored.

use std::process::{Command, Stdio};

use crate::build::{html_escaped, markdown_text};
use crate::util::{Project, run};

const ORGS: &str = "signatories/demo/organizations.yaml";
const NETS: &str = "signatories/demo/networks.yaml";
const PEOPLE: &str = "signatories/demo/individuals.yaml";
const HISTORY: &str = "signatories/demo/history.yaml";

fn sign(p: &Project, args: &[&str]) -> (i32, String, String) {
    run(p.letter().arg("sign").args(args).arg("--yes"))
}

fn counts(p: &Project) -> serde_json::Value {
    let (_, out, _) = run(p.letter().args(["check", "--format", "json"]));
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON report");
    assert_eq!(report["ok"], true, "{out}");
    report["counts"].clone()
}

const SORTED: &str = "\
# Organizations that sign directly, kept in alphabetical order.

- name: Alianza Americas   # signed by e-mail
  country: US

# From the second round:
- name: 'Casa del Migrante'
  city:   Tijuana
- {country: MX, name: \"Nopal Colectivo\"}
";

#[test]
fn the_file_after_sign_is_the_file_before_plus_one_line_at_its_sorted_place() {
    let p = Project::copy_of("minimal");
    p.write(ORGS, SORTED);
    let (code, out, err) =
        sign(&p, &["--org", "Bosque Vivo, A.C.", "--country", "México", "--city", "Oaxaca"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), format!("added organization `Bosque Vivo, A.C.` to {ORGS}:5"));
    let line = "- {name: \"Bosque Vivo, A.C.\", country: MX, city: Oaxaca}\n";
    assert_eq!(
        p.read(ORGS),
        SORTED.replace("\n# From the second round:", &format!("{line}\n# From the second round:"))
    );
    let (code, _, err) = sign(&p, &["--org", "Zapote"]);
    assert_eq!(code, 0, "{err}");
    assert!(p.read(ORGS).ends_with("\"Nopal Colectivo\"}\n- name: Zapote\n"));
    assert_eq!(counts(&p)["organizations"], 5);
}

#[cfg(unix)]
#[test]
fn a_roster_kept_as_a_link_is_written_where_it_lives() {
    let p = Project::copy_of("minimal");
    p.write("shared/organizations.yaml", SORTED);
    let target = p.path("shared/organizations.yaml");
    std::fs::remove_file(p.path(ORGS)).unwrap();
    std::os::unix::fs::symlink(&target, p.path(ORGS)).unwrap();
    let (code, _, err) = sign(&p, &["--org", "Zapote"]);
    assert_eq!(code, 0, "{err}");
    assert!(p.path(ORGS).symlink_metadata().unwrap().file_type().is_symlink(), "the link stays");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), format!("{SORTED}- name: Zapote\n"));
}

#[test]
fn an_exact_duplicate_is_refused_naming_the_entry() {
    let p = Project::copy_of("minimal");
    let before = p.read(ORGS);
    let (code, _, err) = sign(&p, &["--org", "  NOPAL   colectivo "]);
    assert_eq!(code, 1);
    assert!(err.contains(&format!("already signs: {ORGS}:7:3 in organizations")), "{err}");
    assert_eq!(p.read(ORGS), before, "nothing written");
}

#[test]
fn a_signer_that_may_already_sign_needs_force_without_a_terminal() {
    let p = Project::copy_of("minimal");
    let before = p.read(ORGS);
    // The network signs; the same name as an organization may be a mistake.
    let (code, _, err) = sign(&p, &["--org", "Red Ñandú de Prueba"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!("may already sign as `Red Ñandú de Prueba` at {NETS}:2:3 in networks")),
        "{err}"
    );
    assert!(err.contains("run again with --force"), "{err}");
    assert_eq!(p.read(ORGS), before);
    let (code, out, err) = sign(&p, &["--org", "Red Ñandú de Prueba", "--force"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("added organization `Red Ñandú de Prueba`"), "{out}");
}

#[test]
fn a_member_joins_its_network_at_its_sorted_place() {
    let p = Project::copy_of("minimal");
    let before = p.read(NETS);
    let (code, out, err) = sign(&p, &["--person", "Ana Uno", "--member-of", "rñp", "--role", "enlace"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), format!("added person `Ana Uno` to {NETS}:9"));
    let expected = before.replace("    people:\n", "    people:\n      - {name: Ana Uno, role: enlace}\n");
    assert_eq!(p.read(NETS), expected);
    assert_eq!(counts(&p)["network_members"], 3);
    let (code, _, err) = sign(&p, &["--org", "X", "--member-of", "Red Inexistente"]);
    assert_eq!(code, 1, "no such network: refused");
    assert!(
        err.contains("no network named `Red Inexistente`") && err.contains("Red Ñandú de Prueba"),
        "{err}"
    );
}

#[test]
fn a_new_network_gets_a_file_of_its_own() {
    let p = Project::copy_of("minimal");
    let (code, out, err) = sign(&p, &["--network", "Red Nueva, A.C.", "--acronym", "RN"]);
    assert_eq!(code, 0, "{err}");
    let file = "signatories/demo/networks/red-nueva-a-c.yaml";
    assert!(out.contains(&format!("to {file}:1")), "{out}");
    assert_eq!(p.read(file), "- name: Red Nueva, A.C.\n  acronym: RN\n");
    let (code, _, err) = sign(&p, &["--org", "Colectivo Cuatro", "--member-of", "RN"]);
    assert_eq!(code, 0, "{err}");
    let with_member = "- name: Red Nueva, A.C.\n  acronym: RN\n  members:\n    organizations:\n      - name: Colectivo Cuatro\n";
    assert_eq!(p.read(file), with_member);
    assert_eq!(counts(&p)["networks"], 2);
}

#[test]
fn names_yaml_would_misread_come_back_as_written() {
    let p = Project::copy_of("minimal");
    let names = ["No", "yes", "*x", "a: b", "#y", "\"", "1999", "Pop No’j [MX] {x}, #1"];
    for name in names {
        let (code, _, err) = sign(&p, &["--org", name, "--country", "MX"]);
        assert_eq!(code, 0, "{name}: {err}");
        let (code, _, err) = sign(&p, &["--person", name]);
        assert_eq!(code, 0, "{name}: {err}");
    }
    assert_eq!(counts(&p)["organizations"], 3 + names.len());
    let (code, _, err) = run(p.letter().args(["build", "--format", "md,html"]));
    assert_eq!(code, 0, "{err}");
    let md = markdown_text(&p.read("out/demo.es.md"));
    let html = p.read("out/demo.es.html");
    for name in names {
        assert!(md.contains(name), "Markdown lacks {name}");
        assert!(html.contains(&html_escaped(name)), "HTML lacks {name}");
    }
}

#[test]
fn bad_values_are_refused_before_anything_is_read() {
    let p = Project::copy_of("minimal");
    let (code, _, err) = sign(&p, &["--person", "Ana", "--country", "Narnia", "--city", "Oaxaca"]);
    assert_eq!(code, 1);
    assert!(err.contains("error: `Narnia` is not a country"), "{err}");
    assert!(err.contains("error: a person has no `city`"), "{err}");
}

#[test]
fn a_withdrawn_signer_leaves_every_output_and_count_and_signing_again_keeps_the_record() {
    let p = Project::copy_of("minimal");
    let before = p.read(ORGS);
    let args = ["withdraw", "Nopal Colectivo", "--date", "2025-03-20", "--reason", "pidió salir"];
    let (code, out, err) =
        run(p.letter().args([&args[..], &["--requested-by", "Ana", "--recorded-by", "Luis"]].concat()));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("withdrew `Nopal Colectivo` on 2025-03-20 from 1 place"), "{out}");
    assert!(out.contains(&format!("organizations at {ORGS}:7:3 (recorded at {HISTORY}:4)")), "{out}");
    assert_eq!(p.read(ORGS), before, "the roster is not touched");
    let line = "- {event: withdrawn, name: Nopal Colectivo, list: organizations, date: 2025-03-20, reason: pidió salir, requested_by: Ana, recorded_by: Luis}\n";
    assert!(p.read(HISTORY).ends_with(line), "{}", p.read(HISTORY));

    let (_, out, _) = run(p.letter().args(["check", "--format", "json"]));
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["counts"]["organizations"], 2, "{out}");
    assert_eq!(report["counts"]["unique_signers"], 6, "{out}");
    let ledger = &report["withdrawals"][0];
    assert_eq!(
        (ledger["name"].as_str(), ledger["date"].as_str()),
        (Some("Nopal Colectivo"), Some("2025-03-20"))
    );
    assert_eq!((ledger["line"].as_u64(), ledger["reason"].as_str()), (Some(7), Some("pidió salir")));
    assert_eq!(
        (ledger["requested_by"].as_str(), ledger["recorded_by"].as_str()),
        (Some("Ana"), Some("Luis"))
    );
    assert_eq!(ledger["record"].as_str(), Some(format!("{HISTORY}:4:3").as_str()));
    let (_, human, _) = run(p.letter().arg("check"));
    assert!(
        human.contains(&format!(
            "{ORGS}:7:3: note: `Nopal Colectivo` withdrew from organizations on 2025-03-20"
        ))
    );

    run(p.letter().args(["build", "--format", "md,html"]));
    for lang in ["es", "en"] {
        assert!(!p.read(&format!("out/demo.{lang}.md")).contains("Nopal"), "{lang} Markdown");
        assert!(!p.read(&format!("out/demo.{lang}.html")).contains("Nopal"), "{lang} HTML");
    }

    let (code, _, err) = run(p.letter().args(["withdraw", "nopal colectivo"]));
    assert_eq!(code, 1, "already withdrawn: refused");
    assert!(err.contains("already withdrew on 2025-03-20"), "{err}");

    let (code, out, err) = sign(&p, &["--org", "Nopal Colectivo"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("organization `Nopal Colectivo` signs again: it withdrew on 2025-03-20"), "{out}");
    assert_eq!(p.read(ORGS), before, "not added twice");
    assert!(p.read(HISTORY).contains(line.trim_end()), "the withdrawal stays on record");
    assert!(
        p.read(HISTORY).contains("{event: signed-again, name: Nopal Colectivo, list: organizations, date: ")
    );
    assert_eq!(counts(&p)["organizations"], 3);
    let (_, out, _) = run(p.letter().args(["history", "Nopal Colectivo"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].starts_with("2025-03-20 withdrawn `Nopal Colectivo` (organizations); reason: pidió salir; requested by: Ana; recorded by: Luis"), "{out}");
    assert!(lines[1].contains(" signed-again `Nopal Colectivo` (organizations)"), "{out}");
}

#[test]
fn a_withdrawal_reaches_every_place_the_signer_signs_unless_a_network_is_named() {
    let p = Project::copy_of("minimal");
    let (code, out, err) = run(p.letter().args(["withdraw", "Colectivo Zapote", "--member-of", "RÑP"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("from 1 place") && out.contains("members of Red Ñandú de Prueba at"), "{out}");
    assert_eq!(
        (counts(&p)["network_members"].as_u64(), counts(&p)["organizations"].as_u64()),
        (Some(1), Some(3))
    );
    let (code, out, err) = run(p.letter().args(["withdraw", "Colectivo Zapote"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("from 1 place") && out.contains(&format!("organizations at {ORGS}:8:3")), "{out}");
    assert!(out.contains("already withdrawn: members of Red Ñandú de Prueba"), "{out}");
    run(p.letter().args(["build", "--format", "md,html"]));
    for lang in ["es", "en"] {
        assert!(!p.read(&format!("out/demo.{lang}.md")).contains("Zapote"), "{lang} Markdown");
        assert!(!p.read(&format!("out/demo.{lang}.html")).contains("Zapote"), "{lang} HTML");
    }
    let (code, _, err) = run(p.letter().args(["withdraw", "Olga Núñez", "--member-of", "Nopal Colectivo"]));
    assert_eq!(code, 1);
    assert!(err.contains("no network named `Nopal Colectivo`"), "{err}");
}

#[test]
fn two_people_who_share_a_name_are_withdrawn_one_at_a_time() {
    let p = Project::copy_of("minimal");
    p.append(PEOPLE, "- {name: Juan Hernández, affiliation: UNAM}\n- {name: Juan Hernández, affiliation: Colegio de la Frontera Norte}\n");
    let (code, _, err) = run(p.letter().args(["withdraw", "Juan Hernández"]));
    assert_ne!(code, 0, "both would be withdrawn");
    assert!(err.contains("in one list more than once") && err.contains("--at FILE:LINE"), "{err}");
    let (code, out, err) =
        run(p.letter().args(["withdraw", "Juan Hernández", "--at", &format!("{PEOPLE}:8")]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&format!("{PEOPLE}:8:3")), "{out}");
    assert!(p.read(HISTORY).contains("affiliation: Colegio de la Frontera Norte"), "the line says which one");
    run(p.letter().args(["build", "--format", "md"]));
    let md = p.read("out/demo.es.md");
    assert!(md.contains("UNAM") && !md.contains("Frontera Norte"), "{md}");
}

#[test]
fn a_history_line_that_reaches_no_one_fails_the_check() {
    let p = Project::copy_of("minimal");
    p.write(HISTORY, "- {event: withdrawn, name: Nopal Colectivos, list: organizations, date: 2025-01-02}\n");
    let (code, out, _) = run(p.letter().arg("check"));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(&format!("{HISTORY}:1:3: error: no entry `Nopal Colectivos` in organizations, so this withdrawal reaches no one")), "{out}");
    p.write(HISTORY, "- {event: withdrawn, name: Nopal Colectivo, list: organizations, date: 2025-01-02}\n- {event: left, name: Nopal Colectivo, list: organizations, date: 2025-01-03}\n");
    let (code, out, _) = run(p.letter().arg("check"));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("`left` is not an event"), "{out}");
}

#[test]
fn a_withdrawal_written_on_the_entry_still_holds_and_says_how_to_move_it() {
    let p = Project::copy_of("minimal");
    let text = p
        .read(ORGS)
        .replace("- name: Nopal Colectivo\n", "- name: Nopal Colectivo\n  withdrawn: {date: 2025-01-02}\n");
    p.write(ORGS, &text);
    let (code, out, _) = run(p.letter().arg("check"));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("warning: `Nopal Colectivo` is withdrawn by a key on its entry"), "{out}");
    assert!(out.contains("history.yaml instead: - {event: withdrawn, name: \"Nopal Colectivo\", list: \"organizations\", date: 2025-01-02}"), "{out}");
    assert_eq!(counts(&p)["organizations"], 2);
}

#[test]
fn two_signs_at_once_both_land() {
    let p = Project::copy_of("minimal");
    let children: Vec<_> = (0..6)
        .map(|i| {
            Command::new(env!("CARGO_BIN_EXE_letter"))
                .args(["sign", "--org", &format!("Concurrente {i}"), "--country", "MX", "--yes"])
                .current_dir(p.dir.path())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("letter starts")
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let text = p.read(ORGS);
    for i in 0..6 {
        assert_eq!(text.matches(&format!("Concurrente {i},")).count(), 1, "{text}");
    }
    assert_eq!(counts(&p)["organizations"], 9);
}

#[test]
fn a_roster_kept_as_a_folder_gets_a_file_per_signer() {
    let p = Project::copy_of("minimal");
    std::fs::remove_file(p.path("signatories/demo/individuals.yaml")).unwrap();
    p.write("signatories/demo/individuals/early.yaml", "- name: Zoe Álvarez\n");
    let (code, out, err) = sign(&p, &["--person", "Ángel Ruiz", "--country", "MX"]);
    assert_eq!(code, 0, "{err}");
    let file = "signatories/demo/individuals/angel-ruiz.yaml";
    assert!(out.contains(&format!("to {file}:1")), "{out}");
    assert_eq!(p.read(file), "- {name: Ángel Ruiz, country: MX}\n");
    assert_eq!(counts(&p)["individuals"], 2);
}

#[test]
fn a_network_is_found_by_the_acronym_in_its_name() {
    let p = Project::flagship();
    let (code, out, err) =
        sign(&p, &["--person", "Ana Lucía Pérez", "--member-of", "gtpm", "--role", "Investigadora"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("signatories/mexico-2024/networks.yaml:"), "{out}");
    let networks = p.read("signatories/mexico-2024/networks.yaml");
    let gtpm = networks.split("- name: Grupo de Trabajo Sobre Política Migratoria-GTPM").nth(1).unwrap();
    let gtpm = gtpm.split("\n- name:").next().unwrap();
    assert!(gtpm.contains("Ana Lucía Pérez"), "the member lands in the GTPM");
}
