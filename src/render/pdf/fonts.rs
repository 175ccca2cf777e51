//! The four faces of Libertinus Serif (OFL), shipped inside the binary by
//! the `typst-assets` crate so a fresh machine needs no installed fonts.
//!
//! Widths are looked up in a dense table for the characters a letter
//! usually holds, so measuring a line costs one array read per character.
//! Only the glyphs a document uses are embedded: each face is subset with
//! allsorts before it goes into the PDF.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use printpdf::ParsedFont;

/// Characters below this code point get a dense width table.
const DENSE: usize = 0x2200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Face {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Face {
    pub const ALL: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];

    pub fn new(bold: bool, italic: bool) -> Face {
        match (bold, italic) {
            (false, false) => Face::Regular,
            (true, false) => Face::Bold,
            (false, true) => Face::Italic,
            (true, true) => Face::BoldItalic,
        }
    }

    pub fn bold(self) -> Face {
        Face::new(true, matches!(self, Face::Italic | Face::BoldItalic))
    }

    pub fn italic(self) -> Face {
        Face::new(matches!(self, Face::Bold | Face::BoldItalic), true)
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// One face: its program and its advance widths in ems.
pub struct Font {
    bytes: &'static [u8],
    parsed: ParsedFont,
    dense: Vec<f32>,
    sparse: HashMap<char, f32>,
}

pub struct Fonts {
    faces: Vec<Font>,
    /// What a character the fonts lack is drawn as.
    pub replacement: char,
}

/// The faces, parsed once per process: parsing is the slow part.
pub fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(load)
}

fn load() -> Fonts {
    // typst-assets lists Libertinus Serif first: regular, bold, italic, bold italic.
    let faces: Vec<Font> = typst_assets::fonts().take(4).map(Font::parse).collect();
    let regular = &faces[0];
    let replacement = ['\u{FFFD}', '\u{25A1}', '?'].into_iter().find(|c| regular.has(*c)).unwrap_or('?');
    Fonts { faces, replacement }
}

impl Font {
    fn parse(bytes: &'static [u8]) -> Font {
        let mut parsed = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
            .expect("the fonts shipped by typst-assets parse");
        parsed.font_name = postscript_name(bytes);
        let per_em = 1.0 / f32::from(parsed.units_per_em.max(1));
        let mut dense = vec![-1.0; DENSE];
        let mut sparse = HashMap::new();
        for (&cp, &gid) in &parsed.codepoint_to_glyph {
            let width = f32::from(parsed.glyph_widths.get(&gid).copied().unwrap_or(0)) * per_em;
            match char::from_u32(cp) {
                Some(_) if (cp as usize) < DENSE => dense[cp as usize] = width,
                Some(c) => {
                    sparse.insert(c, width);
                }
                None => {}
            }
        }
        Font { bytes, parsed, dense, sparse }
    }

    pub fn has(&self, c: char) -> bool {
        self.width(c).is_some()
    }

    /// The advance of `c` in ems, if the face has it.
    pub fn width(&self, c: char) -> Option<f32> {
        let w = match self.dense.get(c as usize) {
            Some(w) => *w,
            None => *self.sparse.get(&c)?,
        };
        (w >= 0.0).then_some(w)
    }

    /// The width of `text` in ems; the caller has replaced missing glyphs.
    pub fn measure(&self, text: &str) -> f32 {
        text.chars().map(|c| self.width(c).unwrap_or(0.0)).sum()
    }

    /// A copy holding only the glyphs for `chars`, renumbered; the subset
    /// keeps a Unicode cmap, so drawing and text extraction work as before.
    pub fn subset(&self, chars: &BTreeSet<char>) -> Result<ParsedFont, String> {
        use allsorts::binary::read::ReadScope;
        use allsorts::font_data::FontData;
        use allsorts::subset::{CmapTarget, SubsetProfile, subset};
        let mut ids: Vec<u16> = chars
            .iter()
            .filter_map(|c| self.parsed.lookup_glyph_index(*c as u32))
            .filter(|g| *g != 0)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.insert(0, 0);
        let data = ReadScope::new(self.bytes).read::<FontData<'_>>().map_err(|e| e.to_string())?;
        let provider = data.table_provider(0).map_err(|e| e.to_string())?;
        let bytes =
            subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode).map_err(|e| e.to_string())?;
        let mut parsed = ParsedFont::from_bytes(&bytes, 0, &mut Vec::new())
            .ok_or_else(|| "the subset font does not parse".to_string())?;
        parsed.font_name = self.parsed.font_name.as_ref().map(|name| format!("{}+{name}", subset_tag(&ids)));
        Ok(parsed)
    }
}

/// The face's PostScript name (`LibertinusSerif-Regular`), which printpdf
/// does not read and PDF viewers show in the document's font list.
fn postscript_name(bytes: &[u8]) -> Option<String> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::tables::{FontTableProvider, NameTable};
    let data = ReadScope::new(bytes).read::<FontData<'_>>().ok()?;
    let provider = data.table_provider(0).ok()?;
    let table = provider.read_table_data(allsorts::tag::NAME).ok()?;
    ReadScope::new(&table).read::<NameTable<'_>>().ok()?.string_for_id(NameTable::POSTSCRIPT_NAME)
}

/// The six capital letters PDF puts before a subset font's name (ISO 32000-1,
/// 9.6.4), so viewers list `ABCDEF+LibertinusSerif-Regular` rather than the
/// resource name. Taken from the glyphs kept, so builds stay byte-identical.
fn subset_tag(glyphs: &[u16]) -> String {
    let bytes: Vec<u8> = glyphs.iter().flat_map(|g| g.to_le_bytes()).collect();
    let mut h = super::digest(&[&bytes]);
    (0..6)
        .map(|_| {
            let letter = char::from(b'A' + (h % 26) as u8);
            h /= 26;
            letter
        })
        .collect()
}

impl Fonts {
    pub fn face(&self, face: Face) -> &Font {
        &self.faces[face.index()]
    }

    /// `text` with every character `face` lacks shown as the replacement.
    pub fn visible(&self, face: Face, text: &str) -> String {
        let font = self.face(face);
        text.chars().map(|c| if font.has(c) { c } else { self.replacement }).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_faces_cover_spanish_and_typographic_punctuation() {
        let f = fonts();
        for face in Face::ALL {
            for c in "áéíóúüñÁÉÍÓÚÜÑ¿¡«»“”‘’–—…ČŁőŷ".chars() {
                assert!(f.face(face).has(c), "{face:?} lacks {c}");
            }
        }
        assert!(!f.face(Face::Regular).has('😀'));
        assert!(f.face(Face::Regular).has(f.replacement));
    }

    #[test]
    fn bold_is_wider_than_regular() {
        let f = fonts();
        assert!(f.face(Face::Bold).measure("mmmm") > f.face(Face::Regular).measure("mmmm"));
        assert_eq!(Face::Italic.bold(), Face::BoldItalic);
    }

    #[test]
    fn a_subset_keeps_the_widths_of_its_glyphs() {
        let f = fonts().face(Face::Regular);
        let sub = f.subset(&"Ñandú".chars().collect()).unwrap();
        assert!(sub.codepoint_to_glyph.len() <= 8, "{:?}", sub.codepoint_to_glyph);
        let gid = sub.lookup_glyph_index('Ñ' as u32).unwrap();
        let em = f32::from(sub.glyph_widths[&gid]) / f32::from(sub.units_per_em);
        assert!((em - f.width('Ñ').unwrap()).abs() < 1e-4);
    }
}
