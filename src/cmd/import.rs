//! `letter import`: a form export's signers into the roster; a dry run
//! showing the diff unless `--write`.
//!
//! Rows name the file they land in, not the line: a later row may land
//! above an earlier one. The diff shows where each one goes.

use anyhow::{Result, anyhow, bail};

use super::Outcome;
use crate::cli::{ImportArgs, ImportKind};

use crate::sign;
use crate::sign::batch::Batch;
use crate::sign::import::columns::{self, Column};
use crate::sign::import::table::{self, Table};
use crate::sign::import::{self, Reading, RowReport, RowResult};
use crate::sign::signup::{Kind, Signup};

pub fn run(args: &ImportArgs) -> Result<Outcome> {
    let table = table::read(&args.file)?;
    let columns = columns_of(&table, &args.map, &args.file.display().to_string())?;
    say!("{}", describe_columns(&table.headers, &columns))?;
    let default_kind = args.kind.map(|k| match k {
        ImportKind::Organization => Kind::Organization,
        ImportKind::Person => Kind::Person,
    });
    let reading = Reading { columns: &columns, default_kind };
    reading.check().map_err(|e| anyhow!("{}: {e}", args.file.display()))?;
    let session = sign::open(&args.path, args.write)?;
    let mut batch = Batch::new(&session.loaded.project);
    let reports = import::run(&mut batch, &table, &reading);
    // Rows say "added" only once the files are on disk.
    let written = if args.write { batch.write()? } else { Vec::new() };
    for r in &reports {
        say!("{}", describe_row(r, args.write))?;
    }
    for path in &written {
        say!("wrote {}", path.display())?;
    }
    if !args.write && !batch.is_empty() {
        say!("\n{}", batch.diff().trim_end_matches('\n'))?;
    }
    say!("\n{}", summary(&reports, args.write))?;
    let clean = reports.iter().all(|r| !matches!(r.result, RowResult::Bad { .. } | RowResult::Review { .. }));
    Ok(if clean { Outcome::Success } else { Outcome::Findings })
}

/// Each column's meaning; a `--map` must name a column the file has.
fn columns_of(table: &Table, maps: &[String], file: &str) -> Result<Vec<Option<Column>>> {
    let overrides =
        maps.iter().map(|m| columns::parse_map(m)).collect::<Result<Vec<_>, _>>().map_err(|e| anyhow!(e))?;
    for ((key, _), spec) in overrides.iter().zip(maps) {
        if !table.headers.iter().any(|h| columns::header_key(h) == *key) {
            bail!(
                "{file}: no column matches `--map {spec}`\n  hint: the columns are {}",
                table.headers.iter().map(|h| format!("`{h}`")).collect::<Vec<_>>().join(", ")
            );
        }
    }
    Ok(columns::map(&table.headers, &overrides))
}

fn describe_columns(headers: &[String], columns: &[Option<Column>]) -> String {
    let mut read = Vec::new();
    let mut unread = Vec::new();
    for (h, c) in headers.iter().zip(columns) {
        match c {
            Some(Column::Ignore) => {}
            Some(c) => read.push(format!("`{h}` → {}", column_name(*c))),
            None => unread.push(format!("`{h}`")),
        }
    }
    let mut out = format!("columns: {}", read.join(", "));
    if !unread.is_empty() {
        out.push_str(&format!("\nnot read: {} (name them with --map \"Header=field\")", unread.join(", ")));
    }
    out
}

fn column_name(c: Column) -> &'static str {
    match c {
        Column::Field(f) => f.key(),
        Column::Name => "name",
        Column::Organization => "organization",
        Column::Person => "person",
        Column::Kind => "kind",
        Column::MemberOf => "member_of",
        Column::Ignore => "ignore",
    }
}

fn who(s: &Signup) -> String {
    let member = s.member_of.as_ref().map(|n| format!(" (member of {n})")).unwrap_or_default();
    format!("{} `{}`{member}", s.kind.word(), s.name)
}

fn describe_row(r: &RowReport, write: bool) -> String {
    let row = r.row;
    let (add, restore) = if write { ("added", "restored") } else { ("to add", "to restore") };
    match &r.result {
        RowResult::Added { signup, placed } => {
            format!("row {row}: {add} {} to {}", who(signup), placed.file.display())
        }
        RowResult::Restored { signup, placed, since } => {
            let since = since.map(|d| format!(", withdrawn on {d}")).unwrap_or_default();
            format!(
                "row {row}: {restore} {}{since}: signs again, recorded in {}",
                who(signup),
                placed.file.display()
            )
        }
        RowResult::Skipped { signup, why } => format!("row {row}: skipped {}: {why}", who(signup)),
        RowResult::Review { signup, hits } => {
            let mut out = format!("row {row}: needs review, not added: {}", who(signup));
            for h in hits {
                let kind = h.kind.word();
                out.push_str(&format!(
                    "\n  may be `{}` at {} in {} ({kind} match: {})",
                    h.name, h.place, h.list, h.reason
                ));
            }
            out.push_str("\n  hint: if it is a different signer, add it with `letter sign … --force`");
            out
        }
        RowResult::Bad { problems } => {
            let lines: Vec<String> = problems.iter().map(|p| format!("row {row}: error: {p}")).collect();
            lines.join("\n")
        }
    }
}

fn summary(reports: &[RowReport], write: bool) -> String {
    let count = |f: fn(&RowResult) -> bool| reports.iter().filter(|r| f(&r.result)).count();
    let added = count(|r| matches!(r, RowResult::Added { .. }));
    let restored = count(|r| matches!(r, RowResult::Restored { .. }));
    let skipped = count(|r| matches!(r, RowResult::Skipped { .. }));
    let review = count(|r| matches!(r, RowResult::Review { .. }));
    let bad = count(|r| matches!(r, RowResult::Bad { .. }));
    let counts = format!(
        "{added} added, {restored} restored, {skipped} skipped, {review} to review, {bad} with errors ({} rows)",
        reports.len()
    );
    if write {
        format!("written: {counts}")
    } else {
        format!("dry run: {counts}; nothing written, run again with --write to apply")
    }
}
