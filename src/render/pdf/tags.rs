//! The tagged PDF: what screen readers, reflow and copying read instead of
//! guessing from positions. Drawing marks each line as a marked-content
//! sequence (its MCID, per page) of its paragraph, or as an artifact (running
//! title, page footer, a repeated continued line); `structure` then writes
//! the tree that puts those sequences in the document's order: headings,
//! paragraphs, and lists whose items hold a label and a body.
//!
//! A word broken at a line end is read whole: its first part and hyphen
//! carry the whole word as `/ActualText`, its second part an empty one, so
//! copied text has neither the soft hyphen nor a split word.

use lopdf::{Dictionary, Document, Object, ObjectId};
use printpdf::{DictItem, Op};

use super::meta::{text, utf16};
use super::paginate::Page;
use super::save::Deferred;
use super::style::Tag;
use super::typeset::{Item, Line};

/// One marked-content sequence on a page, indexed by its MCID.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Marked {
    /// The paragraph, by its order in the document.
    pub elem: usize,
    /// A list item's label (`3.`) rather than its text.
    pub label: bool,
    /// Linked text: which of the page's link annotations it is.
    pub link: Option<usize>,
}

/// Starts the sequence `mcid` of a structure element of type `role`, its
/// MCID standing alone until the page is converted (`unfold`): printpdf
/// keeps properties in a map, and a map's first node is a kilobyte. Held
/// for every line of 2,320 pages, they were 440 MB, a third of the peak.
pub fn begin(role: &str, mcid: usize) -> Op {
    Op::BeginMarkedContentWithProperties { tag: role.into(), properties: DictItem::Int(mcid as i64) }
}

/// `op` as printpdf is to write it: a sequence `begin` started with its
/// MCID alone gets the properties `<</MCID n>>`.
pub fn unfold(op: &mut Op) {
    if let Op::BeginMarkedContentWithProperties { properties, .. } = op
        && let DictItem::Int(mcid) = *properties
    {
        *properties = DictItem::Dict { map: [("MCID".to_string(), DictItem::Int(mcid))].into() };
    }
}

/// Starts content that is not part of the text: running matter of
/// `subtype` (`Header`, `Footer`), or a repeat of text already read.
pub fn artifact(subtype: Option<&str>) -> Op {
    let mut props = vec![("Type".to_string(), DictItem::Name(b"Pagination".to_vec()))];
    if let Some(s) = subtype {
        props.push(("Subtype".to_string(), DictItem::Name(s.as_bytes().to_vec())));
    }
    properties("Artifact", props)
}

/// Starts a span read as `actual` in place of what it draws.
fn actual_text(actual: &str) -> Op {
    properties("Span", [("ActualText".to_string(), DictItem::String { data: utf16(actual), literal: false })])
}

fn properties(tag: &str, props: impl IntoIterator<Item = (String, DictItem)>) -> Op {
    let map = props.into_iter().collect();
    Op::BeginMarkedContentWithProperties { tag: tag.into(), properties: DictItem::Dict { map } }
}

/// The structure type of a paragraph's text; a list item's text is its body.
pub fn body_role(tag: Tag) -> &'static str {
    match tag {
        Tag::H1 => "H1",
        Tag::H2 => "H2",
        Tag::H3 => "H3",
        Tag::P => "P",
        Tag::Item | Tag::Subitem => "LBody",
    }
}

/// How a line takes part in a word broken across lines.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Join {
    /// Characters at its start that end the previous line's word.
    pub head: usize,
    /// Where its last word starts (in characters) and that word, whole.
    pub word: Option<(usize, String)>,
}

impl Join {
    /// Whether a span of actual text would share characters with one of `ranges`.
    pub fn overlaps(&self, ranges: &[(usize, usize)]) -> bool {
        let spans =
            [(self.head > 0).then_some((0, self.head)), self.word.as_ref().map(|w| (w.0, usize::MAX))];
        spans.into_iter().flatten().any(|(a, b)| ranges.iter().any(|&(c, d)| a < d && c < b))
    }

    /// Where, in characters of the line's text, to begin and end the spans
    /// that give the broken word's actual text.
    pub fn cuts(&self) -> Vec<(usize, Op)> {
        let mut cuts = Vec::new();
        if self.head > 0 {
            cuts.push((0, actual_text("")));
            cuts.push((self.head, Op::EndMarkedContent));
        }
        // A word over three lines has no start of its own on the middle one.
        if let Some((start, word)) = self.word.as_ref().filter(|(start, _)| *start >= self.head) {
            cuts.push((*start, actual_text(word)));
            cuts.push((usize::MAX, Op::EndMarkedContent));
        }
        cuts
    }
}

/// The joins of every line of `pages`, page by page, line by line. A
/// paragraph's next line is the next one drawn with its element, on this
/// page or a later one.
pub fn joins(pages: &[Page]) -> Vec<Vec<Join>> {
    let mut out: Vec<Vec<Join>> = pages.iter().map(|p| vec![Join::default(); p.lines.len()]).collect();
    let order: Vec<(usize, usize)> =
        pages.iter().enumerate().flat_map(|(p, page)| (0..page.lines.len()).map(move |l| (p, l))).collect();
    let line = |&(p, l): &(usize, usize)| &pages[p].lines[l].line;
    for (k, at) in order.iter().enumerate() {
        let this = line(at);
        let Some((start, stem)) = this.elem.and(broken_word(&line_text(this))) else { continue };
        let Some(next) = order[k + 1..].iter().find(|n| line(n).elem == this.elem) else { continue };
        let rest: String = line_text(line(next)).chars().take_while(|c| !c.is_whitespace()).collect();
        if rest.is_empty() {
            continue;
        }
        out[next.0][next.1].head = rest.chars().count();
        let rest = rest.strip_suffix('\u{AD}').unwrap_or(&rest);
        out[at.0][at.1].word = Some((start, format!("{stem}{rest}")));
    }
    out
}

pub fn line_text(line: &Line) -> String {
    line.runs
        .iter()
        .flat_map(|r| &r.items)
        .filter_map(|i| if let Item::Text(t) = i { Some(t.as_str()) } else { None })
        .collect()
}

/// A line ending inside a word: where that word starts (in characters) and
/// its part here, without a soft hyphen but with a real one.
fn broken_word(text: &str) -> Option<(usize, String)> {
    let last = text.chars().last()?;
    if !matches!(last, '\u{AD}' | '-' | '\u{2010}') {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let start = chars.iter().rposition(|c| c.is_whitespace()).map_or(0, |i| i + 1);
    let stem: String = chars[start..].iter().filter(|c| **c != '\u{AD}').collect();
    Some((start, stem))
}

/// The `k`th annotation of `page` as an object of its own, as a structure
/// element can only point at an indirect object; printpdf writes them
/// inline. Its URI becomes its description (`/Contents`).
fn annotation(doc: &mut Document, page: ObjectId, k: usize) -> Result<ObjectId, String> {
    let fail = |e: lopdf::Error| format!("link annotation {k}: {e}");
    let page_dict = doc.get_object(page).and_then(Object::as_dict).map_err(fail)?;
    let annots = page_dict.get(b"Annots").and_then(Object::as_array).map_err(fail)?;
    let mut annot = match annots.get(k) {
        Some(Object::Reference(id)) => return Ok(*id),
        Some(Object::Dictionary(d)) => d.clone(),
        _ => return Err(format!("link annotation {k} is not on its page")),
    };
    if let Ok(uri) = annot.get(b"A").and_then(Object::as_dict).and_then(|a| a.get(b"URI")) {
        let uri = String::from_utf8_lossy(uri.as_str().map_err(fail)?).into_owned();
        annot.set("Contents", text(&uri));
    }
    let id = doc.add_object(annot);
    let page_dict = doc.get_object_mut(page).and_then(Object::as_dict_mut).map_err(fail)?;
    if let Ok(Object::Array(annots)) = page_dict.get_mut(b"Annots") {
        annots[k] = Object::Reference(id);
    }
    Ok(id)
}

/// A node of the structure tree being built.
struct Node {
    role: &'static str,
    parent: usize,
    kids: Vec<Kid>,
}

enum Kid {
    Node(usize),
    /// Marked content: page index and MCID.
    Content(usize, usize),
    /// A link annotation: page index and its place in the page's annotations.
    Annot(usize, usize),
    /// The same annotation once it is an object of the file.
    Object(usize, ObjectId),
}

/// One marked sequence of an element: page, MCID, what it is.
type Mark = (usize, usize, Marked);

/// Builds the tree in memory: the document, its headings and paragraphs,
/// lists of items (label, body) and lists inside items.
fn tree(tags: &[Tag], content: &[Vec<Marked>]) -> Vec<Node> {
    let mut by_elem: Vec<Vec<Mark>> = vec![Vec::new(); tags.len()];
    for (page, marks) in content.iter().enumerate() {
        for (mcid, m) in marks.iter().enumerate() {
            if let Some(list) = by_elem.get_mut(m.elem) {
                list.push((page, mcid, *m));
            }
        }
    }
    let mut nodes = vec![Node { role: "Document", parent: 0, kids: Vec::new() }];
    let (mut list, mut item, mut sublist) = (None, None, None);
    for (&tag, marks) in tags.iter().zip(&by_elem) {
        if marks.is_empty() {
            continue;
        }
        match (tag, item) {
            (Tag::Subitem, Some(body)) => {
                let l = *sublist.get_or_insert_with(|| add(&mut nodes, body, "L"));
                list_item(&mut nodes, l, marks);
            }
            (Tag::Item | Tag::Subitem, _) => {
                let l = *list.get_or_insert_with(|| add(&mut nodes, 0, "L"));
                item = Some(list_item(&mut nodes, l, marks));
                sublist = None;
            }
            _ => {
                (list, item, sublist) = (None, None, None);
                let node = add(&mut nodes, 0, body_role(tag));
                attach(&mut nodes, node, marks.iter());
            }
        }
    }
    nodes
}

fn add(nodes: &mut Vec<Node>, parent: usize, role: &'static str) -> usize {
    nodes.push(Node { role, parent, kids: Vec::new() });
    let id = nodes.len() - 1;
    nodes[parent].kids.push(Kid::Node(id));
    id
}

/// An item of list `l`: its label if it has one, then its body, which it returns.
fn list_item(nodes: &mut Vec<Node>, l: usize, marks: &[Mark]) -> usize {
    let li = add(nodes, l, "LI");
    if marks.iter().any(|m| m.2.label) {
        let lbl = add(nodes, li, "Lbl");
        attach(nodes, lbl, marks.iter().filter(|m| m.2.label));
    }
    let body = add(nodes, li, "LBody");
    attach(nodes, body, marks.iter().filter(|m| !m.2.label));
    body
}

/// Marked sequences as kids of `node`, linked text in a `Link` with its annotation.
fn attach<'a>(nodes: &mut Vec<Node>, node: usize, marks: impl Iterator<Item = &'a Mark>) {
    for &(page, mcid, m) in marks {
        match m.link {
            Some(annot) => {
                let link = add(nodes, node, "Link");
                nodes[link].kids.extend([Kid::Content(page, mcid), Kid::Annot(page, annot)]);
            }
            None => nodes[node].kids.push(Kid::Content(page, mcid)),
        }
    }
}

/// Writes the structure tree of `tags` (each paragraph's role) and
/// `content` (each page's marked sequences) into `doc`, links every page to
/// it, and returns the tree's root and its elements. The elements are
/// numbered in `doc` but left out of it, to be made as they are saved
/// (`save::Deferred`): at 200,000 names they are a million dictionaries.
pub fn structure(
    doc: &mut Document,
    tags: &[Tag],
    content: &[Vec<Marked>],
) -> Result<(ObjectId, Elements), String> {
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    if pages.len() != content.len() {
        return Err(format!("{} pages drawn but {} in the file", content.len(), pages.len()));
    }
    let mut nodes = tree(tags, content);
    let root = doc.new_object_id();
    let first = doc.max_id + 1;
    doc.max_id += nodes.len() as u32;
    let id = |n: usize| (first + n as u32, 0);
    let mut parents: Vec<Vec<Object>> = content.iter().map(|m| vec![Object::Null; m.len()]).collect();
    // Annotations: their parent-tree keys come after the pages'.
    let mut annots: Vec<(ObjectId, ObjectId)> = Vec::new();
    for (n, node) in nodes.iter_mut().enumerate() {
        for kid in &mut node.kids {
            match *kid {
                Kid::Node(_) | Kid::Object(..) => {}
                Kid::Content(page, mcid) => parents[page][mcid] = Object::Reference(id(n)),
                Kid::Annot(page, k) => {
                    let annot = annotation(doc, pages[page], k)?;
                    annots.push((annot, id(n)));
                    *kid = Kid::Object(page, annot);
                }
            }
        }
    }
    let mut nums = Vec::new();
    for (i, (page, parent)) in pages.iter().zip(parents).enumerate() {
        nums.push(Object::Integer(i as i64));
        nums.push(Object::Array(parent));
        let dict = doc.get_object_mut(*page).and_then(Object::as_dict_mut).map_err(|e| e.to_string())?;
        dict.set("StructParents", Object::Integer(i as i64));
        // Tab order follows the structure, as PDF/UA asks of pages with links.
        dict.set("Tabs", Object::Name(b"S".to_vec()));
    }
    for (k, (annot, link)) in annots.iter().enumerate() {
        let key = (pages.len() + k) as i64;
        nums.extend([Object::Integer(key), Object::Reference(*link)]);
        let dict = doc.get_object_mut(*annot).and_then(Object::as_dict_mut).map_err(|e| e.to_string())?;
        dict.set("StructParent", Object::Integer(key));
    }
    let parent_tree = doc.add_object(Dictionary::from_iter([("Nums", Object::Array(nums))]));
    let tree_root = Dictionary::from_iter([
        ("Type", Object::Name(b"StructTreeRoot".to_vec())),
        ("K", Object::Reference(id(0))),
        ("ParentTree", Object::Reference(parent_tree)),
        ("ParentTreeNextKey", Object::Integer((pages.len() + annots.len()) as i64)),
    ]);
    doc.objects.insert(root, Object::Dictionary(tree_root));
    Ok((root, Elements { nodes, first, root, pages }))
}

/// The structure elements, numbered from `first`, each made when asked for.
pub struct Elements {
    nodes: Vec<Node>,
    first: u32,
    root: ObjectId,
    pages: Vec<ObjectId>,
}

impl Deferred for Elements {
    fn ids(&self) -> std::ops::Range<u32> {
        self.first..self.first + self.nodes.len() as u32
    }

    fn object(&self, id: u32) -> Option<Object> {
        let n = id.checked_sub(self.first)? as usize;
        let node = self.nodes.get(n)?;
        let at = |k: usize| Object::Reference((self.first + k as u32, 0));
        let kids = node.kids.iter().map(|kid| match *kid {
            Kid::Node(k) => at(k),
            Kid::Content(page, mcid) => Object::Dictionary(Dictionary::from_iter([
                ("Type", Object::Name(b"MCR".to_vec())),
                ("Pg", Object::Reference(self.pages[page])),
                ("MCID", Object::Integer(mcid as i64)),
            ])),
            Kid::Object(page, annot) => Object::Dictionary(Dictionary::from_iter([
                ("Type", Object::Name(b"OBJR".to_vec())),
                ("Pg", Object::Reference(self.pages[page])),
                ("Obj", Object::Reference(annot)),
            ])),
            // `structure` made every annotation an object before this.
            Kid::Annot(..) => Object::Null,
        });
        Some(Object::Dictionary(Dictionary::from_iter([
            ("Type", Object::Name(b"StructElem".to_vec())),
            ("S", Object::Name(node.role.as_bytes().to_vec())),
            ("P", if n == 0 { Object::Reference(self.root) } else { at(node.parent) }),
            ("K", Object::Array(kids.collect())),
        ])))
    }
}

#[cfg(test)]
mod tests {
    use super::super::paginate::Placed;
    use super::super::typeset::Run;
    use super::*;
    use crate::render::pdf::fonts::{Face, Slot};

    #[test]
    fn a_sequence_unfolds_into_its_mcid_and_nothing_else_changes() {
        let mut op = begin("LBody", 7);
        unfold(&mut op);
        let map = [("MCID".to_string(), DictItem::Int(7))].into();
        let expected =
            Op::BeginMarkedContentWithProperties { tag: "LBody".into(), properties: DictItem::Dict { map } };
        assert_eq!(op, expected);
        let mut others = [artifact(Some("Footer")), actual_text("palabra"), Op::EndMarkedContent];
        let before = others.clone();
        others.iter_mut().for_each(unfold);
        assert_eq!(others, before);
    }

    fn placed(text: &str, elem: usize) -> Placed {
        let run = Run {
            face: Face::Regular,
            link: false,
            x: 0.0,
            items: vec![Item::Text(text.into())],
            rtl: false,
            slot: Slot::Face,
        };
        let line = Line { runs: vec![run], elem: Some(elem), ..Line::default() };
        Placed { x: 0.0, y: 0.0, size: 10.0, line, label: None, bar: None }
    }

    #[test]
    fn a_word_broken_over_a_page_is_read_whole_on_its_first_line() {
        let pages = vec![
            Page { lines: vec![placed("we ad\u{AD}", 0), placed("Other para ", 1)] },
            Page { lines: vec![placed("dress you, post-", 0), placed("return ", 0)] },
        ];
        let joins = joins(&pages);
        assert_eq!(joins[0][0].word, Some((3, "address".to_string())));
        assert_eq!(joins[1][0].head, "dress".len(), "its second part reads as nothing");
        assert_eq!(joins[1][0].word, Some((11, "post-return".to_string())), "a real hyphen stays");
        assert_eq!(joins[1][1].head, "return".len());
        assert_eq!(joins[0][1], Join::default(), "another paragraph's line is not part of it");
        let cuts: Vec<usize> = joins[1][0].cuts().iter().map(|c| c.0).collect();
        assert_eq!(cuts, [0, 5, 11, usize::MAX]);
    }

    #[test]
    fn items_form_lists_and_subitems_lists_inside_them() {
        use Tag::*;
        let tags = [H1, Item, Item, Subitem, Subitem, Item, P, Item];
        let content = vec![
            (0..tags.len()).map(|elem| Marked { elem, label: elem == 1, link: None }).collect::<Vec<_>>(),
        ];
        let nodes = tree(&tags, &content);
        let shape = |n: usize| -> String {
            fn go(nodes: &[Node], n: usize, out: &mut String) {
                out.push_str(nodes[n].role);
                let kids: Vec<usize> = nodes[n]
                    .kids
                    .iter()
                    .filter_map(|k| if let Kid::Node(k) = k { Some(*k) } else { None })
                    .collect();
                if !kids.is_empty() {
                    out.push('(');
                    for (i, k) in kids.iter().enumerate() {
                        if i > 0 {
                            out.push(' ');
                        }
                        go(nodes, *k, out);
                    }
                    out.push(')');
                }
            }
            let mut out = String::new();
            go(&nodes, n, &mut out);
            out
        };
        assert_eq!(
            shape(0),
            "Document(H1 L(LI(Lbl LBody) LI(LBody(L(LI(LBody) LI(LBody)))) LI(LBody)) P L(LI(LBody)))"
        );
    }
}
