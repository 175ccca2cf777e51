//! File access that names the path in every error.

use std::io;
use std::path::{Component, Path, PathBuf};

use super::LoadError;
use crate::diagnostic::Diagnostic;
use crate::model::Origin;

/// Larger roster files are refused before parsing: 100,000 signers fit in
/// about a third of this, and a file far larger is a mistake or an attack.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// The project's folder, resolved through every link. Files are read only
/// from inside it: `check` runs in CI on pull requests from strangers, and a
/// committed link to `/proc/self/environ` or a home folder's keys must not
/// be read, quoted in a finding, or rendered into the letter.
#[derive(Debug, Clone)]
pub struct Sandbox {
    root: PathBuf,
}

impl Sandbox {
    /// `root` as written; an empty path is the current folder.
    pub fn new(root: &Path) -> Sandbox {
        let root = if root.as_os_str().is_empty() { Path::new(".") } else { root };
        Sandbox { root: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()) }
    }

    /// Whether `path`, followed through its links, stays in the project. A
    /// path that does not resolve is admitted: reading it fails on its own.
    pub fn admits(&self, path: &Path) -> bool {
        path.canonicalize().map_or(true, |real| real.starts_with(&self.root))
    }

    /// The finding for a file this sandbox does not admit. It never names
    /// the link's target: that is a path of the machine, not of the project.
    pub fn refusal(&self, path: &Path) -> Diagnostic {
        Diagnostic::error(
            "outside-project",
            &whole_file(path),
            "this file is a link to a file outside the project; it is not read",
        )
        .with_hint("copy the file into the project, or link to a file inside it")
    }
}

/// Reads a YAML file of the project as text. Content problems (too large,
/// not UTF-8, outside the project) are findings about the file; failing to
/// read it at all is a `LoadError`.
pub fn read_text(path: &Path, sandbox: &Sandbox) -> Result<Result<String, Diagnostic>, LoadError> {
    if !sandbox.admits(path) {
        return Ok(Err(sandbox.refusal(path)));
    }
    let io_err = |source: io::Error| LoadError::Io { path: path.to_path_buf(), source };
    let at = whole_file(path);
    if let Some(d) = too_large(std::fs::metadata(path).map_err(io_err)?.len(), &at) {
        return Ok(Err(d));
    }
    let bytes = std::fs::read(path).map_err(io_err)?;
    Ok(String::from_utf8(bytes)
        .map(|s| s.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(s))
        .map_err(|e| not_utf8(&at, e.as_bytes(), e.utf8_error().valid_up_to())))
}

/// The finding for a file of `size` bytes, if that is over the limit.
pub fn too_large(size: u64, at: &Origin) -> Option<Diagnostic> {
    (size > MAX_FILE_BYTES).then(|| {
        Diagnostic::error(
            "too-large",
            at,
            format!("file is {} MB; the limit is {} MB", size >> 20, MAX_FILE_BYTES >> 20),
        )
        .with_hint("split the roster into a folder of smaller files")
    })
}

fn not_utf8(at: &Origin, bytes: &[u8], valid_up_to: usize) -> Diagnostic {
    let before = &bytes[..valid_up_to];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = valid_up_to - before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
    let at = Origin { line, column, ..at.clone() };
    Diagnostic::error("not-utf8", &at, "the file is not UTF-8 text")
        .with_hint("save the file as UTF-8 (most editors have it under \"Save with encoding\")")
}

/// The YAML files of a folder, in name order so loading is reproducible.
pub fn yaml_files_in(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let entries =
        std::fs::read_dir(dir).map_err(|source| LoadError::Io { path: dir.to_path_buf(), source })?;
    let mut files: Vec<PathBuf> =
        entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_file() && is_yaml(p)).collect();
    files.sort();
    Ok(files)
}

pub fn is_yaml(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
}

/// A path as the organizer would type it: without `./` segments.
pub fn tidy(path: &Path) -> PathBuf {
    path.components().filter(|c| !matches!(c, Component::CurDir)).collect()
}

/// A folder as the organizer would type it: the current folder is `.`, not
/// an empty name.
pub fn tidy_dir(path: &Path) -> PathBuf {
    let tidied = tidy(path);
    if tidied.as_os_str().is_empty() { PathBuf::from(".") } else { tidied }
}

/// A finding about a whole file points at its first line.
pub fn whole_file(path: &Path) -> Origin {
    Origin { file: tidy(path).into(), line: 1, column: 1 }
}
