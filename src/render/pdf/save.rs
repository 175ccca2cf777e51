//! lopdf's `save_modern` (object streams, a cross-reference stream), byte
//! for byte, in less memory and on every core.
//!
//! lopdf clones every object that goes into an object stream before it
//! writes the first, then writes each one three times over on one core. A
//! tagged letter of 200,000 names has over a million small dictionaries in
//! its structure tree: the clones were a gigabyte, and saving a quarter of
//! the PDF's time. Here each object is written once, straight from the
//! document, and the streams are packed on every core; the structure
//! elements are made only as their stream is packed (`Deferred`).
//!
//! lopdf's writer is private, so the syntax of an object is written here
//! as lopdf writes it (`syntax`), in the order `save_with_object_streams`
//! follows; the tests hold the two byte-identical.

use std::io::Write;

use lopdf::xref::{Xref, XrefEntry, XrefType};
use lopdf::{Dictionary, Document, Object, ObjectId, ObjectStream, Stream, StringFormat};

/// What lopdf puts in one object stream.
const PER_STREAM: usize = 100;

/// Objects numbered in a document but made only as they are written, so
/// that they are never all in memory at once: the structure tree's
/// elements. Each is packed into an object stream like any dictionary.
pub trait Deferred: Sync {
    fn ids(&self) -> std::ops::Range<u32>;
    fn object(&self, id: u32) -> Option<Object>;
}

/// `doc` with the objects of `later` as `save_modern` writes them all.
pub fn save(mut doc: Document, later: &dyn Deferred) -> Result<Vec<u8>, String> {
    if doc.version.as_str() < "1.5" {
        doc.version = "1.5".into();
    }
    let mut out = Vec::new();
    out.extend_from_slice(format!("%PDF-{}\n%", doc.version).as_bytes());
    out.extend_from_slice(&doc.binary_mark);
    out.push(b'\n');
    let mut xref = Xref::new(doc.max_id + 1, XrefType::CrossReferenceStream);
    let (direct, mut packed) = partition(&doc);
    packed.extend(later.ids().map(|id| (id, 0)));
    packed.sort_unstable();
    for id in &direct {
        write_indirect(&mut out, *id, &doc.objects[id], &mut xref)?;
    }
    let groups: Vec<&[ObjectId]> = packed.chunks(PER_STREAM).collect();
    // The structure tree's parent tree is one object of megabytes: packed
    // last, in id order, it was deflated on one core while the other sat idle.
    let weight = |ids: &&[ObjectId]| ids.iter().map(|id| cost(&doc, later, id)).sum();
    let streams = crate::par::map_coarse(&groups, weight, |ids| pack(&doc, ids, later));
    for (k, (stream, ids)) in streams.into_iter().zip(groups).enumerate() {
        let container = doc.max_id + 1 + k as u32;
        for (index, id) in ids.iter().enumerate() {
            xref.insert(id.0, XrefEntry::Compressed { container, index: index as u16 });
        }
        write_indirect(&mut out, (container, 0), &Object::Stream(stream?), &mut xref)?;
    }
    doc.max_id += packed.len().div_ceil(PER_STREAM) as u32;
    let start = out.len();
    cross_reference_stream(&mut out, &mut doc, &mut xref, start)?;
    out.extend_from_slice(format!("\nstartxref\n{start}\n%%EOF").as_bytes());
    Ok(out)
}

/// About how much there is to write of object `id`: its values. A
/// structure element, made only when packed, has about six.
fn cost(doc: &Document, later: &dyn Deferred, id: &ObjectId) -> u64 {
    if later.ids().contains(&id.0) {
        return 6;
    }
    doc.objects.get(id).map_or(1, size)
}

fn size(object: &Object) -> u64 {
    match object {
        Object::Array(items) => 1 + items.iter().map(size).sum::<u64>(),
        Object::Dictionary(dict) => 1 + dict.iter().map(|(_, value)| size(value)).sum::<u64>(),
        _ => 1,
    }
}

/// The objects written as they are (streams, and what lopdf keeps out of
/// object streams), and the ones packed into object streams, in id order.
fn partition(doc: &Document) -> (Vec<ObjectId>, Vec<ObjectId>) {
    let mut direct = Vec::new();
    let mut packed = Vec::new();
    for (&id, object) in &doc.objects {
        if object.type_name().is_ok_and(|name| name == b"ObjStm") && matches!(object, Object::Stream(_)) {
            continue;
        }
        if id.1 == 0 && ObjectStream::can_be_compressed(id, object, doc) {
            packed.push(id);
        } else {
            direct.push(id);
        }
    }
    (direct, packed)
}

/// The objects `ids` as an object stream as lopdf's `ObjectStream` makes
/// it: each object's number and offset, then the objects, each followed by
/// a space; deflated at the default level. A deferred object is made here
/// and dropped once written.
fn pack(doc: &Document, ids: &[ObjectId], later: &dyn Deferred) -> Result<Stream, String> {
    let mut header = Vec::new();
    let mut body = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let sep = if i == 0 { "" } else { " " };
        header.extend_from_slice(format!("{sep}{} {}", id.0, body.len()).as_bytes());
        let made;
        let object = match doc.objects.get(id) {
            Some(object) => object,
            None => {
                made = later.object(id.0).ok_or_else(|| format!("object {} was never made", id.0))?;
                &made
            }
        };
        syntax(&mut body, object);
        body.push(b' ');
    }
    header.push(b' ');
    let first = header.len() as i64;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(&header).and_then(|()| encoder.write_all(&body)).map_err(|e| e.to_string())?;
    let content = encoder.finish().map_err(|e| e.to_string())?;
    let dict = Dictionary::from_iter([
        ("Type", Object::Name(b"ObjStm".to_vec())),
        ("N", Object::Integer(ids.len() as i64)),
        ("First", Object::Integer(first)),
        ("Length", Object::Integer(content.len() as i64)),
        ("Filter", Object::Name(b"FlateDecode".to_vec())),
    ]);
    Ok(Stream { dict, content, allows_compression: true, start_position: None })
}

/// `id gen obj … endobj`, its offset recorded in `xref`.
fn write_indirect(out: &mut Vec<u8>, id: ObjectId, object: &Object, xref: &mut Xref) -> Result<(), String> {
    let offset = u32::try_from(out.len()).map_err(|_| "the PDF is over 4 GB".to_string())?;
    xref.insert(id.0, XrefEntry::Normal { offset, generation: id.1 });
    let separated = needs_space(object);
    out.extend_from_slice(format!("{} {} obj\n{}", id.0, id.1, if separated { " " } else { "" }).as_bytes());
    syntax(out, object);
    let end_separated = separated || matches!(object, Object::Name(_) | Object::Stream(_));
    out.extend_from_slice(if end_separated { b" \nendobj\n" } else { b"\nendobj\n" });
    Ok(())
}

/// An object's PDF syntax, as lopdf's `Writer::write_object` writes it:
/// a space only before a token that would otherwise run into the one
/// before it.
fn syntax(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(n) => out.extend_from_slice(n.to_string().as_bytes()),
        Object::Real(r) => out.extend_from_slice(r.to_string().as_bytes()),
        Object::Name(name) => write_name(out, name),
        Object::String(text, format) => write_string(out, text, *format),
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 && needs_space(item) {
                    out.push(b' ');
                }
                syntax(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => write_dictionary(out, dict),
        Object::Stream(stream) => {
            write_dictionary(out, &stream.dict);
            out.extend_from_slice(b"stream\n");
            out.extend_from_slice(&stream.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference(id) => out.extend_from_slice(format!("{} {} R", id.0, id.1).as_bytes()),
    }
}

/// Tokens that do not start with a delimiter of their own.
fn needs_space(object: &Object) -> bool {
    matches!(
        object,
        Object::Null | Object::Boolean(_) | Object::Integer(_) | Object::Real(_) | Object::Reference(_)
    )
}

fn write_dictionary(out: &mut Vec<u8>, dict: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (key, value) in dict {
        write_name(out, key);
        if needs_space(value) {
            out.push(b' ');
        }
        syntax(out, value);
    }
    out.extend_from_slice(b">>");
}

fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &byte in name {
        if b" \t\n\r\x0C()<>[]{}/%#".contains(&byte) || !(33..=126).contains(&byte) {
            out.extend_from_slice(format!("#{byte:02X}").as_bytes());
        } else {
            out.push(byte);
        }
    }
}

/// A literal string escapes backslashes, carriage returns and the
/// parentheses that are not balanced; a hexadecimal one is upper case.
fn write_string(out: &mut Vec<u8>, text: &[u8], format: StringFormat) {
    match format {
        StringFormat::Literal => {
            let escaped = unbalanced(text);
            out.push(b'(');
            for (i, &byte) in text.iter().enumerate() {
                if escaped.binary_search(&i).is_ok() {
                    out.push(b'\\');
                    out.push(if byte == b'\r' { b'r' } else { byte });
                } else {
                    out.push(byte);
                }
            }
            out.push(b')');
        }
        StringFormat::Hexadecimal => {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push(b'<');
            for &byte in text {
                out.extend_from_slice(&[HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 15)]]);
            }
            out.push(b'>');
        }
    }
}

/// The positions of a literal string's bytes that need a backslash, in order.
fn unbalanced(text: &[u8]) -> Vec<usize> {
    let mut escaped = Vec::new();
    let mut open = Vec::new();
    for (i, &byte) in text.iter().enumerate() {
        match byte {
            b'(' => open.push(i),
            b')' if open.pop().is_none() => escaped.push(i),
            b'\\' | b'\r' => escaped.push(i),
            _ => {}
        }
    }
    escaped.extend(open);
    escaped.sort_unstable();
    escaped
}

/// The trailer as a cross-reference stream, entries `[1 4 2]` bytes wide,
/// unfiltered, as lopdf writes it; it is the last object.
fn cross_reference_stream(
    out: &mut Vec<u8>,
    doc: &mut Document,
    xref: &mut Xref,
    start: usize,
) -> Result<(), String> {
    doc.max_id += 1;
    let offset = u32::try_from(start).map_err(|_| "the PDF is over 4 GB".to_string())?;
    xref.insert(doc.max_id, XrefEntry::Normal { offset, generation: 0 });
    let trailer = &mut doc.trailer;
    trailer.set("Type", Object::Name(b"XRef".to_vec()));
    trailer.set("Size", i64::from(doc.max_id + 1));
    trailer.set("W", Object::Array(vec![Object::Integer(1), Object::Integer(4), Object::Integer(2)]));
    let (entries, index) = xref_entries(xref);
    trailer.set("Index", Object::Array(index));
    trailer.remove(b"Filter");
    trailer.set("Length", entries.len() as i64);
    let stream =
        Stream { dict: trailer.clone(), content: entries, allows_compression: true, start_position: None };
    write_indirect(out, (doc.max_id, 0), &Object::Stream(stream), xref)
}

/// The cross-reference stream's bytes and its `/Index`: one section per
/// run of consecutive ids.
fn xref_entries(xref: &Xref) -> (Vec<u8>, Vec<Object>) {
    let mut bytes = Vec::new();
    let mut index = Vec::new();
    let mut run: Option<(u32, i64)> = None;
    for id in 1..xref.size {
        let Some(entry) = xref.get(id) else {
            if let Some((first, count)) = run.take() {
                index.extend([Object::Integer(i64::from(first)), Object::Integer(count)]);
            }
            continue;
        };
        run.get_or_insert((id, 0)).1 += 1;
        bytes.extend(entry_bytes(id, entry));
    }
    if let Some((first, count)) = run {
        index.extend([Object::Integer(i64::from(first)), Object::Integer(count)]);
    }
    (bytes, index)
}

fn entry_bytes(id: u32, entry: &XrefEntry) -> Vec<u8> {
    let (kind, field, second): (u8, u32, u16) = match *entry {
        XrefEntry::Free => (0, id, 0),
        XrefEntry::UnusableFree => (0, id, 65535),
        XrefEntry::Normal { offset, generation } => (1, offset, generation),
        XrefEntry::Compressed { container, index } => (2, container, index),
    };
    let mut bytes = vec![kind];
    bytes.extend(field.to_be_bytes());
    bytes.extend(second.to_be_bytes());
    bytes
}

#[cfg(test)]
mod tests {
    use lopdf::{StringFormat, dictionary};

    use super::*;

    /// Nothing deferred.
    impl Deferred for () {
        fn ids(&self) -> std::ops::Range<u32> {
            0..0
        }

        fn object(&self, _: u32) -> Option<Object> {
            None
        }
    }

    /// Every kind of object lopdf writes, in more than one object stream,
    /// with a gap in the ids and an object of another generation.
    fn sample() -> Document {
        let mut doc = Document::with_version("1.7");
        let pages = doc.new_object_id();
        let mut kids = Vec::new();
        for i in 0..250i64 {
            let content = doc.add_object(Stream::new(dictionary! {}, format!("BT {i} Tj ET").into_bytes()));
            let page = doc.add_object(dictionary! {
                "Type" => "Page",
                "Parent" => pages,
                "Contents" => content,
                "Rotate" => Object::Real(i as f32 / 3.0),
                "Odd" => i % 2 == 1,
                "Name#" => Object::Name(b"a b/c(d)#\xC3\xA9".to_vec()),
                "T" => Object::String(b"(un)balanced) \\ \r".to_vec(), StringFormat::Literal),
                "U" => Object::String("((open( é".as_bytes().to_vec(), StringFormat::Literal),
                "H" => Object::String(vec![0, 0xAB, 0xFF], StringFormat::Hexadecimal),
                "N" => Object::Null,
                "K" => vec![Object::Integer(i), dictionary! { "MCID" => i }.into(), Object::Null, pages.into()],
            });
            kids.push(page.into());
        }
        doc.objects.insert(pages, dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => 250 }.into());
        doc.max_id += 5;
        let gap = doc.new_object_id();
        doc.objects.insert(gap, Object::Integer(7));
        doc.objects.insert((gap.0 + 1, 1), Object::Name(b"Old".to_vec()));
        doc.max_id += 1;
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", catalog);
        doc.trailer.set("ID", vec![Object::string_literal("x"), Object::string_literal("y")]);
        doc
    }

    #[test]
    fn writes_what_lopdf_save_modern_writes() {
        let doc = sample();
        let mut theirs = Vec::new();
        doc.clone().save_modern(&mut theirs).unwrap();
        let ours = save(doc, &()).unwrap();
        assert!(theirs.len() > 10_000, "several object streams");
        assert!(ours == theirs, "{}", String::from_utf8_lossy(&ours[ours.len() - 300..]));
    }

    /// Objects taken out of a document and made again when asked.
    struct Later(Vec<(u32, Object)>);

    impl Deferred for Later {
        fn ids(&self) -> std::ops::Range<u32> {
            self.0[0].0..self.0[0].0 + self.0.len() as u32
        }

        fn object(&self, id: u32) -> Option<Object> {
            self.0.iter().find(|(n, _)| *n == id).map(|(_, o)| o.clone())
        }
    }

    #[test]
    fn deferred_objects_are_written_where_they_would_stand() {
        let mut doc = sample();
        let first = doc.max_id + 1;
        for n in 0..150 {
            doc.add_object(
                dictionary! { "Type" => "StructElem", "P" => (first + n / 2, 0), "K" => vec![n.into()] },
            );
        }
        let mut theirs = Vec::new();
        doc.clone().save_modern(&mut theirs).unwrap();
        let later = Later((first..first + 150).map(|n| (n, doc.objects.remove(&(n, 0)).unwrap())).collect());
        assert!(save(doc, &later).unwrap() == theirs);
    }

    #[test]
    fn an_empty_document_too() {
        let doc = Document::with_version("1.4");
        let mut theirs = Vec::new();
        doc.clone().save_modern(&mut theirs).unwrap();
        assert_eq!(save(doc, &()).unwrap(), theirs);
    }
}
