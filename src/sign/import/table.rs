//! A form export as rows of text: CSV or TSV, UTF-8 with or without a BOM,
//! comma, semicolon or tab separated, quoted fields with line breaks.
//!
//! The separator is guessed from the header line (the one that occurs most
//! often outside quotes), since spreadsheets in Spanish-speaking locales
//! export with semicolons; the `csv` crate does the rest.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum TableError {
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{}: the file is not UTF-8 text\n  hint: export it again as \"CSV UTF-8\" (spreadsheets) or download it from the form as CSV", .0.display())]
    NotUtf8(PathBuf),
    #[error("{}: row {row}: {message}\n  hint: check the quotes on that row; a field with a line break or the separator must be in double quotes", path.display())]
    Csv { path: PathBuf, row: usize, message: String },
    #[error("{}: no header row\n  hint: the first row must name the columns", .0.display())]
    Empty(PathBuf),
}

/// The headers and the rows, each with its spreadsheet row number (the
/// header is row 1).
#[derive(Debug)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

pub fn read(path: &Path) -> Result<Table, TableError> {
    let bytes = std::fs::read(path).map_err(|source| TableError::Io { path: path.to_path_buf(), source })?;
    let text = String::from_utf8(bytes).map_err(|_| TableError::NotUtf8(path.to_path_buf()))?;
    parse(text.strip_prefix('\u{feff}').unwrap_or(&text), path)
}

pub fn parse(text: &str, path: &Path) -> Result<Table, TableError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator(text.lines().next().unwrap_or("")))
        .flexible(true)
        .from_reader(text.as_bytes());
    let csv_error =
        |row: usize, e: csv::Error| TableError::Csv { path: path.to_path_buf(), row, message: e.to_string() };
    let headers: Vec<String> =
        reader.headers().map_err(|e| csv_error(1, e))?.iter().map(str::to_string).collect();
    if headers.iter().all(|h| h.trim().is_empty()) {
        return Err(TableError::Empty(path.to_path_buf()));
    }
    let mut rows = Vec::new();
    let mut row = 1;
    let mut end = content_end(text, reader.position().byte());
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record).map_err(|e| csv_error(row + 1, e))? {
        // The csv crate skips blank lines; a spreadsheet shows each as a row.
        row += line_breaks_after(text, end);
        end = content_end(text, reader.position().byte());
        rows.push((row, record.iter().map(str::to_string).collect()));
    }
    Ok(Table { headers, rows })
}

/// Where the text of a record that the reader left at `byte` ends, before
/// its line break (which the reader may or may not have passed yet).
fn content_end(text: &str, byte: u64) -> usize {
    let end = usize::try_from(byte).map_or(text.len(), |b| b.min(text.len()));
    text.get(..end).unwrap_or(text).trim_end_matches(['\r', '\n']).len()
}

/// The line breaks between a record's text ending at `from` and the next
/// record's: one ends the record's row, each further one is a blank row.
fn line_breaks_after(text: &str, from: usize) -> usize {
    let rest = text.get(from..).unwrap_or_default();
    let gap = &rest[..rest.len() - rest.trim_start_matches(['\r', '\n']).len()];
    gap.replace("\r\n", "\n").len()
}

/// The separator that occurs most often outside quotes in `header`.
fn separator(header: &str) -> u8 {
    let mut counts = [(b',', 0), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in header.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(c) = counts.iter_mut().find(|(s, _)| *s == b) {
            c.1 += 1;
        }
    }
    counts.iter().max_by_key(|(s, n)| (*n, *s == b',')).map_or(b',', |(s, _)| *s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_are_guessed_from_the_header() {
        assert_eq!(separator("Nombre;País;\"Correo, electrónico\""), b';');
        assert_eq!(separator("Name,Country"), b',');
        assert_eq!(separator("Name\tCountry"), b'\t');
        assert_eq!(separator("Name"), b',');
    }

    #[test]
    fn quoted_fields_keep_their_line_breaks_and_rows_their_numbers() {
        let t = parse("a;b\n\"x\ny\";\"1;2\"\nz\n", Path::new("f.csv")).unwrap();
        assert_eq!(t.headers, ["a", "b"]);
        assert_eq!(t.rows, [(2, vec!["x\ny".to_string(), "1;2".to_string()]), (3, vec!["z".to_string()])]);
    }

    #[test]
    fn blank_lines_are_rows_as_in_the_spreadsheet() {
        for text in ["a\n\nx\n\n\ny\n", "a\r\n\r\nx\r\n\r\n\r\ny\r\n"] {
            let rows: Vec<usize> =
                parse(text, Path::new("f.csv")).unwrap().rows.iter().map(|r| r.0).collect();
            assert_eq!(rows, [3, 6], "{text:?}");
        }
    }
}
