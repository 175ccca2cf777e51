//! `letter init`: a new letter's folders, rosters, templates and CI workflow,
//! so an organizer starts from something that already checks and builds.

use std::path::{Path, PathBuf};

use crate::render::{RenderError, templates, write_atomic};

/// Starter files: path relative to the project (with `{{ID}}` for the
/// letter's id) and contents (with `{{ID}}` and `{{DATE}}`).
const STARTER: &[(&str, &str)] = &[
    ("letters/{{ID}}/letter.yaml", include_str!("starter/letter.yaml")),
    ("letters/{{ID}}/demands.yaml", include_str!("starter/demands.yaml")),
    ("signatories/{{ID}}/networks.yaml", include_str!("starter/networks.yaml")),
    ("signatories/{{ID}}/organizations.yaml", include_str!("starter/organizations.yaml")),
    ("signatories/{{ID}}/individuals.yaml", include_str!("starter/individuals.yaml")),
    (".github/workflows/letter.yml", include_str!("../../.github/workflows/letter.yml")),
    // What lets signers added on two branches merge without a conflict.
    (".gitattributes", include_str!("../../.gitattributes")),
    (".gitignore", "/out\n.letter.lock\n.letter-tmp-*\n"),
];

#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error(
        "`{0}` is not a valid letter id\n  hint: use lower-case letters, digits and single hyphens, e.g. `carta-2025`"
    )]
    BadId(String),
    #[error("{}: already exists\n  hint: choose another id, or remove the folder", .0.display())]
    Exists(PathBuf),
    #[error(transparent)]
    Write(#[from] RenderError),
}

/// Writes the starter project for `id` under `dir` and returns the files
/// written. Nothing is overwritten: files that exist (a shared workflow, a
/// .gitignore) are kept as they are.
pub fn scaffold(dir: &Path, id: &str, today: &str) -> Result<Vec<PathBuf>, InitError> {
    if !crate::load::is_slug(id) {
        return Err(InitError::BadId(id.to_string()));
    }
    let letter_dir = dir.join("letters").join(id);
    if letter_dir.exists() {
        return Err(InitError::Exists(letter_dir));
    }
    let mut written = Vec::new();
    for (path, text) in STARTER {
        let path = dir.join(path.replace("{{ID}}", id));
        if !path.exists() {
            write_new(&path, &text.replace("{{ID}}", id).replace("{{DATE}}", today))?;
            written.push(path);
        }
    }
    written.extend(templates::export(&letter_dir.join("templates"), false)?);
    Ok(written)
}

fn write_new(path: &Path, text: &str) -> Result<(), RenderError> {
    let parent = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .map_err(|source| RenderError::Io { path: parent.to_path_buf(), source })?;
    write_atomic(path, text.as_bytes())
}

/// Today's date as YYYY-MM-DD, for the starter letter only (rendering never
/// reads the clock).
pub fn today() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    // 1970-01-01 is day 719,163 of the proleptic Gregorian count.
    let rd = icu_calendar::types::RataDie::new(719_163 + days);
    let date = icu_calendar::Date::from_rata_die(rd, icu_calendar::Iso);
    format!("{:04}-{:02}-{:02}", date.year().extended_year(), date.month().ordinal, date.day_of_month().0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaffold_refuses_bad_ids_and_existing_letters() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(scaffold(dir.path(), "../x", "2025-01-01"), Err(InitError::BadId(_))));
        scaffold(dir.path(), "nueva", "2025-01-01").unwrap();
        assert!(matches!(scaffold(dir.path(), "nueva", "2025-01-01"), Err(InitError::Exists(_))));
    }

    #[test]
    fn today_is_a_date() {
        let t = today();
        assert_eq!((t.len(), &t[4..5], &t[7..8]), (10, "-", "-"), "{t}");
    }
}
