//! Total-fit line breaking in the manner of Knuth and Plass: every legal
//! break of a paragraph is weighed at once, so one tight line early on can
//! save a loose one later, and no line is stretched into a river.
//!
//! The paragraph arrives as fragments (a word, or a piece of one between
//! hyphenation points) that each may end a line. A line's spaces may grow by
//! half and shrink by a fifth; a hyphen costs a penalty, two in a row more.

/// One unbreakable stretch of text and what follows it, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frag {
    pub width: f32,
    /// The space after it, dropped when a line ends here.
    pub glue: f32,
    /// The hyphen added when a line ends here (0 if none).
    pub hyphen: f32,
}

const STRETCH: f32 = 0.5;
const SHRINK: f32 = 0.2;
/// Beyond this stretch ratio a line is only taken when nothing else fits.
const TOLERANCE: f32 = 2.5;
const HYPHEN_PENALTY: f32 = 50.0;
const DOUBLE_HYPHEN: f32 = 3000.0;
const LINE_PENALTY: f32 = 10.0;

/// How the lines of a paragraph are set.
#[derive(Debug, Clone, Copy)]
pub struct Measure {
    pub first: f32,
    pub rest: f32,
    /// Justified lines are stretched; ragged ones keep their spaces.
    pub justify: bool,
}

/// The fragment index after which each line ends (exclusive), last = len.
pub fn breaks(frags: &[Frag], measure: Measure) -> Vec<usize> {
    if frags.is_empty() {
        return Vec::new();
    }
    solve(frags, measure, TOLERANCE).or_else(|| solve(frags, measure, f32::INFINITY)).unwrap_or_default()
}

#[derive(Clone, Copy)]
struct Node {
    cost: f32,
    from: usize,
    hyphenated: bool,
}

fn solve(frags: &[Frag], m: Measure, tolerance: f32) -> Option<Vec<usize>> {
    let n = frags.len();
    let mut best: Vec<Option<Node>> = vec![None; n + 1];
    best[0] = Some(Node { cost: 0.0, from: 0, hyphenated: false });
    for end in 1..=n {
        let last = end == n;
        let mut natural = 0.0;
        let mut glue = 0.0;
        for start in (0..end).rev() {
            natural += frags[start].width;
            if start < end - 1 {
                natural += frags[start].glue;
                glue += frags[start].glue;
            }
            let width = if start == 0 { m.first } else { m.rest };
            let line = natural + frags[end - 1].hyphen;
            if line - glue * SHRINK > width && start < end - 1 {
                break;
            }
            let Some(prev) = best[start] else { continue };
            let Some(badness) = badness(line, glue, width, last, m.justify, tolerance) else { continue };
            let hyphenated = frags[end - 1].hyphen > 0.0;
            let mut cost = (LINE_PENALTY + badness).powi(2);
            if hyphenated {
                cost += HYPHEN_PENALTY.powi(2) + if prev.hyphenated { DOUBLE_HYPHEN } else { 0.0 };
            }
            let total = prev.cost + cost;
            if best[end].is_none_or(|b| total < b.cost) {
                best[end] = Some(Node { cost: total, from: start, hyphenated });
            }
        }
    }
    best[n]?;
    let mut ends = Vec::new();
    let mut at = n;
    while at > 0 {
        ends.push(at);
        at = best[at]?.from;
    }
    ends.reverse();
    Some(ends)
}

/// How bad a line of natural width `line` looks set to `width`; `None` if
/// it cannot be set within `tolerance`. A line too wide even when squeezed
/// is only allowed when it holds a single fragment (then it is overfull).
fn badness(line: f32, glue: f32, width: f32, last: bool, justify: bool, tolerance: f32) -> Option<f32> {
    let gap = width - line;
    if gap < 0.0 {
        let shrink = glue * SHRINK;
        if shrink <= 0.0 || -gap > shrink {
            return (tolerance.is_infinite()).then_some(10_000.0);
        }
        return Some(100.0 * (-gap / shrink).powi(3));
    }
    if last {
        return Some(0.0);
    }
    if !justify {
        // Ragged lines: prefer even right edges, never stretch.
        let ratio = gap / width.max(1.0) * 4.0;
        return Some(100.0 * ratio.powi(2));
    }
    let stretch = glue * STRETCH;
    let ratio = if stretch > 0.0 { gap / stretch } else { f32::INFINITY };
    if ratio > tolerance {
        return tolerance.is_infinite().then_some(10_000.0);
    }
    Some((100.0 * ratio.powi(3)).min(10_000.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(widths: &[f32]) -> Vec<Frag> {
        widths.iter().map(|w| Frag { width: *w, glue: 3.0, hyphen: 0.0 }).collect()
    }

    fn measure(w: f32) -> Measure {
        Measure { first: w, rest: w, justify: true }
    }

    #[test]
    fn everything_on_one_line_when_it_fits() {
        assert_eq!(breaks(&words(&[10.0, 10.0, 10.0]), measure(100.0)), [3]);
    }

    #[test]
    fn no_line_is_wider_than_the_measure() {
        let frags = words(&[20.0, 31.0, 12.0, 40.0, 8.0, 25.0, 30.0, 17.0, 22.0, 9.0, 35.0, 14.0]);
        let ends = breaks(&frags, measure(80.0));
        let mut start = 0;
        for end in ends {
            let natural: f32 = frags[start..end].iter().map(|f| f.width).sum::<f32>()
                + frags[start..end - 1].iter().map(|f| f.glue).sum::<f32>();
            let shrink = frags[start..end - 1].iter().map(|f| f.glue * SHRINK).sum::<f32>();
            assert!(natural - shrink <= 80.0 + 1e-3, "line {start}..{end} is {natural}");
            start = end;
        }
    }

    #[test]
    fn total_fit_avoids_a_loose_line_greedy_would_make() {
        // Greedy takes "aaaa bbbb" then leaves a lonely loose "cccccccc dd".
        let frags = words(&[40.0, 40.0, 60.0, 20.0]);
        let ends = breaks(&frags, measure(90.0));
        assert_eq!(ends.last(), Some(&4));
        assert!(ends.len() <= 3);
    }

    #[test]
    fn a_word_wider_than_the_line_gets_a_line_of_its_own() {
        assert_eq!(breaks(&words(&[10.0, 150.0, 10.0]), measure(100.0)), [1, 2, 3]);
    }

    #[test]
    fn hyphenating_beats_a_very_loose_line() {
        // "aaaa bb-bb": breaking inside the second word fills the first line.
        let mut frags = words(&[50.0, 30.0, 30.0]);
        frags[1] = Frag { width: 30.0, glue: 0.0, hyphen: 4.0 };
        let ends = breaks(&frags, measure(88.0));
        assert_eq!(ends, [2, 3]);
    }
}
