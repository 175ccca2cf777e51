//! `letter import` on a messy form export: BOM, semicolons, Windows line
//! ends, answers with line breaks, bad rows and duplicates.

use crate::util::{Project, run};

const ORGS: &str = "signatories/demo/organizations.yaml";
const PEOPLE: &str = "signatories/demo/individuals.yaml";

/// A Google Forms answer sheet saved from a spreadsheet in a Spanish locale.
const FORM: &str = "\u{feff}Marca temporal;Tipo de firma;Nombre de la organización (si firmas como organización);\
Nombre completo;País;Correo electrónico;Comentarios\r\n\
2025/03/01 10:00;Organización;\"Bosque\nVivo, A.C.\";Ana Pérez;México;ana@bosque.example.org;\"Firmamos;\ncon gusto\"\r\n\
2025/03/01 10:05;A título personal;;Luis Gómez;Estados Unidos;luis@example.org;\r\n\
2025/03/01 10:06;Organización;;Sin Nombre;MX;;\r\n\
2025/03/01 10:07;Persona;;Marta Ruiz;Narnia;;\r\n\
2025/03/01 10:08;Organización;\"  bosque vivo,  A.C. \";;MX;;\r\n\
2025/03/01 10:09;Organización;Nopal Colectivo;;MX;;\r\n\
;;;;;;\r\n\
2025/03/01 10:10;Persona;Universidad X;Ana Uno;Guatemala;;\r\n";

fn import(p: &Project, extra: &[&str]) -> (i32, String, String) {
    p.write("firmas.csv", FORM);
    run(p.letter().args(["import", "firmas.csv"]).args(extra))
}

#[test]
fn a_dry_run_reports_every_row_and_shows_the_diff_without_writing() {
    let p = Project::copy_of("minimal");
    let (orgs, people) = (p.read(ORGS), p.read(PEOPLE));
    let (code, out, err) = import(&p, &[]);
    assert_eq!(code, 1, "bad rows make the exit status 1: {out}{err}");
    for expected in [
        "`Tipo de firma` → kind, `Nombre de la organización (si firmas como organización)` → organization",
        "row 2: to add organization `Bosque Vivo, A.C.` to signatories/demo/organizations.yaml",
        "row 3: to add person `Luis Gómez` to signatories/demo/individuals.yaml",
        "row 4: error: the name is empty",
        "row 5: error: `Narnia` is not a country",
        "row 6: skipped organization `bosque vivo, A.C.`: the same signer as row 2",
        "row 7: skipped organization `Nopal Colectivo`: already signs at signatories/demo/organizations.yaml:7:3",
        "row 9: to add person `Ana Uno`",
        "+- {name: \"Bosque Vivo, A.C.\", country: MX, email: ana@bosque.example.org, notes: \"Firmamos;\\ncon gusto\"}",
        "+- {name: Ana Uno, affiliation: Universidad X, country: GT}",
        "+- {name: Luis Gómez, country: US, email: luis@example.org}",
        "dry run: 3 added, 0 restored, 2 skipped, 0 to review, 2 with errors (7 rows); nothing written",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
    assert!(!out.contains("row 8"), "an empty row is not reported: {out}");
    assert_eq!((p.read(ORGS), p.read(PEOPLE)), (orgs, people), "a dry run writes nothing");
}

#[test]
fn write_applies_the_good_rows_and_never_half_of_a_bad_one() {
    let p = Project::copy_of("minimal");
    let before = p.read(ORGS);
    let (_, out, _) = import(&p, &["--write"]);
    assert!(out.contains("row 2: added organization `Bosque Vivo, A.C.`"), "{out}");
    assert!(out.contains("written: 3 added"), "{out}");
    let orgs = p.read(ORGS);
    let line = "- {name: \"Bosque Vivo, A.C.\", country: MX, email: ana@bosque.example.org, notes: \"Firmamos;\\ncon gusto\"}\n";
    assert_eq!(
        orgs,
        before.replace("- name: Nopal Colectivo\n", &format!("{line}- name: Nopal Colectivo\n"))
    );
    let people = p.read(PEOPLE);
    assert!(!people.contains("Marta") && !orgs.contains("Sin Nombre"), "bad rows are not written");
    let (code, out, _) = run(p.letter().arg("check"));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("4 organizations, 4 individuals"), "{out}");
    let (_, again, _) = import(&p, &["--write"]);
    assert!(again.contains("written: 0 added"), "a second import adds nothing: {again}");
}

#[test]
fn columns_can_be_mapped_and_a_withdrawn_signer_is_restored() {
    let p = Project::copy_of("minimal");
    run(p.letter().args(["withdraw", "Ángel Ruiz", "--date", "2025-01-05"]));
    p.write("people.tsv", "Who\tWhere\tFavourite colour\nÁngel Ruiz\tMX\tblue\nZoe Ruiz\tCanada\tred\n");
    let (code, out, err) = run(p.letter().args([
        "import",
        "people.tsv",
        "--map",
        "Who=person",
        "--map",
        "where=country",
        "--kind",
        "person",
        "--write",
    ]));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("not read: `Favourite colour`"), "{out}");
    assert!(out.contains("row 2: restored person `Ángel Ruiz`, withdrawn on 2025-01-05: signs again, recorded in signatories/demo/history.yaml"), "{out}");
    assert!(out.contains("row 3: added person `Zoe Ruiz`"), "{out}");
    assert!(p.read(PEOPLE).contains("- {name: Zoe Ruiz, country: CA}\n"));
    assert!(!p.read(PEOPLE).contains("withdrawn"));
    assert!(p.read("signatories/demo/history.yaml").contains("{event: signed-again, name: Ángel Ruiz"));
    let (code, _, err) = run(p.letter().args(["import", "people.tsv", "--map", "Quién=person"]));
    assert_eq!(code, 2);
    assert!(err.contains("no column matches `--map Quién=person`") && err.contains("`Who`"), "{err}");
}
