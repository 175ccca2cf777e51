//! The look of the PDF, from `templates/pdf.yaml`: page size, margins,
//! columns, and one paragraph style per block kind of the template.
//!
//! An organizer's `pdf.yaml` only needs the keys it changes: missing
//! settings take the defaults below (the same as the shipped file), and a
//! style it does not list is taken from the shipped file. Unknown keys are
//! errors, so a typo is not silently ignored.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::model::Origin;

/// The shipped `pdf.yaml`, which also supplies the styles an override leaves out.
const DEFAULT: &str = include_str!("../../../templates/pdf.yaml");

/// Points per millimetre.
const MM: f32 = 72.0 / 25.4;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Style {
    /// `a4` (210 × 297 mm) or `letter` (8.5 × 11 in).
    pub page: PageSize,
    /// Margins in millimetres.
    pub margins: Margins,
    /// Columns of the signatory lists.
    pub columns: usize,
    /// Space between columns, in millimetres.
    pub column_gap: f32,
    /// Size of the running title and page footer, in points.
    pub running_size: f32,
    /// Colour of links, as `#rrggbb`.
    pub link_color: String,
    pub styles: BTreeMap<String, Para>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
#[serde(rename_all = "lowercase")]
pub enum PageSize {
    A4,
    Letter,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Margins {
    pub top: f32,
    pub bottom: f32,
    pub left: f32,
    pub right: f32,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    Justify,
    Left,
    Center,
    Right,
}

/// One paragraph style. Sizes and spaces are in points.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Para {
    pub size: f32,
    /// Baseline to baseline.
    pub leading: f32,
    pub align: Align,
    pub bold: bool,
    pub italic: bool,
    pub space_before: f32,
    pub space_after: f32,
    /// Left indent of every line.
    pub indent: f32,
    /// Extra indent of the first line.
    pub first_indent: f32,
    /// Extra indent of every line but the first (a hanging indent).
    pub hang: f32,
    pub hyphenate: bool,
    /// Never the last thing on a page or column.
    pub keep_with_next: bool,
    /// What the paragraph is in the PDF's structure tree, for screen readers.
    pub tag: Tag,
    /// Always starts a page, however much room is left on the one before.
    pub new_page: bool,
}

/// A paragraph's role in the tagged PDF. Consecutive `item`s form one list;
/// `subitem`s form a list inside the item before them (a network's members).
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq)]
#[serde(rename_all = "lowercase")]
pub enum Tag {
    H1,
    H2,
    H3,
    #[default]
    P,
    Item,
    Subitem,
}

impl Default for Style {
    fn default() -> Style {
        Style {
            page: PageSize::A4,
            margins: Margins::default(),
            columns: 3,
            column_gap: 6.0,
            running_size: 8.5,
            link_color: "#1a4a8a".into(),
            styles: BTreeMap::new(),
        }
    }
}

impl Default for Margins {
    fn default() -> Margins {
        Margins { top: 24.0, bottom: 24.0, left: 25.0, right: 25.0 }
    }
}

impl Default for Para {
    fn default() -> Para {
        Para {
            size: 11.0,
            leading: 14.0,
            align: Align::Justify,
            bold: false,
            italic: false,
            space_before: 0.0,
            space_after: 0.0,
            indent: 0.0,
            first_indent: 0.0,
            hang: 0.0,
            hyphenate: true,
            keep_with_next: false,
            tag: Tag::P,
            new_page: false,
        }
    }
}

/// The page's geometry in points, PDF style: y grows upwards.
#[derive(Debug, Clone, Copy)]
pub struct Geometry {
    pub width: f32,
    pub height: f32,
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
}

impl Geometry {
    pub fn text_width(&self) -> f32 {
        self.right - self.left
    }

    /// The width of one of `columns` columns `gap` apart: what paragraphs
    /// in columns are set to and placed at, which must agree.
    pub fn column_width(&self, columns: usize, gap: f32) -> f32 {
        (self.text_width() - gap * (columns as f32 - 1.0)) / columns as f32
    }
}

impl Style {
    /// The style from `src`, with the shipped styles it does not name;
    /// `file` names `src` in findings.
    pub fn load(src: &str, file: &Origin) -> Result<Style, Diagnostic> {
        let mut style = Style::parse(src, file)?;
        if src != DEFAULT {
            for (name, para) in Style::parse(DEFAULT, file)?.styles {
                style.styles.entry(name).or_insert(para);
            }
        }
        Ok(style)
    }

    /// Read as strictly as a roster: unknown keys get a "did you mean", and
    /// a value out of range is reported at its key.
    fn parse(src: &str, file: &Origin) -> Result<Style, Diagnostic> {
        let style: Style = crate::load::parse_yaml(src, file)?;
        style.validate().map_err(|(path, message, hint)| {
            let at = key_position(src, &path).map_or(file.clone(), |(line, column)| Origin {
                line,
                column,
                ..file.clone()
            });
            Diagnostic::error("invalid-style", &at, message).with_hint(hint)
        })?;
        Ok(style)
    }

    /// The first value out of range: its key's path, what is wrong, the fix.
    fn validate(&self) -> Result<(), (Vec<String>, String, String)> {
        let fail = |path: &[&str], message: String, hint: &str| {
            Err((path.iter().map(|s| s.to_string()).collect(), message, hint.to_string()))
        };
        if !(1..=4).contains(&self.columns) {
            return fail(
                &["columns"],
                format!("columns: {} is not between 1 and 4", self.columns),
                "write 1, 2, 3 or 4",
            );
        }
        let m = self.margins;
        let lengths = [
            (["margins", "top"], m.top),
            (["margins", "bottom"], m.bottom),
            (["margins", "left"], m.left),
            (["margins", "right"], m.right),
            (["column_gap", ""], self.column_gap),
        ];
        for (path, value) in lengths {
            if !(0.0..=80.0).contains(&value) {
                let path: Vec<&str> = path.into_iter().filter(|p| !p.is_empty()).collect();
                let message = format!("{}: {value} mm is not between 0 and 80 mm", path.join("."));
                return fail(&path, message, "margins and the column gap are in millimetres, 0 to 80");
            }
        }
        if parse_color(&self.link_color).is_none() {
            let message = format!("link_color: `{}` is not a #rrggbb colour", self.link_color);
            return fail(
                &["link_color"],
                message,
                "write the colour as in HTML, e.g. \"#1a4a8a\" (in quotes)",
            );
        }
        for (name, p) in &self.styles {
            let sane = |v: f32, max: f32| (0.0..=max).contains(&v);
            if !(p.size >= 4.0 && p.size <= 72.0 && p.leading >= p.size * 0.8 && p.leading <= 144.0) {
                let message = format!("styles.{name}: size must be 4–72 pt and leading at least 0.8 × size");
                return fail(&["styles", name], message, "e.g. `{size: 11, leading: 14}`");
            }
            if ![p.space_before, p.space_after, p.indent, p.first_indent, p.hang]
                .iter()
                .all(|v| sane(*v, 200.0))
            {
                let message = format!("styles.{name}: spaces and indents must be between 0 and 200 pt");
                return fail(&["styles", name], message, "spaces and indents are in points, 0 to 200");
            }
        }
        Ok(())
    }

    pub fn geometry(&self) -> Geometry {
        let (width, height) = match self.page {
            PageSize::A4 => (210.0 * MM, 297.0 * MM),
            PageSize::Letter => (8.5 * 72.0, 11.0 * 72.0),
        };
        let m = self.margins;
        Geometry {
            width,
            height,
            left: m.left * MM,
            right: width - m.right * MM,
            top: height - m.top * MM,
            bottom: m.bottom * MM,
        }
    }

    pub fn column_gap_pt(&self) -> f32 {
        self.column_gap * MM
    }

    pub fn link_rgb(&self) -> [f32; 3] {
        parse_color(&self.link_color).unwrap_or([0.0, 0.0, 0.0])
    }
}

/// Where the last key of `path` is written in `src`, each key looked for
/// after the one before it (`styles`, then `body` below it): a value out of
/// range is reported at its key. Only a key at a line's start, or after `{`
/// or `,` in a flow mapping, counts.
fn key_position(src: &str, path: &[String]) -> Option<(usize, usize)> {
    let mut from = 0;
    for key in path {
        let found = src[from..].match_indices(key.as_str()).map(|(i, _)| from + i).find(|&i| {
            let before = src[..i].trim_end_matches([' ', '\t']);
            let after = src[i + key.len()..].trim_start_matches([' ', '\t']);
            after.starts_with(':') && (before.is_empty() || before.ends_with(['\n', '{', ',']))
        })?;
        from = found;
    }
    let before = &src[..from];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Some((before.matches('\n').count() + 1, before[line_start..].chars().count() + 1))
}

/// `#rrggbb` as red, green and blue from 0 to 1.
pub fn parse_color(s: &str) -> Option<[f32; 3]> {
    let hex = s.strip_prefix('#').filter(|h| h.len() == 6 && h.is_ascii())?;
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok().map(|b| f32::from(b) / 255.0);
    Some([byte(0)?, byte(2)?, byte(4)?])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn file() -> Origin {
        crate::load::whole_file(Path::new("pdf.yaml"))
    }

    #[test]
    fn defaults_fill_what_an_override_leaves_out() {
        let s = Style::parse("page: letter\nstyles:\n  body: {size: 10, leading: 13}\n", &file()).unwrap();
        assert_eq!(s.page, PageSize::Letter);
        assert_eq!(s.columns, 3);
        assert_eq!(s.styles["body"].align, Align::Justify);
        assert!((s.geometry().width - 612.0).abs() < 0.01);
    }

    #[test]
    fn an_override_keeps_the_shipped_styles_it_does_not_name() {
        let s = Style::load("columns: 2\nstyles:\n  title: {size: 20, leading: 24}\n", &file()).unwrap();
        assert_eq!(s.columns, 2);
        assert_eq!(s.styles["title"].size, 20.0);
        assert!(!s.styles["title"].bold, "a named style is replaced whole");
        assert!(s.styles["demand"].indent > 0.0);
    }

    #[test]
    fn the_shipped_file_says_what_the_code_defaults_say() {
        let shipped = Style::parse(DEFAULT, &file()).unwrap();
        let code = Style::default();
        assert_eq!(shipped.page, code.page);
        assert_eq!(
            (shipped.columns, shipped.column_gap, shipped.running_size),
            (code.columns, code.column_gap, code.running_size)
        );
        let (a, b) = (shipped.margins, code.margins);
        assert_eq!((a.top, a.bottom, a.left, a.right), (b.top, b.bottom, b.left, b.right));
        assert_eq!(shipped.link_color, code.link_color);
    }

    #[test]
    fn typos_and_nonsense_are_findings_at_their_key() {
        let finding = |src: &str| Style::parse(src, &file()).unwrap_err();
        let typo = finding("page: a4\ncolums: 2\n");
        assert_eq!((typo.code, typo.line, typo.column), ("unknown-key", 2, 1));
        assert!(typo.hint.unwrap().contains("did you mean `columns`"));
        let twice = finding("columns: 2\ncolumns: 3\n");
        assert_eq!(twice.code, "duplicate-key");
        assert!(!format!("{twice}").contains("Policy"), "{twice}");
        let nine = finding("page: a4\ncolumns: 9\n");
        assert_eq!((nine.code, nine.line, nine.column), ("invalid-style", 2, 1));
        assert_eq!(finding("link_color: blue\n").code, "invalid-style");
        let leading = finding("styles:\n  title: {size: 11}\n  body: {size: 11, leading: 2}\n");
        assert_eq!((leading.line, leading.column), (3, 3));
        let margin = finding("margins: {top: 24, left: 99}\n");
        assert_eq!((margin.line, margin.column), (1, 20));
    }
}
