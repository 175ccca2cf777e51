//! A polling watcher: compares each file's size and modification time.
//! Cheap for a letter's few hundred files, and the same on every platform.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

type Snapshot = BTreeMap<PathBuf, (u64, Option<SystemTime>)>;

/// Calls `changed` each time a file under `dirs` is added, removed or
/// written, once the files have stayed unchanged for `settle`. Never returns.
pub fn on_change(dirs: &[PathBuf], poll: Duration, settle: Duration, mut changed: impl FnMut()) {
    let mut seen = snapshot(dirs);
    loop {
        std::thread::sleep(poll);
        let mut now = snapshot(dirs);
        if now == seen {
            continue;
        }
        loop {
            std::thread::sleep(settle);
            let later = snapshot(dirs);
            if later == now {
                break;
            }
            now = later;
        }
        seen = now;
        changed();
    }
}

fn snapshot(dirs: &[PathBuf]) -> Snapshot {
    let mut files = Snapshot::new();
    for dir in dirs {
        walk(dir, &mut files);
    }
    files
}

/// Unreadable entries are skipped: a file being replaced comes back on the
/// next look, and a missing one is itself a change.
fn walk(dir: &Path, files: &mut Snapshot) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_dir() {
            walk(&path, files);
        } else {
            files.insert(path, (meta.len(), meta.modified().ok()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_or_new_file_changes_the_snapshot() {
        let dir = tempfile::tempdir().unwrap();
        let dirs = [dir.path().to_path_buf()];
        std::fs::write(dir.path().join("a.yaml"), "a").unwrap();
        let first = snapshot(&dirs);
        assert_eq!(first, snapshot(&dirs));
        std::fs::write(dir.path().join("a.yaml"), "ab").unwrap();
        let second = snapshot(&dirs);
        assert_ne!(first, second);
        std::fs::create_dir(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/x.html"), "").unwrap();
        assert_ne!(second, snapshot(&dirs));
    }
}
