//! Rosters of any size that look like real sign-on letters, for benchmarks.
//!
//! Names are built the way Mexican and US civil-society groups name
//! themselves (`Casa del Migrante en <town>`, `Centro de Derechos Humanos
//! <proper name>`, `<proper name> Immigrant Rights Coalition`) from common
//! words and invented proper names, so words are as common or as rare as in
//! a real roster. People have one or two given names and one or two
//! surnames, common ones and rarer ones. About one signer in twelve is a near-duplicate of an earlier
//! one, written another way (accents, legal form, acronym, capitals, a
//! typo, a place, a title, a dropped surname), and `duplicate_of` says of
//! which: the benchmark counts how many the engine finds.
//!
//! Deterministic for a given seed, with no dependency: a xorshift generator.

use std::fmt::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Organization,
    Person,
}

#[derive(Debug, Clone)]
pub struct Signer {
    pub kind: Kind,
    pub name: String,
    pub acronym: Option<String>,
    pub country: Option<&'static str>,
    /// The earlier signer this one repeats, written another way.
    pub duplicate_of: Option<usize>,
}

/// `n` signers, three organizations for every two people.
pub fn roster(n: usize, seed: u64) -> Vec<Signer> {
    let mut g = Gen(seed.max(1));
    let mut out: Vec<Signer> = Vec::with_capacity(n);
    while out.len() < n {
        let signer = if out.len() > 10 && g.below(12) == 0 {
            let of = g.below(out.len());
            Signer { duplicate_of: Some(of), ..rewrite(&out[of], &mut g) }
        } else if g.below(5) < 3 {
            organization(&mut g)
        } else {
            person(&mut g)
        };
        out.push(signer);
    }
    out
}

/// Signers per roster file: one YAML document may hold at most 250,000
/// nodes (the parser's budget), about 60,000 organizations, so large rosters
/// are folders of files, as organizers are told to split them.
pub const PER_FILE: usize = 10_000;

/// One organization in this many leads a network of the signers after it.
const NETWORK_EVERY: usize = 100;
/// How many signers after a network's leader are its members.
const MEMBERS: usize = 20;

/// Writes a project with the demo letter of `tests/fixtures/minimal` signed
/// by `signers`, and returns the letter's folder (`<root>/letters/demo`).
///
/// Like a real letter, some organizations are networks: every hundredth
/// signer, when an organization, heads a network whose members are the
/// twenty signers after it; one member in five also signs directly (a
/// cross-listed signer), the others only through the network.
pub fn write_project(root: &Path, signers: &[Signer]) -> std::io::Result<PathBuf> {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal/letters/demo");
    let letter = root.join("letters/demo");
    std::fs::create_dir_all(&letter)?;
    for file in ["letter.yaml", "demands.yaml"] {
        std::fs::copy(fixture.join(file), letter.join(file))?;
    }
    let (networks, direct) = networks_and_direct(signers);
    let dir = root.join("signatories/demo/networks");
    std::fs::create_dir_all(&dir)?;
    for (i, part) in networks.chunks(PER_FILE / MEMBERS).enumerate() {
        std::fs::write(dir.join(format!("part-{i:03}.yaml")), networks_yaml(part))?;
    }
    for (kind, folder) in [(Kind::Organization, "organizations"), (Kind::Person, "individuals")] {
        let dir = root.join("signatories/demo").join(folder);
        std::fs::create_dir_all(&dir)?;
        let of_kind: Vec<&Signer> = direct.iter().copied().filter(|s| s.kind == kind).collect();
        for (i, part) in of_kind.chunks(PER_FILE).enumerate() {
            std::fs::write(dir.join(format!("part-{i:03}.yaml")), yaml(part))?;
        }
    }
    Ok(letter)
}

/// How many signatures the project `write_project` makes of `signers`
/// holds: each signer once, and again for a network member that also
/// signs directly.
pub fn signatures(signers: &[Signer]) -> usize {
    let (networks, direct) = networks_and_direct(signers);
    networks.iter().map(|(_, members)| 1 + members.len()).sum::<usize>() + direct.len()
}

/// A network: its leader and its members.
type Network<'a> = (&'a Signer, &'a [Signer]);

fn networks_and_direct(signers: &[Signer]) -> (Vec<Network<'_>>, Vec<&Signer>) {
    let mut networks = Vec::new();
    let mut direct = Vec::new();
    let mut i = 0;
    while i < signers.len() {
        let s = &signers[i];
        if i % NETWORK_EVERY == 0 && s.kind == Kind::Organization && i + 1 < signers.len() {
            let members = &signers[i + 1..(i + 1 + MEMBERS).min(signers.len())];
            networks.push((s, members));
            direct.extend(members.iter().step_by(5));
            i += 1 + members.len();
        } else {
            direct.push(s);
            i += 1;
        }
    }
    (networks, direct)
}

fn networks_yaml(networks: &[Network]) -> String {
    let mut out = String::new();
    for (lead, members) in networks {
        let _ = writeln!(out, "- name: {}", quoted(&lead.name));
        let _ = writeln!(out, "  members:");
        for (kind, key) in [(Kind::Organization, "organizations"), (Kind::Person, "people")] {
            let of_kind: Vec<&Signer> = members.iter().filter(|m| m.kind == kind).collect();
            if !of_kind.is_empty() {
                let _ = writeln!(out, "    {key}:");
                out.push_str(&indented(&yaml(&of_kind), "      "));
            }
        }
    }
    out
}

fn indented(text: &str, by: &str) -> String {
    text.lines().map(|l| format!("{by}{l}\n")).collect()
}

/// A roster file holding `signers`.
pub fn yaml(signers: &[&Signer]) -> String {
    let mut out = String::new();
    for s in signers {
        let _ = writeln!(out, "- name: {}", quoted(&s.name));
        if let Some(a) = &s.acronym {
            let _ = writeln!(out, "  acronym: {}", quoted(a));
        }
        if let Some(c) = s.country {
            let _ = writeln!(out, "  country: {c}");
        }
    }
    out
}

fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// An invented proper name (`Tlacopan`, `Xochimeta`): rare words.
    fn proper(&mut self) -> String {
        const SYLLABLES: &[&str] = &[
            "tla", "co", "pan", "xo", "chi", "mi", "ri", "ta", "hue", "yo", "lo", "na", "te", "ca", "zu",
            "me", "qui", "ma", "sa", "to", "ix", "tu", "ne", "pe", "cal", "li", "ha", "ro", "bel", "dor",
            "vi", "len",
        ];
        let n = 2 + self.below(3);
        let word: String = (0..n).map(|_| self.pick(SYLLABLES)).collect();
        capitalized(&word)
    }
}

fn capitalized(word: &str) -> String {
    let mut c = word.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

const TOWNS: &[&str] = &[
    "Tijuana",
    "Juárez",
    "Saltillo",
    "Monterrey",
    "Tapachula",
    "Oaxaca",
    "Puebla",
    "Guadalajara",
    "Torreón",
    "Mexicali",
    "Nogales",
    "Reynosa",
    "Matamoros",
    "Veracruz",
    "Chiapas",
    "Tucson",
    "El Paso",
    "San Diego",
    "Houston",
    "Los Ángeles",
    "Chicago",
    "Nueva York",
    "San Antonio",
    "Phoenix",
    "Guatemala",
    "Tegucigalpa",
    "San Salvador",
    "Quetzaltenango",
    "Acapulco",
    "Querétaro",
    "León",
    "Morelia",
    "Zacatecas",
    "Durango",
];
const COUNTRIES: &[(&str, &str)] =
    &[("México", "MX"), ("Guatemala", "GT"), ("Honduras", "HN"), ("El Salvador", "SV"), ("Ecuador", "EC")];
const LEGAL: &[&str] = &["", "", "", " A.C.", ", A.C.", " AC", " I.A.P.", ", Inc.", " LLC", " S.C."];

fn organization(g: &mut Gen) -> Signer {
    let name = match g.below(6) {
        0 => format!("Casa del Migrante {} {} {}", g.proper(), g.pick(&["en", "de"]), g.pick(TOWNS)),
        1 => {
            format!("{} {} {}", g.pick(&["Centro", "Comité", "Red", "Colectivo"]), g.pick(TOPICS), g.proper())
        }
        2 => format!("{} {} {}", g.pick(&["Fundación", "Asociación", "Albergue"]), g.proper(), g.proper()),
        3 => format!("{} {}", g.proper(), g.pick(ENGLISH)),
        4 => format!(
            "{} {} {} de {}",
            g.pick(&["Red", "Frente", "Alianza"]),
            g.proper(),
            g.pick(TOPICS),
            g.pick(TOWNS)
        ),
        _ => format!("{} {} {}", g.pick(&["Instituto", "Programa", "Servicio"]), g.pick(TOPICS), g.proper()),
    };
    let acronym = (g.below(4) == 0).then(|| initials(&name));
    let country = (g.below(3) == 0).then(|| COUNTRIES[g.below(COUNTRIES.len())].1);
    Signer { kind: Kind::Organization, name: name + g.pick(LEGAL), acronym, country, duplicate_of: None }
}

const TOPICS: &[&str] = &[
    "de Derechos Humanos",
    "para Migrantes",
    "de Apoyo al Migrante",
    "por la Justicia",
    "de Mujeres Migrantes",
    "de la Niñez Migrante",
    "de Refugiados",
    "de Atención a la Familia",
    "por la Dignidad",
    "de Acompañamiento",
];
const ENGLISH: &[&str] = &[
    "Immigrant Rights Coalition",
    "Refugee Project",
    "Border Network",
    "Legal Aid Center",
    "Welcome Committee",
    "Justice Alliance",
    "Human Rights Center",
    "Solidarity Network",
];

fn initials(name: &str) -> String {
    let small = ["de", "del", "la", "el", "en", "para", "por", "al", "a", "y", "the", "of", "for"];
    name.split(' ')
        .filter(|w| !small.contains(w))
        .filter_map(|w| w.chars().next())
        .collect::<String>()
        .to_uppercase()
}

const GIVEN: &[&str] = &[
    "María",
    "José",
    "Juan",
    "Ana",
    "Luis",
    "Carmen",
    "Carlos",
    "Laura",
    "Jorge",
    "Rosa",
    "Miguel",
    "Elena",
    "Pedro",
    "Sofía",
    "Javier",
    "Lucía",
    "Manuel",
    "Patricia",
    "Ricardo",
    "Gabriela",
    "Fernando",
    "Isabel",
    "Andrés",
    "Mónica",
    "Raúl",
    "Verónica",
    "Héctor",
    "Claudia",
    "Sergio",
    "Adriana",
    "Mary",
    "John",
    "Sarah",
    "David",
    "Karen",
    "Michael",
    "Leticia",
    "Tomás",
    "Yadira",
    "Blanca",
    "Camilo",
    "Ivanna",
    "Nora",
    "Félix",
];
const SURNAMES: &[&str] = &[
    "García",
    "Hernández",
    "López",
    "Martínez",
    "González",
    "Pérez",
    "Rodríguez",
    "Sánchez",
    "Ramírez",
    "Cruz",
    "Flores",
    "Gómez",
    "Morales",
    "Vázquez",
    "Reyes",
    "Jiménez",
    "Torres",
    "Díaz",
    "Gutiérrez",
    "Ruiz",
    "Mendoza",
    "Aguilar",
    "Ortiz",
    "Moreno",
    "Castillo",
    "Romero",
    "Álvarez",
    "Méndez",
    "Chávez",
    "Rivera",
    "Juárez",
    "Ramos",
    "Domínguez",
    "Herrera",
    "Medina",
    "Castro",
    "Vargas",
    "Guzmán",
    "Velázquez",
    "Salazar",
    "Calderón",
    "Navarrete",
    "Zavala",
    "Quiroz",
    "Villarreal",
    "Bustillo",
    "Smith",
    "Johnson",
    "Brown",
    "Lears",
];

fn person(g: &mut Gen) -> Signer {
    let given = |g: &mut Gen| if g.below(2) == 0 { g.pick(GIVEN).to_string() } else { g.proper() };
    let mut name = given(g);
    if g.below(3) == 0 {
        name = format!("{name} {}", given(g));
    }
    // Common surnames and rarer ones, as real rosters have.
    let surname = |g: &mut Gen| if g.below(2) == 0 { g.pick(SURNAMES).to_string() } else { g.proper() };
    name = format!("{name} {}", surname(g));
    if g.below(3) > 0 {
        name = format!("{name} {}", surname(g));
    }
    Signer { kind: Kind::Person, name, acronym: None, country: None, duplicate_of: None }
}

/// The same signer written another way, as organizers do.
fn rewrite(s: &Signer, g: &mut Gen) -> Signer {
    let mut out = Signer { duplicate_of: None, ..s.clone() };
    let base = strip_legal(&s.name);
    out.name = match (s.kind, g.below(6)) {
        (Kind::Organization, 0) => format!("{base}{}", g.pick(LEGAL)),
        (Kind::Organization, 1) => format!("{} ({})", s.name, initials(&base)),
        (Kind::Organization, 2) => format!("{base} - {}", s.country.map_or("México", country_name)),
        (Kind::Person, 0) => format!("{} {}", g.pick(&["Dr.", "Dra.", "Lic.", "Mtro.", "Sister"]), s.name),
        (Kind::Person, 1) => drop_last_word(&s.name),
        (Kind::Person, 2) => s.name.rsplit_once(' ').map_or(s.name.clone(), |(a, b)| format!("{a}-{b}")),
        (_, 3) => s.name.to_uppercase(),
        (_, 4) => typo(&s.name, g),
        _ => without_accents(&s.name),
    };
    out
}

fn country_name(code: &str) -> &'static str {
    COUNTRIES.iter().find(|c| c.1 == code).map_or("México", |c| c.0)
}

fn strip_legal(name: &str) -> String {
    let legal = LEGAL.iter().filter(|l| !l.is_empty()).find(|l| name.ends_with(*l));
    legal.map_or(name, |l| &name[..name.len() - l.len()]).to_string()
}

fn drop_last_word(name: &str) -> String {
    let words: Vec<&str> = name.split(' ').collect();
    if words.len() > 2 { words[..words.len() - 1].join(" ") } else { name.to_string() }
}

/// Two neighbouring letters swapped in the longest word.
fn typo(name: &str, g: &mut Gen) -> String {
    let longest = name.split(' ').max_by_key(|w| w.chars().count()).unwrap_or_default();
    let chars: Vec<char> = longest.chars().collect();
    if chars.len() < 6 {
        return name.to_string();
    }
    let at = 2 + g.below(chars.len() - 3);
    let mut swapped = chars.clone();
    swapped.swap(at, at + 1);
    name.replacen(longest, &swapped.into_iter().collect::<String>(), 1)
}

fn without_accents(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            'á' => 'a',
            'é' => 'e',
            'í' => 'i',
            'ó' => 'o',
            'ú' => 'u',
            'ñ' => 'n',
            'Á' => 'A',
            'É' => 'E',
            'Ó' => 'O',
            other => other,
        })
        .collect()
}
