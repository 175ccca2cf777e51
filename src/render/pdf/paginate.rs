//! Paragraphs and column regions poured onto pages, with the rules a
//! typesetter keeps: a heading stays with what follows, no paragraph leaves
//! a single line alone at the foot or head of a page, a bold lead is never
//! the last thing on a page, and the signatory columns end level.

use std::rc::Rc;

use super::blocks::Bar;
use super::style::{Geometry, Para};
use super::typeset::{Line, SetPara};
use super::{columns, pairs};

/// A paragraph ready to place, with its style.
pub struct Unit<'a> {
    pub set: SetPara,
    pub style: &'a Para,
    pub label: Option<String>,
    /// In columns: what a column that begins inside this unit opens with.
    pub continued: Option<Rc<Unit<'a>>>,
    /// Drawn under the first line.
    pub bar: Option<Bar>,
}

pub enum Flow<'a> {
    Para(Unit<'a>),
    Columns(Vec<Unit<'a>>),
    /// Cells side by side, their tops level: one paragraph in each language.
    Pair(Vec<Vec<Unit<'a>>>),
    PageBreak,
    Bookmark(String),
}

/// One line on a page; `y` is its baseline.
pub struct Placed {
    pub x: f32,
    pub y: f32,
    pub size: f32,
    pub line: Line,
    pub label: Option<String>,
    pub bar: Option<Bar>,
}

#[derive(Default)]
pub struct Page {
    pub lines: Vec<Placed>,
}

/// An outline entry: its title, page index and the y of its target.
pub struct Mark {
    pub title: String,
    pub page: usize,
    pub y: f32,
}

pub struct Layout {
    pub pages: Vec<Page>,
    pub marks: Vec<Mark>,
}

/// Where the baseline sits in a line box of height `leading`.
pub fn baseline(top: f32, style: &Para) -> f32 {
    top - (style.leading + style.size * 0.7) / 2.0
}

pub fn paginate(flow: Vec<Flow>, geo: Geometry, columns: usize, gap: f32) -> Layout {
    let mut p =
        Pager { geo, pages: vec![Page::default()], y: geo.top, marks: Vec::new(), pending: Vec::new() };
    // From the end, as an item kept with the next needs the next one's room.
    let mut needs = vec![0.0; flow.len()];
    for i in (0..flow.len()).rev() {
        needs[i] = need(&flow[i], needs.get(i + 1).copied().unwrap_or(0.0));
    }
    for (item, need) in flow.into_iter().zip(needs) {
        match item {
            Flow::Para(unit) => p.para(unit, need),
            Flow::Columns(units) => columns::place(&mut p, units, need, columns, gap),
            Flow::Pair(cells) => pairs::place(&mut p, cells, need, gap),
            Flow::PageBreak => {
                if !p.at_top() {
                    p.new_page();
                }
            }
            Flow::Bookmark(title) => p.pending.push(title),
        }
    }
    if p.pages.len() > 1 && p.pages.last().is_some_and(|pg| pg.lines.is_empty()) {
        p.pages.pop();
    }
    Layout { pages: p.pages, marks: p.marks }
}

/// The room `item` needs at the foot of a page before it may start there:
/// its first lines, or all of it and the start of the next item (`next`,
/// that item's own need) when it keeps with the next.
fn need(item: &Flow, next: f32) -> f32 {
    match item {
        Flow::Para(u) if u.style.keep_with_next => u.style.space_before + height(u) + next,
        Flow::Para(u) => u.style.space_before + head_height(u),
        Flow::Columns(units) => columns::head_height(units),
        Flow::Pair(cells) if pairs::keeps_with_next(cells) => pairs::full_height(cells) + next,
        Flow::Pair(cells) => pairs::head_height(cells),
        Flow::Bookmark(_) => next,
        Flow::PageBreak => 0.0,
    }
}

pub fn height(u: &Unit) -> f32 {
    u.set.lines.len() as f32 * u.style.leading
}

/// The lines that must open a page together: all of a short paragraph.
fn head_height(u: &Unit) -> f32 {
    let n = u.set.lines.len();
    let head = if n < u.set.head + 2 { n } else { u.set.head };
    head as f32 * u.style.leading
}

pub struct Pager {
    pub geo: Geometry,
    pub pages: Vec<Page>,
    /// The top of the free space on the current page.
    pub y: f32,
    marks: Vec<Mark>,
    pending: Vec<String>,
}

impl Pager {
    pub fn at_top(&self) -> bool {
        self.pages.last().is_none_or(|p| p.lines.is_empty())
    }

    pub fn room(&self) -> f32 {
        self.y - self.geo.bottom
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.geo.top;
    }

    /// Moves to a new page unless `need` fits here; spaces vanish at a page top.
    pub fn start(&mut self, space_before: f32, need: f32) {
        if !self.at_top() && need > self.room() + 0.01 {
            self.new_page();
        }
        if !self.at_top() {
            self.y -= space_before;
        }
    }

    /// Puts line `n` of `unit` with its top at `top`, moving it out of the
    /// unit (each line is put once); any waiting bookmarks point here.
    pub fn put(&mut self, x: f32, top: f32, unit: &mut Unit, n: usize) {
        let line = std::mem::take(&mut unit.set.lines[n]);
        let (label, bar) = if n == 0 { (unit.label.take(), unit.bar.take()) } else { (None, None) };
        self.place(x, top, unit.style, line, label, bar);
    }

    /// Puts a copy of line `n` of a unit drawn more than once.
    pub fn put_copy(&mut self, x: f32, top: f32, unit: &Unit, n: usize) {
        self.place(x, top, unit.style, unit.set.lines[n].clone(), None, None);
    }

    fn place(&mut self, x: f32, top: f32, style: &Para, line: Line, label: Option<String>, bar: Option<Bar>) {
        for title in self.pending.drain(..) {
            self.marks.push(Mark { title, page: self.pages.len() - 1, y: top });
        }
        let placed = Placed { x, y: baseline(top, style), size: style.size, line, label, bar };
        if let Some(page) = self.pages.last_mut() {
            page.lines.push(placed);
        }
    }

    fn para(&mut self, mut unit: Unit, need: f32) {
        if unit.style.new_page && !self.at_top() {
            self.new_page();
        }
        self.start(unit.style.space_before, need);
        let leading = unit.style.leading;
        let n = unit.set.lines.len();
        let mut k0 = 0;
        while k0 < n {
            let fit = ((self.room() + 0.01) / leading).floor().max(0.0) as usize;
            let rest = n - k0;
            let take = if rest <= fit {
                rest
            } else {
                self.split(fit, rest, if k0 == 0 { unit.set.head } else { 2 })
            };
            for k in k0..k0 + take {
                self.put(self.geo.left, self.y, &mut unit, k);
                self.y -= leading;
            }
            k0 += take;
            if k0 < n {
                self.new_page();
            }
        }
        self.y -= unit.style.space_after;
    }

    /// How many of `rest` lines go on this page when only `fit` do:
    /// at least `head` here and two on the next, or none here.
    fn split(&self, fit: usize, rest: usize, head: usize) -> usize {
        let take = fit.min(rest.saturating_sub(2));
        if take >= head.max(1) {
            take
        } else if self.at_top() {
            fit.max(1)
        } else {
            0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page with room for exactly ten lines of leading 10.
    fn geo() -> Geometry {
        Geometry { width: 200.0, height: 120.0, left: 10.0, right: 190.0, top: 110.0, bottom: 10.0 }
    }

    fn para(lines: usize, head: usize, style: &Para) -> Flow<'_> {
        let set = SetPara { lines: vec![Line::default(); lines], head };
        Flow::Para(Unit { set, style, label: None, continued: None, bar: None })
    }

    fn lines_per_page(flow: Vec<Flow>) -> Vec<usize> {
        paginate(flow, geo(), 3, 5.0).pages.iter().map(|p| p.lines.len()).collect()
    }

    fn style(keep: bool) -> Para {
        Para { size: 8.0, leading: 10.0, keep_with_next: keep, ..Para::default() }
    }

    #[test]
    fn a_heading_moves_to_the_next_page_with_its_paragraph() {
        let (body, heading) = (style(false), style(true));
        let flow =
            vec![para(8, 2, &body), Flow::Bookmark("H".into()), para(1, 1, &heading), para(5, 2, &body)];
        let layout = paginate(flow, geo(), 3, 5.0);
        let per_page: Vec<usize> = layout.pages.iter().map(|p| p.lines.len()).collect();
        assert_eq!(per_page, [8, 6], "the heading does not stay alone at the foot");
        assert_eq!((layout.marks[0].page, layout.marks[0].y), (1, geo().top), "the bookmark follows it");
    }

    #[test]
    fn no_single_line_at_a_page_foot_or_head() {
        let body = style(false);
        // Nine lines used, so one free: the next paragraph must not start there.
        assert_eq!(lines_per_page(vec![para(9, 2, &body), para(4, 2, &body)]), [9, 4]);
        // Eleven lines: ten would leave one alone on the next page.
        assert_eq!(lines_per_page(vec![para(11, 2, &body)]), [9, 2]);
    }

    #[test]
    fn only_a_style_that_asks_for_a_new_page_starts_one() {
        let (body, signatories) = (style(false), Para { new_page: true, ..style(false) });
        assert_eq!(lines_per_page(vec![para(3, 2, &body), para(2, 2, &body)]), [5]);
        assert_eq!(lines_per_page(vec![para(3, 2, &body), para(2, 2, &signatories)]), [3, 2]);
        assert_eq!(lines_per_page(vec![para(2, 2, &signatories)]), [2], "no empty page before it");
    }

    #[test]
    fn a_bold_lead_is_never_the_last_thing_on_a_page() {
        let body = style(false);
        // The lead fills two lines, so it needs three here: three free is enough…
        assert_eq!(lines_per_page(vec![para(7, 2, &body), para(6, 3, &body)]), [10, 3]);
        // …two are not.
        assert_eq!(lines_per_page(vec![para(8, 2, &body), para(6, 3, &body)]), [8, 6]);
    }

    #[test]
    fn columns_end_level() {
        let entry = style(false);
        let units = (0..9)
            .map(|_| Unit {
                set: SetPara { lines: vec![Line::default()], head: 1 },
                style: &entry,
                label: None,
                continued: None,
                bar: None,
            })
            .collect();
        let layout = paginate(vec![Flow::Columns(units)], geo(), 3, 5.0);
        let xs: Vec<f32> = layout.pages[0].lines.iter().map(|l| l.x).collect();
        let per_column: Vec<usize> = [10.0, 71.666_67, 133.333_33]
            .iter()
            .map(|x: &f32| xs.iter().filter(|l| (*l - x).abs() < 0.01).count())
            .collect();
        assert_eq!(per_column, [3, 3, 3]);
    }

    #[test]
    fn a_name_of_a_few_lines_is_never_split_between_columns() {
        let (entry, long) = (style(false), Para { size: 6.0, ..style(false) });
        let unit = |lines: usize, style| Unit {
            set: SetPara { lines: vec![Line::default(); lines], head: 1 },
            style,
            label: None,
            continued: None,
            bar: None,
        };
        // Twenty-eight lines, then a four-line name: the page holds thirty.
        let mut units: Vec<Unit> = (0..28).map(|_| unit(1, &entry)).collect();
        units.push(unit(4, &long));
        let layout = paginate(vec![Flow::Columns(units)], geo(), 3, 5.0);
        let places: Vec<(usize, i32)> = layout
            .pages
            .iter()
            .enumerate()
            .flat_map(|(i, p)| p.lines.iter().filter(|l| l.size == 6.0).map(move |l| (i, l.x as i32)))
            .collect();
        assert_eq!(places.len(), 4);
        assert!(places.iter().all(|p| *p == places[0]), "one column: {places:?}");
    }

    #[test]
    fn a_column_that_begins_inside_a_group_opens_with_its_continued_line() {
        let (head, member) = (style(true), style(false));
        let continued_style = Para { size: 7.0, ..style(false) };
        let line = || SetPara { lines: vec![Line::default()], head: 1 };
        let continued =
            Rc::new(Unit { set: line(), style: &continued_style, label: None, continued: None, bar: None });
        let mut units = vec![Unit { set: line(), style: &head, label: None, continued: None, bar: None }];
        units.extend((0..8).map(|_| Unit {
            set: line(),
            style: &member,
            label: None,
            continued: Some(continued.clone()),
            bar: None,
        }));
        let layout = paginate(vec![Flow::Columns(units)], geo(), 3, 5.0);
        let lines = &layout.pages[0].lines;
        // Columns are drawn one after another: a column's first line is the
        // first one at its x.
        let mut tops: Vec<&Placed> = Vec::new();
        for l in lines {
            if tops.iter().all(|t| (t.x - l.x).abs() > 0.01) {
                tops.push(l);
            }
        }
        assert_eq!(tops.len(), 3, "three columns");
        assert_eq!(tops[0].size, 8.0, "the group's own head opens the first");
        assert!(tops[1..].iter().all(|l| l.size == 7.0), "the continued line opens the others");
        assert_eq!(lines.len(), 9 + 2, "each later column adds its continued line");
    }
}
