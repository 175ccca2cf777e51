//! The command line as a Unix tool: closed pipes, exit statuses, messages
//! outside a project, `--strict`, `-v`, manual pages, lock waits.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::util::{Project, run};

const ORGS: &str = "signatories/demo/organizations.yaml";

/// Runs `letter` with a reader that closes its end before reading anything,
/// as `| head -0` would; returns the exit code and what went to stderr.
fn with_closed_stdout(p: &Project, args: &[&str]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_letter"))
        .args(args)
        .current_dir(p.dir.path())
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("letter starts");
    drop(child.stdout.take());
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    (child.wait().unwrap().code().unwrap_or(-1), err)
}

#[test]
fn a_closed_pipe_ends_quietly_with_the_status_of_the_run() {
    let p = Project::copy_of("minimal");
    for format in ["human", "json", "github"] {
        let (code, err) = with_closed_stdout(&p, &["check", "--format", format]);
        assert_eq!((code, err.as_str()), (0, ""), "--format {format}");
    }
    let (code, err) = with_closed_stdout(&p, &["build", "--format", "md"]);
    assert_eq!((code, err.as_str()), (0, ""), "build");
    p.append(ORGS, "- name: Nopal Colectivo\n");
    let (code, err) = with_closed_stdout(&p, &["check", "--format", "json"]);
    assert_eq!((code, err.as_str()), (1, ""), "a letter with errors still fails");
}

#[test]
fn outside_a_project_the_folder_is_named_and_the_fix_given() {
    let empty = tempfile::tempdir().unwrap();
    let (code, _, err) =
        run(assert_cmd::Command::cargo_bin("letter").unwrap().arg("check").current_dir(empty.path()));
    assert_eq!(code, 2, "{err}");
    assert!(err.starts_with("error: .: no letter here"), "{err}");
    assert!(err.contains("hint:") && err.contains("letter init"), "{err}");
}

#[test]
fn strict_reports_what_it_counts_as_failing_in_text_and_json() {
    let p = Project::copy_of("minimal");
    p.append(ORGS, "- name: \"Padded \"\n");
    let (code, out, _) = run(p.letter().args(["check", "--strict"]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("failed (--strict: warnings fail): 0 errors, 1 warning"), "{out}");
    assert!(!out.contains("ok:"), "{out}");
    let (code, out, _) = run(p.letter().args(["check", "--strict", "--format", "json"]));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!((code, &json["ok"]), (1, &serde_json::json!(false)), "{out}");
    let (code, out, _) = run(p.letter().args(["check", "--format", "json"]));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!((code, &json["ok"]), (0, &serde_json::json!(true)), "a warning alone passes without --strict");
}

/// The README's table: 0 done, 1 the letter has errors or the request was
/// refused or found nothing, 2 usage or I/O.
#[test]
fn every_command_exits_by_the_same_table() {
    let p = Project::copy_of("minimal");
    let code = |args: &[&str]| run(p.letter().args(args)).0;
    assert_eq!(code(&["check"]), 0);
    assert_eq!(code(&["check", "nowhere"]), 2, "a path that does not exist");
    assert_eq!(code(&["frobnicate"]), 2, "an unknown command");
    assert_eq!(code(&["sign", "--org", "Nopal Colectivo", "--yes"]), 1, "an exact duplicate is refused");
    assert_eq!(
        code(&["sign", "--org", "Nueva", "--country", "Narnia", "--yes"]),
        1,
        "a bad value is refused"
    );
    assert_eq!(code(&["withdraw", "Nadie Así"]), 1, "nobody of that name signs");
    assert_eq!(code(&["withdraw", "Nopal Colectivo", "--date", "ayer"]), 2, "a date that is no date");
    assert_eq!(code(&["withdraw", "Nopal Colectivo", "--date", "2025-01-20"]), 0);
    assert_eq!(code(&["withdraw", "Nopal Colectivo"]), 1, "already withdrawn");
    assert_eq!(code(&["sign", "--org", "Otra", "--member-of", "Ninguna", "--yes"]), 1, "no such network");
    assert_eq!(code(&["templates", "export", "t"]), 0);
    assert_eq!(code(&["templates", "export", "t"]), 1, "refuses to overwrite");
    assert_eq!(code(&["init", "demo"]), 1, "refuses to overwrite a letter");
    assert_eq!(code(&["init", "Bad Id"]), 2, "an id that is no id");
    assert_eq!(code(&["build", "--format", "md", "--lang", "pt"]), 2, "a language the letter is not in");
    p.append(ORGS, "- name: Asociación Ébano\n");
    assert_eq!(code(&["build", "--format", "md"]), 1, "the letter has errors");
}

#[test]
fn an_io_error_is_said_once() {
    let p = Project::copy_of("minimal");
    std::fs::create_dir(p.path("signatories/demo/.letter.lock")).unwrap();
    let (code, _, err) = run(p.letter().args(["sign", "--org", "Nueva", "--country", "MX", "--yes"]));
    assert_eq!(code, 2, "{err}");
    assert_eq!(err.matches("os error").count(), 1, "{err}");
}

#[test]
fn import_rows_are_the_spreadsheet_rows_blank_ones_included() {
    let p = Project::copy_of("minimal");
    p.write("f.csv", "Nombre de la organización,País\nUna,MX\n\n\"Dos\nlíneas\",MX\nTres,Narnia\n");
    let (code, out, _) = run(p.letter().args(["import", "f.csv"]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("row 2: to add organization `Una`"), "{out}");
    assert!(out.contains("row 4: to add organization `Dos"), "a blank row counts: {out}");
    assert!(
        out.contains("row 5: error: `Narnia` is not a country"),
        "a row with a line break is one row: {out}"
    );
}

#[test]
fn verbose_build_prints_each_stage_with_its_time() {
    let p = Project::copy_of("minimal");
    let (code, _, err) = run(p.letter().args(["build", "-v", "--format", "md,pdf", "--lang", "es"]));
    assert_eq!(code, 0, "{err}");
    let line = err.lines().find(|l| l.starts_with("timings:")).unwrap_or_else(|| panic!("no timings: {err}"));
    for stage in ["load", "check", "render"] {
        assert!(line.contains(&format!("{stage} ")), "{stage} in {line}");
    }
    let file = |name: &str| {
        err.lines().find(|l| l.trim_start().starts_with(name)).unwrap_or_else(|| panic!("no {name}: {err}"))
    };
    assert!(file("signatories (es): ").contains("ms") || file("signatories (es): ").contains("µs"), "{err}");
    assert!(file("demo.es.md: ").contains('s'), "{err}");
    let pdf = file("demo.es.pdf: ");
    for step in ["template", "typeset", "paginate", "draw and printpdf", "structure", "deflate", "save"] {
        assert!(pdf.contains(&format!("{step} ")), "{step} in {pdf}");
    }
    assert!(!err.contains("demo.en."), "only what was built: {err}");
}

#[test]
fn every_subcommand_has_its_manual_page() {
    let p = Project::copy_of("minimal");
    let (code, _, err) = run(p.letter().args(["man", "--dir", "man"]));
    assert_eq!(code, 0, "{err}");
    let top = p.read("man/letter.1");
    for sub in [
        "check",
        "build",
        "init",
        "templates",
        "completions",
        "man",
        "sign",
        "withdraw",
        "import",
        "export",
        "deliver",
        "diff",
    ] {
        let page = p.read(&format!("man/letter-{sub}.1"));
        assert!(page.contains(&format!(".TH letter-{sub}")), "{sub}: {page}");
        assert!(top.contains(&format!("letter\\-{sub}(1)")), "letter.1 points to letter-{sub}(1)");
    }
    assert!(p.read("man/letter-check.1").contains("strict"), "the page holds the options");
    let (code, out, _) = run(p.letter().args(["man", "withdraw"]));
    assert_eq!(code, 0);
    assert!(out.contains(".TH letter-withdraw") && out.contains("reason"), "{out}");
    assert!(run(p.letter().args(["man"])).1.contains(".TH letter 1"), "the main page on stdout");
}

#[test]
fn numbers_in_texts_keep_their_spelling() {
    let p = Project::copy_of("minimal");
    p.append(ORGS, "- name: 0x1F\n- name: 12.50\n- name: 1999\n");
    let (code, _, err) = run(p.letter().args(["build", "--format", "md", "--lang", "es"]));
    assert_eq!(code, 0, "{err}");
    let md = p.read("out/demo.es.md");
    // Markdown escapes the dot that would make `12.50` a numbered list.
    for name in ["- 0x1F\n", "- 12\\.50\n", "- 1999\n"] {
        assert!(md.contains(name), "{name:?} as written:\n{md}");
    }
}

#[test]
fn a_sign_waiting_for_the_lock_says_for_what() {
    let p = Project::copy_of("minimal");
    let path = p.path("signatories/demo/.letter.lock");
    let held = std::fs::OpenOptions::new().create(true).truncate(true).write(true).open(&path).unwrap();
    held.lock().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_letter"))
        .args(["sign", "--org", "Paciente", "--country", "MX", "--yes"])
        .current_dir(p.dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("letter starts");
    // Released only once it has said so: a fixed sleep lost the race on a
    // loaded machine, where the process could start after the release.
    let stderr = child.stderr.take().expect("its stderr");
    let (said, heard) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut err = String::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.contains("waiting for") {
                let _ = said.send(());
            }
            err.push_str(&line);
            err.push('\n');
        }
        err
    });
    let waited = heard.recv_timeout(Duration::from_secs(60));
    drop(held);
    let status = child.wait().unwrap();
    let err = reader.join().unwrap();
    assert!(waited.is_ok(), "it never said it was waiting: {err}");
    assert!(status.success(), "{err}");
    assert!(err.contains("waiting for signatories/demo/.letter.lock"), "{err}");
    assert!(err.contains(&format!("process {}", std::process::id())), "{err}");
}
