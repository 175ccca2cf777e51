//! `letter deliver` and `letter diff`: a delivery records what was sent,
//! its manifest's hashes are the files', and a later diff names exactly who
//! joined, withdrew or changed since.

use sha2::{Digest, Sha256};

use crate::util::{Project, git, run};

const DELIVERY: &str = "letters/demo/deliveries/2026-12-02-presidencia-de-la-republica";
const ORGS: &str = "signatories/demo/organizations.yaml";
const PEOPLE: &str = "signatories/demo/individuals.yaml";

fn deliver(p: &Project) {
    let (code, out, err) =
        run(p.letter().args(["deliver", "--to", "Presidencia de la República", "--date", "2026-12-02"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("recorded in") && out.contains("2026-12-02-presidencia-de-la-republica"), "{out}");
}

fn diff(p: &Project, args: &[&str]) -> String {
    let (code, out, err) = run(p.letter().arg("diff").args(args));
    assert_eq!(code, 0, "{err}");
    out
}

fn manifest(p: &Project) -> serde_json::Value {
    serde_json::from_str(&p.read(&format!("{DELIVERY}/manifest.json"))).unwrap()
}

#[test]
fn a_delivery_holds_the_letter_the_list_and_a_manifest_whose_hashes_are_the_files() {
    let p = Project::copy_of("minimal");
    deliver(&p);
    let m = manifest(&p);
    assert_eq!(
        (m["date"].as_str(), m["to"].as_str()),
        (Some("2026-12-02"), Some("Presidencia de la República"))
    );
    assert_eq!(m["counts"]["signatures"], 8);
    let files = m["files"].as_array().unwrap();
    let names: Vec<&str> = files.iter().map(|f| f["name"].as_str().unwrap()).collect();
    for name in ["demo.es.pdf", "demo.en.html", "demo.es.md", "signatories.csv", "signatories.json"] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
    for f in files {
        let bytes = std::fs::read(p.path(&format!("{DELIVERY}/{}", f["name"].as_str().unwrap()))).unwrap();
        let hex: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(f["sha256"].as_str(), Some(hex.as_str()), "{}", f["name"]);
    }
    let signers = m["signers"].as_array().unwrap();
    assert_eq!(signers.len(), 8);
    assert!(
        signers
            .iter()
            .any(|s| s["name"]["es"] == "Olga Núñez" && s["list"] == "members of Red Ñandú de Prueba")
    );
    let text = p.read(&format!("{DELIVERY}/manifest.json"));
    assert!(!text.contains("private-contact") && !text.contains("called on"), "no private field");
    let (code, out, _) = run(p.letter().arg("check"));
    assert_eq!(code, 0, "a delivery beside the letter troubles no check: {out}");
}

#[test]
fn a_delivery_is_never_overwritten() {
    let p = Project::copy_of("minimal");
    deliver(&p);
    let before = p.read(&format!("{DELIVERY}/manifest.json"));
    p.letter().args(["sign", "--org", "Bosque Vivo", "--yes"]).assert().success();
    let (code, _, err) =
        run(p.letter().args(["deliver", "--to", "Presidencia de la República", "--date", "2026-12-02"]));
    assert_eq!(code, 1, "refused: {err}");
    assert!(err.contains("already recorded") && err.contains("never overwritten"), "{err}");
    assert_eq!(p.read(&format!("{DELIVERY}/manifest.json")), before);
    let left: Vec<_> = std::fs::read_dir(p.path("letters/demo/deliveries")).unwrap().collect();
    assert_eq!(left.len(), 1, "no half-made delivery is left beside it");
}

#[test]
fn deliver_then_sign_then_diff_names_exactly_the_new_signer() {
    let p = Project::copy_of("minimal");
    deliver(&p);
    p.letter().args(["sign", "--org", "Bosque Vivo", "--country", "MX", "--yes"]).assert().success();
    let out = diff(&p, &["2026-12-02-presidencia-de-la-republica"]);
    assert!(
        out.contains("joined: 1\n  + organization `Bosque Vivo` (organizations)\nwithdrew: 0\nchanged: 0"),
        "{out}"
    );
    let md = diff(&p, &[DELIVERY, "--format", "md"]);
    assert!(
        md.contains("Desde que la carta se entregó el 2 de diciembre de 2026, se sumó 1 organización."),
        "{md}"
    );
    assert!(
        md.contains("Since the letter was delivered on December 2, 2026, 1 organization joined."),
        "{md}"
    );
    assert!(md.contains("- Bosque Vivo\n"), "{md}");
    assert_eq!(md.matches("\n- ").count(), 2, "the one new signer, once per language: {md}");
}

#[test]
fn a_withdrawal_and_a_changed_entry_between_show_as_such() {
    let p = Project::copy_of("minimal");
    deliver(&p);
    p.letter().args(["withdraw", "Olga Núñez", "--date", "2026-12-03"]).assert().success();
    p.letter().args(["withdraw", "Zoe Álvarez", "--date", "2026-12-03"]).assert().success();
    let orgs = p.read(ORGS).replace("  country: MX\n  website:", "  country: GT\n  website:");
    p.write(ORGS, &orgs);
    let out = diff(&p, &["2026-12-02-presidencia-de-la-republica"]);
    assert!(out.contains("joined: 0\nwithdrew: 2\n"), "{out}");
    assert!(out.contains("  - person `Olga Núñez` (members of Red Ñandú de Prueba)"), "{out}");
    assert!(out.contains("  - person `Zoe Álvarez` (individuals)"), "{out}");
    assert!(
        out.contains("changed: 1\n  ~ organization `Asociación Ébano` (organizations): country"),
        "{out}"
    );
    let md = diff(&p, &["2026-12-02-presidencia-de-la-republica", "--format", "md"]);
    assert!(md.contains("de 2026, 2 personas retiraron su firma."), "{md}");
    assert!(md.contains("2 people withdrew."), "{md}");
    assert!(md.contains("- Asociación Ébano (país)"), "{md}");
    for withdrawn in ["Olga", "Zoe"] {
        assert!(!md.contains(withdrawn), "a follow-up names no one who withdrew: {md}");
    }
}

/// A signer who asks not to be named after the delivery is gone from
/// today's list but still signs: the published follow-up must neither name
/// them nor say they withdrew.
#[test]
fn the_follow_up_names_no_one_who_became_anonymous() {
    let p = Project::copy_of("minimal");
    deliver(&p);
    let people =
        p.read(PEOPLE).replace("- name: Zoe Álvarez\n", "- name: Zoe Álvarez\n  display: anonymous\n");
    p.write(PEOPLE, &people);
    let md = diff(&p, &["2026-12-02-presidencia-de-la-republica", "--format", "md"]);
    assert!(md.contains("no one joined or withdrew"), "{md}");
    assert!(!md.contains("Zoe"), "{md}");
}

#[test]
fn two_deliveries_compare_with_each_other() {
    let p = Project::copy_of("minimal");
    deliver(&p);
    p.letter().args(["sign", "--person", "Lucía Ortega", "--yes"]).assert().success();
    p.letter().args(["deliver", "--to", "SRE", "--date", "2026-12-09"]).assert().success();
    p.letter().args(["sign", "--org", "Bosque Vivo", "--yes"]).assert().success();
    let out = diff(&p, &["2026-12-02-presidencia-de-la-republica", "2026-12-09-sre"]);
    assert!(out.contains("joined: 1\n  + person `Lucía Ortega` (individuals)\nwithdrew: 0"), "{out}");
    assert!(!out.contains("Bosque Vivo"), "signed after the second delivery: {out}");
}

#[test]
fn a_git_revision_is_read_from_the_letters_own_repository() {
    let p = Project::copy_of("minimal");
    git(p.dir.path(), &["init", "-q"]);
    git(p.dir.path(), &["add", "-A"]);
    git(p.dir.path(), &["commit", "-qm", "base"]);
    git(p.dir.path(), &["tag", "sent"]);
    p.letter().args(["sign", "--org", "Bosque Vivo", "--yes"]).assert().success();
    p.letter().args(["withdraw", "Nopal Colectivo", "--date", "2026-12-03"]).assert().success();
    let out = diff(&p, &["sent"]);
    assert!(out.starts_with("from revision sent to today's rosters\n"), "{out}");
    assert!(out.contains("joined: 1\n  + organization `Bosque Vivo`"), "{out}");
    assert!(out.contains("withdrew: 1\n  - organization `Nopal Colectivo`"), "{out}");
    git(p.dir.path(), &["add", "-A"]);
    git(p.dir.path(), &["commit", "-qm", "more"]);
    let out = diff(&p, &["sent", "HEAD"]);
    assert!(out.contains("joined: 1\n") && out.contains("withdrew: 1\n"), "{out}");
    let (code, _, err) = run(p.letter().args(["diff", "no-such-thing"]));
    assert_eq!(code, 2);
    assert!(err.contains("neither a delivery nor a revision"), "{err}");
}
