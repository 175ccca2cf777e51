//! A polling watcher: compares each file's size and modification time.
//! Cheap for a letter's few hundred files, and the same on every platform.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

type Snapshot = BTreeMap<PathBuf, (u64, Option<SystemTime>)>;

/// The files as last seen. Made before the first build, so a save made
/// while that build runs, or before the watching thread is scheduled, is
/// still a change.
pub struct Watcher {
    dirs: Vec<PathBuf>,
    seen: Snapshot,
}

impl Watcher {
    pub fn new(dirs: Vec<PathBuf>) -> Watcher {
        let seen = snapshot(&dirs);
        Watcher { dirs, seen }
    }

    /// Calls `changed` each time a file is added, removed or written.
    pub fn run(mut self, poll: Duration, settle: Duration, mut changed: impl FnMut()) -> ! {
        loop {
            self.next_change(poll, settle);
            changed();
        }
    }

    /// Returns once the files differ from the last look and have then stayed
    /// unchanged for `settle`.
    fn next_change(&mut self, poll: Duration, settle: Duration) {
        let mut now = snapshot(&self.dirs);
        while now == self.seen {
            std::thread::sleep(poll);
            now = snapshot(&self.dirs);
        }
        loop {
            std::thread::sleep(settle);
            let later = snapshot(&self.dirs);
            if later == now {
                break;
            }
            now = later;
        }
        self.seen = now;
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

    /// The race a loaded CI machine lost: the file is written after the
    /// watcher is made but before it is first asked to look.
    #[test]
    fn a_write_before_the_first_look_is_a_change() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.yaml"), "a").unwrap();
        let mut watcher = Watcher::new(vec![dir.path().to_path_buf()]);
        std::fs::write(dir.path().join("a.yaml"), "ab").unwrap();
        let (done, seen) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            watcher.next_change(Duration::from_millis(5), Duration::from_millis(5));
            let _ = done.send(());
        });
        assert!(seen.recv_timeout(Duration::from_secs(10)).is_ok(), "the write was missed");
    }
}
