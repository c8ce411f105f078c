//! Text → tokens that suit Chinese notices, each with a normalised key.
//!
//! A character diff of Chinese is confetti and a word diff needs a dictionary, so the unit
//! here is what a reader perceives as one symbol: one token per CJK character, a run of
//! Latin letters or of digits as one token (`2023` → `2024` is one changed number), each
//! punctuation mark on its own and a whitespace run as one token. The options act on the
//! keys only; every token keeps the byte range of its original text.

use crate::hash::FastMap;
use crate::numerals;
use crate::options::CompareOptions;
use std::ops::Range;

/// What kind of text a token is; the cleanup uses it to find phrase boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// One CJK character (Han, kana, hangul, 〇, 々).
    Cjk,
    /// A run of digits, or a Chinese numeral folded to digits.
    Number,
    /// A run of letters of an alphabetic script.
    Word,
    /// A run of whitespace.
    Space,
    /// One punctuation mark.
    Punct,
    /// Any other single character (symbols, emoji, circled numbers).
    Other,
}

/// One token: its original bytes and the key it is compared by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// Bytes of the original text.
    pub bytes: Range<usize>,
    /// Its kind.
    pub class: Class,
    /// Interned normalised text; see [`Keys`].
    pub key: u32,
    /// Its length in characters, the weight the cleanup measures edits by.
    pub chars: u32,
}

/// Interns normalised token texts into `u32` ids shared by both sides, so the differ
/// compares integers. A one-character key is its own code point, which needs no table;
/// longer keys get ids above the Unicode range.
#[derive(Debug, Default)]
pub(crate) struct Keys {
    ids: FastMap<String, u32>,
    texts: Vec<String>,
    /// Length in characters of each of `texts`.
    lens: Vec<usize>,
}

/// First id handed to a key longer than one character.
const MULTI: u32 = 0x11_0000;

impl Keys {
    fn intern(&mut self, key: &str) -> u32 {
        let mut chars = key.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return c as u32;
        }
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        // Ids cannot run out: a text of at most usize bytes has fewer distinct keys than that,
        // and saturating keeps the code panic-free if it ever did.
        let id = MULTI.saturating_add(u32::try_from(self.texts.len()).unwrap_or(u32::MAX - MULTI));
        self.ids.insert(key.to_owned(), id);
        self.texts.push(key.to_owned());
        self.lens.push(key.chars().count());
        id
    }

    /// Length in characters of the normalised text of `id`.
    pub fn len(&self, id: u32) -> usize {
        match id.checked_sub(MULTI) {
            None => 1,
            Some(i) => self.lens.get(i as usize).copied().unwrap_or(0),
        }
    }

    /// Whether two key sequences spell the same normalised text (a word split by ignored
    /// whitespace on one side only tokenises differently but reads the same).
    pub fn same_text(&self, a: &[u32], b: &[u32]) -> bool {
        // Lengths first: most sequences differ in length and need no strings built.
        let length = |ids: &[u32]| ids.iter().map(|&id| self.len(id)).sum::<usize>();
        if length(a) != length(b) {
            return false;
        }
        let spell = |ids: &[u32]| {
            let mut out = String::new();
            for &id in ids {
                self.push_text(id, &mut out);
            }
            out
        };
        spell(a) == spell(b)
    }

    /// Appends the normalised text of `id` to `out`.
    pub fn push_text(&self, id: u32, out: &mut String) {
        if id < MULTI {
            if let Some(c) = char::from_u32(id) {
                out.push(c);
            }
        } else if let Some(text) = id
            .checked_sub(MULTI)
            .and_then(|i| self.texts.get(i as usize))
        {
            out.push_str(text);
        }
    }
}

/// Tokenises `text` under `options`. Tokens that the options ignore (whitespace under
/// `ignore_whitespace`, punctuation under `ignore_punctuation`) are left out: the gap they
/// leave is attached to the preceding token when ranges are reported.
pub(crate) fn tokenize(text: &str, options: &CompareOptions, keys: &mut Keys) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut tokens = Vec::with_capacity(chars.len());
    let mut key = String::new();
    // A number found ahead inside a run of numeral characters, and the end of a run that
    // holds none.
    let mut number: Option<(Range<usize>, String)> = None;
    let mut plain_until = 0;
    let mut i = 0;
    while let Some(&(start, c)) = chars.get(i) {
        let class = class_of(c);
        let run = |i: usize, same: fn(char) -> bool| {
            let mut j = i + 1;
            while chars.get(j).is_some_and(|&(_, c)| same(c)) {
                j += 1;
            }
            j
        };
        key.clear();
        let (j, class) = match class {
            Class::Space => (run(i, is_space), Class::Space),
            Class::Number => (run(i, is_digit), Class::Number),
            Class::Word => (run(i, is_word_letter), Class::Word),
            Class::Cjk
                if options.fold_numerals && i >= plain_until && numerals::value(c).is_some() =>
            {
                // Each run of numeral characters is read once: the number (if the context
                // makes it one) may start inside it, and the characters before it, like
                // the whole run when it is no number, stay characters.
                let (at, digits) = match number.take() {
                    Some(pending) => pending,
                    None => {
                        let j = run(i, |c| numerals::value(c).is_some());
                        match folded_numeral(&chars, i, j) {
                            Some((at, digits)) => (at..j, digits),
                            None => (j..j, String::new()),
                        }
                    }
                };
                if at.start == i && !at.is_empty() {
                    key.push_str(&digits);
                    (at.end, Class::Number)
                } else {
                    if at.is_empty() {
                        plain_until = at.end;
                    } else if at.start > i + 1 {
                        number = Some((at.clone(), digits));
                    }
                    (i + 1, Class::Cjk)
                }
            }
            other => (i + 1, other),
        };
        let ignored = match class {
            Class::Space => options.ignore_whitespace,
            Class::Punct => options.ignore_punctuation,
            _ => false,
        };
        if !ignored {
            let bytes = start..end_of(j);
            let id = if key.is_empty() && j == i + 1 {
                // One character is its own key: no string to build.
                let folds = options.fold_width || (options.fold_numerals && class == Class::Number);
                (if folds { fold_width(c) } else { c }) as u32
            } else {
                if key.is_empty() {
                    let original = text.get(bytes.clone()).unwrap_or("");
                    normalise(original, class, options, &mut key);
                }
                keys.intern(&key)
            };
            tokens.push(Token {
                bytes,
                class,
                key: id,
                chars: u32::try_from(j - i).unwrap_or(u32::MAX),
            });
        }
        i = j;
    }
    tokens
}

/// Writes the comparison key of an original token into `out` (empty on entry).
fn normalise(original: &str, class: Class, options: &CompareOptions, out: &mut String) {
    // `02` and `2` are the same day of a date: a folded number drops its leading zeros,
    // and keeps one for zero itself.
    let number = options.fold_numerals && class == Class::Number;
    let mut leading = number;
    for c in original.chars() {
        let c = if options.fold_width || number {
            fold_width(c)
        } else {
            c
        };
        if leading && c == '0' {
            continue;
        }
        leading = false;
        out.push(c);
    }
    if number && out.is_empty() && !original.is_empty() {
        out.push('0');
    }
}

/// The class of a single character.
pub(crate) fn class_of(c: char) -> Class {
    // The common cases first: the Unicode property tables are slow for CJK. (`matches!`
    // rather than `RangeInclusive::contains`, which is a call per character at opt-level z.)
    if matches!(c, '\u{4E00}'..='\u{9FFF}') {
        return Class::Cjk;
    }
    if c.is_ascii() {
        return if c.is_ascii_whitespace() {
            Class::Space
        } else if c.is_ascii_digit() {
            Class::Number
        } else if c.is_ascii_alphabetic() {
            Class::Word
        } else if c.is_ascii_punctuation() {
            Class::Punct
        } else if c.is_whitespace() {
            Class::Space
        } else {
            Class::Other
        };
    }
    if is_space(c) {
        Class::Space
    } else if is_digit(c) {
        Class::Number
    } else if is_punct(c) {
        Class::Punct
    } else if is_cjk(c) {
        Class::Cjk
    } else if is_word_letter(c) {
        Class::Word
    } else {
        Class::Other
    }
}

/// Whitespace, including the invisible characters scraped pages are full of.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

fn is_digit(c: char) -> bool {
    matches!(c, '0'..='9' | '０'..='９')
}

fn is_fullwidth_latin(c: char) -> bool {
    matches!(c, 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

/// Characters written one per token: ideographs, kana, hangul and their kin.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}')
        || ((c as u32) >= 0x2E80 && c.is_alphabetic() && !is_fullwidth_latin(c))
}

fn is_word_letter(c: char) -> bool {
    c.is_alphabetic() && !is_cjk(c)
}

/// Punctuation, ASCII, Latin-1, general, CJK and full-width.
pub(crate) fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c,
            '¡' | '§' | '«' | '¶' | '·' | '»' | '¿'
            | '\u{2010}'..='\u{2027}'
            | '\u{2030}'..='\u{205E}'
            | '\u{3001}'..='\u{3003}'
            | '\u{3008}'..='\u{3011}'
            | '\u{3014}'..='\u{301F}'
            | '\u{3030}' | '\u{303D}' | '\u{30FB}'
            | '\u{FE10}'..='\u{FE19}'
            | '\u{FE30}'..='\u{FE4F}'
            | '\u{FE50}'..='\u{FE6B}'
            | '\u{FF01}'..='\u{FF0F}'
            | '\u{FF1A}'..='\u{FF20}'
            | '\u{FF3B}'..='\u{FF40}'
            | '\u{FF5B}'..='\u{FF65}')
}

/// Punctuation that ends a sentence or clause: where a long text is cut for the coarse pass.
pub(crate) fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '｡')
}

/// The half-width form of a full-width character, and the ideographic space as a space.
pub(crate) fn fold_width(c: char) -> char {
    let folded = match c {
        '\u{FF01}'..='\u{FF5E}' => (c as u32).checked_sub(0xFEE0),
        '\u{3000}' => Some(0x20),
        '\u{FF5F}' => Some(0x2985),
        '\u{FF60}' => Some(0x2986),
        '\u{FF61}' => Some(0x3002),
        '\u{FF62}' => Some(0x300C),
        '\u{FF63}' => Some(0x300D),
        '\u{FF64}' => Some(0x3001),
        '\u{FFE0}' => Some(0xA2),
        '\u{FFE1}' => Some(0xA3),
        '\u{FFE2}' => Some(0xAC),
        '\u{FFE3}' => Some(0xAF),
        '\u{FFE4}' => Some(0xA6),
        '\u{FFE5}' => Some(0xA5),
        '\u{FFE6}' => Some(0x20A9),
        _ => None,
    };
    folded.and_then(char::from_u32).unwrap_or(c)
}

/// Where the number in the run of Chinese numerals `chars[i..j]` starts and its digits,
/// when it stands in an ordinal (`第三`) or a date (`二〇一六年`, `十二月`, `三日`);
/// `None` elsewhere, so that `一` in `统一` or `一是` stays a character.
fn folded_numeral(chars: &[(usize, char)], i: usize, j: usize) -> Option<(usize, String)> {
    let before = i.checked_sub(1).and_then(|k| chars.get(k)).map(|&(_, c)| c);
    let after = chars.get(j).map(|&(_, c)| c);
    let ordinal = before == Some('第');
    let date = matches!(after, Some('年' | '月' | '日' | '号'));
    if !(ordinal || date) {
        return None;
    }
    let run: Vec<char> = chars.get(i..j)?.iter().map(|&(_, c)| c).collect();
    // A year read digit by digit has at most four: in 统一二〇一六年 the number starts at 二.
    let units = run
        .iter()
        .any(|&c| numerals::value(c).is_some_and(|v| v >= 10));
    let skip = if !units && !ordinal {
        run.len().saturating_sub(4)
    } else {
        0
    };
    numeral_digits(run.get(skip..)?).map(|digits| (i + skip, digits))
}

/// Reads a Chinese numeral: digit by digit (`二〇一六` → 2016) when it has no units,
/// positionally (`一百零五` → 105, `十二` → 12) when it has.
pub(crate) fn numeral_digits(run: &[char]) -> Option<String> {
    let values: Vec<u64> = run
        .iter()
        .map(|&c| numerals::value(c).map(u64::from))
        .collect::<Option<_>>()?;
    if values.is_empty() {
        return None;
    }
    if values.iter().all(|&v| v < 10) {
        // Leading zeros dropped as in `normalise` (`〇六` is 6), one kept for zero itself.
        let digits: String = values
            .iter()
            .skip_while(|&&v| v == 0)
            .filter_map(|&v| char::from_digit(v as u32, 10))
            .collect();
        return Some(if digits.is_empty() {
            "0".to_owned()
        } else {
            digits
        });
    }
    let mut total: u64 = 0;
    let mut section: u64 = 0;
    let mut digit: Option<u64> = None;
    let mut last_unit = u64::MAX;
    for &v in &values {
        match v {
            0 => digit = None,
            1..=9 => {
                if digit.is_some() {
                    return None;
                }
                digit = Some(v);
            }
            10 | 100 | 1000 => {
                if v >= last_unit {
                    return None;
                }
                last_unit = v;
                // 十二 is twelve: a leading 十 has an implicit one.
                let d = digit.take().unwrap_or(1);
                section = section.checked_add(d.checked_mul(v)?)?;
            }
            _ => {
                let part = section.checked_add(digit.take().unwrap_or(0))?;
                total = total.checked_add(part.checked_mul(v)?)?;
                section = 0;
                last_unit = u64::MAX;
            }
        }
    }
    let value = total
        .checked_add(section)?
        .checked_add(digit.unwrap_or(0))?;
    Some(value.to_string())
}

/// Both texts tokenised under the default options with one shared key table, and each
/// side's keys: what the unit tests of the script and cleanup passes start from.
#[cfg(test)]
pub(crate) fn keyed_pair(left: &str, right: &str) -> [(Vec<Token>, Vec<u32>); 2] {
    let options = CompareOptions::default();
    let mut keys = Keys::default();
    [left, right].map(|text| {
        let tokens = tokenize(text, &options, &mut keys);
        let keys = tokens.iter().map(|t| t.key).collect();
        (tokens, keys)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, options: &CompareOptions) -> Vec<(String, Class)> {
        let mut keys = Keys::default();
        tokenize(text, options, &mut keys)
            .into_iter()
            .map(|t| (text[t.bytes.clone()].to_owned(), t.class))
            .collect()
    }

    fn plain() -> CompareOptions {
        CompareOptions {
            ignore_whitespace: false,
            fold_width: false,
            ignore_punctuation: false,
            fold_numerals: false,
            time_budget_ms: 0,
        }
    }

    #[test]
    fn tokens_suit_chinese_text() {
        let got = texts("2023年第3条 COVID-19，  见附件A。", &plain());
        let want = [
            ("2023", Class::Number),
            ("年", Class::Cjk),
            ("第", Class::Cjk),
            ("3", Class::Number),
            ("条", Class::Cjk),
            (" ", Class::Space),
            ("COVID", Class::Word),
            ("-", Class::Punct),
            ("19", Class::Number),
            ("，", Class::Punct),
            ("  ", Class::Space),
            ("见", Class::Cjk),
            ("附", Class::Cjk),
            ("件", Class::Cjk),
            ("A", Class::Word),
            ("。", Class::Punct),
        ];
        let want: Vec<(String, Class)> = want.iter().map(|&(t, c)| (t.to_owned(), c)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn fullwidth_digits_and_letters_form_runs() {
        let got = texts("２０２４ＡＢ　", &plain());
        assert_eq!(got[0], ("２０２４".to_owned(), Class::Number));
        assert_eq!(got[1], ("ＡＢ".to_owned(), Class::Word));
        assert_eq!(got[2], ("　".to_owned(), Class::Space));
    }

    #[test]
    fn ignored_tokens_are_left_out() {
        let mut options = plain();
        options.ignore_whitespace = true;
        options.ignore_punctuation = true;
        let got: Vec<String> = texts(" 一、 二。", &options)
            .into_iter()
            .map(|t| t.0)
            .collect();
        assert_eq!(got, ["一", "二"]);
    }

    #[test]
    fn numerals_fold_only_in_ordinals_and_dates() {
        let mut options = plain();
        options.fold_numerals = true;
        let got: Vec<String> = texts("第十二条统一二〇一六年十二月三日", &options)
            .into_iter()
            .map(|t| t.0)
            .collect();
        assert_eq!(
            got,
            [
                "第",
                "十二",
                "条",
                "统",
                "一",
                "二〇一六",
                "年",
                "十二",
                "月",
                "三",
                "日"
            ]
        );
    }

    #[test]
    fn reads_chinese_numerals() {
        let read = |s: &str| numeral_digits(&s.chars().collect::<Vec<_>>());
        assert_eq!(read("三").as_deref(), Some("3"));
        assert_eq!(read("十").as_deref(), Some("10"));
        assert_eq!(read("十二").as_deref(), Some("12"));
        assert_eq!(read("二十三").as_deref(), Some("23"));
        assert_eq!(read("一百零五").as_deref(), Some("105"));
        assert_eq!(read("二〇一六").as_deref(), Some("2016"));
        assert_eq!(read("二零二四").as_deref(), Some("2024"));
        assert_eq!(read("三万五千").as_deref(), Some("35000"));
        assert_eq!(read("十百"), None);
        assert_eq!(read("二三十"), None);
    }

    #[test]
    fn width_folds_to_half_width() {
        assert_eq!(fold_width('，'), ',');
        assert_eq!(fold_width('：'), ':');
        assert_eq!(fold_width('（'), '(');
        assert_eq!(fold_width('１'), '1');
        assert_eq!(fold_width('Ａ'), 'A');
        assert_eq!(fold_width('\u{3000}'), ' ');
        assert_eq!(fold_width('。'), '。');
    }
}
