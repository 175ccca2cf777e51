//! Any text as signers' names (each also upper-cased, so matches happen):
//! normalization and matching never panic, and every match is well formed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use letter::dedup::{Candidate, Class, find};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let names: Vec<&str> = text.lines().take(64).collect();
    let upper: Vec<String> = names.iter().map(|n| n.to_uppercase()).collect();
    let candidates: Vec<Candidate> = names
        .iter()
        .copied()
        .chain(upper.iter().map(String::as_str))
        .map(|n| Candidate { class: Class::Group, names: vec![n], ..Candidate::default() })
        .collect();
    for m in find(&candidates) {
        assert!(m.a < candidates.len() && m.b < candidates.len() && m.a != m.b);
        assert!((0.0..=1.0).contains(&m.score));
    }
});
