//! HTML character references: `&nbsp;`, `&ldquo;`, `&#12288;`, `&#x3000;`.
//!
//! The named table is HTML 4's (all 252 entities, which is what Chinese government pages
//! use) plus `&apos;`; HTML5's two thousand rarer names are left as written.

/// Decodes the character reference at the start of `s` (which starts with `&`). Returns
/// the character and how many bytes it took, or `None` when `s` does not start with a
/// reference this decoder knows (the `&` is then literal text).
pub(crate) fn decode(s: &str) -> Option<(char, usize)> {
    let bytes = s.as_bytes();
    if bytes.first() != Some(&b'&') {
        return None;
    }
    if bytes.get(1) == Some(&b'#') {
        return numeric(bytes);
    }
    // Longest HTML 4 name is 8 bytes ("thetasym"); reading a few more keeps the lookahead
    // bounded (the scan stays linear) while still seeing where a name ends.
    let name_len = bytes
        .iter()
        .skip(1)
        .take(12)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let name = s.get(1..1 + name_len)?;
    let c = named(name)?;
    if bytes.get(1 + name_len) == Some(&b';') {
        return Some((c, name_len + 2));
    }
    // Browsers accept a few legacy names without the semicolon; so does sloppy markup.
    if matches!(name, "nbsp" | "amp" | "lt" | "gt" | "quot" | "copy" | "reg") {
        return Some((c, name_len + 1));
    }
    None
}

/// `&#1234;` or `&#x4e00;`; the semicolon may be missing, as browsers allow.
fn numeric(bytes: &[u8]) -> Option<(char, usize)> {
    let hex = matches!(bytes.get(2), Some(b'x' | b'X'));
    let start = if hex { 3 } else { 2 };
    let radix = if hex { 16 } else { 10 };
    let mut value: u32 = 0;
    let mut end = start;
    while let Some(digit) = bytes.get(end).and_then(|&b| char::from(b).to_digit(radix)) {
        // Saturate past the Unicode range: the digits are still consumed, as browsers do.
        value = value
            .saturating_mul(radix)
            .saturating_add(digit)
            .min(0x11_0000);
        end += 1;
    }
    if end == start {
        return None;
    }
    if bytes.get(end) == Some(&b';') {
        end += 1;
    }
    Some((from_code_point(value), end))
}

/// What browsers make of a numeric reference: C1 controls are read as Windows-1252 (pages
/// write `&#150;` for a dash), and NUL, surrogates and out-of-range values become U+FFFD.
fn from_code_point(value: u32) -> char {
    const WINDOWS_1252: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    if (0x80..0xa0).contains(&value) {
        let index = usize::try_from(value - 0x80).unwrap_or(0);
        return WINDOWS_1252.get(index).copied().unwrap_or('\u{fffd}');
    }
    if value == 0 {
        return '\u{fffd}';
    }
    char::from_u32(value).unwrap_or('\u{fffd}')
}

/// HTML 4's Latin-1 entities, in code point order from U+00A0.
const LATIN1: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
    "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro",
    "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute",
    "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute",
    "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute",
    "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
    "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde",
    "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc",
    "uuml", "yacute", "thorn", "yuml",
];

/// HTML 4's Greek letters, in code point order from U+0391 (U+03A2 is unassigned).
const GREEK_UPPER: [&str; 25] = [
    "Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota", "Kappa",
    "Lambda", "Mu", "Nu", "Xi", "Omicron", "Pi", "Rho", "", "Sigma", "Tau", "Upsilon", "Phi",
    "Chi", "Psi", "Omega",
];
const GREEK_LOWER: [&str; 25] = [
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
    "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigmaf", "sigma", "tau", "upsilon", "phi",
    "chi", "psi", "omega",
];

fn in_table(table: &[&str], first: u32, name: &str) -> Option<char> {
    let index = table.iter().position(|n| *n == name)?;
    char::from_u32(first + u32::try_from(index).ok()?)
}

fn named(name: &str) -> Option<char> {
    if name.is_empty() {
        return None;
    }
    let c = match name {
        "quot" => '"',
        "amp" => '&',
        "apos" => '\'',
        "lt" => '<',
        "gt" => '>',
        "OElig" => 'Œ',
        "oelig" => 'œ',
        "Scaron" => 'Š',
        "scaron" => 'š',
        "Yuml" => 'Ÿ',
        "fnof" => 'ƒ',
        "circ" => 'ˆ',
        "tilde" => '˜',
        "thetasym" => 'ϑ',
        "upsih" => 'ϒ',
        "piv" => 'ϖ',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "zwnj" => '\u{200c}',
        "zwj" => '\u{200d}',
        "lrm" => '\u{200e}',
        "rlm" => '\u{200f}',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "dagger" => '†',
        "Dagger" => '‡',
        "bull" => '•',
        "hellip" => '…',
        "permil" => '‰',
        "prime" => '′',
        "Prime" => '″',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "oline" => '‾',
        "frasl" => '⁄',
        "euro" => '€',
        "image" => 'ℑ',
        "weierp" => '℘',
        "real" => 'ℜ',
        "trade" => '™',
        "alefsym" => 'ℵ',
        "larr" => '←',
        "uarr" => '↑',
        "rarr" => '→',
        "darr" => '↓',
        "harr" => '↔',
        "crarr" => '↵',
        "lArr" => '⇐',
        "uArr" => '⇑',
        "rArr" => '⇒',
        "dArr" => '⇓',
        "hArr" => '⇔',
        "forall" => '∀',
        "part" => '∂',
        "exist" => '∃',
        "empty" => '∅',
        "nabla" => '∇',
        "isin" => '∈',
        "notin" => '∉',
        "ni" => '∋',
        "prod" => '∏',
        "sum" => '∑',
        "minus" => '−',
        "lowast" => '∗',
        "radic" => '√',
        "prop" => '∝',
        "infin" => '∞',
        "ang" => '∠',
        "and" => '∧',
        "or" => '∨',
        "cap" => '∩',
        "cup" => '∪',
        "int" => '∫',
        "there4" => '∴',
        "sim" => '∼',
        "cong" => '≅',
        "asymp" => '≈',
        "ne" => '≠',
        "equiv" => '≡',
        "le" => '≤',
        "ge" => '≥',
        "sub" => '⊂',
        "sup" => '⊃',
        "nsub" => '⊄',
        "sube" => '⊆',
        "supe" => '⊇',
        "oplus" => '⊕',
        "otimes" => '⊗',
        "perp" => '⊥',
        "sdot" => '⋅',
        "lceil" => '⌈',
        "rceil" => '⌉',
        "lfloor" => '⌊',
        "rfloor" => '⌋',
        "lang" => '〈',
        "rang" => '〉',
        "loz" => '◊',
        "spades" => '♠',
        "clubs" => '♣',
        "hearts" => '♥',
        "diams" => '♦',
        _ => {
            return in_table(&LATIN1, 0xa0, name)
                .or_else(|| in_table(&GREEK_UPPER, 0x391, name))
                .or_else(|| in_table(&GREEK_LOWER, 0x3b1, name));
        }
    };
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(decode("&nbsp;x"), Some(('\u{a0}', 6)));
        assert_eq!(decode("&nbspx"), None);
        assert_eq!(decode("&nbsp x"), Some(('\u{a0}', 5)));
        assert_eq!(decode("&ldquo;"), Some(('“', 7)));
        assert_eq!(decode("&middot;"), Some(('·', 8)));
        assert_eq!(decode("&yuml;"), Some(('ÿ', 6)));
        assert_eq!(decode("&Omega;"), Some(('Ω', 7)));
        assert_eq!(decode("&sigmaf;"), Some(('ς', 8)));
        assert_eq!(decode("&#12288;"), Some(('\u{3000}', 8)));
        assert_eq!(decode("&#x4E00;"), Some(('一', 8)));
        assert_eq!(decode("&#x4e00"), Some(('一', 7)));
        assert_eq!(decode("&#150;"), Some(('–', 6)));
        assert_eq!(decode("&#0;"), Some(('\u{fffd}', 4)));
        assert_eq!(decode("&#xD800;"), Some(('\u{fffd}', 8)));
        assert_eq!(decode("&#99999999999999999999;"), Some(('\u{fffd}', 23)));
        assert_eq!(decode("&#;"), None);
        assert_eq!(decode("&unknown;"), None);
        assert_eq!(decode("&;"), None);
        assert_eq!(decode("&"), None);
    }
}
