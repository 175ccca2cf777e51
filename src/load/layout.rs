//! Finding a letter's files from whatever path the organizer gave.

use std::path::{Component, Path, PathBuf};

use super::LoadError;
use super::fs::{Sandbox, tidy, tidy_dir};

/// Where one letter's files are.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The folder holding `letters/` and `signatories/`.
    pub root: PathBuf,
    /// The letter's folder name, which is also its id.
    pub id: String,
    pub letter_dir: PathBuf,
    pub roster_dir: PathBuf,
    /// Every file of the letter is read from inside `root`.
    pub sandbox: Sandbox,
}

impl Layout {
    pub fn letter_file(&self) -> PathBuf {
        self.letter_dir.join("letter.yaml")
    }

    pub fn demands_file(&self) -> PathBuf {
        self.letter_dir.join("demands.yaml")
    }

    /// Organizer overrides of the default templates.
    pub fn templates_dir(&self) -> PathBuf {
        self.letter_dir.join("templates")
    }
}

/// Resolves `path` to one letter: a `letter.yaml`, a letter's folder, or a
/// project root that holds exactly one letter.
pub fn locate(path: &Path) -> Result<Layout, LoadError> {
    if !path.exists() {
        return Err(LoadError::NotFound(path.to_path_buf()));
    }
    let dir = if path.is_file() { path.parent().unwrap_or(Path::new(".")) } else { path };
    if dir.join("letter.yaml").is_file() {
        return from_letter_dir(dir);
    }
    let letters = dir.join("letters");
    if !letters.is_dir() {
        return match upward(dir) {
            Some(found) => locate(&found),
            None => Err(LoadError::NoLetter(tidy_dir(path))),
        };
    }
    let mut found: Vec<String> = std::fs::read_dir(&letters)
        .map_err(|source| LoadError::Io { path: letters.clone(), source })?
        .filter_map(Result::ok)
        .filter(|e| e.path().join("letter.yaml").is_file())
        .map(|e| tidy(&e.path()).display().to_string())
        .collect();
    found.sort();
    match found.len() {
        0 => Err(LoadError::NoLetter(tidy_dir(path))),
        1 => from_letter_dir(&letters.join(Path::new(&found[0]).file_name().unwrap_or_default())),
        _ => Err(LoadError::SeveralLetters { path: tidy_dir(path), letters: found }),
    }
}

/// Like git and cargo, `letter` run in a project's subfolder finds the
/// project upward: under `letters/<id>/` or `signatories/<id>/` that letter,
/// elsewhere the project. The path found stays relative (`../..`) so findings
/// name files the way the organizer would reach them from where they stand.
fn upward(dir: &Path) -> Option<PathBuf> {
    let canonical = dir.canonicalize().ok()?;
    let (depth, root) =
        canonical.ancestors().enumerate().skip(1).find(|(_, a)| a.join("letters").is_dir())?;
    let mut found = tidy(dir);
    found.extend(std::iter::repeat_n("..", depth));
    let below: Vec<Component> = canonical.strip_prefix(root).ok()?.components().collect();
    if let [Component::Normal(kind), Component::Normal(id), ..] = below.as_slice()
        && (*kind == "letters" || *kind == "signatories")
        && root.join("letters").join(id).join("letter.yaml").is_file()
    {
        found.push("letters");
        found.push(id);
    }
    Some(found)
}

fn from_letter_dir(dir: &Path) -> Result<Layout, LoadError> {
    let canonical = dir.canonicalize().map_err(|source| LoadError::Io { path: dir.to_path_buf(), source })?;
    let name_of = |p: &Path| p.file_name().and_then(|n| n.to_str()).map(str::to_string);
    let id = name_of(&canonical).unwrap_or_default();
    let in_letters = canonical.parent().and_then(name_of).as_deref() == Some("letters");
    if !in_letters {
        return Err(LoadError::NotInProject(tidy_dir(dir)));
    }
    let root = lexical_grandparent(dir)
        .unwrap_or_else(|| canonical.parent().and_then(Path::parent).unwrap_or(Path::new("/")).to_path_buf());
    Ok(Layout {
        roster_dir: root.join("signatories").join(&id),
        letter_dir: tidy(dir),
        sandbox: Sandbox::new(&root),
        root,
        id,
    })
}

/// `a/letters/x` → `a`, keeping a relative path relative so messages show
/// the paths the organizer typed.
fn lexical_grandparent(dir: &Path) -> Option<PathBuf> {
    let tidied = tidy(dir);
    let parts: Vec<Component> = tidied.components().collect();
    let normal_tail = parts.iter().rev().take(2).all(|c| matches!(c, Component::Normal(_)));
    (parts.len() >= 2 && normal_tail).then(|| tidy(&parts[..parts.len() - 2].iter().collect::<PathBuf>()))
}
