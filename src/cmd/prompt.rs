//! Asking the person at the terminal, and never anyone else.
//!
//! Questions are asked only when both stdin and stderr are terminals and
//! `--yes` was not given; a script, a CI job or a pipe is never left
//! waiting for an answer.

use std::io::{self, BufRead, IsTerminal, Write};

pub struct Prompter {
    pub interactive: bool,
}

impl Prompter {
    pub fn new(yes: bool) -> Prompter {
        Prompter { interactive: !yes && io::stdin().is_terminal() && io::stderr().is_terminal() }
    }

    /// The answer to `question`, trimmed; empty when skipped or at end of input.
    pub fn ask(&self, question: &str) -> io::Result<String> {
        let mut err = io::stderr().lock();
        write!(err, "{question}: ")?;
        err.flush()?;
        let mut line = String::new();
        io::stdin().lock().read_line(&mut line)?;
        Ok(line.trim().to_string())
    }

    /// Yes only when the person says so; no without a terminal.
    pub fn confirm(&self, question: &str) -> io::Result<bool> {
        if !self.interactive {
            return Ok(false);
        }
        let answer = self.ask(&format!("{question} [y/N]"))?.to_lowercase();
        Ok(matches!(answer.as_str(), "y" | "yes" | "s" | "si" | "sí"))
    }
}
