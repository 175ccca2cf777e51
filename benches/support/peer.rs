//! The workload the peer tools (Typst, pandoc) were measured with (issue
//! 17): `peer/gen_letter.py` draws the letter and its signers, and
//! `peer/to_letter.py` writes them as a `letter` project. N top-level
//! signers become about 2.1 N names (networks list their members) with
//! many near-duplicates, so `check` reports about 1.1 N findings.
//!
//! The generator is Python's seeded `random`; a Rust port would have to
//! reproduce Python's Mersenne Twister and its `choice`/`randint` to make
//! the same names, so the bench runs the scripts with `python3` instead,
//! and skips this workload where there is none.

use std::path::{Path, PathBuf};
use std::process::Command;

/// What is measured, as `letter` arguments after the letter's path, with
/// the goal in milliseconds from the issue. The whole command runs, its
/// findings printed, as a user would run it.
pub const WORK: [(&str, &[&str], u64); 4] = [
    ("check", &["check"], 500),
    ("build --lang es --format pdf", &["build", "--lang", "es", "--format", "pdf"], 2_000),
    ("build --lang es --format md", &["build", "--lang", "es", "--format", "md"], 1_000),
    ("build (all six)", &["build"], 4_000),
];

/// Peak memory goal for the whole build at N = 100,000, in MB.
pub const MEMORY_GOAL_MB: f64 = 500.0;

/// Writes the project for `n` signers under `root`; the letter's folder,
/// or why not.
pub fn generate(n: usize, root: &Path) -> Result<PathBuf, String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/support/peer/to_letter.py");
    let out = Command::new("python3")
        .arg(&script)
        .arg(n.to_string())
        .arg(root)
        .output()
        .map_err(|e| format!("python3 could not run ({e}); the peer workload needs it"))?;
    if !out.status.success() {
        return Err(format!("{} failed: {}", script.display(), String::from_utf8_lossy(&out.stderr)));
    }
    Ok(root.join("letters/bench"))
}
