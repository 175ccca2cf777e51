//! Replacing a file so that no reader, crash or concurrent writer ever sees
//! half of it.
//!
//! The new content goes to a temporary file in the target's own folder (a
//! rename is atomic only within one file system), is flushed to disk, and is
//! renamed over the target. If writing fails or the process dies first, the
//! old file is untouched; a failed write also removes its temporary file.

use std::io::{self, Write};
use std::path::Path;

/// Writes `path` through `write`, all or nothing.
pub fn replace(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let kept = std::fs::metadata(path).ok().map(|meta| meta.permissions());
    let mut builder = tempfile::Builder::new();
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
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
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
