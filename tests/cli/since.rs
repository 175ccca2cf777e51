//! `letter check --since REV`: in a real git repository, only findings in
//! entries changed since REV fail; older ones are notes.

use std::path::Path;

use crate::util::{Project, run};

const ORGS: &str = "signatories/demo/organizations.yaml";

fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .expect("git");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// The minimal project with one reviewed-but-unfixed duplicate committed:
/// the noise a long-running letter carries on its main branch.
fn repo_with_old_noise() -> Project {
    let p = Project::copy_of("minimal");
    p.append(ORGS, "- name: Nopal Colectivo\n");
    git(p.dir.path(), &["init", "-q", "-b", "main"]);
    git(p.dir.path(), &["add", "."]);
    git(p.dir.path(), &["commit", "-q", "-m", "the letter so far"]);
    p
}

fn check_since(p: &Project, rev: &str) -> (i32, String, String) {
    run(p.letter().args(["check", "--strict", "--since", rev]))
}

#[test]
fn old_findings_are_notes_and_do_not_fail() {
    let p = repo_with_old_noise();
    let (code, out, _) = run(p.letter().arg("check"));
    assert_eq!(code, 1, "without --since the old duplicate is an error: {out}");
    let (code, out, _) = check_since(&p, "main");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(&format!("{ORGS}:9:3: note: `Nopal Colectivo` is already in")), "{out}");
    assert!(out.contains("[error, unchanged since main]"), "{out}");
}

#[test]
fn a_new_duplicate_fails_at_its_line_while_the_old_one_stays_a_note() {
    let p = repo_with_old_noise();
    p.append(ORGS, "- name: Asociación Ébano\n  country: MX\n");
    let (code, out, _) = check_since(&p, "main");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(&format!("{ORGS}:10:3: error: `Asociación Ébano` is already in")), "{out}");
    assert!(out.contains(&format!("{ORGS}:9:3: note:")), "{out}");
}

#[test]
fn a_new_entry_sorted_before_the_one_it_duplicates_still_fails() {
    // The finding points at the later, old entry and names the new one.
    let p = repo_with_old_noise();
    let text = p.read(ORGS).replacen(
        "- name: Asociación Ébano",
        "- name: Colectivo Zapote\n- name: Asociación Ébano",
        1,
    );
    p.write(ORGS, &text);
    git(p.dir.path(), &["commit", "-qam", "add Zapote"]);
    let (code, out, _) = check_since(&p, "HEAD~1");
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!(
            "{ORGS}:9:3: error: `Colectivo Zapote` is already in organizations at {ORGS}:2:3"
        )),
        "{out}"
    );
}

#[test]
fn a_changed_field_makes_its_whole_entry_new() {
    let p = repo_with_old_noise();
    // The duplicate's name line is old; a field added under it is the change.
    p.append(ORGS, "  city: Oaxaca\n");
    let (code, out, _) = check_since(&p, "main");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(&format!("{ORGS}:9:3: error: `Nopal Colectivo`")), "{out}");
}

#[test]
fn a_new_untracked_roster_file_is_all_new() {
    let p = repo_with_old_noise();
    p.write("signatories/demo/organizations/more.yaml", "- name: Colectivo Zapote\n");
    let (code, out, _) = check_since(&p, "main");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("more.yaml:1:3: error"), "{out}");
}

#[test]
fn an_unknown_revision_or_no_repository_says_how_to_fix() {
    let p = repo_with_old_noise();
    let (code, _, err) = check_since(&p, "no-such-branch");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--since no-such-branch: no such revision") && err.contains("git fetch"), "{err}");
    let (code, _, err) = run(p.letter().args(["check", "--since=--output=x"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no such revision"), "{err}");
    let plain = Project::copy_of("minimal");
    let (code, _, err) = check_since(&plain, "main");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not in a git repository"), "{err}");
}

#[test]
fn renaming_a_withdrawn_entry_fails_though_the_record_is_unchanged() {
    let p = repo_with_old_noise();
    let (code, _, err) = run(p.letter().args(["withdraw", "Asociación Ébano", "--date", "2025-01-02"]));
    assert_eq!(code, 0, "{err}");
    git(p.dir.path(), &["add", "."]);
    git(p.dir.path(), &["commit", "-q", "-m", "Ébano withdrew"]);
    let renamed = p.read(ORGS).replace("- name: Asociación Ébano", "- name: Asociacion Ebano A.C.");
    p.write(ORGS, &renamed);
    let (code, out, _) = check_since(&p, "main");
    assert_eq!(code, 1, "the withdrawn signer would be printed again: {out}");
    assert!(out.contains("error: no entry `Asociación Ébano` in organizations"), "{out}");
}
