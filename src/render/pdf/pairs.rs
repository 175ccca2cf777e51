//! The rows of a parallel edition: cells side by side (one per language),
//! each row starting every cell at the same height, so a paragraph and its
//! translation begin level, and a demand's number stands at the same
//! baseline in every column.
//!
//! A row longer than the room left is split in every cell at once, and the
//! cells go on together at the top of the next page; when a cell cannot
//! leave at least its first lines here (a bold lead, two lines of a
//! paragraph), the whole row moves on, so no cell runs ahead of the others.

use super::paginate::{Pager, Unit};

/// One line of a cell and whether the cell may break before it.
struct Slot {
    unit: usize,
    line: usize,
    /// Space above it unless it opens a page.
    space: f32,
    height: f32,
    breakable: bool,
}

/// The room a row needs at a page foot before it may start there: the
/// tallest of its cells' first lines that cannot be parted.
pub fn head_height(cells: &[Vec<Unit>]) -> f32 {
    cells
        .iter()
        .map(|units| {
            let slots = slots(units);
            let space = units.first().map_or(0.0, |u| u.style.space_before);
            space + height(&slots, 0, next_break(&slots, 0))
        })
        .fold(0.0, f32::max)
}

/// Whether the row stays with what follows it: when every cell ends in a
/// paragraph that does (a heading).
pub fn keeps_with_next(cells: &[Vec<Unit>]) -> bool {
    !cells.is_empty() && cells.iter().all(|u| u.last().is_some_and(|u| u.style.keep_with_next))
}

/// The height of the row's tallest cell, unbroken.
pub fn full_height(cells: &[Vec<Unit>]) -> f32 {
    cells
        .iter()
        .map(|units| {
            let slots = slots(units);
            height(&slots, 0, slots.len()) + units.first().map_or(0.0, |u| u.style.space_before)
        })
        .fold(0.0, f32::max)
}

/// Sets the row's cells side by side, `gap` apart; `need` is its
/// `head_height` (or more), worked out by the pager.
pub fn place(p: &mut Pager, mut cells: Vec<Vec<Unit>>, need: f32, gap: f32) {
    let slots: Vec<Vec<Slot>> = cells.iter().map(|units| slots(units)).collect();
    let space_before =
        cells.iter().filter_map(|u| u.first()).map(|u| u.style.space_before).fold(0.0, f32::max);
    let space_after = cells.iter().filter_map(|u| u.last()).map(|u| u.style.space_after).fold(0.0, f32::max);
    let width = p.geo.column_width(cells.len(), gap);
    p.start(space_before, need);
    let mut at = vec![0; cells.len()];
    loop {
        let room = p.room();
        let mut ends: Vec<usize> = slots.iter().zip(&at).map(|(s, &a)| fill(s, a, room)).collect();
        let stalled = |c: usize, ends: &[usize]| at[c] < slots[c].len() && ends[c] == at[c];
        if (0..cells.len()).any(|c| stalled(c, &ends)) {
            if !p.at_top() {
                p.new_page();
                continue;
            }
            // Taller than a page: the cell overfills it rather than stop.
            for c in 0..cells.len() {
                if stalled(c, &ends) {
                    ends[c] = next_break(&slots[c], at[c]);
                }
            }
        }
        let top = p.y;
        let mut used: f32 = 0.0;
        for (c, units) in cells.iter_mut().enumerate() {
            let x = p.geo.left + (width + gap) * c as f32;
            let mut y = top;
            for s in at[c]..ends[c] {
                if s > at[c] {
                    y -= slots[c][s].space;
                }
                p.put(x, y, &mut units[slots[c][s].unit], slots[c][s].line);
                y -= slots[c][s].height;
            }
            used = used.max(top - y);
        }
        at = ends;
        if at.iter().zip(&slots).all(|(&a, s)| a >= s.len()) {
            p.y = top - used - space_after;
            return;
        }
        p.new_page();
    }
}

fn slots(units: &[Unit]) -> Vec<Slot> {
    let mut out = Vec::new();
    for (u, unit) in units.iter().enumerate() {
        let n = unit.set.lines.len();
        let prev = u.checked_sub(1).map(|i| &units[i]);
        let space = prev.map_or(0.0, |p| p.style.space_after + unit.style.space_before);
        let after_keep = prev.is_some_and(|p| p.style.keep_with_next);
        for line in 0..n {
            // The rules of a page break in running text: a paragraph's head
            // (its bold lead, or two lines) stays together, two lines go on.
            let breakable =
                if line == 0 { u > 0 && !after_keep } else { line >= unit.set.head.max(2) && n - line >= 2 };
            let space = if line == 0 { space } else { 0.0 };
            out.push(Slot { unit: u, line, space, height: unit.style.leading, breakable });
        }
    }
    out
}

/// The slot after the lines from `start` that fit in `room`, ending where
/// the cell may break; `start` itself when none can.
fn fill(slots: &[Slot], start: usize, room: f32) -> usize {
    let mut used = 0.0;
    let mut last_break = start;
    for (s, slot) in slots.iter().enumerate().skip(start) {
        if s > start && slot.breakable {
            last_break = s;
        }
        used += slot.height + if s > start { slot.space } else { 0.0 };
        if used > room + 0.01 {
            return last_break;
        }
    }
    slots.len()
}

/// The first place after `start` where the cell may break.
fn next_break(slots: &[Slot], start: usize) -> usize {
    (start + 1..slots.len()).find(|&s| slots[s].breakable).unwrap_or(slots.len())
}

fn height(slots: &[Slot], start: usize, end: usize) -> f32 {
    (start..end).map(|s| slots[s].height + if s > start { slots[s].space } else { 0.0 }).sum()
}
