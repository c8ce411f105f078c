//! Substring search for the short, fixed needles the crate looks for.
//!
//! `str::contains`, `find`, `replace` and `split` with a `&str` pattern (and `contains` with
//! a non-ASCII `char`, which core turns into a `&str` search) link core's two-way searcher,
//! and with it the formatting of the panic for slicing a string off a character boundary:
//! 7 KB of wasm for finding 如下 in a line. The needles here are a few characters and the
//! haystacks a line or a tag, where a plain scan is also faster than setting that searcher up.
//! Searching bytes is exact: in UTF-8 a whole character's encoding only matches at a
//! character boundary.

/// Byte offset of the first `needle` in `haystack`; `None` also for an empty `needle`.
pub(crate) fn find(haystack: &str, needle: &str) -> Option<usize> {
    // Searching for a `char` is a memchr, and stays cheap with the needle's first character.
    let first = needle.chars().next()?;
    haystack.match_indices(first).map(|(at, _)| at).find(|&at| {
        haystack
            .get(at..)
            .is_some_and(|rest| rest.starts_with(needle))
    })
}

/// Whether `haystack` contains `needle` (never an empty one).
pub(crate) fn has(haystack: &str, needle: &str) -> bool {
    find(haystack, needle).is_some()
}

/// Whether `haystack` contains the character `c`. (`str::find` with a `char` is a memchr;
/// `str::contains` turns a non-ASCII `char` into a substring search.)
pub(crate) fn has_char(haystack: &str, c: char) -> bool {
    haystack.find(c).is_some()
}

/// `text` with every `needle` taken out, left to right, like `text.replace(needle, "")`.
pub(crate) fn remove_all(text: &str, needle: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = find(rest, needle) {
        out.push_str(rest.get(..at).unwrap_or(""));
        rest = rest.get(at + needle.len()..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_like_the_standard_search() {
        let hays = [
            "",
            "如下",
            "现就有关事项通知如下：",
            "aab",
            "abab",
            "打印打印本页",
            "ab",
        ];
        let needles = [
            "如下",
            "：",
            "ab",
            "b",
            "打印",
            "本页",
            "abc",
            "现就有关事项通知如下：x",
        ];
        for hay in hays {
            for needle in needles {
                assert_eq!(find(hay, needle), hay.find(needle), "{hay:?} {needle:?}");
                assert_eq!(has(hay, needle), hay.contains(needle));
                assert_eq!(remove_all(hay, needle), hay.replace(needle, ""));
            }
            assert_eq!(find(hay, ""), None);
            assert!(!has(hay, ""));
            assert_eq!(remove_all(hay, ""), hay);
        }
    }

    #[test]
    fn removes_without_joining_new_matches() {
        // Taking 打印 out of 打打印印 leaves 打印: one pass, as `replace` does.
        assert_eq!(remove_all("打打印印", "打印"), "打印");
    }

    #[test]
    fn has_char_finds_characters() {
        assert!(has_char("条章节", '章'));
        assert!(!has_char("条章节", '款'));
        assert!(has_char("第一条\n", '\n'));
        assert!(!has_char("", 'a'));
    }
}
