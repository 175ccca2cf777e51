//! `letter templates export`: the defaults, written out for editing.

use std::path::Path;

use anyhow::Result;

use super::Outcome;
use crate::render::templates;

pub fn export(dir: &Path, force: bool) -> Result<Outcome> {
    for path in templates::export(dir, force)? {
        say!("wrote {}", path.display())?;
    }
    Ok(Outcome::Success)
}
