//! lopdf's `save_modern` (object streams, a cross-reference stream), byte
//! for byte, in less memory and on every core.
//!
//! lopdf clones every object that goes into an object stream before it
//! writes the first, then writes each one three times over on one core. A
//! tagged letter of 200,000 names has over a million small dictionaries in
//! its structure tree: the clones were a gigabyte, and saving a quarter of
//! the PDF's time. Here each stream's objects are moved out of the document
//! and freed once packed, and the streams are packed on every core.
//!
//! lopdf still writes every byte (its `ObjectStream` packs the objects and
//! writes their syntax); what is ours is the order and the cross-reference
//! stream, which follow `Document::save_with_object_streams`, and the tests
//! hold the two byte-identical.

use lopdf::xref::{Xref, XrefEntry, XrefType};
use lopdf::{Document, Object, ObjectId, ObjectStream, Stream};

/// What lopdf puts in one object stream.
const PER_STREAM: usize = 100;

/// `doc` as `save_modern` writes it.
pub fn save(mut doc: Document) -> Result<Vec<u8>, String> {
    if doc.version.as_str() < "1.5" {
        doc.version = "1.5".into();
    }
    let mut out = Vec::new();
    out.extend_from_slice(format!("%PDF-{}\n%", doc.version).as_bytes());
    out.extend_from_slice(&doc.binary_mark);
    out.push(b'\n');
    let mut xref = Xref::new(doc.max_id + 1, XrefType::CrossReferenceStream);
    let (direct, packed) = partition(&doc);
    for &id in &direct {
        if let Some(object) = doc.objects.remove(&id) {
            write_indirect(&mut out, id, &object, &mut xref)?;
        }
    }
    let groups: Vec<Vec<(ObjectId, Object)>> = packed
        .chunks(PER_STREAM)
        .map(|ids| ids.iter().filter_map(|id| doc.objects.remove(id).map(|o| (*id, o))).collect())
        .collect();
    let streams = pack(groups)?;
    for (k, (stream, ids)) in streams.into_iter().zip(packed.chunks(PER_STREAM)).enumerate() {
        let container = doc.max_id + 1 + k as u32;
        for (index, id) in ids.iter().enumerate() {
            xref.insert(id.0, XrefEntry::Compressed { container, index: index as u16 });
        }
        write_indirect(&mut out, (container, 0), &Object::Stream(stream), &mut xref)?;
    }
    doc.max_id += packed.len().div_ceil(PER_STREAM) as u32;
    let start = out.len();
    cross_reference_stream(&mut out, &mut doc, &mut xref, start)?;
    out.extend_from_slice(format!("\nstartxref\n{start}\n%%EOF").as_bytes());
    Ok(out)
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

/// Each group of objects as an object stream, the groups on every core.
fn pack(groups: Vec<Vec<(ObjectId, Object)>>) -> Result<Vec<Stream>, String> {
    enum Slot {
        Objects(Vec<(ObjectId, Object)>),
        Packed(Result<Stream, String>),
    }
    let mut slots: Vec<Slot> = groups.into_iter().map(Slot::Objects).collect();
    crate::par::for_each_mut(&mut slots, |slot| {
        if let Slot::Objects(objects) = slot {
            *slot = Slot::Packed(packed(std::mem::take(objects)));
        }
    });
    slots
        .into_iter()
        .map(|slot| match slot {
            Slot::Packed(stream) => stream,
            Slot::Objects(_) => Err("an object stream was not packed".into()),
        })
        .collect()
}

fn packed(objects: Vec<(ObjectId, Object)>) -> Result<Stream, String> {
    let mut stream = ObjectStream::builder().max_objects(PER_STREAM).build();
    for (id, object) in objects {
        stream.add_object(id, object).map_err(|e| e.to_string())?;
    }
    stream.to_stream_object().map_err(|e| e.to_string())
}

/// `id gen obj … endobj`, its offset recorded in `xref`.
fn write_indirect(out: &mut Vec<u8>, id: ObjectId, object: &Object, xref: &mut Xref) -> Result<(), String> {
    let offset = u32::try_from(out.len()).map_err(|_| "the PDF is over 4 GB".to_string())?;
    xref.insert(id.0, XrefEntry::Normal { offset, generation: id.1 });
    let separated = matches!(
        object,
        Object::Null | Object::Boolean(_) | Object::Integer(_) | Object::Real(_) | Object::Reference(_)
    );
    out.extend_from_slice(format!("{} {} obj\n{}", id.0, id.1, if separated { " " } else { "" }).as_bytes());
    match object {
        Object::Stream(stream) => {
            out.extend_from_slice(&syntax(Object::Dictionary(stream.dict.clone()))?);
            out.extend_from_slice(b"stream\n");
            out.extend_from_slice(&stream.content);
            out.extend_from_slice(b"\nendstream");
        }
        other => out.extend_from_slice(&syntax(other.clone())?),
    }
    let end_separated = separated || matches!(object, Object::Name(_) | Object::Stream(_));
    out.extend_from_slice(if end_separated { b" \nendobj\n" } else { b"\nendobj\n" });
    Ok(())
}

/// An object's PDF syntax as lopdf writes it. Its writer is private, but
/// an object stream of one object holds `1 0 ` and then exactly that.
fn syntax(object: Object) -> Result<Vec<u8>, String> {
    let mut one = ObjectStream::builder().max_objects(1).build();
    one.add_object((1, 0), object).map_err(|e| e.to_string())?;
    let content = one.build_stream_content().map_err(|e| e.to_string())?;
    content
        .strip_prefix(b"1 0 ")
        .and_then(|rest| rest.strip_suffix(b" "))
        .map(<[u8]>::to_vec)
        .ok_or_else(|| "lopdf wrote an object stream of an unexpected shape".into())
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
        let ours = save(doc).unwrap();
        assert!(theirs.len() > 10_000, "several object streams");
        assert!(ours == theirs, "{}", String::from_utf8_lossy(&ours[ours.len() - 300..]));
    }

    #[test]
    fn an_empty_document_too() {
        let doc = Document::with_version("1.4");
        let mut theirs = Vec::new();
        doc.clone().save_modern(&mut theirs).unwrap();
        assert_eq!(save(doc).unwrap(), theirs);
    }
}
