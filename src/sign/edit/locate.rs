//! Where things are in a roster file's text: an entry's `-` and last
//! line, the end of a flow value, the text of one key, and the entry a
//! name refers to.

use std::ops::Range;

use serde_saphyr::Spanned;

use super::{Doc, EditError, ListPath};
use crate::sign::shape::{Node, char_len, start};

impl Doc<'_> {
    pub(super) fn layout(
        &self,
        line: usize,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> EditError {
        EditError::Layout { file: self.file.to_path_buf(), line, message: message.into(), hint: hint.into() }
    }

    pub(super) fn not_a_mapping(&self, node: &Spanned<Node>) -> EditError {
        self.layout(start(node).0, "this entry is not a mapping of keys", "write it as `- name: …`")
    }

    pub(super) fn flow_list(&self, node: &Spanned<Node>) -> EditError {
        self.layout(
            start(node).0,
            "this list is written in flow style (`[…]`), where an entry cannot be added on a line of its own",
            "write the list one `- ` entry per line, then run the command again",
        )
    }

    pub(super) fn is_flow(&self, node: &Spanned<Node>) -> bool {
        let at = self.src.offset(start(node));
        matches!(self.src.text.as_bytes().get(at), Some(b'{' | b'['))
    }

    pub(super) fn network<'t>(
        &self,
        tree: &'t Spanned<Node>,
        index: usize,
    ) -> Result<&'t Spanned<Node>, EditError> {
        let net = tree.value.items().and_then(|items| items.get(index));
        let net =
            net.ok_or_else(|| self.layout(1, "the network is no longer in this file", "run it again"))?;
        if self.is_flow(net) || !matches!(net.value, Node::Map(_)) {
            return Err(self.layout(
                start(net).0,
                "this network is written in flow style (`{…}`)",
                "write it with one key per line (`- name: …` then `  members:`), then run the command again",
            ));
        }
        Ok(net)
    }

    /// The line and column of an item's `-`.
    pub(super) fn dash(&self, item: &Spanned<Node>) -> Result<(usize, usize), EditError> {
        let (line, _) = start(item);
        let before = &self.src.line(line - 1)[..self.src.offset(start(item)) - self.src.line_start(line - 1)];
        if before.trim() == "-" {
            return Ok((line - 1, before.len() - before.trim_start().len()));
        }
        if before.trim().is_empty() {
            let dash_line = (0..line - 1).rev().find(|&i| !self.src.is_blank(i) && !self.src.is_comment(i));
            if let Some(i) =
                dash_line.filter(|&i| self.src.line(i).split('#').next().unwrap_or("").trim() == "-")
            {
                return Ok((i, self.src.indent(i)));
            }
        }
        Err(self.layout(line, "cannot tell where this list entry starts", "write each entry as `- name: …`"))
    }

    /// The last line of a block list entry.
    pub(super) fn entry_end(&self, item: &Spanned<Node>) -> Result<usize, EditError> {
        let (dash_line, dash_col) = self.dash(item)?;
        Ok(self.src.block_end(dash_line, dash_col))
    }

    /// The entry named `name` in `list`, withdrawn or not as asked.
    pub(super) fn find<'t>(
        &self,
        tree: &'t Spanned<Node>,
        list: ListPath,
        name: &str,
        withdrawn: bool,
    ) -> Result<&'t Spanned<Node>, EditError> {
        let items = match list {
            ListPath::Top => tree.value.items(),
            ListPath::Members { network, kind } => {
                let members = self.network(tree, network)?.value.get("members");
                members.and_then(|(_, m)| m.value.get(kind.key())).and_then(|(_, l)| l.value.items())
            }
        };
        let matches = |e: &&Spanned<Node>| {
            e.value.names().any(|n| n.trim() == name) && e.value.get("withdrawn").is_some() == withdrawn
        };
        items.and_then(|items| items.iter().find(matches)).ok_or_else(|| EditError::NotFound {
            file: self.file.to_path_buf(),
            name: name.to_string(),
            list: match list {
                ListPath::Top => "this file's list".to_string(),
                ListPath::Members { kind, .. } => format!("the network's {}", kind.key()),
            },
        })
    }

    /// The offset just past a node: a scalar's last character, or a flow
    /// collection's closing bracket.
    pub(super) fn end_of(&self, node: &Spanned<Node>) -> usize {
        let at = self.src.offset(start(node));
        let last = match &node.value {
            Node::Scalar(_) | Node::Null => return self.src.advance(at, char_len(node)),
            Node::Seq(items) => items.last(),
            Node::Map(pairs) => pairs.last().map(|(_, v)| v),
        };
        let inner_end = self.src.skip_space(last.map_or(at + 1, |child| self.end_of(child)));
        let trailing_comma = self.src.text[inner_end..].starts_with(',');
        (if trailing_comma { self.src.skip_space(inner_end + 1) } else { inner_end }) + 1
    }

    /// The text of pair `i` of a flow mapping, with the comma that joins it.
    pub(super) fn flow_pair(&self, pairs: &[(Spanned<String>, Spanned<Node>)], i: usize) -> Range<usize> {
        let key = self.src.offset(start(&pairs[i].0));
        let end = self.end_of(&pairs[i].1);
        let before = self.src.text[..key].trim_end();
        if i > 0 && before.ends_with(',') {
            before.len() - 1..end
        } else {
            let after = self.src.skip_space(end);
            let after =
                if self.src.text[after..].starts_with(',') { self.src.skip_space(after + 1) } else { end };
            key..after
        }
    }

    /// The text of pair `i` of a block mapping: its lines, or, when it shares
    /// the entry's `- ` line, the text up to the next key.
    pub(super) fn block_pair(&self, pairs: &[(Spanned<String>, Spanned<Node>)], i: usize) -> Range<usize> {
        let key = &pairs[i].0;
        let (line, col) = start(key);
        let key_at = self.src.offset(start(key));
        if self.src.line(line - 1)[..key_at - self.src.line_start(line - 1)].trim().is_empty() {
            let last = self.src.block_end(line - 1, col - 1);
            self.src.line_start(line - 1)..self.src.line_end(last)
        } else {
            let next = pairs.get(i + 1).map_or(self.src.text.len(), |(k, _)| self.src.offset(start(k)));
            key_at..next
        }
    }
}

impl Node {
    /// Every written form of an entry's name.
    fn names(&self) -> impl Iterator<Item = &str> {
        let name = self.get("name").map(|(_, v)| &v.value);
        let (one, many) = match name {
            Some(Node::Scalar(s)) => (Some(s.as_str()), None),
            Some(Node::Map(pairs)) => (None, Some(pairs)),
            _ => (None, None),
        };
        one.into_iter().chain(many.into_iter().flatten().filter_map(|(_, v)| v.value.as_str()))
    }
}
