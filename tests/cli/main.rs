//! Integration tests: the real `letter` binary on real folders.
//!
//! One test binary, one module per feature; fixtures live in
//! `tests/fixtures/`, and each test works on its own copy in a temporary
//! folder so it can break files without touching the fixtures.

mod build;
mod check;
mod command_line;
mod consent;
mod countries;
mod dedup;
mod deliver;
mod export;
mod flagship;
mod hostile;
mod import;
mod init;
mod issue;
mod limits;
mod parallel;
mod parity;
mod pdf;
mod record;
mod root;
mod serve;
mod sign;
mod since;
mod templates;
mod util;
mod writes;
