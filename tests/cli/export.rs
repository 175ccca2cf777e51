//! `letter export`: the signatories as CSV and JSON, read back by a CSV
//! reader and a JSON parser, never compared as loose text.

use crate::util::{Project, run};

const ORGS: &str = "signatories/demo/organizations.yaml";

/// The CSV's rows as header → cell maps.
fn rows(csv: &[u8]) -> (Vec<String>, Vec<std::collections::HashMap<String, String>>) {
    let mut reader = csv::Reader::from_reader(csv);
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    let rows = reader
        .records()
        .map(|r| header.iter().cloned().zip(r.unwrap().iter().map(str::to_string)).collect())
        .collect();
    (header, rows)
}

fn export(p: &Project, args: &[&str]) -> Vec<u8> {
    let out = p.letter().arg("export").args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

#[test]
fn the_csv_reads_back_with_every_signer_and_its_fields() {
    let p = Project::copy_of("minimal");
    let (header, rows) = rows(&export(&p, &[]));
    let names: Vec<&str> = rows.iter().map(|r| r["name_es"].as_str()).collect();
    assert_eq!(
        names,
        [
            "Asociación Ébano",
            "Colectivo Zapote",
            "Nopal Colectivo",
            "Red Ñandú de Prueba",
            "Colectivo Zapote",
            "Olga Núñez",
            "Ángel Ruiz",
            "Zoe Álvarez"
        ],
        "groups in the letter's order, each network followed by its members, then the individuals"
    );
    let ebano = &rows[0];
    assert_eq!((ebano["kind"].as_str(), ebano["country"].as_str()), ("organization", "MX"));
    assert_eq!(ebano["country_name_en"], "Mexico");
    assert_eq!(ebano["website"], "https://ebano.example.org");
    let olga = &rows[5];
    assert_eq!(olga["network"], "Red Ñandú de Prueba");
    assert_eq!((olga["role_es"].as_str(), olga["role_en"].as_str()), ("coordinadora", "coordinator"));
    assert_eq!(rows[7]["affiliation_en"], "Universidad de Prueba");
    assert_eq!(rows[3]["acronym"], "RÑP");
    assert!(!header.iter().any(|h| ["email", "phone", "notes"].contains(&h.as_str())), "{header:?}");
}

#[test]
fn private_fields_only_with_the_flag() {
    let p = Project::copy_of("minimal");
    let public = String::from_utf8(export(&p, &[])).unwrap();
    let json = String::from_utf8(export(&p, &["--format", "json"])).unwrap();
    for secret in ["private-contact@ebano.example.org", "555 000 0000", "called on"] {
        assert!(!public.contains(secret) && !json.contains(secret), "{secret} leaked");
    }
    let (_, rows) = rows(&export(&p, &["--private"]));
    assert_eq!(rows[0]["email"], "private-contact@ebano.example.org");
    assert_eq!(rows[0]["phone"], "'+52 555 000 0000", "a leading + is guarded like a formula");
    assert_eq!(rows[7]["notes"], "called on 2025-03-01");
    let json: serde_json::Value =
        serde_json::from_slice(&export(&p, &["--format", "json", "--private"])).unwrap();
    assert_eq!(json["signers"][0]["email"], "private-contact@ebano.example.org");
    assert_eq!(json["signers"][0]["phone"], "+52 555 000 0000", "JSON is no spreadsheet: no guard");
}

#[test]
fn a_withdrawn_signer_is_in_neither_format() {
    let p = Project::copy_of("minimal");
    let (code, _, err) = run(p.letter().args(["withdraw", "Nopal Colectivo", "--date", "2025-01-02"]));
    assert_eq!(code, 0, "{err}");
    let csv = String::from_utf8(export(&p, &[])).unwrap();
    let json = String::from_utf8(export(&p, &["--format", "json"])).unwrap();
    assert!(!csv.contains("Nopal") && !json.contains("Nopal"));
    assert!(csv.contains("Asociación Ébano") && json.contains("Asociación Ébano"));
}

#[test]
fn the_bom_is_there_only_when_asked() {
    let p = Project::copy_of("minimal");
    let plain = export(&p, &[]);
    let bom = export(&p, &["--bom"]);
    assert!(plain.starts_with(b"kind,"));
    assert_eq!(&bom[..3], b"\xEF\xBB\xBF");
    assert_eq!(&bom[3..], &plain[..], "the mark and nothing else differs");
    assert!(plain.ends_with(b"\r\n"), "CRLF, as spreadsheets write CSV");
}

#[test]
fn a_cell_that_would_be_a_formula_is_text() {
    let p = Project::copy_of("minimal");
    p.append(ORGS, "- name: \"=HYPERLINK(\\\"http://evil.example\\\", \\\"x\\\")\"\n  city: \"@SUM(1)\"\n");
    let (_, rows) = rows(&export(&p, &[]));
    let evil = rows.iter().find(|r| r["name_es"].contains("HYPERLINK")).expect("the row");
    assert_eq!(evil["name_es"], "'=HYPERLINK(\"http://evil.example\", \"x\")");
    assert_eq!(evil["city"], "'@SUM(1)");
}

#[test]
fn the_same_rosters_give_the_same_bytes() {
    let p = Project::flagship();
    for format in ["csv", "json"] {
        let first = export(&p, &["letters/mexico-2024", "--format", format]);
        let second = export(&p, &["letters/mexico-2024", "--format", format]);
        assert_eq!(first, second, "{format}");
        let (code, _, err) =
            run(p.letter().args(["export", "letters/mexico-2024", "--format", format, "-o", "list"]));
        assert_eq!(code, 0, "{err}");
        assert_eq!(std::fs::read(p.path("list")).unwrap(), first, "-o writes what stdout shows");
    }
    let (_, rows) = rows(&export(&p, &["letters/mexico-2024"]));
    assert_eq!(rows.len(), 240, "every signature of the flagship");
    let json: serde_json::Value =
        serde_json::from_slice(&export(&p, &["letters/mexico-2024", "--format", "json"])).unwrap();
    assert_eq!(json["signers"].as_array().unwrap().len(), 240);
}

#[test]
fn one_language_gives_that_languages_columns() {
    let p = Project::copy_of("minimal");
    let (header, rows) = rows(&export(&p, &["--lang", "en"]));
    assert!(
        header.contains(&"role_en".to_string()) && !header.contains(&"role_es".to_string()),
        "{header:?}"
    );
    assert_eq!(rows.iter().find(|r| r["name_en"] == "Olga Núñez").unwrap()["role_en"], "coordinator");
}

#[test]
fn a_public_export_honours_each_signers_display_level() {
    let p = Project::copy_of("minimal");
    let people = "signatories/demo/individuals.yaml";
    let extra = "- name: Xiadani Oculta\n  display: anonymous\n  email: x@example.org\n\
                 - name: Yolanda Breve\n  display: name-only\n  affiliation: Agencia Yaxché\n";
    p.write(people, &format!("{}{extra}", p.read(people)));
    let (_, public) = rows(&export(&p, &[]));
    assert!(!public.iter().any(|r| r["name_es"] == "Xiadani Oculta"), "an anonymous signer is not exported");
    let yolanda =
        public.iter().find(|r| r["name_es"] == "Yolanda Breve").expect("a name-only signer is listed");
    assert_eq!(yolanda["affiliation_es"], "", "name only: no affiliation");
    let (_, private) = rows(&export(&p, &["--private"]));
    let xiadani =
        private.iter().find(|r| r["name_es"] == "Xiadani Oculta").expect("a private export lists everyone");
    assert_eq!((xiadani["display"].as_str(), xiadani["email"].as_str()), ("anonymous", "x@example.org"));
}
