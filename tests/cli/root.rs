//! Run inside a project's subfolder, `letter` finds the project upward.

use crate::util::{Project, run};

#[test]
fn check_in_a_roster_folder_checks_that_letter_naming_files_from_there() {
    let p = Project::copy_of("minimal");
    p.append("signatories/demo/organizations.yaml", "- name: Nopal Colectivo\n");
    let (code, out, err) = run(p.letter().current_dir(p.path("signatories/demo")).arg("check"));
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("../../signatories/demo/organizations.yaml:9:3: error: `Nopal Colectivo`"), "{out}");
}

#[test]
fn any_subfolder_finds_the_project_and_outside_one_nothing_is_found() {
    let p = Project::copy_of("minimal");
    std::fs::create_dir_all(p.path("notes/drafts")).unwrap();
    let (code, out, err) = run(p.letter().current_dir(p.path("notes/drafts")).arg("check"));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("ok: 0 errors"), "{out}");
    let outside = tempfile::tempdir().unwrap();
    let (code, _, err) = run(p.letter().current_dir(outside.path()).arg("check"));
    assert_eq!(code, 2);
    assert!(err.contains("no letter here"), "{err}");
}
