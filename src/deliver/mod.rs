//! A record of each delivery: what was sent, to whom and when, frozen in
//! `letters/<id>/deliveries/<date>-<slug>/` beside the letter, so it is
//! committed with it and a later follow-up can say who joined since.
//!
//! A delivery holds the built letter (every language and format), the list
//! of signers as CSV and JSON, and `manifest.json`: the date, the recipient,
//! the addressees, the counts, the SHA-256 of every other file and the
//! signers with what identifies each one (name and list, with affiliation,
//! country and city for namesakes; see `model::SignerRef`). It is made all
//! or nothing: written into a temporary folder beside it, then renamed into
//! place, and never over an existing delivery.

pub mod diff;
mod git;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::atomic::TEMP_PREFIX;
use crate::export::{self, Fields, PerLang, Record};
use crate::model::{Counts, Date, Lang, Letter, Roster, Text};
use crate::render::{self, BuildPlan, Format, RenderError, Templates};

/// The folder in the letter's folder that holds its deliveries.
pub const FOLDER: &str = "deliveries";
/// The manifest's file name in each delivery.
pub const MANIFEST: &str = "manifest.json";
/// The list of signers, as `letter export` writes it (CSV with a
/// byte-order mark, for Excel; JSON).
const LIST_CSV: &str = "signatories.csv";
const LIST_JSON: &str = "signatories.json";

#[derive(Debug, thiserror::Error)]
pub enum DeliverError {
    #[error(
        "{}: a delivery is already recorded there\n  hint: a delivery is a record and is never overwritten; name it apart with another --to or --date",
        .0.display()
    )]
    Exists(PathBuf),
    #[error(
        "--to `{0}`: it has no letter or digit to name the folder with\n  hint: name the recipient, e.g. --to \"Presidencia\""
    )]
    NoName(String),
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
}

/// What a delivery records about itself.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub letter: String,
    /// YYYY-MM-DD.
    pub date: String,
    pub to: String,
    pub addressees: Vec<AddresseeRecord>,
    pub languages: Vec<String>,
    pub counts: Counts,
    /// Every other file of the delivery, by name, with its SHA-256.
    pub files: Vec<FileRecord>,
    /// Who signed, in the letter's order; never a private field.
    pub signers: Vec<Record>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AddresseeRecord {
    pub name: PerLang,
    pub role: Option<PerLang>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRecord {
    pub name: String,
    pub sha256: String,
}

/// What to deliver.
pub struct Delivery<'a> {
    pub letter: &'a Letter,
    pub roster: &'a Roster,
    pub counts: &'a Counts,
    pub templates: &'a Templates,
    pub letter_dir: &'a Path,
    pub to: &'a str,
    pub date: Date,
}

/// The folder a delivery to `to` on `date` is recorded in.
pub fn folder(letter_dir: &Path, to: &str, date: Date) -> Result<PathBuf, DeliverError> {
    let slug = crate::sign::text::slug(to);
    if slug.is_empty() {
        return Err(DeliverError::NoName(to.to_string()));
    }
    Ok(letter_dir.join(FOLDER).join(format!("{date}-{slug}")))
}

/// Builds and records the delivery; returns its folder.
pub fn deliver(d: &Delivery) -> Result<PathBuf, DeliverError> {
    let target = folder(d.letter_dir, d.to, d.date)?;
    if target.exists() {
        return Err(DeliverError::Exists(target));
    }
    let parent = target.parent().unwrap_or(d.letter_dir);
    std::fs::create_dir_all(parent).map_err(io_at(parent))?;
    let staging = tempfile::Builder::new().prefix(TEMP_PREFIX).tempdir_in(parent).map_err(io_at(parent))?;
    fill(d, staging.path())?;
    // Checked again just before the rename: on Linux a rename replaces an
    // empty folder, and another run may have made one meanwhile.
    if target.exists() {
        return Err(DeliverError::Exists(target));
    }
    let staged = staging.keep();
    if let Err(source) = std::fs::rename(&staged, &target) {
        let _ = std::fs::remove_dir_all(&staged);
        return Err(DeliverError::Io { path: target, source });
    }
    Ok(target)
}

/// Writes every file of the delivery into `dir`, the manifest last.
fn fill(d: &Delivery, dir: &Path) -> Result<(), DeliverError> {
    #[cfg(unix)]
    {
        // A temporary folder is its owner's alone; a delivery is as
        // readable as the letter beside it.
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).map_err(io_at(dir))?;
    }
    let langs = &d.letter.languages;
    let plan = BuildPlan {
        letter: d.letter,
        roster: d.roster,
        counts: d.counts,
        templates: d.templates,
        langs,
        formats: &Format::ALL,
        out_dir: dir,
        on_written: &|_| {},
    };
    let built = render::build(&plan)?;
    let signers = export::records(d.roster, langs, d.letter.sort, Fields::Public);
    let lists = [
        (LIST_CSV, export::csv(&signers, langs, false, true)),
        (LIST_JSON, export::json(&d.letter.id, langs, &signers)),
    ];
    for (name, bytes) in &lists {
        render::write_atomic(&dir.join(name), bytes)?;
    }
    let mut names: Vec<String> = built
        .written
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .chain(lists.iter().map(|(n, _)| n.to_string()))
        .collect();
    names.sort();
    let files = names.into_iter().map(|name| hash(dir, name)).collect::<Result<_, _>>()?;
    let manifest = Manifest {
        letter: d.letter.id.clone(),
        date: d.date.to_string(),
        to: d.to.to_string(),
        addressees: d.letter.addressees.iter().map(|a| addressee(&a.name, a.role.as_ref(), langs)).collect(),
        languages: langs.iter().map(Lang::to_string).collect(),
        counts: d.counts.clone(),
        files,
        signers,
    };
    let mut bytes = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
    bytes.push(b'\n');
    render::write_atomic(&dir.join(MANIFEST), &bytes)?;
    Ok(())
}

/// The file's SHA-256, read back from the disk as it will be delivered.
fn hash(dir: &Path, name: String) -> Result<FileRecord, DeliverError> {
    let path = dir.join(&name);
    let bytes = std::fs::read(&path).map_err(io_at(&path))?;
    Ok(FileRecord { name, sha256: sha256_hex(&bytes) })
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn addressee(name: &Text, role: Option<&Text>, langs: &[Lang]) -> AddresseeRecord {
    let per_lang = |t: &Text| langs.iter().map(|l| (l.to_string(), t.in_lang(l).to_string())).collect();
    AddresseeRecord { name: per_lang(name), role: role.map(per_lang) }
}

fn io_at(path: &Path) -> impl Fn(std::io::Error) -> DeliverError + '_ {
    |source| DeliverError::Io { path: path.to_path_buf(), source }
}
