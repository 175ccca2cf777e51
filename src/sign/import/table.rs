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
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| csv_error(i + 2, e))?;
        rows.push((i + 2, record.iter().map(str::to_string).collect()));
    }
    Ok(Table { headers, rows })
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
}
