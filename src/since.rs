//! `letter check --since REV`: which entries changed since a git revision,
//! so a pull request fails only on findings it brought, while the reviewed
//! noise already on the main branch stays visible as notes.
//!
//! Git is asked through its command line (it is on every machine that has a
//! repository), for the files that differ from REV and their changed lines.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::diagnostic::{Diagnostic, Severity};

#[derive(Debug, thiserror::Error)]
pub enum SinceError {
    #[error("--since {rev}: could not run git: {source}\n  hint: install git, or leave out --since")]
    NoGit { rev: String, source: std::io::Error },
    #[error("--since {rev}: {}: not in a git repository\n  hint: run `git init`, or leave out --since", dir.display())]
    NotARepo { rev: String, dir: PathBuf },
    #[error(
        "--since {rev}: no such revision\n  hint: name a commit, branch or tag; in a shallow CI checkout, fetch it first (`git fetch --depth=1 origin {rev}`)"
    )]
    NoRevision { rev: String },
    #[error("--since {rev}: `git {args}` failed: {stderr}")]
    Git { rev: String, args: String, stderr: String },
}

/// Findings that stay errors whatever the pull request touched: a
/// withdrawal that no longer reaches its entry is reported at its unchanged
/// `history.yaml` line, but a renamed entry in the pull request is what
/// would print a person who withdrew.
const ALWAYS_FAIL: &[&str] = &["withdrawal-reaches-no-one", "event-reaches-several"];

/// The lines of the working tree that belong to entries added or changed
/// since a revision, per file (canonical paths).
#[derive(Debug, Default)]
pub struct Changes {
    rev: String,
    spans: HashMap<PathBuf, Vec<(usize, usize)>>,
}

impl Changes {
    /// Asks git, in the repository holding `dir`, what changed since `rev`
    /// (committed or not), and widens each changed line to its entry.
    pub fn since(rev: &str, dir: &Path) -> Result<Changes, SinceError> {
        let git = Git { rev, dir: dir.to_path_buf() };
        // A revision that starts with `-` would be read as an option.
        if rev.is_empty() || rev.starts_with('-') {
            return Err(SinceError::NoRevision { rev: rev.to_string() });
        }
        let top = PathBuf::from(git.run(&["rev-parse", "--show-toplevel"])?.trim_end_matches(['\n', '\r']));
        let git = Git { rev, dir: top.clone() };
        if git.run(&["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")]).is_err() {
            return Err(SinceError::NoRevision { rev: rev.to_string() });
        }
        let mut spans = HashMap::new();
        let changed = git.run(&["diff", "--name-only", "-z", "--no-renames", rev, "--"])?;
        for path in changed.split('\0').filter(|p| !p.is_empty()) {
            let diff = git.run(&[
                "diff",
                "--unified=0",
                "--no-color",
                "--no-ext-diff",
                "--no-renames",
                rev,
                "--",
                &literal(path),
            ])?;
            spans.insert(top.join(path), changed_lines(&diff));
        }
        let untracked = git.run(&["ls-files", "--others", "--exclude-standard", "-z"])?;
        for path in untracked.split('\0').filter(|p| !p.is_empty()) {
            spans.insert(top.join(path), vec![(1, usize::MAX)]);
        }
        let spans = spans
            .into_iter()
            .filter_map(|(path, lines)| {
                let text = std::fs::read_to_string(&path).ok()?;
                Some((path.canonicalize().ok()?, entry_spans(&text, &lines)))
            })
            .collect();
        Ok(Changes { rev: rev.to_string(), spans })
    }

    /// Demotes to notes the errors and warnings that involve no changed
    /// entry: neither where they point nor any `file:line` their message
    /// names (a duplicate names the entry it duplicates).
    pub fn demote(&self, diagnostics: &mut [Diagnostic]) {
        let mut canonical: HashMap<String, Option<PathBuf>> = HashMap::new();
        let mut changed_file = |file: &str| {
            canonical.entry(file.to_string()).or_insert_with(|| Path::new(file).canonicalize().ok()).clone()
        };
        let files: Vec<(String, PathBuf)> = diagnostics
            .iter()
            .filter_map(|d| Some((d.file.clone(), changed_file(&d.file)?)))
            .filter(|(_, path)| self.spans.contains_key(path))
            .collect::<HashMap<_, _>>()
            .into_iter()
            .collect();
        let demotable = |d: &&mut Diagnostic| d.severity > Severity::Note && !ALWAYS_FAIL.contains(&d.code);
        for d in diagnostics.iter_mut().filter(demotable) {
            let touched = files.iter().any(|(name, path)| {
                let spans = &self.spans[path];
                (d.file == *name && within(spans, d.line))
                    || cited_lines(&d.message, name).any(|l| within(spans, l))
            });
            if !touched {
                d.message = format!("{} [{}, unchanged since {}]", d.message, d.severity, self.rev);
                d.severity = Severity::Note;
            }
        }
    }
}

struct Git<'a> {
    rev: &'a str,
    dir: PathBuf,
}

impl Git<'_> {
    fn run(&self, args: &[&str]) -> Result<String, SinceError> {
        let out = Command::new("git")
            .arg("-C")
            .arg(&self.dir)
            .args(["-c", "core.quotePath=false"])
            // Its messages are matched below, so in English whatever the locale.
            .env("LC_ALL", "C")
            .args(args)
            .output()
            .map_err(|source| SinceError::NoGit { rev: self.rev.to_string(), source })?;
        if out.status.success() {
            return Ok(String::from_utf8_lossy(&out.stdout).into_owned());
        }
        let stderr = String::from_utf8_lossy(&out.stderr).trim().to_string();
        if stderr.contains("not a git repository") {
            return Err(SinceError::NotARepo { rev: self.rev.to_string(), dir: self.dir.clone() });
        }
        Err(SinceError::Git { rev: self.rev.to_string(), args: args.join(" "), stderr })
    }
}

/// A pathspec that matches `path` itself, whatever characters it holds.
fn literal(path: &str) -> String {
    format!(":(literal){path}")
}

/// The new side's line ranges of a `--unified=0` diff's hunks. A hunk that
/// only deletes touches the lines on either side of the cut.
fn changed_lines(diff: &str) -> Vec<(usize, usize)> {
    diff.lines()
        .filter_map(|l| l.strip_prefix("@@ -")?.split_once(" +")?.1.split_once(" @@").map(|(new, _)| new))
        .filter_map(|new| {
            let (start, count) = new.split_once(',').unwrap_or((new, "1"));
            let (start, count): (usize, usize) = (start.parse().ok()?, count.parse().ok()?);
            Some(if count == 0 { (start.max(1), start + 1) } else { (start, start + count - 1) })
        })
        .collect()
}

/// Widens each changed line range to the YAML list item (the roster entry)
/// around it: a changed `country:` makes the whole entry changed, and so
/// does a finding on its `name:`.
fn entry_spans(text: &str, changed: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    changed
        .iter()
        .map(|&(from, to)| {
            let to = to.min(lines.len().max(1));
            let from = from.min(to);
            let start = item_start(&lines, from);
            (start, item_end(&lines, start).max(to))
        })
        .collect()
}

fn indent(line: &str) -> Option<usize> {
    let body = line.trim_start();
    (!body.is_empty() && !body.starts_with('#')).then_some(line.len() - body.len())
}

fn is_item(line: &str) -> bool {
    let body = line.trim_start();
    body == "-" || body.starts_with("- ")
}

/// The 1-based line of the innermost list item holding `line`, or `line`
/// itself outside any list.
fn item_start(lines: &[&str], line: usize) -> usize {
    let mut limit = usize::MAX;
    for n in (1..=line).rev() {
        let Some(text) = lines.get(n - 1) else { continue };
        let Some(i) = indent(text) else { continue };
        if i <= limit {
            if is_item(text) {
                return n;
            }
            limit = i.saturating_sub(1);
        }
    }
    line
}

/// The last line of the item starting at `start`: before the next line
/// indented no deeper than its dash.
fn item_end(lines: &[&str], start: usize) -> usize {
    let Some(dash) = lines.get(start.wrapping_sub(1)).filter(|l| is_item(l)).and_then(|l| indent(l)) else {
        return start;
    };
    let mut end = start;
    for (n, text) in lines.iter().enumerate().skip(start) {
        match indent(text) {
            Some(i) if i <= dash => break,
            Some(_) => end = n + 1,
            None => {}
        }
    }
    end
}

fn within(spans: &[(usize, usize)], line: usize) -> bool {
    spans.iter().any(|&(a, b)| (a..=b).contains(&line))
}

/// The line numbers of each `file:LINE` the message cites.
fn cited_lines<'a>(message: &'a str, file: &'a str) -> impl Iterator<Item = usize> + 'a {
    message.match_indices(file).filter_map(move |(at, _)| {
        let rest = message[at + file.len()..].strip_prefix(':')?;
        let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        rest[..digits].parse().ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_give_the_new_sides_lines() {
        let diff = "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -3,0 +4,2 @@\n+a\n+b\n@@ -9 +11 @@ ctx\n-c\n+d\n@@ -20,2 +21,0 @@\n-e\n-f\n";
        assert_eq!(changed_lines(diff), [(4, 5), (11, 11), (21, 22)]);
    }

    const ROSTER: &str = "\
# Networks
- name: Red
  members:
    - name: Uno
      country: MX

    - name: Dos
  website: https://red.example.org
- name: Otra
";

    #[test]
    fn a_changed_field_widens_to_its_entry_and_no_further() {
        assert_eq!(entry_spans(ROSTER, &[(5, 5)]), [(4, 5)], "Uno's country");
        assert_eq!(entry_spans(ROSTER, &[(7, 7)]), [(7, 7)], "Dos alone");
        assert_eq!(entry_spans(ROSTER, &[(8, 8)]), [(2, 8)], "Red's website: all of Red");
        assert_eq!(entry_spans(ROSTER, &[(9, 9)]), [(9, 9)]);
        assert_eq!(entry_spans(ROSTER, &[(1, 1)]), [(1, 1)], "a comment outside any entry");
        assert_eq!(entry_spans("", &[(1, usize::MAX)]), [(1, 1)]);
    }

    #[test]
    fn cited_lines_are_read_after_the_file_name() {
        let m = "`A` is already in organizations at s/o.yaml:12:3 (same) and s/o.yaml:7:1; s/o.yaml: none";
        assert_eq!(cited_lines(m, "s/o.yaml").collect::<Vec<_>>(), [12, 7]);
    }
}
