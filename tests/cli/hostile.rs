//! Hostile and broken input: each gives a clear finding or a safe output,
//! never a panic, a hang, or a write outside the output folder.

use std::path::Path;

use crate::build::{html_escaped, markdown_text};
use crate::util::{Project, run};

const ORGS: &str = "signatories/demo/organizations.yaml";

fn report(dir: &Path) -> letter::check::Report {
    letter::check::check(&letter::load::load(dir).expect("the project is found"))
}

fn assert_positions_valid(report: &letter::check::Report, context: &str) {
    for d in &report.diagnostics {
        assert!(d.line >= 1 && d.column >= 1 && !d.file.is_empty(), "{context}: {d}");
    }
}

#[test]
fn every_truncation_and_stray_character_gives_findings_not_a_panic() {
    let p = Project::copy_of("minimal");
    for rel in ["letters/demo/letter.yaml", "signatories/demo/networks.yaml", ORGS] {
        let full = p.read(rel);
        // Every 11th byte keeps the suite fast; the fuzz target covers the rest.
        let cuts = (1..full.len()).filter(|&i| full.is_char_boundary(i)).step_by(11);
        for (n, cut) in cuts.enumerate() {
            p.write(rel, &full[..cut]);
            assert_positions_valid(&report(p.dir.path()), &format!("{rel} cut at {cut}"));
            let junk = [":", "[", "{", "\"", "&a ", "*a", "!", "`", "\t", "- ", "? ", "%"][n % 12];
            {
                p.write(rel, &format!("{}{junk}{}", &full[..cut], &full[cut..]));
                assert_positions_valid(&report(p.dir.path()), &format!("{rel}: {junk:?} at {cut}"));
            }
        }
        p.write(rel, &full);
    }
}

#[test]
fn wrong_types_are_findings_at_their_place() {
    let p = Project::copy_of("minimal");
    p.write(ORGS, "- name: [a, b]\n");
    p.write("signatories/demo/networks.yaml", "- name: Red\n  members: todas\n");
    p.write("signatories/demo/individuals.yaml", "name: not a list\n");
    let (code, out, _) = run(p.letter().arg("check"));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("organizations.yaml:1:3: error: invalid type: sequence"), "{out}");
    assert!(out.contains("networks.yaml:2:12: error:"), "{out}");
    assert!(out.contains("individuals.yaml:1:1: error:"), "{out}");
}

#[test]
fn deep_nesting_and_alias_bombs_are_refused() {
    let p = Project::copy_of("minimal");
    p.write(ORGS, &format!("- name: {}{}\n", "[".repeat(50_000), "]".repeat(50_000)));
    let mut bomb = String::from(
        "- name: x\n  notes: &a lol\n- name: y\n  acronym: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n",
    );
    for (prev, next) in
        ["b", "c", "d", "e", "f", "g", "h", "i"].iter().zip(["c", "d", "e", "f", "g", "h", "i", "j"])
    {
        bomb += &format!("- name: {next}\n  notes: &{next} [{}]\n", vec![format!("*{prev}"); 9].join(", "));
    }
    p.write("signatories/demo/individuals.yaml", &bomb);
    let (code, out, _) = run(p.letter().arg("check"));
    assert_eq!(code, 1);
    assert!(out.contains("organizations.yaml:1:"), "{out}");
    assert!(out.contains("individuals.yaml:"), "{out}");
}

#[test]
fn a_huge_file_is_refused_before_it_is_read() {
    let p = Project::copy_of("minimal");
    let file = std::fs::File::create(p.path(ORGS)).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap();
    let (code, out, _) = run(p.letter().arg("check"));
    assert_eq!(code, 1);
    assert!(out.contains("organizations.yaml:1:1: error: file is 50 MB; the limit is 32 MB"), "{out}");
}

#[test]
fn nul_bytes_invalid_utf8_bom_and_crlf() {
    let p = Project::copy_of("minimal");
    p.write(ORGS, "- name: Nul\u{0}Byte\n");
    std::fs::write(p.path("signatories/demo/individuals.yaml"), b"- name: ok\n- name: caf\xe9\n").unwrap();
    let (code, out, _) = run(p.letter().arg("check"));
    assert_eq!(code, 1);
    assert!(out.contains("organizations.yaml:1:"), "{out}");
    assert!(!out.contains('\u{0}'), "no raw NUL reaches the terminal");
    assert!(out.contains("individuals.yaml:2:12: error: the file is not UTF-8 text"), "{out}");

    let p = Project::copy_of("minimal");
    let crlf = p.read(ORGS).replace('\n', "\r\n");
    p.write(ORGS, &format!("\u{feff}{crlf}- name: Nopal Colectivo\r\n"));
    let (code, out, _) = run(p.letter().arg("check"));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("organizations.yaml:9:3: error: `Nopal Colectivo` is already in organizations"),
        "{out}"
    );
}

#[test]
fn invisible_and_bidi_characters_are_flagged_and_isolated() {
    let p = Project::copy_of("minimal");
    p.append(ORGS, "- name: \"Red\u{200b} Oculta\"\n- name: \"\u{202e}atsiL\"\n- name: شبكة الهجرة\n");
    let (_, out, _) = run(p.letter().arg("check"));
    assert!(
        out.contains("organizations.yaml:9:9: warning: `name` holds an invisible character U+200B"),
        "{out}"
    );
    assert!(out.contains("U+202E"), "{out}");
    run(p.letter().args(["build", "--format", "html"]));
    assert!(
        p.read("out/demo.en.html").contains("<bdi>شبكة الهجرة</bdi>"),
        "names are isolated from the text around them"
    );
}

/// Markup and template syntax an attacker might put in any field.
const INJECTION: &str = "<script>alert(1)</script> {{ title }} {% raw %} [x](javascript:alert(1)) <img src=x onerror=alert(1)> | #";

#[test]
fn injection_in_every_field_renders_as_text() {
    let p = Project::copy_of("minimal");
    let inj = serde_json::to_string(INJECTION).unwrap();
    let letter = p.read("letters/demo/letter.yaml");
    let letter: String = letter
        .lines()
        .map(|l| match l.split_once(": {es: ") {
            Some((key, _)) if !l.trim_start().starts_with("- ") || l.contains("name:") => {
                format!("{key}: {{es: {inj}, en: {inj}}}")
            }
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    p.write("letters/demo/letter.yaml", &format!("{letter}\n"));
    let demands: String = ["first", "second", "third"]
        .iter()
        .map(|id| format!("- id: {id}\n  lead: {inj}\n  body: {inj}\n"))
        .collect();
    p.write("letters/demo/demands.yaml", &demands);
    p.write(ORGS, &format!("- name: {inj}\n  acronym: {inj}\n"));
    p.write(
        "signatories/demo/individuals.yaml",
        &format!("- name: Ana\n  role: {inj}\n  affiliation: {inj}\n"),
    );
    let (code, _, err) = run(p.letter().args(["build", "--format", "md,html"]));
    assert_eq!(code, 0, "{err}");
    for lang in ["es", "en"] {
        let html = p.read(&format!("out/demo.{lang}.html"));
        assert!(!html.contains("<script>alert") && !html.contains("<img src=x"), "HTML runs nothing");
        assert!(!html.contains("href=\"javascript"), "no javascript link");
        assert!(html.contains(&html_escaped("<script>alert(1)</script>")), "shown as text");
        assert!(html.contains("{{ title }} {% raw %}"), "template syntax in data stays data");
        let md_source = p.read(&format!("out/demo.{lang}.md"));
        let md = markdown_text(&md_source);
        assert!(!md.contains("<RAW HTML"), "Markdown carries no raw HTML:\n{md_source}");
        let links = pulldown_cmark::Parser::new(&md_source).filter_map(|e| match e {
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { dest_url, .. }) => {
                Some(dest_url.to_string())
            }
            _ => None,
        });
        let links: Vec<String> = links.collect();
        assert!(
            links.iter().all(|url| url.ends_with(".md") || url.starts_with("https://example.org")),
            "{links:?}"
        );
        assert!(md.contains("<script>alert(1)</script> {{ title }} {% raw %}"), "{md}");
    }
}

#[test]
fn an_unwritable_output_folder_is_an_error() {
    let p = Project::copy_of("minimal");
    p.write("out", "a file where the folder should be");
    let (code, _, err) = run(p.letter().arg("build"));
    assert_eq!(code, 2);
    assert!(err.contains("error: out"), "{err}");
}

#[test]
fn ids_cannot_walk_out_of_their_folder() {
    let p = Project::copy_of("minimal");
    let letter = p.read("letters/demo/letter.yaml").replace("id: demo", "id: ../../x");
    p.write("letters/demo/letter.yaml", &letter);
    p.write(
        "letters/demo/demands.yaml",
        &p.read("letters/demo/demands.yaml").replace("id: first", "id: ../first"),
    );
    let (code, out, _) = run(p.letter().arg("check"));
    assert_eq!(code, 1);
    assert!(out.contains("letter.yaml:2:5: error: `../../x` is not a valid letter id"), "{out}");
    assert!(out.contains("error: `../first` is not a valid demand id"), "{out}");
    assert_eq!(run(p.letter().arg("build")).0, 1, "and nothing is built");
    assert!(!p.dir.path().parent().unwrap().join("x.es.md").exists());
}

/// A link planted in the output folder is replaced, not written through:
/// building never touches a file outside `out/`.
#[cfg(unix)]
#[test]
fn a_link_in_the_output_folder_is_not_followed() {
    let p = Project::copy_of("minimal");
    let (_outside, victim) = p.link_outside("out/demo.es.md", "keep me");
    let (code, _, err) = run(p.letter().args(["build", "--format", "md"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert!(!p.path("out/demo.es.md").symlink_metadata().unwrap().file_type().is_symlink());
}

/// Every committed fuzz input, seeds and past crashes alike, replays cleanly:
/// what the fuzzer found once stays fixed.
#[test]
fn fuzz_corpus_replays_without_panics() {
    let langs = letter::load::default_languages();
    let dir = crate::util::repo().join("fuzz/corpus/load");
    let mut replayed = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let Ok(src) = std::str::from_utf8(&bytes) else { continue };
        for kind in letter::model::SignerKind::ALL {
            let (_, diags) = letter::load::parse_roster(kind, src, Path::new("fuzz.yaml"), &langs);
            assert!(diags.iter().all(|d| d.line >= 1 && d.column >= 1));
        }
        replayed += 1;
    }
    assert!(replayed >= 6, "the corpus is in place");
}

/// Skipping a bad entry must not skip past a budget, lose an anchor another
/// entry uses, or misplace the entries after it.
#[test]
fn bad_entries_among_aliases_flow_lists_and_blanks_are_skipped_alone() {
    let p = Project::copy_of("minimal");
    p.write(
        ORGS,
        "- name: Ancla\n  notes: &n compartida\n- {name: Flujo, pais: MX}\n-\n- \"solo texto\"\n\
         - name: Usa Ancla\n  notes: *n\n- [{name: Lista}]\n- name: Ñandú Último\n  country: MX\n",
    );
    p.write(
        "signatories/demo/networks.yaml",
        "- name: Red Flujo\n  members: {people: [{name: Ana}, {nombre: Beto}, ~], organizations: [{name: Casa}]}\n",
    );
    let r = report(p.dir.path());
    assert_positions_valid(&r, "bad entries");
    let at: Vec<String> =
        r.diagnostics.iter().map(|d| format!("{}:{}:{}", d.file, d.line, d.column)).collect();
    for expected in [
        "organizations.yaml:3:17",
        "organizations.yaml:4:2",
        "organizations.yaml:5:3",
        "organizations.yaml:8:3",
    ] {
        assert!(at.iter().any(|a| a.contains(expected)), "no finding at {expected}: {at:?}");
    }
    assert!(at.iter().any(|a| a.contains("networks.yaml:2:")), "{at:?}");
    let (code, out, _) = run(p.letter().arg("check"));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("1 networks with 2 members, 3 organizations,"),
        "Ancla, Usa Ancla, Ñandú Último: {out}"
    );

    // Over the budget, a file is refused whole, however its entries read.
    let mut bomb =
        String::from("- name: x\n  notez: 1\n- name: y\n  notes: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]\n");
    for (prev, next) in
        ["a", "b", "c", "d", "e", "f", "g", "h"].iter().zip(["b", "c", "d", "e", "f", "g", "h", "i"])
    {
        bomb += &format!("- name: {next}\n  notes: &{next} [{}]\n", vec![format!("*{prev}"); 9].join(", "));
    }
    p.write(ORGS, &bomb);
    let (code, out, _) = run(p.letter().arg("check"));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(", 0 organizations,"), "{out}");
}

/// A template override asking for the environment gets a finding, never the
/// value: in CI the environment holds the secrets.
#[test]
fn a_template_cannot_read_the_environment() {
    let p = Project::copy_of("minimal");
    let md = "letters/demo/templates/letter.md.tera";
    p.write(md, "# {{ title }}\n{{ get_env(name=\"LETTER_SECRET\") }}\n");
    let secret = "s3cr3t-value";
    let (code, out, _) = run(p.letter().arg("check").env("LETTER_SECRET", secret));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(&format!("{md}:2:4: error: templates cannot read the environment")), "{out}");
    let (code, _, err) = run(p.letter().args(["build", "--format", "md"]).env("LETTER_SECRET", secret));
    assert_eq!(code, 1, "{err}");
    assert!(!p.path("out/demo.es.md").exists() && !err.contains(secret));
}

/// A committed link from the templates to a file of the machine is refused,
/// and what it points at reaches neither the findings nor `out/`.
#[cfg(unix)]
#[test]
fn a_template_linked_outside_the_project_is_refused() {
    let p = Project::copy_of("minimal");
    let (_outside, _) = p.link_outside("letters/demo/templates/evil.tera", "root:x:0:0:SECRET-PASSWD-LINE\n");
    p.write("letters/demo/templates/letter.md.tera", "# {{ title }}\n{% include \"evil.tera\" %}\n");
    let (code, out, _) = run(p.letter().args(["check", "--color", "always"]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("evil.tera") && out.contains("outside the project"), "{out}");
    assert!(!out.contains("SECRET-PASSWD-LINE"), "{out}");
    let (code, _, err) = run(p.letter().args(["build", "--format", "md"]));
    assert_eq!(code, 1, "{err}");
    assert!(!err.contains("SECRET-PASSWD-LINE"));
    assert!(!p.path("out/demo.es.md").exists());
}

/// A roster linked to the process's environment (or any file outside the
/// project) is not read, so no finding can quote it, in any format.
#[cfg(unix)]
#[test]
fn a_roster_linked_outside_the_project_is_refused_and_never_quoted() {
    let p = Project::copy_of("minimal");
    let (_outside, _) =
        p.link_outside(ORGS, "- name: SECRET-TOKEN=abc123\n  contry: MX\nHOME=/root\0PATH=/bin\0");
    for args in [
        &["check", "--color", "always"][..],
        &["check"],
        &["check", "--format", "json"],
        &["check", "--format", "github"],
    ] {
        let (code, out, err) = run(p.letter().args(args));
        assert_eq!(code, 1, "{args:?}: {out}{err}");
        assert!(out.contains("organizations.yaml") && out.contains("outside the project"), "{args:?}: {out}");
        assert!(
            !out.contains("SECRET-TOKEN") && !out.contains("HOME=") && !err.contains("SECRET"),
            "{args:?}: {out}"
        );
    }
    let (code, _, err) = run(p.letter().args(["sign", "--org", "Nueva", "--yes"]));
    assert_ne!(code, 0, "sign refuses to edit it: {err}");
    assert!(!err.contains("SECRET-TOKEN"), "{err}");
}

/// Links that stay inside the project are followed as before.
#[cfg(unix)]
#[test]
fn a_link_inside_the_project_is_followed() {
    let p = Project::copy_of("minimal");
    let shared = p.path("shared/organizations.yaml");
    std::fs::create_dir_all(shared.parent().unwrap()).unwrap();
    std::fs::rename(p.path(ORGS), &shared).unwrap();
    std::os::unix::fs::symlink(&shared, p.path(ORGS)).unwrap();
    let (code, out, _) = run(p.letter().arg("check"));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("3 organizations"), "{out}");
}

/// The case from the report: a roster that is a link to the process's own
/// environment, with a secret in it, as CI would have.
#[cfg(target_os = "linux")]
#[test]
fn a_roster_linked_to_the_environment_prints_none_of_it() {
    let p = Project::copy_of("minimal");
    std::fs::remove_file(p.path(ORGS)).unwrap();
    std::os::unix::fs::symlink("/proc/self/environ", p.path(ORGS)).unwrap();
    for args in [&["check", "--color", "always"][..], &["check", "--format", "json"], &["build"]] {
        let (code, out, err) = run(p.letter().args(args).env("LETTER_CI_SECRET", "ghp_s3cr3t"));
        assert_eq!(code, 1, "{args:?}: {out}{err}");
        assert!(!out.contains("ghp_s3cr3t") && !err.contains("ghp_s3cr3t"), "{args:?}: {out}{err}");
        assert!(format!("{out}{err}").contains("outside the project"), "{args:?}: {out}{err}");
    }
}
