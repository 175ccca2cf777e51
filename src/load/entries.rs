//! A roster file read entry by entry, so that one bad entry is reported at
//! its place and skipped while the others still load, count and take part
//! in the duplicate search.
//!
//! A valid file is read in one pass, as before. Only when that fails is the
//! file outlined from the parser's events: each entry (and each network
//! member) is read on its own to find the bad ones, those are blanked out
//! to `~` in a copy of the text that keeps every line and column, and the
//! copy is read in one pass again. The entries that remain are read from
//! the text the organizer wrote, at the places they wrote them.

use std::ops::Range;

use serde::de::DeserializeOwned;
use serde_saphyr::Error;
use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle};

use super::raw::{RawIndividual, RawNetwork, RawOrganization, S};
use super::yaml;
use crate::diagnostic::Diagnostic;
use crate::model::Origin;

/// An entry of a roster file. A blanked-out entry reads as `None`, so the
/// lists of entries (and of a network's members) hold `Option`s.
pub trait Entry: DeserializeOwned {
    /// Whether the entry's own lists hold a blank: a valid file has none.
    fn has_blank(&self) -> bool {
        false
    }
    /// Whether its members are entries of their own, to be skipped alone.
    const HAS_MEMBERS: bool = false;
}

impl Entry for RawOrganization {}
impl Entry for RawIndividual {}
impl Entry for RawNetwork {
    fn has_blank(&self) -> bool {
        let m = &self.members;
        m.organizations.iter().any(Option::is_none) || m.people.iter().any(Option::is_none)
    }
    const HAS_MEMBERS: bool = true;
}

pub type List<R> = Vec<Option<S<R>>>;

/// The entries of one roster file that read well, and `None`s to pass over;
/// a finding for each that does not. The list is the one the parser built:
/// leaving out the `None`s here would copy it, 8 MB at 40,000 signers.
pub fn read<R: Entry>(src: &str, file: &Origin, diags: &mut Vec<Diagnostic>) -> List<R> {
    let err = match yaml::read::<List<R>>(src) {
        Ok(list) if !list.iter().any(|e| e.as_ref().is_none_or(|e| e.value.has_blank())) => {
            return list;
        }
        Ok(_) => None,
        Err(err) => Some(err),
    };
    let outline = match &err {
        Some(err) if !about_an_entry(err) => None,
        _ => outline(src, R::HAS_MEMBERS),
    };
    let found = diags.len();
    let Some(outline) = outline else {
        // Not a list of entries, or broken YAML: there is nothing to skip to.
        diags.extend(err.map(|err| yaml::to_diagnostic(&err, file, src)));
        return Vec::new();
    };
    let blanks = bad_entries::<R>(src, &outline, file, diags);
    let rest = blank_out(src, &blanks);
    match yaml::read::<List<R>>(&rest) {
        Ok(list) => {
            // Whatever failed the whole file must be reported somewhere.
            if diags.len() == found {
                diags.extend(err.map(|err| yaml::to_diagnostic(&err, file, src)));
            }
            list
        }
        Err(err) => {
            diags.push(yaml::to_diagnostic(&err, file, &rest));
            Vec::new()
        }
    }
}

/// Whether reading the entries one by one can get past `err`: not past
/// broken syntax, nor past a file over the parser's budget.
fn about_an_entry(err: &Error) -> bool {
    !matches!(
        err,
        Error::Budget { .. }
            | Error::ExternalMessage { .. }
            | Error::IOError { .. }
            | Error::UnknownAnchor { .. }
            | Error::AliasReplayCounterOverflow { .. }
            | Error::AliasReplayLimitExceeded { .. }
            | Error::AliasExpansionLimitExceeded { .. }
            | Error::AliasReplayStackDepthExceeded { .. }
    )
}

/// Where one entry's text is.
#[derive(Debug, Clone, PartialEq)]
struct Place {
    bytes: Range<usize>,
    line: usize,
    column: usize,
    shape: Shape,
    /// Whether it holds an alias, which only the whole file can resolve.
    aliased: bool,
}

/// What an entry starts as: only a mapping can be one.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    Mapping,
    Empty,
    Other,
}

impl Shape {
    fn of(event: &Event) -> Shape {
        match event {
            Event::MappingStart(..) => Shape::Mapping,
            Event::Scalar(text, ScalarStyle::Plain, ..) if matches!(text.as_ref(), "" | "~" | "null") => {
                Shape::Empty
            }
            _ => Shape::Other,
        }
    }
}

#[derive(Debug, PartialEq)]
struct Outlined {
    place: Place,
    organizations: Vec<Place>,
    people: Vec<Place>,
}

/// One open sequence or mapping while walking the events.
enum Open {
    Seq,
    /// A mapping; `key` is the last key read, `at_key` whether a key is next.
    Map {
        key: Option<String>,
        at_key: bool,
    },
}

/// The entries of a file that is a list, and with `members` their members;
/// `None` if the file is not a list or its YAML is broken.
fn outline(src: &str, members: bool) -> Option<Vec<Outlined>> {
    let mut parser = Parser::new_from_str(src);
    let mut open: Vec<Open> = Vec::new();
    let mut starts: Vec<Place> = Vec::new();
    let mut entries: Vec<Outlined> = Vec::new();
    // The members of the entry being read, until it ends.
    let (mut organizations, mut people) = (Vec::new(), Vec::new());
    while let Some(event) = parser.next_event() {
        let (event, span) = event.ok()?;
        let is_end = matches!(event, Event::SequenceEnd | Event::MappingEnd);
        let is_node = matches!(
            event,
            Event::Scalar(..) | Event::Alias(..) | Event::SequenceStart(..) | Event::MappingStart(..)
        );
        if is_node {
            if open.is_empty() && !matches!(event, Event::SequenceStart(..)) {
                return None;
            }
            if let Some(Open::Map { at_key: true, key, .. }) = open.last_mut() {
                *key = match &event {
                    Event::Scalar(text, ..) => Some(text.to_string()),
                    _ => None,
                };
            }
            let starts_entry = open.len() == 1 || (members && member_list(&open).is_some());
            if matches!(event, Event::Alias(..)) {
                starts.iter_mut().for_each(|entry| entry.aliased = true);
            }
            if starts_entry {
                let start = span.start.byte_offset()?;
                starts.push(Place {
                    bytes: start..start,
                    line: span.start.line(),
                    column: span.start.col() + 1,
                    shape: Shape::of(&event),
                    aliased: matches!(event, Event::Alias(..)),
                });
            }
        }
        match event {
            Event::SequenceStart(..) => open.push(Open::Seq),
            Event::MappingStart(..) => open.push(Open::Map { key: None, at_key: true }),
            Event::SequenceEnd | Event::MappingEnd => {
                open.pop();
            }
            _ => {}
        }
        let completes_a_node = is_end || matches!(event, Event::Scalar(..) | Event::Alias(..));
        if !completes_a_node {
            continue;
        }
        let end = span.end.byte_offset()?;
        // "" for an entry of the file, else the list of members it is in.
        let list = if open.len() == 1 { Some("") } else { member_list(&open).filter(|_| members) };
        if let Some(list) = list
            && let Some(mut place) = starts.pop()
        {
            place.bytes.end = end;
            match list {
                "organizations" => organizations.push(place),
                "people" => people.push(place),
                _ => entries.push(Outlined {
                    place,
                    organizations: std::mem::take(&mut organizations),
                    people: std::mem::take(&mut people),
                }),
            }
        }
        if let Some(Open::Map { at_key, .. }) = open.last_mut() {
            *at_key = !*at_key;
        }
    }
    Some(entries)
}

/// `organizations` or `people` when the innermost open container is a
/// network's list of members: root list, entry, `members:`, the list.
fn member_list(open: &[Open]) -> Option<&str> {
    match open {
        [Open::Seq, Open::Map { key: Some(members), .. }, Open::Map { key: Some(list), .. }, Open::Seq]
            if members == "members" && matches!(list.as_str(), "organizations" | "people") =>
        {
            Some(list)
        }
        _ => None,
    }
}

/// Reads each entry alone, after its bad members; a finding for each bad
/// one, and the places of the bad ones, in order, to blank out.
fn bad_entries<R: Entry>(
    src: &str,
    outline: &[Outlined],
    file: &Origin,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Range<usize>> {
    let mut blanks = Vec::new();
    for entry in outline {
        let mut bad_members = bad::<RawOrganization>(src, &entry.organizations, file, diags);
        bad_members.extend(bad::<RawIndividual>(src, &entry.people, file, diags));
        bad_members.sort_by_key(|m| m.start);
        if reads_alone::<R>(src, &entry.place, &bad_members, file, diags) {
            blanks.extend(bad_members);
        } else {
            blanks.push(entry.place.bytes.clone());
        }
    }
    blanks
}

/// The places of those of `entries` that do not read as a `T` alone.
fn bad<T: DeserializeOwned>(
    src: &str,
    entries: &[Place],
    file: &Origin,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Range<usize>> {
    let bad = entries.iter().filter(|e| !reads_alone::<T>(src, e, &[], file, diags));
    bad.map(|e| e.bytes.clone()).collect()
}

/// Whether the entry at `place`, with `blanks` in it blanked out, reads as a
/// `T`; if not, the finding, at its place in the file.
fn reads_alone<T: DeserializeOwned>(
    src: &str,
    place: &Place,
    blanks: &[Range<usize>],
    file: &Origin,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    if place.aliased {
        return true;
    }
    if let Some(finding) = not_an_entry(place, file) {
        diags.push(finding);
        return false;
    }
    let start = place.bytes.start;
    // Spaces in place of what precedes the entry on its line keep its
    // columns, and its indentation relative to the lines below it.
    let line_start = src[..start].rfind('\n').map_or(0, |i| i + 1);
    let mut text: String = src[line_start..start].chars().map(|_| ' ').collect();
    let inner: Vec<Range<usize>> = blanks.iter().map(|b| b.start - start..b.end - start).collect();
    text += &blank_out(&src[place.bytes.clone()], &inner);
    match yaml::read::<S<T>>(&text) {
        Ok(_) => true,
        Err(err) => {
            let mut finding = yaml::to_diagnostic(&err, file, &text);
            finding.line += place.line - 1;
            diags.push(finding);
            false
        }
    }
}

/// A finding for an entry that is no `name: …` mapping at all: the
/// parser's own words ("expected mapping start") would not say so.
fn not_an_entry(place: &Place, file: &Origin) -> Option<Diagnostic> {
    let at = Origin { line: place.line, column: place.column, ..file.clone() };
    let hint =
        "write each entry as `- name: …`, with its other keys on the lines below, indented like `name`";
    match place.shape {
        Shape::Mapping => None,
        Shape::Empty => Some(Diagnostic::error("empty-entry", &at, "this entry is empty").with_hint(hint)),
        Shape::Other => Some(
            Diagnostic::error("not-an-entry", &at, "an entry must be keys and values such as `name: …`")
                .with_hint(hint),
        ),
    }
}

/// `src` with each of `blanks` (in order, apart) made a `~` followed by
/// spaces: a null that keeps every line break, so every line and column
/// after it stays where it was.
fn blank_out(src: &str, blanks: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(src.len());
    let mut done = 0;
    for blank in blanks {
        out += &src[done..blank.start];
        for (i, c) in src[blank.clone()].chars().enumerate() {
            out.push(match c {
                '\n' | '\r' => c,
                _ if i == 0 => '~',
                _ => ' ',
            });
        }
        done = blank.end;
    }
    out += &src[done..];
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_keep_every_line_and_column() {
        let src = "- name: Ñandú\n  contry: MX\n- name: B\n";
        let first = 2..src.find("- name: B").unwrap();
        let blanked = blank_out(src, std::slice::from_ref(&first));
        assert!(blanked.starts_with("- ~ ") && blanked.ends_with("\n- name: B\n"), "{blanked:?}");
        let widths = |t: &str| t.lines().map(|l| l.chars().count()).collect::<Vec<_>>();
        assert_eq!(widths(&blanked), widths(src));
        assert_eq!(blanked.trim_start_matches("- ~").trim_end_matches("- name: B\n").trim(), "");
    }

    #[test]
    fn the_outline_finds_entries_and_members_in_block_and_flow_style() {
        let src = "- name: A\n- {name: B}\n- name: Red\n  members:\n    people: [{name: C}, x]\n    organizations:\n      - name: D\n";
        let entries = outline(src, true).unwrap();
        let text = |p: &Place| src[p.bytes.clone()].trim_end().to_string();
        assert_eq!(entries.iter().map(|e| text(&e.place)).collect::<Vec<_>>()[..2], ["name: A", "{name: B}"]);
        let red = &entries[2];
        assert_eq!(red.people.iter().map(text).collect::<Vec<_>>(), ["{name: C}", "x"]);
        assert_eq!(red.organizations.iter().map(text).collect::<Vec<_>>(), ["name: D"]);
        assert_eq!((red.people[1].line, red.people[1].column, red.people[1].shape), (5, 25, Shape::Other));
        assert!(outline(src, false).unwrap().iter().all(|e| e.people.is_empty()));
        assert_eq!(outline("name: not a list\n", true), None);
    }
}
