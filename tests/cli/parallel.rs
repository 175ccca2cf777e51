//! `letter build --parallel`: two languages side by side in one HTML page
//! and one PDF, paragraph by paragraph, the signatories once after the text.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use lopdf::{Document, Object};

use crate::util::{Project, run};

/// The flagship's parallel edition, built once for the tests that read it.
struct Built {
    html: String,
    pdf: Document,
}

fn flagship() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let p = Project::flagship();
        let (code, out, err) = run(p.letter().args(["build", "--parallel", "--format", "html,pdf"]));
        assert_eq!(code, 0, "{err}");
        assert!(
            out.contains("out/mexico-2024.es-en.html") && out.contains("out/mexico-2024.es-en.pdf"),
            "{out}"
        );
        let pdf = Document::load_mem(&std::fs::read(p.path("out/mexico-2024.es-en.pdf")).unwrap()).unwrap();
        Built { html: p.read("out/mexico-2024.es-en.html"), pdf }
    })
}

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn page_texts(doc: &Document) -> Vec<String> {
    doc.get_pages().keys().map(|&n| fold(&doc.extract_text(&[n]).unwrap())).collect()
}

/// Every run of text drawn, as (page, x, baseline y, text).
fn runs(doc: &Document) -> Vec<(u32, f32, f32, String)> {
    let mut out = Vec::new();
    for (&n, &id) in &doc.get_pages() {
        let fonts = doc.get_page_fonts(id).unwrap();
        let encodings: BTreeMap<Vec<u8>, lopdf::Encoding> =
            fonts.iter().map(|(name, font)| (name.clone(), font.get_font_encoding(doc).unwrap())).collect();
        let (mut font, mut x, mut y) = (Vec::new(), 0.0, 0.0);
        for op in doc.get_and_decode_page_content(id).unwrap().operations {
            let number = |i: usize| op.operands[i].as_float().unwrap();
            match op.operator.as_str() {
                "Tf" => font = op.operands[0].as_name().unwrap().to_vec(),
                "Tm" => (x, y) = (number(4), number(5)),
                "Tj" | "TJ" => {
                    let strings: Vec<&Object> = match &op.operands[0] {
                        Object::Array(items) => items.iter().collect(),
                        one => vec![one],
                    };
                    let text: String = strings
                        .iter()
                        .filter_map(|o| o.as_str().ok())
                        .map(|bytes| Document::decode_text(&encodings[&font], bytes).unwrap())
                        .collect();
                    out.push((n, x, y, text));
                }
                _ => {}
            }
        }
    }
    out
}

#[test]
fn every_page_of_the_text_holds_both_languages() {
    let pages = page_texts(&flagship().pdf);
    let first_list =
        pages.iter().position(|t| t.contains("Firmantes / Signatories")).expect("a signatories page");
    assert!(first_list >= 4, "the text runs over several pages: {first_list}");
    let running =
        "México ante las medidas migratorias estadounidenses / Mexico facing U.S. migration measures";
    for (i, page) in pages[..first_list].iter().enumerate() {
        // Without the running title and the footer, which name both anyway.
        let text = page.replace(running, "");
        let text = text.split(" Página ").next().unwrap_or_default();
        let words = |w: &str| text.split(' ').filter(|t| t.eq_ignore_ascii_case(w)).count();
        assert!(words("que") + words("los") >= 3, "page {}: no Spanish: {text}", i + 1);
        assert!(words("the") + words("of") >= 3, "page {}: no English: {text}", i + 1);
    }
}

#[test]
fn each_demand_number_stands_level_in_both_columns() {
    let built = flagship();
    let runs = runs(&built.pdf);
    let mid = 595.0 / 2.0;
    for number in 1..=11 {
        let label = format!("{number}.");
        let at: Vec<&(u32, f32, f32, String)> = runs.iter().filter(|r| r.3 == label).collect();
        let left = at.iter().find(|r| r.1 < mid).unwrap_or_else(|| panic!("no {label} on the left"));
        let right = at.iter().find(|r| r.1 > mid && r.0 == left.0 && (r.2 - left.2).abs() < 0.01);
        assert!(right.is_some(), "{label} at page {} y {} has no twin on the right: {at:?}", left.0, left.2);
    }
}

#[test]
fn the_signatories_appear_once_after_the_text() {
    let built = flagship();
    let pdf_text = page_texts(&built.pdf).join(" ");
    for name in ["Alianza Americas", "Red Jesuita con Migrantes"] {
        assert_eq!(pdf_text.matches(name).count(), 1, "{name} in the PDF");
        assert_eq!(built.html.matches(name).count(), 1, "{name} in the HTML");
    }
    let list = built.html.find("id=\"signatories\"").unwrap();
    assert!(built.html.rfind("class=\"pair").unwrap() < list, "the list follows the text");
}

#[test]
fn the_html_pairs_each_paragraph_with_its_translation() {
    let html = &flagship().html;
    assert!(html.contains("<html lang=\"es\">"));
    let pairs: Vec<&str> = html.split("<div class=\"pair").skip(1).collect();
    assert!(pairs.len() > 20, "{}", pairs.len());
    for pair in &pairs {
        let es =
            pair.find("<div class=\"cell\" lang=\"es\">").unwrap_or_else(|| panic!("no es cell: {pair}"));
        let en =
            pair.find("<div class=\"cell\" lang=\"en\">").unwrap_or_else(|| panic!("no en cell: {pair}"));
        assert!(es < en, "Spanish first: {pair}");
    }
    let demand =
        pairs.iter().find(|p| p.contains("id=\"demand-consular-protection\"")).expect("demand 1's row");
    assert!(demand.contains("Fortalecer y ampliar la protección consular"), "{demand}");
    assert!(demand.contains("Strengthen and expand consular protection"), "{demand}");
    assert_eq!(demand.matches("<span class=\"number\">1.</span>").count(), 2, "{demand}");
}

/// The minimal letter in French and German, with every label in both.
fn in_french_and_german() -> Project {
    let p = Project::copy_of("minimal");
    let swap = |text: String| {
        let text = text.replace("{es:", "{fr:").replace("- es:", "- fr:").replace(", en:", ", de:");
        text.replace("    en:", "    de:")
    };
    for rel in
        ["letters/demo/demands.yaml", "signatories/demo/networks.yaml", "signatories/demo/individuals.yaml"]
    {
        p.write(rel, &swap(p.read(rel)));
    }
    let letter =
        swap(p.read("letters/demo/letter.yaml")).replace("languages: [es, en]", "languages: [fr, de]");
    let labels = [
        "signatories",
        "organizations",
        "individuals",
        "members",
        "continued",
        "summary",
        "page",
        "to",
        "demand",
        "other_languages",
        "at_a_glance",
        "count_line",
        "count_line_once",
        "countries",
        "country",
        "no_country",
        "kind_networks",
        "kind_members",
        "kind_organizations",
        "kind_individuals",
        "total",
        "unnamed_organizations",
        "unnamed_individuals",
        "unnamed_members",
    ];
    let mut block: String = labels.iter().map(|k| format!("  {k}: {{fr: fr-{k}, de: de-{k}}}\n")).collect();
    block.push_str("  language_name: {fr: Français, de: Deutsch}\n");
    p.write("letters/demo/letter.yaml", &format!("{letter}labels:\n{block}"));
    p
}

#[test]
fn any_two_languages_in_the_order_asked() {
    let p = in_french_and_german();
    let (code, _, err) =
        run(p.letter().args(["build", "--lang", "de,fr", "--parallel", "--format", "html,pdf"]));
    assert_eq!(code, 0, "{err}");
    let html = p.read("out/demo.de-fr.html");
    assert!(html.contains("<html lang=\"de\">"), "the first language asked is the page's own");
    let de = html.find("<div class=\"cell\" lang=\"de\"><h1>Test letter</h1>").expect("the German title");
    let fr = html.find("<div class=\"cell\" lang=\"fr\"><h1>Carta de prueba</h1>").expect("the French title");
    assert!(de < fr, "German first, as asked");
    assert!(
        html.contains("de-signatories</span> / <span lang=\"fr\">fr-signatories"),
        "both labels head the list"
    );
    let pdf = Document::load(p.path("out/demo.de-fr.pdf")).unwrap();
    let text = fold(&pdf.extract_text(&[1]).unwrap());
    assert!(text.contains("Body of the first") && text.contains("Cuerpo de la primera"), "{text}");
    assert!(!p.path("out/demo.fr-de.html").exists());
}

#[test]
fn one_language_or_no_html_nor_pdf_is_refused_with_a_hint() {
    let p = Project::copy_of("minimal");
    let (code, _, err) = run(p.letter().args(["build", "--lang", "es", "--parallel"]));
    assert_ne!(code, 0);
    assert!(err.contains("--parallel") && err.contains("--lang es,en"), "{err}");
    let (code, _, err) = run(p.letter().args(["build", "--parallel", "--format", "md"]));
    assert_ne!(code, 0);
    assert!(err.contains("--format html,pdf"), "{err}");
    assert!(!p.path("out").exists(), "nothing is written");
}

#[test]
fn a_default_build_writes_no_parallel_edition() {
    let p = Project::copy_of("minimal");
    assert_eq!(run(p.letter().args(["build", "--format", "html"])).0, 0);
    assert!(!p.path("out/demo.es-en.html").exists());
}

#[test]
fn its_templates_are_overridden_like_the_others_and_checked() {
    let p = Project::copy_of("minimal");
    let html = "letters/demo/templates/parallel.html.tera";
    p.write(
        html,
        "{% for r in rows %}{% for c in r.cells %}[{{ c.lang }}:{{ c.text }}]{% endfor %}\n{% endfor %}",
    );
    let (code, _, err) = run(p.letter().args(["build", "--parallel", "--format", "html"]));
    assert_eq!(code, 0, "{err}");
    let out = p.read("out/demo.es-en.html");
    assert!(out.contains("[es:Estimada secretaria][en:Dear Secretary]"), "{out}");
    let pdf = "letters/demo/templates/parallel.pdf.tera";
    p.write(pdf, "::: body\n{% for r in rows %}{{ r.celss }}{% endfor %}\n");
    let (code, out, _) = run(p.letter().arg("check"));
    assert_eq!(code, 1, "check renders the parallel templates too: {out}");
    assert!(out.contains(&format!("{pdf}:2:")) && out.contains("did you mean `cells`?"), "{out}");
}

#[test]
fn markup_in_a_name_shows_literally_and_contact_details_never_show() {
    let p = Project::copy_of("minimal");
    p.append(
        "signatories/demo/organizations.yaml",
        "- name: \"<script>alert(1)</script> *Nopal*\"\n  email: secreto@example.org\n",
    );
    let (code, _, err) = run(p.letter().args(["build", "--parallel", "--format", "html"]));
    assert_eq!(code, 0, "{err}");
    let html = p.read("out/demo.es-en.html");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; *Nopal*"), "{html}");
    assert!(!html.contains("<script>") && !html.contains("secreto@example.org"));
}

#[test]
fn the_shared_signer_lists_give_places_and_keep_the_unnamed_out() {
    let p = Project::copy_of("minimal");
    let people = "signatories/demo/individuals.yaml";
    p.write(people, &format!("{}- name: Xiadani Oculta\n  display: anonymous\n", p.read(people)));
    let (code, _, err) = run(p.letter().args(["build", "--parallel", "--format", "html,pdf"]));
    assert_eq!(code, 0, "{err}");
    let html = p.read("out/demo.es-en.html");
    let pdf = fold(&page_texts(&Document::load(p.path("out/demo.es-en.pdf")).unwrap()).concat());
    for (format, text) in [("html", fold(&html)), ("pdf", pdf.clone())] {
        assert!(!text.contains("Xiadani"), "{format}: an anonymous signer is named");
    }
    assert!(
        html.contains("<span class=\"place\">– ") && pdf.contains(" – "),
        "signers' places in both formats"
    );
    assert!(html.contains("class=\"unnamed\""), "the unnamed are counted in words");
}
