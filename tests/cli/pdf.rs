//! `letter build --format pdf`: what a reader, a text extractor and a
//! diff of two builds see in the PDF.
//!
//! The flagship is typeset once for the whole file; each test reads the
//! shared result. Text comes back through lopdf, so no poppler is needed.

use std::sync::OnceLock;

use lopdf::{Document, Object};

use crate::util::{Project, repo, run};

const ORGS: &str = "signatories/demo/organizations.yaml";

/// One built PDF, parsed, with its text folded to single spaces.
struct Pdf {
    bytes: Vec<u8>,
    doc: Document,
    text: String,
}

impl Pdf {
    fn read(path: &std::path::Path) -> Pdf {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let doc = Document::load_mem(&bytes).expect("a PDF lopdf can read");
        let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
        let text = fold(&doc.extract_text(&pages).expect("extractable text"));
        Pdf { bytes, doc, text }
    }

    fn page_text(&self, page: u32) -> String {
        fold(&self.doc.extract_text(&[page]).unwrap())
    }

    fn catalog(&self) -> &lopdf::Dictionary {
        self.doc.catalog().unwrap()
    }

    fn info(&self, key: &str) -> String {
        let id = self.doc.trailer.get(b"Info").and_then(Object::as_reference).unwrap();
        let info = self.doc.get_dictionary(id).unwrap();
        text_string(info.get(key.as_bytes()).unwrap_or_else(|_| panic!("no /{key} in Info")))
    }

    fn media_boxes(&self) -> Vec<Vec<f32>> {
        self.doc
            .get_pages()
            .values()
            .map(|id| {
                let page = self.doc.get_dictionary(*id).unwrap();
                page.get(b"MediaBox")
                    .unwrap()
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|o| o.as_float().unwrap())
                    .collect()
            })
            .collect()
    }

    fn outline_titles(&self) -> Vec<String> {
        let root = self.catalog().get(b"Outlines").and_then(Object::as_reference).expect("an outline");
        let mut next =
            self.doc.get_dictionary(root).unwrap().get(b"First").and_then(Object::as_reference).ok();
        let mut titles = Vec::new();
        while let Some(id) = next {
            let item = self.doc.get_dictionary(id).unwrap();
            titles.push(text_string(item.get(b"Title").unwrap()));
            next = item.get(b"Next").and_then(Object::as_reference).ok();
        }
        titles
    }

    /// Words broken at a line end come back whole: the typesetter draws
    /// their hyphen as a soft hyphen (U+00AD), as the PDF standard asks.
    fn dehyphenated(&self) -> String {
        self.text.replace("\u{AD} ", "").replace('\u{AD}', "")
    }

    /// The targets of the link annotations on every page.
    fn uris(&self) -> Vec<String> {
        let mut out = Vec::new();
        for id in self.doc.get_pages().values() {
            let page = self.doc.get_dictionary(*id).unwrap();
            let Ok(annots) = page.get(b"Annots") else { continue };
            let annots = match annots {
                Object::Reference(r) => self.doc.get_object(*r).unwrap().as_array().unwrap(),
                other => other.as_array().unwrap(),
            };
            for annot in annots {
                let dict = match annot {
                    Object::Reference(r) => self.doc.get_dictionary(*r).unwrap(),
                    other => other.as_dict().unwrap(),
                };
                let action = match dict.get(b"A").unwrap() {
                    Object::Reference(r) => self.doc.get_dictionary(*r).unwrap(),
                    other => other.as_dict().unwrap(),
                };
                out.push(text_string(action.get(b"URI").unwrap()));
            }
        }
        out
    }
}

/// Whitespace folded to single spaces: justification and line ends show
/// up as runs of spaces and newlines in extracted text.
fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text_string(o: &Object) -> String {
    let bytes = o.as_str().expect("a string");
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            String::from_utf16(&utf16.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect::<Vec<_>>())
                .unwrap()
        }
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

struct Flagship {
    es: Pdf,
    en: Pdf,
}

fn flagship() -> &'static Flagship {
    static BUILT: OnceLock<Flagship> = OnceLock::new();
    BUILT.get_or_init(|| {
        let p = Project::flagship();
        let (code, _, err) = run(p.letter().args(["build", "--format", "pdf"]));
        assert_eq!(code, 0, "{err}");
        Flagship {
            es: Pdf::read(&p.path("out/mexico-2024.es.pdf")),
            en: Pdf::read(&p.path("out/mexico-2024.en.pdf")),
        }
    })
}

fn seed_names() -> Vec<String> {
    let tsv = std::fs::read_to_string(repo().join("tests/fixtures/flagship/signers.tsv")).unwrap();
    tsv.lines().map(|l| l.split('\t').nth(1).unwrap().to_string()).collect()
}

#[test]
fn every_seed_signer_comes_back_from_the_text() {
    let names = seed_names();
    assert_eq!(names.len(), 240);
    for (lang, pdf) in [("es", &flagship().es), ("en", &flagship().en)] {
        let missing: Vec<&String> = names.iter().filter(|n| !pdf.text.contains(n.as_str())).collect();
        assert!(missing.is_empty(), "{lang} PDF lacks {} signers: {missing:?}", missing.len());
    }
}

/// A column that begins among a network's members opens with the network's
/// name, so no member stands at a column top without it.
#[test]
fn a_network_continued_in_another_column_repeats_its_name() {
    let bloque = "Bloque Latinoamericano sobre Migración";
    for (pdf, word) in [(&flagship().es, "continuación"), (&flagship().en, "continued")] {
        let continued = format!("{bloque} ({word})");
        let start: String = pdf.text.chars().take(200).collect();
        assert!(pdf.text.contains(&continued), "no `{continued}` in {start}");
        // Its own head once, then only as continued lines.
        assert_eq!(pdf.text.matches(&format!("{bloque} ")).count(), 1 + pdf.text.matches(&continued).count());
    }
}

#[test]
fn the_letters_words_and_accents_come_back() {
    let es = flagship().es.dehyphenated();
    for phrase in [
        "Exigencias de la sociedad civil al Gobierno de México",
        "Fortalecer y ampliar la protección consular a la población de origen mexicano",
        "Reciban un cordial saludo.",
        "Dra. Claudia Sheinbaum Pardo",
        "2 de diciembre de 2024",
    ] {
        assert!(es.contains(phrase), "Spanish PDF lacks {phrase:?}");
    }
    let in_names = seed_names().concat();
    let accented = in_names.chars().chain("áéíóúñÁ“”".chars()).filter(|c| !c.is_ascii());
    for c in accented {
        assert!(es.contains(c), "Spanish PDF lacks {c}");
    }
    let en = flagship().en.dehyphenated();
    assert!(en.contains("Strengthen and expand consular protection"), "{en:.300}");
    assert!(en.contains("December 2, 2024") && !en.contains("Atentamente"));
}

#[test]
fn a4_pages_with_numbered_footers_and_a_running_title() {
    let es = &flagship().es;
    let boxes = es.media_boxes();
    assert!(boxes.len() >= 4, "{} pages", boxes.len());
    for b in &boxes {
        assert!((b[2] - 595.28).abs() < 0.1 && (b[3] - 841.89).abs() < 0.1, "not A4: {b:?}");
    }
    let pages = boxes.len();
    for page in 1..=pages as u32 {
        let text = es.page_text(page);
        assert!(text.contains(&format!("Página {page} de {pages}")), "page {page} footer: {text:.200}");
        let running = text.contains("México ante las medidas migratorias estadounidenses");
        assert_eq!(running, page > 1, "running title only from page 2: {text:.100}");
    }
    assert!(flagship().en.page_text(2).contains(&format!("Page 2 of {}", flagship().en.media_boxes().len())));
}

#[test]
fn metadata_language_and_outline() {
    let es = &flagship().es;
    assert_eq!(es.catalog().get(b"Lang").unwrap().as_str().unwrap(), b"es");
    assert_eq!(flagship().en.catalog().get(b"Lang").unwrap().as_str().unwrap(), b"en");
    assert!(es.info("Title").starts_with("Exigencias de la sociedad civil"));
    assert_eq!(es.info("Subject"), "México ante las medidas migratorias estadounidenses");
    let author = es.info("Author");
    assert!(author.contains("Bloque Latinoamericano sobre Migración; "), "the networks, by `; `: {author}");
    assert!(!author.contains("Al Otro Lado"), "an organization is no author: {author}");
    assert_eq!(es.info("CreationDate"), "D:20241202000000Z", "dated by the letter, not the clock");
    let titles = es.outline_titles();
    assert_eq!(titles.len(), 6, "five sections and the signatories: {titles:?}");
    assert!(titles[1].starts_with("2. Ante un posible aumento de la separación familiar"), "{titles:?}");
    assert_eq!(titles[5], "Firmantes");
    assert_eq!(flagship().en.outline_titles()[5], "Signatories");
}

#[test]
fn fonts_are_embedded_and_subset() {
    let es = &flagship().es;
    let mut programs = 0;
    for object in es.doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(Object::as_name).is_ok_and(|n| n == b"FontDescriptor") {
            let file =
                dict.get(b"FontFile3").or_else(|_| dict.get(b"FontFile2")).expect("an embedded program");
            let stream = es.doc.get_object(file.as_reference().unwrap()).unwrap().as_stream().unwrap();
            assert!(stream.content.len() < 80_000, "font not subset: {} bytes", stream.content.len());
            // Viewers list fonts by this name; a subset carries a six-letter tag.
            let name =
                String::from_utf8_lossy(dict.get(b"FontName").unwrap().as_name().unwrap()).into_owned();
            let (tag, face) = name.split_once('+').unwrap_or(("", &name));
            assert!(tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()), "{name}");
            assert!(face.starts_with("LibertinusSerif-"), "{name}");
            programs += 1;
        }
    }
    assert!(programs >= 3, "regular, bold and italic: {programs}");
    assert!(es.bytes.len() < 400_000, "{} bytes", es.bytes.len());
}

#[test]
fn two_builds_are_byte_identical() {
    let p = Project::copy_of("minimal");
    let (code, _, err) = run(p.letter().args(["build", "--format", "pdf", "--out", "a"]));
    assert_eq!(code, 0, "{err}");
    run(p.letter().args(["build", "--format", "pdf", "--out", "b"]));
    run(p.letter().args(["build", "--format", "pdf", "--lang", "en", "--out", "c"]));
    let read = |f: &str| std::fs::read(p.path(f)).unwrap();
    assert_eq!(read("a/demo.es.pdf"), read("b/demo.es.pdf"));
    assert_eq!(read("a/demo.en.pdf"), read("b/demo.en.pdf"));
    assert_eq!(read("a/demo.en.pdf"), read("c/demo.en.pdf"), "building one language alone changes nothing");
    assert_ne!(read("a/demo.es.pdf"), read("a/demo.en.pdf"));
}

#[test]
fn the_default_build_writes_pdfs_beside_the_other_formats() {
    let p = Project::copy_of("minimal");
    let (code, out, err) = run(p.letter().arg("build"));
    assert_eq!(code, 0, "{err}");
    for file in ["demo.es.md", "demo.es.html", "demo.es.pdf", "demo.en.pdf"] {
        assert!(out.contains(&format!("out/{file}")), "{out}");
    }
    let en = Pdf::read(&p.path("out/demo.en.pdf"));
    for text in
        ["Test letter", "We write with urgency about the law.", "Red Ñandú de Prueba (RÑP)", "Olga Núñez"]
    {
        assert!(en.text.contains(text), "{text:?} not in {}", en.text);
    }
    assert_eq!(en.uris(), ["https://example.org/law"], "the law is a clickable link");
}

#[test]
fn us_letter_and_styles_come_from_an_override() {
    let p = Project::copy_of("minimal");
    p.write("letters/demo/templates/pdf.yaml", "page: letter\ncolumns: 2\n");
    let (code, _, err) = run(p.letter().args(["build", "--format", "pdf", "--lang", "es"]));
    assert_eq!(code, 0, "{err}");
    let b = &Pdf::read(&p.path("out/demo.es.pdf")).media_boxes()[0];
    assert_eq!((b[2], b[3]), (612.0, 792.0));
}

#[test]
fn a_broken_style_or_template_is_named() {
    let p = Project::copy_of("minimal");
    p.write("letters/demo/templates/pdf.yaml", "colums: 2\n");
    let (code, _, err) = run(p.letter().args(["build", "--format", "pdf"]));
    assert_eq!(code, 1, "checked first, like any mistake in the letter: {err}");
    assert!(err.contains("letters/demo/templates/pdf.yaml:1:1: error: unknown key `colums`"), "{err}");
    std::fs::remove_file(p.path("letters/demo/templates/pdf.yaml")).unwrap();
    p.write("letters/demo/templates/letter.pdf.tera", "::: body\nfine\n::: shout\n{{ title }}\n");
    let (code, _, err) = run(p.letter().args(["build", "--format", "pdf"]));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("letters/demo/templates/letter.pdf.tera:3:1: error: PDF markup: `shout`"), "{err}");
}

#[test]
fn names_with_markup_show_literally() {
    let p = Project::copy_of("minimal");
    let hostile =
        ["*Foo* <script>alert(1)</script>", "::: page-break", "# Heading [x](http://y)", "{{ title }}"];
    for name in hostile {
        p.append(ORGS, &format!("- name: {}\n", serde_json::to_string(name).unwrap()));
    }
    let (code, _, err) = run(p.letter().args(["build", "--format", "pdf", "--lang", "en"]));
    assert_eq!(code, 0, "{err}");
    let pdf = Pdf::read(&p.path("out/demo.en.pdf"));
    for name in hostile {
        assert!(pdf.text.contains(name), "{name:?} not shown literally in {}", pdf.text);
    }
    assert_eq!(pdf.uris(), ["https://example.org/law"], "a name's link syntax makes no link");
}

/// One signer in each script the shipped fonts cover, and one mixing
/// Arabic with Latin in a line.
const SCRIPTS: [&str; 11] = [
    "جمعية حقوق الإنسان",
    "ארגון זכויות האדם",
    "人权观察协会",
    "日本の市民団体",
    "한국 시민 연대",
    "मानवाधिकार संगठन",
    "Правозащитный центр",
    "Ελληνική Ένωση",
    "Colectivo 🌵 Verde 🌍",
    "Red Amal أمل para la vida",
    "Salam سلام",
];

#[test]
fn names_in_every_script_come_back_unchanged() {
    let p = Project::copy_of("minimal");
    for name in SCRIPTS {
        p.append(ORGS, &format!("- name: \"{name}\"\n"));
    }
    let (code, _, err) = run(p.letter().args(["build", "--format", "pdf", "--lang", "en"]));
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("warning"), "{err}");
    let pdf = Pdf::read(&p.path("out/demo.en.pdf"));
    let lost: Vec<&str> = SCRIPTS.iter().copied().filter(|n| !pdf.text.contains(n)).collect();
    assert!(lost.is_empty(), "not given back: {lost:?} in {}", pdf.text);
    assert!(!pdf.text.contains('\u{FFFD}'), "{}", pdf.text);
}

#[test]
fn a_character_no_font_has_fails_check_and_build_naming_the_signer() {
    let p = Project::copy_of("minimal");
    p.append(ORGS, "- name: \"Colectivo \u{E000} Privado\"\n");
    let line = p.read(ORGS).lines().count();
    let (code, out, _) = run(p.letter().args(["check", "--strict"]));
    assert_eq!(code, 1, "{out}");
    let at = format!("{ORGS}:{line}:");
    let found: Vec<&str> = out.lines().filter(|l| l.contains("U+E000")).collect();
    assert_eq!(found.len(), 1, "{out}");
    assert!(found[0].contains(&at) && found[0].contains("Colectivo \u{E000} Privado"), "{out}");
    let (code, _, err) = run(p.letter().args(["build", "--format", "pdf"]));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains(&at) && err.contains("U+E000"), "{err}");
    assert!(!p.path("out/demo.en.pdf").exists());
}

mod tagged;
