//! Reading an organizer's project from disk into the model.
//!
//! A project is laid out as
//!
//! ```text
//! letters/<id>/letter.yaml      the letter
//! letters/<id>/demands.yaml     its demands
//! letters/<id>/templates/       optional template overrides
//! signatories/<id>/             its rosters: networks, organizations, individuals
//! ```
//!
//! Loading never stops at the first bad file: each problem becomes a
//! `Diagnostic` and the rest is still read, so `check` can report everything
//! at once. Only a project that cannot be found or read is a `LoadError`.

mod convert;
mod entries;
mod fs;
mod history;
mod layout;
mod prose;
mod raw;
mod reviewed;
mod yaml;

pub use convert::{is_slug, lang_list, parse_date};
pub use fs::{Sandbox, tidy, whole_file};
pub use layout::{Layout, locate};
pub use yaml::{did_you_mean, parse as parse_yaml};

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::model::*;
use crate::par;
use convert::Ctx;
use raw::*;

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: no such file or folder", .0.display())]
    NotFound(PathBuf),
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{}: no letter here\n  hint: run it in a project folder or name one, e.g. `letter check path/to/project`; a project holds letters/<id>/letter.yaml, and `letter init <id>` starts one", .0.display())]
    NoLetter(PathBuf),
    #[error("{}: holds several letters ({}); name the one you mean, e.g. `{}`", path.display(), letters.join(", "), letters[0])]
    SeveralLetters { path: PathBuf, letters: Vec<String> },
    #[error("{}: a letter's folder must be inside a `letters/` folder\n  hint: lay the project out as <root>/letters/<id>/letter.yaml with the signers in <root>/signatories/<id>/", .0.display())]
    NotInProject(PathBuf),
}

/// A letter with everyone who signs it, as read from disk.
#[derive(Debug)]
pub struct Project {
    pub layout: Layout,
    /// `None` when letter.yaml could not be read as a letter; the reason is
    /// among the diagnostics.
    pub letter: Option<Letter>,
    pub roster: Roster,
}

#[derive(Debug)]
pub struct Loaded {
    pub project: Project,
    pub diagnostics: Vec<Diagnostic>,
}

/// The organizers' decisions about possible duplicates, beside the rosters.
const REVIEWED: &str = "reviewed";

/// The names a file or folder in `signatories/<id>/` may have.
fn roster_names() -> impl Iterator<Item = &'static str> {
    SignerKind::ALL.iter().map(|kind| kind.roster()).chain([REVIEWED, history::FILE])
}

/// The languages assumed when a letter does not say.
pub fn default_languages() -> Vec<Lang> {
    ["es", "en"].iter().filter_map(|c| Lang::parse(c)).collect()
}

/// Loads the letter at or under `path` with its demands and rosters.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let layout = locate(path)?;
    let mut diags = Vec::new();
    let letter = load_letter(&layout, &mut diags)?;
    let langs = letter.as_ref().map_or_else(default_languages, |l| l.languages.clone());
    misplaced_rosters(&layout, &mut diags)?;
    let roster = load_roster(&layout.roster_dir, &layout.sandbox, &langs, &mut diags)?;
    Ok(Loaded { project: Project { layout, letter, roster }, diagnostics: diags })
}

/// Reads and parses one YAML file; a file that cannot be parsed adds its
/// finding and yields `None`.
fn parse_file<T: serde::de::DeserializeOwned>(
    path: &Path,
    sandbox: &Sandbox,
    diags: &mut Vec<Diagnostic>,
) -> Result<Option<(T, Origin)>, LoadError> {
    let origin = fs::whole_file(path);
    let parsed = fs::read_text(path, sandbox)?.and_then(|src| yaml::parse::<T>(&src, &origin));
    Ok(match parsed {
        Ok(value) => Some((value, origin)),
        Err(d) => {
            diags.push(d);
            None
        }
    })
}

fn load_letter(layout: &Layout, diags: &mut Vec<Diagnostic>) -> Result<Option<Letter>, LoadError> {
    let Some((raw, origin)) = parse_file::<RawLetter>(&layout.letter_file(), &layout.sandbox, diags)? else {
        return Ok(None);
    };
    let langs = languages(&raw, &origin, diags);
    let mut ctx = Ctx { file: &origin, langs: &langs, diags };
    let mut letter = letter(&mut ctx, &raw, &layout.id);
    letter.links = prose::check(&mut ctx, &prose::of_letter(&raw));
    letter.languages = langs.clone();
    let demands_file = layout.demands_file();
    if !demands_file.is_file() {
        return Ok(Some(letter));
    }
    match parse_file::<Vec<S<RawDemand>>>(&demands_file, &layout.sandbox, diags)? {
        Some((raw, origin)) => {
            let mut ctx = Ctx { file: &origin, langs: &langs, diags };
            letter.demands = raw.iter().map(|d| convert::demand(&mut ctx, d)).collect();
            for d in &raw {
                letter.links.extend(prose::check(&mut ctx, &prose::of_demand(&d.value)));
            }
        }
        None => letter.demands_read = demand_ids(&demands_file, &layout.sandbox),
    }
    Ok(Some(letter))
}

/// Only the ids of a demands.yaml that did not read as demands (its finding
/// is already made): enough to know which ids the sections may list.
fn demand_ids(path: &Path, sandbox: &Sandbox) -> DemandsRead {
    #[derive(serde::Deserialize)]
    struct OnlyId {
        id: Option<String>,
    }
    let origin = fs::whole_file(path);
    let read = fs::read_text(path, sandbox).ok().and_then(Result::ok);
    match read.and_then(|src| yaml::parse::<Vec<OnlyId>>(&src, &origin).ok()) {
        Some(entries) => DemandsRead::IdsOnly(entries.into_iter().filter_map(|e| e.id).collect()),
        None => DemandsRead::Nothing,
    }
}

fn languages(raw: &RawLetter, file: &Origin, diags: &mut Vec<Diagnostic>) -> Vec<Lang> {
    let Some(list) = &raw.languages else { return default_languages() };
    let ctx = Ctx { file, langs: &[], diags };
    let mut langs: Vec<Lang> = Vec::new();
    for code in &list.value {
        let at = ctx.at(code);
        match Lang::parse(&code.value) {
            Some(lang) if langs.contains(&lang) => ctx.diags.push(
                Diagnostic::error("duplicate-language", &at, format!("`{lang}` is listed twice"))
                    .with_hint("list each language once"),
            ),
            Some(lang) => langs.push(lang),
            None => ctx.diags.push(
                Diagnostic::error(
                    "unknown-language",
                    &at,
                    format!("`{}` is not a language code", code.value),
                )
                .with_hint("use a language code such as `es` or `en`"),
            ),
        }
    }
    if langs.is_empty() {
        let at = ctx.at(list);
        ctx.diags.push(
            Diagnostic::error("no-language", &at, "the letter declares no language")
                .with_hint("write e.g. `languages: [es, en]`"),
        );
        return default_languages();
    }
    langs
}

fn letter(ctx: &mut Ctx, raw: &RawLetter, folder_id: &str) -> Letter {
    let id = ctx.slug(&raw.id, "letter id");
    if id != folder_id {
        let at = ctx.at(&raw.id);
        ctx.diags.push(
            Diagnostic::error("id-mismatch", &at, format!("the letter's id `{id}` differs from its folder `{folder_id}`"))
                .with_hint(format!("write `id: {folder_id}`, or rename the folder; signers are read from signatories/{folder_id}/")),
        );
    }
    let labels = raw
        .labels
        .iter()
        .map(|(key, text)| {
            let label =
                Label { text: ctx.partial_text(text, &format!("labels.{key}")), origin: ctx.at(text) };
            (key.clone(), label)
        })
        .collect();
    Letter {
        id,
        date: ctx.date(&raw.date),
        place: ctx.text(&raw.place, "place"),
        languages: Vec::new(),
        title: ctx.text(&raw.title, "title"),
        short_title: ctx.opt_text(&raw.short_title, "short_title"),
        addressees: raw
            .addressees
            .iter()
            .map(|a| Addressee {
                name: ctx.text(&a.value.name, "name"),
                role: ctx.opt_text(&a.value.role, "role"),
            })
            .collect(),
        greeting: ctx.text(&raw.greeting, "greeting"),
        opening: raw.opening.iter().map(|p| ctx.text(p, "opening")).collect(),
        sections: raw.sections.iter().map(|s| section(ctx, s)).collect(),
        closing: raw.closing.iter().map(|p| ctx.text(p, "closing")).collect(),
        sign_off: ctx.text(&raw.sign_off, "sign_off"),
        labels,
        sort: ctx.sort_order(&raw.sort),
        demands: Vec::new(),
        demands_read: DemandsRead::All,
        links: Vec::new(),
        origin: ctx.file.clone(),
    }
}

fn section(ctx: &mut Ctx, raw: &S<RawSection>) -> Section {
    let r = &raw.value;
    Section {
        heading: ctx.text(&r.heading, "heading"),
        intro: ctx.opt_text(&r.intro, "intro"),
        demands: r.demands.iter().map(|id| (id.value.clone(), ctx.at(id))).collect(),
        origin: ctx.at(raw),
    }
}

fn load_roster(
    dir: &Path,
    sandbox: &Sandbox,
    langs: &[Lang],
    diags: &mut Vec<Diagnostic>,
) -> Result<Roster, LoadError> {
    let mut roster = Roster::default();
    if !dir.is_dir() {
        return Ok(roster);
    }
    unknown_roster_files(dir, diags)?;
    let mut jobs = Vec::new();
    for kind in SignerKind::ALL {
        jobs.extend(roster_files(dir, kind.roster())?.into_iter().map(|file| (kind, file)));
    }
    // Files parse independently; a large roster is a folder of them.
    let size = |(_, file): &(SignerKind, PathBuf)| std::fs::metadata(file).map_or(0, |m| m.len());
    let loaded = par::map_coarse(&jobs, size, |(kind, file)| load_file(*kind, file, sandbox, langs))
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?;
    let (mut networks, mut organizations, mut individuals) = (Vec::new(), Vec::new(), Vec::new());
    for (part, file_diags) in loaded {
        diags.extend(file_diags);
        networks.push(part.networks);
        organizations.push(part.organizations);
        individuals.push(part.individuals);
    }
    // Each kind's files are joined on a core of their own: at 100,000
    // signers that is tens of megabytes of entries, into fresh memory.
    let (n, (o, i)) = par::join(
        || par::concat(networks),
        || par::join(|| par::concat(organizations), || par::concat(individuals)),
    );
    (roster.networks, roster.organizations, roster.individuals) = (n, o, i);
    for file in roster_files(dir, REVIEWED)? {
        roster.reviews.extend(reviewed::load(&file, sandbox, diags)?);
    }
    for file in roster_files(dir, history::FILE)? {
        roster.history.extend(history::load(&file, sandbox, diags)?);
    }
    history::apply(&mut roster, diags);
    Ok(roster)
}

/// One roster file, as a roster holding only its kind's entries.
fn load_file(
    kind: SignerKind,
    file: &Path,
    sandbox: &Sandbox,
    langs: &[Lang],
) -> Result<(Roster, Vec<Diagnostic>), LoadError> {
    Ok(match fs::read_text(file, sandbox)? {
        Ok(src) => parse_roster(kind, &src, file, langs),
        Err(d) => (Roster::default(), vec![d]),
    })
}

/// A roster is `<kind>.yaml` (or `.yml`), a `<kind>/` folder of such files, or both.
pub fn roster_files(dir: &Path, kind: &str) -> Result<Vec<PathBuf>, LoadError> {
    let mut files: Vec<PathBuf> =
        ["yaml", "yml"].iter().map(|ext| dir.join(format!("{kind}.{ext}"))).filter(|p| p.is_file()).collect();
    let folder = dir.join(kind);
    if folder.is_dir() {
        files.extend(fs::yaml_files_in(&folder)?);
    }
    Ok(files)
}

fn parse_list<R: entries::Entry, T>(
    src: &str,
    origin: &Origin,
    langs: &[Lang],
    diags: &mut Vec<Diagnostic>,
    convert: fn(&mut Ctx, &S<R>) -> T,
) -> Vec<T> {
    let raw = entries::read::<R>(src, origin, diags);
    let mut ctx = Ctx { file: origin, langs, diags };
    // Sized up front: a flattened iterator does not know its length.
    let mut entries = Vec::with_capacity(raw.len());
    entries.extend(raw.iter().flatten().map(|r| convert(&mut ctx, r)));
    entries
}

/// Parses the text of one roster file of `kind` the way `load` reads it
/// from disk: also for fuzzing, and for tools that already hold the text.
pub fn parse_roster(kind: SignerKind, src: &str, file: &Path, langs: &[Lang]) -> (Roster, Vec<Diagnostic>) {
    let (mut roster, mut diags) = (Roster::default(), Vec::new());
    let origin = fs::whole_file(file);
    match kind {
        SignerKind::Network => {
            roster.networks = parse_list(src, &origin, langs, &mut diags, convert::network)
        }
        SignerKind::Organization => {
            roster.organizations = parse_list(src, &origin, langs, &mut diags, convert::organization)
        }
        SignerKind::Person => {
            roster.individuals = parse_list(src, &origin, langs, &mut diags, convert::individual)
        }
    }
    (roster, diags)
}

/// What `load` would find in `src` if it were the roster file `file`:
/// `sign` and `import` ask before they write, so that no file they leave
/// behind is one `check` refuses (too large, or unreadable).
pub fn roster_findings(kind: SignerKind, src: &str, file: &Path, langs: &[Lang]) -> Vec<Diagnostic> {
    match fs::too_large(src.len() as u64, &fs::whole_file(file)) {
        Some(d) => vec![d],
        None => parse_roster(kind, src, file, langs).1,
    }
}

/// The kind of signers a file under the roster folder `dir` holds: named by
/// the file (`organizations.yaml`) or by its folder (`organizations/x.yaml`).
pub fn roster_kind(dir: &Path, file: &Path) -> Option<SignerKind> {
    let first = file.strip_prefix(dir).ok()?.components().next()?;
    let stem = Path::new(first.as_os_str()).file_stem()?.to_str()?;
    SignerKind::ALL.into_iter().find(|kind| kind.roster() == stem)
}

/// A misspelled roster file would silently drop its signers, so it is an
/// error: `build` refuses rather than print a letter without them.
fn unknown_roster_files(dir: &Path, diags: &mut Vec<Diagnostic>) -> Result<(), LoadError> {
    for (path, stem) in yaml_entries(dir)? {
        if roster_names().any(|name| name == stem) {
            continue;
        }
        let hint = match did_you_mean(&stem, roster_names()) {
            Some(kind) => format!("did you mean `{kind}`? Rename it, or its signers are not read"),
            None => format!(
                "roster files are named {}; rename it, or its signers are not read",
                roster_names().collect::<Vec<_>>().join(", ")
            ),
        };
        diags.push(
            Diagnostic::error(
                "unknown-roster-file",
                &fs::whole_file(&path),
                "this file is not a roster and is not read",
            )
            .with_hint(hint),
        );
    }
    Ok(())
}

/// Rosters are read from `signatories/<id>/` only; one left beside the
/// letter would silently go unread.
fn misplaced_rosters(layout: &Layout, diags: &mut Vec<Diagnostic>) -> Result<(), LoadError> {
    for (path, stem) in yaml_entries(&layout.letter_dir)? {
        if !roster_names().any(|name| name == stem) {
            continue;
        }
        let home = tidy(&layout.roster_dir.join(path.file_name().unwrap_or_default()));
        diags.push(
            Diagnostic::warning("misplaced-roster", &fs::whole_file(&path), "a roster is not read here")
                .with_hint(format!("move it to {}, where its signers are read", home.display())),
        );
    }
    Ok(())
}

/// The folders and YAML files directly in `dir` with their names sans
/// extension, in name order.
fn yaml_entries(dir: &Path) -> Result<Vec<(PathBuf, String)>, LoadError> {
    let entries =
        std::fs::read_dir(dir).map_err(|source| LoadError::Io { path: dir.to_path_buf(), source })?;
    let mut found: Vec<(PathBuf, String)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir() || fs::is_yaml(p))
        .map(|p| {
            let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
            (p, stem)
        })
        .collect();
    found.sort();
    Ok(found)
}
