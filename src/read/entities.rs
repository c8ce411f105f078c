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
    const WINDOWS_1252: &str = "€\u{81}‚ƒ„…†‡ˆ‰Š‹Œ\u{8d}Ž\u{8f}\u{90}‘’“”•–—˜™š›œ\u{9d}žŸ";
    if (0x80..0xa0).contains(&value) {
        let index = usize::try_from(value - 0x80).unwrap_or(0);
        return WINDOWS_1252.chars().nth(index).unwrap_or('\u{fffd}');
    }
    if value == 0 {
        return '\u{fffd}';
    }
    char::from_u32(value).unwrap_or('\u{fffd}')
}

/// HTML 4's named references and `&apos;`, by the length of their names (from 2 to 8):
/// the names of that length, space-separated, and the characters they stand for, in the
/// same order: the commonest first, then alphabetical. One string per length keeps a lookup
/// to a few dozen comparisons.
const NAMED: [(&str, &str); 7] = [
    (
        "lt gt Mu Nu Pi Xi ge le mu ne ni nu or pi xi",
        "<>ΜΝΠΞ≥≤μ≠∋ν∨πξ",
    ),
    (
        "amp Chi ETH Eta Phi Psi Rho Tau and ang cap chi cup deg eta eth int loz lrm not phi \
         piv psi reg rho rlm shy sim sub sum sup tau uml yen zwj",
        "&ΧÐΗΦΨΡΤ∧∠∩χ∪°ηð∫◊\u{200e}¬φϖψ®ρ\u{200f}\u{ad}∼⊂∑⊃τ¨¥\u{200d}",
    ),
    (
        "nbsp quot copy Auml Beta Euml Iota Iuml Ouml Uuml Yuml Zeta apos auml beta bull cent \
         circ cong dArr darr emsp ensp euml euro fnof hArr harr iota isin iuml lArr lang larr \
         macr nsub ordf ordm ouml para part perp prod prop rArr rang rarr real sdot sect sube \
         sup1 sup2 sup3 supe uArr uarr uuml yuml zeta zwnj",
        "\u{a0}\"©ÄΒËΙÏÖÜŸΖ'äβ•¢ˆ≅⇓↓\u{2003}\u{2002}ë€ƒ⇔↔ι∈ï⇐〈←¯⊄ªºö¶∂⊥∏∝⇒〉→ℜ⋅§⊆¹²³⊇⇑↑üÿζ\
         \u{200c}",
    ),
    (
        "ldquo rdquo lsquo rsquo mdash ndash times AElig Acirc Alpha Aring Delta Ecirc Gamma \
         Icirc Kappa OElig Ocirc Omega Prime Sigma THORN Theta Ucirc acirc acute aelig alpha \
         aring asymp bdquo cedil clubs crarr delta diams ecirc empty equiv exist frasl gamma \
         icirc iexcl image infin kappa laquo lceil micro minus nabla notin ocirc oelig oline \
         omega oplus pound prime radic raquo rceil sbquo sigma szlig theta thorn tilde trade \
         ucirc upsih",
        "“”‘’—–×ÆÂΑÅΔÊΓÎΚŒÔΩ″ΣÞΘÛâ´æαå≈„¸♣↵δ♦ê∅≡∃⁄γî¡ℑ∞κ«⌈µ−∇∉ôœ‾ω⊕£′√»⌉‚σßθþ˜™ûϒ",
    ),
    (
        "middot hellip Aacute Agrave Atilde Ccedil Dagger Eacute Egrave Iacute Igrave Lambda \
         Ntilde Oacute Ograve Oslash Otilde Scaron Uacute Ugrave Yacute aacute agrave atilde \
         brvbar ccedil curren dagger divide eacute egrave forall frac12 frac14 frac34 hearts \
         iacute igrave iquest lambda lfloor lowast lsaquo ntilde oacute ograve oslash otilde \
         otimes permil plusmn rfloor rsaquo scaron sigmaf spades there4 thinsp uacute ugrave \
         weierp yacute",
        "·…ÁÀÃÇ‡ÉÈÍÌΛÑÓÒØÕŠÚÙÝáàã¦ç¤†÷éè∀½¼¾♥íì¿λ⌊∗‹ñóòøõ⊗‰±⌋›šς♠∴\u{2009}úù℘ý",
    ),
    (
        "Epsilon Omicron Upsilon alefsym epsilon omicron upsilon",
        "ΕΟΥℵεου",
    ),
    ("thetasym", "ϑ"),
];

fn named(name: &str) -> Option<char> {
    let (names, chars) = NAMED.get(name.len().checked_sub(2)?)?;
    // Each name and the space after it.
    let index = names
        .as_bytes()
        .chunks(name.len() + 1)
        .position(|n| n.get(..name.len()) == Some(name.as_bytes()))?;
    chars.chars().nth(index)
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

    #[test]
    fn the_table_pairs_every_name_with_one_character() {
        let mut count = 0;
        for (k, (names, chars)) in NAMED.iter().enumerate() {
            let names: Vec<&str> = names.split(' ').collect();
            assert_eq!(
                names.len(),
                chars.chars().count(),
                "names of length {}",
                k + 2
            );
            for (name, c) in names.iter().zip(chars.chars()) {
                assert_eq!(name.len(), k + 2, "{name}");
                assert_eq!(named(name), Some(c), "{name}");
            }
            count += names.len();
        }
        assert_eq!(count, 253);
    }
}
