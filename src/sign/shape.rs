//! A roster file's YAML as a tree of nodes that know where they are written.
//!
//! The loader turns YAML into typed entries and keeps only the positions
//! findings need. Editing the text in place needs more: where every key and
//! value starts, and how long each scalar is. This tree holds exactly that,
//! read with the loader's own YAML settings, so both see the same document.

use std::path::Path;
use std::sync::Arc;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diagnostic::Diagnostic;
use crate::model::Origin;

#[derive(Debug, Clone)]
pub enum Node {
    Null,
    Scalar(String),
    Seq(Vec<Spanned<Node>>),
    Map(Vec<(Spanned<String>, Spanned<Node>)>),
}

/// Parses a whole roster file. An empty file is `Null`.
pub fn parse(text: &str, file: &Path) -> Result<Spanned<Node>, Diagnostic> {
    let origin = Origin { file: Arc::from(file), line: 1, column: 1 };
    crate::load::parse_yaml(text, &origin)
}

impl Node {
    /// The value under `key`, with the key itself.
    pub fn get(&self, key: &str) -> Option<(&Spanned<String>, &Spanned<Node>)> {
        match self {
            Node::Map(pairs) => pairs.iter().find(|(k, _)| k.value == key).map(|(k, v)| (k, v)),
            _ => None,
        }
    }

    /// The entries of a list; `None` for anything but a list.
    pub fn items(&self) -> Option<&[Spanned<Node>]> {
        match self {
            Node::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// An entry's name in `lang` (or its first language), for sorting and
    /// finding entries again.
    pub fn name_in(&self, lang: &str) -> Option<&str> {
        match &self.get("name")?.1.value {
            Node::Scalar(s) => Some(s),
            Node::Map(per_lang) => {
                let (_, value) = per_lang.iter().find(|(k, _)| k.value == lang).or(per_lang.first())?;
                value.value.as_str()
            }
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::Scalar(s) => Some(s),
            _ => None,
        }
    }
}

/// The 1-based line and column where a node starts.
pub fn start<T>(node: &Spanned<T>) -> (usize, usize) {
    (node.referenced.line() as usize, node.referenced.column() as usize)
}

/// A node's length in characters: 0 for collections, which the parser
/// marks by their start.
pub fn char_len<T>(node: &Spanned<T>) -> usize {
    node.referenced.span().len() as usize
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut pairs = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            pairs.push((key, map.next_value()?));
        }
        Ok(Node::Map(pairs))
    }
}
