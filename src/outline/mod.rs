//! Text → outline: the structure of a notice.
//!
//! A notice is a sequence of fixed elements (title, document number, addressees, preamble,
//! closing formula, contacts, attachments, signature, date), numbered sections that nest,
//! and web-page clutter around them. [`outline`] recovers that tree; the aligner pairs
//! blocks of two trees and the differ compares the text of paired leaves.
//!
//! The work is line by line, in one pass per step, so it stays linear in the text:
//! `normalize` cuts the text into lines and normalises their whitespace for analysis (ranges
//! stay in the original text); `label` reads numbering labels; `classify` decides which lines
//! are fixed elements or clutter; `tree` nests the numbered sections, with levels inferred
//! per document; `series` finds unnumbered parallel items; `sentence` splits sentences.
//!
//! The tree contract: top-level blocks in document order, ids in pre-order from 0, `level`
//! equal to depth; a section's first child is its [`BlockKind::Heading`], except for an
//! unlabelled body section, whose only child is its [`BlockKind::Paragraph`] (see
//! [`BlockKind::Section`]); every non-blank line belongs to exactly one leaf; siblings are
//! ordered and disjoint; a parent's range is the hull of its children's.

mod classify;
mod label;
mod normalize;
mod sentence;
mod series;
mod tree;

pub use self::sentence::sentences;

use crate::span::{Span, Utf16Index};
use serde::{Deserialize, Serialize, Serializer};
use std::ops::Range;

/// What a block is. Serialised as its name in snake case (`"doc_number"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// The notice's title (may span several lines: issuer / 关于…的 / 通知).
    Title,
    /// Document number such as 大工发〔2020〕37号.
    DocNumber,
    /// Addressees: 各县区总工会，…：
    Addressee,
    /// The opening paragraph(s) before the first section. In a document without sections,
    /// only the opening that answers ("…收悉"), hands over ("现将…印发给你们") or announces
    /// ("…如下：") what follows; a lone paragraph too, when the text has sections elsewhere
    /// (a covering letter before the document it forwards).
    Preamble,
    /// A numbered or labelled section (一、 （一） 1. 第一条 一是 元旦: …). Its children are its
    /// heading line (a [`BlockKind::Heading`]), its paragraphs and its sub-sections.
    ///
    /// Two kinds of section have no label line of their own:
    /// - an item of an unnumbered series ("要强化系统学习。…" ×4): no label (or the name
    ///   before its colon, "元旦："), no ordinal, and one child, the whole paragraph as its
    ///   [`BlockKind::Heading`];
    /// - a body paragraph of a document (or of a document forwarded or appended after a date)
    ///   that has no numbered or series sections at all, such as the paragraphs of a short
    ///   复函, 批复 or 答复 after its opening "…的请示收悉。现批复如下：": no label, no
    ///   ordinal, a [`Block::heading`] that is the paragraph's first sentence (cut after a
    ///   clause when longer than 40 characters), and one child, the [`BlockKind::Paragraph`]
    ///   itself. Such a section has **no Heading child**, since the document has no heading
    ///   line there; this is the one exception to "a section opens with its heading".
    Section,
    /// The line or paragraph that carries a section's heading.
    Heading,
    /// A body paragraph.
    Paragraph,
    /// Closing formula: 特此通知, 以上通知, 请遵照执行, 感谢您对…的关心和支持.
    Closing,
    /// Contact details: 联系人, 联系电话, 电子邮箱, 地址.
    Contact,
    /// Attachment list: 附件：1. …
    Attachment,
    /// The issuing body's signature line.
    Signature,
    /// The issue date.
    Date,
    /// Web-page chrome: publication metadata, navigation, disclaimers, ICP lines.
    Clutter,
}

impl BlockKind {
    /// The name the kind is serialised as (`"doc_number"`), as `#[serde(rename_all =
    /// "snake_case")]` would write it: a derived `Serialize` makes one call per variant, this
    /// one lookup.
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Title => "title",
            BlockKind::DocNumber => "doc_number",
            BlockKind::Addressee => "addressee",
            BlockKind::Preamble => "preamble",
            BlockKind::Section => "section",
            BlockKind::Heading => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::Closing => "closing",
            BlockKind::Contact => "contact",
            BlockKind::Attachment => "attachment",
            BlockKind::Signature => "signature",
            BlockKind::Date => "date",
            BlockKind::Clutter => "clutter",
        }
    }
}

impl Serialize for BlockKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// One node of the outline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    /// Unique within its outline; ids are assigned in document (pre-)order from 0.
    pub id: u32,
    /// What the block is.
    pub kind: BlockKind,
    /// Nesting depth: 0 for top-level blocks, 1 for their children, and so on.
    pub level: u8,
    /// The numbering label as written, e.g. `"三、"`, `"（一）"`, `"第五条"`, `"一是"`, `"元旦："`.
    pub label: Option<String>,
    /// The label's number (三 → 3), when it has one.
    pub ordinal: Option<u32>,
    /// The heading text without its label, whitespace-normalised; for a title, the whole
    /// title; for a section made of a body paragraph, the start of that paragraph.
    pub heading: Option<String>,
    /// Where the block is, in UTF-16 code units of the original text.
    pub range: Span,
    /// The same range in UTF-8 bytes, for Rust callers slicing the original `&str`.
    #[serde(skip)]
    pub bytes: Range<usize>,
    /// Sub-blocks in document order; their ranges lie inside this block's and do not overlap.
    pub children: Vec<Block>,
}

/// The structure of one notice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outline {
    /// The title text, whitespace-normalised, when one was found.
    pub title: Option<String>,
    /// Top-level blocks in document order.
    pub blocks: Vec<Block>,
    /// Length of the original text in UTF-16 code units.
    pub length: u32,
}

impl Outline {
    /// Every block, depth first, in document order.
    pub fn walk(&self) -> impl Iterator<Item = &Block> {
        let mut stack: Vec<&Block> = self.blocks.iter().rev().collect();
        std::iter::from_fn(move || {
            let block = stack.pop()?;
            stack.extend(block.children.iter().rev());
            Some(block)
        })
    }

    /// The block with this id.
    pub fn block(&self, id: u32) -> Option<&Block> {
        self.walk().find(|b| b.id == id)
    }
}

/// Recovers the outline of `text`.
///
/// Never fails: any text has an outline, if only a list of paragraphs. Runs in time linear
/// in the length of the text.
///
/// ```
/// use notice_diff::{outline, BlockKind};
///
/// let text = "关于放假的通知\n各单位：\n现将有关事项通知如下：\n一、元旦\n1月1日放假。\n二、春节\n2月放假。";
/// let tree = outline(text);
/// assert_eq!(tree.title.as_deref(), Some("关于放假的通知"));
/// let sections: Vec<_> = tree.blocks.iter().filter(|b| b.kind == BlockKind::Section).collect();
/// assert_eq!(sections[1].label.as_deref(), Some("二、"));
/// assert_eq!(sections[1].heading.as_deref(), Some("春节"));
/// ```
pub fn outline(text: &str) -> Outline {
    let index = Utf16Index::new(text);
    let lines = normalize::lines(text);
    let labels: Vec<Option<label::Label>> = lines
        .iter()
        .map(|line| label::parse(&line.text, line.markdown > 0))
        .collect();
    let roles = classify::roles(text, &lines, &labels);
    let mut nodes = tree::build(&lines, &labels, &roles);
    series::mark(&mut nodes, &lines);
    let nodes = tree::mark_preamble(nodes, &lines);
    let blocks = tree::finish(nodes, &lines, &index);
    let title = blocks
        .iter()
        .find(|b| b.kind == BlockKind::Title)
        .and_then(|b| b.heading.clone());
    Outline {
        title,
        blocks,
        length: index.at(text.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_serialise_as_their_deserialised_names() {
        use BlockKind::*;
        for kind in [
            Title, DocNumber, Addressee, Preamble, Section, Heading, Paragraph, Closing, Contact,
            Attachment, Signature, Date, Clutter,
        ] {
            let json = serde_json::to_string(&kind).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", kind.name()));
            assert_eq!(serde_json::from_str::<BlockKind>(&json).ok(), Some(kind));
        }
        assert_eq!(DocNumber.name(), "doc_number");
    }
}
