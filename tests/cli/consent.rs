//! Consent and display: who asked not to be named is in no output but in
//! every count; name-only hides the rest; an authorization stays private;
//! `sign` and `import` take all of it. And how the lists sort.

use lopdf::Document;

use crate::util::{Project, run};

const ORGS: &str = "signatories/demo/organizations.yaml";
const PEOPLE: &str = "signatories/demo/individuals.yaml";
const NETWORKS: &str = "signatories/demo/networks.yaml";
const LETTER: &str = "letters/demo/letter.yaml";

/// Every output of the letter as text: Markdown, HTML and the PDF's words.
fn outputs(p: &Project) -> Vec<(String, String)> {
    let (code, _, err) = run(p.letter().arg("build"));
    assert_eq!(code, 0, "{err}");
    let mut out = Vec::new();
    for lang in ["es", "en"] {
        for ext in ["md", "html"] {
            out.push((format!("{lang}.{ext}"), p.read(&format!("out/demo.{lang}.{ext}"))));
        }
        out.push((format!("{lang}.pdf"), pdf_text(&p.path(&format!("out/demo.{lang}.pdf")))));
    }
    out
}

fn pdf_text(path: &std::path::Path) -> String {
    let doc = Document::load(path).expect("a PDF lopdf can read");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).expect("extractable text");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn output(outputs: &[(String, String)], which: &str) -> String {
    outputs
        .iter()
        .find(|(k, _)| k == which)
        .map(|(_, t)| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap()
}

fn with_hidden_signers() -> Project {
    let p = Project::copy_of("minimal");
    p.append(
        PEOPLE,
        "- name: Xiadani Uno\n  display: anonymous\n  affiliation: Agencia Yaxché\n\
         - name: Xiadani Dos\n  display: anonymous\n\
         - name: Marta Solonombre\n  display: name-only\n  affiliation: Universidad Escondida\n  role: {es: rectora discreta, en: discreet rector}\n",
    );
    p.append(
        ORGS,
        "- name: Colectivo Invisible\n  display: anonymous\n  authorized_by: {name: Firmante Autorizadora, date: 2025-03-02}\n\
         - name: Bosque Autorizado\n  authorized_by: {name: Persona Que Consiente}\n",
    );
    let nets = p.read(NETWORKS).replace(
        "    people:\n",
        "    people:\n      - name: Integrante Reservada\n        display: anonymous\n",
    );
    p.write(NETWORKS, &nets);
    p
}

#[test]
fn an_anonymous_signer_is_in_no_output_but_in_the_counts() {
    let p = with_hidden_signers();
    let all = outputs(&p);
    for (which, text) in &all {
        for secret in ["Xiadani", "Agencia Yaxché", "Colectivo Invisible", "Integrante Reservada"] {
            assert!(!text.contains(secret), "`{secret}` in {which}");
        }
    }
    for which in ["es.md", "es.html", "es.pdf"] {
        let text = output(&all, which);
        assert!(text.contains("y 2 personas que pidieron no ser nombradas"), "{which}: {text}");
        assert!(text.contains("y 1 organización que pidió no ser nombrada"), "{which}");
        assert!(text.contains("y 1 integrante que pidió reservar su nombre"), "{which}");
        // 2 + 3 people, 3 + 2 organizations, 2 + 1 members: the hidden count.
        assert!(text.contains("5 personas"), "{which}: {text}");
        assert!(text.contains("5 organizaciones"), "{which}");
        assert!(text.contains("3 integrantes"), "{which}");
    }
    for which in ["en.md", "en.html", "en.pdf"] {
        let text = output(&all, which);
        assert!(text.contains("and 2 individuals who asked not to be named"), "{which}");
        assert!(text.contains("and 1 organization that asked not to be named"), "{which}");
        assert!(text.contains("and 1 member who asked not to be named"), "{which}");
    }
    let (_, json, _) = run(p.letter().args(["check", "--format", "json"]));
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["counts"]["individuals"], 5, "{json}");
    assert_eq!(report["counts"]["organizations"], 5, "{json}");
    assert_eq!(report["counts"]["network_members"], 3, "{json}");
}

#[test]
fn name_only_hides_role_and_affiliation_and_an_authorization_is_never_rendered() {
    let p = with_hidden_signers();
    for (which, text) in outputs(&p) {
        assert!(text.contains("Marta Solonombre"), "{which}");
        assert!(text.contains("Bosque Autorizado"), "{which}");
        for private in [
            "Universidad Escondida",
            "rectora discreta",
            "discreet rector",
            "Consiente",
            "Autorizadora",
            "2025-03-02",
        ] {
            assert!(!text.contains(private), "`{private}` in {which}");
        }
    }
}

#[test]
fn a_duplicate_that_asked_not_to_be_named_is_still_a_duplicate() {
    let p = Project::copy_of("minimal");
    p.append(PEOPLE, "- name: Zoe Alvarez\n  display: anonymous\n");
    let (code, out, _) = run(p.letter().arg("check"));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("individuals.yaml:7:3: error: `Zoe Alvarez` is already in individuals"), "{out}");
}

#[test]
fn wrong_levels_and_dates_are_findings_at_their_line_with_a_suggestion() {
    let p = Project::copy_of("minimal");
    p.append(PEOPLE, "- name: Ana Nueva\n  display: anonimous\n");
    p.append(ORGS, "- name: Bosque Nuevo\n  authorized_by: {name: Ana, date: 2025-02-30}\n");
    p.append(LETTER, "sort: {articles: skipp, people: surnames}\n");
    let (code, out, _) = run(p.letter().arg("check"));
    assert_eq!(code, 1, "{out}");
    for expected in [
        "individuals.yaml:8:12: error: `anonimous` is not a `display`",
        "did you mean `anonymous`?",
        "organizations.yaml:10:36: error: `2025-02-30` is not a date",
        "letter.yaml:24:18: error: `skipp` is not a `sort.articles`",
        "did you mean `skip`?",
        "error: `surnames` is not a `sort.people`",
        "did you mean `surname`?",
    ] {
        assert!(out.contains(expected), "no `{expected}` in\n{out}");
    }
    p.append(ORGS, "- name: Bosque Tercero\n  authorized_by: {nmae: Ana}\n");
    let (_, out, _) = run(p.letter().arg("check"));
    assert!(out.contains("did you mean `name`?"), "{out}");
}

#[test]
fn sign_writes_display_and_authorization_on_one_line_keeping_the_file() {
    let p = Project::copy_of("minimal");
    let before = p.read(ORGS);
    let (code, _, err) = run(p.letter().args([
        "sign",
        "--org",
        "Colectivo Callado",
        "--display",
        "Anonymous",
        "--authorized-by",
        "Ana Firma",
        "--authorized-on",
        "2025-03-01",
        "--yes",
    ]));
    assert_eq!(code, 0, "{err}");
    let after = p.read(ORGS);
    let line = "- {name: Colectivo Callado, display: anonymous, authorized_by: {name: Ana Firma, date: 2025-03-01}}\n";
    assert!(after.contains(line), "{after}");
    assert_eq!(after.replace(line, ""), before, "only the new line is added, comments and order kept");
    let (code, out, _) = run(p.letter().arg("check"));
    assert_eq!(code, 0, "{out}");

    let (code, _, err) =
        run(p.letter().args(["sign", "--person", "Ana Dos", "--display", "nameonly", "--yes"]));
    assert_eq!(code, 1);
    assert!(
        err.contains("`nameonly` is not a display level") && err.contains("did you mean `name-only`?"),
        "{err}"
    );
    let (code, _, err) =
        run(p.letter().args(["sign", "--org", "Sin Quien", "--authorized-on", "2025-03-01", "--yes"]));
    assert_eq!(code, 1);
    assert!(err.contains("without who gave it"), "{err}");
}

#[test]
fn import_reads_display_sort_and_authorization_columns() {
    let p = Project::copy_of("minimal");
    p.write(
        "firmas.csv",
        "Tipo de firma,Nombre de la organización,Nombre completo,Mostrar,Ordenar como,Autorizado por,Fecha de autorización\n\
         Organización,La Sombra,,anonymous,,Eva Luna,2025-03-03\n\
         Persona,,Ana María Zamora,name-only,\"Zamora, Ana María\",,\n",
    );
    let (code, out, err) = run(p.letter().args(["import", "firmas.csv", "--write"]));
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        p.read(ORGS).contains(
            "- {name: La Sombra, display: anonymous, authorized_by: {name: Eva Luna, date: 2025-03-03}}\n"
        ),
        "{}",
        p.read(ORGS)
    );
    assert!(
        p.read(PEOPLE)
            .contains("- {name: Ana María Zamora, display: name-only, sort_as: \"Zamora, Ana María\"}\n"),
        "{}",
        p.read(PEOPLE)
    );
    assert!(p.read(PEOPLE).starts_with("# People who sign in their own name.\n"));
}

/// The names of one list of the Markdown, in order.
fn listed(md: &str, heading: &str, names: &[&str]) -> Vec<String> {
    let section = md.split(heading).nth(1).unwrap();
    let mut found: Vec<(usize, String)> =
        names.iter().filter_map(|n| section.find(n).map(|i| (i, n.to_string()))).collect();
    found.sort();
    found.into_iter().map(|(_, n)| n).collect()
}

const GROUPS: [&str; 5] = ["Asociación Ébano", "Colectivo Zapote", "La 72", "Nopal Colectivo", "Red Ñandú"];
const PEOPLE_NAMES: [&str; 5] =
    ["Zoe Álvarez", "Ángel Ruiz", "Leticia Calderón Chelius", "Juan de la Cruz Bermúdez", "Ana María Zamora"];

fn sorting(settings: &str) -> (Vec<String>, Vec<String>) {
    let p = Project::copy_of("minimal");
    p.append(ORGS, "- name: La 72\n");
    p.append(PEOPLE, "- name: Leticia Calderón Chelius\n- name: Juan de la Cruz Bermúdez\n- name: Ana María Zamora\n  sort_as: Zamora, Ana María\n");
    p.append(LETTER, settings);
    let (code, _, err) = run(p.letter().args(["build", "--format", "md", "--lang", "es"]));
    assert_eq!(code, 0, "{err}");
    let md = p.read("out/demo.es.md");
    let lists =
        (listed(&md, "### Redes y organizaciones", &GROUPS), listed(&md, "### Personas", &PEOPLE_NAMES));
    assert_eq!(exported(&p), lists, "the export lists the signers in the letter's order");
    lists
}

/// The names `letter export` lists directly (not as a network's members):
/// groups, then people, in its order.
fn exported(p: &Project) -> (Vec<String>, Vec<String>) {
    let out = p.letter().args(["export", "--format", "json", "--lang", "es"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let direct: Vec<(&str, &str)> = doc["signers"]
        .as_array()
        .expect("a list of signers")
        .iter()
        .filter(|s| s["network"].is_null())
        .map(|s| (s["kind"].as_str().unwrap_or(""), s["name"]["es"].as_str().unwrap_or("")))
        .collect();
    let of = |person: bool, names: &[&str]| -> Vec<String> {
        let kinds = direct.iter().filter(|(kind, _)| (*kind == "person") == person);
        let known = |name: &&str| names.iter().find(|n| name.starts_with(**n)).map(|n| n.to_string());
        kinds.filter_map(|(_, name)| known(name)).collect()
    };
    (of(false, &GROUPS), of(true, &PEOPLE_NAMES))
}

#[test]
fn by_default_articles_are_skipped_and_people_sort_as_written() {
    let (groups, people) = sorting("");
    assert_eq!(groups, ["La 72", "Asociación Ébano", "Colectivo Zapote", "Nopal Colectivo", "Red Ñandú"]);
    // `sort_as` decides even in the given-name order.
    assert_eq!(
        people,
        [
            "Ángel Ruiz",
            "Juan de la Cruz Bermúdez",
            "Leticia Calderón Chelius",
            "Ana María Zamora",
            "Zoe Álvarez"
        ]
    );
}

#[test]
fn a_letter_can_keep_articles_and_sort_people_by_surname() {
    let (groups, people) = sorting("sort: {articles: keep, people: surname}\n");
    assert_eq!(groups, ["Asociación Ébano", "Colectivo Zapote", "La 72", "Nopal Colectivo", "Red Ñandú"]);
    assert_eq!(
        people,
        [
            "Zoe Álvarez",
            "Leticia Calderón Chelius",
            "Juan de la Cruz Bermúdez",
            "Ángel Ruiz",
            "Ana María Zamora"
        ]
    );
}

#[test]
fn a_label_whose_plural_choice_cannot_be_read_is_a_finding_at_its_line() {
    let p = Project::copy_of("minimal");
    p.append(
        LETTER,
        "labels:\n  unnamed_individuals: {es: \"{count, plural, one {# persona}}\", en: \"{count, plural, one {# person} other {# people}}\"}\n",
    );
    let (code, out, _) = run(p.letter().arg("check"));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("letter.yaml:25:24: error: label `unnamed_individuals`: a plural choice must have an `other {…}` branch"),
        "{out}"
    );
}

/// The table by country gives no place a signer keeps private: one signer
/// from Brazil in a small table would say where the name-only organization,
/// or the anonymous network and its members, are. They count under
/// "Country not given" instead, so every total still holds.
#[test]
fn the_table_by_country_gives_no_hidden_signers_place() {
    let p = Project::copy_of("minimal");
    p.append(ORGS, "- name: Solo Nombre Org\n  display: name-only\n  country: BR\n");
    p.append(PEOPLE, "- name: Persona Oculta\n  display: anonymous\n  country: AR\n");
    p.append(
        NETWORKS,
        "- name: Red Callada\n  display: anonymous\n  country: PE\n  members:\n    organizations:\n      \
         - name: Miembro Callado\n        country: UY\n",
    );
    let outs = outputs(&p);
    for (which, text) in &outs {
        for place in ["Brasil", "Brazil", "Argentina", "Perú", "Peru", "Uruguay"] {
            assert!(!text.contains(place), "{which} names {place}:\n{text}");
        }
    }
    let en = output(&outs, "en.md");
    assert!(en.contains("| Mexico | 0 | 1 | 1 | 0 | 2 |"), "{en}");
    assert!(en.contains("| Country not given | 2 | 2 | 3 | 3 | 10 |"), "{en}");
}
