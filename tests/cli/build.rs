//! `letter build`: what lands in each file, and what never does.

use crate::util::{Project, run};

const ORGS: &str = "signatories/demo/organizations.yaml";

fn build(p: &Project, args: &[&str]) -> (i32, String, String) {
    run(p.letter().arg("build").args(args))
}

/// The text a CommonMark reader sees, spaces folded.
pub fn markdown_text(md: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let text: String = Parser::new(md)
        .map(|e| match e {
            Event::Text(t) | Event::Code(t) => t.to_string(),
            Event::InlineHtml(t) if is_demand_anchor(&t) => String::new(),
            Event::Html(t) | Event::InlineHtml(t) => format!("<RAW HTML {t}>"),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => " ".into(),
            _ => String::new(),
        })
        .collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The one piece of HTML the Markdown carries: a demand's anchor.
fn is_demand_anchor(html: &str) -> bool {
    html == "</a>"
        || html
            .strip_prefix("<a id=\"demand-")
            .and_then(|r| r.strip_suffix("\">"))
            .is_some_and(letter::load::is_slug)
}

pub fn html_escaped(s: &str) -> String {
    let mut out = String::new();
    pulldown_cmark_escape::escape_html(pulldown_cmark_escape::FmtWriter(&mut out), s).unwrap();
    out
}

#[test]
fn writes_each_language_and_format() {
    let p = Project::copy_of("minimal");
    let (code, out, err) = build(&p, &[]);
    assert_eq!(code, 0, "{err}");
    for file in ["demo.es.md", "demo.en.md", "demo.es.html", "demo.en.html"] {
        assert!(out.contains(&format!("out/{file}")), "{out}");
        assert!(p.path("out").join(file).is_file(), "{file}");
    }
    let es = p.read("out/demo.es.html");
    assert!(es.contains("<html lang=\"es\">"));
    assert!(es.contains("Carta de prueba") && !es.contains("Test letter"));
    assert!(es.contains("14 de marzo de 2025"), "date in Spanish");
    assert!(p.read("out/demo.en.html").contains("March 14, 2025"));
    assert!(p.read("out/demo.en.md").contains("# Test letter"));
}

#[test]
fn html_has_anchors_numbers_members_and_counts() {
    let p = Project::copy_of("minimal");
    build(&p, &[]);
    let html = p.read("out/demo.en.html");
    for id in ["first", "second", "third"] {
        assert!(html.contains(&format!("id=\"demand-{id}\"")), "anchor for {id}");
    }
    assert!(html.contains("<li id=\"demand-third\" value=\"3\">"), "numbering runs through sections");
    assert!(html.contains("<em>urgency</em>") && html.contains("href=\"https://example.org/law\""));
    let network = html.split("class=\"network\"").nth(1).expect("a network").split("</ul>").next().unwrap();
    assert!(
        network.contains("Colectivo Zapote") && network.contains("Olga Núñez"),
        "members under their network"
    );
    assert!(
        html.contains(
            "7 signers, 8 signatures: 1 network with 2 members, 3 organizations and 2 individuals;"
        )
    );
    assert!(html.contains("@media print") && html.contains("name=\"viewport\""));
    assert!(html.contains("href=\"demo.es.html\""), "links to the other language");
}

#[test]
fn html_dates_are_machine_readable_and_affiliations_isolated() {
    let p = Project::copy_of("minimal");
    build(&p, &["--format", "html"]);
    let html = p.read("out/demo.es.html");
    assert!(html.contains("<time datetime=\"2025-03-14\">14 de marzo de 2025</time>"), "{html}");
    let isolated =
        html.split("<bdi class=\"detail\">").skip(1).map(|d| d.split("</bdi>").next().unwrap_or(""));
    assert!(isolated.clone().any(|d| d.contains("Universidad de Prueba")), "{html}");
    assert_eq!(isolated.count(), html.matches("class=\"detail\"").count(), "every detail is isolated");
}

#[test]
fn private_fields_never_reach_an_output() {
    let p = Project::copy_of("minimal");
    build(&p, &[]);
    for file in ["demo.es.md", "demo.en.md", "demo.es.html", "demo.en.html"] {
        let text = p.read(&format!("out/{file}"));
        for secret in ["private-contact", "555 000", "called on"] {
            assert!(!text.contains(secret), "{file} shows {secret}");
        }
    }
}

#[test]
fn markup_in_names_shows_literally() {
    let p = Project::copy_of("minimal");
    let hostile =
        ["*Foo* [x](http://y)", "<script>alert(1)</script>", "# Heading", "1. Uno", "{{ title }} {% raw %}"];
    for name in hostile {
        p.append(ORGS, &format!("- name: {}\n", serde_json::to_string(name).unwrap()));
    }
    let (code, _, err) = build(&p, &[]);
    assert_eq!(code, 0, "{err}");
    let md = markdown_text(&p.read("out/demo.en.md"));
    let html = p.read("out/demo.en.html");
    for name in hostile {
        assert!(md.contains(name), "Markdown does not show {name:?} literally:\n{md}");
        assert!(html.contains(&html_escaped(name)), "HTML does not escape {name:?}");
    }
    assert!(!md.contains("<RAW HTML"), "no raw HTML reaches Markdown");
    assert!(!html.contains("<script>alert"), "no script reaches HTML");
}

#[test]
fn signers_sort_in_each_languages_order() {
    let p = Project::copy_of("minimal");
    p.append(ORGS, "- name: Ñu Colectivo\n- name: Nube Roja\n- name: El Ocote\n");
    build(&p, &["--format", "md"]);
    let order = |file: &str| {
        let md = p.read(file);
        let names = ["Nopal Colectivo", "Nube Roja", "Ñu Colectivo", "El Ocote"];
        let mut found: Vec<(usize, &str)> = names.iter().map(|n| (md.find(n).unwrap(), *n)).collect();
        found.sort();
        found.into_iter().map(|(_, n)| n).collect::<Vec<_>>()
    };
    assert_eq!(order("out/demo.es.md"), ["Nopal Colectivo", "Nube Roja", "Ñu Colectivo", "El Ocote"]);
    assert_eq!(order("out/demo.en.md"), ["Nopal Colectivo", "Ñu Colectivo", "Nube Roja", "El Ocote"]);
}

/// Each finding of `letter`'s plain output: its line and the lines of its hint.
fn findings(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        match out.last_mut() {
            Some(finding) if line.starts_with("  ") => {
                finding.push('\n');
                finding.push_str(line);
            }
            _ => out.push(line.to_string()),
        }
    }
    out
}

/// `build` makes only the findings it prints (`check::check_from`): they
/// must be `check`'s errors and warnings, in its order.
#[test]
fn prints_the_errors_and_warnings_check_prints() {
    let p = Project::flagship();
    let orgs = "signatories/mexico-2024/organizations.yaml";
    p.append(orgs, "- name: Alliance San Diego\n  city: Tijuana\n- name: \"Padded \"\n");
    let (_, checked, _) = run(p.letter().arg("check"));
    let (code, _, err) = build(&p, &["--format", "md"]);
    assert_eq!(code, 0, "{err}");
    assert!(checked.contains(": note: "), "{checked}");
    let problems: Vec<String> = findings(&checked)
        .into_iter()
        .filter(|f| f.contains(": warning: ") || f.contains(": error: "))
        .collect();
    assert!(problems.iter().any(|f| f.contains("- distinct: [")), "{problems:?}");
    assert!(problems.iter().any(|f| f.contains("starts or ends with spaces")), "{problems:?}");
    assert_eq!(findings(&err)[..problems.len()], problems[..], "{err}");
    assert!(!findings(&err)[problems.len()..].iter().any(|f| f.contains(": note: ")), "{err}");
}

#[test]
fn refuses_to_build_a_letter_with_errors() {
    let p = Project::copy_of("minimal");
    p.append(ORGS, "- name: Nopal Colectivo\n");
    let (code, _, err) = build(&p, &[]);
    assert_eq!(code, 1);
    assert!(err.contains(&format!("{ORGS}:9:3: error:")), "{err}");
    assert!(err.contains("not built"), "{err}");
    assert!(!p.path("out").exists());
}

#[test]
fn lang_format_and_out_select_what_is_built() {
    let p = Project::copy_of("minimal");
    let (code, out, _) = build(&p, &["--lang", "en", "--format", "md", "--out", "public"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(p.path("public/demo.en.md").is_file());
    let (code, _, err) = build(&p, &["--lang", "fr"]);
    assert_eq!(code, 2);
    assert!(err.contains("not written in `fr`") && err.contains("es, en"), "{err}");
}

#[test]
fn a_template_beside_the_letter_overrides_the_default() {
    let p = Project::copy_of("minimal");
    p.write(
        "letters/demo/templates/letter.md.tera",
        "CUSTOM {{ title }} {{ signatories.individuals.0.name }}\n",
    );
    build(&p, &["--format", "md,html"]);
    assert_eq!(p.read("out/demo.es.md"), "CUSTOM Carta de prueba Ángel Ruiz\n");
    assert!(
        p.read("out/demo.es.html").contains("<h1>Carta de prueba</h1>"),
        "other templates keep their default"
    );
}

#[test]
fn a_broken_template_is_named_with_its_line() {
    let p = Project::copy_of("minimal");
    p.write("letters/demo/templates/letter.md.tera", "fine\nfine\n{% for x in %}\n");
    let (code, _, err) = build(&p, &["--format", "md"]);
    assert_eq!(code, 1, "checked first, like any mistake in the letter: {err}");
    assert!(err.contains("letters/demo/templates/letter.md.tera:3:"), "{err}");
}

#[test]
fn templates_export_writes_the_defaults_once() {
    let p = Project::copy_of("minimal");
    let (code, out, _) = run(p.letter().args(["templates", "export", "letters/demo/templates"]));
    assert_eq!(code, 0);
    assert!(out.contains("letter.html.tera") && out.contains("style.css"));
    assert_eq!(
        p.read("letters/demo/templates/letter.md.tera"),
        include_str!("../../templates/letter.md.tera")
    );
    assert_eq!(
        run(p.letter().args(["templates", "export", "letters/demo/templates"])).0,
        1,
        "no silent overwrite"
    );
    let (code, _, _) = build(&p, &["--format", "md"]);
    assert_eq!(code, 0, "exported defaults build");
}
