//! One command at a time on a roster.
//!
//! `sign`, `withdraw` and `import --write` read the roster, decide, and write
//! it back. Two of them running at once could both read the old file and the
//! second write would drop the first one's signer. Each holds an exclusive
//! lock on `.letter.lock` in the roster folder from before it reads until
//! after it writes, so the second waits and then reads the first one's work.
//! The operating system releases the lock when the process ends, however it
//! ends. The file stays (empty); `.gitignore` it.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

pub const LOCK_FILE: &str = ".letter.lock";

/// Held while it lives.
#[derive(Debug)]
pub struct RosterLock {
    _file: File,
}

/// Waits for and takes the roster folder's lock, creating the folder if needed.
pub fn lock(roster_dir: &Path) -> io::Result<RosterLock> {
    std::fs::create_dir_all(roster_dir)?;
    let file =
        OpenOptions::new().create(true).truncate(false).write(true).open(roster_dir.join(LOCK_FILE))?;
    file.lock()?;
    Ok(RosterLock { _file: file })
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
