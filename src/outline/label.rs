//! Numbering labels at the start of a line and the numbers they carry.
//!
//! Chinese official documents number their parts in a dozen styles (一、 （一） 1. （1） ①
//! 第一条 第一章 第一节 第一部分 一是 一要 第一， 首先). A [`Family`] is one style; which family
//! sits at which depth is decided per document by the tree builder, not here.

use super::normalize::is_wide;
use crate::numerals;

/// One numbering style. Variants that documents mix freely within one list ("1." and "1、",
/// "（一）" and "(一)") are one family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    /// 第一部分, 第一编.
    Part,
    /// 第一章.
    Chapter,
    /// 第一节.
    Jie,
    /// 第一条.
    Article,
    /// 一、 (also 一． and, after a markdown marker, a bare 一).
    CnDun,
    /// （一） and (一).
    CnParen,
    /// 1. 1、 1． ⒈
    ArabicDot,
    /// （1） (1) ⑴
    ArabicParen,
    /// 1） 1)
    ArabicHalf,
    /// ① ❶ ㉑
    Circled,
    /// 一是
    EnumShi,
    /// 一要
    EnumYao,
    /// 第一， 第一、
    EnumDi,
    /// 首先 其次 再次 最后
    EnumFirst,
    /// 1 总则 (a decimal outline's first level).
    Decimal1,
    /// 1.1 编制目的
    Decimal2,
    /// 1.1.1 and deeper.
    Decimal3,
}

impl Family {
    /// Number of families, for per-family tables.
    pub(crate) const COUNT: usize = 17;

    /// Position in per-family tables.
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// Families whose label alone is strong evidence of a heading: accepted even when the
    /// sequence around them is broken (a document that lost its 一、二、 still has 三、).
    pub(crate) fn is_heading(self) -> bool {
        matches!(
            self,
            Family::Part | Family::Chapter | Family::Jie | Family::Article | Family::CnDun
        )
    }

    fn max_ordinal(self) -> u32 {
        if matches!(
            self,
            Family::Part | Family::Chapter | Family::Jie | Family::Article
        ) {
            9999
        } else {
            200
        }
    }
}

/// A label found at the start of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Label {
    /// Its style.
    pub family: Family,
    /// Its number; `None` for 最后 ("finally"), which continues whatever came before.
    pub ordinal: Option<u32>,
    /// Length of the label in bytes of the text it was parsed from.
    pub len: usize,
}

/// The Chinese numeral at the start of `s`: its value and length in bytes.
fn cn_prefix(s: &str) -> Option<(u32, usize)> {
    let len: usize = s
        .chars()
        .take_while(|&c| numerals::digit(c).is_some() || numerals::unit(c).is_some())
        .take(8)
        .map(char::len_utf8)
        .sum();
    let value = numerals::number(s.get(..len)?)?;
    Some((value, len))
}

/// An ASCII or full-width digit's value.
pub(crate) fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// The Arabic number (1 to 3 digits: longer runs are years or amounts) at the start of `s`.
fn arabic_prefix(s: &str) -> Option<(u32, usize)> {
    let mut value = 0u32;
    let mut len = 0;
    let mut count = 0;
    for c in s.chars() {
        let Some(d) = digit(c) else { break };
        value = value * 10 + d;
        len += c.len_utf8();
        count += 1;
        if count > 3 {
            return None;
        }
    }
    (count > 0).then_some((value, len))
}

/// Circled and parenthesised number characters: (family, value).
fn number_char(c: char) -> Option<(Family, u32)> {
    let u = c as u32;
    Some(match u {
        0x2460..=0x2473 => (Family::Circled, u - 0x2460 + 1),
        0x3251..=0x325F => (Family::Circled, u - 0x3251 + 21),
        0x32B1..=0x32BF => (Family::Circled, u - 0x32B1 + 36),
        0x2776..=0x277F => (Family::Circled, u - 0x2776 + 1),
        0x2474..=0x2487 => (Family::ArabicParen, u - 0x2474 + 1),
        0x2488..=0x249B => (Family::ArabicDot, u - 0x2488 + 1),
        _ => return None,
    })
}

fn first_char(s: &str) -> Option<char> {
    s.chars().next()
}

/// The number at the start of `s`, Chinese or Arabic.
fn number_prefix(s: &str) -> Option<(u32, usize)> {
    cn_prefix(s).or_else(|| arabic_prefix(s))
}

/// Parses the label at the start of a normalised line. `markdown` says the line carried a
/// markdown heading marker, which makes a bare numeral ("## 三") a label.
pub(crate) fn parse(text: &str, markdown: bool) -> Option<Label> {
    let label = parse_raw(text, markdown)?;
    match label.ordinal {
        Some(n) if n == 0 || n > label.family.max_ordinal() => None,
        _ => Some(label),
    }
}

fn parse_raw(text: &str, markdown: bool) -> Option<Label> {
    let c0 = first_char(text)?;
    let label = |family, ordinal, len| {
        Some(Label {
            family,
            ordinal: Some(ordinal),
            len,
        })
    };
    if let Some((family, n)) = number_char(c0) {
        return label(family, n, c0.len_utf8());
    }
    if c0 == '第' {
        let rest = text.get(c0.len_utf8()..)?;
        let (n, l) = number_prefix(rest)?;
        let after = rest.get(l..)?;
        let head = c0.len_utf8() + l;
        let c = first_char(after)?;
        let family = match c {
            '章' => Family::Chapter,
            '节' => Family::Jie,
            '条' => Family::Article,
            '编' => Family::Part,
            '部' if after.starts_with("部分") => {
                return label(Family::Part, n, head + "部分".len());
            }
            '，' | ',' | '、' | '：' | ':' => Family::EnumDi,
            _ => return None,
        };
        return label(family, n, head + c.len_utf8());
    }
    if c0 == '（' || c0 == '(' {
        let rest = text.get(c0.len_utf8()..)?;
        let (family, (n, l)) = match cn_prefix(rest) {
            Some(found) => (Family::CnParen, found),
            None => (Family::ArabicParen, arabic_prefix(rest)?),
        };
        let close = first_char(rest.get(l..)?)?;
        if close != '）' && close != ')' {
            return None;
        }
        return label(family, n, c0.len_utf8() + l + close.len_utf8());
    }
    for (word, n) in [("首先", 1), ("其次", 2), ("再次", 3), ("最后", 0)] {
        if let Some(after) = text.strip_prefix(word) {
            let c = first_char(after)?;
            if !matches!(c, '，' | ',' | '：' | ':') {
                return None;
            }
            return Some(Label {
                family: Family::EnumFirst,
                ordinal: (n > 0).then_some(n),
                len: word.len() + c.len_utf8(),
            });
        }
    }
    if let Some((n, l)) = cn_prefix(text) {
        let after = text.get(l..)?;
        let family = match first_char(after) {
            Some('、' | '．' | '.') => Family::CnDun,
            Some('是') => Family::EnumShi,
            Some('要') => Family::EnumYao,
            None | Some(' ') if markdown => return label(Family::CnDun, n, l),
            _ => return None,
        };
        let delimiter = first_char(after).map_or(0, char::len_utf8);
        return label(family, n, l + delimiter);
    }
    if let Some((n, l)) = arabic_prefix(text) {
        if let Some(decimal) = decimal(text) {
            return Some(decimal);
        }
        let after = text.get(l..)?;
        let c = first_char(after)?;
        let family = match c {
            '.' | '．' | '、' => {
                // "1.5亿元" is an amount, not item 1.
                let next = after.get(c.len_utf8()..).and_then(first_char);
                if next.and_then(digit).is_some() {
                    return None;
                }
                Family::ArabicDot
            }
            ')' | '）' => Family::ArabicHalf,
            _ => return None,
        };
        return label(family, n, l + c.len_utf8());
    }
    None
}

/// Decimal outline numbers, as plans and standards use them: "1 总则", "1.1 编制目的",
/// "2.3.1 …". A single number needs a space and a wide character after it ("3 天" in
/// running text is rarer than "3 预警监测" in a plan, and sequence checks catch the rest).
fn decimal(text: &str) -> Option<Label> {
    let mut parts = 0;
    let mut last;
    let mut len = 0;
    let mut rest = text;
    loop {
        let (n, l) = arabic_prefix(rest)?;
        parts += 1;
        last = n;
        len += l;
        rest = rest.get(l..)?;
        let mut chars = rest.chars();
        match (chars.next(), chars.next()) {
            (Some('.'), Some(c)) if digit(c).is_some() => {
                len += 1;
                rest = rest.get(1..)?;
            }
            _ => break,
        }
    }
    let mut chars = rest.chars();
    let family = match (parts, chars.next(), chars.next()) {
        (1, Some(' '), Some(c)) if is_wide(c) => Family::Decimal1,
        (1, _, _) => return None,
        (2, Some(c), _) if c == ' ' || is_wide(c) => Family::Decimal2,
        (_, Some(c), _) if c == ' ' || is_wide(c) => Family::Decimal3,
        _ => return None,
    };
    Some(Label {
        family,
        ordinal: Some(last),
        len,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Option<(Family, Option<u32>, &str)> {
        parse(text, false).map(|l| (l.family, l.ordinal, &text[..l.len]))
    }

    #[test]
    fn every_numbering_style() {
        use Family::*;
        assert_eq!(check("三、总体要求"), Some((CnDun, Some(3), "三、")));
        assert_eq!(check("十二．措施"), Some((CnDun, Some(12), "十二．")));
        assert_eq!(check("（一）深刻学习"), Some((CnParen, Some(1), "（一）")));
        assert_eq!(check("(十四)要求"), Some((CnParen, Some(14), "(十四)")));
        assert_eq!(check("1.城镇小区"), Some((ArabicDot, Some(1), "1.")));
        assert_eq!(check("2、加强宣讲"), Some((ArabicDot, Some(2), "2、")));
        assert_eq!(check("３．精心组织"), Some((ArabicDot, Some(3), "３．")));
        assert_eq!(check("12.科技成果"), Some((ArabicDot, Some(12), "12.")));
        assert_eq!(check("（1）有专职"), Some((ArabicParen, Some(1), "（1）")));
        assert_eq!(check("(２)有独立"), Some((ArabicParen, Some(2), "(２)")));
        assert_eq!(check("3）其他"), Some((ArabicHalf, Some(3), "3）")));
        assert_eq!(check("①第一"), Some((Circled, Some(1), "①")));
        assert_eq!(check("⑳末项"), Some((Circled, Some(20), "⑳")));
        assert_eq!(check("㉑续"), Some((Circled, Some(21), "㉑")));
        assert_eq!(check("⑵括号"), Some((ArabicParen, Some(2), "⑵")));
        assert_eq!(check("第一条为了"), Some((Article, Some(1), "第一条")));
        assert_eq!(
            check("第一百零五条 附则"),
            Some((Article, Some(105), "第一百零五条"))
        );
        assert_eq!(check("第三章总则"), Some((Chapter, Some(3), "第三章")));
        assert_eq!(check("第二节 职责"), Some((Jie, Some(2), "第二节")));
        assert_eq!(check("第一部分 总体"), Some((Part, Some(1), "第一部分")));
        assert_eq!(check("第12条 规定"), Some((Article, Some(12), "第12条")));
        assert_eq!(check("一是深入领会"), Some((EnumShi, Some(1), "一是")));
        assert_eq!(check("三要切实履行"), Some((EnumYao, Some(3), "三要")));
        assert_eq!(check("第二，要坚持"), Some((EnumDi, Some(2), "第二，")));
        assert_eq!(check("其次，加强"), Some((EnumFirst, Some(2), "其次，")));
        assert_eq!(check("最后，总结"), Some((EnumFirst, None, "最后，")));
        assert_eq!(
            parse("三", true).map(|l| (l.family, l.ordinal)),
            Some((CnDun, Some(3)))
        );
        assert_eq!(check("1 总则"), Some((Decimal1, Some(1), "1")));
        assert_eq!(check("1.2 等级划分"), Some((Decimal2, Some(2), "1.2")));
        assert_eq!(check("2.3.4预警"), Some((Decimal3, Some(4), "2.3.4")));
    }

    #[test]
    fn things_that_are_not_labels() {
        for text in [
            "2018.5亿元",
            "2018年",
            "2018.",
            "3 days",
            "十分重要",
            "一些单位",
            "第一次会议",
            "三",
            "（注）",
            "〇、",
            "首先要",
            "（一",
            "正文",
            "",
        ] {
            assert_eq!(check(text), None, "{text}");
        }
    }
}
