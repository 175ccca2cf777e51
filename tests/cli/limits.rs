//! Limits that hold: what one roster file may hold, how long a name may be,
//! and that `sign` never writes a file the loader would then refuse.

use std::path::Path;

use letter::model::SignerKind;

use crate::util::{Project, run};

const ORGS: &str = "signatories/demo/organizations.yaml";

/// `n` organizations with five fields each, as an organizer would write them.
fn organizations(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "- name: Colectivo {i}\n  acronym: C{i}\n  country: MX\n  city: Oaxaca\n  website: https://c{i}.org\n"
            )
        })
        .collect()
}

/// 25,000 entries are 275,001 YAML values, past the parser's default budget;
/// a unit test in load::yaml shows 100,000 fit (checked by hand: they load,
/// in 15 s of the dev profile, too slow for every run).
#[test]
fn one_file_holds_more_entries_than_the_parsers_default_budget() {
    let src = organizations(25_000);
    let langs = letter::load::default_languages();
    let (roster, diags) =
        letter::load::parse_roster(SignerKind::Organization, &src, Path::new("organizations.yaml"), &langs);
    assert!(diags.is_empty(), "{}", diags[0]);
    assert_eq!(roster.organizations.len(), 25_000);
}

/// A roster file a few bytes under the size limit: long comments, which
/// cost little to read, and one entry.
fn nearly_full(p: &Project) -> String {
    let limit = 32 * 1024 * 1024;
    let comment = format!("# {}\n", "x".repeat(998));
    let mut text = "- name: Nopal Colectivo\n".to_string();
    text += &comment.repeat((limit - text.len()) / comment.len());
    text += &format!("#{}\n", "x".repeat(limit - text.len() - 12));
    p.write(ORGS, &text);
    text
}

#[test]
fn sign_refuses_to_write_a_file_that_check_would_refuse() {
    let p = Project::copy_of("minimal");
    let before = nearly_full(&p);
    let (code, out, err) = run(p.letter().args(["sign", "--org", "Casa del Migrante en Tijuana", "--yes"]));
    assert_eq!(code, 2, "{out}{err}");
    assert!(!out.contains("added"), "{out}");
    assert!(err.contains("organizations.yaml"), "{err}");
    assert!(err.contains("split the roster into a folder"), "{err}");
    assert!(p.read(ORGS) == before, "the file is left as it was");
    let (code, out, _) = run(p.letter().arg("check"));
    assert_eq!(code, 0, "{out}");
}

#[test]
fn import_refuses_too_and_says_added_only_after_writing() {
    let p = Project::copy_of("minimal");
    let before = nearly_full(&p);
    p.write("orgs.csv", "Organización\nCasa del Migrante en Tijuana\n");
    let (code, out, err) = run(p.letter().args(["import", "orgs.csv", "--kind", "organization", "--write"]));
    assert_eq!(code, 2, "{out}{err}");
    assert!(!out.contains("added"), "{out}");
    assert!(err.contains("split the roster into a folder"), "{err}");
    assert!(p.read(ORGS) == before, "the file is left as it was");
}

#[test]
fn a_name_of_a_megabyte_is_an_error_at_its_place_found_quickly() {
    let p = Project::copy_of("minimal");
    // One word: the duplicate search once spent the square of its length.
    p.append(ORGS, &format!("- name: {}\n", "a".repeat(1 << 20)));
    let (code, out, _) = run(p.letter().arg("check"));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("organizations.yaml:9:9: error: `name` is 1048576 characters long; the limit is 300"),
        "{}",
        &out[..out.len().min(2000)]
    );
}

#[test]
fn control_characters_and_line_breaks_in_names_are_errors() {
    let p = Project::copy_of("minimal");
    p.append(ORGS, "- name: \"Nul\\0Byte\"\n- name: \"Dos\\nLíneas\"\n- name: |\n    Bloque\n    partido\n");
    let (code, out, _) = run(p.letter().arg("check"));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("organizations.yaml:9:9: error: `name` holds a control character U+0000"), "{out}");
    assert!(out.contains("organizations.yaml:10:9: error: `name` holds a line break"), "{out}");
    assert!(out.contains("organizations.yaml:12:5: error: `name` holds a line break"), "{out}");
    assert!(!out.contains('\u{0}'), "{out}");
}

#[test]
fn sign_refuses_control_characters_and_overlong_names() {
    let p = Project::copy_of("minimal");
    let before = p.read(ORGS);
    let (code, _, err) = run(p.letter().args(["sign", "--org", "Nul\u{1}Byte", "--yes"]));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("the name holds a control character U+0001"), "{err}");
    let long = "a".repeat(301);
    let (code, _, err) = run(p.letter().args(["sign", "--org", &long, "--yes"]));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("the name is 301 characters long; the limit is 300"), "{err}");
    assert_eq!(p.read(ORGS), before);
}
