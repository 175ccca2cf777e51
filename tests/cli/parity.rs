//! Every language gets the whole letter: texts left in one language are
//! flagged, and links between the letter's parts lead somewhere.

use crate::util::{Project, run};

const LETTER: &str = "letters/demo/letter.yaml";
const DEMANDS: &str = "letters/demo/demands.yaml";

fn check(p: &Project) -> (i32, String) {
    let (code, out, _) = run(p.letter().arg("check"));
    (code, out)
}

#[test]
fn a_paragraph_in_one_string_is_a_warning_naming_it() {
    let p = Project::copy_of("minimal");
    p.write(
        LETTER,
        &p.read(LETTER).replace(
            "greeting: {es: Estimada secretaria, en: Dear Secretary}",
            "greeting: Estimada secretaria",
        ),
    );
    p.write(
        DEMANDS,
        &p.read(DEMANDS)
            .replace("lead: {es: Segunda demanda., en: Second demand.}", "lead: Segunda demanda."),
    );
    let (code, out) = check(&p);
    assert_eq!(code, 0, "a warning, not an error: {out}");
    assert!(
        out.contains(&format!(
            "{LETTER}:10:11: warning: `greeting` is the same text in every language: “Estimada secretaria”"
        )),
        "{out}"
    );
    assert!(out.contains(&format!("{DEMANDS}:5:9: warning: `lead` is the same text")), "{out}");
    assert!(out.contains("{all: …}"), "the hint names the way out: {out}");
    let (code, _, _) = run(p.letter().args(["check", "--strict"]));
    assert_eq!(code, 1, "CI's --strict fails on it");
}

#[test]
fn a_name_marked_the_same_in_every_language_passes() {
    let p = Project::copy_of("minimal");
    p.write(
        LETTER,
        &p.read(LETTER)
            .replace("sign_off: {es: Atentamente, en: Sincerely}", "sign_off: {all: Frente Común}"),
    );
    let (code, out) = check(&p);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("warning:"), "{out}");
    run(p.letter().args(["build", "--format", "md"]));
    assert!(
        p.read("out/demo.en.md").contains("Frente Común")
            && p.read("out/demo.es.md").contains("Frente Común")
    );

    p.write(
        LETTER,
        &p.read(LETTER)
            .replace("sign_off: {all: Frente Común}", "sign_off: {all: Frente Común, en: Common Front}"),
    );
    let (code, out) = check(&p);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("`all`"), "{out}");
}

#[test]
fn a_role_in_one_language_is_flagged_by_check_and_by_sign() {
    let p = Project::copy_of("minimal");
    let (code, out, err) =
        run(p.letter().args(["sign", "--person", "Rosa Díaz", "--role", "investigadora", "--yes"]));
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("warning: the role `investigadora` is in one language"), "{err}");
    assert!(err.contains("{es: investigadora, en: …}"), "{err}");
    let (code, out) = check(&p);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("individuals.yaml")
            && out.contains("warning: `role` is the same text in every language: “investigadora”"),
        "{out}"
    );
}

#[test]
fn links_to_demands_are_checked_and_markdown_carries_the_anchors() {
    let p = Project::copy_of("minimal");
    let letter = p.read(LETTER).replace(
        "en: Thank you for your attention.",
        "en: Thank you; see [the first](#demand-first) and [another](#demand-secnd).",
    );
    p.write(LETTER, &letter);
    let (code, out) = check(&p);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!("{LETTER}:21:5: error: no demand has the id `secnd` (link `#demand-secnd`)")),
        "{out}"
    );
    assert!(out.contains("did you mean `#demand-second`?"), "{out}");
    assert!(!out.contains("`first`"), "{out}");

    p.write(LETTER, &letter.replace("#demand-secnd", "#demand-second"));
    let (code, _, err) = run(p.letter().args(["build", "--format", "md"]));
    assert_eq!(code, 0, "{err}");
    let md = p.read("out/demo.en.md");
    for id in ["first", "second", "third"] {
        assert!(md.contains(&format!("<a id=\"demand-{id}\"></a>")), "{md}");
    }
    assert!(md.contains("[another](<#demand-second>)"), "{md}");
}

#[test]
fn one_broken_demand_does_not_cascade() {
    let p = Project::copy_of("minimal");
    p.write(
        DEMANDS,
        &p.read(DEMANDS).replace("  body: {es: Cuerpo de la segunda., en: Body of the second.}\n", ""),
    );
    let (code, out) = check(&p);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("missing required key `body`"), "{out}");
    assert!(!out.contains("no demand has the id"), "{out}");
    assert_eq!(out.matches("error:").count(), 1, "{out}");

    p.write(LETTER, &p.read(LETTER).replace("demands: [third]", "demands: [third, fourth]"));
    let (_, out) = check(&p);
    assert!(out.contains("no demand has the id `fourth`"), "an id no entry has is still reported: {out}");
}
