//! The signer record under real git merges: `sign`, `withdraw` and a
//! signing-again on two branches, merged both ways with the union driver
//! that `.gitattributes` sets, must give the letter a person expects, or a
//! `check` that fails saying what to fix. Nothing misattributed, nothing
//! lost.

use crate::util::{Project, git, repo, run};

const ORGS: &str = "signatories/demo/organizations.yaml";
const HISTORY: &str = "signatories/demo/history.yaml";
const NETS: &str = "signatories/demo/networks.yaml";

/// The minimal project as a git repository whose rosters merge with the
/// union driver, after `setup` changed it; everything committed on `main`.
fn repository(setup: impl FnOnce(&Project)) -> Project {
    let p = Project::copy_of("minimal");
    std::fs::copy(repo().join(".gitattributes"), p.path(".gitattributes")).unwrap();
    p.write(".gitignore", "/out\n.letter.lock\n");
    setup(&p);
    git(p.dir.path(), &["init", "-q"]);
    commit(&p, "base");
    p
}

fn commit(p: &Project, message: &str) {
    git(p.dir.path(), &["add", "-A"]);
    git(p.dir.path(), &["commit", "-q", "--allow-empty", "-m", message]);
}

fn letter(p: &Project, args: &[&str]) {
    let yes: &[&str] = if args[0] == "sign" { &["--yes"] } else { &[] };
    let (code, out, err) = run(p.letter().args(args).args(yes));
    assert_eq!(code, 0, "letter {args:?}: {out}{err}");
}

/// `a` and `b` each on a branch from `main`, committed.
fn branches(p: &Project, a: &[&[&str]], b: &[&[&str]]) {
    for (branch, ops) in [("a", a), ("b", b)] {
        git(p.dir.path(), &["checkout", "-q", "-b", branch, "main"]);
        for op in ops {
            letter(p, op);
        }
        commit(p, branch);
    }
}

/// `from` merged into a fresh copy of `into`, as GitHub's "Update branch"
/// does; the merge must not conflict.
fn merged(p: &Project, into: &str, from: &str) {
    let target = format!("{into}-with-{from}");
    git(p.dir.path(), &["checkout", "-q", "-b", &target, into]);
    git(p.dir.path(), &["merge", "-q", "--no-edit", from]);
}

/// Both merge directions, each checked by `expect`.
fn both_ways(p: &Project, expect: impl Fn(&Project, &str)) {
    for (into, from) in [("a", "b"), ("b", "a")] {
        merged(p, into, from);
        expect(p, &format!("{from} into {into}"));
    }
}

/// The Markdown letter in both languages, after a build that must pass.
fn letter_text(p: &Project, how: &str) -> String {
    let (code, out, err) = run(p.letter().args(["build", "--format", "md"]));
    assert_eq!(code, 0, "{how}: build: {out}{err}");
    p.read("out/demo.es.md") + &p.read("out/demo.en.md")
}

fn check_json(p: &Project) -> (i32, serde_json::Value) {
    let (code, out, _) = run(p.letter().args(["check", "--format", "json"]));
    (code, serde_json::from_str(&out).expect("a JSON report"))
}

fn sign_org(name: &'static str) -> Vec<&'static str> {
    vec!["sign", "--org", name]
}

#[test]
fn signers_added_on_two_branches_merge_without_conflict() {
    let p = repository(|p| {
        p.append(NETS, "\n- name: Red Vacía\n");
    });
    // Each pair lands at the same place in the same list, with the same country.
    branches(
        &p,
        &[
            &["sign", "--org", "Bosque Alto", "--country", "MX"],
            &["sign", "--org", "Colectivo Uno", "--member-of", "RÑP", "--country", "MX"],
            &["sign", "--person", "Ana Uno", "--member-of", "Red Vacía", "--country", "MX"],
            &["sign", "--person", "Beatriz Uno", "--country", "MX"],
        ],
        &[
            &["sign", "--org", "Bosque Bajo", "--country", "MX"],
            &["sign", "--org", "Colectivo Dos", "--member-of", "RÑP", "--country", "MX"],
            &["sign", "--org", "Colectivo Tres", "--member-of", "Red Vacía", "--country", "MX"],
            &["sign", "--person", "Beatriz Dos", "--country", "MX"],
            &["sign", "--network", "Red Nueva"],
        ],
    );
    both_ways(&p, |p, how| {
        let c = &check_json(p).1["counts"];
        assert_eq!((c["networks"].as_u64(), c["network_members"].as_u64()), (Some(3), Some(6)), "{how}: {c}");
        assert_eq!(
            (c["organizations"].as_u64(), c["individuals"].as_u64()),
            (Some(5), Some(4)),
            "{how}: {c}"
        );
        let orgs = p.read(ORGS);
        for line in ["- {name: Bosque Alto, country: MX}\n", "- {name: Bosque Bajo, country: MX}\n"] {
            assert!(orgs.contains(line), "{how}: {orgs}");
        }
        let nets = p.read(NETS);
        assert!(nets.contains("      - {name: Colectivo Uno, country: MX}\n"), "{how}: {nets}");
        assert!(nets.contains("      - {name: Colectivo Dos, country: MX}\n"), "{how}: {nets}");
    });
}

#[test]
fn signers_added_beside_each_other_both_land() {
    let p = repository(|_| {});
    branches(&p, &[&sign_org("Colectivo Pera")], &[&sign_org("Colectivo Pinto")]);
    both_ways(&p, |p, how| {
        let text = letter_text(p, how);
        assert!(text.contains("Colectivo Pera") && text.contains("Colectivo Pinto"), "{how}: {text}");
        assert_eq!(check_json(p).1["counts"]["organizations"], 5, "{how}");
    });
}

/// Branch A withdraws `Colectivo Pera` as written by `entry`, branch B signs
/// `Colectivo Pinto`, which sorts right after it: both change the text just
/// below Pera's first line.
fn withdraw_beside_a_signing(entry: &str) {
    let p = repository(|p| {
        let sorted = p.read(ORGS).replace("- name: Nopal Colectivo\n- name: Colectivo Zapote\n", "");
        p.write(ORGS, &format!("{sorted}{entry}- name: Colectivo Zapote\n- name: Nopal Colectivo\n"));
    });
    branches(&p, &[&["withdraw", "Colectivo Pera", "--date", "2025-02-01"]], &[&sign_org("Colectivo Pinto")]);
    both_ways(&p, |p, how| {
        let text = letter_text(p, how);
        assert!(!text.contains("Pera"), "{how}: the withdrawn signer is printed: {text}");
        assert!(text.contains("Colectivo Pinto"), "{how}: the new signer is missing: {text}");
        let (code, report) = check_json(p);
        assert_eq!(code, 0, "{how}: {report}");
        assert_eq!(report["withdrawals"].as_array().map(Vec::len), Some(1), "{how}");
        assert_eq!(report["withdrawals"][0]["name"], "Colectivo Pera", "{how}");
        assert_eq!(p.read(ORGS).matches("Colectivo Pera").count(), 1, "{how}: the entry is kept once");
    });
}

#[test]
fn a_withdrawal_beside_a_signing_stays_with_its_signer() {
    withdraw_beside_a_signing("- name: Colectivo Pera\n");
}

#[test]
fn a_one_line_entry_withdrawn_beside_a_signing() {
    withdraw_beside_a_signing("- {name: Colectivo Pera, country: MX}\n");
}

#[test]
fn a_multi_line_entry_withdrawn_beside_a_signing() {
    withdraw_beside_a_signing("- name: Colectivo Pera\n  country: MX\n  city: Oaxaca\n");
}

#[test]
fn two_withdrawals_on_two_branches_both_hold() {
    let p = repository(|_| {});
    branches(
        &p,
        &[&["withdraw", "Nopal Colectivo", "--date", "2025-02-01", "--reason", "uno"]],
        &[&["withdraw", "Asociación Ébano", "--date", "2025-02-02", "--reason", "dos"]],
    );
    both_ways(&p, |p, how| {
        let text = letter_text(p, how);
        assert!(!text.contains("Nopal") && !text.contains("Ébano"), "{how}: {text}");
        assert_eq!(check_json(p).1["withdrawals"].as_array().map(Vec::len), Some(2), "{how}");
    });
}

#[test]
fn the_same_withdrawal_on_two_branches_is_one_withdrawal_with_both_records() {
    let p = repository(|_| {});
    branches(
        &p,
        &[&["withdraw", "Nopal Colectivo", "--date", "2025-02-01", "--reason", "por correo"]],
        &[&["withdraw", "Nopal Colectivo", "--date", "2025-02-03", "--reason", "por teléfono"]],
    );
    both_ways(&p, |p, how| {
        assert!(!letter_text(p, how).contains("Nopal"), "{how}");
        let history = p.read(HISTORY);
        assert!(history.contains("por correo") && history.contains("por teléfono"), "{how}: {history}");
        let (code, report) = check_json(p);
        assert_eq!((code, report["counts"]["organizations"].as_u64()), (0, Some(2)), "{how}: {report}");
    });
}

#[test]
fn the_same_signer_signed_on_both_branches_is_one_entry_or_a_finding() {
    let p = repository(|_| {});
    let same: &[&str] = &["sign", "--org", "Colectivo Pinto", "--country", "MX"];
    branches(&p, &[same], &[same]);
    both_ways(&p, |p, how| {
        assert_eq!(p.read(ORGS).matches("Colectivo Pinto").count(), 1, "{how}: one line");
        assert_eq!(check_json(p).0, 0, "{how}");
    });

    let p = repository(|_| {});
    branches(
        &p,
        &[&["sign", "--org", "Colectivo Pinto", "--website", "pinto.example.org"]],
        &[&["sign", "--org", "Colectivo Pinto", "--acronym", "CP"]],
    );
    both_ways(&p, |p, how| {
        let (code, report) = check_json(p);
        assert_eq!(code, 1, "{how}: the repeat must fail the check: {report}");
        let dup = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == "duplicate-signatory")
            .unwrap_or_else(|| panic!("{how}: no duplicate finding: {report}"));
        assert!(dup["hint"].as_str().unwrap_or("").contains("delete one"), "{how}: {dup}");
    });
}

#[test]
fn a_signing_again_on_one_branch_and_a_withdrawal_on_the_other() {
    let p = repository(|_| {});
    letter(&p, &["withdraw", "Nopal Colectivo", "--date", "2025-01-10", "--reason", "se fue"]);
    commit(&p, "Nopal withdrew");
    branches(
        &p,
        &[&sign_org("Nopal Colectivo")],
        &[&["withdraw", "Asociación Ébano", "--date", "2025-02-02"]],
    );
    both_ways(&p, |p, how| {
        let text = letter_text(p, how);
        assert!(text.contains("Nopal Colectivo"), "{how}: signed again, so printed: {text}");
        assert!(!text.contains("Ébano"), "{how}: {text}");
        let (_, out, _) = run(p.letter().args(["history", "Nopal Colectivo"]));
        assert!(out.contains("withdrawn `Nopal Colectivo`") && out.contains("se fue"), "{how}: {out}");
        assert!(out.contains("signed-again `Nopal Colectivo`"), "{how}: {out}");
    });
}

#[test]
fn a_withdrawn_network_member_beside_a_new_member() {
    let p = repository(|_| {});
    branches(
        &p,
        &[&["withdraw", "Olga Núñez", "--date", "2025-02-01"]],
        &[&["sign", "--person", "Olivia Nava", "--member-of", "RÑP"]],
    );
    both_ways(&p, |p, how| {
        let text = letter_text(p, how);
        assert!(!text.contains("Olga") && text.contains("Olivia Nava"), "{how}: {text}");
    });
}
