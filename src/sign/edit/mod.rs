//! Editing a roster file's text in place: adding an entry where the sort
//! order puts it. (Withdrawals are lines of `history.yaml`, never edits of
//! an entry: see `model::history`.)
//!
//! Each edit parses the current text for positions (`shape`), changes only
//! the lines it must, and leaves every other byte (comments, blank lines,
//! quoting, key order) as it was. The file is never re-serialized, so a diff
//! shows the change alone. Layouts the edits cannot place an entry in
//! safely (a list written in flow style, `[a, b]`) are refused with a hint
//! instead of guessed at.

mod locate;

use std::cmp::Ordering;
use std::path::{Path, PathBuf};

use serde_saphyr::Spanned;

use super::shape::{self, Node, start};
use super::text::{Src, splice};
use crate::diagnostic::Diagnostic;

/// Which list of a file an entry belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListPath {
    /// The file's own list: organizations, individuals or networks.
    Top,
    /// A member list of the file's `network`-th network (0-based).
    Members { network: usize, kind: MemberKind },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MemberKind {
    Organizations,
    People,
}

impl MemberKind {
    pub fn key(self) -> &'static str {
        match self {
            MemberKind::Organizations => "organizations",
            MemberKind::People => "people",
        }
    }
}

/// Text after an edit, and the 1-based line of the entry it touched.
#[derive(Debug)]
pub struct Edited {
    pub text: String,
    pub line: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("{0}")]
    Unreadable(Diagnostic),
    #[error("{}:{line}: {message}\n  hint: {hint}", file.display())]
    Layout { file: PathBuf, line: usize, message: String, hint: String },
}

/// How the entry being added sorts among the others.
pub struct Order<'a> {
    pub name: &'a str,
    /// The language whose names are compared.
    pub lang: &'a str,
    pub cmp: &'a dyn Fn(&str, &str) -> Ordering,
}

/// Adds `entry` (one line of YAML after `- `) to `list` at its sorted place.
pub fn add(text: &str, file: &Path, list: ListPath, entry: &str, order: &Order) -> Result<Edited, EditError> {
    let tree = shape::parse(text, file).map_err(EditError::Unreadable)?;
    let doc = Doc { src: Src::new(text), file };
    match list {
        ListPath::Top => doc.add_top(&tree, entry, order),
        ListPath::Members { network, kind } => {
            let net = doc.network(&tree, network)?;
            doc.add_member(&tree, net, kind, entry, order)
        }
    }
}

/// The indentation a file uses under a network: how far `members:`'s keys
/// sit inside it, and how far a list's dashes sit inside its key.
#[derive(Debug, Clone, Copy)]
struct Style {
    map: usize,
    seq: usize,
}

struct Doc<'a> {
    src: Src<'a>,
    file: &'a Path,
}

impl Doc<'_> {
    fn add_top(&self, tree: &Spanned<Node>, entry: &str, order: &Order) -> Result<Edited, EditError> {
        match &tree.value {
            Node::Null => Ok(self.append(&item("- ", entry))),
            Node::Seq(items) if items.is_empty() => self.fill_empty(tree, None, entry, 0),
            Node::Seq(items) if !self.is_flow(tree) => self.add_sorted(items, entry, order),
            Node::Seq(_) => Err(self.flow_list(tree)),
            _ => Err(self.layout(
                start(tree).0,
                "this roster file does not hold a list",
                "a roster file is a list of `- name: …` entries",
            )),
        }
    }

    fn add_member(
        &self,
        tree: &Spanned<Node>,
        net: &Spanned<Node>,
        kind: MemberKind,
        entry: &str,
        order: &Order,
    ) -> Result<Edited, EditError> {
        let style = style(tree);
        let key = kind.key();
        let Some((members_key, members)) = net.value.get("members") else {
            let at = " ".repeat(start(net).1 - 1);
            let (m, s) = (" ".repeat(style.map), " ".repeat(style.seq));
            let block = format!("{at}members:\n{at}{m}{key}:\n{}", item(&format!("{at}{m}{s}- "), entry));
            return Ok(self.inserted_after(self.entry_end(net)?, &block, 2));
        };
        let members_col = start(members_key).1 - 1;
        match &members.value {
            Node::Null => {
                let block = format!(
                    "{}{key}:\n{}",
                    " ".repeat(members_col + style.map),
                    item(&format!("{}- ", " ".repeat(members_col + style.map + style.seq)), entry)
                );
                Ok(self.inserted_after(start(members_key).0 - 1, &block, 1))
            }
            Node::Map(_) if !self.is_flow(members) => self.add_to_sublist(members, kind, entry, order, style),
            _ => Err(self.layout(
                start(members).0,
                "these members are written in flow style (`{…}`)",
                "write `members:` with `organizations:` and `people:` on lines of their own",
            )),
        }
    }

    fn add_to_sublist(
        &self,
        members: &Spanned<Node>,
        kind: MemberKind,
        entry: &str,
        order: &Order,
        style: Style,
    ) -> Result<Edited, EditError> {
        let Some((key, list)) = members.value.get(kind.key()) else {
            // A new sub-list goes first, away from the end of the network,
            // where entries are appended to the last sub-list.
            let (line, col) = start(members);
            let at = " ".repeat(col - 1);
            let block =
                format!("{at}{}:\n{}", kind.key(), item(&format!("{at}{}- ", " ".repeat(style.seq)), entry));
            let offset = self.src.line_start(line - 1);
            return Ok(Edited { text: splice(self.src.text, offset..offset, &block), line: line + 1 });
        };
        let key_col = start(key).1 - 1;
        match &list.value {
            Node::Null => {
                let block = item(&format!("{}- ", " ".repeat(key_col + style.seq)), entry);
                Ok(self.inserted_after(start(key).0 - 1, &block, 0))
            }
            Node::Seq(items) if items.is_empty() => {
                self.fill_empty(list, Some(key), entry, key_col + style.seq)
            }
            Node::Seq(items) if !self.is_flow(list) => self.add_sorted(items, entry, order),
            _ => Err(self.flow_list(list)),
        }
    }

    /// Puts the entry among `items` before the first one that sorts after it.
    fn add_sorted(&self, items: &[Spanned<Node>], entry: &str, order: &Order) -> Result<Edited, EditError> {
        let after = |item: &Spanned<Node>| {
            item.value.name_in(order.lang).is_some_and(|n| (order.cmp)(n, order.name) == Ordering::Greater)
        };
        let (dash_line, dash_col) = self.dash(&items[0])?;
        let prefix = self.item_prefix(&items[0], dash_line, dash_col);
        let line = item(&prefix, entry);
        match items.iter().position(after) {
            Some(0) => {
                let offset = self.src.line_start(dash_line);
                Ok(Edited { text: splice(self.src.text, offset..offset, &line), line: dash_line + 1 })
            }
            Some(i) => Ok(self.inserted_after(self.entry_end(&items[i - 1])?, &line, 0)),
            None => Ok(self.inserted_after(self.entry_end(&items[items.len() - 1])?, &line, 0)),
        }
    }

    /// What comes before an item's content on its line: `  - `, as its
    /// neighbours write it.
    fn item_prefix(&self, item: &Spanned<Node>, dash_line: usize, dash_col: usize) -> String {
        let (line, _) = start(item);
        if line - 1 == dash_line {
            let offset = self.src.offset(start(item)) - self.src.line_start(dash_line);
            self.src.line(dash_line)[..offset].to_string()
        } else {
            format!("{}- ", " ".repeat(dash_col))
        }
    }

    /// Replaces an empty `[]` with a one-entry block list.
    fn fill_empty(
        &self,
        list: &Spanned<Node>,
        key: Option<&Spanned<String>>,
        entry: &str,
        indent: usize,
    ) -> Result<Edited, EditError> {
        let at = self.src.offset(start(list));
        if !self.src.text[at..].starts_with("[]") {
            return Err(self.flow_list(list));
        }
        let (from, block) = match key {
            Some(_) => (
                self.src.text[..at].trim_end_matches(' ').len(),
                format!("\n{}", item(&format!("{}- ", " ".repeat(indent)), entry).trim_end_matches('\n')),
            ),
            None => (at, item("- ", entry).trim_end_matches('\n').to_string()),
        };
        let line = self.src.line_of(at) + 1 + usize::from(key.is_some());
        Ok(Edited { text: splice(self.src.text, from..at + 2, &block), line })
    }

    fn append(&self, block: &str) -> Edited {
        let text = self.src.text;
        let sep = if text.is_empty() || text.ends_with('\n') { "" } else { "\n" };
        let before = format!("{text}{sep}");
        Edited { line: before.matches('\n').count() + 1, text: before + block }
    }

    /// The text with `block` after line `i`; `skip` lines of the block come
    /// before the entry it adds.
    fn inserted_after(&self, i: usize, block: &str, skip: usize) -> Edited {
        let (at, insert) = self.after_line(i, block);
        Edited { text: splice(self.src.text, at..at, &insert), line: i + 2 + skip }
    }

    /// Where text goes to follow line `i`, adding the line break a last line may lack.
    fn after_line(&self, i: usize, block: &str) -> (usize, String) {
        let at = self.src.line_end(i);
        let needs_break =
            at == self.src.text.len() && !self.src.text.ends_with('\n') && !self.src.text.is_empty();
        (at, if needs_break { format!("\n{block}") } else { block.to_string() })
    }
}

/// An entry's lines after `prefix` (`  - `): a one-line entry, or a
/// block whose later lines line up under the first.
fn item(prefix: &str, entry: &str) -> String {
    let indent = " ".repeat(prefix.chars().count());
    let mut out = String::new();
    for (i, line) in entry.lines().enumerate() {
        out.push_str(if i == 0 { prefix } else { &indent });
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The file's indentation under networks, from its first network with a
/// block member list; two spaces each when there is none.
fn style(tree: &Spanned<Node>) -> Style {
    let found = tree.value.items().into_iter().flatten().find_map(|net| {
        let (key, members) = net.value.get("members")?;
        let Node::Map(pairs) = &members.value else { return None };
        let (sub_key, list) = pairs.iter().find(|(_, l)| l.value.items().is_some_and(|i| !i.is_empty()))?;
        let first = &list.value.items()?[0];
        let map = start(members).1.checked_sub(start(key).1)?;
        let seq = start(list).1.checked_sub(start(sub_key).1)?;
        (start(members).0 > start(key).0 && start(first).0 > start(sub_key).0).then_some(Style { map, seq })
    });
    found.unwrap_or(Style { map: 2, seq: 2 })
}

#[cfg(test)]
mod tests;
