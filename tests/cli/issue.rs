//! `letter sign --from-issue FILE`: signing from the body of an issue opened
//! with the form `letter init` writes, as GitHub renders it.

use crate::util::{Project, run};

const ORGS: &str = "signatories/demo/organizations.yaml";

/// An issue body exactly as GitHub writes it for `.github/ISSUE_TEMPLATE/sign.yml`.
fn body(kind: &str, name: &str, network: &str) -> String {
    format!(
        "### Signs as\n\n{kind}\n\n### Name\n\n{name}\n\n### Acronym\n\n_No response_\n\n### Country\n\nMéxico\n\n\
         ### City\n\nOaxaca\n\n### Website\n\n_No response_\n\n### Affiliation\n\n_No response_\n\n\
         ### Role (Spanish)\n\n_No response_\n\n### Role (English)\n\n_No response_\n\n### Network\n\n{network}\n\n\
         ### Consent\n\n- [X] We agree to sign this letter and to show this name publicly\n"
    )
}

fn sign_from(p: &Project, text: &str) -> (i32, String, String) {
    p.write("issue.md", text);
    run(p.letter().args(["sign", "--from-issue", "issue.md"]))
}

#[test]
fn an_organization_from_an_issue_is_added_at_its_sorted_place() {
    let p = Project::copy_of("minimal");
    let (code, out, err) = sign_from(&p, &body("Organization", "Colectivo Maguey", "_No response_"));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains(&format!("added organization `Colectivo Maguey` to {ORGS}:")), "{out}");
    let roster = p.read(ORGS);
    assert!(roster.contains("name: Colectivo Maguey, country: MX, city: Oaxaca}\n- name: Nopal"), "{roster}");
    let (code, out, _) = run(p.letter().arg("check"));
    assert_eq!(code, 0, "{out}");
}

#[test]
fn a_signer_already_in_is_refused_naming_where() {
    let p = Project::copy_of("minimal");
    let before = p.read(ORGS);
    let (code, _, err) = sign_from(&p, &body("Organization", "Nopal Colectivo", "_No response_"));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains(&format!("already signs: {ORGS}:7")), "{err}");
    assert_eq!(p.read(ORGS), before, "nothing written");
}

#[test]
fn unchecked_consent_adds_nothing_and_says_so() {
    let p = Project::copy_of("minimal");
    let before = p.read(ORGS);
    let (code, _, err) =
        sign_from(&p, &body("Organization", "Colectivo Maguey", "_No response_").replace("[X]", "[ ]"));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("issue.md: consent is not checked"), "{err}");
    assert_eq!(p.read(ORGS), before);
}

#[test]
fn hostile_text_in_a_field_is_written_as_text_not_yaml() {
    let p = Project::copy_of("minimal");
    let name = "Evil: \"x\" # not a comment\n- name: Injected\n  email: leak@example.org";
    let (code, out, err) = sign_from(&p, &body("Organization", name, "_No response_"));
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, _) = run(p.letter().args(["check", "--format", "json"]));
    assert_eq!(code, 0, "{out}");
    let roster = p.read(ORGS);
    assert!(!roster.contains("\n- name: Injected"), "one entry, not two: {roster}");
    let (code, _, err) = run(p.letter().args(["build", "--format", "md", "--lang", "es"]));
    assert_eq!(code, 0, "{err}");
    let built = p.read("out/demo.es.md");
    // One line of text, its Markdown escaped (`@` so GitHub links nothing): the lines of a field are joined.
    assert!(
        built.contains(
            "\n- Evil: \"x\" \\# not a comment - name: Injected email: leak\\@example.org – Oaxaca, México\n"
        ),
        "{built}"
    );
}
