//! Any bytes as any roster file: findings with sane positions, never a panic,
//! and every name that loads escapes safely for Markdown and HTML.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use letter::load::{default_languages, parse_roster};
use letter::model::SignerKind;
use letter::render::{html, markdown};

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let langs = default_languages();
    for kind in SignerKind::ALL {
        let (roster, diags) = parse_roster(kind, src, Path::new("fuzz.yaml"), &langs);
        for d in &diags {
            assert!(d.line >= 1 && d.column >= 1, "{d}");
        }
        for signer in roster.signers() {
            for name in signer.name.variants() {
                assert!(!html::escape(name).contains('<'));
                let _ = markdown::escape(name);
            }
        }
    }
});
