//! What a block says, as a bag of weighted character bigrams.
//!
//! Chinese has no spaces between words, and segmenting it would need a dictionary; character
//! bigrams capture words well enough to tell which paragraphs correspond. Before n-gramming a
//! block we drop its numbering label (renumbering must not look like an edit), whitespace and
//! punctuation (scraped copies differ there everywhere), fold full-width letters and digits,
//! and collapse every run of digits to one symbol (dates and amounts change between versions
//! of a notice; the sentences around them do not). Each bigram is weighted by how rare it is
//! across the paragraphs of both documents (inverse document frequency), so that 工会 in a
//! notice about trade unions says little and 中秋 says a lot.

use crate::find::has_char;
use crate::hash::FastMap;

/// A character bigram packed into an integer (or a unigram, for one-character texts).
pub(crate) type Gram = u64;

/// Stand-in for the missing second character of a unigram; above every `char`.
const NO_CHAR: u64 = 0x1F_FFFF;

/// Mixes a value into a 64-bit hash (one FxHash step plus a final avalanche).
pub(crate) fn mix(h: u64, n: u64) -> u64 {
    let mut x = (h.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    x ^= x >> 29;
    x
}

/// Whether `c` carries no content: whitespace, punctuation, symbols, invisible characters.
pub(crate) fn is_noise(c: char) -> bool {
    let u = c as u32;
    // Fast paths: ASCII, and the CJK ideographs that make up most of a notice.
    if u < 0x80 {
        return !c.is_ascii_alphanumeric();
    }
    if (0x4E00..=0x9FFF).contains(&u) {
        return false;
    }
    if c.is_whitespace() || c.is_control() {
        return true;
    }
    // 〇 (U+3007) and 々 (U+3005) are in the CJK punctuation block but are content.
    matches!(u,
        0x00A0..=0x00BF
        | 0x00D7
        | 0x00F7
        | 0x2000..=0x206F
        | 0x2190..=0x21FF
        | 0x2460..=0x24FF
        | 0x2500..=0x27BF
        | 0x3000..=0x3004
        | 0x3008..=0x303F
        | 0x30FB
        | 0xFE10..=0xFE1F
        | 0xFE30..=0xFE6F
        | 0xFEFF
        | 0xFF01..=0xFF0F
        | 0xFF1A..=0xFF20
        | 0xFF3B..=0xFF40
        | 0xFF5B..=0xFF65
        | 0xFFFC..=0xFFFD)
}

/// Folds full-width letters and digits to ASCII and ASCII letters to lower case.
pub(crate) fn fold(c: char) -> char {
    let u = c as u32;
    let c = if (0xFF10..=0xFF19).contains(&u)
        || (0xFF21..=0xFF3A).contains(&u)
        || (0xFF41..=0xFF5A).contains(&u)
    {
        char::from_u32(u - 0xFEE0).unwrap_or(c)
    } else {
        c
    };
    c.to_ascii_lowercase()
}

/// The content characters of `text`: noise dropped, width folded, digits kept as they are.
pub(crate) fn content_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().filter(|&c| !is_noise(c)).map(fold)
}

const CN_NUMERALS: &str = "一二三四五六七八九十百千零〇两";

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || has_char(CN_NUMERALS, c)
}

/// `text` without a leading numbering label (一、 （一） (1) 1. 1、 第五条 一是 ①), so that
/// renumbered, renumbered-in-another-style and unnumbered copies of a paragraph look alike.
pub(crate) fn strip_numbering(text: &str) -> &str {
    let t = text.trim_start();
    let rest = label_end(t).and_then(|end| t.get(end..)).unwrap_or(t);
    rest.trim_start()
}

/// Byte length of the numbering label that starts `t`, if one does.
fn label_end(t: &str) -> Option<usize> {
    let mut chars = t.char_indices().peekable();
    let (_, first) = *chars.peek()?;
    if ('①'..='⑳').contains(&first) || ('⑴'..='⒇').contains(&first) {
        return Some(first.len_utf8());
    }
    let open = matches!(first, '（' | '(' | '〔' | '[' | '【');
    let ordinal = first == '第';
    if open || ordinal {
        chars.next();
    }
    let digits_start = chars.peek().map(|&(i, _)| i)?;
    let mut digits_end = digits_start;
    while let Some(&(i, c)) = chars.peek() {
        if !is_numeral(c) {
            break;
        }
        digits_end = i + c.len_utf8();
        chars.next();
    }
    if digits_end == digits_start {
        return None;
    }
    let (i, next) = chars.next()?;
    let end = i + next.len_utf8();
    let ok = if open {
        matches!(next, '）' | ')' | '〕' | ']' | '】')
    } else if ordinal {
        has_char("条章节款项编部分", next)
    } else {
        let ascii_number = t.get(digits_start..digits_end).is_some_and(|d| {
            d.chars()
                .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        });
        match next {
            '、' => true,
            '.' | '．' | ')' | '）' => ascii_number,
            // 一是 / 二是 run-in enumerations; 1是 is not one.
            '是' => !ascii_number,
            _ => false,
        }
    };
    // "1.5倍" is a number, not a label.
    if ok && matches!(next, '.' | '．') {
        if let Some((_, after)) = chars.next() {
            if after.is_ascii_digit() {
                return None;
            }
        }
    }
    ok.then_some(end)
}

/// How many content characters at most open a text: its lead, which says what it is about.
const LEAD_CHARS: usize = 12;
/// How much a gram of the lead weighs against a gram of the rest. Lists in notices are
/// templated ("端午节：6月22日至24日放假调休，共3天。"): without this, the template outweighs
/// the few characters that name the item.
const LEAD_BOOST: u32 = 3;

/// Grams of `text` (label already stripped), each packed with a flag in the low bit that
/// marks it when it lies in the lead. The lead ends at the first clause break (：，。；) after
/// at least two content characters, or after [`LEAD_CHARS`]. Runs of digits collapse to one
/// symbol. The same pass returns the hash and the number of the content characters (noise
/// dropped, width folded, digits kept), so a paragraph's text is read once.
pub(crate) fn read_grams(text: &str, out: &mut Vec<u64>) -> (u64, usize) {
    let mut prev: Option<char> = None;
    let mut count = 0usize;
    let mut first = None;
    let mut lead = true;
    let mut exact = 0u64;
    let mut size = 0usize;
    for raw in text.chars() {
        if lead && count >= 2 && matches!(raw, '：' | ':' | '，' | ',' | '。' | '；' | ';' | '\n')
        {
            lead = false;
        }
        // CJK ideographs, most of a notice, are content and fold to themselves.
        let c = if ('\u{4E00}'..='\u{9FFF}').contains(&raw) {
            raw
        } else if is_noise(raw) {
            continue;
        } else {
            fold(raw)
        };
        exact = mix(exact, u64::from(c));
        size += 1;
        let c = if c.is_ascii_digit() { '0' } else { c };
        if c == '0' && prev == Some('0') {
            continue;
        }
        count += 1;
        if count > LEAD_CHARS {
            lead = false;
        }
        if let Some(p) = prev {
            out.push((((p as u64) << 22) | ((c as u64) << 1)) | u64::from(lead));
        } else {
            first = Some(c);
        }
        prev = Some(c);
    }
    if count == 1 {
        if let Some(c) = first {
            out.push((((c as u64) << 21) | NO_CHAR) << 1 | 1);
        }
    }
    (exact, size)
}

/// The name that introduces `text` (label already stripped), as in 元旦：… 联系人：…: the
/// words before a colon that ends the first clause, within the lead.
pub(crate) fn name_of(text: &str) -> Option<&str> {
    let mut count = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '：' | ':' => return (count >= 1).then(|| text.get(..i)).flatten(),
            '，' | ',' | '。' | '；' | ';' | '\n' => return None,
            _ if is_noise(c) => {}
            _ => {
                count += 1;
                if count > LEAD_CHARS {
                    return None;
                }
            }
        }
    }
    None
}

/// A gram with its occurrences: all of them, and those in the lead.
pub(crate) type Counted = (Gram, u32, u32);

/// Grams with their counts, sorted by gram, from packed grams ([`read_grams`]), which are
/// sorted in place.
pub(crate) fn counted_packed(packed: &mut [u64]) -> Vec<Counted> {
    // Sorting plain integers, the lead flag in the low bit, is several times faster than
    // sorting pairs. Grams fit in 42 bits.
    packed.sort_unstable();
    let mut out: Vec<Counted> = Vec::with_capacity(packed.len());
    for &x in packed.iter() {
        let (g, l) = (x >> 1, (x & 1) as u32);
        match out.last_mut() {
            Some((last, n, nl)) if *last == g => {
                *n += 1;
                *nl += l;
            }
            _ => out.push((g, 1, l)),
        }
    }
    out
}

/// A gram's rank among all the grams of both documents: the aligner's compact key. Ranks
/// follow gram order, so profiles keyed by rank are sorted as they would be by gram and
/// every sum over them is taken in the same order.
pub(crate) type Id = u32;

/// The grams of both documents, ranked, with their inverse document frequencies over the
/// paragraphs of both.
pub(crate) struct Weights {
    /// The weight of one occurrence of each gram, by rank: `ln(1 + N / df)`.
    weight: Vec<f64>,
}

impl Weights {
    /// Ranks every gram of `lists` (counted gram lists, each marked when it is a paragraph's)
    /// and weighs each by how many paragraphs contain it. A gram found in no paragraph (one
    /// that spans a paragraph break inside a section, or one of a heading alone) counts as
    /// found in one. Each list's grams are replaced by their ranks, in place: the lists stay
    /// sorted, and [`Profile::new`] reads the ranks without looking grams up again.
    pub(crate) fn rank<'a>(lists: impl IntoIterator<Item = (&'a mut [Counted], bool)>) -> Weights {
        let mut lists: Vec<(&mut [Counted], bool)> = lists.into_iter().collect();
        let mut ids: FastMap<Gram, Id> = FastMap::default();
        // Distinct grams number at most the entries; reserving up front avoids rehashing.
        ids.reserve(lists.iter().map(|(l, _)| l.len()).sum::<usize>() / 2);
        // Grams in the order first seen, and how many paragraphs hold each.
        let mut grams: Vec<Gram> = Vec::new();
        let mut df: Vec<u32> = Vec::new();
        let mut n = 0usize;
        for (list, doc) in &mut lists {
            n += usize::from(*doc);
            for entry in list.iter_mut() {
                let g = entry.0;
                let id = *ids.entry(g).or_insert_with(|| {
                    grams.push(g);
                    df.push(0);
                    Id::try_from(grams.len() - 1).unwrap_or(Id::MAX)
                });
                if *doc {
                    if let Some(d) = df.get_mut(id as usize) {
                        *d += 1;
                    }
                }
                entry.0 = Gram::from(id);
            }
        }
        // Ranks by gram order. Sorting the grams themselves shares its code with
        // `counted_packed`, which matters in the wasm.
        let mut sorted = grams.clone();
        sorted.sort_unstable();
        let rank: Vec<Id> = grams
            .iter()
            .map(|&g| Id::try_from(sorted.partition_point(|&x| x < g)).unwrap_or(Id::MAX))
            .collect();
        for (list, _) in &mut lists {
            for entry in list.iter_mut() {
                entry.0 = Gram::from(rank.get(entry.0 as usize).copied().unwrap_or(Id::MAX));
            }
        }
        // `ln(1 + N / df)` for every df from 0 to N: a lookup instead of a logarithm per gram.
        let idf: Vec<f64> = (0..=n)
            .map(|d| (1.0 + n as f64 / (d.max(1) as f64)).ln())
            .collect();
        let mut weight = vec![1.0; grams.len()];
        for (&r, &d) in rank.iter().zip(&df) {
            let d = d.max(1) as usize;
            if let Some(slot) = weight.get_mut(r as usize) {
                *slot = idf.get(d).or_else(|| idf.get(1)).copied().unwrap_or(1.0);
            }
        }
        Weights { weight }
    }

    /// How many distinct grams there are: ranks are below this.
    pub(crate) fn len(&self) -> usize {
        self.weight.len()
    }
}

/// The smaller of two masses (never NaN): a comparison, where `f64::min` may be a call.
fn least(a: f64, b: f64) -> f64 {
    if b < a {
        b
    } else {
        a
    }
}

/// One gram of a profile: its mass with the lead boosted (for telling texts apart) and
/// its plain mass (for measuring how much of one text another holds).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Entry {
    id: Id,
    boosted: f64,
    plain: f64,
}

/// A weighted bag of grams, sorted by gram; mass = occurrences × weight.
///
/// Similarity ([`dice`]) uses boosted masses: lists in notices are templated ("端午节：6月
/// 22日至24日放假调休，共3天。"), and without the boost the template outweighs the few
/// characters that name the item. Containment uses plain masses: the part of a merged
/// text starts in the middle of the whole, where the boost does not apply.
///
/// Ranks and masses are kept apart: comparing two profiles walks the ranks, four bytes
/// each, and reads masses only for the grams they share.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Profile {
    ids: Vec<Id>,
    /// (boosted, plain) mass of each gram of `ids`.
    mass: Vec<(f64, f64)>,
    total: f64,
    plain: f64,
}

impl Profile {
    /// Weighs counted grams, ranked by [`Weights::rank`].
    pub(crate) fn new(counted: &[Counted], weights: &Weights) -> Profile {
        let mut ids = Vec::with_capacity(counted.len());
        let mut mass = Vec::with_capacity(counted.len());
        for &(rank, n, lead) in counted {
            let Some((id, &w)) = Id::try_from(rank)
                .ok()
                .and_then(|id| Some((id, weights.weight.get(id as usize)?)))
            else {
                continue;
            };
            ids.push(id);
            mass.push((f64::from(n + lead * (LEAD_BOOST - 1)) * w, f64::from(n) * w));
        }
        Profile::from_parts(ids, mass)
    }

    fn from_parts(ids: Vec<Id>, mass: Vec<(f64, f64)>) -> Profile {
        let total = mass.iter().map(|m| m.0).sum();
        let plain = mass.iter().map(|m| m.1).sum();
        Profile {
            ids,
            mass,
            total,
            plain,
        }
    }

    fn from_entries(entries: &[Entry]) -> Profile {
        Profile::from_parts(
            entries.iter().map(|e| e.id).collect(),
            entries.iter().map(|e| (e.boosted, e.plain)).collect(),
        )
    }

    fn to_entries(&self) -> Vec<Entry> {
        self.ids
            .iter()
            .zip(&self.mass)
            .map(|(&id, &(boosted, plain))| Entry { id, boosted, plain })
            .collect()
    }

    /// The number of distinct grams.
    pub(crate) fn len(&self) -> usize {
        self.ids.len()
    }

    /// The distinct grams (by rank) with their (boosted) masses.
    pub(crate) fn entries(&self) -> impl Iterator<Item = (Id, f64)> + '_ {
        self.ids.iter().zip(&self.mass).map(|(&g, m)| (g, m.0))
    }

    /// The masses two profiles share, boosted and plain: Σ min over common grams.
    fn overlap(&self, other: &Profile) -> (f64, f64) {
        let (a, b) = (self.ids.as_slice(), other.ids.as_slice());
        // A heading against a long section: look the short list up in the long one. The
        // sums are taken over common grams in gram order either way, so the result is the
        // same to the bit whichever way round it is asked.
        if a.len().saturating_mul(8) < b.len() {
            return Profile::overlap_sparse(self, other);
        }
        if b.len().saturating_mul(8) < a.len() {
            return Profile::overlap_sparse(other, self);
        }
        let (mut i, mut j) = (0, 0);
        let (mut boosted, mut plain) = (0.0, 0.0);
        // Advance both cursors without branching on which gram is smaller: the comparison
        // is a coin toss the branch predictor loses.
        while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
            if x == y {
                if let (Some(p), Some(q)) = (self.mass.get(i), other.mass.get(j)) {
                    boosted += least(p.0, q.0);
                    plain += least(p.1, q.1);
                }
            }
            i += usize::from(x <= y);
            j += usize::from(y <= x);
        }
        (boosted, plain)
    }

    fn overlap_sparse(short: &Profile, long: &Profile) -> (f64, f64) {
        let (mut boosted, mut plain) = (0.0, 0.0);
        let mut from = 0;
        for (&x, p) in short.ids.iter().zip(&short.mass) {
            let rest = long.ids.get(from..).unwrap_or(&[]);
            from += rest.partition_point(|&y| y < x);
            if long.ids.get(from) == Some(&x) {
                if let Some(q) = long.mass.get(from) {
                    boosted += least(p.0, q.0);
                    plain += least(p.1, q.1);
                }
                from += 1;
            }
        }
        (boosted, plain)
    }

    /// The profile of a block from its children's: masses add up, and only the first
    /// child's lead stays a lead.
    pub(crate) fn merge_children<'a>(children: impl Iterator<Item = &'a Profile>) -> Profile {
        let mut runs: Vec<Vec<Entry>> = Vec::new();
        for (k, c) in children.enumerate() {
            let mut run = c.to_entries();
            if k > 0 {
                for e in &mut run {
                    e.boosted = e.plain;
                }
            }
            runs.push(run);
        }
        // Merge neighbouring runs pairwise until one is left: O(n log k).
        while runs.len() > 1 {
            let mut next = Vec::with_capacity(runs.len().div_ceil(2));
            let mut it = runs.into_iter();
            while let Some(a) = it.next() {
                next.push(match it.next() {
                    Some(b) => merge2(&a, &b),
                    None => a,
                });
            }
            runs = next;
        }
        Profile::from_entries(&runs.pop().unwrap_or_default())
    }

    /// The profile of several texts taken together (masses add up).
    pub(crate) fn union<'a>(parts: impl Iterator<Item = &'a Profile>) -> Profile {
        // Parts are merged one after the other, so the masses of a gram are added up in part
        // order whichever side asks: similarity must be exactly symmetric. A merge or split
        // has a handful of parts, so this costs no more than sorting them together would.
        let mut all: Vec<Entry> = Vec::new();
        for p in parts {
            all = merge2(&all, &p.to_entries());
        }
        Profile::from_entries(&all)
    }
}

/// A profile spread over a table indexed by gram rank, to be compared with many others:
/// each comparison then costs the other's length, with no merge to branch on. The table
/// (one slot per rank, all zero) is left zeroed again when the spread is dropped.
pub(crate) struct Spread<'t> {
    /// Boosted mass by rank: Dice reads nothing else.
    table: &'t mut [f64],
    profile: &'t Profile,
}

impl<'t> Spread<'t> {
    pub(crate) fn new(table: &'t mut [f64], profile: &'t Profile) -> Spread<'t> {
        for (&id, m) in profile.ids.iter().zip(&profile.mass) {
            if let Some(slot) = table.get_mut(id as usize) {
                *slot = m.0;
            }
        }
        Spread { table, profile }
    }

    /// [`dice`] of the spread profile (first) and `other`, to the bit: the shared masses
    /// are added up over `other`'s grams in gram order, and a gram the spread profile
    /// lacks adds an exact zero.
    pub(crate) fn dice(&self, other: &Profile) -> f64 {
        let total = self.profile.total + other.total;
        if total <= 0.0 {
            return 0.0;
        }
        let mut boosted = 0.0;
        for (&id, m) in other.ids.iter().zip(&other.mass) {
            if let Some(&p) = self.table.get(id as usize) {
                boosted += least(p, m.0);
            }
        }
        (2.0 * boosted / total).clamp(0.0, 1.0)
    }
}

impl Drop for Spread<'_> {
    fn drop(&mut self) {
        for &id in &self.profile.ids {
            if let Some(slot) = self.table.get_mut(id as usize) {
                *slot = 0.0;
            }
        }
    }
}

/// Two sorted entry lists as one, masses of equal grams added.
fn merge2(a: &[Entry], b: &[Entry]) -> Vec<Entry> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    loop {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) => match x.id.cmp(&y.id) {
                std::cmp::Ordering::Less => {
                    out.push(*x);
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    out.push(*y);
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    out.push(Entry {
                        id: x.id,
                        boosted: x.boosted + y.boosted,
                        plain: x.plain + y.plain,
                    });
                    i += 1;
                    j += 1;
                }
            },
            (Some(_), None) => {
                out.extend_from_slice(a.get(i..).unwrap_or(&[]));
                break;
            }
            (None, Some(_)) => {
                out.extend_from_slice(b.get(j..).unwrap_or(&[]));
                break;
            }
            (None, None) => break,
        }
    }
    out
}

/// Weighted Dice similarity in [0, 1]: shared mass over mean mass (lead boosted).
pub(crate) fn dice(a: &Profile, b: &Profile) -> f64 {
    let total = a.total + b.total;
    if total <= 0.0 {
        return 0.0;
    }
    (2.0 * a.overlap(b).0 / total).clamp(0.0, 1.0)
}

/// An upper bound of [`dice`] from the masses alone: the shared mass is at most the
/// smaller one. (Adding non-negative terms rounds monotonically, so the bound holds in
/// floating point too.)
pub(crate) fn dice_bound(a: &Profile, b: &Profile) -> f64 {
    let total = a.total + b.total;
    if total <= 0.0 {
        return 0.0;
    }
    (2.0 * a.total.min(b.total) / total).clamp(0.0, 1.0)
}

/// How well several `parts` together correspond to `whole`, in [0, 1]: the harmonic mean of
/// how much of the parts is found in the whole (each part on its own: parts of a split list
/// share the list's template, and each may reuse it) and how much of the whole the parts
/// cover together. Plain masses. For one part this is Dice on plain masses.
pub(crate) fn group_similarity(whole: &Profile, parts: &[&Profile]) -> f64 {
    let found: f64 = parts.iter().map(|p| p.overlap(whole).1).sum();
    let mass: f64 = parts.iter().map(|p| p.plain).sum();
    if mass <= 0.0 || whole.plain <= 0.0 {
        return 0.0;
    }
    let precision = found / mass;
    let recall = containment(whole, &Profile::union(parts.iter().copied()));
    if precision + recall <= 0.0 {
        return 0.0;
    }
    (2.0 * precision * recall / (precision + recall)).clamp(0.0, 1.0)
}

/// Dice on plain masses: the similarity reported for a one-to-one pair.
pub(crate) fn plain_dice(a: &Profile, b: &Profile) -> f64 {
    let total = a.plain + b.plain;
    if total <= 0.0 {
        return 0.0;
    }
    (2.0 * a.overlap(b).1 / total).clamp(0.0, 1.0)
}

/// How much of `part` is found in `whole`, in [0, 1] (plain masses).
pub(crate) fn containment(part: &Profile, whole: &Profile) -> f64 {
    if part.plain <= 0.0 {
        return 0.0;
    }
    (part.overlap(whole).1 / part.plain).clamp(0.0, 1.0)
}

/// The grams of `text`, unpacked.
#[cfg(test)]
fn grams(text: &str, out: &mut Vec<(Gram, bool)>) {
    let mut packed = Vec::new();
    read_grams(text, &mut packed);
    out.extend(packed.into_iter().map(|x| (x >> 1, x & 1 == 1)));
}

/// [`counted_packed`] from unpacked grams.
#[cfg(test)]
fn counted(grams: Vec<(Gram, bool)>) -> Vec<Counted> {
    let mut packed: Vec<u64> = grams
        .into_iter()
        .map(|(g, lead)| (g << 1) | u64::from(lead))
        .collect();
    counted_packed(&mut packed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(texts: &[&str], i: usize) -> Profile {
        let mut counted: Vec<Vec<Counted>> = texts
            .iter()
            .map(|t| {
                let mut g = Vec::new();
                grams(strip_numbering(t), &mut g);
                counted(g)
            })
            .collect();
        let weights = Weights::rank(counted.iter_mut().map(|c| (c.as_mut_slice(), true)));
        Profile::new(&counted[i], &weights)
    }

    #[test]
    fn strips_every_common_numbering_style() {
        for (text, rest) in [
            ("三、迅速掀起热潮", "迅速掀起热潮"),
            ("（一）要切实抓好学习培训", "要切实抓好学习培训"),
            ("(二)春节，放假3天", "春节，放假3天"),
            ("1. 深刻认识", "深刻认识"),
            ("12、加强", "加强"),
            ("第十四条 当事人", "当事人"),
            ("第一章　总则", "总则"),
            ("一是加强领导", "加强领导"),
            ("① 由当事人提供", "由当事人提供"),
            ("  二、准确把握", "准确把握"),
        ] {
            assert_eq!(strip_numbering(text), rest, "{text}");
        }
        for text in [
            "2018年12月29日上班",
            "1.5倍工资",
            "元旦：1月1日放假",
            "第三方机构",
            "一致同意",
            "",
        ] {
            assert_eq!(strip_numbering(text), text.trim_start(), "{text}");
        }
    }

    #[test]
    fn content_ignores_spacing_punctuation_and_width() {
        let a: String = content_chars("（一）新年，放假 1天（1月1日）；").collect();
        let b: String = content_chars("(一)新年,放假１天(1月1日);\u{200b}").collect();
        assert_eq!(a, b);
        assert_eq!(a, "一新年放假1天1月1日");
    }

    #[test]
    fn digit_runs_collapse_in_grams() {
        let mut a = Vec::new();
        grams("9月15日", &mut a);
        let mut b = Vec::new();
        grams("10月1日", &mut b);
        assert_eq!(a, b);
        let mut one = Vec::new();
        grams("节", &mut one);
        assert_eq!(one.len(), 1);
    }

    #[test]
    fn the_lead_names_the_item() {
        let texts = [
            "端午节：6月22日至24日放假调休，共3天。6月25日（星期日）上班。",
            "清明节：4月4日至6日放假调休，共3天。4月7日（星期日）上班。",
            "端午节：6月10日放假，与周末连休。",
            "劳动节：5月1日至5日放假调休，共5天。",
        ];
        let p: Vec<Profile> = (0..texts.len()).map(|i| profile(&texts, i)).collect();
        // The boost moves similarity towards the item that shares the name...
        let boosted = dice(&p[0], &p[2]) / dice(&p[0], &p[1]);
        let plain = plain_dice(&p[0], &p[2]) / plain_dice(&p[0], &p[1]);
        assert!(boosted > plain, "{boosted} vs {plain}");
        // ...and the names themselves settle it (the aligner scales similarity by them).
        // Name profiles are ranked together, as the aligner ranks every gram of a pair of
        // documents together.
        let mut name_grams: Vec<Vec<Counted>> = texts
            .iter()
            .map(|t| {
                let mut g = Vec::new();
                grams(name_of(t).unwrap_or(""), &mut g);
                counted(g)
            })
            .collect();
        let weights = Weights::rank(name_grams.iter_mut().map(|c| (c.as_mut_slice(), false)));
        let names: Vec<Profile> = name_grams
            .iter()
            .map(|c| Profile::new(c, &weights))
            .collect();
        let same_item = dice(&p[0], &p[2]) * (0.5 + 0.5 * dice(&names[0], &names[2]));
        let same_template = dice(&p[0], &p[1]) * (0.5 + 0.5 * dice(&names[0], &names[1]));
        assert!(same_item > same_template, "{same_item} vs {same_template}");
        assert_eq!(name_of(texts[0]), Some("端午节"));
        assert_eq!(name_of("联 系 人:马  莉"), Some("联 系 人"));
        assert_eq!(name_of("为统一全国年节及纪念日的假期，制定本办法："), None);
        assert_eq!(name_of("：开头"), None);
    }

    #[test]
    fn rare_grams_weigh_more_than_common_ones() {
        let texts = [
            "清明节放假一天",
            "劳动节放假一天",
            "端午节放假一天",
            "中秋节放假一天",
        ];
        let p = profile(&texts, 0);
        let q = profile(&texts, 1);
        // Only the shared 节放假一天 tail overlaps, and it is common, so the two differ a lot.
        assert!(dice(&p, &q) < 0.5, "{}", dice(&p, &q));
        assert_eq!(dice(&p, &p), 1.0);
        assert_eq!(dice(&p, &q), dice(&q, &p));
    }

    #[test]
    fn containment_is_directional() {
        let texts = ["中秋节国庆节放假八天", "中秋节放假", "国庆节放假"];
        let whole = profile(&texts, 0);
        let part = profile(&texts, 1);
        assert!(containment(&part, &whole) > 0.6);
        assert!(containment(&whole, &part) < 0.5);
        let other = profile(&texts, 2);
        assert!(group_similarity(&whole, &[&part, &other]) > dice(&whole, &part));
        let single = group_similarity(&whole, &[&part]);
        assert!(single > 0.0 && single < 1.0);
    }
}
