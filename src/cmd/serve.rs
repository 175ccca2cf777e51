//! `letter serve`: a live preview in the browser, until Ctrl-C.

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
        if let Build::Built(files) = &state.outcome {
            for name in files.iter().filter_map(|f| f.file_name()?.to_str()).filter(|n| n.ends_with(".html"))
            {
                let _ = say!("  {url}{name}");
            }
        }
        let _ = say!("watching for changes; Ctrl-C stops");
    })?;
    Ok(Outcome::Success)
}
