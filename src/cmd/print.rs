//! Findings as people and CI read them: plain lines, coloured excerpts of the
//! YAML with a caret, or GitHub Actions workflow commands.

use std::collections::HashMap;
use std::io::{self, BufWriter, IsTerminal, Write};

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as Level};
use codespan_reporting::files::{Files, SimpleFiles};
use codespan_reporting::term::termcolor::{BufferedStandardStream, ColorChoice};
use codespan_reporting::term::{self, Config};

use crate::cli::{Color, OutputArgs};
use crate::diagnostic::{Diagnostic, Severity};
use crate::load::Sandbox;
use crate::par;

/// Output to a reader that stopped early (`| head`) ends there, quietly: the
/// reader asked for no more, and the run's exit status stays its own.
pub fn unless_closed(written: io::Result<()>) -> io::Result<()> {
    match written {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Decides once how findings look on this run.
pub struct Printer {
    rich: bool,
    /// Findings go to standard error (`build`), not standard output (`check`).
    to_stderr: bool,
    pub quiet: bool,
    pub verbose: bool,
    /// The project whose files may be quoted; none without it.
    sandbox: Option<Sandbox>,
}

impl Printer {
    fn new(output: &OutputArgs, to_stderr: bool) -> Printer {
        let terminal = if to_stderr { io::stderr().is_terminal() } else { io::stdout().is_terminal() };
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let rich = match output.color {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => terminal && !no_color,
        };
        Printer { rich, to_stderr, quiet: output.quiet, verbose: output.verbose, sandbox: None }
    }

    /// Quotes lines only of files inside the project: a finding about a link
    /// that leads out of it must not print what the link points at.
    pub fn confined_to(mut self, sandbox: &Sandbox) -> Printer {
        self.sandbox = Some(sandbox.clone());
        self
    }

    pub fn for_stdout(output: &OutputArgs) -> Printer {
        Printer::new(output, false)
    }

    pub fn for_stderr(output: &OutputArgs) -> Printer {
        Printer::new(output, true)
    }

    /// Whether a finding of this severity is printed at all.
    pub fn shows(&self, severity: Severity) -> bool {
        !self.quiet || severity == Severity::Error
    }

    /// Buffered: a large roster has tens of thousands of findings, and a
    /// write per line would cost more than finding them.
    pub fn diagnostics(&self, diags: &[Diagnostic]) -> io::Result<()> {
        let shown: Vec<&Diagnostic> = diags.iter().filter(|d| self.shows(d.severity)).collect();
        if self.rich {
            let choice = ColorChoice::Always;
            let mut stream = if self.to_stderr {
                BufferedStandardStream::stderr(choice)
            } else {
                BufferedStandardStream::stdout(choice)
            };
            rich(&mut stream, &shown, self.sandbox.as_ref())?;
            return stream.flush();
        }
        let mut out: BufWriter<Box<dyn Write>> = BufWriter::new(if self.to_stderr {
            Box::new(io::stderr().lock())
        } else {
            Box::new(io::stdout().lock())
        });
        // Straight into the buffer: a string per finding cost more than
        // formatting them on every core saved.
        for d in shown {
            writeln!(out, "{d}")?;
        }
        out.flush()
    }
}

/// codespan-reporting's excerpt of each file, read once per file.
fn rich(out: &mut impl term::WriteStyle, diags: &[&Diagnostic], sandbox: Option<&Sandbox>) -> io::Result<()> {
    let mut files = SimpleFiles::new();
    let mut ids: HashMap<&str, Option<usize>> = HashMap::new();
    let config = Config::default();
    for d in diags {
        let id = *ids.entry(d.file.as_str()).or_insert_with(|| {
            let path = std::path::Path::new(&d.file);
            let quotable = sandbox.is_some_and(|s| s.admits(path));
            let src = quotable.then(|| std::fs::read_to_string(path).ok()).flatten();
            src.map(|src| files.add(d.file.clone(), src))
        });
        let report = match id.and_then(|id| span(&files, id, d).map(|s| (id, s))) {
            Some((id, range)) => to_report(d).with_labels(vec![Label::primary(id, range)]),
            None => to_report(d).with_notes(vec![format!("at {}:{}:{}", d.file, d.line, d.column)]),
        };
        term::emit_to_write_style(out, &config, &files, &report).map_err(io::Error::other)?;
    }
    Ok(())
}

fn to_report(d: &Diagnostic) -> Report<usize> {
    let level = match d.severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Note => Level::Note,
    };
    let report = Report::new(level).with_code(d.code).with_message(&d.message);
    match &d.hint {
        Some(hint) => report.with_notes(vec![format!("hint: {hint}")]),
        None => report,
    }
}

/// The byte range a finding points at: from its column to the end of the
/// word there (at least one character), so the caret underlines the token.
/// Lines are found through the file's line index: scanning from the top for
/// each finding would be quadratic in a large roster.
fn span(files: &SimpleFiles<String, String>, id: usize, d: &Diagnostic) -> Option<std::ops::Range<usize>> {
    let source = files.get(id).ok()?.source();
    let line_start = files.line_range(id, d.line.checked_sub(1)?).ok()?.start;
    let line = source.get(line_start..)?.split('\n').next()?;
    let start = line.char_indices().nth(d.column - 1).map_or(line.len(), |(i, _)| i);
    let rest = &line[start..];
    let word = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let len = if word == 0 { rest.chars().next().map_or(0, char::len_utf8) } else { word };
    Some(line_start + start..line_start + start + len)
}

/// GitHub Actions workflow commands: each finding shows on its line in the
/// pull request.
pub fn github(out: &mut impl Write, diags: &[Diagnostic]) -> io::Result<()> {
    write_lines(out, diags, github_command)
}

fn github_command(d: &Diagnostic) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let mut message = d.message.clone();
    if let Some(hint) = &d.hint {
        message = format!("{message}\nhint: {hint}");
    }
    format!(
        "::{level} file={},line={},col={},title={}::{}",
        property(&d.file),
        d.line,
        d.column,
        property(d.code),
        data(&message)
    )
}

/// Each item as a line, in order. A large roster has tens of thousands of
/// findings: they are formatted on every core, then written in one stream.
fn write_lines<T: Sync>(
    out: &mut impl Write,
    items: &[T],
    line: impl Fn(&T) -> String + Sync,
) -> io::Result<()> {
    for text in par::map(items, line) {
        out.write_all(text.as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Escaping from GitHub's toolkit (`toCommandValue`/`escapeData`).
fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Origin;
    use std::path::Path;

    fn diag() -> Diagnostic {
        let at = Origin { file: Path::new("a,b:c.yaml").into(), line: 2, column: 3 };
        Diagnostic::error("duplicate-signatory", &at, "50% sure\nreally").with_hint("delete one")
    }

    #[test]
    fn github_commands_escape_data_and_properties() {
        let mut out = Vec::new();
        github(&mut out, &[diag()]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "::error file=a%2Cb%3Ac.yaml,line=2,col=3,title=duplicate-signatory::50%25 sure%0Areally%0Ahint: delete one\n"
        );
    }

    fn one_file(src: &str) -> SimpleFiles<String, String> {
        let mut files = SimpleFiles::new();
        files.add("x".into(), src.into());
        files
    }

    #[test]
    fn span_covers_the_word_at_the_column() {
        let src = "- name: A\n  contry: MX\n";
        assert_eq!(&src[span(&one_file(src), 0, &diag()).unwrap()], "contry:");
    }

    #[test]
    fn span_of_a_position_past_the_text_is_empty_not_a_panic() {
        let at = Origin { file: Path::new("x").into(), line: 1, column: 40 };
        let d = Diagnostic::error("x", &at, "x");
        assert_eq!(span(&one_file("short\n"), 0, &d), Some(5..5));
        let past = Diagnostic::error("x", &Origin { line: 9, ..at }, "x");
        assert_eq!(span(&one_file("short\n"), 0, &past), None);
    }
}
