//! `letter init`: a new letter's folders, rosters, templates and CI workflow,
//! so an organizer starts from something that already checks and builds.

use std::path::{Path, PathBuf};

use crate::render::{RenderError, templates, write_atomic};

/// Starter files: path relative to the project (with `{{ID}}` for the
/// letter's id) and contents (with `{{ID}}`, `{{DATE}}` and `{{ACTION}}`).
const STARTER: &[(&str, &str)] = &[
    ("letters/{{ID}}/letter.yaml", include_str!("starter/letter.yaml")),
    ("letters/{{ID}}/demands.yaml", include_str!("starter/demands.yaml")),
    ("signatories/{{ID}}/networks.yaml", include_str!("starter/networks.yaml")),
    ("signatories/{{ID}}/organizations.yaml", include_str!("starter/organizations.yaml")),
    ("signatories/{{ID}}/individuals.yaml", include_str!("starter/individuals.yaml")),
    (".github/workflows/letter.yml", include_str!("starter/letter.yml")),
    (".github/workflows/pages.yml", include_str!("starter/pages.yml")),
    (".github/workflows/sign.yml", include_str!("starter/sign.yml")),
    (".github/ISSUE_TEMPLATE/sign.yml", include_str!("starter/sign-form.yml")),
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
    #[error(
        "--from `{0}` is not a GitHub repository\n  hint: write it as OWNER/REPO or OWNER/REPO@REF, e.g. `{repo}@v{VERSION}`",
        repo = default_repository()
    )]
    BadFrom(String),
    #[error(transparent)]
    Write(#[from] RenderError),
}

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Where this `letter` comes from (Cargo.toml's `repository`): new letters'
/// workflows use its action unless `--from` names a fork.
pub fn default_repository() -> &'static str {
    env!("CARGO_PKG_REPOSITORY").trim_start_matches("https://github.com/")
}

/// The action a new letter's workflows use: `--from` (OWNER/REPO, at this
/// version unless it says `@REF`), or this `letter`'s own repository and
/// version. It goes into YAML, so only GitHub's name characters pass.
pub fn action(from: Option<&str>) -> Result<String, InitError> {
    let from = from.unwrap_or(default_repository());
    let (repo, at) = from.split_once('@').unwrap_or((from, ""));
    let name = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    let refname = |s: &str| {
        s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c)) && !s.starts_with(['-', '.'])
    };
    match repo.split_once('/') {
        Some((owner, r)) if name(owner) && name(r) && refname(at) => {
            let at = if at.is_empty() { format!("v{VERSION}") } else { at.to_string() };
            Ok(format!("{repo}@{at}"))
        }
        _ => Err(InitError::BadFrom(from.to_string())),
    }
}

/// Writes the starter project for `id` under `dir` and returns the files
/// written. Nothing is overwritten: files that exist (a shared workflow, a
/// .gitignore) are kept as they are.
pub fn scaffold(dir: &Path, id: &str, today: &str, action: &str) -> Result<Vec<PathBuf>, InitError> {
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
            let text = text.replace("{{ID}}", id).replace("{{DATE}}", today).replace("{{ACTION}}", action);
            write_new(&path, &text)?;
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
        assert!(matches!(scaffold(dir.path(), "../x", "2025-01-01", "o/r@v1"), Err(InitError::BadId(_))));
        scaffold(dir.path(), "nueva", "2025-01-01", "o/r@v1").unwrap();
        assert!(matches!(scaffold(dir.path(), "nueva", "2025-01-01", "o/r@v1"), Err(InitError::Exists(_))));
    }

    #[test]
    fn the_action_is_a_plain_repository_at_a_plain_ref() {
        assert_eq!(action(None).unwrap(), format!("{}@v{VERSION}", default_repository()));
        assert_eq!(action(Some("me/letter-fork")).unwrap(), format!("me/letter-fork@v{VERSION}"));
        assert_eq!(action(Some("me/letter@main")).unwrap(), "me/letter@main");
        for bad in
            ["me", "me/", "/x", "a/b/c", "me/x\n  run: evil", "me/x@${{ secrets.T }}", "me/x@-x", "me/x y"]
        {
            assert!(matches!(action(Some(bad)), Err(InitError::BadFrom(_))), "{bad}");
        }
    }

    #[test]
    fn today_is_a_date() {
        let t = today();
        assert_eq!((t.len(), &t[4..5], &t[7..8]), (10, "-", "-"), "{t}");
    }
}
