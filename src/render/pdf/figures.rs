//! The typesetting figures of the issue, measured on the flagship in both
//! languages and on the flagship's text signed by 10,000 generated signers,
//! printed (`cargo test --lib figures -- --nocapture`) and held:
//!
//! - at most 10 % of the lines of hyphenated paragraphs end in a hyphen,
//!   and never three in a row;
//! - no paragraph ends on a broken word's tail or on a line of a few letters;
//! - no number is parted from its word ("5.1 million", "3 de diciembre");
//! - no page before the signatories' is less than a third full.

#[path = "../../../benches/support/generate.rs"]
#[allow(dead_code)] // duplicates and signature counts are for the benches
mod generate;

use std::collections::BTreeMap;
use std::path::Path;

use super::paginate::{self, Flow, Layout};
use super::style::Geometry;
use super::typeset::{Item, Line, Setter};
use super::{fonts, hyphenate, prepare};
use crate::model::Lang;
use crate::render::{RenderContext, Templates, label_table, labels_for, view};

/// The fewest letters of a paragraph's last line.
const MIN_LAST: usize = 5;
const MAX_HYPHENATED: f32 = 0.10;
const MIN_FILL: f32 = 1.0 / 3.0;

#[derive(Default)]
struct Figures {
    lines: usize,
    hyphenated: usize,
    most_in_a_row: usize,
    /// The shortest last lines of paragraphs of two lines or more.
    short_last: Vec<String>,
    /// Last lines that are nothing but the tail of a word broken above.
    tails: Vec<String>,
    /// Lines that end in a number, its word on the next line.
    parted_numbers: Vec<String>,
    /// How full each page before the signatories' is, 0 to 1.
    fills: Vec<f32>,
}

impl Figures {
    fn share(&self) -> f32 {
        self.hyphenated as f32 / self.lines.max(1) as f32
    }

    fn print(&self, name: &str) {
        let fills: Vec<String> = self.fills.iter().map(|f| format!("{:.0} %", f * 100.0)).collect();
        println!(
            "{name:<16} {:>3} body lines, {:>2} hyphenated ({:.1} %), at most {} in a row; \
             shortest last lines {:?}; tails {:?}; parted numbers {:?}; pages before the signatories {}",
            self.lines,
            self.hyphenated,
            self.share() * 100.0,
            self.most_in_a_row,
            &self.short_last[..self.short_last.len().min(3)],
            self.tails,
            self.parted_numbers,
            fills.join(", "),
        );
    }

    /// What breaks a goal, in words.
    fn broken(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.share() > MAX_HYPHENATED {
            out.push(format!("{:.1} % of lines hyphenated", self.share() * 100.0));
        }
        if self.most_in_a_row >= 3 {
            out.push(format!("{} hyphens in a row", self.most_in_a_row));
        }
        if let Some(short) = self.short_last.first().filter(|s| s.chars().count() < MIN_LAST) {
            out.push(format!("a last line of {} letters: {short:?}", short.chars().count()));
        }
        if !self.tails.is_empty() {
            out.push(format!("paragraphs end on a word's tail: {:?}", self.tails));
        }
        if !self.parted_numbers.is_empty() {
            out.push(format!("numbers parted from their words: {:?}", self.parted_numbers));
        }
        if let Some(fill) = self.fills.iter().find(|f| **f < MIN_FILL) {
            out.push(format!("a page before the signatories is {:.0} % full", fill * 100.0));
        }
        out
    }

    /// Counts the lines of one paragraph set with hyphenation.
    fn paragraph(&mut self, lines: &[Line]) {
        let texts: Vec<String> = lines.iter().map(text_of).collect();
        self.lines += lines.len();
        let mut run = 0;
        for line in lines {
            run = if line.hyphenated { run + 1 } else { 0 };
            self.hyphenated += usize::from(line.hyphenated);
            self.most_in_a_row = self.most_in_a_row.max(run);
        }
        for pair in texts.windows(2) {
            let number = pair[0].trim_end().chars().last().is_some_and(|c| c.is_ascii_digit());
            if number {
                self.parted_numbers.push(format!("{} / {}", pair[0].trim(), pair[1].trim()));
            }
        }
        if let [.., before, last] = lines {
            let text = text_of(last).trim().to_string();
            if before.hyphenated && !text.contains(' ') {
                self.tails.push(text.clone());
            }
            self.short_last.push(text);
        }
    }

    fn pages(&mut self, layout: &Layout, geo: Geometry, signatories: &str) {
        let first = layout.marks.iter().find(|m| m.title == signatories).map_or(0, |m| m.page);
        for page in &layout.pages[..first] {
            let lowest = page.lines.iter().map(|l| l.y - l.size * 0.3).fold(geo.top, f32::min);
            self.fills.push((geo.top - lowest) / (geo.top - geo.bottom));
        }
    }
}

fn text_of(line: &Line) -> String {
    let items = line.runs.iter().flat_map(|r| &r.items);
    items.filter_map(|i| if let Item::Text(t) = i { Some(t.as_str()) } else { None }).collect()
}

/// Sets every language of the letter at `dir` as `build` would, and
/// measures each.
fn measure(dir: &Path) -> Vec<(String, Figures)> {
    let loaded = crate::load::load(dir).expect("the letter loads");
    let report = crate::check::check(&loaded);
    let project = &loaded.project;
    let letter = project.letter.as_ref().expect("a letter");
    let templates = Templates::load(&project.layout.templates_dir(), &project.layout.sandbox).unwrap();
    let table = label_table(&templates).unwrap();
    let mut out = Vec::new();
    for lang in &letter.languages {
        let labels: BTreeMap<String, String> = labels_for(&table, letter, lang, &templates).unwrap();
        let signatories = view::signatories(&project.roster, lang, letter.sort, &labels);
        let ctx = RenderContext {
            letter,
            counts: &report.counts,
            lang,
            labels: &labels,
            translations: Vec::new(),
            templates: &templates,
            signatories: &signatories,
        };
        out.push((lang.to_string(), figures(&ctx, lang)));
    }
    out
}

fn figures(ctx: &RenderContext, lang: &Lang) -> Figures {
    let (style, doc, _) = prepare(ctx).expect("the letter renders");
    let mut setter = Setter {
        fonts: fonts::fonts(),
        lang: hyphenate::lang(lang.as_str()),
        links: Vec::new(),
        missing: Vec::new(),
    };
    let flow = super::flow(doc.blocks, &style, &mut setter, &mut Vec::new());
    let mut figures = Figures::default();
    for item in &flow {
        if let Flow::Para(unit) = item
            && unit.style.hyphenate
        {
            figures.paragraph(&unit.set.lines);
        }
    }
    figures.short_last.sort_by_key(|s| s.chars().count());
    let geo = style.geometry();
    let layout = paginate::paginate(flow, geo, style.columns, style.column_gap_pt());
    figures.pages(&layout, geo, ctx.labels.get("signatories").map_or("", String::as_str));
    figures
}

/// The flagship's letter, in a project of its own beside 10,000 generated signers.
fn flagship_signed_by_many(root: &Path) -> std::path::PathBuf {
    let dir = generate::write_project(root, &generate::roster(10_000, 15)).expect("a generated project");
    let flagship = Path::new(env!("CARGO_MANIFEST_DIR")).join("letters/mexico-2024");
    for file in ["letter.yaml", "demands.yaml"] {
        let text = std::fs::read_to_string(flagship.join(file)).unwrap();
        std::fs::write(dir.join(file), text.replace("id: mexico-2024", "id: demo")).unwrap();
    }
    dir
}

#[test]
fn typesetting_figures_meet_the_goals() {
    let flagship = Path::new(env!("CARGO_MANIFEST_DIR")).join("letters/mexico-2024");
    let root = tempfile::tempdir().unwrap();
    let many = flagship_signed_by_many(root.path());
    let mut broken = Vec::new();
    for (name, dir) in [("flagship", flagship.as_path()), ("10,000 signers", many.as_path())] {
        for (lang, figures) in measure(dir) {
            let name = format!("{name} {lang}");
            figures.print(&name);
            assert!(figures.lines > 50, "{name}: the letter's paragraphs were measured");
            assert!(!figures.fills.is_empty(), "{name}: the letter's pages were measured");
            broken.extend(figures.broken().into_iter().map(|b| format!("{name}: {b}")));
        }
    }
    assert!(broken.is_empty(), "{broken:#?}");
}
