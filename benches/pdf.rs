//! How long the PDF of a 10,000-signer letter takes: the flagship letter
//! with 10,000 generated individuals added to its roster.
//!
//! `cargo bench --bench pdf` (release build). Loading and checking are
//! timed apart from rendering, since only the PDF is this bench's concern.

use std::path::Path;
use std::time::{Duration, Instant};

use letter::render::{self, BuildPlan, Format, Templates};

const SIGNERS: usize = 10_000;
const RUNS: usize = 5;

const GIVEN: [&str; 12] = [
    "Ana",
    "José",
    "María Fernanda",
    "Íñigo",
    "Zoë",
    "Luis Ángel",
    "Sofía",
    "Ñeco",
    "Chloé",
    "Bartholomew",
    "Lupita",
    "Ximena",
];
const FAMILY: [&str; 12] = [
    "Pérez",
    "Núñez-Gutiérrez",
    "de la Fuente",
    "O’Brien",
    "Castañeda",
    "Wojciechowski",
    "Iñárritu",
    "García Márquez",
    "Schmidt",
    "Çelik",
    "Ruiz de Alarcón y Mendoza",
    "Lê",
];
const AFFILIATION: [&str; 4] = [
    "Universidad Nacional Autónoma de México",
    "Colectivo de Acompañamiento a Personas Migrantes y Refugiadas del Sureste",
    "St. Mary’s College of California/Ethnic Studies Dept.",
    "Casa del Migrante",
];

fn main() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for part in ["letters", "signatories"] {
        copy_tree(&repo.join(part), &dir.path().join(part));
    }
    let roster = dir.path().join("signatories/mexico-2024/individuals.yaml");
    let mut yaml = std::fs::read_to_string(&roster).expect("the flagship roster");
    yaml.push_str(&generated());
    std::fs::write(&roster, yaml).expect("a writable roster");

    let start = Instant::now();
    let loaded = letter::load::load(dir.path()).expect("the letter loads");
    let report = letter::check::check(&loaded);
    println!("load and check {} signers: {:.0?}", report.counts.unique_signers, start.elapsed());
    assert!(report.ok, "the generated roster checks");
    let project = &loaded.project;
    let letter = project.letter.as_ref().expect("a letter");
    let templates = Templates::load(&project.layout.templates_dir()).expect("templates");
    for lang in &letter.languages {
        let mut times: Vec<Duration> = (0..RUNS)
            .map(|_| {
                let plan = BuildPlan {
                    letter,
                    roster: &project.roster,
                    counts: &report.counts,
                    templates: &templates,
                    langs: std::slice::from_ref(lang),
                    formats: &[Format::Pdf],
                    out_dir: &dir.path().join("out"),
                    on_written: &|_| {},
                };
                let start = Instant::now();
                render::build(&plan).expect("the PDF renders");
                start.elapsed()
            })
            .collect();
        times.sort();
        let file = dir.path().join(format!("out/mexico-2024.{lang}.pdf"));
        let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        println!(
            "PDF {lang}: median {:.0?}, fastest {:.0?} over {RUNS} runs ({} KiB)",
            times[RUNS / 2],
            times[0],
            size / 1024
        );
    }
}

/// Individuals with accents, long names and affiliations, all distinct.
fn generated() -> String {
    let mut out = String::new();
    for i in 0..SIGNERS {
        let given = GIVEN[i % GIVEN.len()];
        let family = FAMILY[(i / GIVEN.len()) % FAMILY.len()];
        out.push_str(&format!("- name: \"{given} {family} {}\"\n", roman(i)));
        if i % 3 == 0 {
            out.push_str(&format!("  affiliation: \"{}\"\n", AFFILIATION[i % AFFILIATION.len()]));
        }
    }
    out
}

/// A distinct suffix per signer that reads like a name part.
fn roman(i: usize) -> String {
    const SYLLABLES: [&str; 10] = ["ba", "ce", "di", "fo", "gu", "la", "me", "ni", "po", "ru"];
    let mut n = i;
    let mut s = String::from("Ve");
    loop {
        s.push_str(SYLLABLES[n % 10]);
        n /= 10;
        if n == 0 {
            break s;
        }
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a folder");
    for entry in std::fs::read_dir(from).expect("a readable folder").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("a copied file");
        }
    }
}
