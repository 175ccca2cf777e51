//! What printpdf does not write, added to its lopdf document before saving:
//! the document language, metadata dated from the letter, a document ID
//! from the content, an outline with one entry per section, and the
//! structure tree of a tagged PDF (`tags`).
//!
//! Nothing here reads the clock or a random source, so two builds of the
//! same letter are byte-identical.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

use super::blocks::Meta;
use super::paginate::Mark;
use super::style::Tag;
use super::tags::{self, Marked};
use crate::render::Stages;
use crate::render::html::escape;

pub struct Finish<'a> {
    pub meta: &'a Meta,
    pub lang: &'a str,
    /// `D:YYYYMMDD000000Z`, from the letter's date.
    pub date: String,
    pub marks: &'a [Mark],
    /// Each paragraph's role, by its order in the document.
    pub tags: &'a [Tag],
    /// Each page's marked-content sequences, by MCID.
    pub content: &'a [Vec<Marked>],
    /// A digest of everything the PDF was made from.
    pub digest: u64,
}

pub fn finish(mut doc: Document, f: &Finish, stages: &mut Stages) -> Result<Vec<u8>, String> {
    // printpdf's own Info has a clock-free but wrong date and a PDF/X key
    // the file does not honour: replace it where it stands.
    match doc.trailer.get(b"Info").and_then(Object::as_reference) {
        Ok(id) => {
            doc.objects.insert(id, Object::Dictionary(info(f)));
        }
        Err(_) => {
            let id = doc.add_object(info(f));
            doc.trailer.set("Info", id);
        }
    }
    let id = Object::String(
        format!("{:016x}{:016x}", f.digest, f.digest.rotate_left(32)).into_bytes(),
        StringFormat::Hexadecimal,
    );
    doc.trailer.set("ID", vec![id.clone(), id]);
    let outline = outline(&mut doc, f.marks)?;
    let (tree, elements) = tags::structure(&mut doc, f.tags, f.content)?;
    // Marked content, ActualText and the structure tree are PDF 1.4–1.5,
    // the fonts' CIDFontType0C programs 1.6 (printpdf writes 1.3).
    doc.version = "1.7".into();
    let catalog = doc.catalog_mut().map_err(|e| e.to_string())?;
    catalog.set("StructTreeRoot", tree);
    catalog.set("MarkInfo", Dictionary::from_iter([("Marked", Object::Boolean(true))]));
    catalog.set("Lang", Object::string_literal(f.lang));
    catalog.set("ViewerPreferences", Dictionary::from_iter([("DisplayDocTitle", Object::Boolean(true))]));
    catalog.remove(b"OutputIntents");
    if let Some(outline) = outline {
        catalog.set("Outlines", outline);
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
    stages.lap("structure");
    compress(&mut doc)?;
    stages.lap("deflate");
    // Left unpacked, as XMP is meant to be readable by tools that scan bytes.
    let xmp = doc.add_object(xmp(f));
    doc.catalog_mut().map_err(|e| e.to_string())?.set("Metadata", xmp);
    // Object streams: the structure tree is thousands of small dictionaries.
    let bytes = super::save::save(doc, &elements);
    stages.lap("save");
    bytes
}

/// Above this many bytes of streams to deflate, a document is deflated at a
/// faster level: at 100,000 signers (20 MB of page content) level 3 takes
/// under half the time of level 6 for a file about a tenth larger. Letters
/// of a few thousand signers keep the smaller files.
const LARGE: usize = 8 << 20;

/// Deflates every stream not yet filtered. lopdf's own
/// `compress` uses the slowest level, which took a third of the time of a
/// 10,000-signer letter for a file only a few per cent smaller.
fn compress(doc: &mut Document) -> Result<(), String> {
    let streams: Vec<&mut Stream> = doc
        .objects
        .values_mut()
        .filter_map(|object| match object {
            Object::Stream(stream) if !stream.dict.has(b"Filter") => Some(stream),
            _ => None,
        })
        .collect();
    let total: usize = streams.iter().map(|s| s.content.len()).sum();
    let level = flate2::Compression::new(if total > LARGE { 3 } else { 6 });
    // A page's stream at a time, on both cores: a letter of 200,000 names
    // has thousands of pages, and deflating them was a tenth of its PDF.
    let packed = crate::par::map(&streams, |stream| deflate(&stream.content, level));
    for (stream, packed) in streams.into_iter().zip(packed) {
        let packed = packed.map_err(|e| e.to_string())?;
        if packed.len() < stream.content.len() {
            stream.dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
            stream.set_content(packed);
        }
    }
    Ok(())
}

fn deflate(content: &[u8], level: flate2::Compression) -> std::io::Result<Vec<u8>> {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), level);
    encoder.write_all(content)?;
    encoder.finish()
}

fn info(f: &Finish) -> Dictionary {
    let m = f.meta;
    let mut d = Dictionary::new();
    for (key, value) in
        [("Title", &m.title), ("Author", &m.author), ("Subject", &m.subject), ("Keywords", &m.keywords)]
    {
        if !value.is_empty() {
            d.set(key, text(value));
        }
    }
    d.set("Creator", text("letter"));
    d.set("Producer", text("letter with printpdf"));
    d.set("CreationDate", Object::string_literal(f.date.as_str()));
    d.set("ModDate", Object::string_literal(f.date.as_str()));
    d
}

/// XMP metadata with the title and language, where PDF/UA looks for them.
fn xmp(f: &Finish) -> Stream {
    let (title, lang) = (escape(&f.meta.title), escape(f.lang));
    let xml = format!(
        "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\
         <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\
         <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\
         <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>\
         </rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end=\"r\"?>"
    );
    let dict = Dictionary::from_iter([
        ("Type", Object::Name(b"Metadata".to_vec())),
        ("Subtype", Object::Name(b"XML".to_vec())),
    ]);
    Stream::new(dict, xml.into_bytes())
}

/// A PDF text string: UTF-16BE with its byte order mark, so any name fits.
pub fn text(s: &str) -> Object {
    Object::String(utf16(s), StringFormat::Hexadecimal)
}

/// `s` as UTF-16BE with its byte order mark.
pub fn utf16(s: &str) -> Vec<u8> {
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
    bytes
}

/// A flat outline: each mark jumps to its page at its height.
fn outline(doc: &mut Document, marks: &[Mark]) -> Result<Option<ObjectId>, String> {
    if marks.is_empty() {
        return Ok(None);
    }
    let pages = doc.get_pages();
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = marks.iter().map(|_| doc.new_object_id()).collect();
    for (i, mark) in marks.iter().enumerate() {
        let page = pages.get(&(mark.page as u32 + 1)).ok_or("an outline entry points past the last page")?;
        let mut item = Dictionary::from_iter([
            ("Title", text(&mark.title)),
            ("Parent", Object::Reference(root)),
            (
                "Dest",
                vec![Object::Reference(*page), "XYZ".into(), Object::Null, mark.y.into(), Object::Null]
                    .into(),
            ),
        ]);
        if i > 0 {
            item.set("Prev", ids[i - 1]);
        }
        if let Some(next) = ids.get(i + 1) {
            item.set("Next", *next);
        }
        doc.objects.insert(ids[i], Object::Dictionary(item));
    }
    let list = Dictionary::from_iter([
        ("Type", Object::Name(b"Outlines".to_vec())),
        ("First", Object::Reference(ids[0])),
        ("Last", Object::Reference(ids[ids.len() - 1])),
        ("Count", Object::Integer(ids.len() as i64)),
    ]);
    doc.objects.insert(root, Object::Dictionary(list));
    Ok(Some(root))
}
