//! Countries after each signer, and who signed at a glance: the table, the
//! chart and the count line, in every format and both languages.

use lopdf::Document;

use crate::util::{Project, run};

const ORGS: &str = "signatories/demo/organizations.yaml";
const PEOPLE: &str = "signatories/demo/individuals.yaml";
const NETWORKS: &str = "signatories/demo/networks.yaml";

/// The minimal letter with a country on every kind of signer: a code with
/// a city, a code alone, a person's, a network member's region.
fn with_countries() -> Project {
    let p = Project::copy_of("minimal");
    let orgs = p
        .read(ORGS)
        .replace("- name: Nopal Colectivo\n", "- name: Nopal Colectivo\n  country: BR\n  city: São Paulo\n");
    p.write(ORGS, &orgs);
    let people = p.read(PEOPLE).replace("- name: Ángel Ruiz\n", "- name: Ángel Ruiz\n  country: HT\n");
    p.write(PEOPLE, &people);
    let nets = p
        .read(NETWORKS)
        .replace("      - name: Olga Núñez\n", "      - name: Olga Núñez\n        country: Regional\n");
    p.write(NETWORKS, &nets);
    p
}

fn build(p: &Project) {
    let (code, _, err) = run(p.letter().arg("build"));
    assert_eq!(code, 0, "{err}");
}

/// The PDF's text as lopdf extracts it, whitespace folded.
fn pdf_text(p: &Project, lang: &str) -> String {
    let doc = Document::load(p.path(&format!("out/demo.{lang}.pdf"))).expect("a PDF lopdf reads");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn countries_are_named_in_the_readers_language_in_every_format() {
    let p = with_countries();
    build(&p);
    for (lang, brazil, haiti, mexico, role) in [
        ("es", "Brasil", "Haití", "México", "coordinadora"),
        ("en", "Brazil", "Haiti", "Mexico", "coordinator"),
    ] {
        let md = p.read(&format!("out/demo.{lang}.md"));
        let html = p.read(&format!("out/demo.{lang}.html"));
        let pdf = pdf_text(&p, lang);
        let plain = [
            format!("Nopal Colectivo – São Paulo, {brazil}"),
            format!("Asociación Ébano – {mexico}"),
            format!("Ángel Ruiz – {haiti}"),
            format!("{role} – Regional"),
        ];
        let place = |p: String| format!(" <span class=\"place\">– {p}</span>");
        let html_places = [
            format!("Nopal Colectivo</bdi>{}", place(format!("São Paulo, {brazil}"))),
            format!("Asociación Ébano</bdi>{}", place(mexico.into())),
            format!("Ángel Ruiz</bdi>{}", place(haiti.into())),
            format!("{role}</bdi>{}", place("Regional".into())),
        ];
        for (format, text, expected) in
            [("md", &md, &plain), ("pdf", &pdf, &plain), ("html", &html, &html_places)]
        {
            for e in expected {
                assert!(text.contains(e.as_str()), "{lang} {format} lacks {e:?}:\n{text}");
            }
        }
        let other = if lang == "es" { "Brazil" } else { "Brasil" };
        assert!(!md.contains(other), "{lang}: the other language's name");
        for private in ["private-contact@ebano.example.org", "555 000 0000", "called on"] {
            assert!(!md.contains(private) && !html.contains(private) && !pdf.contains(private), "{private}");
        }
    }
}

#[test]
fn a_letter_can_hide_the_places() {
    let p = with_countries();
    let letter = p.read("letters/demo/letter.yaml");
    p.write("letters/demo/letter.yaml", &format!("{letter}labels:\n  countries: {{es: hide, en: hide}}\n"));
    build(&p);
    for lang in ["es", "en"] {
        let md = p.read(&format!("out/demo.{lang}.md"));
        assert!(md.contains("- Nopal Colectivo\n"), "{md}");
        assert!(!md.contains("– São Paulo"), "{md}");
        assert!(!p.read(&format!("out/demo.{lang}.html")).contains("class=\"place\""));
        assert!(!pdf_text(&p, lang).contains("– São Paulo"));
    }
}

#[test]
fn the_count_line_uses_singular_for_one_and_plural_for_many() {
    let p = with_countries();
    build(&p);
    // One network with two members, three organizations (Colectivo Zapote
    // also signs as a member), two individuals.
    let es = "7 firmantes, 8 firmas: 1 red con 2 integrantes, 3 organizaciones y 2 personas; \
              1 firma es de quien también firma directamente o a través de otra red.";
    let en = "7 signers, 8 signatures: 1 network with 2 members, 3 organizations and 2 individuals; \
              1 signature is by a signer who also signs directly or through another network.";
    for (lang, line) in [("es", es), ("en", en)] {
        assert!(p.read(&format!("out/demo.{lang}.md")).contains(line), "{lang} md");
        assert!(p.read(&format!("out/demo.{lang}.html")).contains(line), "{lang} html");
        assert!(pdf_text(&p, lang).contains(line), "{lang} pdf");
    }
    assert!(!p.read("out/demo.es.md").contains("1 redes"));
}

/// The Markdown table's rows: (first cell, numbers).
fn table(md: &str) -> Vec<(String, Vec<usize>)> {
    md.lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| País |") && !l.starts_with("| Country |"))
        .map(|l| {
            let cells: Vec<String> =
                l.trim_matches('|').split(" | ").map(|c| c.trim().replace("**", "")).collect();
            (cells[0].clone(), cells[1..].iter().map(|c| c.parse().unwrap()).collect())
        })
        .collect()
}

/// The SVG chart's rows: (country, total), from its text.
fn chart(html: &str) -> Vec<(String, usize)> {
    let svg = &html[html.find("<svg").unwrap()..html.find("</svg>").unwrap()];
    svg.split("<g class=\"row\">")
        .skip(1)
        .map(|row| {
            let text = |from: &str| {
                let start = row.find(from).unwrap() + from.len();
                let start = start + row[start..].find('>').unwrap() + 1;
                row[start..start + row[start..].find('<').unwrap()].to_string()
            };
            (text("<text "), text("<text class=\"number\"").parse().unwrap())
        })
        .collect()
}

#[test]
fn the_table_and_the_chart_give_the_counts() {
    let p = with_countries();
    let (code, _, err) = run(p.letter().args(["withdraw", "Asociación Ébano", "--date", "2025-02-01"]));
    assert_eq!(code, 0, "{err}");
    build(&p);
    let md = p.read("out/demo.en.md");
    let rows = table(&md);
    let (total, countries) = rows.split_last().unwrap();
    assert_eq!(total.0, "Total");
    // Withdrawn, Asociación Ébano counts nowhere: 7 signatures are left.
    assert_eq!(total.1, [1, 2, 2, 2, 7]);
    for (i, kind) in total.1.iter().enumerate() {
        assert_eq!(countries.iter().map(|r| r.1[i]).sum::<usize>(), *kind, "column {i}");
    }
    for (name, numbers) in countries {
        assert_eq!(numbers[..4].iter().sum::<usize>(), numbers[4], "{name}");
    }
    let by_name = |n: &str| countries.iter().find(|r| r.0 == n).map(|r| r.1.clone());
    assert_eq!(by_name("Brazil"), Some(vec![0, 0, 1, 0, 1]));
    assert_eq!(by_name("Haiti"), Some(vec![0, 0, 0, 1, 1]));
    assert_eq!(by_name("Regional"), Some(vec![0, 1, 0, 0, 1]));
    assert_eq!(by_name("Mexico"), Some(vec![0, 1, 0, 0, 1]), "the member Colectivo Zapote");
    assert_eq!(by_name("Country not given").map(|r| r[4]), Some(3));
    let bars = chart(&p.read("out/demo.en.html"));
    let from_table: Vec<(String, usize)> = countries.iter().map(|(n, v)| (n.clone(), v[4])).collect();
    assert_eq!(bars, from_table, "the chart's bars, in order, are the table's rows");
    let pdf = pdf_text(&p, "en");
    let pdf_chart: String = from_table.iter().map(|(n, total)| format!("{n}: {total} ")).collect();
    let kinds = "Networks: 1 Network members: 2 Organizations: 2 Individuals: 2 ";
    assert!(pdf.contains(&format!("{kinds}{}", pdf_chart.trim_end())), "the PDF chart's labels:\n{pdf}");
    // A bar per kind and one segment per kind a country has: 4 + 1 + 1 + 1 + 1 + 3.
    assert_eq!(filled_rectangles(&p, "en"), 11);
}

/// The filled rectangles the PDF draws: the chart's bar segments.
fn filled_rectangles(p: &Project, lang: &str) -> usize {
    let doc = Document::load(p.path(&format!("out/demo.{lang}.pdf"))).unwrap();
    doc.get_pages()
        .values()
        .map(|id| {
            let ops = doc.get_and_decode_page_content(*id).unwrap().operations;
            ops.windows(2).filter(|w| w[0].operator == "re" && w[1].operator == "f").count()
        })
        .sum()
}

#[test]
fn the_flagship_chart_adds_up_to_its_signatures() {
    let p = Project::flagship();
    let (code, _, err) = run(p.letter().args(["build", "--format", "md,html"]));
    assert_eq!(code, 0, "{err}");
    for lang in ["es", "en"] {
        let rows = table(&p.read(&format!("out/mexico-2024.{lang}.md")));
        assert_eq!(rows.last().unwrap().1, [4, 122, 80, 34, 240], "{lang}");
        let bars = chart(&p.read(&format!("out/mexico-2024.{lang}.html")));
        assert_eq!(bars.iter().map(|b| b.1).sum::<usize>(), 240);
        let honduras = bars.iter().find(|b| b.0 == "Honduras").map(|b| b.1);
        assert_eq!(honduras, Some(5), "{lang}");
    }
    let es = p.read("out/mexico-2024.es.md");
    assert!(es.contains("208 firmantes, 240 firmas: 4 redes con 122 integrantes"), "{es}");
    assert!(es.contains("32 firmas son de quienes"));
    assert!(es.contains("Cáritas Brasileira – Brasil"));
    assert!(p.read("out/mexico-2024.en.md").contains("Cáritas Brasileira – Brazil"));
    assert!(es.contains("(RESAMA) – Regional"));
}

#[test]
fn a_region_is_kept_as_written_and_a_country_by_name_gets_its_code() {
    let p = Project::copy_of("minimal");
    p.append(ORGS, "- name: Sur\n  country: \"<i>Sur</i> Regional\"\n- name: Norte\n  country: Brasil\n");
    let (code, out, _) = run(p.letter().arg("check"));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("note: `<i>Sur</i> Regional` is not a country code: shown as written"), "{out}");
    assert!(out.contains("error: `Brasil` is not a country code"), "{out}");
    assert!(out.contains("`BR` for Brazil"), "{out}");
    let orgs = p.read(ORGS).replace("- name: Norte\n  country: Brasil\n", "");
    p.write(ORGS, &orgs);
    build(&p);
    let html = p.read("out/demo.es.html");
    assert!(
        html.contains("– &lt;i&gt;Sur&lt;&#x2F;i&gt; Regional")
            || html.contains("– &lt;i&gt;Sur&lt;/i&gt; Regional"),
        "{html}"
    );
    assert!(!html.contains("<i>Sur"), "markup in a region is text, in the list and in the chart");
    assert!(p.read("out/demo.es.md").contains("Sur – \\<i\\>Sur\\</i\\> Regional"));
}
