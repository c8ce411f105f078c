//! Unnumbered series: parallel paragraphs that a reader sees as items of a list although
//! they carry no number — "元旦：…" "春节：…", or "要强化系统学习。…" "要强化宣讲培训。…".
//! They become sibling sections (without ordinal) so that the aligner can pair them one by
//! one, as it pairs numbered items.

use super::normalize::{is_wide, Line};
use super::sentence::{first_sentence, strip_end_punctuation};
use super::tree::Node;
use super::BlockKind;

/// Longest label before a colon ("工作小时数的计算：").
const MAX_COLON_LABEL: usize = 10;
/// Longest run-in heading sentence of a series item ("深入领会王沪宁同志代表党中央作的致词。").
const MAX_HEADING: usize = 30;

/// How a paragraph could open a series item.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Key {
    /// A short label and a colon; the label's length in bytes.
    Colon(usize),
    /// A short first sentence; the paragraph's first two characters.
    Lead([char; 2]),
}

fn colon_key(text: &str) -> Option<Key> {
    let (pos, colon) = text
        .char_indices()
        .take(MAX_COLON_LABEL + 1)
        .find(|&(_, c)| matches!(c, '：' | ':'))?;
    let label = text.get(..pos)?;
    let rest = text.get(pos + colon.len_utf8()..)?.trim();
    let plain = label.chars().all(|c| c.is_alphanumeric() || c == ' ');
    let lead_in = ["如下", "包括", "是", "为", "有"]
        .iter()
        .any(|w| label.ends_with(w));
    let starts_wide = label.chars().next().is_some_and(is_wide);
    (plain && starts_wide && !lead_in && !rest.is_empty()).then_some(Key::Colon(pos))
}

fn lead_key(text: &str) -> Option<Key> {
    let first = first_sentence(text);
    let ends_sentence = first.ends_with(['。', '！', '？', '；', '!', '?', ';']);
    let short = first.chars().count() <= MAX_HEADING;
    let more = first.len() < text.trim_end().len();
    let mut chars = text.chars();
    let lead = [chars.next()?, chars.next()?];
    let wide = lead.iter().all(|&c| is_wide(c));
    (ends_sentence && short && more && wide).then_some(Key::Lead(lead))
}

/// The ways a node could open a series item; nothing for anything but a plain paragraph.
#[derive(Debug, Default)]
struct Keys {
    colon: bool,
    lead: Option<[char; 2]>,
}

fn keys(node: &Node, lines: &[Line]) -> Keys {
    let text = match node.line.and_then(|l| lines.get(l)) {
        Some(line) if node.kind == BlockKind::Paragraph && !node.stray => &line.text,
        _ => return Keys::default(),
    };
    Keys {
        colon: colon_key(text).is_some(),
        lead: match lead_key(text) {
            Some(Key::Lead(lead)) => Some(lead),
            _ => None,
        },
    }
}

/// Finds series among the children of every section (and among `nodes` themselves) and turns
/// their paragraphs into sections. A series is two or more consecutive "label：" paragraphs,
/// or three or more consecutive paragraphs opening with the same two characters and a short
/// sentence.
pub(crate) fn mark(nodes: &mut [Node], lines: &[Line]) {
    for node in nodes.iter_mut() {
        if node.kind == BlockKind::Section {
            mark(&mut node.children, lines);
        }
    }
    let keys: Vec<Keys> = nodes.iter().map(|n| keys(n, lines)).collect();
    let mut i = 0;
    while let Some(rest) = keys.get(i..).filter(|rest| !rest.is_empty()) {
        let colon = rest.iter().take_while(|k| k.colon).count();
        let lead = match rest.first().and_then(|k| k.lead) {
            Some(lead) => rest.iter().take_while(|k| k.lead == Some(lead)).count(),
            None => 0,
        };
        let (len, by_colon) = if colon >= 2 {
            (colon, true)
        } else if lead >= 3 {
            (lead, false)
        } else {
            i += 1;
            continue;
        };
        for node in nodes.iter_mut().skip(i).take(len) {
            make_item(node, lines, by_colon);
        }
        i += len;
    }
}

/// Turns a paragraph into a series item: a section whose heading block is the paragraph.
fn make_item(node: &mut Node, lines: &[Line], by_colon: bool) {
    let Some(text) = node
        .line
        .and_then(|l| lines.get(l))
        .map(|l| l.text.as_str())
    else {
        return;
    };
    let (label, heading) = match colon_key(text) {
        Some(Key::Colon(pos)) if by_colon => {
            let name = text.get(..pos).unwrap_or("").trim();
            let colon_len = text
                .get(pos..)
                .and_then(|s| s.chars().next())
                .map_or(0, char::len_utf8);
            let label = text.get(..pos + colon_len).unwrap_or("").trim();
            (Some(label.to_owned()), name.to_owned())
        }
        _ => (None, strip_end_punctuation(first_sentence(text)).to_owned()),
    };
    let mut heading_leaf = node.clone();
    heading_leaf.kind = BlockKind::Heading;
    node.kind = BlockKind::Section;
    node.label = label;
    node.ordinal = None;
    node.heading = (!heading.is_empty()).then_some(heading);
    node.run_in = true;
    node.line = None;
    node.children = vec![heading_leaf];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(
            colon_key("元旦：1月1日放假。"),
            Some(Key::Colon("元旦".len()))
        );
        assert_eq!(
            colon_key("工作小时数的计算：以月"),
            Some(Key::Colon("工作小时数的计算".len()))
        );
        assert_eq!(colon_key("主要内容包括：学习"), None);
        assert_eq!(colon_key("各单位，请注意：x"), None);
        assert_eq!(colon_key("注："), None);
        assert_eq!(
            lead_key("要强化系统学习。全区各级"),
            Some(Key::Lead(['要', '强']))
        );
        assert_eq!(lead_key("要强化系统学习。"), None);
        assert_eq!(
            lead_key(
                "工会通过平等协商和集体合同制度，协调劳动关系，维护职工劳动权益的各项工作。然后"
            ),
            None
        );
    }
}
