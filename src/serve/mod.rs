//! `letter serve`: a live preview. The letter is built into the project's
//! `out/`, served on 127.0.0.1, and built again whenever a file of the
//! letter, its rosters or its templates changes; open pages reload then.
//!
//! Three parts: `rebuild` (one build, or the findings that stopped it),
//! `watch` (a polling watcher, so no platform file-event dependency), and
//! `http` (what each request gets). They share one `State`.

mod http;
mod watch;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crate::check;
use crate::diagnostic::{Diagnostic, Severity};
use crate::load::{self, Layout, LoadError};
use crate::render::{self, BuildPlan, Format, Templates};

pub use http::Server;

/// How often the watcher looks at the files, and how long they must stay
/// unchanged before a build: an editor's save is often several writes.
const POLL: Duration = Duration::from_millis(200);
const SETTLE: Duration = Duration::from_millis(100);

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(
        "could not listen on 127.0.0.1:{port}: {reason}\n  hint: another program may use that port; try `--port 0` for a free one"
    )]
    Listen { port: u16, reason: String },
}

/// What the last build left to serve.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// The files written, each `<id>.<lang>.<ext>` in the output folder.
    Built(Vec<PathBuf>),
    /// Why nothing was built: the findings, or an error that has no place.
    Broken(Vec<Problem>),
}

#[derive(Debug, Clone)]
pub enum Problem {
    Finding(Diagnostic),
    Other(String),
}

/// The state every request reads: `version` counts builds, so a page can
/// tell that there is a newer one.
#[derive(Debug)]
pub struct State {
    pub version: u64,
    pub outcome: Outcome,
}

pub type Shared = Arc<Mutex<State>>;

/// The project being previewed: where it is and where its build goes.
#[derive(Debug, Clone)]
pub struct Preview {
    pub layout: Layout,
    pub out_dir: PathBuf,
}

impl Preview {
    /// Finds the letter at `path` (as `letter build` does) and builds into
    /// its project's `out/`.
    pub fn locate(path: &Path) -> Result<Preview, ServeError> {
        let layout = load::locate(path)?;
        let out_dir = layout.root.join("out");
        Ok(Preview { layout, out_dir })
    }

    /// The folders whose changes call for a new build; the templates live
    /// in the letter's folder.
    pub fn watched(&self) -> Vec<PathBuf> {
        vec![self.layout.letter_dir.clone(), self.layout.roster_dir.clone()]
    }

    /// Checks and builds every language and format, as `letter build`.
    pub fn rebuild(&self) -> Outcome {
        match self.try_build() {
            Ok(written) => Outcome::Built(written),
            Err(problems) => Outcome::Broken(problems),
        }
    }

    fn try_build(&self) -> Result<Vec<PathBuf>, Vec<Problem>> {
        let other = |e: &dyn std::fmt::Display| vec![Problem::Other(e.to_string())];
        let loaded = load::load(&self.layout.letter_dir).map_err(|e| other(&e))?;
        let report = check::check(&loaded);
        if !report.ok {
            return Err(report
                .diagnostics
                .into_iter()
                .filter(|d| d.severity >= Severity::Error)
                .map(Problem::Finding)
                .collect());
        }
        let project = &loaded.project;
        let letter = project.letter.as_ref().ok_or_else(|| other(&"the letter could not be read"))?;
        let templates = Templates::load(&project.layout.templates_dir(), &project.layout.sandbox)
            .map_err(|e| render_problems(&e))?;
        let plan = BuildPlan {
            letter,
            roster: &project.roster,
            counts: &report.counts,
            templates: &templates,
            langs: &letter.languages,
            formats: &Format::ALL,
            out_dir: &self.out_dir,
            on_written: &|_| {},
        };
        render::build(&plan).map(|built| built.written).map_err(|e| render_problems(&e))
    }
}

/// A template mistake has its own place; other render errors are a line.
fn render_problems(err: &render::RenderError) -> Vec<Problem> {
    match err {
        render::RenderError::Template(d) => vec![Problem::Finding((**d).clone())],
        other => vec![Problem::Other(other.to_string())],
    }
}

/// Builds once, then serves `preview` until the process is stopped,
/// building again on every change. `ready` is told the address and the
/// first build before any request is answered.
pub fn run(preview: Preview, port: u16, ready: impl FnOnce(&Server, &State)) -> Result<(), ServeError> {
    // Bound before the first build, so a taken port fails before any write.
    let server = Server::bind(port)?;
    let watcher = watch::Watcher::new(preview.watched());
    let state: Shared = Arc::new(Mutex::new(State { version: 1, outcome: preview.rebuild() }));
    ready(&server, &state.lock().unwrap_or_else(PoisonError::into_inner));
    let watcher_state = Arc::clone(&state);
    std::thread::spawn(move || {
        watcher.run(POLL, SETTLE, || {
            let outcome = preview.rebuild();
            report(&outcome);
            let mut state = watcher_state.lock().unwrap_or_else(PoisonError::into_inner);
            state.outcome = outcome;
            state.version += 1;
        })
    });
    server.serve(&state);
    Ok(())
}

/// One line on stderr per build, so the terminal says what the page shows.
pub fn report(outcome: &Outcome) {
    match outcome {
        Outcome::Built(files) => eprintln!("built: {} file(s)", files.len()),
        Outcome::Broken(problems) => {
            eprintln!("not built: {} problem(s), shown in the page", problems.len());
        }
    }
}
