//! The letter as a git revision had it: its `letter.yaml` and rosters,
//! copied out of the letter's own repository into a temporary project and
//! loaded as any other. Only the letter's two folders are read, by path
//! inside the repository; nothing outside them.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::load::{self, Layout};

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("could not run git: {0}\n  hint: install git to compare revisions")]
    NoGit(std::io::Error),
    #[error("`{0}` is neither a delivery nor a revision of this repository\n  hint: {1}")]
    Unknown(String, String),
    #[error("`git {args}` failed: {stderr}")]
    Failed { args: String, stderr: String },
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("the letter at `{rev}` could not be read: {source}")]
    Load { rev: String, source: load::LoadError },
}

/// The letter and its rosters at `rev`, in a temporary project that lives
/// as long as the returned folder.
pub fn at_revision(
    layout: &Layout,
    rev: &str,
    hint: String,
) -> Result<(tempfile::TempDir, load::Loaded), GitError> {
    let root = &layout.root;
    // A revision that starts with `-` would be read as an option.
    let known = !rev.starts_with('-')
        && run(root, &["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")]).is_ok();
    if !known {
        return Err(GitError::Unknown(rev.to_string(), hint));
    }
    let prefix = run(root, &["rev-parse", "--show-prefix"])?.trim_end().to_string();
    let top = PathBuf::from(run(root, &["rev-parse", "--show-toplevel"])?.trim_end());
    let letter = format!("{prefix}letters/{}/letter.yaml", layout.id);
    let rosters = format!("{prefix}signatories/{}", layout.id);
    let listed =
        run(&top, &["ls-tree", "-r", "-z", "--name-only", "--full-tree", rev, "--", &letter, &rosters])?;
    let tmp = tempfile::tempdir().map_err(|source| GitError::Io { path: std::env::temp_dir(), source })?;
    for path in listed.split('\0').filter(|p| !p.is_empty()) {
        let Some(inside) = path.strip_prefix(&prefix) else { continue };
        let bytes = show(&top, rev, path)?;
        let dest = tmp.path().join(inside);
        let io = |source| GitError::Io { path: dest.clone(), source };
        std::fs::create_dir_all(dest.parent().unwrap_or(tmp.path())).map_err(io)?;
        std::fs::write(&dest, bytes).map_err(io)?;
    }
    let letter_dir = tmp.path().join("letters").join(&layout.id);
    let loaded = load::load(&letter_dir).map_err(|source| GitError::Load { rev: rev.to_string(), source })?;
    Ok((tmp, loaded))
}

/// One file's bytes at `rev`, as committed (no filters, no text conversion).
fn show(top: &Path, rev: &str, path: &str) -> Result<Vec<u8>, GitError> {
    let spec = format!("{rev}:{path}");
    let out = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(["cat-file", "blob", &spec])
        .output()
        .map_err(GitError::NoGit)?;
    if !out.status.success() {
        return Err(failed(&["cat-file", "blob", &spec], &out.stderr));
    }
    Ok(out.stdout)
}

fn run(dir: &Path, args: &[&str]) -> Result<String, GitError> {
    let out = Command::new("git").arg("-C").arg(dir).args(args).output().map_err(GitError::NoGit)?;
    if !out.status.success() {
        return Err(failed(args, &out.stderr));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn failed(args: &[&str], stderr: &[u8]) -> GitError {
    GitError::Failed { args: args.join(" "), stderr: String::from_utf8_lossy(stderr).trim().to_string() }
}
