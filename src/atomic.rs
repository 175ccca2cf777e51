//! Replacing a file so that no reader, crash or concurrent writer ever sees
//! half of it.
//!
//! The new content goes to a temporary file in the target's own folder (a
//! rename is atomic only within one file system), is flushed to disk, and is
//! renamed over the target. If writing fails or the process dies first, the
//! old file is untouched; a failed write also removes its temporary file.

use std::io::{self, Write};
use std::path::Path;
use std::time::Duration;

/// How our temporary files start: `letter init`'s `.gitignore` names them,
/// and the next write into the folder deletes those a killed run left.
pub const TEMP_PREFIX: &str = ".letter-tmp-";

/// A temporary file older than this is no other run's write in progress
/// (those take seconds) but a killed run's leftover.
const STALE_AFTER: Duration = Duration::from_secs(3600);

/// Writes `path` through `write`, all or nothing. Returns once the new file
/// and its name are on disk, so a caller may then report success.
pub fn replace(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    commit(vec![stage(path, write)?])
}

/// A file written in full beside its target, not yet in place. Dropped
/// without `commit`, it is deleted.
pub struct Staged {
    tmp: tempfile::NamedTempFile,
    target: std::path::PathBuf,
}

/// Writes the future content of `path` to a temporary file beside it and
/// flushes it to disk, leaving `path` as it is.
pub fn stage(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<Staged> {
    let dir = folder(path);
    remove_stale(dir, STALE_AFTER);
    let kept = std::fs::metadata(path).ok().map(|meta| meta.permissions());
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX);
    // The mode of any new file (0666 less the umask), not the owner-only
    // mode of a temporary file, so a web server can serve the letter's HTML.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = builder.tempfile_in(dir)?;
    // A file being replaced keeps its own mode exactly, so a roster stays as
    // readable as it was: set after creation, where the umask does not apply.
    if let Some(permissions) = kept {
        tmp.as_file().set_permissions(permissions)?;
    }
    write(&mut tmp)?;
    tmp.as_file().sync_all()?;
    Ok(Staged { tmp, target: path.to_path_buf() })
}

/// Renames every staged file into place, then flushes their folders. Only
/// renames are left to fail here, which need no room on the disk: files
/// staged together land together.
pub fn commit(staged: Vec<Staged>) -> io::Result<()> {
    let mut dirs: Vec<std::path::PathBuf> = Vec::new();
    for Staged { tmp, target } in staged {
        tmp.persist(&target).map_err(|e| e.error)?;
        let dir = folder(&target).to_path_buf();
        if !dirs.contains(&dir) {
            dirs.push(dir);
        }
    }
    dirs.iter().try_for_each(|dir| sync_dir(dir))
}

fn folder(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// The rename is durable only once the folder itself is flushed.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_: &Path) -> io::Result<()> {
    Ok(())
}

/// Deletes our temporary files in `dir` older than `age`. Best effort: one
/// that cannot be deleted is left for the next run, and never fails a write.
fn remove_stale(dir: &Path, age: Duration) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.filter_map(Result::ok) {
        let ours = entry.file_name().to_str().is_some_and(|n| n.starts_with(TEMP_PREFIX));
        let old =
            || entry.metadata().and_then(|m| m.modified()).is_ok_and(|t| t.elapsed().is_ok_and(|e| e >= age));
        if ours && old() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files_in(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_write_interrupted_midway_leaves_the_old_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("organizations.yaml");
        std::fs::write(&path, "- name: Old\n").unwrap();
        let result = replace(&path, |w| {
            w.write_all(b"- name: Half")?;
            Err(io::Error::other("the disk is full"))
        });
        assert_eq!(result.unwrap_err().to_string(), "the disk is full");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "- name: Old\n");
        assert_eq!(files_in(dir.path()), ["organizations.yaml"], "no temporary file is left behind");
    }

    #[test]
    fn a_write_that_fails_on_the_device_is_an_error_and_the_file_stays() {
        // /dev/full takes no byte: as a full disk, the error must reach the
        // caller before anything is renamed into place.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("organizations.yaml");
        std::fs::write(&path, "- name: Old\n").unwrap();
        let result = replace(&path, |w| {
            let full = std::fs::OpenOptions::new().write(true).open("/dev/full")?;
            w.write_all(b"- name: New\n")?;
            (&full).write_all(b"x")
        });
        assert_eq!(result.unwrap_err().raw_os_error(), Some(28), "ENOSPC");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "- name: Old\n");
        assert_eq!(files_in(dir.path()), ["organizations.yaml"]);
    }

    #[test]
    fn a_killed_runs_temporary_files_are_removed_by_the_next_write() {
        let dir = tempfile::tempdir().unwrap();
        let leftover = dir.path().join(format!("{TEMP_PREFIX}abc123"));
        std::fs::write(&leftover, "half").unwrap();
        std::fs::write(dir.path().join(".tmpKeep"), "not ours").unwrap();
        replace(&dir.path().join("x.yaml"), |w| w.write_all(b"new")).unwrap();
        assert!(leftover.exists(), "a fresh one may be another run's write in progress");
        remove_stale(dir.path(), Duration::ZERO);
        assert_eq!(files_in(dir.path()), [".tmpKeep", "x.yaml"]);
    }

    #[test]
    fn a_complete_write_replaces_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.yaml");
        std::fs::write(&path, "old").unwrap();
        replace(&path, |w| w.write_all(b"new")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(files_in(dir.path()), ["x.yaml"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_mode_and_a_new_one_is_readable() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let dir = tempfile::tempdir().unwrap();
        let roster = dir.path().join("organizations.yaml");
        std::fs::write(&roster, "old").unwrap();
        std::fs::set_permissions(&roster, std::fs::Permissions::from_mode(0o640)).unwrap();
        replace(&roster, |w| w.write_all(b"new")).unwrap();
        assert_eq!(mode(&roster), 0o640);
        let fresh = dir.path().join("letter.es.html");
        replace(&fresh, |w| w.write_all(b"<p>")).unwrap();
        let plain = dir.path().join("plain");
        std::fs::write(&plain, "").unwrap();
        assert_eq!(mode(&fresh), mode(&plain), "as any new file, not owner-only");
    }
}
