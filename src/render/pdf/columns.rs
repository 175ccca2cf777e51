//! Signatory lists in balanced columns: full columns while the list runs
//! over pages, then, on its last page, the shortest column height that still
//! holds the rest, so the columns end level.
//!
//! Each column is drawn top to bottom before the next, so a text extractor
//! reads the names column by column. A column that begins inside a group
//! (a network's members) opens with the group's continued line, so no
//! member stands at a column's top without its network's name.

use super::paginate::{Pager, Unit};

/// The fewest lines of an entry on either side of a column break: more than
/// the two a page break leaves, since a name read across columns (and a
/// continued line) is easily misread.
const MIN_PART: usize = 3;

/// Entries of up to this many lines are never split between columns.
const KEEP_WHOLE: usize = 2 * MIN_PART;

/// One line of a column list (or of a parallel row's cell) and whether a
/// column may end before it.
pub(super) struct Slot {
    pub unit: usize,
    pub line: usize,
    /// Space above it unless it opens a column.
    pub space: f32,
    pub height: f32,
    pub breakable: bool,
    /// The height of the continued line a column beginning here opens with.
    pub opens: f32,
}

/// The room a column list needs at a page foot before it may start there:
/// its first lines that cannot be parted.
pub fn head_height(units: &[Unit]) -> f32 {
    let slots = slots(units);
    let space = units.first().map_or(0.0, |u| u.style.space_before);
    space + column_height(&slots, 0, next_break(&slots, 0))
}

/// Sets `units` in columns; `need` is their `head_height`, worked out once
/// by the pager.
pub fn place(p: &mut Pager, mut units: Vec<Unit>, need: f32, columns: usize, gap: f32) {
    let slots = slots(&units);
    if slots.is_empty() {
        return;
    }
    let width = p.geo.column_width(columns, gap);
    let first_space = units.first().map_or(0.0, |u| u.style.space_before);
    p.start(first_space, need);
    let mut at = 0;
    while at < slots.len() {
        let room = p.room();
        let end = fill(&slots, at, room, columns);
        let height = if end == slots.len() { balance(&slots, at, room, columns) } else { room };
        let (used, next) = put_columns(p, &mut units, &slots, at, height, width + gap, columns);
        at = next;
        if at < slots.len() {
            p.new_page();
        } else {
            p.y -= used + units.last().map_or(0.0, |u| u.style.space_after);
        }
    }
}

fn slots(units: &[Unit]) -> Vec<Slot> {
    let mut out = Vec::new();
    for (u, unit) in units.iter().enumerate() {
        let n = unit.set.lines.len();
        let prev = u.checked_sub(1).map(|i| &units[i]);
        let space = prev.map_or(0.0, |p| p.style.space_after) + unit.style.space_before;
        let after_keep = prev.is_some_and(|p| p.style.keep_with_next);
        let opens = unit.continued.as_ref().map_or(0.0, |c| super::paginate::height(c));
        for line in 0..n {
            let breakable = if line == 0 {
                u > 0 && !after_keep
            } else {
                n > KEEP_WHOLE && line >= unit.set.head.max(MIN_PART) && n - line >= MIN_PART
            };
            let space = if line == 0 { space } else { 0.0 };
            out.push(Slot { unit: u, line, space, height: unit.style.leading, breakable, opens });
        }
    }
    out
}

/// The slot after `columns` columns of `height` filled from `start`. A
/// column takes at least one unbreakable chunk, so the list always moves on.
fn fill(slots: &[Slot], start: usize, height: f32, columns: usize) -> usize {
    let mut at = start;
    for _ in 0..columns {
        if at >= slots.len() {
            break;
        }
        at = column_end(slots, at, height);
    }
    at
}

fn column_end(slots: &[Slot], start: usize, height: f32) -> usize {
    let mut used = slots[start].opens;
    let mut last_break = None;
    for (s, slot) in slots.iter().enumerate().skip(start) {
        if s > start && slot.breakable {
            last_break = Some(s);
        }
        used += slot.height + if s > start { slot.space } else { 0.0 };
        if used > height + 0.01 {
            return last_break.unwrap_or_else(|| next_break(slots, start));
        }
    }
    slots.len()
}

/// The first place after `start` where a column may end.
pub(super) fn next_break(slots: &[Slot], start: usize) -> usize {
    (start + 1..slots.len()).find(|&s| slots[s].breakable).unwrap_or(slots.len())
}

/// The height of the slots from `start` to `end` set as one column.
pub(super) fn column_height(slots: &[Slot], start: usize, end: usize) -> f32 {
    let lines: f32 =
        (start..end).map(|s| slots[s].height + if s > start { slots[s].space } else { 0.0 }).sum();
    slots.get(start).map_or(0.0, |s| s.opens) + lines
}

/// The least column height, at most `room`, that holds every slot from `start`.
fn balance(slots: &[Slot], start: usize, room: f32, columns: usize) -> f32 {
    let (mut lo, mut hi) = (0.0_f32, room);
    for _ in 0..30 {
        let mid = (lo + hi) / 2.0;
        if fill(slots, start, mid, columns) >= slots.len() {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi
}

/// Draws up to `columns` columns of `height` from slot `start`, each top
/// to bottom; returns the tallest column's height and the slot after the last.
fn put_columns(
    p: &mut Pager,
    units: &mut [Unit],
    slots: &[Slot],
    start: usize,
    height: f32,
    step: f32,
    columns: usize,
) -> (f32, usize) {
    let top = p.y;
    let mut at = start;
    let mut tallest: f32 = 0.0;
    for c in 0..columns {
        if at >= slots.len() {
            break;
        }
        let end = column_end(slots, at, height);
        let x = p.geo.left + step * c as f32;
        let mut y = top;
        if let Some(continued) = units[slots[at].unit].continued.clone() {
            for n in 0..continued.set.lines.len() {
                p.put_copy(x, y, &continued, n);
                y -= continued.style.leading;
            }
        }
        for s in at..end {
            if s > at {
                y -= slots[s].space;
            }
            p.put(x, y, &mut units[slots[s].unit], slots[s].line);
            y -= slots[s].height;
        }
        tallest = tallest.max(top - y);
        at = end;
    }
    (tallest, at)
}
