//! `letter serve`: a live preview in the browser, until Ctrl-C.

use std::path::PathBuf;
use std::process::Command;

use anyhow::Result;

use super::Outcome;
use crate::cli::ServeArgs;
use crate::serve::{self, Outcome as Build, Preview};

pub fn run(args: &ServeArgs) -> Result<Outcome> {
    let preview = Preview::locate(&args.path)?;
    serve::run(preview, args.port, |server, state| {
        serve::report(&state.outcome);
        // The address first and alone on its line: scripts and tests read it.
        let url = server.url();
        let _ = say!("serving {url}");
        let pages = match &state.outcome {
            Build::Built(files) => html_pages(files),
            Build::Broken(_) => Vec::new(),
        };
        for name in &pages {
            let _ = say!("  {url}{name}");
        }
        let _ = say!("watching for changes; Ctrl-C stops");
        if let Some(lang) = &args.open_lang {
            open_page(&url, &pages, lang);
        }
    })?;
    Ok(Outcome::Success)
}

fn html_pages(files: &[PathBuf]) -> Vec<String> {
    files
        .iter()
        .filter_map(|f| f.file_name()?.to_str())
        .filter(|n| n.ends_with(".html"))
        .map(String::from)
        .collect()
}

/// Opens `lang`'s page, or the index when the letter failed to build (its
/// findings are shown there). Not opening is a warning: the address is printed.
fn open_page(url: &str, pages: &[String], lang: &str) {
    let suffix = format!(".{lang}.html");
    let page = match pages.iter().find(|p| p.ends_with(&suffix)) {
        Some(page) => format!("{url}{page}"),
        None if pages.is_empty() => url.to_string(),
        None => {
            eprintln!("warning: no page in `{lang}`; the letter's pages are {}", pages.join(", "));
            return;
        }
    };
    match opener(&page).spawn() {
        // Waited for aside, so the opener leaves no zombie behind.
        Ok(mut child) => drop(std::thread::spawn(move || child.wait())),
        Err(err) => eprintln!("warning: could not open a browser ({err}); open {page}"),
    }
}

fn opener(page: &str) -> Command {
    let (program, first): (&str, &[&str]) = if cfg!(target_os = "macos") {
        ("open", &[])
    } else if cfg!(windows) {
        ("cmd", &["/C", "start", ""])
    } else {
        ("xdg-open", &[])
    };
    let mut cmd = Command::new(program);
    cmd.args(first).arg(page);
    cmd
}
