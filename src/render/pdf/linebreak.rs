//! Total-fit line breaking in the manner of Knuth and Plass: every legal
//! break of a paragraph is weighed at once, so one tight line early on can
//! save a loose one later, and no line is stretched into a river.
//!
//! The paragraph arrives as fragments (a word, or a piece of one between
//! hyphenation points) that each may end a line, unless tied to the next
//! ("5.1 million"). A line's spaces may grow by half and shrink by a fifth.
//! A hyphen costs about as much as a line loose enough to notice, two in a
//! row far more, and three in a row, a paragraph ending on the tail of a
//! broken word or on a last line of a few letters are taken only when
//! nothing else can be set: the choices a careful typesetter makes by eye.

/// One unbreakable stretch of text and what follows it, in points.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Frag {
    pub width: f32,
    /// The space after it, dropped when a line ends here.
    pub glue: f32,
    /// The hyphen added when a line ends here (0 if none).
    pub hyphen: f32,
    /// A line may not end here: the space after it is a non-breaking one.
    pub tie: bool,
}

const STRETCH: f32 = 0.5;
const SHRINK: f32 = 0.2;
/// Beyond this stretch ratio a line is only taken when nothing else fits.
const TOLERANCE: f32 = 2.5;
const LINE_PENALTY: f32 = 10.0;
/// Added to a hyphenated line's demerits: as bad as a line whose spaces
/// stretch by four fifths of their width, so a word is only broken to save
/// a looser line than that. Measured on the flagship: a tenth of this
/// breaks a line in five; this, one in fourteen.
const HYPHEN: f32 = 200_000.0;
/// A second hyphenated line in a row, on top of its own hyphen; or a
/// hyphen on the line before the last.
const DOUBLE_HYPHEN: f32 = 400_000.0;
/// A last line narrower than `Measure::min_last`: worse than any one loose line.
const SHORT_LAST: f32 = 3_000_000.0;
/// A third hyphen in a row, or a last line that is nothing but the tail of
/// a broken word: done only when the paragraph cannot be set otherwise.
const NEVER: f32 = 1.0e9;

/// How the lines of a paragraph are set.
#[derive(Debug, Clone, Copy)]
pub struct Measure {
    pub first: f32,
    pub rest: f32,
    /// Justified lines are stretched; ragged ones keep their spaces.
    pub justify: bool,
    /// The narrowest last line of a paragraph of two lines or more.
    pub min_last: f32,
}

/// The fragment index after which each line ends (exclusive), last = len.
/// Ties are kept unless a tied run is wider than a line.
pub fn breaks(frags: &[Frag], measure: Measure) -> Vec<usize> {
    if frags.is_empty() {
        return Vec::new();
    }
    let strict = Rules { tolerance: TOLERANCE, ties: true, never: false };
    solve(frags, measure, strict)
        .or_else(|| solve(frags, measure, Rules { tolerance: f32::INFINITY, ..strict }))
        .or_else(|| solve(frags, measure, Rules { tolerance: f32::INFINITY, ties: false, never: true }))
        .unwrap_or_default()
}

/// What a pass of the line breaker allows.
#[derive(Clone, Copy)]
struct Rules {
    /// The loosest stretch ratio.
    tolerance: f32,
    /// Whether ties hold.
    ties: bool,
    /// Whether what is `NEVER` done may be done, at that cost.
    never: bool,
}

/// The best way found to end a line at some fragment, with `run` hyphenated
/// lines in a row just before (0, 1, or 2 meaning two or more).
#[derive(Clone, Copy)]
struct Node {
    cost: f32,
    from: usize,
    from_run: usize,
}

const RUNS: usize = 3;

fn solve(frags: &[Frag], m: Measure, rules: Rules) -> Option<Vec<usize>> {
    let n = frags.len();
    let mut best: Vec<[Option<Node>; RUNS]> = vec![[None; RUNS]; n + 1];
    best[0][0] = Some(Node { cost: 0.0, from: 0, from_run: 0 });
    for end in 1..=n {
        let last = end == n;
        if rules.ties && !last && frags[end - 1].tie {
            continue;
        }
        let hyphenated = !last && frags[end - 1].hyphen > 0.0;
        let mut natural = 0.0;
        let mut glue = 0.0;
        for start in (0..end).rev() {
            natural += frags[start].width;
            if start < end - 1 {
                natural += frags[start].glue;
                glue += frags[start].glue;
            }
            let width = if start == 0 { m.first } else { m.rest };
            let line = natural + if hyphenated { frags[end - 1].hyphen } else { 0.0 };
            if line - glue * SHRINK > width && start < end - 1 {
                break;
            }
            let Some(badness) = badness(line, glue, width, last, m.justify, rules.tolerance) else {
                continue;
            };
            let mut cost = (LINE_PENALTY + badness).powi(2);
            if last && start > 0 && line < m.min_last {
                cost += SHORT_LAST;
            }
            for (run, prev) in best[start].into_iter().enumerate() {
                let Some(prev) = prev else { continue };
                let (extra, next_run) = if hyphenated {
                    (HYPHEN + [0.0, DOUBLE_HYPHEN, NEVER][run], (run + 1).min(RUNS - 1))
                } else if last && run > 0 {
                    // The tail of a broken word: alone ("thorities."), never.
                    (if glue > 0.0 { DOUBLE_HYPHEN } else { NEVER }, 0)
                } else {
                    (0.0, 0)
                };
                if extra >= NEVER && !rules.never {
                    continue;
                }
                let total = prev.cost + cost + extra;
                if best[end][next_run].is_none_or(|b| total < b.cost) {
                    best[end][next_run] = Some(Node { cost: total, from: start, from_run: run });
                }
            }
        }
    }
    let (mut run, _) = best[n]
        .iter()
        .enumerate()
        .filter_map(|(run, node)| node.map(|node| (run, node.cost)))
        .min_by(|a, b| a.1.total_cmp(&b.1))?;
    let mut ends = Vec::new();
    let mut at = n;
    while at > 0 {
        ends.push(at);
        let node = best[at][run]?;
        (at, run) = (node.from, node.from_run);
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
        widths.iter().map(|w| Frag { width: *w, glue: 3.0, ..Frag::default() }).collect()
    }

    fn measure(w: f32) -> Measure {
        Measure { first: w, rest: w, justify: true, min_last: 0.0 }
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
        // "aaaa bb-bb cccc": breaking inside the second word fills the first line.
        let mut frags = words(&[50.0, 30.0, 30.0, 40.0]);
        frags[1] = Frag { width: 30.0, glue: 0.0, hyphen: 4.0, tie: false };
        let ends = breaks(&frags, measure(88.0));
        assert_eq!(ends, [2, 4]);
    }

    fn hyphen_runs(frags: &[Frag], ends: &[usize]) -> Vec<bool> {
        ends[..ends.len() - 1].iter().map(|&e| frags[e - 1].hyphen > 0.0).collect()
    }

    /// Words of 2 to 6 syllables of 5 to 9 points, as a xorshift draws them.
    fn prose(count: usize, seed: u32) -> Vec<Frag> {
        let mut x: u32 = seed;
        let mut draw = |n: u32| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x % n
        };
        let mut out = Vec::new();
        for _ in 0..count {
            let syllables = 2 + draw(5);
            for s in 0..syllables {
                let end = s + 1 == syllables;
                let width = 5.0 + draw(5) as f32;
                out.push(Frag {
                    width,
                    glue: if end { 3.0 } else { 0.0 },
                    hyphen: if end { 0.0 } else { 3.5 },
                    tie: false,
                });
            }
        }
        out
    }

    #[test]
    fn a_hyphen_is_not_worth_a_slightly_tighter_line() {
        let frags = prose(900, 2024);
        let ends = breaks(&frags, measure(450.0));
        let hyphens = hyphen_runs(&frags, &ends).iter().filter(|h| **h).count();
        assert!(hyphens * 10 <= ends.len(), "{hyphens} of {} lines end in a hyphen", ends.len());
    }

    #[test]
    fn never_three_hyphens_in_a_row_nor_a_tail_on_the_last_line() {
        // A narrow measure, where nearly every line wants a hyphen.
        for seed in 1..40 {
            let frags = prose(20 + seed as usize, seed);
            let ends = breaks(&frags, measure(120.0));
            let hyphens = hyphen_runs(&frags, &ends);
            assert!(hyphens.windows(3).all(|w| !w.iter().all(|h| *h)), "seed {seed}: {hyphens:?}");
            let last_line = &frags[ends[ends.len() - 2]..frags.len() - 1];
            let tail_alone = hyphens.last() == Some(&true) && last_line.iter().all(|f| f.glue == 0.0);
            assert!(!tail_alone, "seed {seed}: the last line is a broken word's tail");
        }
    }

    #[test]
    fn tied_words_stay_on_one_line() {
        let mut frags = words(&[30.0, 30.0, 12.0, 40.0, 30.0, 30.0]);
        frags[2].tie = true;
        let ends = breaks(&frags, measure(80.0));
        assert!(!ends.contains(&3), "no line ends after the tied word: {ends:?}");
        // A tied run wider than the line is broken all the same.
        let mut wide = words(&[60.0, 60.0]);
        wide[0].tie = true;
        assert_eq!(breaks(&wide, measure(80.0)), [1, 2]);
    }

    #[test]
    fn no_last_line_of_a_few_letters() {
        let m = Measure { min_last: 33.0, ..measure(300.0) };
        for seed in 1..40 {
            let frags = prose(30 + seed as usize, seed);
            let ends = breaks(&frags, m);
            let start = ends[ends.len() - 2];
            let last: f32 = frags[start..].iter().map(|f| f.width + f.glue).sum();
            assert!(last >= 33.0, "seed {seed}: the last line is {last} wide");
        }
    }
}
