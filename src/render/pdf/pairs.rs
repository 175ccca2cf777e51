//! The rows of a parallel edition: cells side by side (one per language),
//! each row starting every cell at the same height, so a paragraph and its
//! translation begin level, and a demand's number stands at the same
//! baseline in every column.
//!
//! A row longer than the room left is split in every cell at once, and the
//! cells go on together at the top of the next page; when a cell cannot
//! leave at least its first lines here (a bold lead, two lines of a
//! paragraph), the whole row moves on, so no cell runs ahead of the others.

use super::columns::{Slot, column_height, next_break};
use super::paginate::{Pager, Unit};

/// The room a row needs at a page foot before it may start there: the
/// tallest of its cells' first lines that cannot be parted.
pub fn head_height(cells: &[Vec<Unit>]) -> f32 {
    cells
        .iter()
        .map(|units| {
            let slots = slots(units);
            let space = units.first().map_or(0.0, |u| u.style.space_before);
            space + column_height(&slots, 0, next_break(&slots, 0))
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
            column_height(&slots, 0, slots.len()) + units.first().map_or(0.0, |u| u.style.space_before)
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
            out.push(Slot { unit: u, line, space, height: unit.style.leading, breakable, opens: 0.0 });
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

#[cfg(test)]
mod tests {
    use super::super::paginate::{Flow, Placed, paginate};
    use super::super::style::{Geometry, Para};
    use super::super::typeset::{Line, SetPara};
    use super::*;

    /// A page with room for exactly ten lines of leading 10.
    fn geo() -> Geometry {
        Geometry { width: 200.0, height: 120.0, left: 10.0, right: 190.0, top: 110.0, bottom: 10.0 }
    }

    fn style() -> Para {
        Para { size: 8.0, leading: 10.0, ..Para::default() }
    }

    fn unit<'a>(lines: usize, label: Option<&str>, style: &'a Para) -> Unit<'a> {
        let set = SetPara { lines: vec![Line::default(); lines], head: 2 };
        Unit { set, style, label: label.map(str::to_string), continued: None, bar: None }
    }

    fn row<'a>(left: usize, right: usize, label: Option<&str>, style: &'a Para) -> Flow<'a> {
        Flow::Pair(vec![vec![unit(left, label, style)], vec![unit(right, label, style)]])
    }

    /// Each page's lines as (column, top line number) pairs: column 0 or 1.
    fn places(lines: &[Placed]) -> Vec<(usize, usize)> {
        lines.iter().map(|l| (usize::from(l.x > 50.0), ((110.0 - l.y) / 10.0) as usize)).collect()
    }

    #[test]
    fn each_row_starts_both_cells_level_below_the_longer_one() {
        let s = style();
        let layout = paginate(vec![row(3, 5, Some("1."), &s), row(2, 1, Some("2."), &s)], geo(), 3, 5.0);
        let labelled: Vec<&Placed> = layout.pages[0].lines.iter().filter(|l| l.label.is_some()).collect();
        let names: Vec<&str> = labelled.iter().filter_map(|l| l.label.as_deref()).collect();
        assert_eq!(names, ["1.", "1.", "2.", "2."]);
        let labels: Vec<(usize, usize)> =
            labelled.iter().map(|l| places(std::slice::from_ref(*l))[0]).collect();
        assert_eq!(labels, [(0, 0), (1, 0), (0, 5), (1, 5)], "the second row starts under the five lines");
    }

    #[test]
    fn a_long_row_splits_in_both_cells_and_goes_on_level() {
        let s = style();
        // Six lines used; the row's cells of 8 and 12 lines split after four.
        let flow = vec![Flow::Para(unit(6, None, &s)), row(8, 12, None, &s)];
        let layout = paginate(flow, geo(), 3, 5.0);
        let page = |i: usize| places(&layout.pages[i].lines);
        let first: Vec<(usize, usize)> = page(0).into_iter().skip(6).collect();
        assert_eq!(first, [(0, 6), (0, 7), (0, 8), (0, 9), (1, 6), (1, 7), (1, 8), (1, 9)]);
        let tops: Vec<(usize, usize)> = page(1).into_iter().filter(|p| p.1 == 0).collect();
        assert_eq!(tops, [(0, 0), (1, 0)], "both cells go on at the top of the next page");
        assert_eq!(page(1).len(), 4 + 8);
    }

    #[test]
    fn a_row_moves_whole_when_one_cell_cannot_leave_its_head() {
        let s = style();
        let lead = Unit {
            set: SetPara { lines: vec![Line::default(); 6], head: 4 },
            style: &s,
            label: None,
            continued: None,
            bar: None,
        };
        // Seven lines used, three free: the left cell could leave three
        // lines, the right one's bold lead needs four.
        let flow = vec![Flow::Para(unit(7, None, &s)), Flow::Pair(vec![vec![unit(6, None, &s)], vec![lead]])];
        let layout = paginate(flow, geo(), 3, 5.0);
        assert_eq!(layout.pages[0].lines.len(), 7, "nothing of the row at the foot");
        assert_eq!(places(&layout.pages[1].lines).iter().filter(|p| p.1 == 0).count(), 2);
    }

    #[test]
    fn a_heading_row_keeps_with_the_next() {
        let (body, heading) = (style(), Para { keep_with_next: true, ..style() });
        // Two lines free: room for the heading, not for it and two lines under it.
        let flow = vec![Flow::Para(unit(8, None, &body)), row(1, 1, None, &heading), row(4, 4, None, &body)];
        let layout = paginate(flow, geo(), 3, 5.0);
        assert_eq!(layout.pages[0].lines.len(), 8);
        assert_eq!(layout.pages[1].lines.len(), 2 + 8);
    }
}
