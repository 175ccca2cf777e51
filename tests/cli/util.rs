//! A small driver: copy a fixture project, edit its files, run `letter`.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use tempfile::TempDir;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// A project in a temporary folder.
pub struct Project {
    pub dir: TempDir,
}

impl Project {
    /// A copy of `tests/fixtures/<name>`.
    pub fn copy_of(name: &str) -> Project {
        let dir = tempfile::tempdir().expect("temporary folder");
        copy_tree(&fixture(name), dir.path());
        Project { dir }
    }

    /// A copy of the flagship letter and its rosters.
    pub fn flagship() -> Project {
        let dir = tempfile::tempdir().expect("temporary folder");
        for part in ["letters", "signatories"] {
            copy_tree(&repo().join(part), &dir.path().join(part));
        }
        Project { dir }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Appends to a file, e.g. one more roster entry.
    pub fn append(&self, rel: &str, text: &str) -> &Self {
        let old = self.read(rel);
        self.write(rel, &(old + text))
    }

    /// A file holding `text` in a folder outside the project, and a link to
    /// it at `rel` in place of whatever was there. The folder is returned
    /// with the file, as it lives only as long as the folder.
    #[cfg(unix)]
    pub fn link_outside(&self, rel: &str, text: &str) -> (TempDir, PathBuf) {
        let outside = tempfile::tempdir().expect("temporary folder");
        let target = outside.path().join(Path::new(rel).file_name().unwrap());
        std::fs::write(&target, text).unwrap();
        let link = self.path(rel);
        std::fs::create_dir_all(link.parent().unwrap()).unwrap();
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(&target, &link).unwrap();
        (outside, target)
    }

    /// `letter` with the project as its working folder.
    pub fn letter(&self) -> Command {
        let mut cmd = Command::cargo_bin("letter").expect("the letter binary");
        cmd.current_dir(self.dir.path()).env("NO_COLOR", "1");
        cmd
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Runs `letter` and returns (exit code, stdout, stderr).
pub fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("letter runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs git in `dir` with a fixed identity and none of the machine's
/// configuration, failing the test if git fails; its stdout and stderr.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = Process::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "init.defaultBranch=main"])
        .args(["-c", "core.autocrlf=false", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("git runs");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "git {args:?}: {text}");
    text
}
