//! `letter`: sign-on letters kept as YAML, checked, and rendered in every
//! language they are written in.
//!
//! The flow is `load` (files → model, with findings) → `check` (findings
//! across the whole letter) → `render` (model → one view per language →
//! Markdown, HTML, PDF). The command line in `cli` and `cmd` is a thin layer
//! over these.

pub mod atomic;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod dedup;
pub mod deliver;
pub mod diagnostic;
pub mod export;
pub mod init;
pub mod issue_form;
pub mod load;
pub mod model;
mod par;
pub mod render;
pub mod serve;
pub mod sign;
pub mod since;
