//! Fixed elements and clutter: what each line is, before any section nesting.
//!
//! Each line first gets context-free evidence (does it read as a date, a document number,
//! a contact line, page chrome…), then one pass in document order decides its [`Role`] with
//! the context a reader uses: titles and addressees only occur at the head of a document,
//! a signature is the short line right before the date, and after the date a new document
//! (a forwarded report, an attachment) may start with its own head.

use super::label::{self, Label};
use super::normalize::Line;
use crate::find::{has, has_char, remove_all};
use std::borrow::Cow;

/// What a line is, as far as fixed elements go. `Body` lines become sections and paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Web-page chrome.
    Clutter,
    /// 大工发〔2020〕37号.
    DocNumber,
    /// 2016年12月20日.
    Date,
    /// The issuer's name above the date.
    Signature,
    /// 联系人：…
    Contact,
    /// 附件：…; `first` starts a new attachment list.
    Attachment {
        /// Whether this line starts a new attachment block.
        first: bool,
    },
    /// 特此通知。
    Closing,
    /// A title line; `first` starts a new title.
    Title {
        /// Whether this line starts a new title.
        first: bool,
    },
    /// 各县区总工会，…：
    Addressee,
    /// A short unpunctuated line in a document's head that is neither title nor addressee
    /// (adoption history of a regulation, a stray title fragment): a plain paragraph that
    /// does not end the head.
    Stray,
    /// Section or paragraph text.
    Body,
}

/// Whether `text` contains sentence punctuation (so is prose, not a title or a name).
fn has_sentence_punctuation(text: &str) -> bool {
    text.contains(['。', '！', '？', '；', '!', '?', ';'])
}

fn has_comma(text: &str) -> bool {
    text.contains(['，', ','])
}

fn ends_with_colon(text: &str) -> bool {
    text.ends_with(['：', ':'])
}

/// Final words of document titles: the kind of document. These end a title for sure.
const FINAL_DOC_TYPES: &[&str] = &[
    "通知",
    "通报",
    "意见",
    "决定",
    "批复",
    "答复",
    "复函",
    "函",
    "报告",
    "请示",
    "公告",
    "通告",
    "命令",
    "令",
    "解释",
    "讲话",
    "决议",
    "纪要",
    "议案",
    "提案",
    "公报",
    "倡议书",
    "建议",
];

/// Regulations and plans: titles of their own, but also what a notice issues, so a title
/// may run on past them ("关于印发…管理办法 / 的通知").
const REGULATION_TYPES: &[&str] = &[
    "办法", "规定", "条例", "细则", "方案", "规划", "纲要", "章程", "规则", "标准", "指引", "指南",
    "须知", "要点", "计划", "法", "规程", "守则",
];

/// `compact` without closing quotes and brackets after its last word.
fn title_core(compact: &str) -> &str {
    compact.trim_end_matches(['”', '》', '"', '）', ')'])
}

fn is_final_doc_type(compact: &str) -> bool {
    let core = title_core(compact);
    FINAL_DOC_TYPES.iter().any(|t| core.ends_with(t))
}

/// Whether a title line ends with a document type, possibly followed by a site name after a
/// separator ("…的通知_大连市总工会").
fn ends_with_doc_type(compact: &str) -> bool {
    let core = title_core(compact);
    FINAL_DOC_TYPES
        .iter()
        .chain(REGULATION_TYPES)
        .any(|t| core.ends_with(t))
        || without_site_name(compact) != compact
}

/// A page title without the site name a page `<title>` appends: "…的通知_大连市总工会" →
/// "…的通知". Anything else is returned whole.
pub(crate) fn without_site_name(title: &str) -> &str {
    let mut rest = title;
    // "title - section - site": peel separators from the right until a title is left.
    for _ in 0..3 {
        match rest.rfind(['_', '|', '｜', '－', '-']) {
            Some(i) if i > 0 => {
                rest = rest.get(..i).unwrap_or("").trim_end();
                let core = title_core(rest);
                if FINAL_DOC_TYPES
                    .iter()
                    .chain(REGULATION_TYPES)
                    .any(|t| core.ends_with(t))
                {
                    return rest;
                }
            }
            _ => break,
        }
    }
    title
}

/// Brackets and quotes a line opens minus those it closes: a title line that leaves
/// "《…" open continues on the next line, whatever word it ends with.
fn bracket_balance(text: &str) -> i32 {
    text.chars()
        .map(|c| match c {
            '《' | '〈' | '“' | '（' | '(' => 1,
            '》' | '〉' | '”' | '）' | ')' => -1,
            _ => 0,
        })
        .sum()
}

/// Words a multi-line title breaks after ("关于…的 / 通知").
fn ends_with_connective(compact: &str) -> bool {
    compact.ends_with([
        '的', '和', '及', '与', '对', '在', '暨', '、', '并', '等', '于', '为', '《',
    ]) || compact.ends_with("关于")
}

/// Line prefixes of web-page chrome: publication metadata, navigation, footers.
const CHROME_PREFIXES: &[&str] = &[
    "发布时间",
    "发布日期",
    "发布者",
    "发布人",
    "来源：",
    "来源:",
    "信息来源",
    "文章来源",
    "作者：",
    "作者:",
    "点击数",
    "点击量",
    "点击：",
    "浏览次数",
    "浏览量",
    "阅读次数",
    "阅读量",
    "访问次数",
    "上一篇",
    "下一篇",
    "上一条",
    "下一条",
    "上一页",
    "下一页",
    "返回顶部",
    "返回首页",
    "返回列表",
    "责任编辑",
    "编辑：",
    "编辑:",
    "审核：",
    "校对：",
    "免责声明",
    "本文标签",
    "标签：",
    "分享到",
    "分享至",
    "版权所有",
    "copyright",
    "©",
    "主办单位",
    "承办单位",
    "协办单位",
    "技术支持",
    "网站标识码",
    "网站地图",
    "联系我们",
    "关于我们",
    "当前位置",
    "您现在的位置",
    "您的位置",
    "所在位置",
    "索引号",
    "主题分类",
    "发文机关",
    "成文日期",
    "发文字号",
    "字号：",
    "字号:",
    "字体：",
    "【字体",
    "【字号",
    "打印本页",
    "打印此页",
    "关闭窗口",
    "【打印",
    "【关闭",
    "扫一扫",
    "相关链接",
    "相关文章",
    "相关新闻",
    "相关阅读",
    "附件下载",
    "<!--",
    "首页>",
    "首页＞",
    "首页»",
    "首页/",
    "（本文有删减",
    "(本文有删减",
];

/// Markers of a page footer: everything short after them is footer too.
const FOOTER_MARKERS: &[&str] = &[
    "版权所有",
    "copyright",
    "©",
    "icp备",
    "icp证",
    "公网安备",
    "网站标识码",
    "主办单位",
    "技术支持",
];

/// Words that make up toolbars ("【打印】【关闭】", "字号：大 中 小").
const CHROME_WORDS: &[&str] = &[
    "打印本页",
    "打印",
    "关闭窗口",
    "关闭",
    "收藏本页",
    "加入收藏",
    "收藏",
    "设为首页",
    "分享",
    "返回顶部",
    "返回",
    "顶部",
    "我要纠错",
    "纠错",
    "字号",
    "字体",
    "默认",
    "繁体",
    "简体",
    "无障碍",
    "扫一扫",
    "微信",
    "微博",
    "登录",
    "注册",
    "搜索",
    "首页",
    "大",
    "中",
    "小",
];

/// Every character of [`CHROME_WORDS`].
const CHROME_CHARS: &str =
    "打印本页关闭窗口收藏加入设为首分享返回顶部我要纠错字号体默认繁简无障碍扫一微信博登录注册搜索大中小";

/// Words found in navigation menu items.
const NAV_WORDS: &[&str] = &[
    "首页", "新闻", "动态", "要闻", "政务", "公开", "服务", "办事", "互动", "交流", "概况", "简介",
    "机构", "专题", "专栏", "政策", "法规", "解读", "信息", "通知", "公告", "领导", "联系", "我们",
    "地图", "留言", "信箱", "下载", "english", "网站", "在线", "视频", "图片", "党建", "工会",
    "文化", "维权", "关于", "组织", "人事", "财务",
];

/// Lines longer than this are prose: chrome is short. Only their first bytes are examined.
const LONGEST_CHROME: usize = 600;

/// `compact` with ASCII letters lowercased ("Copyright", "ICP"), cut to the part that
/// chrome checks look at.
fn lowered(compact: &str) -> Cow<'_, str> {
    // Past the longest chrome, only prefixes are checked.
    let keep = if compact.len() > LONGEST_CHROME {
        64
    } else {
        LONGEST_CHROME
    };
    let mut end = compact.len().min(keep);
    while !compact.is_char_boundary(end) {
        end -= 1;
    }
    let cut = compact.get(..end).unwrap_or("");
    if cut.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(cut.to_ascii_lowercase())
    } else {
        Cow::Borrowed(cut)
    }
}

/// Whether a line is web-page chrome rather than document text. `lower` is [`lowered`].
fn is_clutter(line: &Line, lower: &str, raw: &str) -> bool {
    // Comparing two bytes first skips most prefixes without a call to memcmp.
    let head = lower.as_bytes().get(..2);
    if CHROME_PREFIXES
        .iter()
        .any(|p| p.as_bytes().get(..2) == head && lower.starts_with(p))
    {
        return true;
    }
    if line.compact.len() > LONGEST_CHROME {
        return false;
    }
    if has_char(lower, '备') && (has(lower, "icp备") || has(lower, "公网安备")) {
        return true;
    }
    if line.chars <= 40 && is_toolbar(lower) {
        return true;
    }
    // Menu items are separated by spaces (which normalisation removes or keeps) or bars.
    let separated = raw.len() != line.text.len() || has_char(raw, '|') || has_char(raw, '｜');
    line.chars <= 200 && separated && is_menu(raw)
}

/// A line made only of toolbar words and brackets.
fn is_toolbar(lower: &str) -> bool {
    // Cheap rejection first: a toolbar has no character outside its words and brackets.
    let allowed = |c: char| !c.is_alphanumeric() || has_char(CHROME_CHARS, c);
    if !lower.chars().all(allowed) {
        return false;
    }
    let mut rest = lower.to_owned();
    let mut found = false;
    for word in CHROME_WORDS {
        if has(&rest, word) {
            found = true;
            rest = remove_all(&rest, word);
        }
    }
    found && !rest.chars().any(|c| c.is_alphanumeric())
}

/// A navigation menu: four or more short items, most of them naming site sections.
fn is_menu(raw: &str) -> bool {
    if raw.len() > LONGEST_CHROME {
        return false;
    }
    let items: Vec<&str> = raw
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '｜' | '·'))
        .filter(|s| !s.is_empty())
        .collect();
    if items.len() < 4 {
        return false;
    }
    let short = items.iter().all(|item| {
        let n = item.chars().count();
        (2..=8).contains(&n) && !has_sentence_punctuation(item) && !has_comma(item)
    });
    let nav = items
        .iter()
        .filter(|item| {
            let lower = item.to_ascii_lowercase();
            NAV_WORDS.iter().any(|w| has(&lower, w))
        })
        .count();
    short && nav * 5 >= items.len() * 3
}

fn is_footer_marker(lower: &str) -> bool {
    FOOTER_MARKERS.iter().any(|m| has(lower, m))
}

/// 大工发〔2020〕37号, 劳社部发[2008]3号, 国办发明电〔2023〕7号, 第707号.
fn is_doc_number(compact: &str) -> bool {
    if compact.len() > 96 {
        return false;
    }
    let Some(body) = compact.strip_suffix('号') else {
        return false;
    };
    let number_len = body
        .chars()
        .rev()
        .take_while(|&c| label::digit(c).is_some())
        .count();
    if number_len == 0 || number_len > 6 {
        return false;
    }
    let chars: Vec<char> = body.chars().collect();
    let head = chars
        .len()
        .checked_sub(number_len)
        .and_then(|n| chars.get(..n));
    match head {
        Some(['第']) => true,
        // …〔2020〕: an opening bracket, a four-digit year, a closing bracket.
        Some([issuer @ .., open, y1, y2, y3, y4, close]) => {
            matches!(open, '〔' | '［' | '[' | '【' | '(' | '（')
                && [y1, y2, y3, y4].iter().all(|&&c| label::digit(c).is_some())
                && matches!(close, '〕' | '］' | ']' | '】' | ')' | '）')
                && (1..=20).contains(&issuer.len())
                && issuer.iter().all(|c| c.is_alphanumeric())
        }
        _ => false,
    }
}

/// How sure a date line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateKind {
    /// 2016年12月20日, 二〇一六年十二月二十日, 2016-12-20.
    Written,
    /// 20201216: only a date next to a signature or at the very end.
    Digits,
}

fn is_cn_year_digit(c: char) -> bool {
    matches!(
        c,
        '〇' | '零'
            | '○'
            | 'O'
            | 'Ｏ'
            | '一'
            | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
    )
}

/// Reads a year, month or day number written in Arabic or Chinese digits.
fn date_number(s: &[char]) -> Option<u32> {
    if s.is_empty() || s.len() > 4 {
        return None;
    }
    if s.iter().all(|&c| label::digit(c).is_some()) {
        return Some(
            s.iter()
                .filter_map(|&c| label::digit(c))
                .fold(0, |a, d| a * 10 + d),
        );
    }
    if s.iter().all(|&c| is_cn_year_digit(c) || c == '十') {
        let normalized: String = s
            .iter()
            .map(|&c| {
                if matches!(c, '○' | 'O' | 'Ｏ') {
                    '〇'
                } else {
                    c
                }
            })
            .collect();
        return crate::numerals::number(&normalized);
    }
    None
}

fn valid_date(year: u32, month: u32, day: u32) -> bool {
    (1900..=2100).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day)
}

/// Whether the whole line is a date.
fn date_kind(compact: &str) -> Option<DateKind> {
    // Every form starts with a digit or a bracket, and none is long.
    let starts_right = compact.chars().next().is_some_and(|c| {
        label::digit(c).is_some() || is_cn_year_digit(c) || matches!(c, '（' | '(')
    });
    if compact.len() > 64 || !starts_right || (compact.len() < 8 && !has_char(compact, '年')) {
        return None;
    }
    let inner = compact
        .strip_prefix(['（', '('])
        .and_then(|s| s.strip_suffix(['）', ')']))
        .unwrap_or(compact);
    let chars: Vec<char> = inner.chars().collect();
    if chars.len() > 16 {
        return None;
    }
    // 2016年12月20日 / 二〇一六年十二月二十日
    let parts: Vec<&[char]> = chars
        .split(|&c| matches!(c, '年' | '月' | '日' | '号'))
        .collect();
    if let [y, m, d, []] = parts.as_slice() {
        if let (Some(y), Some(m), Some(d)) = (date_number(y), date_number(m), date_number(d)) {
            let marks_in_order = chars.iter().filter(|&&c| c == '年').count() == 1
                && chars.iter().filter(|&&c| c == '月').count() == 1;
            if marks_in_order && valid_date(y, m, d) {
                return Some(DateKind::Written);
            }
        }
    }
    // 2016-12-20 / 2016.12.20 / 2016/12/20
    let parts: Vec<&[char]> = chars.split(|&c| matches!(c, '-' | '.' | '/')).collect();
    if let [year, m, d] = parts.as_slice() {
        let digits = |p: &[char]| p.iter().all(|&c| label::digit(c).is_some());
        if digits(year) && digits(m) && digits(d) {
            if let (Some(y), Some(m), Some(d)) = (date_number(year), date_number(m), date_number(d))
            {
                if year.len() == 4 && valid_date(y, m, d) {
                    return Some(DateKind::Written);
                }
            }
        }
    }
    // 20201216
    if chars.len() == 8 && chars.iter().all(|&c| label::digit(c).is_some()) {
        let n = |r: std::ops::Range<usize>| chars.get(r).and_then(date_number).unwrap_or(0);
        if valid_date(n(0..4), n(4..6), n(6..8)) {
            return Some(DateKind::Digits);
        }
    }
    None
}

/// "2018年6月25日 最高人民法院审判委员会第1743次会议通过": dated history, not a title.
fn starts_with_date(compact: &str) -> bool {
    let Some(end) = compact
        .char_indices()
        .take(12)
        .find(|&(_, c)| c == '日')
        .map(|(i, c)| i + c.len_utf8())
    else {
        return false;
    };
    compact.get(..end).and_then(date_kind) == Some(DateKind::Written)
}

const CONTACT_KEYS: &[&str] = &[
    "联系人",
    "联系电话",
    "联系方式",
    "联系地址",
    "咨询电话",
    "办公电话",
    "电话",
    "传真",
    "电子邮箱",
    "电子邮件",
    "电子信箱",
    "邮箱",
    "邮编",
    "邮政编码",
    "通讯地址",
    "地址",
    "手机",
    "email",
    "e-mail",
];

/// 联系人：…, 联系电话：…, 电子邮箱：… (also "联 系 人", also in brackets).
fn is_contact(line: &Line, lower: &str) -> bool {
    if line.chars > 120 {
        return false;
    }
    let lower = lower.strip_prefix(['（', '(']).unwrap_or(lower);
    CONTACT_KEYS.iter().any(|key| {
        lower.strip_prefix(key).is_some_and(|rest| {
            rest.starts_with(['：', ':', '（', '('])
                || rest.chars().next().and_then(label::digit).is_some()
        })
    })
}

/// 附件：…, 附件1.…, 附件 (alone, heading an appended document), 附：…
/// Returns the number of the first attachment the line lists, 0 when it lists none yet.
fn attachment(line: &Line) -> Option<u32> {
    if line.chars > 100 {
        return None;
    }
    let rest = match line.compact.strip_prefix("附件") {
        Some(rest) => rest,
        None => line
            .compact
            .strip_prefix("附：")
            .or(line.compact.strip_prefix("附:"))?,
    };
    let rest = rest.trim_start_matches(['：', ':']);
    let Some(c) = rest.chars().next() else {
        return Some(0);
    };
    if label::digit(c).is_some() {
        return Some(
            label::parse(rest, false)
                .and_then(|l| l.ordinal)
                .unwrap_or(1),
        );
    }
    let separated = line.compact.len() > rest.len() + "附件".len()
        || line.compact.starts_with("附：")
        || line.compact.starts_with("附:");
    if separated || matches!(c, '一' | '二' | '三' | '四' | '五' | '.' | '．' | '、') {
        return Some(
            label::parse(rest, false)
                .and_then(|l| l.ordinal)
                .unwrap_or(0),
        );
    }
    None
}

/// 特此通知, 以上意见请认真贯彻执行, 请遵照执行, 此复, 本通知自…起施行, （此件公开发布）.
fn is_closing(compact: &str) -> bool {
    if compact.len() > 240 {
        return false;
    }
    let text = compact.trim_end_matches(['。', '.', '！', '!']);
    let n = text.chars().count();
    if text.starts_with("特此") && n <= 20 {
        return true;
    }
    if ["此复", "此令", "此致", "专此", "敬礼"]
        .iter()
        .any(|p| text.starts_with(p))
        && n <= 12
    {
        return true;
    }
    if text.starts_with("以上")
        && n <= 60
        && (has_char(text, '请') || has(text, "执行") || has(text, "不妥"))
    {
        return true;
    }
    if text.starts_with('请')
        && n <= 40
        && ["执行", "落实", "办理", "周知", "知悉"]
            .iter()
            .any(|e| text.ends_with(e))
    {
        return true;
    }
    let self_reference = [
        "本通知",
        "本意见",
        "本办法",
        "本规定",
        "本决定",
        "本细则",
        "本批复",
        "本公告",
    ];
    if self_reference.iter().any(|p| text.starts_with(p))
        && n <= 60
        && ["施行", "执行", "实行"].iter().any(|w| has(text, w))
    {
        return true;
    }
    // The courtesy that ends a reply to a deputy's proposal: 感谢您对政府工作的关心和支持。
    if (text.starts_with("感谢") || text.starts_with("谢谢"))
        && n <= 24
        && ["关心", "支持", "理解"].iter().any(|w| has(text, w))
    {
        return true;
    }
    text.starts_with("（此件") || text.starts_with("(此件")
}

/// `compact` without HTML entities left undecoded at its end ("国务院办公厅&sp;", from a page
/// that escaped its own "&sp;"): their semicolon would read as sentence punctuation.
fn without_entity_residue(compact: &str) -> &str {
    let mut rest = compact;
    for _ in 0..3 {
        let Some(body) = rest.strip_suffix(';') else {
            break;
        };
        let Some(amp) = body.rfind('&') else { break };
        let name = body.get(amp + 1..).unwrap_or("");
        let entity = (1..=8).contains(&name.len())
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'#');
        if !entity {
            break;
        }
        rest = body.get(..amp).unwrap_or("");
    }
    rest
}

/// Final characters of organisation names, for a signature without a date.
fn ends_like_organisation(compact: &str) -> bool {
    compact.ends_with([
        '会', '院', '局', '厅', '部', '委', '办', '室', '处', '府', '司', '心', '团', '社', '所',
        '站', '队', '校', '行', '署',
    ])
}

/// Evidence about one line that needs no context.
#[derive(Debug, Clone, Copy, Default)]
struct Evidence {
    clutter: bool,
    /// Starts a page footer (版权所有, ICP备…).
    footer: bool,
    doc_number: bool,
    date: Option<DateKind>,
    contact: bool,
    attachment: Option<u32>,
    closing: bool,
    labelled: bool,
    title_like: bool,
    signature_like: bool,
    addressee_like: bool,
    /// Unpunctuated text in a document head that is not a title.
    stray_like: bool,
}

fn evidence(line: &Line, raw: &str, label: Option<&Label>) -> Evidence {
    let compact = without_entity_residue(&line.compact);
    let lower = lowered(compact);
    let clutter = is_clutter(line, &lower, raw);
    // A numbered line is a section or an item whatever else it resembles; the other
    // detectors only run on lines without a label.
    let unlabelled = label.is_none() && !clutter;
    let mut e = Evidence {
        clutter,
        doc_number: unlabelled && is_doc_number(compact),
        date: if unlabelled { date_kind(compact) } else { None },
        contact: unlabelled && is_contact(line, &lower),
        attachment: if unlabelled { attachment(line) } else { None },
        closing: unlabelled && is_closing(compact),
        labelled: label.is_some(),
        ..Evidence::default()
    };
    e.footer = e.clutter && line.chars <= 80 && is_footer_marker(&lower);
    let special = e.clutter
        || e.doc_number
        || e.date.is_some()
        || e.contact
        || e.attachment.is_some()
        || e.closing
        || e.labelled;
    // Titles, names, addressees and history lines are short and unpunctuated.
    if special || line.chars > 150 || has_sentence_punctuation(compact) {
        return e;
    }
    e.title_like = !starts_with_date(compact)
        && !ends_with_colon(compact)
        && (line.chars <= 40 || (line.chars <= 60 && ends_with_doc_type(compact)));
    e.signature_like = !has_comma(compact)
        && !compact.contains(['：', ':'])
        && (2..=30).contains(&line.chars)
        && compact.chars().any(super::normalize::is_wide)
        && !compact.ends_with('的')
        && !compact.starts_with("关于")
        && !ends_with_doc_type(compact);
    // Addressees name organisations or people; lead-ins ("为…，特制定以下规定：") do not.
    let lead_in = ["如下", "以下", "下列"].iter().any(|w| has(compact, w))
        || ["为", "根据", "按照", "依据", "依照", "经", "现"]
            .iter()
            .any(|w| compact.starts_with(w));
    e.addressee_like = !lead_in && ends_with_colon(compact) && (2..=150).contains(&line.chars);
    e.stray_like = !has_comma(compact)
        && !ends_with_colon(compact)
        && !has(compact, "如下")
        && line.chars <= 120;
    e
}

/// A line that is not clutter, with what is known of it while its role is decided.
#[derive(Clone, Copy)]
struct Item<'a> {
    /// Its index among the text's lines.
    i: usize,
    line: &'a Line,
    label: Option<Label>,
    e: Evidence,
    role: Role,
}

/// Decides the role of every line. `labels[i]` is the label parsed at the start of line `i`.
pub(crate) fn roles(text: &str, lines: &[Line], labels: &[Option<Label>]) -> Vec<Role> {
    // Clutter, including the short lines of a page footer; the rest is content.
    let mut content: Vec<Item> = Vec::new();
    let mut in_footer = false;
    for (i, line) in lines.iter().enumerate() {
        if in_footer && line.chars <= 80 {
            continue;
        }
        let label = labels.get(i).copied().flatten();
        let raw = text.get(line.bytes.clone()).unwrap_or("");
        let e = evidence(line, raw, label.as_ref());
        in_footer = e.footer;
        if !e.clutter {
            let role = Role::Body;
            content.push(Item {
                i,
                line,
                label,
                e,
                role,
            });
        }
    }

    // Dates, then the signature lines right above them.
    for k in 0..content.len() {
        let Some(item) = content.get(k) else { break };
        let is_date = match item.e.date {
            Some(DateKind::Written) => true,
            Some(DateKind::Digits) => {
                let after_signature = k
                    .checked_sub(1)
                    .and_then(|p| content.get(p))
                    .is_some_and(|p| p.e.signature_like);
                after_signature || k + 3 >= content.len()
            }
            None => false,
        };
        if !is_date {
            continue;
        }
        if let Some(item) = content.get_mut(k) {
            item.role = Role::Date;
        }
        for back in 1..=2 {
            let Some(p) = k.checked_sub(back).and_then(|p| content.get_mut(p)) else {
                break;
            };
            if !p.e.signature_like || p.role == Role::Date {
                break;
            }
            p.role = Role::Signature;
        }
    }
    // A signature without a date closes the document.
    if let [_, .., last] = content.as_mut_slice() {
        if last.role == Role::Body
            && last.e.signature_like
            && ends_like_organisation(&last.line.compact)
        {
            last.role = Role::Signature;
        }
    }

    // The rest in document order, tracking whether we are in a document's head.
    let mut head = true;
    let mut segment_start = true;
    let mut titled = false;
    let mut attachment_next: Option<u32> = None;
    let mut k = 0;
    while let Some(&Item {
        line,
        label,
        e,
        role,
        ..
    }) = content.get(k)
    {
        let at = k;
        k += 1;
        match role {
            Role::Date => {
                head = true;
                segment_start = true;
                titled = false;
                attachment_next = None;
                continue;
            }
            Role::Signature => {
                attachment_next = None;
                continue;
            }
            _ => {}
        }
        // Numbered file names listed under 附件：
        if let Some(next) = attachment_next {
            let continues = label
                .filter(|l| {
                    matches!(
                        l.family,
                        label::Family::ArabicDot
                            | label::Family::ArabicParen
                            | label::Family::ArabicHalf
                    )
                })
                .is_some_and(|l| l.ordinal == Some(next))
                && line.chars <= 60;
            if continues {
                set_role(&mut content, at, Role::Attachment { first: false });
                attachment_next = Some(next.saturating_add(1));
                continue;
            }
            attachment_next = None;
        }
        let first_of_segment = segment_start;
        segment_start = false;
        if e.doc_number {
            set_role(&mut content, at, Role::DocNumber);
        } else if e.contact {
            set_role(&mut content, at, Role::Contact);
        } else if let Some(n) = e.attachment {
            set_role(&mut content, at, Role::Attachment { first: true });
            let lists = n > 0 || ends_with_colon(&line.compact);
            attachment_next = lists.then_some(n.saturating_add(1));
            if head {
                // After the date, 附件 heads an appended document: its title follows.
                segment_start = true;
            }
        } else if e.closing {
            set_role(&mut content, at, Role::Closing);
        } else if head {
            if line.markdown == 1 && !e.labelled {
                set_role(&mut content, at, Role::Title { first: true });
                titled = true;
            } else if e.labelled {
                head = false;
            } else if let Some(end) = content
                .get(at..)
                .and_then(|run| title_run(run, first_of_segment))
            {
                for (n, item) in content.iter_mut().skip(at).take(end + 1).enumerate() {
                    item.role = Role::Title { first: n == 0 };
                }
                k += end;
                titled = true;
            } else if e.addressee_like {
                set_role(&mut content, at, Role::Addressee);
            } else if e.stray_like && (titled || !first_of_segment) {
                set_role(&mut content, at, Role::Stray);
            } else {
                head = false;
            }
        }
    }

    let mut roles = vec![Role::Clutter; lines.len()];
    for item in content {
        if let Some(role) = roles.get_mut(item.i) {
            *role = item.role;
        }
    }
    roles
}

fn set_role(content: &mut [Item], at: usize, role: Role) {
    if let Some(item) = content.get_mut(at) {
        item.role = role;
    }
}

/// The title starting at `run[0]`, if there is one: returns the offset of its last line.
/// A title ends with a document type (通知, 意见…) within six lines; without one, only the
/// first line of a document (or of an appended one) is taken as its title, continued while
/// its lines break after a connective ("…的").
fn title_run(run: &[Item], first: bool) -> Option<usize> {
    // A title's lines are adjacent: nothing, not even clutter, comes between them.
    let title_like = |k: usize| {
        run.get(k).is_some_and(|item| {
            item.e.title_like
                && item.role == Role::Body
                && run.first().map(|f| f.i + k) == Some(item.i)
        })
    };
    if !title_like(0) {
        return None;
    }
    let mut open = 0;
    let mut end = None;
    for (k, item) in run.iter().enumerate().take(6) {
        if !title_like(k) {
            break;
        }
        let compact = &item.line.compact;
        open += bracket_balance(compact);
        if open <= 0 && ends_with_doc_type(compact) {
            end = Some(k);
            if is_final_doc_type(compact) {
                break;
            }
        }
    }
    if end.is_some() {
        return end;
    }
    if !first {
        return None;
    }
    let mut end = 0;
    while end < 5
        && run
            .get(end)
            .is_some_and(|item| ends_with_connective(&item.line.compact))
        && title_like(end + 1)
    {
        end += 1;
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_numbers() {
        for yes in [
            "大工发〔2020〕37号",
            "国办发明电〔2023〕7号",
            "劳社部发[2008]3号",
            "国发［2019］5号",
            "第707号",
        ] {
            assert!(is_doc_number(yes), "{yes}");
        }
        for no in [
            "〔2020〕37号",
            "第七号",
            "大工发〔20〕37号",
            "2020年37号",
            "号",
        ] {
            assert!(!is_doc_number(no), "{no}");
        }
    }

    #[test]
    fn dates() {
        for (text, kind) in [
            ("2016年12月20日", DateKind::Written),
            ("二〇一六年十二月二十日", DateKind::Written),
            ("一九九六年二月五日", DateKind::Written),
            ("二○○六年十二月三十日", DateKind::Written),
            ("（2019年5月29日）", DateKind::Written),
            ("2019-05-29", DateKind::Written),
            ("20201216", DateKind::Digits),
        ] {
            assert_eq!(date_kind(text), Some(kind), "{text}");
        }
        for no in [
            "2016年12月",
            "20201232",
            "15172.500",
            "2019年1月27日发布会",
            "12345678",
        ] {
            assert_eq!(date_kind(no), None, "{no}");
        }
    }

    #[test]
    fn closings() {
        for yes in [
            "特此通知。",
            "以上意见如无不妥，请批转各地、各部门贯彻执行。",
            "请认真贯彻执行。",
            "此复。",
            "本通知自1994年1月1日起施行。",
            "（此件公开发布）",
            "感谢您对政府工作的关心与支持。",
        ] {
            assert!(is_closing(yes), "{yes}");
        }
        assert!(!is_closing(
            "感谢你们对政府网站建设工作的关心和支持，我们将会认真研究你们的建议。"
        ));
        assert!(!is_closing("以上所称职工，是指在本单位工作的人员。"));
    }

    #[test]
    fn entity_residue() {
        assert_eq!(without_entity_residue("国务院办公厅&sp;"), "国务院办公厅");
        assert_eq!(without_entity_residue("甲&nbsp;&#160;"), "甲");
        assert_eq!(without_entity_residue("要落实；"), "要落实；");
        assert_eq!(without_entity_residue("a & b;"), "a & b;");
        assert_eq!(without_entity_residue("&x;"), "");
    }

    #[test]
    fn doc_types() {
        assert!(ends_with_doc_type("关于认真学习宣传贯彻的通知"));
        assert!(ends_with_doc_type("关于…的通知_大连市总工会"));
        assert!(ends_with_doc_type("中华人民共和国国务院令"));
        assert!(!ends_with_doc_type("关于认真学习贯彻市第七次工代会精神的"));
        assert_eq!(
            without_site_name("关于放假的通知_某网 - 首页"),
            "关于放假的通知"
        );
        assert_eq!(
            without_site_name("关于2019-2020学年的通知"),
            "关于2019-2020学年的通知"
        );
        assert_eq!(without_site_name("某市总工会_首页"), "某市总工会_首页");
    }
}
