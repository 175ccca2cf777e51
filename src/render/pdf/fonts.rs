//! The fonts shipped inside the binary, so a fresh machine needs no
//! installed fonts: the four faces of Libertinus Serif (Latin, Greek,
//! Cyrillic, Hebrew) and, for what those lack, one face each of Noto Naskh
//! Arabic, Noto Serif Devanagari, a subset of Noto Sans CJK SC and Noto
//! Emoji, tried in that order (`FALLBACKS`). All are OFL; see fonts/README.md.
//!
//! A fallback face is parsed only when a character first needs it, so a
//! letter in Latin script never pays for the CJK font.
//!
//! Widths are looked up in a dense table for the characters a letter
//! usually holds, so measuring a line costs one array read per character.
//! Only the glyphs a document uses are embedded: each face is subset with
//! allsorts before it goes into the PDF.

use std::collections::HashMap;
use std::sync::OnceLock;

use allsorts::tag;
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

const FALLBACK_COUNT: usize = 4;

/// The faces tried, in order, for a character the Libertinus face lacks.
/// Scripts that join or reorder (Arabic, Devanagari) are shaped with
/// allsorts; each has one weight, used for bold and italic text too. A
/// static, not a const: a const's bytes were copied into the binary at each
/// use, which made it 4 MB larger.
static FALLBACKS: [(&str, &[u8], u32); FALLBACK_COUNT] = [
    ("Noto Sans Arabic", include_bytes!("../../../fonts/NotoSansArabic-Regular.ttf"), tag::ARAB),
    ("Noto Serif Devanagari", include_bytes!("../../../fonts/NotoSerifDevanagari-Regular.ttf"), tag::DEV2),
    ("Noto Sans CJK SC", include_bytes!("../../../fonts/NotoSansCJKsc-Regular-subset.otf"), tag::DFLT),
    ("Noto Emoji", epaint_default_fonts::NOTO_EMOJI_REGULAR, tag::DFLT),
];

/// One face: its program and its advance widths in ems.
pub struct Font {
    bytes: &'static [u8],
    parsed: ParsedFont,
    dense: Vec<f32>,
    sparse: HashMap<char, f32>,
}

pub struct Fonts {
    faces: Vec<Font>,
    /// Whether every face has the character, for the Latin ones
    /// (`LATIN_END`): `check` asks of each character of 200,000 names.
    in_every_face: Vec<bool>,
    fallbacks: [OnceLock<Font>; FALLBACK_COUNT],
    /// What a character the fonts lack is drawn as.
    pub replacement: char,
}

/// The faces, parsed once per process: parsing is the slow part.
pub fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(load)
}

fn load() -> Fonts {
    let faces: Vec<Font> = [
        include_bytes!("../../../fonts/LibertinusSerif-Regular.otf").as_slice(),
        include_bytes!("../../../fonts/LibertinusSerif-Bold.otf"),
        include_bytes!("../../../fonts/LibertinusSerif-Italic.otf"),
        include_bytes!("../../../fonts/LibertinusSerif-BoldItalic.otf"),
    ]
    .into_iter()
    .map(Font::parse)
    .collect();
    let regular = &faces[0];
    let replacement = ['\u{FFFD}', '\u{25A1}', '?'].into_iter().find(|c| regular.has(*c)).unwrap_or('?');
    let in_every_face = (0..LATIN_END)
        .map(|c| char::from_u32(c).is_some_and(|c| faces.iter().all(|face| face.has(c))))
        .collect();
    Fonts { faces, in_every_face, fallbacks: Default::default(), replacement }
}

/// The end of Latin Extended-B: the characters `Fonts::in_every_face`
/// looks up in a table.
const LATIN_END: u32 = 0x250;

impl Font {
    fn parse(bytes: &'static [u8]) -> Font {
        let mut parsed =
            ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).expect("the fonts shipped in fonts/ parse");
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
    pub fn subset(&self, chars: impl IntoIterator<Item = char>) -> Result<ParsedFont, String> {
        let mut ids: Vec<u16> = chars
            .into_iter()
            .filter_map(|c| self.parsed.lookup_glyph_index(c as u32))
            .filter(|g| *g != 0)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.insert(0, 0);
        self.subset_glyphs(&ids)
    }

    /// A copy holding only glyphs `ids` (the first being 0, `.notdef`),
    /// renumbered in that order.
    pub fn subset_glyphs(&self, ids: &[u16]) -> Result<ParsedFont, String> {
        use allsorts::binary::read::ReadScope;
        use allsorts::font_data::FontData;
        use allsorts::subset::{CmapTarget, SubsetProfile, subset};
        let data = ReadScope::new(self.bytes).read::<FontData<'_>>().map_err(|e| e.to_string())?;
        let provider = data.table_provider(0).map_err(|e| e.to_string())?;
        let bytes =
            subset(&provider, ids, &SubsetProfile::Pdf, CmapTarget::Unicode).map_err(|e| e.to_string())?;
        let mut parsed = ParsedFont::from_bytes(&bytes, 0, &mut Vec::new())
            .ok_or_else(|| "the subset font does not parse".to_string())?;
        parsed.font_name = self.parsed.font_name.as_ref().map(|name| format!("{}+{name}", subset_tag(ids)));
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

    /// Which font draws `c` in `face`: the face itself, else the first
    /// fallback that has it; `None` when no shipped font can.
    /// Private-use characters get none: a font's glyph there (Libertinus
    /// keeps alternates there) is not what the writer meant.
    pub fn slot(&self, face: Face, c: char) -> Option<Slot> {
        if matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..) {
            return None;
        }
        if self.face(face).has(c) {
            return Some(Slot::Face);
        }
        (0..FALLBACK_COUNT).find(|&i| self.fallback(i).has(c)).map(Slot::Fallback)
    }

    /// Whether `c` is a Latin character that every face draws itself
    /// (`slot` is `Slot::Face`): one table read, where `slot` would look in
    /// each face. `false` says nothing past `LATIN_END`.
    pub fn latin_in_every_face(&self, c: char) -> bool {
        self.in_every_face.get(c as usize).is_some_and(|known| *known)
    }

    pub fn fallback(&self, i: usize) -> &Font {
        self.fallbacks[i].get_or_init(|| Font::parse(FALLBACKS[i].1))
    }

    /// The width in ems of `text` drawn from `slot`, shaped as drawn.
    pub fn measure_in(&self, face: Face, slot: Slot, text: &str) -> f32 {
        match slot {
            Slot::Face => self.face(face).measure(text),
            Slot::Fallback(i) => shape(i, text)
                .map_or(0.0, |(glyphs, upem)| glyphs.iter().map(|g| g.advance).sum::<i32>() as f32 / upem),
        }
    }

    /// `text` shaped in fallback `i`, for drawing: glyphs in logical order
    /// and the font's units per em.
    pub fn shaped(&self, i: usize, text: &str) -> Option<(Vec<Glyph>, f32)> {
        shape(i, text)
    }

    pub fn fallback_count(&self) -> usize {
        FALLBACK_COUNT
    }
}

/// Where a run of text takes its glyphs from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Slot {
    /// The Libertinus face of the run.
    Face,
    /// `FALLBACKS[i]`.
    Fallback(usize),
}

/// One shaped glyph: its id in the full font, the text it stands for (a
/// ligature stands for several characters), its original advance and the
/// shaped advance and offset, in font units.
#[derive(Debug, Clone)]
pub struct Glyph {
    pub id: u16,
    pub text: String,
    pub natural: i32,
    pub advance: i32,
    pub offset: i32,
}

/// Shapes with allsorts (GSUB, then GPOS): Arabic letters take their joined
/// forms, Devanagari vowel signs move and conjuncts form.
///
/// Each thread keeps the fallbacks it has opened: opening one reads its
/// tables, and a letter in another script shapes every word two or three times.
fn shape(i: usize, text: &str) -> Option<(Vec<Glyph>, f32)> {
    use std::cell::RefCell;
    thread_local! {
        static SHAPERS: RefCell<HashMap<usize, Shaper>> = RefCell::new(HashMap::new());
    }
    SHAPERS.with(|cell| {
        let mut shapers = cell.borrow_mut();
        let font = match shapers.entry(i) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert(open(FALLBACKS[i].1)?),
        };
        shape_with(font, FALLBACKS[i].2, text)
    })
}

type Shaper = allsorts::Font<allsorts::font_data::DynamicFontTableProvider<'static>>;

fn open(bytes: &'static [u8]) -> Option<Shaper> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    let data = ReadScope::new(bytes).read::<FontData<'static>>().ok()?;
    allsorts::Font::new(data.table_provider(0).ok()?).ok()
}

fn shape_with(font: &mut Shaper, script: u32, text: &str) -> Option<(Vec<Glyph>, f32)> {
    use allsorts::font::MatchingPresentation;
    use allsorts::glyph_position::{GlyphLayout, TextDirection};
    use allsorts::gsub::FeatureMask;
    let upem = f32::from(font.head_table.units_per_em.max(1));
    let raw = font.map_glyphs(text, script, MatchingPresentation::NotRequired);
    let infos = match font.shape(raw, script, None, FeatureMask::default(), &[], None, true) {
        Ok(infos) | Err((_, infos)) => infos,
    };
    let rtl = text.chars().any(is_rtl);
    let direction = if rtl { TextDirection::RightToLeft } else { TextDirection::LeftToRight };
    let positions = GlyphLayout::new(font, &infos, direction, false).glyph_positions().ok()?;
    let glyphs = infos
        .iter()
        .zip(&positions)
        .map(|(info, pos)| Glyph {
            id: info.glyph.glyph_index,
            text: info.glyph.unicodes.iter().collect(),
            natural: i32::from(font.horizontal_advance(info.glyph.glyph_index).unwrap_or(0)),
            advance: pos.hori_advance,
            offset: pos.x_offset,
        })
        .collect();
    Some((glyphs, upem))
}

/// Whether `c` is written right to left (bidi classes R and AL).
/// Nothing before the Hebrew block is: the table is not searched for the
/// Latin letters most names are written in.
pub fn is_rtl(c: char) -> bool {
    use unicode_bidi::BidiClass;
    c >= '\u{0590}' && matches!(unicode_bidi::bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// Whether `c` is written left to right (bidi class L). In ASCII, only the
/// letters are.
pub fn is_ltr(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    unicode_bidi::bidi_class(c) == unicode_bidi::BidiClass::L
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shortcuts_agree_with_the_bidi_table() {
        use unicode_bidi::{BidiClass, bidi_class};
        for c in ('\0'..='\u{07FF}').chain(['\u{200F}', '\u{FB1D}', '\u{10800}']) {
            assert_eq!(is_rtl(c), matches!(bidi_class(c), BidiClass::R | BidiClass::AL), "{c:?}");
            assert_eq!(is_ltr(c), bidi_class(c) == BidiClass::L, "{c:?}");
        }
    }

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
    fn the_latin_table_is_what_slot_says() {
        let f = fonts();
        for c in (0..LATIN_END).filter_map(char::from_u32) {
            let by_slot = Face::ALL.iter().all(|face| f.slot(*face, c) == Some(Slot::Face));
            assert_eq!(f.latin_in_every_face(c), by_slot, "{c:?}");
        }
        assert!(
            f.latin_in_every_face('ñ') && !f.latin_in_every_face('\u{E000}') && !f.latin_in_every_face('Ω')
        );
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
        let sub = f.subset("Ñandú".chars()).unwrap();
        assert!(sub.codepoint_to_glyph.len() <= 8, "{:?}", sub.codepoint_to_glyph);
        let gid = sub.lookup_glyph_index('Ñ' as u32).unwrap();
        let em = f32::from(sub.glyph_widths[&gid]) / f32::from(sub.units_per_em);
        assert!((em - f.width('Ñ').unwrap()).abs() < 1e-4);
    }

    #[test]
    fn the_fallbacks_cover_the_scripts_in_order_and_private_use_is_never_drawn() {
        let f = fonts();
        for c in "אΩЖ".chars() {
            assert_eq!(f.slot(Face::Regular, c), Some(Slot::Face), "{c}");
        }
        let cases = [('ب', 0), ('क', 1), ('中', 2), ('あ', 2), ('한', 2), ('😀', 3)];
        for (c, i) in cases {
            assert_eq!(f.slot(Face::Bold, c), Some(Slot::Fallback(i)), "{c}");
        }
        for c in ['\u{E000}', '\u{F0000}', '\u{0378}'] {
            assert_eq!(f.slot(Face::Regular, c), None, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn arabic_letters_take_their_joined_forms() {
        let f = fonts();
        let (alone, _) = f.shaped(0, "ب").unwrap();
        let (joined, _) = f.shaped(0, "ببب").unwrap();
        assert_eq!(joined.len(), 3);
        assert!(joined.iter().all(|g| g.id != alone[0].id), "initial, medial and final forms");
        assert_eq!(joined.iter().map(|g| g.text.as_str()).collect::<String>(), "ببب");
        assert!(f.measure_in(Face::Regular, Slot::Fallback(0), "ببب") > 0.0);
    }
}
