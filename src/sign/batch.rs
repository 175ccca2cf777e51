//! A run's changes to the roster, held in memory until shown or written.
//!
//! `sign` makes one change, `import` one per row; each change is made on the
//! text as the changes before it left it, so two rows landing in the same
//! list both find their sorted place. Nothing touches the disk until
//! `write`, which replaces each changed file atomically.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::SignError;
use super::duplicates::{self, Pending, Verdict};
use super::edit::{self, Edited, ListPath, MemberKind, Order};
use super::emit;
use super::entries::{self, Entry};
use super::record::{self, Note};
use super::signup::{Kind, Signup};
use super::text::slug;
use crate::dedup::{self, Candidate, Class, MatchKind};
use crate::diagnostic::Severity;
use crate::load::{Project, tidy};
use crate::model::{Action, Date, Lang};
use crate::render::collate::Collator;

/// Where a change landed: the file and the 1-based line of the entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub file: PathBuf,
    pub line: usize,
}

impl std::fmt::Display for Placed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file.display(), self.line)
    }
}

struct FileChange {
    before: Option<String>,
    after: String,
}

/// Each changed file's text before the run and now.
#[derive(Default)]
struct Files(BTreeMap<PathBuf, FileChange>);

impl Files {
    /// Applies one edit to a file's current text (as earlier changes left it).
    fn edit(
        &mut self,
        file: &Path,
        change: impl FnOnce(&str, &Path) -> Result<Edited, edit::EditError>,
    ) -> Result<Placed, SignError> {
        let before = match self.0.get(file) {
            Some(c) => c.after.clone(),
            None => read_or_empty(file)?,
        };
        let crlf = before.contains("\r\n") && before.matches('\n').count() == before.matches("\r\n").count();
        let plain = if crlf { before.replace("\r\n", "\n") } else { before.clone() };
        let edited = change(&plain, file)?;
        let after = if crlf { edited.text.replace('\n', "\r\n") } else { edited.text };
        let original = match self.0.remove(file) {
            Some(c) => c.before,
            None => file.exists().then_some(before),
        };
        self.0.insert(file.to_path_buf(), FileChange { before: original, after });
        Ok(Placed { file: file.to_path_buf(), line: edited.line })
    }
}

pub struct Batch<'p> {
    project: &'p Project,
    lang: Lang,
    collator: Collator,
    files: Files,
    pending: Vec<Pending>,
    /// The roster's entries, listed once: the roster does not change while
    /// a batch runs, only the files it writes.
    entries: Vec<Entry<'p>>,
}

impl<'p> Batch<'p> {
    pub fn new(project: &'p Project) -> Batch<'p> {
        let lang = project
            .letter
            .as_ref()
            .and_then(|l| l.languages.first().cloned())
            .unwrap_or_else(|| crate::load::default_languages()[0].clone());
        // New entries go where the letter's own order puts their names.
        let order = project.letter.as_ref().map(|l| l.sort).unwrap_or_default();
        let collator = Collator::with_order(&lang, order);
        let entries = entries::entries(&project.roster);
        Batch { project, lang, collator, files: Files::default(), pending: Vec::new(), entries }
    }

    pub fn entries(&self) -> &[Entry<'p>] {
        &self.entries
    }

    /// What to do with `signup`: see `duplicates`.
    pub fn assess(&self, signup: &Signup) -> Result<Verdict, SignError> {
        let list = self.list_of(signup)?;
        Ok(duplicates::assess(&self.entries, &self.pending, signup, &list))
    }

    /// Writes `signup` at its sorted place; `place` names where it came from
    /// for later duplicates in the same run.
    pub fn add(&mut self, signup: &Signup, place: &str) -> Result<Placed, SignError> {
        let (file, list) = self.target(signup)?;
        let entry = match signup.kind {
            Kind::Network => emit::block_entry(&signup.pairs(), &signup.nested()),
            _ => emit::entry_with(&signup.pairs(), &signup.nested()),
        };
        let key = signup.name.clone();
        let placed = self.files.edit(&file, |text, path| {
            let cmp = |a: &str, b: &str| self.collator.compare(a, b);
            let order = Order { name: &key, lang: self.lang.as_str(), cmp: &cmp };
            edit::add(text, path, list, &entry, &order)
        })?;
        self.pending.push(Pending {
            kind: signup.kind,
            name: signup.name.clone(),
            acronym: signup.get(super::signup::Field::Acronym).map(str::to_string),
            country: signup.get(super::signup::Field::Country).map(str::to_string),
            list: self.list_of(signup)?,
            place: place.to_string(),
        });
        Ok(placed)
    }

    /// Appends `action` about the `entry`-th entry to `history.yaml`.
    pub fn record(
        &mut self,
        action: Action,
        entry: usize,
        date: Date,
        note: &Note,
    ) -> Result<Placed, SignError> {
        let who = record::who(&self.entries, entry);
        let line = record::line(action, &who, date, note);
        let file = self.history_file();
        self.files.edit(&file, |text, _| {
            let (text, line) = record::append(text, &line);
            Ok(Edited { text, line })
        })
    }

    /// `history.yaml` beside the rosters (or the `.yml` one there is).
    fn history_file(&self) -> PathBuf {
        let dir = &self.project.layout.roster_dir;
        let existing = tidy(&dir.join("history.yml"));
        if existing.is_file() { existing } else { tidy(&dir.join("history.yaml")) }
    }

    /// The list a signup joins, named as `check` names lists.
    fn list_of(&self, signup: &Signup) -> Result<String, SignError> {
        match &signup.member_of {
            Some(net) => Ok(self.network(net)?.2),
            None => Ok(signup.kind.roster().to_string()),
        }
    }

    /// The file and list a signup goes to. A new network gets a file of its
    /// own, so it never lands next to another network's member list.
    fn target(&self, signup: &Signup) -> Result<(PathBuf, ListPath), SignError> {
        let dir = &self.project.layout.roster_dir;
        if let Some(net) = &signup.member_of {
            let (file, network, _) = self.network(net)?;
            let kind =
                if signup.kind == Kind::Person { MemberKind::People } else { MemberKind::Organizations };
            return Ok((file, ListPath::Members { network, kind }));
        }
        let kind = signup.kind.roster();
        let file =
            ["yaml", "yml"].iter().map(|ext| tidy(&dir.join(format!("{kind}.{ext}")))).find(|f| f.is_file());
        match file {
            Some(file) if signup.kind != Kind::Network => Ok((file, ListPath::Top)),
            _ if signup.kind == Kind::Network || dir.join(kind).is_dir() => {
                Ok((self.new_file(&dir.join(kind), &signup.name, signup.kind), ListPath::Top))
            }
            _ => Ok((tidy(&dir.join(format!("{kind}.yaml"))), ListPath::Top)),
        }
    }

    /// A file in `dir` named after the signer that neither exists nor is
    /// being written.
    fn new_file(&self, dir: &Path, name: &str, kind: Kind) -> PathBuf {
        let stem = Some(slug(name)).filter(|s| !s.is_empty()).unwrap_or_else(|| kind.word().to_string());
        (1..)
            .map(|n| {
                tidy(&dir.join(if n == 1 { format!("{stem}.yaml") } else { format!("{stem}-{n}.yaml") }))
            })
            .find(|p| !p.exists() && !self.files.0.contains_key(p))
            .unwrap_or_default()
    }

    /// The network named (or abbreviated) `name`: its file, its place in
    /// that file's list, and the list its members are in.
    pub(super) fn network(&self, name: &str) -> Result<(PathBuf, usize, String), SignError> {
        let nets = &self.project.roster.networks;
        let mut candidates: Vec<Candidate> = nets
            .iter()
            .map(|n| Candidate {
                class: Class::Group,
                names: n.name.variants().collect(),
                ..Candidate::default()
            })
            .collect();
        candidates.push(Candidate { class: Class::Group, names: vec![name], ..Candidate::default() });
        let probe = nets.len();
        let by_name = dedup::search(&candidates)
            .found
            .into_iter()
            .find(|m| m.kind == MatchKind::Exact && m.b == probe)
            .map(|m| m.a);
        let by_acronym = || {
            nets.iter().position(|n| {
                n.name.variants().any(|written| dedup::is_acronym_of(name, written, n.acronym.as_deref()))
            })
        };
        let found = by_name.or_else(by_acronym).ok_or_else(|| SignError::UnknownNetwork {
            name: name.to_string(),
            known: nets.iter().map(|n| n.name.first().to_string()).collect(),
        })?;
        let net = &nets[found];
        let index = entries::network_indexes(&self.project.roster)[found];
        Ok((PathBuf::from(&*net.origin.file), index, net.members_list()))
    }

    pub fn is_empty(&self) -> bool {
        self.files.0.is_empty()
    }

    /// Every change as a unified diff, file by file.
    pub fn diff(&self) -> String {
        self.files
            .0
            .iter()
            .map(|(path, c)| {
                let old = c.before.as_deref().unwrap_or("");
                let shown = path.display().to_string();
                let from = if c.before.is_some() { format!("a/{shown}") } else { "/dev/null".into() };
                similar::TextDiff::from_lines(old, &c.after)
                    .unified_diff()
                    .context_radius(2)
                    .header(&from, &format!("b/{shown}"))
                    .to_string()
            })
            .collect()
    }

    /// Writes every changed file, each one atomically; none if the loader
    /// would refuse any of them as they would be written.
    pub fn write(&self) -> Result<Vec<PathBuf>, SignError> {
        self.ensure_loadable()?;
        for (path, change) in &self.files.0 {
            let io = |source| SignError::Io { path: path.clone(), source };
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(io)?;
            }
            // A roster kept as a link to a shared file is edited where it
            // lives: renaming over the link would cut it loose from that file.
            let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            crate::atomic::replace(&target, |w| w.write_all(change.after.as_bytes())).map_err(io)?;
        }
        Ok(self.files.0.keys().cloned().collect())
    }
}

impl Batch<'_> {
    fn ensure_loadable(&self) -> Result<(), SignError> {
        let dir = tidy(&self.project.layout.roster_dir);
        let langs =
            self.project.letter.as_ref().map_or_else(crate::load::default_languages, |l| l.languages.clone());
        let mut errors = Vec::new();
        for (path, change) in &self.files.0 {
            let Some(kind) = crate::load::roster_kind(&dir, path) else { continue };
            let found = crate::load::roster_findings(kind, &change.after, path, &langs);
            errors.extend(found.into_iter().filter(|d| d.severity == Severity::Error));
        }
        if errors.is_empty() { Ok(()) } else { Err(SignError::WouldNotLoad(errors)) }
    }
}

fn read_or_empty(file: &Path) -> Result<String, SignError> {
    match std::fs::read_to_string(file) {
        Ok(text) => Ok(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(source) => Err(SignError::Io { path: file.to_path_buf(), source }),
    }
}
