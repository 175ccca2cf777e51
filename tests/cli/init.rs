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
