//! Where things are in a roster file's text: a network's entry, and an
//! entry's `-` and last line.

use serde_saphyr::Spanned;

use super::{Doc, EditError};
use crate::sign::shape::{Node, start};

impl Doc<'_> {
    pub(super) fn layout(
        &self,
        line: usize,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> EditError {
        EditError::Layout { file: self.file.to_path_buf(), line, message: message.into(), hint: hint.into() }
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
}
