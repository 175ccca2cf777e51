//! The letter this tool exists for: every signer of the seed comes out.

use crate::build::{html_escaped, markdown_text};
use crate::util::{Project, repo, run};

/// (kind, name, text in the seed) for every roster entry of the flagship.
fn seed_signers() -> Vec<(String, String, String)> {
    let tsv = std::fs::read_to_string(repo().join("tests/fixtures/flagship/signers.tsv")).unwrap();
    tsv.lines()
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (cols[0].to_string(), cols[1].to_string(), cols[2].to_string())
        })
        .collect()
}

#[test]
fn the_fixture_lists_names_as_published() {
    let seed = std::fs::read_to_string(repo().join("tests/fixtures/flagship/seed.txt")).unwrap();
    let signers = seed_signers();
    assert_eq!(signers.len(), 240);
    for (_, name, published) in &signers {
        assert!(seed.contains(published.as_str()), "not in the seed: {published}");
        assert!(seed.contains(name.as_str()), "name not as published: {name}");
    }
}

#[test]
fn check_passes_and_notes_the_cross_listed_signers() {
    let p = Project::flagship();
    let (code, out, _) = run(p.letter().arg("check"));
    assert_eq!(code, 0, "{out}");
    let note = |file: &str, who: &str| {
        out.lines().any(|l| {
            l.starts_with(&format!("signatories/mexico-2024/{file}:"))
                && l.contains(": note: ")
                && l.contains(who)
        })
    };
    assert!(note("individuals.yaml", "Leticia Calderón"), "{out}");
    assert!(note("organizations.yaml", "Comunidad en Retorno"), "{out}");
    assert!(out.contains("signatories/mexico-2024/networks.yaml:"), "names the network member's line: {out}");
    assert!(
        out.contains("4 networks with 122 members, 80 organizations, 34 individuals; 240 signatures"),
        "{out}"
    );
}

#[test]
fn every_signer_is_in_every_output() {
    let p = Project::flagship();
    let (code, _, err) = run(p.letter().args(["build", "--format", "md,html"]));
    assert_eq!(code, 0, "{err}");
    for lang in ["es", "en"] {
        let md = markdown_text(&p.read(&format!("out/mexico-2024.{lang}.md")));
        let html = p.read(&format!("out/mexico-2024.{lang}.html"));
        for (kind, name, _) in seed_signers() {
            assert!(md.contains(&name), "{lang} Markdown lacks {kind} {name}");
            assert!(html.contains(&html_escaped(&name)), "{lang} HTML lacks {kind} {name}");
        }
    }
}

#[test]
fn both_languages_carry_their_own_text() {
    let p = Project::flagship();
    run(p.letter().args(["build", "--format", "md"]));
    let es = p.read("out/mexico-2024.es.md");
    let en = p.read("out/mexico-2024.en.md");
    assert!(es.contains("Fortalecer y ampliar la protección consular"));
    assert!(en.contains("Strengthen and expand consular protection"));
    assert!(en.contains("Networks and civil society organizations"));
    for accented in ["á", "é", "í", "ó", "ú", "ñ", "Á", "“", "”"] {
        assert!(es.contains(accented), "Spanish keeps {accented}");
    }
    assert!(!en.contains("Atentamente") && !es.contains("Best regards"));
}

#[test]
fn a_withdrawal_takes_the_name_out_of_every_place_it_is_printed() {
    let p = Project::flagship();
    let (code, out, err) = run(p.letter().args(["withdraw", "Leticia Calderón", "--date", "2025-01-20"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("from 2 places"), "she signs directly and in the GTPM: {out}");
    assert!(out.contains("individuals at signatories/mexico-2024/individuals.yaml:"), "{out}");
    assert!(out.contains("members of Grupo de Trabajo Sobre Política Migratoria-GTPM at"), "{out}");
    let (code, out, err) = run(p.letter().args(["build", "--format", "md,html"]));
    assert_eq!(code, 0, "{out}{err}");
    for lang in ["es", "en"] {
        for format in ["md", "html"] {
            let text = p.read(&format!("out/mexico-2024.{lang}.{format}"));
            assert!(!text.contains("Calderón"), "{lang}.{format} still prints her");
        }
    }
}
