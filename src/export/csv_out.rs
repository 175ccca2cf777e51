//! The records as CSV that LibreOffice and Excel open as they are: UTF-8
//! (with a byte-order mark on request, which Excel needs to read UTF-8),
//! CRLF line ends, fields quoted where they hold a comma, quote or line
//! break, and no cell a spreadsheet would run as a formula.

use std::borrow::Cow;

use super::{PerLang, Record};
use crate::model::Lang;

/// What a cell starting with a formula character gets in front: a
/// spreadsheet shows `'=1+1` as the text `=1+1` rather than computing it
/// (OWASP's advice on CSV injection). A signer's name is never a formula.
pub const FORMULA_GUARD: char = '\'';

/// Characters that make a spreadsheet read a cell as a formula, or that
/// Excel strips before reading one (tab, carriage return).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The table: a header row, then one row per record. Per-language fields
/// get a column per language (`name_es`, `name_en`); contact details get
/// columns only when the records carry them.
pub fn csv(records: &[Record], langs: &[Lang], with_private: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
    // Writing to memory fails only on a record of the wrong length, and
    // every row is built from the same columns as the header.
    let _ = writer.write_record(header(langs, with_private));
    for record in records {
        let row: Vec<String> = row(record, langs, with_private);
        let _ = writer.write_record(row.iter().map(|cell| guard(cell).into_owned()));
    }
    writer.into_inner().unwrap_or_default()
}

fn header(langs: &[Lang], with_private: bool) -> Vec<String> {
    let per_lang = |field: &str| langs.iter().map(|l| format!("{field}_{l}")).collect::<Vec<_>>();
    let mut h: Vec<String> = vec!["kind".into()];
    h.extend(per_lang("name"));
    h.extend(["acronym", "network", "country"].map(String::from));
    h.extend(per_lang("country_name"));
    h.extend(["city", "website"].map(String::from));
    h.extend(per_lang("role"));
    h.extend(per_lang("affiliation"));
    if with_private {
        h.extend(["display", "email", "phone", "notes"].map(String::from));
    }
    h
}

fn row(r: &Record, langs: &[Lang], with_private: bool) -> Vec<String> {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let per_lang = |m: Option<&PerLang>| {
        langs
            .iter()
            .map(|l| m.and_then(|m| m.get(l.as_str())).cloned().unwrap_or_default())
            .collect::<Vec<_>>()
    };
    let mut row = vec![r.kind.clone()];
    row.extend(per_lang(Some(&r.name)));
    row.extend([
        opt(&r.acronym),
        opt(&r.network),
        r.country.as_ref().map(|c| c.code.clone()).unwrap_or_default(),
    ]);
    row.extend(per_lang(r.country.as_ref().map(|c| &c.name)));
    row.extend([opt(&r.city), opt(&r.website)]);
    row.extend(per_lang(r.role.as_ref()));
    row.extend(per_lang(r.affiliation.as_ref()));
    if with_private {
        let p = r.private.as_ref();
        row.extend(
            [
                p.map(|p| p.display.clone()),
                p.and_then(|p| p.email.clone()),
                p.and_then(|p| p.phone.clone()),
                p.and_then(|p| p.notes.clone()),
            ]
            .map(Option::unwrap_or_default),
        );
    }
    row
}

fn guard(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_START) {
        Cow::Owned(format!("{FORMULA_GUARD}{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_a_spreadsheet_would_compute_is_written_as_text() {
        assert_eq!(guard("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(guard("+52 55 0000"), "'+52 55 0000");
        assert_eq!(guard("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(guard("-1"), "'-1");
        assert_eq!(guard("Sin Fronteras = IAP"), "Sin Fronteras = IAP", "only the first character counts");
    }
}
