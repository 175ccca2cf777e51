//! The letter's prose: the texts each language's reader expects in their
//! own language. Each is flagged when written once for every language, and
//! its links to the letter's own anchors are collected for `check`.

use super::convert::Ctx;
use super::raw::{RawDemand, RawLetter, RawText, S};
use crate::model::AnchorLink;
use crate::render::inline::{self, Inline};

/// The letter's prose, each with the key that names it in findings.
pub fn of_letter(raw: &RawLetter) -> Vec<(&'static str, &S<RawText>)> {
    let mut out = vec![("title", &raw.title), ("greeting", &raw.greeting), ("sign_off", &raw.sign_off)];
    out.extend(raw.short_title.iter().map(|t| ("short_title", t)));
    out.extend(raw.addressees.iter().filter_map(|a| a.value.role.as_ref()).map(|t| ("role", t)));
    out.extend(raw.opening.iter().map(|t| ("opening", t)));
    for section in &raw.sections {
        out.push(("heading", &section.value.heading));
        out.extend(section.value.intro.iter().map(|t| ("intro", t)));
    }
    out.extend(raw.closing.iter().map(|t| ("closing", t)));
    out
}

pub fn of_demand(raw: &RawDemand) -> Vec<(&'static str, &S<RawText>)> {
    vec![("lead", &raw.lead), ("body", &raw.body)]
}

/// Flags each text left in one language and returns its anchor links.
pub fn check(ctx: &mut Ctx, texts: &[(&'static str, &S<RawText>)]) -> Vec<AnchorLink> {
    let mut links = Vec::new();
    for (what, text) in texts {
        ctx.translatable(text, what);
        let variants: Vec<&str> = match &text.value {
            RawText::Same(s) | RawText::All(s) => vec![s],
            RawText::PerLang(map) => map.values().map(String::as_str).collect(),
        };
        for variant in variants {
            for target in anchors(&inline::parse(variant)) {
                if !links.iter().any(|l: &AnchorLink| l.target == target && l.origin == ctx.at(text)) {
                    links.push(AnchorLink { target, origin: ctx.at(text) });
                }
            }
        }
    }
    links
}

fn anchors(nodes: &[Inline]) -> Vec<String> {
    let mut out = Vec::new();
    for node in nodes {
        match node {
            Inline::Link { url, children } => {
                out.extend(url.trim().strip_prefix('#').map(str::to_string));
                out.extend(anchors(children));
            }
            Inline::Emph(c) | Inline::Strong(c) => out.extend(anchors(c)),
            Inline::Text(_) | Inline::Code(_) => {}
        }
    }
    out
}
