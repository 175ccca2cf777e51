//! The tagged PDF read as a screen reader reads it: the structure tree in
//! order, each element's text taken from the marked content it points to
//! (with `/ActualText` in place of what is drawn), running matter apart.

use std::collections::{BTreeMap, BTreeSet};

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, Object, ObjectId};

use super::{Pdf, flagship, fold, text_string};
use crate::util::{Project, run};

/// One element of the structure tree, in reading order.
#[derive(Debug)]
struct Elem {
    role: String,
    /// How many lists it is in.
    lists: usize,
    /// Its text, without that of the elements inside it.
    own: String,
}

/// The text of every marked-content sequence, by page and MCID.
#[derive(Default)]
struct Marked {
    by_mcid: BTreeMap<(ObjectId, i64), String>,
    artifacts: String,
    unmarked: String,
}

enum Scope {
    Mcid(i64),
    Actual,
    Artifact,
    Other,
}

fn marked(doc: &Document) -> Marked {
    let mut out = Marked::default();
    for page in doc.get_pages().into_values() {
        let fonts = doc.get_page_fonts(page).unwrap();
        let encodings: BTreeMap<Vec<u8>, Encoding> =
            fonts.into_iter().map(|(name, font)| (name, font.get_font_encoding(doc).unwrap())).collect();
        let content = Content::decode(&doc.get_page_content(page)).unwrap();
        let mut stack: Vec<Scope> = Vec::new();
        let mut encoding = None;
        for op in &content.operations {
            let drawn = match op.operator.as_str() {
                "BDC" => {
                    let props = op.operands[1].as_dict().unwrap();
                    let scope = if op.operands[0].as_name().unwrap() == b"Artifact" {
                        Scope::Artifact
                    } else if let Ok(mcid) = props.get(b"MCID") {
                        Scope::Mcid(mcid.as_i64().unwrap())
                    } else if let Ok(actual) = props.get(b"ActualText") {
                        sink(&mut out, page, &stack).push_str(&text_string(actual));
                        Scope::Actual
                    } else {
                        Scope::Other
                    };
                    stack.push(scope);
                    continue;
                }
                "BMC" => {
                    stack.push(Scope::Other);
                    continue;
                }
                "EMC" => {
                    stack.pop().expect("an EMC without its BDC");
                    continue;
                }
                "Tf" => {
                    encoding = encodings.get(op.operands[0].as_name().unwrap());
                    continue;
                }
                "Tj" => vec![&op.operands[0]],
                "TJ" => op.operands[0].as_array().unwrap().iter().collect(),
                _ => continue,
            };
            if stack.iter().any(|s| matches!(s, Scope::Actual)) {
                continue;
            }
            let enc = encoding.expect("a font set before text");
            let text: String = drawn
                .into_iter()
                .filter_map(|o| o.as_str().ok())
                .map(|bytes| Document::decode_text(enc, bytes).unwrap())
                .collect();
            sink(&mut out, page, &stack).push_str(&text);
        }
        assert!(stack.is_empty(), "a BDC without its EMC");
    }
    out
}

fn sink<'a>(out: &'a mut Marked, page: ObjectId, stack: &[Scope]) -> &'a mut String {
    if stack.iter().any(|s| matches!(s, Scope::Artifact)) {
        return &mut out.artifacts;
    }
    match stack.iter().rev().find_map(|s| if let Scope::Mcid(m) = s { Some(*m) } else { None }) {
        Some(mcid) => out.by_mcid.entry((page, mcid)).or_default(),
        None => &mut out.unmarked,
    }
}

/// The structure tree in reading order, and the marked content it reaches.
fn walk(pdf: &Pdf) -> (Vec<Elem>, Marked, usize) {
    let marked = marked(&pdf.doc);
    let root = pdf.catalog().get(b"StructTreeRoot").and_then(Object::as_reference).expect("a structure tree");
    let root = pdf.doc.get_dictionary(root).unwrap();
    assert_eq!(root.get(b"Type").unwrap().as_name().unwrap(), b"StructTreeRoot");
    let mut out = Vec::new();
    let mut reached = 0;
    let top = root.get(b"K").and_then(Object::as_reference).unwrap();
    elem(&pdf.doc, &marked, pdf.doc.get_dictionary(top).unwrap(), 0, &mut out, &mut reached);
    (out, marked, reached)
}

fn elem(doc: &Document, m: &Marked, e: &Dictionary, lists: usize, out: &mut Vec<Elem>, reached: &mut usize) {
    let role = String::from_utf8(e.get(b"S").unwrap().as_name().unwrap().to_vec()).unwrap();
    let at = out.len();
    out.push(Elem { role: role.clone(), lists, own: String::new() });
    let inner = lists + usize::from(role == "L");
    for kid in e.get(b"K").unwrap().as_array().unwrap() {
        match kid {
            Object::Reference(id) => elem(doc, m, doc.get_dictionary(*id).unwrap(), inner, out, reached),
            Object::Dictionary(objr) if objr.get(b"Type").unwrap().as_name().unwrap() == b"OBJR" => {
                let annot =
                    doc.get_dictionary(objr.get(b"Obj").and_then(Object::as_reference).unwrap()).unwrap();
                let uri = annot.get(b"A").unwrap().as_dict().unwrap().get(b"URI").unwrap();
                assert!(annot.get(b"StructParent").is_ok(), "an annotation knows its element");
                assert_eq!(
                    text_string(annot.get(b"Contents").unwrap()),
                    text_string(uri),
                    "and says where it goes"
                );
                out[at].own.push_str(&format!("→{}", text_string(uri)));
            }
            Object::Dictionary(mcr) => {
                let page = mcr.get(b"Pg").and_then(Object::as_reference).unwrap();
                let mcid = mcr.get(b"MCID").unwrap().as_i64().unwrap();
                let text = m.by_mcid.get(&(page, mcid)).expect("an MCID drawn on its page");
                out[at].own.push_str(text);
                *reached += 1;
            }
            other => panic!("unexpected kid {other:?}"),
        }
    }
    out[at].own = fold(&out[at].own);
}

/// Markdown inline markup taken out: what a reader hears.
fn plain(md: &str) -> String {
    let no_anchor = match md.find("</a>") {
        Some(i) => &md[i + 4..],
        None => md,
    };
    let mut out = String::new();
    let mut chars = no_anchor.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' => {}
            '\\' if chars.peek().is_some_and(char::is_ascii_punctuation) => out.extend(chars.next()),
            '\\' => {}
            c => out.push(c),
        }
    }
    fold(&out)
}

fn markdown_en() -> String {
    let p = Project::flagship();
    let (code, _, err) = run(p.letter().args(["build", "--format", "md", "--lang", "en"]));
    assert_eq!(code, 0, "{err}");
    std::fs::read_to_string(p.path("out/mexico-2024.en.md")).unwrap()
}

#[test]
fn the_structure_tree_reads_headings_demands_and_signatories_in_order() {
    let pdf = &flagship().en;
    let (tree, marked, reached) = walk(pdf);
    let md = markdown_en();
    assert_eq!(tree[0].role, "Document");
    assert!(marked.unmarked.trim().is_empty(), "text outside any mark: {:.200}", marked.unmarked);
    assert_eq!(reached, marked.by_mcid.len(), "every marked sequence is in the tree once");

    let of = |role: &str| -> Vec<String> {
        tree.iter().filter(|e| e.role == role).map(|e| e.own.clone()).collect()
    };
    let md_lines = |prefix: &str| -> Vec<String> {
        md.lines().filter_map(|l| l.strip_prefix(prefix)).map(plain).collect()
    };
    assert_eq!(of("H1"), md_lines("# "));
    assert_eq!(of("H2"), md_lines("## "), "section headings, then Signatories");
    assert_eq!(of("H3"), md_lines("### "));

    // The demands: one list per section, numbered in order, each body its lead first.
    let demands: Vec<(String, String)> = md
        .lines()
        .filter_map(|l| l.split_once(". <a id=\"demand-"))
        .map(|(n, rest)| (format!("{n}."), plain(rest)))
        .collect();
    assert!(demands.len() >= 5, "{demands:?}");
    let labels = of("Lbl");
    assert_eq!(labels, demands.iter().map(|d| d.0.clone()).collect::<Vec<_>>());
    let bodies: Vec<&Elem> = tree.iter().filter(|e| e.role == "LBody").take(demands.len()).collect();
    for ((_, want), got) in demands.iter().zip(bodies) {
        assert_eq!(&got.own, want, "a demand's body");
    }

    // The signatories: list items, members in a list inside their network's item.
    let start = tree.iter().position(|e| e.role == "H2" && e.own == "Signatories").unwrap();
    let names: Vec<String> = tree[start..]
        .iter()
        .filter(|e| e.role == "LBody")
        .map(|e| format!("{}{}", "  ".repeat(e.lists - 1), e.own))
        .collect();
    let md_start = md.find("## Signatories").unwrap();
    let md_names: Vec<String> = md[md_start..]
        .lines()
        .filter_map(|l| {
            let depth = l.len() - l.trim_start().len();
            l.trim_start().strip_prefix("- ").map(|name| format!("{}{}", " ".repeat(depth), plain(name)))
        })
        .collect();
    assert_eq!(md_names.len(), 240);
    assert_eq!(names, md_names);
}

/// Over 128 pages, the pages are drawn and converted in parts, each part a
/// document of its own: read from the structure tree, every organization
/// comes back once, in the letter's order, and no text is left unmarked.
#[test]
fn a_letter_drawn_in_parts_reads_every_signer_once_in_order() {
    let p = Project::copy_of("minimal");
    let names: Vec<String> = (0..22_000).map(|i| format!("Grupo Parte {i:05}")).collect();
    let roster: String = names.iter().map(|n| format!("- name: {n}\n  country: MX\n")).collect();
    p.write("signatories/demo/organizations.yaml", &roster);
    let (code, _, err) = run(p.letter().args(["build", "--format", "pdf", "--lang", "en"]));
    assert_eq!(code, 0, "{err}");
    let pdf = Pdf::read(&p.path("out/demo.en.pdf"));
    assert!(pdf.media_boxes().len() >= 128, "{} pages: too few for parts", pdf.media_boxes().len());
    let (tree, marked, reached) = walk(&pdf);
    assert!(marked.unmarked.trim().is_empty(), "text outside any mark: {:.200}", marked.unmarked);
    assert_eq!(reached, marked.by_mcid.len(), "every marked sequence is in the tree once");
    let read: Vec<String> = tree
        .iter()
        .filter(|e| e.role == "LBody")
        .filter_map(|e| e.own.strip_suffix(" – Mexico").filter(|n| n.starts_with("Grupo Parte")))
        .map(str::to_string)
        .collect();
    assert_eq!(read.len(), names.len());
    assert!(read == names, "out of order from {:?}", read.iter().zip(&names).find(|(r, n)| r != n));
    // The tree reads in order whatever order the pages are in: the pages
    // themselves must be in order too.
    let pages = pdf.media_boxes().len() as u32;
    let first: Vec<String> = (1..=pages)
        .filter_map(|n| {
            pdf.page_text(n).split("Grupo Parte ").nth(1).and_then(|t| t.get(..5)).map(str::to_string)
        })
        .collect();
    assert!(first.len() > 100 && first.is_sorted(), "each page's first signer: {first:?}");
}

#[test]
fn running_matter_is_an_artifact_and_broken_words_are_read_whole() {
    let pdf = &flagship().en;
    let (tree, marked, _) = walk(pdf);
    let pages = pdf.media_boxes().len();
    let read: String = tree.iter().map(|e| e.own.as_str()).collect::<Vec<_>>().join(" ");
    for n in 1..=pages {
        let footer = format!("Page {n} of {pages}");
        assert!(!read.contains(&footer) && marked.artifacts.contains(&footer), "{footer}");
    }
    let running = "Mexico facing U.S. migration measures";
    assert_eq!(marked.artifacts.matches(running).count(), pages - 1);
    assert!(!read.contains(running));
    assert!(!read.contains('\u{AD}'), "a soft hyphen is read");
    // Every word read is a word of the letter: none is a fragment of one.
    let words = |s: &str| -> BTreeSet<String> {
        s.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).map(str::to_string).collect()
    };
    let letter = words(&markdown_en());
    let fragments: Vec<String> = words(&read).difference(&letter).cloned().collect();
    assert!(fragments.is_empty(), "read as fragments: {fragments:?}");
}

#[test]
fn catalog_says_tagged_language_title_and_version() {
    for (pdf, lang) in [(&flagship().es, "es"), (&flagship().en, "en")] {
        let marked = pdf.catalog().get(b"MarkInfo").unwrap().as_dict().unwrap().get(b"Marked").unwrap();
        assert!(marked.as_bool().unwrap(), "MarkInfo /Marked");
        assert_eq!(pdf.catalog().get(b"Lang").unwrap().as_str().unwrap(), lang.as_bytes());
        let prefs = pdf.catalog().get(b"ViewerPreferences").unwrap().as_dict().unwrap();
        assert!(prefs.get(b"DisplayDocTitle").unwrap().as_bool().unwrap(), "DisplayDocTitle");
        assert!(pdf.bytes.starts_with(b"%PDF-1.7"), "{:?}", &pdf.bytes[..8]);
        assert_eq!(pdf.doc.version, "1.7");
        let xmp = pdf.catalog().get(b"Metadata").and_then(Object::as_reference).unwrap();
        let xmp = String::from_utf8(pdf.doc.get_object(xmp).unwrap().as_stream().unwrap().content.clone());
        let title = pdf.info("Title").replace('&', "&amp;");
        assert!(xmp.unwrap().contains(&format!("<rdf:li xml:lang=\"x-default\">{title}</rdf:li>")));
    }
}

/// poppler's pdftotext, where installed: it reads no tags, but honours
/// `/ActualText`, so copied text has whole words and no soft hyphens.
#[test]
fn pdftotext_gives_whole_words_and_headings_before_their_names() {
    let Ok(out) = std::process::Command::new("pdftotext").arg("-v").output() else {
        eprintln!("pdftotext is not installed: skipped");
        return;
    };
    assert!(out.status.success() || !out.stderr.is_empty());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("en.pdf");
    std::fs::write(&file, &flagship().en.bytes).unwrap();
    for mode in [None, Some("-raw")] {
        let mut cmd = std::process::Command::new("pdftotext");
        cmd.args(mode).arg(&file).arg("-");
        let text = String::from_utf8(cmd.output().unwrap().stdout).unwrap();
        assert!(!text.contains('\u{AD}'), "{mode:?}: a soft hyphen");
        assert!(text.contains("post-deportation") && text.contains("addressing"), "{mode:?}");
        let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{mode:?}: no {s}"));
        assert!(at("Networks and civil society organizations") < at("Al Otro Lado"), "{mode:?}");
        assert!(at("Individuals") < at("Bernardo Mendez Lugo"), "{mode:?}");
    }
}

#[test]
fn a_link_is_an_element_with_its_annotation() {
    let p = Project::copy_of("minimal");
    let (code, _, err) = run(p.letter().args(["build", "--format", "pdf", "--lang", "en"]));
    assert_eq!(code, 0, "{err}");
    let pdf = Pdf::read(&p.path("out/demo.en.pdf"));
    let (tree, marked, reached) = walk(&pdf);
    assert_eq!(reached, marked.by_mcid.len());
    let links: Vec<&Elem> = tree.iter().filter(|e| e.role == "Link").collect();
    assert_eq!(links.len(), 1, "{tree:?}");
    let (text, uri) = links[0].own.split_once('→').unwrap();
    assert_eq!(uri, "https://example.org/law");
    assert!(!text.trim().is_empty() && pdf.text.contains(text.trim()), "{text:?}");
    let para = tree.iter().find(|e| e.role == "P" && e.own.contains("We write with urgency about")).unwrap();
    assert!(!para.own.contains(text.trim()), "the linked words are the link's, not the paragraph's");
}
