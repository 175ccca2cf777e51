//! `check` reads and renders the templates and `pdf.yaml` as `build` will,
//! and reports each mistake at the template's own line and column.

use crate::util::{Project, run};

const MD: &str = "letters/demo/templates/letter.md.tera";
const PDF: &str = "letters/demo/templates/letter.pdf.tera";
const STYLE: &str = "letters/demo/templates/pdf.yaml";

/// `check` in each of its formats: (exit code, human, github, json).
fn check_all(p: &Project) -> (i32, String, String, serde_json::Value) {
    let (code, human, _) = run(p.letter().arg("check"));
    let (_, github, _) = run(p.letter().args(["check", "--format", "github"]));
    let (_, json, _) = run(p.letter().args(["check", "--format", "json"]));
    (code, human, github, serde_json::from_str(&json).expect("JSON report"))
}

/// The JSON report's finding with `code`, as (file, line, column, hint).
fn json_finding(json: &serde_json::Value, code: &str) -> (String, u64, u64, String) {
    let d = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no `{code}` in {json:#}"));
    let s = |k: &str| d[k].as_str().unwrap_or_default().to_string();
    (s("file"), d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap(), s("hint"))
}

#[test]
fn an_unknown_name_is_found_at_its_line_in_every_format() {
    let p = Project::copy_of("minimal");
    p.write(MD, "# {{ title }}\n\n{{ titel }}\n");
    let (code, human, github, json) = check_all(&p);
    assert_eq!(code, 1, "{human}");
    assert!(human.contains(&format!("{MD}:3:4: error: `titel` is not a name templates can use")), "{human}");
    assert!(human.contains("did you mean `title`?"), "{human}");
    assert!(
        github.contains(&format!("::error file={MD},line=3,col=4,title=template-unknown-name::")),
        "{github}"
    );
    let (file, line, column, hint) = json_finding(&json, "template-unknown-name");
    assert_eq!((file.as_str(), line, column), (MD, 3, 4));
    assert!(hint.contains("`title`"), "{hint}");
}

#[test]
fn a_field_of_a_loop_variable_is_found_with_the_field_meant() {
    let p = Project::copy_of("minimal");
    p.write(MD, "{% for s in sections %}\n  {{ s.headng }}\n{% endfor %}\n");
    let (code, human, _, _) = check_all(&p);
    assert_eq!(code, 1, "{human}");
    assert!(human.contains(&format!("{MD}:2:6: error: `s.headng`")), "{human}");
    assert!(human.contains("did you mean `heading`?"), "{human}");
}

#[test]
fn a_name_used_only_for_some_signers_is_caught_before_they_sign() {
    let p = Project::copy_of("minimal");
    p.write(
        MD,
        "{% for s in signatories.groups %}{% for m in s.members %}{{ m.nme }}{% endfor %}{% endfor %}\n",
    );
    let (code, human, _, _) = check_all(&p);
    assert_eq!(code, 1, "{human}");
    assert!(human.contains(&format!("{MD}:1:61: error: `m.nme`")), "{human}");
}

#[test]
fn an_unknown_filter_points_at_the_filter() {
    let p = Project::copy_of("minimal");
    p.write(MD, "{{ title }}\n{{ title | shout }}\n");
    let (code, human, _, json) = check_all(&p);
    assert_eq!(code, 1, "{human}");
    assert!(human.contains(&format!("{MD}:2:12: error: there is no filter `shout`")), "{human}");
    assert_eq!(json_finding(&json, "template-unknown-filter").1, 2);
}

#[test]
fn an_unclosed_block_points_at_its_opening_tag() {
    let p = Project::copy_of("minimal");
    p.write(MD, "# {{ title }}\n{% if greeting %}\n{{ greeting }}\n\nmore\n");
    let (code, human, _, _) = check_all(&p);
    assert_eq!(code, 1, "{human}");
    assert!(human.contains(&format!("{MD}:2:1: error: `{{% if %}}` is never closed")), "{human}");
    assert!(human.contains("{% endif %}"), "{human}");
}

#[test]
fn a_syntax_error_keeps_its_position_and_build_refuses() {
    let p = Project::copy_of("minimal");
    p.write(MD, "fine\nfine\n{% for x in %}\n{% endfor %}\n");
    let (code, human, _, _) = check_all(&p);
    assert_eq!(code, 1, "{human}");
    assert!(human.contains(&format!("{MD}:3:")) && human.contains("template syntax"), "{human}");
    let (code, _, err) = run(p.letter().args(["build", "--format", "md"]));
    assert_eq!(code, 1, "build refuses, like any letter with errors: {err}");
    assert!(err.contains(&format!("{MD}:3:")), "{err}");
}

#[test]
fn a_pdf_directive_error_is_at_the_template_line_not_the_output_line() {
    let p = Project::copy_of("minimal");
    let template = "{#- a comment\n    of three lines -#}\n::: title\n{{ title }}\n{% for p in opening %}\n::: headng\n{{ p | safe }}\n{% endfor %}\n";
    p.write(PDF, template);
    let (code, human, github, json) = check_all(&p);
    assert_eq!(code, 1, "{human}");
    assert!(human.contains(&format!("{PDF}:6:1: error: PDF markup: `headng`")), "{human}");
    assert!(human.contains("did you mean `heading`?"), "{human}");
    assert!(!human.contains("of its output"), "{human}");
    assert!(github.contains(&format!("file={PDF},line=6,col=1,title=pdf-markup")), "{github}");
    assert_eq!(json_finding(&json, "pdf-markup").1, 6);
}

#[test]
fn pdf_yaml_reads_like_a_roster() {
    let p = Project::copy_of("minimal");
    p.write(STYLE, "page: letter\ncolums: 2\n");
    let (code, human, _, json) = check_all(&p);
    assert_eq!(code, 1, "{human}");
    assert!(human.contains(&format!("{STYLE}:2:1: error: unknown key `colums`")), "{human}");
    assert!(human.contains("did you mean `columns`?"), "{human}");
    assert_eq!(json_finding(&json, "unknown-key").0, STYLE);

    p.write(STYLE, "columns: 2\ncolumns: 3\n");
    let (_, human, _, _) = check_all(&p);
    assert!(human.contains(&format!("{STYLE}:2:1: error: key `columns` is written twice")), "{human}");
    assert!(
        !human.contains("DuplicateKeyPolicy") && !human.contains("Options"),
        "no library internals: {human}"
    );

    p.write(STYLE, "page: a4\nstyles:\n  body: {size: 11, leading: 2}\n");
    let (_, human, _, _) = check_all(&p);
    assert!(human.contains(&format!("{STYLE}:3:3: error: styles.body: size must be")), "{human}");
}

#[test]
fn labels_yaml_reads_like_a_roster() {
    let p = Project::copy_of("minimal");
    p.write("letters/demo/templates/labels.yaml", "page: {es: Página, en: Page}\npage: {es: P, en: P}\n");
    let (code, human, _, _) = check_all(&p);
    assert_eq!(code, 1, "{human}");
    assert!(human.contains("labels.yaml:2:1: error: key `page` is written twice"), "{human}");
}

#[test]
fn the_shipped_templates_and_a_valid_override_pass() {
    let p = Project::copy_of("minimal");
    p.write(MD, "# {{ title }}\n{% for s in signatories.groups %}- {{ s.name }}{% if s.acronym %} ({{ s.acronym | upper }}){% endif %}\n{% endfor %}\n");
    let (code, human, _, _) = check_all(&p);
    assert_eq!(code, 0, "{human}");
}
