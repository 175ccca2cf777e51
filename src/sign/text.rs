//! Lines, indentation and positions in a file's text.
//!
//! The parser reports 1-based lines and character columns; edits need byte
//! offsets and whole lines. Positions are plain string arithmetic; `fold`
//! and `slug` read Unicode's decomposition to drop accents.

pub struct Src<'a> {
    pub text: &'a str,
    /// Byte offset where each line starts.
    starts: Vec<usize>,
}

impl<'a> Src<'a> {
    pub fn new(text: &'a str) -> Src<'a> {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Src { text, starts }
    }

    pub fn lines(&self) -> usize {
        self.starts.len()
    }

    /// Line `i` (0-based) without its line break.
    pub fn line(&self, i: usize) -> &'a str {
        let end = self.starts.get(i + 1).map_or(self.text.len(), |&s| s - 1);
        self.text[self.starts[i]..end].trim_end_matches('\r')
    }

    pub fn line_start(&self, i: usize) -> usize {
        self.starts[i]
    }

    /// The offset just past line `i`'s line break (or the end of the text).
    pub fn line_end(&self, i: usize) -> usize {
        self.starts.get(i + 1).copied().unwrap_or(self.text.len())
    }

    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    pub fn indent(&self, i: usize) -> usize {
        let line = self.line(i);
        line.len() - line.trim_start_matches(' ').len()
    }

    pub fn is_blank(&self, i: usize) -> bool {
        self.line(i).trim().is_empty()
    }

    pub fn is_comment(&self, i: usize) -> bool {
        self.line(i).trim_start().starts_with('#')
    }

    /// The byte offset of a 1-based line and character column.
    pub fn offset(&self, (line, column): (usize, usize)) -> usize {
        let i = line.clamp(1, self.lines()) - 1;
        let start = self.starts[i];
        let rest = &self.text[start..];
        start + rest.char_indices().nth(column.saturating_sub(1)).map_or(rest.len(), |(b, _)| b)
    }

    /// The last line of a block that starts on line `first` and holds every
    /// following line indented deeper than `indent`. Blank lines, and
    /// comments no deeper than `indent`, belong to what follows the block.
    pub fn block_end(&self, first: usize, indent: usize) -> usize {
        let mut last = first;
        for i in first + 1..self.lines() {
            if self.is_blank(i) {
                continue;
            }
            if self.indent(i) > indent {
                last = i;
            } else if !self.is_comment(i) {
                break;
            }
        }
        last
    }
}

/// `text` with `range` replaced by `insert`.
pub fn splice(text: &str, range: std::ops::Range<usize>, insert: &str) -> String {
    let mut out = String::with_capacity(text.len() + insert.len());
    out.push_str(&text[..range.start]);
    out.push_str(insert);
    out.push_str(&text[range.end..]);
    out
}

/// Lower case, without accents, with anything but letters and digits as
/// single spaces: "  EE. UU. " and "ee uu" are the same.
pub fn fold(s: &str) -> String {
    let decomposed = icu_normalizer::DecomposingNormalizerBorrowed::new_nfd().normalize(s);
    let letters: String = decomposed
        .chars()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| if c.is_alphanumeric() { c.to_lowercase().next().unwrap_or(c) } else { ' ' })
        .collect();
    letters.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A file name for a signer: `Red Ñandú, A.C.` → `red-nandu-a-c`.
pub fn slug(name: &str) -> String {
    let words = fold(name);
    let mut slug = String::new();
    for word in words.split(' ') {
        if slug.len() + word.len() > 60 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_offsets() {
        let src = Src::new("# c\n- name: Ñu\n  x: y");
        assert_eq!(src.lines(), 3);
        assert_eq!(src.line(1), "- name: Ñu");
        assert_eq!(src.offset((2, 10)), 4 + "- name: Ñ".len(), "columns count characters");
        assert_eq!(src.line_end(2), src.text.len());
        assert_eq!(src.line_of(5), 1);
        assert_eq!(src.indent(2), 2);
    }

    #[test]
    fn a_block_ends_before_the_next_shallower_line() {
        let src = Src::new("- a: 1\n  b: 2\n  # mine\n\n# next section\n- c: 3\n");
        assert_eq!(src.block_end(0, 0), 2);
        assert_eq!(src.block_end(5, 0), 5);
    }

    #[test]
    fn folding_and_slugs() {
        assert_eq!(fold("  EE. UU. "), "ee uu");
        assert_eq!(slug("Red Ñandú, A.C."), "red-nandu-a-c");
        assert_eq!(slug("***"), "");
    }
}
