//! Chinese numerals: what each character is worth, and how a label's numeral reads.
//!
//! Two stages read them: the outliner, for the ordinals of labels (`十二、`, `第一百零五条`)
//! and years written digit by digit (`二〇一六年`), and the differ, which folds numerals in
//! ordinals and dates to digits under `fold_numerals` (`第三` = `第3`). Both take the values
//! of the characters from here, so the two can never disagree on what `两` or `〇` is.

/// The value of a Chinese digit: `〇` and `零` are 0, `两` is 2 (as in `两年`).
pub(crate) fn digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// The value of a unit inside a section of four digits: `十`, `百`, `千`.
pub(crate) fn unit(c: char) -> Option<u32> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        _ => return None,
    })
}

/// The unit that multiplies a whole section (`三万五千`): ten thousand.
pub(crate) const MYRIAD: char = '万';

/// The value of any numeral character: a digit, a unit, or [`MYRIAD`] (10 000).
pub(crate) fn value(c: char) -> Option<u32> {
    if c == MYRIAD {
        return Some(10_000);
    }
    digit(c).or_else(|| unit(c))
}

/// Reads a numeral made of digits and units, as labels and years write them: `十一` → 11,
/// `九十九` → 99, `一百零五` → 105, `两` → 2, `〇` → 0. Digits without units read digit by
/// digit (`二〇一六` → 2016, as in dates). Lenient about order (`二三十` → 230): a label is
/// recognised by its shape, and its value only has to be consistent. [`MYRIAD`] is not
/// read: no ordinal reaches it. `None` for anything else, for an empty string and on
/// overflow.
pub(crate) fn number(s: &str) -> Option<u32> {
    let mut total: u32 = 0;
    let mut digit_run: Option<u32> = None;
    let mut any = false;
    for c in s.chars() {
        any = true;
        if let Some(unit) = unit(c) {
            total = total.checked_add(digit_run.unwrap_or(1).checked_mul(unit)?)?;
            digit_run = None;
        } else {
            let d = digit(c)?;
            digit_run = Some(match digit_run {
                Some(prev) => prev.checked_mul(10)?.checked_add(d)?,
                None => d,
            });
        }
    }
    if !any {
        return None;
    }
    total.checked_add(digit_run.unwrap_or(0))
}

/// Writes `n` the way documents count: `十`, `十一`, `二十一`, `一百`, `一百零五`,
/// `一千零一十`, and `〇` for 0 — the inverse of [`number`]. `None` from 10 000 on, where
/// counting would need [`MYRIAD`]; callers fall back to digits.
pub(crate) fn write(n: u32) -> Option<String> {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if n >= 10_000 {
        return None;
    }
    if n == 0 {
        return Some("〇".to_owned());
    }
    let mut out = String::new();
    let mut zero = false;
    for (d, unit) in [
        (n / 1000 % 10, Some('千')),
        (n / 100 % 10, Some('百')),
        (n / 10 % 10, Some('十')),
        (n % 10, None),
    ] {
        if d == 0 {
            // One 零 for any run of empty places between two digits (一千零五).
            zero = !out.is_empty();
            continue;
        }
        if std::mem::take(&mut zero) {
            out.push('零');
        }
        // 十一, not 一十一; but 一百一十.
        if !(unit == Some('十') && d == 1 && out.is_empty()) {
            out.extend(DIGITS.get(d as usize));
        }
        out.extend(unit);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes n (1..=99) the way documents do: 十, 十一, 二十, 二十一.
    fn to_cn(n: u32) -> String {
        const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
        let (tens, ones) = ((n / 10) as usize, (n % 10) as usize);
        match tens {
            0 => D[ones].to_owned(),
            1 => format!("十{}", D[ones]),
            _ => format!("{}十{}", D[tens], D[ones]),
        }
    }

    #[test]
    fn characters_have_their_values() {
        let digits: Vec<Option<u32>> = "〇一二三四五六七八九".chars().map(digit).collect();
        assert_eq!(digits, (0..10).map(Some).collect::<Vec<_>>());
        assert_eq!((digit('零'), digit('两')), (Some(0), Some(2)));
        assert_eq!(
            (unit('十'), unit('百'), unit('千')),
            (Some(10), Some(100), Some(1000))
        );
        assert_eq!((digit('十'), unit('一'), unit(MYRIAD)), (None, None, None));
        assert_eq!(
            (value('两'), value('百'), value(MYRIAD)),
            (Some(2), Some(100), Some(10_000))
        );
        for c in ['a', '1', '第', '壹', '廿', '○'] {
            assert_eq!(value(c), None, "{c}");
        }
    }

    #[test]
    fn one_to_ten_and_on_to_ninety_nine() {
        let one_to_ten: Vec<Option<u32>> =
            ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
                .iter()
                .map(|s| number(s))
                .collect();
        assert_eq!(one_to_ten, (1..=10).map(Some).collect::<Vec<_>>());
        assert_eq!(number("十一"), Some(11));
        assert_eq!(number("二十三"), Some(23));
        for n in 1..=99 {
            assert_eq!(number(&to_cn(n)), Some(n), "{}", to_cn(n));
        }
    }

    #[test]
    fn special_forms() {
        assert_eq!(number("〇"), Some(0));
        assert_eq!(number("零"), Some(0));
        assert_eq!(number("两"), Some(2));
        assert_eq!(number("百"), Some(100));
        assert_eq!(number("一百零五"), Some(105));
        assert_eq!(number("一百一十"), Some(110));
        assert_eq!(number("二百"), Some(200));
        assert_eq!(number("一千二百六十"), Some(1260));
        assert_eq!(number("二〇一六"), Some(2016));
        assert_eq!(number("二三十"), Some(230));
    }

    #[test]
    fn written_numbers_read_back() {
        let written: Vec<String> = [0, 1, 10, 11, 20, 21, 100, 105, 110, 1010, 9999]
            .iter()
            .filter_map(|&n| write(n))
            .collect();
        assert_eq!(
            written,
            [
                "〇",
                "一",
                "十",
                "十一",
                "二十",
                "二十一",
                "一百",
                "一百零五",
                "一百一十",
                "一千零一十",
                "九千九百九十九"
            ]
        );
        for n in 0..10_000 {
            let s = write(n).unwrap_or_default();
            assert_eq!(number(&s), Some(n), "{s}");
        }
        assert_eq!(write(10_000), None);
    }

    #[test]
    fn what_is_not_a_number() {
        assert_eq!(number(""), None);
        assert_eq!(number("十a"), None);
        assert_eq!(number("一万"), None);
        assert_eq!(number("九九九九九九九九九九九"), None, "overflow");
    }
}
