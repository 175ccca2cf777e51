//! One command at a time on a roster.
//!
//! `sign`, `withdraw` and `import --write` read the roster, decide, and write
//! it back. Two of them running at once could both read the old file and the
//! second write would drop the first one's signer. Each holds an exclusive
//! lock on `.letter.lock` in the roster folder from before it reads until
//! after it writes, so the second waits and then reads the first one's work.
//! The operating system releases the lock when the process ends, however it
//! ends. The file stays (empty); `.gitignore` it.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::Path;
use std::time::{Duration, Instant};

pub const LOCK_FILE: &str = ".letter.lock";

/// Held while it lives.
#[derive(Debug)]
pub struct RosterLock {
    _file: File,
}

/// How long the lock may be busy before the wait is worth a word: another
/// command usually finishes well within it.
const QUIET_WAIT: Duration = Duration::from_millis(500);

/// Waits for and takes the roster folder's lock, creating the folder if needed.
pub fn lock(roster_dir: &Path) -> io::Result<RosterLock> {
    std::fs::create_dir_all(roster_dir)?;
    let path = roster_dir.join(LOCK_FILE);
    let file = OpenOptions::new().create(true).truncate(false).write(true).open(&path)?;
    wait_for(&file, &path)?;
    Ok(RosterLock { _file: file })
}

/// Takes the lock, saying on stderr what it waits for once the wait is long
/// enough to look like a hang.
fn wait_for(file: &File, path: &Path) -> io::Result<()> {
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(()),
            Err(TryLockError::Error(e)) => return Err(e),
            Err(TryLockError::WouldBlock) if start.elapsed() < QUIET_WAIT => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(TryLockError::WouldBlock) => {
                let by = holder(file).map(|pid| format!(" (process {pid})")).unwrap_or_default();
                eprintln!(
                    "waiting for {}: another letter command{by} is editing this roster; it goes on when that one ends",
                    crate::load::tidy(path).display()
                );
                return file.lock();
            }
        }
    }
}

/// The process holding the lock, as the kernel lists it. The lock file
/// itself stays empty: a file that changed on every run would show in
/// `git status` of a project that forgot to ignore it, and conflict on merge.
#[cfg(target_os = "linux")]
fn holder(file: &File) -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    let inode = format!(":{}", file.metadata().ok()?.ino());
    let locks = std::fs::read_to_string("/proc/locks").ok()?;
    // `1: FLOCK  ADVISORY  WRITE 2184 fe:00:5718062 0 EOF`
    locks.lines().find_map(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        (fields.get(1) == Some(&"FLOCK") && fields.get(5)?.ends_with(&inode))
            .then(|| fields.get(4)?.parse().ok())?
    })
}

#[cfg(not(target_os = "linux"))]
fn holder(_: &File) -> Option<u32> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_taker_waits_for_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let first = lock(dir.path()).unwrap();
        let other = OpenOptions::new().write(true).open(dir.path().join(LOCK_FILE)).unwrap();
        assert!(matches!(other.try_lock(), Err(std::fs::TryLockError::WouldBlock)));
        drop(first);
        assert!(other.try_lock().is_ok());
    }
}
