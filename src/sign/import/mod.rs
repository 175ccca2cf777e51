//! A form export's rows into the roster, each through the same checks and
//! the same duplicate search as `letter sign`.
//!
//! Every row ends as added, restored (a withdrawn signer signing again),
//! skipped (already in, or the same as an earlier row), needing review (a
//! likely duplicate: a person decides, with `letter sign --force`), or bad
//! (a value that cannot be written). A bad row is never written at all.

pub mod columns;
pub mod table;

use columns::Column;
use table::Table;

use super::SignError;
use super::batch::{Batch, Placed};
use super::duplicates::{Hit, Verdict};
use super::record::Note;
use super::signup::{self, Draft, Field, Kind, Signup};
use super::withdraw;
use crate::model::{Action, Date};

#[derive(Debug)]
pub enum RowResult {
    Added { signup: Signup, placed: Placed },
    Restored { signup: Signup, placed: Placed, since: Option<Date> },
    Skipped { signup: Signup, why: String },
    Review { signup: Signup, hits: Vec<Hit> },
    Bad { problems: Vec<String> },
}

#[derive(Debug)]
pub struct RowReport {
    /// The spreadsheet row: the header is row 1.
    pub row: usize,
    pub result: RowResult,
}

/// How to read the rows: each column's meaning, and the kind of a row no
/// column decides.
pub struct Reading<'a> {
    pub columns: &'a [Option<Column>],
    pub default_kind: Option<Kind>,
}

impl Reading<'_> {
    /// Whether every row can be told an organization or a person.
    pub fn check(&self) -> Result<(), String> {
        let has = |c: Column| self.columns.contains(&Some(c));
        if !has(Column::Organization) && !has(Column::Person) && !has(Column::Name) {
            return Err(
                "no column holds the signers' names\n  hint: name it with --map \"Header=name\"".into()
            );
        }
        if self.default_kind.is_none()
            && !has(Column::Kind)
            && !has(Column::Organization)
            && !has(Column::Person)
        {
            return Err("nothing says whether a row is an organization or a person\n  hint: map the column that says so with --map \"Header=kind\", or pass --kind organization (or person)".into());
        }
        Ok(())
    }
}

/// Applies every good row to `batch`, in order.
pub fn run(batch: &mut Batch, table: &Table, reading: &Reading) -> Vec<RowReport> {
    let rows = table.rows.iter().filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    rows.map(|(row, cells)| RowReport { row: *row, result: one(batch, *row, cells, reading) }).collect()
}

fn one(batch: &mut Batch, row: usize, cells: &[String], reading: &Reading) -> RowResult {
    let bad = |problems: Vec<String>| RowResult::Bad { problems };
    let (kind, draft) = match draft(cells, reading) {
        Ok(d) => d,
        Err(problem) => return bad(vec![problem]),
    };
    let signup = match signup::check(&draft, kind) {
        Ok(s) => s,
        Err(errors) => return bad(errors.iter().map(ToString::to_string).collect()),
    };
    match apply(batch, row, signup) {
        Ok(result) => result,
        Err(e) => bad(vec![e.to_string()]),
    }
}

fn apply(batch: &mut Batch, row: usize, signup: Signup) -> Result<RowResult, SignError> {
    Ok(match batch.assess(&signup)? {
        Verdict::New { .. } => {
            RowResult::Added { placed: batch.add(&signup, &format!("row {row}"))?, signup }
        }
        Verdict::Duplicate(hit) => {
            let why = match hit.entry {
                Some(_) => format!("already signs at {} in {}", hit.place, hit.list),
                None => format!("the same signer as {}", hit.place),
            };
            RowResult::Skipped { signup, why }
        }
        Verdict::Restore(hit) => match &hit.entry {
            Some(at) => RowResult::Restored {
                placed: batch.record(Action::SignedAgain, *at, withdraw::today(), &Note::default())?,
                since: hit.withdrawn,
                signup,
            },
            None => RowResult::Skipped { signup, why: format!("the same signer as {}", hit.place) },
        },
        Verdict::Review(hits) => RowResult::Review { signup, hits },
    })
}

/// The row as a draft signer, and what it signs as.
fn draft(cells: &[String], reading: &Reading) -> Result<(Kind, Draft), String> {
    let first = |col: Column| {
        let values = reading.columns.iter().zip(cells).filter(|(c, _)| **c == Some(col));
        values.map(|(_, v)| v.trim()).find(|v| !v.is_empty()).map(str::to_string)
    };
    let kind = kind(&first, reading.default_kind)?;
    let own_name = if kind == Kind::Person { first(Column::Person) } else { first(Column::Organization) };
    let mut draft = Draft {
        name: own_name.or_else(|| first(Column::Name)).unwrap_or_default(),
        member_of: first(Column::MemberOf),
        values: Field::ALL.iter().filter_map(|f| first(Column::Field(*f)).map(|v| (*f, v))).collect(),
    };
    // Microsoft Forms writes "anonymous" where it collected no address.
    draft.values.retain(|(f, v)| kind.fields().contains(f) && !(*f == Field::Email && v == "anonymous"));
    if kind == Kind::Person
        && draft.get(Field::Affiliation).is_none()
        && let Some(org) = first(Column::Organization)
    {
        draft.set(Field::Affiliation, org);
    }
    Ok((kind, draft))
}

/// A kind column's answer, else `--kind`, else which name column is filled.
fn kind(first: &dyn Fn(Column) -> Option<String>, default: Option<Kind>) -> Result<Kind, String> {
    if let Some(answer) = first(Column::Kind) {
        return columns::kind_of(&answer).ok_or_else(|| {
            format!("`{answer}` does not say organization, person or network\n  hint: correct the answer, or leave it empty and pass --kind")
        });
    }
    if let Some(kind) = default {
        return Ok(kind);
    }
    match (first(Column::Organization), first(Column::Person)) {
        (Some(_), None) => Ok(Kind::Organization),
        (None, Some(_)) => Ok(Kind::Person),
        _ => Err("cannot tell whether this row is an organization or a person\n  hint: fill its kind column, or pass --kind".into()),
    }
}
