//! The tally as an inline SVG bar chart for the HTML page: one bar per
//! country, split by kind, drawn in a 360-unit-wide box so that on a 390 px
//! phone one unit is about one pixel and the 12-unit text stays readable.
//! Its `<title>` and `<desc>` say in words what the bars show; the table
//! under it gives every number.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::html::escape;
use super::tally::TallyView;

/// The kinds' colours, in `KindCounts::kinds` order; the legend repeats them.
pub const COLORS: [&str; 4] = ["#8a2b1f", "#d08a5c", "#2f5d7c", "#7fa37a"];
/// The label keys naming the kinds, in the same order.
pub const KIND_LABELS: [&str; 4] =
    ["kind_networks", "kind_members", "kind_organizations", "kind_individuals"];

const WIDTH: f64 = 360.0;
const NAME_WIDTH: f64 = 118.0;
const NUMBER_WIDTH: f64 = 34.0;
const ROW: f64 = 22.0;
const BAR: f64 = 14.0;

/// The chart as SVG markup; every text in it is escaped.
pub fn svg(tally: &TallyView, labels: &BTreeMap<String, String>, count_line: &str) -> String {
    let label = |key: &str| escape(labels.get(key).map_or("", String::as_str));
    let legend_rows = 2.0;
    let height = ROW * (tally.rows.len() as f64 + legend_rows) + 6.0;
    let mut out = format!(
        "<svg class=\"tally-chart\" role=\"img\" aria-labelledby=\"tally-title tally-desc\" \
         viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\">\
         <title id=\"tally-title\">{}</title><desc id=\"tally-desc\">{}</desc>",
        label("at_a_glance"),
        escape(&describe(tally, labels, count_line)),
    );
    legend(&mut out, labels);
    let bar_width = WIDTH - NAME_WIDTH - NUMBER_WIDTH;
    for (i, row) in tally.rows.iter().enumerate() {
        let y = ROW * (i as f64 + legend_rows);
        let plain = row
            .country
            .as_ref()
            .map_or_else(|| labels.get("no_country").cloned().unwrap_or_default(), |c| c.name.clone());
        let _ = write!(
            out,
            "<g class=\"row\"><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\"{}>{}</text>",
            NAME_WIDTH - 6.0,
            y + ROW / 2.0 + 4.0,
            squeeze(&plain),
            escape(&plain)
        );
        let mut x = NAME_WIDTH;
        for (kind, share) in row.shares.iter().enumerate() {
            let w = share * bar_width;
            if w > 0.0 {
                let _ = write!(
                    out,
                    "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{BAR}\" fill=\"{}\"/>",
                    y + (ROW - BAR) / 2.0,
                    COLORS[kind]
                );
            }
            x += w;
        }
        let _ = write!(
            out,
            "<text class=\"number\" x=\"{:.1}\" y=\"{:.1}\">{}</text></g>",
            x + 4.0,
            y + ROW / 2.0 + 4.0,
            row.counts.total
        );
    }
    out.push_str("</svg>");
    out
}

/// A swatch and the kind's name for each kind, over two lines.
/// A name wider than its column ("México y Centroamérica") is drawn
/// narrower to fit, rather than cut off at the chart's left edge.
fn squeeze(name: &str) -> String {
    let room = NAME_WIDTH - 8.0;
    // About 0.55 em a character in the 12-unit sans-serif the chart uses.
    let wide = name.chars().count() as f64 * 12.0 * 0.55 > room;
    if wide { format!(" textLength=\"{room:.1}\" lengthAdjust=\"spacingAndGlyphs\"") } else { String::new() }
}

fn legend(out: &mut String, labels: &BTreeMap<String, String>) {
    for (kind, key) in KIND_LABELS.iter().enumerate() {
        let (x, y) = (if kind % 2 == 0 { 0.0 } else { WIDTH / 2.0 }, ROW * (kind / 2) as f64);
        let _ = write!(
            out,
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"10\" height=\"10\" fill=\"{}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            y + 6.0,
            COLORS[kind],
            x + 14.0,
            y + 15.0,
            escape(labels.get(*key).map_or("", String::as_str))
        );
    }
}

/// The chart in words for a screen reader: the line, then each country's
/// total ("México: 120").
fn describe(tally: &TallyView, labels: &BTreeMap<String, String>, count_line: &str) -> String {
    let no_country = labels.get("no_country").map_or("", String::as_str);
    let rows: Vec<String> = tally
        .rows
        .iter()
        .map(|r| {
            format!("{}: {}", r.country.as_ref().map_or(no_country, |c| c.name.as_str()), r.counts.total)
        })
        .collect();
    format!("{count_line} {}.", rows.join("; "))
}

#[cfg(test)]
mod tests {
    use super::squeeze;

    #[test]
    fn only_a_name_wider_than_its_column_is_squeezed() {
        assert_eq!(squeeze("Haití"), "");
        assert!(squeeze("México y Centroamérica").contains("textLength"));
    }
}
